"""Fixtures for every test package: a small neighbourhood with one ¥1 legal advice service and people in
every role (the directory's, places' and people's pages, and the shared kit's), and a headless Chromium on a
phone for the browser tests. A package's own conftest may define fixtures of the same name for its tests."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from sanshe.common import sms
from sanshe.people.models import RoleKind
from sanshe.taxonomy import seed, words
from sanshe.taxonomy.models import DomainRelation, SearchSynonym, Taxonomy, TaxonomyTerm
from tests.factories import (
    CommunityFactory,
    CostOptionFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
    domain,
    give_role,
    target_group,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SHARED_CITY = "demo_city_readonly"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Real password hashing costs ~0.2 s per user; tests need many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SANSHE_SMS_BACKEND = "sanshe.common.sms.MemoryBackend"
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language (a command run `--language en` must not leave English on)
    and with no content type remembered from another test's database (a restore or a flush renumbers them)."""
    ContentType.objects.clear_cache()
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


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


# tests/demo shares one demo city across its files (its conftest), so it is one unit for ordering and for xdist.
DEMO_PACKAGE = "tests/demo/"


def sharing_unit(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return DEMO_PACKAGE if path.startswith(DEMO_PACKAGE) else path


def pytest_collection_modifyitems(items):
    # Within each unit, the tests sharing the demo city run first, in their order; the others after them.
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first_seen.setdefault(sharing_unit(item.nodeid), index)
    position = {id(item): index for index, item in enumerate(items)}
    items.sort(
        key=lambda item: (
            first_seen[sharing_unit(item.nodeid)],
            SHARED_CITY not in item.fixturenames,
            position[id(item)],
        )
    )


def pytest_xdist_make_scheduler(config, log):
    """Like --dist=loadfile, but tests/demo goes to one worker as one unit, so its city is loaded once."""
    from xdist.scheduler import LoadFileScheduling

    class DemoTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            return sharing_unit(nodeid)

    return DemoTogether(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if SHARED_CITY not in item.fixturenames:
        _shared_city.close()


PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _memory_cache():
    """Tests count in a per-process memory cache, not the shared Redis or database one (tests/ops/test_cache.py
    covers those): clearing it needs no database and never touches another run's keys."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(_memory_cache):
    """The sign-up throttle counts in the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vocabularies(db):
    # The seed migration's rows vanish after a transactional (browser) test; seeding again is idempotent.
    seed.seed(Taxonomy, TaxonomyTerm)
    words.seed_relations(TaxonomyTerm, DomainRelation)
    words.seed_synonyms(TaxonomyTerm, SearchSynonym)


@pytest.fixture
def community(db):
    return CommunityFactory(name="民主西路社区")


@pytest.fixture
def other_community(db):
    return CommunityFactory(name="铁路西村社区")


@pytest.fixture
def organization(db, community):
    return OrganizationFactory(name="金城律师志愿服务队", community=community)


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="夕阳红助老服务中心")


@pytest.fixture
def legal_service(vocabularies, organization, community):
    """社区律师一元法律咨询: ¥1, every Tuesday 14:00–17:00 at the community service station."""
    service = ServiceFactory(
        organization=organization,
        name="社区律师一元法律咨询",
        description="执业律师在社区为居民解答婚姻、继承、劳动纠纷等法律问题。",
        domains=[domain("legal")],
        capacity_per_week=10,
        capacity_taken=3,
        phone="0931-8888888",
    )
    service.target_groups.set([target_group("all-residents")])
    service.service_area.set([community])
    CostOptionFactory(service=service, amount_fen=100)
    ScheduleFactory(service=service, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(17))
    place = LocationFactory(name="民主西路社区服务站", address="兰州市城关区民主西路1号", community=community)
    ServiceAtLocationFactory(service=service, location=place)
    return service


@pytest.fixture
def meals_service(vocabularies, other_organization, community):
    """A free service in another domain, so filters have something to exclude."""
    service = ServiceFactory(
        organization=other_organization,
        name="长者助餐",
        description="为社区老人提供午餐。",
        domains=[domain("elderly")],
        capacity_per_week=None,
    )
    service.service_area.set([community])
    return service


def _person(username, kind=None, verified=False, **scope):
    user = UserFactory(username=username, display_name=username)
    if kind is not None:
        give_role(user, kind, verified=verified, **scope)
    return user


@pytest.fixture
def org_staff(organization):
    return _person("org_staff", RoleKind.ORG_STAFF, organization=organization)


@pytest.fixture
def other_org_staff(other_organization):
    return _person("other_org_staff", RoleKind.ORG_STAFF, organization=other_organization)


@pytest.fixture
def community_staff(community):
    return _person("community_staff", RoleKind.COMMUNITY_STAFF, community=community)


@pytest.fixture
def other_community_staff(other_community):
    return _person("other_community_staff", RoleKind.COMMUNITY_STAFF, community=other_community)


@pytest.fixture
def resident(community):
    # Already verified, so that lists of residents waiting for verification start empty.
    user = _person("resident", RoleKind.RESIDENT, verified=True, community=community)
    user.phone = "13800138000"
    user.save(update_fields=["phone"])
    return user


@pytest.fixture
def waiting_resident(community):
    """王秀兰 signed up as a resident of 民主西路社区 and waits for its staff to verify her: her role."""
    user = UserFactory(username="wangxiulan", display_name="王秀兰", phone="13700137000")
    return give_role(user, RoleKind.RESIDENT, community=community)


@pytest.fixture
def users(org_staff, other_org_staff, community_staff, other_community_staff, resident):
    """Everyone by role name, for role × action matrices."""
    return {
        "org_staff": org_staff,
        "other_org_staff": other_org_staff,
        "community_staff": community_staff,
        "other_community_staff": other_community_staff,
        "resident": resident,
        "anonymous": None,
    }


@pytest.fixture
def client_as(client):
    """Log the test client in as one of `users` (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def org_admin(organization):
    return _person("org_admin", RoleKind.ORG_ADMIN, organization=organization)


@pytest.fixture
def platform_admin(db):
    return _person("platform_admin", RoleKind.PLATFORM_ADMIN)


@pytest.fixture
def street_officer(community):
    return _person("street_officer", RoleKind.STREET_OFFICER, street=community.street)


# An organization's members and everyone who may not manage them (tests/people and tests/directory).


@pytest.fixture
def admin(organization):
    user = UserFactory(username="admin", display_name="张管理")
    give_role(user, RoleKind.ORG_ADMIN, organization=organization)
    return user


@pytest.fixture
def newcomer():
    return UserFactory(username="lisi", display_name="李四", phone="13800138000")


@pytest.fixture
def actors(organization, other_organization):
    """Everyone who may not manage this organization's members, by name."""
    community = CommunityFactory()
    people = {}
    for name, kind, scope in [
        ("org_staff", RoleKind.ORG_STAFF, {"organization": organization}),
        ("social_worker", RoleKind.SOCIAL_WORKER, {"organization": organization}),
        ("funder", RoleKind.FUNDER, {"organization": organization}),
        ("other_org_admin", RoleKind.ORG_ADMIN, {"organization": other_organization}),
        ("community_staff", RoleKind.COMMUNITY_STAFF, {"community": community}),
        ("resident", RoleKind.RESIDENT, {"community": community}),
    ]:
        user = UserFactory(username=name)
        give_role(user, kind, **scope)
        people[name] = user
    platform_admin = UserFactory(username="platform_admin")
    give_role(platform_admin, RoleKind.PLATFORM_ADMIN)
    people["platform_admin"] = platform_admin
    return people


@pytest.fixture
def staff_role(organization):
    return give_role(UserFactory(username="wangwu", display_name="王五"), RoleKind.ORG_STAFF, organization=organization)


# --- Browser tests ---------------------------------------------------------------------------------
# Playwright drives Debian's Chromium (it cannot download its own here) against pytest-django's live_server.
# Browser tests need real transactions: mark them django_db(transaction=True, serialized_rollback=True),
# and ask for their data fixtures before `phone`: once Playwright's loop runs, the ORM would open
# connections in its context, which would keep PostgreSQL from dropping the test database (a test that
# reads the database afterwards closes those connections: see test_browser_staff).

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def _problem(message) -> str | None:
    """A console message that means something went wrong: an error, or any word of the CSP refusing something."""
    if message.type == "error" or "Content Security Policy" in message.text:
        return f"console {message.type}: {message.text}"
    return None


@pytest.fixture
def phone(live_server, monkeypatch):
    """A page in headless Chromium sized like a phone (390×844, touch, zh-CN).

    `phone.problems` collects console errors, Content-Security-Policy refusals and uncaught exceptions.
    """
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium, so the browser test cannot run.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixtures and teardown here are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
        )
        page = context.new_page()
        page.on("console", lambda message: (problem := _problem(message)) and problems.append(problem))
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.problems = problems
        yield page
        browser.close()


@pytest.fixture
def log_in(live_server):
    """Log in through the login page, as a person would: log_in(page, "13800138000")."""

    def log_in(page, login, password=PASSWORD):
        from playwright.sync_api import expect

        page.goto(live_server.url + "/login/")
        page.get_by_label("用户名或手机号码").fill(login)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("button", name=re.compile("^退出"))).to_be_visible()

    return log_in
