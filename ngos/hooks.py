"""Ngos plugs into the shared machinery: registrations only."""

from cooperation.core.registry import personal_data_exporters

from . import personal_data

personal_data_exporters.add("ngos", personal_data.export)
