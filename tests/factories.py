"""Test data factories, all in one place."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from sanshe.directory.models import (
    CostOption,
    Location,
    Organization,
    OrganizationKind,
    Schedule,
    Service,
    ServiceAtLocation,
)
from sanshe.needs.models import Need
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community, District, Street
from sanshe.taxonomy import seed
from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    city = "兰州市"
    name = factory.Sequence(lambda n: f"城关区{n}")
    latitude = Decimal("36.061")
    longitude = Decimal("103.834")


class StreetFactory(DjangoModelFactory):
    class Meta:
        model = Street

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"铁路西村街道{n}")


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"民主西路社区{n}")
    population = 10000
    households = 3500
    elderly = 3800
    children = 1200
    migrants = 900
    disabled = 150
    latitude = Decimal("36.060")
    longitude = Decimal("103.830")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"居民{n}")
    password = factory.django.Password("correct horse battery staple")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.SOCIAL_WORK_AGENCY
    name = factory.Sequence(lambda n: f"阳光社会工作服务中心{n}")
    description = "为社区居民提供专业社会工作服务。"
    registered_on = datetime.date(2015, 3, 1)


def _seeded_term(terms, code: str) -> TaxonomyTerm:
    # The vocabularies come from a data migration; a transactional (browser) test run earlier
    # on the same worker flushes them, so seed them again (idempotent) when they are gone.
    try:
        return terms.get(code=code)
    except TaxonomyTerm.DoesNotExist:
        if terms.exists():
            raise
    seed.seed(Taxonomy, TaxonomyTerm)
    return terms.get(code=code)


def domain(code: str) -> TaxonomyTerm:
    return _seeded_term(TaxonomyTerm.objects.domains(), code)


def target_group(code: str) -> TaxonomyTerm:
    return _seeded_term(TaxonomyTerm.objects.target_groups(), code)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"社区律师一元法律咨询{n}")
    description = "每周二下午，执业律师在社区为居民提供法律咨询。"
    capacity_per_week = 10

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


class CostOptionFactory(DjangoModelFactory):
    class Meta:
        model = CostOption

    service = factory.SubFactory(ServiceFactory)
    option = "每次咨询"
    amount_fen = 100


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"社区服务站{n}")
    address = "兰州市城关区民主西路1号"
    latitude = Decimal("36.061")
    longitude = Decimal("103.831")


class ServiceAtLocationFactory(DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = "WEEKLY"
    byday = "TU"
    opens_at = datetime.time(14, 0)
    closes_at = datetime.time(17, 0)


def give_role(user, kind: RoleKind, verified=False, **scope) -> Role:
    """Give a user a scoped role, e.g. give_role(u, RoleKind.ORG_STAFF, organization=org)."""
    import django.utils.timezone

    role = Role.objects.create(
        user=user, kind=kind, verified_at=django.utils.timezone.now() if verified else None, **scope
    )
    user.__dict__.pop("_sanshe_roles", None)
    return role


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = Need

    resident = factory.SubFactory(UserFactory)
    community = factory.SubFactory(CommunityFactory)
    # Words that name no concept of the residents' words table: the matcher does not judge the fit by them.
    summary = factory.Sequence(lambda n: f"需要社区帮忙{n}")
    description = "希望社区帮忙联系合适的服务。"
    domain = factory.LazyFunction(lambda: domain("elderly"))
