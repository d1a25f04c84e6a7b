from django.contrib import admin

from .models import Area, Industry, Occupation, Projection, Release, WageEstimate


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
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["reference_period", "survey", "year", "is_current", "source_file"]
    list_filter = ["survey", "is_current"]
    search_fields = ["reference_period", "source_file"]
    inlines = [WageEstimateInline]


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
class WageEstimateAdmin(admin.ModelAdmin):
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
class ProjectionAdmin(admin.ModelAdmin):
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
