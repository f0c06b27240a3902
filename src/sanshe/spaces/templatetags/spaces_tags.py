"""A community page's part about spaces: how many there are, and promised rooms overdue for handover."""

from django import template

from sanshe.spaces import selectors, workflow
from sanshe.spaces.models import Space

register = template.Library()


@register.inclusion_tag("spaces/_community_spaces.html")
def community_spaces(community):
    return {
        "community": community,
        "count": Space.objects.filter(community=community, status=workflow.PUBLIC).count(),
        "overdue": list(selectors.overdue_handovers(communities=[community])),
    }
