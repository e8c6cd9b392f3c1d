"""The translators' workflow: update-po keeps every translation, po-check catches mistakes.

A tiny project (``tests/roots/test-i18n``) is copied to a temporary folder and
taken through ``make gettext`` / ``make update-po`` as a translator would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import REPO

from editions.po_check import check_file
from editions.po_stats import report

BIN = Path(sys.executable).parent


def _run(*args: str, cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _save(path: Path, catalog) -> None:
    with path.open("wb") as f:
        write_po(f, catalog, width=76)


@pytest.fixture
def project(tmp_path, rootdir) -> Path:
    target = tmp_path / "project"
    shutil.copytree(
        rootdir / "test-i18n", target, ignore=shutil.ignore_patterns("locales")
    )
    conf = (target / "conf.py").read_text()
    conf = conf.replace('gettext_compact = "kb"', "gettext_compact = False")
    conf = conf.replace("Path(__file__).resolve().parents[3]", f"Path({str(REPO)!r})")
    (target / "conf.py").write_text(conf)
    return target


def _gettext_and_update(project: Path) -> None:
    _run(
        str(BIN / "sphinx-build"),
        "-q",
        "-b",
        "gettext",
        ".",
        "_build/gettext",
        cwd=project,
    )
    # What `make update-po` runs (extensions/editions/update_po.py).
    _run(
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {str(REPO / 'extensions')!r}); "
        "from editions.update_po import main; "
        "raise SystemExit(main(['_build/gettext', 'locales', 'es']))",
        cwd=project,
    )


def _build_es(project: Path) -> str:
    _run(
        str(BIN / "sphinx-build"),
        "-q",
        "-E",
        "-W",
        "-b",
        "html",
        "-D",
        "language=es",
        ".",
        "_build/es",
        cwd=project,
    )
    return (project / "_build/es/notes.html").read_text(encoding="utf-8")


def test_update_po_keeps_translations_and_fuzzy_never_reaches_readers(project):
    _gettext_and_update(project)
    po = project / "locales/es/LC_MESSAGES/notes.po"
    catalog = _catalog(po)
    english = next(m.id for m in catalog if m.id and "Notes" not in m.id)
    catalog[english].string = "TRADUCCIÓN REVISADA"
    _save(po, catalog)
    assert "TRADUCCIÓN REVISADA" in _build_es(project)

    # The English sentence changes: the translation survives, marked fuzzy...
    page = project / "notes.md"
    page.write_text(
        page.read_text().replace(english, english.rstrip(".") + ", now changed.")
    )
    _gettext_and_update(project)
    kept = [m for m in _catalog(po) if m.string == "TRADUCCIÓN REVISADA"]
    assert len(kept) == 1 and kept[0].fuzzy, "the old translation must stay, as fuzzy"
    assert kept[0].id.endswith(", now changed.")
    # ...and is never shown: readers see the new English text instead.
    html = _build_es(project)
    assert "TRADUCCIÓN REVISADA" not in html
    assert "now changed." in html
    assert "1 fuzzy" in report(project / "locales", ["es"])


def _po_with(tmp_path: Path, msgid: str, msgstr: str) -> Path:
    path = tmp_path / "page.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        f"#: page.md:3\nmsgid {msgid!r}\nmsgstr {msgstr!r}\n".replace("'", '"'),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        (
            "See [the FDA label](https://www.fda.gov/label).",
            "Vea [la ficha de la FDA](https://www.fda.gov/etiqueta).",
            "link targets differ",
        ),
        (
            "Read the {term}`glossary` entry.",
            "Lea la entrada del glosario.",
            "roles differ",
        ),
        (
            "Take {drug}`riluzole` daily.",
            "Tome {drug}`riluzol` a diario.",
            "roles differ",
        ),
        ("Stay safe.", "Manténgase <script>alert(1)</script> seguro.", "raw HTML"),
        ("Stay safe.", "Vea [esto](javascript:alert(1)).", "javascript:"),
        ("Trial NCT04856982 ended.", "El ensayo NCT-04856982 terminó.", "registry IDs"),
        (
            "Registered as CTRI/2020/01/022746.",
            "Registrado como CTRI/2020/01/02274.",
            "registry IDs",
        ),
        ("See EudraCT 2010-024423-24.", "Vea EudraCT 2010-024423-25.", "registry IDs"),
        ("Run `make html`.", "Ejecute make html.", "inline code"),
        ("{count} trials", "{número} ensayos", "placeholders"),
        ("1. Approval", "1. Aprobación", "reads as a list"),
    ],
)
def test_po_check_names_the_file_line_and_fix(tmp_path, msgid, msgstr, expected):
    problems = check_file(_po_with(tmp_path, msgid, msgstr))
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert text.startswith(f"{tmp_path / 'page.po'}:7: msgstr: ")  # the msgid's line
    assert expected in text


def test_po_check_accepts_a_faithful_translation(tmp_path):
    path = _po_with(
        tmp_path,
        "See {term}`ALS` and [the FDA label](https://www.fda.gov/label) for `NCT04856982`.",
        "Vea {term}`ELA <ALS>` y [la ficha de la FDA](https://www.fda.gov/label) de `NCT04856982`.",
    )
    assert check_file(path) == []


def test_po_check_reports_invalid_syntax(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid "One"\nmsgstr "Uno\n', encoding="utf-8")
    problems = check_file(path)
    assert problems and str(problems[0]).startswith(str(path))
