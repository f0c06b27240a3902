"""Login time on the server, before (Django's PBKDF2) and after (Argon2): run by hand, prints figures.

    .venv/bin/python bench/login.py [--requests 20]

Times POST /login/ through Django's test client (no network), for a right password, a wrong one
and an unknown login, with each hasher first in PASSWORD_HASHERS; and the first login of an account
whose hash is still PBKDF2 (checked, then rewritten as Argon2). The last line is JSON.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PASSWORD = "bench-password-2026"
HASHERS = {
    "pbkdf2": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "argon2": "sanshe.people.hashers.Argon2Hasher",
}


def timed(client, login, password) -> tuple[float, int]:
    from django.core.cache import cache

    cache.clear()  # the lockout would stop a benchmark that fails on purpose
    started = time.perf_counter()
    response = client.post("/login/", {"username": login, "password": password})
    elapsed = (time.perf_counter() - started) * 1000
    client.logout()
    return elapsed, response.status_code


def figures(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings

    from sanshe.people.models import User

    call_command("migrate", verbosity=0)
    client = Client()
    results = {}
    for name, hasher in HASHERS.items():
        others = [h for h in settings.PASSWORD_HASHERS if h != hasher]
        with override_settings(PASSWORD_HASHERS=[hasher, *others]):
            user = User.objects.create_user(username=f"bench-{name}", phone=None, password=PASSWORD)
            cases = {"right password": (user.username, PASSWORD), "wrong password": (user.username, "nope"),
                     "unknown login": ("nobody-at-all", PASSWORD)}  # fmt: skip
            results[name] = {}
            for case, (login, password) in cases.items():
                samples = []
                for _ in range(args.requests):
                    elapsed, status = timed(client, login, password)
                    samples.append(elapsed)
                results[name][case] = figures(samples)
                print(f"{name:7} {case:15} {results[name][case]['median_ms']:8.1f} ms median "
                      f"{results[name][case]['p95_ms']:8.1f} ms p95")  # fmt: skip

    # An account hashed before the change logs in once the slow way; its hash is then Argon2.
    upgrade = []
    for n in range(max(3, args.requests // 4)):
        with override_settings(PASSWORD_HASHERS=[HASHERS["pbkdf2"]]):
            User.objects.create_user(username=f"old-{n}", password=PASSWORD)
        upgrade.append(timed(client, f"old-{n}", PASSWORD)[0])
        assert User.objects.get(username=f"old-{n}").password.startswith("argon2")
    results["pbkdf2 account, first login (upgraded to argon2)"] = figures(upgrade)
    print(f"first login of a PBKDF2 account, rewritten as Argon2: {figures(upgrade)['median_ms']:.1f} ms median")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
