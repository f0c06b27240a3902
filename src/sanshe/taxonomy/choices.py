"""Domain and target-group choices from the shared cache: the same for everyone, changed by operators rarely.

Every 找服务 page lists the vocabularies as <option>s; reading them from the cache saves a query for each
list on every page. Any change to a term (admin, seed, import) gives the cache a new version, so no page
shows a stale list.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language

VERSION_KEY = "sanshe:taxonomy:version"
DAY = 24 * 60 * 60


def version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, DAY)


def renew(**kwargs) -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, DAY)


class CachedTermChoices(ModelChoiceIterator):
    """ModelChoiceField's choices, read from the cache; validation still asks the database."""

    def rows(self) -> list[tuple[str, str]]:
        query = hashlib.sha256(str(self.queryset.query).encode()).hexdigest()[:16]
        key = f"sanshe:taxonomy:choices:{version()}:{get_language()}:{query}"
        return cache.get_or_set(
            key, lambda: [(str(term.pk), self.field.label_from_instance(term)) for term in self.queryset], DAY
        )

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.rows()

    def __len__(self):
        return len(self.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.rows())


def connect() -> None:
    from sanshe.taxonomy.models import TaxonomyTerm

    for signal in (post_save, post_delete):
        signal.connect(renew, sender=TaxonomyTerm, dispatch_uid=f"taxonomy-choices-{id(signal)}")
