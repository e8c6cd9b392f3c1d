"""A hostile or unlucky build cannot harm the published site or its readers.

Every test works on a copy of the project in ``tmp_path`` (docs/, locales/,
extensions/, conf.py and the Makefile) and runs the real ``make html`` there,
so the repository is never modified:

- A: a failed build fails again until fixed; stale, truncated or tampered
  staging files never reach the site; a build killed half-way is not trusted.
- B: publishing survives a crash at every step and reports a full disk or a
  read-only folder in one paragraph, the last good edition still served.
- C: an incremental build writes exactly what a clean build writes (every page
  and ``searchindex.js``) after each kind of edit.
- D: ``trials.csv`` holds no cell a spreadsheet would run as a formula.
- E: no language-switcher link leads to an edition or page that is not there.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO, different_pages

from trial_facts import export

VENV = REPO / ".venv"
PUBLISH = REPO / "extensions" / "publish.py"


# -- A copy of the project, built with the real Makefile ---------------------------


class Project:
    """A copy of the repository's sources in *root*, built with ``make html``."""

    def __init__(self, root: Path, source: Path = REPO) -> None:
        self.root = root
        for name in ("docs", "locales", "extensions"):
            shutil.copytree(
                source / name,
                root / name,
                ignore=shutil.ignore_patterns("*.mo", "__pycache__"),
            )
        for name in ("conf.py", "Makefile", "pyproject.toml"):
            shutil.copy2(source / name, root / name)
        # The shared environment is installed: never let make reinstall it.
        self.stamp = root / "installed.stamp"
        self.stamp.touch()

    def make(self, *languages: str) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*languages), capture_output=True, text=True)

    def command(self, *languages: str) -> list[str]:
        return [
            "make",
            "--no-print-directory",
            "-C",
            str(self.root),
            "html",
            f"LANGS={' '.join(languages)}",
            f"VENV={VENV}",
            f"STAMP={self.stamp}",
        ]

    def staging(self, language: str) -> Path:
        return self.root / "_build" / "staging" / language

    def published(self, language: str) -> Path:
        return self.root / "_build" / "html" / language

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _built(path: Path) -> SimpleNamespace:
    """A build's output folder, in the shape ``different_pages`` takes."""
    return SimpleNamespace(outdir=path)


def _ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _warnings(result: subprocess.CompletedProcess) -> list[str]:
    return sorted(
        set(re.findall(r"^.*(?:WARNING|ERROR):.*$", result.stderr, re.MULTILINE))
    )


def _tree(path: Path) -> dict[str, str]:
    """Every file under *path* (links followed) with its SHA-256."""
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def _same_as(built: Path, clean: Path) -> None:
    """Every page, the search index and the file list as in the clean build."""
    assert different_pages(_built(built), _built(clean), ["searchindex.js"]) == []
    assert sorted(_tree(built)) == sorted(_tree(clean))


def _snapshot(project: Project, language: str, tmp: Path) -> Path:
    copy = tmp / f"clean-{language}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project.staging(language), copy)
    return copy


def _clean_build(tmp: Path, project: Project, language: str) -> Path:
    """A clean build of *project*'s sources as they are now, in a fresh copy."""
    fresh = Project(tmp, source=project.root)
    _ok(fresh.make(language))
    return fresh.staging(language)


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> tuple[Project, Path]:
    """The English edition of a project copy, built, and a copy of that clean build."""
    tmp = tmp_path_factory.mktemp("english")
    project = Project(tmp / "project")
    _ok(project.make("en"))
    return project, _snapshot(project, "en", tmp)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> list:
    """The Spanish edition alone (``make html LANGS=es``) and a clean build of the
    same sources (a test that leaves an edit in place puts its clean build here)."""
    tmp = tmp_path_factory.mktemp("spanish")
    project = Project(tmp / "project")
    _ok(project.make("es"))
    return [project, _snapshot(project, "es", tmp)]


# -- A: failed, stale, damaged and interrupted builds -------------------------------

_BREAKAGES = {
    "missing-label": (
        "docs/care/index.md",
        "(care)=",
        "(care)=\n\nSee {ref}`no-such-label-anywhere`.\n",
    ),
    "unknown-directive": (
        "docs/care/index.md",
        "(care)=",
        "(care)=\n\n```{no-such-directive}\nText.\n```\n",
    ),
    "unknown-drug": (
        "docs/_data/trials/aln-sod-phase-1.yaml",
        "drugs: [aln-sod]",
        "drugs: [no-such-drug]",
    ),
}


def test_a_failed_build_fails_again_until_fixed(english):
    """A missing label, an unknown directive and a record naming an unknown drug."""
    project, clean = english
    _ok(project.make("en"))
    before = _tree(project.published("en"))
    for relative, old, new in _BREAKAGES.values():
        project.edit(relative, old, new)
    try:
        first, second = project.make("en"), project.make("en")
        assert first.returncode != 0 and second.returncode != 0, second.stderr[-2000:]
        assert _warnings(first) == _warnings(second)
        for needle in ("no-such-label-anywhere", "no-such-directive", "no-such-drug"):
            assert any(needle in w for w in _warnings(first)), _warnings(first)
        assert _tree(project.published("en")) == before
    finally:
        for relative, old, new in reversed(_BREAKAGES.values()):
            project.edit(relative, new, old)
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)


def test_a_broken_translation_fails_again_until_fixed(spanish):
    project, clean = spanish
    relative = "locales/es/LC_MESSAGES/glossary.po"
    old, new = 'msgstr "Glosario"', 'msgstr "Glosario {ref}`no-such-label-anywhere`"'
    project.edit(relative, old, new)
    try:
        first, second = project.make("es"), project.make("es")
        assert first.returncode != 0 and second.returncode != 0, second.stderr[-2000:]
        assert _warnings(first) and _warnings(first) == _warnings(second)
    finally:
        project.edit(relative, new, old)
    _ok(project.make("es"))
    _same_as(project.staging("es"), clean)


def test_a_deleted_page_leaves_staging_and_the_site(english):
    project, clean = english
    page = project.root / "docs" / "leaked-page.md"
    page.write_text(
        "---\norphan: true\nlast_reviewed: 2026-11-26\n---\n# Leaked\n\nOld text.\n",
        encoding="utf-8",
    )
    try:
        _ok(project.make("en"))
        assert (project.published("en") / "leaked-page.html").is_file()
    finally:
        page.unlink()
    _ok(project.make("en"))
    assert not (project.staging("en") / "leaked-page.html").exists()
    assert not (project.published("en") / "leaked-page.html").exists()
    _same_as(project.staging("en"), clean)
    _same_as(project.published("en"), clean)


def test_a_stale_static_file_is_not_published(english):
    project, clean = english
    _ok(project.make("en"))
    (project.staging("en") / "_static" / "leftover.js").write_text("alert(1)")
    _ok(project.make("en"))
    assert not (project.published("en") / "_static" / "leftover.js").exists()
    _same_as(project.published("en"), clean)


@pytest.mark.parametrize("damage", ["truncated", "same-size"])
def test_a_damaged_staging_page_is_rebuilt(english, damage):
    project, clean = english
    _ok(project.make("en"))
    page = project.staging("en") / "care" / "index.html"
    stat = page.stat()
    data = page.read_bytes()
    if damage == "truncated":
        page.write_bytes(data[: len(data) // 2])
    else:
        page.write_bytes(data.replace(b"<body", b"<bodx", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the times look old
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)
    _same_as(project.published("en"), clean)


def _written_since(folder: Path, start: float) -> int:
    """How many pages in *folder* were written after *start* (files may vanish)."""
    count = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            try:
                if (
                    name.endswith(".html")
                    and os.stat(Path(root, name)).st_mtime > start
                ):
                    count += 1
            except OSError:
                pass
    return count


def test_a_build_killed_while_writing_is_not_trusted(english):
    project, clean = english
    _ok(project.make("en"))
    before = _tree(project.published("en"))
    relative, old, new = _BREAKAGES["unknown-directive"]
    project.edit(relative, old, new)
    for source in (project.root / "docs").rglob("*.md"):
        source.touch()  # every page is read and written again: a long build
    try:
        start = time.time()
        process = subprocess.Popen(
            project.command("en"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.time() + 300
            while _written_since(project.staging("en"), start) < 5:
                assert process.poll() is None, "the build ended before it was killed"
                assert time.time() < deadline
                time.sleep(0.01)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        assert _tree(project.published("en")) == before  # the last good site
        again = project.make("en")
        assert again.returncode != 0
        assert any("no-such-directive" in w for w in _warnings(again))
        assert _tree(project.published("en")) == before
    finally:
        project.edit(relative, new, old)
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)


# -- B: publishing ------------------------------------------------------------------


def _edition(folder: Path, text: str, pages: tuple[str, ...] = ()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    for page in pages:
        (folder / page).write_text(f"{text} {page}", encoding="utf-8")
    (folder / "_static").mkdir(exist_ok=True)
    (folder / "_static" / "kb.css").write_text(f"/* {text} */", encoding="utf-8")


_CRASH = textwrap.dedent(
    """
    import os, shutil, sys
    sys.path.insert(0, {extensions!r})
    import publish
    calls = [0]
    def crashing(original):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == {step}:
                os._exit(86)
            return original(*args, **kwargs)
        return call
    for name in ("rename", "replace", "symlink", "unlink", "rmdir", "mkdir"):
        setattr(os, name, crashing(getattr(os, name)))
    publish.publish(__import__("pathlib").Path({staging!r}),
                    __import__("pathlib").Path({site!r}), "en")
    """
)


def test_b_a_crash_at_any_step_leaves_an_edition_served(tmp_path):
    staging, site = tmp_path / "staging", tmp_path / "html"
    _edition(staging / "en", "old", ("a.html",))
    _ok(subprocess.run([sys.executable, str(PUBLISH), str(staging), str(site), "en"]))
    shutil.rmtree(staging / "en")
    _edition(staging / "en", "new", ("a.html", "b.html"))
    step, crashed = 0, True
    while crashed:
        step += 1
        script = _CRASH.format(
            extensions=str(REPO / "extensions"),
            step=step,
            staging=str(staging),
            site=str(site),
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True)
        crashed = result.returncode == 86
        served = (site / "en" / "index.html").read_text(encoding="utf-8")
        assert served in ("old", "new"), f"crash at step {step}"
        pages = sorted(p.name for p in (site / "en").glob("*.html"))
        assert pages == (["a.html", "index.html"] if served == "old" else
                         ["a.html", "b.html", "index.html"])  # fmt: skip
        assert step < 500
    # The next run finishes the job and leaves nothing behind.
    _ok(subprocess.run([sys.executable, str(PUBLISH), str(staging), str(site), "en"]))
    assert (site / "en" / "b.html").read_text() == "new b.html"
    assert sorted(p.name for p in site.iterdir()) == ["en", "index.html"]
    store = site.with_name("html.editions")
    assert [p.name for p in store.iterdir()] == [
        os.readlink(site / "en").split("/")[-1]
    ]


_FAULT = textwrap.dedent(
    """
    import errno, os, runpy, shutil, sys
    copied = [0]
    original_copy, original_mkdir = shutil.copyfile, os.mkdir
    def copyfile(src, dst, *args, **kwargs):
        copied[0] += 1
        if {fault!r} == "ENOSPC" and copied[0] > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return original_copy(src, dst, *args, **kwargs)
    def mkdir(path, *args, **kwargs):
        if {fault!r} in ("EROFS", "EACCES") and ".editions" in str(path) or (
            {fault!r} in ("EROFS", "EACCES") and str(path).endswith(".new")
        ):
            code = getattr(errno, {fault!r})
            raise OSError(code, os.strerror(code), str(path))
        return original_mkdir(path, *args, **kwargs)
    shutil.copyfile, os.mkdir = copyfile, mkdir
    sys.argv = [{publish!r}, {staging!r}, {site!r}, "en"]
    runpy.run_path({publish!r}, run_name="__main__")
    """
)


@pytest.mark.parametrize("fault", ["ENOSPC", "EROFS", "EACCES"])
def test_b_a_file_system_error_is_one_paragraph_and_changes_nothing(tmp_path, fault):
    staging, site = tmp_path / "staging", tmp_path / "html"
    _edition(staging / "en", "old", ("a.html",))
    _ok(subprocess.run([sys.executable, str(PUBLISH), str(staging), str(site), "en"]))
    before = _tree(site)
    shutil.rmtree(staging / "en")
    _edition(staging / "en", "new", ("a.html", "b.html", "c.html"))
    script = _FAULT.format(
        fault=fault, publish=str(PUBLISH), staging=str(staging), site=str(site)
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True
    )
    assert result.returncode != 0
    message = result.stderr.strip()
    assert "Traceback" not in message and "\n" not in message, message
    assert len(message) < 800, message
    assert os.strerror(getattr(errno, fault)) in message
    assert str(tmp_path) in message  # the path
    assert _tree(site) == before
    leftovers = [
        p.name
        for p in tmp_path.rglob("*")
        if p.name.endswith((".new", ".old", ".partial", ".link"))
    ]
    assert leftovers == []


# -- C: incremental builds equal clean builds -----------------------------------------


def test_c_a_no_op_rebuild_equals_the_clean_build(english):
    project, clean = english
    _ok(project.make("en"))
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)
    index = (project.staging("en") / "searchindex.js").read_text(encoding="utf-8")
    assert index.count('"term-') >= 100  # the glossary's entries are still there


def test_c_a_page_edit_equals_the_clean_build(english, tmp_path):
    project, clean = english
    _ok(project.make("en"))
    relative = "docs/care/family-caregivers.md"
    original = (project.root / relative).read_text(encoding="utf-8")
    edited = original.rstrip("\n") + "\n\nA sentence added by a volunteer.\n"
    (project.root / relative).write_text(edited, encoding="utf-8")
    try:
        _ok(project.make("en"))
        fresh = _clean_build(tmp_path / "fresh", project, "en")
        _same_as(project.staging("en"), fresh)
    finally:
        (project.root / relative).write_text(original, encoding="utf-8")
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)


def test_c_a_duplicate_label_reverted_equals_the_clean_build(english):
    project, clean = english
    _ok(project.make("en"))
    relative = "docs/care/family-caregivers.md"
    original = (project.root / relative).read_text(encoding="utf-8")
    (project.root / relative).write_text("(care)=\n\n" + original, encoding="utf-8")
    try:
        assert project.make("en").returncode != 0
    finally:
        (project.root / relative).write_text(original, encoding="utf-8")
    _ok(project.make("en"))
    _same_as(project.staging("en"), clean)
    _same_as(project.published("en"), clean)


def test_c_a_trial_facts_label_change_reaches_every_page(spanish, tmp_path):
    project, _clean = spanish
    _ok(project.make("es"))
    relative = "locales/es/LC_MESSAGES/trial-facts.po"
    old, new = 'msgstr "Promotor"', 'msgstr "Entidad promotora"'
    project.edit(relative, old, new)
    _ok(project.make("es"))
    fresh = _clean_build(tmp_path / "fresh", project, "es")
    _same_as(project.staging("es"), fresh)
    shown = [
        p for p in project.staging("es").rglob("*.html")
        if "Entidad promotora" in p.read_text(encoding="utf-8")
    ]  # fmt: skip
    assert len(shown) >= 5
    spanish[1] = fresh  # the edit stays: later tests compare with this build


def test_c_an_editions_title_change_and_revert_equal_clean_builds(spanish, tmp_path):
    project, clean = spanish
    _ok(project.make("es"))
    relative = "locales/es/LC_MESSAGES/editions.po"
    old = 'msgstr "Base de conocimiento sobre ELA/EMN"'
    new = 'msgstr "Título cambiado por un traductor"'
    project.edit(relative, old, new)
    try:
        _ok(project.make("es"))
        fresh = _clean_build(tmp_path / "fresh", project, "es")
        _same_as(project.staging("es"), fresh)
    finally:
        project.edit(relative, new, old)
    _ok(project.make("es"))
    _same_as(project.staging("es"), clean)
    pages = list(project.published("es").rglob("*.html"))
    assert not [p for p in pages if "Título cambiado" in p.read_text(encoding="utf-8")]


# -- D: trials.csv ---------------------------------------------------------------------

_HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
            "\t=1", "\r=1"]  # fmt: skip


@pytest.mark.parametrize(
    "value", _HOSTILE, ids=["eq", "plus", "minus", "at", "tab", "cr"]
)
def test_d_trials_csv_cells_are_never_formulas(tmp_path, monkeypatch, value):
    trial = {
        "id": "hostile-1",
        "acronym": value,
        "title": value,
        "drugs": ["riluzole"],
        "phase": "2",
        "status": "completed",
        "participants": {"count": 120, "type": "actual"},
        "start": "2021-03",
        "end": "2023-11-30",
        "registry": ["NCT01234567", "2023-510344-20-00"],
        "sponsor": value,
        "results": {"outcome": value},
        "url": "drugs/riluzole.html#trial-hostile-1",
    }
    monkeypatch.setattr(export, "trials_data", lambda app: [trial])
    monkeypatch.setattr(export, "drugs_data", lambda app: [])
    app = SimpleNamespace(
        outdir=str(tmp_path),
        builder=SimpleNamespace(format="html", name="html"),
        config=SimpleNamespace(language="en"),
    )
    export.write_exports(app)
    with (tmp_path / "trials.csv").open(encoding="utf-8", newline="") as file:
        text = file.read()
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    cells = dict(zip(header, row, strict=True))
    for column in ("acronym", "title", "sponsor", "outcome"):
        assert cells[column] == "'" + value
    assert cells["id"] == "hostile-1"
    assert cells["start"] == "2021-03" and cells["end"] == "2023-11-30"
    assert cells["registry"] == "NCT01234567 2023-510344-20-00"
    assert cells["participants"] == "120"
    assert cells["url"] == "drugs/riluzole.html#trial-hostile-1"


# -- E: the language switcher -------------------------------------------------------------

_SWITCHER_LINK = re.compile(r'<a href="([^"]+)" lang="[^"]+" hreflang="[^"]+"')


def _broken_switcher_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts or page.parent == site:
            continue
        for href in _SWITCHER_LINK.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def test_e_one_edition_alone_links_to_no_missing_edition(spanish):
    project, _clean = spanish
    site = project.root / "_build" / "html"
    assert (site / "es" / "index.html").is_file()
    assert _broken_switcher_links(site) == []


def test_e_editions_from_other_sources_are_not_published(tmp_path):
    staging, site = tmp_path / "staging", tmp_path / "html"
    record = '{"edition": "%s", "links": ["en", "es"]}'

    def edition(folder: Path, code: str, pages: list[str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for page in pages:
            links = "".join(
                f'<a href="../{c}/{page}" lang="{c}" hreflang="{c}">{c}</a>'
                for c in ("en", "es")
            )
            (folder / page).write_text(f"<nav>{links}</nav>", encoding="utf-8")
        (folder / ".kb-switcher.json").write_text(record % code, encoding="utf-8")

    edition(site / "en", "en", ["index.html"])  # published earlier
    edition(site / "es", "es", ["index.html"])
    # A page added since English was built: Spanish alone would link to nothing.
    edition(staging / "es", "es", ["index.html", "new-page.html"])
    result = subprocess.run(
        [sys.executable, str(PUBLISH), str(staging), str(site), "es"],
        capture_output=True,
        text=True,
    )
    assert _broken_switcher_links(site) == []
    assert result.returncode != 0
    assert "new-page.html" in result.stderr and "Traceback" not in result.stderr


def test_b_a_full_disk_during_several_editions_publishes_none(tmp_path, monkeypatch):
    import publish

    staging, site = tmp_path / "staging", tmp_path / "html"
    for code in ("en", "es"):
        _edition(staging / code, f"old {code}")
    publish.publish_site(staging, site, ["en", "es"])
    before = _tree(site)
    for code in ("en", "es"):
        shutil.rmtree(staging / code)
        _edition(staging / code, f"new {code}", ("a.html",))
    original = shutil.copyfile

    def copyfile(source, destination, *args, **kwargs):
        if "/.es." in str(destination):  # the second edition's copy
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(destination))
        return original(source, destination, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    with pytest.raises(OSError):
        publish.publish_site(staging, site, ["en", "es"])
    assert _tree(site) == before  # English was not published without Spanish
    store = site.with_name("html.editions")
    assert sorted(p.name for p in store.iterdir()) == sorted(
        os.readlink(site / code).split("/")[-1] for code in ("en", "es")
    )


def test_c_the_search_index_patch_switches_off_with_a_warning(monkeypatch, caplog):
    import search_entries
    from sphinx.search import IndexBuilder

    monkeypatch.delattr(IndexBuilder, "freeze")
    assert search_entries._install() is False
    assert "IndexBuilder.freeze is gone" in caplog.text
