"""The web page in a real headless browser (Playwright driving Debian's chromium).

The app runs in a uvicorn thread on 127.0.0.1 with a free port. Skips, saying why,
without /usr/bin/chromium (`.ci/run` installs it with apt-get).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.settings import PROJECT_ROOT
from service.storage.database import Store
from service.storage.models import Feedback, ScreeningRow

SCREENSHOT = PROJECT_ROOT / "test-artifacts" / "web-page.png"
SCREENING_SHOT = PROJECT_ROOT / "test-artifacts" / "screening-page.png"
TIMEOUT_MS = 30_000


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def choose_province(page, base: str, query: str, name: str) -> None:
    page.goto(base + "/")
    page.fill("#search", query)
    result = page.locator(".search-result", has_text=name).first
    result.wait_for()
    result.click()
    page.wait_for_selector("#recommend:not([disabled])")


def test_search_recommend_and_feedback(page, live):
    base, url, token = live
    assert page.goto(base + "/").ok
    assert page.locator("h1").inner_text() == "Gợi ý đối tác địa phương nước ngoài"
    choose_province(page, base, "Quang Nam", "Đà Nẵng")
    assert "vn:48" in page.locator("#selected").inner_text()
    page.locator("#profile-list li").first.wait_for(state="attached")

    page.fill("#k", "15")
    page.click("#recommend")
    page.wait_for_function(
        "document.querySelectorAll('#results li.partner').length >= 10"
    )
    partners = page.locator("#results li.partner")
    assert partners.count() == 15
    for i in range(partners.count()):
        card = partners.nth(i)
        assert card.locator(".summary").inner_text().strip()
        assert card.locator(".bars .bar").count() >= 1
    first = partners.first
    candidate_id = first.get_attribute("data-id")

    first.locator(".send-feedback").click()
    assert "khóa API" in first.locator(".feedback-status").inner_text()

    page.fill("#api-key", token)
    page.click("#save-key")
    assert page.evaluate("sessionStorage.getItem('partner-match-key')") == token
    first.locator("select.verdict").select_option("agreement_signed")
    first.locator(".note-input").fill("Đã ký MoU năm 2025")
    first.locator(".send-feedback").click()
    page.wait_for_function(
        "document.querySelector('#results li.partner .feedback-status').textContent"
        " === 'Đã ghi nhận'"
    )
    store = Store(url)
    with store.reading() as session:
        rows = session.scalars(select(Feedback)).all()
    store.dispose()
    assert [(r.province_id, r.candidate_id, r.verdict, r.note) for r in rows] == [
        ("vn:48", candidate_id, "agreement_signed", "Đã ký MoU năm 2025")
    ]

    page.click("#lang-toggle")
    assert page.locator("h1").inner_text().startswith("Foreign partner localities")
    assert page.locator("#results li.partner .send-feedback").first.inner_text() == (
        "Send feedback"
    )
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.click("#lang-toggle")
    page.locator("#filters").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('filters').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000


def test_focus_region_and_subtotals_on_the_page(page, live):
    base, _, _ = live
    assert page.goto(base + "/").ok
    choose_province(page, base, "Quang Nam", "Đà Nẵng")
    page.wait_for_function("document.querySelectorAll('#focus option').length >= 16")
    page.select_option("#focus", ["ports_logistics", "water"])
    page.fill("#region", "Đông Nam Á")
    page.fill("#k", "8")
    with page.expect_response(lambda r: "/recommendations?" in r.url) as answer:
        page.click("#recommend")
    asked = answer.value.url
    assert "focus=ports_logistics" in asked and "focus=water" in asked
    assert "region=" in asked
    page.wait_for_function(
        "document.querySelectorAll('#results li.partner').length === 8"
    )
    subtotals = page.locator("#results li.partner .subtotals").all_inner_texts()
    assert len(subtotals) == 8
    assert all("phù hợp" in s and "khả thi" in s for s in subtotals)
    summary = page.locator("#results li.partner .summary").first.inner_text()
    assert "lĩnh vực trọng tâm" in summary


def test_result_flags_are_said_in_the_page_language(page, live):
    base, _, _ = live
    assert page.goto(base + "/").ok
    choose_province(page, base, "Quang Nam", "Đà Nẵng")
    page.check("#include-existing")
    page.fill("#k", "50")
    page.click("#recommend")
    page.wait_for_function(
        "document.querySelectorAll('#results li.partner').length >= 10"
    )
    flags = page.locator("#results li.partner p.flags").all_inner_texts()
    assert any("đã là đối tác" in f for f in flags)
    assert not any("already a partner" in f for f in flags)
    # the server words the flags (Accept-Language); the page parses no English
    assert page.evaluate("typeof flagText") == "undefined"
    page.click("#lang-toggle")
    page.wait_for_function(
        "[...document.querySelectorAll('#results li.partner p.flags')]"
        ".some((p) => p.textContent.includes('already a partner'))"
    )
    flags = page.locator("#results li.partner p.flags").all_inner_texts()
    assert not any("đã là đối tác" in f for f in flags)


def test_remote_text_is_shown_escaped(page, live):
    base, url, token = live
    hostile = (
        '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    )
    entry = {
        "sector": "water",
        "role": "need",
        "value": 0.9,
        "evidence": hostile,
        "source": "<javascript:alert(1)> tricky",
    }
    import httpx

    response = httpx.put(
        f"{base}/v1/localities/vn:01/profile",
        json={"entries": [entry]},
        headers={"X-API-Key": token},
    )
    assert response.status_code == 200, response.text
    choose_province(page, base, "Ha Noi", "Hà Nội")
    page.click("#profile summary")
    item = page.locator("#profile-list li", has_text="window.__pwned").first
    item.wait_for()
    assert hostile in item.inner_text()
    assert page.locator("#profile-list script, #profile-list img").count() == 0
    assert page.locator("#profile-list a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None


# A short synthetic letter (states no fact about Freiburg), shared by the API tests.
LETTER = (PROJECT_ROOT / "tests" / "data" / "freiburg_letter.txt").read_text(
    encoding="utf-8"
)


def open_screening(page, base: str) -> None:
    page.goto(base + "/")
    page.click("#tab-screen")
    assert page.locator("#panel-screen").is_visible()
    assert page.locator("#panel-recommend").is_hidden()


def save_key(page, token: str) -> None:
    page.fill("#api-key", token)
    page.click("#save-key")


def test_screen_a_letter(page, live):
    base, url, token = live
    open_screening(page, base)
    assert page.locator("#tab-screen").inner_text() == "Sàng lọc thư đến"
    page.fill("#screen-text", LETTER)
    page.click("#screen")
    page.wait_for_function(
        "document.querySelector('#screen-status').textContent.includes('khóa API')"
    )
    save_key(page, token)
    page.click("#screen")
    page.wait_for_function(
        "document.querySelectorAll('#screen-result li.partner').length >= 10"
    )
    assert "Freiburg" in page.locator("#screen-result .party").inner_text()
    assert "độ tin cậy" in page.locator("#screen-result .party").inner_text()
    offers = page.locator("#screen-result .claims.offers").inner_text()
    assert "Đào tạo nghề và kỹ năng" in offers and "vocational training" in offers
    assert page.locator("#screen-result .concreteness .level").inner_text()
    provinces = page.locator("#screen-result li.partner")
    assert provinces.count() == 10
    for i in range(provinces.count()):
        card = provinces.nth(i)
        assert card.get_attribute("data-id").startswith("vn:")
        assert card.locator(".summary").inner_text().strip()
        assert card.locator(".bars .bar").count() >= 1
    assert page.locator("#screen-result .send-feedback").count() == 0
    facets = set(page.locator("#screen-result .bars .facet").all_inner_texts())
    assert {"Đáp ứng nhu cầu của bên gửi", "Bên gửi đáp ứng nhu cầu của tỉnh"} <= facets
    assert not facets & {"Đáp ứng nhu cầu của ta", "Ta đáp ứng nhu cầu của họ"}
    # the summary counts the sectors the letter names (offered or sought)
    summary = provinces.first.locator(".summary").inner_text()
    assert "lĩnh vực thư nêu" in summary and "của ta" not in summary
    store = Store(url)
    with store.reading() as session:
        rows = session.scalars(select(ScreeningRow)).all()
    store.dispose()
    assert [(r.party_id, r.created_by.endswith(":browser")) for r in rows] == [
        ("gn:2925177", True)
    ]

    page.click("#lang-toggle")
    assert page.locator("#tab-screen").inner_text() == "Screen a letter"
    assert "Vocational training and skills" in (
        page.locator("#screen-result .claims.offers").inner_text()
    )
    facets = set(page.locator("#screen-result .bars .facet").all_inner_texts())
    assert {"Meets the sender's needs", "The sender meets the province's needs"} <= (
        facets
    )
    assert not facets & {"Meets our needs", "We meet their needs"}
    page.click("#lang-toggle")
    page.evaluate("document.getElementById('screening').scrollIntoView()")
    SCREENING_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENING_SHOT), full_page=False)
    assert SCREENING_SHOT.stat().st_size > 10_000
    page.click("#screen-result .show-all")
    assert provinces.count() == 34


def test_pasted_script_is_shown_escaped(page, live):
    base, url, token = live
    hostile = (
        '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    )
    open_screening(page, base)
    save_key(page, token)
    page.fill("#screen-text", LETTER + hostile + " We also offer vocational training.")
    page.fill("#screen-sender", hostile)
    page.click("#screen")
    party = page.locator("#screen-result .party")
    party.wait_for()
    assert hostile in party.inner_text()
    assert hostile in page.locator("#screen-result .flag-box").inner_text()
    assert page.locator("#screen-result script, #screen-result img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_uncertain_party_points_to_the_sender_field(page, live):
    base, url, token = live
    open_screening(page, base)
    save_key(page, token)
    page.fill(
        "#screen-text",
        "The cities of Toulouse, Lyon and Bordeaux would like to cooperate with a "
        "Vietnamese province on wastewater treatment and vocational training.",
    )
    page.click("#screen")
    flag = page.locator('#screen-result .flag[data-code="uncertain_party"]')
    flag.wait_for()
    assert "--sender" not in flag.inner_text()
    assert "hãy nêu tên nơi gửi để chắc chắn" in flag.inner_text()
    hint = flag.locator(".flag-hint")
    assert "“Nơi gửi (không bắt buộc)”" in hint.inner_text()
    hint.click()
    assert page.evaluate("document.activeElement.id") == "screen-sender"
    page.click("#lang-toggle")
    assert "“Sender (optional)”" in hint.inner_text()
    # the stored screening is asked for again, its flags worded in English
    page.wait_for_function(
        "document.querySelector('#screen-result .flag[data-code=\"uncertain_party\"]')"
        ".textContent.includes('name the sender to be sure')"
    )


DOCS_SHOTS = {
    "/docs": PROJECT_ROOT / "test-artifacts" / "api-docs-swagger.png",
    "/redoc": PROJECT_ROOT / "test-artifacts" / "api-docs-redoc.png",
}


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/docs", "#swagger-ui .opblock-summary-path"),
        ("/redoc", "[data-section-id*='operation/']"),
    ],
)
def test_api_docs_render_offline(page, live, path, ready):
    """/docs and /redoc render their operations with every outside request blocked."""
    base = live[0]
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    response = page.goto(base + path)
    assert response.ok
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(ready)
    assert page.locator(ready).count() >= 10  # the operations are listed
    text = page.locator("body").inner_text()
    assert "/v1/recommendations" in text or "Recommend" in text
    assert outside == [], f"{path} asked for outside files: {outside}"
    DOCS_SHOTS[path].parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SHOTS[path]), full_page=False)


def test_a_letter_naming_no_sector_shows_the_question(page, live):
    """No ranking for a letter naming no sector: the page says to ask the sender."""
    base, url, token = live
    open_screening(page, base)
    save_key(page, token)
    page.fill(
        "#screen-text",
        "Kumamoto Prefecture wishes to deepen friendship with a Vietnamese province.",
    )
    page.click("#screen")
    ask = page.locator("#screen-result .ask-sender-sectors")
    ask.wait_for()
    assert ask.inner_text().startswith("hãy hỏi bên gửi")
    assert page.locator("#screen-result li.partner").count() == 0
    assert page.locator("#screen-result .show-all").count() == 0
    assert "Kumamoto" in page.locator("#screen-result .party").inner_text()
    assert page.locator("#screen-result .concreteness .level").inner_text()
    page.click("#lang-toggle")
    page.wait_for_function(
        "document.querySelector('#screen-result .ask-sender-sectors')"
        ".textContent.startsWith('ask the sender which sectors')"
    )
    page.click("#lang-toggle")


def test_a_sender_read_off_its_e_mail_domain_is_said_in_vietnamese(page, live):
    """A party found only by its e-mail domain is labelled so in the page's
    language, never by the API's source code word."""
    base, url, token = live
    open_screening(page, base)
    save_key(page, token)
    page.fill(
        "#screen-text",
        "Dear Colleagues,\n\nOur council would like to share its experience with "
        "e-governance and citizen services, and we propose a first online meeting "
        "in January.\n\nBest regards,\nAnil Rao\nInternational Relations Cell\n"
        "anil.rao@city.yokkaichi.mie.jp\n",
    )
    page.click("#screen")
    party = page.locator("#screen-result .party")
    party.wait_for()
    assert "Yokkaichi" in party.inner_text()
    assert "đọc từ tên miền thư điện tử" in party.inner_text()
    assert "e-mail domain" not in party.inner_text()
    page.click("#lang-toggle")
    page.wait_for_function(
        "document.querySelector('#screen-result .party')"
        ".textContent.includes('read from the e-mail domain')"
    )
    page.click("#lang-toggle")
