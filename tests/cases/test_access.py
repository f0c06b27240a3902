"""Who reads a case file: the assigned workers and their supervisor, each read recorded; nobody else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sanshe.cases import services
from sanshe.cases.models import AssignmentRole, CaseFile, CaseNote, CaseRead, NoteKind
from sanshe.common import clock
from sanshe.common.permissions import may

pytestmark = pytest.mark.django_db

ALLOWED = ["worker", "supervisor"]
FORBIDDEN = ["colleague", "outsider", "community_staff", "officer", "platform_admin", "superuser", "resident"]


@pytest.mark.parametrize("who", ALLOWED)
def test_the_assigned_worker_and_the_supervisor_read_the_file_and_each_read_is_recorded(case, people, who):
    content = services.read_case(actor=people[who], case=case, purpose="探访前")
    assert content["file"]["name"] == "王桂英"
    read = CaseRead.objects.get(case=case)
    assert (read.reader, read.purpose, read.organization_name) == (people[who], "探访前", "益心社工")


@pytest.mark.parametrize("who", FORBIDDEN)
def test_nobody_else_reads_the_file_not_even_a_superuser_and_nothing_is_recorded(case, people, who):
    with pytest.raises(PermissionDenied):
        services.read_case(actor=people[who], case=case, purpose="")
    assert not CaseRead.objects.exists()


def test_a_supervisor_assigned_to_the_case_reads_it_but_not_other_cases(case, people, agency, community):
    services.assign(actor=people["supervisor"], case=case, worker=people["colleague"], role=AssignmentRole.SUPERVISOR)
    assert may(people["colleague"], "cases.read_case", case)
    other = services.open_case(
        actor=people["worker"],
        organization=agency,
        community=community,
        kind="general",
        alias="小李",
        consent_note="本人同意",
    )
    assert not may(people["colleague"], "cases.read_case", other)


def test_a_former_worker_reads_nothing_once_their_role_is_gone(case, people):
    people["worker"].roles.all().delete()
    people["worker"].__dict__.pop("_sanshe_roles", None)
    assert not may(people["worker"], "cases.read_case", case)
    assert not may(people["worker"], "cases.write_note", case)


def test_only_workers_of_the_organization_may_be_assigned(case, people):
    with pytest.raises(Exception, match="不是益心社工的工作人员"):
        services.assign(actor=people["supervisor"], case=case, worker=people["outsider"])
    with pytest.raises(PermissionDenied):
        services.assign(actor=people["worker"], case=case, worker=people["colleague"])


def test_the_file_and_notes_are_encrypted_at_rest(case, people):
    services.add_note(
        actor=people["worker"],
        case=case,
        kind=NoteKind.VISIT,
        on=clock.today(),
        text="膝盖肿了，建议就医",
        fields={"health": "需要就医", "mood": "随便写的"},
    )
    assert "王桂英" not in CaseFile.objects.get(case=case).ciphertext
    note = CaseNote.objects.get(case=case)
    assert "膝盖" not in note.ciphertext
    content = services.read_case(actor=people["worker"], case=case, purpose="")
    # The template's fields with choices keep only a known choice.
    assert content["notes"][0]["fields"] == {"health": "需要就医"}


@pytest.mark.parametrize("who", ["colleague", "outsider", "officer", "superuser"])
def test_the_case_page_and_its_file_refuse_the_others(client, case, people, who):
    client.force_login(people[who])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 403
    assert client.post(reverse("cases:file", args=[case.pk])).status_code == 403
    assert client.post(f"/api/cases/{case.pk}/read").status_code == 403
    assert not CaseRead.objects.exists()


def test_the_worker_reads_on_the_page_and_the_person_sees_who_read(client, case, people):
    client.force_login(people["worker"])
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200 and "王桂英" not in page.content.decode()  # only after the deliberate read
    response = client.post(reverse("cases:file", args=[case.pk]))
    assert "王桂英" in response.content.decode()
    client.force_login(people["resident"])
    mine = client.get(reverse("cases:mine")).content.decode()
    assert "马晓燕" in mine and "在个案页面查看" in mine


def test_the_api_lists_only_cases_one_works_on_and_records_reads(client, case, people):
    client.force_login(people["colleague"])
    assert client.get("/api/cases/").json()["items"] == []
    client.force_login(people["supervisor"])
    assert [row["id"] for row in client.get("/api/cases/").json()["items"]] == [str(case.pk)]
    body = client.post(f"/api/cases/{case.pk}/read").json()
    assert body["file"]["assessment"] == "独居，膝关节不好"
    assert CaseRead.objects.filter(case=case, reader=people["supervisor"], purpose="API").count() == 1


def test_a_note_through_the_api_needs_a_date_not_in_the_future(client, case, people):
    client.force_login(people["worker"])
    tomorrow = clock.today().replace(year=clock.today().year + 1)
    response = client.post(
        f"/api/cases/{case.pk}/notes",
        {"kind": "call", "on": tomorrow.isoformat(), "text": "电话"},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/cases/{case.pk}/notes",
        {"kind": "call", "on": clock.today().isoformat(), "text": "电话问候"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_a_review_sets_the_next_review_date(case, people):
    today = clock.today()
    later = today.replace(year=today.year + 1)
    services.add_note(
        actor=people["worker"], case=case, kind=NoteKind.REVIEW, on=today, text="目标部分达成", next_review_on=later
    )
    case.refresh_from_db()
    assert case.next_review_on == later


def test_closing_needs_an_outcome_and_stops_notes(case, people):
    services.close_case(actor=people["worker"], case=case, outcome="goals_met", note="老人搬去女儿家")
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == clock.today()
    with pytest.raises(PermissionDenied):
        services.add_note(actor=people["worker"], case=case, kind="call", on=clock.today(), text="x")
