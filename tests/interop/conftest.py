import pytest

from tests.interop.data import full_service


@pytest.fixture
def service(db):
    return full_service()
