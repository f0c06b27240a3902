"""Field encryption keys: production refuses to start without them; keys rotate."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from sanshe.common import crypto

STRONG_SECRET = "x7#k2!p9@w4$z8^q1&m5*r3(t6)y0_u-i=o+a;s:d,f.g/h?j" + "LmNoPqRs"


def run_check(tmp_path, **env):
    full = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SANSHE_MODE", "SANSHE_FIELD_KEYS"}}
    full.update(
        SANSHE_MODE="production",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="sanshe.example.org",
        SANSHE_DATA_DIR=str(tmp_path),
    )
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sanshe.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_field_keys(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode != 0 and "SANSHE_FIELD_KEYS" in result.stderr


def test_production_starts_with_a_field_key(tmp_path):
    result = run_check(tmp_path, SANSHE_FIELD_KEYS=Fernet.generate_key().decode())
    assert result.returncode == 0, result.stderr + result.stdout


def test_keys_rotate_old_ciphertext_stays_readable(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SANSHE_FIELD_KEYS = [old]
    token = crypto.encrypt_json({"details": "住5号楼"})
    settings.SANSHE_FIELD_KEYS = [new, old]
    assert crypto.decrypt_json(token) == {"details": "住5号楼"}
    rotated = crypto.rotate(token)
    settings.SANSHE_FIELD_KEYS = [new]
    assert crypto.decrypt_json(rotated) == {"details": "住5号楼"}
    with pytest.raises(crypto.UnreadableSecret):
        crypto.decrypt_json(token)
