"""Publishing an edition replaces it whole and keeps the landing page right."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish import publish  # extensions/ is on sys.path (tests/conftest.py)


def _edition(staging: Path, language: str, text: str) -> None:
    (staging / language).mkdir(parents=True, exist_ok=True)
    (staging / language / "index.html").write_text(text, encoding="utf-8")


def test_publish_replaces_the_edition_and_writes_the_root(tmp_path):
    staging, site = tmp_path / "staging", tmp_path / "html"
    _edition(staging, "en", "first")
    (staging / "en" / "old-page.html").write_text("gone later", encoding="utf-8")
    publish(staging, site, "en")
    assert (site / "en" / "index.html").read_text() == "first"

    (staging / "en" / "old-page.html").unlink()
    _edition(staging, "en", "second")
    publish(staging, site, "en")
    assert (site / "en" / "index.html").read_text() == "second"
    assert not (site / "en" / "old-page.html").exists()
    assert sorted(p.name for p in site.iterdir()) == ["en", "index.html"]

    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=en/index.html"' in root
    assert 'var editions = ["en"];' in root
    assert (
        '<a href="en/index.html" lang="en" hreflang="en" dir="ltr">English</a>' in root
    )

    _edition(staging, "ja", "日本語版")
    publish(staging, site, "ja")
    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'var editions = ["en", "ja"];' in root
    assert (
        '<a href="ja/index.html" lang="ja" hreflang="ja" dir="ltr">日本語</a>' in root
    )
    assert sorted(p.name for p in site.iterdir()) == ["en", "index.html", "ja"]


def test_nothing_is_published_without_a_built_edition(tmp_path):
    site = tmp_path / "html"
    _edition(site, "en", "last good")
    with pytest.raises(SystemExit):
        publish(tmp_path / "staging", site, "en")
    assert (site / "en" / "index.html").read_text() == "last good"
