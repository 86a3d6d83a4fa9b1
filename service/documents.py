"""Exported documents of a ranking or a shortlist: Word, spreadsheet, CSV, print view.

One source for every format: the serialized candidates (``compared_json``: a
recommendation's JSON plus ``distance_km``, and an officer's ``note`` on a
shortlist) with the province, the date, the focus and the needs. The words come
from :mod:`matcher.wording` (Vietnamese by default, for a tờ trình annex); Word
files are written by python-docx and spreadsheets by openpyxl. Used by the API
(``…/export``) and the CLI (``recommend --output``).
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date as Date

from features.catalog.countries import country_name, country_name_vi
from matcher.comparison import Compared, explain_candidates
from matcher.wording import document_word
from service.api.serialisation import compared_json

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ExportDocument",
    "build_document",
    "render",
    "to_docx",
    "to_xlsx",
    "to_csv",
    "to_html",
    "filename",
]

FORMATS = ("docx", "xlsx", "csv", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class ExportDocument:
    """What every format shows: the query side, then one dict per candidate."""

    kind: str  # "ranking" or "shortlist"
    province_id: str
    province_name: str
    date: str
    needs: list[str]
    candidates: list[dict]
    weights_version: str
    labels: dict[str, str] = field(default_factory=dict)
    focus: tuple[str, ...] = ()
    lang: str = "vi"


def build_document(
    engine,
    *,
    kind: str,
    province_id: str,
    query,
    candidate_ids=(),
    explained=None,
    notes: dict[str, str] | None = None,
    focus=(),
    lang: str = "vi",
    today: Date | None = None,
) -> ExportDocument:
    """Explain ``candidate_ids`` for ``query`` and gather what a document shows.

    A ranking's document takes the ranking's own explanations (``explained``), so
    it shows the candidates, order, scores and flags the ranking gave.

    Args:
        engine: The loaded ``Engine`` (active weights).
        kind: ``"ranking"`` or ``"shortlist"``.
        province_id: The Vietnamese unit the document is for.
        query: What was ranked for: the id, or a ``Profile`` with declared edits.
        candidate_ids: The candidates, in the document's order (explained here
            for ``query`` and ``focus`` when ``explained`` is None).
        explained: ``Recommendation``s of ``matcher.ranking.recommend``, as given.
        notes: An officer's note per candidate id (shortlists).
        focus: The sector ids the cooperation is about, as the ranking was asked
            (empty: the declared needs).
        lang: The language of the words (vi or en).
        today: The document's date (default: today).
    """
    taxonomy = engine.catalog.taxonomy
    labels = {
        s.id: (s.label_vi if lang == "vi" else s.label_en) for s in taxonomy.sectors
    }
    focus = tuple(focus or ())
    if explained is None:
        compared = explain_candidates(
            engine.matcher, query, candidate_ids, focus=list(focus) or None
        )
    else:
        compared = [Compared(r) for r in explained]
    candidates = []
    for c in compared:
        item = compared_json(c, lang)
        item["note"] = (notes or {}).get(item["id"], "")
        candidates.append(item)
    first = candidates[0] if candidates else None
    needs = [] if first is None else [*first["needs_met"], *first["gaps"]]
    return ExportDocument(
        kind=kind,
        province_id=province_id,
        province_name=engine.catalog.get(province_id).name,
        date=(today or Date.today()).isoformat(),
        needs=[labels.get(n, n) for n in needs],
        candidates=candidates,
        weights_version=engine.weights.version,
        labels=labels,
        focus=focus,
        lang=lang,
    )


def _w(doc: ExportDocument, code: str) -> str:
    return document_word(code, doc.lang)


def _country(doc: ExportDocument, code: str) -> str:
    return country_name_vi(code) if doc.lang == "vi" else country_name(code)


def _reasons(doc: ExportDocument, item: dict) -> list[str]:
    key = "label_vi" if doc.lang == "vi" else "label_en"
    return [
        f"{c[key]}: {c['value']:+.3f}" for c in item["contributions"] if c["value"] > 0
    ]


def _evidence(doc: ExportDocument, item: dict) -> list[tuple[str, str, str]]:
    """(sector, text, source with its date) of each piece of evidence."""
    out = []
    for e in item["evidence"]:
        source = e["source"] + (f" ({e['date']})" if e["date"] else "")
        out.append((doc.labels.get(e["sector"], e["sector"]), e["text"], source))
    return out


def _distance(doc: ExportDocument, item: dict) -> str:
    d = item.get("distance_km")
    return _w(doc, "unknown") if d is None else f"{d:,.0f}".replace(",", ".")


def _summary(doc: ExportDocument, item: dict) -> str:
    return item["summary_vi"] if doc.lang == "vi" else item["summary_en"]


# The summary table's columns: the score and its two subtotals, as on the page.
_COLUMNS = (
    "rank",
    "candidate",
    "country",
    "score",
    "fit",
    "feasibility",
    "distance_km",
)


def _table_row(doc: ExportDocument, i: int, item: dict) -> tuple[str, ...]:
    return (
        str(i),
        item["name"],
        _country(doc, item["country"]),
        f"{item['score']:.3f}",
        f"{item['fit']:+.3f}",
        f"{item['feasibility']:+.3f}",
        _distance(doc, item),
    )


def _header(doc: ExportDocument) -> list[tuple[str, str]]:
    none = _w(doc, "none")
    return [
        (_w(doc, "province"), f"{doc.province_name} ({doc.province_id})"),
        (_w(doc, "date"), doc.date),
        (_w(doc, "focus"), ", ".join(doc.labels.get(s, s) for s in doc.focus) or none),
        (_w(doc, "needs"), ", ".join(doc.needs) or none),
    ]


def _title(doc: ExportDocument) -> str:
    return f"{_w(doc, 'title_' + doc.kind)}: {doc.province_name}"


def to_docx(doc: ExportDocument) -> bytes:
    """A Word document: the query side, a summary table, then each candidate with
    its reasons, needs met, evidence and sources, flags, ties and note."""
    from docx import Document

    out = Document()
    out.core_properties.title = _title(doc)
    out.core_properties.language = doc.lang
    out.add_heading(_title(doc), level=0)
    for label, value in _header(doc):
        paragraph = out.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    out.add_heading(_w(doc, "candidates"), level=1)
    columns = _COLUMNS
    table = out.add_table(rows=1, cols=len(columns), style="Table Grid")
    for cell, code in zip(table.rows[0].cells, columns, strict=True):
        cell.text = _w(doc, code)
    for i, item in enumerate(doc.candidates, start=1):
        cells = table.add_row().cells
        values = _table_row(doc, i, item)
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    for i, item in enumerate(doc.candidates, start=1):
        country = _country(doc, item["country"])
        out.add_heading(f"{i}. {item['name']} ({country})", level=2)
        out.add_paragraph(_summary(doc, item))
        sections = [
            ("reasons", _reasons(doc, item)),
            ("needs_met", [doc.labels.get(n, n) for n in item["needs_met"]]),
            ("evidence", [f"[{s}] {t} — {_w(doc, 'source')}: {u}" for s, t, u in
                          _evidence(doc, item)]),
            ("flags", [f["message"] for f in item["flags"]]),
            ("ties", list(item["existing_ties"])),
        ]  # fmt: skip
        for code, lines in sections:
            if not lines:
                continue
            out.add_heading(_w(doc, code), level=3)
            for line in lines:
                out.add_paragraph(line, style="List Bullet")
        if item.get("note"):
            out.add_heading(_w(doc, "note"), level=3)
            out.add_paragraph(item["note"])
    out.add_paragraph(
        f"{_w(doc, 'weights')}: {doc.weights_version}. {_w(doc, 'generated')}"
    )
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


_ROW_CODES = (
    *_COLUMNS,
    "summary",
    "reasons",
    "needs_met",
    "evidence",
    "flags",
    "ties",
    "note",
)


def _rows(doc: ExportDocument) -> list[list]:
    """The header and one row per candidate (the spreadsheet's and the CSV's)."""
    rows: list[list] = [["id", *(_w(doc, c) for c in _ROW_CODES)]]
    for i, item in enumerate(doc.candidates, start=1):
        evidence = _evidence(doc, item)
        rows.append(
            [
                item["id"],
                i,
                item["name"],
                _country(doc, item["country"]),
                round(item["score"], 4),
                round(item["fit"], 4),
                round(item["feasibility"], 4),
                item.get("distance_km"),
                _summary(doc, item),
                "; ".join(_reasons(doc, item)),
                ", ".join(doc.labels.get(n, n) for n in item["needs_met"]),
                " | ".join(f"[{s}] {t} — {u}" for s, t, u in evidence),
                "; ".join(f["message"] for f in item["flags"]),
                "; ".join(item["existing_ties"]),
                item.get("note", ""),
            ]
        )
    return rows


def to_xlsx(doc: ExportDocument) -> bytes:
    """A workbook: the query side, the candidates, and every piece of evidence
    with its source on a sheet of its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = _w(doc, "province")[:31].replace("/", "-")
    about.append([_title(doc)])
    for label, value in _header(doc):
        about.append([label, value])
    about.append([_w(doc, "weights"), doc.weights_version])
    sheet = book.create_sheet(_w(doc, "candidates")[:31])
    for row in _rows(doc):
        sheet.append(row)
    sources = book.create_sheet(_w(doc, "evidence")[:31])
    sources.append(
        [_w(doc, "rank"), _w(doc, "candidate"), "sector", "text", _w(doc, "source")]
    )
    for i, item in enumerate(doc.candidates, start=1):
        for sector, text, source in _evidence(doc, item):
            sources.append([i, item["name"], sector, text, source])
    for ws in (sheet, sources):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(doc: ExportDocument) -> str:
    """One row per candidate under a header row (UTF-8 with a BOM, for Excel)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_rows(doc))
    return buffer.getvalue()


_PRINT_CSS = """
body{font-family:"Times New Roman",serif;margin:2em;max-width:60em;line-height:1.4}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}h3{font-size:1em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:.2em .4em}
.meta dt{font-weight:bold;float:left;clear:left;margin-right:.5em}
a{color:inherit}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}
section{break-inside:avoid-page}a{text-decoration:none}}
@page{size:A4;margin:2cm}
"""


_URL = re.compile(r"https?://[^\s<>]+")


def _link(text: str) -> str:
    """A source as escaped text with its web address (if any) made a link."""
    found = _URL.search(text)
    if found is None:
        return html.escape(text)
    url = html.escape(found.group(), quote=True)
    before, after = text[: found.start()], text[found.end() :]
    return f'{html.escape(before)}<a href="{url}">{url}</a>{html.escape(after)}'


def to_html(doc: ExportDocument) -> str:
    """A print view: one page of HTML with print CSS and nothing to load."""
    e = html.escape
    parts = [
        f'<!doctype html><html lang="{doc.lang}"><head><meta charset="utf-8">',
        f"<title>{e(_title(doc))}</title><style>{_PRINT_CSS}</style></head><body>",
        f"<h1>{e(_title(doc))}</h1><dl class='meta'>",
    ]
    for label, value in _header(doc):
        parts.append(f"<dt>{e(label)}:</dt><dd>{e(value)}</dd>")
    parts.append(f"</dl><h2>{e(_w(doc, 'candidates'))}</h2><table><tr>")
    columns = _COLUMNS
    parts.extend(f"<th>{e(_w(doc, c))}</th>" for c in columns)
    parts.append("</tr>")
    for i, item in enumerate(doc.candidates, start=1):
        values = _table_row(doc, i, item)
        parts.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in values) + "</tr>")
    parts.append("</table>")
    for i, item in enumerate(doc.candidates, start=1):
        country = _country(doc, item["country"])
        parts.append(f"<section><h2>{i}. {e(item['name'])} ({e(country)})</h2>")
        parts.append(f"<p>{e(_summary(doc, item))}</p>")
        evidence = [
            f"[{e(s)}] {e(t)} — {e(_w(doc, 'source'))}: {_link(u)}"
            for s, t, u in _evidence(doc, item)
        ]
        sections = [
            ("reasons", [e(x) for x in _reasons(doc, item)]),
            ("needs_met", [e(doc.labels.get(n, n)) for n in item["needs_met"]]),
            ("evidence", evidence),
            ("flags", [e(f["message"]) for f in item["flags"]]),
            ("ties", [e(t) for t in item["existing_ties"]]),
        ]
        for code, lines in sections:
            if lines:
                items = "".join(f"<li>{line}</li>" for line in lines)
                parts.append(f"<h3>{e(_w(doc, code))}</h3><ul>{items}</ul>")
        if item.get("note"):
            parts.append(f"<h3>{e(_w(doc, 'note'))}</h3><p>{e(item['note'])}</p>")
        parts.append("</section>")
    parts.append(
        f"<p><small>{e(_w(doc, 'weights'))}: {e(doc.weights_version)}. "
        f"{e(_w(doc, 'generated'))}</small></p></body></html>"
    )
    return "".join(parts)


def filename(doc: ExportDocument, format: str) -> str:
    """``<kind>-<province id>-<date>.<format>`` with a safe province id."""
    safe = doc.province_id.replace(":", "-")
    return f"{doc.kind}-{safe}-{doc.date}.{format}"


def render(doc: ExportDocument, format: str) -> bytes:
    """The document in ``format`` (one of :data:`FORMATS`) as bytes."""
    if format == "docx":
        return to_docx(doc)
    if format == "xlsx":
        return to_xlsx(doc)
    if format == "csv":
        return to_csv(doc).encode("utf-8")
    if format == "html":
        return to_html(doc).encode("utf-8")
    raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
