"""Every sentence the product says to a person, in Vietnamese and English.

The matcher and the screening return codes and numbers (a flag is a code with its
parameters); the words are chosen here, in the language asked for:
:mod:`~matcher.wording.explanations` (flags, notes, search notes, summaries, the
screening's facet labels), :mod:`~matcher.wording.documents` (exported
documents, letters forwarded to a province) and :mod:`~matcher.wording.evidence`
(the evidence sentences of an explanation: projects, shared history, ties).
Error messages are the errors' own (``features.errors``). A new language is a new
key in each table.
"""

from matcher.wording.documents import (
    CONCRETENESS_NAMES,
    DOCUMENT_WORDS,
    SCREENING_STATUS_NAMES,
    document_word,
    forward_summary,
)
from matcher.wording.evidence import (
    EVIDENCE_SENTENCES,
    cooperation_sentences,
    project_years,
    shared_project_lines,
    tie_lines,
)
from matcher.wording.explanations import (
    DEFAULT_LANGUAGE,
    FLAGS,
    LANGUAGES,
    LEVEL_NAMES,
    NOTES,
    PROVINCE_FACET_LABELS,
    SEARCH_NOTES,
    SENDER_FACET_LABELS,
    TIE_EVIDENCE_VI,
    empty_sector_note,
    flag_message,
    language,
    note,
    scope_note,
    search_note,
    sector_labels,
    summaries,
)

__all__ = [
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "FLAGS",
    "NOTES",
    "SEARCH_NOTES",
    "LEVEL_NAMES",
    "SENDER_FACET_LABELS",
    "PROVINCE_FACET_LABELS",
    "TIE_EVIDENCE_VI",
    "language",
    "flag_message",
    "note",
    "search_note",
    "summaries",
    "scope_note",
    "sector_labels",
    "empty_sector_note",
    "DOCUMENT_WORDS",
    "SCREENING_STATUS_NAMES",
    "CONCRETENESS_NAMES",
    "document_word",
    "forward_summary",
    "EVIDENCE_SENTENCES",
    "project_years",
    "cooperation_sentences",
    "shared_project_lines",
    "tie_lines",
]
