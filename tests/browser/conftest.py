"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a test visits is checked with axe-core for WCAG 2.1 A/AA violations, and any
Content Security Policy violation in the browser console fails the test.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make install does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class CheckedPage:
    """A page whose every visited document must pass axe-core and raise no CSP violation."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.console_errors: list[str] = []
        page.on("load", lambda: self.visited.append(page.url))
        page.on("console", self._on_console)

    def _on_console(self, message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            self.console_errors.append(text)

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self) -> None:
        """Run axe-core on the current document; fail on any WCAG 2.1 A/AA violation."""
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate(
            """async (tags) => {
                const only = {runOnly: {type: 'tag', values: tags}};
                const result = await window.axe.run(document, only);
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                }));
            }""",
            WCAG_TAGS,
        )
        assert violations == [], f"axe-core on {self.page.url}: {violations}"
        csp = self.console_errors
        assert csp == [], f"CSP violations on {self.page.url}: {csp}"
        self.checked.add(self.page.url)

    def unchecked(self) -> list[str]:
        return [url for url in self.visited if url not in self.checked]


@pytest.fixture
def checked_page(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    # Injected through the DevTools protocol, so the page's CSP does not block axe itself.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    checked = CheckedPage(page, live_server.url)
    yield checked
    try:
        unchecked = checked.unchecked()
        assert unchecked == [], f"pages visited without an axe check: {unchecked}"
    finally:
        context.close()


def log_in(checked: CheckedPage, username: str, password: str) -> None:
    page = checked.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    checked.check()
