"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Run with ./scripts/test --browser. Screenshots of each page type go to artifacts/screenshots/.
"""

import datetime
import os
from pathlib import Path

import pytest

from tests.factories import country, make_meeting, make_person, restore_countries

pytestmark = pytest.mark.browser
# The sync Playwright API runs an event loop in the test thread; the ORM calls made by the
# fixtures here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).parent.parent / "artifacts" / "screenshots")
)


@pytest.fixture
def archive(transactional_db):
    ru, az, tr = country("RU"), country("AZ"), country("TR")
    putin = make_person(name="Vladimir Putin", country=ru)
    aliyev = make_person(name="Ilham Aliyev", country=az)
    erdogan = make_person(name="Recep Tayyip Erdogan", country=tr)
    meetings = []
    for n in range(30):
        meetings.append(
            make_meeting(
                title=f"Russia-Azerbaijan talks {n + 1}",
                date=datetime.date(2015, 1, 1) + datetime.timedelta(days=40 * n),
                countries=[ru, az],
                people=[putin, aliyev],
                statements=4,
            )
        )
    make_meeting(
        title="Russia-Turkey talks",
        date=datetime.date(2019, 3, 3),
        countries=[ru, tr],
        people=[putin, erdogan],
        statements=3,
    )
    return {"putin": putin, "aliyev": aliyev, "first": meetings[0]}


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_filter_by_country_and_person_through_the_form(page, live_server, archive):
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("textbox", name="Countries").fill("TR")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/meetings/?*country=TR*")
    assert page.get_by_role("heading", name="1 meeting").is_visible()
    page.get_by_role("textbox", name="Countries").fill("")
    page.get_by_role("textbox", name="People").fill("ilham-aliyev")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**person=ilham-aliyev*")
    assert page.get_by_role("heading", name="30 meetings").is_visible()
    assert page.get_by_text("with Ilham Aliyev").is_visible()
    shoot(page, "meeting-list")
    assert_accessible(page)


def test_page_through_results_keeps_filters(page, live_server, archive):
    page.goto(f"{live_server.url}/meetings/?country=AZ&sort=oldest")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2*")
    assert "country=AZ" in page.url and "sort=oldest" in page.url
    assert page.get_by_text("Page 2 of 2").is_visible()
    assert page.get_by_role("link", name="Russia-Azerbaijan talks 26").is_visible()


def test_open_a_meeting_and_follow_a_statement_link(page, live_server, archive):
    page.goto(f"{live_server.url}/meetings/?sort=oldest")
    page.get_by_role("link", name="Russia-Azerbaijan talks 1", exact=True).click()
    page.wait_for_url(f"**{archive['first'].get_absolute_url()}")
    assert page.get_by_role("heading", name="Russia-Azerbaijan talks 1").is_visible()
    page.get_by_role("link", name="Link to statement 3").click()
    page.wait_for_url("**#s3")
    assert page.evaluate("document.querySelector(':target').id") == "s3"
    shoot(page, "meeting-detail")
    assert_accessible(page)


def test_home_person_and_country_pages(page, live_server, archive):
    for name, path in [
        ("home", "/"),
        ("person", archive["putin"].get_absolute_url()),
        ("country", "/countries/AZ/"),
        ("country-pair", "/countries/RU/AZ/"),
        ("people", "/people/"),
        ("countries", "/countries/"),
        ("statements", "/statements/?q=statement"),
        ("search", "/meetings/?q=statement&country=AZ"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").is_visible()
        shoot(page, name)
        assert_accessible(page)


def test_cite_box_copies_the_citation(page, live_server, archive):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}{archive['first'].get_absolute_url()}")
    box = page.locator("section.cite")
    chicago = box.locator("#cite-chicago").inner_text()
    assert "“Russia-Azerbaijan talks 1.”" in chicago
    button = box.get_by_role("button", name="Copy the Chicago citation")
    assert button.is_visible()  # shown once the script knows the clipboard works
    button.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    assert box.locator(".copy-status").inner_text() == "Citation copied."
    assert page.evaluate("navigator.clipboard.readText()") == chicago
    box.get_by_role("button", name="Copy the APA citation").click()
    page.wait_for_function(
        "navigator.clipboard.readText().then(t => t.includes('[Transcript]'))", timeout=5000
    )
    shoot(page, "meeting-cite")
    assert_accessible(page)


def test_every_chart_is_drawn_with_its_table(page, live_server, archive):
    for path, charts in [
        ("/countries/AZ/", ["years", "partners"]),
        (archive["putin"].get_absolute_url(), ["years", "people"]),
        ("/countries/RU/AZ/", ["timeline"]),
        (archive["first"].get_absolute_url(), ["words"]),
    ]:
        page.goto(f"{live_server.url}{path}")
        for chart in charts:
            svg = page.locator(f"svg[aria-labelledby='{chart}-title {chart}-desc']")
            assert svg.is_visible(), (path, chart)
            assert svg.get_attribute("role") == "img"
            box = svg.bounding_box()
            assert box["width"] > 100 and box["height"] > 20, (path, chart, box)
            bars = svg.locator("rect.chart-bar").count()
            assert bars > 0
            figure = page.locator("figure.chart", has=svg)
            table = figure.locator("details table")
            assert not table.is_visible()  # collapsed until asked for
            figure.locator("summary").click()
            assert table.is_visible()
            assert table.locator("tbody tr").count() == bars
        shoot(page, "charts" + path.replace("/", "-").rstrip("-"))
        assert_accessible(page)


def test_skip_link_moves_focus_to_main(page, live_server, archive):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")


@pytest.fixture
def editor(transactional_db):
    from django.contrib.auth.models import User

    restore_countries()
    return User.objects.create_superuser("editor", "editor@example.org", "a-long-password")


def test_an_editor_takes_documents_from_upload_to_published_pages(
    page, live_server, editor, tmp_path
):
    import zipfile

    from playwright.sync_api import expect

    from meetings.models import Meeting

    fixtures = Path(__file__).parent / "fixtures"
    telcon = (
        fixtures / "transcripts" / "051_frus-telcon-bush-gorbachev-1991-classification-marks.txt"
    )
    saved_page = fixtures / "html" / "kremlin-54102.html"
    undated = fixtures / "transcripts" / "008_ein-mishustin-asadov-phone-hardwrapped.txt"
    upload = tmp_path / "documents.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        for path in (telcon, saved_page, undated):
            archive.write(path, path.name)

    # 1. Log in.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    # 2. Upload a zip of three documents: a text, a saved web page, a text with no date.
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.get_by_role("link", name="Import documents").click()
    expect(page.get_by_role("heading", name="Import documents")).to_be_visible()
    shoot(page, "admin-upload")
    assert_accessible(page)
    page.get_by_label("Documents").set_input_files(str(upload))
    page.get_by_label("Source name").fill("Uploaded by the editors")
    page.get_by_role("button", name="Read the documents").click()
    # 3. Preview: what would be written, before anything is.
    page.wait_for_url("**/admin/meetings/importrun/*/change/")
    expect(page.get_by_text("Ready to import", exact=True)).to_be_visible()
    preview = page.get_by_role("table")
    expect(preview.get_by_text("Meeting with Marine Le Pen")).to_be_visible()
    expect(preview.get_by_text("Unresolved: The President")).to_be_visible()
    expect(preview.get_by_text("No date: kept as a draft")).to_be_visible()
    assert not Meeting.objects.exists()
    shoot(page, "admin-preview")
    assert_accessible(page)
    # 4. Confirm.
    page.get_by_role("button", name="Confirm: import 3 documents").click()
    expect(page.get_by_text("Done", exact=True)).to_be_visible()
    assert Meeting.objects.count() == 2
    # 5. Give the undated record its date: it is published.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Records needing a date").first.click()
    page.get_by_role("link", name="Prime Minister of the Russian Federation Mikhail").click()
    page.get_by_label("Date").fill("2020-11-02")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Published")).to_be_visible()
    asadov = Meeting.objects.get(participants__person__name="Ali Asadov")
    # 6. Map the unresolved label to a person.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Unresolved speaker labels").click()
    page.get_by_role("link", name="The President").click()
    page.get_by_label("Or a new person named").fill("George Bush")
    page.get_by_label("New person's country").fill("US")
    page.get_by_role("button", name="Map the label").click()
    expect(page.get_by_text("is now George Bush")).to_be_visible()
    # 7. The public pages show it.
    telcon_meeting = Meeting.objects.get(date="1991-05-27")
    page.goto(f"{live_server.url}{telcon_meeting.get_absolute_url()}")
    expect(page.get_by_role("link", name="George Bush").first).to_be_visible()
    page.goto(f"{live_server.url}{asadov.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("2 November 2020")).to_be_visible()
    page.goto(f"{live_server.url}/people/george-bush/")
    expect(page.get_by_role("heading", name="George Bush")).to_be_visible()
    page.goto(f"{live_server.url}/meetings/?q=Le+Pen")
    expect(page.get_by_role("link", name="Meeting with Marine Le Pen")).to_be_visible()


def test_admin_login_locks_after_repeated_failures(page, live_server, transactional_db):
    from django.contrib.auth.models import User
    from playwright.sync_api import expect

    User.objects.create_superuser("editor", "e@example.org", "a-long-password")
    page.goto(f"{live_server.url}/admin/")
    for _ in range(4):
        page.get_by_label("Username").fill("editor")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_text("Please enter the correct username and password")).to_be_visible()
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("still-not-it")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Login locked")).to_be_visible()
    # The right password does not open a locked account.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Login locked")).to_be_visible()
    shoot(page, "admin-locked")
    assert_accessible(page)


def test_an_old_link_to_a_statement_of_a_long_record_finds_its_page(page, live_server, archive):
    from playwright.sync_api import expect

    from meetings.models import Statement

    meeting = make_meeting(title="A long session", date=datetime.date(2020, 1, 1))
    Statement.objects.bulk_create(
        Statement(meeting=meeting, position=n, speaker_label="Chair", text=f"Item {n}.")
        for n in range(1, 451)
    )
    url = f"{live_server.url}{meeting.get_absolute_url()}"
    page.goto(f"{url}#s250")  # a link made before the record was shown in pages
    page.wait_for_url("**?page=2#s250")
    expect(page.locator("#s250")).to_contain_text("Item 250.")
    assert page.evaluate("document.querySelector(':target').id") == "s250"
    # Without the script: the form goes there too.
    page.goto(url)
    page.get_by_label("Go to statement").fill("420")
    page.get_by_role("button", name="Go", exact=True).click()
    page.wait_for_url("**?page=3#s420")
    expect(page.locator("#s420")).to_be_visible()
    shoot(page, "meeting-long-record")
    assert_accessible(page)


@pytest.fixture
def encounters(transactional_db):
    """The Mishustin-Aliyev meeting as government.ru (the seed) and AZERTAC tell it, the
    Putin-Aliyev meeting of the same day, and the Abe records of 27 April 2017."""
    import io

    from django.core.management import call_command

    fixtures = Path(__file__).parent / "fixtures"
    paths = [
        fixtures / "transcripts" / "000_seed-mishustin-aliyev-2022-full.txt",
        fixtures / "transcripts" / "013_presidentaz-putin-aliyev-2022-said-dash.txt",
        fixtures / "encounters" / "015_azertag-mishustin-aliyev-2022-inline-said.txt",
        fixtures / "encounters" / "kremlin-54388.txt",
        fixtures / "encounters" / "kremlin-54391.txt",
    ]
    restore_countries()
    call_command("import_meetings", *map(str, paths), "--no-progress", stdout=io.StringIO())


def test_both_sides_records_of_a_contact_side_by_side(page, live_server, encounters):
    from meetings.models import Meeting

    seed = Meeting.objects.get(source_file="000_seed-mishustin-aliyev-2022-full.txt")
    page.goto(f"{live_server.url}{seed.get_absolute_url()}")
    page.get_by_role("link", name="Mikhail Mishustin and Ilham Aliyev, 22 February 2022").click()
    page.wait_for_url("**/encounters/*/")
    assert page.get_by_role("heading", name="Mikhail Mishustin and Ilham Aliyev").is_visible()
    assert page.get_by_text("AZERTAC").first.is_visible()
    shoot(page, "encounter")
    assert_accessible(page)
    # By the keyboard alone: the form's two records, then Compare.
    page.get_by_label("Second record").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/?a=*&b=*")
    assert page.get_by_role("heading", name="What each names that the other does not").is_visible()
    assert page.get_by_role("rowheader", name="Figures").is_visible()
    permalink = page.url
    shoot(page, "encounter-compare")
    assert_accessible(page)
    page.goto(permalink)  # the permalink gives the same page
    assert page.get_by_role("heading", name="Two records side by side").is_visible()


def test_the_abe_records_compare_without_javascript(browser, live_server, encounters):
    from meetings.models import Meeting

    talks = Meeting.objects.get(source_file="kremlin-54388.txt")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{talks.encounter.get_absolute_url()}")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/?a=*&b=*")
    assert page.get_by_role("heading", name="Passage by passage").is_visible()
    assert page.locator("table.side-by-side mark").count() > 0
    # axe runs in the page's JavaScript, so this page is checked in the test above.
    context.close()


def test_a_pairs_contacts_listed_and_filtered(page, live_server, encounters):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/countries/AZ/RU/")
    page.get_by_role("link", name="each contact with its records").click()
    page.wait_for_url("**/encounters/?country=AZ&country=RU")
    assert page.get_by_role("heading", name="2 meetings (3 records)").is_visible()
    shoot(page, "encounter-list")
    assert_accessible(page)
    # Only the contacts of two records or more, through the form.
    page.get_by_label("At least this many records").fill("2")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**min_records=2*")
    items = page.locator("ol.encounter-list > li")
    expect(items).to_have_count(1)
    items.first.get_by_role("link", name="Mikhail Mishustin and Ilham Aliyev").click()
    page.wait_for_url("**/encounters/*/")
    assert page.get_by_text("AZERTAC").first.is_visible()
