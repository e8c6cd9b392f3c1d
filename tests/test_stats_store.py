"""The progress page's catalog counts, kept for the other editions (editions/stats_store.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

from editions import stats as _stats
from editions.stats import catalog_stats, edition_stats
from editions.stats_store import StatsStore


def _forget() -> None:
    """As in another process: no count in memory."""
    _stats._read.cache_clear()
    _stats._KEPT.clear()


def _locales(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    for language in ("fr", "ja"):
        shutil.copytree(
            REPO / "locales" / language / "LC_MESSAGES",
            locales / language / "LC_MESSAGES",
            ignore=shutil.ignore_patterns("*.mo"),
        )
    return locales


def test_a_second_edition_reads_the_counts_the_first_kept(tmp_path):
    locales, folder = _locales(tmp_path), tmp_path / "cache"
    first = StatsStore(folder)
    counts = first.edition(locales, "fr")
    assert first.counted == len(counts) > 50
    _forget()
    second = StatsStore(folder)
    assert second.edition(locales, "fr") == counts == edition_stats(locales, "fr")
    assert second.counted == 0
    # The translation notice of each page asks again: answered from memory.
    _stats._read.cache_clear()
    po = locales / "fr/LC_MESSAGES/index.po"
    assert catalog_stats(po) == next(s for s in counts if s.name == "index")
    assert _stats._read.cache_info().misses == 0


def test_a_changed_catalog_is_counted_again_and_the_others_are_not(tmp_path):
    locales, folder = _locales(tmp_path), tmp_path / "cache"
    StatsStore(folder).edition(locales, "ja")
    po = locales / "ja/LC_MESSAGES/index.po"
    text = po.read_text(encoding="utf-8")
    # The first translated message is emptied: one message fewer translated.
    at = text.index('msgstr "', text.index("msgid", text.index("\n\n")))
    end = text.index("\n\n", at)
    po.write_text(text[:at] + 'msgstr ""' + text[end:], encoding="utf-8")
    _forget()
    store = StatsStore(folder)
    after = {s.name: s for s in store.edition(locales, "ja")}
    assert store.counted == 1
    assert after["index"] == next(
        s for s in edition_stats(locales, "ja") if s.name == "index"
    )
    assert after["index"].translated == after["index"].total - 1


def test_a_damaged_or_foreign_file_is_counted_again_without_an_error(tmp_path):
    locales, folder = _locales(tmp_path), tmp_path / "cache"
    counts = StatsStore(folder).edition(locales, "fr")
    for damage in (b"", b"not a pickle", b"\x80\x05K\x01."):  # the last: pickle of 1
        (folder / "kb-catalog-stats-fr.pickle").write_bytes(damage)
        store = StatsStore(folder)
        assert store.edition(locales, "fr") == counts
        assert store.counted == len(counts)
    # ...and the file is whole again for the next edition.
    assert StatsStore(folder).edition(locales, "fr") == counts


def test_without_a_folder_nothing_is_kept(tmp_path):
    locales = _locales(tmp_path)
    StatsStore(None).edition(locales, "fr")
    _forget()
    store = StatsStore(None)
    store.edition(locales, "fr")
    assert store.counted > 50
    assert not list(tmp_path.rglob("*.pickle"))


def test_make_html_gives_every_edition_the_same_folder():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nhtml-%:") :].split("\n\n")[0]
    assert "-D kb_shared_cache_dir=$(BUILDDIR)/cache" in recipe


def test_the_counts_of_the_catalogs_the_guard_read_are_not_read_again(tmp_path):
    """catalog_guard parses the edition's catalogs; each page's notice reuses it."""
    from types import SimpleNamespace

    import catalog_guard

    locales = _locales(tmp_path)
    config = SimpleNamespace(
        language="fr", locale_dirs=["locales"], kb_source_language="en"
    )
    app = SimpleNamespace(config=config, srcdir=str(tmp_path))
    _forget()
    catalog_guard._check_catalogs(app)
    for po in sorted((locales / "fr/LC_MESSAGES").rglob("*.po"))[:10]:
        assert catalog_stats(po.resolve()).total > 0
    assert _stats._read.cache_info().misses == 0


def test_the_notice_date_comes_from_the_guards_parse_and_equals_the_header(
    tmp_path, monkeypatch
):
    """revision_date answers from the kept parse; it is the header's own date."""
    from types import SimpleNamespace

    import catalog_guard

    locales = _locales(tmp_path)
    catalogs = sorted((locales / "fr/LC_MESSAGES").rglob("*.po"))[:10]
    _forget()
    from_header = [_stats.revision_date(po.resolve()) for po in catalogs]
    assert any(from_header)
    config = SimpleNamespace(
        language="fr", locale_dirs=["locales"], kb_source_language="en"
    )
    catalog_guard._check_catalogs(SimpleNamespace(config=config, srcdir=str(tmp_path)))

    def no_parse(*args, **kwargs):
        raise AssertionError("the header was parsed again")

    monkeypatch.setattr(_stats, "read_po", no_parse)
    assert [_stats.revision_date(po.resolve()) for po in catalogs] == from_header
    # A changed catalog is read from its header again, with its new date.
    monkeypatch.undo()
    changed = catalogs[0].resolve()
    text = changed.read_text(encoding="utf-8")
    changed.write_text(
        text.replace(
            '"PO-Revision-Date: ',
            '"PO-Revision-Date: 2031-01-02 03:04+0000\\n"\n"X-Old: ',
            1,
        ),
        encoding="utf-8",
    )
    import os

    os.utime(changed, ns=(1, 1))
    assert str(_stats.revision_date(changed)) == "2031-01-02"
