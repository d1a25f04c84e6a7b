from django.contrib import admin

from .models import Certification, CertificationFact, CertifyingBody, EligibilityRoute


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


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "body", "is_specialty", "apprentice_designation"]
    list_filter = ["body", "is_specialty"]
    search_fields = ["acronym", "name", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    list_select_related = ["body"]
    inlines = [CertificationFactInline, EligibilityRouteInline]


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
