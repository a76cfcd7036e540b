"""Encounters: one contact, all its records. The rules on their own (meetings/encounters.py
`group`, no database), then real documents imported, counted, shown, compared, exported and
corrected by an editor."""

import datetime
import io
import json
import re
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from meetings import compare
from meetings.encounters import Record, encounter_title, group, principals, regroup_all
from meetings.models import Country, Encounter, Meeting
from tests.factories import temp_folder

FIXTURES = Path(__file__).parent / "fixtures"
TRANSCRIPTS = FIXTURES / "transcripts"
ENCOUNTERS = FIXTURES / "encounters"
D = datetime.date(2017, 4, 27)
NEXT = D + datetime.timedelta(days=1)
RU_JP = frozenset({"RU", "JP"})


def record(
    pk,
    *,
    date=D,
    sides=RU_JP,
    named=(2,),
    everyone=(1, 2),
    locked=None,
    home="RU",
    kind="meeting",
    forums=(),
):
    """A record of Putin (1) and Abe (2), its title naming Abe, published by the Kremlin:
    everyone but Putin is of the other side."""
    return Record(
        pk=pk,
        date=date,
        sides=frozenset(sides),
        principals=frozenset(named),
        everyone=frozenset(everyone),
        kind=kind,
        locked=locked,
        publisher=home,
        home=home or "RU",
        foreign=frozenset(everyone) - {1},
        forums=frozenset(forums),
        multilateral=bool(forums),
    )


def groups(records):
    return sorted(group(records))


class GroupingTests(SimpleTestCase):
    def test_the_talks_and_the_press_statements_after_them_are_one(self):
        # "Meeting with Prime Minister of Japan Shinzo Abe", "Press statements following
        # Russian-Japanese talks" (naming nobody; Putin and Abe speak).
        self.assertEqual(groups([record(1), record(2, named=())]), [[1, 2]])

    def test_two_counterparts_of_one_day_are_two_contacts(self):
        # Xi Jinping (2) and Li Keqiang (3), 14 May 2017: the same sides, other people.
        self.assertEqual(groups([record(1), record(2, named=(3,), everyone=(1, 3))]), [[1], [2]])

    def test_a_record_naming_nobody_joins_the_contact_whose_counterpart_takes_part(self):
        records = [
            record(1),
            record(2, named=(3,), everyone=(1, 3)),
            record(3, named=(), everyone=(1, 3)),  # "Russian-Chinese talks", Li speaking
        ]
        self.assertEqual(groups(records), [[1], [2, 3]])

    def test_a_record_of_someone_else_is_not_the_days_one_contact(self):
        # "Russian-Chinese talks" with Xi on the day of "Meeting with Li Keqiang".
        records = [
            record(1),
            record(2, named=(), everyone=(1, 3)),
            record(3, named=(), everyone=(1, 3)),
        ]
        self.assertEqual(groups(records), [[1], [2, 3]])

    def test_a_visits_event_naming_nobody_joins_the_days_one_contact(self):
        # "Vladimir Putin arrived in Tokyo": Putin alone.
        self.assertEqual(groups([record(1), record(2, named=(), everyone=(1,))]), [[1, 2]])

    def test_a_visits_day_of_records_naming_nobody_is_the_days_one_contact(self):
        # Vienna, 5 June 2018: the talks with Kurz, "Meeting with Russian and Austrian
        # business leaders" (Putin alone named) and "Wreath-laying ceremony at the monument
        # to Soviet liberators" (nobody named, Austria its only side).
        records = [
            record(1),
            record(2, named=(), everyone=(1,)),
            record(3, sides={"JP"}, named=(), everyone=()),
        ]
        self.assertEqual(groups(records), [[1, 2, 3]])
        # A day of a call: no visit's events.
        call = Record(
            pk=1,
            date=D,
            sides=RU_JP,
            principals=frozenset({2}),
            kind="telephone",
            everyone=frozenset({1, 2}),
            publisher="RU",
        )
        self.assertEqual(groups([call, record(3, sides={"JP"}, named=(), everyone=())]), [[1], [3]])

    def test_a_visits_event_of_a_day_of_two_contacts_stays_apart(self):
        records = [
            record(1),
            record(2, named=(3,), everyone=(1, 3)),
            record(3, named=(), everyone=(1,)),
        ]
        self.assertEqual(groups(records), [[1], [2], [3]])

    def test_a_visits_event_is_of_the_contact_whose_counterpart_takes_part_in_most(self):
        # Beijing, 8 June 2018: "Meeting with Premier of the State Council of China Li
        # Keqiang" (3, named), "Russian-Chinese talks" and "Vladimir Putin awarded the
        # Chinese Order of Friendship" (Xi, 2, taking part; neither title names him),
        # "Vladimir Putin arrived in China" and "Vladimir Putin visited Tianjin" (Putin
        # alone): the arrival is of the visit's talks, not of the meeting with Li.
        records = [
            record(1, named=(3,), everyone=(1, 3)),
            record(2, named=()),
            record(3, named=()),
            record(4, named=(), everyone=(1,)),
            record(5, named=(), everyone=(1,)),
        ]
        self.assertEqual(groups(records), [[1], [2, 3, 4, 5]])

    def test_a_visits_event_is_of_the_contact_whose_guest_takes_part_not_whose_host_does(self):
        # Yerevan, 15 September 2001: "Russian President Vladimir Putin met with Karekin II"
        # (3), the talks with Kocharian (2) and their news conference, every title naming
        # Putin (1) too; "President Vladimir Putin laid a wreath at the Armenian Genocide
        # Memorial" and "... addressed the National Assembly of Armenia" (Putin alone). Putin
        # takes part in every record of the day: he is no counterpart of either contact.
        records = [
            record(1, named=(1, 3), everyone=(1, 3)),
            record(2, named=(1, 2)),
            record(3, named=(1, 2)),
            record(4, named=(), everyone=(1,)),
            record(5, named=(), everyone=(1,)),
        ]
        self.assertEqual(groups(records), [[1], [2, 3, 4, 5]])

    def test_a_visits_event_is_no_part_of_a_call(self):
        # Ankara, 3 April 2018: "Vladimir Putin arrived in Ankara", the High-Level
        # Cooperation Council with Erdogan (2, not named), and the telephone conversation
        # with Patriarch Bartholomew (5) that day.
        records = [
            record(1, named=(5,), everyone=(1, 5), kind="telephone"),
            record(2, named=(), everyone=(1,)),
            record(3, named=()),
        ]
        self.assertEqual(groups(records), [[1], [2, 3]])
        # With the call alone, the arrival is a contact of its own.
        self.assertEqual(groups(records[:2]), [[1], [2]])

    def test_two_gatherings_of_one_day_are_two_contacts(self):
        # Hamburg, 7 July 2017: "BRICS Leaders' Meeting" and "G20 Summit. Day One", both
        # naming nobody, given the same sides.
        records = [
            record(1, named=(), everyone=(1,), forums={"BRICS"}),
            record(2, named=(), everyone=(1,), forums={"G20"}),
        ]
        self.assertEqual(groups(records), [[1], [2]])
        # One gathering's records are one contact, beside the day's others: "BRICS
        # leaders' meeting" and "Meeting with BRICS Business Council members", Brasilia,
        # 14 November 2019, the day of the meetings with Bolsonaro (2) and a rector (3).
        records = [
            record(1),
            record(2, named=(3,), everyone=(1, 3)),
            record(3, named=(), everyone=(1,), forums={"BRICS"}),
            record(4, named=(), everyone=(1,), forums={"BRICS"}),
        ]
        self.assertEqual(groups(records), [[1], [2], [3, 4]])

    def test_a_gathering_of_many_is_told_by_its_title(self):
        from meetings.encounters import of_many

        for title, many in [
            ("Shanghai Cooperation Organisation summit", True),
            ("World Energy Congress in Istanbul", True),
            ("G20 Summit. Day One", True),
            # A news conference, a summit or forum of two sides: no gathering of many.
            ("News conference following Russian-Turkish talks", False),
            ("Presidents Vladimir Putin and Robert Kocharian addressed a news conference", False),
            ("A Russian-Bulgarian summit was held in Sofia", False),
            ("The 12th Russia-European Union summit was held in the capital of Italy", False),
            ("President Vladimir Putin addressed the Russia-Kyrgyzstan investment forum", False),
            ("Asia-Pacific Economic Cooperation summit", True),
        ]:
            with self.subTest(title):
                self.assertEqual(of_many(title), many)

    def test_an_arrival_for_a_gathering_is_of_it(self):
        # "The President of Russia arrived in Minsk for a CSTO Collective Security Council
        # meeting" and "CSTO summit", 30 November 2017.
        summit = {"RU", "BY", "AM", "KZ", "KG", "TJ"}
        arrival = record(1, sides={"RU", "BY"}, named=(), everyone=(), forums={"CSTO"})
        held = record(2, sides=summit, named=(), everyone=(1, 3, 4), forums={"CSTO"})
        self.assertEqual(groups([arrival, held]), [[1, 2]])
        # An arrival naming no gathering, or another one, may be for another contact.
        for forums in ((), {"SCO"}):
            other = record(1, sides={"RU", "BY"}, named=(), everyone=(), forums=forums)
            self.assertEqual(groups([other, held]), [[1], [2]])
        # Nor where the country holds a contact of its own that day.
        talks = record(3, sides={"RU", "BY"}, named=(5,), everyone=(1, 5))
        self.assertEqual(groups([arrival, held, talks]), [[1], [2], [3]])

    def test_another_day_of_the_same_government_is_another_contact(self):
        self.assertEqual(groups([record(1), record(2, date=NEXT)]), [[1], [2]])

    def test_the_other_sides_account_dated_the_day_after_is_the_same_contact(self):
        # AZERTAC dates its account of 22 February "Moscow, February 23".
        sides = {"RU", "AZ"}
        self.assertEqual(
            groups([record(1, sides=sides), record(2, sides=sides, date=NEXT, home="AZ")]),
            [[1, 2]],
        )

    def test_an_unknown_publisher_a_day_apart_is_not_joined(self):
        self.assertEqual(groups([record(1, home=""), record(2, date=NEXT, home="JP")]), [[1], [2]])

    def test_other_sides_are_another_contact(self):
        self.assertEqual(groups([record(1), record(2, sides={"RU", "CN"})]), [[1], [2]])

    def test_a_domestic_record_is_a_contact_of_its_own(self):
        records = [
            record(1),
            record(2, sides={"RU"}, named=(), everyone=(1,)),
            record(3, sides={"RU"}, named=(5,), everyone=(1, 5)),
        ]
        self.assertEqual(groups(records), [[1], [2], [3]])

    def test_a_record_of_one_side_naming_the_days_counterpart_joins_it(self):
        # "Congratulations to Prime Minister of Japan Shinzo Abe": Japan only.
        self.assertEqual(groups([record(1), record(2, sides={"JP"}, everyone=(2,))]), [[1, 2]])

    def test_fewer_named_within_more_are_one_where_only_one_fits(self):
        # The White House's "Remarks by President Biden and Prime Minister Suga" and
        # kremlin.ru's "Telephone conversation with Joseph Biden".
        self.assertEqual(groups([record(1, named=(2,)), record(2, named=(1, 2))]), [[1, 2]])

    def test_the_order_of_the_records_does_not_matter(self):
        records = [
            record(1),
            record(2, named=(3,), everyone=(1, 3)),
            record(3, named=(), everyone=(1,)),
            record(4, date=NEXT, home="JP"),
            record(5, named=(), everyone=(1, 2, 9)),
            record(6, sides={"JP"}, everyone=(2,)),
        ]
        self.assertEqual(groups(records), groups(list(reversed(records))))

    def test_an_editors_split_stays(self):
        records = [record(1, locked=10), record(2, locked=11), record(3)]
        # 3 fits both: which one is not known, so it is left apart.
        self.assertEqual(groups(records), [[1], [2], [3]])

    def test_an_editors_join_stays_and_takes_what_fits_it(self):
        records = [
            record(1, locked=10),
            record(2, sides={"RU", "CN"}, named=(7,), everyone=(1, 7), locked=10),
            record(3),
        ]
        self.assertEqual(groups(records), [[1, 2, 3]])

    def test_an_encounter_is_named_by_who_met_whom(self):
        putin = (1, "Vladimir Putin", "Vladimir Putin", "RU")
        xi, battulga = (
            (2, "Xi Jinping", "Xi Jinping", "CN"),
            (3, "Battulga", "Khaltmaagiin Battulga", "MN"),
        )
        trilateral = "Meeting with Chinese President Xi Jinping and Mongolian President Khaltmaagiin Battulga"
        self.assertEqual(
            encounter_title([(trilateral, [putin, xi, battulga])]),
            "Xi Jinping, Khaltmaagiin Battulga, Vladimir Putin",
        )
        biden, kishida = (
            (4, "Biden", "Joseph R. Biden", "US"),
            (5, "Kishida Fumio", "Kishida Fumio", "JP"),
        )
        press_secretary = (6, "Jean-Pierre", "Jean-Pierre", None)
        conference = "Remarks by President Biden and Prime Minister Kishida Fumio of Japan in Joint Press Conference"
        self.assertEqual(
            encounter_title([(conference, [biden, kishida, press_secretary])]),
            "Joseph R. Biden and Kishida Fumio",
        )
        # A title naming one, and nobody's country known: the first other participant.
        abe = (7, "Shinzo Abe", "Shinzo Abe", None)
        nowhere = (1, "Vladimir Putin", "Vladimir Putin", None)
        self.assertEqual(
            encounter_title([("Meeting with Shinzo Abe", [nowhere, abe])]),
            "Shinzo Abe and Vladimir Putin",
        )
        self.assertEqual(
            encounter_title([("BRICS leaders’ meeting", [putin, xi, battulga])]),
            "Vladimir Putin, Xi Jinping, Khaltmaagiin Battulga",
        )
        # Only the publisher's own known (Brasilia, 14 November 2019): the records' words,
        # an arrival's last.
        self.assertEqual(
            encounter_title(
                [
                    ("Vladimir Putin arrived in Brasilia", [putin]),
                    ("BRICS leaders’ meeting", [putin]),
                    ("Meeting with BRICS Business Council members", [putin]),
                ]
            ),
            "BRICS leaders’ meeting",
        )
        self.assertEqual(
            encounter_title([("Vladimir Putin arrived in Brasilia", [putin])]),
            "Vladimir Putin arrived in Brasilia",
        )

    def test_principals_are_the_counterparts_the_title_names(self):
        participants = [
            (1, "Vladimir Putin", "Vladimir Putin", "RU"),
            (2, "Shinzo Abe", "Shinzo Abe", "JP"),
            (3, "Sergei Lavrov", "Sergei Lavrov", "RU"),
        ]
        self.assertEqual(
            principals("Meeting with Prime Minister of Japan Shinzo Abe", participants, "RU"),
            {2},
        )
        self.assertEqual(
            principals("Remarks by President Putin and Prime Minister Abe", participants, "RU"),
            {1, 2},
        )
        # Its own side's principal only, or nobody: no counterpart named.
        self.assertEqual(principals("Vladimir Putin arrived in Tokyo", participants, "RU"), set())
        self.assertEqual(principals("Russian-Japanese talks", participants, "RU"), set())


class CompareTests(SimpleTestCase):
    def side(self, statements, countries=(), people=()):
        return {
            "statements": statements,
            "text": "\n".join(t for _, _, t in statements),
            "countries": list(countries),
            "people": list(people),
        }

    def test_two_texts_of_the_same_words_are_aligned_and_their_differences_marked(self):
        a = self.side(
            [
                (1, "Putin", "Mr Prime Minister, friends, I am glad to see you in Moscow again."),
                (2, "Abe", "Thank you for the warm welcome in Moscow, and for the talks."),
            ]
        )
        b = self.side(
            [
                (
                    1,
                    "Putin",
                    "Mr Prime Minister, friends, I am pleased to see you in Moscow again.",
                ),
                (2, "Abe", "Thank you for the warm welcome in Moscow, and for the talks."),
            ]
        )
        result = compare.compare(a, b)
        self.assertEqual(result.mode, "statements")
        self.assertEqual(len(result.rows), 2)
        first, second = result.rows
        self.assertFalse(first.same)
        self.assertEqual([t for t, differs in first.a if differs], ["glad"])
        self.assertEqual([t for t, differs in first.b if differs], ["pleased"])
        self.assertTrue(second.same)
        self.assertEqual(result.differences, 1)

    def test_two_readouts_name_what_the_other_does_not(self):
        a = self.side(
            [
                (
                    None,
                    "",
                    "The leaders discussed the sanctions and trade, which grew by 16 percent "
                    "to $3.3 billion. They discussed sanctions again. Mishustin said the "
                    "Russian and Azerbaijani sides agreed. Mishustin thanked the Russian experts.",
                )
            ],
            countries=["Russia", "Azerbaijan"],
            people=["Mikhail Mishustin", "Ilham Aliyev"],
        )
        b = self.side(
            [
                (
                    None,
                    "",
                    "The leaders talked about energy projects and the pipeline. Energy "
                    "and the pipeline came first.",
                )
            ],
            countries=["Russia", "Azerbaijan", "Armenia"],
            people=["Ilham Aliyev", "Mikhail Mishustin"],
        )
        result = compare.compare(a, b)
        self.assertEqual(result.mode, "passages")
        named = {n.label: n for n in result.names}
        self.assertEqual(named["Countries"].only_b, ["Armenia"])
        self.assertEqual(named["People"].only_a, [])
        self.assertIn("sanctions", named["Topics"].only_a)
        # A person or a country named is no topic: they have their rows.
        topics = named["Topics"].only_a + named["Topics"].only_b + named["Topics"].both
        self.assertFalse({"mishustin", "azerbaijan", "russian"} & set(topics), topics)
        self.assertIn("pipeline", named["Topics"].only_b)
        self.assertEqual([f for f, _ in named["Figures"].only_a], ["16 percent", "$3.3 billion"])
        self.assertTrue(all(not row.matched for row in result.rows))

    def test_figures_are_sums_and_counts_not_days_or_names(self):
        # Sentences of the Abe talks of 27 April 2017 (kremlin.ru) and of the seed
        # (government.ru, 22 February 2022).
        a = self.side(
            [
                (
                    None,
                    "",
                    "The agenda included implementation of the agreements reached during Mr "
                    "Putin’s visit to Japan on December 15–16, 2016, and the prospects for "
                    "developing bilateral cooperation. More than 1,000 companies with Russian "
                    "capital work in Azerbaijan. We fight jointly Covid-19 and help each other. "
                    "The talks of 22 February and the G20 summit of 28–29 June came next. "
                    "This is the 30th anniversary of our relations.",
                )
            ]
        )
        b = self.side([(None, "", "Trade grew by 16 percent. It reached $3.3 billion.")])
        named = {n.label: n for n in compare.compare(a, b).names}
        # As printed ("1,000", not "1000"); not a day of a month, nor a day of a range of
        # them, nor a number in a name (Covid-19, G20), nor an ordinal.
        self.assertEqual([f for f, _ in named["Figures"].only_a], ["2016", "1,000"])
        self.assertEqual([f for f, _ in named["Figures"].only_b], ["16 percent", "$3.3 billion"])

    def test_topics_are_of_the_matter_not_of_the_manner(self):
        # The press statements after the Abe talks of 27 April 2017 (kremlin.ru), shortened;
        # a topic is what a record names twice or more.
        a = self.side(
            [
                (
                    None,
                    "",
                    "We discussed the opportunity of joint economic activity on the islands, "
                    "an opportunity we are delighted with. Russia’s investment in the islands "
                    "grew, and Russia’s trade increased. The former residents of the islands "
                    "may visit. Four projects are under way, four more are planned, and trade "
                    "increased. We are delighted.",
                )
            ],
            countries=["Russia", "Japan"],
        )
        b = self.side(
            [
                (
                    None,
                    "",
                    "The opportunities of joint activity were discussed, and the opportunities "
                    "of trade.",
                )
            ],
            countries=["Russia", "Japan"],
        )
        named = {n.label: n for n in compare.compare(a, b).names}
        topics = named["Topics"]
        self.assertIn("islands", topics.only_a)
        # One topic however it is inflected.
        self.assertNotIn("opportunity", topics.only_a)
        self.assertNotIn("opportunities", topics.only_b)
        # A named country's possessive is the country; a number, a participle and a
        # word that says how, not what, are no topics.
        every = set(topics.only_a + topics.only_b + topics.both)
        self.assertFalse({"russia's", "russia’s", "four", "delighted", "increased"} & every, every)

    def test_each_passage_is_beside_the_one_that_says_the_same(self):
        # The Mishustin–Aliyev meeting of 22 February 2022: government.ru's transcript and
        # AZERTAC's account, shortened.
        a = self.side(
            [
                (
                    None,
                    "",
                    "The sides discussed energy projects and transport corridors.\n"
                    "The sides discussed energy projects, transport corridors and the "
                    "pipeline to Europe.\n"
                    "We would like to continue these contacts organised by the Russian "
                    "Export Centre.",
                )
            ]
        )
        b = self.side(
            [
                (
                    None,
                    "",
                    "They discussed energy projects, transport corridors and the pipeline "
                    "to Europe.\n"
                    "Aliyev viewed the Coordination Centre of the Russian Government.",
                )
            ]
        )
        rows = compare.compare(a, b).rows
        paired = {row.a_position: row.b_position for row in rows if row.matched}
        # The second passage says what the other's first does, word for word; the first
        # only some of it. A country's name and one word more are no likeness.
        self.assertEqual(paired, {2: 1})

    def test_an_initial_or_a_title_ends_no_passage(self):
        # The White House's and India's readouts of the call of 5 June 2024.
        self.assertEqual(
            compare.sentences(
                "President Joseph R. Biden, Jr. spoke today with Prime Minister Narendra "
                "Modi of India. The two leaders emphasized their commitment.\n"
                "Prime Minister Shri Narendra Modi received a congratulatory call today from "
                "the President of the United States of America, H.E. Mr. Joseph R. Biden."
            ),
            [
                "President Joseph R. Biden, Jr. spoke today with Prime Minister Narendra Modi "
                "of India.",
                "The two leaders emphasized their commitment.",
                "Prime Minister Shri Narendra Modi received a congratulatory call today from "
                "the President of the United States of America, H.E. Mr. Joseph R. Biden.",
            ],
        )

    def test_the_words_of_each_record_are_read_once(self):
        # They had been read again for each topic: two long news conferences took 14 s.
        words = [f"topic{x}{y}" for x in "abcdefgh" for y in "abcdefgh"]
        text = " ".join(f"{w} {w} word" for w in words)
        a = self.side([(None, "", text)])
        b = self.side([(None, "", text.replace("word", "other"))])
        with mock.patch.object(compare, "_stems", wraps=compare._stems) as stems:
            compare.compare(a, b)
        self.assertEqual(stems.call_count, 2)

    def test_records_in_two_languages_have_their_words_left_alone(self):
        a = self.side([(1, "Путин", "Добрый день, уважаемые коллеги.")])
        b = self.side([(1, "Putin", "Good afternoon, colleagues.")])
        result = compare.compare(a, b)
        self.assertIn("different languages", result.note)
        self.assertEqual(result.rows, [])


# -- real documents ----------------------------------------------------------------------------

# The contacts a year of five pairs, counted by hand from the titles and dates of every shared
# page of each pair (tests/fixtures/encounters; SOURCES.tsv says where each came from): the
# number of gold encounters of each, as ../shared/score_encounters.py forms them.
PAIRS = {
    # 30 July 2016: the chapel at the Vršič Pass, the monument, the meeting with Pahor.
    ("RU", "SI"): {2016: (1, 3)},
    # 2017: the call of 7 March; 28 August, the arrival and the Judo Championships (the
    # meeting with Mongolia's president in Budapest that day is Mongolia's).
    ("HU", "RU"): {2013: (1, 1), 2016: (1, 1), 2017: (2, 3), 2018: (1, 1)},
    # 11 September 2023: President Thuong twice (the luncheon, before the meeting), Prime
    # Minister Chinh once: two contacts; Harris and Chinh in 2021; the call with Trong.
    ("US", "VN"): {2021: (1, 1), 2023: (3, 4)},
    # 10 April 2024: the arrival ceremony and the joint press conference, one; 11 April,
    # Harris and Blinken with Kishida, another; the Quad, the trilaterals, the calls.
    ("JP", "US"): {2021: (2, 2), 2022: (3, 3), 2023: (4, 4), 2024: (3, 4), 2025: (1, 1)},
    # 26 April 2023: the arrival ceremony and the remarks before the meeting, one; the state
    # dinner of 27 April, another day; Harris and Yoon at NASA on 25 April.
    ("KR", "US"): {2022: (2, 2), 2023: (5, 6), 2024: (1, 1)},
}
COUNTRIES = {
    "SI": {2016: (1, 3)},
    "HU": {2013: (1, 1), 2016: (1, 1), 2017: (2, 3), 2018: (1, 1)},
    "VN": {2021: (1, 1), 2023: (3, 4)},
    "KR": {2022: (2, 2), 2023: (5, 6), 2024: (1, 1)},
}


def documents():
    return [
        TRANSCRIPTS / "000_seed-mishustin-aliyev-2022-full.txt",
        TRANSCRIPTS / "013_presidentaz-putin-aliyev-2022-said-dash.txt",
        *sorted(ENCOUNTERS.glob("*.txt")),
    ]


def import_documents(paths):
    call_command("import_meetings", *map(str, paths), "--no-progress", stdout=io.StringIO())


def encounter_of(source_file):
    return Meeting.objects.get(source_file=source_file).encounter


def partition():
    """{frozenset of the source files of one encounter}, whatever the encounters' ids."""
    members = {}
    for encounter, name in Meeting.objects.values_list("encounter_id", "source_file"):
        members.setdefault(encounter, set()).add(name)
    return {frozenset(v) for v in members.values()}


@override_settings(API_RATE_LIMIT=0)
class ArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_documents(documents())

    def test_each_sides_record_of_the_mishustin_aliyev_meeting_is_one_encounter(self):
        seed = encounter_of("000_seed-mishustin-aliyev-2022-full.txt")
        azertac = encounter_of("015_azertag-mishustin-aliyev-2022-inline-said.txt")
        putin = encounter_of("013_presidentaz-putin-aliyev-2022-said-dash.txt")
        self.assertEqual(seed, azertac)  # AZERTAC dates it 23 February
        self.assertNotEqual(seed, putin)  # the same day, another counterpart
        self.assertEqual(
            (seed.date, seed.last_date), (datetime.date(2022, 2, 22), NEXT.replace(2022, 2, 23))
        )
        self.assertEqual(seed.record_count, 2)
        self.assertEqual(seed.title, "Mikhail Mishustin and Ilham Aliyev")

    def test_the_abe_records_of_27_april_2017_are_one_encounter(self):
        talks = encounter_of("kremlin-54388.txt")
        self.assertEqual(talks, encounter_of("kremlin-54391.txt"))
        self.assertEqual(talks.record_count, 2)

    def test_an_encounter_is_named_by_the_people_its_titles_name(self):
        # "Remarks by President Biden and Prime Minister Kishida Fumio of Japan in Joint
        # Press Conference": the press secretary who gave the floor (MS. JEAN-PIERRE) takes
        # part, and is none of the principals.
        conference = encounter_of(
            "wh-2024-04-10-remarks-by-president-biden-and-prime-minister-kishida-fumio-of-"
            "japan-in-joint-press-conference.txt"
        )
        self.assertEqual(conference.record_count, 2)  # and the arrival ceremony
        self.assertEqual(conference.title, "Joseph R. Biden and Kishida Fumio")
        response = self.client.get(conference.get_absolute_url())
        self.assertEqual(
            [p.name for p in response.context["principals"]], ["Biden", "Kishida Fumio"]
        )
        # kremlin.ru's titles name the counterpart: the first other participant is the other.
        self.assertEqual(encounter_of("kremlin-54388.txt").title, "Shinzo Abe and Vladimir Putin")

    def test_xi_jinping_and_li_keqiang_on_14_may_2017_are_two(self):
        self.assertNotEqual(encounter_of("kremlin-54492.txt"), encounter_of("kremlin-54495.txt"))

    def test_a_pairs_timeline_counts_contacts_with_their_records_beside(self):
        for (a, b), years in PAIRS.items():
            with self.subTest(pair=(a, b)):
                response = self.client.get(f"/countries/{a}/{b}/")
                counts = {y["year"]: (y["n"], y["records"]) for y in response.context["by_year"]}
                self.assertEqual(counts, years)
                contacts = sum(n for n, _ in years.values())
                self.assertEqual(response.context["contact_count"], contacts)

    def test_a_countrys_meetings_a_year_count_contacts(self):
        for code, years in COUNTRIES.items():
            with self.subTest(country=code):
                response = self.client.get(f"/countries/{code}/")
                counts = {y["year"]: (y["n"], y["records"]) for y in response.context["by_year"]}
                self.assertEqual(counts, years)
                self.assertContains(response, '<th scope="col">Contacts</th>', html=False)

    def test_partners_and_people_met_count_contacts(self):
        slovenia = {
            p.iso_code: (p.n, p.records) for p in Country.objects.get(iso_code="SI").partners()
        }
        self.assertEqual(slovenia["RU"], (1, 3))
        putin = (
            Meeting.objects.get(source_file="kremlin-52625.txt")
            .participants.get(person__name="Vladimir Putin")
            .person
        )
        met = {p.name: (p.n, p.records) for p in putin.people_met(limit=50)}
        self.assertEqual(met["Shinzo Abe"], (1, 2))

    def test_the_home_page_counts_contacts_and_records(self):
        response = self.client.get("/")
        records = Meeting.objects.count()
        contacts = Encounter.objects.count()
        self.assertLess(contacts, records)
        self.assertContains(response, f"{contacts} meetings ({records} records)")

    def test_a_record_shows_its_encounter(self):
        meeting = Meeting.objects.get(source_file="kremlin-54388.txt")
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "One of 2 records of this contact")
        self.assertContains(response, meeting.encounter.get_absolute_url())
        listing = self.client.get("/meetings/?country=JP&year=2017")
        self.assertContains(listing, "one of 2 records of this contact")

    def test_the_encounter_page(self):
        encounter = encounter_of("000_seed-mishustin-aliyev-2022-full.txt")
        with self.assertNumQueries(7):  # however many records
            response = self.client.get(encounter.get_absolute_url())
        self.assertContains(response, "<h1>Mikhail Mishustin and Ilham Aliyev</h1>", html=True)
        self.assertContains(response, "AZERTAC")
        self.assertContains(response, "EIN Presswire")
        self.assertContains(response, "Ilham Aliyev")
        self.assertContains(response, 'name="a"')
        self.assertEqual(self.client.get("/encounters/999999/").status_code, 404)

    def test_two_records_side_by_side(self):
        encounter = encounter_of("kremlin-54388.txt")
        a, b = encounter.records.order_by("date", "pk").values_list("pk", flat=True)
        response = self.client.get(f"/encounters/{encounter.pk}/compare/")
        self.assertRedirects(response, f"/encounters/{encounter.pk}/compare/?a={a}&b={b}")
        response = self.client.get(f"/encounters/{encounter.pk}/compare/?a={a}&b={b}")
        self.assertContains(response, "What each names that the other does not")
        self.assertContains(response, "Passage by passage")
        self.assertContains(response, "<mark>")
        # The seed and AZERTAC: two translations of Mishustin's words, each named.
        seed = encounter_of("000_seed-mishustin-aliyev-2022-full.txt")
        a, b = seed.records.order_by("date", "pk").values_list("pk", flat=True)
        response = self.client.get(f"/encounters/{seed.pk}/compare/?a={a}&b={b}")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "$3.3 billion")

    def test_a_bad_comparison_is_a_page_that_says_why(self):
        encounter = encounter_of("kremlin-54388.txt")
        other = Meeting.objects.get(source_file="kremlin-54492.txt").pk
        a = encounter.records.first().pk
        for query, message in [
            (f"?a={a}&b={other}", "Parameter &#x27;b&#x27;"),
            (f"?a={a}&b={a}", "two different records"),
            (f"?a=x&b={a}", "Parameter &#x27;a&#x27;"),
            (f"?b={a}", "Parameter &#x27;a&#x27; is missing"),
        ]:
            with self.subTest(query):
                response = self.client.get(f"/encounters/{encounter.pk}/compare/{query}")
                self.assertContains(response, message, status_code=400)

    def test_the_api(self):
        data = self.client.get("/api/encounters/?country=JP&min_records=2").json()
        self.assertGreaterEqual(data["count"], 2)
        self.assertTrue(all(e["record_count"] >= 2 for e in data["results"]))
        encounter = encounter_of("kremlin-54388.txt")
        detail = self.client.get(f"/api/encounters/{encounter.pk}/").json()
        self.assertEqual(len(detail["records"]), 2)
        self.assertEqual({r["encounter"] for r in detail["records"]}, {encounter.pk})
        self.assertIn("Shinzo Abe", [p["name"] for p in detail["principals"]])
        bad = self.client.get("/api/encounters/?country=ZZ")
        self.assertEqual(bad.status_code, 400)
        self.assertIn("country", bad.json()["errors"])
        meeting = Meeting.objects.get(source_file="kremlin-54388.txt")
        api = self.client.get(meeting.get_absolute_url().replace("/meetings/", "/api/meetings/", 1))
        self.assertEqual(api.json()["encounter"], encounter.pk)

    def test_the_list_of_encounters(self):
        seed = encounter_of("000_seed-mishustin-aliyev-2022-full.txt")
        putin = encounter_of("013_presidentaz-putin-aliyev-2022-said-dash.txt")
        response = self.client.get("/encounters/?country=AZ&country=RU")
        listed = list(response.context["page"])
        self.assertEqual({e.pk for e in listed}, {seed.pk, putin.pk})
        self.assertContains(response, "2 meetings (3 records)")
        self.assertContains(response, f'<a href="{seed.get_absolute_url()}">{seed.title}</a>')
        self.assertContains(response, "with Azerbaijan taking part")
        # Each record of a contact is one of its records, not another contact.
        abe = encounter_of("kremlin-54388.txt")
        response = self.client.get("/encounters/?person=shinzo-abe&min_records=2")
        self.assertIn(abe, response.context["page"])
        self.assertTrue(all(e.record_count >= 2 for e in response.context["page"]))
        # The filters of a pair's page, from it.
        pair = self.client.get("/countries/JP/RU/")
        self.assertContains(pair, "/encounters/?country=JP&amp;country=RU")

    def test_the_list_of_encounters_says_which_filter_it_could_not_read(self):
        for query, label in [
            ("country=ZZ", "Countries"),
            ("min_records=0", "At least this many records"),
            ("date_after=2022-13-01", "From"),
            ("person=" + "x" * 300, "People"),
        ]:
            with self.subTest(query):
                response = self.client.get(f"/encounters/?{query}")
                self.assertContains(response, "were not understood and were left out")
                self.assertContains(response, f"<li>{label}: ")
        self.assertEqual(self.client.get("/encounters/feed/?country=ZZ").status_code, 400)

    def test_the_list_of_encounters_reads_as_many_rows_whatever_the_page(self):
        def queries(url):
            self.client.get(url)
            with CaptureQueriesContext(connection) as captured:
                self.client.get(url)
            return len(captured)

        for url in ("/encounters/", "/encounters/feed/"):
            with self.subTest(url):
                # A page of 25 encounters of one record, and a page of those of two or more.
                self.assertEqual(queries(url), queries(f"{url}?min_records=2"))

    def test_the_sitemap_lists_the_encounters_of_several_records(self):
        xml = self.client.get("/sitemap-encounters.xml").content.decode()
        listed = re.findall(r"<loc>http://testserver(/encounters/\d+/)</loc>", xml)
        several = Encounter.objects.filter(record_count__gte=2)
        self.assertEqual(sorted(listed), sorted(e.get_absolute_url() for e in several))
        self.assertIn(encounter_of("kremlin-54388.txt").get_absolute_url(), listed)

    def test_the_feed_announces_an_encounter_once_whatever_records_it_gains(self):
        def entries():
            feed = self.client.get("/encounters/feed/?country=AZ&country=RU").content.decode()
            return re.findall(r"<id>http://testserver(/encounters/\d+/)</id>", feed)

        seed = encounter_of("000_seed-mishustin-aliyev-2022-full.txt")
        before = entries()
        self.assertEqual(before.count(seed.get_absolute_url()), 1)
        # One more record of the talks (a readout) joins the encounter: no new entry.
        readout = temp_folder(self) / "readout.txt"
        readout.write_text(
            "Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev\n\n"
            "February 22, 2022\n\n"
            "Prime Minister Mikhail Mishustin met with President of Azerbaijan Ilham Aliyev "
            "at the Government Coordination Centre. They discussed trade and transport.\n",
            encoding="utf-8",
        )
        import_documents([readout])
        self.assertEqual(encounter_of("readout.txt"), seed)
        self.assertEqual(Encounter.objects.get(pk=seed.pk).record_count, 3)
        self.assertEqual(entries(), before)

    def test_csv_and_popolo_carry_the_encounter(self):
        encounter = encounter_of("kremlin-54388.txt")
        rows = b"".join(
            self.client.get("/meetings/export.csv?country=JP&year=2017").streaming_content
        )
        self.assertIn(f"/encounters/{encounter.pk}/".encode(), rows)
        popolo = self.client.get("/api/popolo.json?country=JP&year=2017").json()
        parents = [e for e in popolo["events"] if e.get("classification") == "encounter"]
        self.assertEqual([e["id"] for e in parents], [f"encounters/{encounter.pk}"])
        children = [e for e in popolo["events"] if e.get("parent_id") == parents[0]["id"]]
        self.assertEqual(len(children), 2)

    def test_the_export_carries_the_encounter(self):
        out = io.StringIO()
        call_command(
            "export_meetings",
            "--country",
            "JP",
            "--since",
            "2017-04-27",
            "--until",
            "2017-04-27",
            stdout=out,
        )
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual({r["encounter"] for r in records}, {encounter_of("kremlin-54388.txt").pk})


# A readout in the shape of the Chinese Foreign Ministry's pages: the ministry's name above
# the page, its breadcrumb, the title, the date and time of publication (Beijing's), the text.
# Written for this test: the shape is the ministry's, the words are not.
MFA_READOUT = """Ministry of Foreign Affairs of the People's Republic of China
Home > Topics > Xi Jinping's Diplomacy
Xi Jinping Speaks with U.S. President Joe Biden on the Phone
2021-09-10 12:00
On the morning of September 10, President Xi Jinping spoke with U.S. President Joe Biden on \
the phone at the latter's request.

The two heads of state had a candid and in-depth strategic communication on China-U.S. \
relations and relevant issues of mutual interest.

Xi Jinping pointed out that the relationship between the two countries bears on the future \
of the world. The two heads of state agreed to maintain frequent contact.
"""


# A press release in the shape of India's Ministry of External Affairs: the ministry and its
# government above the page, the title naming the Prime Minister by his office, the other
# side's President after his office and a comma, "H.E. Mr." Written for this test.
MEA_READOUT = """Ministry of External Affairs
Government of India
Home > Media Center > Press Releases
PM receives congratulatory call from President of the United States of America
June 06, 2024

Prime Minister Shri Narendra Modi received a congratulatory call today from the President \
of the United States of America, H.E. Mr. Joseph R. Biden.

President Biden congratulated Prime Minister on the victory of the National Democratic \
Alliance in the General Elections.
"""


class TwoGovernmentsOneCallTests(TestCase):
    """The White House's readout of the call of 9 September 2021 (evening, Washington) and
    the Chinese Foreign Ministry's, dated 10 September (morning, Beijing): one contact."""

    def import_with_the_white_houses(self, name, text, white_house):
        """Import a readout (name, text) with the White House's readout of the same call."""
        folder = temp_folder(self)
        (folder / name).write_text(text, encoding="utf-8")
        import_documents([FIXTURES / "whitehouse" / white_house, folder / name])
        return Meeting.objects.get(source_file=name)

    def test_each_sides_readout_of_one_call_is_one_encounter(self):
        china = self.import_with_the_white_houses(
            "fmprc-xi-biden-call.txt",
            MFA_READOUT,
            "wh-2021-09-09-readout-of-president-joseph-r-biden-jr-call-with-president-xi-"
            "jinping-of-the-peoples-republic-of-china.txt",
        )
        # The ministry's name and its breadcrumb are the page's, not the record's title.
        self.assertEqual(
            china.title, "Xi Jinping Speaks with U.S. President Joe Biden on the Phone"
        )
        self.assertEqual((china.kind, china.date), ("telephone", datetime.date(2021, 9, 10)))
        self.assertEqual(china.publisher_country.iso_code, "CN")
        # A government names its own by the office alone ("President Biden") and the other
        # side's with their country ("President Xi Jinping of the People's Republic of
        # China"): the bare readout is the White House's.
        us = Meeting.objects.get(source_file__startswith="wh-2021-09-09")
        self.assertEqual(us.publisher_country.iso_code, "US")
        self.assertEqual(china.encounter, us.encounter)
        self.assertEqual(china.encounter.record_count, 2)

    def test_a_call_received_is_a_call_with_whoever_made_it(self):
        india = self.import_with_the_white_houses(
            "mea-modi-biden-call.txt",
            MEA_READOUT,
            "wh-2024-06-05-readout-of-president-joe-bidens-call-with-prime-minister-narendra-"
            "modi-of-india.txt",
        )
        self.assertEqual((india.kind, india.publisher_country.iso_code), ("telephone", "IN"))
        self.assertEqual(
            sorted(india.participants.values_list("person__name", "role", "country__iso_code")),
            [
                ("Joe Biden", "President of the United States of America", "US"),
                ("Narendra Modi", "Prime Minister", "IN"),
            ],
        )
        us = Meeting.objects.get(source_file__startswith="wh-2024-06-05")
        self.assertEqual(india.encounter, us.encounter)


class OrderTests(TestCase):
    def test_the_order_of_the_imports_does_not_matter(self):
        paths = documents()
        import_documents(paths[::2])
        import_documents(paths[1::2])
        first = partition()
        Meeting.objects.all().delete()
        Encounter.objects.all().delete()
        import_documents(list(reversed(paths)))
        self.assertEqual(partition(), first)


class EditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_documents(documents())

    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
        self.xi = Meeting.objects.get(source_file="kremlin-54492.txt")
        self.li = Meeting.objects.get(source_file="kremlin-54495.txt")

    def join_xi_and_li(self):
        response = self.client.post(
            "/admin/meetings/meeting/",
            {"action": "join_records", "_selected_action": [self.xi.pk, self.li.pk]},
        )
        self.assertEqual(response.status_code, 302)

    def test_a_join_in_the_admin_stays_through_a_new_import(self):
        self.join_xi_and_li()
        self.xi.refresh_from_db()
        self.li.refresh_from_db()
        self.assertEqual(self.xi.encounter, self.li.encounter)
        self.assertTrue(self.xi.encounter.edited)
        import_documents(documents())  # the same documents again, and regrouped
        regroup_all()
        self.xi.refresh_from_db()
        self.li.refresh_from_db()
        self.assertEqual(self.xi.encounter_id, self.li.encounter_id)

    def test_a_split_in_the_admin_stays(self):
        talks = Meeting.objects.get(source_file="kremlin-54388.txt")
        statements = Meeting.objects.get(source_file="kremlin-54391.txt")
        self.client.post(
            "/admin/meetings/meeting/",
            {"action": "split_records", "_selected_action": [statements.pk]},
        )
        regroup_all()
        talks.refresh_from_db()
        statements.refresh_from_db()
        self.assertNotEqual(talks.encounter_id, statements.encounter_id)
        self.assertEqual(talks.encounter.record_count, 1)

    def test_a_records_encounter_field_joins_it(self):
        response = self.client.get(f"/admin/meetings/meeting/{self.li.pk}/change/")
        self.assertContains(response, 'name="encounter"')
        form = response.context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        self.assertIn("encounter", data)

    def test_an_editors_join_travels_in_the_export(self):
        self.join_xi_and_li()
        out = io.StringIO()
        call_command("export_meetings", stdout=out)
        folder = temp_folder(self)
        (folder / "archive.jsonl").write_text(out.getvalue(), encoding="utf-8")
        Meeting.objects.all().delete()
        Encounter.objects.all().delete()
        import_documents([folder / "archive.jsonl"])
        xi = Meeting.objects.get(source_file="kremlin-54492.txt")
        li = Meeting.objects.get(source_file="kremlin-54495.txt")
        self.assertEqual(xi.encounter_id, li.encounter_id)
        self.assertIn("encounter", xi.edited_fields)
        abe = {
            m.encounter_id
            for m in Meeting.objects.filter(
                source_file__in=["kremlin-54388.txt", "kremlin-54391.txt"]
            )
        }
        self.assertEqual(len(abe), 1)  # formed again by the rules

    def test_the_encounter_admin(self):
        encounter = self.xi.encounter
        response = self.client.get(f"/admin/meetings/encounter/{encounter.pk}/change/")
        self.assertContains(response, self.xi.title)
        response = self.client.post(
            "/admin/meetings/encounter/",
            {"action": "join_encounters", "_selected_action": [encounter.pk, self.li.encounter_id]},
        )
        self.assertEqual(response.status_code, 302)
        self.li.refresh_from_db()
        self.assertEqual(self.li.encounter_id, encounter.pk)
        self.client.post(
            "/admin/meetings/encounter/",
            {"action": "form_again", "_selected_action": [encounter.pk]},
        )
        self.xi.refresh_from_db()
        self.li.refresh_from_db()
        self.assertNotEqual(self.xi.encounter_id, self.li.encounter_id)
