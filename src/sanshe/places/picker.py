"""Choosing a community among thousands: a <select> that holds only the ones that matter to this person.

Rendering every community of a city as an <option> made 找服务 cost time in proportion to the city. The
picker offers the resident's own communities and the one chosen; a search box (community-picker.js) fetches
others from /communities/pick.json as the person types; without JavaScript, a link opens a page to search
and choose, which returns to the same page with the choice set.
"""

import uuid
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.places.models import Community

SEARCH_LIMIT = 20


def label(community: Community) -> str:
    return f"{community.name}（{community.street.name}）"


def find(text: str, limit: int = SEARCH_LIMIT) -> list[Community]:
    """Communities whose name (or street's name) contains the text, in pinyin order."""
    text = text.strip()
    if not text:
        return []
    found = Community.objects.filter(name__contains=text) | Community.objects.filter(street__name__contains=text)
    return list(found.select_related("street__district").order_by("sort_key", "id")[:limit])


class CommunityPicker(forms.Select):
    template_name = "places/widgets/community_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.offered: list[Community] = []
        self.return_to = ""

    def get_context(self, name, value, attrs):
        chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v]
        known = {str(c.pk) for c in self.offered}
        missing = [pk for pk in chosen if pk not in known and _is_uuid(pk)]
        extra = list(Community.objects.filter(pk__in=missing).select_related("street")) if missing else []
        self.choices = [("", self.empty_label), *((c.pk, label(c)) for c in [*self.offered, *extra])]
        attrs = {
            **(attrs or {}),
            "data-community-picker": reverse("community_pick"),
            "data-search-label": _("查找社区"),
            "data-search-placeholder": _("输入名称查找"),
        }
        context = super().get_context(name, value, attrs)
        context["widget"]["choose_url"] = (
            reverse("community_choose") + "?" + urlencode({"field": name, "next": self.return_to or "/"})
        )
        return context


class CommunityField(forms.ModelChoiceField):
    """A ModelChoiceField over every community that renders only a few (see CommunityPicker)."""

    widget = CommunityPicker

    def __init__(self, **kwargs):
        super().__init__(queryset=Community.objects.all(), **kwargs)
        self.widget.empty_label = self.empty_label or ""

    def offer(self, communities, return_to: str) -> None:
        """The options shown before any search (the person's own communities), and the page to come back to."""
        self.widget.offered = list(communities)
        self.widget.return_to = return_to


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def choice_url(back: str, field: str, community_id) -> str:
    """The page the person came from, with `field` set to the community (and back to its first page)."""
    path, _sep, query = back.partition("?")
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k not in {field, "page"}]
    return f"{path}?{urlencode([*params, (field, str(community_id))])}"


def own_communities(user) -> list[Community]:
    """The communities the person lives in (a resident may live in two)."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of

    ids = [role.community_id for role in roles_of(user) if role.kind == RoleKind.RESIDENT]
    return list(Community.objects.filter(pk__in=ids).select_related("street").order_by("sort_key")) if ids else []


def prepare(request, *fields: CommunityField) -> None:
    communities = own_communities(request.user)
    for field in fields:
        field.offer(communities, request.get_full_path())
