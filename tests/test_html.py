"""Saved web pages: real kremlin.ru pages (tests/fixtures/html, CC BY 4.0) and pages written
for the other sites, in the shape of their markup; and hostile ones."""

import datetime
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from meetings.importers.html import MAX_BYTES, read_html
from meetings.importers.transcript import TranscriptError, parse_html, parse_transcript
from meetings.models import Meeting
from tests.factories import temp_folder
from tests.test_import_command import run

PAGES = Path(__file__).parent / "fixtures" / "html"


def page(name):
    return (PAGES / name).read_bytes()


class KremlinPageTests(SimpleTestCase):
    def test_the_markup_gives_the_url_date_place_and_tags(self):
        html = read_html(page("kremlin-54102.html"))
        self.assertEqual(html.site, "kremlin.ru")
        self.assertEqual(html.source_url, "http://en.kremlin.ru/events/president/news/54102")
        self.assertEqual(html.date, datetime.date(2017, 3, 24))
        self.assertEqual(html.language, "en")
        self.assertEqual(html.countries, ("FR",))
        self.assertTrue(html.text.startswith("Meeting with Marine Le Pen\n\n"))
        self.assertIn("\n\nMarch 24, 2017, 14:00, The Kremlin, Moscow\n\n", html.text)
        # The photo slider, the tooltips and the tags at the foot are no text.
        self.assertNotIn("Le Pen Marine", html.text)
        self.assertNotIn("Publication status", html.text)

    def test_a_page_is_parsed_with_its_labels_and_the_markup_s_facts(self):
        parsed = parse_html(page("kremlin-54102.html"), source_file="kremlin-54102.html")
        self.assertEqual(parsed.title, "Meeting with Marine Le Pen")
        self.assertEqual(parsed.source_url, "http://en.kremlin.ru/events/president/news/54102")
        self.assertEqual(parsed.source_name, "kremlin.ru")
        self.assertEqual(parsed.date, datetime.date(2017, 3, 24))
        self.assertEqual(
            [(s.speaker_label, s.speaker) for s in parsed.statements],
            [
                ("President of Russia Vladimir Putin", "Vladimir Putin"),
                ("Marine Le Pen (retranslated)", "Marine Le Pen"),
                ("Vladimir Putin", "Vladimir Putin"),
                ("Marine Le Pen (retranslated)", "Marine Le Pen"),
                ("Vladimir Putin", "Vladimir Putin"),
            ],
        )
        self.assertTrue(parsed.statements[1].interpreted)
        self.assertTrue(parsed.statements[1].text.startswith("Thank you, Mr President."))
        self.assertIn("FR", parsed.countries)

    def test_a_page_saved_as_one_file_is_read_as_the_page(self):
        # The same page as Chromium saves it as "Webpage, Single File" (MHTML: the page in
        # quoted-printable inside a MIME message, the address it was saved from in its
        # header).
        saved = page("kremlin-54102.mhtml")
        self.assertTrue(saved.startswith(b"From: <Saved by Blink>"))
        parsed = parse_html(saved, source_file="kremlin-54102.mhtml")
        as_html = parse_html(page("kremlin-54102.html"), source_file="kremlin-54102.html")
        self.assertEqual(parsed.title, "Meeting with Marine Le Pen")
        self.assertEqual(parsed.source_url, "http://en.kremlin.ru/events/president/news/54102")
        self.assertEqual(parsed.date, datetime.date(2017, 3, 24))
        self.assertEqual(
            [(s.speaker_label, s.text) for s in parsed.statements],
            [(s.speaker_label, s.text) for s in as_html.statements],
        )
        # A MIME message without a page in it says so.
        with self.assertRaisesMessage(TranscriptError, "no web page in it"):
            parse_html(
                b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"
                b"Content-Type: image/png\n\nPNG\n--x--\n"
            )

    def test_the_pages_country_tags_take_part(self):
        # "As part of his visit to Hungary, Vladimir Putin met with President of Mongolia"
        # in Budapest; the page is tagged Hungary (its geography): the publisher's word
        # makes Hungary a party, though the text alone would only have it discussed.
        parsed = parse_html(page("kremlin-55446.html"))
        self.assertEqual(parsed.title, "Meeting with President of Mongolia Khaltmaagiin Battulga")
        self.assertEqual(parsed.date, datetime.date(2017, 8, 28))
        self.assertEqual(parsed.place, "Budapest")
        self.assertEqual(sorted(parsed.countries), ["HU", "MN", "RU"])
        self.assertNotIn("HU", parsed.mentioned_countries)
        # The same text without its markup: Hungary is only where it happened.
        as_text = parse_transcript(read_html(page("kremlin-55446.html")).text)
        self.assertEqual(sorted(as_text.countries), ["MN", "RU"])
        self.assertIn("HU", as_text.mentioned_countries)

    def test_white_space_in_the_source_is_a_space(self):
        # "<b>Defence Minister\n</b><a ...><b>Sergei Shoigu</b>...</a>:\nComrade Supreme
        # Commander-in-Chief,</p>": one label, and its text starts the statement.
        parsed = parse_html(page("kremlin-51300.html"))
        shoigu = parsed.statements[1]
        self.assertEqual(shoigu.speaker_label, "Defence Minister Sergei Shoigu")
        self.assertTrue(shoigu.text.startswith("Comrade Supreme Commander-in-Chief,\n\nPursuant"))
        self.assertEqual(
            read_html(page("kremlin-51300.html")).persons, ("Gerasimov Valery", "Shoigu Sergei")
        )

    def test_a_message_page(self):
        parsed = parse_html(page("kremlin-17205.html"))
        self.assertEqual(parsed.kind, "message")
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants if p.addressee],
            [("Nursultan Nazarbayev", "KZ")],
        )
        self.assertEqual(parsed.date, datetime.date(2012, 12, 26))


GOVERNMENT_RU = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev</title>
<link rel="canonical" href="http://government.ru/en/news/44612/"></head>
<body><header><nav><a href="/en/">Home</a> <a href="/en/news/">News</a></nav></header>
<div class="reader_article">
<div class="reader_article_dateline"><time datetime="2022-02-22T15:00">22 February 2022</time></div>
<h3 class="reader_article_headline">Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev</h3>
<div class="reader_article_lead"><p>The talks were held in the Government House.</p></div>
<div class="reader_article_body">
<p><strong>Mikhail Mishustin:</strong> Mr Aliyev, I am delighted to welcome you here.</p>
<p>Our countries are close partners.</p>
<p><strong>Ilham Aliyev:</strong> Thank you very much, Mr Mishustin.</p>
</div></div>
<footer><p>All content of this site is licensed under Creative Commons Attribution 4.0.</p></footer>
</body></html>"""

STATE_GOV = """<!DOCTYPE html><html lang="en-US"><head>
<meta property="og:title" content="Secretary Antony J. Blinken and Egyptian Foreign Minister Sameh Shoukry">
<meta property="og:url" content="https://www.state.gov/secretary-antony-j-blinken-and-egyptian-foreign-minister-sameh-shoukry/">
<script>window.dataLayer = [];</script></head><body>
<div class="usa-banner">An official website of the United States Government</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/secretary">Secretary</a></li></ul></nav>
<main id="main-content"><article>
<h1 class="featured-content__headline">Secretary Antony J. Blinken and Egyptian Foreign Minister Sameh Shoukry at a Joint Press Availability</h1>
<p class="article-meta__publish-date"><time datetime="2023-01-30">January 30, 2023</time></p>
<p>CAIRO, EGYPT</p>
<p><strong>FOREIGN MINISTER SHOUKRY:</strong> (Via interpreter) I welcome Secretary Blinken.</p>
<p><strong>SECRETARY BLINKEN:</strong> Thank you, Sameh. It is good to be back in Cairo.</p>
<p><strong>MR PRICE:</strong> We will take a few questions.</p>
<p><strong>QUESTION:</strong> Thank you, Mr. Secretary.</p>
</article></main>
<footer><p>U.S. Department of State</p></footer></body></html>"""

WHITE_HOUSE = """<!DOCTYPE html><html lang="en"><head>
<link rel="canonical" href="https://www.whitehouse.gov/briefing-room/speeches-remarks/2023/07/10/remarks-by-president-biden-and-prime-minister-rishi-sunak/">
</head><body><header><a href="/">The White House</a></header>
<main><section class="body-content">
<h1 class="page-title">Remarks by President Biden and Prime Minister Rishi Sunak of the United Kingdom Before Bilateral Meeting</h1>
<time class="posted-on" datetime="2023-07-10T08:13:00-04:00">July 10, 2023</time>
<p>10 Downing Street<br>London, United Kingdom</p>
<p>PRIME MINISTER SUNAK: Well, Joe, welcome. It is great to have you here.</p>
<p>THE PRESIDENT: Well, thank you very much. Our relationship is rock solid.</p>
</section></main><footer>Subscribe to The White House newsletter</footer></body></html>"""

UNKNOWN_SITE = """<html><head><title>Readout: Minister Lee meets Minister Park</title></head>
<body><div id="top"><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/contact">Contact</a></div>
<div class="col-left"><ul><li><a href="/a">Latest news</a></li><li><a href="/b">Archive</a></li><li><a href="/c">Photos</a></li></ul></div>
<div class="col-main">
<h1>Readout: Minister Lee meets Minister Park</h1>
<p>Seoul, 3 March 2021. Foreign Minister Lee Soo-min met with Defence Minister Park Jin-ho on Wednesday to discuss the preparations for the regional security conference that both ministries will host later this year.</p>
<p>The two ministers agreed that the ministries would set up a joint working group, which will meet every month until the conference, and that the working group will report to both of them on its progress before the summer.</p>
</div>
<div class="footer">Copyright 2021 Ministry of Foreign Affairs. All rights reserved. | Privacy | Terms of use</div>
</body></html>"""


class OtherSitesTests(SimpleTestCase):
    def test_government_ru(self):
        html = read_html(GOVERNMENT_RU)
        self.assertEqual((html.site, html.date), ("government.ru", datetime.date(2022, 2, 22)))
        parsed = parse_html(GOVERNMENT_RU)
        self.assertEqual(
            parsed.title, "Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev"
        )
        self.assertEqual(parsed.source_url, "http://government.ru/en/news/44612/")
        self.assertEqual(
            [(s.speaker, s.text) for s in parsed.statements],
            [
                (
                    "Mikhail Mishustin",
                    "Mr Aliyev, I am delighted to welcome you here.\n\nOur countries are close partners.",
                ),
                ("Ilham Aliyev", "Thank you very much, Mr Mishustin."),
            ],
        )
        self.assertNotIn("Home", parsed.summary)  # the navigation is no text
        self.assertIn("RU", parsed.countries)  # the publisher's own record

    def test_state_department(self):
        parsed = parse_html(STATE_GOV)
        self.assertEqual(parsed.date, datetime.date(2023, 1, 30))
        self.assertEqual(parsed.source_name, "state.gov")
        self.assertEqual((parsed.place, parsed.host_country), ("CAIRO, EGYPT", "EG"))
        self.assertEqual(
            [(s.speaker_label, s.speaker, s.interpreted) for s in parsed.statements],
            [
                ("FOREIGN MINISTER SHOUKRY", "Sameh Shoukry", True),
                ("SECRETARY BLINKEN", "Antony J. Blinken", False),
                ("MR PRICE", "Price", False),
                ("QUESTION", None, False),
            ],
        )
        blinken = next(p for p in parsed.participants if p.name == "Antony J. Blinken")
        self.assertEqual(
            blinken.country, "US"
        )  # the Secretary of the publisher's own State Department
        self.assertNotIn("window.dataLayer", parsed.original_text)

    def test_white_house(self):
        parsed = parse_html(WHITE_HOUSE)
        self.assertEqual(parsed.date, datetime.date(2023, 7, 10))
        self.assertEqual(parsed.source_name, "whitehouse.gov")
        self.assertEqual(
            [(s.speaker_label, s.speaker) for s in parsed.statements],
            [("PRIME MINISTER SUNAK", "Rishi Sunak"), ("THE PRESIDENT", "Biden")],
        )
        self.assertEqual(sorted(parsed.countries), ["GB", "US"])
        self.assertNotIn("Subscribe", parsed.original_text)

    def test_a_site_without_article_markup_keeps_its_running_text(self):
        html = read_html(UNKNOWN_SITE)
        self.assertTrue(html.text.startswith("Readout: Minister Lee meets Minister Park\n\n"))
        self.assertIn("joint working group", html.text)
        for chrome in ("About us", "Latest news", "All rights reserved", "Privacy"):
            self.assertNotIn(chrome, html.text)


class HostilePageTests(SimpleTestCase):
    def test_scripts_handlers_and_javascript_urls_are_no_text(self):
        html = read_html(
            "<html><body><article><h1>Talks with Someone</h1>"
            '<p onclick="alert(1)">May 10, 2024</p><script>alert("x")</script>'
            "<style>p{color:red}</style>"
            '<p><b>Anna Berg:</b> Hello <a href="javascript:alert(2)">friends</a>.'
            "<img src=x onerror=alert(3)></p><!-- <p>hidden</p> --></article></body></html>"
        )
        self.assertEqual(
            html.text, "Talks with Someone\n\nMay 10, 2024\n\nAnna Berg: Hello friends.\n"
        )

    def test_a_huge_page_is_refused_unread(self):
        with self.assertRaisesMessage(
            TranscriptError, "web page too large (10.0 MB; the limit is 10 MB)"
        ):
            read_html(b"<html>" + b" " * MAX_BYTES)

    def test_a_page_without_text_is_refused(self):
        with self.assertRaisesMessage(TranscriptError, "a web page with no text to read"):
            read_html("<html><head><title></title></head><body><script>x()</script></body></html>")

    def test_broken_markup_is_read(self):
        html = read_html(
            "<html><body><article><h1>Talks</h1><p><b>Anna Berg:</b> Hi<p>Next</article>"
        )
        self.assertIn("Anna Berg: Hi", html.text)


class HtmlImportTests(TestCase):
    def test_import_reads_saved_pages_beside_text_files(self):
        folder = temp_folder(self)
        (folder / "kremlin-54102.html").write_bytes(page("kremlin-54102.html"))
        (folder / "old.htm").write_bytes(b"<p>Talks with Anna Berg</p><p>Anna Berg: Hello.</p>")
        # The same page saved as one file: the same record, merged with it.
        (folder / "kremlin-54102.mhtml").write_bytes(page("kremlin-54102.mhtml"))
        # A page in windows-1251 without a charset: decoded, not garbled.
        (folder / "ru.html").write_bytes(
            "<html lang='ru'><body><article><h1>Встреча с Президентом Казахстана</h1>"
            "<time datetime='2019-04-03'>3 апреля 2019 года</time>"
            "<p><b>В.Путин:</b> Рад вас видеть.</p></article></body></html>".encode("cp1251")
        )
        out, err = run(folder, "--date", "2020-01-01")
        # The page saved as one file is the record already read from the page: unchanged.
        self.assertIn("3 created, 0 updated, 0 merged into existing meetings, 1 unchanged", out)
        meeting = Meeting.objects.get(source_url="http://en.kremlin.ru/events/president/news/54102")
        self.assertEqual(meeting.source_file, "kremlin-54102.html")
        self.assertEqual(meeting.statements.count(), 5)
        russian = Meeting.objects.get(source_file="ru.html")
        self.assertEqual(russian.title, "Встреча с Президентом Казахстана")
        self.assertEqual(russian.statements.get().text, "Рад вас видеть.")
        out, _ = run(folder, "--date", "2020-01-01")
        self.assertIn("0 created, 0 updated, 0 merged into existing meetings, 4 unchanged", out)
