from django import forms


class CredentialCompareForm(forms.Form):
    """Two credentials to put side by side."""

    cert = forms.MultipleChoiceField(
        label="Credentials to compare",
        error_messages={
            "required": "Choose two credentials to compare.",
            "invalid_choice": "“%(value)s” is not a credential we know: choose from the list.",
        },
    )

    def __init__(self, data=None, *args, catalog, **kwargs):
        if data is not None:  # an unchosen select sends cert="": not a choice
            data = data.copy()
            data.setlist("cert", [slug for slug in data.getlist("cert") if slug])
        super().__init__(data, *args, **kwargs)
        self.fields["cert"].choices = [(c.slug, c.acronym) for c in catalog.certifications]

    def clean_cert(self):
        slugs = list(dict.fromkeys(self.cleaned_data["cert"]))
        if len(slugs) != 2:
            raise forms.ValidationError("Choose two different credentials to compare.")
        return slugs
