"""Production refuses unsafe configuration and passes Django's deployment checks."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

STRONG_SECRET = "x7#k2!p9@w4$z8^q1&m5*r3(t6)y0_u-i=o+a;s:d,f.g/h?j" + "LmNoPqRs"


def run_sanshe(args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SANSHE_MODE"}}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sanshe.cli", *args], env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "env,complaint",
    [
        ({"SANSHE_MODE": "production", "SECRET_KEY": STRONG_SECRET, "DEBUG": "1"}, "DEBUG"),
        ({"SANSHE_MODE": "production"}, "SECRET_KEY"),
        ({"SANSHE_MODE": "production", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SANSHE_MODE": "staging"}, "SANSHE_MODE"),
    ],
)
def test_production_refuses_unsafe_settings(env, complaint, tmp_path):
    result = run_sanshe(["check"], SANSHE_DATA_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_passes_deployment_checks(tmp_path):
    result = run_sanshe(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SANSHE_MODE="production",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="sanshe.example.org",
        SANSHE_DATA_DIR=str(tmp_path),
        SANSHE_FIELD_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/api/openapi.json")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_sqlite_default_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    probe = (
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(c.fetchone()[0], connection.transaction_mode)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "sanshe.cli", "shell", "-c", probe],
        env={**env, "SANSHE_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wal", "IMMEDIATE"]
