"""Chinese full-text search and the needs board at scale: run by hand, prints figures; not a test.

    .venv/bin/python bench/search.py [--services 100000] [--needs 1000000] [--communities 500]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/search.py
        # on PostgreSQL, in its own database sanshe_bench_search (dropped and created afresh;
        # SANSHE_BENCH_DATABASE names another)

Loads the demo city into a scratch database, adds services and needs (Chinese text, bulk
inserts), builds the search index in bulk, then times 200 realistic Chinese queries (the
search layer: count and first page, plus the rows shown) and the community needs board page
(with its SQL query count). Goals: search p95 <= 50 ms; board p95 <= 100 ms.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

BENCH_DATABASE = os.environ.get("SANSHE_BENCH_DATABASE", "sanshe_bench_search")  # several people, one server

SERVICE_WORDS = [
    ("社区律师一元法律咨询", "执业律师每周在社区解答婚姻、继承、劳动纠纷等法律问题。", "legal"),
    ("长者助餐送餐上门", "为独居和高龄老人提供午餐，行动不便的老人可以送餐上门。", "elderly"),
    ("居家助浴服务", "专业护理员上门为失能半失能老人助浴。", "elderly"),
    ("四点半课堂", "放学后托管和作业辅导，由志愿者和社工陪伴孩子。", "children"),
    ("心理咨询热线", "专业心理咨询师倾听烦恼，缓解焦虑和抑郁情绪。", "mental-health"),
    ("残疾人康复训练", "为残疾人提供康复训练和辅具借用。", "disability-rehabilitation"),
    ("就业技能培训", "为失业人员提供技能培训和招聘信息。", "employment"),
    ("低保政策咨询", "帮助困难家庭了解低保和临时救助申请。", "social-assistance"),
    ("老年人智能手机课堂", "教老人使用微信、扫码、网上挂号。", "elderly"),
    ("家庭医生签约", "慢病管理、测血压血糖、用药指导。", "medical-health"),
    ("婚姻家庭调解", "社工协助调解家庭矛盾和婆媳关系。", "marriage-family"),
    ("退役军人服务站", "退役军人就业帮扶和优待政策咨询。", "veterans"),
    ("外来务工人员维权", "帮助外来务工人员讨薪维权。", "legal"),
    ("青少年成长营", "青少年兴趣小组和网瘾预防。", "youth"),
    ("社区理发志愿服务", "每月一次为老人免费理发。", "elderly"),
]
PLACES = ["城关", "武侯", "福田", "铁路西村", "玉林", "沙尾", "东岗", "小西湖", "华林", "莲花"]
NEED_SUMMARIES = [
    "想找人每天中午送饭",
    "希望有人上门助浴",
    "老人想学用智能手机",
    "需要法律咨询：拖欠工资",
    "遗嘱和房产继承咨询",
    "孩子放学后没人照看",
    "留守孩子需要作业辅导",
    "想找心理咨询",
    "残疾人康复训练",
    "需要轮椅借用",
    "找工作：会开车",
    "家庭矛盾需要调解",
    "申请低保需要帮助",
    "楼道路灯坏了很久",
    "小区想办邻里活动",
    "需要定期测血压",
    "慢病用药指导",
    "孕期和产后照护咨询",
    "外地孩子入学咨询",
    "退役军人就业帮扶",
    "独居老人希望有人探访",
    "青少年沉迷手机",
    "停电后需要应急帮助",
    "想找助餐点",
    "陪老人去医院看病",
]
QUERIES = [
    "老人",
    "送餐",
    "法律咨询",
    "助浴",
    "心理咨询",
    "托管",
    "康复",
    "就业",
    "低保",
    "残疾人",
    "智能手机",
    "血压",
    "陪诊",
    "维权",
    "理发",
    "四点半课堂",
    "作业辅导",
    "家庭医生",
    "调解",
    "退役军人",
    "独居老人",
    "助餐",
    "轮椅",
    "遗嘱",
    "继承",
    "拖欠工资",
    "法律",
    "律师",
    "心理",
    "焦虑",
    "孩子",
    "青少年",
    "网瘾",
    "路灯",
    "邻里",
    "慢病",
    "用药",
    "孕期",
    "入学",
    "应急",
    "法律资询",
    "助餐点",
    "上门助浴",
    "老年食堂",
    "法",
    "餐",
    "城关 法律",
    "武侯 老人",
    "技能培训",
    "招聘",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=1_000_000)
    parser.add_argument("--communities", type=int, default=500, help="communities the needs spread over")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--board-requests", type=int, default=50)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of an earlier run (same SANSHE_DATA_DIR)"
    )
    args = parser.parse_args()

    if os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = bench_database(os.environ["DATABASE_URL"], fresh=not args.reuse)
    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-search-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from sanshe.demo.city import load_demo_city

    call_command("migrate", verbosity=0)
    load_demo_city()
    t0 = time.perf_counter()
    communities = grow_communities(args.communities)
    grow_services(args.services)
    t1 = time.perf_counter()
    grow_needs(args.needs, communities)
    t2 = time.perf_counter()
    from sanshe.search.models import SearchEntry

    entries = SearchEntry.objects.count() if args.reuse and SearchEntry.objects.exists() else build_index()
    t3 = time.perf_counter()
    with connection.cursor() as cursor:
        # Statistics for the planner; on PostgreSQL also the visibility map (as autovacuum would set it after
        # a bulk load), without which the board's covering index cannot be scanned index-only.
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(
        f"{connection.vendor}: {args.services} services, {args.needs} needs over {len(communities)} communities, "
        f"{entries} index entries (services {t1 - t0:.0f} s, needs {t2 - t1:.0f} s, index {t3 - t2:.0f} s)"
    )
    time_search(args.queries)
    time_service_pages(args.queries)
    time_board(args.board_requests)


def bench_database(url: str, *, fresh: bool, name: str = BENCH_DATABASE) -> str:
    """The same server, our own database (dropped and created afresh, UTF-8, unless reused)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not fresh:
            return urlunsplit(parts._replace(path=f"/{name}"))
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    return urlunsplit(parts._replace(path=f"/{name}"))


def grow_communities(target):
    from sanshe.common.text import pinyin_sort_key
    from sanshe.places.models import Community, Street

    streets = list(Street.objects.all())
    existing = list(Community.objects.all())
    rng = random.Random(1)
    rows = []
    for i in range(max(0, target - len(existing))):
        name = f"{rng.choice(PLACES)}第{i}社区"
        base = existing[i % len(existing)]
        rows.append(
            Community(
                id=uuid.uuid4(),
                street=streets[i % len(streets)],
                name=name,
                sort_key=pinyin_sort_key(name),
                population=8000 + i % 5000,
                households=3000,
                elderly=2000 + i % 1500,
                children=1000,
                migrants=800,
                disabled=120,
                latitude=base.latitude,
                longitude=base.longitude,
            )
        )
    Community.objects.bulk_create(rows, batch_size=1000)
    return list(Community.objects.values_list("pk", flat=True))


def grow_services(target):
    from django.db import transaction

    from sanshe.common.text import pinyin_sort_key
    from sanshe.directory.models import Organization, Service
    from sanshe.taxonomy.models import TaxonomyTerm

    organizations = list(Organization.objects.values_list("pk", flat=True))
    domains = {t.code: t.pk for t in TaxonomyTerm.objects.domains()}
    through = Service.domains.through
    need = target - Service.objects.count()
    rng = random.Random(2)
    keys = {}
    batch, links = [], []
    with transaction.atomic():
        for i in range(max(0, need)):
            name, description, code = SERVICE_WORDS[i % len(SERVICE_WORDS)]
            name = f"{rng.choice(PLACES)}{name}{i % 97}"
            key = keys.get(name) or keys.setdefault(name, pinyin_sort_key(name))
            row = Service(
                id=uuid.uuid4(),
                organization_id=organizations[i % len(organizations)],
                name=name,
                sort_key=key,
                description=description,
                capacity_per_week=20,
            )
            batch.append(row)
            links.append(through(service_id=row.id, taxonomyterm_id=domains[code]))
            if len(batch) >= 5000:
                Service.objects.bulk_create(batch)
                through.objects.bulk_create(links)
                batch, links = [], []
        Service.objects.bulk_create(batch)
        through.objects.bulk_create(links)


def grow_needs(target, communities):
    from django.db import transaction

    from sanshe.needs.models import Need, NeedStatus
    from sanshe.taxonomy.models import TaxonomyTerm

    domains = list(TaxonomyTerm.objects.domains().values_list("pk", flat=True))
    groups = [None, *TaxonomyTerm.objects.target_groups().values_list("pk", flat=True)]
    statuses = [NeedStatus.OPEN] * 5 + [NeedStatus.MATCHED, NeedStatus.IN_SERVICE, NeedStatus.MET, NeedStatus.MET]
    rng = random.Random(3)
    batch = []
    with transaction.atomic():
        for i in range(max(0, target - Need.objects.count())):
            summary = f"{rng.choice(NEED_SUMMARIES)}（{rng.choice(PLACES)}{i % 50}号楼）"
            batch.append(
                Need(
                    id=uuid.uuid4(),
                    community_id=communities[i % len(communities)],
                    summary=summary,
                    description=summary,
                    # Drawn at random, not from i: with i % communities, any i-based cycle dividing the
                    # number of communities would give every need of a community the same status or domain.
                    is_public=rng.random() >= 1 / 7,
                    domain_id=rng.choice(domains),
                    target_group_id=rng.choice(groups),
                    beneficiary_age=rng.randint(5, 95),
                    urgency=rng.randint(1, 3),
                    status=rng.choice(statuses),
                    support_count=rng.randint(0, 12),
                )
            )
            if len(batch) >= 5000:
                Need.objects.bulk_create(batch)
                batch = []
        Need.objects.bulk_create(batch)


def build_index() -> int:
    """Bulk: SQLite drops the FTS triggers, inserts, rebuilds FTS once; PostgreSQL builds its GIN index last."""
    import importlib

    from django.db import connection

    from sanshe.search import index, ranking

    migration = importlib.import_module("sanshe.needs.migrations.0002_private_details_and_search")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in migration.SQLITE_BACKWARD:
                cursor.execute(statement)
        else:
            cursor.execute("DROP INDEX IF EXISTS needs_search_document")
    count = index.rebuild(batch_size=5000)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in migration.SQLITE_FORWARD:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {ranking.FTS_TABLE}({ranking.FTS_TABLE}) VALUES ('rebuild')")
        else:
            cursor.execute(migration.POSTGRES_FORWARD[1])
    return count


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def time_search(count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sanshe.directory.models import Service
    from sanshe.needs.models import Need
    from sanshe.search import ranking as search

    kinds = ["service", "need"]
    plan = [(QUERIES[i % len(QUERIES)], kinds[(i // len(QUERIES)) % 2]) for i in range(count)]
    for text, kind in plan[:10]:
        search.search(text, kind)  # warm up
    by_kind = {kind: [] for kind in kinds}
    found, queries_used, each = [], 0, []
    for text, kind in plan:
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            results = search.search(text, kind, limit=20)
            ids = [hit.object_id for hit in results.hits]
            model = Service if kind == "service" else Need
            rows = list(model.objects.filter(pk__in=ids).only("id"))
            elapsed = (time.perf_counter() - t0) * 1000
        by_kind[kind].append(elapsed)
        each.append((elapsed, text, kind))
        queries_used = max(queries_used, len(queries))
        found.append(results.total)
        assert len(rows) == len(ids)
    everything = by_kind[kinds[0]] + by_kind[kinds[1]]
    print(f"{'search (count + first 20 + rows)':40} {'p50 ms':>8} {'p95 ms':>8} {'max q':>6}")
    for label, timings in [("all queries", everything), *[(f"  {k}s", t) for k, t in by_kind.items()]]:
        p50, p95 = percentiles(timings)
        print(f"{label:40} {p50:8.1f} {p95:8.1f} {queries_used:6d}")
    print(
        f"  {sum(1 for n in found if n)} of {len(found)} queries found something; median hits {statistics.median(found):.0f}"
    )
    print("  slowest:", ", ".join(f"{q} ({kind}) {ms:.0f} ms" for ms, q, kind in sorted(each, reverse=True)[:4]))


def time_service_pages(count):
    """找服务's own search (what the page, /api/services and /hsds/services run): the true total and the first page."""
    import dataclasses

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sanshe.directory import selectors
    from sanshe.places.models import Community

    home = None
    if any(f.name == "home" for f in dataclasses.fields(selectors.ServiceFilter)):
        community = Community.objects.select_related("street__district").exclude(latitude=None).first()
        home = selectors.home_at(community)
    plans = [("visitor", None)] + ([("resident (home first)", home)] if home else [])
    print(f"{'找服务 search (true count + first 20)':40} {'p50 ms':>8} {'p95 ms':>8} {'max q':>6}")
    for label, where in plans:
        timings, most = [], 0
        for i in range(count // 2):
            text = QUERIES[i % len(QUERIES)]
            criteria = selectors.ServiceFilter(text=text, **({"home": where} if where else {}))
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                services = selectors.filter_services(criteria)
                total = services.count()
                rows = list(services[:20])
                timings.append((time.perf_counter() - t0) * 1000)
            most = max(most, len(queries))
            assert len(rows) == min(20, total)
        p50, p95 = percentiles(timings[5:])  # the first few warm caches up
        print(f"{label:40} {p50:8.1f} {p95:8.1f} {most:6d}")


def time_board(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sanshe.needs.models import Need
    from sanshe.people.models import Role, RoleKind

    role = Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF).select_related("user", "community").first()
    client = Client()
    client.force_login(role.user)
    url = f"/communities/{role.community_id}/needs/"
    client.get(url)
    timings = []
    for i in range(requests):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get(url if i % 2 == 0 else f"{url}?status=open&page=2")
            timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    p50, p95 = percentiles(timings)
    needs_here = Need.objects.filter(community_id=role.community_id).count()
    statuses = Need.objects.filter(community_id=role.community_id).values("status").distinct().count()
    print(f"{'needs board page':40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>6}")
    print(f"{f'{role.community.name} ({needs_here} needs)':40} {p50:8.1f} {p95:8.1f} {len(queries):6d}")
    print(f"  (the board community's needs are spread over {statuses} statuses; odd pages: status=open, page 2)")


if __name__ == "__main__":
    main()
