"""The form renderer: Django's own form and widget templates rendered by Jinja2.

A page with a long form (an offer's cost table, the committee's score sheet) renders
dozens of widgets; Django's built-in widget templates exist in Jinja2 as well, which
renders them about twice as fast. Any other form template — the admin's widgets,
crispy-forms' layouts, the portal's own — is not among them and is rendered by the
Django template engine as before.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template.exceptions import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    @cached_property
    def django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        if template_name.startswith("django/forms/"):
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                pass
        return self.django.get_template(template_name)
