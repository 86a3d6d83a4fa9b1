"""The names a letter gives its writer in words: "on behalf of …", "im Namen …",
"Thay mặt …", "au nom de …", "我们是…", or the writer as a sentence's subject ("Das
Land Steiermark schlägt … vor"); :func:`~features.screening.party.detect_party`
weighs them with the letterhead and the places the text names."""

from __future__ import annotations

import re

from features.catalog.countries import resolve_country
from features.errors import UnknownCountryError
from features.names.folding import compact_key, fold
from features.screening.letterhead import name_runs, strip_institution
from features.screening.sender_match import is_country
from features.text.unit_words import SENDER_TITLES

__all__ = ["QUALIFIER", "sender_names"]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A sentence's end inside a cue's segment ("Greetings from India! We …").
_SENTENCE_END = re.compile(r"[!?！？]")

# Phrases that introduce the writer; group 1 is the segment holding its name.
_SENDER_CUES = (
    r"on behalf of\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"greetings from\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"au nom (?:du|de la|de l'|des|de)\s*([^,.;:\n]{2,90})",
    r"im namen (?:des|der|von)\s+([^,.;:\n]{2,90})",
    r"thay mặt\s+([^,.;:\n]{2,90})",
    r"bên đề xuất\s*:\s*([^,.;\n]{2,90})",
    # writing for another: "at the request of the City of Tartu", "受…委托",
    # "倉敷市より依頼を受け", "전라남도의 요청에 따라"
    r"at the request of\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"\b(?:i am|i'm|we are|we're) writing (?:to you )?from\s+(?:the\s+)?"
    r"([^,.;:\n]{2,90}?)(?=\s+(?:in|at|on|to)\s|[,.;:\n]|$)",
    r"(?:à la demande|pour le compte) (?:du|de la|de l'|des|de)\s*([^,.;:\n]{2,90})",
    r"im auftrag (?:des|der|von)\s+([^,.;:\n]{2,90})",
    r"theo đề nghị của\s+([^,.;:\n]{2,90})",
    r"受(?:我会)?(?:会员单位)?([\u4e00-\u9fff]{2,10}?[市省县州])(?:人民政府)?委托",
    r"([\u4e00-\u9fff]{1,8}?[市県府都町村])より(?:の)?依頼",
    r"([\uac00-\ud7a3]{1,8}?(?:특별시|광역시|특례시|특별자치도|도|시|군))"
    r"의 (?:요청|의뢰)",
    r"我们是([\u4e00-\u9fff]{2,10}?)(?:人民政府|政府)",
    r"^([\u4e00-\u9fff\u30a0-\u30ff]{2,8}?[市県府都道町村镇])(?:は|より|知事|人民政府)",
)
_SENDER_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE) for p in _SENDER_CUES
)
# A signatory's title after a sender cue names a person's post, not the writer.
_TITLES = frozenset(
    fold(t)
    for t in (*SENDER_TITLES, "Minister", "Ministerin", "Bürgermeisterin",
              "Oberbürgermeisterin")
)  # fmt: skip
# A qualifier telling namesakes apart, right after a name ("Halle (Saale)").
QUALIFIER = re.compile(r" ?\([^()\n]{2,30}\)")
# A line's stretches between separators ("Nordland fylkeskommune, Bodø").
# The writer as the subject of a sentence ("Das Land Steiermark schlägt … vor", "The
# City of Kettle Ridge is …"): group 1 is the capitalised name after the title.
_SUBJECT_WRITER = re.compile(
    r"(?:^|[.!?]\s+)(?i:das land|die stadt|der freistaat|der landkreis|die region"
    r"|the city of|the county of|the province of|the prefecture of|la ville de"
    r"|the shire of|the town of|the borough of|the district of|the municipality of"
    r"|le canton de|der kanton"
    r"|la région|le département (?:de la|de l'|du|de))\s*"
    r"([A-ZÀ-ÝÄÖÜ][\w'’-]*(?:\s+[A-ZÀ-ÝÄÖÜ][\w'’-]*){0,3})",
    re.MULTILINE,
)


def sender_names(text: str) -> list[tuple[str, str | None]]:
    """Names the text gives its writer, with the country in parentheses after them.

    A country's name alone ("Greetings from India!") is not the writer's.

    Returns:
        ``(name, ISO code or None)`` in text order, without repeats.
    """
    out: dict[str, str | None] = {}
    for m in _SUBJECT_WRITER.finditer(text):
        name = strip_institution(m.group(1))
        if len(compact_key(name)) >= 4:
            out.setdefault(name, None)
    for pattern in _SENDER_PATTERNS:
        for m in pattern.finditer(text):
            segment = _SENTENCE_END.split(m.group(1))[0].strip()
            country = None
            paren = re.match(r"\s*\(([^()]{2,40})\)", text[m.end(1) :])
            if paren:
                try:
                    country = resolve_country(paren.group(1))
                except UnknownCountryError:
                    country = None
            if _CJK.search(segment) or _HANGUL.search(segment):
                out.setdefault(segment, country)
                continue
            qualifiers: set[str] = set()
            for run in name_runs(segment):
                name = strip_institution(run)
                if (
                    run in qualifiers
                    or len(compact_key(name)) < 4
                    or (
                        fold(name) in _TITLES  # "im Auftrag der Ministerin"
                    )
                    or (
                        # the cue names a country only ("the State of Georgia"
                        # is a unit)
                        compact_key(segment) == compact_key(name) and is_country(name)
                    )
                ):
                    continue
                # a name with its qualifier ("im Namen der Stadt Halle (Saale)")
                after = segment[segment.find(run) + len(run) :]
                if (qualifier := QUALIFIER.match(after)) is not None:
                    name += qualifier.group()
                    qualifiers.update(name_runs(qualifier.group()))
                out.setdefault(name, country)
    return list(out.items())
