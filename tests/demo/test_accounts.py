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
