from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
    unquote,
)
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin_site import permissions_stamp
from .cache import (
    Later,
    bump,
    cached_fragment,
    cached_value,
    prefetch_fragments,
    record_area,
    record_areas,
)
from .exceptions import DomainError, PermissionDeniedError, TransitionNotAllowed
from .exports import Format, export_response
from .limits import LimitedInputMixin, LimitedModelForm, duplicate_message
from .models import GeneratedDocument, Notification, StatusChange, User
from .notifications import TRANSITIONS as NOTIFICATION_TRANSITIONS
from .nouns import Names, names
from .typography import quoted
from .workflow import Transition, Workflow, Workflows


def run_for_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: models.QuerySet,
    call: Callable[[Any], Any],
    done: str,
    **params: Any,
) -> int:
    """The admin action runner: ``call`` each selected object, report what happened.

    A refusal (:class:`DomainError`) is shown with the object it concerns and does not
    stop the others; ``done`` (with ``%(count)s`` and any ``params``) reports the
    objects that went through. Returns their number.
    """
    count = 0
    for obj in queryset:
        try:
            call(obj)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(
            request, done % {"count": count, **params}, messages.SUCCESS
        )
    return count


class StatusChangeInline(GenericTabularInline):
    """The audit trail of an object, read-only, on its admin page."""

    model = StatusChange
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name = _("audit record")
    verbose_name_plural = _("audit trail")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


def refusal_errors(
    model: type[models.Model], error: Exception
) -> list[tuple[str | None, str]]:
    """What a refused save says, as (field or None, message) pairs for the form."""
    if isinstance(error, DomainError):
        return [(error.field, str(error.message))]
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                (None if field == NON_FIELD_ERRORS else field, message)
                for field, messages_ in error.message_dict.items()
                for message in messages_
            ]
        return [(None, message) for message in error.messages]
    fields = _duplicated_fields(model, str(error))
    if fields:
        return [(None, duplicate_message(model, fields))]
    return [
        (
            None,
            gettext(
                "Not saved: the values break a rule of the database (a value that "
                "must be unique is taken, or a required link is missing). Check the "
                "form and save again."
            ),
        )
    ]


def _duplicated_fields(model: type[models.Model], text: str) -> list[str]:
    """The fields an IntegrityError names (PostgreSQL's detail or SQLite's message)."""
    columns: list[str] = []
    if match := re.search(r"Key \(([^)]*)\)=", text):  # PostgreSQL
        columns = [c.strip().strip('"') for c in match.group(1).split(",")]
    elif match := re.search(r"UNIQUE constraint failed: (.+)", text):  # SQLite
        columns = [c.strip().rsplit(".", 1)[-1] for c in match.group(1).split(",")]
    by_column = {f.column: f.name for f in model._meta.concrete_fields}
    return [by_column[c] for c in columns if c in by_column]


class PageRows:
    """The rows of one page of a list, counted without reading them.

    Django's list view counts the rows of the page it shows ("0 of 25 selected"),
    which reads them even when the rendered rows come from a fragment; the count
    follows from the number of results and the page instead.
    """

    def __init__(self, rows: Any, count: int) -> None:
        self._rows = rows
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self):
        return iter(self._rows)

    def __getitem__(self, index: Any) -> Any:
        return self._rows[index]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rows, name)


class LaterRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """Django's filter by a relation, with its choices read when it is rendered; it is
    shown even when they turn out to be a single one."""

    def field_choices(self, field, request, model_admin):
        parent = super().field_choices
        return Later(lambda: parent(field, request, model_admin))

    def has_output(self) -> bool:
        return True


# Every filter by a relation in the administration reads its choices when rendered.
admin.FieldListFilter.register(
    lambda f: f.remote_field, LaterRelatedFieldListFilter, take_priority=True
)


class CountedOncePaginator(Paginator):
    """A list's count kept like its rows: under the record areas of the model and of
    the models its rows show, the person, their permissions and the query string."""

    def __init__(self, *args: Any, areas: tuple[str, ...], vary: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._areas = areas
        self._vary = vary

    @cached_property
    def count(self) -> int:
        parent = Paginator.count.func  # type: ignore[attr-defined]
        return cached_value(
            "admin:count", self._areas, self._vary, lambda: parent(self)
        )


class PortalChangeList(ChangeList):
    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        if self.list_editable:
            return
        if (self.show_all and self.can_show_all) or not self.multi_page:
            count = self.result_count
        else:
            start = (self.page_num - 1) * self.list_per_page
            count = max(0, min(self.list_per_page, self.result_count - start))
        self.result_list = PageRows(self.result_list, count)


class ListExportMixin:
    """Downloads of exactly what the filtered admin list shows, as CSV or XLSX.

    The columns are the list's, with its headers; ``export_filename`` is followed by
    the date.
    """

    # The file's name before the date; by default the list's name, e.g. "oferty".
    export_filename = ""
    export_sheet: Any = ""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_export"
        return [
            path(
                "export/csv/",
                self.admin_site.admin_view(self.export_view),
                {"format": "csv"},
                name=f"{name}_csv",
            ),
            path(
                "export/xlsx/",
                self.admin_site.admin_view(self.export_view),
                {"format": "xlsx"},
                name=f"{name}_xlsx",
            ),
            *super().get_urls(),
        ]

    def export_table(self, request: HttpRequest) -> tuple[list[str], list[list[str]]]:
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request)
        columns = [c for c in changelist.list_display if c != "action_checkbox"]
        header = [
            strip_tags(str(label_for_field(c, self.model, self))) for c in columns
        ]
        rows = []
        for obj in queryset:
            row = []
            for column in columns:
                field, attr, value = lookup_field(column, obj, self)
                if getattr(attr, "boolean", False) or isinstance(value, bool):
                    text = gettext("yes") if value else gettext("no")
                elif field is not None:
                    text = display_for_field(value, field, "")
                else:
                    text = display_for_value(value, "")
                row.append(strip_tags(str(text)))
            rows.append(row)
        return header, rows

    def export_view(self, request: HttpRequest, format: Format) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        header, rows = self.export_table(request)
        return export_response(
            format,
            header=header,
            rows=rows,
            filename=f"{self.export_filename or slugify(str(self.model._meta.verbose_name_plural))}"
            f"-{timezone.localdate():%Y-%m-%d}",
            sheet=str(self.export_sheet or self.model._meta.verbose_name_plural),
        )


def _portal_delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, reporting in the portal's words."""
    from django.contrib.admin.actions import delete_selected

    count = len(queryset)
    request._portal_message = (  # type: ignore[attr-defined]
        lambda: (
            gettext("Deleted %(count)s %(items)s.")
            % {
                "count": count,
                "items": names(modeladmin.model).counted(count, accusative=True),
            }
        )
    )
    try:
        return delete_selected(modeladmin, request, queryset)
    finally:
        request._portal_message = None  # type: ignore[attr-defined]


_portal_delete_selected.allowed_permissions = ("delete",)  # type: ignore[attr-defined]


class PolishNamesMixin:
    """The administration's sentences about a model, with its name in the form each
    needs (``cooperation.core.nouns``): titles, the add button, the messages after
    adding, changing and deleting, the "delete selected" action and its question,
    and the inlines' "add another" links.

    Django's own messages are replaced where they are sent: ``response_add``,
    ``response_change`` and ``response_delete`` set the portal's message, which
    ``message_user`` then sends in place of Django's.
    """

    @property
    def names(self) -> Names:
        return names(self.model)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # "Wybierz ofertę do zmiany": the name in the accusative.
        if changelist.is_popup:
            title = gettext("Select %s")
        elif self.has_change_permission(request):
            title = gettext("Select %s to change")
        else:
            title = gettext("Select %s to view")
        changelist.title = title % self.names.accusative
        return changelist

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            _name_related_links({db_field.name: field})
        return field

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        own = getattr(request, "_portal_message", None)
        if own is not None and level == messages.SUCCESS:
            request._portal_message = None
            message = own()
        return super().message_user(request, message, level, *args, **kwargs)

    def _say_after(self, request, action: str, obj_repr: Any) -> None:
        variant = ""
        if "_continue" in request.POST:
            variant = "_continue"
        elif "_addanother" in request.POST:
            variant = "_another"
        key = f"{action}{variant}"
        request._portal_message = lambda: self.names.say(key, obj=quoted(obj_repr))

    def response_add(self, request, obj, post_url_continue=None):
        self._say_after(request, "added", str(obj))
        try:
            return super().response_add(request, obj, post_url_continue)
        finally:
            request._portal_message = None

    def response_change(self, request, obj):
        self._say_after(
            request, "added" if "_saveasnew" in request.POST else "changed", str(obj)
        )
        try:
            return super().response_change(request, obj)
        finally:
            request._portal_message = None

    def response_delete(self, request, obj_display, obj_id):
        request._portal_message = lambda: self.names.say(
            "deleted", obj=quoted(obj_display)
        )
        try:
            return super().response_delete(request, obj_display, obj_id)
        finally:
            request._portal_message = None

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        self.message_user(
            request,
            names(opts).say("missing", key=object_id),
            messages.WARNING,
        )
        return redirect(reverse("admin:index", current_app=self.admin_site.name))

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if add:
            title = gettext("Add %s")
        elif self.has_change_permission(request, obj):
            title = gettext("Change %s")
        else:
            title = gettext("View %s")
        context["title"] = title % self.names.accusative
        for inline in context.get("inline_admin_formsets", []):
            inline.__class__ = _inline_formset_class(type(inline))
            formset = inline.formset
            for fields in (
                formset.form.base_fields,
                *(form.fields for form in formset.forms),
            ):
                _name_related_links(fields)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_view(self, request, object_id, extra_context=None):
        # "Czy chcesz skasować ofertę …?"
        context = {"object_name": self.names.accusative, **(extra_context or {})}
        return super().delete_view(request, object_id, context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                _portal_delete_selected,
                "delete_selected",
                self.names.say("delete_selected"),
            )
        return actions


class PortalRelatedFieldWidgetWrapper(RelatedFieldWidgetWrapper):
    """The links beside a choice of a related record, named in the record's gender
    ("Zmień wybraną kadencję Rady")."""

    template_name = "admin/widgets/portal_related_widget_wrapper.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        own = names(self.rel.model)
        if own.declared:
            context["related_titles"] = {
                "change": own.say("change_related"),
                "add": own.say("add_another"),
                "delete": own.say("delete_related"),
                "view": own.say("view_related"),
            }
        return context


def _name_related_links(fields: dict[str, Any]) -> None:
    for field in fields.values():
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.__class__ = PortalRelatedFieldWidgetWrapper


_INLINE_CLASSES: dict[type, type] = {}


def _inline_formset_class(base: type) -> type:
    """An inline's helper whose "add another" link names the row in its gender."""
    if getattr(base, "_portal_names", False):
        return base
    if base not in _INLINE_CLASSES:

        def inline_formset_data(self) -> str:
            data = json.loads(base.inline_formset_data(self))
            opts = self.formset.model._meta
            own = names(opts)
            if own.declared and self.opts.verbose_name == opts.verbose_name:
                text = own.say("add_another")
            else:
                text = gettext("Add another row: %(name)s") % {
                    "name": self.opts.verbose_name
                }
            data["options"]["addText"] = text
            return json.dumps(data)

        _INLINE_CLASSES[base] = type(
            base.__name__,
            (base,),
            {"inline_formset_data": inline_formset_data, "_portal_names": True},
        )
    return _INLINE_CLASSES[base]


# What a kept page carries in place of the CSRF token of the request that renders it.
PAGE_CSRF_MARKER = "csrf-token-of-the-request"


class _NotKept(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def has_messages(request: HttpRequest) -> bool:
    """Whether messages wait to be shown (they are not marked as read by asking)."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


class PortalAdmin(PolishNamesMixin, ListExportMixin, admin.ModelAdmin):
    """The base of every ModelAdmin of the portal.

    Its form bounds text and amounts and checks every unique rule, including those
    on fields the form leaves out (:class:`LimitedModelForm`). A save that is
    refused all the same — a service raising :class:`DomainError` or
    ``ValidationError`` in ``save_model``, or the database refusing a duplicate
    another person saved a moment earlier — is rolled back and the form is shown
    again with the message and what was typed, without "changed successfully".
    """

    # A screenful of rows: long lists are read through their filters and search, and
    # each row costs the page its cells, links and checkbox.
    list_per_page = 25
    # "N results (M total)" would count the whole table a second time on every page.
    show_full_result_count = False

    form = LimitedModelForm
    # Rows and filters come from fragments while the records they show are unchanged;
    # the list offers its CSV and XLSX downloads.
    change_list_template = "admin/portal/change_list.html"

    # Fields naming the clerk who answers for a record: they offer clerks only.
    clerk_fields: tuple[str, ...] = ("responsible",)

    def get_changelist(self, request, **kwargs):
        return PortalChangeList

    def records_vary(self, request) -> tuple[Any, ...]:
        """What a list's cached rows, filters and count vary on besides the records."""
        return (
            self.model._meta.label_lower,
            request.user.pk,
            permissions_stamp(request.user),
            request.get_full_path(),
        )

    def get_paginator(
        self, request, queryset, per_page, orphans=0, allow_empty_first_page=True
    ):
        if self.list_editable or request.method == "POST":
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return CountedOncePaginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            areas=record_areas(self.model),
            vary=self.records_vary(request),
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.clerk_fields and db_field.related_model is User:
            kwargs.setdefault(
                "queryset",
                User.objects.filter(
                    models.Q(groups__name="clerks") | models.Q(is_superuser=True),
                    is_active=True,
                )
                .distinct()
                .order_by("last_name", "first_name", "email"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            try:
                return super().changelist_view(request, extra_context)
            finally:
                # Actions change rows through services, some in bulk, without signals.
                area = record_area(self.model)
                if area:
                    bump([area])
        context = {**(extra_context or {})}
        if self.list_editable:
            return super().changelist_view(request, context)
        areas = record_areas(self.model)
        vary = self.records_vary(request)
        context["records_fragment"] = {"areas": areas, "vary": vary}
        user = request.user
        # The header names the person and offers a password change if they have one.
        page_vary = [vary, user.get_short_name(), user.has_usable_password()]
        # The whole page, the count, the rows and the filters, in one round trip.
        prefetch_fragments(
            areas,
            [
                ("admin:page", page_vary),
                ("admin:count", vary),
                ("admin:result-list", [vary]),
                ("admin:filters", [vary]),
            ],
        )
        if has_messages(request):
            return super().changelist_view(request, context)
        return self.kept_page(
            request, areas, page_vary, super().changelist_view, context
        )

    @staticmethod
    def kept_page(
        request: HttpRequest,
        areas: Any,
        vary: Any,
        view: Callable[..., HttpResponse],
        context: dict[str, Any],
    ) -> HttpResponse:
        """The list's whole page from the cache while its records are unchanged.

        It is rendered with a marker for the CSRF token, which each response replaces
        with the token of its own request; anything but a rendered page (a redirect
        for a wrong filter, a refusal) is returned as it is and not kept.
        """

        def render() -> str:
            response = view(request, {**context, "csrf_token": PAGE_CSRF_MARKER})
            if (
                not isinstance(response, TemplateResponse)
                or response.status_code != 200
            ):
                raise _NotKept(response)
            return response.render().content.decode()

        try:
            html = cached_fragment("admin:page", areas, vary, render)
        except _NotKept as passed:
            return passed.response
        return HttpResponse(html.replace(PAGE_CSRF_MARKER, get_token(request)))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            # ``changeform_view`` runs in a transaction: a refusal rolls it back.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, ValidationError, IntegrityError) as error:
            request._portal_refusal = refusal_errors(self.model, error)  # type: ignore[attr-defined]
        # The same request again: the form is bound to what was typed and the
        # refusal makes it invalid, so Django shows it with the message.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "_portal_refusal", None)
        if not refusal:
            return form_class

        def clean(form):
            data = form_class.clean(form)
            for field, message in refusal:
                form.add_error(field if field in form.fields else None, message)
            return data

        return type(form_class.__name__, (form_class,), {"clean": clean})


class AuditedAdmin(PortalAdmin):
    """A ModelAdmin showing the object's audit trail; status is never edited directly."""

    inlines = [StatusChangeInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            any(f.name == "status" for f in self.model._meta.fields)
            and "status" not in fields
        ):
            fields.append("status")
        return fields


def transition_form(
    step: Transition, obj: models.Model, data: Any = None
) -> forms.Form:
    """The form asking for what ``step`` needs, starting from the object's values."""
    fields: dict[str, forms.Field] = {}
    initial: dict[str, Any] = {}
    for item in step.inputs:
        options: dict[str, Any] = {
            "label": item.label,
            "required": item.required,
            "help_text": item.help_text,
        }
        if item.kind == "date":
            fields[item.name] = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                **options,
            )
        elif item.kind == "line":
            fields[item.name] = forms.CharField(max_length=item.max_length, **options)
        else:
            fields[item.name] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
                max_length=item.max_length,
                **options,
            )
        if item.source:
            initial[item.name] = getattr(obj, item.source)
    form_class = type("TransitionForm", (forms.Form,), fields)
    return form_class(data, initial=initial)


class WorkflowAdmin(AuditedAdmin):
    """The admin of a model with a transition table (its app's ``TRANSITIONS``).

    The change page shows the state, the audit trail and one button for each
    transition the table allows this person from the current state; a button opens
    a page asking for what the transition needs, then calls its service. The list
    gets one bulk action for each transition that needs nothing more than the
    object's own fields.
    """

    transitions: Workflows
    change_form_template = "admin/workflow/change_form.html"
    transition_template = "admin/workflow/transition.html"

    @property
    def workflow(self) -> Workflow:
        return self.transitions[self.model]

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if StatusChangeInline not in inlines:
            inlines.append(StatusChangeInline)
        return inlines

    # --- the change page -------------------------------------------------------------

    def transition_url(self, obj: models.Model, step: Transition) -> str:
        if step.page is not None:
            return step.page(obj)
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_transition",
            args=[obj.pk, step.key],
        )

    def workflow_steps(
        self, request: HttpRequest, obj: models.Model
    ) -> list[dict[str, Any]]:
        """The buttons for ``obj``: the transitions this person may take from its state."""
        if not self.has_change_permission(request, obj):
            return []
        return [
            {"key": t.key, "label": t.label, "url": self.transition_url(obj, t)}
            for t in self.workflow.allowed(obj, request.user)
        ]

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            context["workflow"] = {
                "state": self.workflow.label(getattr(obj, self.workflow.field)),
                "steps": self.workflow_steps(request, obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/step/<str:key>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{opts.app_label}_{opts.model_name}_transition",
            ),
            *super().get_urls(),
        ]

    def transition_consequence(self, obj: Any, step: Transition) -> str:
        """What else the step will do, said on its page before it is confirmed."""
        return ""

    def transition_done(self, request: HttpRequest, obj: Any, step: Transition) -> None:
        """Called after the step went through (e.g. to warn about a late date)."""

    def transition_view(
        self, request: HttpRequest, object_id: str, key: str
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        try:
            step = self.workflow.get(key)
        except KeyError:
            raise Http404 from None
        if obj is None:
            raise Http404
        if not (
            self.has_change_permission(request, obj) and step.may(request.user, obj)
        ):
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
        if not step.service:
            if step.page is not None:
                return redirect(step.page(obj))
            raise PermissionDenied
        state = getattr(obj, self.workflow.field)
        if not step.allows(state):
            self.message_user(request, self._not_possible(step, state), messages.ERROR)
            return redirect(change_url)
        form = transition_form(
            step, obj, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and form.is_valid():
            try:
                step.call(obj, actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(self._input_for(step, error.field), error.message)
            else:
                obj.refresh_from_db()
                self.transition_done(request, obj, step)
                self.message_user(
                    request,
                    f"{obj}: {self.workflow.label(getattr(obj, self.workflow.field))}",
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{obj} — {step.label}",
            "form": form,
            "step": step,
            "consequence": self.transition_consequence(obj, step),
            "object": obj,
            "opts": opts,
            "change_url": change_url,
        }
        return TemplateResponse(request, self.transition_template, context)

    @staticmethod
    def _input_for(step: Transition, field: str | None) -> str | None:
        """The form field a refusal is about: an input by its name or its source."""
        for item in step.inputs:
            if field and field in (item.name, item.source):
                return item.name
        return None

    def _not_possible(self, step: Transition, state: str) -> str:
        return gettext("“%(step)s” is not possible from the state “%(status)s”.") % {
            "step": step.label,
            "status": self.workflow.label(state),
        }

    # --- bulk actions ----------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if (
            self.actions is None
            or IS_POPUP_VAR in request.GET
            or not self.has_change_permission(request)
        ):
            return actions
        for step in self.workflow:
            if step.in_bulk and step.key not in actions:
                actions[step.key] = (self._bulk_action(step), step.key, step.label)
        return actions

    def _bulk_action(self, step: Transition) -> Callable[..., None]:
        def take(obj: models.Model, request: HttpRequest) -> None:
            state = getattr(obj, self.workflow.field)
            if not step.allows(state):
                raise TransitionNotAllowed(self._not_possible(step, state))
            if not step.may(request.user, obj):
                raise PermissionDeniedError(
                    gettext("You may not take the step “%(step)s”.")
                    % {"step": step.label}
                )
            values = {i.name: getattr(obj, i.source) for i in step.inputs if i.source}
            step.call(obj, actor=request.user, **values)

        def action(modeladmin, request, queryset) -> None:
            run_for_each(
                modeladmin,
                request,
                queryset,
                lambda obj: take(obj, request),
                gettext("“%(step)s” done: %(count)s."),
                step=step.label,
            )

        action.__name__ = step.key
        return action


class RecentRelatedFilter(admin.SimpleListFilter):
    """A relation's latest objects as the filter's choices, not thousands of them.

    A long list of every competition or consultation makes the changelist heavy for
    everyone; older ones are reached by the search box or by a link, whose choice is
    then shown too. Subclasses name the ``field`` and the ``related`` queryset, newest
    first; the parameter is Django's own (``<field>__id__exact``), so links keep working.
    """

    field = ""
    limit = 15

    def __init__(self, request, params, model, model_admin):
        # ``SimpleListFilter.__init__`` without reading the choices at once.
        self.parameter_name = f"{self.field}__id__exact"
        admin.ListFilter.__init__(self, request, params, model, model_admin)
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            self.used_parameters[self.parameter_name] = value[-1]
        self.lookup_choices = Later(lambda: self.lookups(request, model_admin))

    def has_output(self) -> bool:
        return True

    def related(self):  # pragma: no cover - every subclass gives its queryset
        raise NotImplementedError

    def lookups(self, request, model_admin):
        items = list(self.related()[: self.limit])
        value = self.value()
        if value and value.isdigit() and all(str(o.pk) != value for o in items):
            items += list(self.related().filter(pk=int(value)))
        return [(str(o.pk), str(o)) for o in items]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(**{f"{self.field}_id": int(value)})


class UserCreationForm(LimitedInputMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "username", "first_name", "last_name")


class UserChangeForm(LimitedInputMixin, BaseUserChangeForm):
    class Meta(BaseUserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(PolishNamesMixin, ListExportMixin, BaseUserAdmin):
    change_list_template = "admin/portal/change_list.html"
    form = UserChangeForm
    add_form = UserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "username",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("language",)}),
    )

    def has_add_permission(self, request) -> bool:
        # Django's add-user page needs the "change user" right as well (it sets the
        # password): without it the "Add" button led to a 404.
        return super().has_add_permission(request) and self.has_change_permission(
            request
        )

    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]


@admin.register(StatusChange)
class StatusChangeAdmin(PortalAdmin):
    list_display = [
        "created_at",
        "content_type",
        "object_id",
        "from_status",
        "to_status",
        "actor",
    ]
    list_filter = ["content_type", "to_status"]
    list_select_related = ["content_type", "actor"]
    readonly_fields = [f.name for f in StatusChange._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(WorkflowAdmin):
    """The outbox; a clerk settles a message that is perhaps sent (sent, or again)."""

    transitions = NOTIFICATION_TRANSITIONS
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "occasion",
        "status",
        "sent_at",
        "attempts",
    ]
    list_filter = ["status", "kind", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "occasion", "kind"]
    readonly_fields = [
        "context_shown" if f.name == "context" else f.name
        for f in Notification._meta.fields
    ]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("context"))
    def context_shown(self, obj: Notification) -> str:
        """What the message is made of; an account e-mail shows only its subject (its
        text may hold a link that logs the person in)."""
        context = obj.context or {}
        if context.get("erase_when_sent"):
            context = {"subject": context.get("subject", "")}
        return json.dumps(context, ensure_ascii=False, indent=1, default=str)


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(PortalAdmin):
    list_display = [
        "title",
        "key",
        "status",
        "file_link",
        "size_display",
        "render_time",
        "updated_at",
    ]
    list_filter = ["status", "template_name"]
    search_fields = ["key", "title"]
    readonly_fields = [
        "file_link",
        "render_time",
        *(f.name for f in GeneratedDocument._meta.fields),
    ]

    @admin.display(description=_("file"))
    def file_link(self, obj: GeneratedDocument):
        from django.urls import reverse
        from django.utils.html import format_html

        if obj.status != GeneratedDocument.Status.READY or not obj.file:
            return "—"
        url = reverse("admin:cooperation_generateddocument_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.file.name.rsplit("/", 1)[-1])

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="cooperation_generateddocument_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        """The stored file, for staff who may view documents (files are not public)."""
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404

        from .pdf import serve_document

        doc = get_object_or_404(GeneratedDocument, pk=pk)
        if not self.has_view_permission(request, doc):
            raise PermissionDenied
        return serve_document(request, doc)

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, obj: GeneratedDocument) -> str:
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.size) if obj.size else "—"

    @admin.display(description=_("render time"), ordering="render_seconds")
    def render_time(self, obj: GeneratedDocument) -> str:
        if obj.render_seconds is None:
            return "—"
        return _("%(seconds).1f s") % {"seconds": obj.render_seconds}

    def has_add_permission(self, request) -> bool:
        return False
