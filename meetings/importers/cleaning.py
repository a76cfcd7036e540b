"""Text as it may enter the archive: what no record needs is taken out at the door.

A document may carry bytes no record needs and that break what is written from it: a
control character (U+0001 makes an Atom feed or an XML file unserialisable), the markers
our search snippets use (U+0002, U+0003), a private-use glyph of a web font, a
non-character, half of a surrogate pair (which no UTF-8 encoder takes). Every importer
(text, saved pages, exports, uploads) passes what it read through `clean_text`, and keeps a
source URL only when it is an http(s) one (`safe_url`):

    clean_text("Talks\x01 with\r\nthe Prime Minister\ue000")  ->  "Talks with\nthe Prime Minister"
    safe_url("javascript:alert(1)")                           ->  ""
"""

import re
from dataclasses import fields, is_dataclass, replace

# C0 controls but tab and newline, DEL, C1 controls, surrogates, the private-use areas and
# the non-characters (U+FDD0..U+FDEF and the last two code points of every plane). Those
# beyond U+FFFF are looked for apart, in a text that has such characters: a class with
# them made every search eight times slower.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]"
)
NOT_TEXT_ASTRAL = re.compile(
    "[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000f0000-\U0010ffff]"
)
# Line and page breaks that are not "\n": kept as line breaks.
BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def clean_text(text):
    """The text with its line breaks as "\\n" and without what no record needs."""
    if not text:
        return text or ""
    astral = not text.isascii() and max(text) > "\uffff"
    breaks = "\r" in text or "\u2028" in text or "\u2029" in text
    if not breaks and NOT_TEXT.search(text) is None:
        if not astral or NOT_TEXT_ASTRAL.search(text) is None:
            return text
    text = NOT_TEXT.sub("", BREAKS.sub("\n", text))
    return NOT_TEXT_ASTRAL.sub("", text) if astral else text


SAFE_SCHEMES = ("http://", "https://")


def safe_url(url):
    """The URL when it is an http(s) one without white space or controls in it, else ""."""
    url = (url or "").strip()
    if not url.lower().startswith(SAFE_SCHEMES) or re.search(r"[\s\x00-\x1f\x7f]", url):
        return ""
    return url


def cleaned(record):
    """A frozen dataclass (a parsed meeting, its participants and statements) with every
    string in it cleaned, and its source URL kept only if safe; the same object when
    nothing needed it."""
    changes = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "source_url":
            new = safe_url(clean_text(value))
        elif isinstance(value, str):
            new = clean_text(value)
        elif isinstance(value, tuple):
            new = tuple(_cleaned_item(item) for item in value)
            if all(a is b for a, b in zip(new, value, strict=True)):
                continue
        else:
            continue
        if new != value:
            changes[f.name] = new
    return replace(record, **changes) if changes else record


def _cleaned_item(item):
    if isinstance(item, str):
        return clean_text(item)
    if is_dataclass(item):
        return cleaned(item)
    return item
