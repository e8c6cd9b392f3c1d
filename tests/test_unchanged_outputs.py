"""End-of-build files are not made again while nothing they come from changed.

The data exports, the Atom feeds and the search counts (``unchanged_outputs``)
are computed from the whole environment; a no-op rebuild must reuse them, and
any edit, any damaged file and any fresh environment must make them again.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import build_once
from search_quality import counts

import unchanged_outputs
from build_files import file_state
from trial_facts import export, feeds

_EXTENSIONS = {"extensions": ["myst_parser", "trial_facts", "search_quality"]}
_RECORD = "kb-unchanged-outputs.json"


def _outputs(outdir: Path) -> dict[str, bytes]:
    files = ["trials.json", "drugs.json", "trials.csv", f"_static/{counts.FILENAME}"]
    found = {name: (outdir / name).read_bytes() for name in files}
    for feed in sorted((outdir / "feeds").glob("*.atom")):
        found[f"feeds/{feed.name}"] = feed.read_bytes()
    return found


@pytest.fixture
def computed(monkeypatch) -> list[str]:
    """The writers that computed their files in the builds that follow."""
    ran: list[str] = []
    for module, name, label in (
        (export, "trials_data", "export"),
        (feeds, "build_feed", "feeds"),
        (counts, "counts_script", "counts"),
    ):
        original = getattr(module, name)

        def _counting(*args, _original=original, _label=label, **kwargs):
            if _label not in ran:
                ran.append(_label)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, _counting)
    return ran


def test_a_noop_rebuild_makes_nothing_again_and_touches_the_files(
    project, make_app, computed
):
    app = build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert sorted(computed) == ["counts", "export", "feeds"]
    first = _outputs(app.outdir)
    computed.clear()
    start = time.time_ns()
    time.sleep(0.02)
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert computed == []
    assert _outputs(app.outdir) == first
    # extensions/staging.py keeps a file no page accounts for only if this
    # build wrote or touched it.
    for name in first:
        assert (app.outdir / name).stat().st_mtime_ns >= start, name


def test_an_edited_record_makes_every_file_again(project, make_app, computed):
    app = build_once(make_app, project, confoverrides=_EXTENSIONS)
    computed.clear()
    record = project / "_data/trials/beta-two.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "Betacept for faster-progressing ALS", "Betacept for fast-progressing ALS"
        ),
        encoding="utf-8",
    )
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert sorted(computed) == ["counts", "export", "feeds"]
    for name in ("trials.json", "trials.csv"):
        assert "Betacept for fast-progressing ALS" in (app.outdir / name).read_text(
            encoding="utf-8"
        )


def test_a_changed_or_missing_file_is_made_again(project, make_app, computed):
    app = build_once(make_app, project, confoverrides=_EXTENSIONS)
    first = _outputs(app.outdir)
    computed.clear()
    (app.outdir / "trials.json").write_text('{"items": []}\n', encoding="utf-8")
    (app.outdir / "feeds/all.atom").unlink()
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert sorted(computed) == ["export", "feeds"]
    assert _outputs(app.outdir) == first


def test_a_fresh_environment_makes_every_file_again(project, make_app, computed):
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    computed.clear()
    build_once(make_app, project, confoverrides=_EXTENSIONS, freshenv=True)
    assert sorted(computed) == ["counts", "export", "feeds"]


@pytest.mark.parametrize(
    "record",
    [
        b"not json",
        b"[1, 2]",
        b'{"trial-facts-export": {"key": null, "files": {}}}',
    ],
    ids=["not-json", "not-a-mapping", "no-key"],
)
def test_a_damaged_record_makes_the_files_again(project, make_app, computed, record):
    app = build_once(make_app, project, confoverrides=_EXTENSIONS)
    first = _outputs(app.outdir)
    computed.clear()
    (app.doctreedir / _RECORD).write_bytes(record)
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert "export" in computed
    assert _outputs(app.outdir) == first


def test_a_record_naming_a_file_outside_the_site_is_not_trusted(
    project, make_app, computed, tmp_path
):
    app = build_once(make_app, project, confoverrides=_EXTENSIONS)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's\n", encoding="utf-8")
    before = outside.stat().st_mtime_ns
    path = app.doctreedir / _RECORD
    records = json.loads(path.read_text(encoding="utf-8"))
    up = [".."] * len(app.outdir.relative_to(tmp_path).parts)
    escape = Path(*up, "outside.txt").as_posix()
    assert (app.outdir / escape).resolve() == outside.resolve()
    records["trial-facts-export"]["files"][escape] = file_state(outside)
    path.write_text(json.dumps(records), encoding="utf-8")
    computed.clear()
    time.sleep(0.02)
    build_once(make_app, project, confoverrides=_EXTENSIONS)
    assert "export" in computed
    assert outside.stat().st_mtime_ns == before


class _App:
    """What environment_key reads of a Sphinx application."""

    def __init__(self, srcdir: Path, all_docs: dict[str, int]) -> None:
        self.srcdir = srcdir
        self.env = type("Env", (), {"all_docs": all_docs})()
        self.builder = type("Builder", (), {"name": "html", "build_info": None})()
        self.config = type(
            "Config", (), {"language": "fr", "locale_dirs": ["locales"]}
        )()


def test_the_key_changes_with_a_page_read_or_a_catalog(tmp_path):
    catalogs = tmp_path / "locales/fr/LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "index.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    key = unchanged_outputs.environment_key
    same = key(_App(tmp_path, {"index": 1, "notes": 2}))
    assert key(_App(tmp_path, {"notes": 2, "index": 1})) == same
    assert key(_App(tmp_path, {"index": 1, "notes": 3})) != same  # notes read again
    assert key(_App(tmp_path, {"index": 1})) != same  # notes removed
    # The same application, once a page is read again (a second build in the
    # same process): the key kept for it is not reused.
    app = _App(tmp_path, {"index": 1, "notes": 2})
    assert key(app) == same
    app.env.all_docs["notes"] = 5
    assert key(app) != same
    (catalogs / "index.po").write_text('msgid ""\nmsgstr "x"\n', encoding="utf-8")
    assert key(_App(tmp_path, {"index": 1, "notes": 2})) != same


_THEMED = {
    "extensions": ["myst_parser", "trial_facts", "page_weight"],
    "html_theme": "sphinx_book_theme",
}


def test_page_weight_scans_the_pages_again_only_after_a_change(
    project, make_app, monkeypatch
):
    import page_weight

    scanned: list[int] = []
    original = page_weight.used_icons

    def _counting(*args, **kwargs):
        scanned.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(page_weight, "used_icons", _counting)
    app = build_once(make_app, project, confoverrides=_THEMED)
    icons = (app.outdir / "_static/icons.css").read_bytes()
    assert scanned == [1]
    build_once(make_app, project, confoverrides=_THEMED)
    assert scanned == [1]
    assert (app.outdir / "_static/icons.css").read_bytes() == icons
    # A page read again, or a changed static file, is scanned again.
    notes = project / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nMore.\n", "utf-8")
    build_once(make_app, project, confoverrides=_THEMED)
    assert scanned == [1, 1]
    static = project / "_static"
    static.mkdir()
    (static / "extra.js").write_text("// an icon: fa-solid fa-phone\n", "utf-8")
    themed = {**_THEMED, "html_static_path": ["_static"]}
    build_once(make_app, project, confoverrides=themed)
    assert scanned == [1, 1, 1]
    (static / "extra.js").write_text("// another: fa-solid fa-house\n", "utf-8")
    build_once(make_app, project, confoverrides=themed)
    assert scanned == [1, 1, 1, 1]


def test_a_noop_rebuild_gathers_no_handout_and_an_edit_does(
    project, make_app, monkeypatch
):
    from trial_facts import handout

    gathered: list[str] = []
    original = handout.handout_html

    def _counting(domain, drug_id, *args, **kwargs):
        gathered.append(drug_id)
        return original(domain, drug_id, *args, **kwargs)

    monkeypatch.setattr(handout, "handout_html", _counting)
    app = build_once(make_app, project)
    assert gathered == ["alpha", "beta"]
    alpha = (app.outdir / "handouts/alpha.html").read_bytes()
    gathered.clear()
    start = time.time_ns()
    time.sleep(0.02)
    build_once(make_app, project)
    assert gathered == []
    assert (app.outdir / "handouts/alpha.html").read_bytes() == alpha
    assert (app.outdir / "handouts/beta.html").stat().st_mtime_ns >= start
    # A missing handout: every handout is gathered, the missing one written.
    (app.outdir / "handouts/beta.html").unlink()
    build_once(make_app, project)
    assert gathered == ["alpha", "beta"]
    assert (app.outdir / "handouts/beta.html").is_file()
