"""How `serve` starts gunicorn: the command line, kept apart so it can be tested."""

import sys
from pathlib import Path

import gunicorn

WSGI_APPLICATION = "sanshe.wsgi:application"


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def gunicorn_argv(
    host: str, port: int, workers: int, timeout: int = 60, threads: int = 1, max_requests: int = 1000
) -> list[str]:
    """gunicorn from the interpreter's own environment, logging to the console.

    `timeout`: seconds a worker may stay silent before gunicorn replaces it; `threads` per worker
    (more than one uses gthread workers); `max_requests`: a worker is replaced after about this many
    requests (0: never), with jitter so they do not all restart at once."""
    script = Path(sys.executable).with_name("gunicorn")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]
    return [
        *launcher,
        WSGI_APPLICATION,
        "--bind",
        bind_address(host, port),
        "--workers",
        str(workers),
        # The application is loaded once, before the workers fork: a faster start, less memory.
        "--preload",
        "--timeout",
        str(timeout),
        "--threads",
        str(threads),
        "--max-requests",
        str(max_requests),
        "--max-requests-jitter",
        str(max_requests // 10),
        # No access log: each request is one JSON line from sanshe.ops.requests.
        "--error-logfile",
        "-",
        # gunicorn 27 opens a control socket at one path in $HOME by default;
        # a second server (another port, another checkout) would fight over it.
        *(["--no-control-socket"] if gunicorn.version_info >= (27,) else []),
    ]
