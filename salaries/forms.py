from django import forms

ASCENDING, DESCENDING = "asc", "desc"


class ExplorerForm(forms.Form):
    """The salary page's query string: which OEWS release, and how the state table is sorted."""

    # The state table's sortable columns, each with the direction its header link starts in.
    STATE_SORTS = {
        "state": ASCENDING,
        "mean": DESCENDING,
        "hourly": DESCENDING,
        "parity": DESCENDING,
        "national": DESCENDING,
    }

    release = forms.TypedChoiceField(
        label="OEWS release",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": "There is no OEWS release “%(value)s”: "
            "choose one of the years listed."
        },
    )
    sort = forms.ChoiceField(
        label="Sort the state table by",
        choices=[(key, key) for key in STATE_SORTS],
        required=False,
        error_messages={
            "invalid_choice": "The state table sorts by state, mean, hourly, parity or "
            "national (the mean at national-average prices); “%(value)s” is not one of them."
        },
    )
    dir = forms.ChoiceField(
        label="Sort direction",
        choices=[(ASCENDING, "ascending"), (DESCENDING, "descending")],
        required=False,
        error_messages={"invalid_choice": "The direction is asc or desc, not “%(value)s”."},
    )

    def __init__(self, *args, releases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].choices = [(r.year, r.reference_period) for r in releases]

    def clean(self):
        data = super().clean()
        if not data.get("sort"):
            data["sort"] = "state"
        if not data.get("dir"):
            data["dir"] = self.STATE_SORTS.get(data["sort"], ASCENDING)
        return data
