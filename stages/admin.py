from django import forms
from django.contrib import admin

from .models import (
    CareerStage,
    EducationLevel,
    Milestone,
    ResumeMetric,
    Role,
    RoleRequirement,
    StageSkill,
    Track,
    Transition,
)


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "rank"]
    search_fields = ["name", "slug"]


class StageSkillInline(admin.TabularInline):
    model = StageSkill
    extra = 0


class MilestoneInline(admin.StackedInline):
    model = Milestone
    extra = 0
    filter_horizontal = ["certifications"]
    prepopulated_fields = {"slug": ["title"]}


class ResumeMetricInline(admin.TabularInline):
    model = ResumeMetric
    extra = 0


@admin.register(CareerStage)
class CareerStageAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "order",
        "years_label",
        "wage_occupation",
        "percentile_low",
        "percentile_high",
    ]
    list_select_related = ["wage_occupation"]
    search_fields = ["name", "slug"]
    inlines = [MilestoneInline, StageSkillInline, ResumeMetricInline]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]


class RoleRequirementForm(forms.ModelForm):
    class Meta:
        model = RoleRequirement
        fields = ["role", "position", "kind", "certifications", "note"]

    def clean(self):
        cleaned = super().clean()
        # An empty group would be a requirement no one could ever meet.
        if not cleaned.get("DELETE") and not cleaned.get("certifications"):
            self.add_error("certifications", "Choose at least one credential for this requirement.")
        return cleaned


class RoleRequirementInline(admin.StackedInline):
    model = RoleRequirement
    form = RoleRequirementForm
    extra = 0
    filter_horizontal = ["certifications"]


class TransitionOutInline(admin.TabularInline):
    model = Transition
    fk_name = "from_role"
    extra = 0
    verbose_name = "leads to"
    verbose_name_plural = "leads to"
    autocomplete_fields = ["to_role"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "stage", "track", "min_years", "education", "pay_band"]
    list_filter = ["stage", "track", "education", "wage_occupation"]
    search_fields = ["title", "slug", "other_titles", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["stage", "track", "education", "wage_occupation"]
    inlines = [RoleRequirementInline, TransitionOutInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "other_titles",
                    "stage",
                    "track",
                    "summary",
                    "responsibilities",
                    "employer_expectations",
                    "min_years",
                    "education",
                    "education_note",
                    "order",
                    "source",
                ]
            },
        ),
        (
            "Pay",
            {
                "description": "The BLS occupation that counts this role, and the span of its "
                "percentiles that fits the role (leave both blank for the stage's band), with "
                "why and where from. The planner prices the role on exactly this.",
                "fields": [
                    "wage_occupation",
                    ("pay_percentile_low", "pay_percentile_high"),
                    "pay_note",
                    "pay_source",
                ],
            },
        ),
    ]

    @admin.display(description="pay band")
    def pay_band(self, role):
        if role.wage_occupation is None:
            return "no BLS figure"
        if role.pay_percentile_low is None:
            return f"{role.wage_occupation.soc_code}, the stage's band"
        low, high = role.get_pay_percentile_low_display(), role.get_pay_percentile_high_display()
        return f"{role.wage_occupation.soc_code}, {low} to {high}"


@admin.register(RoleRequirement)
class RoleRequirementAdmin(admin.ModelAdmin):
    form = RoleRequirementForm
    list_display = ["role", "position", "kind", "note"]
    list_filter = ["kind", "role__stage"]
    search_fields = ["role__title", "certifications__acronym"]
    filter_horizontal = ["certifications"]
    list_select_related = ["role"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["from_role", "to_role", "kind"]
    list_filter = ["kind", "from_role__stage", "to_role__track"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role"]
    list_select_related = ["from_role", "to_role"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "check_kind", "threshold", "order"]
    list_filter = ["stage", "check_kind"]
    search_fields = ["title", "description"]
    filter_horizontal = ["certifications"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(StageSkill)
class StageSkillAdmin(admin.ModelAdmin):
    list_display = ["text", "stage", "category", "order"]
    list_filter = ["stage", "category"]
    search_fields = ["text"]


@admin.register(ResumeMetric)
class ResumeMetricAdmin(admin.ModelAdmin):
    list_display = ["text", "stage", "example"]
    list_filter = ["stage"]
    search_fields = ["text", "example"]
