import pytest

from sanshe.demo.city import load_demo_city


@pytest.fixture
def demo_city(db):
    return load_demo_city()
