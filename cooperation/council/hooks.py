"""The council plugs into the shared machinery: registrations only."""

from cooperation.core.registry import (
    desk_providers,
    personal_data_erasers,
    personal_data_exporters,
)

from . import desk, personal_data

desk_providers.add("council", desk.desk_items)
personal_data_exporters.add("council", personal_data.export)
personal_data_erasers.add("council", personal_data.erase)
