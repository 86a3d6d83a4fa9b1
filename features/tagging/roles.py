"""The role a sentence gives its sectors: strength, need or interest.

Cue words decide (need > interest > strength when several match); the tagger puts
an embedding vote between the cue words and the default rule (future or proposal:
interest; otherwise strength). A text's ``interest`` counts as a ``need`` in a
locality's profile (:data:`PROFILE_ROLE_OF`).
"""

from __future__ import annotations

import re

from features.names.folding import nfc
from features.names.script import phrase_pattern
from features.text.letter_phrases import FUTURE_CUES, ROLE_CUES, ROLE_PROTOTYPES
from features.text.stated_phrases import (
    PARTNER_FOR_COOPERATION,
    STATED_NEEDS,
    STATED_OFFERS,
    STATED_STRENGTHS,
)

__all__ = [
    "TEXT_ROLES",
    "PROFILE_ROLE_OF",
    "ROLE_PROTOTYPES",
    "role_cue",
    "stated_roles",
    "classify_role",
]

TEXT_ROLES = ("strength", "need", "interest")
"""The roles a text can give a sector (a profile has only strength and need)."""

PROFILE_ROLE_OF = {"strength": "strength", "need": "need", "interest": "need"}
"""How a role read from text is used in a profile: interest counts as a need."""


_ROLE_PATTERNS = {role: phrase_pattern(cues) for role, cues in ROLE_CUES.items()}


_FUTURE_PATTERN = phrase_pattern(FUTURE_CUES)


def _stated(*tables: dict[str, tuple[str, ...]]):
    """The letter-statement regex of every language's phrases in ``tables``."""
    return phrase_pattern(
        (p for table in tables for ps in table.values() for p in ps), kind="statement"
    )


# A role stated outright ("we seek", "本県は…に強みがあり", "we offer") beats the cue
# words; an offer is read as a strength.
_STATED = (
    ("need", _stated(STATED_NEEDS)),
    ("strength", _stated(STATED_STRENGTHS, STATED_OFFERS)),
)


# A partner sought for cooperation ("sucht eine Partnerprovinz … für eine
# Zusammenarbeit in …"): the need it states is an interest of both sides.
_FOR_COOPERATION = _stated(PARTNER_FOR_COOPERATION)


def stated_roles(text: str) -> frozenset[str]:
    """The roles ``text`` states outright ("we seek": need; "本県は…に強みがあり",
    "we offer": strength); two when it states both ("本県は農業に強みがあり、…省を
    求めています"). A partner sought for cooperation in a field is an interest."""
    low = nfc(text).lower()
    roles = {role for role, pattern in _STATED if pattern.search(low)}
    if "need" in roles and _FOR_COOPERATION.search(low):
        roles = (roles - {"need"}) | {"interest"}
    return frozenset(roles)


# A proposal's goal or subject line ("Mục tiêu: giảm tỷ lệ thất thoát nước …",
# "V/v: Đề xuất chương trình …", "Objective:", "Betreff:", "件名：", "제목"): the
# topic both sides would work on, an interest unless it states a role outright.
_GOAL_LINE = re.compile(
    r"^\W*(?:(?:mục tiêu|objectives?|objectifs?|goals?|aims?|ziele?|zielsetzung"
    r"|目標|目标|목표|v/v|về việc|subject|objet|betreff|件名|主题|主題)\s*[:：]"
    r"|제목\s)",
    re.IGNORECASE,
)


def role_cue(text: str) -> str | None:
    """The role ``text`` states outright ("we seek"; a partner sought for cooperation:
    interest), else the role of its cue words (need, then interest, then strength);
    a proposal's goal line is an interest.

    Args:
        text: One sentence.

    Returns:
        One of :data:`TEXT_ROLES`, or None when no cue word occurs.
    """
    low = nfc(text).lower()
    stated = stated_roles(low)
    for role in ("need", "interest", "strength"):
        if role in stated:
            return role
    if _GOAL_LINE.match(low):
        return "interest"
    for role in ("need", "interest", "strength"):
        pattern = _ROLE_PATTERNS[role]
        if pattern is not None and pattern.search(low):
            if role == "need" and _FOR_COOPERATION.search(low):
                return "interest"  # "sucht eine Partnerprovinz für eine Zusammenarbeit"
            return role
    return None


def classify_role(text: str) -> str:
    """The role a sentence gives its sectors, from cue words alone.

    Cue words decide (:func:`role_cue`). Without a cue, a sentence about the future
    or a proposal is ``"interest"``; any other sentence describes what a place has,
    so ``"strength"``. (:class:`SectorTagger` puts an embedding vote between the
    cue words and this default.)

    Args:
        text: One sentence.

    Returns:
        One of :data:`TEXT_ROLES`.
    """
    cue = role_cue(text)
    if cue is not None:
        return cue
    if _FUTURE_PATTERN is not None and _FUTURE_PATTERN.search(nfc(text).lower()):
        return "interest"
    return "strength"
