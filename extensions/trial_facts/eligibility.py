"""Who can join a trial, in plain words of the edition's language.

A record's ``eligibility`` holds codes and numbers only (no free text, so there
is nothing to translate or inject); this module turns them into sentences from
the extension's catalog, with numbers, percentages and country names written by
Babel for the language being built::

    rows = eligibility_rows(record.data, "fr")   # [(label, [nodes]), ...]
    age_text(record.data["eligibility"], "en")    # 'Age 18 to 75'
    row_data(record.data)                         # {'data-age-min': '18', ...}

A field the source does not state is shown as "Not stated in the registry",
never guessed. The overview's ``data-*`` attributes are left out for such a
field, so a script can tell "not stated" from a real value; ``data-genes`` is
present and empty when the source states that no gene change is required.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from . import vocab
from .formatting import join, number, percent, territory_names
from .i18n import _
from .tables import fixed, link, localized, plain

#: The ``data-*`` attributes an overview row may carry, in this order.
DATA_ATTRIBUTES = (
    "data-age-min",
    "data-age-max",
    "data-onset-max",
    "data-onset-from",
    "data-genes",
    "data-countries",
)


def not_stated() -> str:
    return str(_("Not stated in the registry"))


def _n(value: int, language: str | None) -> str:
    return number(value, language)


def age_text(rules: dict[str, Any], language: str | None) -> str | None:
    low, high = rules.get("age_min"), rules.get("age_max")
    if low is not None and high is not None:
        return str(_("Age {min} to {max}")).format(
            min=_n(low, language), max=_n(high, language)
        )
    if low is not None:
        return str(_("Age {min} or older")).format(min=_n(low, language))
    if high is not None:
        return str(_("Age {max} or younger")).format(max=_n(high, language))
    return None


def onset_text(rules: dict[str, Any], language: str | None) -> str | None:
    months = rules.get("onset_months_max")
    if months is None:
        return None
    count = _n(months, language)
    counted = rules.get("onset_counted_from")
    if counted == "symptom-onset":
        return str(_("First symptoms no more than {months} months ago")).format(
            months=count
        )
    if counted == "diagnosis":
        return str(_("Diagnosed no more than {months} months ago")).format(months=count)
    return str(
        _(
            "ALS began no more than {months} months ago (the source does not "
            "say whether from first symptoms or from diagnosis)"
        )
    ).format(months=count)


def breathing_text(rules: dict[str, Any], language: str | None) -> str | None:
    breathing = rules.get("breathing_min")
    if not breathing:
        return None
    share = percent(breathing["percent"], language)
    if breathing["measure"] == "FVC":
        template = _(
            "Breathing: forced vital capacity (FVC) at least {percent} of predicted"
        )
    else:
        template = _(
            "Breathing: slow vital capacity (SVC) at least {percent} of predicted"
        )
    return str(template).format(percent=share)


def genes_text(rules: dict[str, Any], language: str | None) -> str | None:
    genes = rules.get("genes_required")
    if genes is None:
        return None
    if not genes:
        return str(_("No genetic requirement"))
    if len(genes) == 1:
        return str(_("Needs a known change in the {gene} gene")).format(gene=genes[0])
    return str(_("Needs a known change in one of these genes: {genes}")).format(
        genes=join(list(genes), language)
    )


def _medicine_text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if value == "yes":
        return str(_("{medicine} allowed")).format(medicine=name)
    if value == "stable-dose":
        return str(_("{medicine} allowed at a stable dose")).format(medicine=name)
    return str(_("{medicine} not allowed")).format(medicine=name)


def other_trials_text(rules: dict[str, Any]) -> str | None:
    value = rules.get("other_trials_allowed")
    if value is None:
        return None
    if value == "yes":
        return str(_("Taking part in another trial at the same time is allowed"))
    return str(_("Taking part in another trial at the same time is not allowed"))


def placebo_text(rules: dict[str, Any], language: str | None) -> str | None:
    placebo = rules.get("placebo")
    if placebo is None:
        return None
    if placebo == "no":
        return str(_("No placebo: everyone receives the drug"))
    ratio = rules.get("allocation_ratio")
    if not ratio:
        return str(_("Some people receive a placebo (share not stated)"))
    shares = [int(part) for part in ratio.split(":")]
    total, placebo_share = sum(shares), shares[-1]
    return str(
        _("{drug} of {total} people receive the drug, {placebo} of {total} a placebo")
    ).format(
        drug=_n(total - placebo_share, language),
        placebo=_n(placebo_share, language),
        total=_n(total, language),
    )


def extension_text(rules: dict[str, Any]) -> str | None:
    value = rules.get("open_label_extension")
    if value is None:
        return None
    if value == "yes":
        return str(_("Open-label extension offered"))
    return str(_("No open-label extension"))


def visits_text(rules: dict[str, Any], language: str | None) -> str | None:
    visits, weeks = rules.get("visits"), rules.get("duration_weeks")
    if visits is not None and weeks is not None:
        return str(_("About {visits} visits over {weeks} weeks")).format(
            visits=_n(visits, language), weeks=_n(weeks, language)
        )
    if visits is not None:
        return str(_("About {visits} visits")).format(visits=_n(visits, language))
    if weeks is not None:
        return str(
            _("Main part lasts {weeks} weeks, not counting any extension")
        ).format(weeks=_n(weeks, language))
    return None


def country_names(codes: list[str], language: str | None) -> list[str]:
    """Country names in *language*, sorted as read (unknown codes kept as codes)."""
    names = territory_names(language)
    return sorted((names.get(code, code) for code in codes), key=str.casefold)


def countries_text(rules: dict[str, Any], language: str | None) -> str | None:
    codes = rules.get("countries")
    if not codes:
        return None
    return str(_("Sites in: {countries}")).format(
        countries=join(country_names(list(codes), language), language)
    )


def _source(rules: dict[str, Any]) -> nodes.paragraph:
    source = rules["source"]
    para = nodes.paragraph(translatable=False)
    para += link(source["title"], source["url"], "notranslate")
    para += nodes.Text(f" ({vocab.label(vocab.SOURCE_KIND, source['kind'])})")
    return para


def _value(text: str | None) -> nodes.paragraph:
    if text is None:
        para = plain(not_stated())
        para["classes"].append("kb-not-stated")
        return para
    return plain(text)


def eligibility_rows(
    data: dict[str, Any], language: str | None
) -> list[tuple[str, list[nodes.Node]]]:
    """The "Who can join" rows of a trial's fact table ([] without eligibility)."""
    rules = data.get("eligibility")
    if not rules:
        return []
    rows: list[tuple[str, list[nodes.Node]]] = [
        (
            str(_("Who can join")),
            [
                plain(
                    str(
                        _(
                            "As stated in the source below; only the trial team can confirm who can join."
                        )
                    )
                )
            ],
        ),
        (str(_("Age")), [_value(age_text(rules, language))]),
        (str(_("Time since ALS began")), [_value(onset_text(rules, language))]),
        (str(_("Breathing")), [_value(breathing_text(rules, language))]),
        (str(_("Genes")), [_value(genes_text(rules, language))]),
        (
            str(_("Riluzole")),
            [_value(_medicine_text(rules.get("riluzole_allowed"), str(_("Riluzole"))))],
        ),
        (
            str(_("Edaravone")),
            [
                _value(
                    _medicine_text(rules.get("edaravone_allowed"), str(_("Edaravone")))
                )
            ],
        ),
        (str(_("Other trials")), [_value(other_trials_text(rules))]),
        (str(_("Placebo")), [_value(placebo_text(rules, language))]),
        (str(_("Extension")), [_value(extension_text(rules))]),
        (str(_("Visits and length")), [_value(visits_text(rules, language))]),
        (str(_("Countries")), [_value(countries_text(rules, language))]),
        (str(_("Source of these facts")), [_source(rules)]),
    ]
    return rows


def overview_cells(
    data: dict[str, Any], language: str | None
) -> list[list[nodes.Node]]:
    """The four eligibility cells of an overview row: age, onset, genes, countries."""
    rules = data.get("eligibility") or {}
    genes = rules.get("genes_required")
    if genes is None:
        genes_cell = None
    elif genes:
        # Gene names are the same in every language (SOD1, FUS).
        genes_cell = fixed(join(list(genes), language))
    else:
        genes_cell = _value(str(_("No genetic requirement")))
    countries = rules.get("countries")
    return [
        [_value(age_text(rules, language))],
        [_value(onset_text(rules, language))],
        [genes_cell if genes is not None else _value(None)],
        [
            # Country names written by Babel in the edition's language.
            localized(join(country_names(list(countries), language), language))
            if countries
            else _value(None)
        ],
    ]


def overview_headers() -> list[str]:
    return [
        str(_("Age")),
        str(_("Time since ALS began")),
        str(_("Genes")),
        str(_("Countries")),
    ]


def row_data(data: dict[str, Any]) -> dict[str, str]:
    """``data-*`` attributes of an overview row, for the eligibility helper.

    Only stated fields appear; values are numbers and codes (never text).
    """
    rules = data.get("eligibility") or {}
    out: dict[str, str] = {}
    if "age_min" in rules:
        out["data-age-min"] = str(rules["age_min"])
    if "age_max" in rules:
        out["data-age-max"] = str(rules["age_max"])
    if "onset_months_max" in rules:
        out["data-onset-max"] = str(rules["onset_months_max"])
        if "onset_counted_from" in rules:
            out["data-onset-from"] = rules["onset_counted_from"]
    if "genes_required" in rules:
        out["data-genes"] = " ".join(rules["genes_required"])
    if rules.get("countries"):
        out["data-countries"] = " ".join(rules["countries"])
    return out
