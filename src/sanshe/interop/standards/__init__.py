"""The HSDS and OCDS files Sanshe is checked against, vendored unchanged (see README.md here)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
HSDS = HERE / "hsds-3.0"
OCDS = HERE / "ocds-1.1"
OCDS_BIDS = OCDS / "extensions" / "bids-v1.1.5"
