"""Sector tagging: which sectors a text is about, and whether as strength or need.

:class:`SectorTagger` scores every sentence of a text against every sector of the
taxonomy with two parts, then aggregates over the sentences:

* **keywords** — the taxonomy's multilingual keywords found in the lowercased NFC
  sentence (whole words; CJK keywords as substrings; a German keyword of six letters
  or more may also start a compound, "Trinkwasser" in "Trinkwassernetz"). ``k``
  distinct hits give ``1 − (1 − keyword_weight)**k``; a statement naming a sector
  without its keywords (:data:`~features.text.stated_phrases.SECTOR_STATEMENTS`:
  a shortage of workers is vocational training) counts as two hits.
* **embedding** — the cosine of the sentence (E5 ``query``) to the sector's
  prototype vectors (descriptions in en and vi, labels, keyword lists in en, vi, fr,
  de; averaged per sector), rescaled per sentence: the sentence's median cosine over
  all sectors is subtracted, so only the sector's lead over the sentence's own
  baseline counts (E5 cosines all sit near 0.8). The lead, in units of
  ``margin_scale``, goes through a logistic centred on ``margin_center``.

A sentence's sector score is ``1 − (1 − keyword)(1 − embedding)``; a sector is
tagged on the sentence when the score reaches ``threshold``. A text's sector score
is ``1 − Π(1 − s)`` over its tagged sentences, with the 1–3 strongest as evidence.

Roles are decided per sentence, in three steps: a stated need or strength
(:data:`~features.text.letter_phrases.STATED_NEEDS`, ``STATED_STRENGTHS`` — "we
seek", "本県は…に強みがあり") decides first; else cue words (need > interest >
strength when several match); else the nearest of three role prototypes (generic
need / interest / strength statements in vi, en, fr, de) when it leads the second
by ``role_margin``; else the default rule: ``"interest"`` when the sentence speaks
of the future or of a proposal ("sẽ", "will", "plan", "dự kiến" …), ``"strength"``
otherwise — a plain description of a place reads as what it has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from features.catalog.taxonomy import Sector, Taxonomy
from features.embedding.embedder import TextEmbedder
from features.names.folding import nfc
from features.names.mentions import extract_localities
from features.names.script import phrase_pattern
from features.params import Interval, Options, Real, validate_params
from features.tagging.roles import (
    ROLE_PROTOTYPES,
    TEXT_ROLES,
    classify_role,
    role_cue,
)
from features.tagging.sector_scores import (
    sector_leads,
    sector_scores,
    text_sector_scores,
)
from features.text.reading import Sentence, main_content, split_sentences
from features.text.stated_phrases import SECTOR_STATEMENTS

__all__ = [
    "SectorMention",
    "SentenceTags",
    "TagResult",
    "SectorTagger",
    "sector_leads",
    "sector_scores",
    "text_sector_scores",
    "classify_role",
    "role_cue",
    "keyword_hits",
]


_CLAUSE_MARKS = re.compile(r"[;:；：]")
_MIN_CLAUSE_WORDS = 2
_LIST_COMMAS = 4


def _clauses(text: str) -> list[str]:
    """The parts of an enumerating sentence, each scored on its own.

    A sentence is cut at ``;`` and ``:``, and also at commas when it has at least
    four (a list such as "văn hóa, du lịch, nước và vệ sinh môi trường, y tế").
    Returns ``[]`` for a sentence with nothing to cut.
    """
    parts = _CLAUSE_MARKS.split(text)
    if text.count(",") + text.count("、") >= _LIST_COMMAS:
        parts = [p for part in parts for p in re.split(r"[,、]", part)]
    parts = [p.strip() for p in parts if len(p.split()) >= _MIN_CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


def keyword_hits(sector: Sector, text: str) -> list[str]:
    """The distinct keywords of ``sector`` found in ``text`` (see module docstring).

    Args:
        sector: A taxonomy sector.
        text: Any text; lowercased and NFC-normalised here.

    Returns:
        The matched keywords, in order of first occurrence, without repeats.
    """
    return _KeywordIndex((sector,)).hits(text)[0]


class _KeywordIndex:
    """Compiled keyword patterns of a tuple of sectors."""

    def __init__(self, sectors: tuple[Sector, ...]) -> None:
        self.patterns = []
        self.statements = []
        for s in sectors:
            other = [k for lang, kws in s.keywords.items() if lang != "de" for k in kws]
            german = list(s.keywords.get("de", ()))
            self.patterns.append(
                (phrase_pattern(other), phrase_pattern(german, prefix_ok=True))
            )
            said = SECTOR_STATEMENTS.get(s.id, {})
            self.statements.append(
                phrase_pattern(
                    (p for ps in said.values() for p in ps), kind="statement"
                )
            )

    def hits(self, text: str) -> list[list[str]]:
        low = nfc(text).lower()
        out = []
        for patterns in self.patterns:
            found: dict[str, None] = {}
            for pattern in patterns:
                if pattern is not None:
                    for m in pattern.finditer(low):
                        found.setdefault(m.group(), None)
            out.append(list(found))
        return out

    def stated(self, text: str) -> list[bool]:
        """Per sector, whether ``text`` states it outright (:data:`SECTOR_STATEMENTS`,
        "人手が不足": vocational training): such a hit counts as two keywords."""
        low = nfc(text).lower()
        return [p is not None and bool(p.search(low)) for p in self.statements]


@dataclass(frozen=True)
class SectorMention:
    """A sector a text is about: its role there, a score in [0, 1], the evidence."""

    sector: str
    label_en: str
    label_vi: str
    role: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class SentenceTags:
    """The scores of one sentence.

    ``keyword``, ``embedding`` and ``score`` are arrays of shape ``(n_sectors,)`` in
    taxonomy order; ``score = 1 − (1 − keyword)(1 − embedding)``. ``sectors`` are the
    ids tagged (score ≥ threshold), strongest first; ``keywords`` the matched
    keywords per tagged sector.
    """

    text: str
    role: str
    sectors: tuple[str, ...]
    keyword: np.ndarray = field(repr=False)
    embedding: np.ndarray = field(repr=False)
    score: np.ndarray = field(repr=False)
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    start: int = 0
    line: int = 0


@dataclass(frozen=True)
class TagResult:
    """The sectors of a text (strongest first), its localities and boilerplate share."""

    sectors: list[SectorMention]
    localities: list = field(default_factory=list)
    boilerplate_share: float = 0.0
    sentences: list[SentenceTags] = field(default_factory=list, repr=False)


class SectorTagger:
    """Tag texts with sectors and roles (see the module docstring for the scores).

    Parameters are stored as given and checked on first use; the sector prototypes
    are embedded once, on first use, and kept on the instance.

    Args:
        taxonomy: The sectors.
        embedder: A :class:`~features.embedding.embedder.TextEmbedder`.
        resolver: Optional :class:`~features.names.resolver.NameResolver`; with it,
            :meth:`tag` also extracts the localities a text names.
        threshold: Sentence score from which a sector is tagged on a sentence.
        keyword_weight: Keyword part of a sentence with one keyword of a sector.
        margin_center: Lead over the sentence's median cosine at which the
            embedding part is 0.5.
        margin_scale: Spread of the logistic, in cosine units.
        role_margin: Lead of the nearest role prototype over the second needed
            to decide the role of a sentence without cue words.
        max_evidence: Evidence sentences kept per sector (1–3).
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: TextEmbedder,
        *,
        resolver=None,
        threshold: float = 0.5,
        keyword_weight: float = 0.45,
        margin_center: float = 0.03,
        margin_scale: float = 0.008,
        role_margin: float = 0.01,
        max_evidence: int = 3,
    ) -> None:
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.resolver = resolver
        self.threshold = threshold
        self.keyword_weight = keyword_weight
        self.margin_center = margin_center
        self.margin_scale = margin_scale
        self.role_margin = role_margin
        self.max_evidence = max_evidence
        self._prototypes: np.ndarray | None = None
        self._role_prototypes: np.ndarray | None = None
        self._keywords: _KeywordIndex | None = None

    # -- parameters and prototypes ----------------------------------------------

    _parameter_constraints: ClassVar[dict] = {
        "threshold": [Interval(Real, 0, 1, closed="neither")],
        "keyword_weight": [Interval(Real, 0, 1, closed="left")],
        "margin_scale": [Interval(Real, 0, None, closed="neither")],
        "max_evidence": [Options((1, 2, 3))],
    }

    def _check_params(self) -> None:
        validate_params(self._parameter_constraints, vars(self))

    @staticmethod
    def prototype_texts(sector: Sector) -> list[str]:
        """The texts embedded as ``sector``'s prototypes."""
        return [
            sector.description_en,
            sector.description_vi,
            f"{sector.label_en} / {sector.label_vi}",
            *(", ".join(sector.keywords[lang]) for lang in ("en", "vi", "fr", "de")),
        ]

    @property
    def prototypes(self) -> np.ndarray:
        """Unit prototype vectors, shape ``(n_sectors, n_prototypes, dim)``."""
        if self._prototypes is None:
            texts = [self.prototype_texts(s) for s in self.taxonomy.sectors]
            flat = self.embedder.embed([t for ts in texts for t in ts], kind="query")
            self._prototypes = flat.reshape(len(self.taxonomy), len(texts[0]), -1)
        return self._prototypes

    @property
    def role_prototypes(self) -> np.ndarray:
        """Unit role prototypes, shape ``(3, n_prototypes, dim)``, in role order."""
        if self._role_prototypes is None:
            texts = [t for role in TEXT_ROLES for t in ROLE_PROTOTYPES[role]]
            flat = self.embedder.embed(texts, kind="query")
            self._role_prototypes = flat.reshape(len(TEXT_ROLES), -1, flat.shape[1])
        return self._role_prototypes

    def role_of(
        self, text: str, vector: np.ndarray, *, need_by_vote: bool = True
    ) -> str:
        """The role of a sentence: cue words, else a clear prototype vote, else default.

        Args:
            text: The sentence.
            vector: Its unit embedding, shape ``(dim,)``.
            need_by_vote: Whether the prototype vote may decide ``"need"``. A letter
                states what it seeks in words (cue words, stated needs); there a
                vote for need on a cue-less line (a budget line, a list item of a
                proposal) falls back to the default rule.

        Returns:
            One of :data:`TEXT_ROLES`.
        """
        cue = role_cue(text)
        if cue is not None:
            return cue
        cos = np.einsum("d,rkd->rk", vector, self.role_prototypes).mean(axis=1)
        first, second = np.sort(cos)[::-1][:2]
        voted = TEXT_ROLES[int(np.argmax(cos))]
        if first - second >= self.role_margin and (need_by_vote or voted != "need"):
            return voted
        return classify_role(text)

    # -- sentence scores ----------------------------------------------------------

    def embedding_scores(self, vectors: np.ndarray) -> np.ndarray:
        """Embedding part of the sentence scores.

        Args:
            vectors: Unit sentence vectors, shape ``(n, dim)``.

        Returns:
            Array ``(n, n_sectors)`` in [0, 1]: logistic of the lead of the mean
            prototype cosine over the sentence's median across sectors.
        """
        return sector_scores(
            vectors,
            self.prototypes.mean(axis=1),
            self.margin_center,
            self.margin_scale,
        )

    @property
    def sector_vectors(self) -> np.ndarray:
        """Mean prototype vector per sector, ``(n_sectors, dim)``, for
        :func:`sector_scores` (a cosine with it is the mean prototype cosine)."""
        return self.prototypes.mean(axis=1)

    def score_sentences(
        self, sentences: Sequence[str], *, need_by_vote: bool = True
    ) -> list[SentenceTags]:
        """Score and tag sentences.

        Args:
            sentences: Sentence texts (non-empty).
            need_by_vote: See :meth:`role_of`.

        Returns:
            One :class:`SentenceTags` per sentence, in order.
        """
        self._check_params()
        if not sentences:
            return []
        if self._keywords is None:
            self._keywords = _KeywordIndex(self.taxonomy.sectors)
        index = self._keywords
        clauses = [(i, c) for i, text in enumerate(sentences) for c in _clauses(text)]
        # One call for sentences and clauses: one length-sorted batching pass.
        texts = [*sentences, *(c for _, c in clauses)]
        every = self.embedder.embed(texts, kind="query")
        vectors = every[: len(sentences)]
        emb = self.embedding_scores(vectors)
        if clauses:
            clause_emb = self.embedding_scores(every[len(sentences) :])
            for (i, _), row in zip(clauses, clause_emb, strict=True):
                emb[i] = np.maximum(emb[i], row)
        out = []
        for i, text in enumerate(sentences):
            hits = index.hits(text)
            counts = [
                len(h) + 2 * said
                for h, said in zip(hits, index.stated(text), strict=True)
            ]
            kw = np.array([1.0 - (1.0 - self.keyword_weight) ** n for n in counts])
            score = 1.0 - (1.0 - kw) * (1.0 - emb[i])
            order = np.argsort(-score, kind="stable")
            tagged = [j for j in order if score[j] >= self.threshold]
            out.append(
                SentenceTags(
                    text=text,
                    role=self.role_of(text, vectors[i], need_by_vote=need_by_vote),
                    sectors=tuple(self.taxonomy.ids[j] for j in tagged),
                    keyword=kw,
                    embedding=emb[i],
                    score=score,
                    keywords={
                        self.taxonomy.ids[j]: tuple(hits[j]) for j in tagged if hits[j]
                    },
                )
            )
        return out

    # -- texts --------------------------------------------------------------------

    def tag_sentences(
        self, sentences: Sequence[Sentence], *, need_by_vote: bool = True
    ) -> TagResult:
        """Aggregate sentence tags into the sectors of a text.

        Args:
            sentences: :class:`~features.text.reading.Sentence` records of the text.
            need_by_vote: See :meth:`role_of` (False for a letter).

        Returns:
            A :class:`TagResult` without localities.
        """
        tags = self.score_sentences(
            [s.text for s in sentences], need_by_vote=need_by_vote
        )
        tags = [
            SentenceTags(**{**t.__dict__, "start": s.start, "line": s.line})
            for t, s in zip(tags, sentences, strict=True)
        ]
        mentions = []
        for j, sector in enumerate(self.taxonomy.sectors):
            hits = [t for t in tags if sector.id in t.sectors]
            if not hits:
                continue
            scores = np.array([t.score[j] for t in hits])
            total = 1.0 - float(np.prod(1.0 - np.minimum(scores, 0.999)))
            ranked = sorted(hits, key=lambda t: -t.score[j])
            roles: dict[str, float] = {}
            for t in hits:
                roles[t.role] = roles.get(t.role, 0.0) + float(t.score[j])
            role = max(
                TEXT_ROLES, key=lambda r: (roles.get(r, 0.0), -TEXT_ROLES.index(r))
            )
            mentions.append(
                SectorMention(
                    sector=sector.id,
                    label_en=sector.label_en,
                    label_vi=sector.label_vi,
                    role=role,
                    score=round(total, 4),
                    evidence=tuple(t.text for t in ranked[: self.max_evidence]),
                )
            )
        mentions.sort(key=lambda m: (-m.score, self.taxonomy.index(m.sector)))
        return TagResult(sectors=mentions, sentences=tags)

    def tag(self, text: str, *, boilerplate: bool = True) -> TagResult:
        """Tag a text: its sectors, their roles and evidence, and its localities.

        Args:
            text: The text, as returned by :func:`features.text.reading.read_text`.
            boilerplate: Drop news-page boilerplate first (see
                :func:`features.text.reading.main_content`); False tags every sentence.

        Returns:
            A :class:`TagResult`; ``localities`` is filled when the tagger has a
            resolver.
        """
        if boilerplate:
            content = main_content(text)
            sentences = content.sentences()
            share = content.boilerplate_share
        else:
            sentences, share = split_sentences(text), 0.0
        result = self.tag_sentences(sentences)
        localities = []
        if self.resolver is not None:
            localities = extract_localities(
                text, self.resolver, sentences=sentences if boilerplate else None
            )
        return TagResult(
            sectors=result.sectors,
            localities=localities,
            boilerplate_share=share,
            sentences=result.sentences,
        )
