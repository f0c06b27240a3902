"""Every file here reads the same demo city: it is loaded once for the package (see tests/conftest.py)."""

import pytest

from tests.conftest import _shared_city


@pytest.fixture(scope="package")
def _demo_city_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    city = _shared_city.open(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    yield city
    _shared_city.close()
