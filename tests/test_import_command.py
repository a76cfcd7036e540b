import csv
import datetime
import gc
import io
import json
import shutil
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.db import DataError, connection, transaction
from django.test import TestCase, TransactionTestCase

from meetings.importers import loader, parallel, session
from meetings.models import Draft, Encounter, Meeting, MeetingSource, Participant, Person, Statement
from tests.factories import make_meeting, make_person, temp_folder, write_talks
from tests.processes import grouped_by_address

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
SEED = FIXTURES / "000_seed-mishustin-aliyev-2022-full.txt"
EXCERPT = FIXTURES / "005_ein-mishustin-aliyev-sample-original.txt"


def call_dry(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_meetings", *map(str, args), "--dry-run", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_meetings", *map(str, args), "--no-progress", stdout=out, stderr=err, stdin=stdin
    )
    return out.getvalue(), err.getvalue()


class ImportCommandTests(TestCase):
    def setUp(self):
        self.tmp = temp_folder(self)

    def test_seed_document_becomes_meeting_participants_and_statements(self):
        out, _ = run(SEED)
        self.assertIn("1 created, 0 updated", out)
        meeting = Meeting.objects.get()
        self.assertEqual(
            meeting.title, "Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev"
        )
        self.assertEqual(str(meeting.date), "2022-02-22")
        self.assertEqual(sorted(meeting.countries.values_list("iso_code", flat=True)), ["AZ", "RU"])
        aliyev = Participant.objects.get(meeting=meeting, person__name="Ilham Aliyev")
        self.assertEqual(aliyev.role, "President of Azerbaijan")
        self.assertEqual(aliyev.country.iso_code, "AZ")
        statements = list(meeting.statements.select_related("speaker__person"))
        self.assertEqual(
            [s.speaker.person.name for s in statements], ["Mikhail Mishustin", "Ilham Aliyev"]
        )
        self.assertEqual([s.position for s in statements], [1, 2])
        self.assertEqual(meeting.original_text, SEED.read_text(encoding="utf-8"))

    def test_bulk_rows_never_reuse_ids(self):
        # New documents get ids reserved ahead of the rows: after a meeting and a person made
        # elsewhere (the admin) and a deleted meeting, they follow on, never reusing an id.
        kept = make_meeting(title="Made in the admin", people=[make_person(name="A B")])
        gone = make_meeting(title="Deleted")
        gone_id = gone.pk
        gone.delete()
        run(SEED)
        meeting = Meeting.objects.exclude(pk=kept.pk).get()
        self.assertGreater(meeting.pk, gone_id)
        self.assertEqual(Meeting.objects.count(), 2)
        statements = meeting.statements.select_related("speaker__person")
        self.assertTrue(all(s.speaker.meeting_id == meeting.pk for s in statements))
        self.assertEqual(kept.participants.get().person.name, "A B")

    def test_importing_twice_changes_nothing(self):
        run(SEED)
        first = list(Statement.objects.values_list("pk", "text"))
        out, _ = run(SEED)
        self.assertIn("0 created, 0 updated, 0 merged into existing meetings, 1 unchanged", out)
        self.assertEqual(list(Statement.objects.values_list("pk", "text")), first)
        self.assertEqual(Meeting.objects.count(), 1)

    def test_corrected_document_updates_meeting_in_place(self):
        path = self.tmp / "seed.txt"
        path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        run(path)
        meeting = Meeting.objects.get()
        url = meeting.get_absolute_url()
        path.write_text(
            SEED.read_text(encoding="utf-8").replace("I am delighted", "I am very glad"),
            encoding="utf-8",
        )
        out, _ = run(path)
        self.assertIn("1 updated", out)
        meeting.refresh_from_db()
        self.assertEqual(meeting.get_absolute_url(), url)
        self.assertTrue(
            meeting.statements.get(position=1).text.startswith("Mr Aliyev, I am very glad")
        )
        self.assertEqual(Meeting.objects.count(), 1)

    def test_the_same_text_twice_in_one_batch_is_written_once_without_a_retry(self):
        # Two copies of one page in one import: one meeting, the copy unchanged, and the
        # batch is written in bulk (not refused by the unique hash and written again one by
        # one).
        for name in ("a.txt", "b.txt"):  # nobody named: nothing to find it by but its text
            (self.tmp / name).write_text(
                "Meeting of the Security Council\n\nMarch 3, 2021\n\nThe situation in the "
                "region was discussed at length by the permanent members.\n",
                encoding="utf-8",
            )
        with mock.patch.object(loader.Loader, "load", wraps=None) as one_by_one:
            out, _ = run(self.tmp)
        one_by_one.assert_not_called()
        self.assertIn("1 created, 0 updated, 0 merged into existing meetings, 1 unchanged", out)
        self.assertEqual(Meeting.objects.get().sources.count(), 1)

    def test_source_name_is_given_to_documents_that_name_none_in_a_dry_run_too(self):
        path = self.tmp / "talks.txt"
        path.write_text("Talks with Anna Berg\n\nMarch 3, 2021\n\nAnna Berg: Hello.\n")
        out = io.StringIO()
        call_command(
            "import_meetings",
            str(path),
            "--dry-run",
            "--format",
            "json",
            "--source-name",
            "Ministry of Foreign Affairs",
            stdout=out,
            stderr=io.StringIO(),
        )
        self.assertEqual(json.loads(out.getvalue())["source_name"], "Ministry of Foreign Affairs")
        run(path, "--source-name", "Ministry of Foreign Affairs")
        self.assertEqual(Meeting.objects.get().source_name, "Ministry of Foreign Affairs")

    def test_same_meeting_from_another_source_is_merged(self):
        run(EXCERPT)
        out, _ = run(SEED)
        self.assertIn("1 merged", out)
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.sources.count(), 2)
        # The complete transcript replaced the excerpt's single statement.
        self.assertEqual(meeting.statements.count(), 2)

    def test_failed_document_is_named_and_leaves_nothing(self):
        bad = self.tmp / "garbage.txt"
        bad.write_text("No date and nobody speaks.", encoding="utf-8")
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "1 document(s) could not be imported"):
            call_command("import_meetings", bad, SEED, stdout=io.StringIO(), stderr=err)
        self.assertIn(f"{bad}: no date found", err.getvalue())
        self.assertEqual(Meeting.objects.count(), 1)  # the good one went on
        self.assertEqual(Draft.objects.count(), 0)  # nothing to keep: no title, nobody quoted

    def test_undated_record_is_kept_as_a_draft_not_published(self):
        undated = self.tmp / "undated.txt"
        undated.write_text(
            "Talks with Anna Berg\n\nAnna Berg: Welcome.\n\nBoris Kuznetsov: Thank you.\n",
            encoding="utf-8",
        )
        out, err = run(undated, SEED)
        self.assertIn("1 created", out)
        self.assertIn("1 kept as drafts (no date), 0 failed", out)
        self.assertIn(f"{undated}: no date found", err)
        self.assertIn("kept as a draft", err)
        self.assertEqual(Meeting.objects.count(), 1)
        draft = Draft.objects.get()
        self.assertEqual(draft.title, "Talks with Anna Berg")
        self.assertEqual(draft.source_file, "undated.txt")
        self.assertEqual(
            [s["speaker_label"] for s in draft.record["statements"]],
            ["Anna Berg", "Boris Kuznetsov"],
        )
        # The same document again: kept once.
        out, _ = run(undated)
        self.assertIn("1 unchanged", out)
        self.assertEqual(Draft.objects.count(), 1)
        # A dry run says what would become a draft.
        out, _ = call_dry(undated)
        self.assertIn("0 parsed, 1 to keep as drafts (no date), 0 failed", out)

    def test_error_names_file_and_reason(self):
        for content, reason in [
            (b"", "empty document"),
            (b"\x00\x01\x02binary\x00", "binary data"),
        ]:
            with self.subTest(reason):
                path = self.tmp / "doc.txt"
                path.write_bytes(content)
                err = io.StringIO()
                with self.assertRaises(CommandError):
                    call_command(
                        "import_meetings",
                        str(path),
                        "--no-progress",
                        stdout=io.StringIO(),
                        stderr=err,
                    )
                self.assertIn(f"{path}: {reason}", err.getvalue())

    def test_strict_stops_at_first_failure(self):
        bad = self.tmp / "a_bad.txt"
        bad.write_text("nothing here", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "a_bad.txt"):
            call_command(
                "import_meetings",
                str(bad),
                str(SEED),
                "--strict",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        self.assertEqual(Meeting.objects.count(), 0)

    def test_dry_run_writes_nothing_and_json_follows_contract(self):
        out = io.StringIO()
        call_command(
            "import_meetings",
            str(SEED),
            "--dry-run",
            "--format",
            "json",
            stdout=out,
            stderr=io.StringIO(),
        )
        self.assertEqual(Meeting.objects.count(), 0)
        self.assertEqual(Person.objects.count(), 0)
        record = json.loads(out.getvalue().strip())
        self.assertEqual(record["source_file"], SEED.name)
        self.assertEqual(record["date"], "2022-02-22")
        self.assertEqual(
            record["participants"][1],
            {"name": "Ilham Aliyev", "role": "President of Azerbaijan", "country": "AZ"},
        )
        first = record["statements"][0]
        self.assertEqual(
            {k: first[k] for k in ("position", "speaker", "speaker_label", "interpreted")},
            {
                "position": 1,
                "speaker": "Mikhail Mishustin",
                "speaker_label": "Mikhail Mishustin",
                "interpreted": False,
            },
        )
        self.assertNotIn("Mikhail Mishustin:", first["text"])
        self.assertIn("\n\n", first["text"])

    def test_json_reports_every_document_refused_ones_with_their_reason(self):
        # One object per document: a refused one says why, and what could be read of it.
        nodate = self.tmp / "nodate.txt"
        nodate.write_text(
            "Talks with Anna Berg\n\nAnna Berg: Welcome.\n\nBoris Kuznetsov: Thank you.\n",
            encoding="utf-8",
        )
        empty = self.tmp / "empty.txt"
        empty.write_bytes(b"")
        out, err = io.StringIO(), io.StringIO()
        with self.assertRaisesMessage(CommandError, "1 document(s) could not be imported"):
            call_command(
                "import_meetings",
                str(empty),
                str(nodate),
                str(SEED),
                "--dry-run",
                "--format",
                "json",
                stdout=out,
                stderr=err,
            )
        empty_record, nodate_record, seed_record = map(json.loads, out.getvalue().splitlines())
        self.assertEqual(empty_record, {"source_file": "empty.txt", "error": "empty document"})
        self.assertEqual(nodate_record["date"], None)
        self.assertIn("no date found", nodate_record["error"])
        self.assertEqual(
            [(s["speaker_label"], s["text"]) for s in nodate_record["statements"]],
            [("Anna Berg", "Welcome."), ("Boris Kuznetsov", "Thank you.")],
        )
        self.assertNotIn("error", seed_record)
        self.assertIn(f"{nodate}: no date found", err.getvalue())
        # Read back, a refused document's report is refused again, with the reason.
        report = self.tmp / "report.jsonl"
        report.write_text(out.getvalue(), encoding="utf-8")
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "2 document(s) could not be imported"):
            call_command("import_meetings", str(report), stdout=io.StringIO(), stderr=err)
        self.assertIn(
            f"{report}: line 1: a refused document, not a meeting: empty document", err.getvalue()
        )
        self.assertEqual(Meeting.objects.count(), 1)

    def test_directory_recursion_and_stdin(self):
        sub = self.tmp / "a" / "b"
        sub.mkdir(parents=True)
        shutil.copy(SEED, sub / "seed.txt")
        (sub / "notes.md").write_text("ignored", encoding="utf-8")
        out, _ = run(self.tmp)
        self.assertIn("1 created", out)
        out, _ = run("-", stdin=io.BytesIO(EXCERPT.read_bytes()))
        self.assertIn("1 merged", out)

    def test_other_encoding_is_decoded_with_a_notice(self):
        path = self.tmp / "cp1251.txt"
        text = "Встреча с коллегами\n\n24 марта 2016 года, Москва\n\nВ.Путин: Добрый день, коллеги! Рад видеть вас всех здесь сегодня.\n"
        path.write_bytes(text.encode("cp1251"))
        out, err = run(path)
        self.assertIn("decoded as", err)
        self.assertEqual(Statement.objects.get().speaker_label, "В.Путин")

    def test_english_saved_in_windows_1252_keeps_its_letters(self):
        # An English text saved by Windows: its few accented letters are Windows-1252's
        # (ñ, ã), which a detector reading the bytes alone takes for Central European ones.
        path = self.tmp / "cp1252.txt"
        text = (
            "Remarks by President Biden and President Peña Nieto of Mexico\n\nJanuary 5, 2015"
            "\n\nPRESIDENT BIDEN: Thank you. The talks with the President of the Republic and "
            "with the São Tomé delegation went well, and we agreed on the next steps.\n\n"
            "PRESIDENT PEÑA NIETO: (As interpreted.) Thank you “very much” — it is a pleasure.\n"
        )
        path.write_bytes(text.encode("cp1252"))
        out, err = run(path)
        self.assertIn("decoded as cp1252", err)
        meeting = Meeting.objects.get()
        self.assertIn("Peña Nieto", meeting.title)
        self.assertIn("São Tomé", meeting.statements.first().text)

    def test_missing_path_is_an_error(self):
        with self.assertRaisesMessage(CommandError, "no such file or directory"):
            run(self.tmp / "nope")

    def test_unresolved_labels_are_reported(self):
        path = self.tmp / "bush.txt"
        path.write_text(
            "Talks\n\nMay 10, 2024, Moscow\n\nGeorge Bush: Hi.\n\nLaura Bush: Hello.\n\nBush: Who?\n",
            encoding="utf-8",
        )
        out, _ = run(path)
        self.assertIn("1 statement label(s) left unresolved", out)
        self.assertIn("Bush", out)

    def test_the_collector_runs_seldom_during_an_import_and_as_before_after_it(self):
        before, seen = gc.get_threshold(), []
        add = session.ImportSession.add

        def spy(self, *args, **kwargs):
            seen.append((gc.get_threshold(), gc.get_freeze_count()))
            return add(self, *args, **kwargs)

        tmp = temp_folder(self)
        (tmp / "undated.txt").write_text("No date and nobody speaks.", encoding="utf-8")
        with mock.patch.object(session.ImportSession, "add", spy):
            run(SEED)
            with self.assertRaises(CommandError):
                run(tmp)
        self.assertEqual([threshold[0] for threshold, _ in seen], [10 * before[0]] * 2)
        self.assertTrue(all(frozen > 0 for _, frozen in seen))
        self.assertEqual(gc.get_threshold(), before)
        self.assertEqual(gc.get_freeze_count(), 0)


class RussianRecordTests(TestCase):
    def test_a_russian_record_has_an_address_in_latin_letters(self):
        folder = temp_folder(self)
        (folder / "ru.txt").write_text(
            "Встреча с Президентом Азербайджана Ильхамом Алиевым\n\n"
            "22 февраля 2022 года, 15:40, Москва, Кремль\n\nВ.Путин: Рад Вас видеть.\n",
            encoding="utf-8",
        )
        run(folder / "ru.txt")
        meeting = Meeting.objects.get()
        self.assertEqual(
            meeting.get_absolute_url(),
            "/meetings/2022/02/22/vstrecha-s-prezidentom-azerbaydzhana-ilkhamom-alievym/",
        )
        self.assertEqual(self.client.get(meeting.get_absolute_url()).status_code, 200)


class RereadTests(TestCase):
    """An archive imported by an older version of the importer: --reread brings its
    records up to what this version reads, and keeps what the editors corrected."""

    READOUT = (
        Path(__file__).parent
        / "fixtures"
        / "whitehouse"
        / "wh-2021-09-09-readout-of-president-joseph-r-biden-jr-call-with-president-xi-jinping-"
        "of-the-peoples-republic-of-china.txt"
    )

    def test_a_document_read_again_rewrites_its_record_and_keeps_the_editors_words(self):
        run(self.READOUT)
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.publisher_country.iso_code, "US")
        # As an older importer left it: no publisher, nobody's country; and an editor has
        # corrected the title since.
        Meeting.objects.update(
            publisher_country=None,
            title="Readout of the Biden–Xi call",
            edited_fields=["title"],
        )
        Participant.objects.update(country=None)
        out, _ = run(self.READOUT)
        self.assertIn("1 unchanged", out)
        self.assertIsNone(Meeting.objects.get().publisher_country)
        out, _ = run(self.READOUT, "--reread")
        self.assertIn("1 updated", out)
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.publisher_country.iso_code, "US")
        self.assertEqual(
            sorted(meeting.participants.values_list("country__iso_code", flat=True)),
            ["CN", "US"],
        )
        self.assertEqual(meeting.title, "Readout of the Biden–Xi call")
        self.assertEqual(MeetingSource.objects.count(), 1)  # no second source of itself


class ExportRoundTripTests(TestCase):
    def test_export_then_import_elsewhere_loses_nothing(self):
        run(SEED, FIXTURES / "075_kremlin-html-56353-putin-assad-2017.txt")
        out = io.StringIO()
        call_command("export_meetings", stdout=out)
        exported = out.getvalue()
        lines = grouped_by_address([json.loads(x) for x in exported.splitlines()])
        self.assertEqual(len(lines), 2)
        Meeting.objects.all().delete()
        MeetingSource.objects.all().delete()
        Person.objects.all().delete()
        tmp = temp_folder(self)
        (tmp / "archive.jsonl").write_text(exported, encoding="utf-8")
        run(tmp / "archive.jsonl")
        again = io.StringIO()
        call_command("export_meetings", stdout=again)
        self.assertEqual(
            grouped_by_address([json.loads(x) for x in again.getvalue().splitlines()]), lines
        )

    def test_export_filters_and_csv(self):
        run(SEED, FIXTURES / "075_kremlin-html-56353-putin-assad-2017.txt")
        out = io.StringIO()
        call_command("export_meetings", "--country", "sy", stdout=out)
        self.assertEqual(len(out.getvalue().splitlines()), 1)
        out = io.StringIO()
        call_command(
            "export_meetings",
            "--format",
            "csv",
            "--until",
            "2022-12-31",
            "--since",
            "2022-01-01",
            stdout=out,
        )
        rows = list(csv.reader(io.StringIO(out.getvalue())))
        self.assertEqual(len(rows), 3)  # header and the seed's two statements
        self.assertEqual(rows[1][7], "Mikhail Mishustin")
        with self.assertRaisesMessage(CommandError, "--country: unknown ISO code 'ZZ'"):
            call_command("export_meetings", "--country", "ZZ", stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "not a date"):
            call_command("export_meetings", "--since", "yesterday", stdout=io.StringIO())


class ParallelParseTests(TransactionTestCase):
    """Many files are parsed in worker processes; results come back in order."""

    def test_worker_results_are_written_in_order_with_failures_named(self):
        tmp = temp_folder(self)
        write_talks(tmp, 7, lambda n: [f"Anna Berg: Round {n} begins.", "Boris Kuznetsov: Agreed."])
        (tmp / "talks-3b.txt").write_text("No date and nobody speaks.", encoding="utf-8")
        with (
            mock.patch.object(parallel, "PARALLEL_FROM", 2),
            mock.patch.object(parallel, "CHUNK", 2),
            mock.patch.object(parallel, "IN_FLIGHT", 1),
            mock.patch.object(session, "BATCH_SIZE", 3),
        ):
            err = io.StringIO()
            with self.assertRaisesMessage(CommandError, "1 document(s) could not be imported"):
                call_command(
                    "import_meetings", str(tmp), "--no-progress", stdout=io.StringIO(), stderr=err
                )
        self.assertIn(f"{tmp / 'talks-3b.txt'}: no date found", err.getvalue())
        self.assertEqual(
            list(Meeting.objects.order_by("pk").values_list("date__day", flat=True)),
            [1, 2, 3, 4, 5, 6, 7],
        )
        self.assertEqual(Statement.objects.count(), 14)

    def test_a_bug_in_a_worker_stops_the_import(self):
        tmp = temp_folder(self)
        for n in range(3):
            shutil.copy(SEED, tmp / f"seed-{n}.txt")
        with (
            mock.patch.object(parallel, "PARALLEL_FROM", 2),
            mock.patch.object(parallel, "parse_transcript", side_effect=RuntimeError("parser bug")),
            self.assertRaisesMessage(RuntimeError, "parser bug"),
        ):
            run(tmp)
        self.assertEqual(Meeting.objects.count(), 0)

    def test_search_vectors_computed_ahead_match_the_databases_own(self):
        # PostgreSQL: with many files the vectors of a batch are computed on a second
        # connection while the batch before is written; they must be the trigger's own.
        tmp = temp_folder(self)
        write_talks(
            tmp,
            5,
            lambda n: [
                f"Anna Berg: Negotiations resumed in round {n}.",
                "Boris Kuznetsov: Переговоры продолжаются.",
            ],
        )
        with (
            mock.patch.object(parallel, "PARALLEL_FROM", 2),
            mock.patch.object(session, "BATCH_SIZE", 2),
            mock.patch.object(
                loader, "statement_vectors", wraps=loader.statement_vectors
            ) as computed,
        ):
            run(tmp)
        self.assertEqual(Statement.objects.count(), 10)
        if connection.vendor != "postgresql":
            computed.assert_not_called()  # SQLite's FTS5 triggers index the rows
            return
        self.assertEqual(computed.call_count, 3)  # batches of 2, 2 and 1 documents
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM meetings_statement WHERE search_vector IS DISTINCT FROM "
                "meetings_statement_vector(text, speaker_label)"
            )
            self.assertEqual(cursor.fetchone(), (0,))
            cursor.execute(
                "SELECT count(*) FROM meetings_statement "
                "WHERE search_vector @@ to_tsquery('russian', 'переговор')"
            )
            self.assertEqual(cursor.fetchone(), (5,))


class RowWritingTests(TestCase):
    def test_rows_are_updated_by_id_with_their_own_values(self):
        day = datetime.date(2022, 2, 22)
        later = datetime.date(2022, 2, 23)
        a, b, c = (Encounter.objects.create(date=day, last_date=day, title=t) for t in "abc")
        loader.update_rows(
            Encounter,
            ["title", "last_date", "part_of_id", "record_count"],
            [("A", later, c.pk, 2, a.pk), ("B", day, None, 0, b.pk)],
        )
        loader.update_rows(Encounter, ["part_of_id"], [(None, c.pk)])
        for e in (a, b, c):
            e.refresh_from_db()
        self.assertEqual(
            (a.title, a.last_date, a.part_of_id, a.record_count), ("A", later, c.pk, 2)
        )
        self.assertEqual((b.title, b.part_of_id), ("B", None))
        self.assertEqual((c.title, c.last_date, c.part_of_id), ("c", day, None))
        # A value the column cannot hold is refused, not cut short.
        if connection.vendor == "postgresql":
            with self.assertRaises(DataError), transaction.atomic():
                loader.update_rows(Encounter, ["title"], [("x" * 301, b.pk)])
            b.refresh_from_db()
            self.assertEqual(b.title, "B")


class SameDayMeetingsTests(TestCase):
    def test_two_records_of_one_day_with_the_same_people_but_other_words_stay_two(self):
        # The talks, then the press statements after them: merging would lose one text.
        tmp = temp_folder(self)
        head = "March 1, 2021, 12:00, The Kremlin, Moscow\n\n"
        (tmp / "talks.txt").write_text(
            "Talks with President of Finland Sauli Niinisto\n\n" + head + "Vladimir Putin: "
            "Mr President, we are glad to see you in Moscow again.\n\nSauli Niinisto: Thank "
            "you. We have much to discuss about trade and the border.\n",
            encoding="utf-8",
        )
        (tmp / "statements.txt").write_text(
            "Press statements following talks with President of Finland Sauli Niinisto\n\n"
            + head
            + "Vladimir Putin: Ladies and gentlemen, our talks were held in a businesslike "
            "atmosphere.\n\nSauli Niinisto: I thank the President for the frank conversation "
            "today.\n",
            encoding="utf-8",
        )
        out, _ = run(tmp / "talks.txt", tmp / "statements.txt")
        self.assertIn("2 created, 0 updated, 0 merged", out)
        self.assertEqual(Statement.objects.count(), 4)

    def test_one_meeting_from_two_sources_that_name_its_people_differently(self):
        # The White House prints "PRIME MINISTER SUNAK", another archive "Prime Minister
        # Sunak" with his full name in the title: the same people by surname, the same words.
        tmp = temp_folder(self)
        words = (
            "{biden}: All the flowers bloomed.\n\n{sunak}: Well, Joe, welcome. It is great to "
            "have you here, back in Downing Street, for your first time as President.\n"
        )
        (tmp / "whitehouse.txt").write_text(
            "Remarks by President Biden and Prime Minister Sunak Before Bilateral Meeting\n\n"
            "July 10, 2023\n\n"
            + words.format(biden="PRESIDENT BIDEN", sunak="PRIME MINISTER SUNAK"),
            encoding="utf-8",
        )
        (tmp / "archive.txt").write_text(
            "Remarks Prior to a Meeting With Prime Minister Rishi Sunak of the United Kingdom\n\n"
            "July 10, 2023\n\n"
            + words.format(biden="President Biden", sunak="Prime Minister Sunak"),
            encoding="utf-8",
        )
        both = [tmp / "whitehouse.txt", tmp / "archive.txt"]
        for runs in ([both], [both[:1], both[1:]]):  # in one batch, then one after the other
            with self.subTest(runs=len(runs)):
                Meeting.objects.all().delete()
                for paths in runs:
                    run(*paths)
                self.assertEqual(Meeting.objects.count(), 1)
                self.assertEqual(Meeting.objects.get().sources.count(), 2)


class SourceAddressLookupTests(TestCase):
    def test_a_document_is_found_by_its_address_through_the_index(self):
        # A scan of every meeting for each document made a large import quadratic.
        plan = Meeting.objects.at_urls("http://kremlin.ru/events/president/news/1").explain()
        index = "meeting_unique_source_url"
        self.assertIn(index, plan)
        plan = Meeting.objects.at_urls("http://a.example/1", "http://b.example/2").explain()
        self.assertIn(index, plan)
