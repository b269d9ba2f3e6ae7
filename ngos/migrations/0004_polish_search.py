"""Polish full-text search on PostgreSQL; nothing on other databases.

``portal_pl`` stems Polish words with the hunspell dictionary turned into ispell
format by ``pg_updatedicts`` (Debian's hunspell-pl), so "stowarzyszenie" finds
"stowarzyszeniami"; words the dictionary does not know are unaccented. ``portal_pl_plain``
only unaccents. A trigger indexes every organisation with the stems, the stems without
diacritics and the unaccented words, so "lodz" and "Łodzi" find "Łódź".
Where the dictionary files are missing, ``portal_pl`` falls back to unaccent + simple:
search still works, without inflection.
"""

from django.db import DatabaseError, migrations, transaction

TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

TRIGGER = """
CREATE OR REPLACE FUNCTION ngos_organisation_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  names tsvector := to_tsvector('portal_pl', coalesce(NEW.name, '') || ' ' || coalesce(NEW.short_name, ''));
  body tsvector := to_tsvector('portal_pl', coalesce(NEW.search_text, ''));
BEGIN
  -- Stems, the same stems without diacritics ("Łodzi" -> łódź -> lodz), and the
  -- words as written without diacritics ("lodzi").
  NEW.search_vector :=
    setweight(names, 'A')
    || setweight(array_to_tsvector(ARRAY(SELECT DISTINCT unaccent(lexeme) FROM unnest(names))), 'A')
    || setweight(to_tsvector('portal_pl_plain', coalesce(NEW.name, '') || ' ' || coalesce(NEW.short_name, '')), 'A')
    || setweight(body, 'C')
    || setweight(array_to_tsvector(ARRAY(SELECT DISTINCT unaccent(lexeme) FROM unnest(body))), 'C')
    || setweight(to_tsvector('portal_pl_plain', coalesce(NEW.search_text, '')), 'C');
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS ngos_organisation_search_vector ON ngos_organisation;
CREATE TRIGGER ngos_organisation_search_vector
  BEFORE INSERT OR UPDATE OF name, short_name, search_text ON ngos_organisation
  FOR EACH ROW EXECUTE FUNCTION ngos_organisation_search_vector();
CREATE INDEX IF NOT EXISTS ngos_organisation_search_idx
  ON ngos_organisation USING gin (search_vector);
UPDATE ngos_organisation SET search_text = search_text;
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_pl")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_pl_plain")
        cursor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS portal_pl_ispell")
        try:
            # PostgreSQL loads the files to validate the dictionary: this fails
            # when pg_updatedicts has not produced pl_pl.dict / pl_pl.affix.
            with transaction.atomic(using=connection.alias):
                cursor.execute(
                    "CREATE TEXT SEARCH DICTIONARY portal_pl_ispell "
                    "(TEMPLATE = ispell, DictFile = pl_pl, AffFile = pl_pl)"
                )
            stemmer = "portal_pl_ispell, "
        except DatabaseError:
            stemmer = ""
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION portal_pl_plain (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION portal_pl_plain ALTER MAPPING FOR {TOKENS} "
            "WITH unaccent, simple"
        )
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION portal_pl (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION portal_pl ALTER MAPPING FOR {TOKENS} "
            f"WITH {stemmer}unaccent, simple"
        )
        cursor.execute(TRIGGER)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS ngos_organisation_search_vector ON ngos_organisation")
        cursor.execute("DROP FUNCTION IF EXISTS ngos_organisation_search_vector()")
        cursor.execute("DROP INDEX IF EXISTS ngos_organisation_search_idx")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_pl")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_pl_plain")
        cursor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS portal_pl_ispell")


class Migration(migrations.Migration):
    dependencies = [("ngos", "0003_seed_spheres")]

    operations = [migrations.RunPython(forwards, backwards)]
