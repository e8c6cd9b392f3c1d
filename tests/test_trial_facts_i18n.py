"""Record text is offered to translators and comes back translated; labels,
dates and numbers follow the edition's language; codes never reach a catalog."""

from __future__ import annotations

import json
import shutil

import pytest
from babel.messages.pofile import read_po
from conftest import write_catalog


@pytest.fixture
def project(tmp_path, rootdir):
    src = tmp_path / "i18n"
    shutil.copytree(rootdir / "test-i18n", src)
    return src


def test_gettext_offers_record_text_and_nothing_else(project, make_app):
    app = make_app("gettext", srcdir=project)
    app.build()
    assert app.warning.getvalue() == ""
    with (app.outdir / "kb.pot").open("rb") as f:
        ids = {m.id for m in read_po(f) if m.id}
    for text in (
        "Alphazumab in adults with ALS",
        "Beta calms overactive support cells.",
        "Change in ALSFRS-R score after 48 weeks.",
        "The main measure did not differ between the groups.",
        "Adults with ALS.",
        "Funding ended before all regimens had finished.",
        # Names and sponsors can carry words ("formerly ...", "with ..."), and
        # an overview's :caption: is prose: all are offered to translators.
        "Alphazumab",
        "Alpha Pharma",
        "Trials open to new participants",
    ):
        assert text in ids, text
    for code in (
        "Phase 3",
        "NCT01234567",
        "1,200 people took part",
        "Alfacare",
        "ALPHA-1",
        "Completed",
        "March 2019 to July 15, 2021",
        "Alpha trial registry entry",
    ):
        assert not any(code in i for i in ids), code


def test_translated_build(project, make_app):
    write_catalog(
        project / "locales/es/LC_MESSAGES/kb.po",
        {
            "Alphazumab in adults with ALS": "Alfazumab en adultos con ELA",
            "Beta calms overactive support cells.": "Beta calma las células de soporte.",
            "Change in ALSFRS-R score after 48 weeks.": "Cambio en la escala ALSFRS-R a las 48 semanas.",
            "Alphazumab": "Alfazumab",
            "Trials open to new participants": "Ensayos abiertos a nuevos participantes",
        },
    )
    write_catalog(
        project / "locales/es/LC_MESSAGES/trial-facts.po",
        {
            "Phase": "Fase",
            "Phase 3": "Fase 3",
            "Completed": "Finalizado",
            "{count} people took part": "participaron {count} personas",
            "{start} to {end}": "de {start} a {end}",
            "Trial": "Ensayo",
        },
    )
    app = make_app("html", srcdir=project, confoverrides={"language": "es"})
    app.build()
    assert app.warning.getvalue() == ""
    alpha = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert "Alfazumab en adultos con ELA" in alpha
    assert "Cambio en la escala ALSFRS-R a las 48 semanas." in alpha
    assert (
        "<p>Fase</p>" in alpha
        and "<p>Fase 3</p>" in alpha
        and "<p>Finalizado</p>" in alpha
    )
    assert (
        "participaron 1200 personas" in alpha or "participaron 1.200 personas" in alpha
    )
    assert "de marzo de 2019 a 15 de julio de 2021" in alpha
    # Drug names are translated with their page and reused wherever they link.
    assert '<span class="caption-text">Alfazumab</span>' in alpha
    beta = (app.outdir / "beta.html").read_text(encoding="utf-8")
    assert "Beta calma las células de soporte." in beta
    overview = (app.outdir / "overview.html").read_text(encoding="utf-8")
    assert "ALPHA-1: Alfazumab en adultos con ELA" in overview
    assert "<p>Ensayo</p>" in overview
    assert "Ensayos abiertos a nuevos participantes" in overview  # a :caption:
    assert ">Alfazumab<" in overview
    links = (app.outdir / "links.html").read_text(encoding="utf-8")
    assert ">Alfazumab<" in links
    assert "ALPHA-1: Alfazumab en adultos con ELA" in links
    trials = json.loads((app.outdir / "trials.json").read_text(encoding="utf-8"))
    assert trials["language"] == "es"
    alpha_one = next(t for t in trials["items"] if t["id"] == "alpha-one")
    assert alpha_one["title"] == "Alfazumab en adultos con ELA"
    assert alpha_one["status_label"] == "Finalizado"
    assert alpha_one["status"] == "completed"  # codes stay codes
    drugs = json.loads((app.outdir / "drugs.json").read_text(encoding="utf-8"))
    assert drugs["items"][1]["mechanism"] == "Beta calma las células de soporte."
