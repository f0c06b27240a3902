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
        parser.add_argument("--workers", type=int, default=2, help="gunicorn 工作进程数（默认 2）")

    def handle(self, *args, host, port, workers, **options):
        if not 0 < port < 65536:
            raise CommandError(f"端口 {port} 无效：请用 1-65535 之间的数字。")
        if workers < 1:
            raise CommandError("--workers 至少为 1。")
        if settings.PRODUCTION:
            self.stdout.write(f"收集静态文件到 {settings.STATIC_ROOT} ...")
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(host, port, workers)
        self.stdout.write(f"在 http://{host}:{port}/ 提供服务（gunicorn，{workers} 个工作进程）；按 Ctrl+C 停止。")
        if host not in settings.ALLOWED_HOSTS and host not in {"0.0.0.0", "::"}:
            self.stderr.write(f"注意：{host} 不在 ALLOWED_HOSTS 中，请设置环境变量 ALLOWED_HOSTS。")
        sys.stdout.flush()
        sys.stderr.flush()
        connections.close_all()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshe.settings")
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_folder()))
        os.execv(argv[0], argv)
