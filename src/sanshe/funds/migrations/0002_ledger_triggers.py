"""PostgreSQL guards the ledger itself: legs of a transaction sum to zero (checked at commit), and posted
transactions and legs can never be updated or deleted (corrections are reversing transactions).

SQLite relies on the service layer for the same rules (its test flush deletes rows, so no triggers there).
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION funds_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'funds ledger is append-only: % of a posted % row refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER funds_leg_append_only BEFORE UPDATE OR DELETE ON funds_leg
  FOR EACH ROW EXECUTE FUNCTION funds_ledger_append_only();
CREATE TRIGGER funds_transaction_append_only BEFORE UPDATE OR DELETE ON funds_ledgertransaction
  FOR EACH ROW EXECUTE FUNCTION funds_ledger_append_only();

CREATE FUNCTION funds_ledger_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx uuid;
  total bigint;
  legs integer;
BEGIN
  IF TG_TABLE_NAME = 'funds_leg' THEN tx := NEW.transaction_id; ELSE tx := NEW.id; END IF;
  SELECT COALESCE(SUM(amount_fen), 0), COUNT(*) INTO total, legs FROM funds_leg WHERE transaction_id = tx;
  IF total <> 0 OR legs < 2 THEN
    RAISE EXCEPTION 'funds ledger transaction % is unbalanced: % legs sum to %', tx, legs, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER funds_leg_balanced AFTER INSERT ON funds_leg
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION funds_ledger_balanced();
CREATE CONSTRAINT TRIGGER funds_transaction_balanced AFTER INSERT ON funds_ledgertransaction
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION funds_ledger_balanced();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS funds_transaction_balanced ON funds_ledgertransaction;
DROP TRIGGER IF EXISTS funds_leg_balanced ON funds_leg;
DROP FUNCTION IF EXISTS funds_ledger_balanced();
DROP TRIGGER IF EXISTS funds_transaction_append_only ON funds_ledgertransaction;
DROP TRIGGER IF EXISTS funds_leg_append_only ON funds_leg;
DROP FUNCTION IF EXISTS funds_ledger_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
