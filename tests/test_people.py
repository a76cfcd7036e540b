"""People and countries a user can trust: names that are people, one person per person, the
parties to a meeting apart from the countries it only discusses."""

import datetime
import io
import json
from dataclasses import replace
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from meetings.identity import (
    Who,
    common_name,
    holder_of,
    identity_evidence,
    respellings,
    variant_key,
)
from meetings.importers.names import person_name
from meetings.importers.participants import attendance_people, title_addressees, title_people
from meetings.importers.transcript import parse_transcript
from meetings.models import DistinctPeople, Meeting, Participant, Person, PersonAlias, Statement
from tests.factories import country, make_meeting, make_person, temp_folder
from tests.test_import_command import run

PEOPLE = Path(__file__).parent / "fixtures" / "people"


class PersonNameTests(SimpleTestCase):
    def test_holidays_topics_organisations_and_places_are_nobody(self):
        for name in [
            "Independence Day",
            "Bastille Day",
            "Technical Cooperation",
            "Military-Technical Cooperation",
            "Human Rights",
            "Direct Line",
            "Agency Worker",
            "Nizhny Novgorod Region",
            "Perm Territory",
            "Red Square",
            "Far East",
            "New Year",
            "Forum",
            "Oil Company.”",
            "Yukos. Speaking",
            "World War II",
            "Salt Lake City",
            "Visiting Shayba Arena",
            "High-level Russian-Kazakh",
            "Trilateral Russian-Armenian-Azerbaijani",
        ]:
            with self.subTest(name):
                self.assertEqual(person_name(name), "")

    def test_office_place_and_organisation_words_leave_the_name(self):
        for printed, name in [
            ("Environment Sergei Donskoy", "Sergei Donskoy"),
            ("VEB.RF Igor Shuvalov", "Igor Shuvalov"),
            ("Ingushetia Yunus-Bek Yevkurov", "Yunus-Bek Yevkurov"),
            ("ILO Director-General Guy Ryder", "Guy Ryder"),
            ("Prosecutor-General Vladimir Ustinov", "Vladimir Ustinov"),
            ("Holdings) Leonid Boguslavsky", "Leonid Boguslavsky"),
            ("Popular Front Stanislav Govorukhin", "Stanislav Govorukhin"),
        ]:
            with self.subTest(printed):
                self.assertEqual(person_name(printed), name)

    def test_names_are_read_whole(self):
        for name in [
            "Bashar al-Assad",
            "Abdel Fattah el-Sisi",
            "Mohammed bin Zayed Al Nahyan",
            "Xi Jinping",
            "Abdullah II",
            "Carl XVI Gustaf",
            "Jaap de Hoop Scheffer",
            "Luiz Inacio Lula da Silva",
            "Frank-Walter Steinmeier",
            "German Gref",  # a given name that is a demonym too
            "Theresa May",  # a surname that is an English word
            "Samantha Power",
            "Win Myint",
            "Antony J. Blinken",
            "Thomas W. Simons, Jr.",
        ]:
            with self.subTest(name):
                self.assertEqual(person_name(name), name)

    def test_a_surname_alone_needs_an_office_or_a_style(self):
        self.assertEqual(person_name("Putin"), "")  # a label "Putin:": nobody in particular
        self.assertEqual(person_name("Price", role="MR PRICE"), "Price")
        self.assertEqual(person_name("Kishida", role="Prime Minister", country="JP"), "Kishida")
        self.assertEqual(person_name("Beatrix", role="Queen of the Netherlands"), "Beatrix")
        self.assertEqual(person_name("Artist", role="National of the USSR", country="SU"), "")
        self.assertEqual(person_name("В.Путин"), "В.Путин")


class CommonNameTests(SimpleTestCase):
    def test_the_archives_own_script_before_the_most_printed(self):
        # Russian pages print "Владимир Путин" more often than the English ones print
        # "Vladimir Putin": the archive's pages and URLs are in English.
        self.assertEqual(
            common_name([(3, "Владимир Путин"), (1, "Vladimir Putin")]), "Vladimir Putin"
        )
        self.assertEqual(common_name([(3, "Владимир Путин"), (1, "В.Путин")]), "Владимир Путин")
        self.assertEqual(common_name([(1, "Biden"), (2, "Joe Biden")]), "Joe Biden")


class CrossScriptTests(TestCase):
    def test_a_russian_page_and_an_english_one_name_one_person(self):
        # kremlin.ru's Russian and English pages of the call of 3 March 2022 (cut short):
        # "Макрон" is how a Russian page writes Macron, "Джозеф Байден" Joseph Biden.
        folder = temp_folder(self)
        (folder / "ru.txt").write_text(
            "Телефонный разговор с Президентом Франции Эммануэлем Макроном\n\n"
            "Состоялся телефонный разговор Владимира Путина с Президентом Французской "
            "Республики Эммануэлем Макроном.\n\n3 марта 2022 года, 17:10\n",
            encoding="utf-8",
        )
        (folder / "en.txt").write_text(
            "Telephone conversation with President of France Emmanuel Macron\n\n"
            "Vladimir Putin had a telephone conversation with President of the French Republic "
            "Emmanuel Macron.\n\nMarch 3, 2022, 17:10\n",
            encoding="utf-8",
        )
        call_command("import_meetings", str(folder), "--no-progress", stdout=io.StringIO())
        (macron,) = Person.objects.filter(country__iso_code="FR")
        self.assertEqual((macron.name, macron.participations.count()), ("Emmanuel Macron", 2))
        self.assertEqual(Meeting.objects.values("encounter").distinct().count(), 1)
        day = datetime.date(2022, 3, 3)
        self.assertEqual(holder_of("Дж.Байден", "", day), ("US", "Joseph R. Biden"))
        self.assertEqual(holder_of("Олаф Шольц", "", day), ("DE", "Olaf Scholz"))
        # By sound, against that day's holders only: another name stays another's.
        self.assertEqual(holder_of("Эммануэль Петров", "", day), (None, None))
        self.assertEqual(holder_of("Ангела Меркель", "", day), (None, None))  # since 2021


class IdentityEvidenceTests(SimpleTestCase):
    def sure(self, a, b, a_country=None, b_country=None):
        return identity_evidence((a, a_country), (b, b_country))[0]

    def test_romanisations_of_one_name_are_one_person(self):
        for a, b in [
            ("Sergei Chemezov", "Sergey Chemezov"),
            ("Yuri Chaika", "Yury Chaika"),
            ("Mohamed Morsi", "Mohammed Morsi"),
            ("Heidar Aliyev", "Heydar Aliyev"),
            ("Ilham Aliyev", "Ilkham Aliev"),
            ("Petr Fradkov", "Pyotr Fradkov"),
            ("Aleksandr Lukashenko", "Alexander Lukashenko"),
            ("Nursultan Nazarbaev", "Nursultan Nazarbayev"),
            ("Gerhard Schröder", "Gerhard Schroeder"),
            ("Bashar Assad", "Bashar al-Assad"),
            ("Tony Blair", "Anthony Blair"),
            ("Abdulllah II", "Abdullah II"),
        ]:
            with self.subTest(a=a, b=b):
                self.assertEqual(self.sure(a, b), "certain")
                self.assertEqual(variant_key(a), variant_key(b))

    def test_an_added_middle_name_is_the_same_person(self):
        self.assertEqual(self.sure("Abdullah Badawi", "Abdullah Ahmad Badawi"), "certain")

    def test_a_hyphenated_surname_alone_is_no_given_names(self):
        # "MS. JEAN-PIERRE" of a White House briefing is not "Jean-Pierre Raffarin".
        self.assertIsNone(self.sure("Jean-Pierre", "Jean-Pierre Raffarin", None, "FR"))
        self.assertEqual(
            self.sure("Miguel Diaz-Canel", "Miguel Diaz-Canel Bermudez", "CU", "CU"), "possible"
        )

    def test_a_typo_needs_the_same_country(self):
        self.assertEqual(self.sure("Jacque Chirac", "Jacques Chirac"), "possible")
        self.assertEqual(self.sure("Jacque Chirac", "Jacques Chirac", "FR", "FR"), "certain")
        self.assertEqual(self.sure("Vladimit Putin", "Vladimir Putin", "RU", "RU"), "certain")

    def test_a_typo_with_one_country_unknown_needs_the_same_office_at_the_same_time(self):
        putin = Who(
            "Vladimir Putin",
            "RU",
            frozenset({"president"}),
            datetime.date(2000, 5, 7),
            datetime.date(2008, 5, 7),
        )
        typo = Who(
            "Vladimit Putin",
            None,
            frozenset({"president"}),
            datetime.date(2001, 1, 6),
            datetime.date(2001, 1, 6),
        )
        self.assertEqual(identity_evidence(typo, putin)[0], "certain")
        for other in (
            replace(typo, offices=frozenset({"governor"})),  # another office
            replace(
                typo, first=datetime.date(2015, 1, 1), last=datetime.date(2015, 1, 1)
            ),  # another time
            replace(typo, offices=frozenset()),  # nothing known of it
        ):
            with self.subTest(other=other):
                self.assertEqual(identity_evidence(other, putin)[0], "possible")
        self.assertIsNone(identity_evidence(replace(typo, country="US"), putin)[0])

    def test_respellings_join_around_the_people_asked_about(self):
        office, when = frozenset({"president"}), datetime.date(2001, 1, 6)
        people = {
            1: Who("Vladimir Putin", "RU", office, datetime.date(2000, 5, 7), when),
            2: Who("Vladimit Putin", None, office, when, when),
            3: Who("Valdimir Putin", None, office, when, when),
            4: Who("Alexander Ivanov", "RU", frozenset({"minister"}), when, when),
            5: Who("Aleksandr Ivanov", "RU", frozenset({"minister"}), when, when),
            6: Who("Sergei Ivanov", "RU", frozenset({"minister"}), when, when),
        }
        self.assertEqual(
            {group for group, _ in respellings(people)},
            {frozenset({1, 2, 3}), frozenset({4, 5})},
        )
        # Asked about one spelling of Putin, and one Ivanov who is nobody else: the other
        # Ivanovs are left as they are.
        self.assertEqual(
            {group for group, _ in respellings(people, among={2, 6})}, {frozenset({1, 2, 3})}
        )

    def test_a_shared_surname_is_not_enough(self):
        self.assertIsNone(self.sure("Kazbek Kokov", "Yury Kokov"))
        self.assertIsNone(self.sure("Kirill Dmitriev", "Vladimir Dmitriev"))
        self.assertIsNone(self.sure("George W. Bush", "George H.W. Bush"))
        self.assertIsNone(self.sure("Sergei Ivanov", "Sergey Ivanov", "RU", "KZ"))  # two countries

    def test_a_name_that_ends_with_the_whole_of_another_is_that_person(self):
        self.assertEqual(self.sure("Roscosmos Igor Komarov", "Igor Komarov"), "certain")
        self.assertEqual(self.sure("Avul Pakir Jainulabdeen Abdul Kalam", "Abdul Kalam"), "certain")

    def test_a_surname_spelt_otherwise_with_the_same_given_names_is_possible(self):
        self.assertEqual(
            self.sure("Fernando Henrique Cardoso", "Fernando Henrique Cardozo"), "possible"
        )
        self.assertEqual(self.sure("Abdelaziz Bouteflika", "Abdul Aziz Bouteflika"), "possible")
        self.assertIsNone(self.sure("Alexander Kozlov", "Alexandra Kozlova"))

    def test_a_surname_in_its_feminine_form_with_the_same_given_names_is_one_person(self):
        # kremlin.ru prints "Lyudmila Putin" in English and "Lyudmila Putina" elsewhere.
        self.assertEqual(self.sure("Lyudmila Putin", "Lyudmila Putina", None, "RU"), "certain")
        self.assertEqual(self.sure("Svetlana Medvedev", "Svetlana Medvedeva"), "certain")
        self.assertIsNone(self.sure("Lyudmila Putin", "Lyudmila Putina", "US", "RU"))
        self.assertIsNone(self.sure("Vladimir Putin", "Lyudmila Putina"))

    def test_unsure_pairs_are_possible_duplicates(self):
        self.assertEqual(self.sure("Miguel Diaz-Canel", "Miguel Diaz-Canel Bermudez"), "possible")
        self.assertEqual(self.sure("Emomali Rakhmonov", "Emomali Rahmon"), "possible")
        self.assertEqual(self.sure("Biden", "Joe Biden"), "possible")
        # A family shares a surname and a country: that is not enough ("Hunter Biden").
        self.assertEqual(self.sure("Biden", "Joe Biden", "US", "US"), "possible")

    def test_a_surname_alone_is_the_person_whose_office_and_time_fit(self):
        from meetings.identity import Who

        when = datetime.date(2022, 5, 24)
        biden = Who(
            "Joe Biden",
            "US",
            frozenset({"president", "vice president"}),
            datetime.date(2011, 3, 10),
            datetime.date(2024, 11, 15),
        )
        label = Who("Biden", None, frozenset({"president"}), when, when)
        self.assertEqual(identity_evidence(label, biden)[0], "certain")
        senator = Who("Biden", None, frozenset({"senator"}), when, when)
        self.assertEqual(identity_evidence(senator, biden)[0], "possible")
        later = Who("Biden", None, frozenset({"president"}), *[datetime.date(2040, 1, 1)] * 2)
        self.assertEqual(identity_evidence(later, biden)[0], "possible")
        self.assertEqual(
            identity_evidence(
                Who("Blinken", "US", frozenset({"secretary"}), when, when),
                Who("Antony Blinken", "US", frozenset({"secretary of state"}), when, when),
            )[0],
            "certain",
        )

    def test_name_order_suffixes_and_regnal_numbers(self):
        self.assertEqual(self.sure("Kishida Fumio", "Fumio Kishida", "JP", "JP"), "certain")
        self.assertEqual(self.sure("Kishida Fumio", "Fumio Kishida"), "possible")
        self.assertEqual(self.sure("Moon Jae-in", "Jae-in Moon", "KR", "KR"), "certain")
        self.assertEqual(self.sure("Joseph R. Biden Jr.", "Joseph R. Biden", "US", "US"), "certain")
        self.assertEqual(
            self.sure("Ferdinand Marcos Jr.", "Ferdinand Marcos", "PH", "PH"), "certain"
        )
        self.assertEqual(
            self.sure("Abdullah II bin Al Hussein", "Abdullah II", "JO", "JO"), "certain"
        )
        self.assertNotEqual(self.sure("Abdullah II", "Abdullah I", "JO", "JO"), "certain")

    def test_a_familys_name_is_never_certain(self):
        self.assertEqual(
            self.sure("Abdullah bin Zayed Al Nahyan", "Zayed Al Nahyan", "AE", "AE"), "possible"
        )
        self.assertEqual(self.sure("Tamim bin Hamad Al Thani", "Hamad Al Thani"), "possible")


class CounterpartTests(SimpleTestCase):
    def test_readout_and_message_titles_name_the_counterpart(self):
        for title, people in [
            (
                "Telephone conversation with President of Syria Bashar al-Assad",
                [("Bashar al-Assad", "President of Syria")],
            ),
            (
                "Telephone conversation with Crown Prince of Abu Dhabi Mohammed bin Zayed Al Nahyan",
                [("Mohammed bin Zayed Al Nahyan", "Crown Prince of Abu Dhabi")],
            ),
            (
                "Congratulations to Emmanuel Macron on his election as President of France",
                [("Emmanuel Macron", "President of France")],
            ),
            (
                "Vladimir Putin wished Xi Jinping a happy birthday",
                [("Vladimir Putin", ""), ("Xi Jinping", "")],
            ),
            (
                "Meeting with Patriarch Kirill of Moscow and All Russia",
                [("Kirill", "Patriarch of Moscow and All Russia")],
            ),
            # An occasion or a place after "on" or "in" is nobody.
            (
                "President Vladimir Putin congratulated Jacques Chirac on Bastille Day",
                [("Vladimir Putin", "President"), ("Jacques Chirac", "")],
            ),
            ("Vladimir Putin laid flowers in Red Square", [("Vladimir Putin", "")]),
        ]:
            with self.subTest(title):
                self.assertEqual(title_people(title), people)

    def test_a_message_is_addressed_to_whom_its_title_says(self):
        self.assertEqual(
            title_addressees("Condolences to President of China Xi Jinping"), ["Xi Jinping"]
        )
        self.assertEqual(title_addressees("Telephone conversation with Xi Jinping"), [])

    def test_attendance_lists_give_people_with_their_offices(self):
        self.assertEqual(
            attendance_people(
                "Prime Minister Dmitry Medvedev    , Minister of Industry and Trade Denis "
                "Manturov, Defence Minister Sergei Shoigu and Security Council Secretary "
                "Nikolai Patrushev"
            ),
            [
                ("Dmitry Medvedev", "Prime Minister"),
                ("Denis Manturov", "Minister of Industry and Trade"),
                ("Sergei Shoigu", "Defence Minister"),
                ("Nikolai Patrushev", "Security Council Secretary"),
            ],
        )

    def test_the_lead_names_who_met(self):
        parsed = parse_transcript(
            "Telephone conversation with Xi Jinping\n\nMarch 14, 2013, 14:00\n\n"
            "Vladimir Putin had a telephone conversation with President of China Xi Jinping.\n"
        )
        self.assertEqual(
            [(p.name, p.role, p.country) for p in parsed.participants],
            [("Xi Jinping", "President of China", "CN"), ("Vladimir Putin", "", "RU")],
        )
        self.assertEqual(parsed.kind, "telephone")

    def test_an_office_after_someone_a_lead_names_by_a_given_name_alone_is_theirs(self):
        # kremlin.ru, 24 June 2003 (kremlin-28895): Charles is the Prince of Wales, not
        # Lyudmila Putin, who is no Briton.
        people = dict(
            title_people(
                "Vladimir and Lyudmila Putin were welcomed by Charles, the Prince of Wales at "
                "Heathrow Airport"
            )
        )
        self.assertEqual(people, {"Lyudmila Putin": ""})
        self.assertEqual(
            title_people("Francois Fillon, prime minister of France between 2007 and 2012"),
            [("Francois Fillon", "prime minister of France")],
        )
        # kremlin.ru, 1 July 2002 (kremlin-42048): not "on Canada Day".
        self.assertIn(
            ("Adrienne Clarkson", "Governor-General of Canada"),
            title_people(
                "President Vladimir Putin congratulated Adrienne Clarkson, Governor-General of "
                "Canada, on Canada Day"
            ),
        )

    def test_the_lead_names_who_laid_a_wreath_or_made_a_visit_and_their_host(self):
        # kremlin.ru, 28 March 2019 (two records of the state visit to Kyrgyzstan).
        wreaths = parse_transcript(
            "Laying wreaths at the Eternal Flame on Victory Square in Bishkek\n\n"
            "Vladimir Putin and President of Kyrgyzstan Sooronbay Jeenbekov\n"
            "laid wreaths at the Eternal Flame on Victory Square in Bishkek.\n\n"
            "March 28, 2019, 16:00, Bishkek\n\n"
            "Vladimir Putin’s state visit to the Republic of Kyrgyzstan concluded with a "
            "wreath-laying ceremony.\n"
        )
        self.assertEqual(
            sorted((p.name, p.country) for p in wreaths.participants),
            [("Sooronbay Jeenbekov", "KG"), ("Vladimir Putin", "RU")],
        )
        visit = parse_transcript(
            "State visit to Kyrgyzstan\n\nVladimir Putin made a state visit to Kyrgyzstan "
            "at the invitation of President Sooronbay Jeenbekov.\n\n"
            "March 28, 2019, 11:40, Bishkek\n\nThe official welcoming ceremony was followed "
            "by talks.\n"
        )
        self.assertEqual(
            sorted(p.name for p in visit.participants), ["Sooronbay Jeenbekov", "Vladimir Putin"]
        )
        # kremlin.ru, 6 June 2019: who took a walk or toured a place.
        walk = parse_transcript(
            "A walk in St Petersburg\n\nJune 6, 2019, 23:00, St Petersburg\n\n"
            "Following the working programme, Vladimir Putin and Xi Jinping     took a walk "
            "around the Northern capital.\n"
        )
        self.assertEqual(
            sorted(p.name for p in walk.participants), ["Vladimir Putin", "Xi Jinping"]
        )
        # Whoever the wreath honours takes no part.
        grave = parse_transcript(
            "Wreath-laying at the grave of Marshal Chuikov\n\nMay 9, 2010, 12:00\n\n"
            "Dmitry Medvedev laid a wreath at the grave of Marshal Vasily Chuikov.\n"
        )
        self.assertEqual([p.name for p in grave.participants], ["Dmitry Medvedev"])

    def test_two_names_run_together_are_two_people_where_the_text_names_them_apart(self):
        # kremlin.ru, 28 March 2019: the comma after the host's name is missing.
        parsed = parse_transcript(
            "Visit to Chingiz Aitmatov House-Museum\n\nMarch 28, 2019, 17:30, Bishkek\n\n"
            "Together with President of Kyrgyzstan Sooronbay Jeenbekov Vladimir Putin visited "
            "the House-Museum of writer Chingiz Aitmatov.\n\nDuring a visit to the museum, "
            "Vladimir Putin and Sooronbay Jeenbekov     were informed of the plans.\n"
        )
        self.assertEqual(
            sorted((p.name, p.country) for p in parsed.participants),
            [("Sooronbay Jeenbekov", "KG"), ("Vladimir Putin", "RU")],
        )
        # A name of four words the text never splits stays one person.
        one = parse_transcript(
            "Meeting with Juan Manuel Santos Calderon\n\nMay 10, 2012\n\nVladimir Putin met "
            "with President of Colombia Juan Manuel Santos Calderon. Juan Manuel Santos "
            "Calderon thanked him.\n"
        )
        self.assertIn("Juan Manuel Santos Calderon", [p.name for p in one.participants])

    def test_a_lead_sentence_ends_at_a_stop_after_spaces_and_gives_the_office_alone(self):
        # kremlin.ru, 6 June 2019: its link to a person leaves spaces before the stop.
        parsed = parse_transcript(
            "Visiting St Petersburg State University\n\nJune 6, 2019, 20:30, St Petersburg\n\n"
            "Vladimir Putin attended the ceremony to award an honorary doctorate of St "
            "Petersburg State University to President of the People’s Republic of China Xi "
            "Jinping    . The degree was presented by University’s rector Nikolai Kropachev.\n"
        )
        self.assertEqual(
            sorted((p.name, p.role, p.country) for p in parsed.participants),
            [
                ("Vladimir Putin", "", "RU"),
                ("Xi Jinping", "President of the People’s Republic of China", "CN"),
            ],
        )
        # An office that says "to" is one office.
        envoy = parse_transcript(
            "Meeting with Natwar Singh\n\nJune 6, 2005\n\nVladimir Putin met with Minister "
            "of External Affairs of India Natwar Singh. Taking part in the meeting was "
            "Russian Ambassador to India Viacheslav Trubnikov.\n"
        )
        self.assertIn(
            ("Viacheslav Trubnikov", "Russian Ambassador to India"),
            [(p.name, p.role) for p in envoy.participants],
        )


class PartiesTests(SimpleTestCase):
    def parse(self, text):
        return parse_transcript(text)

    def test_countries_only_discussed_are_no_party(self):
        parsed = self.parse(
            "Telephone conversation with Chancellor of Germany Angela Merkel\n\n"
            "April 14, 2018, 23:00\n\n"
            "Vladimir Putin had a telephone conversation with Chancellor of Germany Angela "
            "Merkel.\n\nThe leaders discussed the situation around Syria and Ukraine.\n"
        )
        # Russia, as Vladimir Putin was its President that day; Syria and Ukraine are only
        # mentioned.
        self.assertEqual(parsed.countries, ("DE", "RU"))
        self.assertEqual(sorted(parsed.mentioned_countries), ["SY", "UA"])

    def test_a_host_of_others_meeting_is_no_party_the_host_of_a_summit_is(self):
        hangzhou = self.parse(
            "Meeting with Prime Minister of Great Britain Theresa May\n\n"
            "September 4, 2016, 09:30, Hangzhou\n\n"
            "President of Russia Vladimir Putin: Madame Prime Minister, colleagues.\n"
        )
        self.assertEqual(hangzhou.host_country, "CN")
        self.assertEqual(sorted(hangzhou.countries), ["GB", "RU"])
        self.assertIn("CN", hangzhou.mentioned_countries + ("CN",))
        summit = self.parse("G20 summit\n\nJuly 8, 2017, 13:50, Hamburg\n\nThe summit opened.\n")
        self.assertEqual(summit.countries, ("DE",))

    def test_a_former_state_takes_no_part_after_its_end(self):
        parsed = self.parse(
            "Unveiling of a monument to Russian and Soviet soldiers\n\n"
            "July 30, 2016, The Kremlin, Moscow\n\nThe monument was unveiled.\n"
        )
        self.assertNotIn("SU", parsed.countries)
        self.assertIn("SU", parsed.mentioned_countries)
        older = self.parse(
            "Meeting with Soviet Foreign Minister Andrei Gromyko\n\nSeptember 21, 1973\n\n"
            "The talks were held.\n"
        )
        self.assertIn("SU", older.countries)

    def test_offices_that_say_a_country(self):
        parsed = self.parse(
            "Secretary Blinken's Meeting\n\nMay 10, 2024\n\n"
            "Secretary of State Antony Blinken: Thank you.\n\n"
            "State Councilor Wang Yi: Thank you.\n"
        )
        self.assertEqual(
            [(p.name, p.country) for p in parsed.participants],
            [("Antony Blinken", "US"), ("Wang Yi", "CN")],
        )


class ImportedPeopleTests(TestCase):
    def setUp(self):
        self.tmp = temp_folder(self)

    def write(self, name, title, date, body):
        path = self.tmp / name
        path.write_text(f"{title}\n\n{date}, The Kremlin, Moscow\n\n{body}\n", encoding="utf-8")
        return path

    def test_one_person_under_several_spellings_keeps_each_as_an_alias(self):
        for n, spelling in enumerate(["Sergei Chemezov", "Sergey Chemezov", "Sergey Chemezov"]):
            self.write(
                f"{n}.txt",
                f"Meeting with CEO of Rostec {spelling}",
                f"April {n + 1}, 2017",
                f"Vladimir Putin: Good afternoon.\n\n{spelling}: Good afternoon. Round {n}.",
            )
            run(self.tmp / f"{n}.txt")
        person = Person.objects.get(name__endswith="Chemezov")
        self.assertEqual(person.participations.count(), 3)
        # Named as most records print the name; every spelling finds the person.
        self.assertEqual(person.name, "Sergey Chemezov")
        aliases = set(PersonAlias.objects.filter(person=person).values_list("name", flat=True))
        self.assertLessEqual({"Sergei Chemezov", "Sergey Chemezov"}, aliases)
        self.assertEqual(
            sorted(person.participations.values_list("name", flat=True)),
            ["Sergei Chemezov", "Sergey Chemezov", "Sergey Chemezov"],
        )

    def test_an_office_holder_in_another_script_or_spelling_is_the_one_person(self):
        # kremlin.ru's English page of one day, and a Russian page and a misspelt one of
        # others: "В.Путин:" and "President Valdimir Putin" are the President of those days.
        self.write(
            "en.txt",
            "Meeting with Alexander Novak",
            "November 26, 2019, 15:35",
            "Vladimir Putin had a working meeting with Energy Minister Alexander Novak.\n\n"
            "Vladimir Putin: Good afternoon.",
        )
        (self.tmp / "ru.txt").write_text(
            "Переговоры с Президентом Китайской Народной Республики Си Цзиньпином\n\n"
            "21 марта 2023 года, 13:30, Москва, Кремль\n\n"
            "В.Путин: Уважаемый товарищ Председатель! Дорогой друг!\n\n"
            "Си Цзиньпин (как переведено): Уважаемый Президент Путин!\n",
            encoding="utf-8",
        )
        self.write(
            "typo.txt",
            "Meeting with Energy Minister Alexander Novak",
            "October 2, 2018",
            "President Valdimir Putin met with Energy Minister Alexander Novak.\n\n"
            "President Valdimir Putin: Good afternoon.",
        )
        run(self.tmp)
        putin = Person.objects.get(name="Vladimir Putin")
        self.assertEqual(putin.participations.count(), 3)
        self.assertEqual(putin.country.iso_code, "RU")
        self.assertFalse(Person.objects.filter(name__contains="Путин").exists())
        # Nobody the tables know, in Cyrillic, stays as printed.
        self.assertTrue(Person.objects.filter(name="Си Цзиньпин").exists())

    def test_people_who_only_share_a_surname_stay_two(self):
        self.write(
            "a.txt",
            "Meeting with Head of Kabardino-Balkaria Yury Kokov",
            "May 1, 2017",
            "Vladimir Putin: Hello.",
        )
        self.write(
            "b.txt",
            "Meeting with Head of Kabardino-Balkaria Kazbek Kokov",
            "May 1, 2019",
            "Vladimir Putin: Hello again.",
        )
        run(self.tmp)
        self.assertEqual(
            sorted(Person.objects.filter(name__endswith="Kokov").values_list("name", flat=True)),
            ["Kazbek Kokov", "Yury Kokov"],
        )

    def test_a_feminine_surname_is_the_same_person_whichever_came_first(self):
        # kremlin.ru prints "Lyudmila Putin" (2001) and "Lyudmila Putina" (2003).
        pages = [
            ("a.txt", "Lyudmila Putin visited a school", "May 1, 2001", "Lyudmila Putin"),
            ("b.txt", "Lyudmila Putina opened a library", "May 1, 2003", "Lyudmila Putina"),
        ]
        for order in (pages, pages[::-1]):
            with self.subTest(first=order[0][3]):
                Meeting.objects.all().delete()
                Person.objects.all().delete()
                for name, title, date, who in order:
                    self.write(name, title, date, f"{who}: Good afternoon.")
                    run(self.tmp / name)
                people = Person.objects.filter(name__startswith="Lyudmila")
                self.assertEqual(people.count(), 1)
                self.assertEqual(people.get().participations.count(), 2)

    def test_a_surname_with_office_and_country_joins_the_person_and_the_fuller_name_wins(self):
        (self.tmp / "readout.txt").write_text(
            "PM meeting with President Biden of the United States\n\n14 June 2024\n\n"
            "The Prime Minister met President Biden of the United States at the G7.\n",
            encoding="utf-8",
        )
        self.write(
            "talks.txt",
            "Meeting with President of the United States Joe Biden",
            "June 16, 2024",
            "Vladimir Putin: Hello.\n\nPresident of the United States Joe Biden: Hello.",
        )
        run(self.tmp / "readout.txt")
        run(self.tmp / "talks.txt")
        biden = Person.objects.get(name__endswith="Biden")
        self.assertEqual(biden.name, "Joe Biden")
        self.assertEqual(biden.participations.count(), 2)

    def test_a_misspelt_name_and_the_surname_alone_are_the_person_whichever_came_first(self):
        # kremlin.ru, January 2001: "President Putin spoke by telephone with ... Heydar
        # Aliyev" (40273), "President Vladimit Putin met with ... Gerhard Schroeder"
        # (40275); June 2003: "President Vladimir Putin awarded state prizes" (28818), "...
        # met with representatives of American Jewish organisations" (28819). No page says
        # its publisher: the first two give Putin no country. All four are one President.
        pages = {n: PEOPLE / f"kremlin-{n}.txt" for n in (40273, 40275, 28818, 28819)}
        for order in [(40273, 40275, 28818, 28819), (28819, 40275, 28818, 40273)]:
            with self.subTest(order=order):
                Meeting.objects.all().delete()
                Person.objects.all().delete()
                for n in order:  # one import each, as they come
                    run(pages[n])
                people = set(
                    Participant.objects.filter(name__contains="Put").values_list(
                        "person__name", flat=True
                    )
                )
                self.assertEqual(people, {"Vladimir Putin"})
                self.assertEqual(
                    Person.objects.get(name="Vladimir Putin").participations.count(), 4
                )

    def test_a_person_known_to_the_archive_gives_a_meeting_its_party(self):
        self.write(
            "a.txt",
            "Meeting with Federal Chancellor of Germany Angela Merkel",
            "May 2, 2017",
            "Vladimir Putin: Welcome.",
        )
        self.write(
            "b.txt",
            "Working breakfast with Angela Merkel",
            "July 8, 2017",
            "Vladimir Putin: Good morning.",
        )
        run(self.tmp)
        breakfast = Meeting.objects.get(title__startswith="Working breakfast")
        self.assertIn("DE", breakfast.countries.values_list("iso_code", flat=True))
        self.assertEqual(
            breakfast.participants.get(person__name="Angela Merkel").country.iso_code, "DE"
        )

    def test_non_persons_become_no_person_and_their_statements_keep_their_labels(self):
        path = self.write(
            "c.txt",
            "Congratulations on Independence Day",
            "July 4, 2003",
            "Vladimir Putin sent greetings on Independence Day.\n\nAlina: A question.",
        )
        run(path)
        self.assertFalse(Person.objects.filter(name__in=["Independence Day", "Alina"]).exists())
        statement = Statement.objects.get()
        self.assertIsNone(statement.speaker)
        self.assertEqual(statement.speaker_label, "Alina")  # a first name alone: nobody

    def test_export_gives_each_participant_and_speaker_its_person(self):
        path = self.write(
            "a.txt",
            "Meeting with President of Syria Bashar al-Assad",
            "May 1, 2017",
            "Bashar al-Assad: Hello.",
        )
        run(path)
        out = io.StringIO()
        call_command("export_meetings", "--no-original", stdout=out)
        record = json.loads(out.getvalue())
        slug = Person.objects.get(name="Bashar al-Assad").slug
        self.assertIn(
            {
                "name": "Bashar al-Assad",
                "person": slug,
                "role": "President of Syria",
                "country": "SY",
            },
            record["participants"],
        )
        self.assertEqual(record["statements"][0]["person"], slug)
        self.assertEqual(record["countries"], ["SY"])


class CountryFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.talks = make_meeting(
            title="Russian-Chinese talks", countries=[country("CN"), country("RU")]
        )
        cls.call = make_meeting(
            title="Telephone conversation with Angela Merkel", countries=[country("DE")]
        )
        cls.call.mentioned_countries.set([country("CN")])

    def test_country_lists_only_meetings_the_country_took_part_in(self):
        response = self.client.get(reverse("meetings:meeting_list"), {"country": "CN"})
        self.assertContains(response, "Russian-Chinese talks")
        self.assertNotContains(response, "Telephone conversation with Angela Merkel")

    def test_mentions_finds_meetings_that_discuss_a_country(self):
        response = self.client.get(reverse("meetings:meeting_list"), {"mentions": "CN"})
        self.assertContains(response, "Telephone conversation with Angela Merkel")
        self.assertNotContains(response, "Russian-Chinese talks")
        self.assertContains(response, "discussing China")
        response = self.client.get(reverse("meetings:meeting_list"), {"mentions": "XX"})
        self.assertContains(response, "Unknown country code: XX")

    def test_pages_tell_parties_from_countries_discussed(self):
        response = self.client.get(self.call.get_absolute_url())
        self.assertContains(response, "Taking part:")
        self.assertContains(response, "Also discussed:")
        response = self.client.get(reverse("meetings:country_detail", args=["CN"]))
        self.assertContains(response, "1 meeting China took part in")
        self.assertContains(response, "1 more discusses it")


class RepairTests(TestCase):
    """An archive as the earlier importer left it, brought to the current rules."""

    def setUp(self):
        self.day = make_person(name="Independence Day")
        self.sergei = make_person(name="Sergei Chemezov", country=country("RU"))
        self.sergey = make_person(name="Sergey Chemezov")
        self.donskoy = make_person(name="Environment Sergei Donskoy")
        text = (
            "Telephone conversation with Chancellor of Germany Angela Merkel\n\n"
            "April 14, 2018, 23:00\n\nVladimir Putin had a telephone conversation with "
            "Chancellor of Germany Angela Merkel.\n\nThey discussed the situation in Syria.\n"
        )
        self.call = make_meeting(
            title="Telephone conversation with Chancellor of Germany Angela Merkel",
            date=datetime.date(2018, 4, 14),
            countries=[country("DE"), country("SY")],
            people=[self.day],
            statements=2,
            original_text=text,
        )
        make_meeting(title="Meeting with Sergei Chemezov", people=[self.sergei, self.donskoy])
        make_meeting(title="Meeting with Sergey Chemezov", people=[self.sergey])

    def repair(self, *args):
        out = io.StringIO()
        call_command("repair_people", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_changes_nothing(self):
        out = self.repair("--dry-run")
        self.assertIn("1 non-person(s) removed", out)
        self.assertTrue(Person.objects.filter(pk=self.day.pk).exists())
        self.assertEqual(Person.objects.count(), 4)

    def test_repair_applies_the_current_rules(self):
        out = self.repair()
        self.assertIn("1 non-person(s) removed, 1 name(s) cleaned, 1 duplicate(s) merged", out)
        self.assertFalse(Person.objects.filter(name="Independence Day").exists())
        # The non-person's statement stays, unattributed, with its label.
        statement = self.call.statements.get(position=1)
        self.assertIsNone(statement.speaker)
        self.assertEqual(statement.speaker_label, "Independence Day")
        chemezov = Person.objects.get(name__endswith="Chemezov")
        self.assertEqual(chemezov.participations.count(), 2)
        self.assertTrue(chemezov.aliases.filter(name="Sergey Chemezov").exists())
        self.assertTrue(Person.objects.filter(name="Sergei Donskoy").exists())
        # Russia's too: Vladimir Putin was its President that day.
        self.assertEqual(list(self.call.countries.values_list("iso_code", flat=True)), ["DE", "RU"])
        self.assertEqual(
            list(self.call.mentioned_countries.values_list("iso_code", flat=True)), ["SY"]
        )
        # Done once, it is done: a second run finds nothing to change.
        self.assertIn(
            "0 non-person(s) removed, 0 name(s) cleaned, 0 duplicate(s) merged", self.repair()
        )

    def test_countries_an_editor_set_are_left_as_they_are(self):
        self.call.edited_fields = ["countries"]
        self.call.save()
        self.repair()
        self.assertEqual(
            sorted(self.call.countries.values_list("iso_code", flat=True)), ["DE", "SY"]
        )


class DuplicatesAdminTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
        self.sergei = make_person(name="Sergei Chemezov", country=country("RU"))
        self.sergey = make_person(name="Sergey Chemezov")
        make_meeting(people=[self.sergei])
        make_meeting(people=[self.sergey])
        make_person(name="Kazbek Kokov")
        make_person(name="Yury Kokov")
        self.url = reverse("admin:meetings_person_duplicates")

    def test_possible_duplicates_are_listed_with_the_evidence(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Sergey Chemezov")
        self.assertContains(response, "the same name in another romanisation")
        self.assertNotContains(response, "Kokov")
        changelist = self.client.get(reverse("admin:meetings_person_changelist"))
        self.assertContains(changelist, "Possible duplicates (1)")

    def test_merge_keeps_the_other_spelling_as_an_alias(self):
        self.client.post(
            self.url,
            {
                "person": self.sergei.pk,
                "other": self.sergey.pk,
                "keep": self.sergei.pk,
                "decision": "merge",
            },
        )
        self.assertFalse(Person.objects.filter(pk=self.sergey.pk).exists())
        self.assertEqual(Participant.objects.filter(person=self.sergei).count(), 2)
        self.assertTrue(
            PersonAlias.objects.filter(person=self.sergei, name="Sergey Chemezov").exists()
        )

    def test_two_people_are_no_longer_offered(self):
        self.client.post(
            self.url, {"person": self.sergey.pk, "other": self.sergei.pk, "decision": "distinct"}
        )
        self.assertEqual(DistinctPeople.objects.count(), 1)
        self.assertContains(self.client.get(self.url), "No possible duplicates.")
