"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Run with ./scripts/test --browser. Screenshots of each page type go to artifacts/screenshots/.
"""

import datetime
import os
from pathlib import Path

import pytest

from tests.factories import country, make_meeting, make_person

pytestmark = pytest.mark.browser
# The sync Playwright API runs an event loop in the test thread; the ORM calls made by the
# fixtures here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).parent.parent / "artifacts" / "screenshots")
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_FLAGS,
    }


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


def test_skip_link_moves_focus_to_main(page, live_server, archive):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
