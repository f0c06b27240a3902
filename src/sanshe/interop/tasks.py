"""Background work for data exchange (run by `sanshe db_worker` in production, at once in the demo)."""

from django_tasks import task

from sanshe.interop.hsds_import import import_hsds


@task()
def import_hsds_task(path: str) -> dict:
    """Import an HSDS file or directory; a bad row fails the task and writes nothing."""
    result = import_hsds(path)
    return {"counts": dict(result.counts), "warnings": result.warnings, "summary": result.summary()}
