"""The programme in the clerks' back office; transitions call the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.core.admin import AuditedAdmin, StatusChangeInline
from cooperation.core.exceptions import DomainError
from cooperation.core.limits import LimitedInputMixin, LimitedModelForm
from cooperation.programme.models import Priority, Programme

from . import services


class PriorityInline(admin.TabularInline):
    form = LimitedModelForm
    model = Priority
    extra = 1
    fields = ["position", "title", "sphere", "planned_funds", "description"]
    autocomplete_fields = []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "description":
            field.widget = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return field


class TransitionForm(LimitedInputMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opinion = forms.CharField(
        label=_("Opinion of the public benefit council"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    resolution_number = forms.CharField(
        label=_("Resolution number"), required=False, max_length=60
    )


LOCKED = {Programme.Status.ADOPTED, Programme.Status.IN_FORCE, Programme.Status.CLOSED}

# (target status, label, fields of TransitionForm it needs)
ACTIONS = {
    "consult": (_("Start the consultation"), []),
    "opinion": (_("Record the council's opinion"), ["opinion", "date"]),
    "submit": (_("Submit to the council"), ["date"]),
    "adopt": (_("Record the adoption"), ["resolution_number", "date"]),
    "in_force": (_("In force"), []),
    "close": (_("Close"), []),
    "redraft": (_("Back to drafting"), ["note"]),
}

# The state each action leads to: only the actions the table allows from the
# current state are offered.
ACTION_TARGETS = {
    "consult": Programme.Status.IN_CONSULTATION,
    "opinion": Programme.Status.COUNCIL_OPINION,
    "submit": Programme.Status.SUBMITTED,
    "adopt": Programme.Status.ADOPTED,
    "in_force": Programme.Status.IN_FORCE,
    "close": Programme.Status.CLOSED,
    "redraft": Programme.Status.DRAFTING,
}


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = [
        "year",
        "status",
        "resolution_number",
        "resolution_date",
        "adopted_late_flag",
    ]
    list_filter = ["status"]
    inlines = [PriorityInline, StatusChangeInline]
    readonly_fields = [
        "workflow_buttons",
        "resolution_number",
        "resolution_date",
        "submitted_on",
        "council_opinion",
        "council_opinion_on",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "year",
                    "title",
                    "status",
                    "workflow_buttons",
                    "responsible",
                    "legal_basis",
                ]
            },
        ),
        (
            _("Parts of the programme (art. 5a ust. 4)"),
            {"fields": [name for name, _n in Programme.PARTS]},
        ),
        (
            _("Council"),
            {
                "fields": [
                    "council_opinion",
                    "council_opinion_on",
                    "submitted_on",
                    "resolution_number",
                    "resolution_date",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in LOCKED:
            # An adopted programme changes only by a new resolution of the council.
            fields += [name for name, _n in Programme.PARTS] + ["year", "legal_basis"]
        return fields

    def get_inlines(self, request, obj):
        if obj is not None and obj.status in LOCKED:
            return [StatusChangeInline]
        return super().get_inlines(request, obj)

    @admin.display(boolean=True, description=_("adopted after 30 November"))
    def adopted_late_flag(self, obj):
        return obj.adopted_late

    @admin.display(description=_("next step"))
    def workflow_buttons(self, obj):
        if not obj.pk:
            return "—"
        links = [
            format_html(
                '<a class="button" href="{}">{}</a>',
                reverse("admin:programme_programme_transition", args=[obj.pk, key]),
                label,
            )
            for key, (label, _fields) in ACTIONS.items()
            if ACTION_TARGETS[key] in services.TRANSITIONS.get(obj.status, ())
        ]
        links.append(
            format_html(
                '<a class="button" href="{}">{}</a>',
                reverse("programme:pdf", args=[obj.year]),
                gettext("PDF"),
            )
        )
        return format_html(" ".join(["{}"] * len(links)), *links)

    def get_urls(self):
        return [
            path(
                "<int:pk>/step/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="programme_programme_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, pk: int, action: str):
        programme = get_object_or_404(Programme, pk=pk)
        if action not in ACTIONS or not self.has_change_permission(request, programme):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        label, needed = ACTIONS[action]
        if ACTION_TARGETS[action] not in services.TRANSITIONS.get(programme.status, ()):
            self.message_user(
                request,
                gettext("“%(step)s” is not possible from the state “%(status)s”.")
                % {"step": label, "status": programme.get_status_display()},
                messages.ERROR,
            )
            return redirect("admin:programme_programme_change", programme.pk)
        form = TransitionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                self._apply(action, programme, request.user, data)
            except DomainError as exc:
                form.add_error(
                    exc.field if exc.field in form.fields else None, exc.message
                )
            else:
                if action == "adopt" and programme.adopted_late:
                    self.message_user(
                        request,
                        gettext(
                            "Adopted after 30 November of the year before: the deadline of art. 5a ust. 1 was missed."
                        ),
                        messages.WARNING,
                    )
                self.message_user(
                    request, f"{programme}: {programme.get_status_display()}"
                )
                return redirect("admin:programme_programme_change", programme.pk)
        for name in list(form.fields):
            if name not in needed:
                del form.fields[name]
        consequence = ""
        if action == "in_force":
            earlier = (
                Programme.objects.filter(status=Programme.Status.IN_FORCE)
                .exclude(pk=programme.pk)
                .order_by("year")
                .first()
            )
            if earlier is not None:
                consequence = gettext(
                    "The programme for %(year)s, now in force, will be closed at the same time."
                ) % {"year": earlier.year}
        context = {
            **self.admin_site.each_context(request),
            "title": f"{programme} — {label}",
            "form": form,
            "consequence": consequence,
            "programme": programme,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "cooperation/programme_admin_step.html", context
        )

    @staticmethod
    def _apply(action: str, programme: Programme, actor, data) -> None:
        from django.utils import timezone

        if action == "consult":
            services.programme_start_consultation(programme=programme, actor=actor)
        elif action == "opinion":
            services.programme_record_opinion(
                programme=programme,
                actor=actor,
                opinion=data.get("opinion") or "",
                given_on=data.get("date") or timezone.localdate(),
            )
        elif action == "submit":
            services.programme_submit(
                programme=programme, actor=actor, submitted_on=data.get("date")
            )
        elif action == "adopt":
            if not data.get("date"):
                raise DomainError(
                    gettext("Enter the date of the resolution."), field="date"
                )
            services.programme_adopt(
                programme=programme,
                actor=actor,
                resolution_number=data.get("resolution_number") or "",
                resolution_date=data["date"],
            )
        elif action == "in_force":
            services.programme_put_in_force(programme=programme, actor=actor)
        elif action == "close":
            services.programme_close(programme=programme, actor=actor)
        elif action == "redraft":
            services.programme_return_to_drafting(
                programme=programme, actor=actor, reason=data.get("note") or ""
            )
