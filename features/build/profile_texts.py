"""Quoted profile texts of foreign places: catalog rows and tagged profile entries.

The curated table ``data/profile_texts/foreign_profile_texts.csv`` (see its README)
becomes the catalog's ``texts.csv.gz`` (embedded with the other profile text for
``text_similarity``) and, through :class:`~features.tagging.tagger.SectorTagger`,
profile entries: each tagged sentence is a strength or need of the locality in a
sector, with the sentence as evidence and the page as source.

Tagging needs the embedding model. Its output is cached in
``data/features/profile_text_tags.csv.gz`` by text hash, model and tagger settings,
so a build without the model (``--no-embed``) reuses the tags of the last build
with it, and a rebuild gives the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from features.digests import text_sha256
from features.errors import CatalogError
from features.text.letter_phrases import FUTURE_CUES, ROLE_CUES, ROLE_PROTOTYPES
from features.text.reading import split_sentences
from features.text.stated_phrases import (
    PARTNER_FOR_COOPERATION,
    SECTOR_STATEMENTS,
    STATED_NEEDS,
    STATED_OFFERS,
    STATED_STRENGTHS,
)

__all__ = [
    "TEXTS_FILE",
    "TAGS_FILE",
    "TEXT_THRESHOLD",
    "TEXT_WEIGHT",
    "load_profile_texts",
    "text_catalog_rows",
    "TagCache",
    "tag_profile_texts",
]

TEXTS_FILE = "profile_texts/foreign_profile_texts.csv"
TAGS_FILE = "features/profile_text_tags.csv.gz"
TABLE_COLUMNS = (
    "locality_id",
    "name",
    "country",
    "text",
    "source_url",
    "source_title",
    "source_date",
    "licence",
    "retrieved",
)
TAG_COLUMNS = ("key", "sentence", "sector", "role", "score", "text")
# Precision over recall. On the labelled letters (tests/data/tagging_labelled.csv)
# micro-precision is 0.90 at the tagger's default 0.5 and 1.00 from 0.7; on 60
# sampled profile texts (272 sentences) the 0.7–0.8 band still held false hits
# ("creative industries" as manufacturing, an area figure as urban development),
# while from 0.8 nearly all strength tags were right. See the table's README.
TEXT_THRESHOLD = 0.8
# A sentence of a general description is weaker evidence than a measured indicator
# or a declared statement: the entry's value is the sentence score times this.
TEXT_WEIGHT = 0.5
MAX_SENTENCES = 2  # evidence sentences kept per locality, sector and role
# Descriptions state what a place has: the tagger's "need" on them was wrong in
# the sample (a festival that helps with "challenges"), and "interest" is a pledge.
# Only strength sentences become entries.
TEXT_ROLES = ("strength",)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _error(path: Path, number: int, field: str, message: str) -> CatalogError:
    return CatalogError(message, file=str(path), row=number, field=field)


def load_profile_texts(data_dir: Path, ids: set[str]) -> list[dict]:
    """The curated table's rows, checked: known foreign id, text, URL, dates."""
    path = Path(data_dir) / TEXTS_FILE
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != TABLE_COLUMNS:
            raise CatalogError(
                f"columns must be {list(TABLE_COLUMNS)}; got {reader.fieldnames}",
                file=str(path),
            )
        for number, row in enumerate(reader, start=2):
            lid = row["locality_id"]
            if lid not in ids or lid.startswith("vn:"):
                raise _error(path, number, "locality_id", f"not a foreign id: {lid!r}")
            if not row["text"].strip():
                raise _error(path, number, "text", "empty text")
            if not row["source_url"].startswith(("https://", "http://")):
                raise _error(path, number, "source_url", "a URL is required")
            # The page's own date may be unknown (empty); the retrieval date is not.
            for field in ("source_date", "retrieved"):
                value = row[field]
                if not _DATE.match(value) and (field == "retrieved" or value):
                    raise _error(path, number, field, f"not a date: {value!r}")
            if not row["licence"].strip():
                raise _error(path, number, "licence", "a licence is required")
            rows.append(row)
    return rows


def _source(row: dict) -> str:
    return f"{row['source_title']} <{row['source_url']}>"


def text_catalog_rows(rows: list[dict]) -> list[dict]:
    """Rows of the catalog's ``texts.csv.gz``, sorted."""
    out = [
        {
            "locality_id": r["locality_id"],
            "text": r["text"].strip(),
            "source": _source(r),
            "source_date": r["source_date"],
            "licence": r["licence"],
        }
        for r in rows
    ]
    return sorted(out, key=lambda r: (r["locality_id"], r["source"]))


@dataclass
class TagCache:
    """Sentence tags of profile texts by key (text hash, model, tagger settings)."""

    rows: dict[str, list[dict]]
    text_of: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> TagCache:
        rows: dict[str, list[dict]] = {}
        text_of: dict[str, str] = {}
        if Path(path).exists():
            with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    rows.setdefault(row["key"], [])
                    text_of[row["key"]] = row["text"]
                    if row["sector"]:
                        rows[row["key"]].append(row)
        return cls(rows, text_of)

    def save(self, path: Path, keep: set[str]) -> None:
        """Write the entries of ``keep`` only; same content, same bytes."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=TAG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for key in sorted(keep & set(self.rows)):
            # A text with no tagged sentence keeps one empty marker row.
            for row in self.rows[key] or [{"key": key, "text": self.text_of[key]}]:
                writer.writerow({c: row.get(c, "") for c in TAG_COLUMNS})
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            gz.write(buffer.getvalue().encode("utf-8"))
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(out.getvalue())
        tmp.replace(path)


def _settings(tagger) -> str:
    return (
        f"{tagger.embedder.model_id}|t={tagger.threshold}|k={tagger.keyword_weight}"
        f"|c={tagger.margin_center}|s={tagger.margin_scale}|r={tagger.role_margin}"
        f"|w={_vocabulary_digest(tagger)}"
    )


def _vocabulary_digest(tagger) -> str:
    """What the tagger reads words by: the taxonomy's keywords and the phrase lists
    of stated roles, role cues and sector statements. Cached tags made with other
    words are stale (a new stated need re-tags the profiles that say it)."""
    words = [
        [(s.id, s.keywords) for s in tagger.taxonomy.sectors],
        STATED_NEEDS, STATED_STRENGTHS, STATED_OFFERS, PARTNER_FOR_COOPERATION,
        SECTOR_STATEMENTS, ROLE_CUES, ROLE_PROTOTYPES, FUTURE_CUES,
    ]  # fmt: skip
    return text_sha256(repr(words))[:16]


def _key(text: str, settings: str) -> str:
    return hashlib.sha256(f"{settings}\n{text}".encode()).hexdigest()[:32]


def tag_profile_texts(
    rows: list[dict], tagger, cache_path: Path | None
) -> tuple[list[dict], dict]:
    """Profile entries from the tagged sentences of ``rows``' texts.

    Args:
        rows: Rows of :func:`load_profile_texts`.
        tagger: A :class:`~features.tagging.tagger.SectorTagger`, or None to use
            only cached tags (whatever model and settings made them).
        cache_path: Tag cache file, read and (with a tagger) written back.

    Returns:
        (profile rows in the catalog's PROFILE_COLUMNS, counts: texts tagged now,
        texts from the cache, texts without tags).
    """
    cache = TagCache.load(cache_path) if cache_path else TagCache({}, {})
    if tagger is None:
        by_text: dict[str, str] = {}
        for key in sorted(cache.text_of):
            by_text.setdefault(cache.text_of[key], key)
        keys = {r["text"]: by_text.get(_text_hash(r["text"])) for r in rows}
    else:
        settings = _settings(tagger)
        keys = {r["text"]: _key(r["text"], settings) for r in rows}
    missing = sorted({t for t, k in keys.items() if k and k not in cache.rows})
    counts = {"tagged_now": 0, "from_cache": 0, "untagged": 0}
    if tagger is not None and missing:
        sentences = {t: [s.text for s in split_sentences(t)] for t in missing}
        flat = [s for t in missing for s in sentences[t]]
        scored = iter(tagger.score_sentences(flat))
        for text in missing:
            found = []
            for i, _ in enumerate(sentences[text]):
                tags = next(scored)
                for sector in tags.sectors:
                    j = tagger.taxonomy.index(sector)
                    found.append(
                        {
                            "key": keys[text],
                            "sentence": str(i),
                            "sector": sector,
                            "role": tags.role,
                            "score": f"{float(tags.score[j]):.4f}",
                            "text": _text_hash(text),
                        }
                    )
            cache.rows[keys[text]] = found
            cache.text_of[keys[text]] = _text_hash(text)
        counts["tagged_now"] = len(missing)
    if tagger is not None and cache_path is not None:
        cache.save(cache_path, {k for k in keys.values() if k})
    profile: dict[tuple, list[tuple[float, str, dict]]] = {}
    for row in rows:
        key = keys[row["text"]]
        if key is None or key not in cache.rows:
            counts["untagged"] += 1
            continue
        if row["text"] not in missing:
            counts["from_cache"] += 1
        sentences = [s.text for s in split_sentences(row["text"])]
        for tag in cache.rows[key]:
            if tag["role"] not in TEXT_ROLES:
                continue
            sentence = sentences[int(tag["sentence"])]
            group = (row["locality_id"], tag["sector"], tag["role"])
            profile.setdefault(group, []).append((float(tag["score"]), sentence, row))
    out = []
    for (lid, sector, role), hits in profile.items():
        hits.sort(key=lambda h: (-h[0], h[1]))
        for score, sentence, row in hits[:MAX_SENTENCES]:
            out.append(
                {
                    "locality_id": lid,
                    "sector": sector,
                    "role": role,
                    "value": f"{score * TEXT_WEIGHT:.4f}",
                    "method": "text: sector tagger on a quoted profile text "
                    f"(sentence score {score:.2f} ≥ {TEXT_THRESHOLD})",
                    "evidence": sentence,
                    "source": _source(row),
                    "source_date": row["source_date"],
                }
            )
    return out, counts


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
