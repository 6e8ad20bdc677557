"""Licence values: SPDX identifiers, LicenseRef-Proprietary, and what readers see."""

import subprocess
import sys

import pytest

from aruntime.licenses import PROPRIETARY, license_label
from aruntime.validate import FormatProblem, check_license


def test_proprietary_reference_is_shown_as_proprietary():
    assert license_label("LicenseRef-Proprietary") == "Proprietary"


@pytest.mark.parametrize("spdx", ["MIT", "Apache-2.0", "BSD-3-Clause", "Apache-2.0 OR MIT"])
def test_spdx_identifiers_are_shown_as_written(spdx):
    assert license_label(spdx) == spdx


def test_label_does_not_touch_other_licence_refs_or_spellings():
    assert license_label("LicenseRef-proprietary") == "LicenseRef-proprietary"
    assert license_label("Proprietary") == "Proprietary"


@pytest.mark.parametrize("value", [PROPRIETARY, "MIT", "Apache-2.0", "Apache-2.0 OR MIT"])
def test_accepted_licence_values(value):
    check_license(value)


@pytest.mark.parametrize("value", ["Proprietary", "proprietary", " Proprietary "])
def test_plain_proprietary_is_rejected_with_the_spdx_form_suggested(value):
    with pytest.raises(FormatProblem) as err:
        check_license(value)
    assert "did you mean 'LicenseRef-Proprietary'?" in str(err.value)


@pytest.mark.parametrize("value", ["http://", "https://spdx.org/licenses/MIT", "MIT AND (", "((", "WITH"])
def test_values_the_spdx_parser_chokes_on_are_reported_not_raised(value):
    # license_expression raises AttributeError on "http://": a build must report it, not crash.
    with pytest.raises(FormatProblem, match="expected an SPDX license identifier"):
        check_license(value)


def test_misspelt_reference_suggests_the_right_case():
    with pytest.raises(FormatProblem, match=r"did you mean 'LicenseRef-Proprietary'\?"):
        check_license("LicenseRef-proprietary")


def test_licenses_module_imports_nothing_from_mkdocs():
    code = (
        "import sys, aruntime.licenses; "
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
