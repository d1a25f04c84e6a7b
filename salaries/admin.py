from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from pydantic import BaseModel
from pydantic import ValidationError as PayloadError
from simple_history.admin import SimpleHistoryAdmin

from . import bls, importer
from .models import Area, Industry, Occupation, Projection, Release, WageEstimate

IMPORT_PERMISSION = "salaries.import_bls_files"
# A preview is confirmed within the hour or uploaded again.
PREVIEW_MAX_AGE_SECONDS = 3600
# An .xlsx is a zip: refuse one that would unpack to much more than an honest workbook does.
UNCOMPRESSED_PER_UPLOADED_BYTE = 40


class AuditedAdmin(SimpleHistoryAdmin):
    """An admin whose rows keep their history: who changed what, when, old and new values."""

    # The library's list template carries an inline style, which the CSP refuses.
    object_history_list_template = "admin/salaries/object_history_list.html"


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["soc_code", "title"]
    search_fields = ["soc_code", "title"]


class WageEstimateInline(admin.StackedInline):
    model = WageEstimate
    extra = 0
    autocomplete_fields = ["occupation", "area", "industry"]
    show_change_link = True


@admin.register(Release)
class ReleaseAdmin(AuditedAdmin):
    change_list_template = "admin/salaries/import_change_list.html"  # "Import BLS file"
    list_display = ["reference_period", "survey", "year", "is_current", "source_file"]
    list_filter = ["survey", "is_current"]
    search_fields = ["reference_period", "source_file"]
    inlines = [WageEstimateInline]
    actions = ["make_current"]

    @admin.action(description="Make the selected release current", permissions=["change"])
    def make_current(self, request, queryset):
        make_one_current(self, request, queryset)

    def get_urls(self):
        return [import_url(self, "oews"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, import_context(request, extra_context))


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["title", "code"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["naics", "title", "group"]
    list_filter = ["group"]
    search_fields = ["naics", "title"]


@admin.register(WageEstimate)
class WageEstimateAdmin(AuditedAdmin):
    list_display = [
        "occupation",
        "release",
        "area",
        "industry",
        "employment",
        "a_pct10",
        "a_median",
        "a_pct90",
        "status",
    ]
    list_filter = ["release", "area__kind", "status", "occupation"]
    search_fields = ["area__title", "industry__title", "occupation__soc_code"]
    autocomplete_fields = ["occupation", "area", "industry"]
    list_select_related = ["occupation", "release", "area", "industry"]


@admin.register(Projection)
class ProjectionAdmin(AuditedAdmin):
    change_list_template = "admin/salaries/import_change_list.html"  # "Import BLS file"
    list_display = [
        "occupation",
        "base_year",
        "target_year",
        "change_percent",
        "annual_openings",
        "is_current",
    ]
    list_filter = ["is_current"]
    search_fields = ["occupation__soc_code", "occupation__title"]
    actions = ["make_current"]

    @admin.action(description="Make the selected projection current", permissions=["change"])
    def make_current(self, request, queryset):
        make_one_current(self, request, queryset)

    def get_urls(self):
        return [import_url(self, "projections"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, import_context(request, extra_context))


def make_one_current(model_admin, request, queryset):
    """The admin action: one selected row becomes current, the planner shows it at once."""
    if queryset.count() != 1:
        model_admin.message_user(request, "Select exactly one to make current.", messages.ERROR)
        return
    chosen = queryset.get()
    chosen.make_current(user=request.user, reason="Made current in the admin")
    model_admin.message_user(request, f"{chosen} is now current.", messages.SUCCESS)


# Importing BLS files: upload, see the difference, confirm or cancel.


@dataclass(frozen=True)
class ImportKind:
    title: str
    read: Any
    parsed: type[BaseModel]
    plan: Any
    current_label: str


IMPORT_KINDS = {
    "oews": ImportKind(
        title="Import an OEWS wage workbook",
        read=bls.read_oews,
        parsed=bls.OEWSWorkbook,
        plan=importer.plan_oews,
        current_label="Make this release current (the planner and salary pages use it at once)",
    ),
    "projections": ImportKind(
        title="Import the Employment Projections workbook",
        read=bls.read_projections,
        parsed=bls.ProjectionRow,
        plan=importer.plan_projections,
        current_label="Make this projection current",
    ),
}


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Workbook",
        help_text="The .xlsx file as downloaded from BLS.",
        validators=[FileExtensionValidator(["xlsx"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    occupation = forms.RegexField(
        label="SOC code",
        regex=r"^\d\d-\d{4}$",
        initial=bls.DEFAULT_OCCUPATION,
        error_messages={"invalid": "Enter a SOC code such as 29-2072."},
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if workbook.size > settings.BLS_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return workbook

    def clean(self):
        if self.too_large:
            # The upload handler stopped reading, so the file field is empty: say why.
            self.errors.pop("workbook", None)
            self.add_error("workbook", too_large_message())
        return super().clean()


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput)
    make_current = forms.BooleanField(required=False)


def too_large_message() -> str:
    return (
        f"The file is larger than the {filesizeformat(settings.BLS_UPLOAD_MAX_BYTES)} allowed "
        "here: import it with manage.py on the server instead."
    )


class UploadSizeLimit(FileUploadHandler):
    """Stop reading an upload once it passes the limit, so an oversized file is never stored."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.bls_upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def import_url(model_admin, kind: str):
    @csrf_exempt  # checked below, once the size limit is in place: the check reads the body
    def view(request):
        request.upload_handlers.insert(0, UploadSizeLimit(request, settings.BLS_UPLOAD_MAX_BYTES))
        return csrf_protect(bls_import)(request, model_admin, kind)

    opts = model_admin.model._meta
    return path(
        "import/",
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_import",
    )


def import_context(request, extra_context):
    return {**(extra_context or {}), "can_import": request.user.has_perm(IMPORT_PERMISSION)}


def bls_import(request, model_admin, kind: str):
    """Upload a BLS workbook, see what it would change, then confirm (or cancel)."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    spec = IMPORT_KINDS[kind]
    opts = model_admin.model._meta
    changelist_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    salt = f"salaries.import.{kind}.{request.user.pk}"
    form, plan, confirm, problem, notice = UploadForm(), None, None, "", ""
    if request.method == "POST" and "digest" in request.POST:
        confirm = ConfirmForm(request.POST)
        parsed = preview_payload(confirm, spec, salt) if confirm.is_valid() else None
        if parsed is None:
            problem = "This preview has expired or was altered: upload the file again."
        else:
            try:
                plan, applied = confirm_import(request, spec, parsed, confirm.cleaned_data)
            except importer.ImportProblem as error:
                problem = str(error)
            else:
                if applied:
                    model_admin.message_user(
                        request, f"Imported {plan.source_file}: {plan.totals()}.", messages.SUCCESS
                    )
                    return redirect(changelist_url)
                # Someone changed the catalog since the preview: show the new difference.
                notice = "The catalog changed since the preview: check the difference again."
                confirm = ConfirmForm(
                    initial={"payload": confirm.cleaned_data["payload"], "digest": plan.digest()}
                )
    elif request.method == "POST":
        form = UploadForm(
            request.POST,
            request.FILES,
            too_large=getattr(request, "bls_upload_too_large", False),
        )
        if form.is_valid():
            workbook = form.cleaned_data["workbook"]
            try:
                parsed = spec.read(
                    workbook,
                    occupation=form.cleaned_data["occupation"],
                    file_name=workbook.name,
                    max_uncompressed_bytes=workbook.size * UNCOMPRESSED_PER_UPLOADED_BYTE,
                )
                plan = spec.plan(parsed)
            except (bls.BLSFileError, importer.ImportProblem) as error:
                form.add_error("workbook", str(error))
            else:
                payload = signing.dumps(parsed.model_dump(mode="json"), salt=salt, compress=True)
                confirm = ConfirmForm(initial={"payload": payload, "digest": plan.digest()})
    current = plan and (plan.release or plan.projection)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": spec.title,
        "opts": opts,
        "changelist_url": changelist_url,
        "form": form,
        "plan": plan,
        "confirm": confirm,
        "problem": problem,
        "notice": notice,
        "current_label": spec.current_label if current and not current.is_current else "",
        "max_size": filesizeformat(settings.BLS_UPLOAD_MAX_BYTES),
    }
    return TemplateResponse(request, "admin/salaries/bls_import.html", context)


@transaction.atomic
def confirm_import(request, spec: ImportKind, parsed, confirmed: dict):
    """Plan again and apply only if the difference is still the one shown, in one transaction.

    Returns the plan and whether it was applied.
    """
    plan = spec.plan(parsed)
    if plan.digest() != confirmed["digest"]:
        return plan, False
    importer.apply(
        plan,
        user=request.user,
        reason=f"Admin import of {plan.source_file}",
        make_current=confirmed["make_current"],
    )
    return plan, True


def preview_payload(confirm: ConfirmForm, spec: ImportKind, salt: str):
    """The parsed file the preview showed, if its signature holds and it is under an hour old."""
    try:
        data = signing.loads(
            confirm.cleaned_data["payload"], salt=salt, max_age=PREVIEW_MAX_AGE_SECONDS
        )
        return spec.parsed.model_validate(data)
    except (signing.BadSignature, PayloadError):
        return None
