"""Field encryption for sensitive personal information (PIPL), with Fernet keys that rotate.

settings.SANSHE_FIELD_KEYS lists Fernet keys: the first encrypts, every one decrypts,
so a new key can be put first and old rows re-encrypted at leisure.
"""

import functools
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class UnreadableSecret(Exception):
    """The ciphertext was made with a key that is no longer configured, or was altered."""


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.SANSHE_FIELD_KEYS))


def encrypt_text(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as error:
        raise UnreadableSecret(str(error) or "invalid token") from None


def encrypt_json(value) -> str:
    return encrypt_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def decrypt_json(token: str):
    return json.loads(decrypt_text(token))


def rotate(token: str) -> str:
    """Re-encrypt with the first (newest) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")
