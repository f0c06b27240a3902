"""`sanshe match --community|--street|--district <uuid or name> [--dry-run]`: batch matching."""

import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from sanshe.matching import reasons, services
from sanshe.places.models import Community, District, Street


def _find(model, value: str, label: str):
    try:
        query = Q(pk=uuid.UUID(value))
    except ValueError:
        query = Q(name=value)
    rows = list(model.objects.filter(query)[:2])
    if not rows:
        raise CommandError(f"找不到{label}“{value}”：请给出它的 UUID 或完整名称。")
    if len(rows) > 1:
        raise CommandError(f"有多个{label}叫“{value}”：请改用 UUID。")
    return rows[0]


class Command(BaseCommand):
    help = (
        "为一个社区、街道或区的待对接需求批量匹配服务（尽量多服务，再求总代价最小），"
        "写入“建议”状态的转介，由社区工作人员确认发送；--dry-run 只打印不写入。"
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--community", help="社区的 UUID 或名称")
        scope.add_argument("--street", help="街道的 UUID 或名称")
        scope.add_argument("--district", help="区的 UUID 或名称")
        parser.add_argument("--dry-run", action="store_true", help="只打印建议和汇总，不写入数据库")
        parser.add_argument("--workers", type=int, default=1, help="并行求解的进程数（按独立部分拆分）")

    def handle(self, *args, **options):
        from sanshe.matching import selectors

        if options["community"]:
            scope = _find(Community, options["community"], "社区")
        elif options["street"]:
            scope = _find(Street, options["street"], "街道")
        else:
            scope = _find(District, options["district"], "区")
        result = services.propose(selectors.communities_in(scope), workers=max(1, options["workers"]))
        for p in result.proposals:
            self.stdout.write(f"{p.need.summary} → {p.service.name}：{reasons.render(p.reasons)}")
        if not options["dry_run"]:
            services.write_proposals(result)
        self.stdout.write("")
        self.stdout.write(f"范围：{scope}；待匹配需求 {result.considered} 个")
        self.stdout.write(f"可服务：{result.served} 个")
        for label, count in result.unserved.items():
            self.stdout.write(f"未能匹配（{label}）：{count} 个")
        self.stdout.write(
            f"步行合计 {result.walk_minutes_total:.1f} 分钟；平均 {result.walk_minutes_mean:.1f} 分钟（线上服务不计）"
        )
        self.stdout.write("（试运行：未写入）" if options["dry_run"] else f"已写入 {result.written} 条建议转介")
