"""The pure cores import no Django: each is imported alone in a fresh interpreter and Django must stay out.

They are tested and benchmarked without a database or settings, and a new app can reuse them as they are.
Keep the list here: when a module moves, change its dotted path; a core that starts to need Django is a
design change to discuss, not a line to delete.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sanshe

PURE_CORES = (
    # matching
    "sanshe.matching.engine",
    "sanshe.matching.candidates",
    "sanshe.matching.lifecycle",
    # funds
    "sanshe.funds.ledger",
    "sanshe.funds.funding_mix",
    # procurement
    "sanshe.procurement.calibration",
    "sanshe.procurement.eligibility",
    "sanshe.procurement.lineage",
    "sanshe.procurement.scoring",
    "sanshe.procurement.workflow",
    # deliberation
    "sanshe.deliberation.procedure",
    "sanshe.deliberation.population",
    # needs
    "sanshe.needs.lifecycle",
    # cases
    "sanshe.cases.kinds",
    "sanshe.cases.workflow",
    # spaces
    "sanshe.spaces.allocation",
    "sanshe.spaces.workflow",
    # common
    "sanshe.common.workflow",
    "sanshe.common.money",
    "sanshe.common.ids",
    # places
    "sanshe.places.walking",
    # standards mappings
    "sanshe.interop.hsds",
    "sanshe.interop.hsds_tables",
    "sanshe.interop.hsds_schema",
    "sanshe.interop.ocds",
)

# Top-level packages that mean "Django came along" (django-ninja and django-rules import it too).
DJANGO_WORLD = ("django", "ninja", "rules")

_PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def top_level_modules_after_importing(module: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(sanshe.__file__).resolve().parents[1])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, module], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("module", PURE_CORES)
def test_a_pure_core_imports_no_django(module):
    loaded = top_level_modules_after_importing(module)
    assert "sanshe" in loaded
    assert not loaded & set(DJANGO_WORLD), f"{module} brings in {sorted(loaded & set(DJANGO_WORLD))}"


def test_the_probe_sees_django_when_it_is_imported():
    assert "django" in top_level_modules_after_importing("django.utils.functional")
    assert "django" not in top_level_modules_after_importing("json")
