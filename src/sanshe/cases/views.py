"""Case pages: my cases, open a case, a case (its file read on purpose, logged), notes, closure, consent;
the person's own cases; handover of a leaving worker's work and its acknowledgement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.cases import handovers, retender, rules, selectors, services
from sanshe.cases.forms import AssignForm, CloseForm, NoteForm, OpenCaseForm, colleagues
from sanshe.cases.models import Case, HandoverItem
from sanshe.common import contributions
from sanshe.common.permissions import may
from sanshe.directory.models import Organization
from sanshe.people.models import RoleKind, User
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.procurement.models import Contract
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _organizations(user) -> list:
    return sorted({role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS}, key=str)


@login_required
@require_safe
def index(request):
    """个案: the cases I work on or supervise, what is handed to me, and for admins what is in handover."""
    admin_of = [role.organization for role in roles_of(request.user) if role.kind == RoleKind.ORG_ADMIN]
    context = {
        "page": paginate(request, selectors.visible_cases(request.user).order_by("status", "next_review_on", "id")),
        "waiting": selectors.waiting_for(request.user),
        "admin_of": admin_of,
        # Contracts with open cases: when one ends and another organization wins, the cases move by consent.
        "contracts": Contract.objects.filter(organization__in=admin_of, cases__status="open")
        .select_related("project")
        .distinct()
        .order_by("end", "id"),
        "can_open": bool(_organizations(request.user)),
    }
    return render(request, "cases/index.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def open_case(request):
    organizations = _organizations(request.user)
    if not organizations:
        raise PermissionDenied(str(rules.CANNOT_OPEN))
    form = OpenCaseForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_case(
                actor=request.user,
                organization=data["organization"],
                community=data["community"],
                kind=data["kind"],
                alias=data["alias"],
                consent_note=data["consent_note"],
                consent_to_share=data["consent_to_share"],
                file=form.file(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已开案。"))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/open.html", {"form": form})


def _case_or_404(request, case_id) -> Case:
    try:
        case = selectors.case_detail(case_id)
    except Case.DoesNotExist:
        raise PermissionDenied(str(rules.CANNOT_READ)) from None
    if not may(request.user, "cases.view_case", case):
        # The same answer whether the case exists or not: nothing about who is served leaks.
        raise PermissionDenied(str(rules.CANNOT_READ))
    return case


def _detail_context(request, case, **extra) -> dict:
    user = request.user
    can_write = may(user, "cases.write_note", case)
    return {
        "case": case,
        "assignments": case.assignments.filter(ended_at__isnull=True).select_related("worker"),
        "events": case.events.select_related("actor").order_by("-at", "-created_at")[:50],
        "note_count": case.notes.count(),
        "can_read": may(user, "cases.read_case", case),
        "can_write": can_write,
        "can_close": may(user, "cases.close_case", case),
        "can_assign": may(user, "cases.assign_case", case),
        "can_withdraw": case.consent_withdrawn_at is None and may(user, "cases.withdraw_consent", case),
        "is_person": case.resident_id == user.pk,
        "note_form": extra.pop("note_form", None) or (NoteForm(case_kind=case.kind) if can_write else None),
        "close_form": extra.pop("close_form", None) or CloseForm(),
        "assign_form": AssignForm(organization=case.organization),
        **extra,
    }


@login_required
@require_safe
def detail(request, case_id):
    case = _case_or_404(request, case_id)
    return render(request, "cases/detail.html", _detail_context(request, case))


@login_required
@require_POST
def read_file(request, case_id):
    """Reading the file is a deliberate act (a button), recorded each time; the person sees the record."""
    case = _case_or_404(request, case_id)
    content = services.read_case(actor=request.user, case=case, purpose=_("在个案页面查看"))
    context = {"case": case, "content": content}
    if request.htmx:
        return render(request, "cases/_file.html", context)
    return render(request, "cases/detail.html", _detail_context(request, case, content=content))


@login_required
@require_POST
def add_note(request, case_id):
    case = _case_or_404(request, case_id)
    form = NoteForm(request.POST, case_kind=case.kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_note(
                actor=request.user,
                case=case,
                kind=data["kind"],
                on=data["on"],
                text=data["text"],
                fields=form.structured_values(),
                next_review_on=data["next_review_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("记录已保存。"))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/detail.html", _detail_context(request, case, note_form=form), status=400)


@login_required
@require_POST
def close(request, case_id):
    case = _case_or_404(request, case_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_case(
                actor=request.user, case=case, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已结案。"))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/detail.html", _detail_context(request, case, close_form=form), status=400)


@login_required
@require_POST
def assign(request, case_id):
    case = _case_or_404(request, case_id)
    form = AssignForm(request.POST, organization=case.organization)
    if form.is_valid():
        try:
            services.assign(
                actor=request.user, case=case, worker=form.cleaned_data["worker"], role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已分派。"))
    else:
        messages.error(request, _("请选择本机构的一位工作人员和职责。"))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def withdraw_consent(request, case_id):
    case = _case_or_404(request, case_id)
    services.withdraw_consent(actor=request.user, case=case)
    messages.success(request, _("已撤回同意：这个个案不再记录，也不会转给其他机构。"))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_safe
def mine(request):
    """The person's own cases: where they stand and who read them."""
    return render(request, "cases/mine.html", {"cases": selectors.cases_of_person(request.user)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def handover(request, organization_id, user_id):
    """交接: the leaving worker's open work, each with a receiver (or one for all) and a note."""
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "cases.manage_handovers", organization):
        raise PermissionDenied(str(rules.CANNOT_HANDOVER))
    giver = get_object_or_404(User.objects.filter(roles__organization=organization).distinct(), pk=user_id)
    held = contributions.held_work(giver, organization)
    receivers = colleagues(organization, besides=giver)
    errors = []
    if request.method == "POST":
        by_id = {str(person.pk): person for person in receivers}
        everyone = by_id.get(request.POST.get("receiver_all", ""))
        chosen = {work.key: by_id.get(request.POST.get(f"receiver-{work.key}", "")) or everyone for work in held}
        if any(receiver is None for receiver in chosen.values()):
            errors.append(_("请为每项工作选一位接手人，或在最上面选一位接手全部。"))
        else:
            notes = {work.key: request.POST.get(f"note-{work.key}", "")[:2000] for work in held}
            try:
                handovers.hand_over(
                    actor=request.user, organization=organization, giver=giver, receivers=chosen, notes=notes
                )
            except ValidationError as error:
                errors += error.messages
            else:
                messages.success(request, _("已交接 %(n)s 项工作，接手人确认后生效。") % {"n": len(chosen)})
                return redirect("cases:handover", organization_id=organization.pk, user_id=giver.pk)
    context = {
        "organization": organization,
        "giver": giver,
        "held": held,
        "receivers": receivers,
        "errors": errors,
        "waiting": selectors.in_handover(organization),
    }
    return render(request, "cases/handover.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def handover_item(request, item_id):
    """The receiver reads the note (recorded, for a case) and acknowledges it."""
    item = get_object_or_404(HandoverItem.objects.select_related("organization", "case"), pk=item_id)
    if request.method == "POST":
        handovers.acknowledge(actor=request.user, item=item)
        messages.success(request, _("已确认接手：%(title)s") % {"title": item.title})
        return redirect("cases:index")
    note = handovers.read_note(actor=request.user, item=item)
    return render(request, "cases/handover_item.html", {"item": item, "note": note})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def transfer(request, contract_id):
    """换机构: for each open case of an ended contract, whether the person agreed to move to the new organization."""
    contract = get_object_or_404(Contract.objects.select_related("organization", "project"), pk=contract_id)
    if not retender.may_transfer(request.user, contract):
        raise PermissionDenied(_("只有原机构的管理员或服务社区的工作人员可以办理换机构时的个案转移。"))
    successors = retender.successors(contract)
    chosen = next((c for c in successors if str(c.pk) == request.GET.get("to", "")), None)
    cases = list(retender.open_cases_of(contract))
    receivers = colleagues(chosen.organization) if chosen else []
    errors = []
    if request.method == "POST" and chosen is not None:
        receiver = next((p for p in receivers if str(p.pk) == request.POST.get("receiver", "")), None)
        # A ticked box is the consent; the words say how it was given (or simply that it was).
        decisions = {
            str(case.pk): (request.POST.get(f"consent-{case.pk}", "").strip()[:200] or _("本人同意"))
            if request.POST.get(f"agreed-{case.pk}")
            else ""
            for case in cases
        }
        if receiver is None:
            errors.append(_("请选择新机构里接手这些个案的社工。"))
        else:
            try:
                result = retender.transfer(
                    actor=request.user, contract=contract, new_contract=chosen, receiver=receiver, decisions=decisions
                )
            except ValidationError as error:
                errors += error.messages
            else:
                messages.success(
                    request,
                    _("%(moved)s 个个案转到了新机构，%(closed)s 个未同意的已结案并通知了本人。") % result,
                )
                return redirect(request.get_full_path())
    context = {
        "contract": contract,
        "successors": successors,
        "chosen": chosen,
        "cases": cases,
        "receivers": receivers,
        "errors": errors,
    }
    return render(request, "cases/transfer.html", context, status=400 if errors else 200)
