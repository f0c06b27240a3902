"""A community's notebook kept by its staff: each change is a new version row, attributed; a change made on an
older version than the latest is refused, so two staff never silently overwrite each other."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.cases.models import NotebookEntry, NotebookSection, NotebookVersion
from sanshe.common.refusals import refuse
from sanshe.people.predicates import is_community_staff

CANNOT_KEEP = gettext_lazy("社区笔记由本社区的工作人员记。")


def _check(actor, community, text: str, section: str, consent_note: str) -> None:
    if not is_community_staff(actor, community):
        raise PermissionDenied(str(CANNOT_KEEP))
    if not (text or "").strip():
        refuse(_("请写下内容。"), "text")
    if section == NotebookSection.KEY_PEOPLE and not (consent_note or "").strip():
        refuse(_("写关键人物前要征得本人同意：请写下本人怎样同意的，例如“本人口头同意写入”。"), "consent_note")


@transaction.atomic
def write(*, actor, community, section: str, title: str, text: str, consent_note: str = "") -> NotebookEntry:
    if section not in NotebookSection.values:
        refuse(_("请选择栏目。"), "section")
    title = (title or "").strip()
    if not title or len(title) > 100:
        refuse(_("请写一个标题（100字以内）。"), "title")
    _check(actor, community, text, section, consent_note)
    try:
        with transaction.atomic():
            entry = NotebookEntry.objects.create(community=community, section=section, title=title)
    except IntegrityError:
        refuse(_("这个栏目里已经有“%(title)s”了，请在那一页上修改。") % {"title": title}, "title")
    _version(entry, 1, actor, text, consent_note)
    return entry


@transaction.atomic
def revise(*, actor, entry: NotebookEntry, text: str, based_on: int, consent_note: str = "") -> NotebookVersion:
    """A new version on top of `based_on`, which must still be the latest."""
    locked = NotebookEntry.objects.select_for_update().get(pk=entry.pk)
    _check(actor, locked.community, text, locked.section, consent_note)
    latest = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if based_on != latest:
        refuse(_("这一页刚被别人改过（现在是第 %(n)s 版），请看过最新内容后再改。") % {"n": latest})
    return _version(locked, latest + 1, actor, text, consent_note)


def _version(entry, number, actor, text, consent_note) -> NotebookVersion:
    return NotebookVersion.objects.create(
        entry=entry,
        number=number,
        text=text.strip(),
        consent_note=(consent_note or "").strip()[:200],
        author=actor,
        author_name=str(actor)[:100],
    )


def entries(community):
    """The notebook's pages with their latest text, version number and author."""
    latest = NotebookVersion.objects.filter(entry=OuterRef("pk")).order_by("-number")
    return NotebookEntry.objects.filter(community=community).annotate(
        text=Subquery(latest.values("text")[:1]),
        number=Subquery(latest.values("number")[:1]),
        author_name=Subquery(latest.values("author_name")[:1]),
        changed_at=Subquery(latest.values("created_at")[:1]),
    )
