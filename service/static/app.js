// partner-match web page. Every piece of data is written with textContent (not
// parsed as HTML), so names, evidence and notes from the catalog or users stay text.
"use strict";

const I18N = {
  vi: {
    title: "Gợi ý đối tác địa phương nước ngoài", choose: "1. Chọn tỉnh, thành phố",
    searchLabel: "Tên tỉnh/thành (có hoặc không dấu, cả tên cũ)",
    declared: "Thế mạnh và nhu cầu đã nêu", filters: "2. Bộ lọc", k: "Số đối tác",
    country: "Quốc gia (mã ISO hoặc tên)", sector: "Lĩnh vực", level: "Cấp",
    any: "(tất cả)", admin1: "tỉnh/bang/vùng", admin2: "cấp hai (quận, huyện…)",
    city: "thành phố", perCountry: "Tối đa mỗi nước (0: không giới hạn)",
    focus: "Trọng tâm hợp tác (chọn một hay nhiều)", region: "Khu vực (vd. Châu Âu, ASEAN)",
    allowSamePlace: "Cho phép trùng một nơi (thành phố và tỉnh cùng tên)",
    noFocusCoverage: "Chỉ xếp theo điểm (không giữ chỗ cho lĩnh vực trọng tâm chưa được đáp ứng)",
    fit: "phù hợp", feasibility: "khả thi",
    includeExisting: "Gồm cả đối tác hiện có", recommend: "Xem gợi ý",
    saveKey: "Lưu cho phiên này",
    results: "3. Đối tác được gợi ý",
    footer: "Mỗi gợi ý kèm lý do: đóng góp của từng yếu tố, nhu cầu được đáp ứng, bằng chứng và nguồn.",
    toggle: "English", selected: "Đã chọn", noMatch: "Không tìm thấy. Có phải: ",
    loading: "Đang tải…", working: "Đang xử lý…", found: "gợi ý", weights: "Phiên bản trọng số",
    needsMet: "Nhu cầu được đáp ứng", gaps: "Chưa đáp ứng", offers: "Tỉnh có thể hỗ trợ họ về",
    evidence: "Bằng chứng", flags: "Lưu ý", ties: "Quan hệ hiện có",
    useful: "Hữu ích", not_useful: "Không hữu ích", contacted: "Đã liên hệ",
    agreement_signed: "Đã ký thỏa thuận", notePh: "Ghi chú (không bắt buộc)",
    send: "Gửi phản hồi", sent: "Đã ghi nhận", needKey: "Cần khóa API để gửi phản hồi",
    keySaved: "Đã lưu khóa cho phiên này", keyNone: "Chưa có khóa",
    strength: "thế mạnh", need: "nhu cầu", source: "Nguồn", score: "điểm",
    "cooperation project": "dự án hợp tác",
    query: "tỉnh", candidate: "đối tác",
    keyTitle: "Khóa API (để ghi nhận phản hồi và sàng lọc thư)",
    tabRecommend: "Gợi ý đối tác", tabScreen: "Sàng lọc thư đến",
    screenTitle: "1. Dán thư, e-mail hoặc trang tin",
    screenHint: "Tiếng Việt, Anh, Pháp, Đức, Nhật hoặc Trung. Văn bản được lưu lại cùng kết quả; cần khóa API.",
    screenText: "Nội dung", sender: "Nơi gửi (không bắt buộc)",
    senderCountry: "Quốc gia nơi gửi (không bắt buộc)", screenButton: "Sàng lọc",
    triage: "2. Kết quả sàng lọc", screening: "Đang sàng lọc…", screened: "Đã sàng lọc và lưu (số",
    needKeyScreen: "Cần khóa API để sàng lọc: dán khóa vào ô Khóa API ở trên",
    emptyText: "Hãy dán nội dung thư trước", party: "Bên gửi", confidence: "độ tin cậy",
    adHoc: "không có trong danh mục",
    src_sender: "theo tên nơi gửi đã nhập", src_text: "đọc từ văn bản", "src_ad hoc": "đặt tạm",
    "src_e-mail domain": "đọc từ tên miền thư điện tử",
    partyOffers: "Họ có thể hỗ trợ", partySeeks: "Họ đang tìm", noneNamed: "không nêu",
    interest: "quan tâm", concreteness: "Mức độ cụ thể",
    vague: "mơ hồ", moderate: "vừa phải", concrete: "cụ thể",
    named_sectors: "Nêu lĩnh vực", named_projects: "Nêu dự án", dates_deadlines: "Ngày, hạn chót",
    budgets_amounts: "Kinh phí, số tiền", contact_persons: "Người liên hệ", agreements: "Thỏa thuận",
    noFlags: "Không có lưu ý", provinces: "Tỉnh, thành phù hợp nhất", showAll: "Xem cả 34 tỉnh, thành",
    theirNeedsMet: "Nhu cầu của họ tỉnh đáp ứng được", theirGaps: "Tỉnh chưa đáp ứng",
    theyOffer: "Họ có thể giúp tỉnh về", sideQuery: "bên gửi", sideCandidate: "tỉnh",
    existing_partner: "Đã là đối tác", hub: "Có rất nhiều quan hệ", no_sector: "Không nêu lĩnh vực", ask_sender_sectors: "Hỏi bên gửi về lĩnh vực",
    sender_unresolved: "Không tìm thấy nơi gửi trong danh mục", uncertain_party: "Chưa chắc về nơi gửi",
    old_province: "Tên tỉnh cũ", historical_province: "Tỉnh đã giải thể trước 2025", mostly_boilerplate: "Phần lớn là nội dung thừa của trang",
    senderHintPre: "Để chắc chắn, nhập tên nơi gửi vào ô", senderHintPost: "rồi sàng lọc lại",
    working: "Đang xử lý…", searchTooLong: "Tên tìm kiếm quá dài ({n} ký tự); chỉ nhận tối đa {max} ký tự.",
    kRange: "Số đối tác phải là một số nguyên từ 1 đến {max}.",
    noResults: "Không có đối tác nào thỏa các bộ lọc đã chọn. Hãy bỏ bớt một bộ lọc (quốc gia, lĩnh vực, cấp) rồi xem lại.",
    letterTooBig: "Thư quá dài: {size} byte, máy chủ chỉ nhận tối đa {max} byte (1 MiB). Hãy rút gọn rồi sàng lọc lại.",
    letterSize: "{size} / {max} byte", httpFailed: "Máy chủ từ chối yêu cầu (mã {status}). Hãy kiểm tra dữ liệu đã nhập rồi thử lại.",
    network: "Không kết nối được máy chủ. Hãy thử lại.",
  },
  en: {
    title: "Foreign partner localities for Vietnam's provinces", choose: "1. Choose a province or city",
    searchLabel: "Province or city name (with or without diacritics, old names too)",
    declared: "Declared strengths and needs", filters: "2. Filters", k: "Number of partners",
    country: "Country (ISO code or name)", sector: "Sector", level: "Level",
    any: "(any)", admin1: "province/state/region", admin2: "second level (county…)",
    city: "city", perCountry: "At most per country (0: no cap)",
    focus: "Focus of the cooperation (one or more)", region: "Region (e.g. Europe, ASEAN)",
    allowSamePlace: "Allow one place twice (a city and its same-named province)",
    noFocusCoverage: "Score order only (no slot kept for an unserved focus sector)",
    fit: "fit", feasibility: "feasibility",
    includeExisting: "Include existing partners", recommend: "Show partners",
    saveKey: "Keep for this session",
    results: "3. Suggested partners",
    footer: "Each suggestion is explained: facet contributions, needs met, evidence and sources.",
    toggle: "Tiếng Việt", selected: "Selected", noMatch: "Nothing found. Did you mean: ",
    loading: "Loading…", working: "Working…", found: "partners", weights: "Weights version",
    needsMet: "Needs met", gaps: "Gaps", offers: "The province can offer them",
    evidence: "Evidence", flags: "Flags", ties: "Existing ties",
    useful: "Useful", not_useful: "Not useful", contacted: "Contacted",
    agreement_signed: "Agreement signed", notePh: "Note (optional)",
    send: "Send feedback", sent: "Recorded", needKey: "An API key is needed to send feedback",
    keySaved: "Key kept for this session", keyNone: "No key",
    strength: "strength", need: "need", source: "Source", score: "score",
    "cooperation project": "cooperation project",
    query: "province", candidate: "partner",
    keyTitle: "API key (to record feedback and screen letters)",
    tabRecommend: "Suggest partners", tabScreen: "Screen a letter",
    screenTitle: "1. Paste a letter, e-mail or news page",
    screenHint: "Vietnamese, English, French, German, Japanese or Chinese. The text is stored with the result; an API key is needed.",
    screenText: "Text", sender: "Sender (optional)",
    senderCountry: "Sender's country (optional)", screenButton: "Screen",
    triage: "2. Triage", screening: "Screening…", screened: "Screened and stored (no.",
    needKeyScreen: "Screening needs an API key: paste it into the API key field above",
    emptyText: "Paste the letter first", party: "Party", confidence: "confidence",
    adHoc: "not in the catalog",
    src_sender: "from the sender given", src_text: "read from the text", "src_ad hoc": "ad hoc",
    "src_e-mail domain": "read from the e-mail domain",
    partyOffers: "They offer", partySeeks: "They seek", noneNamed: "none named",
    interest: "interest", concreteness: "Concreteness",
    vague: "vague", moderate: "moderate", concrete: "concrete",
    named_sectors: "Sectors named", named_projects: "Projects named", dates_deadlines: "Dates, deadlines",
    budgets_amounts: "Budgets, amounts", contact_persons: "Contact persons", agreements: "Agreements",
    noFlags: "No flags", provinces: "Best-fitting provinces", showAll: "Show all 34 units",
    theirNeedsMet: "Their needs the province meets", theirGaps: "Not met by the province",
    theyOffer: "They can help the province with", sideQuery: "sender", sideCandidate: "province",
    existing_partner: "Already a partner", hub: "Many existing ties", no_sector: "No sector named", ask_sender_sectors: "Ask the sender which sectors",
    sender_unresolved: "Sender not in the catalog", uncertain_party: "Uncertain party",
    old_province: "Old province name", historical_province: "Province dissolved before 2025", mostly_boilerplate: "Mostly page boilerplate",
    senderHintPre: "To be sure, type the sender's name into the field", senderHintPost: "and screen again",
    working: "Working…", searchTooLong: "The name searched for is too long ({n} characters); at most {max} are accepted.",
    kRange: "The number of partners must be a whole number from 1 to {max}.",
    noResults: "No partner passes the chosen filters. Drop a filter (country, sector, level) and look again.",
    letterTooBig: "The letter is too long: {size} bytes, the server accepts at most {max} bytes (1 MiB). Shorten it and screen again.",
    letterSize: "{size} / {max} bytes", httpFailed: "The server refused the request (status {status}). Check what was typed and try again.",
    network: "The server could not be reached. Try again.",
  },
};
const VERDICTS = ["useful", "not_useful", "contacted", "agreement_signed"];
const KEY_STORE = "partner-match-key";
const SCREEN_TOP = 10;
// What the server accepts: a searched name (characters), k, a request body (bytes).
const MAX_SEARCH = 200;
const MAX_K = 500;
const MAX_BODY_BYTES = 1024 * 1024;
const PROGRESS_AFTER_MS = 1000;
const state = {
  lang: "vi", province: null, sectors: {}, last: null, lastPath: null, profile: null,
  tab: "recommend", screening: null, showAllProvinces: false,
  // candidates this key marked not useful for the province (stored feedback): the
  // ranking is asked with them as "demote", and loads them first
  demoted: new Set(), demotedLoad: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => I18N[state.lang][key] || key;
// A number grouped as the page's language writes it (1.200.000 / 1,200,000).
const num = (n) => Number(n).toLocaleString(state.lang === "vi" ? "vi-VN" : "en-GB");
// t() with {name} placeholders filled in.
const tf = (key, values) => t(key).replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

// The server words flags, notes and search notes in the language asked for.
function headers(json) {
  const h = { "Accept-Language": state.lang };
  const key = sessionStorage.getItem(KEY_STORE);
  if (key) h["X-API-Key"] = key;
  if (json) h["Content-Type"] = "application/json";
  return h;
}

// Requests in flight; the progress bar shows when one has taken over a second.
let inFlight = 0;
let progressTimer = null;

function progressStart() {
  inFlight += 1;
  if (!progressTimer) progressTimer = setTimeout(() => { if (inFlight) $("progress").hidden = false; }, PROGRESS_AFTER_MS);
}

function progressEnd() {
  inFlight -= 1;
  if (inFlight) return;
  clearTimeout(progressTimer);
  progressTimer = null;
  $("progress").hidden = true;
}

async function api(path, options = {}) {
  progressStart();
  try {
    let response;
    try {
      response = await fetch(path, { ...options, headers: headers(Boolean(options.body)) });
    } catch (e) {
      throw { message: t("network"), suggestions: [] };
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      // an answer without the JSON error shape (a proxy, a refused request line) is
      // said in the page's language, not as the bare HTTP reason ("Bad Request")
      const error = (body && body.error) || { message: tf("httpFailed", { status: response.status }), suggestions: [] };
      throw error;
    }
    return body;
  } finally {
    progressEnd();
  }
}

function showStatus(text, isError) {
  const node = $("status");
  node.textContent = text || "";
  node.className = isError ? "error" : "";
}

function sectorLabel(id) {
  const s = state.sectors[id];
  return s ? (state.lang === "vi" ? s.label_vi : s.label_en) : id;
}

// Answers already shown are asked for again in the new language (their flags and
// notes are worded by the server); what cannot be asked again stays as it was.
async function reword() {
  const ask = async (path) => { try { return await api(path); } catch (error) { return null; } };
  if ($("search").value.trim() && $("search-results").children.length) search();
  if (state.lastPath) {
    const path = state.lastPath;
    const data = await ask(path);
    if (data && path === state.lastPath) { state.last = data; renderResults(data); }
  }
  if (state.screening && state.screening.id) {
    const id = state.screening.id;
    const data = await ask(`/v1/screenings/${id}`);
    if (data && state.screening && state.screening.id === id) {
      state.screening = data;
      renderScreening(data);
    }
  }
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  $("lang-toggle").textContent = t("toggle");
  fillSectors();
  updateKeyState();
  updateLetterSize();
  if (state.profile) { renderProfile(state.profile); renderHistory(state.profile); }
  if (state.last && !$("map-box").hidden) $("map-h").textContent = t("mapTitle");
  if (state.last) renderResults(state.last);
  if (state.screening) renderScreening(state.screening);
}

function fillSectors() {
  const select = $("sector");
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  const focus = $("focus");
  const chosen = new Set(Array.from(focus.selectedOptions).map((o) => o.value));
  focus.replaceChildren();
  Object.keys(state.sectors).forEach((id) => {
    const option = el("option", sectorLabel(id));
    option.value = id;
    select.appendChild(option);
    const pick = el("option", sectorLabel(id));
    pick.value = id;
    pick.selected = chosen.has(id);
    focus.appendChild(pick);
  });
  select.value = current;
}

function updateKeyState() {
  $("key-state").textContent = sessionStorage.getItem(KEY_STORE) ? t("keySaved") : t("keyNone");
}

// -- search --------------------------------------------------------------------

let searchTimer = null;
let searchSeq = 0;

function onSearchInput() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 250);
}

// Enter runs the search at once and takes its best result.
async function onSearchKey(event) {
  if (event.key !== "Enter") return;
  event.preventDefault();
  clearTimeout(searchTimer);
  const data = await search();
  if (data && data.results.length) choose(data.results[0]);
}

async function search() {
  const q = $("search").value.trim();
  const list = $("search-results");
  const seq = ++searchSeq;
  if (!q) { list.replaceChildren(); return null; }
  if (q.length > MAX_SEARCH) {
    list.replaceChildren();
    showStatus(tf("searchTooLong", { n: num(q.length), max: MAX_SEARCH }), true);
    return null;
  }
  try {
    const params = new URLSearchParams({ q, country: "VN", limit: "8" });
    const data = await api(`/v1/localities?${params}`);
    if (seq !== searchSeq) return null;
    if ($("status").className === "error") showStatus("");
    list.replaceChildren();
    data.results.forEach((c) => {
      const li = el("li");
      const button = el("button", c.name, "search-result");
      button.type = "button";
      button.dataset.id = c.id;
      if (c.note) button.appendChild(el("span", c.note, "note"));
      button.addEventListener("click", () => choose(c));
      li.appendChild(button);
      list.appendChild(li);
    });
    if (!data.results.length) list.appendChild(el("li", t("noMatch") + data.suggestions.join("; "), "no-match"));
    return data;
  } catch (error) {
    if (seq === searchSeq) { list.replaceChildren(); showStatus(error.message, true); }
    return null;
  }
}

async function choose(candidate) {
  state.province = candidate;
  state.demotedLoad = loadDemoted(candidate.id);
  $("search-results").replaceChildren();
  $("search").value = candidate.name;
  const selected = $("selected");
  selected.hidden = false;
  selected.textContent = `${t("selected")}: ${candidate.name} (${candidate.id})`;
  $("recommend").disabled = false;
  try {
    state.profile = await api(`/v1/localities/${encodeURIComponent(candidate.id)}`);
    renderProfile(state.profile);
    renderHistory(state.profile);
  } catch (error) {
    showStatus(error.message, true);
  }
}

function renderProfile(profile) {
  const list = $("profile-list");
  list.replaceChildren();
  profile.profile.forEach((entry) => {
    const li = el("li");
    li.appendChild(el("strong", `${sectorLabel(entry.sector)} — ${t(entry.role)} ${entry.value.toFixed(2)}: `));
    li.appendChild(el("span", entry.evidence, "evidence-text"));
    li.appendChild(sourceNode(entry.source, entry.date));
    list.appendChild(li);
  });
  $("profile").hidden = profile.profile.length === 0;
}

function sourceNode(source, date) {
  const span = el("span", ` — ${t("source")}: `, "source");
  const match = /<(https?:\/\/[^>\s]+)>/.exec(source || "");
  const title = match ? source.replace(match[0], "").trim() : source;
  if (match) {
    let url = null;
    try { url = new URL(match[1]); } catch (e) { url = null; }
    if (url && (url.protocol === "https:" || url.protocol === "http:")) {
      const link = el("a", title || url.hostname);
      link.href = url.href;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      span.appendChild(link);
    } else {
      span.appendChild(el("span", source));
    }
  } else {
    span.appendChild(el("span", title));
  }
  if (date) span.appendChild(el("span", ` (${date})`));
  return span;
}

// -- recommendations -------------------------------------------------------------

// The key's stored "not useful" verdicts for the province (none without a key).
async function loadDemoted(id) {
  state.demoted = new Set();
  if (!sessionStorage.getItem(KEY_STORE)) return;
  try {
    const params = new URLSearchParams({ province_id: id, verdict: "not_useful" });
    const data = await api(`/v1/feedback?${params}`);
    if (state.province && state.province.id === id) {
      state.demoted = new Set(data.items.map((f) => f.candidate_id));
    }
  } catch (error) { /* a key without access: nothing is demoted */ }
}

// A ranking's path asking to demote the candidates marked not useful.
function withDemoted(path) {
  const [base, query] = path.split("?");
  const params = new URLSearchParams(query);
  params.delete("demote");
  state.demoted.forEach((id) => params.append("demote", id));
  return `${base}?${params}`;
}

// A verdict that changes what is demoted asks for the ranking again: the server
// puts the demoted candidates last, flagged, their scores unchanged.
async function verdictGiven(id, verdict) {
  const was = state.demoted.has(id);
  if (verdict === "not_useful") state.demoted.add(id); else state.demoted.delete(id);
  if (was === state.demoted.has(id) || !state.lastPath) return;
  const path = withDemoted(state.lastPath);
  try {
    const data = await api(path);
    state.lastPath = path;
    state.last = data;
    renderResults(data);
    const done = $("results").querySelector(`li.partner[data-id="${CSS.escape(id)}"] .feedback-status`);
    if (done) { done.textContent = t("sent"); done.className = "feedback-status ok"; }
  } catch (error) {
    showStatus(error.message, true);
  }
}

function clearResults() {
  state.last = null;
  state.lastPath = null;
  $("results").replaceChildren();
  $("weights-version").textContent = "";
  hideMap();
}

async function recommend() {
  if (!state.province) return;
  const k = $("k").value.trim() || "20";
  if (!/^\d+$/.test(k) || Number(k) < 1 || Number(k) > MAX_K) {
    clearResults();
    showStatus(tf("kRange", { max: MAX_K }), true);
    return;
  }
  const params = new URLSearchParams({ k });
  Array.from($("focus").selectedOptions).forEach((o) => params.append("focus", o.value));
  $("country").value.split(",").map((s) => s.trim()).filter(Boolean)
    .forEach((c) => params.append("country", c));
  $("region").value.split(",").map((s) => s.trim()).filter(Boolean)
    .forEach((r) => params.append("region", r));
  if ($("sector").value) params.set("sector", $("sector").value);
  if ($("level").value) params.set("level", $("level").value);
  if ($("max-per-country").value) params.set("max_per_country", $("max-per-country").value);
  if ($("include-existing").checked) params.set("include_existing", "true");
  if ($("allow-same-place").checked) params.set("allow_same_place", "true");
  if ($("no-focus-coverage").checked) params.set("no_focus_coverage", "true");
  showStatus(t("loading"));
  await state.demotedLoad;
  state.demoted.forEach((id) => params.append("demote", id));
  try {
    const id = encodeURIComponent(state.province.id);
    state.lastPath = `/v1/localities/${id}/recommendations?${params}`;
    state.last = await api(state.lastPath);
    renderResults(state.last);
    if (state.last.results.length) showStatus(`${state.last.results.length} ${t("found")}`);
    else showStatus(t("noResults"), true);
  } catch (error) {
    clearResults();
    if (error.code === "invalid_parameter" && error.field === "filters") showStatus(t("noResults"), true);
    else showStatus(error.message, true);
  }
}

function chips(title, ids, className) {
  const p = el("p", null, `chips ${className}`);
  p.appendChild(el("strong", `${title}: `));
  ids.forEach((id) => p.appendChild(el("span", sectorLabel(id))));
  return p;
}

function renderResults(data) {
  $("weights-version").textContent = `${t("weights")}: ${data.weights_version}`;
  const list = $("results");
  list.replaceChildren();
  data.results.forEach((rec) => list.appendChild(renderPartner(rec, data.query)));
  if (data.results.length) showMap(state.profile, data.results); else hideMap();
  document.dispatchEvent(new CustomEvent("pm:results", { detail: data }));
}

// The labels of a recommendation card; screening turns the sides around (the
// foreign party is the query, the province the candidate) and has no feedback.
const PARTNER_VIEW = {
  needsMet: "needsMet", gaps: "gaps", offers: "offers", query: "query", candidate: "candidate",
  feedback: true,
};
const PROVINCE_VIEW = {
  needsMet: "theirNeedsMet", gaps: "theirGaps", offers: "theyOffer", query: "sideQuery",
  candidate: "sideCandidate", feedback: false,
};

function renderPartner(rec, query, view = PARTNER_VIEW) {
  const li = el("li", null, "partner");
  li.dataset.id = rec.id;
  if (rec.flags.some((f) => f.code === "demoted")) li.classList.add("demoted");
  const h3 = el("h3", `${rec.name} (${rec.country}, ${t(rec.level)})`, "partner-name");
  h3.appendChild(el("span", `${t("score")} ${rec.score.toFixed(3)}`, "score"));
  if (rec.fit !== undefined) {
    h3.appendChild(el(
      "span",
      `${t("fit")} ${rec.fit.toFixed(2)} · ${t("feasibility")} ${rec.feasibility.toFixed(2)}`,
      "subtotals",
    ));
  }
  li.appendChild(h3);
  li.appendChild(el("p", state.lang === "vi" ? rec.summary_vi : rec.summary_en, "summary"));

  const bars = el("div", null, "bars");
  const max = Math.max(...rec.contributions.map((c) => Math.abs(c.value)), 1e-9);
  // a bar is drawn only where it has a visible length (at least 1 % of the largest)
  const width = (c) => Math.round((100 * Math.abs(c.value)) / max);
  rec.contributions.filter((c) => width(c) > 0).forEach((c) => {
    bars.appendChild(el("span", state.lang === "vi" ? c.label_vi : c.label_en, "facet"));
    const bar = el("div", null, "bar");
    const fill = el("div");
    fill.style.width = `${width(c)}%`;
    bar.appendChild(fill);
    bars.appendChild(bar);
    bars.appendChild(el("span", c.value.toFixed(3)));
  });
  li.appendChild(bars);

  if (rec.needs_total) {
    li.appendChild(chips(`${t(view.needsMet)} (${rec.needs_met.length}/${rec.needs_total})`, rec.needs_met, "met"));
    if (rec.gaps.length) li.appendChild(chips(t(view.gaps), rec.gaps, "gaps"));
  }
  if (rec.offers_to_them.length) li.appendChild(chips(t(view.offers), rec.offers_to_them, "offers"));
  if (rec.evidence.length) {
    const details = el("details", null, "evidence");
    details.appendChild(el("summary", `${t("evidence")} (${rec.evidence.length})`));
    const ul = el("ul");
    rec.evidence.forEach((e) => {
      const item = el("li");
      item.appendChild(el("strong", `${t(view[e.side] || e.side)} · ${sectorLabel(e.sector)} · ${t(e.role)}: `));
      // a cooperation project is said by the product (its source's words quoted)
      item.appendChild(el("span", e.text, e.role === "cooperation project" ? "evidence-said" : "evidence-text"));
      item.appendChild(sourceNode(e.source, e.date));
      ul.appendChild(item);
    });
    details.appendChild(ul);
    li.appendChild(details);
  }
  if (rec.flags.length) li.appendChild(el("p", `${t("flags")}: ${rec.flags.map((f) => f.message).join("; ")}`, "flags"));
  if (rec.existing_ties.length) li.appendChild(existingTies(rec, query));
  li.appendChild(renderCardHistory(rec));
  if (view.feedback) li.appendChild(feedbackForm(rec, query));
  return li;
}

function feedbackForm(rec, query) {
  const box = el("div", null, "feedback");
  const select = el("select", null, "verdict");
  VERDICTS.forEach((v) => {
    const option = el("option", t(v));
    option.value = v;
    select.appendChild(option);
  });
  // a textarea that grows with its text, so a long note is never clipped
  const note = el("textarea", null, "note-input");
  note.rows = 1;
  note.maxLength = 2000;
  note.addEventListener("input", () => { note.style.height = "auto"; note.style.height = `${note.scrollHeight + 2}px`; });
  note.placeholder = t("notePh");
  const button = el("button", t("send"), "send-feedback");
  button.type = "button";
  const status = el("span", "", "feedback-status");
  button.addEventListener("click", async () => {
    if (!sessionStorage.getItem(KEY_STORE) ) { status.textContent = t("needKey"); status.className = "feedback-status error"; return; }
    try {
      await api("/v1/feedback", {
        method: "POST",
        body: JSON.stringify({
          province_id: query.locality_id, candidate_id: rec.id, verdict: select.value, note: note.value,
        }),
      });
      status.textContent = t("sent");
      status.className = "feedback-status ok";
      await verdictGiven(rec.id, select.value);
      document.dispatchEvent(new CustomEvent("pm:feedback", { detail: { id: rec.id, verdict: select.value } }));
    } catch (error) {
      status.textContent = error.message;
      status.className = "feedback-status error";
    }
  });
  box.append(select, note, button, status);
  return box;
}

// -- screening -------------------------------------------------------------------

function showTab(tab) {
  state.tab = tab;
  ["recommend", "screen"].forEach((name) => {
    const active = name === tab;
    $(`tab-${name}`).setAttribute("aria-selected", String(active));
    $(`panel-${name}`).hidden = !active;
  });
}

function showScreenStatus(text, isError) {
  const node = $("screen-status");
  node.textContent = text || "";
  node.className = isError ? "error" : "";
}

// The letter's size in UTF-8 bytes against what the server accepts.
function updateLetterSize() {
  const size = new TextEncoder().encode($("screen-text").value).length;
  const node = $("screen-size");
  node.textContent = tf("letterSize", { size: num(size), max: num(MAX_BODY_BYTES) });
  node.className = size > MAX_BODY_BYTES ? "hint error" : "hint";
}

async function screen() {
  const text = $("screen-text").value;
  if (!text.trim()) { showScreenStatus(t("emptyText"), true); return; }
  const body = { text };
  const sender = $("screen-sender").value.trim();
  const country = $("screen-country").value.trim();
  if (sender) body.sender = sender;
  if (country) body.country = country;
  const size = new TextEncoder().encode(JSON.stringify(body)).length;
  if (size > MAX_BODY_BYTES) {
    showScreenStatus(tf("letterTooBig", { size: num(size), max: num(MAX_BODY_BYTES) }), true);
    return;
  }
  $("screen").disabled = true;
  showScreenStatus(t("screening"));
  try {
    state.screening = await api("/v1/screenings", { method: "POST", body: JSON.stringify(body) });
    state.showAllProvinces = false;
    renderScreening(state.screening);
    showScreenStatus(`${t("screened")} ${state.screening.id})`);
  } catch (error) {
    // a refused letter leaves no earlier triage on screen under its error
    state.screening = null;
    $("screen-result").replaceChildren();
    $("screening").hidden = true;
    if (error.status === 401 && !sessionStorage.getItem(KEY_STORE)) {
      showScreenStatus(t("needKeyScreen"), true);
    } else {
      const field = error.field ? ` [${error.field}]` : "";
      showScreenStatus(`${error.message}${field}`, true);
    }
  } finally {
    $("screen").disabled = false;
  }
}

// Flags whose fix is a field of the form: a button that points to (and focuses) it.
const FLAG_FIELDS = { uncertain_party: "screen-sender" };

function flagHint(code) {
  const field = FLAG_FIELDS[code];
  const button = el("button", `${t("senderHintPre")} “${t("sender")}” ${t("senderHintPost")}`, "flag-hint");
  button.type = "button";
  button.dataset.field = field;
  button.addEventListener("click", () => { $(field).scrollIntoView({ block: "center" }); $(field).focus(); });
  return button;
}

function renderFlags(flags) {
  const box = el("div", null, flags.length ? "flag-box" : "flag-box none");
  if (!flags.length) { box.appendChild(el("p", t("noFlags"))); return box; }
  const ul = el("ul");
  flags.forEach((f) => {
    const li = el("li", null, "flag");
    li.dataset.code = f.code;
    li.appendChild(el("strong", `⚠ ${t(f.code)}: `));
    li.appendChild(el("span", f.message));
    if (FLAG_FIELDS[f.code]) li.appendChild(flagHint(f.code));
    ul.appendChild(li);
  });
  box.appendChild(ul);
  return box;
}

function renderParty(party) {
  const p = el("p", null, "party");
  p.appendChild(el("strong", `${t("party")}: `));
  p.appendChild(el("span", party.name || "?", "party-name"));
  const where = party.id ? `${party.id}, ${party.country}` : `${t("adHoc")}${party.country ? ", " + party.country : ""}`;
  p.appendChild(el("span", ` (${where}) — ${t("confidence")} ${party.confidence.toFixed(2)}`));
  p.appendChild(el("span", `· ${t("src_" + party.source)}`, "note"));
  return p;
}

function renderClaims(title, claims, className) {
  const box = el("div", null, `claims ${className}`);
  box.appendChild(el("h3", `${title}${claims.length ? "" : ": " + t("noneNamed")}`));
  const ul = el("ul");
  claims.forEach((c) => {
    const li = el("li");
    li.dataset.sector = c.sector;
    li.appendChild(el("strong", `${state.lang === "vi" ? c.label_vi : c.label_en}`));
    li.appendChild(el("span", ` — ${t(c.role)} ${c.score.toFixed(2)}`, "note"));
    if (c.evidence.length) li.appendChild(el("q", c.evidence[0], "evidence-text"));
    ul.appendChild(li);
  });
  box.appendChild(ul);
  return box;
}

function renderConcreteness(c) {
  const box = el("div", null, "concreteness");
  const h3 = el("h3", `${t("concreteness")}: `);
  h3.appendChild(el("span", `${t(c.level)} (${c.score.toFixed(2)})`, `level level-${c.level}`));
  box.appendChild(h3);
  const bars = el("div", null, "bars");
  c.contributions.forEach((part) => {
    bars.appendChild(el("span", t(part.name), "facet"));
    const width = Math.round(100 * (part.weight ? part.value / part.weight : 0));
    // an absent signal keeps its row and number but draws no bar
    const bar = el("div", null, width > 0 ? "bar" : "bar-empty");
    if (width > 0) {
      const fill = el("div");
      fill.style.width = `${width}%`;
      bar.appendChild(fill);
    }
    bars.appendChild(bar);
    bars.appendChild(el("span", `${part.value.toFixed(2)} / ${part.weight.toFixed(2)}`));
    if (part.evidence) bars.appendChild(el("span", part.evidence, "signal-evidence"));
  });
  box.appendChild(bars);
  return box;
}

function renderScreening(data) {
  const root = $("screen-result");
  root.replaceChildren();
  root.appendChild(renderFlags(data.flags));
  root.appendChild(renderParty(data.party));
  const claims = el("div", null, "claims-row");
  claims.appendChild(renderClaims(t("partyOffers"), data.offers, "offers"));
  claims.appendChild(renderClaims(t("partySeeks"), data.seeks, "seeks"));
  root.appendChild(claims);
  root.appendChild(renderConcreteness(data.concreteness));
  root.appendChild(el("h3", t("provinces")));
  if (data.ask_sender_sectors) {
    // the letter names no sector: no ranking, the sentence that says what to do
    const ask = (data.flags || []).find((f) => f.code === "ask_sender_sectors");
    root.appendChild(el("p", ask ? ask.message : t("ask_sender_sectors"), "ask-sender-sectors"));
    $("screening").hidden = false;
    return;
  }
  const list = el("ol", null, "provinces");
  const shown = state.showAllProvinces ? data.provinces : data.provinces.slice(0, SCREEN_TOP);
  shown.forEach((rec) => list.appendChild(renderPartner(rec, null, PROVINCE_VIEW)));
  root.appendChild(list);
  if (!state.showAllProvinces && data.provinces.length > SCREEN_TOP) {
    const more = el("button", t("showAll"), "show-all");
    more.type = "button";
    more.addEventListener("click", () => { state.showAllProvinces = true; renderScreening(data); });
    root.appendChild(more);
  }
  $("screening").hidden = false;
}

// -- start ---------------------------------------------------------------------

async function start() {
  $("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    applyLanguage();
    reword();
  });
  $("search").addEventListener("input", onSearchInput);
  $("search").addEventListener("keydown", onSearchKey);
  $("screen-text").addEventListener("input", updateLetterSize);
  $("recommend").addEventListener("click", recommend);
  $("tab-recommend").addEventListener("click", () => showTab("recommend"));
  $("tab-screen").addEventListener("click", () => showTab("screen"));
  $("screen").addEventListener("click", screen);
  $("save-key").addEventListener("click", () => {
    const key = $("api-key").value.trim();
    if (key) sessionStorage.setItem(KEY_STORE, key); else sessionStorage.removeItem(KEY_STORE);
    $("api-key").value = "";
    updateKeyState();
    if (state.province) state.demotedLoad = loadDemoted(state.province.id);
  });
  try {
    const data = await api("/v1/sectors");
    data.sectors.forEach((s) => { state.sectors[s.id] = s; });
  } catch (error) {
    showStatus(error.message, true);
  }
  applyLanguage();
}

start();
