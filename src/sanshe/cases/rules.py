"""Who may do what with case files. A case is read by its assigned workers and their supervisor (an admin of
the organization, or a supervisor assigned to the case) while they work for the case's organization; never by
colleagues not assigned, officers or platform administrators (superusers included)."""

import rules
from django.utils.translation import gettext_lazy

from sanshe.people.predicates import is_org_admin, is_org_member, pk_of


def _active_roles(user, case) -> dict:
    """{worker id: role} of the case's current assignments, loaded once per case object."""
    cached = getattr(case, "_active_roles", None)
    if cached is None:
        cached = dict(case.assignments.filter(ended_at__isnull=True).values_list("worker_id", "role"))
        case._active_roles = cached
    return cached


@rules.predicate
def works_for_case_organization(user, case):
    return case is not None and is_org_member(user, case.organization_id)


@rules.predicate
def is_assigned_worker(user, case):
    return case is not None and user.is_authenticated and _active_roles(user, case).get(user.pk) == "worker"


@rules.predicate
def is_case_supervisor(user, case):
    if case is None or not user.is_authenticated:
        return False
    return is_org_admin(user, case.organization_id) or _active_roles(user, case).get(user.pk) == "supervisor"


@rules.predicate
def is_case_person(user, case):
    return case is not None and user.is_authenticated and case.resident_id == user.pk


@rules.predicate
def is_open(user, case):
    return case is not None and case.status == "open"


@rules.predicate
def consents_to_record(user, case):
    return case is not None and case.consent_to_record and case.consent_withdrawn_at is None


@rules.predicate
def is_org_admin_of(user, organization):
    return organization is not None and is_org_admin(user, pk_of(organization))


works_on = works_for_case_organization & (is_assigned_worker | is_case_supervisor)

rules.add_perm("cases.open_case", is_org_member)  # object: an Organization
rules.add_perm("cases.view_case", works_on | is_case_person)
rules.add_perm("cases.read_case", works_on)  # the sensitive part: every read is recorded
rules.add_perm("cases.write_note", works_on & is_open & consents_to_record)
rules.add_perm("cases.close_case", works_on & is_open)
rules.add_perm("cases.assign_case", works_for_case_organization & is_case_supervisor & is_open)
rules.add_perm("cases.withdraw_consent", is_case_person | works_on)
rules.add_perm("cases.manage_handovers", is_org_admin)  # object: an Organization
rules.add_perm("cases.list_cases", is_org_member)  # object: an Organization (its list shows only what one may see)

CANNOT_READ = gettext_lazy("个案档案只有负责的社工和督导可以查看。")
CANNOT_WRITE = gettext_lazy("只有负责这个个案的社工和督导可以记录；已结案或本人撤回同意记录的个案不能再记录。")
CANNOT_OPEN = gettext_lazy("只有本机构的工作人员可以开案。")
CANNOT_ASSIGN = gettext_lazy("只有本机构的管理员或这个个案的督导可以分派社工。")
CANNOT_HANDOVER = gettext_lazy("只有本机构的管理员可以安排交接。")
