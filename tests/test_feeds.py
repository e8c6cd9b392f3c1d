"""Atom feeds of the dated events (extensions/trial_facts/feeds.py): valid
RFC 4287, one entry per event, links that resolve, escaped text, the same
bytes on every build, and current after an incremental build."""

from __future__ import annotations

import posixpath
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag

import pytest

A = "{http://www.w3.org/2005/Atom}"
XML = "{http://www.w3.org/XML/1998/namespace}"


def _parse(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed"
    return root


def _check_atom(feed: ET.Element) -> None:
    """The elements RFC 4287 requires of a feed and of each entry."""
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert feed.find(f"{A}author/{A}name").text
    assert feed.find(f"{A}link[@rel='self']") is not None
    ids = []
    for entry in feed.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert entry.find(f"{A}link[@rel='alternate']").get("href")
        assert entry.find(f"{A}id").text.startswith("tag:")
        ids.append(entry.find(f"{A}id").text)
    assert len(ids) == len(set(ids))


def _resolve(outdir: Path, feed_path: Path, feed: ET.Element) -> list[str]:
    """Every link of *feed* as a file (and anchor) of the built edition; returns
    the links that do not resolve."""
    base = feed.get(f"{XML}base", "")
    folder = posixpath.dirname(feed_path.relative_to(outdir).as_posix())
    broken = []
    for link in feed.iter(f"{A}link"):
        href = link.get("href")
        path, anchor = urldefrag(posixpath.normpath(posixpath.join(folder, base, href)))
        target = outdir / path
        found = target.is_file() and (
            not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8")
        )
        if not found:
            broken.append(href)
    return broken


@pytest.mark.sphinx("html", testroot="history")
def test_feeds_are_valid_atom_with_one_entry_per_event(app):
    app.build()
    assert app.warning.getvalue() == ""
    everything = _parse(app.outdir / "feeds/all.atom")
    _check_atom(everything)
    assert everything.get(f"{XML}lang") == "en"
    entries = everything.findall(f"{A}entry")
    assert [e.find(f"{A}updated").text for e in entries] == [
        "2023-04-25T00:00:00Z",
        "2022-09-01T00:00:00Z",
        "2019-03-01T00:00:00Z",
        "2018-06-01T00:00:00Z",
    ]
    assert everything.find(f"{A}updated").text == "2023-04-25T00:00:00Z"
    assert [e.find(f"{A}id").text for e in entries] == [
        "tag:als-mnd-kb.example,2026:en/alpha/2023-04-25/approval",
        "tag:als-mnd-kb.example,2026:en/alpha-one/2022-09/results",
        "tag:als-mnd-kb.example,2026:en/alpha-one/2019-03/trial-start",
        "tag:als-mnd-kb.example,2026:en/alpha/2018-06/designation",
    ]
    assert entries[1].find(f"{A}title").text == "Alphazumab (ALPHA-1): Results"
    alpha = _parse(app.outdir / "feeds/alpha.atom")
    _check_atom(alpha)
    assert len(alpha.findall(f"{A}entry")) == 4
    beta = _parse(app.outdir / "feeds/beta.atom")
    _check_atom(beta)
    assert beta.findall(f"{A}entry") == []
    assert beta.find(f"{A}updated").text == "2026-01-15T00:00:00Z"  # last_reviewed


@pytest.mark.sphinx("html", testroot="history")
def test_every_feed_link_resolves_in_the_edition(app):
    app.build()
    paths = sorted((app.outdir / "feeds").glob("*.atom"))
    assert [p.name for p in paths] == ["all.atom", "alpha.atom", "beta.atom"]
    for path in paths:
        feed = _parse(path)
        assert feed.get(f"{XML}base") == "../"
        assert _resolve(app.outdir, path, feed) == [], path.name


@pytest.mark.sphinx("html", testroot="history")
def test_markup_in_records_is_text_in_the_feed(app):
    app.build()
    raw = (app.outdir / "feeds/alpha.atom").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    feed = _parse(app.outdir / "feeds/alpha.atom")
    oldest = feed.findall(f"{A}entry")[-1]
    content = oldest.find(f"{A}content")
    assert content.get("type") == "text" and len(content) == 0
    assert "orphan drug <script>alert(1)</script> & more." in content.text
    assert "FDA orphan list <b>bold</b> (Regulator)" in content.text


@pytest.mark.sphinx(
    "html", testroot="history", confoverrides={"html_baseurl": "https://kb.example/en/"}
)
def test_absolute_links_with_html_baseurl(app):
    app.build()
    feed = _parse(app.outdir / "feeds/alpha.atom")
    assert feed.get(f"{XML}base") is None
    hrefs = [link.get("href") for link in feed.iter(f"{A}link")]
    assert hrefs[0] == "https://kb.example/en/feeds/alpha.atom"
    assert all(h.startswith("https://kb.example/en/") for h in hrefs)


def _build(make_app, src: Path):
    """Build once and clear Sphinx's global state, so the next build starts clean."""
    app = make_app("html", srcdir=src)
    app.build()
    app.cleanup()
    return app


def _copy(rootdir: Path, to: Path) -> Path:
    shutil.copytree(rootdir / "test-history", to)
    return to


def test_two_builds_write_the_same_bytes(tmp_path, rootdir, make_app):
    outputs = []
    for name in ("one", "two"):
        src = _copy(rootdir, tmp_path / name)
        app = _build(make_app, src)
        outputs.append(
            {
                p.name: p.read_bytes()
                for p in sorted((app.outdir / "feeds").glob("*.atom"))
            }
        )
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"all.atom", "alpha.atom", "beta.atom"}


def test_incremental_build_keeps_feeds_and_pages_current(tmp_path, rootdir, make_app):
    src = _copy(rootdir, tmp_path / "inc")
    app = _build(make_app, src)
    # A trial record gains an event: the drug page, Recent changes and feeds follow.
    record = src / "_data/trials/alpha-one.yaml"
    record.write_text(
        record.read_text()
        + '  - date: "2023-01"\n'
        + "    kind: trial-end\n"
        + "    text: Follow-up of ALPHA-1 ended.\n"
        + "    source: {title: Registry update, url: 'https://example.org/end', "
        + "kind: registry}\n"
    )
    app = _build(make_app, src)
    assert app.warning.getvalue() == ""
    assert "Follow-up of ALPHA-1 ended." in (app.outdir / "alpha.html").read_text()
    assert "Follow-up of ALPHA-1 ended." in (app.outdir / "recent.html").read_text()
    for name in ("all", "alpha"):
        feed = _parse(app.outdir / f"feeds/{name}.atom")
        assert len(feed.findall(f"{A}entry")) == 5, name
    # A drug page's own event changes: the same.
    page = src / "alpha.md"
    page.write_text(
        page.read_text().replace(
            "The FDA gave accelerated approval.",
            "The FDA granted accelerated approval.",
        )
    )
    app = _build(make_app, src)
    assert (
        "The FDA granted accelerated approval."
        in (app.outdir / "recent.html").read_text()
    )
    raw = (app.outdir / "feeds/all.atom").read_text()
    assert "The FDA granted accelerated approval." in raw
    assert "The FDA gave accelerated approval." not in raw
    # A new trial record of the drug, shown on another page: the drug's page,
    # which never depended on that file, is read again for its timeline.
    text = record.read_text().replace("id: alpha-one", "id: alpha-two")
    text = text.replace("acronym: ALPHA-1", "acronym: ALPHA-2")
    text = text.replace("NCT01234567", "NCT07654321")
    text = text.replace("Follow-up of ALPHA-1 ended.", "ALPHA-2 ended.")
    (src / "_data/trials/alpha-two.yaml").write_text(text)
    beta = src / "beta.md"
    beta.write_text(beta.read_text() + "\n```{trial-facts} alpha-two\n```\n")
    app = _build(make_app, src)
    assert app.warning.getvalue() == ""
    assert "ALPHA-2 ended." in (app.outdir / "alpha.html").read_text()
    assert len(_parse(app.outdir / "feeds/alpha.atom").findall(f"{A}entry")) == 8


def test_real_site_feeds_in_every_edition(editions):
    """Every edition: a feed per drug and one for the site, valid and resolvable,
    in the edition's language; every drug page links its feed."""
    for language, built in editions.items():
        outdir = built.outdir
        folder = outdir / "feeds"
        assert (folder / "all.atom").is_file(), language
        drug_pages = [
            p
            for p in (outdir / "drugs").rglob("*.html")
            if 'id="how-we-got-here"' in p.read_text(encoding="utf-8")
        ]
        assert len(drug_pages) >= 20, language
        for path in sorted(folder.glob("*.atom")):
            feed = _parse(path)
            _check_atom(feed)
            assert feed.get(f"{XML}lang") == language.replace("_", "-")  # BCP 47
            assert _resolve(outdir, path, feed) == [], (language, path.name)
        for page in drug_pages:
            html = page.read_text(encoding="utf-8")
            assert f'feeds/{page.stem}.atom"' in html, (language, page.name)
            assert 'type="application/atom+xml"' in html
        recent = (outdir / "recent-changes.html").read_text(encoding="utf-8")
        assert 'feeds/all.atom"' in recent


def test_parallel_build_writes_the_same_feeds_and_timeline(tmp_path, rootdir, make_app):
    """Events collected by parallel readers are merged (``merge_domaindata``);
    Sphinx reads in parallel only with enough pages, so three more are added."""
    outputs = []
    for jobs in (1, 2):
        src = _copy(rootdir, tmp_path / f"j{jobs}")
        names = [f"extra{i}" for i in range(4)]
        for name in names:
            (src / f"{name}.md").write_text(f"# {name}\n\nText.\n")
        index = src / "index.md"
        index.write_text(
            index.read_text().replace("recent\n", "recent\n" + "\n".join(names) + "\n")
        )
        app = make_app("html", srcdir=src, parallel=jobs)
        app.build()
        assert app.warning.getvalue() == ""
        app.cleanup()
        outputs.append(
            (
                {p.name: p.read_bytes() for p in (app.outdir / "feeds").glob("*.atom")},
                (app.outdir / "recent.html").read_text().count("<time "),
            )
        )
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == 4
