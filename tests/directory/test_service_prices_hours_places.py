"""The service form publishes what residents ask first: how much, when and where."""

import datetime

import pytest
from django.urls import reverse

from sanshe.directory.models import CostOption, Location, Schedule, Service, ServiceAtLocation
from tests.directory.form_values import form_values
from tests.factories import LocationFactory, ScheduleFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(organization, community):
    return LocationFactory(
        name="金城律师事务所接待室", address="兰州市城关区庆阳路8号", organization=organization, community=community
    )


@pytest.fixture
def foreign_place(other_organization):
    return LocationFactory(name="夕阳红日间照料中心", organization=other_organization)


@pytest.fixture
def staff_client(client_as, users):
    return client_as(users["org_staff"])


def new_form(client, organization) -> dict:
    """The blank form as the browser would post it."""
    return form_values(client.get(reverse("service_create", args=[organization.pk])).content.decode())


def filled(values: dict, **changes) -> dict:
    values = {**values, "name": "老年人防诈骗讲座", "description": "民警和律师讲解常见诈骗手法。"}
    values.update(changes)
    return values


def test_a_new_service_shows_its_price_hours_and_place(staff_client, organization, station):
    url = reverse("service_create", args=[organization.pk])
    data = filled(
        new_form(staff_client, organization),
        **{
            "cost-0-option": "每次咨询",
            "cost-0-amount": "1",
            "hours-0-days": ["TU"],
            "hours-0-opens_at": "14:00",
            "hours-0-closes_at": "17:00",
            "locations": [str(station.pk)],
        },
    )
    response = staff_client.post(url, data)
    service = Service.objects.get(name="老年人防诈骗讲座")
    assert response.status_code == 302
    assert [(c.option, c.amount_fen) for c in service.cost_options.all()] == [("每次咨询", 100)]
    assert [(s.byday, s.opens_at, s.closes_at) for s in service.schedules.all()] == [
        ("TU", datetime.time(14), datetime.time(17))
    ]
    assert [link.location for link in service.at_locations.all()] == [station]
    page = staff_client.get(response["Location"]).content.decode()
    assert "¥1" in page and "每周二 14:00–17:00" in page
    assert "金城律师事务所接待室" in page and "兰州市城关区庆阳路8号" in page


@pytest.mark.parametrize(
    ("typed", "fen", "shown"),
    [("1.50", 150, "¥1.50"), ("0", 0, "免费"), (" 30 ", 3000, "¥30"), ("１２００元", 120000, "¥1,200")],
)
def test_prices_are_typed_in_yuan_and_stored_in_fen(staff_client, organization, typed, fen, shown):
    data = filled(new_form(staff_client, organization), **{"cost-0-amount": typed})
    response = staff_client.post(reverse("service_create", args=[organization.pk]), data)
    assert response.status_code == 302
    assert CostOption.objects.get().amount_fen == fen
    assert shown in staff_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "金额不能是负数。"),
        # Never rounded or cut to ¥1.50: the worker is told.
        ("1.505", "金额最多精确到分（小数点后两位）。"),
        ("一元", "请填写金额，例如 12.50。"),
        ("12345678901", "金额太大了，请检查是否多输了数字。"),
    ],
)
def test_a_bad_price_is_explained_next_to_it_and_nothing_is_saved(staff_client, organization, typed, message):
    data = filled(new_form(staff_client, organization), **{"cost-0-option": "每次咨询", "cost-0-amount": typed})
    response = staff_client.post(reverse("service_create", args=[organization.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert page.index('id="id_cost-0-amount_error"') < page.index('id="id_cost-0-amount"')
    # What the worker typed is still there to correct.
    assert 'value="老年人防诈骗讲座"' in page and f'value="{typed}"' in page
    assert not Service.objects.exists() and not CostOption.objects.exists()


def test_a_price_row_with_a_name_needs_an_amount(staff_client, organization):
    data = filled(new_form(staff_client, organization), **{"cost-0-option": "每次咨询", "cost-0-amount": ""})
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "请填写金额；免费请填 0。" in page
    assert not Service.objects.exists()


def test_closing_before_opening_is_refused(staff_client, organization):
    data = filled(
        new_form(staff_client, organization),
        **{"hours-0-days": ["TU", "TH"], "hours-0-opens_at": "17:00", "hours-0-closes_at": "14:00"},
    )
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "结束时间必须晚于开始时间。" in page
    assert 'id="id_hours-0-closes_at_error"' in page
    assert not Service.objects.exists() and not Schedule.objects.exists()


def test_hours_need_at_least_one_day(staff_client, organization):
    data = filled(new_form(staff_client, organization), **{"hours-0-opens_at": "09:00", "hours-0-closes_at": "11:00"})
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "请至少勾选一天；每天都开放就全部勾选。" in page
    assert not Service.objects.exists()


def test_several_days_are_stored_in_week_order(staff_client, organization):
    data = filled(
        new_form(staff_client, organization),
        **{"hours-0-days": ["TH", "TU"], "hours-0-opens_at": "09:00", "hours-0-closes_at": "11:30"},
    )
    staff_client.post(reverse("service_create", args=[organization.pk]), data)
    assert Schedule.objects.get().byday == "TU,TH"


def test_a_place_of_another_organization_cannot_be_slipped_in(staff_client, organization, station, foreign_place):
    data = filled(new_form(staff_client, organization), locations=[str(station.pk), str(foreign_place.pk)])
    response = staff_client.post(reverse("service_create", args=[organization.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "所选地点不是本机构的服务地点" in page
    assert "夕阳红日间照料中心" not in page
    assert not Service.objects.exists() and not ServiceAtLocation.objects.exists()


def test_hours_cannot_name_a_place_of_another_organization(staff_client, organization, foreign_place):
    data = filled(
        new_form(staff_client, organization),
        **{"hours-0-days": ["MO"], "hours-0-opens_at": "09:00", "hours-0-place": str(foreign_place.pk)},
    )
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "所选地点不是本机构的服务地点，请从列表中选择。" in page
    assert not Service.objects.exists() and not Schedule.objects.exists()


def test_hours_at_one_place_belong_to_that_place(staff_client, organization, station):
    data = filled(
        new_form(staff_client, organization),
        **{
            "locations": [str(station.pk)],
            "hours-0-days": ["SA"],
            "hours-0-opens_at": "09:00",
            "hours-0-closes_at": "12:00",
            "hours-0-place": str(station.pk),
            "hours-0-description": "周六上午",
        },
    )
    response = staff_client.post(reverse("service_create", args=[organization.pk]), data)
    link = ServiceAtLocation.objects.get()
    assert link.location == station and link.service.schedules.count() == 0
    assert [s.byday for s in link.schedules.all()] == ["SA"]
    page = staff_client.get(response["Location"]).content.decode()
    assert "每周六 09:00–12:00" in page and "周六上午" in page


def test_hours_at_a_place_that_is_not_ticked_ask_to_tick_it(staff_client, organization, station):
    data = filled(
        new_form(staff_client, organization),
        **{"hours-0-days": ["SA"], "hours-0-opens_at": "09:00", "hours-0-place": str(station.pk)},
    )
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "请先在上面“服务地点”里勾选这个地点" in page
    assert not Service.objects.exists()


def test_a_new_place_is_saved_for_the_organization_with_its_hours(staff_client, organization, community):
    data = filled(
        new_form(staff_client, organization),
        **{
            "new_place-name": "庆阳路法律服务点",
            "new_place-address": "兰州市城关区庆阳路100号",
            "new_place-community": str(community.pk),
            "new_place-latitude": "36.0581",
            "new_place-longitude": "103.8262",
            "hours-0-days": ["WE"],
            "hours-0-opens_at": "14:00",
            "hours-0-closes_at": "16:00",
            "hours-0-place": "new",
        },
    )
    response = staff_client.post(reverse("service_create", args=[organization.pk]), data)
    assert response.status_code == 302
    place = Location.objects.get(name="庆阳路法律服务点")
    assert place.organization == organization and place.community == community
    link = ServiceAtLocation.objects.get(location=place)
    assert [s.byday for s in link.schedules.all()] == ["WE"]
    assert "庆阳路法律服务点" in staff_client.get(response["Location"]).content.decode()


def test_a_new_place_needs_both_coordinates_or_none(staff_client, organization):
    data = filled(
        new_form(staff_client, organization), **{"new_place-name": "庆阳路法律服务点", "new_place-latitude": "36.05"}
    )
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "纬度和经度要么都填，要么都不填。" in page
    assert 'value="庆阳路法律服务点"' in page
    assert not Location.objects.exists() and not Service.objects.exists()


def test_a_new_place_needs_a_name_only_once_something_is_typed_there(staff_client, organization):
    blank = staff_client.get(reverse("service_create", args=[organization.pk])).content.decode()
    assert "新增地点时必填" in blank
    data = filled(new_form(staff_client, organization), **{"new_place-address": "兰州市城关区庆阳路100号"})
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "请填写新地点的名称。" in page
    assert 'value="兰州市城关区庆阳路100号"' in page
    assert not Location.objects.exists() and not Service.objects.exists()


def test_hours_for_a_new_place_need_the_new_place(staff_client, organization):
    data = filled(new_form(staff_client, organization), **{"hours-0-days": ["WE"], "hours-0-place": "new"})
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert "请先在下面“新增地点”里填写这个地点的名称。" in page
    assert not Service.objects.exists()


def test_saving_the_edit_form_unchanged_loses_nothing(staff_client, legal_service):
    """The fixture's place has no organization; it was linked before, so it stays available."""
    url = reverse("service_edit", args=[legal_service.pk])
    response = staff_client.post(url, form_values(staff_client.get(url).content.decode()))
    assert response.status_code == 302
    legal_service.refresh_from_db()
    assert [c.amount_fen for c in legal_service.cost_options.all()] == [100]
    assert [(s.byday, s.opens_at) for s in legal_service.schedules.all()] == [("TU", datetime.time(14))]
    assert [link.location.name for link in legal_service.at_locations.all()] == ["民主西路社区服务站"]


def test_edit_changes_a_price_and_removes_a_row(staff_client, legal_service):
    url = reverse("service_edit", args=[legal_service.pk])
    values = form_values(staff_client.get(url).content.decode())
    values.update({"cost-0-amount": "2.5", "cost-1-option": "加急", "cost-1-amount": "10", "hours-0-DELETE": "on"})
    assert staff_client.post(url, values).status_code == 302
    assert sorted(c.amount_fen for c in legal_service.cost_options.all()) == [250, 1000]
    assert not legal_service.schedules.exists()


def test_one_bad_row_saves_nothing_of_the_edit(staff_client, legal_service):
    url = reverse("service_edit", args=[legal_service.pk])
    values = form_values(staff_client.get(url).content.decode())
    values.update({"name": "新名称", "cost-0-amount": "-1", "hours-0-days": ["WE"]})
    response = staff_client.post(url, values)
    assert response.status_code == 200 and "金额不能是负数" in response.content.decode()
    legal_service.refresh_from_db()
    assert legal_service.name == "社区律师一元法律咨询"
    assert [c.amount_fen for c in legal_service.cost_options.all()] == [100]
    assert [s.byday for s in legal_service.schedules.all()] == ["TU"]


def test_unticking_a_place_removes_it_from_the_service_only(staff_client, legal_service):
    url = reverse("service_edit", args=[legal_service.pk])
    values = form_values(staff_client.get(url).content.decode())
    values.pop("locations")
    assert staff_client.post(url, values).status_code == 302
    assert not legal_service.at_locations.exists()
    assert Location.objects.filter(name="民主西路社区服务站").exists()


def test_monthly_hours_the_form_cannot_show_are_kept(staff_client, legal_service):
    ScheduleFactory(service=legal_service, freq="MONTHLY", byday="", bymonthday="10,25", description="每月10日、25日")
    url = reverse("service_edit", args=[legal_service.pk])
    page = staff_client.get(url).content.decode()
    assert "以下时间不能在这里修改" in page and "每月10、25日" in page
    assert staff_client.post(url, form_values(page)).status_code == 302
    assert sorted(s.freq for s in legal_service.schedules.all()) == ["MONTHLY", "WEEKLY"]
    assert legal_service.schedules.get(freq="MONTHLY").bymonthday == "10,25"


def test_a_post_without_prices_hours_or_places_leaves_them_alone(staff_client, legal_service):
    """An older page or a script that sends only the service's own fields."""
    url = reverse("service_edit", args=[legal_service.pk])
    values = {k: v for k, v in form_values(staff_client.get(url).content.decode()).items() if "-" not in k}
    values.pop("places-shown", None)
    values.pop("locations", None)
    assert staff_client.post(url, values).status_code == 302
    assert legal_service.cost_options.count() == 1 and legal_service.schedules.count() == 1
    assert legal_service.at_locations.count() == 1


def test_the_edit_page_offers_only_the_organizations_places(staff_client, legal_service, station, foreign_place):
    page = staff_client.get(reverse("service_edit", args=[legal_service.pk])).content.decode()
    assert "金城律师事务所接待室" in page and "民主西路社区服务站" in page
    assert "夕阳红日间照料中心" not in page


def test_the_edit_page_query_count_is_bounded(staff_client, legal_service, django_assert_max_num_queries):
    for n in range(8):
        LocationFactory(name=f"服务点{n}", organization=legal_service.organization)
        ScheduleFactory(service=legal_service, byday="MO", description=f"时段{n}")
    ServiceFactory(organization=legal_service.organization)
    with django_assert_max_num_queries(25):
        response = staff_client.get(reverse("service_edit", args=[legal_service.pk]))
    assert response.content.decode().count('name="hours-') > 9 * 5


def test_the_error_summary_links_to_the_parts_to_correct(staff_client, organization):
    data = filled(
        new_form(staff_client, organization),
        **{"cost-0-amount": "-1", "capacity_per_week": "2", "capacity_taken": "5"},
    )
    page = staff_client.post(reverse("service_create", args=[organization.pk]), data).content.decode()
    assert '<a href="#costs">收费</a>' in page and '<a href="#contact">名额和联系方式</a>' in page
    assert 'href="#hours"' not in page and 'href="#places"' not in page


def test_price_errors_are_in_english_for_english_readers(staff_client, organization):
    values = new_form(staff_client, organization)
    staff_client.cookies["django_language"] = "en"
    page = staff_client.post(
        reverse("service_create", args=[organization.pk]), filled(values, **{"cost-0-amount": "1.505"})
    ).content.decode()
    assert "An amount has at most two decimal places (fen)." in page
    assert "Add another price" in page and "Parts to correct:" in page


def test_every_service_field_has_a_place_on_the_page():
    from sanshe.directory.forms import ABOUT_FIELDS, CONTACT_FIELDS, FEE_FIELDS, SERVICE_FORM_FIELDS

    sections = ABOUT_FIELDS + FEE_FIELDS + CONTACT_FIELDS
    assert sorted(sections) == sorted(SERVICE_FORM_FIELDS) and len(set(sections)) == len(sections)
