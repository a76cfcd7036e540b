"""Forms of the admin's data entry: an upload of documents, a label mapped to a person."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from meetings.importers.cleaning import clean_text
from meetings.importers.names import normalize_name
from meetings.importers.sources import READABLE
from meetings.models import Country, Person, PersonAlias

# What the upload offers to choose: the documents the importer reads, and zip files of them.
ACCEPTED = ",".join((*READABLE, ".zip"))


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


class RecordDateField(forms.DateField):
    """A date as an editor gives it: YYYY-MM-DD, or written out ("10 July 2023", "July 10,
    2023"). Digits alone with the day and the month either way round ("10/07/2023": 10 July
    or 7 October?) are refused, never guessed; "25/07/2023" can only be one date."""

    FORMATS = ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y"]
    DIGITS = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", self.FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        match = self.DIGITS.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            return super().to_python(value)
        first, second, year = (int(n) for n in match.groups())
        if first <= 12 and second <= 12 and first != second:
            one, other = (self._date(year, second, first), self._date(year, first, second))
            raise ValidationError(
                f"“{value.strip()}” could be {one:%-d %B %Y} or {other:%-d %B %Y}: write the "
                "date as YYYY-MM-DD.",
                code="ambiguous",
            )
        day, month = (second, first) if second > 12 else (first, second)
        return self._date(year, month, day)

    def _date(self, year, month, day):
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class RecordForm(forms.ModelForm):
    """The admin's forms of records: every text an editor gives is cleaned as imported
    text is, so that what no record needs never reaches a page, a feed or an export."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = clean_text(value)
        return data


# What the admin's record forms use for long texts and dates.
TEXT_FIELD = {"form_class": RecordTextField}
DATE_FIELD = {"form_class": RecordDateField}


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
            "Text files (.txt), web pages as a browser saves them (.html, .htm, .mhtml), exports "
            "(.jsonl), or a .zip of them. Nothing is written before you confirm."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )
    default_date = RecordDateField(
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
