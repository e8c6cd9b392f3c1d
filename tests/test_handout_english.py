"""The handout's English column switches Sphinx's catalog table for a moment.

``handout.english()`` relies on ``sphinx.locale.translators`` being a dict:
when it changes shape the handout goes without its English column (and the
build warns); when the extension has no catalog in a build, its words are
English already.
"""

from __future__ import annotations

import sphinx.locale

from trial_facts import handout


def test_english_when_the_catalog_is_registered(monkeypatch):
    table = {handout._KEY: object()}
    monkeypatch.setattr(sphinx.locale, "translators", table)
    with handout.english() as ok:
        assert ok
        assert table[handout._KEY].gettext("Approved?") == "Approved?"
    assert not hasattr(table[handout._KEY], "gettext")  # put back afterwards


def test_english_without_a_catalog_needs_no_switch(monkeypatch):
    monkeypatch.setattr(sphinx.locale, "translators", {})
    with handout.english() as ok:
        assert ok


def test_a_changed_table_switches_the_english_column_off(monkeypatch):
    monkeypatch.setattr(sphinx.locale, "translators", [])
    with handout.english() as ok:
        assert not ok
