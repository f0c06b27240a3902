"""`sanshe match --community|--street|--district <uuid or name> [--dry-run]`: batch matching.

Output goes through gettext: Chinese by default, English under `translation.override("en")` or with
`--language en`.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sanshe.common.ids import parse_uuid
from sanshe.matching import batch, reasons
from sanshe.places.models import Community, District, Street


def _find(model, value: str, label: str):
    pk = parse_uuid(value)
    query = Q(pk=pk) if pk else Q(name=value)
    rows = list(model.objects.filter(query)[:2])
    if not rows:
        raise CommandError(
            _("找不到%(kind)s“%(value)s”：请给出它的 UUID 或完整名称。") % {"kind": label, "value": value}
        )
    if len(rows) > 1:
        raise CommandError(_("有多个%(kind)s叫“%(value)s”：请改用 UUID。") % {"kind": label, "value": value})
    return rows[0]


def summary(result: batch.MatchResult, scope, *, dry_run: bool) -> list[str]:
    """The closing lines: scope, served, unserved by reason, walking minutes, what was written."""
    lines = [
        _("范围：%(scope)s；待匹配需求 %(count)s 个") % {"scope": scope, "count": result.considered},
        _("可服务：%(count)s 个") % {"count": result.served},
    ]
    for label, count in result.unserved.items():
        lines.append(_("未能匹配（%(reason)s）：%(count)s 个") % {"reason": label, "count": count})
    lines.append(
        _("步行合计 %(total).1f 分钟；平均 %(mean).1f 分钟（线上服务不计）")
        % {"total": result.walk_minutes_total, "mean": result.walk_minutes_mean}
    )
    if dry_run:
        lines.append(
            _("（试运行：未写入；正式运行会撤回 %(count)s 条旧的未发送建议）") % {"count": len(result.supersede)}
        )
    else:
        lines.append(
            _("已写入 %(written)s 条建议转介；撤回被取代的旧建议 %(withdrawn)s 条")
            % {"written": result.written, "withdrawn": result.withdrawn}
        )
    return lines


class Command(BaseCommand):
    help = (
        "为一个社区、街道或区的待对接需求批量匹配服务（尽量多服务，再求总代价最小），"
        "写入“建议”状态的转介，由社区工作人员确认发送；重新运行会撤回旧的未发送建议；--dry-run 只打印不写入。"
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--community", help="社区的 UUID 或名称")
        scope.add_argument("--street", help="街道的 UUID 或名称")
        scope.add_argument("--district", help="区的 UUID 或名称")
        parser.add_argument("--dry-run", action="store_true", help="只打印建议和汇总，不写入数据库")
        parser.add_argument("--workers", type=int, default=1, help="并行求解的进程数（按独立部分拆分）")
        parser.add_argument("--language", default="", help="输出语言，例如 zh-hans 或 en（默认为站点语言）")

    def handle(self, *args, **options):
        if options["language"]:
            with translation.override(options["language"]):
                return self._run(options)
        return self._run(options)

    def _run(self, options):
        from sanshe.matching import selectors

        if options["community"]:
            scope = _find(Community, options["community"], pgettext("匹配范围", "社区"))
        elif options["street"]:
            scope = _find(Street, options["street"], pgettext("匹配范围", "街道"))
        else:
            scope = _find(District, options["district"], pgettext("匹配范围", "区"))
        result = batch.propose(selectors.communities_in(scope), workers=max(1, options["workers"]))
        for p in result.proposals:
            self.stdout.write(
                _("%(need)s → %(service)s：%(reasons)s")
                % {"need": p.need.summary, "service": p.service.name, "reasons": reasons.render(p.reasons)}
            )
        if not options["dry_run"]:
            batch.write_proposals(result)
        self.stdout.write("")
        for line in summary(result, scope, dry_run=options["dry_run"]):
            self.stdout.write(line)
