"""Form widgets: Django's own templates through Jinja2, every other through Django's."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as Jinja2Template

from cooperation.core.rendering import FormRenderer


class _Form(forms.Form):
    name = forms.CharField(max_length=20, help_text="Imię i nazwisko")
    kind = forms.ChoiceField(choices=[("a", "A & B"), ("c", "<C>")])
    agree = forms.BooleanField()
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_builtin_widgets_come_from_jinja2_and_others_from_django():
    renderer = FormRenderer()
    assert isinstance(
        renderer.get_template("django/forms/widgets/text.html"), Jinja2Template
    )
    assert isinstance(
        renderer.get_template("admin/widgets/foreign_key_raw_id.html"), DjangoTemplate
    )
    assert isinstance(renderer.get_template("bootstrap5/field.html"), DjangoTemplate)


def test_a_form_renders_as_with_django_templates_escaped_and_bound():
    form = _Form(data={"name": 'Ala "<b>"', "kind": "c", "when": "2026-12-02"})
    ours = form.render(renderer=FormRenderer())
    theirs = form.render(renderer=DjangoTemplates())

    def normalised(html: str) -> str:
        return " ".join(html.split()).replace("> <", "><")

    assert normalised(ours) == normalised(theirs)
    assert "&lt;b&gt;" in ours and "<b>" not in ours
    assert 'value="c" selected' in ours
