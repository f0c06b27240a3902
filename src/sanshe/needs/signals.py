"""Keep the search index in step with services and needs, whoever saves them."""

from django.db.models.signals import m2m_changed, post_delete, post_save
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


def _terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A service's domains or target groups changed (from either side): its index entry names them."""
    if reverse and action == "pre_clear":  # a term is losing all its services: remember which
        instance._needs_cleared_services = list(
            sender.objects.filter(taxonomyterm_id=instance.pk).values_list("service_id", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        services = [instance]
    else:
        if action == "post_clear":
            pk_set = getattr(instance, "_needs_cleared_services", [])
        services = Service.objects.filter(pk__in=pk_set or []).select_related("organization")
    for service in services:
        search.index_service(service)


m2m_changed.connect(_terms_changed, sender=Service.domains.through, dispatch_uid="needs.reindex_service_domains")
m2m_changed.connect(
    _terms_changed, sender=Service.target_groups.through, dispatch_uid="needs.reindex_service_target_groups"
)
