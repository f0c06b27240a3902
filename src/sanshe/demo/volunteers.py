"""The demo city's volunteering: 铁路西村's weekly 四点半课堂 (homework help after school), run by the
community's staff. Ten past Wednesdays, each with choir members and neighbours checked in and their hours
confirmed, and the next four Wednesdays open for sign-up (one already full, with someone waiting)."""

import datetime

from sanshe.common import ids
from sanshe.demo.city import NAMESPACE
from sanshe.demo.funds import COMMUNITY, at, on
from sanshe.people.models import User
from sanshe.places.models import Community
from sanshe.volunteers import services

PAST_WEEKS = 10
NEXT_WEEKS = 4


def load(as_of: datetime.date) -> None:
    with ids.deterministic(NAMESPACE, "volunteers"):
        _load(as_of)


def _wednesday_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(2 - day.weekday()) % 7 or 7)


def _load(as_of):
    community = Community.objects.get(name=COMMUNITY)
    staff = User.objects.get(username="staff")
    helpers = list(User.objects.filter(username__startswith="choir").order_by("username")[:6])
    first = _wednesday_after(as_of - datetime.timedelta(weeks=PAST_WEEKS + 1))
    with on(first - datetime.timedelta(days=7)):
        activity = services.create_activity(
            actor=staff,
            community=community,
            title="四点半课堂",
            description="放学后到家长下班前，志愿者陪孩子写作业、读绘本。",
        )
    for week in range(PAST_WEEKS + NEXT_WEEKS):
        day = first + datetime.timedelta(weeks=week)
        with on(day - datetime.timedelta(days=6)):
            shift = services.add_shift(
                actor=staff,
                activity=activity,
                role="作业辅导",
                place="铁路西村党群服务中心二楼活动室",
                starts_at=at(day, 16, 30),
                ends_at=at(day, 18, 30),
                slots=3,
                requirements="有耐心，会小学数学",
            )
            volunteers = helpers[week % 3 : week % 3 + 3] if week != PAST_WEEKS else helpers[:4]
            for n, volunteer in enumerate(volunteers):
                services.sign_up(actor=volunteer, shift=shift, wait=n >= 3)
        if day >= as_of:
            continue
        signups = list(shift.signups.filter(status="signed_up"))
        with on(day, 16, 25):
            for signup in signups:
                services.check_in(actor=staff, signup=signup)
        with on(day, 18, 35):
            for signup in signups:
                services.check_out(actor=staff, signup=signup)
                services.confirm_hours(actor=staff, signup=signup, minutes=120)
