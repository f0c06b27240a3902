"""Password hashing: Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).

Django's own Argon2 defaults (100 MiB, 8 lanes) take most of a second per login on a small
two-core server and as much memory per concurrent login; OWASP's Password Storage Cheat Sheet
lists m=19 MiB, t=2, p=1 as an equally strong configuration. A hash made with other parameters
(Django's defaults, or PBKDF2 from before) is rewritten with these when its owner logs in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
