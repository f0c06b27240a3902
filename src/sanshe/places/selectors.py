"""Reads of places for views and APIs."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sanshe.places.models import Community


def communities() -> QuerySet[Community]:
    return Community.objects.select_related("street__district").order_by("sort_key", "id")


def community(community_id) -> Community:
    return get_object_or_404(communities(), pk=community_id)
