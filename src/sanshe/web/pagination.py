"""Every list is paginated the same way."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """The requested page; out-of-range or malformed numbers fall back to the nearest page."""
    paginator = Paginator(queryset, per_page or settings.SANSHE_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
