"""How `serve` starts gunicorn: the command line, kept apart so it can be tested."""

import sys
from pathlib import Path

import gunicorn

WSGI_APPLICATION = "sanshe.wsgi:application"


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """gunicorn from the interpreter's own environment, logging errors to the console."""
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
        # No access log: each request is one JSON line from sanshe.ops.requests.
        "--error-logfile",
        "-",
        # gunicorn 27 opens a control socket at one path in $HOME by default;
        # a second server (another port, another checkout) would fight over it.
        *(["--no-control-socket"] if gunicorn.version_info >= (27,) else []),
    ]
