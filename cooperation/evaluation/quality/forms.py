"""The questionnaire of the quality index: a score and a comment per question."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.limits import limit_fields
from cooperation.evaluation.models import Answer, Area, IndexVersion

from .services import Score


def score_name(indicator_id: int) -> str:
    return f"score_{indicator_id}"


def comment_name(indicator_id: int) -> str:
    return f"comment_{indicator_id}"


class AnswersForm(forms.Form):
    """One radio group of scores and one optional comment for every question."""

    def __init__(
        self,
        *args: Any,
        version: IndexVersion,
        areas: list[Area],
        answers: dict[int, Answer],
        computed: dict[int, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (str(v), str(v)) for v in range(version.scale_min, version.scale_max + 1)
        ]
        self.areas = areas
        computed = computed or {}
        computed = computed or {}
        self.groups: list[
            tuple[Area, list[tuple[Any, forms.BoundField, forms.BoundField, Any]]]
        ] = []
        for area in areas:
            rows = []
            for indicator in area.indicators.all():
                given = answers.get(indicator.pk)
                score = score_name(indicator.pk)
                comment = comment_name(indicator.pk)
                self.fields[score] = forms.TypedChoiceField(
                    label=f"{indicator.code} {indicator.question}",
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    required=False,
                    initial=str(given.score) if given else None,
                    help_text=indicator.guidance,
                )
                self.fields[comment] = forms.CharField(
                    label=_("Comment on %(code)s") % {"code": indicator.code},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=given.comment if given else "",
                )
                rows.append(
                    (indicator, self[score], self[comment], computed.get(indicator.pk))
                )
            self.groups.append((area, rows))
        limit_fields(
            self,
            {name: "comment" for name in self.fields if name.startswith("comment_")},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(
            data.get(name) not in (None, "")
            for name in self.fields
            if name.startswith("score_")
        ):
            raise forms.ValidationError(_("Score at least one question."))
        return data

    def scores(self) -> dict[int, Score]:
        """The scores given, by indicator id (questions left blank are left out)."""
        given = {}
        for name, value in self.cleaned_data.items():
            if not name.startswith("score_") or value in (None, ""):
                continue
            indicator_id = int(name.removeprefix("score_"))
            given[indicator_id] = Score(
                score=int(value),
                comment=self.cleaned_data.get(comment_name(indicator_id), ""),
            )
        return given
