"""The page's history, map and robustness, and its Vietnamese, in headless chromium.

The app runs in a uvicorn thread as in ``test_web_page.py`` (same fixtures, its own
database). Screenshots go to ``test-artifacts/`` (listed in the README).
"""

from __future__ import annotations

import math
import re
import string

import httpx
import pytest

from features.errors import MESSAGES
from matcher import wording
from service.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TIMEOUT_MS = 30_000
LETTER = (PROJECT_ROOT / "tests" / "data" / "freiburg_letter.txt").read_text(
    encoding="utf-8"
)
# A short synthetic Japanese letter (no fact about a real place).
JAPANESE = (
    "本県は農業と観光に強みがあり、職業訓練の分野で協力できるベトナムの省を"
    "求めています。令和7年4月1日から交流事業を始める予定です。"
)


@pytest.fixture
def page(browser, live):
    """A page that records every request it makes, and fails on JavaScript errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.requests = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    base = live[0]
    # nothing but the product's own files and answers (no tiles, no CDN)
    assert [
        u for u in page.requests if u.startswith("http") and not u.startswith(base)
    ] == []


def enter_province(page, base: str, query: str, unit_id: str) -> None:
    """Type ``query`` without an input event and press Enter: the search runs and
    its best result is chosen."""
    page.goto(base + "/")
    page.evaluate("(q) => { document.getElementById('search').value = q; }", query)
    page.press("#search", "Enter")
    page.wait_for_function(
        "(id) => document.getElementById('selected').textContent.includes(id)",
        arg=unit_id,
    )
    page.wait_for_selector("#recommend:not([disabled])")


def show_results(page, k: int = 20, **fields) -> None:
    page.fill("#k", str(k))
    for field, value in fields.items():
        page.fill(f"#{field}", value)
    page.click("#recommend")
    page.wait_for_function(
        "(k) => document.querySelectorAll('#results li.partner').length === k", arg=k
    )


def status(page) -> str:
    return page.locator("#status").inner_text()


def test_enter_runs_the_search_and_history_map_and_distance_show(page, live):
    base, _, _ = live
    enter_province(page, base, "Quang Nam", "vn:48")
    locality = httpx.get(f"{base}/v1/localities/vn:48").json()
    partners = locality["partners"]
    assert len(partners) >= 10 and len(partners) < len(locality["ties"])
    page.locator("#history li.tie").first.wait_for()
    shown = page.locator("#history li.tie")
    assert shown.count() == len(partners)
    assert "Đối tác hiện có của tỉnh" in page.locator("#history-h").inner_text()
    for i, tie in enumerate(partners):
        item = shown.nth(i)
        assert item.get_attribute("data-partner") == tie["partner_id"]
        text = item.inner_text()
        assert tie["partner_name"] in text
        assert (str(tie["year"]) if tie["year"] else "năm chưa rõ") in text
        assert f"mức thực chất {tie['follow_through']:.2f}" in text
        assert all(source.split("<")[0].strip() in text for source in tie["sources"])

    show_results(page, 20)
    answer = httpx.get(
        f"{base}/v1/localities/vn:48/recommendations", params={"k": 20}
    ).json()["results"]
    cards = page.locator("#results li.partner")
    for i, rec in enumerate(answer):
        card = cards.nth(i)
        assert card.get_attribute("data-id") == rec["id"]
        distance = card.locator(".distance").inner_text()
        assert re.fullmatch(r"Khoảng cách: [\d.]+ km", distance), distance
        # the page rounds half up (Math.round), Python's round() half to even
        assert int(distance.split(": ")[1][:-3].replace(".", "")) == math.floor(
            rec["distance_km"] + 0.5
        )
        card.locator(".ties-known summary").click()
        for css, field in (("in-vietnam", "ties_vietnam"), ("abroad", "ties_abroad")):
            listed = card.locator(f".tie-list.{css} li.tie")
            assert listed.count() == len(rec[field])
    with_ties = [r for r in answer if r["ties_vietnam_total"]]
    assert with_ties, "some candidate has a known tie in Vietnam"
    card = page.locator(f'#results li.partner[data-id="{with_ties[0]["id"]}"]')
    first = with_ties[0]["ties_vietnam"][0]
    assert first["partner_name"] in card.locator(".tie-list.in-vietnam").inner_text()

    # the map: outlines from the product, a marker per placed candidate, no tiles
    page.wait_for_function(
        "document.querySelectorAll('#map path.candidate-marker').length > 0"
    )
    placed = sum(1 for r in answer if r["lat"] is not None)
    assert page.locator("#map path.candidate-marker").count() == placed
    assert page.locator("#map path.province-marker").count() == 1
    assert page.locator("#map .leaflet-overlay-pane path").count() > 150
    assert page.locator("#map .leaflet-tile, #map img").count() == 0
    outlines = "/static/vendor/world-atlas/countries-110m.json"
    assert any(u.endswith(outlines) for u in page.requests)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.getElementById('map-box').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "map-and-history.png"), full_page=False)
    assert (ARTIFACTS / "map-and-history.png").stat().st_size > 10_000


def test_an_error_clears_results_and_a_long_paste_does_not_stick(page, live):
    base, _, _ = live
    enter_province(page, base, "Hue", "vn:46")
    show_results(page, 10)
    page.fill("#country", "Narnia")
    page.click("#recommend")
    page.wait_for_function("document.getElementById('status').className === 'error'")
    assert "không rõ quốc gia" in status(page)
    assert page.locator("#results li").count() == 0
    assert page.locator("#map-box").is_hidden()
    assert page.locator("#weights-version").inner_text() == ""
    page.fill("#country", "")

    # a 220,000-character paste into the search box: a clear sentence, nothing sent
    sent = len(page.requests)
    page.fill("#search", "Huế" * 73_333 + "H")
    page.wait_for_function(
        "document.getElementById('status').textContent.includes('quá dài')"
    )
    assert "(220.000 ký tự)" in status(page)
    assert "Bad Request" not in status(page)
    assert not [u for u in page.requests[sent:] if "/v1/localities?" in u]
    # the next good request clears it
    page.fill("#search", "Quang Ngai")
    page.locator(".search-result", has_text="Quảng Ngãi").first.wait_for()
    assert status(page) == ""

    # an answer without the JSON error shape is said in Vietnamese, and goes away
    search_api = re.compile(r"/v1/localities\?")
    page.route(search_api, lambda route: route.fulfill(status=400, body="Bad Request"))
    page.fill("#search", "Da Nang")
    page.wait_for_function("document.getElementById('status').className === 'error'")
    assert "mã 400" in status(page) and "Bad Request" not in status(page)
    assert page.locator(".search-result").count() == 0
    page.unroute(search_api)
    page.fill("#search", "Ha Noi")
    page.locator(".search-result", has_text="Hà Nội").first.wait_for()
    assert status(page) == ""


def test_k_zero_and_filters_that_leave_nothing_say_a_sentence(page, live):
    base, _, _ = live
    enter_province(page, base, "Quang Nam", "vn:48")
    show_results(page, 5)
    page.fill("#k", "0")
    page.click("#recommend")
    assert status(page) == "Số đối tác phải là một số nguyên từ 1 đến 500."
    assert "0 gợi ý" not in status(page)
    assert page.locator("#results li").count() == 0
    page.fill("#k", "5")
    page.fill("#country", "VA")
    page.click("#recommend")
    page.wait_for_function(
        "document.getElementById('status').textContent.includes('bộ lọc')"
    )
    assert status(page).startswith("Không có đối tác nào thỏa các bộ lọc đã chọn.")
    assert page.locator("#results li").count() == 0


def test_letter_box_holds_what_the_server_accepts(page, live):
    base, _, token = live
    page.goto(base + "/")
    page.click("#tab-screen")
    page.fill("#api-key", token)
    page.click("#save-key")
    assert page.get_attribute("#screen-text", "maxlength") == str(1024 * 1024)
    # 400,000 characters of three UTF-8 bytes each: under maxlength, over 1 MiB
    page.evaluate(
        "() => { const box = document.getElementById('screen-text');"
        " box.value = 'ệ'.repeat(400000);"
        " box.dispatchEvent(new Event('input')); }"
    )
    assert "error" in page.get_attribute("#screen-size", "class")
    assert page.locator("#screen-size").inner_text().startswith("1.200.000")
    sent = len(page.requests)
    page.click("#screen")
    text = page.locator("#screen-status").inner_text()
    assert text.startswith("Thư quá dài: 1.200.0") and "1 MiB" in text
    assert not [u for u in page.requests[sent:] if u.endswith("/v1/screenings")]
    page.fill("#screen-text", LETTER)
    assert "error" not in page.get_attribute("#screen-size", "class")


def test_no_zero_length_bars_and_the_note_is_not_clipped(page, live):
    base, _, token = live
    enter_province(page, base, "Quang Nam", "vn:48")
    show_results(page, 30)
    widths = page.evaluate(
        "[...document.querySelectorAll('#results .bar > div')]"
        ".map((d) => d.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 0
    note = page.locator("#results li.partner .note-input").first
    long_note = "Đã gặp đoàn của thành phố, hẹn trao đổi tiếp về đào tạo nghề. " * 6
    note.fill(long_note)
    box = note.evaluate(
        "(n) => [n.scrollWidth, n.clientWidth, n.scrollHeight, n.clientHeight]"
    )
    assert box[0] <= box[1] and box[2] <= box[3] + 2, box
    assert note.input_value() == long_note
    # screening: absent concreteness signals keep their number but draw no bar
    page.fill("#api-key", token)
    page.click("#save-key")
    page.click("#tab-screen")
    page.fill("#screen-text", JAPANESE)
    page.click("#screen")
    # the tagger names no sector in this short letter: no ranking, the question
    page.wait_for_selector("#screen-result .ask-sender-sectors")
    assert page.locator("#screen-result li.partner").count() == 0
    widths = page.evaluate(
        "[...document.querySelectorAll('#screen-result .bar > div')]"
        ".map((d) => d.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 0
    assert page.locator("#screen-result .bar-empty > *").count() == 0
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK JP" in family and "Noto Sans CJK SC" in family
    page.evaluate("document.getElementById('screening').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "japanese-letter.png"), full_page=False)


def test_progress_shows_for_a_slow_request_only(page, live):
    base, _, _ = live
    enter_province(page, base, "Quang Nam", "vn:48")
    page.evaluate(
        "() => { window.__shown = 0; new MutationObserver(() => {"
        " if (!document.getElementById('progress').hidden) window.__shown += 1; })"
        ".observe(document.getElementById('progress'), {attributes: true}); }"
    )
    show_results(page, 5)
    assert page.evaluate("window.__shown") == 0
    page.evaluate(
        "() => { const real = window.fetch; window.fetch = (...args) =>"
        " new Promise((ok) => setTimeout(ok, 1800)).then(() => real(...args)); }"
    )
    page.fill("#k", "6")
    page.click("#recommend")
    page.wait_for_selector("#progress:not([hidden])")
    assert page.locator("#progress").inner_text() == "Đang xử lý…"
    page.wait_for_function(
        "document.querySelectorAll('#results li.partner').length === 6"
    )
    page.wait_for_selector("#progress", state="hidden")


# -- the page in Vietnamese says no English sentence -----------------------------

# Function words of English sentences: two of them in one stretch of the page's own
# text make it an English sentence (a place name has at most one: "City of Sydney").
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of is are to with for not no be by this that from has have was were "
    "or at as it its their they we our you your must should can than only".split()
)
# Text the page quotes rather than says: evidence, sources, the kinds of ties as
# their sources word them, the letter's own sentences.
QUOTED = "[data-quoted], .evidence-text, .signal-evidence, .source, q"
VISIBLE_TEXT = """(quoted) => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!text || parent.closest(quoted + ', script, style, option, textarea')) continue;
    if (!parent.checkVisibility()) continue;
    out.push(text);
  }
  return out;
}"""


def _english_phrases() -> set[str]:
    """The fixed parts (≥ 2 words) of every English sentence the product can say."""
    templates = [m["en"] for m in MESSAGES.values()]
    for table in (
        wording.FLAGS,
        wording.NOTES,
        wording.SEARCH_NOTES,
        wording.EVIDENCE_SENTENCES,
    ):
        templates += [m["en"] for m in table.values()]
    templates += [en for en, _ in wording.SENDER_FACET_LABELS.values()]
    phrases = set()
    for template in templates:
        for part in re.split(r"\{[^}]*\}", template):
            part = part.strip(string.punctuation + " ")
            if len(part.split()) >= 2:
                phrases.add(part.lower())
    return phrases


def english_in(texts: list[str], page_english: list[str]) -> list[str]:
    """The stretches of ``texts`` that are English sentences or English UI text."""
    phrases = _english_phrases() | {
        s.lower().strip(string.punctuation + " …")
        for s in page_english
        if len(s.split()) >= 2 and s.isascii()  # not "Tiếng Việt", the switch
    }
    found = []
    for text in texts:
        # evidence quoted inside a sentence (“…”) is source text, in its own language
        low = re.sub(r"“[^”]*”", "“”", text).lower()
        hits = [p for p in phrases if p and p in low]
        for stretch in re.split(r"[.;:!?()\[\]—–·]", low):
            words = set(re.findall(r"[a-z']+", stretch))
            if len(words & ENGLISH_FUNCTION_WORDS) >= 2:
                hits.append(stretch.strip())
        if "bad request" in low:
            hits.append("bad request")
        if hits:
            found.append(f"{text!r}: {hits}")
    return found


def test_the_checker_finds_english(page, live):
    """The check below is real: it finds English sentences and UI text."""
    assert english_in(["the sender is not in the catalog"], [])
    assert english_in(["Ghi chú: Show partners"], ["Show partners"])
    assert english_in(["already has 12 known ties"], [])
    assert english_in(["Bad Request"], [])
    # the evidence sentences as they were said before they were worded in Vietnamese
    assert english_in(["Fukuoka Prefecture: project with Bangkok, Thái Lan: “x”"], [])
    assert english_in(["shared cooperation project (2020–2023): environment"], [])
    assert not english_in(["Fukuoka Prefecture: dự án với “Bangkok and more”"], [])
    assert not english_in(["Khammouan (Lào): đáp ứng 2/3 nhu cầu đã nêu"], [])
    assert not english_in(["City of Sydney (AU, thành phố)"], [])


def test_the_page_in_vietnamese_shows_no_english_sentence(page, live):
    base, _, token = live
    found: dict[str, list[str]] = {}

    def check(state: str) -> None:
        english = page.evaluate("Object.values(I18N.en)")
        texts = page.evaluate(VISIBLE_TEXT, QUOTED)
        assert len(texts) > 10, state
        found[state] = english_in(texts, english)

    page.goto(base + "/")
    page.wait_for_function("document.querySelectorAll('#sector option').length > 5")
    check("initial")
    page.fill("#search", "Quang Nam")
    page.locator(".search-result").first.wait_for()
    check("search results")
    page.locator(".search-result").first.click()
    page.locator("#history li.tie").first.wait_for()
    check("province and history")
    page.check("#include-existing")
    show_results(page, 60)
    page.wait_for_selector("#results p.flags")
    check("results")
    page.fill("#country", "Narnia")
    page.click("#recommend")
    page.wait_for_function("document.getElementById('status').className === 'error'")
    check("error")
    page.fill("#country", "VA")
    page.uncheck("#include-existing")
    page.click("#recommend")
    page.wait_for_function(
        "document.getElementById('status').textContent.includes('bộ lọc')"
    )
    check("empty")
    page.fill("#country", "")
    page.fill("#k", "0")
    page.click("#recommend")
    check("k = 0")
    # a Japanese prefecture's JICA projects for Huế, with a focus: the product's
    # sentences about them (and the project shared with Huế) are in Vietnamese
    page.fill("#search", "Hue")
    page.locator(".search-result", has_text="Huế").first.click()
    page.wait_for_function(
        "document.getElementById('selected').textContent.includes('vn:46')"
    )
    page.select_option("#focus", "environment")
    page.fill("#country", "JP")
    show_results(page, 10)
    fukuoka = page.locator("#results li.partner[data-id='iso:JP-40']")
    said = fukuoka.locator(".evidence-said")
    assert said.count() >= 3
    assert said.first.text_content().startswith("Fukuoka Prefecture: dự án với ")
    assert "dự án hợp tác" in fukuoka.locator(".evidence").text_content()
    ties = fukuoka.locator("p.ties").inner_text()
    assert "dự án hợp tác đã có với chính địa phương này (2020–2023)" in ties
    check("cooperation evidence")
    fukuoka.locator("details.evidence").evaluate("(d) => { d.open = true; }")
    fukuoka.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "cooperation-evidence-vi.png"))
    assert (ARTIFACTS / "cooperation-evidence-vi.png").stat().st_size > 10_000
    page.select_option("#focus", [])
    page.fill("#country", "")
    page.fill("#search", "x" * 300)
    page.wait_for_function(
        "document.getElementById('status').textContent.includes('quá dài')"
    )
    check("search too long")
    page.click("#tab-screen")
    page.fill("#screen-text", LETTER)
    page.click("#screen")
    page.wait_for_function(
        "document.getElementById('screen-status').textContent.includes('khóa API')"
    )
    check("screening without a key")
    page.fill("#api-key", token)
    page.click("#save-key")
    page.fill(
        "#screen-text",
        "The cities of Toulouse, Lyon and Bordeaux would like to cooperate with a "
        "Vietnamese province on wastewater treatment and vocational training.",
    )
    page.click("#screen")
    page.wait_for_selector('#screen-result .flag[data-code="uncertain_party"]')
    check("screening result")
    page.fill("#screen-text", "   ")
    page.click("#screen")
    check("screening error")
    english = {state: hits for state, hits in found.items() if hits}
    (ARTIFACTS / "english-in-vietnamese.txt").write_text(
        "\n".join(f"{state}: {hit}" for state, hits in english.items() for hit in hits),
        encoding="utf-8",
    )
    assert english == {}


def test_the_page_says_tie_evidence_as_the_server_does():
    """history.js words each evidence level as matcher.wording does."""
    js = (PROJECT_ROOT / "service" / "static" / "history.js").read_text("utf-8")
    for en, vi in wording.TIE_EVIDENCE_VI.items():
        assert f'"ev_{en}": "{vi}"' in js or f'ev_{en}: "{vi}"' in js, en
