"""Hosted on Read the Docs: conf.py reads the edition and its address from the environment.

Read the Docs builds one project per edition. The project's language picks the
edition, the canonical address becomes ``html_baseurl``, and the switcher and
the landing page link to the other editions' projects. Without those
variables, ``make html`` is unchanged.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "extensions"))

from hosting import HostingError, hosted  # noqa: E402

from editions.known import EDITIONS as KNOWN_EDITIONS  # noqa: E402
from editions.switcher import edition_links  # noqa: E402

EDITIONS = list(KNOWN_EDITIONS)
RTD = {
    "READTHEDOCS": "True",
    "READTHEDOCS_LANGUAGE": "fr",
    "READTHEDOCS_CANONICAL_URL": "https://als-mnd-kb.readthedocs.io/fr/latest/",
}
_READ = (
    "import json, sys\n"
    "from sphinx.config import Config\n"
    "c = Config.read(sys.argv[1])._raw_config\n"
    "print(json.dumps({'language': c['language'], 'baseurl': c['html_baseurl'],"
    " 'urls': c['kb_edition_urls']}))\n"
)


def _conf(env: dict[str, str]) -> subprocess.CompletedProcess:
    """conf.py read by Sphinx in a process with *env* (and nothing else of ours)."""
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), **env}
    return subprocess.run(
        [sys.executable, "-c", _READ, str(REPO)],
        env=clean, capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip


def test_local_build_is_unchanged():
    import json

    done = _conf({})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"language": "en", "baseurl": "", "urls": {}}


def test_read_the_docs_sets_edition_address_and_other_editions():
    import json

    done = _conf(RTD)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "language": "fr",
        "baseurl": "https://als-mnd-kb.readthedocs.io/fr/latest/",
        "urls": {
            code: f"https://als-mnd-kb.readthedocs.io/{code.lower().replace('_', '-')}/latest/"
            for code in EDITIONS
        },
    }


def test_edition_urls_can_be_given():
    site = hosted(
        {
            **RTD,
            "KB_EDITION_URLS": "en=https://kb.example.org/,fr=https://fr.kb.example.org",
        },
        EDITIONS,
    )
    assert site.edition_urls == {
        "en": "https://kb.example.org/",
        "fr": "https://fr.kb.example.org/",
    }


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"READTHEDOCS_LANGUAGE": "de"}, "READTHEDOCS_LANGUAGE 'de' is not an edition"),
        (
            {"READTHEDOCS_CANONICAL_URL": "javascript:alert(1)"},
            "is not an https:// address",
        ),
        (
            {"READTHEDOCS_CANONICAL_URL": "https://x.org/a b/"},
            "is not an https:// address",
        ),
        (
            {"KB_EDITION_URLS": "xx=https://x.org/"},
            "KB_EDITION_URLS item 'xx=https://x.org/'",
        ),
        (
            {"KB_EDITION_URLS": "es=http://x.org/"},
            "KB_EDITION_URLS (es) 'http://x.org/'",
        ),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(env, words):
    with pytest.raises(HostingError, match=re.escape(words)):
        hosted({**RTD, **env}, EDITIONS)


def test_a_bad_value_fails_the_strict_build_without_a_traceback(tmp_path):
    """sphinx-build with conf.py, as Read the Docs runs it (on a one-page site)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text(
        "---\nlast_reviewed: 2026-11-26\n---\n\n# Home\n\nText.\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W",
         "--keep-going", "-n", "-q", str(src), str(tmp_path / "out")],
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "NO_COLOR": "1",
             **RTD, "READTHEDOCS_LANGUAGE": "de"},
        capture_output=True, text=True, check=False, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0
    assert "WARNING: READTHEDOCS_LANGUAGE 'de' is not an edition" in done.stderr
    assert "en, es, fr, ja" in done.stderr
    assert "Traceback" not in done.stderr


def test_rtd_language_codes_are_mapped():
    assert hosted({**RTD, "READTHEDOCS_LANGUAGE": "JA"}, EDITIONS).language == "ja"
    # Not on Read the Docs: its variables are ignored.
    assert hosted({"READTHEDOCS_LANGUAGE": "de"}, EDITIONS).language is None


def test_switcher_links_to_each_hosted_edition():
    site = hosted(RTD, EDITIONS)
    links = edition_links({"en": "English", "fr": "Français"}, "fr", "care/index",
                          urls=site.edition_urls)  # fmt: skip
    assert [e["href"] for e in links] == [
        "https://als-mnd-kb.readthedocs.io/en/latest/care/index.html",
        "https://als-mnd-kb.readthedocs.io/fr/latest/care/index.html",
    ]
    local = edition_links({"en": "English", "fr": "Français"}, "fr", "care/index")
    assert [e["href"] for e in local] == [
        "../../en/care/index.html",
        "../../fr/care/index.html",
    ]


def test_landing_page_links_to_each_hosted_edition(tmp_path, monkeypatch):
    from publish import write_root

    for code in ("en", "ja"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "index.html").write_text("x", encoding="utf-8")
    local = write_root(tmp_path).read_text(encoding="utf-8")
    assert '<a href="ja/index.html"' in local and "readthedocs" not in local
    monkeypatch.setenv(
        "KB_EDITION_URLS",
        "en=https://kb.example.org/en/latest/,ja=https://kb.example.org/ja/latest/",
    )
    hosted_page = write_root(tmp_path).read_text(encoding="utf-8")
    assert '<a href="https://kb.example.org/ja/latest/index.html"' in hosted_page
    assert 'url=https://kb.example.org/en/latest/index.html"' in hosted_page
    assert '"ja": "https://kb.example.org/ja/latest/index.html"' in hosted_page
