"""Writing what a record holds, whatever it holds, into formats that break on some of it.

Imports clean text at the door (importers/cleaning.py), but a record may have come in before
that, or from elsewhere: each writer passes its values through these.

    xml_text("Talks\x01")           -> "Talks"           (XML 1.0 cannot hold U+0001)
    spreadsheet_cell("=HYPERLINK(")  -> "'=HYPERLINK("    (a spreadsheet would run it)
    bibtex_url("https://x/}{")      -> "https://x/%7D%7B" (a brace would close the field)
"""

import re

from meetings.importers.cleaning import clean_text, safe_url

# A cell a spreadsheet program reads as a formula (or as the start of one, after a tab or a
# line break), OWASP's list.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def xml_text(value):
    """Text that XML 1.0 (Atom, Akoma Ntoso, sitemaps) can hold."""
    return clean_text(value) if isinstance(value, str) else value


def spreadsheet_cell(value):
    """A CSV cell that opens as the text it is: one that a spreadsheet would take for a
    formula starts with an apostrophe, which spreadsheets show as text and hide."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def bibtex_url(url):
    """A URL for a BibTeX field: what would end the field or escape from it (braces, a
    backslash, a quote, white space) percent-encoded, as a URL carries them."""
    return re.sub(r'[{}\\"\s]', lambda m: f"%{ord(m.group()):02X}", clean_text(url or ""))


def source_url(meeting):
    """The meeting's source URL when it is one a reader may follow (http or https), else
    "": a record from an export may hold any scheme ("javascript:...")."""
    return safe_url(meeting.source_url)
