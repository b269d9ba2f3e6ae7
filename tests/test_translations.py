"""Polish is the default language: every user-facing string must have a Polish text.

The catalogue is extracted again from the sources (in a copy of the tree, so the
repository is not touched); a string that was added without a translation, or whose
translation is marked fuzzy, fails the test with its location.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    ".test-media",
    ".bench",
}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("tree") / "portal"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".pyc")],
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "pl",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    return copy / "locale" / "pl" / "LC_MESSAGES"


def test_every_string_has_a_polish_translation(extracted):
    catalogue = polib.pofile(str(extracted / "django.po"))
    missing = [
        f"{', '.join(f for f, _ in entry.occurrences[:2])}: {entry.msgid!r}"
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not missing, (
        f"{len(missing)} strings without a Polish translation:\n"
        + "\n".join(missing[:60])
    )
