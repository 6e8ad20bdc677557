"""Runtime licences: SPDX identifiers, plus SPDX's form for a closed licence.

SPDX has no identifier for "proprietary"; a licence that is not on the SPDX
list is written ``LicenseRef-<name>``. The directory uses one such reference,
``LicenseRef-Proprietary``, for closed-source products and shows it to readers
as "Proprietary". Nothing here imports mkdocs.
"""

from __future__ import annotations

PROPRIETARY = "LicenseRef-Proprietary"
PROPRIETARY_LABEL = "Proprietary"


def license_label(spdx: str) -> str:
    """What a reader sees for a licence value: "Proprietary" for
    ``LicenseRef-Proprietary``, the SPDX expression itself otherwise."""
    return PROPRIETARY_LABEL if spdx == PROPRIETARY else spdx
