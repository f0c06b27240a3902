"""A directory with every part an HSDS service can carry filled in."""

import datetime
import itertools
from decimal import Decimal

from sanshe.directory.credit_code import check_character
from sanshe.taxonomy.models import Taxonomy, TaxonomyRole, TaxonomyTerm
from tests.factories import (
    CommunityFactory,
    CostOptionFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    domain,
    target_group,
)

_numbers = itertools.count(1000000)


def credit_code() -> str:
    """A fresh 统一社会信用代码 with a correct check digit."""
    first17 = f"52620100MJ{next(_numbers):07d}"
    return first17 + check_character(first17)


def full_service(name="社区律师一元法律咨询", amount_fen=100, organization=None):
    """A legal-advice service with an organization, place, hours, prices, areas and every kind of term."""
    community = CommunityFactory(boundary=[[[103.83, 36.06], [103.84, 36.06], [103.84, 36.07], [103.83, 36.06]]])
    plain_community = CommunityFactory(latitude=None, longitude=None)
    organization = organization or OrganizationFactory(
        email="help@yangguang.org.cn",
        website="https://yangguang.org.cn",
        phone="0931-8888888",
        contact_name="王老师",
        credit_code=credit_code(),
        alternate_name="阳光社工",
        community=community,
    )
    service = ServiceFactory(
        organization=organization,
        name=name,
        alternate_name="一元咨询",
        url="https://yangguang.org.cn/legal",
        email="legal@yangguang.org.cn",
        phone="0931-6666666",
        application_process="到社区服务站登记，或电话预约。",
        fees_description="每次咨询1元。",
        eligibility_description="本社区居民。",
        minimum_age=18,
        maximum_age=120,
        assured_date=datetime.date(2024, 3, 1),
        assurer_email="check@street.gov.cn",
        domains=[domain("legal")],
    )
    service.target_groups.set([target_group("elderly-alone"), target_group("low-income")])
    imported = Taxonomy.objects.create(
        name="OpenEligibility", role=TaxonomyRole.OTHER, uri="https://openeligibility.org"
    )
    service.other_terms.set([TaxonomyTerm.objects.create(taxonomy=imported, name="Legal aid", code="legal-aid")])
    service.service_area.set([community, plain_community])
    CostOptionFactory(service=service, option="每次咨询", amount_fen=amount_fen, amount_description="现场支付")
    CostOptionFactory(
        service=service,
        option="低保家庭",
        amount_fen=0,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    ScheduleFactory(service=service, byday="TU", description="每周二下午")
    location = LocationFactory(
        organization=organization,
        name="民主西路社区服务站",
        description="一楼大厅",
        transportation="公交1路民主西路站",
        address="城关区民主西路1号",
        city="兰州市",
        region="城关区",
        state_province="甘肃省",
        postal_code="730030",
        latitude=Decimal("36.061000"),
        longitude=Decimal("103.831000"),
        community=community,
    )
    at_location = ServiceAtLocationFactory(service=service, location=location, description="在服务站一楼")
    ScheduleFactory(
        service=None,
        service_at_location=at_location,
        freq="MONTHLY",
        byday="",
        bymonthday="1,15",
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(11, 30),
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
        description="每月1日、15日上午",
    )
    return service
