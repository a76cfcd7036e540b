"""The editor's whole path in Chromium, against the archive as it runs in production:
gunicorn from deploy/gunicorn.conf.py and the task worker in processes of their own, on a
scratch database of the tests' kind (SQLite, or PostgreSQL with DATABASE_URL), every
process replaced between two steps, as after a deployment or a crash.

Upload, preview, confirm (read and written by the background worker), date and publish a
draft, map a label, merge and separate possible duplicates, correct a title and one
statement, import the source again. A step that worked only inside one warm process (a
connection closed under a request, a cache of another process) fails here.
"""

import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.processes import LiveArchive
from tests.test_browser import assert_accessible, shoot

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
PASSWORD = "a-long-password-for-the-editor"

# Two pairs of names the archive may not take for one person without an editor: a second
# surname added (Diaz-Canel Bermudez), a family name after the given ones (Al Nahyan).
ALIKE = {
    "cuba-2019.txt": "Meeting with President of Cuba Miguel Diaz-Canel\n\n"
    "November 4, 2019, The Kremlin, Moscow\n\n"
    "Vladimir Putin met with President of the Republic of Cuba Miguel Diaz-Canel.\n\n"
    "Vladimir Putin: Mr President, friends, welcome to Moscow.\n\n"
    "Miguel Diaz-Canel: Thank you, Mr President, for this meeting.\n",
    "cuba-2021.txt": "Telephone conversation with President of Cuba Miguel Diaz-Canel Bermudez\n\n"
    "July 23, 2021, The Kremlin, Moscow\n\n"
    "Vladimir Putin had a telephone conversation with President of the Republic of Cuba "
    "Miguel Diaz-Canel Bermudez. The two leaders discussed cooperation in trade and energy.\n",
    "uae-2018.txt": "Meeting with Foreign Minister of the United Arab Emirates Abdullah bin Zayed\n\n"
    "April 10, 2018, The Kremlin, Moscow\n\n"
    "Vladimir Putin met with Minister of Foreign Affairs of the United Arab Emirates Abdullah "
    "bin Zayed.\n\nVladimir Putin: Your Highness, welcome.\n\n"
    "Abdullah bin Zayed: Thank you, Mr President.\n",
    "uae-2019.txt": "Telephone conversation with Foreign Minister of the United Arab Emirates "
    "Abdullah bin Zayed Al Nahyan\n\nMay 5, 2019, The Kremlin, Moscow\n\n"
    "Vladimir Putin had a telephone conversation with Minister of Foreign Affairs of the United "
    "Arab Emirates Abdullah bin Zayed Al Nahyan. They discussed the Middle East.\n",
}


@pytest.fixture(scope="module")
def archive():
    folder = Path(tempfile.mkdtemp(prefix="editor-path-"))
    # Uploads of more than 3 documents are read and written by the task worker.
    live = LiveArchive(folder, environ={"ARCHIVE_IMPORT_AT_ONCE": "3"})
    live.manage("createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org")
    live.python(
        "from django.contrib.auth.models import User\n"
        "u = User.objects.get(username='editor')\n"
        f"u.set_password({PASSWORD!r}); u.save()"
    )
    live.start()
    yield live
    live.close()


def zipped(folder, name, paths=(), extra=()):
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for p in paths:
            archive.write(p, p.name)
        for member, data in extra:
            archive.writestr(member, data)
    return path


def log_in(page, archive):
    page.goto(f"{archive.base}/admin/")
    if page.get_by_label("Username").count():
        page.get_by_label("Username").fill("editor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{archive.base}/admin/")


def upload(page, archive, path):
    """Upload a file; wait until its run is read (by the worker, for a large upload)."""
    from playwright.sync_api import expect

    page.goto(f"{archive.base}/admin/meetings/importrun/add/")
    page.get_by_label("Documents").set_input_files(str(path))
    page.get_by_role("button", name="Read the documents").click()
    page.wait_for_url("**/admin/meetings/importrun/*/change/")
    expect(page.locator(".import-status")).not_to_have_text("Reading the documents", timeout=60_000)
    return page.url


def query(archive, code):
    """What a new process reads from the archive, as JSON."""
    return json.loads(archive.python(f"import json\n{code}"))


def test_an_editor_works_through_the_whole_path_in_new_processes(page, archive):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 900})
    problems = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    folder = archive.folder

    # 1. Upload five documents and a picture (left out): the worker reads them.
    log_in(page, archive)
    first = zipped(
        folder,
        "documents.zip",
        [TELCON, PAGE, UNDATED, QUAD, READOUT],
        extra=[("photo.png", b"\x89PNG\r\n")],
    )
    run_url = upload(page, archive, first)
    expect(page.locator(".import-status")).to_have_text("Ready to import")

    # 2. The preview, in a new process: what will be written, nothing written yet.
    archive.restart()
    log_in(page, archive)
    page.goto(run_url)
    preview = page.locator("table.import-preview")
    expect(preview.get_by_text("Meeting with Marine Le Pen")).to_be_visible()
    expect(preview.get_by_text("Unresolved: The President")).to_be_visible()
    expect(preview.get_by_text("No date: kept as a draft")).to_be_visible()
    expect(page.get_by_text("photo.png: not a document the importer reads")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm: import 5 documents")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert (
        query(archive, "from meetings.models import Meeting\nprint(Meeting.objects.count())") == 0
    )
    shoot(page, "editor-preview")
    assert_accessible(page)
    previewed = query(
        archive,
        "from meetings.models import ImportRun\n"
        "print(json.dumps({e['name']: e.get('countries') for e in ImportRun.objects.get().preview}))",
    )

    # 3. Confirm, in a new process: the worker writes what the preview showed.
    archive.restart()
    log_in(page, archive)
    page.goto(run_url)
    page.get_by_role("button", name="Confirm: import 5 documents").click()
    expect(page.locator(".import-status")).to_have_text("Done", timeout=60_000)
    written = query(
        archive,
        "from meetings.models import ImportRun, Meeting\n"
        "run = ImportRun.objects.get()\n"
        "print(json.dumps({e['name']: [c.name for c in Meeting.objects.get(pk=e['meeting']['id'])"
        ".countries.all()] if e.get('meeting') else e.get('countries') for e in run.preview}))",
    )
    assert written == previewed
    expect(page.get_by_text("1 kept as drafts")).to_be_visible()

    # 4. Date the draft, in a new process: an ambiguous date is refused, then it is published.
    archive.restart()
    log_in(page, archive)
    page.get_by_role("link", name="Records needing a date").first.click()
    page.get_by_role("link", name="Prime Minister of the Russian Federation Mikhail").click()
    page.get_by_label("Date").fill("10/07/2023")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("could be 10 July 2023 or 7 October 2023")).to_be_visible()
    page.get_by_label("Date").fill("2020-11-02")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Published")).to_be_visible()
    page.get_by_role("link", name="public page").click()
    expect(page.get_by_text("2 November 2020")).to_be_visible()

    # 5. Map the unresolved label, in a new process.
    archive.restart()
    log_in(page, archive)
    page.get_by_role("link", name="Unresolved speaker labels").click()
    page.get_by_role("link", name="The President", exact=True).click()
    page.get_by_label("Or a new person named").fill("George Bush")
    page.get_by_label("New person's country").fill("US")
    page.get_by_role("button", name="Map the label").click()
    expect(page.get_by_text("is now George Bush")).to_be_visible()

    # 6. Merge one pair of possible duplicates and separate the other, in new processes.
    alike = zipped(folder, "alike.zip", extra=list(ALIKE.items()))
    run_url = upload(page, archive, alike)
    page.get_by_role("button", name="Confirm: import 4 documents").click()
    expect(page.locator(".import-status")).to_have_text("Done", timeout=60_000)
    archive.restart()
    log_in(page, archive)
    queue = page.locator("#review-queue")
    pairs = int(
        queue.get_by_role("row", name="Possible duplicate people").locator("td").inner_text()
    )
    assert pairs >= 2
    queue.get_by_role("link", name="Possible duplicate people").click()
    assert (
        page.locator("#content-main tbody tr").count() == pairs
    )  # the queue's count is the page's
    cuba = page.get_by_role("row").filter(has_text="Miguel Diaz-Canel Bermudez")
    cuba.get_by_role("button", name="Merge").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Merged Miguel Diaz-Canel")
    archive.restart()
    log_in(page, archive)
    page.goto(f"{archive.base}/admin/meetings/person/duplicates/")
    uae = page.get_by_role("row").filter(has_text="Abdullah bin Zayed Al Nahyan")
    uae.get_by_role("button", name="Two people").click()
    expect(page.locator(".messagelist")).to_contain_text("are two people")
    page.goto(f"{archive.base}/admin/")
    expect(queue.get_by_role("row", name=f"Possible duplicate people {pairs - 2}")).to_be_visible()
    people = query(
        archive,
        "from meetings.models import Person\n"
        "print(json.dumps(sorted(Person.objects.filter(name__contains='Diaz-Canel')"
        ".values_list('name', flat=True))))",
    )
    assert len(people) == 1

    # 7. Correct the title, the address and one statement, in a new process.
    archive.restart()
    log_in(page, archive)
    meeting = query(
        archive,
        "from meetings.models import Meeting\n"
        "m = Meeting.objects.get(title='Meeting with Marine Le Pen')\n"
        "print(json.dumps({'pk': m.pk, 'url': m.get_absolute_url()}))",
    )
    page.goto(f"{archive.base}/admin/meetings/meeting/{meeting['pk']}/change/")
    page.get_by_label("Title:").fill("Meeting with Marine Le Pen, leader of the National Front")
    page.get_by_label("Slug:").fill("meeting-with-marine-le-pen-national-front")
    third = page.locator("#statements-2")
    third.get_by_label("Text:").fill("A statement corrected by the editors.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.goto(archive.base + meeting["url"])  # the old address leads to the new one
    page.wait_for_url("**/meeting-with-marine-le-pen-national-front/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meeting with Marine Le Pen, leader of the National Front"
    )
    expect(page.get_by_text("Corrected by the editors (slug, title)")).to_be_visible()
    assert page.locator(".statement .corrected").count() == 1
    expect(page.locator("#s3")).to_contain_text("A statement corrected by the editors.")

    # 8. The source again, changed at its source, in a new process: an update that keeps
    # what the editors corrected.
    archive.restart()
    log_in(page, archive)
    changed = folder / PAGE.name
    changed.write_bytes(
        PAGE.read_bytes().replace(b"Ms Le Pen, this is not", b"Madame Le Pen, this is not", 1)
    )
    run_url = upload(page, archive, changed)
    expect(page.locator("table.import-preview").get_by_text("updated", exact=True)).to_be_visible()
    page.get_by_role("button", name="Confirm: import 1 document").click()
    expect(page.locator(".import-status")).to_have_text("Done")
    page.goto(f"{archive.base}/meetings/2017/03/24/meeting-with-marine-le-pen-national-front/")
    expect(page.locator("#s1")).to_contain_text("Madame Le Pen, this is not")
    expect(page.locator("#s3")).to_contain_text("A statement corrected by the editors.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meeting with Marine Le Pen, leader of the National Front"
    )

    # 9. An upload with nothing to import offers no confirmation, and is discarded.
    nothing = zipped(folder, "nothing.zip", extra=[("empty.txt", b""), ("noise.txt", b"\x00" * 64)])
    upload(page, archive, nothing)
    expect(page.locator(".import-status")).to_have_text("Failed")
    expect(page.get_by_text("Nothing to import")).to_be_visible()
    assert page.get_by_role("button", name="Confirm").count() == 0
    page.get_by_role("button", name="Discard this upload").click()
    expect(page.get_by_text("discarded: nothing was imported")).to_be_visible()

    # 10. A person added by hand needs no slug typed.
    page.goto(f"{archive.base}/admin/meetings/person/add/")
    page.get_by_label("Name:", exact=True).fill("Ada Example")
    page.get_by_label("Slug:").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    assert problems == [], problems  # no style or script of ours blocked by the CSP
    archive.restart()  # the processes logged no error all along (stop() checks)
