"""Forms of the admin's data entry: an upload of documents, a label mapped to a person."""

from django import forms
from django.core.exceptions import ValidationError

from meetings.importers.cleaning import clean_text
from meetings.importers.names import normalize_name
from meetings.models import Country, Person, PersonAlias

ACCEPTED = ".txt,.html,.htm,.jsonl,.zip"


class RecordTextField(forms.CharField):
    """A text of a record as an editor corrects it in the admin: cleaned as imported text
    is (see importers/cleaning.py). A browser sends a textarea's line breaks as CRLF; they
    are line breaks as stored ("\n"), so a text left as it was is not a correction."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return self.to_python(initial or "") != self.to_python(data)


class RecordForm(forms.ModelForm):
    """The admin's forms of records: every text an editor gives is cleaned as imported
    text is, so that what no record needs never reaches a page, a feed or an export."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = clean_text(value)
        return data


# What the admin's record forms use for long texts (see RecordTextField).
RECORD_FIELD_OVERRIDES = {"form_class": RecordTextField}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f] or [
            super().clean(None, initial)
        ]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Documents",
        help_text=(
            "Text files (.txt), web pages as a browser saves them (.html, .htm), exports "
            "(.jsonl), or a .zip of them. Nothing is written before you confirm."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )
    default_date = forms.DateField(
        required=False,
        label="Date of undated records",
        help_text="YYYY-MM-DD. Records that print no date take it; without it they are kept "
        "as drafts that need a date.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source_name = forms.CharField(
        required=False,
        max_length=200,
        label="Source name",
        help_text="The publisher, for records that name none (“Ministry of Foreign Affairs”).",
    )


class MapLabelForm(forms.Form):
    """A label is an existing person (by the name or slug on their page) or a new one."""

    person = forms.CharField(
        required=False,
        max_length=200,
        label="Existing person",
        help_text="Their name as the archive prints it, or the last part of their page's URL.",
    )
    new_name = forms.CharField(
        required=False, max_length=200, label="Or a new person named", help_text="Full name."
    )
    new_country = forms.CharField(
        required=False,
        max_length=2,
        label="New person's country",
        help_text="Two-letter ISO code (e.g. FR); may stay empty.",
    )

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        if not text:
            return None
        found = Person.objects.filter(slug=text).first()
        if found:
            return found
        matches = list(Person.objects.filter(name__iexact=text)[:3])
        if not matches:
            alias = PersonAlias.objects.filter(normalized_name=normalize_name(text)).first()
            matches = [alias.person] if alias else []
        if not matches:
            raise ValidationError(f"No person is called “{text}”.")
        if len(matches) > 1:
            raise ValidationError(
                f"More than one person is called “{text}”: give the last part of the URL of "
                "their page (" + ", ".join(p.slug for p in matches) + ")."
            )
        return matches[0]

    def clean_new_name(self):
        name = " ".join(self.cleaned_data["new_name"].split())
        if name and PersonAlias.objects.filter(normalized_name=normalize_name(name)).exists():
            raise ValidationError(
                f"The archive has a person called “{name}” already: give them as the existing "
                "person."
            )
        return name

    def clean_new_country(self):
        code = self.cleaned_data["new_country"].strip().upper()
        if not code:
            return None
        country = Country.objects.filter(iso_code=code).first()
        if country is None:
            raise ValidationError(f"{code} is not a country code the archive knows.")
        return country

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if bool(data.get("person")) == bool(data.get("new_name")):
            raise ValidationError("Give either an existing person or a new person's name.")
        return data
