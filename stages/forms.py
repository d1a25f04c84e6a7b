from django import forms

from careerpath.planner import Catalog


class CompareForm(forms.Form):
    """Two or three roles to put side by side."""

    role = forms.MultipleChoiceField(
        label="Roles to compare",
        error_messages={
            "required": "Choose two or three roles to compare.",
            "invalid_choice": "“%(value)s” is not a role we know: choose from the list.",
        },
    )

    def __init__(self, data=None, *args, catalog: Catalog, **kwargs):
        if data is not None:  # an unused "Role 3" select sends role="": not a choice
            data = data.copy()
            data.setlist("role", [slug for slug in data.getlist("role") if slug])
        super().__init__(data, *args, **kwargs)
        self.fields["role"].choices = [(r.slug, r.title) for r in catalog.roles]

    def clean_role(self):
        slugs = list(dict.fromkeys(self.cleaned_data["role"]))  # keep order, drop repeats
        if not 2 <= len(slugs) <= 3:
            raise forms.ValidationError("Choose two or three different roles to compare.")
        return slugs


class MapForm(forms.Form):
    """The career map can start from a role: it is highlighted with the roles one tier up."""

    role = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": "“%(value)s” is not a role we know."},
    )

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "")] + [(r.slug, r.title) for r in catalog.roles]
