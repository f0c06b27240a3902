"""JSON API for volunteering: shifts, signing up (201, or 409 when the shift is full) and cancelling, hours."""

import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import ErrorOut, Pagination
from sanshe.volunteers import certificates, selectors, services
from sanshe.volunteers.models import Shift, Signup, SignupStatus

router = Router(tags=["volunteers"])


class ShiftOut(Schema):
    id: UUID
    activity: str
    role: str
    place: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    slots: int
    taken: int

    @staticmethod
    def resolve_activity(obj):
        return obj.activity.title


class SignupOut(Schema):
    id: UUID
    shift_id: UUID
    status: str
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None
    minutes: int | None


@router.get("/shifts/", response=list[ShiftOut])
@paginate(Pagination)
def list_shifts(request):
    return selectors.upcoming_shifts()


@router.post("/shifts/{shift_id}/signups", response={201: SignupOut, 409: ErrorOut}, auth=django_auth)
def sign_up(request, shift_id: UUID, wait: bool = False):
    shift = get_object_or_404(Shift.objects.select_related("activity"), pk=shift_id)
    try:
        return Status(201, services.sign_up(actor=request.user, shift=shift, wait=wait))
    except services.ShiftFull as full:
        return Status(409, {"detail": full.messages[0]})


@router.delete("/shifts/{shift_id}/signups", response={204: None}, auth=django_auth)
def cancel(request, shift_id: UUID):
    signup = get_object_or_404(
        Signup.objects.exclude(status=SignupStatus.CANCELLED), shift_id=shift_id, volunteer=request.user
    )
    services.cancel(actor=request.user, signup=signup)
    return Status(204, None)


@router.get("/hours/", response=list[SignupOut], auth=django_auth)
@paginate(Pagination)
def my_hours(request):
    return selectors.my_signups(request.user)


class CertificateOut(Schema):
    volunteer_name: str
    records: int
    minutes: int
    first_day: datetime.date
    last_day: datetime.date
    organizations: str
    issued_at: datetime.datetime = Field(alias="created_at")


@router.get("/certificates/verify", response={200: CertificateOut, 404: ErrorOut})
def verify_certificate(request, code: str):
    """The facts of the certificate a code names; 404 for a forged, altered or unknown code."""
    certificate = certificates.verify(code)
    if certificate is None:
        return Status(404, {"detail": "这个核验码无效：可能输错了，或证明被改动过。"})
    return certificate
