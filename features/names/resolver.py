"""Find localities by any of their names: native, English, old, Vietnamese, misspelt.

Three passes over the catalog's names, best first: the folded name (diacritics,
case, punctuation and type words such as "tỉnh" or "Prefecture" removed), a coarse
sound key that bridges Vietnamese spellings of foreign names, and fuzzy matching.
The folded pass matches compact keys ("da lat" = "dalat"); a name written with the
query's word breaks ranks higher, as does one with its accents.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from features.catalog.countries import resolve_country
from features.catalog.loading import LEVELS, Catalog
from features.errors import (
    UnknownCountryError,
    UnknownLocalityError,
)
from features.names.folding import (
    compact_key,
    district_form,
    fold,
    nfc,
    phonetic_key,
    strip_affixes,
)
from features.names.keys import compute_name_keys
from features.names.script import accent_form
from features.params import POSITIVE_INTEGER, Options, validate_params

__all__ = ["Candidate", "NameResolver"]

_RESOLVE_CONSTRAINTS = {"level": [None, Options(LEVELS)], "limit": [POSITIVE_INTEGER]}
_KIND_WEIGHT = {
    "primary": 1.0,
    "english": 1.0,
    "iso": 1.0,
    "old_name": 1.0,
    "historical_name": 1.0,
    "vi_exonym": 0.99,
    "alternate": 0.97,
    "contained_place": 0.97,
}
_ACCENT_BONUS = 0.03
# Above the spread of kind weights plus the prior: "Da Lat" is the alias "Da Lat",
# not the primary name "Dalat" that merely shares its compact key.
_SPACING_BONUS = 0.05
_PRIOR_WEIGHT = 0.02
_PARENS = re.compile(r"\(([^()]*)\)")
MIN_SCORE = 0.6


@dataclass(frozen=True)
class Candidate:
    """A locality a name may mean, with a confidence in [0, 1]."""

    id: str
    name: str
    country: str
    level: str
    score: float
    matched_name: str
    match: str
    # why a result of another name is shown: "old_name" (a pre-2025 province now
    # part of it), "historical_name" / "historical_split" (a former province, whole
    # or split among ``successors``), "contained_place" (a place inside it), or
    # None; worded by ``matcher.wording.search_note``
    note: str | None = None
    successors: tuple[str, ...] = ()


def _strip_words(form: str, core_folded: str) -> str:
    """The words of ``form`` whose folded forms make up ``core_folded``."""
    words = form.split()
    kept = [w for w in words if fold(w) and fold(w) in core_folded.split()]
    return " ".join(kept) or form


class NameResolver:
    """Resolve free-form names against a catalog; build once, query many times."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._row = {loc.id: i for i, loc in enumerate(catalog.localities)}
        # the build's keys when they match the catalog files, else computed here
        keys = catalog.name_keys or compute_name_keys(catalog.names)
        self._keys = keys
        self._exact = keys.exact
        self._phonetic = keys.phonetic
        self._prior = [
            min(1.0, math.log10(loc.population) / 8) if loc.population else 0.0
            for loc in catalog.localities
        ]

    # made on first use: a name found exactly needs neither (a cold start)
    @cached_property
    def _fuzzy_keys(self) -> list[str]:
        return [k for k in self._keys.exact.keys if len(k) >= 3]

    @cached_property
    def _display(self) -> dict[str, int]:
        keys = self._keys
        return dict(zip(keys.display_keys, keys.display_rows.tolist(), strict=True))

    @cached_property
    def _display_keys(self) -> list[str]:
        return [k for k in self._keys.display_keys if len(k) >= 3]

    def resolve(
        self,
        query: str,
        *,
        country: str | None = None,
        level: str | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Ranked candidates for ``query`` (best first); empty when nothing is close.

        ``country`` takes an ISO 3166-1 code or a country name; ``level`` one of
        ``admin1``, ``admin2``, ``city``.
        """
        validate_params(_RESOLVE_CONSTRAINTS, {"level": level, "limit": limit})
        country_code = resolve_country(country) if country else None
        text = nfc(query).strip()
        qualifiers = [q.strip() for q in _PARENS.findall(text) if q.strip()]
        base = _PARENS.sub(" ", text).strip() or text
        parent_ids: set[str] = set()
        forms = [base]
        if (district := district_form(base)) is not None:
            forms.append(district)  # "13e arrondissement de Paris"
        for qualifier in qualifiers:
            try:
                country_code = country_code or resolve_country(qualifier)
                continue
            except UnknownCountryError:
                pass
            parents = self._match(qualifier, country_code, None)
            if parents and max(parents.values())[0] >= 0.9:
                parent_ids.update(lid for lid, (s, _, _) in parents.items() if s >= 0.9)
            forms.append(qualifier)
        found: dict[str, tuple[float, str, str]] = {}
        for form in forms:
            for lid, hit in self._match(form, country_code, level).items():
                if lid not in found or hit[0] > found[lid][0]:
                    found[lid] = hit
        results = []
        whole = compact_key(text) if qualifiers else None
        for lid, (score, matched, how) in found.items():
            loc = self.catalog.get(lid)
            if parent_ids:
                score += 0.03 if self._ancestors(loc) & parent_ids else -0.05
            if whole is not None and compact_key(loc.name) == whole:
                score += 0.03  # "Halle (Saale)" is named so, not Halle in Belgium
            if score < MIN_SCORE:
                continue
            prior = self._prior[self._row[lid]]
            results.append((score + _PRIOR_WEIGHT * prior, prior, lid, matched, how))
        results.sort(key=lambda r: (-round(r[0], 4), -r[1], r[2]))
        # A historical province split among several units matched each of them.
        shares: dict[str, set[str]] = {}
        for _, _, lid, matched, how in results:
            if how.endswith("historical_name"):
                shares.setdefault(compact_key(matched), set()).add(
                    self.catalog.get(lid).name
                )
        out = []
        for score, _, lid, matched, how in results[:limit]:
            loc = self.catalog.get(lid)
            note = None
            successors: tuple[str, ...] = ()
            if how.endswith("old_name"):
                note = "old_name"
            elif how.endswith("historical_name"):
                successors = tuple(sorted(shares[compact_key(matched)]))
                note = "historical_name" if len(successors) < 2 else "historical_split"
            elif how.endswith("contained_place") and loc.is_vietnamese:
                note = "contained_place"
            out.append(
                Candidate(
                    id=lid,
                    name=loc.name,
                    country=loc.country,
                    level=loc.level,
                    score=round(min(score, 1.0), 3),
                    matched_name=matched,
                    match=how.split(":")[0],
                    note=note,
                    successors=successors,
                )
            )
        return out

    def _ancestors(self, loc) -> set[str]:
        """Ids of the units above ``loc`` (parent, its parent, …)."""
        found: set[str] = set()
        parent = loc.parent_id
        while parent and parent not in found and parent in self._row:
            found.add(parent)
            parent = self.catalog.get(parent).parent_id
        return found

    def lookup(self, query: str, **kwargs) -> Candidate:
        """The best candidate; raises UnknownLocalityError with suggestions."""
        candidates = self.resolve(query, **kwargs)
        if not candidates:
            raise UnknownLocalityError(query, self.suggest(query))
        return candidates[0]

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """The closest known names to an unresolved query, for "did you mean"."""
        key = compact_key(query)
        if not key:
            return []
        hits = process.extract(
            key, self._display_keys, scorer=fuzz.ratio, limit=limit * 3
        )
        names: list[str] = []
        for hit_key, _, _ in hits:
            locality_id, name, _ = self._keys.row(self._display[hit_key])
            loc = self.catalog.get(locality_id)
            label = f"{name} ({loc.name}, {loc.country})"
            if label not in names:
                names.append(label)
        return names[:limit]

    def exact_ids(self, name: str, country: str | None = None) -> list[str]:
        """Ids of localities with exactly this folded name (no fuzzy pass); fast; a
        numbered city district also by the catalog's form of it."""
        folded = fold(name)
        keys = {folded.replace(" ", ""), strip_affixes(folded)[0].replace(" ", "")}
        if (district := district_form(name)) is not None:
            keys.add(fold(district).replace(" ", ""))  # "13e arrondissement de Paris"
        ids = {
            self._keys.row(i)[0]
            for key in keys
            if key
            for i in self._exact.get(key, ())
        }
        return sorted(
            lid
            for lid in ids
            if country is None or self.catalog.get(lid).country == country
        )

    def _match(
        self, form: str, country: str | None, level: str | None
    ) -> dict[str, tuple[float, str, str]]:
        folded = fold(form)
        if not folded:
            return {}
        core, level_hint = strip_affixes(folded)
        hits: dict[str, tuple[float, str, str]] = {}
        spaced = {folded, core}
        accented = (
            {accent_form(form), accent_form(_strip_words(form, core))}
            if not form.isascii()
            else set()
        )

        def add(indices: list[int], quality: float, how: str) -> None:
            for i in indices:
                locality_id, name, kind = self._keys.row(i)
                loc = self.catalog.get(locality_id)
                if country and loc.country != country:
                    continue
                if level and loc.level != level:
                    continue
                score = quality * _KIND_WEIGHT.get(kind.split(":")[0], 0.97)
                if fold(name) in spaced:
                    score += _SPACING_BONUS
                if accented and accent_form(name) in accented:
                    score += _ACCENT_BONUS
                if level_hint:
                    score += 0.02 if loc.level == level_hint else -0.03
                if locality_id not in hits or score > hits[locality_id][0]:
                    hits[locality_id] = (score, name, f"{how}:{kind}")

        full, stripped = folded.replace(" ", ""), core.replace(" ", "")
        add(self._exact.get(full, []), 1.0, "exact")
        if stripped != full:
            add(self._exact.get(stripped, []), 0.98, "exact")
        if hits:
            return hits
        add(self._phonetic.get(phonetic_key(core), []), 0.9, "phonetic")
        if len(stripped) >= 3:
            for key, ratio, _ in process.extract(
                stripped, self._fuzzy_keys, scorer=fuzz.ratio, limit=25, score_cutoff=75
            ):
                add(self._exact[key], 0.88 * ratio / 100, "fuzzy")
        return hits
