"""The community notebook (versions, attributed, no silent overwrite, consent for key people) and the archives
(uploads and downloads permission-checked, search by title, the zip export with its index)."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sanshe.cases import archive, notebook
from sanshe.cases.models import Access, NotebookVersion

pytestmark = pytest.mark.django_db


MINUTES = "居民议事会：决定修补小广场".encode()


def _file(name="纪要.txt", content=MINUTES):
    return SimpleUploadedFile(name, content)


def _upload(actor, community, title, access=Access.STAFF, kind="minutes"):
    return archive.upload(
        actor=actor,
        community=community,
        file=_file(),
        kind=kind,
        title=title,
        dated=datetime.date(2026, 9, 1),
        keep_years=10,
        access=access,
    )


def test_every_change_is_a_new_attributed_version_and_a_stale_change_is_refused(community, people):
    staff = people["community_staff"]
    entry = notebook.write(
        actor=staff, community=community, section="resources", title="停水找谁", text="自来水公司 96777"
    )
    notebook.revise(actor=staff, entry=entry, text="自来水公司 96777；楼长刘师傅有总阀钥匙", based_on=1)
    with pytest.raises(ValidationError, match="刚被别人改过"):
        notebook.revise(actor=staff, entry=entry, text="旧的上面改", based_on=1)
    versions = list(NotebookVersion.objects.filter(entry=entry).order_by("number"))
    assert [(v.number, v.author_name) for v in versions] == [(1, "张静"), (2, "张静")]
    assert notebook.entries(community).get().text.endswith("总阀钥匙")


@pytest.mark.parametrize("who", ["worker", "officer", "resident", "superuser"])
def test_only_the_communitys_staff_keep_the_notebook(community, people, who):
    with pytest.raises(PermissionDenied):
        notebook.write(actor=people[who], community=community, section="history", title="t", text="x")


def test_a_key_person_is_written_down_only_with_their_consent(community, people):
    with pytest.raises(ValidationError, match="同意"):
        notebook.write(
            actor=people["community_staff"],
            community=community,
            section="key_people",
            title="刘师傅",
            text="楼长，热心",
        )
    notebook.write(
        actor=people["community_staff"],
        community=community,
        section="key_people",
        title="刘师傅",
        text="楼长，热心",
        consent_note="本人口头同意写入",
    )


def test_the_notebook_pages_for_staff_and_those_serving_the_community(client, community, people, case):
    client.force_login(people["community_staff"])
    url = reverse("cases:notebook", args=[community.pk])
    response = client.post(url, {"section": "lessons", "title": "市集", "text": "提前一周贴通知"})
    assert response.status_code == 302
    client.force_login(people["worker"])  # 益心社工 works in the community: reads, does not write
    page = client.get(url).content.decode()
    assert "市集" in page and "写一页" not in page
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 403


def test_archive_access_levels_and_search(client, community, people, case):
    staff = people["community_staff"]
    public = _upload(staff, community, "2026年第三季度居民议事会纪要", Access.PUBLIC)
    _upload(staff, community, "街道工作报告", Access.STAFF, kind="report")
    restricted = _upload(staff, community, "矛盾调解记录", Access.RESTRICTED)
    titles = lambda who: {d.title for d in archive.visible(people[who], community=community)}  # noqa: E731
    assert len(titles("community_staff")) == 3
    assert titles("worker") == {"2026年第三季度居民议事会纪要", "街道工作报告"}
    assert archive.visible(people["community_staff"], community=community, query="纪要") == [public]
    client.force_login(people["worker"])
    assert client.get(reverse("cases:document", args=[restricted.pk])).status_code == 403
    response = client.get(reverse("cases:document", args=[public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == MINUTES


@pytest.mark.parametrize("who", ["worker", "resident", "officer"])
def test_only_the_communitys_staff_upload_to_its_archive(community, people, who):
    with pytest.raises(PermissionDenied):
        _upload(people[who], community, "x")


def test_an_organization_keeps_its_own_archive(client, agency, people):
    client.force_login(people["worker"])
    url = reverse("cases:organization_archive", args=[agency.pk])
    response = client.post(
        url,
        {
            "title": "年度报告",
            "kind": "report",
            "dated": "2026-01-05",
            "keep_years": 10,
            "access": "restricted",
            "file": _file("report.txt", b"report"),
        },
    )
    assert response.status_code == 302
    assert "年度报告" not in client.get(url).content.decode()  # restricted: the organization's admins only
    client.force_login(people["supervisor"])
    assert "年度报告" in client.get(url).content.decode()
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 403


def test_the_export_holds_every_document_and_an_index_in_json_and_xlsx(client, community, people):
    staff = people["community_staff"]
    _upload(staff, community, "议事会纪要")
    _upload(staff, community, "年度报告", kind="report")
    client.force_login(people["worker"])
    assert client.get(reverse("cases:archive_export", args=[community.pk])).status_code == 403
    client.force_login(people["officer"])
    response = client.get(reverse("cases:archive_export", args=[community.pk]))
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    index = json.loads(bundle.read("index.json"))
    titles = [d["title"] for d in index["documents"]]
    assert sorted(titles) == sorted(["议事会纪要", "年度报告"])
    assert all(bundle.read(d["file"]) for d in index["documents"])
    sheet = load_workbook(io.BytesIO(bundle.read("index.xlsx"))).active
    assert [row[1] for row in sheet.iter_rows(values_only=True)] == ["标题", *titles]


def test_public_documents_are_found_through_the_chinese_index(community, people):
    staff = people["community_staff"]
    minutes = _upload(staff, community, "2026年第三季度居民议事会纪要", Access.PUBLIC)
    _upload(staff, community, "议事会内部讨论", Access.STAFF)
    # Two words apart: no title contains the query as typed; the index finds the public one by its words.
    assert archive.visible(people["worker"], community=community, query="纪要 议事会") == [minutes]
