"""The archive of a community or an organization: minutes, reports, contracts, photos, each with its kind, date,
retention and access level; uploads and downloads permission-checked; a community's archive exports as a zip
(the files, plus an index in JSON and in a spreadsheet) for a change of organization or the street office."""

import datetime
import io
import json
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.cases import memory
from sanshe.cases.models import Access, Document, DocumentKind
from sanshe.common import exports
from sanshe.common.refusals import refuse
from sanshe.people.predicates import is_community_staff, is_officer_over, is_org_admin, is_org_member
from sanshe.search import ranking

MAX_BYTES = 20 * 1024 * 1024
CANNOT_UPLOAD = gettext_lazy("社区档案由本社区的工作人员上传，机构档案由本机构的工作人员上传。")
CANNOT_READ = gettext_lazy("这份文件不在您可以查看的范围内。")
CANNOT_EXPORT = gettext_lazy("只有本社区的工作人员和街道、区里的干部可以导出社区档案。")


def may_upload(user, *, community=None, organization=None) -> bool:
    if community is not None:
        return is_community_staff(user, community)
    return organization is not None and is_org_member(user, organization)


def may_read(user, document: Document) -> bool:
    if document.access == Access.PUBLIC:
        return True
    if document.community_id:
        if document.access == Access.RESTRICTED:
            return is_community_staff(user, document.community_id)
        return memory.may_see(user, document.community)
    if document.access == Access.RESTRICTED:
        return is_org_admin(user, document.organization_id)
    return is_org_member(user, document.organization_id)


@transaction.atomic
def upload(
    *,
    actor,
    file,
    kind: str,
    title: str,
    dated: datetime.date,
    keep_years: int,
    access: str,
    community=None,
    organization=None,
) -> Document:
    if not may_upload(actor, community=community, organization=organization):
        raise PermissionDenied(str(CANNOT_UPLOAD))
    if kind not in DocumentKind.values:
        refuse(_("请选择文件类别。"), "kind")
    if access not in Access.values:
        refuse(_("请选择查看范围。"), "access")
    if not (title or "").strip():
        refuse(_("请写一个标题，例如“2026年第三季度居民议事会纪要”。"), "title")
    if file is None or file.size == 0:
        refuse(_("请选择要上传的文件。"), "file")
    if file.size > MAX_BYTES:
        refuse(_("文件太大了：最大 20MB。照片可以先压缩再上传。"), "file")
    if not 1 <= keep_years <= 30:
        refuse(_("保存年限应在1到30年之间。"), "keep_years")
    return Document.objects.create(
        community=community,
        organization=organization,
        kind=kind,
        title=title.strip()[:200],
        dated=dated,
        keep_until=dated.replace(year=dated.year + keep_years, day=min(dated.day, 28)),
        access=access,
        file=file,
        uploaded_by=actor,
    )


def visible(user, *, community=None, organization=None, query: str = ""):
    """The archive's documents this person may open, newest first, optionally whose title contains `query`."""
    documents = (
        Document.objects.filter(community=community)
        if community
        else Document.objects.filter(organization=organization)
    )
    if query:
        # Public documents through the Chinese index (words, not only exact strings); the others by their title.
        found = ranking.ranked_ids(query[:50], "document", community_id=community.pk) if community else []
        documents = documents.filter(Q(pk__in=found) | Q(title__icontains=query[:50]))
    return [document for document in documents.order_by("-dated", "id") if may_read(user, document)]


def may_export(user, community) -> bool:
    return is_community_staff(user, community) or is_officer_over(user, community)


def _index_row(document: Document, name: str) -> dict:
    return {
        "file": name,
        "title": document.title,
        "kind": str(document.get_kind_display()),
        "date": document.dated.isoformat(),
        "keep_until": document.keep_until.isoformat(),
        "access": str(document.get_access_display()),
    }


def export_zip(*, actor, community) -> bytes:
    """Every document of the community's archive, with index.json and index.xlsx."""
    if not may_export(actor, community):
        raise PermissionDenied(str(CANNOT_EXPORT))
    buffer = io.BytesIO()
    rows = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, document in enumerate(
            Document.objects.filter(community=community).order_by("dated", "created_at", "id"), 1
        ):
            name = f"{number:03d}-{PurePosixPath(document.file.name).name}"
            with document.file.open("rb") as handle:
                archive.writestr(f"files/{name}", handle.read())
            rows.append(_index_row(document, f"files/{name}"))
        archive.writestr(
            "index.json", json.dumps({"community": community.name, "documents": rows}, ensure_ascii=False, indent=2)
        )
        headers = ["文件", "标题", "类别", "日期", "保存到", "查看范围"]
        archive.writestr(
            "index.xlsx", exports.to_xlsx([("档案目录", [headers, *[list(row.values()) for row in rows]])])
        )
    return buffer.getvalue()
