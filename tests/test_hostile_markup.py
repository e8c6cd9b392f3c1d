"""Hostile markup in a page, a trial record or a catalog never runs, reads or loads.

Each case writes one payload into a copy of ``tests/roots/test-safety`` (laid out
like the real project: ``conf.py`` above ``docs/`` and ``locales/``, a secret file
beside ``docs/`` and symlinks to it inside) and builds it. A case expects either

- a clean refusal: a ``[safety.<subtype>]`` warning that names the file and line
  (for a translation, the ``.po`` entry), and no traceback; or
- inert text: the build may pass, and the payload shows as the text it is.

Whatever the case expects, every build is also checked as a reader would meet
it (:func:`assert_inert`): no secret or system file in any output file, no
script or event handler that a payload made, no link or image with a scheme
other than http, https or mailto, no image from another host, and no file the
payload tried to create.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import build_docs, write_catalog

SECRET = "SECRET-CANARY-7f3a9c"
PASSWD = "root:x:0:0"
# The first line of docs/page.md the tests write ("# Page") is line 1.
PAGE = "# Page\n\nHello.\n"
PO_PAGE = r"locales/es/LC_MESSAGES/page\.po:\d+"
PO_INDEX = r"locales/es/LC_MESSAGES/index\.po:\d+"
ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


@dataclass
class Built:
    outdir: Path
    warnings: str
    marker: Path
    pages: dict[str, BeautifulSoup] = field(default_factory=dict)


def build(
    tmp_path: Path,
    rootdir: Path,
    *,
    page: str = PAGE,
    record: dict[str, object] | None = None,
    catalogs: dict[str, dict[str, str]] | None = None,
    files: dict[str, str] | None = None,
    **overrides: object,
) -> Built:
    """Build the safety project with *page*, *record* fields, es *catalogs* and
    other *files* (paths relative to docs/)."""
    repo = tmp_path / "repo"
    shutil.copytree(rootdir / "test-safety", repo)
    (repo / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (repo / "secret.csv").write_text(f"a,b\n{SECRET},1\n", encoding="utf-8")
    (repo / "secret.svg").write_text(
        f"<svg><!-- {SECRET} --></svg>\n", encoding="utf-8"
    )
    docs = repo / "docs"
    (docs / "linked.txt").symlink_to(repo / "secret.txt")
    (docs / "linked.svg").symlink_to(repo / "secret.svg")
    marker = tmp_path / "MARKER"
    (docs / "page.md").write_text(page.replace("@MARKER@", str(marker)), "utf-8")
    for name, text in (files or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    if record:
        path = docs / "_data" / "trials" / "calm-trial.yaml"
        fields = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields.update(record)
        path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    for name, messages in (catalogs or {}).items():
        write_catalog(repo / "locales" / "es" / "LC_MESSAGES" / f"{name}.po", messages)
    warnings = build_docs(
        tmp_path,
        language="es" if catalogs else "en",
        outdir=tmp_path / "out",
        srcdir=docs,
        confdir=repo,
        **overrides,
    ).warnings
    plain = re.sub(r"\x1b\[[0-9;]*m", "", warnings)  # no colours
    built = Built(tmp_path / "out", plain, marker)
    for name in ("index", "page"):
        html = (built.outdir / f"{name}.html").read_text(encoding="utf-8")
        built.pages[name] = BeautifulSoup(html, "html.parser")
    return built


def _bad_url(value: str) -> bool:
    """True if a browser would follow *value* to a scheme other than the allowed."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x20").lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return bool(match) and not cleaned.startswith(ALLOWED_SCHEMES)


def assert_inert(built: Built) -> None:
    """Nothing in the output runs, leaks a file or loads from elsewhere."""
    assert not built.marker.exists(), "a template payload ran a shell command"
    for path in built.outdir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, f"secret file published in {path}"
            assert PASSWD.encode() not in data, f"/etc/passwd published in {path}"
    for name, soup in built.pages.items():
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (name, str(tag)[:80])
                if attribute in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not _bad_url(str(value)), (name, str(tag)[:80])
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), (name, str(script)[:80])
            assert not str(script.get("src", "")).startswith(("http", "//"))
        for image in soup.find_all("img"):
            assert not str(image.get("src", "")).startswith(("http:", "https:", "//"))
        assert not soup.find("meta", attrs={"http-equiv": True})
        assert not soup.find("iframe")


def assert_refused(built: Built, subtype: str, where: str) -> None:
    """The build failed with one located ``safety.<subtype>`` warning, no traceback."""
    assert "Traceback" not in built.warnings
    pattern = rf"{where}: WARNING: .+ \[safety\.{subtype}\]"
    assert re.search(pattern, built.warnings), built.warnings


def _fence(name: str, argument: str, *lines: str) -> str:
    return "\n".join([f"```{{{name}}} {argument}".rstrip(), *lines, "```", ""])


def page(*body: str) -> str:
    """A page whose payload starts on line 3."""
    return "# Page\n\n" + "\n".join(body) + "\n"


UP = "../" * 12  # far more than the depth of the temporary folder
# Each case: (id, build arguments, expected subtype and location, or None when
# the payload is expected to stay as inert text).
CASES = [
    # -- Template execution ---------------------------------------------------
    (
        "page-template-frontmatter-enables-substitution",
        {
            "page": "---\nmyst:\n  enable_extensions: [substitution]\n---\n# Page\n\n{{ 7*7 }}\n"
        },
        ("markup", r"page\.md:1"),
    ),
    (
        "page-template-frontmatter-substitutions",
        {"page": "---\nsubstitutions:\n  x: '{{ 7*7 }}'\n---\n# Page\n\n{{ x }}\n"},
        ("markup", r"page\.md:1"),
    ),
    (
        "msgstr-template-frontmatter",
        {
            "catalogs": {
                "page": {
                    "Hello.": "---\nmyst:\n  enable_extensions: [substitution]\n---\n{{ 7*7 }}"
                }
            }
        },
        ("markup", PO_PAGE),
    ),
    # -- Active markup: eval-rst, front matter --------------------------------
    (
        "page-evalrst-link",
        {"page": page(_fence("eval-rst", "", "`x <javascript:alert(1)>`_"))},
        ("markup", r"page\.md:3"),
    ),
    (
        "page-evalrst-image-target",
        {
            "page": page(
                _fence(
                    "eval-rst",
                    "",
                    ".. image:: pic.svg",
                    "   :target: javascript:alert(1)",
                )
            )
        },
        ("markup", r"page\.md:3"),
    ),
    (
        "page-evalrst-include",
        {"page": page(_fence("eval-rst", "", ".. include:: ../secret.txt"))},
        ("markup", r"page\.md:3"),
    ),
    (
        "page-evalrst-colon-fence",
        {
            "page": page(
                ":::{eval-rst}",
                ".. meta::",
                "   :http-equiv=refresh: 0; url=https://evil.example",
                ":::",
            )
        },
        ("markup", r"page\.md:3"),
    ),
    (
        "msgstr-evalrst",
        {
            "catalogs": {
                "page": {"Hello.": "```{eval-rst}\n`x <javascript:alert(1)>`_\n```"}
            }
        },
        ("markup", PO_PAGE),
    ),
    (
        "page-frontmatter-html-meta-refresh",
        {
            "page": "---\nhtml_meta:\n  http-equiv=refresh: 0; url=https://evil.example\n---\n# Page\n"
        },
        ("markup", r"page\.md:1"),
    ),
    (
        "page-frontmatter-reenables-html",
        {
            "page": "---\nmyst:\n  disable_syntax: []\n---\n# Page\n\n<script>alert(1)</script>\n"
        },
        ("markup", r"page\.md:1"),
    ),
    # -- Files outside docs/, read by a directive -----------------------------
    (
        "page-include-parent",
        {"page": page(_fence("include", "../secret.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-include-etc-passwd",
        {"page": page(_fence("include", f"{UP}etc/passwd"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-include-standard",
        {"page": page(_fence("include", "<isonum.txt>"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-include-symlink",
        {"page": page(_fence("include", "linked.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-literalinclude-parent",
        {"page": page(_fence("literalinclude", "../secret.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-literalinclude-etc-passwd",
        {"page": page(_fence("literalinclude", f"{UP}etc/passwd"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-literalinclude-diff",
        {"page": page(_fence("literalinclude", "table.csv", ":diff: ../secret.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-literalinclude-symlink",
        {"page": page(_fence("literalinclude", "linked.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-csv-table-file",
        {"page": page(_fence("csv-table", "", ":file: ../secret.csv"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-csv-table-file-etc",
        {"page": page(_fence("csv-table", "", f":file: {UP}etc/passwd"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-csv-table-url",
        {"page": page(_fence("csv-table", "", ":url: http://127.0.0.1:9/x.csv"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-raw-file",
        {"page": page(_fence("raw", "html", ":file: ../secret.txt"))},
        ("path", r"page\.md:3"),
    ),
    (
        "msgstr-literalinclude",
        {"catalogs": {"page": {"Hello.": "```{literalinclude} ../secret.txt\n```"}}},
        ("path", PO_PAGE),
    ),
    (
        "msgstr-include",
        {"catalogs": {"page": {"Hello.": "```{include} ../secret.txt\n```"}}},
        ("path", PO_PAGE),
    ),
    # -- Files outside docs/, named by a node (roles, images) ------------------
    (
        "page-download-parent",
        {"page": page("Get {download}`this <../secret.txt>`.")},
        ("path", r"page\.md:3"),
    ),
    (
        "page-download-symlink",
        {"page": page("Get {download}`this <linked.txt>`.")},
        ("path", r"page\.md:3"),
    ),
    (
        "page-image-parent",
        {"page": page(_fence("image", "../secret.svg", ":alt: x"))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-figure-parent",
        {"page": page(_fence("figure", "../secret.svg", ":alt: x", "", "Caption."))},
        ("path", r"page\.md:3"),
    ),
    (
        "page-markdown-image-parent",
        {"page": page("![x](../secret.svg)")},
        ("path", r"page\.md:3"),
    ),
    (
        "page-image-symlink",
        {"page": page(_fence("image", "linked.svg", ":alt: x"))},
        ("path", r"page\.md:3"),
    ),
    (
        "msgstr-image-uri",
        {
            "page": page(_fence("image", "pic.svg", ":alt: x")),
            "catalogs": {"page": {".. image:: pic.svg": ".. image:: ../secret.svg"}},
        },
        ("path", PO_PAGE),
    ),
    (
        "msgstr-download",
        {"catalogs": {"page": {"Hello.": "Baja {download}`esto <../secret.txt>`."}}},
        ("path", PO_PAGE),
    ),
    (
        "record-msgstr-download",
        {
            "catalogs": {
                "index": {"Adults with ALS.": "Baja {download}`esto <../secret.txt>`."}
            }
        },
        ("path", PO_INDEX),
    ),
    # -- Images from another host ---------------------------------------------
    (
        "page-image-remote",
        {"page": page(_fence("image", "https://evil.example/x.png", ":alt: x"))},
        ("remote", r"page\.md:3"),
    ),
    (
        "page-figure-scheme-relative",
        {"page": page(_fence("figure", "//evil.example/x.png", ":alt: x"))},
        ("remote", r"page\.md:3"),
    ),
    (
        "page-markdown-image-remote",
        {"page": page("![x](http://evil.example/x.png)")},
        ("remote", r"page\.md:3"),
    ),
    (
        "page-image-data-uri",
        {
            "page": page(
                _fence("image", "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", ":alt: x")
            )
        },
        ("remote", r"page\.md:3"),
    ),
    (
        "msgstr-image-remote",
        {
            "page": page(_fence("image", "pic.svg", ":alt: x")),
            "catalogs": {
                "page": {".. image:: pic.svg": ".. image:: https://evil.example/x.png"}
            },
        },
        ("remote", PO_PAGE),
    ),
    (
        "record-msgstr-image-remote",
        {
            "catalogs": {
                "index": {"Adults with ALS.": "![x](https://evil.example/x.png)"}
            }
        },
        ("remote", PO_INDEX),
    ),
    (
        "page-math-role",
        {"page": page("Math {math}`x^2` here.")},
        ("remote", r"page\.md:3"),
    ),
    (
        "page-math-directive",
        {"page": page(_fence("math", "", "x^2"))},
        ("remote", r"page\.md:3"),
    ),
    (
        "msgstr-math-role",
        {"catalogs": {"page": {"Hello.": "Hola {math}`x^2`."}}},
        ("remote", PO_PAGE),
    ),
    # -- Link schemes -----------------------------------------------------------
    (
        "page-link-data",
        {"page": page("[x](data:image/png;base64,AAAA)")},
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-link-entity-obfuscated",
        {"page": page("[x](java&#x09;script:alert(1))")},
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-link-tel",
        {"page": page("[x](tel:+15555550100)")},
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-autolink-ftp",
        {"page": page("<ftp://evil.example/x>")},
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-image-target-javascript",
        {
            "page": page(
                _fence("image", "pic.svg", ":alt: x", ":target: javascript:alert(1)")
            )
        },
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-image-target-upper-case",
        {
            "page": page(
                _fence("image", "pic.svg", ":alt: x", ":target: JaVaScRiPt:alert(1)")
            )
        },
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-image-target-vbscript",
        {
            "page": page(
                _fence("image", "pic.svg", ":alt: x", ":target: vbscript:msgbox(1)")
            )
        },
        ("scheme", r"page\.md:3"),
    ),
    (
        "page-download-remote-javascript",
        {"page": page("Get {download}`this <javascript://alert(1)>`.")},
        ("scheme", r"page\.md:3"),
    ),
    (
        "msgstr-link-data",
        {"catalogs": {"page": {"Hello.": "Hola [x](data:image/png;base64,AAAA)."}}},
        ("scheme", PO_PAGE),
    ),
    (
        "record-msgstr-link-tel",
        {"catalogs": {"index": {"Adults with ALS.": "Adultos [x](tel:+15555550100)."}}},
        ("scheme", PO_INDEX),
    ),
    # -- Inert text (markdown-it or the record's plain text leaves it alone) ----
    ("page-template-inline", {"page": page("Result {{ 7*7 }} here.")}, None),
    ("page-template-block", {"page": page("{{ 7*7 }}")}, None),
    (
        "page-template-runs-shell",
        {"page": page("{{ lipsum.__globals__.os.system('touch @MARKER@') }}")},
        None,
    ),
    ("msgstr-template", {"catalogs": {"page": {"Hello.": "Hola {{ 7*7 }}."}}}, None),
    ("record-template", {"record": {"population": "Result {{ 7*7 }} here."}}, None),
    (
        "record-msgstr-template",
        {"catalogs": {"index": {"Adults with ALS.": "Result {{ 7*7 }} here."}}},
        None,
    ),
    ("page-link-javascript", {"page": page("[x](javascript:alert(1))")}, None),
    ("page-link-javascript-upper", {"page": page("[x](JAVASCRIPT:alert(1))")}, None),
    ("page-link-vbscript", {"page": page("[x](vbscript:msgbox(1))")}, None),
    ("page-link-file", {"page": page("[x](file:///etc/passwd)")}, None),
    ("page-autolink-javascript", {"page": page("<javascript:alert(1)>")}, None),
    (
        "page-html-stays-text",
        {"page": page("<script>alert(1)</script> <img src=x onerror=alert(1)>")},
        None,
    ),
    (
        "msgstr-autolink-javascript",
        {"catalogs": {"page": {"Hello.": "Hola <javascript:alert(1)>."}}},
        None,
    ),
    (
        "record-link-javascript",
        {"record": {"population": "[x](javascript:alert(1))"}},
        None,
    ),
    (
        "record-download",
        {"record": {"population": "{download}`x <../secret.txt>`"}},
        None,
    ),
]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [pytest.param(arguments, expected, id=name) for name, arguments, expected in CASES],
)
def test_hostile_input(tmp_path, rootdir, arguments, expected):
    built = build(tmp_path, rootdir, **arguments)
    assert_inert(built)
    if "{{ 7*7 }}" in repr(arguments):  # a template engine would write 49
        assert not any("49" in soup.get_text() for soup in built.pages.values())
    if expected is None:
        assert "Traceback" not in built.warnings
        assert "[safety." not in built.warnings, built.warnings
    else:
        assert_refused(built, *expected)


@pytest.mark.parametrize(
    ("arguments", "where"),
    [
        ({"page": page("Result {{ 7*7 }} here.")}, "page"),
        ({"catalogs": {"page": {"Hello.": "Hola {{ 7*7 }}."}}}, "page"),
        ({"record": {"population": "Result {{ 7*7 }} here."}}, "index"),
        (
            {"catalogs": {"index": {"Adults with ALS.": "Result {{ 7*7 }} here."}}},
            "index",
        ),
    ],
    ids=["page", "msgstr", "record", "record-msgstr"],
)
def test_template_syntax_stays_text(tmp_path, rootdir, arguments, where):
    built = build(tmp_path, rootdir, **arguments)
    text = built.pages[where].get_text()
    assert "{{ 7*7 }}" in text
    assert "49" not in text
    assert built.warnings == ""


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("myst_enable_extensions", ["colon_fence", "substitution"]),
        ("myst_substitutions", {"x": "{{ 7*7 }}"}),
    ],
)
def test_conf_cannot_turn_substitutions_back_on(tmp_path, rootdir, setting, value):
    built = build(tmp_path, rootdir, page=page("{{ 7*7 }} {{ x }}"), **{setting: value})
    assert_refused(built, "template", r"conf\.py:\d+")
    assert "Traceback" not in built.warnings
    text = built.pages["page"].get_text()
    assert "{{ 7*7 }} {{ x }}" in text and "49" not in text


def test_refusal_names_value_and_what_is_allowed(tmp_path, rootdir):
    built = build(
        tmp_path,
        rootdir,
        page=page(
            _fence("image", "pic.svg", ":alt: x", ":target: javascript:alert(1)")
        ),
    )
    assert "'javascript:alert(1)'" in built.warnings
    assert "Allowed: http:, https:, mailto: or a link inside the site" in built.warnings


def test_record_field_is_named(tmp_path, rootdir):
    built = build(
        tmp_path,
        rootdir,
        catalogs={"index": {"Adults with ALS.": "Adultos [x](tel:+15555550100)."}},
    )
    assert "(record field 'population')" in built.warnings


def test_clean_project_builds_without_warnings(tmp_path, rootdir):
    page_text = page(
        _fence("image", "pic.svg", ":alt: A square", ":target: https://example.org"),
        _fence("csv-table", "", ":file: table.csv"),
        _fence("literalinclude", "table.csv"),
        "See [the registry](https://example.org/a?b=1#c), <mailto:kb@example.org>,",
        "[the index](index.md) and {download}`the table <table.csv>`.",
    )
    page_text += _fence("include", "_data/snippet.md")
    snippet = {"_data/snippet.md": "Included *words*.\n"}
    built = build(tmp_path, rootdir, page=page_text, files=snippet)
    assert built.warnings == ""
    assert "Included words." in built.pages["page"].get_text()
    assert_inert(built)
    assert (built.outdir / "_images" / "pic.svg").exists()
    links = [a["href"] for a in built.pages["page"].find_all("a", href=True)]
    assert "https://example.org/a?b=1#c" in links
    assert any(link.startswith("mailto:kb") for link in links)


# -- The page frame: a hostile editions.po (site title, search box, author) ------
FRAME = {
    "ALS/MND Knowledge Base": "</p><script>alert('title')</script><p>",
    "Search the knowledge base": '" onfocus="alert(\'search\')" autofocus x="',
    "The ALS/MND knowledge base volunteers": "<img src=x onerror=alert('author')>",
}


@pytest.fixture(scope="module")
def frame(tmp_path_factory, rootdir) -> dict[str, tuple[str, BeautifulSoup]]:
    """The Spanish edition of a themed project whose editions.po is hostile."""
    tmp = tmp_path_factory.mktemp("frame")
    repo = tmp / "repo"
    shutil.copytree(rootdir / "test-safety-frame", repo)
    write_catalog(repo / "locales" / "es" / "LC_MESSAGES" / "editions.po", FRAME)
    built = build_docs(
        tmp, language="es", outdir=tmp / "out", srcdir=repo / "docs", confdir=repo
    )
    assert built.warnings == ""
    pages = {}
    for name in ("index", "search"):
        html = (tmp / "out" / f"{name}.html").read_text(encoding="utf-8")
        pages[name] = (html, BeautifulSoup(html, "html.parser"))
    return pages


@pytest.mark.parametrize("name", ["index", "search"])
def test_frame_has_no_active_markup(frame, name):
    html, soup = frame[name]
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), str(tag)[:80]
        assert "autofocus" not in tag.attrs, str(tag)[:80]
    assert not any("alert" in s.get_text() for s in soup.find_all("script"))
    assert not soup.find("img", src="x")
    assert "&amp;lt;" not in html and "&amp;#34;" not in html  # never escaped twice


@pytest.mark.parametrize("attribute", ["placeholder", "aria-label"])
def test_search_box_shows_the_translation_as_text(frame, attribute):
    _, soup = frame["index"]
    box = soup.find("input", attrs={"name": "q"})
    assert box[attribute] == FRAME["Search the knowledge base"]


def test_logo_and_titles_show_the_translation_as_text(frame):
    title = FRAME["ALS/MND Knowledge Base"]
    _, index = frame["index"]
    assert index.find("p", class_="logo__title").get_text() == title
    assert index.title.get_text().endswith(title)
    _, search = frame["search"]
    assert search.title.get_text().endswith(title)


def test_footer_shows_the_translated_author_as_text(frame):
    _, soup = frame["index"]
    assert FRAME["The ALS/MND knowledge base volunteers"] in soup.get_text()


# -- make po-check: markup in the frame's catalog is refused before any build ----
@pytest.mark.parametrize(
    "msgstr",
    [
        '" onfocus="alert(1)" x="',
        "</p><script>alert(1)</script>",
        "Buscar &#34; onfocus=&#34;alert(1)",
        "Buscar {{ 7*7 }}",
        "Buscar `código`",
        "JaVa\tScRiPt:alert(1)",
        "data:text/html,hola",
    ],
    ids=["quote", "tag", "entity", "template", "backtick", "javascript", "data"],
)
def test_po_check_refuses_markup_in_the_frame(tmp_path, msgstr):
    from babel.messages.pofile import read_po

    from editions.po_check import check_file

    po = tmp_path / "es" / "LC_MESSAGES" / "editions.po"
    write_catalog(po, {"Languages": "Idiomas", "Search the knowledge base": msgstr})
    with po.open("rb") as file:
        line = next(
            m.lineno for m in read_po(file) if m.id == "Search the knowledge base"
        )
    problems = [str(p) for p in check_file(po)]
    assert any(
        p.startswith(f"{po}:{line}: msgstr: ") and "frame" in p for p in problems
    ), problems
    assert not any(f"{po}:{line - 3}:" in p for p in problems)  # "Idiomas" is fine


# -- The scheme rule itself, on values MyST would clean before they got this far --
@pytest.mark.parametrize(
    "url",
    [
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java&#x09;script:alert(1)",
        "javascript&colon;alert(1)",
        "java%09script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "tel:+15555550100",
        "made-up:thing",
        "//evil.example/x",
        "\\\\evil.example\\x",
    ],
)
def test_url_rule_refuses(url):
    from safety.schemes import url_problem

    assert url_problem(url, ("http", "https", "mailto")) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1&c=2#d",
        "http://example.org",
        "mailto:kb@example.org",
        "#anchor",
        "page.html#part",
        "../care/index.html",
        "?q=1",
        "_images/pic.svg",
    ],
)
def test_url_rule_allows(url):
    from safety.schemes import url_problem

    assert url_problem(url, ("http", "https", "mailto")) is None


def test_long_values_are_shortened(tmp_path, rootdir):
    target = "javascript:" + "a" * 200
    built = build(
        tmp_path,
        rootdir,
        page=page(_fence("image", "pic.svg", ":alt: x", f":target: {target}")),
    )
    assert_refused(built, "scheme", r"page\.md:3")
    assert target not in built.warnings and "'javascript:aaaa" in built.warnings
