"""The full-text index behind knowledge_search, one per database.

SQLite: an FTS5 table over the stemmed columns of SearchDocument (external content), kept
in step by triggers, so every write through the ORM updates it in the same transaction.
PostgreSQL: a GIN index on the weighted tsvector the selector ranks with: "dutch" lexemes of
the folded columns plus the PyStemmer stems as "simple" lexemes.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE knowledge_fts USING fts5(
        title_stems, body_stems,
        content='knowledge_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge_searchdocument BEGIN
        INSERT INTO knowledge_fts(rowid, title_stems, body_stems)
        VALUES (new.id, new.title_stems, new.body_stems);
    END""",
    """CREATE TRIGGER knowledge_fts_delete AFTER DELETE ON knowledge_searchdocument BEGIN
        INSERT INTO knowledge_fts(knowledge_fts, rowid, title_stems, body_stems)
        VALUES ('delete', old.id, old.title_stems, old.body_stems);
    END""",
    """CREATE TRIGGER knowledge_fts_update AFTER UPDATE ON knowledge_searchdocument BEGIN
        INSERT INTO knowledge_fts(knowledge_fts, rowid, title_stems, body_stems)
        VALUES ('delete', old.id, old.title_stems, old.body_stems);
        INSERT INTO knowledge_fts(rowid, title_stems, body_stems)
        VALUES (new.id, new.title_stems, new.body_stems);
    END""",
    "INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_fts_update",
    "DROP TRIGGER IF EXISTS knowledge_fts_delete",
    "DROP TRIGGER IF EXISTS knowledge_fts_insert",
    "DROP TABLE IF EXISTS knowledge_fts",
]
POSTGRESQL_FORWARD = [
    """CREATE INDEX knowledge_search_dutch ON knowledge_searchdocument USING GIN ((
        setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(body, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(title_stems, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(body_stems, '')), 'B')
    ))""",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS knowledge_search_dutch"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
