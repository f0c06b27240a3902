"""Writes about places."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common.refusals import refuse, require
from sanshe.places.models import Building, Community

# The figures staff plan against; the groups are parts of the population.
PROFILE_FIELDS = ("population", "households", "elderly", "children", "migrants", "disabled")
POPULATION_GROUPS = ("elderly", "children", "migrants", "disabled")


def check_profile(data: dict) -> None:
    """Refuse counts the database would refuse, each next to its field: no group is larger than the population."""
    population = data.get("population")
    if population is None:
        return
    errors = {}
    for group in POPULATION_GROUPS:
        count = data.get(group)
        if count is not None and count > population:
            label = Community._meta.get_field(group).verbose_name
            errors[group] = [
                _("%(group)s（%(count)s 人）不能多于常住人口（%(population)s 人）。请核对这两个数字。")
                % {"group": label, "count": count, "population": population}
            ]
    if errors:
        raise ValidationError(errors, code="more_than_population")


@transaction.atomic
def update_community_profile(*, actor, community: Community, data: dict) -> Community:
    """Community staff (or a platform admin) change a community's population figures."""
    require(actor, "places.change_community", community, _("只有本社区的工作人员（或平台管理员）可以修改社区概况。"))
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise PermissionDenied(_("这里不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    community = Community.objects.select_for_update().get(pk=community.pk)
    for field, value in data.items():
        setattr(community, field, value)
    check_profile({field: getattr(community, field) for field in PROFILE_FIELDS})
    community.full_clean()
    community.save(update_fields=[*data, "modified_at"])
    return community


@transaction.atomic
def add_building(*, actor, community: Community, name: str, units: int = 1, households: int = 0):
    """Community staff list a building (楼栋) of their community, so its representative can be found."""
    require(actor, "places.change_community", community, _("只有本社区的工作人员（或平台管理员）可以登记楼栋。"))
    if Building.objects.filter(community=community, name=name.strip()).exists():
        refuse(_("%(community)s已经有“%(name)s”了。") % {"community": community.name, "name": name.strip()}, "name")
    building = Building(community=community, name=name.strip(), units=units, households=households)
    building.full_clean()
    building.save()
    return building
