"""The desk in a real headless browser: shortlist, comparison, documents, inbox.

Uses the live app, the browser and the page of ``test_web_page.py`` (a uvicorn
thread on a free port, Debian's chromium through Playwright); screenshots go where
those tests put theirs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from matcher.wording import FLAGS
from service.settings import PROJECT_ROOT
from service.storage.database import Store
from service.storage.models import Feedback, ScreeningRow, ShortlistItem

LETTER = (PROJECT_ROOT / "tests" / "data" / "freiburg_letter.txt").read_text(
    encoding="utf-8"
)
DESK_SHOT = PROJECT_ROOT / "test-artifacts" / "desk-page.png"
INBOX_SHOT = PROJECT_ROOT / "test-artifacts" / "inbox-page.png"
DEMOTED_SHOT = PROJECT_ROOT / "test-artifacts" / "demoted-after-reload.png"


@pytest.fixture(scope="module")
def page(browser):
    """A page in headless chromium that fails the test on any JavaScript error."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def choose_province(page, base: str, query: str, name: str) -> None:
    page.fill("#search", query)
    result = page.locator(".search-result", has_text=name).first
    result.wait_for()
    result.click()
    page.wait_for_selector("#recommend:not([disabled])")


def _rank(page, k: int) -> None:
    """Ask for ``k`` cards and wait until all of them carry their desk bar."""
    page.fill("#k", str(k))
    page.click("#recommend")
    page.wait_for_function(
        f"document.querySelectorAll('#results li.partner .desk-bar').length === {k}"
    )


def _save_key(page, token: str) -> None:
    page.fill("#api-key", token)
    page.click("#save-key")


def _items(url: str) -> list[tuple[str, str]]:
    store = Store(url)
    with store.reading() as session:
        rows = session.scalars(select(ShortlistItem).order_by(ShortlistItem.id)).all()
    store.dispose()
    return [(r.candidate_id, r.note) for r in rows]


def test_shortlist_compare_export_and_demote(page, live):
    from docx import Document
    from openpyxl import load_workbook

    base, url, token = live
    page.goto(base + "/")
    _save_key(page, token)
    choose_province(page, base, "Da Nang", "Đà Nẵng")
    _rank(page, 8)
    cards = page.locator("#results li.partner")
    first, second, third = (cards.nth(i).get_attribute("data-id") for i in range(3))

    cards.nth(0).locator(".shortlist-add").click()
    page.locator(f".shortlist-item[data-id='{first}']").wait_for()
    cards.nth(1).locator(".shortlist-add").click()
    page.locator(f".shortlist-item[data-id='{second}']").wait_for()
    note = page.locator(f".shortlist-item[data-id='{first}'] .shortlist-note")
    note.fill("Ưu tiên: đã gặp tại hội chợ")
    page.locator(f".shortlist-item[data-id='{first}'] .save-note").click()
    page.locator(f".shortlist-item[data-id='{first}'] .shortlist-state").filter(
        has_text="Đã lưu"
    ).wait_for()
    assert _items(url) == [(first, "Ưu tiên: đã gặp tại hội chợ"), (second, "")]
    assert cards.nth(0).locator(".shortlist-add").inner_text() == "Đã chọn ✓"

    # compare two marked cards side by side
    assert page.locator(".compare-button").is_disabled()
    cards.nth(0).locator(".compare-mark input").check()
    cards.nth(2).locator(".compare-mark input").check()
    page.click(".compare-button")
    page.wait_for_function("document.querySelectorAll('.compare-col').length === 2")
    columns = page.locator(".compare-col")
    assert [columns.nth(i).get_attribute("data-id") for i in range(2)] == [
        first,
        third,
    ]
    for i in range(2):
        assert columns.nth(i).locator(".compare-distance").inner_text().endswith("km")
        assert columns.nth(i).locator(".compare-score").inner_text().startswith("Điểm")

    # documents: the ranking as Word (a link), the shortlist as a spreadsheet
    link = page.locator(".exports-ranking a.export-docx")
    assert "/recommendations/export?" in link.get_attribute("href")
    with page.expect_download() as caught:
        link.click()
    word = Document(io.BytesIO(Path(caught.value.path()).read_bytes()))
    assert word.paragraphs[0].text.startswith("Danh sách đối tác đề xuất: Đà Nẵng")
    with page.expect_download() as caught:
        page.click(".exports-shortlist button.export-xlsx")
    assert caught.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()))
    rows = list(book["Các đối tác"].values)
    assert [r[0] for r in rows[1:]] == [first, second]
    assert rows[1][-1] == "Ưu tiên: đã gặp tại hội chợ"

    # remove one from the shortlist
    page.locator(f".shortlist-item[data-id='{second}'] .remove-item").click()
    page.locator(f".shortlist-item[data-id='{second}']").wait_for(state="detached")
    assert _items(url) == [(first, "Ưu tiên: đã gặp tại hội chợ")]

    # "not useful" demotes the card: hidden until asked for, at the end
    card = page.locator(f"#results li.partner[data-id='{third}']")
    card.locator("select.verdict").select_option("not_useful")
    card.locator(".send-feedback").click()
    card.wait_for(state="hidden")
    toggle = page.locator("#show-demoted")
    assert toggle.inner_text().endswith("(1)")
    toggle.click()
    card.wait_for(state="visible")
    assert page.locator("#results > li.partner").last.get_attribute("data-id") == third
    assert "Đã đánh dấu không hữu ích" in card.inner_text()

    page.click("#lang-toggle")
    page.wait_for_function(
        "document.querySelector('#desk h2').textContent === 'Shortlist and comparison'"
    )
    page.click("#lang-toggle")
    page.wait_for_function(
        "document.querySelector('#desk h2').textContent === 'Danh sách chọn và so sánh'"
    )
    page.evaluate("document.getElementById('desk').scrollIntoView()")
    DESK_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DESK_SHOT), full_page=False)
    assert DESK_SHOT.stat().st_size > 10_000


def test_inbox_lists_opens_sets_status_and_forwards(page, live):
    base, url, token = live
    posted = page.request.post(
        base + "/v1/screenings",
        data={"text": LETTER},
        headers={"X-API-Key": token},
    )
    assert posted.status == 201, posted.text()
    screening_id = posted.json()["id"]
    page.goto(base + "/")
    page.evaluate("sessionStorage.clear()")
    page.click("#tab-screen")
    assert "khóa API" in page.locator("#inbox .hint").inner_text()
    _save_key(page, token)
    item = page.locator(f".inbox-item[data-id='{screening_id}']")
    item.wait_for()
    assert item.locator(".inbox-status").inner_text() == "mới"
    assert "Freiburg" in item.inner_text()

    item.locator(".inbox-open").click()
    page.wait_for_function(
        "document.querySelectorAll('#screen-result li.partner').length >= 10"
    )
    actions = page.locator(".inbox-actions")
    actions.locator(".status-select").select_option("forwarded")
    actions.locator(".save-status").click()
    page.locator(f".inbox-item[data-id='{screening_id}'] .inbox-status").filter(
        has_text="đã chuyển"
    ).wait_for()
    store = Store(url)
    with store.reading() as session:
        row = session.scalars(
            select(ScreeningRow).where(ScreeningRow.id == screening_id)
        ).one()
    store.dispose()
    assert row.status == "forwarded" and row.status_by.endswith(":browser")

    page.locator("#inbox .inbox-filter").select_option("new")
    page.locator(f".inbox-item[data-id='{screening_id}']").wait_for(state="detached")
    page.locator("#inbox .inbox-filter").select_option("forwarded")
    page.locator(f".inbox-item[data-id='{screening_id}']").wait_for()

    actions.locator(".forward-province").select_option("vn:48")
    actions.locator(".make-forward").click()
    page.wait_for_function(
        "document.querySelector('.forward-text').value.startsWith('Kính gửi Đà Nẵng')"
    )
    text = actions.locator(".forward-text").input_value()
    assert f"mã sàng lọc {screening_id}" in text and "Freiburg" in text
    actions.locator(".copy-forward").click()
    actions.locator(".copy-state").filter(has_text="Đã sao chép").wait_for()
    page.evaluate("document.getElementById('inbox').scrollIntoView()")
    INBOX_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(INBOX_SHOT), full_page=False)
    assert INBOX_SHOT.stat().st_size > 10_000


def _ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#results > li.partner", "(cards) => cards.map((c) => c.dataset.id)"
    )


def test_not_useful_stays_demoted_after_a_reload(page, live):
    base, url, token = live
    page.goto(base + "/")
    _save_key(page, token)
    choose_province(page, base, "Hai Phong", "Hải Phòng")
    _rank(page, 6)
    before = _ids(page)
    marked = before[1]
    card = page.locator(f"#results li.partner[data-id='{marked}']")
    card.locator("select.verdict").select_option("not_useful")
    card.locator(".send-feedback").click()
    card.wait_for(state="hidden")
    assert "demote=" in page.evaluate("state.lastPath")
    store = Store(url)
    with store.reading() as session:
        verdicts = [
            (r.province_id, r.candidate_id, r.verdict)
            for r in session.scalars(select(Feedback)).all()
        ]
    store.dispose()
    assert ("vn:31", marked, "not_useful") in verdicts

    # a new page (the key kept for the session): the verdict is read back
    page.reload()
    choose_province(page, base, "Hai Phong", "Hải Phòng")
    _rank(page, 6)
    asked = page.evaluate("state.lastPath")
    assert f"demote={marked.replace(':', '%3A')}" in asked
    after = _ids(page)
    assert after == [i for i in before if i != marked] + [marked]
    card = page.locator(f"#results li.partner[data-id='{marked}']")
    assert card.is_hidden() and "demoted" in card.get_attribute("class")
    toggle = page.locator("#show-demoted")
    assert toggle.inner_text().endswith("(1)")
    toggle.click()
    card.wait_for(state="visible")
    flags = card.locator("p.flags").inner_text()
    assert FLAGS["demoted"]["vi"] in flags
    assert "Đã đánh dấu không hữu ích" in card.inner_text()
    # its score is the one it had before it was demoted
    answer = page.request.get(
        f"{base}/v1/localities/vn:31/recommendations?k=6",
        headers={"Accept-Language": "vi"},
    ).json()["results"]
    score = next(r["score"] for r in answer if r["id"] == marked)
    assert f"{score:.3f}" in card.locator(".score").inner_text()
    card.scroll_into_view_if_needed()
    DEMOTED_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DEMOTED_SHOT), full_page=False)
    assert DEMOTED_SHOT.stat().st_size > 10_000


def test_exports_and_comparison_carry_the_focus_and_region(page, live):
    base, _, token = live
    page.goto(base + "/")
    _save_key(page, token)
    choose_province(page, base, "Da Nang", "Đà Nẵng")
    page.select_option("#focus", "water")
    page.fill("#region", "Đông Nam Á")
    _rank(page, 5)
    href = page.locator(".exports-ranking a.export-csv").get_attribute("href")
    assert "focus=water" in href and "region=" in href and "format=csv" in href
    exported = page.request.get(base + href).text()
    ids = _ids(page)
    rows = [line.split(",")[0] for line in exported.lstrip("\ufeff").splitlines()[1:]]
    assert rows == ids

    cards = page.locator("#results li.partner")
    cards.nth(0).locator(".compare-mark input").check()
    cards.nth(3).locator(".compare-mark input").check()
    with page.expect_request("**/compare?**") as asked:
        page.click(".compare-button")
    assert "focus=water" in asked.value.url
    page.wait_for_function("document.querySelectorAll('.compare-col').length === 2")
    for i, card in ((0, cards.nth(0)), (1, cards.nth(3))):
        column = page.locator(".compare-col").nth(i)
        assert column.get_attribute("data-id") == card.get_attribute("data-id")
        score = card.locator(".score").inner_text().split()[-1]
        assert column.locator(".compare-score").inner_text().endswith(score)

    card = cards.nth(1)
    card.locator(".shortlist-add").click()
    page.locator(f".shortlist-item[data-id='{ids[1]}']").wait_for()
    with page.expect_request("**/shortlists/**/export?**") as asked:
        with page.expect_download():
            page.click(".exports-shortlist button.export-csv")
    assert "focus=water" in asked.value.url
