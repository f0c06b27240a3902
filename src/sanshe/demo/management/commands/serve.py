"""`sanshe serve`: the production WSGI server (gunicorn) with static files from WhiteNoise.

In demo mode WhiteNoise finds static files in the apps (WHITENOISE_USE_FINDERS);
in production they are collected into STATIC_ROOT first. The command then
replaces itself with gunicorn, so signals (Ctrl+C, SIGTERM from a process
manager) reach gunicorn directly.
"""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sanshe.demo.server import gunicorn_argv

# option, environment variable, default, meaning
OPTIONS = (
    ("workers", "SANSHE_WORKERS", 2, "gunicorn 工作进程数"),
    ("timeout", "SANSHE_TIMEOUT", 60, "工作进程多少秒没有响应就被替换"),
    ("threads", "SANSHE_THREADS", 1, "每个工作进程的线程数（大于 1 时用 gthread）"),
    ("max-requests", "SANSHE_MAX_REQUESTS", 1000, "每个工作进程处理约这么多请求后重启，0 表示不重启"),
)


def metrics_folder():
    """Where the gunicorn workers write their Prometheus counts, emptied at each start (see sanshe.ops.metrics)."""
    folder = settings.DATA_DIR / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


class Command(BaseCommand):
    help = "用 gunicorn 运行 sanshe.wsgi:application；静态文件由 WhiteNoise 提供（生产模式先 collectstatic）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        for name, env, default, meaning in OPTIONS:
            parser.add_argument(
                f"--{name}",
                type=int,
                # argparse converts a string default with `type`, so a bad variable is a usage error.
                default=os.environ.get(env, "").strip() or default,
                help=f"{meaning}（默认 {default}，或环境变量 {env}）",
            )

    def handle(self, *args, host, port, workers, timeout, threads, max_requests, **options):
        if not 0 < port < 65536:
            raise CommandError(f"端口 {port} 无效：请用 1-65535 之间的数字。")
        for name, value, least in (("workers", workers, 1), ("timeout", timeout, 1), ("threads", threads, 1)):
            if value < least:
                raise CommandError(f"--{name} 至少为 {least}。")
        if max_requests < 0:
            raise CommandError("--max-requests 不能为负数（0 表示不重启工作进程）。")
        if settings.PRODUCTION:
            self.stdout.write(f"收集静态文件到 {settings.STATIC_ROOT} ...")
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(host, port, workers, timeout=timeout, threads=threads, max_requests=max_requests)
        self.stdout.write(f"在 http://{host}:{port}/ 提供服务（gunicorn，{workers} 个工作进程）；按 Ctrl+C 停止。")
        if host not in settings.ALLOWED_HOSTS and host not in {"0.0.0.0", "::"}:
            self.stderr.write(f"注意：{host} 不在 ALLOWED_HOSTS 中，请设置环境变量 ALLOWED_HOSTS。")
        sys.stdout.flush()
        sys.stderr.flush()
        connections.close_all()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshe.settings")
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_folder()))
        os.execv(argv[0], argv)
