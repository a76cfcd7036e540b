"""Golden-file tests of the parser on real documents (tests/fixtures/transcripts).

Each <case>.expected.json was written by reading <case>.txt, not from the parser's output.
Keys that an expected file leaves out are not checked.
"""

import datetime
import json
from pathlib import Path

from django.test import SimpleTestCase

from meetings.identity import holder_country, office_holder
from meetings.importers.countries import city_country, find_countries
from meetings.importers.labels import label_kind, match_label
from meetings.importers.names import split_label
from meetings.importers.participants import title_people
from meetings.importers.transcript import TranscriptError, parse_transcript

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def cases():
    for expected in sorted(FIXTURES.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        yield (
            name,
            (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"),
            json.loads(expected.read_text(encoding="utf-8")),
        )


def assert_title_people(test, cases):
    """Each title names these (name, role) pairs."""
    for title, people in cases:
        with test.subTest(title):
            test.assertEqual(title_people(title), people)


class TranscriptGoldenFileTests(SimpleTestCase):
    def test_every_fixture_has_an_expected_file(self):
        texts = {p.stem for p in FIXTURES.glob("*.txt")}
        expected = {p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json")}
        self.assertEqual(texts, expected)

    def test_documents_parse_as_read(self):
        for name, text, exp in cases():
            with self.subTest(name):
                default = exp.get("default_date")
                kwargs = {"source_file": f"{name}.txt"}
                if default:
                    kwargs["default_date"] = datetime.date.fromisoformat(default)
                if "error" in exp:
                    with self.assertRaisesMessage(TranscriptError, exp["error"]) as caught:
                        parse_transcript(text, **kwargs)
                    if "statements" in exp:  # refused, but what was read is reported
                        self.check(caught.exception.parsed, exp)
                    continue
                parsed = parse_transcript(text, **kwargs)
                self.check(parsed, exp)

    def check(self, parsed, exp):
        for key in (
            "title",
            "kind",
            "record_type",
            "place",
            "host_country",
            "source_name",
            "source_url",
        ):
            if key in exp:
                self.assertEqual(getattr(parsed, key) or None, exp[key] or None, key)
        self.assertEqual(parsed.date and parsed.date.isoformat(), exp["date"])
        if "countries" in exp:  # the parties, whatever their order
            self.assertEqual(sorted(parsed.countries), sorted(exp["countries"]))
        for code in exp.get("countries_include", []):
            self.assertIn(code, parsed.countries)
        for code in exp.get("countries_exclude", []):
            self.assertNotIn(code, parsed.countries)
        for code in exp.get("mentioned_include", []):
            self.assertIn(code, parsed.mentioned_countries)
        for code in exp.get("mentioned_exclude", []):
            self.assertNotIn(code, parsed.mentioned_countries)
        if "addressees" in exp:
            self.assertEqual(
                [p.name for p in parsed.participants if p.addressee], exp["addressees"]
            )
        if "notes_starts" in exp:
            self.assertTrue(parsed.notes.startswith(exp["notes_starts"]), parsed.notes[:80])
        for piece in exp.get("notes_includes", []):
            self.assertIn(piece, parsed.notes)
        if "last_statement_ends" in exp:
            self.assertTrue(parsed.statements[-1].text.endswith(exp["last_statement_ends"]))
        if "participants" in exp:
            got = [[p.name, p.role, p.country] for p in parsed.participants]
            self.assertEqual(got, exp["participants"])
        for name_role in exp.get("participants_include", []):
            self.assertIn(name_role, [[p.name, p.role] for p in parsed.participants])
        got = [(s.speaker_label, s.speaker) for s in parsed.statements]
        self.assertEqual(got, [(label, speaker) for label, speaker, _ in exp["statements"]])
        for statement, (_, _, start) in zip(parsed.statements, exp["statements"], strict=True):
            self.assertTrue(statement.text.startswith(start), (statement.text[:80], start))
        if "interpreted" in exp:
            self.assertEqual([s.interpreted for s in parsed.statements], exp["interpreted"])
        if "paragraphs" in exp:
            self.assertEqual(
                [len(s.text.split("\n\n")) for s in parsed.statements], exp["paragraphs"]
            )
        if "summary_starts" in exp:
            self.assertTrue(parsed.summary.startswith(exp["summary_starts"]), parsed.summary[:80])
        if "summary_excludes" in exp:
            self.assertNotIn(exp["summary_excludes"], parsed.summary)
        if "text_excludes" in exp:
            for s in parsed.statements:
                self.assertNotIn(exp["text_excludes"], s.text)


class TranscriptShapeTests(SimpleTestCase):
    """Small documents for rules that the real fixtures do not isolate."""

    def parse(self, body, **kwargs):
        return parse_transcript(f"Talks with Someone\n\nMay 10, 2024, Moscow\n\n{body}", **kwargs)

    def test_empty_document_is_refused(self):
        with self.assertRaisesMessage(TranscriptError, "empty document"):
            parse_transcript("  \n\n ")

    def test_colon_inside_a_sentence_is_not_a_label(self):
        parsed = self.parse(
            "Vladimir Putin: There are many such areas: energy, trade.\n\n"
            "There are many such areas: energy, trade and culture.\n\n"
            "In this connection there is a question: what next?"
        )
        self.assertEqual([s.speaker_label for s in parsed.statements], ["Vladimir Putin"])

    def test_a_linked_name_in_a_sentence_is_no_label(self):
        # kremlin.ru leaves a run of spaces after a linked name (kremlin.ru 62562 and
        # 52884); the sentence's colon comes later. A saved page's tooltip repeats the
        # name, surname first, and is dropped from a real label.
        parsed = self.parse(
            "Vladimir Putin and Angela\nMerkel     discussed bilateral cooperation and "
            "current issues on the international agenda:\nthe situation in Syria, Libya.\n\n"
            "President of Russia Vladimir Putin: Madam Federal Chancellor,\n\n"
            "Federal Chancellor of Germany Angela Merkel      Merkel AngelaFederal "
            "Chancellor of Germany  (retranslated): Thank you so much."
        )
        self.assertEqual(
            [s.speaker_label for s in parsed.statements],
            [
                "President of Russia Vladimir Putin",
                "Federal Chancellor of Germany Angela Merkel (retranslated)",
            ],
        )
        self.assertEqual(
            {p.name: p.role for p in parsed.participants},
            {
                "Vladimir Putin": "President of Russia",
                "Angela Merkel": "Federal Chancellor of Germany",
            },
        )
        readout = self.parse(
            "Maxim Topilin     said that wages increased by 7.8 percent, but the increase "
            "was smaller in the public sector: 4.5 percent in education."
        )
        self.assertEqual(readout.statements, ())
        self.assertEqual(readout.record_type, "readout")

    def test_a_line_wrapped_mid_sentence_goes_on_with_its_sentence(self):
        # Hard-wrapped lines with few blank lines (kremlin.ru 63527, 63886, 53082): the
        # next line's "Region:" or "plenipotentiary representative ... Maisky:" is no turn.
        parsed = self.parse(
            "No wonder that\n"
            "already on November 17 Molotov gave the following instructions to Soviet\n"
            "plenipotentiary representative in London Ivan Maisky: “For your information…\n"
            "No agreement was signed or was intended to be signed in Berlin.\n"
            "Vladimir Putin and Alexander\n"
            "Tsibulsky also touched upon one more issue that is important for Arkhangelsk\n"
            "Region: assistance to the Artistic Culture of the Russian North State Museum.\n"
            "Vladimir Putin: Thank you."
        )
        self.assertEqual([s.speaker_label for s in parsed.statements], ["Vladimir Putin"])
        self.assertIn("representative in London Ivan Maisky: “For", parsed.summary)
        self.assertEqual(parsed.unresolved_labels, ())

    def test_messrs_is_no_given_name(self):
        # kremlin.ru 42045: "Messrs Putin and Chirac attended a concert".
        parsed = parse_transcript(
            "President Vladimir Putin met with French President Jacques Chirac\n\n"
            "May 30, 2003, St Petersburg\n\n"
            "Messrs Putin and Chirac attended a concert at the Grand Hall of the St Petersburg "
            "Philharmonic."
        )
        self.assertEqual(
            sorted(p.name for p in parsed.participants), ["Jacques Chirac", "Vladimir Putin"]
        )

    def test_a_lead_names_who_held_talks_between_them(self):
        # kremlin.ru 55747 and 34034.
        parsed = parse_transcript(
            "Russian-Turkmenistani talks\n\nAshgabat hosts talks\nbetween Vladimir Putin "
            "and President of Turkmenistan Gurbanguly Berdimuhamedov.\n\n"
            "October 2, 2017, 17:30, Ashgabat\n\nParticipants in the limited attendance "
            "talks discussed current issues of bilateral relations."
        )
        self.assertEqual(
            [(p.name, p.role, p.country) for p in parsed.participants],
            [
                ("Vladimir Putin", "", "RU"),
                ("Gurbanguly Berdimuhamedov", "President of Turkmenistan", "TM"),
            ],
        )
        parsed = parse_transcript(
            "Cooperation in the energy sector is of great value\n\nApril 27, 2005\n\n"
            "The main theme of talks between President Vladimir Putin and Chancellor Gerhard "
            "Schroeder was Russian-German collaboration in the energy sector."
        )
        self.assertEqual(
            [p.name for p in parsed.participants], ["Vladimir Putin", "Gerhard Schroeder"]
        )
        # One office for both, each with their country (kremlin.ru 26989 and 42492).
        parsed = parse_transcript(
            "Odessa hosted a trilateral meeting\n\nAugust 18, 2003\n\n"
            "The summit opened with a meeting between Presidents Vladimir Putin of Russia and "
            "Leonid Kuchma of Ukraine, who were later joined by Moldovan leader Vladimir Voronin."
        )
        self.assertEqual(
            [(p.name, p.role, p.country) for p in parsed.participants][:2],
            [
                ("Vladimir Putin", "President of Russia", "RU"),
                ("Leonid Kuchma", "President of Ukraine", "UA"),
            ],
        )
        parsed = parse_transcript(
            "Presidents Vladimir Putin of Russia, Heidar Aliyev of Azerbaijan and Robert "
            "Kocharian of Armenia held a trilateral meeting\n\nMay 31, 2001\n\nThe "
            "meeting took place in Minsk."
        )
        self.assertEqual(
            [(p.name, p.role) for p in parsed.participants],
            [
                ("Vladimir Putin", "President of Russia"),
                ("Heidar Aliyev", "President of Azerbaijan"),
                ("Robert Kocharian", "President of Armenia"),
            ],
        )

    def test_how_a_thing_was_done_is_no_part_of_who_did_it(self):
        # corpus 038 (kremlin.ru, 7 October 2024) and kremlin.ru 39487 (12 October 2000).
        assert_title_people(
            self,
            [
                (
                    "During the telephone conversation, President of the Republic of Turkiye Recep "
                    "Tayyip Erdogan warmly wished a happy birthday to President of Russia Vladimir "
                    "Putin",
                    [
                        ("Recep Tayyip Erdogan", "President of the Republic of Turkiye"),
                        ("Vladimir Putin", "President of Russia"),
                    ],
                ),
                (
                    # kremlin.ru 39670 (22 November 2000).
                    "President Vladimir Putin extended his congratulations to King of Spain Juan "
                    "Carlos I on the 25th anniversary of his reign",
                    [("Vladimir Putin", "President"), ("Juan Carlos I", "King of Spain")],
                ),
                (
                    "President Vladimir Putin personally congratulated Vice President of Russian "
                    "Academy of Sciences Zhores Alfyorov on winning the prestigious Nobel Prize",
                    [
                        ("Vladimir Putin", "President"),
                        ("Zhores Alfyorov", "Vice President of Russian Academy of Sciences"),
                    ],
                ),
            ],
        )

    def test_what_follows_a_name_after_a_comma_is_an_office_or_nothing(self):
        # kremlin.ru 34475 (17 November 2005) and 7955 (Medvedev, 2008).
        assert_title_people(
            self,
            [
                (
                    "The President of Russia met the Prime Minister of Turkey, Recep Tayyip "
                    "Erdogan, and the Prime Minister of Italy, Silvio Berlusconi, at the airfield",
                    # Each the office before their name, not "and the Prime Minister of
                    # Italy" for Erdogan, nor "at the airfield" for Berlusconi.
                    [
                        ("Recep Tayyip Erdogan", "Prime Minister of Turkey"),
                        ("Silvio Berlusconi", "Prime Minister of Italy"),
                    ],
                ),
                (
                    # corpus 067: after the comma, another clause begins.
                    "During the telephone conversation with the President of the Republic of "
                    "Uzbekistan, Vladimir Putin gave his warmest birthday greetings to Shavkat "
                    "Mirziyoyev",
                    [("Vladimir Putin", ""), ("Shavkat Mirziyoyev", "")],
                ),
                (
                    "Karekin II, the Catholicos of All Armenians, visited the Kremlin",
                    [("Karekin II", "the Catholicos of All Armenians")],
                ),
                (
                    "Dmitry Medvedev sent a message to the President of the Republic of Korea, "
                    "the Republic of Korea",
                    [("Dmitry Medvedev", "")],
                ),
            ],
        )

    def test_a_persons_card_left_in_the_text_is_taken_out(self):
        # corpus 067: kremlin.ru as MIL OSI republished it (cut short), the card of the
        # person named ("Mirziyoyev ShavkatPresident of Uzbekistan") left inline.
        parsed = parse_transcript(
            "Source: President of Russia – The Kremlin – English\n\n"
            "During the telephone conversation with the President of the Republic of "
            "Uzbekistan, Vladimir Putin gave his warmest birthday greetings to Shavkat "
            "Mirziyoyev Mirziyoyev ShavkatPresident of Uzbekistan .\n\n"
            "The Presidents also discussed a number of issues regarding Russia-Uzbekistan "
            "relations.\n",
            default_date=datetime.date(2021, 7, 24),
        )
        self.assertEqual(
            parsed.title,
            "During the telephone conversation with the President of the Republic of "
            "Uzbekistan, Vladimir Putin gave his warmest birthday greetings to Shavkat Mirziyoyev",
        )
        self.assertEqual(
            [p.name for p in parsed.participants], ["Vladimir Putin", "Shavkat Mirziyoyev"]
        )
        self.assertNotIn("ShavkatPresident", parsed.summary)

    def test_an_organisations_plant_or_channel_is_nobody(self):
        # kremlin.ru 58508 and 63951.
        assert_title_people(
            self,
            [
                ("Visiting Mazda Sollers engine plant", []),
                ("Interview with Rossiya TV channel", []),
                (
                    "Meeting with Prime Minister of Japan Shinzo Abe",
                    [("Shinzo Abe", "Prime Minister of Japan")],
                ),
            ],
        )

    def test_a_roster_of_offices_and_their_holders_is_no_turns(self):
        # kremlin.ru 57492: the Prime Minister reads out the Government he proposes.
        parsed = self.parse(
            "Vladimir Putin: Go ahead, please.\n\n"
            "Dmitry Medvedev: First Deputy Prime Minister Anton Siluanov.\n\n"
            "Interior Minister: Vladimir Kolokoltsev.\n\n"
            "Minister of Foreign Affairs: Sergei Lavrov.\n\n"
            "Minister of Justice: Alexander Konovalov. Minister of Healthcare: Veronika "
            "Skvortsova.\n\n"
            "Vladimir Putin: Thank you."
        )
        self.assertEqual(
            [s.speaker_label for s in parsed.statements],
            ["Vladimir Putin", "Dmitry Medvedev", "Vladimir Putin"],
        )
        self.assertIn("Minister of Foreign Affairs: Sergei Lavrov.", parsed.statements[1].text)
        # Addresses are turns: "Mr President.", a name and patronymic.
        parsed = self.parse(
            "President Vladimir Putin: Mr Shoigu.\n\n"
            "Defence Minister Sergei Shoigu: Mr President.\n\n"
            "Prime Minister Dmitry Medvedev: Vladimir Vladimirovich.\n\n"
            "President Vladimir Putin: Dmitry Anatolyevich."
        )
        self.assertEqual(len(parsed.statements), 4)

    def test_a_turn_of_a_note_alone_is_kept_with_the_note(self):
        # The White House, Harris and Duda, 10 March 2022.
        parsed = self.parse(
            "PRESIDENT DUDA: (As interpreted.) Thank you.\n\n"
            "POLISH AIDE: (No translation provided.)\n\n"
            "PRESIDENT DUDA: (As interpreted.) One moment."
        )
        self.assertEqual(
            [(s.speaker_label, s.text, s.interpreted) for s in parsed.statements],
            [
                ("PRESIDENT DUDA", "Thank you.", True),
                ("POLISH AIDE", "(No translation provided.)", False),
                ("PRESIDENT DUDA", "One moment.", True),
            ],
        )

    def test_long_labels_of_an_office_a_rank_or_an_organisation_open_turns(self):
        # kremlin.ru 56919, 54830 and 54667 as published.
        for label in [
            "Commander of the Southern Military District forces, Colonel General Aleksandr "
            "Dvornikov",
            "Rosneft CEO, Chairman of the Management Board and Deputy Chairman of the Board of "
            "Directors Igor Sechin",
            "Panel moderator, NBC host Megyn Kelly",
        ]:
            with self.subTest(label):
                self.assertEqual(label_kind(label), "person")
        # A sentence that ends inside is none (kremlin.ru 59863).
        self.assertIsNone(label_kind("Treaty. According to Item 1, Article VI (I am quoting)"))

    def test_a_wrapped_titles_line_that_looks_like_a_label_is_the_titles_if_printed_again(self):
        # kremlin.ru 60796 as an aggregator published it, wrapped at 72 characters (its
        # head): the title, repeated by the dateline and the page, goes on after "Global".
        parsed = parse_transcript(
            "There were 2,790 press releases posted in the last 24 hours and 460,319\n"
            "in the last 365 days.\n"
            "\n"
            "Greetings to\xa0participants at\xa0the\xa0II International Conference Global\n"
            "Biosecurity Challenges: Problems and\xa0Solutions\n"
            "\n"
            "RUSSIA, June 20 - Greetings to\xa0participants at\xa0the\xa0II International\n"
            "Conference Global Biosecurity Challenges: Problems and\xa0Solutions\n"
            "\n"
            "20 June 2019\n"
            "\n"
            "Greetings to\xa0participants at\xa0the\xa0II International Conference Global\n"
            "Biosecurity Challenges: Problems and\xa0Solutions\n"
            "\n"
            "Vladimir Putin sent his\n"
            "greetings to\xa0participants at\xa0the\xa0II International\n"
        )
        self.assertEqual(
            parsed.title,
            "Greetings to participants at the II International Conference Global Biosecurity "
            "Challenges: Problems and Solutions",
        )
        self.assertEqual(parsed.statements, ())

    def test_a_first_line_with_a_colon_that_nobody_speaks_again_is_the_title(self):
        # kremlin.ru 62646, 23 January 2020, as published (cut short): the title was read as
        # a turn of "Remembering the Holocaust", and the record titled "Remarks by ...".
        parsed = parse_transcript(
            "Remembering the Holocaust: Fighting Antisemitism forum\n\nVladimir Putin took part"
            "\nin the commemorative event held as part of the Remembering the Holocaust: "
            "Fighting Antisemitism international forum\nat the Yad Vashem memorial complex.\n\n"
            "January 23, 2020, 16:40, Jerusalem\n\nPresident of Russia Vladimir Putin: Mr "
            "President, Mr Prime Minister, colleagues, friends, ladies and gentlemen.\n"
        )
        self.assertEqual(parsed.title, "Remembering the Holocaust: Fighting Antisemitism forum")
        self.assertEqual(
            [s.speaker_label for s in parsed.statements], ["President of Russia Vladimir Putin"]
        )
        # A first turn stays a turn: its speaker speaks again, or it says a sentence.
        for text, first in (
            (
                "Vladimir Putin: Good afternoon\n\nJune 1, 2020\n\nSergei Shoigu: Thank you."
                "\n\nVladimir Putin: Please go on\n",
                "Vladimir Putin",
            ),
            (
                "Sergei Shoigu: Good afternoon, colleagues.\n\nJune 1, 2020\n\nVladimir Putin: "
                "Thank you.\n",
                "Sergei Shoigu",
            ),
        ):
            with self.subTest(text):
                parsed = parse_transcript(text)
                self.assertEqual(parsed.statements[0].speaker_label, first)

    def test_an_address_that_opens_two_turns_is_no_caption(self):
        # kremlin.ru 51300, 26 February 2016, its labels each on a line of their own (cut
        # short): the Defence Minister and the Chief of the General Staff open alike, and
        # the line they share had been dropped as a photo caption repeated through the page.
        parsed = parse_transcript(
            "Snap inspection of Armed Forces combat readiness\n\nFebruary 26, 2016\n\n"
            "Defence Minister Sergei Shoigu:\nComrade Supreme Commander-in-Chief,\n\nPursuant "
            "to your instructions, another snap inspection is being held.\n\nVladimir Putin:\n"
            "Mr Gerasimov, please.\n\nChief of the General Staff Valery Gerasimov:\nComrade "
            "Supreme Commander-in-Chief,\n\nOver the past three days, the troops moved.\n"
        )
        self.assertEqual(
            [s.text.split("\n")[0] for s in parsed.statements],
            [
                "Comrade Supreme Commander-in-Chief,",
                "Mr Gerasimov, please.",
                "Comrade Supreme Commander-in-Chief,",
            ],
        )
        # kremlin.ru 53940, 17 March 2017, alike: the address wrapped onto a second line.
        parsed = parse_transcript(
            "Meeting with military servicemen\n\nMarch 17, 2017\n\nSergei Artamonov:\nComrade "
            "Commander-in-Chief of the Armed Forces of the Russian\nFederation,\n\nCommander of "
            "the aviation group reporting.\n\nVladimir Putin:\nThank you.\n\nKirill Revyakin:\n"
            "Comrade Commander-in-Chief of the Armed Forces of the Russian\nFederation,\n\n"
            "Aircraft squadron commander reporting.\n"
        )
        self.assertEqual(
            [s.text.split("\n")[0] for s in parsed.statements][::2],
            ["Comrade Commander-in-Chief of the Armed Forces of the Russian Federation,"] * 2,
        )

    def test_page_numbers_of_a_printed_document_are_no_text(self):
        # A transcript as printed to PDF and its text extracted: a page number between two
        # paragraphs, and one that cuts a sentence ("Good" / "Page 1 of 9" / "afternoon").
        parsed = parse_transcript(
            "Meeting on the fuel and energy sector\n\nMarch 30, 2020\n\nPresident of Russia "
            "Vladimir Putin: Good\n\nPage 1 of 9\n\nafternoon, colleagues.\n\nPage 2 of 9\n\n"
            "Energy Minister Alexander Novak: Good afternoon, Mr President.\n\n- 3 -\n\n"
            "Vladimir Putin: Thank you.\n"
        )
        self.assertEqual(
            [(s.speaker_label, s.text) for s in parsed.statements],
            [
                ("President of Russia Vladimir Putin", "Good afternoon, colleagues."),
                ("Energy Minister Alexander Novak", "Good afternoon, Mr President."),
                ("Vladimir Putin", "Thank you."),
            ],
        )

    def test_a_wrapped_line_printed_twice_is_no_caption(self):
        # kremlin.ru 54380, 26 April 2017 (cut short): a line of a hard-wrapped paragraph
        # that the text prints again further on had been dropped from both places as a photo
        # caption repeated through the page, and the sentence lost its middle.
        parsed = parse_transcript(
            "Meeting with Government members\n\nApril 26, 2017, 14:00, The Kremlin, Moscow\n\n"
            "President of Russia Vladimir Putin: Good afternoon colleagues.\n\nAt the same time, "
            "it is crucial to take consumers’ interests into consideration. Russian goods\n"
            "must be competitive in terms of both price and quality, and should meet world\n"
            "demands and standards. I have spoken about this repeatedly.\n\nTo reiterate: "
            "Russian goods\nmust be competitive in terms of both price and quality, and should "
            "meet world\ndemands and standards.\n"
        )
        text = parsed.statements[0].text
        self.assertEqual(text.count("must be competitive in terms of both price and quality"), 2)

    def test_a_turn_cut_off_is_no_label_broken_over_lines(self):
        # The White House, 10 June 2021, as MIL OSI republished it, its paragraphs one a
        # line with no blank line between: Biden's "It is." had been read as the end of a
        # label that began with Johnson's turn, and given to Johnson.
        parsed = parse_transcript(
            "Remarks by President Biden and Prime Minister Boris Johnson of the United Kingdom "
            "Before Bilateral Meeting\nJune 10, 2021\nPRIME MINISTER JOHNSON: Fantastic to "
            "see you here on what — what I think is your — is your first visit —\nPRESIDENT "
            "BIDEN: It is.\nPRIME MINISTER JOHNSON: — since you’ve been President.\n"
        )
        self.assertEqual(
            [(s.speaker_label, s.text[:12]) for s in parsed.statements],
            [
                ("PRIME MINISTER JOHNSON", "Fantastic to"),
                ("PRESIDENT BIDEN", "It is."),
                ("PRIME MINISTER JOHNSON", "since you’ve"),  # the dash that opens it left out
            ],
        )

    def test_a_text_copied_as_markdown_is_read_as_printed(self):
        # kremlin.ru 52843 and 17795 as a converter writes their articles in Markdown (cut
        # short): a heading, pictures, links, and labels in bold in every way it is written.
        parsed = parse_transcript(
            "[Events](http://en.kremlin.ru/events/president/news)\n\n# Meeting with Government "
            "members\n\nNovember 12, 2014\n\n![With Emergency Situations Minister Vladimir "
            "Puchkov.](http://static.kremlin.ru/media/events/photos/big/Xq9y.jpg)\n\n"
            "**President of Russia Vladimir Putin****:** Good afternoon, colleagues.\n\n"
            "**Emergency Situations Minister** **[Vladimir Puchkov   ![Puchkov Vladimir](http://"
            "static.kremlin.ru/media/events/persons/small/l5un.jpg)  Puchkov Vladimir](http://en."
            "kremlin.ru/catalog/persons/348/events)** : Mr President, the work goes on.\n\n"
            "**Vladimir\nPutin**: Thank you. [Laughter](applause)\n\n__Vladimir Puchkov:__ Yes."
            "\n\n> Quoted, a line of its own.\n\n**\\* \\* \\***\n\nThe meeting went on.\n\n# # #\n"
        )
        self.assertEqual(parsed.title, "Meeting with Government members")
        self.assertEqual(
            [s.speaker_label for s in parsed.statements],
            [
                "President of Russia Vladimir Putin",
                "Emergency Situations Minister Vladimir Puchkov",
                "Vladimir Putin",
                "Vladimir Puchkov",
            ],
        )
        self.assertEqual(parsed.statements[1].text, "Mr President, the work goes on.")
        # What is no link stays as printed; a separator in bold is a separator, a quotation
        # its words.
        self.assertEqual(parsed.statements[2].text, "Thank you. [Laughter](applause)")
        self.assertEqual(parsed.statements[3].text, "Yes.\n\nQuoted, a line of its own.")
        self.assertNotIn("*", parsed.summary)

    def test_a_see_also_block_inside_the_record_is_passed_over(self):
        # kremlin.ru 17408, 1 February 2013, its article copied as Markdown (cut short): the
        # page's "See also" box, another record's title and date, stands between the lead
        # and the turns. Everything from it on had been read as the page's footer.
        text = (
            "# Meeting with Patriarch Kirill of Moscow and All Russia\n\nVladimir Putin "
            "congratulated Patriarch Kirill of Moscow and All Russia on the anniversary of his "
            "enthronement.\n\nFebruary 1, 2013\n\n17:20\n\nThe Kremlin, Moscow\n\n"
            "### See also\n\n[Congratulations to Patriarch Kirill of Moscow and All Russia]"
            "(17402.html)\n\nFebruary 1, 2013\n\nEarlier, the President sent Patriarch Kirill, "
            "the head of the Russian Orthodox Church, a message of congratulations.\n\n"
            "**\\* \\* \\***\n\n**President of Russia Vladimir Putin**: Your Holiness,\n\n"
            "I wish you success in your noble and selfless work.\n\n**Patriarch Kirill of "
            "Moscow and All Russia**: Thank you very much for your congratulations, Mr President."
            "\n"
        )
        parsed = parse_transcript(text)
        self.assertEqual(parsed.title, "Meeting with Patriarch Kirill of Moscow and All Russia")
        self.assertEqual(
            [s.speaker_label for s in parsed.statements],
            ["President of Russia Vladimir Putin", "Patriarch Kirill of Moscow and All Russia"],
        )
        self.assertEqual(parsed.date, datetime.date(2013, 2, 1))
        self.assertNotIn("Congratulations to", parsed.summary)
        self.assertIn("Earlier, the President sent", parsed.summary)
        # At the end of a page, it is the footer, whatever it lists (the corpus's 037).
        parsed = parse_transcript(
            "Meeting with President of China Xi Jinping\n\nJune 8, 2018\n\nPresident of "
            "Russia Vladimir Putin: Let me personally congratulate you.\n\nSee also\n\n"
            "Russian-Chinese talks\n\nJune 8, 2018\n"
        )
        self.assertEqual(parsed.statements[-1].text, "Let me personally congratulate you.")

    def test_a_documents_text_announced_is_no_speaker(self):
        # kremlin.ru 63003, 17 March 2020, as published (cut short).
        parsed = parse_transcript(
            "April 22 – the vote on amendments to the Constitution\n\n17 March 2020\n\n"
            "The President signed Executive\nOrder On Setting a Date for a Nationwide Vote on "
            "Amendments to the Constitution\nof the Russian Federation.\n\n"
            "Text of the Executive Order:\n\nIn accordance with parts 2 and 3 of Article\n"
            "2 of the Russian Federation Law on amending the Constitution.\n"
        )
        self.assertEqual(parsed.statements, ())
        self.assertIsNone(label_kind("Full text of the statement"))

    def test_a_french_transcript_names_its_people_and_countries(self):
        # The shape of the Élysée's transcripts: a title in French, the President's label his
        # style ("LE PRÉSIDENT DE LA RÉPUBLIQUE :"), a guest's his office and surname.
        parsed = parse_transcript(
            "Conférence de presse conjointe du Président Emmanuel Macron et du Chancelier Olaf "
            "Scholz\n\n26 octobre 2022\n\nLE PRÉSIDENT DE LA RÉPUBLIQUE : Mesdames, "
            "messieurs, je suis très heureux d'accueillir le chancelier allemand à Paris.\n\n"
            "LE CHANCELIER SCHOLZ : Merci beaucoup, cher Emmanuel.\n\nQUESTION : Monsieur le "
            "Président, une question sur l'énergie et les prix.\n"
        )
        self.assertEqual(parsed.kind, "news_conference")
        self.assertEqual(
            _people(parsed),
            [("Emmanuel Macron", "Président", "FR"), ("Olaf Scholz", "Chancelier", "DE")],
        )
        self.assertEqual(
            [s.speaker for s in parsed.statements], ["Emmanuel Macron", "Olaf Scholz", None]
        )
        self.assertEqual(sorted(parsed.countries), ["DE", "FR"])
        from meetings.importers.head import title_for_reading

        self.assertEqual(
            title_for_reading("Entretien du Président de la République avec M. Volodymyr Zelensky"),
            "Entretien by Président de la République with M. Volodymyr Zelensky",
        )
        self.assertEqual(
            find_countries(
                "Le Président a reçu le chancelier allemand et les représentants des États-Unis."
            ),
            ["DE", "US"],
        )
        # An English text's words stay English: no French reading of them.
        self.assertEqual(
            find_countries("Chancellor of Germany and the United States"), ["DE", "US"]
        )

    def test_a_news_outlets_label_is_its_journalists_question(self):
        # The shape of a foreign ministry spokesperson's briefing: each question labelled
        # with the outlet that asks it. Nobody to name, and nothing for an editor to resolve.
        parsed = parse_transcript(
            "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 21, "
            "2023\n\n2023-03-21 20:00\n\nCCTV: President Xi Jinping is paying a state visit "
            "to Russia. Could you share more details?\n\nWang Wenbin: President Xi Jinping "
            "held talks with President Vladimir Putin in Moscow.\n\nAFP: Did the two "
            "presidents discuss Ukraine?\n\nWang Wenbin: China's position is clear.\n"
        )
        self.assertEqual([p.name for p in parsed.participants], ["Wang Wenbin"])
        self.assertEqual(
            [(s.speaker_label, s.speaker) for s in parsed.statements],
            [
                ("CCTV", None),
                ("Wang Wenbin", "Wang Wenbin"),
                ("AFP", None),
                ("Wang Wenbin", "Wang Wenbin"),
            ],
        )
        self.assertEqual(parsed.unresolved_labels, ())

    def test_a_place_before_a_colon_is_a_heading_not_a_speaker(self):
        # kremlin.ru 54149, 55882, 60795.
        for label, kind in [
            ("The United Kingdom", None),
            ("Perm Territory", None),
            ("Rostov-on-Don", None),
            ("The Arctic", None),
            ("Alexander Repin from the Nizhny Novgorod Region", "person"),
            ("Vladivostok, Yulia Matveyeva", "person"),
            ("President of Russia Vladimir Putin", "person"),
        ]:
            with self.subTest(label):
                self.assertEqual(label_kind(label), kind)
        parsed = parse_transcript(
            "The Arctic: Territory of Dialogue international forum\n\nMarch 30, 2017, "
            "Arkhangelsk\n\nPresident of Russia Vladimir Putin: Good afternoon."
        )
        self.assertEqual(parsed.title, "The Arctic: Territory of Dialogue international forum")
        self.assertEqual([s.speaker for s in parsed.statements], ["Vladimir Putin"])

    def test_two_counterparts_each_of_their_country_are_two_people(self):
        # The White House, 21 February 2022 and 12 January 2025.
        self.assertEqual(
            title_people(
                "Readout of President Biden’s Call with President Macron of France and "
                "Chancellor Scholz of Germany"
            ),
            [
                ("Biden", "President"),
                ("Macron", "President of France"),
                ("Scholz", "Chancellor of Germany"),
            ],
        )
        # An office of two words stays one office: "Acting President and Prime Minister".
        self.assertEqual(
            title_people("Acting President and Prime Minister Vladimir Putin met with Tony Blair"),
            [("Vladimir Putin", "Acting President and Prime Minister"), ("Tony Blair", "")],
        )
        parsed = parse_transcript(
            "Readout of President Biden’s Call with Prime Minister Ishiba of Japan and "
            "President Marcos of the Philippines\n\nJanuary 12, 2025\n\nPresident Joseph R. "
            "Biden, Jr. spoke today with Prime Minister Ishiba Shigeru of Japan and President "
            "Ferdinand Marcos Jr. of the Philippines."
        )
        self.assertEqual(
            [p.name for p in parsed.participants],
            ["Joseph R. Biden", "Ishiba Shigeru", "Ferdinand Marcos Jr."],
        )

    def test_a_portuguese_e_joins_two_surnames_and_an_initial_e_is_an_initial(self):
        # The White House, 2 December 2024; kremlin.ru 51716 ("E. Choinozov: Good day").
        parsed = parse_transcript(
            "Readout of President Joe Biden’s Meeting with Prime Minister Ulisses Correia e "
            "Silva of the Republic of Cabo Verde\n\nDecember 2, 2024\n\nThe two leaders met."
        )
        self.assertIn("Ulisses Correia e Silva", [p.name for p in parsed.participants])
        self.assertEqual(split_label("E. Choinozov").name, "E. Choinozov")

    def test_an_alliance_of_two_countries_names_both_sides(self):
        # The White House, 27 January 2021, a page with nothing of the site around it.
        parsed = parse_transcript(
            "Readout of President Joseph R. Biden, Jr. Call with Prime Minister Yoshihide Suga "
            "of Japan\n\nJanuary 27, 2021\n\nPresident Joseph R. Biden, Jr. spoke today with "
            "Prime Minister Yoshihide Suga of Japan. They discussed the U.S.-Japan alliance."
        )
        self.assertEqual(sorted(parsed.countries), ["JP", "US"])

    def test_a_lead_between_an_unnamed_office_and_a_named_one(self):
        # kremlin.ru 60363 and 60374 (Vladivostok, 25 April 2019).
        parsed = parse_transcript(
            "Russian-North Korean talks\n\nApril 25, 2019, 12:15, Russky Island, Vladivostok"
            "\n\nRussky Island hosted talks between the President of Russia and Chairman of "
            "the State Affairs Commission of the Democratic People’s Republic of Korea Kim "
            "Jong-un.\n\nThe talks started with a one-on-one conversation."
        )
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants], [("Kim Jong-un", "KP")]
        )
        self.assertEqual(sorted(parsed.countries), ["KP", "RU"])
        # What a lead says first of another event is not of this one.
        parsed = parse_transcript(
            "Working meeting with Primorye Territory Governor Oleg Kozhemyako\n\nApril 25, "
            "2019, 07:00, Vladivostok\n\nBefore talks with DPRK State Affairs Commission "
            "Chairman Kim Jong-un, Vladimir Putin had a working meeting with Primorye "
            "Territory Governor Oleg Kozhemyako."
        )
        self.assertNotIn("KP", parsed.countries)
        self.assertNotIn("Kim Jong-un", [p.name for p in parsed.participants])

    def test_a_name_of_four_words_known_whole_is_one_person(self):
        # The corpus's kremlin.ru 60526: "Alexander Van der Bellen" is no "Alexander Van"
        # run together with a "der Bellen".
        parsed = parse_transcript(
            "Talks with Federal President of Austria Alexander Van der Bellen\n\nMay 15, 2019"
            "\n\nFederal President Alexander Van der Bellen (retranslated): Thank you.\n\n"
            "Vladimir Putin: Thank you."
        )
        self.assertEqual(
            [p.name for p in parsed.participants], ["Alexander Van der Bellen", "Vladimir Putin"]
        )

    def test_question_is_a_label_without_a_person(self):
        parsed = self.parse("Question: Will you go?\n\nVladimir Putin: Yes.")
        self.assertEqual([s.speaker for s in parsed.statements], [None, "Vladimir Putin"])
        self.assertEqual(parsed.unresolved_labels, ())

    def test_ambiguous_surname_stays_unresolved(self):
        parsed = self.parse("George Bush: Hello.\n\nLaura Bush: Hi.\n\nBush: Who am I?")
        self.assertEqual(
            [s.speaker for s in parsed.statements], ["George Bush", "Laura Bush", None]
        )
        self.assertEqual(parsed.unresolved_labels, ("Bush",))

    def test_readout_keeps_text_and_invents_nobody(self):
        parsed = self.parse("The leaders discussed trade. They agreed to meet again.")
        self.assertEqual(parsed.statements, ())
        self.assertEqual(parsed.record_type, "readout")
        self.assertIn("discussed trade", parsed.summary)

    def test_interpreter_note_sets_flag_and_leaves_text(self):
        parsed = self.parse(
            "Luong Cuong (as translated): Welcome.\n\nWang Yi: (Via interpreter) Thanks."
        )
        self.assertEqual([s.interpreted for s in parsed.statements], [True, True])
        self.assertEqual([s.text for s in parsed.statements], ["Welcome.", "Thanks."])

    def test_russian_initial_labels_and_marker(self):
        parsed = parse_transcript(
            "Встреча с Джоном Керри\n\n24 марта 2016 года, Москва, Кремль\n\nИз стенограммы:\n\n"
            "В.Путин: Добрый день!\n\nДж.Керри: Спасибо.\n\nВ.Путин: Пожалуйста."
        )
        self.assertEqual(parsed.date, datetime.date(2016, 3, 24))
        self.assertEqual(parsed.record_type, "excerpts")
        self.assertEqual(
            [s.speaker_label for s in parsed.statements], ["В.Путин", "Дж.Керри", "В.Путин"]
        )

    def test_hard_wrapped_lines_join_their_paragraph(self):
        # No blank lines: a label's first words, a paragraph's first word or a line ending
        # in "Mr" carry on into the next line.
        parsed = parse_transcript(
            "Meeting with Human Rights Commissioner Ella Pamfilova\n"
            "May 10, 2024, The Kremlin, Moscow\n"
            "Vladimir\nPutin: Good afternoon.\n"
            "Human\nRights Commissioner Ella Pamfilova: Good afternoon, Mr\nPresident.\n"
            "Vladimir Putin: How are things?\n"
        )
        self.assertEqual(
            [(s.speaker_label, s.text) for s in parsed.statements],
            [
                ("Vladimir Putin", "Good afternoon."),
                ("Human Rights Commissioner Ella Pamfilova", "Good afternoon, Mr President."),
                ("Vladimir Putin", "How are things?"),
            ],
        )
        self.assertEqual(parsed.participants[1].role, "Human Rights Commissioner")

    def test_state_department_shape(self):
        parsed = parse_transcript(
            "Secretary Antony J. Blinken and Egyptian Foreign Minister Sameh Shoukry at a "
            "Joint Press Availability\n\nREMARKS\n\nCAIRO, EGYPT\n\nJANUARY 30, 2023\n\n"
            "FOREIGN MINISTER SHOUKRY: (Via interpreter) I welcome Secretary Blinken.\n\n"
            "SECRETARY BLINKEN: Thank you, Sameh.\n\n"
            "MR PRICE: We'll take a few questions.\n\n"
            "QUESTION: Thank you, Mr. Secretary.\n"
        )
        self.assertEqual((parsed.date, parsed.place), (datetime.date(2023, 1, 30), "CAIRO, EGYPT"))
        self.assertEqual(parsed.host_country, "EG")
        self.assertEqual(
            [(s.speaker_label, s.speaker, s.interpreted) for s in parsed.statements],
            [
                ("FOREIGN MINISTER SHOUKRY", "Sameh Shoukry", True),
                ("SECRETARY BLINKEN", "Antony J. Blinken", False),
                ("MR PRICE", "Price", False),  # a surname that is an English word too
                ("QUESTION", None, False),
            ],
        )

    def test_white_house_shape(self):
        parsed = parse_transcript(
            "Remarks by President Biden and Prime Minister Kishida of Japan Before Bilateral "
            "Meeting\n\nJanuary 13, 2023\n\nOval Office\n\n11:17 A.M. EST\n\n"
            "PRESIDENT BIDEN:  Welcome to the White House.\n\n"
            "PRIME MINISTER KISHIDA:  (As interpreted.)  Thank you, Joe.\n\n"
            "Q    Mr. President, are you going to talk about the documents?\n\n"
            "PRESIDENT BIDEN:  No.\n\n11:25 A.M. EST\n"
        )
        self.assertEqual((parsed.place, parsed.host_country), ("Oval Office", "US"))
        self.assertEqual(
            [(s.speaker_label, s.speaker, s.text) for s in parsed.statements],
            [
                ("PRESIDENT BIDEN", "Biden", "Welcome to the White House."),
                ("PRIME MINISTER KISHIDA", "Kishida", "Thank you, Joe."),
                ("Q", None, "Mr. President, are you going to talk about the documents?"),
                ("PRESIDENT BIDEN", "Biden", "No."),
            ],
        )
        by_name = {p.name: p for p in parsed.participants}
        kishida = by_name["Kishida"]
        self.assertEqual((kishida.role, kishida.country), ("Prime Minister of Japan", "JP"))
        # The President the title names by his office takes part, though no publisher says
        # whose President he is: the United States' was Biden that day.
        self.assertEqual((by_name["Biden"].role, by_name["Biden"].country), ("President", "US"))

    def test_the_president_of_a_white_house_transcript_is_the_one_its_title_names(self):
        parsed = parse_transcript(
            "Remarks by President Biden and Prime Minister Kishida of Japan\n\n"
            "January 13, 2023\n\nTHE PRESIDENT:  Welcome.\n\n"
            "PRIME MINISTER KISHIDA:  Thank you.\n"
        )
        self.assertEqual([s.speaker for s in parsed.statements], ["Biden", "Kishida"])
        # Not when a label names that president, so that "The President" is someone else.
        parsed = parse_transcript(
            "Telephone conversation with President Gorbachev\n\nMay 27, 1991\n\n"
            "President Gorbachev: Hello, Mr. President.\n\nThe President: Mikhail, hello.\n"
        )
        self.assertEqual([s.speaker for s in parsed.statements], ["Gorbachev", None])

    def test_memorandum_of_conversation_shape(self):
        parsed = parse_transcript(
            "Memorandum of Conversation\n\nWashington, September 21, 1973, 10 a.m.\n\n"
            "PARTICIPANTS\nAndrei A. Gromyko, Minister of Foreign Affairs of the USSR\n"
            "Anatoliy F. Dobrynin, Soviet Ambassador to the USA\n"
            "Dr. Henry A. Kissinger, Secretary of State\n"
            "Interpreter: Viktor Sukhodrev\n\nSUBJECT\nMiddle East; SALT\n\n"
            "Gromyko: I am glad to see you.\n\nDr. Kissinger: Thank you.\n\n"
            "Dobrynin: The question is one of timing.\n"
        )
        self.assertEqual((parsed.date, parsed.place), (datetime.date(1973, 9, 21), "Washington"))
        self.assertEqual(
            [(p.name, p.role, p.country) for p in parsed.participants],
            [
                ("Andrei A. Gromyko", "Minister of Foreign Affairs of the USSR", "SU"),
                ("Anatoliy F. Dobrynin", "Soviet Ambassador to the USA", "SU"),
                ("Henry A. Kissinger", "Secretary of State", "US"),  # an office only the US has
                ("Viktor Sukhodrev", "Interpreter", None),
            ],
        )
        self.assertEqual(
            [s.speaker for s in parsed.statements],
            ["Andrei A. Gromyko", "Henry A. Kissinger", "Anatoliy F. Dobrynin"],
        )

    def test_united_nations_record_shape(self):
        parsed = parse_transcript(
            "United Nations S/PV.9000\n\nSecurity Council\n9000th meeting\n"
            "Monday, 18 April 2022, 10 a.m.\nNew York\n\n"
            "President: Mr. Zhang Jun . . . . . . . . (China)\n\n"
            "Members: Albania . . . . . . . . Mr. Hoxha\n\n"
            "United Kingdom of Great Britain and Northern Ireland . . Dame Barbara Woodward\n\n"
            "The meeting was called to order at 10.05 a.m.\n\n"
            "The President: I welcome the Secretary-General.\n\n"
            "Mr. Nebenzia (Russian Federation) (spoke in Russian): We have listened.\n\n"
            "Dame Barbara Woodward (United Kingdom): Thank you, Mr. President.\n"
        )
        self.assertEqual(parsed.date, datetime.date(2022, 4, 18))
        self.assertEqual(
            [(p.name, p.role, p.country) for p in parsed.participants],
            [
                ("Zhang Jun", "President", "CN"),
                ("Hoxha", "Member", "AL"),  # listed under "Members:"
                ("Barbara Woodward", "Member", "GB"),
                ("Nebenzia", "", "RU"),
            ],
        )
        self.assertEqual(
            [(s.speaker, s.interpreted) for s in parsed.statements],
            [("Zhang Jun", False), ("Nebenzia", True), ("Barbara Woodward", False)],
        )
        self.assertNotIn("United Nations S/PV.9000", [p.name for p in parsed.participants])

    def test_flattened_record_dated_by_its_weekday_with_turns_inside_lines(self):
        # A PDF flattened to a few long lines: the date inside the head's line, turns after
        # a sentence's end.
        parsed = parse_transcript(
            "United Nations S/PV.8529\n\n8529th meeting Monday, 20 May 2019, 3 p.m. New York\n\n"
            "The meeting was called to order at 3.10 p.m. Mr. Heusgen (Germany): We object. "
            "The President (spoke in Russian): I give the floor to France.\n"
        )
        self.assertEqual(parsed.date, datetime.date(2019, 5, 20))
        self.assertEqual(
            [(s.speaker_label, s.text) for s in parsed.statements],
            [
                ("Mr. Heusgen (Germany)", "We object."),
                ("The President (spoke in Russian)", "I give the floor to France."),
            ],
        )

    def test_a_news_sites_chrome_and_html_entities_are_no_text(self):
        parsed = parse_transcript(
            "Jump to content\n\n"
            "Putin, Erdogan hold talks in Sochi\n\nPublished: 29 September 2021 14:02 GMT\n\n"
            "Advertisement\n\nShare this article\n\nSeptember 29, 2021, Sochi\n\n"
            "Vladimir Putin: Dear friend, I&#8217;m glad to see you &amp; your team.\n\n"
            "Advertisement\n\n"
            "Recep Tayyip Erdogan (retranslated): Thank you.\n\n"
            "Read more: Putin and Erdogan to discuss Syria\n\n"
            "Vladimir Putin: We have a lot to discuss.\n\nFollow us on Twitter\n"
            "© 2021 Some News Agency. All rights reserved.\n"
        )
        self.assertEqual(parsed.title, "Putin, Erdogan hold talks in Sochi")
        self.assertEqual(parsed.summary, "")
        self.assertEqual(
            [s.text for s in parsed.statements],
            [
                "Dear friend, I’m glad to see you & your team.",
                "Thank you.",
                "We have a lot to discuss.",
            ],
        )

    def test_places_give_the_host_country(self):
        for place, country in [
            ("Hamburg", "DE"),
            ("The Tver Region", "RU"),
            ("Krasnodar Territory", "RU"),
            ("Gorki, Moscow Region", "RU"),
            ("Number 10 Downing Street, London, United Kingdom", "GB"),
            ("Vladimir", None),  # a first name before it is a city
        ]:
            with self.subTest(place):
                self.assertEqual(city_country(place), country)

    def test_states_iso_does_not_list_are_sides(self):
        # kremlin.ru, 21 March 2017 and 24 March 2018, as published.
        parsed = parse_transcript(
            "Meeting with President of South Ossetia Leonid Tibilov\n\n"
            "Vladimir Putin received\nPresident of South Ossetia Leonid Tibilov at the Kremlin.\n\n"
            "March 21, 2017, 16:30, The Kremlin, Moscow\n\n"
            "Vladimir Putin: Mr Tibilov, I am very glad to welcome you here.\n\n"
            "Russia and South Ossetia have built truly allied bilateral relations.\n"
        )
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants if p.country],
            [("Vladimir Putin", "RU"), ("Leonid Tibilov", "OS")],
        )
        self.assertIn("OS", parsed.countries)
        parsed = parse_transcript(
            "Telephone conversation with President of Abkhazia Raul Khadjimba\n\n"
            "Vladimir Putin had a telephone conversation with President of Abkhazia Raul "
            "Khadjimba at the initiative of the Abkhazian side.\n\nMarch 24, 2018, 13:10\n"
        )
        self.assertEqual([p.country for p in parsed.participants if p.name.endswith("a")], ["AB"])
        self.assertIn("AB", parsed.countries)
        # A Russian region of the same people is Russia.
        self.assertIsNone(city_country("Vladikavkaz, Republic of North Ossetia-Alania"))
        self.assertEqual(find_countries("the Head of North Ossetia met the President"), [])

    def test_a_sovereign_named_by_one_name_takes_part(self):
        # kremlin.ru, 2001, as published (the title; the lead names others).
        parsed = parse_transcript(
            "President Vladimir Putin sent a telegram of congratulations to Emperor Akihito "
            "and Empress Michiko of Japan on the birth of their granddaughter\n\n"
            "December 1, 2001\n\nThe Russian President also congratulated Crown Prince "
            "Naruhito and Crown Princess Masako of Japan on the birth of their daughter.\n"
        )
        self.assertEqual(
            [(p.name, p.role) for p in parsed.participants],
            [
                ("Vladimir Putin", "President"),
                ("Akihito", "Emperor"),
                ("Michiko", "Empress of Japan"),
                ("Naruhito", "Crown Prince"),
                ("Masako", "Crown Princess of Japan"),
            ],
        )

    def test_short_forms_are_countries_where_they_stand_alone(self):
        self.assertEqual(
            find_countries(
                "Talks in the U.S. and the EU, at the UN. The USSR; DPRK-PRC ties. "
                + "Not in USB, VIRUS, www.US, SUN, _UK or U.S.A. " * 20  # past 500 characters
            ),
            ["US", "EU", "UN", "SU", "KP", "CN"],
        )

    def test_a_line_cut_mid_phrase_goes_on_into_a_short_label_no_one_else_has(self):
        # kremlin.ru 55882 as an aggregator wrapped it (its last question): "... the positive
        # things. About" / "President Trump: I did not vote for him" is Toby Gati going on.
        parsed = parse_transcript(
            "Meeting of the Valdai International Discussion Club\n\nOctober 19, 2017\n\n"
            "Toby Gati: Thank you, thank you, President Putin. We have heard\n"
            "from you on\xa0many occasions, and\xa0it is a\xa0wonderful opportunity, and\xa0I\xa0think you\n"
            "are the\xa0only world leader who has ever done this. And\xa0maybe perhaps it is an\xa0appropriate\n"
            "thing also that the\xa0last word is given to\xa0an\xa0American, actually, the\xa0only\n"
            "American who has spoken. Let me ask you a\xa0few things. You have complained and\xa0pushed back on\xa0US presidents and\xa0on\xa0US exception, its feeling that it is an\xa0exceptional nation, at\xa0many times, and\xa0at\xa0this session, you critisised every\n"
            "single US president since the\xa0fall of\xa0the\xa0Soviet Union, without talking about\n"
            "any of\xa0the\xa0positives. And\xa0as\xa0someone who worked in\xa0one of\xa0the\xa0administrations,\n"
            "the\xa0Clinton Administration, I\xa0do not remember it that way. And\xa0I\xa0remember many\n"
            "things that were done, from WTO membership to\xa0increased contacts for\xa0students,\n"
            "doctors, experts, health, space, and\xa0I\xa0am kind of\xa0surprised that your assessment\n"
            "is more negative than it was last year and\xa0the\xa0year before. Now, I\xa0think many\n"
            "welcome this, and\xa0not only in\xa0Russia, but in\xa0the\xa0United States. I\xa0watch\n"
            "American TV, but I\xa0also watch Russian TV. But frankly, it does not leave much\n"
            "room for\xa0people who do not welcome this state of\xa0affairs, and\xa0it gives an\xa0opportunity for\xa0people to\xa0blame any problem on\xa0foreigners and, it is usually here\n"
            "on\xa0Americans. What we try to\xa0do at\xa0Valdai, and\xa0you know this, is talk about why\n"
            "people think what they think, and\xa0how do we overcome it. So does it bother you\n"
            "at\xa0all that you are reinforcing every negative stereotype about the\xa0US and\xa0making it harder, in\xa0my\xa0personal opinion, to\xa0overcome some of\xa0these. And\xa0perhaps it would be helpful to\xa0talk about some of\xa0the\xa0positive things. About\n"
            "President Trump: I\xa0did not vote for\xa0him, but I\xa0did not work for\xa0Hillary Clinton\n"
            "either. In\xa0America, we respect those who respect our institutions, not just\n"
            "individuals, and\xa0I\xa0think that is really important. And\xa0I\xa0do not know if my\xa0colleagues from America would agree, but we think the\xa0institution matters more\n"
            "than the\xa0person. So, let me conclude on\xa0a\xa0positive note, though. If you had to\xa0pick one or\xa0two areas where you would try your hardest to\xa0break through this\n"
            "negative mood, what would the\xa0areas be, and\xa0what would you try to\xa0say to\xa0the\xa0American\n"
            "people to\xa0make that possible?\n"
            "\n"
            "Vladimir Putin: First of\xa0all, this is related to\xa0a\xa0critical\n"
        )
        self.assertEqual(
            [s.speaker_label for s in parsed.statements], ["Toby Gati", "Vladimir Putin"]
        )
        self.assertIn("About President Trump: I did not vote", parsed.statements[0].text)
        # kremlin.ru 53093 wrapped at 72 characters (its first lines): the line ends with a
        # word in capitals.
        parsed = parse_transcript(
            "CSTO Collective Security Council session\n"
            "\n"
            "Vladimir Putin took\n"
            "part in\xa0a\xa0session of\xa0the\xa0Collective Security Council of\xa0the\xa0Collective\n"
            "Security Treaty Organisation\xa0(CSTO).\n"
            "\n"
            "October 14, 2016, 18:00, Yerevan\n"
            "\n"
            "The\xa0participants discussed, in\xa0particular, developments in\xa0the\xa0CSTO zone\n"
            "of\xa0responsibility, ways of\xa0upgrading\n"
            "the\xa0CSTO collective security system and\xa0measures to\xa0counter\n"
            "international\n"
            "terrorism.\n"
            "\n"
            "The\xa0leaders of\xa0the\xa0CSTO\n"
            "member-states adopted a\xa0package of\xa0documents at\xa0the\xa0expanded session\n"
            "of\xa0the\xa0summit. They signed the\xa0following resolutions of\xa0the\xa0CSTO\n"
            "Collective Security Council: The\xa0Strategy of\xa0CSTO Collective Security\n"
            "for\xa0the\xa0Period through 2025, A\xa0List of\xa0Additional Measures on\xa0Countering\n"
            "International Terrorism and\xa0Extremism in\xa0the\xa0CSTO format, and\xa0Provisions\n"
            "on\xa0Compiling\n"
            "a\xa0Master List of\xa0Organisations Recognised as\xa0Terrorist in\xa0the\xa0CSTO\n"
            "Format. The\xa0CSTO heads of\xa0state also signed statements on\xa0the\xa0Nagorny\n"
            "Karabakh conflict,\n"
            "namely The\xa0Impact of\xa0Unilateral Measures\n"
        )
        self.assertEqual(parsed.statements, ())

    def test_a_title_in_title_case_names_whom_it_names(self):
        # The White House, 18 February 2022, as published: "Nausėda Of Lithuania".
        parsed = parse_transcript(
            "Remarks by Vice President Harris, President Levits of Latvia, President Nausėda "
            "Of Lithuania, and Prime Minister Kallas of Estonia Before Multilateral Meeting\n\n"
            "February 18, 2022\n\nVICE PRESIDENT HARRIS: Good afternoon.\n"
        )
        self.assertIn(("Nausėda", "President of Lithuania", "LT"), _people(parsed))
        # A title as some republish one, every word capitalised.
        parsed = parse_transcript(
            "Remarks By President Biden And Prime Minister Kishida Of Japan Before Bilateral "
            "Meeting\n\nJanuary 13, 2023\n\nThe two leaders met in the Oval Office.\n"
        )
        self.assertEqual(
            _people(parsed),
            [("Biden", "President", "US"), ("Kishida", "Prime Minister of Japan", "JP")],
        )
        self.assertEqual(parsed.title.split()[:3], ["Remarks", "By", "President"])  # as printed
        # And in capitals, as others do (the White House, 1 March 2021 and 25 February 2021):
        # López Obrador had been given the United States, the King none.
        parsed = parse_transcript(
            "REMARKS BY PRESIDENT BIDEN AND PRESIDENT LÓPEZ OBRADOR OF MEXICO IN VIRTUAL "
            "BILATERAL MEETING\n\nMarch 1, 2021\n\nPRESIDENT BIDEN: Good afternoon.\n"
        )
        self.assertIn(("López Obrador", "President of Mexico", "MX"), _people(parsed))
        parsed = parse_transcript(
            "READOUT OF PRESIDENT JOSEPH R. BIDEN, JR. CALL WITH KING SALMAN BIN ABDULAZIZ "
            "AL-SAUD OF SAUDI ARABIA\n\nFebruary 25, 2021\n\nThe two leaders spoke.\n"
        )
        self.assertIn(
            ("Salman bin Abdulaziz Al-Saud", "King of Saudi Arabia", "SA"), _people(parsed)
        )
        from meetings.importers.head import title_for_reading

        self.assertEqual(
            title_for_reading("READOUT OF PRESIDENT BIDEN’S MEETING WITH PRESIDENT XI JINPING"),
            "Readout of President Biden’s Meeting with President Xi Jinping",
        )
        self.assertEqual(
            title_for_reading("REMARKS BY PRESIDENT BIDEN AND NATO SECRETARY GENERAL STOLTENBERG"),
            "Remarks by President Biden and NATO Secretary General Stoltenberg",
        )
        # A headline's verbs are no part of a name (Mirage News, 2023, republishing the
        # State Department, no date printed: "Kamikawa Prep" had been a person of the
        # United States).
        with self.assertRaises(TranscriptError) as refused:
            parse_transcript(
                (FIXTURES / "031_miragenews-blinken-kamikawa.txt").read_text(encoding="utf-8")
            )
        self.assertEqual(
            sorted(p.name for p in refused.exception.parsed.participants), ["Blinken", "Kamikawa"]
        )
        # Its line "Department of State" names whose record it is, and is no part of it.
        self.assertEqual(refused.exception.parsed.publisher_country, "US")
        self.assertEqual(refused.exception.parsed.source_name, "Department of State")
        self.assertNotIn("Department of State", refused.exception.parsed.summary)
        # Not a line of a wrapped text that mentions one.
        parsed = parse_transcript(
            "Presentation of state decorations\n\nMarch 2, 2016\n\nIn a ceremony at the "
            "Kremlin’s\nCatherine Hall, Vladimir Putin presented state decorations.\n"
        )
        self.assertEqual(parsed.source_name, "")
        self.assertEqual(
            title_for_reading("Putin Meets Erdogan in Sochi"), "Putin meets Erdogan in Sochi"
        )
        parsed = parse_transcript(
            "Putin Meets Turkish President Recep Tayyip Erdogan in Sochi\n\nMay 3, 2017\n\n"
            "The two leaders met in Sochi.\n"
        )
        self.assertEqual(_people(parsed), [("Recep Tayyip Erdogan", "Turkish President", "TR")])
        # A name's "Said" stays: "Qaboos bin Said".
        self.assertEqual(
            title_for_reading("Sultan Qaboos bin Said Receives Lavrov"),
            "Sultan Qaboos bin Said receives Lavrov",
        )
        # A decree's own title opens with "On": no party of the decree.
        parsed = parse_transcript(
            "Vladimir Putin signed the decree On Receiving the Citizenship of the Russian "
            "Federation\n\nSeptember 20, 2005\n\nVladimir Putin signed the decree granting "
            "Russian citizenship to a French actor living in Belgium.\n"
        )
        self.assertNotIn("FR", parsed.countries)

    def test_an_organisations_official_named_by_office_and_surname_takes_part(self):
        # The White House, 20 September 2021 and 29 June 2022, as published.
        parsed = parse_transcript(
            "Remarks by President Biden and United Nations Secretary-General Guterres Before "
            "Bilateral Meeting\n\nSeptember 20, 2021\n\nPRESIDENT BIDEN: Good morning.\n"
        )
        self.assertIn(("Guterres", "United Nations Secretary-General", "UN"), _people(parsed))
        self.assertIn("UN", parsed.countries)
        parsed = parse_transcript(
            "Remarks by President Biden and NATO Secretary General Jens Stoltenberg | Madrid, "
            "Spain\n\nJune 29, 2022\n\nPRESIDENT BIDEN: Well, Mr. Secretary General.\n"
        )
        self.assertIn(("Jens Stoltenberg", "NATO Secretary General", "XN"), _people(parsed))
        self.assertIn("XN", parsed.countries)
        # Where two others met is no party: the White House, 17 February 2024, as published.
        parsed = parse_transcript(
            "Remarks by Vice President Harris and President Zelenskyy of Ukraine Before "
            "Bilateral Meeting | Munich, Germany\n\nFebruary 17, 2024\n\nCommerzbank Munich, "
            "Germany\n\nVICE PRESIDENT HARRIS: President Zelenskyy, it’s good to see you "
            "again.\n\nPRESIDENT ZELENSKYY: Exactly this.\n"
        )
        self.assertEqual(sorted(parsed.countries), ["UA", "US"])
        # A country's office and a surname: the State Department's readout of 29 November
        # 2022 as republished (its lead cut short).
        parsed = parse_transcript(
            "Secretary Blinken’s Meeting with Slovak Foreign Minister Káčer\n\n"
            "November 29, 2022\n\nSecretary of State Antony J. Blinken met today with Slovak "
            "Minister of Foreign and European Affairs Rastislav Káčer in Bucharest.\n"
        )
        (kacer,) = [p for p in parsed.participants if p.name.endswith("Káčer")]
        self.assertEqual(kacer.country, "SK")

    def test_a_us_states_officials_are_of_the_united_states(self):
        # The White House, 11 December 2021 and 21 August 2021, as published (cut short).
        parsed = parse_transcript(
            "Readout of President Biden’s Call with Governors of States Impacted by Severe "
            "Weather\n\nDecember 11, 2021\n\nPresident Biden spoke with Arkansas Governor Asa "
            "Hutchinson, Illinois Governor J.B. Pritzker, Kentucky Governor Andy Beshear, "
            "Missouri Governor Mike Parson, and Tennessee Governor Bill Lee to express his "
            "condolences.\n"
        )
        self.assertIn(("Asa Hutchinson", "Arkansas Governor", "US"), _people(parsed))
        parsed = parse_transcript(
            "Readout of President Biden Call with Northeastern Governors in Advance of "
            "Hurricane Henri\n\nAugust 21, 2021\n\nThis afternoon, President Biden convened a "
            "call with Northeastern Governors to discuss Hurricane Henri’s anticipated "
            "landfall on Long Island or Southern New England on Sunday. - Massachusetts Gov. "
            "Charlie Baker - Maine Gov. Janet Mills - New Jersey Gov. Phil Murphy\n"
        )
        self.assertNotIn("Northeastern Governors", [p.name for p in parsed.participants])
        self.assertEqual(parsed.mentioned_countries, ())  # not Jersey, nor England
        # An office for several before their names is no name.
        parsed = parse_transcript(
            "Presidents Vladimir Putin and George Bush had another telephone conversation\n\n"
            "September 12, 2001\n\nThey discussed the situation.\n"
        )
        self.assertEqual(
            _people(parsed),
            [("Vladimir Putin", "President", "RU"), ("George Bush", "President", "US")],
        )

    def test_a_person_of_a_country_after_an_office_of_another_thing(self):
        from meetings.importers.participants import title_people

        # China's embassy, 2016: the last "of" gives the country, the first is the office's.
        self.assertEqual(
            title_people("Wang Yi Holds Telephone Talks with Secretary of State John Kerry of US"),
            [("Wang Yi", ""), ("John Kerry", "Secretary of State of US")],
        )
        # An organisation "of" a country is no person (kremlin.ru, 2018).
        parsed = parse_transcript(
            "Greetings to Immortal Regiment Movement conference\n\nJune 1, 2018\n\n"
            "Vladimir Putin sent his\ngreetings to the conference of the Immortal Regiment "
            "National Patriotic Public\nMovement of Russia.\n"
        )
        self.assertEqual([p.name for p in parsed.participants], ["Vladimir Putin"])
        # "PM" is an office (Armenia's Prime Minister's site).
        self.assertEqual(
            title_people("PM Pashinyan receives Alexey Overchuk"),
            [("Pashinyan", "PM"), ("Alexey Overchuk", "")],
        )

    def test_a_regions_officials_are_of_its_country(self):
        from meetings.importers.countries import region_country

        self.assertEqual(region_country("Governor of California"), "US")
        self.assertEqual(region_country("Acting Governor of the Krasnoyarsk Territory"), "RU")
        self.assertEqual(region_country("Head of the Republic of Dagestan"), "RU")
        self.assertEqual(region_country("Tula Region Governor"), "RU")
        self.assertIsNone(region_country("Governor of the Northern Province"))  # whose?
        self.assertIsNone(region_country("Governor of Georgia"))  # the state or the country
        # An emirate's Crown Prince is of the United Arab Emirates (kremlin.ru, 2020, whose
        # text names no country).
        self.assertEqual(region_country("Crown Prince of Abu Dhabi"), "AE")
        self.assertEqual(region_country("Ruler of Dubai"), "AE")

    def test_a_russian_governments_own_officials_named_by_office_alone(self):
        # kremlin.ru, 29 January 2013, as the aggregator republished it ("RUSSIA, ..."): its
        # own officials go by their office alone, every foreign one with their country.
        parsed = parse_transcript(
            "Russia’s Defence Strategy submitted to the President\n\nRUSSIA, January 29 - "
            "Russia’s Defence Strategy submitted to the President\n\n29 January 2013\n\n"
            "During a meeting yesterday, Defence Minister Sergei Shoigu and Chief of the "
            "General Staff of the Russian Armed Forces Valery Gerasimov submitted Russia’s "
            "Defence Strategy for the President’s approval.\n\nPresident of Russia Vladimir "
            "Putin: Mr Shoigu, today I would like to hear your report.\n\nDefence Minister "
            "Sergei Shoigu: Mr President, today we would like to submit to you the Defence "
            "Strategy.\n"
        )
        self.assertIn(("Sergei Shoigu", "Defence Minister", "RU"), _people(parsed))
        cases = [
            ("Meeting with Deputy Prime Minister Olga Golodets", "RU"),
            ("Meeting with Presidential Aide Andrei Belousov", "RU"),
            ("Meeting with Director of the Federal Security Service Alexander Bortnikov", "RU"),
            # A company's, an organisation's, another country's head: no office of Russia's.
            ("Meeting with Gazprom CEO Alexei Miller", None),
            ("Meeting with Chairman of the State Council Fidel Castro", None),
            ("Meeting with Secretary-General Koichiro Matsuura", None),
            # Russia's Foreign Minister that day was Igor Ivanov (2001).
            ("Meeting with Foreign Minister Vartan Oskanian", None),
            ("Meeting with Foreign Minister Igor Ivanov", "RU"),
        ]
        for title, country in cases:
            with self.subTest(title):
                parsed = parse_transcript(
                    f"{title}\n\nRUSSIA, May 10 - {title}\n\n10 May 2001\n\n{title}\n\n"
                    "The talks focused on the agenda.\n"
                )
                self.assertEqual(_people(parsed)[0][2], country)
        # Where no government is known to be the publisher, an office alone says nothing.
        parsed = parse_transcript(
            "Meeting with Deputy Prime Minister Olga Golodets\n\n10 May 2017\n\n"
            "The talks focused on the agenda.\n"
        )
        self.assertIsNone(_people(parsed)[0][2])

    def test_each_counterpart_of_a_lead_that_goes_on_after_the_last_name(self):
        # kremlin.ru, 5 April 2016: Armenia's President had no office and no country.
        parsed = parse_transcript(
            "Telephone conversations with Ilham Aliyev and Serzh Sargsyan\n\n"
            "April 5, 2016\n\nVladimir Putin held\ntelephone conversations with President "
            "of Azerbaijan Ilham Aliyev and President\nof Armenia Serzh Sargsyan upon the "
            "Russian initiative.\n\nThe situation in the Nagorno-Karabakh conflict zone was "
            "discussed in detail.\n"
        )
        roles = {p.name: (p.role, p.country) for p in parsed.participants}
        self.assertEqual(roles["Serzh Sargsyan"], ("President of Armenia", "AM"))
        self.assertEqual(roles["Ilham Aliyev"], ("President of Azerbaijan", "AZ"))
        self.assertEqual(set(parsed.countries) - {"RU"}, {"AM", "AZ"})

    def test_congratulation_in_the_singular_and_an_election_to_a_post(self):
        from meetings.importers.participants import title_people

        # kremlin.ru, 2 April 2016 (and 8 July 2017, Battulga): the title says "Congratulation".
        self.assertEqual(
            title_people(
                "Congratulation to Tran Dai Quang on his election as President of Vietnam"
            ),
            [("Tran Dai Quang", "President of Vietnam")],
        )
        self.assertEqual(
            title_people(
                "Vladimir Putin sent a message of congratulations to Tran Dai Quang on his "
                "election to the post of President of the Socialist Republic of Vietnam"
            ),
            [
                ("Vladimir Putin", ""),
                ("Tran Dai Quang", "President of the Socialist Republic of Vietnam"),
            ],
        )
        parsed = parse_transcript(
            "Congratulation to Tran Dai Quang on his election as President of Vietnam\n\n"
            "2 April 2016\n\nVladimir\nPutin sent\na message of congratulations to Tran Dai "
            "Quang on his election to the post of President of the Socialist Republic of "
            "Vietnam.\n"
        )
        self.assertEqual(parsed.kind, "message")
        self.assertIn("VN", parsed.countries)

    def test_names_printed_with_their_accents_are_countries(self):
        # The White House, 11 July 2023, as published: Türkiye's President had no country.
        parsed = parse_transcript(
            "Readout of President Joe Biden’s Meeting with President Recep Tayyip Erdoğan "
            "of Türkiye\n\nJuly 11, 2023\n\nPresident Joe Biden met with President Recep "
            "Tayyip Erdoğan of Türkiye at the NATO Summit in Vilnius, Lithuania.\n"
        )
        self.assertEqual(
            [p.country for p in parsed.participants if p.name.endswith("Erdoğan")], ["TR"]
        )
        self.assertIn("TR", parsed.countries)
        text = "İstanbul talks: São Tomé and Príncipe, Côte d’Ivoire and\u00a0Türkiye."
        self.assertEqual(find_countries(text), ["ST", "CI", "TR"])
        self.assertEqual(find_countries(text * 30), ["ST", "CI", "TR"])  # past 500 characters

    def test_countries_named_in_russian_whatever_their_case(self):
        from meetings.importers.countries import find_countries

        # kremlin.ru in Russian, 24 March 2016, as published (its lead): the United States
        # in the genitive, Russia's and the United States' short names.
        lead = (
            "Владимир Путин принял в Кремле государственного секретаря Соединённых Штатов "
            "Америки Джона Керри. Госсекретарь США прибыл на встречу с главой Российского "
            "государства после переговоров с Министром иностранных дел России Сергеем Лавровым."
        )
        self.assertEqual(find_countries(lead), ["US", "RU"])
        for text, found in [
            ("переговоры с Председателем КНР", ["CN"]),
            ("российско-китайских отношений", ["RU", "CN"]),
            ("визит во Вьетнам, в Республику Казахстан и в Азербайджан", ["VN", "KZ", "AZ"]),
            ("с Президентом Республики Беларусь", ["BY"]),
            # Latin America is no America; an individual is no India; "рф" in lower case is
            # no Russian Federation.
            ("страны Латинской Америки", []),
            ("индивидуальный подход", []),
            ("сигнал рф", []),
        ]:
            with self.subTest(text):
                self.assertEqual(find_countries(text), found)
        parsed = parse_transcript(
            "Документ /\n\n24 марта 2016 года\n\n" + lead + "\n\nВ.Путин: Уважаемый господин "
            "госсекретарь!\n"
        )
        self.assertIn("US", parsed.countries)

    def test_countries_named_in_german(self):
        from meetings.importers.countries import find_countries

        # The German Chancellor's site, 10 December 2021, as published (its title and a
        # sentence): France's President had no country, France was no party.
        parsed = parse_transcript(
            "Pressekonferenz von Bundeskanzler Scholz und dem französischen Präsidenten Macron "
            "am 10. Dezember 2021 in Paris\n\nP Macron: Guten Tag, meine Damen und Herren!\n"
        )
        self.assertIn(("Macron", "französischen Präsidenten", "FR"), _people(parsed))
        self.assertIn("FR", parsed.countries)
        self.assertEqual(
            find_countries(
                "die Rolle der Europäischen Union, die deutsch-französische Arbeit im "
                "Normandie-Format, Großbritannien und die Vereinigten Staaten"
            ),
            ["EU", "DE", "FR", "GB", "US"],
        )
        # English words are left alone: "Chinese" is China's, a school no Swiss one.
        self.assertEqual(find_countries("Van der Bellen met a Chinese delegation"), ["CN"])

    def test_photo_credits_are_no_text(self):
        parsed = parse_transcript(
            "Meeting with Prime Minister of Kyrgyzstan Adylbek Kasymaliyev\n\n"
            "10 December 2024\n\nPhoto: Government House press service\n\n"
            "Mikhail Mishustin: I am pleased to welcome you.\n\nPhoto: Dmitry Astakhov\n\n"
            "Adylbek Kasymaliyev: Thank you.\n"
        )
        self.assertEqual(
            [s.text for s in parsed.statements], ["I am pleased to welcome you.", "Thank you."]
        )

    def test_a_participant_list_on_one_line_is_no_turn(self):
        parsed = parse_transcript(
            "Memorandum of Conversation\n\nMoscow, May 27, 1972\n\n"
            "Participants: Leonid I. Brezhnev, General Secretary; Henry A. Kissinger, "
            "Assistant to the President\n\nBrezhnev: Hello.\n\nKissinger: Hello.\n"
        )
        self.assertEqual(
            [(p.name, p.role) for p in parsed.participants],
            [
                ("Leonid I. Brezhnev", "General Secretary"),
                ("Henry A. Kissinger", "Assistant to the President"),
            ],
        )
        self.assertEqual(
            [s.speaker for s in parsed.statements], ["Leonid I. Brezhnev", "Henry A. Kissinger"]
        )

    def test_russian_title_names_its_counterpart_in_the_nominative(self):
        # Not "Касым-Жомартом Токаевым": the instrumental of the title, given back.
        parsed = parse_transcript(
            "Встреча с Президентом Казахстана Касым-Жомартом Токаевым\n\n"
            "3 апреля 2019 года, Москва, Кремль\n\nВ.Путин: Рад вас видеть.\n\n"
            "К.Токаев (как переведено): Спасибо.\n"
        )
        self.assertEqual(
            [(p.name, p.role) for p in parsed.participants],
            [("Касым-Жомарт Токаев", "Президент Казахстана"), ("В.Путин", "")],
        )
        self.assertEqual([s.speaker for s in parsed.statements], ["В.Путин", "Касым-Жомарт Токаев"])

    def test_day_first_numeric_date_line(self):
        parsed = parse_transcript(
            "Переговоры с Министром иностранных дел Турции\n\n12.03.2024, 15:00, Москва\n\n"
            "С.В.Лавров: Добрый день!\n"
        )
        self.assertEqual((parsed.date, parsed.place), (datetime.date(2024, 3, 12), "Москва"))

    def test_a_date_line_with_slashes_is_read_where_its_day_is_plain(self):
        from meetings.importers.dates import find_date

        self.assertEqual(find_date("06/25/2021")[0], datetime.date(2021, 6, 25))  # month first
        self.assertEqual(find_date("23/02/2022")[0], datetime.date(2022, 2, 23))  # day first
        # Either could be the month: neither is read.
        self.assertIsNone(find_date("06/10/2021")[0])
        parsed = parse_transcript(
            "Readout of President Biden’s Call with Prime Minister Kishida\n\n04/15/2022\n\n"
            "The two leaders spoke by telephone.\n"
        )
        self.assertEqual(parsed.date, datetime.date(2022, 4, 15))
        # Where the publisher is known, as it prints dates: the White House, month first
        # (9 January 2025, as MIL OSI republished it, its date line so printed).
        text = (
            "Post sponsored by\n\nSource: The White House\n\nReadout of President Joe Biden’s "
            "Call with President Joseph Aoun of Lebanon\n\n01/09/2025\n\nPresident Joseph R. "
            "Biden, Jr. spoke today with President Joseph Aoun of Lebanon. The Presidents agreed "
            "to implement the cessation of hostilities announced on November 26, 2024.\n"
        )
        self.assertEqual(parse_transcript(text).date, datetime.date(2025, 1, 9))
        # The same page with no word of its publisher: the date line is not guessed.
        bare = text.replace("Post sponsored by\n\nSource: The White House\n\n", "")
        self.assertNotEqual(parse_transcript(bare).date, datetime.date(2025, 9, 1))

    def test_weather_header_date_is_not_the_meeting_date(self):
        with self.assertRaisesMessage(TranscriptError, "no date found"):
            parse_transcript("71.5 F\nNew York\nTuesday, June 18, 2024\n\nTalks\n\nA: Hello.")

    def test_crawl_marker_gives_the_year_of_a_dateline(self):
        parsed = parse_transcript(
            " date 2024-03-25 Submit Release\nMeeting with deputies\n\nRUSSIA, March 25 - The meeting took place."
        )
        self.assertEqual(parsed.date, datetime.date(2024, 3, 25))


class PeriodLabelTests(SimpleTestCase):
    def test_q_and_role_name_labels_ending_in_a_period(self):
        parsed = parse_transcript(
            "Remarks in London\n\nJuly 10, 2023\n\n"
            "President Biden. All the flowers bloomed.\n\n"
            "Prime Minister Sunak. Well, Joe, welcome.\n\n"
            "President Biden. It's good to be back.\n\n"
            "Q. Mr. President, how was the call?\n\n"
            "President Biden. It was good."
        )
        self.assertEqual(
            [s.speaker_label for s in parsed.statements],
            ["President Biden", "Prime Minister Sunak", "President Biden", "Q", "President Biden"],
        )
        self.assertEqual(parsed.statements[3].speaker, None)
        self.assertEqual(parsed.statements[3].text, "Mr. President, how was the call?")

    def test_roster_rows_are_not_turns(self):
        parsed = parse_transcript(
            "Security Council meeting\n\nFebruary 23, 2022\n\n"
            "President: Mr. Nebenzia . . . . . . . . (Russian Federation)\n\n"
            "The President: I call on Ms. DiCarlo."
        )
        self.assertEqual([s.speaker_label for s in parsed.statements], ["The President"])

    def test_a_roster_flattened_onto_one_line_is_read_row_by_row(self):
        # A United Nations record's PDF as docslib flattened it (S/PV.8529, 20 May 2019,
        # cut short): the members, each country before its leaders and the representative
        # after, on one line; a line lost between the United Kingdom's and the United
        # States' rows ("Mr. Allen of America").
        parsed = parse_transcript(
            "United Nations S/ PV.8529\n\nSecurity Council Provisional Seventy-fourth year\n\n"
            "8529th meeting Monday, 20 May 2019, 3 p.m. New York\n\n"
            "President: Mr. Djani...... (Indonesia)\n\n"
            "Members: Belgium...... Mr. Pecsteen de Buytswerve China...... Mr. Ma Zhaoxu Côte "
            "d’Ivoire...... Mr. Adom Dominican Republic...... Mr. Singer Weisinger France "
            "...... Mr. Delattre Russian Federation...... Mr. Nebenzia United Kingdom of Great "
            "Britain and Northern Ireland . . Mr. Allen of America...... Mr. Cohen\n\n"
            "Mr. Heusgen (Germany): I would like to express my support.\n"
        )
        people = {p.name: p.country for p in parsed.participants}
        for name, country in [
            ("Djani", "ID"),
            ("Pecsteen de Buytswerve", "BE"),
            ("Ma Zhaoxu", "CN"),
            ("Adom", "CI"),
            ("Weisinger", "DO"),  # "Singer" is left out, as an occupation's word
            ("Delattre", "FR"),
            ("Nebenzia", "RU"),
            ("Allen", "GB"),
            ("Cohen", "US"),
            ("Heusgen", "DE"),
        ]:
            with self.subTest(name):
                self.assertEqual(people.get(name), country)


class MachineTranscriptTests(SimpleTestCase):
    def test_bracket_label_fragments_of_one_turn_are_merged(self):
        parsed = parse_transcript(
            "Oval Office meeting\n\nFebruary 28, 2025\n\n"
            "[Trump]: We have had\n[Trump]: some very good discussions.\n"
            "[Zelenskyy]: Thank you.\n[SPEAKER_16]: A question?\n[Trump]: Go ahead.",
        )
        self.assertEqual(
            [(s.speaker_label, s.text) for s in parsed.statements],
            [
                ("Trump", "We have had some very good discussions."),
                ("Zelenskyy", "Thank you."),
                ("SPEAKER_16", "A question?"),
                ("Trump", "Go ahead."),
            ],
        )
        self.assertIsNone(parsed.statements[2].speaker)


class NameResolutionTests(SimpleTestCase):
    def test_initial_label_resolves_to_the_full_name_in_the_title(self):
        parsed = parse_transcript(
            "Mikhail Mishustin arrived in China on a working visit\n\nNovember 3, 2025\n\n"
            "From the transcript:\n\nM. Mishustin: Dear Mr. Li Qiang, my dear friend!"
        )
        self.assertEqual([p.name for p in parsed.participants], ["Mikhail Mishustin"])
        self.assertEqual(parsed.statements[0].speaker, "Mikhail Mishustin")
        self.assertEqual(parsed.statements[0].speaker_label, "M. Mishustin")
        self.assertEqual(parsed.record_type, "excerpts")

    def test_a_particle_printed_apart_is_no_fuller_name(self):
        # whitehouse.gov, 6 August 2024: the title's spelling stays the record's.
        parsed = parse_transcript(
            "Readout of President Biden’s Call with Amir Sheikh Tamim Bin Hamad Al-Thani of "
            "Qatar\n\nAugust 6, 2024\n\nPresident Biden spoke today with Amir Sheikh Tamim Bin "
            "Hamad al Thani of Qatar to address their efforts to de-escalate tensions.\n"
        )
        self.assertIn("Tamim Bin Hamad Al-Thani", [p.name for p in parsed.participants])


class NumberedParagraphTests(SimpleTestCase):
    def test_glued_paragraph_numbers_are_dropped(self):
        parsed = parse_transcript(
            "Notes of Telephone Conversation, January 23, 1989\n\n"
            "1Chernyaev's notes of the call.\n\n2[…]\n\n3Bush: Secondly, thank you.\n\n"
            "4Gorbachev: Thank you.\n\n5Conversation recorded by V. Sukhodrev."
        )
        self.assertEqual([s.speaker_label for s in parsed.statements], ["Bush", "Gorbachev"])
        # The editor's note after the last turn is the record's note, not Gorbachev's words.
        self.assertEqual(parsed.statements[1].text, "Thank you.")
        self.assertEqual(parsed.notes, "Conversation recorded by V. Sukhodrev.")
        self.assertEqual(parsed.summary, "Chernyaev's notes of the call.")


class LabelNameTests(SimpleTestCase):
    """The person named at the end of a long label, without the office's or place's words."""

    def test_an_organisation_s_last_word_is_no_given_name(self):
        for label, name in [
            ("director of the Hermitage Mikhail Piotrovsky", "Mikhail Piotrovsky"),
            ("Director of the State Hermitage Mikhail Piotrovsky", "Mikhail Piotrovsky"),
            # A country's name before a name of three words: the name whole.
            (
                "President of the Philippines Gloria Macapagal Arroyo",
                "Gloria Macapagal Arroyo",
            ),
            (
                "Governor of Khanty-Mansi Autonomous Area – Yugra Natalya Komarova",
                "Natalya Komarova",
            ),
            ("Military Columnist From Komsomolskaya Pravda Viktor Baranets", "Viktor Baranets"),
            # A company named with an adjective runs on into the next word (kremlin.ru
            # 62060, 59793); after an institution's word, three words may be one name
            # (62612).
            (
                "President of the Alliance Group and President of Russian Platinum Musa Bazhayev",
                "Musa Bazhayev",
            ),
            ("Head of British Petroleum Robert Dudley", "Robert Dudley"),
            (
                "Chairperson of the African Union Commission Moussa Faki Mahamat",
                "Moussa Faki Mahamat",
            ),
            # Not made into a name of two words: what follows "the" is no person here.
            ("chosen to work at the 29th Winter Universiade", "29th Winter Universiade"),
            (
                "the federal law “On Ratifying the Prisoner Transfer Agreement",
                "Prisoner Transfer Agreement",
            ),
            # A father's name after "bin" is a name, whatever else the word is.
            ("President Sheikh Zayed bin Sultan Al Nahyan", "Zayed bin Sultan Al Nahyan"),
            ("Emperor Naruhito", "Naruhito"),
        ]:
            with self.subTest(label):
                self.assertEqual(split_label(label).name, name)

    def test_name_is_taken_without_the_words_of_an_office_or_place(self):
        for label, role, name in [
            (
                "Governor of Moscow Region Andrei Vorobyov",
                "Governor of Moscow Region",
                "Andrei Vorobyov",
            ),
            ("Mayor of Moscow Sergei Sobyanin", "Mayor of Moscow", "Sergei Sobyanin"),
            (
                "Minister of Healthcare Veronika Skvortsova",
                "Minister of Healthcare",
                "Veronika Skvortsova",
            ),
            (
                "Governor of Moscow Region Andrei Yuryevich Vorobyov",
                "Governor of Moscow Region",
                "Andrei Yuryevich Vorobyov",
            ),
            (
                "Director of the National Research Centre Kurchatov Institute Mikhail Kovalchuk",
                "Director of the National Research Centre Kurchatov Institute",
                "Mikhail Kovalchuk",
            ),
            (
                "President of the Russian Academy of Sciences Alexander Sergeyev",
                "President of the Russian Academy of Sciences",
                "Alexander Sergeyev",
            ),
            ("Ambassador Samantha Power", "Ambassador", "Samantha Power"),
            (
                "President of Indonesia Susilo Bambang Yudhoyono",
                "President of Indonesia",
                "Susilo Bambang Yudhoyono",
            ),
            (
                "President of Brazil Luiz Inacio Lula da Silva",
                "President of Brazil",
                "Luiz Inacio Lula da Silva",
            ),
            # A comma: the name first, or the office first and the name at the end.
            (
                "Valeriya Korableva, reporter at Channel One",
                "reporter at Channel One",
                "Valeriya Korableva",
            ),
            (
                "Minister of Civil Defence, Emergencies and Disaster Relief Vladimir Puchkov",
                "Minister of Civil Defence, Emergencies and Disaster Relief",
                "Vladimir Puchkov",
            ),
            (
                "President of Russia, Supreme Commander-in-Chief of Russia Vladimir Putin",
                "President of Russia, Supreme Commander-in-Chief of Russia",
                "Vladimir Putin",
            ),
            ("Lipetsk, Yevgeny Zaitsev", "Lipetsk", "Yevgeny Zaitsev"),
            (
                "Head of the Federal Service for the Oversight of Consumer Protection and "
                "Welfare Anna Popova",
                "Head of the Federal Service for the Oversight of Consumer Protection and Welfare",
                "Anna Popova",
            ),
            (
                "Secretary-General of the Organisation of the Islamic Conference (OIC) "
                "Ekmeleddin Ihsanoglu",
                "Secretary-General of the Organisation of the Islamic Conference (OIC)",
                "Ekmeleddin Ihsanoglu",
            ),
            # A sovereign's or a patriarch's style; a country of two words.
            ("King Mohammed VI of Morocco", "King of Morocco", "Mohammed VI"),
            (
                "Patriarch Kirill of Moscow and All Russia",
                "Patriarch of Moscow and All Russia",
                "Kirill",
            ),
            (
                "Crown Prince Mohammed Al Nahyan of Abu Dhabi",
                "Crown Prince of Abu Dhabi",
                "Mohammed Al Nahyan",
            ),
            (
                "King of Saudi Arabia Salman bin Abdulaziz",
                "King of Saudi Arabia",
                "Salman bin Abdulaziz",
            ),
            (
                "President of Sierra Leone Ernest Bai Koroma",
                "President of Sierra Leone",
                "Ernest Bai Koroma",
            ),
            # An office alone names nobody.
            (
                "Physical-Technical Institute of the Russian Academy of Sciences",
                "Physical-Technical Institute of the Russian Academy of Sciences",
                "",
            ),
        ]:
            with self.subTest(label):
                parts = split_label(label)
                self.assertEqual((parts.role, parts.name), (role, name))

    def test_a_long_office_before_the_name_is_still_a_label(self):
        for label in [
            "Head of the Communist Party faction in the State Duma Gennady Zyuganov",
            "chairman of the Board of Directors and President of Transneft Nikolai Tokarev",
            "President of the Union of European Football Associations (UEFA) Aleksander Čeferin",
            "DEPUTY CHIEF OF STAFF OF THE PRESIDENTIAL EXECUTIVE OFFICE AND PRESIDENTIAL PRESS "
            "SECRETARY DMITRY PESKOV",
            "Instructor-test-cosmonaut of the Gagarin Research and Test Cosmonaut Training "
            "Centre Fyodor Yurchikhin",
            "Russian Railways Chief Executive Officer – Chairman of the Executive Board Oleg "
            "Belozerov",
        ]:
            with self.subTest(label):
                self.assertEqual(label_kind(label), "person")
        self.assertIsNone(label_kind("President said that the talks went well in Moscow"))

    def test_a_label_broken_over_three_lines_is_one_label(self):
        parsed = parse_transcript(
            "Meeting on the epidemic\n\nMarch 24, 2020, Novo-Ogaryovo, Moscow Region\n\n"
            "Vladimir Putin: Good afternoon.\n\nHead of the Federal\n"
            "Service for the Oversight of Consumer Protection and Welfare and Chief Sanitary\n"
            "Physician of the Russian Federation Anna Popova: Mr President, colleagues.\n\n"
            "Vladimir Putin (Answering a question from a rector about the role of education in "
            "upward social mobility): Education matters.\n"
        )
        self.assertEqual(
            [(s.speaker, s.text) for s in parsed.statements],
            [
                ("Vladimir Putin", "Good afternoon."),
                ("Anna Popova", "Mr President, colleagues."),
                ("Vladimir Putin", "Education matters."),
            ],
        )

    def test_people_unnamed_are_labels_without_a_person(self):
        for label in [
            "Volunteers",
            "Volunteer (Passes a document to the President.)",
            "Call centre operator",
            "Question from Izhevsk",
            "Response from the hall",
        ]:
            with self.subTest(label):
                self.assertEqual(label_kind(label), "anonymous")

    def test_one_person_however_the_label_names_the_office(self):
        text = (
            "Meeting with Governor of Moscow Region Andrei Vorobyov\n\n"
            "May 10, 2024, 18:10, The Kremlin, Moscow\n\n"
            "Vladimir Putin: Good afternoon.\n\n"
            "Governor of Moscow Region Andrei Vorobyov: Good afternoon.\n\n"
            "Vladimir Putin: How is the region?\n\n"
            "Andrei Vorobyov: Well.\n"
        )
        parsed = parse_transcript(text)
        self.assertEqual(
            [(p.name, p.role) for p in parsed.participants],
            [("Vladimir Putin", ""), ("Andrei Vorobyov", "Governor of Moscow Region")],
        )
        self.assertEqual(
            [s.speaker for s in parsed.statements],
            ["Vladimir Putin", "Andrei Vorobyov", "Vladimir Putin", "Andrei Vorobyov"],
        )

    def test_a_sentence_title_gives_the_people_with_their_offices_only(self):
        assert_title_people(
            self,
            [
                # The sender and the addressee of a message.
                (
                    "President Vladimir Putin sent a message to Egyptian President Hosni Mubarak",
                    [("Vladimir Putin", "President"), ("Hosni Mubarak", "Egyptian President")],
                ),
                (
                    "Vladimir Putin sent a message of condolences to Queen of the United Kingdom "
                    "Elizabeth II",
                    [("Vladimir Putin", ""), ("Elizabeth II", "Queen of the United Kingdom")],
                ),
                (
                    "President Vladimir Putin met with former Japanese Prime Minister Yoshiro Mori",
                    [
                        ("Vladimir Putin", "President"),
                        ("Yoshiro Mori", "former Japanese Prime Minister"),
                    ],
                ),
                # An office of one hyphenated word is no part of the name.
                (
                    "Readout of President Biden’s Meeting with President-Elect Edmundo González "
                    "Urrutia of Venezuela",
                    [
                        ("Biden", "President"),
                        ("Edmundo González Urrutia", "President-Elect of Venezuela"),
                    ],
                ),
                # What follows "of the", "for" or "the" is an institution's or a law's name.
                ("President Vladimir Putin signed into law the Criminal Code", []),
                (
                    "President Vladimir Putin signed the Federal Law On Ratification of the "
                    "Consular Convention",
                    [],
                ),
                # The one appointed, with the office (not "Irkutsk Region").
                (
                    "Igor Kobzev appointed Acting Governor of Irkutsk Region",
                    [("Igor Kobzev", "Acting Governor of Irkutsk Region")],
                ),
                (
                    "Vladimir Putin took part in the opening of the Russian State Historical Archive",
                    [("Vladimir Putin", "")],
                ),
                # An office after someone named in passing is theirs, not the sender's
                # (kremlin.ru, 23 March 2020); nor is what follows an office of anyone.
                (
                    "Vladimir Putin sent a message to congratulate Aslan Bzhania on his election "
                    "as President of Abkhazia",
                    [("Vladimir Putin", "")],
                ),
                (
                    "Congratulations to Aslan Bzhania on his election as President of Abkhazia",
                    [("Aslan Bzhania", "President of Abkhazia")],
                ),
                # A sovereign's style before one name; a country, then what the title goes on to
                # say (kremlin.ru, 2002, 2019).
                (
                    "President Vladimir Putin sent a telegram to Emperor Akihito of Japan "
                    "congratulating him on his birthday",
                    [("Vladimir Putin", "President"), ("Akihito", "Emperor of Japan")],
                ),
                (
                    "Vladimir Putin sent greetings to Emperor Naruhito of Japan",
                    [("Vladimir Putin", ""), ("Naruhito", "Emperor of Japan")],
                ),
                (
                    "Patriarch Kirill of Moscow and All Russia",
                    [("Kirill", "Patriarch of Moscow and All Russia")],
                ),
                (
                    "Vladimir Putin congratulated pilot-cosmonaut Valentina Tereshkova, the "
                    "world’s first woman in space and a Hero of the Soviet Union, on her birthday",
                    [("Vladimir Putin", "")],
                ),
            ],
        )


class HardWrappedTitleTests(SimpleTestCase):
    """White House readouts as published, their lines wrapped at 72 characters as a copy
    by e-mail or a terminal leaves them."""

    def test_a_title_wrapped_at_the_width_of_its_text_is_whole(self):
        parsed = parse_transcript(
            "The White House\n\nBriefing Room\n\n"
            "Readout of President Joseph R. Biden, Jr. Call with King Abdullah II of\n"
            "Jordan\n\nApril 7, 2021\n\n"
            "President Joseph R. Biden, Jr. spoke today with King Abdullah II of\n"
            "Jordan to express strong U.S. support for Jordan and underscore the\n"
            "importance of King Abdullah II’s leadership to the United States and the\n"
            "region.\n"
        )
        self.assertEqual(
            parsed.title,
            "Readout of President Joseph R. Biden, Jr. Call with King Abdullah II of Jordan",
        )
        self.assertIn("JO", parsed.countries)
        self.assertTrue(parsed.summary.startswith("President Joseph R. Biden, Jr. spoke today"))

    def test_a_title_going_on_in_lower_case_is_no_sentence(self):
        parsed = parse_transcript(
            "Source: The White House\n\n"
            "Readout of President Joseph R. Biden, Jr. Call with Governor Greg Abbott\n"
            "of Texas\n\nFebruary 18, 2021\n\n"
            "President Joseph R. Biden, Jr. spoke this evening with Texas Governor\n"
            "Greg Abbott about the severe winter weather situation facing central and\n"
            "southern parts of the United States, including Texas.\n"
        )
        self.assertEqual(
            parsed.title,
            "Readout of President Joseph R. Biden, Jr. Call with Governor Greg Abbott of Texas",
        )

    def test_an_aggregators_counter_line_wrapped_is_no_title(self):
        # EIN Presswire's republication of kremlin.ru, 19 December 2012, wrapped at 72.
        title = "Congratulations to Park Geun-hye on her election as President\nof the Republic of Korea"
        parsed = parse_transcript(
            "There were 2,440 press releases posted in the last 24 hours and 330,828\n"
            "in the last 365 days.\n\n"
            + f"{title}\n\n"
            * 3
            + "RUSSIA, December 19 - Congratulations to Park Geun-hye on her election\n"
            "as President of the Republic of Korea\n\n19 December 2012\n\n"
            "Vladimir Putin sent a message of congratulations to Park Geun-hye on her\n"
            "election as President of the Republic of Korea.\n"
        )
        self.assertEqual(
            parsed.title,
            "Congratulations to Park Geun-hye on her election as President of the Republic "
            "of Korea",
        )
        self.assertIn("KR", parsed.countries)

    def test_a_long_title_wrapped_over_four_lines_is_whole(self):
        # kremlin.ru, 1 December 2001, wrapped at 72 characters.
        parsed = parse_transcript(
            "President Vladimir Putin held a meeting with Prosecutor General Vladimir\n"
            "Ustinov, Russia's Defence Minister Sergei Ivanov, Chief of General Staff\n"
            "Anatoly Kvashnin, and Commander-in-Chief of the Russian Navy Vladimir\n"
            "Kuroyedov\n\nDecember 1, 2001, 15:00, The Kremlin, Moscow\n\n"
            "Vladimir Putin first received the Prosecutor General who informed him\n"
            "of the interim results of the investigation into the causes of the Kursk\n"
            "nuclear submarine disaster.\n"
        )
        self.assertTrue(parsed.title.startswith("President Vladimir Putin held a meeting"))
        self.assertTrue(parsed.title.endswith("Russian Navy Vladimir Kuroyedov"))

    def test_a_wrapped_lead_is_no_title(self):
        # The same readout without its title: its first sentence names it, whole.
        parsed = parse_transcript(
            "February 18, 2021\n\n"
            "President Joseph R. Biden, Jr. spoke this evening with Texas Governor\n"
            "Greg Abbott about the severe winter weather situation facing central and\n"
            "southern parts of the United States, including Texas. The President and\n"
            "Governor discussed the steps the federal government is taking.\n"
        )
        self.assertEqual(
            parsed.title,
            "President Joseph R. Biden, Jr. spoke this evening with Texas Governor Greg Abbott "
            "about the severe winter weather situation facing central and southern parts of "
            "the United States, including Texas",
        )

    def test_lines_of_a_text_not_wrapped_stay_apart(self):
        parsed = parse_transcript(
            "Meeting with President of France Emmanuel Macron\n"
            "Vladimir Putin met with President of France Emmanuel Macron on the sidelines of "
            "the G20 summit, which is taking place in Hamburg this week.\n\n"
            "July 8, 2017, Hamburg\n\nVladimir Putin: Mr President, I am glad to see you.\n"
        )
        self.assertEqual(parsed.title, "Meeting with President of France Emmanuel Macron")


class UntitledSpeechTests(SimpleTestCase):
    def test_a_line_after_paragraphs_of_text_is_no_title(self):
        # The UN General Debate corpus (CC0), Russia's statement of 24 September 2022: one
        # paragraph a line, no title, no date, no speaker's name.
        text = "\n".join(
            [
                "We are meeting at a difficult and dramatic moment. Crises are growing, and the "
                "international security situation is deteriorating rapidly. Instead of honest "
                "dialogue and compromise, what we have is disinformation, coarse statements and "
                "provocations. The West’s policy is undermining trust in international "
                "institutions as bodies designed to reconcile different interests, and in "
                "international law as a guarantee of fairness and of the protection of the weak "
                "against arbitrary acts. We are witnessing negative trends in a concentrated "
                "fashion at the United Nations, which arose from the rubble of German fascism and"
                " Japanese militarism and was established to promote friendly relations and "
                "prevent conflicts among its members.",
                "Issues relating to the future world order are being decided today, as any "
                "unbiased observer can clearly see. The question is whether that world order will"
                " have a single hegemon that forces everyone else to live by its infamous rules, "
                "benefiting it alone, or whether we will have a democratic and fair world, free "
                "from blackmail and intimidation of anyone deemed undesirable, a world without "
                "neo-Nazism and neocolonialism.",
                "Western arrogance and American exceptionalism became especially destructive "
                "after the end of the Cold War. As long ago as 1991, Paul Wolfowitz, then the "
                "United States Deputy Secretary of Defense, in a conversation with NATO Supreme "
                "Allied Commander Europe Wesley Clark, acknowledged openly that",
                "“[wjith the end of the Cold War, we can now use our military with impunity.... "
                "And we’ve got five, maybe ten, years to clean up these old Soviet surrogate "
                "regimes like Iraq and Syria before the next superpower emerges to challenge us.”",
            ]
        )
        parsed = parse_transcript(text, default_date=datetime.date(2022, 9, 24))
        self.assertEqual(parsed.title, "We are meeting at a difficult and dramatic moment")
        # Who talked with whom in 1991, as the speech tells it, took no part.
        self.assertEqual(list(parsed.participants), [])


class MemorandumOfConversationTests(SimpleTestCase):
    def test_the_subject_of_a_memorandum_names_people_as_a_title_does(self):
        # FRUS 1989-92 vol. 31, document 216, as history.state.gov prints it (cut short).
        parsed = parse_transcript(
            "216. Memorandum of Telephone Conversation1\n\nSUBJECT\n\n"
            "  • Telcon with President Gorbachev of the USSR on May 27, 1991\n\n"
            "PARTICIPANTS\n\n  • The President\n  • President Mikhail Gorbachev\n"
            "  • Interpreter: Peter Afanasenko\n  • Notetaker: Nicholas Burns, NSC Staff\n\n"
            "President Gorbachev: Hello, Mr. President. (U)\n\n"
            "The President: Mikhail, how are you? (S)\n"
        )
        self.assertEqual(parsed.date, datetime.date(1991, 5, 27))
        people = {p.name: p.country for p in parsed.participants}
        self.assertEqual(people["Mikhail Gorbachev"], "SU")  # "of the USSR", the subject says
        self.assertIn("SU", parsed.countries)


class HonorificTests(SimpleTestCase):
    def test_indias_honorifics_say_the_speakers_country(self):
        # India's Ministry of External Affairs, 15 September 2022, as published (cut short).
        parsed = parse_transcript(
            "Media Center\n\nTranscript of Special Briefing by Foreign Secretary on Prime "
            "Minister’s visit to Uzbekistan for the SCO Summit (September 15, 2022)\n\n"
            "September 15, 2022\n\nShri Arindam Bagchi, Official Spokesperson: A very good "
            "morning to all of you.\n\nShri Vinay Kwatra, Foreign Secretary: Thank you very "
            "much Arindam.\n"
        )
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants],
            [("Arindam Bagchi", "IN"), ("Vinay Kwatra", "IN")],
        )
        self.assertEqual(list(parsed.countries), ["IN"])


def _people(parsed):
    return [(p.name, p.role, p.country) for p in parsed.participants]


class OfficeHolderTests(SimpleTestCase):
    def test_the_president_of_a_white_house_record_is_the_president_that_day(self):
        # whitehouse.gov, 15 November 2021, as an aggregator republished it (cut short):
        # "THE PRESIDENT:" once, after "PRESIDENT BIDEN:" and "PRESIDENT XI:".
        parsed = parse_transcript(
            "Post sponsored by\n\nSource: The White House\n\nRemarks by President Biden and "
            "President Xi of the People’s Republic of China Before Virtual Meeting\n\n"
            "November 15, 2021\n\nRoosevelt Room\n\n7:46 P.M. EST\n\n"
            "PRESIDENT BIDEN: Good to see you, Mr. President.\n\n"
            "PRESIDENT XI: (As interpreted.) Good to see you, Mr. President, and your "
            "colleagues.\n\nPRESIDENT BIDEN: Thank you.\n\nTHE PRESIDENT: Thank you.\n"
        )
        self.assertEqual([s.speaker for s in parsed.statements], ["Biden", "Xi", "Biden", "Biden"])
        self.assertEqual(parsed.unresolved_labels, ())

    def test_the_holder_is_known_by_the_day(self):
        self.assertEqual(
            office_holder("US", "The President", datetime.date(1991, 5, 27)), "George H.W. Bush"
        )
        self.assertEqual(
            office_holder("US", "President", datetime.date(2021, 1, 21)), "Joseph R. Biden"
        )
        self.assertIsNone(office_holder("US", "The President", datetime.date(2021, 1, 20)))
        self.assertIsNone(office_holder("US", "The President", None))
        self.assertEqual(
            office_holder("FR", "The President", datetime.date(2021, 1, 21)), "Emmanuel Macron"
        )
        self.assertIsNone(office_holder("FR", "Prime Minister", datetime.date(2021, 1, 21)))
        # Others' heads named by the office and the surname: "Federal Chancellor Gerhard
        # Schroeder" on a kremlin.ru page of 2004, "President Zelensky" however spelt.
        self.assertEqual(
            holder_country("Gerhard Schroeder", "Federal Chancellor", datetime.date(2004, 4, 2)),
            "DE",
        )
        self.assertEqual(holder_country("Zelensky", "President", datetime.date(2020, 1, 1)), "UA")
        self.assertEqual(holder_country("Kuchma", "President", datetime.date(2000, 1, 1)), "UA")
        self.assertIsNone(holder_country("Kuchma", "President", datetime.date(2010, 1, 1)))

    def test_a_readouts_lead_names_both_sides_in_full(self):
        # The shape of Japan's Foreign Ministry's readouts: the family name in capitals, each
        # office after its holder, "the Hon." before the guest's name.
        parsed = parse_transcript(
            "Japan-U.S. Foreign Ministers' Meeting\n\nNovember 7, 2023\n\nOn November 7, "
            "commencing at 3:25 p.m. (local time) for approximately 40 minutes, Ms. KAMIKAWA "
            "Yoko, Minister for Foreign Affairs of Japan, held a Japan-U.S. Foreign Ministers' "
            "Meeting with the Hon. Antony Blinken, Secretary of State of the United States of "
            "America, who was visiting Japan. The overview of the meeting is as follows.\n"
        )
        self.assertEqual(
            _people(parsed),
            [
                ("Kamikawa Yoko", "Minister for Foreign Affairs of Japan", "JP"),
                ("Antony Blinken", "Secretary of State of the United States of America", "US"),
            ],
        )
        # The State Department's readouts open with their section's name and whose words
        # they are (Federal News Network republishing one, 29 November 2022, cut short).
        parsed = parse_transcript(
            "Secretary Blinken’s Meeting with Slovak Foreign Minister Káčer\n\nNovember 29, "
            "2022\n\nOFFICE OF THE SPOKESPERSON\n\nThe following is attributable to "
            "Spokesperson Ned Price:\n\nSecretary of State Antony J. Blinken met today with "
            "Slovak Minister of Foreign and European Affairs Rastislav Káčer in Bucharest on "
            "the margins of the NATO Foreign Ministers’ Meeting.\n"
        )
        self.assertEqual(
            [p.name for p in parsed.participants], ["Antony J. Blinken", "Rastislav Káčer"]
        )
        # India's foreign minister, by his office alone: "External Affairs Minister".
        parsed = parse_transcript(
            "Secretary Blinken's Meeting with Indian External Affairs Minister Jaishankar\n\n"
            "September 28, 2023\n\nSecretary of State Antony J. Blinken met today with Indian "
            "External Affairs Minister Dr. S. Jaishankar in Washington, D.C.\n"
        )
        self.assertEqual(
            _people(parsed),
            [
                ("Antony J. Blinken", "Secretary", "US"),
                ("S. Jaishankar", "Indian External Affairs Minister", "IN"),
            ],
        )

    def test_an_office_after_a_comma_is_of_the_name_just_before_it(self):
        # kremlin.ru, 5 March 2020, as published (cut short): the office after the comma is
        # the late Perez de Cuellar's, not Putin's (he had been "former Secretary-General of
        # the United Nations", of the UN).
        parsed = parse_transcript(
            "Condolences to UN Secretary-General Antonio Guterres\n\nVladimir Putin sent a "
            "message of condolences to Secretary-General of the United Nations Antonio\n"
            "Guterres over the passing of Javier Perez de Cuellar, former Secretary-General\n"
            "of the United Nations.\n\nMarch 5, 2020, 15:05\n\nThe message reads, in part.\n"
        )
        self.assertIn(("Vladimir Putin", "", "RU"), _people(parsed))
        self.assertEqual(sorted(parsed.countries), ["RU", "UN"])
        # "Said" is a name, no verb: "Sayyed Qaboos bin Said Al Bu Said, Sultan of Oman".
        self.assertIn(
            ("Sayyed Qaboos", "Sultan of Oman"),
            title_people(
                "President Vladimir Putin sent a message to Sayyed Qaboos bin Said Al Bu Said, "
                "Sultan of Oman"
            ),
        )

    def test_a_label_with_the_surname_in_capitals_and_the_office_after_it(self):
        # The shape of NATO's transcripts: "Given SURNAME (Office):"; a question with its
        # outlet in square brackets.
        parsed = parse_transcript(
            "Joint press conference by NATO Secretary General Jens Stoltenberg with the Prime "
            "Minister of Sweden, Ulf Kristersson\n\n04 Jul. 2023\n\n"
            "Oana LUNGESCU (NATO Spokesperson): Good afternoon.\n\n"
            "Jens STOLTENBERG (NATO Secretary General): Prime Minister Kristersson, dear Ulf.\n\n"
            "Ulf KRISTERSSON (Prime Minister of Sweden): Thank you, Jens.\n\n"
            "Question [Reuters]: Secretary General, will Sweden join before Vilnius?\n\n"
            "Jens STOLTENBERG (NATO Secretary General): I will not speculate.\n"
        )
        self.assertEqual(
            _people(parsed),
            [
                ("Oana Lungescu", "NATO Spokesperson", "XN"),
                ("Jens Stoltenberg", "NATO Secretary General", "XN"),
                ("Ulf Kristersson", "Prime Minister of Sweden", "SE"),
            ],
        )
        self.assertEqual(
            [s.speaker for s in parsed.statements],
            ["Oana Lungescu", "Jens Stoltenberg", "Ulf Kristersson", None, "Jens Stoltenberg"],
        )
        self.assertEqual(
            parsed.statements[3].text, "Secretary General, will Sweden join before Vilnius?"
        )
        # A country in the bracket stays a note of whose the speaker is; a White House "Q".
        self.assertEqual(
            split_label("Mr. Nebenzia (Russian Federation)").note, "Russian Federation"
        )
        self.assertEqual(split_label("Teri SCHULTZ [NPR]").name, "Teri Schultz")
        self.assertEqual(match_label("Q (Reuters): Will it?"), ("Q (Reuters)", "Will it?"))

    def test_a_sovereigns_number_stays_and_joins_the_whole_name(self):
        # The White House, 19 July 2021, as published (cut short): the label in capitals
        # had been "Abdullah Ii", a second person beside the title's.
        parsed = parse_transcript(
            "Remarks by President Biden and His Majesty King Abdullah II ibn Al Hussein, King "
            "of the Hashemite Kingdom of Jordan, Before Bilateral Meeting\n\nJuly 19, 2021\n\n"
            "PRESIDENT BIDEN: Well, it’s good to be with an old friend.\n\n"
            "KING ABDULLAH II: Thank you, sir.\n"
        )
        self.assertEqual(
            _people(parsed),
            [("Abdullah II ibn Al Hussein", "King", "JO"), ("Biden", "President", "US")],
        )
        self.assertEqual(split_label("KING ABDULLAH II").name, "Abdullah II")
        self.assertEqual(split_label("PRESIDENT XI").name, "Xi")

    def test_a_head_named_by_office_alone_is_of_the_other_side_of_two(self):
        # The Chinese embassy in Barbados, 5 August 2016, as published (cut short): no site
        # or agency says whose page it is; the other side's Secretary of State is named with
        # his country, China's Foreign Minister by the office alone, and so the page is
        # China's own.
        parsed = parse_transcript(
            "Home > China News\n"
            "Wang Yi Holds Telephone Talks with Secretary of State John Kerry of US\n\n"
            "On August 5, 2016, Foreign Minister Wang Yi held telephone talks at request with "
            "Secretary of State John Kerry of US, exchanging views on China-US relations, the "
            "Korean Peninsula situation and other topics.\n"
        )
        self.assertEqual(parsed.publisher_country, "CN")
        self.assertEqual(
            _people(parsed),
            [
                ("Wang Yi", "Foreign Minister", "CN"),
                ("John Kerry", "Secretary of State of US", "US"),
            ],
        )
        # kremlin.ru, 26 March 2013, as published (cut short): the host, by the office alone.
        parsed = parse_transcript(
            "Visit to South Africa\n\nVladimir Putin made a working visit to South Africa at "
            "the invitation of President Jacob Zuma.\n\nMarch 26, 2013, 21:00, Durban\n\n"
            "The two leaders had a meeting within the framework of Mr Putin’s visit.\n"
        )
        self.assertIn(("Jacob Zuma", "President", "ZA"), _people(parsed))
        # Not the publisher's own officials, whom its records name bare by every office of
        # theirs (kremlin.ru, 26 November 2019, as published, cut short).
        parsed = parse_transcript(
            "Meeting with Alexander Novak and Alexei Miller\n\nNovember 26, 2019, 15:35, "
            "Novo-Ogaryovo, Moscow Region\n\nVladimir Putin had a working meeting with\n"
            "Energy Minister Alexander Novak     and Gazprom CEO Alexei Miller     to discuss "
            "the readiness of the national energy system for the winter period.\n\n"
            "The Russian-Ukrainian\ncooperation in the energy sector was discussed separately.\n"
        )
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants if p.name != "Vladimir Putin"],
            [("Alexander Novak", None), ("Alexei Miller", None)],
        )

    def test_a_government_names_its_own_head_by_the_name_alone(self):
        # kremlin.ru, 31 January 2018, as published (cut short), with no site's marks: its own
        # President by his name, Turkey's with his office and country.
        parsed = parse_transcript(
            "Telephone conversation with Turkish President Recep Tayyip Erdogan\n\n"
            "Vladimir Putin had a telephone conversation with President of the Republic of "
            "Turkey Recep Tayyip\nErdogan.\n\nJanuary 31, 2018, 13:30\n\n"
            "The two leaders expressed satisfaction with the results of the January 30 Syrian "
            "National Dialogue Congress in Sochi.\n"
        )
        self.assertEqual(parsed.publisher_country, "RU")
        # kremlin.ru, 28 February 2013 (cut short): the lead opens with its own President,
        # and France's, named second, is no sign that the record is France's.
        parsed = parse_transcript(
            "Meeting with Russian and French business representatives\n\n"
            "Vladimir Putin and Francois Hollande met with Russian and French business "
            "representatives.\n\nFebruary 28, 2013, 14:00\n\n"
            "President of Russia Vladimir Putin: Mr President, ladies and gentlemen, good "
            "afternoon.\n"
        )
        self.assertIsNone(parsed.publisher_country)

    def test_more_governments_pages_as_they_print_them(self):
        # In the shapes of the Australian and Canadian Prime Ministers' sites and the
        # Élysée's: written for this test.
        parsed = parse_transcript(
            "Prime Minister of Australia\nMedia\nMeeting with Prime Minister Kishida of Japan\n"
            "Media release\nMonday 24 October 2022\nPrime Minister Anthony Albanese met with "
            "Prime Minister Kishida Fumio of Japan in Perth today.\n"
        )
        self.assertEqual(parsed.title, "Meeting with Prime Minister Kishida of Japan")
        self.assertEqual(parsed.publisher_country, "AU")
        self.assertIn(("Anthony Albanese", "Prime Minister", "AU"), _people(parsed))
        parsed = parse_transcript(
            "Prime Minister Justin Trudeau speaks with President of Ukraine Volodymyr "
            "Zelenskyy\nFebruary 24, 2022\nOttawa, Ontario\n\nPrime Minister Justin Trudeau "
            "today spoke with the President of Ukraine, Volodymyr Zelenskyy.\n"
        )
        self.assertEqual(
            _people(parsed),
            [
                ("Justin Trudeau", "Prime Minister", "CA"),
                ("Volodymyr Zelenskyy", "President of Ukraine", "UA"),
            ],
        )
        parsed = parse_transcript(
            "Élysée\nEntretien téléphonique du Président de la République avec Joe Biden, "
            "Président des États-Unis d'Amérique\n15 mars 2024\nLe Président de la République "
            "s'est entretenu avec Joe Biden, Président des États-Unis d'Amérique.\n"
        )
        # Not "États-Unis d'Amérique", a person whose office is "Président des".
        self.assertEqual(
            _people(parsed), [("Joe Biden", "Président des États-Unis d'Amérique", "US")]
        )
        self.assertEqual((parsed.kind, parsed.publisher_country), ("telephone", "FR"))

    def test_other_governments_pages_say_whose_they_are_by_their_site_and_naming(self):
        # In the shape of the Ukrainian President's site and the German Government's:
        # written for this test.
        parsed = parse_transcript(
            "President of Ukraine Volodymyr Zelenskyy Official website\n"
            "Volodymyr Zelenskyy had a phone conversation with President of the United States "
            "Joseph Biden\n7 December 2021 - 20:15\n"
            "Volodymyr Zelenskyy had a phone conversation with President of the United States "
            "of America Joseph Biden.\n"
        )
        self.assertEqual(
            parsed.title,
            "Volodymyr Zelenskyy had a phone conversation with President of the United States "
            "Joseph Biden",
        )
        self.assertEqual((parsed.publisher_country, parsed.kind), ("UA", "telephone"))
        parsed = parse_transcript(
            "Federal Chancellor Scholz speaks with US President Biden by telephone\n"
            "Sunday, 13 February 2022\n"
            "Federal Chancellor Olaf Scholz today spoke with US President Joe Biden by "
            "telephone. The two discussed the situation at the Ukrainian-Russian border.\n"
        )
        self.assertEqual(
            _people(parsed),
            [("Olaf Scholz", "Federal Chancellor", "DE"), ("Joe Biden", "US President", "US")],
        )
        self.assertEqual(parsed.publisher_country, "DE")

    def test_a_holder_named_with_the_office_alone_has_the_offices_country(self):
        # The White House, 10 March 2022, a bare copy: no site says whose record it is, its
        # naming does (its Vice President by the office alone, Poland's President with his
        # country).
        parsed = parse_transcript(
            "Remarks by Vice President Harris and President Andrzej Duda of Poland in Joint "
            "Press Conference\n\nMarch 10, 2022\n\n*Belweder Palace Warsaw, Poland*\n\n"
            "PRESIDENT DUDA: (As interpreted.) Your Excellency and distinguished Madam Vice "
            "President, distinguished ladies and gentlemen.\n\n"
            "VICE PRESIDENT HARRIS: Thank you, Mr. President.\n"
        )
        self.assertEqual(parsed.publisher_country, "US")
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants],
            [("Harris", "US"), ("Andrzej Duda", "PL")],
        )
        self.assertEqual(sorted(parsed.countries), ["PL", "US"])
        day = datetime.date(2022, 3, 10)
        self.assertEqual(holder_country("Joseph R. Biden, Jr.", "President", day), "US")
        self.assertEqual(holder_country("Biden", "Vice President", datetime.date(2015, 1, 1)), "US")
        # "Secretary Blinken": the office a Secretary of State holds.
        self.assertEqual(holder_country("Antony J. Blinken", "Secretary", day), "US")
        self.assertIsNone(holder_country("Rubio", "Secretary", day))
        # Not the holder that day, another office, or none while the office stood empty.
        self.assertIsNone(holder_country("Trump", "President", day))
        self.assertIsNone(holder_country("Harris", "President", day))
        self.assertIsNone(holder_country("Biden", "Former President", datetime.date(2026, 1, 1)))
        self.assertIsNone(holder_country("Ford", "Vice President", datetime.date(1974, 9, 1)))
        # A holder's whole name that day, whatever the role says: "Vladimir Putin:" of a
        # transcript, "Joe Biden" of Joseph R. Biden, "В.Путин:" of a Russian one (the
        # initial of his given name); not a surname alone, another given name ("Sergei
        # Ivanov" of 2002, when Igor Ivanov was Foreign Minister), or a day the holder did
        # not hold the office.
        self.assertEqual(holder_country("Vladimir Putin", "", datetime.date(2020, 6, 26)), "RU")
        self.assertEqual(holder_country("Joe Biden", "", day), "US")
        self.assertEqual(holder_country("Sergei Lavrov", "", day), "RU")
        self.assertIsNone(holder_country("Putin", "", day))
        self.assertEqual(holder_country("V. Putin", "", day), "RU")
        self.assertEqual(holder_country("В.Путин", "", day), "RU")
        self.assertIsNone(holder_country("S. Putin", "", day))
        self.assertIsNone(holder_country("Sergei Ivanov", "", datetime.date(2002, 1, 1)))
        self.assertIsNone(holder_country("Vladimir Putin", "", datetime.date(1995, 1, 1)))

    def test_a_governments_readout_naming_its_head_by_office_alone_names_the_holder(self):
        # gov.uk, 14 June 2024, as published ("The Prime Minister" is never named), with
        # the page's address.
        text = (FIXTURES / "033_govuk-pm-biden-g7-2024-readout-nospeakers.txt").read_text()
        parsed = parse_transcript(
            "https://www.gov.uk/government/news/pm-meeting-with-president-biden-of-the-united-"
            "states-14-june-2024\n\n" + text
        )
        self.assertEqual(parsed.publisher_country, "GB")
        self.assertIn(("Rishi Sunak", "Prime Minister", "GB"), _people(parsed))
        # Or with the page's "From:" line, as GOV.UK prints it above the text.
        title, rest = text.split("\n", 1)
        parsed = parse_transcript(
            f"{title}\n\nFrom:\nPrime Minister's Office, 10 Downing Street and The Rt Hon Rishi "
            f"Sunak MP\nPublished\n14 June 2024\n\n{rest}"
        )
        self.assertEqual(parsed.publisher_country, "GB")
        self.assertEqual(parsed.source_name, "Prime Minister's Office, 10 Downing Street")
        self.assertIn(("Rishi Sunak", "Prime Minister", "GB"), _people(parsed))
        self.assertNotIn("From:", parsed.summary)
        # Without it, nothing says whose Prime Minister.
        parsed = parse_transcript(text)
        self.assertEqual([p.name for p in parsed.participants], ["Joe Biden"])
        self.assertEqual(office_holder("GB", "PM", datetime.date(2024, 7, 6)), "Keir Starmer")

    def test_the_publishers_own_officials_by_office_alone_take_part_and_say_no_more(self):
        # kremlin.ru, 25 January 2002, as published (cut short): Putin of Russia, by the
        # office he held that day; Azerbaijan, as before, from the lead.
        parsed = parse_transcript(
            "President Vladimir Putin and President Heydar Aliyev signed an agreement on the "
            "status and principles and terms of using the Daryal-type radar in Gabala\n\n"
            "January 25, 2002, 14:50, The Kremlin, Moscow\n\n"
            "The agreement granted the radar in Gabala the status of an information analysis "
            "centre owned by Azerbaijan.\n"
        )
        self.assertIn(("Vladimir Putin", "President", "RU"), _people(parsed))
        self.assertEqual(sorted(parsed.countries), ["AZ", "RU"])
        # A visit's host stays a party, though Putin's country is known now.
        parsed = parse_transcript(
            "President Vladimir Putin visited the Athens City Hall\n\n"
            "December 7, 2001, 18:00, Athens\n\n"
            "Mr Putin was given the honorary gold medal of Athens “For Services” and a symbolic "
            "gold key to the city.\n"
        )
        self.assertEqual(sorted(parsed.countries), ["GR", "RU"])
        day = datetime.date(2002, 1, 25)
        self.assertEqual(holder_country("Sergei Lavrov", "Foreign Minister", day), None)
        self.assertEqual(holder_country("Igor Ivanov", "Foreign Minister", day), "RU")
        # Another Ivanov, another office: "Defence Minister" is no Foreign Minister, nor is
        # Sergei Igor.
        self.assertIsNone(holder_country("Sergei Ivanov", "Defence Minister", day))
        self.assertIsNone(holder_country("Sergei Ivanov", "Foreign Minister", day))
        self.assertEqual(holder_country("Ivanov", "Minister", day), "RU")

    def test_a_memorandum_that_says_nothing_of_its_source_leaves_the_label_to_an_editor(self):
        parsed = parse_transcript(
            "Memorandum of Telephone Conversation\n\nSUBJECT\n\n"
            "  • Telcon with President Gorbachev of the USSR on May 27, 1991\n\n"
            "President Gorbachev: Hello, Mr. President. (U)\n\n"
            "The President: Mikhail, how are you? (S)\n"
        )
        self.assertEqual(parsed.unresolved_labels, ("The President",))


class WorkNamedInTitleTests(SimpleTestCase):
    def test_a_name_the_title_prints_opens_no_turn(self):
        # kremlin.ru, 13 January 2020, as published (cut short).
        parsed = parse_transcript(
            "New content published in the Putin: 20 years album\n\n"
            "More photos and videos, covering the period from 2005 to 2009, are now available "
            "at 20.kremlin.ru.\n\nJanuary 13, 2020, 17:00\n\n"
            "Putin: 20 years (20.kremlin.ru/en) is an album of archival\nphotographs and "
            "video footage, mainly by Vladimir Putin’s personal photographers\nand camera "
            "team.\n"
        )
        self.assertEqual(list(parsed.statements), [])
        self.assertIn("is an album of archival", parsed.summary)


class RussianTitleTests(SimpleTestCase):
    """Russian declines names and offices: who a Russian title or lead names is given back
    in the nominative, with the office they hold."""

    def test_names_and_offices_in_any_case_are_given_back_in_the_nominative(self):
        cases = {
            # kremlin.ru's titles name the counterpart in the instrumental.
            "Встреча с Президентом Азербайджана Ильхамом Алиевым": [
                ("Ильхам Алиев", "Президент Азербайджана")
            ],
            "Телефонный разговор с Президентом Франции Эммануэлем Макроном": [
                ("Эммануэль Макрон", "Президент Франции")
            ],
            # A name the dictionary does not know loses its ending by rule; an indeclinable
            # one stays as it is.
            "Встреча с Федеральным канцлером Германии Олафом Шольцем": [
                ("Олаф Шольц", "Федеральный канцлер Германии")
            ],
            "Встреча с Премьер-министром Индии Нарендрой Моди": [
                ("Нарендра Моди", "Премьер-министр Индии")
            ],
            "Переговоры с Президентом Китая Си Цзиньпином": [("Си Цзиньпин", "Президент Китая")],
            # The office's own words, and a state's style, are the role, not the name.
            "Встреча с Министром иностранных дел Китайской Народной Республики Ван И": [
                ("Ван И", "Министр иностранных дел Китайской Народной Республики")
            ],
            "Встреча с Генеральным секретарём ООН Антониу Гутеррешем": [
                ("Антониу Гутерреш", "Генеральный секретарь ООН")
            ],
            # A lead's subject in the nominative or the genitive, the other in the accusative.
            "Владимир Путин принял в Кремле государственного секретаря Соединённых Штатов "
            "Америки Джона Керри": [
                ("Владимир Путин", ""),
                ("Джон Керри", "Государственный секретарь Соединённых Штатов Америки"),
            ],
            "Состоялся телефонный разговор Владимира Путина с Президентом Французской "
            "Республики Эммануэлем Макроном": [
                ("Владимир Путин", ""),
                ("Эммануэль Макрон", "Президент Французской Республики"),
            ],
            "Переговоры России и Азербайджана": [],
            # mid.ru's titles: initials and surname, declined too.
            "Выступление и ответы на вопросы СМИ Министра иностранных дел России С.В.Лаврова": [
                ("С.В.Лавров", "Министр иностранных дел России")
            ],
            "Переговоры С.В.Лаврова с Министром иностранных дел Турции М.Чавушоглу": [
                ("С.В.Лавров", ""),
                ("М.Чавушоглу", "Министр иностранных дел Турции"),
            ],
        }
        assert_title_people(self, cases.items())

    def test_a_russian_page_names_both_sides_with_their_offices_and_countries(self):
        # In the shape of kremlin.ru's Russian pages (written for this test): the labels give
        # initials and surnames, the title and the lead the whole names, declined.
        parsed = parse_transcript(
            "Встреча с Президентом Азербайджана Ильхамом Алиевым\n\n"
            "Владимир Путин провёл переговоры с Президентом Азербайджанской Республики "
            "Ильхамом Алиевым, находящимся в России с официальным визитом.\n\n"
            "22 февраля 2022 года, 15:40, Москва, Кремль\n\n"
            "В.Путин: Уважаемый господин Президент! Рад Вас видеть в Москве.\n\n"
            "И.Алиев: Уважаемый Владимир Владимирович! Благодарю Вас за приглашение.\n"
        )
        self.assertEqual(
            _people(parsed),
            [
                ("Ильхам Алиев", "Президент Азербайджана", "AZ"),
                ("Владимир Путин", "", "RU"),
            ],
        )
        self.assertEqual([s.speaker for s in parsed.statements], ["Владимир Путин", "Ильхам Алиев"])
        self.assertEqual(sorted(parsed.countries), ["AZ", "RU"])
        # The page copied whole: the site's name above it says whose it is.
        parsed = parse_transcript(
            "Президент России\n\nВстреча с Президентом Азербайджана Ильхамом Алиевым\n\n"
            "22 февраля 2022 года, 15:40, Москва, Кремль\n\nВ.Путин: Рад Вас видеть.\n"
        )
        self.assertEqual(parsed.title, "Встреча с Президентом Азербайджана Ильхамом Алиевым")
        self.assertEqual((parsed.publisher_country, parsed.source_name), ("RU", "kremlin.ru"))


class PublisherTests(SimpleTestCase):
    def test_a_page_of_whitehouse_gov_since_2025_copied_whole(self):
        # Its menu above the title and again after the text; "END" and the time. Written in
        # the site's shape for this test.
        parsed = parse_transcript(
            "Skip to content\nThe White House\nNews\nAdministration\nIssues\nContact\nSearch\n"
            "Briefings & Statements\nPresidential Actions\nRemarks\n"
            "Remarks by President Trump and Prime Minister Modi of India in Joint Press "
            "Conference\nRemarks\nFebruary 13, 2025\nEast Room\n5:24 P.M. EST\n\n"
            "PRESIDENT TRUMP:  Well, thank you very much.\n\n"
            "PRIME MINISTER MODI:  (As interpreted.)  Thank you, Mr. President.\n\n"
            "PRESIDENT TRUMP:  We'll be reciprocal.\n\nEND  6:02 P.M. EST\n\n"
            "News\nAdministration\nIssues\nThe White House\n1600 Pennsylvania Ave NW\n"
            "Washington, DC 20500\nWH.GOV\nCopyright\nPrivacy\n"
        )
        self.assertEqual(
            parsed.title,
            "Remarks by President Trump and Prime Minister Modi of India in Joint Press Conference",
        )
        self.assertEqual((parsed.kind, parsed.publisher_country), ("news_conference", "US"))
        self.assertEqual(parsed.statements[-1].text, "We'll be reciprocal.")
        self.assertEqual(parsed.notes, "END  6:02 P.M. EST")

    def test_the_german_chancellors_site_header_says_whose_record_it_is(self):
        # bundeskanzler.de, 10 December 2021, as a browser copies the page (cut short).
        parsed = parse_transcript(
            "Pressekonferenz von Bundeskanzler Scholz und dem französischen Präsidenten Macron "
            "am 10. Dezember 2021 in Paris\n\n  • Bundeskanzler \u23d0 Startseite\n"
            "  • Olaf Scholz\n\n  • Aktuelles\n\n  • Kanzleramt\n\n"
            "P Macron: Guten Tag, meine Damen und Herren! Herr Bundeskanzler, lieber Olaf, "
            "vielen Dank, dass du heute in Paris zu deinem ersten Auslandsbesuch bist.\n"
        )
        self.assertEqual(parsed.date, datetime.date(2021, 12, 10))
        self.assertEqual(parsed.publisher_country, "DE")
        self.assertIn(("Olaf Scholz", "DE"), [(p.name, p.country) for p in parsed.participants])
        self.assertIn("DE", parsed.countries)
        self.assertNotIn("Bundeskanzler", parsed.summary)

    def test_a_governments_sites_say_whose_record_it_is(self):
        from meetings.importers.countries import publisher_country

        for url, country in [
            (
                "https://www.bundeskanzler.de/bk-de/aktuelles/pressekonferenz-von-bundeskanzler-"
                "scholz-und-dem-franzoesischen-praesidenten-macron-am-10-dezember-2021-in-paris-"
                "1990796",
                "DE",
            ),
            ("https://history.state.gov/historicaldocuments/frus1989-92v31/d216", "US"),
            ("http://en.kremlin.ru/events/president/news/54102", "RU"),
            ("https://example.org/news", None),
        ]:
            with self.subTest(url):
                self.assertEqual(publisher_country(url), country)
