from io import StringIO

import pytest
from django.core.management import call_command

from sanshe.demo.accounts_data import ACCOUNTS, DEMO_PASSWORD
from sanshe.demo.server import bind_address, gunicorn_argv
from sanshe.directory.models import Service
from sanshe.people.models import RoleKind


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_no_serve_loads_and_prints_every_login_and_what_the_feature_apps_added(db):
    from sanshe.funds.models import Fund
    from sanshe.needs.models import Need

    output = run("demo", "--no-serve", "--port", "8765")
    assert "已载入演示城市" in output
    assert Service.objects.count() > 100
    assert DEMO_PASSWORD in output
    assert "http://127.0.0.1:8765/" in output
    for account in ACCOUNTS:
        assert account.username in output
        if account.phone:
            assert account.phone in output
    for kind in RoleKind:
        assert str(kind.label) in output
    assert Need.objects.count() > 100 and Fund.objects.count() == 2
    assert f"另有 {Need.objects.count()} 条居民需求" in output
    assert f"{Fund.objects.count()} 个社区微基金" in output
    assert "mademin" in output


def test_demo_on_a_loaded_city_reports_it_is_there_and_changes_nothing(demo_city_readonly):
    services = Service.objects.count()
    output = run("demo", "--no-serve")
    assert "演示城市已存在，未作改动" in output
    assert Service.objects.count() == services


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command(command, "--help")
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    assert "--port" in help_text and "--host" in help_text


def test_gunicorn_command_line():
    argv = gunicorn_argv("127.0.0.1", 8765, 3)
    assert "sanshe.wsgi:application" in argv
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8765"
    assert argv[argv.index("--workers") + 1] == "3"
    assert bind_address("::1", 8000) == "[::1]:8000"


def test_gunicorn_timeout_threads_and_max_requests_are_passed_on():
    argv = gunicorn_argv("127.0.0.1", 8765, 2, timeout=90, threads=4, max_requests=500)
    options = {argv[i]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    assert options["--timeout"] == "90" and options["--threads"] == "4"
    assert options["--max-requests"] == "500" and options["--max-requests-jitter"] == "50"


def test_serve_options_default_to_environment_variables(monkeypatch):
    from django.core.management import CommandError

    from sanshe.demo.management.commands.serve import Command

    monkeypatch.setenv("SANSHE_TIMEOUT", "120")
    monkeypatch.setenv("SANSHE_MAX_REQUESTS", "0")
    options = Command().create_parser("sanshe", "serve").parse_args([])
    assert (options.timeout, options.max_requests, options.threads, options.workers) == (120, 0, 1, 2)
    monkeypatch.setenv("SANSHE_THREADS", "many")
    with pytest.raises(CommandError, match="--threads: invalid int value"):
        Command().create_parser("sanshe", "serve").parse_args([])
