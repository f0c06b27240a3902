"""社区记忆: a community's timeline (by year and kind, paginated), its notebook kept by staff, and the archives
of communities and organizations."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.cases import archive, memory, notebook
from sanshe.cases.forms import DocumentForm, NotebookForm, RevisionForm
from sanshe.cases.models import Document, NotebookEntry
from sanshe.directory.models import Organization
from sanshe.people.predicates import is_community_staff, is_org_member
from sanshe.places.models import Community
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _int_or_none(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@login_required
@require_safe
def memory_home(request):
    """社区记忆: the communities one serves; with one, straight to its timeline."""
    communities = memory.communities_for(request.user)
    if len(communities) == 1:
        return redirect("cases:timeline", community_id=communities[0].pk)
    return render(request, "cases/memory_home.html", {"page": paginate(request, communities)})


@login_required
@require_safe
def timeline(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not memory.may_see(request.user, community):
        raise PermissionDenied(str(memory.CANNOT_SEE))
    year = _int_or_none(request.GET.get("year"))
    year = year if year in memory.years() else None
    everything = memory.entries(community, year=year)
    kinds = sorted({str(entry.kind) for entry in everything})
    kind = request.GET.get("kind", "")
    shown = [entry for entry in everything if entry.kind == kind] if kind in kinds else everything
    context = {
        "community": community,
        "page": paginate(request, [(memory.day(entry.when), entry) for entry in shown]),
        "years": memory.years(),
        "year": year,
        "kinds": kinds,
        "kind": kind if kind in kinds else "",
    }
    return render(request, "cases/timeline.html", context)


def _community_for_memory(request, community_id) -> Community:
    community = get_object_or_404(Community, pk=community_id)
    if not memory.may_see(request.user, community):
        raise PermissionDenied(str(memory.CANNOT_SEE))
    return community


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notebook_page(request, community_id):
    """社区笔记: the pages by section; staff add a page."""
    community = _community_for_memory(request, community_id)
    form = NotebookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = notebook.write(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("cases:notebook_entry", community_id=community.pk, entry_id=entry.pk)
    context = {
        "community": community,
        "entries": notebook.entries(community),
        "form": form,
        "can_keep": is_community_staff(request.user, community),
    }
    return render(request, "cases/notebook.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notebook_entry(request, community_id, entry_id):
    """One page with every version, newest first; staff change it (a new version)."""
    community = _community_for_memory(request, community_id)
    entry = get_object_or_404(NotebookEntry, pk=entry_id, community=community)
    versions = list(entry.versions.all())
    form = RevisionForm(request.POST or None, initial={"text": versions[0].text, "based_on": versions[0].number})
    if request.method == "POST" and form.is_valid():
        try:
            notebook.revise(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存为新的一版。"))
            return redirect("cases:notebook_entry", community_id=community.pk, entry_id=entry.pk)
    context = {
        "community": community,
        "entry": entry,
        "versions": versions,
        "form": form,
        "can_keep": is_community_staff(request.user, community),
    }
    return render(request, "cases/notebook_entry.html", context, status=400 if form.errors else 200)


def _archive_owner(request, owner, owner_id):
    if owner == "community":
        return {"community": _community_for_memory(request, owner_id)}
    organization = get_object_or_404(Organization, pk=owner_id)
    if not is_org_member(request.user, organization):
        raise PermissionDenied(str(archive.CANNOT_READ))
    return {"organization": organization}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def archive_page(request, owner, owner_id):
    """档案: a community's or an organization's documents (those one may open), searchable by title; upload."""
    scope = _archive_owner(request, owner, owner_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            archive.upload(actor=request.user, **form.cleaned_data, **scope)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已上传。"))
            return redirect(request.path)
    query = request.GET.get("q", "")[:50]
    context = {
        **scope,
        "owner": scope.get("community") or scope.get("organization"),
        "page": paginate(request, archive.visible(request.user, query=query, **scope)),
        "query": query,
        "form": form,
        "can_upload": archive.may_upload(request.user, **scope),
        "can_export": "community" in scope and archive.may_export(request.user, scope["community"]),
    }
    return render(request, "cases/archive.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def document_download(request, document_id):
    document = get_object_or_404(Document, pk=document_id)
    if not archive.may_read(request.user, document):
        raise PermissionDenied(str(archive.CANNOT_READ))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=PurePosixPath(document.file.name).name)


@login_required
@require_safe
def archive_export(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    content = archive.export_zip(actor=request.user, community=community)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="community-archive.zip"'
    return response
