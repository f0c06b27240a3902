"""Pages at city scale, measured from outside against a Django hello world: run by hand, prints figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python bench/pages.py [--services 100000] [--needs 1000000] [--communities 500]
        # data in its own database sanshe_bench_pages (dropped and made afresh unless --reuse)

Builds the city with the search bench's generator, starts `sanshe serve` (2 gunicorn workers) and a hello
world (bench/hello.py, gunicorn, 2 workers) side by side, times the cold start of `sanshe serve` to its first
200, then drives each page with the same bounded Python client (--clients threads for --seconds, a new
connection per request, as gunicorn's sync workers close them) and prints req/s, p50 and p99 per page and
its throughput as a fraction of hello world's. The last line is JSON. Goals (issue 13): p50 <= 50 ms and
p95 <= 150 ms per page, the home page >= 1/10 of hello world's req/s, cold start <= 1.5 s.
"""

import argparse
import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

import search as city  # noqa: E402  the search bench's generator

city.BENCH_DATABASE = "sanshe_bench_pages"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=1_000_000)
    parser.add_argument("--communities", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    args = parser.parse_args()

    if os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = city.bench_database(os.environ["DATABASE_URL"], fresh=not args.reuse)
    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-pages-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    urls, cookies = build_city(args)

    compile_sources()
    sanshe_port, hello_port = free_port(), free_port()
    hello = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hello:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{hello_port}",
            "--chdir",
            str(BENCH),
            "--error-logfile",
            "-",
        ],
        BENCH,
    )
    started = time.perf_counter()
    sanshe = start([sys.executable, "-m", "sanshe.cli", "serve", "--port", str(sanshe_port), "--workers", "2"], None)
    try:
        cold = wait_for(sanshe_port, "/", started)
        wait_for(hello_port, "/", time.perf_counter())
        print(f"cold start of sanshe serve to the first 200 of /: {cold:.2f} s")
        results = {"hello world": drive(hello_port, "/", None, args)}
        for label, (url, who) in urls.items():
            if get(sanshe_port, url, cookies.get(who)) == 200:  # an older checkout may not have the page
                results[label] = drive(sanshe_port, url, cookies.get(who), args)
    finally:
        for process in (sanshe, hello):
            process.terminate()
            process.wait(timeout=20)
    report(results, cold, args)


def build_city(args):
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.management import call_command
    from django.db import connection, connections

    from sanshe.demo.city import load_demo_city
    from sanshe.directory.models import Service
    from sanshe.people.models import Role, RoleKind
    from sanshe.places.models import Community

    call_command("migrate", verbosity=0)
    load_demo_city()
    t0 = time.perf_counter()
    communities = city.grow_communities(args.communities)
    city.grow_services(args.services)
    city.grow_needs(args.needs, communities)
    from sanshe.needs.models import Need
    from sanshe.search.models import SearchEntry

    if not (args.reuse and SearchEntry.objects.exists()):
        city.build_index()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(
        f"{connection.vendor}: {Service.objects.count()} services, {Need.objects.count()} needs, "
        f"{Community.objects.count()} communities ({time.perf_counter() - t0:.0f} s to build)"
    )
    officer = Role.objects.filter(kind=RoleKind.DISTRICT_OFFICER).select_related("user").first().user
    resident = Role.objects.filter(kind=RoleKind.RESIDENT).select_related("user").first().user
    cookies = {}
    for who, user in {"officer": officer, "resident": resident}.items():
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "sanshe.people.auth.PhoneOrUsernameBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        cookies[who] = f"sessionid={session.session_key}"
    legal = Service.objects.filter(name__contains="法律").order_by("sort_key").first()
    community = Community.objects.order_by("sort_key").first()
    urls = {
        "middleware only (/healthz)": ("/healthz", None),
        "home (找服务)": ("/", None),
        "home ?q=法律": ("/?q=法律", None),
        "home, signed-in resident": ("/", "resident"),
        "service page": (f"/services/{legal.pk}/", None),
        "communities": ("/communities/", None),
        "community page": (f"/communities/{community.pk}/", None),
        "public needs": ("/needs/", None),
        "district officer's needs overview": ("/needs/overview/", "officer"),
    }
    connections.close_all()
    return urls, cookies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(argv, cwd):
    return subprocess.Popen(
        argv, cwd=cwd, env=server_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def server_environment():
    """The servers' environment, with compiled bytecode as an installed package has it (pip compiles on
    install), kept out of the checkout; compiled once before the cold start is timed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "sanshe-bench-pycache")
    return env


def compile_sources():
    import compileall
    import sysconfig

    os.environ["PYTHONPYCACHEPREFIX"] = server_environment()["PYTHONPYCACHEPREFIX"]
    sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"]
    for folder in (BENCH.parent / "src", BENCH, Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=2, workers=0)


def get(port, url, cookie) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", quote(url, safe="/?=&"), headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_for(port, url, since) -> float:
    while True:
        with contextlib.suppress(OSError):  # not listening yet: ask again
            if get(port, url, None) == 200:
                return time.perf_counter() - since
        if time.perf_counter() - since > 60:
            raise RuntimeError(f"no 200 from {url} within 60 s")
        time.sleep(0.02)


def drive(port, url, cookie, args) -> dict:
    for _warm in range(3):
        status = get(port, url, cookie)
        assert status == 200, (url, status)
    timings, errors = [], []
    deadline = time.perf_counter() + args.seconds

    def client():
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            status = get(port, url, cookie)
            (timings if status == 200 else errors).append(time.perf_counter() - t0)

    threads = [threading.Thread(target=client) for _n in range(args.clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    timings.sort()
    return {
        "rps": round(len(timings) / elapsed, 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[int(len(timings) * 0.95)] * 1000, 1),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000, 1),
        "errors": len(errors),
    }


def report(results, cold, args):
    hello = results["hello world"]["rps"]
    print(f"{args.clients} clients, {args.seconds:.0f} s per page")
    print(f"{'page':36} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'of hello':>9}")
    for label, figures in results.items():
        share = figures["rps"] / hello if hello else 0
        figures["of_hello_world"] = round(share, 3)
        print(
            f"{label:36} {figures['rps']:8.1f} {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f} "
            f"{figures['p99_ms']:8.1f} {share:9.3f}" + (f"  ({figures['errors']} errors)" if figures["errors"] else "")
        )
    print(json.dumps({"cold_start_s": round(cold, 2), "pages": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
