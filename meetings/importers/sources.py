"""Find and decode the documents to import. Nothing here touches the database.

    import_meetings corpus/ extra/one.txt -        (directories, files, standard input)

Text files (*.txt) and saved web pages (*.html, *.htm; *.mhtml, a page saved as one file) are
meeting records; *.jsonl files are archives written by export_meetings, one meeting per line.
"""

import json
import os
import re
from pathlib import Path

from charset_normalizer import from_bytes

from meetings.importers.transcript import TranscriptError


def expand_paths(paths):
    """The files to read, in order: directories searched recursively for *.txt, *.html,
    *.htm, *.mhtml, *.mht and *.jsonl.

    Raises FileNotFoundError naming the first path that does not exist.
    """
    files = []
    for path in paths:
        if str(path) == "-":
            files.append("-")
            continue
        path = Path(path)
        if path.is_dir():
            # Names as strings, never a Path each: 40,000 Paths and their sort keys held
            # 22 MB more at the start of a large import. Sorted by their parts, as Paths sort.
            found = [
                name
                for folder, _, names in os.walk(path)
                for name in (os.path.join(folder, n) for n in names)
                if name.lower().endswith(READABLE) and os.path.isfile(name)
            ]
            files.extend(sorted(found, key=lambda name: name.replace(os.sep, "\0")))
        elif path.is_file():
            files.append(str(path))
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return files


READABLE = (".txt", ".jsonl", ".html", ".htm", ".mhtml", ".mht")


def decode(data):
    """(text, notice): UTF-8 when it is, else the detected encoding with a notice saying so."""
    if not data.strip():
        raise TranscriptError("empty document")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TranscriptError("binary data, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if _english_in_windows_1252(data):
        return data.decode("cp1252"), "decoded as cp1252 (not UTF-8)"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise TranscriptError("unreadable encoding: not UTF-8, and no other encoding fits")
    text = str(best)
    if sum(1 for c in text if not c.isprintable() and c not in "\n\r\t") > len(text) * 0.01:
        raise TranscriptError("binary data, not text")
    return text, f"decoded as {best.encoding} (not UTF-8)"


def _english_in_windows_1252(data):
    """Whether bytes that are not UTF-8 are English as Windows saves it (Windows-1252): not
    many bytes past ASCII (a quarter at most: quotes, dashes, no-break spaces, accented
    letters), none that Windows-1252 leaves undefined, and the words of English
    ("the", "and", "of") throughout. A detector reading the bytes alone takes most such
    texts for Central European ones (Windows-1250), and "Peña" for "Peńa"; a Russian text
    in Windows-1251 is mostly bytes past ASCII."""
    high = len(_HIGH_BYTE.findall(data))
    if high > 0.25 * len(data) or _UNDEFINED_IN_1252.search(data):
        return False
    words = len(data.split())
    return words >= 20 and len(_ENGLISH_WORD.findall(data)) >= 0.04 * words


_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_UNDEFINED_IN_1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_ENGLISH_WORD = re.compile(rb"(?i)(?<![a-z])(?:the|and|of|to|in|with)(?![a-z])")


def iter_jsonl(text):
    """Yield (line number, dict) for each meeting of an export file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TranscriptError(f"not valid JSON ({exc.msg})", line=number) from exc
        if not isinstance(record, dict):
            raise TranscriptError("expected a JSON object per line", line=number)
        yield number, record
