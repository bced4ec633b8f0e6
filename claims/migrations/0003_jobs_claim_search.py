"""Full-text search for the matcher, on PostgreSQL only.

A stored tsvector column (generated from the claim's text) with a GIN index, so
finding the claims a source bears on stays fast at 100,000 claims. The column is
not a model field: only the matcher's SQL reads it, and the embedded SQLite
database has no such thing (the matcher falls back to LIKE there).
"""

from django.db import migrations

ADD = [
    "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS claims_claim_search_gin ON claims_claim USING GIN (search_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS claims_claim_search_gin",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector",
]


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ADD:
            schema_editor.execute(statement)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles_and_ratings")]

    operations = [migrations.RunPython(add_search, drop_search, elidable=False)]
