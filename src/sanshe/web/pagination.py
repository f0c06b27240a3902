"""Every list is paginated the same way."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None, count=None) -> Page:
    """The requested page; out-of-range or malformed numbers fall back to the nearest page.

    count: a callable giving the number of rows from somewhere cheaper than COUNT(*) (a cache),
    or None when it cannot (the paginator counts)."""
    paginator = Paginator(queryset, per_page or settings.SANSHE_PAGE_SIZE)
    if count is not None and (known := count()) is not None:
        paginator.count = known  # Paginator.count is a cached_property: this is its value
    return paginator.get_page(request.GET.get("page"))
