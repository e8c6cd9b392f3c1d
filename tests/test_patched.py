"""A library upgrade that removes what a speed-up replaces stops the build clearly."""

from __future__ import annotations

import pytest
from sphinx.errors import ExtensionError
from sphinx.transforms import i18n

from patched import require


def test_present_places_pass():
    require(
        "locale_transform", "Sphinx", (i18n, "publish_msgstr"), (i18n.Locale, "apply")
    )


def test_a_missing_place_is_named_with_the_package():
    with pytest.raises(ExtensionError) as error:
        require("locale_transform", "Sphinx", (i18n, "publish_msgstr"), (i18n, "gone"))
    assert str(error.value) == (
        "locale_transform: sphinx.transforms.i18n.gone is gone; this Sphinx version"
        " is not supported (pyproject.toml pins the tested range)"
    )
