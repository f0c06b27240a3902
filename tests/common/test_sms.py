import logging

from sanshe.common import sms


def test_tests_send_to_the_outbox():
    assert sms.send_sms("13900000001", "验证码 123456") == 1
    assert sms.outbox == [sms.TextMessage(phone="13900000001", text="验证码 123456")]


def test_the_demo_backend_logs_a_masked_number_never_the_whole_one(settings, caplog):
    settings.SANSHE_SMS_BACKEND = "sanshe.common.sms.LoggingBackend"
    with caplog.at_level(logging.INFO, logger="sanshe.sms"):
        sms.send_sms("13900000001", "验证码 123456")
    assert "139****0001" in caplog.text and "验证码 123456" in caplog.text
    assert "13900000001" not in caplog.text
    assert sms.outbox == []
