"""Font Awesome icons as a small stylesheet of CSS masks, without fontawesome.js.

pydata-sphinx-theme loads ``fontawesome.js`` (1.5 MB, about 540 KB compressed)
on every page to turn each ``<i class="fa-solid fa-bars">`` into an SVG. This
module takes the outline of each icon the built site uses from that same
installed file (nothing is downloaded) and writes ``_static/icons.css``: one
rule per icon that paints the ``<i>`` in the text colour through the icon's
shape (``mask-image``), so the icons also show without JavaScript::

    icons = read_icons(theme_dir() / "static/scripts/fontawesome.js")
    css, missing = icons_css(used_icons(outdir), icons)

The icons are Font Awesome Free (CC BY 4.0); the stylesheet says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .scan_cache import ScanCache

# fa-* classes that change an icon's size or place, not its shape.
MODIFIERS = frozenset(
    [
        "fa",
        "fa-solid",
        "fa-regular",
        "fa-brands",
        "fa-classic",
        "fa-fw",
        "fa-lg",
        "fa-xl",
        "fa-2xl",
        "fa-xs",
        "fa-sm",
        "fa-2xs",
        "fa-1x",
        "fa-2x",
        "fa-3x",
        "fa-width-auto",
        "fa-width-fixed",
        "fa-ul",
        "fa-li",
        "fa-border",
        "fa-pull-left",
        "fa-pull-right",
        "fa-pull-start",
        "fa-pull-end",
        "fa-rotate-90",
        "fa-rotate-180",
        "fa-rotate-270",
        "fa-flip-horizontal",
        "fa-flip-vertical",
        "fa-flip-both",
        "fa-inverse",
        "fa-stack",
    ]
)
_PACKS = {
    "fab": "brands",
    "fa-brands": "brands",
    "far": "regular",
    "fa-regular": "regular",
}
_PREFIX_CLASSES = ".fa,.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands,.fa-classic"
# In fontawesome.js each pack is an object literal ``var b={...}`` handed to
# ``p("fas",b)``; each icon is ``name:[width,height,[aliases],"code","path"]``.
_PACK_END = re.compile(r'p\("(fab|far|fas)",b\)')
_ICON = re.compile(
    r'(?:"([^"]+)"|([A-Za-z_$][\w$]*)|(\d+)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+",'
    r'("[^"]*"|\[[^\]]*\])\]'
)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_JS_ICON = re.compile(
    r"fa-(?:solid|regular|brands)\s+fa-[a-z0-9-]+|fa[srb]\s+fa-[a-z0-9-]+"
)
_I = ":is(i,span):is(.fa,.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands)"
# fontawesome.js turned each <i> into an <svg>; the themes size some of those
# <svg>s, and wrote some <i> rules that never applied. The same sizes here, so
# every icon keeps the size and place it had.
_COMPAT = (
    # sphinx-book-theme: .bd-header-article .btn svg{width:1.3rem}
    f".bd-header-article .btn {_I}{{width:1.3rem}}\n"
    # Font Awesome: .svg-inline--fa.fa-lg{vertical-align:-.2em}
    f"{_I}.fa-lg{{vertical-align:-.2em}}\n"
    # pydata-sphinx-theme: .prev-next-area i{font-size:1.2em} (for the web font)
    # and a narrow <svg> kept its drawn width there when the titles were long
    f".prev-next-area {_I}{{font-size:inherit;min-width:var(--kb-min)}}\n"
    # Font Awesome: .fa-lg{font-size:1.25em}, which .search-button i overrode
    f".search-button {_I}.fa-lg{{font-size:1.25em}}\n"
    # pydata-sphinx-theme: ul.navbar-icon-links svg.fa-brands …, the search dialog's svg
    f"ul.navbar-icon-links {_I},#pst-search-dialog[open] form.bd-search {_I}"
    "{font-size:var(--pst-font-size-icon)}\n"
    # pydata-sphinx-theme: .bd-search .fa-solid.fa-magnifying-glass{position:absolute}
    # never matched the <svg> (which lost .fa-solid); the icon stays in the row
    f".bd-search {_I}.fa-magnifying-glass{{position:static;color:inherit}}\n"
    # pydata-sphinx-theme hides every child but the <svg> of a narrow search button
    f".search-button-field>{_I}{{display:inline-block!important}}\n"
)
_LICENSE = (
    "/* Icons: Font Awesome Free by @fontawesome, https://fontawesome.com,"
    " CC BY 4.0 (https://fontawesome.com/license/free). Drawn as CSS masks by"
    " extensions/page_weight/icons.py: no script, no web font. */\n"
)


@dataclass(frozen=True)
class Icon:
    width: int
    height: int
    path: str

    def svg(self) -> str:
        return (
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {self.width}"
            f" {self.height}'><path d='{self.path}'/></svg>"
        )


def read_icons(bundle: Path) -> dict[tuple[str, str], Icon]:
    """Every icon of *bundle* (fontawesome.js) by ``(pack, name)``, aliases included."""
    text = bundle.read_text(encoding="utf-8")
    icons: dict[tuple[str, str], Icon] = {}
    start = 0
    for end in _PACK_END.finditer(text):
        begin = text.rfind("var b={", start, end.start())
        pack = {"fab": "brands", "far": "regular", "fas": "solid"}[end.group(1)]
        if begin >= 0:
            for match in _ICON.finditer(text, begin, end.start()):
                quoted, bare, number, width, height, aliases, path = match.groups()
                if path.startswith("["):  # duotone: two paths, not in Free
                    continue
                icon = Icon(int(width), int(height), path.strip('"'))
                for name in [
                    quoted or bare or number,
                    *re.findall(r'"([^"]+)"', aliases),
                ]:
                    icons.setdefault((pack, name), icon)
        start = end.end()
    return icons


def _pack_of(classes: list[str]) -> str:
    return next((_PACKS[c] for c in classes if c in _PACKS), "solid")


def _icon_attrs(text: str, html: bool) -> list[str]:
    found = _CLASS_ATTR.findall(text) if html else []
    found += _JS_ICON.findall(text)
    return [attr for attr in found if "fa-" in attr]


def _html_icons(text: str) -> list[str]:
    return _icon_attrs(text, html=True)


def used_icons(
    outdir: Path, cache: ScanCache | None = None
) -> dict[tuple[str, str], str]:
    """Each ``(pack, name)`` the built pages and scripts use, with one file using it.

    With a *cache* (:mod:`.scan_cache`), a page unchanged since the last build
    is not read again.
    """
    used: dict[tuple[str, str], str] = {}
    cache = cache or ScanCache(None)
    scripts = [
        p
        for p in sorted((outdir / "_static").rglob("*.js"))
        if p.name != "fontawesome.js"
    ]
    found_in = [
        *cache.scan("icons", sorted(outdir.rglob("*.html")), _html_icons),
        *(
            (p, _icon_attrs(p.read_text(encoding="utf-8", errors="replace"), False))
            for p in scripts
        ),
    ]
    for path, found in found_in:
        for attr in found:
            classes = attr.split()
            for name in classes:
                if name.startswith("fa-") and name not in MODIFIERS:
                    used.setdefault((_pack_of(classes), name[3:]), str(path))
    return used


def _selector(pack: str, name: str) -> str:
    if pack == "solid":
        return f".fa-{name}"
    return f":is(.fa{pack[0]},.fa-{pack}).fa-{name}"


def icons_css(
    used: dict[tuple[str, str], str], icons: dict[tuple[str, str], Icon]
) -> tuple[str, list[str]]:
    """The stylesheet for *used*, and the icons *icons* lacks (``fa-name in file``)."""
    rules = [
        _LICENSE,
        # The theme's web-font glyphs are never drawn, so the fonts never load.
        f":is({_PREFIX_CLASSES})::before{{content:none!important}}\n",
        f":is({_PREFIX_CLASSES}){{display:inline-block;width:var(--fa-width,1.25em);"
        "height:1em;line-height:1;vertical-align:-.125em;background-color:currentColor;"
        "-webkit-mask:var(--kb-icon) center/contain no-repeat;"
        "mask:var(--kb-icon) center/contain no-repeat}\n",
        # Windows high contrast: draw the icon in the text colour it chose.
        f"@media (forced-colors:active){{:is({_PREFIX_CLASSES})"
        "{forced-color-adjust:none;background-color:CanvasText}}\n",
        _COMPAT,
    ]
    missing = []
    for (pack, name), where in sorted(used.items()):
        icon = icons.get((pack, name))
        if icon is None:
            missing.append(f"fa-{name} ({pack}) in {where}")
            continue
        uri = quote(icon.svg(), safe=" ='/:.,-")
        ratio = f"{icon.width / icon.height:.3f}".rstrip("0").rstrip(".")
        rules.append(
            f'{_selector(pack, name)}{{--kb-icon:url("data:image/svg+xml,{uri}");'
            f"--kb-min:{ratio}em}}\n"
        )
    return "".join(rules), missing
