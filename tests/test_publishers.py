"""One archive of many governments: every record's own side a party, every person one
person whoever styles them, whichever record came first; organisations as sides."""

import datetime
import io
import shutil
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from meetings.identity import sort_name
from meetings.models import Meeting, Participant, Person, PersonAlias
from tests.factories import country, make_meeting, make_person, temp_folder

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"
BARE = TRANSCRIPTS / "106_whitehouse-bare-readout-biden-johnson-2022-call.txt"
PAGE = TRANSCRIPTS / "107_whitehouse-page-readout-biden-stoltenberg-2024-nato-site-header.txt"
AGGREGATOR = TRANSCRIPTS / "108_whitehouse-aggregator-biden-scholz-2022-press-conference.txt"
CONFERENCE = (
    TRANSCRIPTS
    / "109_whitehouse-page-harris-hichilema-2023-joint-press-conference-official-labels.txt"
)


def import_files(test, *paths, texts=()):
    folder = temp_folder(test)
    for path in paths:
        shutil.copy(path, folder / path.name)
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    call_command("import_meetings", str(folder), stdout=io.StringIO(), stderr=io.StringIO())


def parties(title_start):
    meeting = Meeting.objects.get(title__startswith=title_start)
    return sorted(meeting.countries.values_list("iso_code", flat=True))


class PublisherSideTests(TestCase):
    """The White House's President in a record that names no publisher is the archive's
    President Biden, with his country: whichever record came first."""

    def check(self):
        self.assertEqual(parties("Readout of President Biden’s Call"), ["GB", "US"])
        biden = Person.objects.get(name__in=["Joe Biden", "Joseph R. Biden"])
        self.assertEqual(biden.country.iso_code, "US")
        self.assertEqual(Person.objects.filter(name__endswith="Biden").count(), 1)
        self.assertEqual(biden.participations.count(), 2)
        participant = Participant.objects.get(
            person=biden, meeting__title__startswith="Readout of President Biden’s Call"
        )
        self.assertEqual(participant.country.iso_code, "US")

    def test_the_bare_record_first(self):
        import_files(self, BARE)
        # Alone, the bare record knows its President's country by the office he held that day.
        self.assertEqual(parties("Readout of President Biden’s Call"), ["GB", "US"])
        import_files(self, PAGE)
        self.check()

    def test_the_bare_record_after(self):
        import_files(self, PAGE)
        import_files(self, BARE)
        self.check()

    def test_both_in_one_import(self):
        import_files(self, BARE, PAGE)
        self.check()


class SurnameAloneTests(TestCase):
    def test_a_label_of_office_and_surname_is_the_full_named_person(self):
        # "PRESIDENT BIDEN" of a transcript, "President Joe Biden" of a readout, in either
        # order: one person, named in full, and the surname alone is nobody's alias.
        import_files(self, AGGREGATOR)
        self.assertEqual(Person.objects.get(name="Biden").country.iso_code, "US")
        import_files(self, PAGE)
        biden = Person.objects.get(name__endswith="Biden")
        self.assertEqual(biden.name, "Joe Biden")
        self.assertEqual(biden.sort_name, "Biden, Joe")
        self.assertEqual(biden.participations.count(), 2)
        self.assertFalse(PersonAlias.objects.filter(normalized_name="biden").exists())
        statements = biden.participations.get(meeting__title__startswith="Remarks").statements
        self.assertEqual(statements.count(), 13)  # his 13 turns as the transcript prints them

    def test_a_stub_named_in_full_mid_import_keeps_its_other_records(self):
        label = (
            "Remarks by President Putin at a Meeting\n\nMay 9, 2019\n\n"
            "PRESIDENT PUTIN: Good afternoon.\n\nQ Thank you.\n"
        )
        import_files(self, texts=[("first.txt", label)])
        self.assertTrue(Person.objects.filter(name="Putin").exists())
        import_files(
            self,
            texts=[
                (
                    "a.txt",
                    "Meeting with Prime Minister of India Narendra Modi\n\nMay 10, 2019, "
                    "Moscow\n\nPresident of Russia Vladimir Putin: Good afternoon.\n\n"
                    "Narendra Modi: Thank you.\n",
                ),
                ("b.txt", label.replace("May 9", "May 11").replace("afternoon", "evening")),
            ],
        )
        putin = Person.objects.get(name="Vladimir Putin")
        self.assertEqual(putin.participations.count(), 3)

    def test_a_surname_alone_without_the_office_and_time_stays_apart(self):
        # Hunter Biden is no President: the surname and the country are not enough.
        us = country("US")
        hunter = make_person(name="Hunter Biden", country=us)
        meeting = make_meeting(people=[hunter], date=datetime.date(2019, 5, 1))
        Participant.objects.filter(meeting=meeting).update(role="Businessman")
        import_files(self, AGGREGATOR)
        self.assertTrue(Person.objects.filter(name="Biden").exists())
        self.assertEqual(hunter.participations.count(), 1)

    def test_a_family_name_first_is_the_surname_a_label_gives(self):
        cn = country("CN")
        xi = make_person(name="Xi Jinping", country=cn)
        meeting = make_meeting(people=[xi], countries=[cn], date=datetime.date(2019, 6, 5))
        Participant.objects.filter(meeting=meeting).update(role="President of China")
        import_files(
            self,
            texts=[
                (
                    "talks.txt",
                    "Remarks by President Biden and President Xi of the People’s Republic of "
                    "China Before Virtual Meeting\n\nNovember 15, 2021\n\n"
                    "PRESIDENT BIDEN: Good evening.\n\nPRESIDENT XI: Good morning.\n",
                )
            ],
        )
        self.assertEqual(xi.participations.count(), 2)
        self.assertFalse(Person.objects.filter(name="Xi").exists())
        xi.refresh_from_db()
        self.assertEqual((xi.name, xi.sort_name), ("Xi Jinping", "Xi Jinping"))


WHITEHOUSE = Path(__file__).parent / "fixtures" / "whitehouse"


class TwoSurnamesTests(TestCase):
    """President López Obrador of Mexico: "PRESIDENT LÓPEZ OBRADOR" in the remarks (which
    name him so in the title), "President Andrés Manuel López Obrador" in the readouts."""

    def test_one_person_of_his_own_country_in_every_record(self):
        import_files(
            self,
            WHITEHOUSE / "wh-2021-03-01-remarks-by-president-biden-and-president-lopez-obrador-"
            "of-mexico-before-virtual-bilateral-meeting.txt",
            WHITEHOUSE / "wh-2021-04-07-readout-of-vice-president-kamala-harris-call-with-"
            "president-andres-manuel-lopez-obrador-of-mexico.txt",
            WHITEHOUSE / "wh-2023-01-09-readout-of-president-joe-bidens-meeting-with-president-"
            "lopez-obrador-of-mexico.txt",
        )
        (person,) = Person.objects.filter(name__contains="Obrador")
        self.assertEqual(person.name, "Andrés Manuel López Obrador")
        self.assertEqual(person.country.iso_code, "MX")
        self.assertEqual(person.participations.count(), 3)
        self.assertEqual(
            set(person.participations.values_list("country__iso_code", flat=True)), {"MX"}
        )
        self.assertEqual(parties("Remarks by President Biden and President López"), ["MX", "US"])
        readout = Meeting.objects.get(title__startswith="Readout of President Joe Biden’s Meeting")
        # Not "Andrés Manuel" and "López Obrador": his given names and his two surnames.
        self.assertEqual(
            sorted(readout.participants.values_list("person__name", flat=True)),
            ["Andrés Manuel López Obrador", "Joe Biden"],
        )


class GluedNamesTests(SimpleTestCase):
    def test_two_names_a_lost_comma_ran_together_are_two_people(self):
        from meetings.importers.participants import resolve_participants

        lead = (
            "Together with President of Kyrgyzstan Sooronbay Jeenbekov Vladimir Putin visited"
            " the House-Museum of writer Chingiz Aitmatov."
        )
        people, _, _ = resolve_participants(
            "Vladimir Putin visited the museum", [], [], summary=lead, home="RU"
        )
        self.assertEqual(
            [(p.name, p.country) for p in people],
            [("Vladimir Putin", None), ("Sooronbay Jeenbekov", "KG")],
        )

    def test_a_region_before_a_name_is_none_of_it(self):
        from meetings.importers.participants import attendance_people

        # kremlin.ru, 23 May 2019 and 2 April 2020, as printed (a line's end is a space).
        governors = attendance_people(
            "former governors of the Chelyabinsk Region Boris Dubrovsky, the Orenburg "
            "Region Yury Berg, Kalmykia Alexander Orlov, and the Kemerovo Region Aman Tuleyev"
        )
        self.assertEqual(
            [name for name, _ in governors],
            ["Boris Dubrovsky", "Yury Berg", "Alexander Orlov", "Aman Tuleyev"],
        )
        self.assertEqual(
            attendance_people(
                "Minister of Transport Yevgeny Ditrikh    , Minister for the Development of "
                "the Russian Far East and Arctic Alexander Kozlov    , Minister of Agriculture "
                "Dmitry Patrushev"
            ),
            [
                ("Yevgeny Ditrikh", "Minister of Transport"),
                (
                    "Alexander Kozlov",
                    "Minister for the Development of the Russian Far East and Arctic",
                ),
                ("Dmitry Patrushev", "Minister of Agriculture"),
            ],
        )


class NameOrderTests(TestCase):
    def test_family_name_first_or_last_is_one_person(self):
        import_files(
            self,
            texts=[
                (
                    "a.txt",
                    "Meeting with Prime Minister of Japan Fumio Kishida\n\nMay 19, 2023, "
                    "Hiroshima\n\nVladimir Putin met with Prime Minister of Japan Fumio "
                    "Kishida.\n\nFumio Kishida: Good afternoon.\n",
                ),
                (
                    "b.txt",
                    "Remarks by President Biden and Prime Minister Kishida Fumio of Japan "
                    "Before Bilateral Meeting\n\nJanuary 13, 2023\n\nOval Office\n\n"
                    "PRESIDENT BIDEN: Welcome.\n\nPRIME MINISTER KISHIDA: Thank you.\n",
                ),
            ],
        )
        kishida = Person.objects.get(name__contains="Kishida")
        self.assertEqual(kishida.participations.count(), 2)
        self.assertEqual(kishida.country.iso_code, "JP")


class OrganisationTests(TestCase):
    def test_an_official_acts_for_the_organisation_and_keeps_a_country(self):
        nl = country("NL")
        rutte = make_person(name="Mark Rutte", country=nl)
        earlier = make_meeting(people=[rutte], countries=[nl], date=datetime.date(2019, 1, 1))
        Participant.objects.filter(meeting=earlier).update(role="Prime Minister of the Netherlands")
        import_files(
            self,
            PAGE,
            texts=[
                (
                    "rutte.txt",
                    "Source: The White House\n\n"
                    "Remarks by President Trump and NATO Secretary General Mark Rutte Before "
                    "Bilateral Meeting\n\nMarch 13, 2025\n\nOval Office\n\n"
                    "PRESIDENT TRUMP: Thank you very much.\n\n"
                    "SECRETARY GENERAL RUTTE: Thank you, Mr. President.\n",
                )
            ],
        )
        self.assertEqual(parties("Remarks by President Trump"), ["US", "XN"])
        rutte.refresh_from_db()
        self.assertEqual(rutte.country.iso_code, "NL")  # his own country stays his
        acting = Participant.objects.get(person=rutte, meeting__title__startswith="Remarks")
        self.assertEqual(acting.country.iso_code, "XN")
        self.assertEqual(parties("Readout of President Joe Biden’s Meeting"), ["US", "XN"])
        # NATO has a page, a filter and a facet as a country has.
        page = self.client.get("/countries/XN/")
        self.assertContains(page, "NATO")
        self.assertContains(page, "Remarks by President Trump and NATO Secretary General")
        listed = self.client.get("/meetings/", {"country": "XN"})
        self.assertEqual(listed.context["page"].paginator.count, 2)
        self.assertContains(self.client.get("/api/meetings/?country=XN"), "Mark Rutte")


class RepairTests(TestCase):
    def test_an_archive_built_before_catches_up(self):
        us, gb = country("US"), country("GB")
        stub = make_person(name="Biden")
        johnson = make_person(name="Boris Johnson", country=gb)
        old = make_meeting(
            title="Readout of President Biden’s Call with Prime Minister Johnson",
            people=[stub, johnson],
            countries=[gb],
            date=datetime.date(2022, 2, 14),
        )
        Participant.objects.filter(meeting=old, person=stub).update(role="President")
        Participant.objects.filter(meeting=old, person=johnson).update(country=gb)
        joe = make_person(name="Joe Biden", country=us)
        other = make_meeting(people=[joe], countries=[us], date=datetime.date(2022, 3, 1))
        Participant.objects.filter(meeting=other).update(role="President of the United States")
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("1 known by the surname alone joined", out.getvalue())
        self.assertFalse(Person.objects.filter(pk=stub.pk).exists())
        self.assertEqual(sorted(old.countries.values_list("iso_code", flat=True)), ["GB", "US"])
        self.assertEqual(joe.participations.count(), 2)

    def test_an_office_word_leaves_a_sovereigns_one_name(self):
        # Imported while "Emperor" was read as part of a name.
        emperor = make_person(name="Emperor Naruhito", country=country("JP"))
        make_meeting(title="Greetings to Emperor Naruhito of Japan", people=[emperor])
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("0 non-person(s) removed, 1 name(s) cleaned", out.getvalue())
        emperor.refresh_from_db()
        self.assertEqual(emperor.name, "Naruhito")

    def test_a_state_the_archive_did_not_know_is_given_to_its_people(self):
        # Imported while the archive knew no South Ossetia: its President had no country.
        tibilov = make_person(name="Leonid Tibilov")
        putin = make_person(name="Vladimir Putin", country=country("RU"))
        meeting = make_meeting(
            title="Meeting with President of South Ossetia Leonid Tibilov",
            people=[putin, tibilov],
            countries=[country("RU")],
            date=datetime.date(2017, 3, 21),
        )
        meeting.participants.filter(person=tibilov).update(
            role="President of South Ossetia", country=None
        )
        meeting.participants.filter(person=putin).update(country=country("RU"))
        # An official acting for an organisation has no country of their own to learn.
        guterres = make_person(name="Antonio Guterres")
        make_meeting(people=[guterres], countries=[country("UN")])
        Participant.objects.filter(person=guterres).update(
            role="UN Secretary-General", country=country("UN")
        )
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn(
            "1 participant(s) given their role's country, 1 person(s) given a country",
            out.getvalue(),
        )
        tibilov.refresh_from_db()
        self.assertEqual(tibilov.country.iso_code, "OS")
        self.assertEqual(sorted(meeting.countries.values_list("iso_code", flat=True)), ["OS", "RU"])
        guterres.refresh_from_db()
        self.assertIsNone(guterres.country)
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("0 participant(s) given their role's country, 0 person(s)", out.getvalue())

    def test_an_office_holder_imported_without_a_country_is_given_it(self):
        # A bare White House page, imported before an office's holders gave a country.
        harris = make_person(name="Harris")
        duda = make_person(name="Andrzej Duda", country=country("PL"))
        trump = make_person(name="Trump")  # named in passing, no President that day
        meeting = make_meeting(
            title="Remarks by Vice President Harris and President Andrzej Duda of Poland",
            people=[harris, duda, trump],
            countries=[country("PL")],
            date=datetime.date(2022, 3, 10),
        )
        meeting.participants.filter(person=harris).update(role="Vice President", country=None)
        meeting.participants.filter(person__in=[duda, trump]).update(role="President", country=None)
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("1 participant(s) given their role's country", out.getvalue())
        harris.refresh_from_db()
        self.assertEqual(harris.country.iso_code, "US")
        self.assertEqual(sorted(meeting.countries.values_list("iso_code", flat=True)), ["PL", "US"])
        self.assertIsNone(meeting.participants.get(person=trump).country)
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("0 participant(s) given their role's country", out.getvalue())

    def test_an_office_holder_named_without_an_office_is_given_its_country(self):
        # A government.ru record republished by an aggregator, imported before a holder's
        # whole name gave a country: "Mikhail Mishustin meets with ..." names no office.
        mishustin = make_person(name="Mikhail Mishustin")
        aliyev = make_person(name="Ilham Aliyev", country=country("AZ"))
        meeting = make_meeting(
            title="Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev",
            people=[mishustin, aliyev],
            countries=[country("AZ")],
            date=datetime.date(2022, 2, 22),
        )
        meeting.participants.filter(person=mishustin).update(role="", country=None)
        # Before he held the office, the name says nothing of a country (the one counted
        # below is the meeting of 2022).
        early = make_meeting(people=[mishustin], date=datetime.date(2019, 5, 1))
        early.participants.update(role="", country=None)
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("1 participant(s) given their role's country", out.getvalue())
        self.assertEqual(meeting.participants.get(person=mishustin).country.iso_code, "RU")
        mishustin.refresh_from_db()
        self.assertEqual(mishustin.country.iso_code, "RU")

    def test_a_governments_own_official_imported_without_a_country_is_given_it(self):
        # A kremlin.ru page, imported before its officials named by office alone were of
        # Russia; and a visit whose title names another country, which keeps its guest's
        # office apart ("German Vice Chancellor and Economy and Energy Minister").
        ru = country("RU")
        shoigu = make_person(name="Sergei Shoigu")
        gabriel = make_person(name="Sigmar Gabriel")
        own = make_meeting(
            title="Meeting with Defence Minister Sergei Shoigu",
            people=[shoigu],
            countries=[ru],
            publisher_country=ru,
            date=datetime.date(2017, 3, 20),
        )
        visit = make_meeting(
            title="Meeting with German Vice Chancellor and Economy and Energy Minister Sigmar "
            "Gabriel",
            people=[gabriel],
            countries=[ru, country("DE")],
            publisher_country=ru,
            date=datetime.date(2016, 9, 21),
        )
        own.participants.update(role="Defence Minister")
        visit.participants.update(role="Energy Minister")
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("1 participant(s) given their role's country", out.getvalue())
        shoigu.refresh_from_db()
        self.assertEqual(shoigu.country.iso_code, "RU")
        gabriel.refresh_from_db()
        self.assertIsNone(gabriel.country)
        out = io.StringIO()
        call_command("repair_people", stdout=out)
        self.assertIn("0 participant(s) given their role's country", out.getvalue())


class SortNameTests(SimpleTestCase):
    def test_suffixes_regnal_numbers_particles_and_family_names_first(self):
        for name, country_code, surnames, expected in [
            ("Joseph R. Biden Jr.", "US", (), "Biden, Joseph R., Jr."),
            ("Ferdinand Marcos Jr.", "PH", (), "Marcos, Ferdinand, Jr."),
            ("Abdullah II", "JO", (), "Abdullah II"),
            ("Abdullah II bin Al Hussein", "JO", (), "Abdullah II bin Al Hussein"),
            ("Xi Jinping", "CN", (), "Xi Jinping"),
            ("Moon Jae-in", "KR", (), "Moon Jae-in"),
            ("Kishida Fumio", "JP", ("Kishida",), "Kishida Fumio"),
            ("Fumio Kishida", "JP", ("Kishida",), "Kishida, Fumio"),
            ("Alexander Van der Bellen", "AT", (), "Van der Bellen, Alexander"),
            ("Abdullah bin Zayed Al Nahyan", "AE", (), "Al Nahyan, Abdullah bin Zayed"),
            ("Luiz Inacio Lula da Silva", "BR", (), "da Silva, Luiz Inacio Lula"),
            ("Vladimir Putin", "RU", (), "Putin, Vladimir"),
        ]:
            with self.subTest(name):
                self.assertEqual(sort_name(name, country_code, surnames), expected)
