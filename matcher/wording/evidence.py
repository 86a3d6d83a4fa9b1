"""Sentences an explanation says about evidence, in Vietnamese and English: a cited
cooperation project, a project shared with the query, the tie with the query.

Each function returns ``(english, vietnamese)``, as :func:`summaries` does; what is
quoted from a source (a project's theme and programme, a tie's kind) stays as the
source words it, inside quotation marks in Vietnamese. The English sentences are
those the product said before they were worded here, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping

from matcher.wording.explanations import TIE_EVIDENCE_VI, country_label

__all__ = [
    "EVIDENCE_SENTENCES",
    "project_years",
    "cooperation_sentences",
    "shared_project_lines",
    "tie_lines",
]

# Sentence code → template per language (``str.format`` over named facts).
EVIDENCE_SENTENCES: dict[str, dict[str, str]] = {
    "cooperation_project": {
        "en": "{foreign_name}: project with {partner}{country}{years}: {theme} "
        "[{programme}]",
        "vi": "{foreign_name}: dự án với {partner}{country}{years}: “{theme}” "
        "[“{programme}”]",
    },
    "unnamed_partner": {
        "en": "a partner (not named)",
        "vi": "một đối tác không nêu tên",
    },
    "shared_project": {
        "en": "shared cooperation project{years}: {sectors} — {theme} <{url}>",
        "vi": "dự án hợp tác đã có với chính địa phương này{years}: {sectors} — "
        "“{theme}” <{url}>",
    },
    "no_listed_sector": {"en": "no listed sector", "vi": "không ghi lĩnh vực"},
    "tie_with_query": {
        "en": "{evidence}{year} — {kind}",
        "vi": "{evidence}{year} — “{kind}”",
    },
}
# A project's years: both ends, a start only, an end only.
_YEARS = {
    "en": ("{start}–{end}", "since {start}", "until {end}"),
    "vi": ("{start}–{end}", "từ {start}", "đến {end}"),
}


def _say(code: str, lang: str, **facts) -> str:
    return EVIDENCE_SENTENCES[code][lang].format(**facts)


def project_years(start: int | None, end: int | None, lang: str) -> str:
    """ "2013–2016", "since 2013" / "từ 2013", "until 2016" / "đến 2016" or ""."""
    both, since, until = _YEARS[lang]
    if start and end:
        return both.format(start=start, end=end) if end != start else str(start)
    if start:
        return since.format(start=start)
    return until.format(end=end) if end else ""


def _in_brackets(years: str) -> str:
    return f" ({years})" if years else ""


def cooperation_sentences(project) -> tuple[str, str]:
    """The sentence citing a ``CooperationProject`` the candidate ran with another
    partner: who, with whom (and its country), when, and the theme and programme."""
    out = []
    for lang in ("en", "vi"):
        partner = project.partner_locality or _say("unnamed_partner", lang)
        if lang == "vi" and project.partner_locality:
            partner = f"“{partner}”"  # the source's words (a place and more)
        country = project.partner_country
        out.append(
            _say(
                "cooperation_project",
                lang,
                foreign_name=project.foreign_name,
                partner=partner,
                country=f", {country_label(country, lang)}" if country else "",
                years=_in_brackets(project_years(project.start, project.end, lang)),
                theme=project.theme,
                programme=project.programme,
            )
        )
    return out[0], out[1]


def shared_project_lines(
    project, labels: Mapping[str, tuple[str, str]]
) -> tuple[str, str]:
    """The line of a project the candidate ran with the query itself (history).

    ``labels``: sector id → (English, Vietnamese) label; English names the ids.
    """
    out = []
    for i, lang in enumerate(("en", "vi")):
        names = [
            s if lang == "en" else labels.get(s, (s, s))[i] for s in project.sectors
        ]
        out.append(
            _say(
                "shared_project",
                lang,
                years=_in_brackets(project_years(project.start, project.end, lang)),
                sectors=", ".join(names) or _say("no_listed_sector", lang),
                theme=project.theme,
                url=project.url,
            )
        )
    return out[0], out[1]


def tie_lines(evidence: str, year: int | None, kind: str) -> tuple[str, str]:
    """The line of a known tie with the query: its evidence level, year and kind."""
    year_text = f" ({year})" if year else ""
    return (
        _say("tie_with_query", "en", evidence=evidence, year=year_text, kind=kind),
        _say(
            "tie_with_query",
            "vi",
            evidence=TIE_EVIDENCE_VI.get(evidence, evidence),
            year=year_text,
            kind=kind,
        ),
    )
