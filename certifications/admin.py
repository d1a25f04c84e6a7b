from django.contrib import admin

from .models import (
    ApprenticeCredit,
    Certification,
    CertificationFact,
    CertifyingBody,
    CeuShare,
    CeuTier,
    CredentialCountSalary,
    CredentialRenewal,
    CredentialSalary,
    EligibilityRoute,
    ExamFee,
    RenewalFee,
    RenewalRule,
    SpecialtyTerm,
)


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "slug", "url"]
    search_fields = ["acronym", "name"]


class CertificationFactInline(admin.StackedInline):
    model = CertificationFact
    extra = 0


class EligibilityRouteInline(admin.StackedInline):
    model = EligibilityRoute
    fk_name = "certification"
    extra = 0
    filter_horizontal = ["credentials"]


class CredentialRenewalInline(admin.StackedInline):
    model = CredentialRenewal
    fk_name = "certification"
    extra = 0
    filter_horizontal = ["replaces"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "body", "is_specialty", "apprentice_designation"]
    list_filter = ["body", "is_specialty"]
    search_fields = ["acronym", "name", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    list_select_related = ["body"]
    inlines = [CertificationFactInline, EligibilityRouteInline, CredentialRenewalInline]


@admin.register(CertificationFact)
class CertificationFactAdmin(admin.ModelAdmin):
    list_display = ["certification", "topic", "status", "source"]
    list_filter = ["status", "topic", "certification__body"]
    search_fields = ["certification__acronym", "value", "source"]
    list_select_related = ["certification__body"]


@admin.register(EligibilityRoute)
class EligibilityRouteAdmin(admin.ModelAdmin):
    list_display = ["certification", "position", "education", "min_years", "current_role", "status"]
    list_filter = ["status", "certification__body"]
    search_fields = ["certification__acronym", "note"]
    filter_horizontal = ["credentials"]
    list_select_related = ["certification__body", "education", "current_role"]


@admin.register(SpecialtyTerm)
class SpecialtyTermAdmin(admin.ModelAdmin):
    list_display = ["term", "source"]
    search_fields = ["term"]
    filter_horizontal = ["certifications"]


@admin.register(ExamFee)
class ExamFeeAdmin(admin.ModelAdmin):
    list_display = ["certification", "low", "high", "status", "note"]
    list_filter = ["status", "certification__body"]
    search_fields = ["certification__acronym", "source"]
    list_select_related = ["certification__body"]


@admin.register(CredentialCountSalary)
class CredentialCountSalaryAdmin(admin.ModelAdmin):
    list_display = ["survey", "survey_year", "group", "average", "status"]
    list_filter = ["survey_year", "status"]


@admin.register(CredentialSalary)
class CredentialSalaryAdmin(admin.ModelAdmin):
    list_display = ["certification", "survey", "survey_year", "average", "status"]
    list_filter = ["status"]


# --- Keeping credentials active ------------------------------------------------------------------


class CeuTierInline(admin.TabularInline):
    model = CeuTier
    extra = 0


class CeuShareInline(admin.TabularInline):
    model = CeuShare
    extra = 0


class RenewalFeeInline(admin.StackedInline):
    model = RenewalFee
    extra = 0


@admin.register(RenewalRule)
class RenewalRuleAdmin(admin.ModelAdmin):
    list_display = ["body", "cycle_years", "additional_ceus", "max_ceus", "status"]
    list_select_related = ["body"]
    inlines = [CeuTierInline, CeuShareInline, RenewalFeeInline]


@admin.register(CredentialRenewal)
class CredentialRenewalAdmin(admin.ModelAdmin):
    list_display = ["certification", "ceus", "topic_ceus", "topic", "status"]
    list_filter = ["status", "certification__body"]
    list_select_related = ["certification__body"]
    filter_horizontal = ["replaces"]


@admin.register(ApprenticeCredit)
class ApprenticeCreditAdmin(admin.ModelAdmin):
    list_display = ["label", "body", "kind", "years", "status"]
    list_select_related = ["body"]
