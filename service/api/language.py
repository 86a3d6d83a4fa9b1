"""The language of an answer, from the request's ``Accept-Language`` header.

Vietnamese (``vi``) and English (``en``) are spoken; a request that names neither
(or no header, as from most JSON clients and scripts) is answered in
:data:`matcher.wording.DEFAULT_LANGUAGE` (English), as before the header was read.
The web page sends its own language.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from matcher.wording import DEFAULT_LANGUAGE, LANGUAGES

__all__ = ["answer_language", "LanguageDep"]


def answer_language(header: str | None) -> str:
    """The supported language ``header`` prefers most (q-values), else the default.

    ``"vi-VN,vi;q=0.9,en;q=0.8"`` → ``vi``; ``"fr, en;q=0.5"`` → ``en``; ``"de"`` →
    the default.
    """
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for item in (header or "")[:500].split(","):
        tag, _, rest = item.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        if primary not in LANGUAGES:
            continue
        q = 1.0
        rest = rest.strip()
        if rest.startswith("q="):
            try:
                q = float(rest[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = primary, q
    return best


def _request_language(
    accept_language: Annotated[
        str | None,
        Header(
            description="vi or en: the language of flags and notes (default en).",
        ),
    ] = None,
) -> str:
    return answer_language(accept_language)


LanguageDep = Annotated[str, Depends(_request_language)]
