// History on the page: the province's existing partners and each candidate's known
// ties (in Vietnam, abroad), with years, kind, evidence level, follow-through and
// sources. Uses el(), t(), sourceNode() and state from app.js; all data as text.
"use strict";

const HISTORY_I18N = {
  vi: {
    historyTitle: "Đối tác hiện có của tỉnh", historyNone: "Danh mục chưa ghi nhận đối tác nào của tỉnh này.",
    tiesKnown: "Quan hệ đã biết", tiesVietnam: "Ở Việt Nam", tiesAbroad: "Ở nước ngoài khác",
    tiesCounts: "ở Việt Nam {vn}, ở nước ngoài khác {abroad}",
    tiesNone: "chưa ghi nhận", yearUnknown: "năm chưa rõ", followThrough: "mức thực chất",
    andMore: "và {n} quan hệ khác", distance: "Khoảng cách", distanceUnknown: "chưa rõ khoảng cách",
    "ev_twinning/sister (explicit)": "kết nghĩa (ghi rõ)",
    "ev_formal agreement/MoU": "thỏa thuận chính thức/MoU",
    "ev_cooperation/relations (no signed agreement text seen)": "hợp tác, quan hệ (chưa thấy văn bản ký kết)",
    ev_terminated: "đã chấm dứt",
    "ev_listed twin (global network)": "có tên trong danh sách kết nghĩa (mạng toàn cầu)",
  },
  en: {
    historyTitle: "The province's existing partners", historyNone: "The catalog records no partner of this province.",
    tiesKnown: "Known ties", tiesVietnam: "In Vietnam", tiesAbroad: "Elsewhere abroad",
    tiesCounts: "in Vietnam {vn}, elsewhere abroad {abroad}",
    tiesNone: "none recorded", yearUnknown: "year unknown", followThrough: "follow-through",
    andMore: "and {n} more", distance: "Distance", distanceUnknown: "distance unknown",
    "ev_twinning/sister (explicit)": "twinning/sister (explicit)",
    "ev_formal agreement/MoU": "formal agreement/MoU",
    "ev_cooperation/relations (no signed agreement text seen)": "cooperation/relations (no signed agreement text seen)",
    ev_terminated: "terminated",
    "ev_listed twin (global network)": "listed twin (global network)",
  },
};
Object.keys(HISTORY_I18N).forEach((lang) => Object.assign(I18N[lang], HISTORY_I18N[lang]));

// One tie: partner, year, evidence level, follow-through; the kind and the sources
// are quoted as the catalog's sources word them (data-quoted).
function tieItem(tie) {
  const li = el("li", null, "tie");
  li.dataset.partner = tie.partner_id;
  li.appendChild(el("strong", `${tie.partner_name} (${tie.partner_country})`, "tie-partner"));
  li.appendChild(el("span", ` · ${tie.year || t("yearUnknown")}`, "tie-year"));
  li.appendChild(el("span", ` · ${t("ev_" + tie.evidence)}`, "tie-evidence"));
  li.appendChild(el("span", ` · ${t("followThrough")} ${tie.follow_through.toFixed(2)}`, "tie-ft"));
  const kind = el("span", ` · ${tie.kind}`, "tie-kind");
  kind.dataset.quoted = "";
  li.appendChild(kind);
  const sources = tie.sources || (tie.source ? [tie.source] : []);
  sources.forEach((s) => {
    const node = sourceNode(s, null);
    node.dataset.quoted = "";
    li.appendChild(node);
  });
  return li;
}

function tieList(ties, total, className) {
  const ul = el("ul", null, `tie-list ${className}`);
  ties.forEach((tie) => ul.appendChild(tieItem(tie)));
  if (total > ties.length) ul.appendChild(el("li", t("andMore").replace("{n}", total - ties.length), "more"));
  return ul;
}

// The province's partners (from GET /v1/localities/{id}: one per partner).
function renderHistory(profile) {
  const box = $("history");
  const partners = profile.partners || [];
  box.hidden = false;
  $("history-h").textContent = `${t("historyTitle")} (${partners.length})`;
  const root = $("history-list");
  root.replaceChildren();
  if (!partners.length) { root.appendChild(el("p", t("historyNone"), "none")); return; }
  root.appendChild(tieList(partners, partners.length, "province-ties"));
}

// A card's distance line and its known ties, folded.
function renderCardHistory(rec) {
  const box = el("div", null, "card-history");
  const km = rec.distance_km;
  box.appendChild(el("p", km === null || km === undefined
    ? t("distanceUnknown")
    : `${t("distance")}: ${num(Math.round(km))} km`, "distance"));
  const vn = rec.ties_vietnam || [];
  const abroad = rec.ties_abroad || [];
  const details = el("details", null, "ties-known");
  details.appendChild(el("summary",
    `${t("tiesKnown")}: ${tf("tiesCounts", { vn: rec.ties_vietnam_total || 0, abroad: rec.ties_abroad_total || 0 })}`));
  [["tiesVietnam", vn, rec.ties_vietnam_total || 0, "in-vietnam"], ["tiesAbroad", abroad, rec.ties_abroad_total || 0, "abroad"]]
    .forEach(([label, ties, total, cls]) => {
      details.appendChild(el("h4", `${t(label)}${total ? "" : ": " + t("tiesNone")}`));
      if (total) details.appendChild(tieList(ties, total, cls));
    });
  box.appendChild(details);
  return box;
}

// The tie with the query, said from the structured tie (evidence level in the page's
// language); otherwise the server's lines, in the page's language (the sources'
// own words inside quotation marks).
function existingTies(rec, query) {
  const queryId = query ? query.locality_id : state.screening && state.screening.party.id;
  const tie = [...(rec.ties_vietnam || []), ...(rec.ties_abroad || [])].find((x) => x.partner_id === queryId);
  const p = el("p", `${t("ties")}: `, "ties");
  if (tie) {
    p.appendChild(el("span", `${t("ev_" + tie.evidence)}${tie.year ? ` (${tie.year})` : ""} — `));
    const kind = el("span", tie.kind, "tie-kind");
    kind.dataset.quoted = "";
    p.appendChild(kind);
  } else {
    p.appendChild(el("span", rec.existing_ties.join("; "), "ties-said"));
  }
  return p;
}
