""" "Could this trial be open to me?": a private, in-page check of the open trials.

An overview with ``:eligibility:`` gets, in HTML only, a plain statement (only the
trial team can confirm eligibility; questions to ask your neurologist) and a form
the script ``trial-finder.js`` shows and runs::

    ```{trial-overview}
    :status: open
    :eligibility:
    ```

The form is written hidden (without JavaScript the eligibility columns of the
table say the same); every word the script shows comes from the JSON block
``kb-finder-labels`` written here from the extension's catalog, so each edition
speaks its language. The script reads the rows' ``data-*`` attributes (numbers
and codes written by :mod:`eligibility`), sends nothing and stores nothing. It is
added only to pages that carry the form.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from docutils import nodes

from .formatting import territory_names
from .i18n import _

#: The page and section holding "Questions to ask before you join a trial".
QUESTIONS_DOC = "research/open-label-extension"
QUESTIONS_ANCHOR = "research-ole-questions"


def _options(pairs: list[tuple[str, str]]) -> str:
    return "".join(
        f'<option value="{escape(value)}">{escape(text)}</option>'
        for value, text in pairs
    )


def _field(ident: str, label: str, control: str, hint: str = "") -> str:
    hint_html = (
        f'<span class="kb-finder-hint" id="{ident}-hint">{escape(hint)}</span>'
        if hint
        else ""
    )
    return (
        f'<div class="kb-finder-field"><label for="{ident}">{escape(label)}</label>'
        f"{hint_html}{control}</div>"
    )


def _labels(language: str | None) -> dict[str, Any]:
    return {
        "match": str(_("May match: ask the trial team")),
        "no": str(_("Does not match:")),
        "unknown": str(_("Not enough information to tell")),
        "onset": str(_("requires first symptoms within {months} months")),
        "ageMin": str(_("requires age {age} or older")),
        "ageMax": str(_("requires age {age} or younger")),
        "country": str(_("no open site listed in {country}")),
        "gene": str(_("requires a known change in the {genes} gene")),
        "count": str(
            _(
                "{match} may match, {no} do not match, "
                "{unknown} without enough information."
            )
        ),
        "empty": str(_("Enter at least one answer to check the trials.")),
        "lang": (language or "en").replace("_", "-"),  # BCP 47, for Intl
    }


def finder_form(
    trials: list[dict[str, Any]],
    table_id: str,
    language: str | None,
    questions_uri: str,
) -> list[nodes.Node]:
    """The statement (always shown) and the hidden form for the table *table_id*."""
    countries = sorted(
        {
            c
            for data in trials
            for c in (data.get("eligibility") or {}).get("countries", [])
        }
    )
    territory = territory_names(language)
    names = {c: territory.get(c, c) for c in countries}
    genes = sorted(
        {
            g
            for data in trials
            for g in (data.get("eligibility") or {}).get("genes_required") or []
        }
    )
    note = nodes.paragraph(classes=["kb-finder-note"])
    note += nodes.Text(
        str(
            _(
                "Only the trial team can confirm whether you can join a trial. "
                "Each trial's registry entry, linked in the table, lists its rules. "
            )
        )
    )
    note += nodes.reference(
        "",
        str(_("Questions to ask your neurologist before you join a trial")),
        refuri=f"{questions_uri}#{QUESTIONS_ANCHOR}",
        internal=True,
    )
    base = escape(table_id)
    by_name = sorted(((c, names[c]) for c in countries), key=lambda p: p[1].casefold())
    country_pairs = [("", str(_("Not given"))), *by_name]
    gene_pairs = [
        ("", str(_("Not given or not tested"))),
        ("none", str(_("No known gene change"))),
    ] + [(g, g) for g in genes]
    # type="text" with a numeric keyboard, not type="number": Chromium's number
    # field drops digits of other scripts without a word (an Arabic reader's
    # "٣٠" became an empty answer); trial-finder.js reads them as 30.
    number_input = (
        '<input type="text" id="{id}" name="{name}" maxlength="{size}" '
        'inputmode="numeric" autocomplete="off" aria-describedby="{id}-hint">'
    )
    fields = "".join(
        [
            _field(
                f"{base}-months",
                str(_("Months since your first symptoms")),
                number_input.format(id=f"{base}-months", name="months", size=3),
                str(_("Leave empty if you prefer not to say.")),
            ),
            _field(
                f"{base}-age",
                str(_("Your age in years")),
                number_input.format(id=f"{base}-age", name="age", size=3),
                str(_("Leave empty if you prefer not to say.")),
            ),
            _field(
                f"{base}-country",
                str(_("Country where you could take part")),
                f'<select id="{base}-country" name="country">'
                f"{_options(country_pairs)}</select>",
            ),
            _field(
                f"{base}-gene",
                str(_("A known ALS gene change (from a genetic test)")),
                f'<select id="{base}-gene" name="gene">{_options(gene_pairs)}</select>',
            ),
        ]
    )
    payload = json.dumps(_labels(language), ensure_ascii=False).replace("<", "\\u003c")
    # Each _() outside the f-strings below: Babel does not extract a call
    # inside an f-string, so `make update-po` would drop its translations.
    _w = [
        escape(str(message))
        for message in (
            _("Could this trial be open to me?"),
            _("What you enter stays on this page: nothing is sent or saved."),
            _("Check the open trials"),
            _("Clear"),
        )
    ]
    html = (
        f'<form class="kb-finder-form" data-kb-finder="{base}" hidden>'
        f"<fieldset><legend>{_w[0]}</legend>"
        f'<p class="kb-finder-private">'
        f"{_w[1]}"
        f"</p>{fields}"
        f'<div class="kb-finder-buttons">'
        f'<button type="submit">{_w[2]}</button>'
        f'<button type="reset">{_w[3]}</button></div>'
        f"</fieldset>"
        f'<p class="kb-finder-status" role="status" aria-live="polite"></p>'
        f"</form>"
        f'<script type="application/json" class="kb-finder-labels">{payload}</script>'
    )
    box = nodes.container(classes=["kb-finder"])
    box += note
    box += nodes.raw("", html, format="html")
    return [box]
