from django.contrib.auth import authenticate
from django.test import RequestFactory

from sanshe.demo.accounts_data import ACCOUNTS, DEMO_PASSWORD
from sanshe.people.models import mainland_mobile


def login(username, password):
    # The login lockout (sanshe.people.lockout) needs the request to count failures by address.
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password)


def test_phone_numbers_are_mainland_mobiles():
    phones = [a.phone for a in ACCOUNTS if a.phone]
    assert len(phones) >= 4 and len(set(phones)) == len(phones)
    for phone in phones:
        mainland_mobile(phone)


def test_login_by_username_and_by_phone(demo_city_readonly):
    resident = login("resident", DEMO_PASSWORD)
    assert resident is not None and resident.display_name == "王秀兰"
    assert login(resident.phone, DEMO_PASSWORD) == resident
    assert login(resident.phone, "wrong-password") is None


def test_the_printed_logins_cover_every_job_and_a_committee_quorum(demo_city_readonly):
    """`make demo` prints enough people to try every job, each with what to try and a working password."""
    from sanshe.demo.logins import login_rows, login_table
    from sanshe.funds.models import CommitteeMember, Fund
    from sanshe.people.models import RoleKind

    rows = login_rows()
    usernames = {row[1] for row in rows}
    for username in usernames:
        assert login(username, DEMO_PASSWORD) is not None, username
    shown_roles = {a.role for a in ACCOUNTS}
    assert shown_roles >= {kind.value for kind in RoleKind}  # one login per role
    market = Fund.objects.get(name="铁路西村市集微基金")
    members = set(
        CommitteeMember.objects.filter(fund=market, term_to__isnull=True).values_list("user__username", flat=True)
    )
    assert len(members & usernames) >= market.quorum
    evaluator = next(row for row in rows if row[1] == "evaluator")
    assert "打分" in evaluator[-1]
    assert all(row[-1] for row in rows)
    assert "mademin" in login_table()
