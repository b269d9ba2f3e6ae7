from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import LimitedInputMixin, limit_fields
from cooperation.core.uploads import FileKinds

from .models import Comment, Consultation, Question, Survey, Unit


class StyledForm(LimitedInputMixin, forms.Form):
    """Bootstrap classes on the widgets, so templates hold no styling logic."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.RadioSelect):
                continue
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class CommentForm(StyledForm):
    """A comment on the portal; the "for whom" choice lists what the person may sign for."""

    PERSONAL = ""
    text_limits = {
        "current_wording": "comment",
        "proposed_wording": "comment",
        "justification": "comment",
    }

    speaker = forms.ChoiceField(label=_("Comment submitted by"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Provision concerned"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("the whole draft"),
    )
    current_wording = forms.CharField(
        label=_("Wording concerned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposed_wording = forms.CharField(
        label=_("Proposed wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5})
    )
    name_consent = forms.BooleanField(
        label=_(
            "Publish my name with the comment (for comments made as a private person)"
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        consultation: Consultation,
        organisations,
        as_person: bool,
        units,
        fixed_speaker: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.organisations = {str(o.pk): o for o in organisations}
        choices = [(pk, org.name) for pk, org in self.organisations.items()]
        if as_person:
            choices.append((self.PERSONAL, _("myself, as a private person")))
        self.fields["speaker"].choices = choices
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: (
            f"{u.label or u.get_kind_display()}: {u.text[:60]}"
            if u.text
            else (u.label or u.get_kind_display())
        )
        if fixed_speaker is not None:
            # The author of an existing comment does not change whom it is from.
            del self.fields["speaker"]

    def clean_speaker(self):
        value = self.cleaned_data.get("speaker") or ""
        if value and value not in self.organisations:
            raise forms.ValidationError(_("Choose an organisation you represent."))
        return value

    @property
    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("speaker") or "")


class DraftUploadForm(LimitedInputMixin, forms.Form):
    """Admin: the draft text pasted, or a .docx/.txt file (both bounded in size)."""

    text_limits = {"source_text": "draft"}

    source_text = forms.CharField(
        label=_("Text of the draft"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    source_file = forms.FileField(
        label=_("or a file (.docx or .txt)"),
        required=False,
        validators=[FileKinds("docx", "txt")],
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    note = forms.CharField(label=_("What changed"), required=False, max_length=400)

    def clean(self):
        from .parsing import UploadRefused, read_upload

        data = super().clean()
        upload = data.get("source_file")
        data["reference"] = None
        data["reading_notes"] = ""
        if upload:
            try:
                read = read_upload(upload.name, upload.read())
                data["source_text"] = read.text
                data["reference"] = read.reference
                data["reading_notes"] = "\n".join(read.notes)
            except UploadRefused as refused:
                self.add_error("source_file", refused.message)
            except Exception:  # noqa: BLE001 - any unreadable file gets the same message.
                self.add_error(
                    "source_file", _("Upload a .docx or .txt file that can be read.")
                )
            upload.seek(0)
        if not (data.get("source_text") or "").strip() and not self.errors:
            self.add_error(
                "source_text", _("Paste the text of the draft or upload a file.")
            )
        return data


class SurveyForm(StyledForm):
    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in survey.questions.all():
            name = f"q{q.pk}"
            if q.kind == Question.Kind.SCALE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    required=q.required,
                    choices=[(str(i), str(i)) for i in range(1, 6)],
                    widget=forms.RadioSelect,
                    help_text=_("1 – very bad, 5 – very good"),
                )
            elif q.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    required=q.required,
                    choices=[(c, c) for c in q.choice_list],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=q.text,
                    required=q.required,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=4000,
                )
        self.style_widgets()
        limit_fields(self)

    def answers(self) -> dict[int, str]:
        return {
            int(k[1:]): v for k, v in self.cleaned_data.items() if k.startswith("q")
        }


__all__ = [
    "CommentForm",
    "DraftUploadForm",
    "SurveyForm",
    "Comment",
]
