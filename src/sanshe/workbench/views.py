"""我的工作台: where each signed-in person lands, with what waits for them in each of their roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sanshe.common.contributions import work_sections
from sanshe.workbench.groups import grouped


@login_required
@require_safe
def home(request):
    groups = grouped(work_sections(request.user))
    waiting = sum(section.count for group in groups for section in group.waiting)
    return render(request, "workbench/home.html", {"groups": groups, "waiting": waiting})
