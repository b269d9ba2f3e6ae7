"""Who may act on the council's records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from cooperation.core.workflow import Role
from ngos.permissions import Capability, can_act_for


def _signed(user: Any, request: Any) -> bool:
    return any(
        can_act_for(user, s.organisation_id, Capability.SIGN)
        for s in request.signatures.all()
    )


# The organisations' side of the request's transition table: a representative of an
# organisation that signed it.
SIGNATORY = Role(
    gettext_lazy("a representative of an organisation that signed"), _signed
)
