"""Tasks the worker tests enqueue: importable by a `sanshe db_worker` subprocess (the repository is on its path)."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def append_line(path: str, number: int, seconds: float) -> int:
    """Append `number` to a file (O_APPEND: whole lines even from two processes), taking `seconds`."""
    time.sleep(seconds)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{number}\n")
    return os.getpid()


@task()
def hang_the_first_time(marker: str) -> str:
    """The first run leaves a marker and hangs (to be killed); a run after that finishes at once."""
    if Path(marker).exists():
        return "finished"
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(120)
    return "slept"
