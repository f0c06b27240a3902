"""`sanshe demo`: migrate, load the demo city, print the demo logins, then serve."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sanshe.common.contributions import statistics
from sanshe.demo.city import DemoCityConflict, load_demo_city
from sanshe.demo.logins import login_table

COUNT_LABELS = {
    "districts": "区",
    "streets": "街道",
    "communities": "社区",
    "organizations": "机构",
    "services": "服务",
    "locations": "服务地点",
    "accounts": "演示账号",
}


class Command(BaseCommand):
    help = "迁移数据库，载入演示城市（兰州城关、成都武侯、深圳福田），打印各角色的演示账号，然后启动服务器。"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只载入数据，不启动服务器")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn 工作进程数（默认 2）")

    def handle(self, *args, no_serve, host, port, workers, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        try:
            city = load_demo_city()
        except DemoCityConflict as error:
            raise CommandError(str(error)) from error
        counts = "，".join(f"{n} 个{COUNT_LABELS[key]}" for key, n in city.counts.items())
        state = "已载入演示城市" if city.created else "演示城市已存在，未作改动"
        self.stdout.write(f"{state}（{self.database()}）：{counts}。\n")
        self.stdout.write(login_table())
        self.stdout.write(self.features())
        url = f"http://{host}:{port}/"
        self.stdout.write(f"\n用户名或手机号均可登录。后台：{url}admin/（用户名 admin）")
        if no_serve:
            self.stdout.write(f"启动服务器：sanshe serve --host {host} --port {port}，然后打开 {url}")
            return
        self.stdout.write(f"打开 {url}\n")
        call_command("serve", host=host, port=port, workers=workers)

    def features(self) -> str:
        return (
            f"\n另有 {'，'.join(statistics())}。"
            "市集微基金：王秀兰（resident）任主任，马德民（mademin）任出纳，密码相同。"
        )

    def database(self) -> str:
        if connection.vendor == "sqlite":
            return f"SQLite {settings.DATABASES['default']['NAME']}"
        return f"{connection.vendor} {connection.settings_dict['NAME']}"
