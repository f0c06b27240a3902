"""What every app's JSON API shares: one pagination, one error body, and the errors the document declares."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """Page numbers and sizes within bounds: outside them the answer is a 422 naming the allowed range."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE}")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description=f"1 to {MAX_PAGE_SIZE}")

    def __init__(self, page_size: int = 20, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)


class ErrorOut(Schema):
    """Every error: `detail` says what was wrong, as text, or as a list or mapping of field errors."""

    detail: str | list | dict


ERRORS = {
    "400": "Malformed request: a body that is not JSON, or a NUL character anywhere.",
    "401": "Not logged in.",
    "403": "Logged in, but not in the role this needs (or the CSRF token is missing).",
    "404": "No such object (or not visible to you).",
    "409": "Someone changed the same thing at the same moment; try again.",
    "422": "The input breaks a rule: which field, and why.",
}


def declare_errors(document: dict) -> dict:
    """Every operation declares the errors it can answer, each with the ErrorOut body.

    The errors come from the layers every operation shares, so they are declared here once:
    the edge (400), django_auth (401, 403 with CSRF), PermissionDenied (403), get_object_or_404 on
    an id in the path or the body (404), an IntegrityError of a write (409), validation of the input
    and the domain's refusals (422).
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorOut"] = ErrorOut.json_schema()
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            writes = method != "get"
            statuses = {"400", "422"}
            if operation.get("security"):
                statuses |= {"401", "403"}
            if "{" in path or writes:
                statuses.add("404")
            if writes:
                statuses |= {"403", "409"}
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses.setdefault(status, {"description": ERRORS[status], "content": body})
    return document
