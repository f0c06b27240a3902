"""Reads about centres and rounds, each in a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, Q, Sum

from sanshe.centres import grading
from sanshe.centres.models import (
    AssessorGroup,
    Assignment,
    Centre,
    Delivery,
    DeliveryKind,
    Indicator,
    Operator,
    Result,
    Round,
    RoundStatus,
    SatisfactionAnswer,
    Score,
)
from sanshe.places.models import District
from sanshe.procurement import calibration
from sanshe.procurement.models import Project


def indicators(standard) -> list[Indicator]:
    return list(Indicator.objects.filter(group__standard=standard).select_related("group"))


def centres(district=None):
    queryset = Centre.objects.select_related("district").prefetch_related("communities")
    return queryset.filter(district=district) if district is not None else queryset


def centre_detail(pk):
    return (
        Centre.objects.select_related("district", "standard")
        .prefetch_related(
            "communities__street",
            "categories",
            "services__organization",
            Prefetch(
                "operators", queryset=Operator.objects.select_related("organization", "community", "contract__project")
            ),
        )
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class DeliveryLine:
    kind: str
    label: str
    sessions: int
    people: int
    minimum_sessions: int
    minimum_people: int

    @property
    def short(self) -> bool:
        return self.sessions < self.minimum_sessions or self.people < self.minimum_people


def delivery_summary(centre, start, end) -> list[DeliveryLine]:
    """Sessions and people per kind of delivery in a period, beside the standard's minimums."""
    done = {
        row["kind"]: (row["sessions"], row["people"] or 0)
        for row in Delivery.objects.filter(centre=centre, date__gte=start, date__lte=end)
        .values("kind")
        .annotate(sessions=Count("id"), people=Sum("people"))
    }
    minimums = {m.kind: (m.sessions, m.people) for m in centre.standard.minimums.all()}
    return [
        DeliveryLine(kind, label, *done.get(kind, (0, 0)), *minimums.get(kind, (0, 0)))
        for kind, label in DeliveryKind.choices
    ]


@dataclass(frozen=True)
class CentreResult:
    centre: Centre
    raw: float
    calibrated: float
    satisfaction: float | None
    total: float
    raw_total: float
    grade: str
    raw_grade: str


@dataclass(frozen=True)
class GroupLeniency:
    group: str
    label: str
    calibration: calibration.EvaluatorCalibration


@dataclass(frozen=True)
class RoundResults:
    rows: list[CentreResult]  # best calibrated total first
    groups: list[GroupLeniency] = field(default_factory=list)
    threshold: float = calibration.GENEROUS_OFFSET


def assessor_totals(round) -> dict[tuple[str, object], float]:
    """(assessor group, centre id) -> that group's weighted total for the centre, from submitted sheets."""
    weights = {i.pk: i.weight for i in indicators(round.standard)}
    percents: dict[tuple[str, object], dict] = {}
    for group, centre_id, indicator_id, percent in Score.objects.filter(
        assignment__round=round, assignment__submitted_at__isnull=False
    ).values_list("assignment__group", "assignment__centre_id", "indicator_id", "percent"):
        percents.setdefault((group, centre_id), {})[indicator_id] = percent
    return {key: grading.assessor_total(weights, given) for key, given in percents.items()}


def compute_results(round) -> RoundResults:
    """Each assessor group's leniency across all centres it scored, and every centre's raw and calibrated grade."""
    totals = assessor_totals(round)
    panel = calibration.calibrate(totals)
    satisfaction = dict(
        SatisfactionAnswer.objects.filter(response__round=round)
        .values("response__centre_id")
        .annotate(mean=Avg("value"))
        .values_list("response__centre_id", "mean")
    )
    weight = round.standard.satisfaction_weight
    rows = []
    for centre in round.centres.all():
        if centre.pk not in panel.raw:
            continue
        raw, calibrated = panel.raw[centre.pk], panel.calibrated[centre.pk]
        happy = grading.satisfaction_score(satisfaction.get(centre.pk))
        total = grading.centre_total(calibrated, happy, weight)
        raw_total = grading.centre_total(raw, happy, weight)
        rows.append(
            CentreResult(
                centre, raw, calibrated, happy, total, raw_total, grading.grade(total), grading.grade(raw_total)
            )
        )
    rows.sort(key=lambda row: (-row.total, row.centre.sort_key))
    groups = [
        GroupLeniency(group, AssessorGroup(group).label, panel.evaluators[group])
        for group in AssessorGroup.values
        if group in panel.evaluators
    ]
    return RoundResults(rows, groups)


def stored_results(round) -> list[Result]:
    return list(round.results.select_related("centre").order_by("-total"))


def trend(centre) -> list[Result]:
    return list(centre.results.select_related("round").order_by("round__period_end"))


def latest_closed_round(district):
    return Round.objects.filter(district=district, status=RoundStatus.CLOSED).order_by("-period_end").first()


def comparison(district) -> tuple[Round | None, list[Result]]:
    """The district's centres side by side in its latest closed round (public)."""
    latest = latest_closed_round(district)
    if latest is None:
        return None, []
    return latest, list(
        latest.results.select_related("centre").prefetch_related("centre__communities").order_by("-total")
    )


def rounds(district=None):
    queryset = Round.objects.select_related("district", "standard").order_by("-period_end")
    return queryset.filter(district=district) if district is not None else queryset


def assignments_owed(user):
    """Score sheets this person still owes in rounds that are scoring, oldest round first."""
    return (
        Assignment.objects.filter(assessor=user, round__status=RoundStatus.SCORING, submitted_at__isnull=True)
        .select_related("round", "centre")
        .order_by("round__period_end", "centre__sort_key")
    )


def rounds_to_close(user):
    """Scoring rounds in the districts this person is an officer of."""
    from sanshe.people.models import RoleKind

    districts = [r.district_id for r in user.roles.all() if r.kind == RoleKind.DISTRICT_OFFICER]
    return (
        Round.objects.filter(district_id__in=districts, status__in=[RoundStatus.SETUP, RoundStatus.SCORING])
        .annotate(
            owed=Count("assignments", filter=Q(assignments__submitted_at__isnull=True)),
        )
        .order_by("period_end")
    )


def officer_district(user):
    """The district this person is an officer of (the first, when several)."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of

    district_id = next((r.district_id for r in roles_of(user) if r.kind == RoleKind.DISTRICT_OFFICER), None)
    return District.objects.filter(pk=district_id).first() if district_id else None


def district_projects(district):
    """Procurement projects bought by the district or one of its streets, newest first (for a re-tender)."""
    return Project.objects.filter(Q(buyer_district=district) | Q(buyer_street__district=district)).order_by(
        "-created_at"
    )[:50]
