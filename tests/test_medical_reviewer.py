"""``medical_reviewer`` in a page's front matter: shown beside the review dates, checked.

    ---
    last_reviewed: 2026-11-20
    medical_reviewer: {name: Dr Ana Pérez, date: 2026-11-18}
    ---

Readers see "Medical review: Dr Ana Pérez, November 18, 2026." after the review
dates under the title, in the edition's language. A value that is not such a
pair, a missing or misspelt key, a day not on the calendar or after the build,
or markup in the name fails the strict build at the page's line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "tests" / "roots" / "test-medical-reviewer"
BUILT = date(2026, 12, 5)

# (file, line, field, words of the message)
BAD = [
    ("markup.md", 4, "medical_reviewer.name", "'<b>Dr X</b>' is not allowed"),
    ("text-only.md", 3, "medical_reviewer", "'Dr Ana Pérez' is not allowed"),
    ("no-date.md", 3, "medical_reviewer.date", "is missing"),
    ("bad-date.md", 5, "medical_reviewer.date", "February 2026 has 28 days"),
    ("future.md", 5, "medical_reviewer.date", "after the build date 2026-12-05"),
    ("extra.md", 6, "medical_reviewer.role", "is not a known field"),
    ("typo.md", 3, "medical_reviewr", "did you mean 'medical_reviewer'"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[int, list[str], Path]:
    src = tmp_path_factory.mktemp("medical") / "src"
    shutil.copytree(ROOT, src)
    epoch = int(
        datetime(BUILT.year, BUILT.month, BUILT.day, 12, tzinfo=UTC).timestamp()
    )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
         str(src), str(src / "_build")],
        env={**os.environ, "PYTHONPATH": str(REPO / "extensions"),
             "SOURCE_DATE_EPOCH": str(epoch), "NO_COLOR": "1"},
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    output = (result.stdout + result.stderr).replace(str(src) + "/", "")
    return result.returncode, output.splitlines(), src / "_build"


def test_bad_values_fail_the_build_once_each_without_a_traceback(built):
    code, output, _ = built
    assert code != 0
    assert "Traceback" not in "\n".join(output)
    warned = [line for line in output if "WARNING" in line]
    assert len(warned) == len(BAD), "\n".join(warned)


@pytest.mark.parametrize(("file", "line", "field", "words"), BAD)
def test_each_problem_names_file_line_field_and_value(built, file, line, field, words):
    _, output, _ = built
    found = [t for t in output if t.startswith(f"{file}:{line}: WARNING: ")]
    assert found, "\n".join(output)
    assert f"field '{field}'" in found[0] and words in found[0], found[0]


def test_the_reviewer_is_shown_with_the_review_dates(built):
    _, _, outdir = built
    soup = BeautifulSoup(
        (outdir / "good.html").read_text(encoding="utf-8"), "html.parser"
    )
    line = soup.select_one("p.kb-review-dates")
    assert line.get_text() == (
        "Last reviewed: November 20, 2026. Next review due: November 20, 2027."
        " Medical review: Dr Ana Pérez, November 18, 2026."
    )
    assert [t["datetime"] for t in line.select("time")] == [
        "2026-11-20", "2027-11-20", "2026-11-18",
    ]  # fmt: skip
    # A page with a bad value shows no made-up reviewer.
    markup = (outdir / "markup.html").read_text(encoding="utf-8")
    assert "Dr X" not in markup


def test_the_label_is_translated(tmp_path):
    from babel.messages.pofile import read_po

    for language in ("es", "fr", "ja"):
        po = REPO / "locales" / language / "LC_MESSAGES" / "editions.po"
        with po.open("rb") as file:
            catalog = read_po(file)
        for msgid in (
            "Medical review: {name}, {date}.",
            "Report a mistake on this page",
        ):
            message = catalog.get(msgid)
            assert message is not None and message.string and not message.fuzzy
            assert message.string != msgid
        text = catalog.get("Medical review: {name}, {date}.").string
        assert "{name}" in text and "{date}" in text
