"""A case's lifecycle: open until closed; a closed case is anonymised when its retention period ends."""

from sanshe.common.workflow import Workflow

CASE = Workflow(
    "case",
    {
        "open": frozenset({"closed"}),
        "closed": frozenset({"anonymised"}),
        "anonymised": frozenset(),
    },
    live=frozenset({"open"}),
)
