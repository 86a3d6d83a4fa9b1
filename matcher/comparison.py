"""Two or three candidates side by side: each explained as in a ranking, with its
distance from the query in km.

The numbers are the ranking's own (one ``score_all`` and the :class:`Explainer`),
so a candidate compared here has the score and contributions it has in a list.
"""

from __future__ import annotations

from dataclasses import dataclass

from features.errors import InvalidParameterError, UnknownLocalityError
from matcher.explain import Explainer, Recommendation

__all__ = [
    "MIN_COMPARED",
    "MAX_COMPARED",
    "Compared",
    "compare",
    "explain_candidates",
]

MIN_COMPARED = 2
MAX_COMPARED = 3


@dataclass(frozen=True)
class Compared:
    """One compared candidate: its explanation, as a ranking gives it."""

    recommendation: Recommendation

    @property
    def distance_km(self) -> float | None:
        """Great-circle km from the query (None: unknown), from the explanation."""
        return self.recommendation.distance_km


def explain_candidates(
    matcher, query, candidate_ids, *, field: str = "candidates", focus=None
):
    """Explain any catalog ids for ``query`` as a ranking would, with distances.

    ``focus``: the sector ids the cooperation is about, as given to the ranking
    (None: the declared needs), so the numbers are that ranking's.
    Raises UnknownLocalityError (naming ``field``) for an id not in the catalog.
    Returns a list of :class:`Compared`, one per id, in the order given.
    """
    fs = matcher.feature_set_
    ids = [str(i) for i in candidate_ids]
    for cid in ids:
        if fs.find(cid) is None:
            raise UnknownLocalityError(cid, field=field)
    if not ids:
        return []
    scored = matcher.score_all(query, focus=focus)
    explained = Explainer(matcher, scored).explain_rows(fs.rows(ids))
    return [Compared(r) for r in explained]


def compare(matcher, query, candidate_ids, *, field: str = "candidates", focus=None):
    """Explain ``candidate_ids`` (2 or 3 different catalog ids) for ``query``.

    Args:
        matcher: A fitted ``PartnerMatcher``.
        query: A locality id or a ``Profile``.
        candidate_ids: The ids to compare; unknown ids and repeats are refused.
        field: The request field named by the errors.
        focus: The ranking's focus sector ids (None: the declared needs).

    Returns:
        A list of :class:`Compared`, one per id, in the order given.
    """
    ids = [str(i) for i in candidate_ids]
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED or len(set(ids)) != len(ids):
        raise InvalidParameterError(
            field,
            "2 or 3 different locality ids separated by commas",
            ",".join(ids),
            expected_vi="2 hoặc 3 mã địa phương khác nhau, cách nhau bằng dấu phẩy",
        )
    return explain_candidates(matcher, query, ids, field=field, focus=focus)
