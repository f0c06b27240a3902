import pytest
from django.db import transaction
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SHARED_CITY = "demo_city_readonly"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Real password hashing costs ~0.2 s per user; tests need many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_city(db):
    """A fresh demo city for this test alone (for tests that need it loaded inside their own database)."""
    from sanshe.demo.city import load_demo_city

    return load_demo_city()


class _SharedCity:
    """The demo city loaded once in a transaction left open, rolled back when the module's sharing tests end."""

    def __init__(self):
        self.atomic = None
        self.blocker = None

    def open(self, blocker, media_root):
        from sanshe.demo.city import load_demo_city

        self.blocker = blocker
        with blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media_root):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                return load_demo_city()
            except BaseException:
                self.close()
                raise

    def close(self):
        if self.atomic is None:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared_city = _SharedCity()


@pytest.fixture(scope="module")
def _demo_city_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    city = _shared_city.open(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    yield city
    _shared_city.close()


@pytest.fixture
def demo_city_readonly(_demo_city_for_module, db):
    """The demo city, loaded once per test module and shared by its tests that request this fixture.

    Each test runs in a savepoint inside the city's transaction (the `db` fixture), so what it writes is
    rolled back after it; the city itself is rolled back once the module's sharing tests are done. The
    tests of a module that request it run first (pytest_collection_modifyitems), and the city is rolled back
    before the first one that does not, so those still start from an empty database. Works on SQLite and
    PostgreSQL; not with transactional (`transaction=True`) tests.
    """
    return _demo_city_for_module


def pytest_collection_modifyitems(items):
    # Within each file, the tests sharing the demo city run first, in their order; the others after them.
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first_seen.setdefault(item.nodeid.split("::")[0], index)
    position = {id(item): index for index, item in enumerate(items)}
    items.sort(
        key=lambda item: (
            first_seen[item.nodeid.split("::")[0]],
            SHARED_CITY not in item.fixturenames,
            position[id(item)],
        )
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if SHARED_CITY not in item.fixturenames:
        _shared_city.close()
