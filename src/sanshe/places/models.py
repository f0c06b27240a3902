"""District (区) -> street (街道) -> community (社区)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import NamedModel
from sanshe.places import walking

LATITUDE_VALIDATORS = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


def coordinate_constraints(prefix: str):
    """Both coordinates or neither, each within range."""
    lat, lng = "latitude", "longitude"
    return [
        models.CheckConstraint(
            condition=Q(**{f"{lat}__isnull": True}, **{f"{lng}__isnull": True})
            | Q(**{f"{lat}__isnull": False}, **{f"{lng}__isnull": False}),
            name=f"{prefix}_coordinates_paired",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{lat}__isnull": True}) | Q(**{f"{lat}__gte": -90, f"{lat}__lte": 90}),
            name=f"{prefix}_latitude_range",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{lng}__isnull": True}) | Q(**{f"{lng}__gte": -180, f"{lng}__lte": 180}),
            name=f"{prefix}_longitude_range",
        ),
    ]


class Located(models.Model):
    """Coordinates in WGS-84 degrees; both or neither."""

    latitude = models.DecimalField(
        _("纬度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("经纬度要么都填，要么都不填。")})

    @property
    def point(self) -> walking.Point | None:
        if self.latitude is None or self.longitude is None:
            return None
        return walking.Point(float(self.latitude), float(self.longitude))


def walk_between(a: Located, b: Located) -> walking.Walk | None:
    """Walking estimate between two located rows, with the configured factors."""
    if a.point is None or b.point is None:
        return None
    return walking.walk(
        a.point,
        b.point,
        detour_factor=settings.SANSHE_WALK_DETOUR_FACTOR,
        metres_per_minute=settings.SANSHE_WALK_METRES_PER_MINUTE,
    )


def validate_polygon(value):
    """GeoJSON Polygon coordinates: rings of at least four [lng, lat] pairs, each ring closed."""
    message = _("边界应为 GeoJSON 多边形坐标：[[[经度, 纬度], ...]]，每个环至少4个点且首尾相同。")
    if not isinstance(value, list) or not value:
        raise ValidationError(message, code="invalid_boundary")
    for ring in value:
        if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
            raise ValidationError(message, code="invalid_boundary")
        for pair in ring:
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in pair)
                or not (-180 <= pair[0] <= 180 and -90 <= pair[1] <= 90)
            ):
                raise ValidationError(message, code="invalid_boundary")


class District(NamedModel, Located):
    city = models.CharField(_("城市"), max_length=50)
    province = models.CharField(_("省份"), max_length=50, blank=True)
    code = models.CharField(_("行政区划代码"), max_length=12, blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("区")
        verbose_name_plural = _("区")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="district_unique_in_city"),
            *coordinate_constraints("district"),
        ]

    def __str__(self):
        return f"{self.city}{self.name}"


class Street(NamedModel, Located):  # noqa: DJ008 (NamedModel's __str__: the street's name)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="streets", verbose_name=_("区"))

    class Meta(NamedModel.Meta):
        verbose_name = _("街道")
        verbose_name_plural = _("街道")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="street_unique_in_district"),
            *coordinate_constraints("street"),
        ]


class Community(NamedModel, Located):
    """A community (社区) with the profile staff plan against."""

    street = models.ForeignKey(Street, on_delete=models.PROTECT, related_name="communities", verbose_name=_("街道"))
    population = models.PositiveIntegerField(_("常住人口"), default=0)
    households = models.PositiveIntegerField(_("户数"), default=0)
    elderly = models.PositiveIntegerField(_("60岁以上老人"), default=0)
    children = models.PositiveIntegerField(_("儿童(0-14岁)"), default=0)
    migrants = models.PositiveIntegerField(_("流动人口"), default=0)
    disabled = models.PositiveIntegerField(_("残疾人"), default=0)
    # GeoJSON Polygon coordinates: [[[lng, lat], ...]]; optional.
    boundary = models.JSONField(_("边界"), null=True, blank=True, validators=[validate_polygon])

    class Meta(NamedModel.Meta):
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="community_unique_in_street"),
            *coordinate_constraints("community"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{group}__lte": F("population")}), name=f"community_{group}_within_population"
                )
                for group in ("elderly", "children", "migrants", "disabled")
            ],
        ]

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        street = self.street
        return f"{street.district.city}{street.district.name}{street.name}{self.name}"

    def share(self, group: str) -> float | None:
        """Share of the population in a group (elderly, children, migrants, disabled), 0..1."""
        if not self.population:
            return None
        return getattr(self, group) / self.population


class Building(NamedModel):
    """A building (楼栋) of a community, e.g. 3号楼, with how many units (单元) and households it has."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("社区"))
    units = models.PositiveSmallIntegerField(_("单元数"), default=1)
    households = models.PositiveIntegerField(_("户数"), default=0)

    class Meta(NamedModel.Meta):
        verbose_name = _("楼栋")
        verbose_name_plural = _("楼栋")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="building_unique_in_community"),
            models.CheckConstraint(condition=Q(units__gte=1), name="building_has_a_unit"),
        ]
