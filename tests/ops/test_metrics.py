"""/metrics for Prometheus: open in the demo, a token or an allowed address in production."""

import pytest

TOKEN = "t" * 40


@pytest.fixture
def production(settings):
    settings.PRODUCTION = True
    settings.SANSHE_METRICS_TOKEN = TOKEN
    settings.SANSHE_METRICS_ALLOWED_IPS = ["10.0.0.5"]


@pytest.mark.django_db
def test_counts_requests_by_view_and_status(client):
    client.get("/healthz")
    text = client.get("/metrics").content.decode()
    assert 'sanshe_http_requests_total{method="GET",status="200",view="healthz"}' in text
    assert "sanshe_http_request_duration_seconds_bucket" in text
    assert "sanshe_task_queue_oldest_waiting_seconds 0.0" in text


@pytest.mark.django_db
def test_production_refuses_strangers(client, production):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/metrics", {"token": TOKEN}).status_code == 403


@pytest.mark.django_db
def test_production_answers_the_token(client, production):
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.django_db
def test_production_answers_an_allowed_address(client, production):
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.6").status_code == 403
