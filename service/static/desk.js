// The officer's and the embassy's desk: shortlist, comparison, documents, inbox.
// Uses app.js's helpers (api, el, t, state, renderPartner, renderScreening) and its
// events: "pm:results" after a ranking is drawn, "pm:feedback" after a verdict.
(() => {
  const WORDS = {
    vi: {
      deskTitle: "Danh sách chọn và so sánh", shortlist: "Danh sách chọn",
      shortlistEmpty: "Chưa chọn đối tác nào.", add: "Thêm vào danh sách chọn",
      added: "Đã chọn ✓", remove: "Bỏ khỏi danh sách", saveNote: "Lưu ghi chú",
      notePlaceholder: "Ghi chú của cán bộ", saved: "Đã lưu", compare: "So sánh",
      compareButton: "So sánh các đối tác đã đánh dấu", compareHint: "Đánh dấu 2 hoặc 3 đối tác để so sánh.",
      exportRanking: "Xuất danh sách gợi ý", exportShortlist: "Xuất danh sách chọn",
      word: "Word (tờ trình)", sheet: "Bảng tính", csv: "CSV", print: "Bản in",
      needKey: "Cần khóa API (vai trò biên tập) để lưu danh sách chọn.",
      distance: "Khoảng cách", km: "km", unknown: "chưa rõ", score: "Điểm",
      reasons: "Lý do chính", needsMet: "Nhu cầu được đáp ứng", evidence: "Bằng chứng",
      flags: "Lưu ý", ties: "Quan hệ hiện có", none: "không có",
      demoted: "Đã đánh dấu không hữu ích", showDemoted: "Hiện các đối tác đã đánh dấu không hữu ích",
      inbox: "Hộp thư đã sàng lọc", all: "(tất cả)", reload: "Tải lại",
      inboxEmpty: "Chưa có thư nào được lưu.", open: "Mở", status: "Trạng thái",
      new: "mới", forwarded: "đã chuyển", answered: "đã trả lời", saveStatus: "Lưu trạng thái",
      forwardTo: "Chuyển cho", makeForward: "Tạo nội dung chuyển", copy: "Sao chép",
      copied: "Đã sao chép", unknownParty: "bên gửi chưa xác định", inboxKey: "Cần khóa API để xem hộp thư.",
      vague: "chung chung", moderate: "vừa phải", concrete: "cụ thể", loading: "Đang tải…",
    },
    en: {
      deskTitle: "Shortlist and comparison", shortlist: "Shortlist",
      shortlistEmpty: "No partner shortlisted yet.", add: "Add to shortlist",
      added: "Shortlisted ✓", remove: "Remove from shortlist", saveNote: "Save note",
      notePlaceholder: "Officer's note", saved: "Saved", compare: "Compare",
      compareButton: "Compare the marked partners", compareHint: "Mark 2 or 3 partners to compare them.",
      exportRanking: "Export the suggestions", exportShortlist: "Export the shortlist",
      word: "Word (report)", sheet: "Spreadsheet", csv: "CSV", print: "Print view",
      needKey: "An API key (editor role) is needed to keep a shortlist.",
      distance: "Distance", km: "km", unknown: "unknown", score: "Score",
      reasons: "Main reasons", needsMet: "Needs met", evidence: "Evidence",
      flags: "Flags", ties: "Existing ties", none: "none",
      demoted: "Marked not useful", showDemoted: "Show the partners marked not useful",
      inbox: "Screened letters", all: "(all)", reload: "Reload",
      inboxEmpty: "No letter stored yet.", open: "Open", status: "Status",
      new: "new", forwarded: "forwarded", answered: "answered", saveStatus: "Save status",
      forwardTo: "Forward to", makeForward: "Write the forwarding note", copy: "Copy",
      copied: "Copied", unknownParty: "unidentified sender", inboxKey: "An API key is needed to see the inbox.",
      vague: "vague", moderate: "moderate", concrete: "concrete", loading: "Loading…",
    },
  };
  const STATUSES = ["new", "forwarded", "answered"];
  const FORMATS = [["docx", "word"], ["xlsx", "sheet"], ["csv", "csv"], ["html", "print"]];
  const desk = { items: new Map(), marked: [], showDemoted: false, data: null, opened: null };
  const w = (key) => WORDS[state.lang][key] || key;
  const hasKey = () => Boolean(sessionStorage.getItem(KEY_STORE));
  const province = () => (desk.data && desk.data.query.locality_id) || null;

  // The focus of the ranking on screen, so that a comparison or the shortlist's
  // document explains the candidates with the numbers that ranking gave them.
  function focusParams() {
    const params = new URLSearchParams();
    const asked = new URLSearchParams(((desk.data && desk.data.path) || "").split("?")[1] || "");
    asked.getAll("focus").forEach((sector) => params.append("focus", sector));
    return params;
  }

  function button(text, className, onClick) {
    const node = el("button", text, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  // -- the desk section above the results ----------------------------------------

  function deskSection() {
    let section = $("desk");
    if (!section) {
      section = el("section", null, "desk");
      section.id = "desk";
      $("results").closest("section").before(section);
    }
    return section;
  }

  async function loadShortlist() {
    desk.items = new Map();
    if (!province() || !hasKey()) return;
    try {
      const data = await api(`/v1/shortlists/${encodeURIComponent(province())}`);
      data.items.forEach((item) => desk.items.set(item.candidate_id, item));
    } catch (error) { /* a key without access: the list stays empty */ }
  }

  function exportLinks(title, kind) {
    const p = el("p", null, `exports exports-${kind}`);
    p.appendChild(el("strong", `${title}: `));
    FORMATS.forEach(([format, word]) => {
      if (kind === "ranking") {
        const path = desk.data.path.replace("/recommendations?", "/recommendations/export?");
        const a = el("a", w(word), `export-${format}`);
        a.href = `${path}&format=${format}&lang=${state.lang}`;
        if (format === "html") a.target = "_blank"; else a.setAttribute("download", "");
        p.appendChild(a);
      } else {
        p.appendChild(button(w(word), `export-${format}`, () => downloadShortlist(format)));
      }
      p.appendChild(document.createTextNode(" "));
    });
    return p;
  }

  // The shortlist's documents need the key in a header: fetched, then saved.
  async function downloadShortlist(format) {
    const params = focusParams();
    params.set("format", format);
    params.set("lang", state.lang);
    const path = `/v1/shortlists/${encodeURIComponent(province())}/export?${params}`;
    const response = await fetch(path, { headers: headers(false) });
    if (!response.ok) { showStatus(w("needKey"), true); return; }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    if (format === "html") { window.open(url, "_blank"); return; }
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    const a = el("a");
    a.href = url;
    a.download = name ? name[1] : `shortlist.${format}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function renderShortlist(section) {
    section.appendChild(el("h3", w("shortlist")));
    if (!hasKey()) { section.appendChild(el("p", w("needKey"), "hint")); return; }
    if (!desk.items.size) section.appendChild(el("p", w("shortlistEmpty"), "hint shortlist-empty"));
    const list = el("ul", null, "shortlist");
    desk.items.forEach((item) => {
      const li = el("li", null, "shortlist-item");
      li.dataset.id = item.candidate_id;
      li.appendChild(el("strong", `${item.name} (${item.country})`));
      const note = el("input", null, "shortlist-note");
      note.type = "text";
      note.maxLength = 2000;
      note.value = item.note;
      note.placeholder = w("notePlaceholder");
      const saved = el("span", desk.saved === item.candidate_id ? w("saved") : "", "shortlist-state");
      li.append(note, button(w("saveNote"), "save-note", () => putItem(item.candidate_id, note.value, true)), button(w("remove"), "remove-item", () => removeItem(item.candidate_id)), saved);
      list.appendChild(li);
    });
    section.appendChild(list);
    if (desk.items.size) section.appendChild(exportLinks(w("exportShortlist"), "shortlist"));
  }

  function renderDesk() {
    if (!desk.data) return;
    const section = deskSection();
    section.replaceChildren(el("h2", w("deskTitle")));
    section.appendChild(exportLinks(w("exportRanking"), "ranking"));
    renderShortlist(section);
    const compare = button(w("compareButton"), "compare-button", compareMarked);
    compare.disabled = desk.marked.length < 2;
    section.append(compare, el("span", ` ${w("compareHint")}`, "hint"));
    const view = el("div", null, "compare-view");
    view.id = "compare-view";
    section.appendChild(view);
    decorateCards();
  }

  async function putItem(id, note, isNote = false) {
    desk.saved = null;
    try {
      const item = await api(`/v1/shortlists/${encodeURIComponent(province())}/items/${encodeURIComponent(id)}`, {
        method: "PUT", body: JSON.stringify({ note }),
      });
      desk.items.set(id, item);
      if (isNote) desk.saved = id;
    } catch (error) {
      showStatus(error.message, true);
    }
    renderDesk();
  }

  async function removeItem(id) {
    try {
      await api(`/v1/shortlists/${encodeURIComponent(province())}/items/${encodeURIComponent(id)}`, { method: "DELETE" });
      desk.items.delete(id);
    } catch (error) {
      showStatus(error.message, true);
    }
    renderDesk();
  }

  // -- the cards: shortlist button, compare mark, demotion -----------------------

  function decorateCards() {
    const list = $("results");
    const cards = [...list.querySelectorAll(":scope > li.partner")];
    cards.forEach((li) => {
      const id = li.dataset.id;
      let bar = li.querySelector(".desk-bar");
      if (!bar) {
        bar = el("div", null, "desk-bar");
        li.querySelector(".summary").after(bar);
      }
      bar.replaceChildren();
      const onList = desk.items.has(id);
      const add = button(onList ? w("added") : w("add"), onList ? "shortlist-add on" : "shortlist-add",
        () => (onList ? removeItem(id) : putItem(id, "")));
      add.disabled = !hasKey();
      const label = el("label", null, "compare-mark");
      const box = el("input");
      box.type = "checkbox";
      box.checked = desk.marked.includes(id);
      box.addEventListener("change", () => {
        desk.marked = box.checked ? [...desk.marked, id].slice(-3) : desk.marked.filter((m) => m !== id);
        renderDesk();
      });
      label.append(box, document.createTextNode(` ${w("compare")}`));
      bar.append(add, label);
      // demoted by the server (the flag "demoted"): after the others, folded away
      const demoted = li.classList.contains("demoted");
      li.hidden = demoted && !desk.showDemoted;
      if (demoted) bar.appendChild(el("span", w("demoted"), "demoted-note"));
    });
    cards.filter((li) => li.classList.contains("demoted")).forEach((li) => list.appendChild(li));
    let toggle = $("show-demoted");
    const count = cards.filter((li) => li.classList.contains("demoted")).length;
    if (!toggle) {
      toggle = button("", "show-demoted", () => { desk.showDemoted = !desk.showDemoted; decorateCards(); });
      toggle.id = "show-demoted";
      list.after(toggle);
    }
    toggle.textContent = `${w("showDemoted")} (${count})`;
    toggle.hidden = count === 0;
  }

  async function compareMarked() {
    const view = $("compare-view");
    view.replaceChildren(el("p", w("loading")));
    try {
      const params = focusParams();
      params.set("candidates", desk.marked.join(","));
      const data = await api(`/v1/localities/${encodeURIComponent(province())}/compare?${params}`);
      view.replaceChildren(renderComparison(data));
    } catch (error) {
      view.replaceChildren(el("p", error.message, "error"));
    }
  }

  function renderComparison(data) {
    const grid = el("div", null, "compare-grid");
    grid.style.gridTemplateColumns = `repeat(${data.candidates.length}, 1fr)`;
    data.candidates.forEach((c) => {
      const col = el("div", null, "compare-col");
      col.dataset.id = c.id;
      col.appendChild(el("h3", `${c.name} (${c.country})`));
      col.appendChild(el("p", `${w("score")}: ${c.score.toFixed(3)}`, "compare-score"));
      const km = c.distance_km === null ? w("unknown") : `${Math.round(c.distance_km).toLocaleString(state.lang)} ${w("km")}`;
      col.appendChild(el("p", `${w("distance")}: ${km}`, "compare-distance"));
      const label = state.lang === "vi" ? "label_vi" : "label_en";
      const reasons = c.contributions.filter((x) => x.value > 0).slice(0, 5)
        .map((x) => `${x[label]} ${x.value.toFixed(2)}`);
      col.appendChild(el("p", `${w("reasons")}: ${reasons.join("; ") || w("none")}`, "compare-reasons"));
      const met = c.needs_met.map(sectorLabel);
      col.appendChild(el("p", `${w("needsMet")} (${c.needs_met.length}/${c.needs_total}): ${met.join(", ") || w("none")}`));
      const ev = el("ul", null, "compare-evidence");
      c.evidence.forEach((e) => {
        const li = el("li", `${sectorLabel(e.sector)}: ${e.text} `);
        li.appendChild(sourceNode(e.source, e.date));
        ev.appendChild(li);
      });
      col.appendChild(el("strong", `${w("evidence")} (${c.evidence.length})`));
      col.appendChild(ev);
      col.appendChild(el("p", `${w("flags")}: ${c.flags.map((f) => f.message).join("; ") || w("none")}`, "flags"));
      col.appendChild(el("p", `${w("ties")}: ${c.existing_ties.join("; ") || w("none")}`, "ties"));
      grid.appendChild(col);
    });
    return grid;
  }

  document.addEventListener("pm:results", async (event) => {
    const changed = !desk.data || desk.data.query.locality_id !== event.detail.query.locality_id;
    desk.data = { ...event.detail, path: state.lastPath };
    if (changed) { desk.marked = []; await loadShortlist(); }
    renderDesk();
  });
  // a verdict that changes the demotions has already redrawn the ranking
  document.addEventListener("pm:feedback", () => decorateCards());

  // -- the embassy inbox ---------------------------------------------------------

  function inboxSection() {
    let section = $("inbox");
    if (!section) {
      section = el("section", null, "inbox");
      section.id = "inbox";
      $("screen-form").before(section);
    }
    return section;
  }

  async function loadInbox() {
    const section = inboxSection();
    const filter = el("select", null, "inbox-filter");
    ["", ...STATUSES].forEach((s) => {
      const option = el("option", s ? w(s) : w("all"));
      option.value = s;
      filter.appendChild(option);
    });
    filter.value = desk.inboxFilter || "";
    filter.addEventListener("change", () => { desk.inboxFilter = filter.value; loadInbox(); });
    section.replaceChildren(el("h2", w("inbox")), filter, button(w("reload"), "inbox-reload", loadInbox));
    if (!hasKey()) { section.appendChild(el("p", w("inboxKey"), "hint")); return; }
    try {
      const params = new URLSearchParams({ limit: "50" });
      if (desk.inboxFilter) params.set("status", desk.inboxFilter);
      const data = await api(`/v1/screenings?${params}`);
      if (!data.items.length) { section.appendChild(el("p", w("inboxEmpty"), "hint inbox-empty")); return; }
      const list = el("ul", null, "inbox-list");
      data.items.forEach((item) => {
        const li = el("li", null, `inbox-item status-${item.status}`);
        li.dataset.id = item.id;
        const when = new Date(item.created_at).toLocaleString(state.lang === "vi" ? "vi-VN" : "en-GB");
        li.appendChild(el("span", when, "inbox-when"));
        li.appendChild(el("strong", ` ${item.party.name || w("unknownParty")} `));
        li.appendChild(el("span", w(item.concreteness_level), `level level-${item.concreteness_level}`));
        li.appendChild(el("span", w(item.status), "inbox-status"));
        li.appendChild(button(w("open"), "inbox-open", () => openScreening(item.id)));
        list.appendChild(li);
      });
      section.appendChild(list);
    } catch (error) {
      section.appendChild(el("p", error.message, "error"));
    }
  }

  async function openScreening(id) {
    const data = await api(`/v1/screenings/${id}`);
    desk.opened = data;
    state.showAllProvinces = false;
    renderScreening(data);
    const root = $("screen-result");
    const box = el("div", null, "inbox-actions");
    box.dataset.id = id;
    const status = el("select", null, "status-select");
    STATUSES.forEach((s) => { const o = el("option", w(s)); o.value = s; status.appendChild(o); });
    status.value = data.status;
    const note = el("span", "", "status-note");
    box.append(el("strong", `${w("status")}: `), status, button(w("saveStatus"), "save-status", async () => {
      try {
        await api(`/v1/screenings/${id}`, { method: "PATCH", body: JSON.stringify({ status: status.value }) });
        note.textContent = w("saved");
        loadInbox();
      } catch (error) { note.textContent = error.message; }
    }), note);
    const forward = el("div", null, "forward");
    const target = el("select", null, "forward-province");
    [...data.provinces].sort((a, b) => a.name.localeCompare(b.name, "vi")).forEach((p) => {
      const o = el("option", p.name); o.value = p.id; target.appendChild(o);
    });
    if (data.provinces.length) target.value = data.provinces[0].id;
    const text = el("textarea", null, "forward-text");
    text.rows = 7;
    text.readOnly = true;
    const copied = el("span", "", "copy-state");
    forward.append(el("strong", `${w("forwardTo")}: `), target,
      button(w("makeForward"), "make-forward", async () => {
        const answer = await api(`/v1/screenings/${id}/forward?province=${encodeURIComponent(target.value)}&lang=vi`);
        text.value = answer.text;
      }),
      button(w("copy"), "copy-forward", async () => {
        text.select();
        try { await navigator.clipboard.writeText(text.value); } catch (e) { document.execCommand("copy"); }
        copied.textContent = w("copied");
      }), copied, text);
    // no ranked province (the letter names no sector, or a Vietnamese unit wrote):
    // nothing to forward yet
    if (data.provinces.length) box.appendChild(forward);
    root.prepend(box);
    $("screening").scrollIntoView({ block: "start" });
  }

  $("tab-screen").addEventListener("click", loadInbox);
  $("save-key").addEventListener("click", () => { if (state.tab === "screen") loadInbox(); });
  $("lang-toggle").addEventListener("click", () => {
    renderDesk();
    if (state.tab === "screen") loadInbox();
  });
})();
