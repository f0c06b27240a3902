"""Organization staff submit, amend or withdraw their bid during the submission period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.money import fen_to_yuan_text, format_fen
from sanshe.procurement import refusals, selectors, services
from sanshe.procurement.forms import BidForm, renamed
from sanshe.procurement.models import Bid, BidStatus
from sanshe.procurement.views._pages import organizations_of, refused
from sanshe.web.confirm import confirmation_page, is_confirmed
from sanshe.web.forms import add_errors


def _budget_text(bid) -> str:
    return "\n".join(f"{line.description} {fen_to_yuan_text(line.amount_fen)}" for line in bid.budget_lines.all())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bid_form(request, project_id):
    project = selectors.project(project_id)
    organizations = organizations_of(request.user)
    title = _("不能投标")
    if not organizations:
        return refused(request, project, title=title, reason=refusals.NOT_BIDDER_STAFF)
    if project.phase(clock.now()) != "submission":
        return refused(request, project, title=title, reason=refusals.NOT_SUBMISSION)
    existing = {b.organization_id: b for b in Bid.objects.filter(project=project, organization__in=organizations)}
    if request.method == "POST" and "withdraw" in request.POST:
        return _withdraw(request, project, existing)
    first = next(iter(existing.values()), None)
    initial = {"organization": organizations[0]}
    if first is not None and first.status == BidStatus.SUBMITTED:
        initial = {
            "organization": first.organization,
            "summary": first.summary,
            "plan": first.plan,
            "team": first.team,
            "items": list(first.items.all()),
            "budget": _budget_text(first),
        }
    form = BidForm(
        request.POST or None,
        request.FILES or None,
        organizations=organizations,
        project=project,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _submit(request.user, project, form, existing.get(form.cleaned_data["organization"].pk))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, renamed(exc, form.service_fields))
        else:
            messages.success(request, _("投标已提交。投标期结束前可以修改或撤回。"))
            return redirect("procurement:bid", project_id=project.pk)
    context = {"project": project, "form": form, "bids": list(existing.values())}
    return render(request, "procurement/bid_form.html", context, status=422 if form.errors else 200)


@transaction.atomic
def _submit(user, project, form, bid):
    """Amend the organization's submitted bid or submit a new one, then attach the document."""
    if bid is not None and bid.status == BidStatus.SUBMITTED:
        bid = services.amend_bid(actor=user, bid=bid, data=form.data_for_service())
    else:
        bid = services.submit_bid(
            actor=user, project=project, organization=form.cleaned_data["organization"], data=form.data_for_service()
        )
    document = form.cleaned_data["document"]
    if document:
        services.add_bid_document(
            actor=user, bid=bid, title=document.name, file=document, public=form.cleaned_data["document_public"]
        )


def _withdraw(request, project, existing):
    wanted = parse_uuid(request.POST.get("withdraw"))
    bid = next((b for b in existing.values() if b.pk == wanted), None)
    if bid is not None and not is_confirmed(request):
        facts = [
            (_("项目"), project.name),
            (_("投标机构"), bid.organization.name),
            (_("报价"), format_fen(bid.price_fen)),
        ]
        return confirmation_page(
            request,
            title=_("确认撤回投标"),
            facts=facts,
            warning=_("撤回后这份投标不参加评审；投标期结束前可以重新提交，投标期结束后就不能再投了。"),
            button=_("确认撤回"),
            back_url=resolve_url("procurement:bid", project_id=project.pk),
        )
    if bid is not None:
        try:
            services.withdraw_bid(actor=request.user, bid=bid)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("投标已撤回。投标期结束前还可以重新提交。"))
    return redirect("procurement:bid", project_id=project.pk)
