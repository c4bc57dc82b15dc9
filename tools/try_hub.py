"""Log in to a running `make hub` as each try-out person, in Chromium, and say where each one lands.

What a new user of the one-host hub meets, checked the way they meet it: the login form, then the
landing page of their role (participant: "Oma valmennus"; facilitator: the formgrader and their
participants on the dashboards; coordinator: the dashboards). For each person: the address landed on,
the page's heading, whether anything looks like code or a traceback, and a screenshot in
test-artifacts/try-hub/. Exit status 1 when a landing is wrong.

    make hub HUB_PORT=8100 &          # prints the password
    .venv/bin/python tools/try_hub.py --hub http://127.0.0.1:8100 --password <printed password>
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
from run_hub import DEMO_COURSE, DEMO_COURSE_B, DEMO_PEOPLE, DEMO_PEOPLE_B  # noqa: E402

SHOTS = REPO / "test-artifacts" / "try-hub"
# what none of these people should meet: code, a traceback, Voilà's English file list
NOT_FOR_THEM = ("Traceback", "from valmennus import", "open_notebook(", "In [", "Select items to open")


def log_in(page: Page, hub: str, name: str, password: str) -> None:
    page.goto(f"{hub}/hub/login", wait_until="load")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("[type=submit]")
    page.wait_for_load_state("load", timeout=180_000)


def visit(page: Page, url: str, expect_text: str, shot: str) -> tuple[bool, str]:
    """Open ``url`` (after the login); ok when the page shows ``expect_text`` and no sign of code."""
    page.goto(url, wait_until="load", timeout=180_000)
    try:
        page.get_by_text(expect_text, exact=False).first.wait_for(timeout=120_000)
        found = True
    except Exception:  # noqa: BLE001 - reported below as a wrong landing
        found = False
    body = page.inner_text("body")
    code = [s for s in NOT_FOR_THEM if s in body]
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=False)
    ok = found and not code
    return ok, f"{page.url}  heading: {page.locator('h1').first.inner_text() if page.locator('h1').count() else '-'}" \
               + (f"  SEEN: {code}" if code else "") + ("" if found else f"  MISSING: {expect_text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", default="http://127.0.0.1:8000")
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    SHOTS.mkdir(parents=True, exist_ok=True)
    hub = args.hub.rstrip("/")
    checks: list[tuple[str, str, str, str]] = []  # (person, address after login or "", text expected, shot)
    for course, people in ((DEMO_COURSE, DEMO_PEOPLE), (DEMO_COURSE_B, DEMO_PEOPLE_B)):
        for name in people["participants"]:
            checks.append((name, "", "Oma valmennus", f"{name}-koti"))
        for name in people["facilitators"]:
            checks.append((name, f"{hub}/services/{course}/formgrader", "Manage Assignments", f"{name}-formgrader"))
            checks.append((name, f"{hub}/services/dashboards/", "Omat osallistujat", f"{name}-koontinaytot"))
    for name in DEMO_PEOPLE["coordinators"]:
        checks.append((name, f"{hub}/services/dashboards/", "Kurssin eteneminen", f"{name}-koontinaytot"))
    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            for name, url, text, shot in checks:
                context = browser.new_context(locale="fi-FI")
                page = context.new_page()
                log_in(page, hub, name, args.password)
                ok, said = visit(page, url or page.url, text, shot)
                failures += not ok
                print(f"{'ok ' if ok else 'BAD'}  {name:22s} {said}", flush=True)
                context.close()
        finally:
            browser.close()
    print(f"screenshots: {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
