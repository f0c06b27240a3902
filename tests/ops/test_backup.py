"""sanshe backup and sanshe restore: a round trip, and the restores refused before anything is replaced.

Transactional: the backup tools read what is committed, and a restore replaces the whole database."""

import base64
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sanshe.common import crypto
from sanshe.needs.models import Need, PrivateDetails
from sanshe.people.models import User
from tests.factories import NeedFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OTHER_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()


@pytest.fixture
def city_with_secrets(db):
    needs = NeedFactory.create_batch(3)
    for need in needs:
        PrivateDetails.objects.create(need=need, ciphertext=crypto.encrypt_json({"health": f"糖尿病 {need.pk}"}))
    return needs


@pytest.fixture
def backup_file(tmp_path, city_with_secrets):
    path = tmp_path / "sanshe.backup"
    call_command("backup", str(path), stdout=open("/dev/null", "w"))
    return path


def restore(path, *args):
    output = io.StringIO()
    call_command("restore", str(path), *args, stdout=output)
    return output.getvalue()


def test_a_backup_restores_what_was_there(backup_file, city_with_secrets):
    kept = {need.pk: crypto.decrypt_json(need.private.ciphertext) for need in city_with_secrets}
    users = User.objects.count()
    UserFactory(username="after-the-backup")
    Need.objects.filter(pk=city_with_secrets[0].pk).delete()

    said = restore(backup_file, "--force")

    assert "与备份一致" in said and "恢复完成" in said
    assert not User.objects.filter(username="after-the-backup").exists()
    assert User.objects.count() == users
    assert {p.need_id: crypto.decrypt_json(p.ciphertext) for p in PrivateDetails.objects.all()} == kept


def test_refuses_to_replace_data_without_force(backup_file):
    UserFactory(username="still-here")
    with pytest.raises(CommandError, match="--force"):
        restore(backup_file)
    assert User.objects.filter(username="still-here").exists()


def test_refuses_keys_that_cannot_read_the_private_details(backup_file, settings):
    UserFactory(username="still-here")
    settings.SANSHE_FIELD_KEYS = [OTHER_KEY]
    with pytest.raises(CommandError, match="SANSHE_FIELD_KEYS"):
        restore(backup_file, "--force")
    assert User.objects.filter(username="still-here").exists()


def test_a_new_key_in_front_of_the_old_one_still_reads_them(backup_file, settings):
    settings.SANSHE_FIELD_KEYS = [OTHER_KEY, *settings.SANSHE_FIELD_KEYS]
    assert "抽查的 3 条加密信息都能解开" in restore(backup_file, "--force")


def test_refuses_a_file_that_is_not_a_backup_of_this_kind_of_database(tmp_path, db):
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP..." if connection.vendor == "sqlite" else b"SQLite format 3\x00...")
    with pytest.raises(CommandError, match="请在同一种数据库上恢复"):
        restore(other, "--force")
    garbage = tmp_path / "notes.txt"
    garbage.write_text("我的笔记")
    with pytest.raises(CommandError, match="不是 sanshe backup 写出的备份"):
        restore(garbage, "--force")


def test_never_writes_over_an_earlier_backup(backup_file):
    before = backup_file.read_bytes()
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", str(backup_file))
    assert backup_file.read_bytes() == before
