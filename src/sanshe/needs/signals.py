"""Keep the search index in step with services and needs, whoever saves them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sanshe.directory.models import Organization, Service
from sanshe.needs import search
from sanshe.needs.models import Need, SearchEntry


@receiver(post_save, sender=Service, dispatch_uid="needs.index_service")
def _service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_service(instance)


@receiver(post_delete, sender=Service, dispatch_uid="needs.unindex_service")
def _service_deleted(sender, instance, **kwargs):
    search.remove(SearchEntry.Kind.SERVICE, instance.pk)


@receiver(post_save, sender=Organization, dispatch_uid="needs.reindex_organization")
def _organization_saved(sender, instance, raw=False, created=False, **kwargs):
    # Services are found by their organization's name too.
    if not raw and not created:
        for service in instance.services.select_related("organization"):
            search.index_service(service)


@receiver(post_save, sender=Need, dispatch_uid="needs.index_need")
def _need_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_need(instance)


@receiver(post_delete, sender=Need, dispatch_uid="needs.unindex_need")
def _need_deleted(sender, instance, **kwargs):
    search.remove(SearchEntry.Kind.NEED, instance.pk)
