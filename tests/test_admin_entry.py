"""An editor's whole job in the admin, without a shell: upload, preview, confirm, then the
review queue (records needing a date, unresolved labels, possible duplicates), and
corrections that later imports keep."""

import io
import signal
import zipfile
from pathlib import Path
from unittest import mock

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse

from meetings.models import (
    Draft,
    ImportRun,
    ImportStatus,
    Meeting,
    Person,
    Statement,
)
from tests.factories import country, make_person

FIXTURES = Path(__file__).parent / "fixtures"
TELCON = FIXTURES / "transcripts" / "051_frus-telcon-bush-gorbachev-1991-classification-marks.txt"
UNDATED = FIXTURES / "transcripts" / "008_ein-mishustin-asadov-phone-hardwrapped.txt"
PAGE = FIXTURES / "html" / "kremlin-54102.html"
QUAD = (
    FIXTURES
    / "whitehouse"
    / "wh-2022-05-24-remarks-biden-kishida-modi-albanese-quad-aggregator.txt"
)
READOUT = FIXTURES / "whitehouse" / "wh-2022-09-21-readout-biden-kishida-aggregator.txt"


def run_worker():
    """The background worker, until no task is left; it handles SIGINT and SIGTERM its own
    way: this process gets its handlers back."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def zip_of(*paths, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in paths:
            archive.write(path, f"docs/{path.name}")
        for name, data in extra:
            archive.writestr(name, data)
    return SimpleUploadedFile("upload.zip", buffer.getvalue(), content_type="application/zip")


class EditorTestCase(TestCase):
    def setUp(self):
        self.editor = User.objects.create_superuser("editor", "e@example.org", "pw")
        self.client.force_login(self.editor)

    def upload(self, *files, follow=False, **fields):
        return self.client.post(
            reverse("admin:meetings_importrun_add"), {"files": list(files), **fields}, follow=follow
        )


class UploadTests(EditorTestCase):
    def test_upload_preview_confirm(self):
        page = self.client.get(reverse("admin:meetings_meeting_changelist"))
        self.assertContains(page, reverse("admin:meetings_importrun_add"))
        response = self.upload(zip_of(TELCON, PAGE, UNDATED), source_name="Test uploads")
        run = ImportRun.objects.get()
        self.assertRedirects(response, run.get_absolute_url())
        self.assertEqual(run.status, ImportStatus.READY)
        self.assertEqual(run.created_by, self.editor)
        self.assertEqual(run.files.count(), 3)
        # Read, not written.
        self.assertFalse(Meeting.objects.exists())
        self.assertFalse(Draft.objects.exists())
        self.assertFalse(Person.objects.exists())
        preview = self.client.get(run.get_absolute_url())
        by_name = {e["name"]: e for e in run.preview}
        telcon = by_name[f"upload.zip/docs/{TELCON.name}"]
        self.assertEqual(telcon["status"], "created")
        self.assertEqual(telcon["date"], "1991-05-27")
        self.assertEqual(telcon["unresolved"], ["The President"])
        self.assertIn("Mikhail Gorbachev", [p["name"] for p in telcon["participants"]])
        kremlin = by_name[f"upload.zip/docs/{PAGE.name}"]
        self.assertEqual(
            (kremlin["title"], kremlin["date"], kremlin["countries"]),
            ("Meeting with Marine Le Pen", "2017-03-24", ["France", "Russia"]),
        )
        self.assertEqual(
            [(p["name"], p["country"]) for p in kremlin["participants"]],
            [("Vladimir Putin", "Russia"), ("Marine Le Pen", "France")],
        )
        self.assertEqual(kremlin["statements"], 5)
        self.assertEqual(by_name[f"upload.zip/docs/{UNDATED.name}"]["status"], "draft")
        for text in ("Meeting with Marine Le Pen", "Unresolved: The President", "draft", "Confirm"):
            self.assertContains(preview, text)

        response = self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        self.assertRedirects(response, run.get_absolute_url())
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.DONE)
        self.assertEqual((run.created, run.drafts, run.failed), (2, 1, 0))
        self.assertEqual(run.unresolved, [["The President", 3]])
        self.assertEqual(run.meetings.count(), 2)
        meeting = Meeting.objects.get(source_url="http://en.kremlin.ru/events/president/news/54102")
        self.assertEqual(meeting.source_file, PAGE.name)
        telcon_meeting = Meeting.objects.get(date="1991-05-27")
        self.assertEqual(telcon_meeting.source_name, "Test uploads")
        self.assertEqual(Draft.objects.get().import_run, run)
        done = self.client.get(run.get_absolute_url())
        self.assertContains(done, meeting.get_absolute_url())
        self.assertContains(done, "1 kept as drafts")
        # Confirming twice does nothing more.
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        self.assertEqual(Meeting.objects.count(), 2)
        self.assertTrue(LogEntry.objects.filter(object_id=str(run.pk)).exists())

    def test_the_preview_is_what_the_import_writes(self):
        # The archive knows the President by his full name and country: a record that
        # labels him "PRESIDENT BIDEN" is his, and the United States a party of it. The
        # preview said otherwise when it guessed instead of importing.
        us = country("US")
        make_person(name="Joe Biden", country=us, aliases=["Biden"])
        self.upload(zip_of(QUAD, READOUT, PAGE, TELCON))
        run = ImportRun.objects.get()
        self.assertFalse(Meeting.objects.exists())
        shown = ("countries", "mentioned_countries", "participants", "statements", "resolved")
        preview = {e["name"]: {k: e[k] for k in shown} for e in run.preview}
        quad = preview[f"upload.zip/docs/{QUAD.name}"]
        self.assertIn("United States", quad["countries"])
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.DONE)
        written = {e["name"]: {k: e[k] for k in shown} for e in run.preview}
        self.assertEqual(written, preview)
        for entry in run.preview:
            meeting = Meeting.objects.get(pk=entry["meeting"]["id"])
            self.assertEqual(entry["countries"], [c.name for c in meeting.countries.all()])
            self.assertEqual(entry["result"], entry["status"])
        # Each person is new or known alike in every row: known means in the archive
        # before the upload.
        known = {}
        for entry in run.preview:
            for p in entry["participants"]:
                known.setdefault(p["person"], set()).add(p["known"])
        self.assertEqual(known["Joe Biden"], {True})
        self.assertTrue(all(len(flags) == 1 for flags in known.values()), known)

    def test_an_upload_with_nothing_to_import_is_not_offered_for_confirmation(self):
        self.upload(zip_of(extra=[("empty.txt", b""), ("noise.txt", b"\x00\x01\x02" * 50)]))
        run = ImportRun.objects.get()
        self.assertEqual(run.status, ImportStatus.FAILED)
        self.assertIn("Nothing to import", run.error)
        page = self.client.get(run.get_absolute_url())
        self.assertNotContains(page, "Confirm")
        self.assertContains(page, "Refused: empty document")
        self.assertContains(page, "Discard this upload")
        index = self.client.get(reverse("admin:index"))
        awaiting = [q for q in index.context["review"] if q["name"].startswith("Imports")]
        self.assertEqual(awaiting[0]["count"], 0)
        response = self.client.post(reverse("admin:meetings_importrun_discard", args=[run.pk]))
        self.assertRedirects(response, reverse("admin:meetings_importrun_changelist"))
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.DISCARDED)
        self.assertFalse(run.files.exists())
        self.assertContains(self.client.get(run.get_absolute_url()), "nothing of it was imported")

    def test_a_ready_upload_can_be_discarded_and_then_not_confirmed(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.assertContains(self.client.get(run.get_absolute_url()), "Discard this upload")
        self.client.post(reverse("admin:meetings_importrun_discard", args=[run.pk]))
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.DISCARDED)
        self.assertFalse(Meeting.objects.exists())

    def test_a_file_over_the_limit_is_left_out_and_the_others_taken(self):
        with mock.patch("meetings.uploads.MAX_DOCUMENT", 10_000):
            response = self.upload(
                SimpleUploadedFile(PAGE.name, PAGE.read_bytes()),
                SimpleUploadedFile(TELCON.name, TELCON.read_bytes()),
                follow=True,
            )
        run = ImportRun.objects.get()
        self.assertEqual(run.total, 1)
        self.assertEqual(run.left_out, [[PAGE.name, "over 9 KB"]])
        self.assertContains(response, f"1 file(s) left out, the other 1 taken: {PAGE.name}")
        self.assertEqual(run.status, ImportStatus.READY)
        self.assertContains(response, "Confirm: import 1 document")

    def test_a_second_upload_of_the_same_page_previews_unchanged(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        second = ImportRun.objects.exclude(pk=run.pk).get()
        (entry,) = second.preview
        self.assertEqual(entry["status"], "unchanged")
        self.assertEqual(entry["meeting"]["title"], "Meeting with Marine Le Pen")

    def test_refused_documents_show_the_reason(self):
        self.upload(
            zip_of(PAGE, extra=[("empty.txt", b""), ("picture.png", b"\x89PNG")]),
            default_date="",
        )
        run = ImportRun.objects.get()
        by_name = {e["name"]: e for e in run.preview}
        self.assertEqual(by_name["upload.zip/empty.txt"]["status"], "failed")
        self.assertEqual(by_name["upload.zip/empty.txt"]["error"], "empty document")
        self.assertEqual(
            run.left_out, [["upload.zip/picture.png", "not a document the importer reads"]]
        )
        self.assertEqual(
            by_name["upload.zip/picture.png"]["error"],
            "left out: not a document the importer reads",
        )
        page = self.client.get(run.get_absolute_url())
        self.assertContains(page, "Refused: empty document")
        self.assertContains(page, "Confirm: import 1 document")

    def test_bad_uploads_are_refused_with_the_file_named(self):
        for upload, message in [
            (SimpleUploadedFile("notes.docx", b"PK.."), "notes.docx: not a document"),
            (SimpleUploadedFile("broken.zip", b"not a zip"), "broken.zip: not a readable zip"),
        ]:
            with self.subTest(message):
                response = self.upload(upload)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        response = self.upload()
        self.assertContains(response, "This field is required")
        self.assertFalse(ImportRun.objects.exists())

    def test_a_zip_bomb_is_refused_unread(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("big.txt", b"a" * (21 * 1024 * 1024))
        response = self.upload(SimpleUploadedFile("bomb.zip", buffer.getvalue()))
        self.assertContains(response, "bomb.zip/big.txt: over 20 MB unzipped")

    def test_an_undated_record_takes_the_uploads_date(self):
        self.upload(
            SimpleUploadedFile(UNDATED.name, UNDATED.read_bytes()), default_date="2020-11-02"
        )
        run = ImportRun.objects.get()
        self.assertEqual(run.preview[0]["date"], "2020-11-02")
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        self.assertEqual(str(Meeting.objects.get().date), "2020-11-02")

    def test_a_failure_of_ours_is_shown_on_the_run(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        with mock.patch(
            "meetings.importers.loader.Loader.load_batch", side_effect=RuntimeError("disk full")
        ):
            self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.FAILED)
        self.assertIn("disk full", run.error)
        self.assertContains(self.client.get(run.get_absolute_url()), "disk full")
        self.assertFalse(Meeting.objects.exists())


class BackgroundImportTests(TransactionTestCase):
    """The worker closes its database connection when it is done: a test of its own."""

    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))

    upload = EditorTestCase.upload

    @override_settings(IMPORT_AT_ONCE=1)
    def test_a_large_upload_is_worked_through_by_the_background_worker(self):
        self.upload(zip_of(TELCON, PAGE))  # tasks are enqueued as the request commits
        run = ImportRun.objects.get()
        self.assertEqual(run.status, ImportStatus.PREVIEWING)
        page = self.client.get(run.get_absolute_url())
        self.assertContains(page, '<meta http-equiv="refresh"')
        self.assertContains(page, "Reading: 2 documents")
        run_worker()
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.READY)
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        run.refresh_from_db()
        self.assertEqual(run.status, ImportStatus.IMPORTING)
        self.assertFalse(Meeting.objects.exists())
        run_worker()
        run.refresh_from_db()
        self.assertEqual((run.status, run.created), (ImportStatus.DONE, 2))


class ReviewQueueTests(EditorTestCase):
    def import_files(self, *paths):
        self.upload(*(SimpleUploadedFile(p.name, p.read_bytes()) for p in paths))
        run = ImportRun.objects.latest("pk")
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))

    def test_the_index_counts_each_queue(self):
        self.import_files(TELCON, UNDATED)
        aliyev = make_person(name="Ilham Aliyev")
        aliev = make_person(name="Ilham Aliev")
        page = self.client.get(reverse("admin:index"))
        self.assertContains(page, "Review queue")
        for name, count in [
            ("Records needing a date", 1),
            ("Unresolved speaker labels", 1),
            ("Possible duplicate people", 1),
        ]:
            self.assertRegex(page.content.decode(), rf"{name}</a></th>\s*<td>{count}</td>", name)
        # The editor says they are two people: the queue is empty at once.
        self.client.post(
            reverse("admin:meetings_person_duplicates"),
            {"person": aliyev.pk, "other": aliev.pk, "decision": "distinct"},
        )
        page = self.client.get(reverse("admin:index"))
        self.assertRegex(page.content.decode(), r"Possible duplicate people</a></th>\s*<td>0</td>")

    def test_setting_the_date_of_a_draft_publishes_it(self):
        self.import_files(UNDATED)
        draft = Draft.objects.get()
        listing = self.client.get(reverse("admin:meetings_draft_changelist"))
        self.assertContains(listing, draft.title)
        url = reverse("admin:meetings_draft_change", args=[draft.pk])
        form = self.client.get(url)
        self.assertContains(form, "Ali Asadov")
        response = self.client.post(url, {"date": "2020-11-02", "title": draft.title})
        self.assertRedirects(response, reverse("admin:meetings_draft_changelist"))
        meeting = Meeting.objects.get()
        self.assertEqual(str(meeting.date), "2020-11-02")
        self.assertEqual(
            sorted(meeting.participants.values_list("person__name", flat=True)),
            ["Ali Asadov", "Mikhail Mishustin"],
        )
        self.assertFalse(Draft.objects.exists())
        self.assertEqual(self.client.get(meeting.get_absolute_url()).status_code, 200)
        self.assertTrue(
            LogEntry.objects.filter(object_id=str(meeting.pk), change_message__contains="draft")
        )

    def test_a_draft_retitled_and_dated_at_once_is_published_with_its_new_title(self):
        self.import_files(UNDATED)
        draft = Draft.objects.get()
        url = reverse("admin:meetings_draft_change", args=[draft.pk])
        self.client.post(url, {"date": "2020-11-02", "title": "Telephone conversation"})
        self.assertEqual(Meeting.objects.get().title, "Telephone conversation")

    def test_a_draft_saved_without_a_date_stays_a_draft(self):
        self.import_files(UNDATED)
        draft = Draft.objects.get()
        url = reverse("admin:meetings_draft_change", args=[draft.pk])
        self.client.post(url, {"date": "", "title": "Telephone conversation with Ali Asadov"})
        draft.refresh_from_db()
        self.assertEqual(draft.record["title"], "Telephone conversation with Ali Asadov")
        self.assertFalse(Meeting.objects.exists())

    def test_mapping_an_unresolved_label_to_a_new_person(self):
        self.import_files(TELCON)
        listing = self.client.get(reverse("admin:review_labels"))
        self.assertContains(listing, "The President")
        url = reverse("admin:review_map_label") + "?label=The+President"
        self.assertContains(self.client.get(url), "Memorandum of Telephone Conversation")
        # Errors name the field.
        response = self.client.post(url, {"label": "The President", "person": "Nobody Known"})
        self.assertContains(response, "No person is called “Nobody Known”")
        response = self.client.post(
            url, {"label": "The President", "new_name": "George Bush", "new_country": "US"}
        )
        self.assertRedirects(response, reverse("admin:review_labels"))
        bush = Person.objects.get(name="George Bush")
        self.assertEqual(bush.country.iso_code, "US")
        meeting = Meeting.objects.get()
        self.assertEqual(Statement.objects.filter(meeting=meeting, speaker__person=bush).count(), 3)
        self.assertIn("US", meeting.countries.values_list("iso_code", flat=True))
        self.assertNotContains(self.client.get(reverse("admin:review_labels")), "The President")
        self.assertContains(self.client.get(meeting.get_absolute_url()), bush.get_absolute_url())
        self.assertTrue(LogEntry.objects.filter(object_id=str(bush.pk)).exists())

    def test_mapping_a_label_to_an_existing_person(self):
        self.import_files(TELCON)
        bush = make_person(name="George Bush")
        url = reverse("admin:review_map_label")
        self.client.post(url, {"label": "The President", "person": "george bush"})
        self.assertEqual(Statement.objects.filter(speaker__person=bush).count(), 3)


class CorrectionTests(EditorTestCase):
    def test_a_statement_corrected_in_the_admin_keeps_its_place_and_survives_reimport(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        meeting = Meeting.objects.get()
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = self.change_form_data(url)
        statements = list(meeting.statements.all())
        data["statements-1-text"] = "Corrected text of the second statement."
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        second = meeting.statements.get(position=2)
        self.assertEqual(second.pk, statements[1].pk)
        self.assertEqual(second.text, "Corrected text of the second statement.")
        self.assertEqual(second.edited_fields, ["text"])
        meeting.refresh_from_db()
        self.assertIsNotNone(meeting.corrected_at)
        public = self.client.get(meeting.get_absolute_url())
        self.assertContains(public, "corrected by the editors")
        self.assertContains(public, "last corrected on")
        # The page is imported again, changed at its source: the correction stays at #s2.
        changed = PAGE.read_bytes().replace(b"Ms Le Pen", b"Madame Le Pen", 1)
        call_command_import(changed)
        second = Meeting.objects.get().statements.get(position=2)
        self.assertEqual(second.text, "Corrected text of the second statement.")
        self.assertTrue(LogEntry.objects.filter(object_id=str(meeting.pk)).exists())

    def test_saving_only_a_new_title_marks_no_statement_corrected(self):
        # A browser sends a textarea's line breaks as CRLF: the statements it sends back
        # unchanged are not corrections.
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        meeting = Meeting.objects.get()
        self.assertTrue(any("\n\n" in s.text for s in meeting.statements.all()))
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = self.change_form_data(url)
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = value.replace("\n", "\r\n")
        data["title"] = "Meeting with Marine Le Pen, leader of the National Front"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        meeting.refresh_from_db()
        self.assertEqual(meeting.edited_fields, ["title"])
        self.assertFalse(meeting.statements.exclude(edited_fields=[]).exists())
        self.assertTrue(all("\r" not in s.text for s in meeting.statements.all()))
        public = self.client.get(meeting.get_absolute_url())
        self.assertNotContains(public, '<span class="corrected">')

    def test_control_characters_an_editor_pastes_are_not_kept(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        meeting = Meeting.objects.get()
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = self.change_form_data(url)
        data["title"] = "Meeting\x01 with Marine Le Pen"
        data["statements-0-text"] = "Good \x02afternoon\x03."
        self.assertEqual(self.client.post(url, data).status_code, 302)
        meeting.refresh_from_db()
        self.assertEqual(meeting.title, "Meeting with Marine Le Pen")
        self.assertEqual(meeting.statements.get(position=1).text, "Good afternoon.")

    def change_form_data(self, url):
        response = self.client.get(url)
        form = response.context["adminform"].form
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                value = ""
            if hasattr(value, "all"):
                value = [obj.pk for obj in value.all()]
            elif isinstance(value, list):
                value = [getattr(obj, "pk", obj) for obj in value]
            data[name] = value
        for formset in response.context["inline_admin_formsets"]:
            management = formset.formset.management_form
            for name in management.fields:
                data[f"{management.prefix}-{name}"] = management[name].value()
            for form in formset.formset.forms:
                for name in form.fields:
                    value = form[name].value()
                    data[f"{form.prefix}-{name}"] = "" if value is None else value
        return data


def call_command_import(data):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PAGE.name
        path.write_bytes(data)
        call_command("import_meetings", str(path), stdout=io.StringIO(), stderr=io.StringIO())


class EditorMistakesTests(EditorTestCase):
    """What an editor may get wrong, or find wrong, in the admin."""

    def import_page(self):
        self.upload(SimpleUploadedFile(PAGE.name, PAGE.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        return Meeting.objects.get()

    def test_a_date_whose_day_and_month_could_be_either_is_refused(self):
        self.upload(SimpleUploadedFile(UNDATED.name, UNDATED.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(reverse("admin:meetings_importrun_confirm", args=[run.pk]))
        draft = Draft.objects.get()
        url = reverse("admin:meetings_draft_change", args=[draft.pk])
        response = self.client.post(url, {"date": "10/07/2023", "title": draft.title})
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "“10/07/2023” could be 10 July 2023 or 7 October 2023: write the date as YYYY-MM-DD.",
        )
        self.assertFalse(Meeting.objects.exists())
        response = self.client.post(url, {"date": "25/07/2023", "title": draft.title})
        self.assertEqual(str(Meeting.objects.get().date), "2023-07-25")
        response = self.upload(
            SimpleUploadedFile(UNDATED.name, UNDATED.read_bytes()), default_date="03/04/2021"
        )
        self.assertContains(response, "could be 3 April 2021 or 4 March 2021")

    def test_the_count_of_possible_duplicates_follows_the_people_at_once(self):
        cuba = country("CU")
        index = reverse("admin:index")

        def counted():
            queue = self.client.get(index).context["review"]
            return next(q["count"] for q in queue if q["name"] == "Possible duplicate people")

        self.assertEqual(counted(), 0)
        for name in ("Miguel Diaz-Canel", "Miguel Diaz-Canel Bermudez"):
            response = self.client.post(
                reverse("admin:meetings_person_add"),
                {
                    "name": name,
                    "slug": "",
                    "sort_name": "",
                    "country": cuba.pk,
                    "aliases-TOTAL_FORMS": "0",
                    "aliases-INITIAL_FORMS": "0",
                },
            )
            self.assertEqual(response.status_code, 302, response.content[-3000:])
        # Added without a slug: made from the name.
        self.assertEqual(
            sorted(Person.objects.values_list("slug", flat=True)),
            ["miguel-diaz-canel", "miguel-diaz-canel-bermudez"],
        )
        duplicates = self.client.get(reverse("admin:meetings_person_duplicates"))
        self.assertEqual(len(duplicates.context["pairs"]), 1)
        self.assertEqual(counted(), 1)
        first, second = Person.objects.order_by("pk")
        self.client.post(
            reverse("admin:meetings_person_duplicates"),
            {"person": first.pk, "other": second.pk, "decision": "distinct"},
        )
        self.assertEqual(counted(), 0)

    def test_searching_people_counts_each_meeting_once(self):
        meeting = self.import_page()
        putin = Person.objects.get(name="Vladimir Putin")
        self.assertGreater(
            putin.aliases.count(), 1
        )  # "Vladimir Putin", "President of Russia Vladimir Putin"
        for query in ("", "putin", "vladimir"):
            with self.subTest(query=query):
                response = self.client.get(
                    reverse("admin:meetings_person_changelist"), {"q": query}
                )
                row = next(p for p in response.context["cl"].result_list if p.pk == putin.pk)
                self.assertEqual(row.meeting_total, 1)
        self.assertEqual(meeting.participants.filter(person=putin).count(), 1)

    def test_a_corrected_slug_keeps_the_old_address_working(self):
        meeting = self.import_page()
        old = meeting.get_absolute_url()
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = CorrectionTests.change_form_data(self, url)
        data["title"] = "Meeting with Marine Le Pen, leader of the Front National"
        data["slug"] = "meeting-with-marine-le-pen-front-national"
        data["date"] = "2017-03-24"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        meeting.refresh_from_db()
        self.assertNotEqual(meeting.get_absolute_url(), old)
        response = self.client.get(old + "?utm=1")
        self.assertRedirects(response, meeting.get_absolute_url() + "?utm=1", status_code=301)
        self.assertRedirects(
            self.client.get(old + "cite.bib"),
            meeting.get_absolute_url() + "cite.bib",
            status_code=301,
            fetch_redirect_response=False,
        )
        api = reverse("api:meeting_detail", args=["2017", "03", "24", "meeting-with-marine-le-pen"])
        self.assertEqual(self.client.get(api).status_code, 301)
        self.assertEqual(self.client.get(old.replace("le-pen", "le-pen-2")).status_code, 404)
        # Back to its first address: that is its page again, not a redirect.
        data["slug"] = "meeting-with-marine-le-pen"
        self.client.post(url, data)
        self.assertEqual(self.client.get(old).status_code, 200)
