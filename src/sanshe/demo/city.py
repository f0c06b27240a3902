"""Load the demo city, then each feature's demo, in INSTALLED_APPS order.

Each Sanshe app may have a demo module `sanshe.demo.<app label>` exposing `load(as_of)`: `places`,
`people` and `directory` write the city planned in `plan` (the same rows, with the same public ids, on
every run, on SQLite or PostgreSQL); the feature apps' modules add their stories after it, later ones
using earlier ones. Each module loads inside `ids.deterministic(NAMESPACE, app label)`, so rows its
services create get the same ids every time. Loading is one transaction; a second load finds the city
and changes nothing.
"""

import datetime
import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from sanshe.common import ids
from sanshe.common.contributions import sanshe_apps
from sanshe.demo import plan
from sanshe.demo.accounts_data import ACCOUNTS
from sanshe.demo.places_data import DISTRICTS
from sanshe.demo.plan import AS_OF, NAMESPACE, SEED, demo_id
from sanshe.directory.models import Organization
from sanshe.people.models import User
from sanshe.places.models import District
from sanshe.search import index as search_index
from sanshe.taxonomy import words
from sanshe.taxonomy.models import DomainRelation, SearchSynonym, Taxonomy, TaxonomyTerm
from sanshe.taxonomy.seed import seed as seed_vocabularies

__all__ = ["AS_OF", "NAMESPACE", "SEED", "DemoCity", "DemoCityConflict", "demo_id", "demo_loaders", "load_demo_city"]


class DemoCityConflict(Exception):
    """Rows in the database would collide with the demo city (e.g. a user called 'admin')."""


@dataclass(frozen=True)
class DemoCity:
    created: bool
    counts: dict[str, int]


def _module(name: str):
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # its package does not exist
        return None
    return importlib.import_module(name) if found else None


def demo_loaders() -> Iterator[tuple[str, Callable[[datetime.date], None]]]:
    """(app label, its demo's `load`) for each Sanshe app that has a demo module, in INSTALLED_APPS order."""
    for config in sanshe_apps():
        module = _module(f"sanshe.demo.{config.label}")
        if module is not None and hasattr(module, "load"):
            yield config.label, module.load


def _term_ids() -> dict[tuple[str, str], object]:
    # No-ops when the migrations have seeded them; after a flush (tests) they come back.
    seed_vocabularies(Taxonomy, TaxonomyTerm)
    words.seed_relations(TaxonomyTerm, DomainRelation)
    words.seed_synonyms(TaxonomyTerm, SearchSynonym)
    return {
        (role, code): pk
        for role, code, pk in TaxonomyTerm.objects.filter(taxonomy__role__in=["domain", "target_group"]).values_list(
            "taxonomy__role", "code", "pk"
        )
    }


def _conflicts(city: plan.CityBuilder) -> list[str]:
    taken = User.objects.filter(
        Q(username__in=[a.username for a in ACCOUNTS]) | Q(phone__in=[a.phone for a in ACCOUNTS if a.phone])
    ).values_list("username", flat=True)
    clashes = [f"用户 {name}" for name in taken]
    codes = [o.credit_code for o in city.organizations.values() if o.credit_code]
    clashes += [
        f"统一社会信用代码 {c}"
        for c in Organization.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True)
    ]
    clashes += [
        f"{d.city}{d.name}"
        for d in District.objects.filter(
            Q(*[Q(city=d.city, name=d.name) for d in city.districts.values()], _connector=Q.OR)
        )
    ]
    return clashes


def is_loaded() -> bool:
    return District.objects.filter(pk=demo_id("district", DISTRICTS[0].city, DISTRICTS[0].name)).exists()


@transaction.atomic
def load_demo_city() -> DemoCity:
    """Create the demo city and every feature's demo rows, or do nothing if the city is already there."""
    city = plan.plan(_term_ids())
    if is_loaded():
        return DemoCity(created=False, counts=city.counts())
    clashes = _conflicts(city)
    if clashes:
        raise DemoCityConflict(
            "数据库中已有与演示数据冲突的记录："
            + "、".join(clashes)
            + "。请改用空数据库（例如设置 SANSHE_DATA_DIR 指向新目录）。"
        )
    # Rows go through the services, whose saves would index one by one: index once at the end instead.
    with plan.loading(city), search_index.deferred():
        for label, load in demo_loaders():
            with ids.deterministic(NAMESPACE, label):
                load(AS_OF)
    return DemoCity(created=True, counts=city.counts())
