"""Web pages as a browser saves them: the record's text, and what the markup says of it.
Nothing here touches the database.

A kremlin.ru page, for one:

    <meta property="og:url" content="http://en.kremlin.ru/events/president/news/17093"/>
    <h1 class="entry-title p-name">Meeting on preparations for 2014 Winter Olympics ...</h1>
    <div class="read__lead"><p>Vladimir Putin held a meeting on ...</p></div>
    <time class="read__published" datetime="2012-12-08">December 8, 2012</time>
    <div class="read__time">17:00</div> <div class="read__place">Sochi</div>
    <div itemprop="articleBody"> <p><b>President of Russia Vladimir Putin:</b> Good
    afternoon, ...</p> ... <a href=".../catalog/countries/KZ/events" rel="tag">Kazakhstan</a>

`read_html` gives the text the text parser reads (title, lead, date line, then paragraphs
separated by blank lines, each label at the start of its paragraph as printed), and the
facts the markup gives for sure: the canonical URL, the language, the date and the page's
country and person tags. kremlin.ru and government.ru pages are read by their
own markup; any other page by its semantic markup (h1, time, article or main), or, where
it has none, by jusText, which tells a page's running text from its navigation and
boilerplate paragraph by paragraph. Nothing of the markup reaches the archive but text:
scripts, styles, comments, forms and event handlers are dropped with their elements.
"""

import datetime
import email
import email.policy
import re
from dataclasses import dataclass

import justext
from lxml import etree
from lxml import html as lxml_html

from meetings.importers.parsed import TranscriptError

MAX_BYTES = 10 * 1024 * 1024  # a saved page larger than this is refused, unread

# What never holds the record's text.
DROPPED = (
    "script style noscript template iframe object embed svg canvas form button select "
    "input textarea nav header footer aside figure figcaption"
).split()
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr"}


@dataclass(frozen=True)
class HtmlPage:
    """A saved web page: the record's text, and what its markup says for sure."""

    text: str
    site: str = ""  # "kremlin.ru", "government.ru", ... or the canonical URL's host
    source_url: str = ""
    language: str = ""
    date: datetime.date | None = None
    countries: tuple = ()  # ISO codes of the page's country tags
    persons: tuple = ()  # the page's person tags, as printed (not yet used by the parser)
    clean: bool = False  # read by its site's own markup: no furniture left in the text


def looks_like_html(name, data):
    """Whether a file is a web page: by its name, or by how it opens (a page saved as one
    file, MHTML, opens with its MIME headers)."""
    if name.lower().endswith((".html", ".htm", ".xhtml", ".mhtml", ".mht")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or _is_mhtml(data)


def _is_mhtml(data):
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "replace")
    return head.lstrip().startswith((b"From:", b"MIME-Version:", b"Content-Type:")) and (
        b"multipart/related" in head.lower()
    )


def _html_of_mhtml(data):
    """(the page's HTML, the address it was saved from) of a page a browser saved as one
    file ("Webpage, Single File": MHTML, a MIME message of the page and what it shows)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    address = message.get("Snapshot-Content-Location", "") or ""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and charset.lower() not in ("utf-8", "utf8"):
                html = html.decode(charset, "replace").encode("utf-8")
            return html, address.strip()
    raise TranscriptError("a page saved as one file (MHTML) with no web page in it")


def read_html(data):
    """The HtmlPage of a saved web page (bytes or text). Raises TranscriptError for what
    cannot be read as one: a page too large, or one with no text."""
    if len(data) > MAX_BYTES:
        raise TranscriptError(
            f"web page too large ({len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB)"
        )
    saved_from = ""
    if _is_mhtml(data):
        data, saved_from = _html_of_mhtml(data)
    try:
        if isinstance(data, str):  # decoded already: the page's own charset no longer holds
            data = data.encode("utf-8")
        root = lxml_html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise TranscriptError(f"not a readable web page ({exc})") from exc
    canonical = _canonical_url(root) or (saved_from if re.match(r"https?://", saved_from) else "")
    site = _site(root, canonical)
    # The site's own markup first, then semantic markup, then jusText.
    page, clean = None, False
    for reader in (SITE_READERS.get(site), _semantic):
        page = reader(root) if reader else None
        if page is not None and page["text"].strip():
            clean = reader is not _semantic
            break
    else:
        page = _any_page(root, data)
    if not page["text"].strip():
        raise TranscriptError("a web page with no text to read")
    return HtmlPage(
        text=page["text"],
        site=site,
        source_url=canonical,
        language=(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "")
        .split("-")[0]
        .lower(),
        date=page.get("date") or _meta_date(root),
        persons=tuple(page.get("persons", ())),
        countries=tuple(page.get("countries", ())),
        clean=clean,
    )


def _parser():
    # No network, no entities expanded from a DTD, comments kept out of the tree; the text
    # is UTF-8, whatever the page declares (see sources.decode).
    return lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )


# -- what a page says of itself -----------------------------------------------------------


def _meta(root, *names):
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            found = root.xpath(f'//meta[@{attribute}="{name}"]/@content')
            if found and found[0].strip():
                return found[0].strip()
    return ""


def _canonical_url(root):
    # A browser that saves a page may make its canonical link relative: "17093.html".
    for url in [*root.xpath('//link[@rel="canonical"]/@href'), _meta(root, "og:url")]:
        if re.match(r"https?://", url.strip()):
            return url.strip()
    return ""


SITES = {
    "kremlin.ru": "kremlin.ru",
    "government.ru": "government.ru",
    "state.gov": "state.gov",
    "whitehouse.gov": "whitehouse.gov",
}


def _site(root, url):
    host = re.sub(r"^https?://", "", url).split("/")[0].lower().removeprefix("www.")
    for domain, site in SITES.items():
        if host == domain or host.endswith("." + domain):
            return site
    name = _meta(root, "og:site_name", "application-name").lower()
    if name in ("president of russia", "президент россии"):
        return "kremlin.ru"
    if name in ("government of russia", "правительство россии"):
        return "government.ru"
    return host


def _meta_date(root):
    for value in [
        *root.xpath("//article//time/@datetime"),
        *root.xpath("//main//time/@datetime"),
        _meta(root, "article:published_time", "datePublished", "date", "dc.date"),
        *root.xpath("//time/@datetime"),
    ]:
        date = _iso_date(value)
        if date:
            return date
    return None


def _iso_date(value):
    m = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value or "")
    if not m:
        return None
    try:
        return datetime.date(*map(int, m.groups()))
    except ValueError:
        return None


# -- text of elements -----------------------------------------------------------------------


def _text(element):
    """An element's text as a reader sees it: tooltips and hidden parts out, <br> as a line
    break, white space collapsed ("" for no element)."""
    if element is None:
        return ""
    parts = []

    def walk(node):
        if not isinstance(node.tag, str):
            return
        tag = node.tag.lower()
        classes = node.get("class") or ""
        if tag in DROPPED or "tooltip" in classes or node.get("hidden") is not None:
            return
        if tag == "br":
            parts.append(BREAK)
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    # White space in the source is a space, as a browser renders it; a <br> breaks the line.
    text = "".join(parts).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split(BREAK)).strip()


BREAK = "\x1e"  # where a <br> stood, while the source's white space is collapsed


def _paragraphs(container):
    """The text of each block (paragraph, heading, list item) in a container, in order; a
    block inside another is read with it, and what is never the record's text (DROPPED,
    kremlin.ru's "masha-ignore" parts: sliders, tags) is not entered. None for no
    container."""
    if container is None:
        return []
    out, stack = [], list(reversed(container))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in DROPPED or "masha-ignore" in (element.get("class") or ""):
            continue
        if tag in BLOCKS:
            text = _text(element)
            if text:
                out.append(text)
            continue
        stack.extend(reversed(element))
    return out


def _first(root, xpath):
    found = root.xpath(xpath)
    return found[0] if found else None


def _join(title, lead, dateline, paragraphs):
    parts = [p for p in (title, *lead, dateline, *paragraphs) if p]
    return "\n\n".join(parts) + "\n"


# -- kremlin.ru -----------------------------------------------------------------------------


def _kremlin(root):
    page = _first(root, "//article")
    article = None if page is None else _first(page, './/*[@itemprop="articleBody"]')
    if article is None:
        return None
    title = _first(page, './/h1[contains(@class, "entry-title")]')
    lead = _first(page, './/*[contains(@class, "read__lead")]')
    published = _first(page, './/time[contains(@class, "read__published")]')
    time = _first(page, './/*[contains(@class, "read__time")]')
    place = _first(page, './/*[contains(@class, "read__place")]')
    date = _iso_date(published.get("datetime")) if published is not None else None
    dateline = ", ".join(x for x in (_text(published), _text(time), _text(place)) if x)
    return {
        "text": _join(_text(title), _paragraphs(lead), dateline, _paragraphs(article)),
        "date": date,
        "countries": [
            m.group(1)
            for href in page.xpath('.//a[@rel="tag"][contains(@href, "/catalog/countries/")]/@href')
            if (m := re.search(r"/catalog/countries/([A-Z]{2})/", href))
        ],
        "persons": [
            _text(a) for a in page.xpath('.//a[@rel="tag"][contains(@href, "/catalog/persons/")]')
        ],
    }


# -- government.ru --------------------------------------------------------------------------


def _government(root):
    body = _first(root, '//*[contains(@class, "reader_article_body")]')
    if body is None:
        return None
    title = _first(root, '//*[contains(@class, "reader_article_headline")]')
    lead = _first(root, '//*[contains(@class, "reader_article_lead")]')
    dateline = _first(root, '//*[contains(@class, "reader_article_dateline")]')
    when = _first(root, '//*[contains(@class, "reader_article_dateline")]//time/@datetime')
    return {
        "text": _join(_text(title), _paragraphs(lead), _text(dateline), _paragraphs(body)),
        "date": _iso_date(when),
    }


SITE_READERS = {"kremlin.ru": _kremlin, "government.ru": _government}


# -- any other page with semantic markup (state.gov, whitehouse.gov, most news sites) ----


def _semantic(root):
    container = _first(
        root,
        '//*[@itemprop="articleBody"] | //article | //main | //*[@role="main"]',
    )
    if container is None:
        return None
    title = _first(container, ".//h1")
    if title is None:
        title = _first(root, "//h1")
    heading = _text(title) or _meta(root, "og:title")
    paragraphs = _paragraphs(container)
    if paragraphs and heading and paragraphs[0] == heading:
        paragraphs = paragraphs[1:]
    times = container.xpath(".//time")
    dateline = _text(times[0]) if times else ""
    if dateline and any(dateline in p for p in paragraphs[:3]):
        dateline = ""
    return {"text": _join(heading, [], dateline, paragraphs), "date": _meta_date(root)}


def _any_page(root, data):
    """A page without the markup of a known site or an article: jusText keeps the
    paragraphs of running text and drops navigation, links lists and boilerplate."""
    stoplist = justext.get_stoplist(_stoplist_language(root))
    try:
        blocks = justext.justext(data, stoplist, encoding=None)
    except Exception as exc:  # jusText raises its own errors on unreadable pages
        raise TranscriptError(f"not a readable web page ({exc})") from exc
    heading = _first(root, "//h1")
    title = _meta(root, "og:title") or _text(heading)
    paragraphs = [b.text.strip() for b in blocks if not b.is_boilerplate and b.text.strip()]
    body = _first(root, "//body")
    if not paragraphs and body is not None:
        # Too short for jusText to tell running text from boilerplate: every paragraph.
        paragraphs = _paragraphs(body)
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return {"text": _join(title, [], "", paragraphs) if paragraphs else "", "date": None}


def _stoplist_language(root):
    lang = (root.get("lang") or "").split("-")[0].lower()
    return {"ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}.get(lang, "English")
