"""The editors' side of an import: records kept as drafts until dated, labels mapped to
people, corrections that a new import of the source does not undo."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase

from meetings.importers.session import publish_draft
from meetings.models import Draft, Meeting, MeetingSource, Person, PersonAlias, Statement
from meetings.people import map_label
from tests.factories import make_person, temp_folder

TALKS = """Talks with Anna Berg

March 3, 2021, The Kremlin, Moscow

Anna Berg: Welcome to Moscow.

The Chairman: The floor is yours.

Boris Kuznetsov: Thank you.
"""


def run(*paths):
    out = io.StringIO()
    call_command(
        "import_meetings", *map(str, paths), "--no-progress", stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


class DraftTests(TestCase):
    def setUp(self):
        self.tmp = temp_folder(self)

    def test_a_draft_dated_by_an_editor_becomes_a_meeting_once(self):
        undated = self.tmp / "undated.txt"
        undated.write_text(TALKS.replace("March 3, 2021, ", ""), encoding="utf-8")
        run(undated)
        draft = Draft.objects.get()
        self.assertFalse(Meeting.objects.exists())
        result = publish_draft(draft, datetime.date(2021, 3, 3))
        meeting = Meeting.objects.get(pk=result.meeting_id)
        self.assertEqual(meeting.date, datetime.date(2021, 3, 3))
        self.assertEqual(meeting.title, "Talks with Anna Berg")
        self.assertEqual(
            list(meeting.statements.values_list("speaker__person__name", flat=True)),
            ["Anna Berg", None, "Boris Kuznetsov"],
        )
        self.assertFalse(Draft.objects.exists())
        # The same file again: it is the published meeting, not a new draft.
        self.assertIn("1 unchanged", run(undated))
        self.assertFalse(Draft.objects.exists())
        self.assertEqual(MeetingSource.objects.get().content_hash, draft.content_hash)


class LabelMappingTests(TestCase):
    def setUp(self):
        self.tmp = temp_folder(self)
        (self.tmp / "talks.txt").write_text(TALKS, encoding="utf-8")
        run(self.tmp / "talks.txt")

    def test_unresolved_labels_are_counted_with_their_meetings(self):
        self.assertEqual(
            Statement.objects.unresolved_labels(),
            [{"speaker_label": "The Chairman", "statements": 1, "meetings": 1}],
        )

    def test_mapping_a_label_resolves_it_across_the_archive_and_in_later_imports(self):
        chair = make_person(name="Ivan Petrov")
        statements, meetings = map_label("The Chairman", chair)
        self.assertEqual((statements, meetings), (1, 1))
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.statements.get(position=2).speaker.person, chair)
        self.assertEqual(meeting.participants.get(person=chair).role, "Chairman")
        self.assertTrue(PersonAlias.objects.get(name="The Chairman", person=chair).from_label)
        self.assertEqual(Statement.objects.unresolved_labels(), [])
        # A later document with the label: resolved to the person as it is imported.
        (self.tmp / "later.txt").write_text(
            TALKS.replace("March 3", "April 4").replace("Welcome", "Welcome back"),
            encoding="utf-8",
        )
        run(self.tmp / "later.txt")
        later = Meeting.objects.get(date=datetime.date(2021, 4, 4))
        self.assertEqual(later.statements.get(position=2).speaker.person, chair)
        self.assertEqual(Person.objects.filter(name="Ivan Petrov").count(), 1)


class CorrectionTests(TestCase):
    def test_a_new_import_of_the_source_keeps_what_the_editors_corrected(self):
        tmp = temp_folder(self)
        path = tmp / "talks.txt"
        path.write_text(TALKS, encoding="utf-8")
        run(path)
        meeting = Meeting.objects.get()
        meeting.title = "Talks between Anna Berg and Boris Kuznetsov"
        meeting.edited_fields = ["title"]
        meeting.save()
        second = meeting.statements.get(position=2)
        boris = meeting.participants.get(person__name="Boris Kuznetsov")
        second.text, second.speaker = "The floor is yours, Ms. Berg.", boris
        second.edited_fields = ["text", "speaker"]
        second.save()
        # The source is corrected and imported again: an update of the same document.
        path.write_text(TALKS.replace("Thank you.", "Thank you very much."), encoding="utf-8")
        self.assertIn("1 updated", run(path))
        meeting.refresh_from_db()
        self.assertEqual(meeting.title, "Talks between Anna Berg and Boris Kuznetsov")
        self.assertEqual(
            list(meeting.statements.values_list("position", "speaker__person__name", "text")),
            [
                (1, "Anna Berg", "Welcome to Moscow."),
                (2, "Boris Kuznetsov", "The floor is yours, Ms. Berg."),
                (3, "Boris Kuznetsov", "Thank you very much."),
            ],
        )
        self.assertEqual(meeting.statements.get(position=2).edited_fields, ["text", "speaker"])

    def test_countries_an_editor_took_away_stay_away(self):
        tmp = temp_folder(self)
        path = tmp / "talks.txt"
        path.write_text(TALKS.replace("Talks with Anna Berg", "Russian-French talks"))
        run(path)
        meeting = Meeting.objects.get()
        self.assertTrue(meeting.countries.exists())
        meeting.countries.clear()
        meeting.edited_fields = ["countries"]
        meeting.save()
        path.write_text(path.read_text().replace("Thank you.", "Thank you very much."))
        self.assertIn("1 updated", run(path))
        self.assertFalse(meeting.countries.exists())
