"""The matcher's full-text search reads the claim's context (its sentence and headline) too,
weighted below the claim's own words. PostgreSQL only, as in 0003."""

from django.db import migrations

ADD = [
    "DROP INDEX IF EXISTS claims_claim_search_gin",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE claims_claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(context, '')), 'B')) STORED",
    "CREATE INDEX claims_claim_search_gin ON claims_claim USING GIN (search_vector)",
]
BACK = [
    "DROP INDEX IF EXISTS claims_claim_search_gin",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE claims_claim ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX claims_claim_search_gin ON claims_claim USING GIN (search_vector)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ADD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_matcher_context_dates_tiers")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
