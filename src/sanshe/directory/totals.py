"""How many services 找服务 lists before any search or filter: the same for everyone in a city, so
counted once and kept in the shared cache (a COUNT over every active service on each visit scanned
the whole table at city scale). Any change to services, their places or areas, or the places
themselves renews it; imports, which write in bulk, renew it themselves."""

from dataclasses import replace

from django.db.models.signals import m2m_changed, post_delete, post_save

from sanshe.ops import caching

KIND = "directory-service-totals"


def unfiltered_total(criteria, count) -> int | None:
    """The number of services `criteria` lists when it only says where home is (else None: count it),
    `count()` asked once per city until something changes."""
    from sanshe.directory.selectors import ServiceFilter

    home = criteria.home
    if criteria != replace(ServiceFilter(), home=home, other_cities=criteria.other_cities):
        return None
    # Home decides only the order and, unless other cities are asked for, the city.
    key = "everywhere" if home is None or criteria.other_cities else f"city:{home.city}"
    return caching.remembered(KIND, key, count)


def renew(*args, **kwargs):
    caching.renew(KIND)


def connect() -> None:
    from django.apps import apps

    for label in (
        "directory.Service",
        "directory.ServiceAtLocation",
        "directory.Location",
        "places.Community",
        "places.Street",
        "places.District",
    ):
        model = apps.get_model(label)
        post_save.connect(renew, sender=model, dispatch_uid=f"{KIND}-save-{label}")
        post_delete.connect(renew, sender=model, dispatch_uid=f"{KIND}-delete-{label}")
    through = apps.get_model("directory.Service").service_area.through
    m2m_changed.connect(renew, sender=through, dispatch_uid=f"{KIND}-areas")
