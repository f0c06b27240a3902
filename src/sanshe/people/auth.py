"""Log in with a username or an 11-digit mobile number, under the lockout of `sanshe.people.lockout`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from sanshe.people import lockout

# Logging in after proving a code (or right after sign-up): this backend's name goes in the session.
LOGIN_BACKEND = "sanshe.people.auth.PhoneOrUsernameBackend"


def normalized_login(login: str) -> str:
    """What was typed, as a login: 138 0013 8000 and 138-0013-8000 are 13800138000."""
    login = (login or "").strip()
    digits = "".join(login.split()).replace("-", "")
    return digits if digits.isdigit() else login


def account_by_login(login: str):
    """The account that logs in with this username or phone number (a phone beats nothing, a username a phone)."""
    User = get_user_model()
    login = normalized_login(login)
    return User.objects.filter(Q(username=login) | Q(phone=login)).order_by("username").first()


def refuse_if_locked(request, attempt: lockout.Attempt):
    """Stop the login (no backend after this one is asked) and leave the reason for the form to tell."""
    lock = attempt.locked()
    if lock is not None:
        if request is not None:
            request.login_lock = lock
        raise PermissionDenied


def note_failure(request, attempt: lockout.Attempt):
    lock = attempt.failed()
    if lock is not None and request is not None:
        request.login_lock = lock


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        login = normalized_login(username)
        user = account_by_login(login)
        attempt = lockout.Attempt(request, lockout.account_key(user, login))
        refuse_if_locked(request, attempt)
        if user is None:
            # Spend the same time as a real check so timing does not reveal accounts.
            get_user_model()().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            attempt.succeeded()
            return user
        note_failure(request, attempt)
        return None
