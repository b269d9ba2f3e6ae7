"""Ngos plugs into the shared machinery: registrations only."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.following import Followable
from cooperation.core.registry import (
    case_providers,
    desk_providers,
    followable,
    personal_data_exporters,
    uploaded_files,
)
from cooperation.core.uploads import FileAccess

from . import desk, mycases, permissions, personal_data
from .models import Organisation, PublicBenefitSphere

personal_data_exporters.add("ngos", personal_data.export)
uploaded_files.add(
    "ngos.logo", FileAccess(Organisation, "logo", permissions.logos_visible_to)
)
desk_providers.add("ngos", desk.desk_items)
case_providers.add("ngos.members", mycases.MEMBERSHIP_REQUESTS)
case_providers.add("ngos.partner-searches", mycases.PARTNER_SEARCHES)
followable.add(
    "sfera",
    Followable(
        PublicBenefitSphere,
        _("public-benefit sphere"),
        lambda: PublicBenefitSphere.objects.all(),
    ),
)
