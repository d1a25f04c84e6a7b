import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.validators import FileExtensionValidator
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from pydantic import BaseModel
from pydantic import ValidationError as PayloadError
from simple_history.admin import SimpleHistoryAdmin

from . import bls, importer
from .models import (
    Area,
    Industry,
    Occupation,
    OnetProfile,
    OnetTask,
    OnetTechnology,
    OnetTitle,
    PendingImport,
    PriceParity,
    Projection,
    Release,
    WageEstimate,
)

IMPORT_PERMISSION = "salaries.import_bls_files"
# A preview is confirmed within the hour or uploaded again.
PREVIEW_MAX_AGE_SECONDS = 3600
# An .xlsx is a zip: refuse one that would unpack to much more than an honest workbook does.
UNCOMPRESSED_PER_UPLOADED_BYTE = 40
# The upload's form fields and part headers, beside the file itself.
MULTIPART_ALLOWANCE = 64 * 1024
# Limits of a read in a web request only; the command line has the caps, not these.
ADMIN_ONLY_LIMITS = {"seconds", "uncompressed_bytes"}


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
        return [*import_url(self, "oews"), *super().get_urls()]

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
        return [*import_url(self, "projections"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, import_context(request, extra_context))


@admin.register(PriceParity)
class PriceParityAdmin(AuditedAdmin):
    list_display = ["area", "year", "all_items", "status"]
    list_filter = ["year", "status"]
    search_fields = ["area__title", "area__code"]
    autocomplete_fields = ["area"]
    list_select_related = ["area"]
    ordering = ["area__title", "-year"]


class OnetRowInline(admin.TabularInline):
    extra = 0
    show_change_link = True


class OnetTaskInline(OnetRowInline):
    model = OnetTask
    fields = ["task_id", "statement", "core"]


class OnetTechnologyInline(OnetRowInline):
    model = OnetTechnology
    fields = ["example", "commodity_code", "commodity_title", "hot", "in_demand"]


class OnetTitleInline(OnetRowInline):
    model = OnetTitle
    fields = ["title", "kind", "short_title", "shown_in_my_next_move", "order"]


@admin.register(OnetProfile)
class OnetProfileAdmin(AuditedAdmin):
    """An occupation's O*NET profile; its rows are edited inline, each with its own history.
    import_onet replaces them all with a new release's."""

    list_display = ["onet_code", "title", "release", "job_zone", "status"]
    list_filter = ["release", "status"]
    search_fields = ["onet_code", "title", "occupation__soc_code"]
    autocomplete_fields = ["occupation"]
    inlines = [OnetTaskInline, OnetTechnologyInline, OnetTitleInline]


@admin.register(OnetTask)
class OnetTaskAdmin(AuditedAdmin):
    list_display = ["task_id", "profile", "core", "statement"]
    list_filter = ["core", "profile"]
    search_fields = ["statement", "task_id"]


@admin.register(OnetTechnology)
class OnetTechnologyAdmin(AuditedAdmin):
    list_display = ["example", "profile", "commodity_title", "hot", "in_demand"]
    list_filter = ["hot", "in_demand", "profile"]
    search_fields = ["example", "commodity_title"]


@admin.register(OnetTitle)
class OnetTitleAdmin(AuditedAdmin):
    list_display = ["title", "profile", "kind", "order"]
    list_filter = ["kind", "profile"]
    search_fields = ["title"]


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
    # Names the upload before it is sent, so that the page can ask how far the reading has got.
    upload = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{16,64}$", required=False, widget=forms.HiddenInput
    )
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
    token = forms.CharField(widget=forms.HiddenInput)  # the pending import's key, signed
    digest = forms.CharField(widget=forms.HiddenInput)
    make_current = forms.BooleanField(required=False)


def new_upload_form() -> UploadForm:
    return UploadForm(initial={"upload": secrets.token_urlsafe(24)})


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


def upload_body_limit() -> int:
    return settings.BLS_UPLOAD_MAX_BYTES + MULTIPART_ALLOWANCE


def import_url(model_admin, kind: str):
    @csrf_exempt  # checked below, once the size limit is in place: the check reads the body
    def view(request):
        request.upload_handlers.insert(0, UploadSizeLimit(request, settings.BLS_UPLOAD_MAX_BYTES))
        return csrf_protect(bls_import)(request, model_admin, kind)

    # Read by the site's request limits (careerpath.middleware): this URL alone takes a body
    # larger than 1 MB, up to the upload limit.
    view.request_body_limit = upload_body_limit

    def progress(request):
        return import_progress(request, kind)

    opts = model_admin.model._meta
    name = f"{opts.app_label}_{opts.model_name}_import"
    return [
        path("import/", model_admin.admin_site.admin_view(view), name=name),
        path(
            "import/progress/",
            model_admin.admin_site.admin_view(progress),
            name=f"{name}_progress",
        ),
    ]


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
    form, plan, confirm, problem, notice = new_upload_form(), None, None, "", ""
    if request.method == "POST" and "token" in request.POST:
        confirm = ConfirmForm(request.POST)
        pending = pending_import(request, kind, confirm, salt) if confirm.is_valid() else None
        parsed = previewed_file(spec, pending)
        if parsed is None:
            problem = "This preview has expired or was altered: upload the file again."
        else:
            try:
                plan, applied = confirm_import(request, spec, parsed, confirm.cleaned_data)
            except importer.ImportProblem as error:
                problem = str(error)
            else:
                if applied:
                    pending.delete()
                    model_admin.message_user(
                        request, f"Imported {plan.source_file}: {plan.totals()}.", messages.SUCCESS
                    )
                    return redirect(changelist_url)
                # Someone changed the catalog since the preview: show the new difference.
                notice = "The catalog changed since the preview: check the difference again."
                confirm = ConfirmForm(
                    initial={"token": confirm.cleaned_data["token"], "digest": plan.digest()}
                )
    elif request.method == "POST":
        form = UploadForm(
            request.POST,
            request.FILES,
            too_large=getattr(request, "bls_upload_too_large", False),
        )
        if form.is_valid():
            plan, pending = read_upload(request, spec, kind, form)
            if pending is not None:
                token = signing.dumps(pending.key, salt=salt)
                confirm = ConfirmForm(initial={"token": token, "digest": plan.digest()})
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
        "progress_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_import_progress"),
    }
    return TemplateResponse(request, "admin/salaries/bls_import.html", context)


def read_upload(request, spec: ImportKind, kind: str, form: UploadForm):
    """Read the uploaded file within the upload's limits and plan it; keep what was read.

    Returns the plan and the pending import, or (None, None) with the form's error set. The
    uploaded file is closed (a temporary file deleted) before this returns, however it ends.
    """
    workbook = form.cleaned_data["workbook"]
    PendingImport.objects.filter(expires_at__lt=timezone.now()).delete()
    key = form.cleaned_data["upload"] or secrets.token_urlsafe(24)
    pending = start_pending_import(request, kind, key, workbook.name)
    try:
        parsed = spec.read(
            workbook,
            occupation=form.cleaned_data["occupation"],
            file_name=workbook.name,
            limits=bls.ReadLimits(
                uncompressed_bytes=workbook.size * UNCOMPRESSED_PER_UPLOADED_BYTE,
                seconds=settings.BLS_UPLOAD_READ_SECONDS,
            ),
            progress=lambda rows: PendingImport.objects.filter(pk=pending.pk).update(
                rows_read=rows
            ),
        )
        plan = spec.plan(parsed)
    except (bls.BLSFileError, importer.ImportProblem) as error:
        advice = ""
        if isinstance(error, bls.LimitExceeded) and error.limit in ADMIN_ONLY_LIMITS:
            advice = " Import it with manage.py on the server, where this limit does not apply."
        form.add_error("workbook", f"{error}{advice}")
        return None, None
    else:
        pending.parsed = parsed.model_dump(mode="json")
        pending.save(update_fields=["parsed"])
        return plan, pending
    finally:
        workbook.close()
        if pending.parsed is None:
            pending.delete()


def start_pending_import(request, kind: str, key: str, file_name: str) -> PendingImport:
    fields = {
        "user": request.user,
        "kind": kind,
        "file_name": file_name[:255],
        "expires_at": timezone.now() + timedelta(seconds=PREVIEW_MAX_AGE_SECONDS),
    }
    try:
        with transaction.atomic():
            return PendingImport.objects.create(key=key, **fields)
    except IntegrityError:  # a key already used (a form sent twice): this read goes unwatched
        return PendingImport.objects.create(key=secrets.token_urlsafe(24), **fields)


def import_progress(request, kind: str):
    """How far the server has got reading the named upload (the upload page asks every second)."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    pending = PendingImport.objects.filter(
        key=request.GET.get("upload", ""), user=request.user, kind=kind
    ).first()
    if pending is None:
        return JsonResponse({"state": "uploading"})
    state = "reading" if pending.parsed is None else "read"
    return JsonResponse({"state": state, "file": pending.file_name, "rows_read": pending.rows_read})


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


def pending_import(request, kind: str, confirm: ConfirmForm, salt: str) -> PendingImport | None:
    """The user's pending import the confirmation names, if its signature holds and it has not
    expired."""
    try:
        key = signing.loads(
            confirm.cleaned_data["token"], salt=salt, max_age=PREVIEW_MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        return None
    return PendingImport.objects.filter(
        key=key, user=request.user, kind=kind, expires_at__gt=timezone.now(), parsed__isnull=False
    ).first()


def previewed_file(spec: ImportKind, pending: PendingImport | None):
    """The parsed file the preview showed, or None."""
    if pending is None:
        return None
    try:
        return spec.parsed.model_validate(pending.parsed)
    except PayloadError:
        return None  # kept by an older version of the importer
