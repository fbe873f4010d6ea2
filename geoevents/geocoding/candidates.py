"""Candidates: the places a name may designate, as typed records (the third layer).

Above :mod:`.index`, whose lookups give ``(index, name score)`` pairs: :class:`Candidate` names
the two fields, :class:`Ranked` adds the ranking total (:mod:`.rank` makes them). Both are
named tuples rather than dataclasses: they are made by the thousand in the batch path, and
compared and sorted as plain tuples.

The lookups, best name score per place:

* :func:`exact` -- the name up to folding or spelling (an alternate name far from the Sahel
  scores :data:`~geoevents.geocoding.index.ALT_FAR`, a transliteration
  :data:`~geoevents.geocoding.index.PHONETIC`);
* :func:`lookup` -- :func:`exact`, else near spellings in the Sahel's neighbourhood
  (:func:`near_names`);
* :func:`near` -- looser near spellings in given countries and kinds.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from geoevents.geocoding.index import GazetteerIndex


class Candidate(NamedTuple):
    """A place a name may designate.

    Examples
    --------
    >>> c = Candidate(row=7, name_score=0.97)
    >>> c.row, c.name_score
    (7, 0.97)
    >>> i, ns = c  # unpacks as a pair
    """

    #: the place's row in the gazetteer, its index in ``GazetteerIndex.places``
    row: int
    #: how well the name matched, 1.0 for the main name (see :mod:`geoevents.geocoding.index`)
    name_score: float


class Ranked(NamedTuple):
    """A ranked candidate: its total (name score plus the ranking terms), best first in a list."""

    #: name score plus priors, kind, hints and context terms (:func:`geoevents.geocoding.rank.rank`)
    total: float
    name_score: float
    row: int


_AS_CANDIDATE = partial(tuple.__new__, Candidate)  # Candidate(*pair) without the Python-level call


def typed(pairs: list[tuple[int, float]]) -> list[Candidate]:
    """Return ``(index, name score)`` pairs as :class:`Candidate` records.

    Examples
    --------
    >>> typed([(3, 1.0), (5, 0.88)])
    [Candidate(row=3, name_score=1.0), Candidate(row=5, name_score=0.88)]
    >>> typed([])
    []
    """
    return list(map(_AS_CANDIDATE, pairs))


def exact(gaz: GazetteerIndex, text: str) -> list[Candidate]:
    """Return the places whose name equals ``text`` up to folding or spelling."""
    return typed(gaz.candidates_exact(text))


def lookup(gaz: GazetteerIndex, text: str) -> list[Candidate]:
    """Return the places ``text`` names: exact or spelling variant, else a near spelling."""
    return typed(gaz.candidates(text))


def near_names(gaz: GazetteerIndex, text: str) -> list[Candidate]:
    """Return the near spellings :func:`lookup` falls back on (for a ``text`` with no exact match)."""
    return typed(gaz.near_names(text))


def near(
    gaz: GazetteerIndex,
    text: str,
    *,
    countries: frozenset[str] | set[str] | None,
    cutoff: float = 80.0,
    kinds: tuple[str, ...] = (),
) -> list[Candidate]:
    """Return looser near spellings of ``text`` in ``countries`` (``None``: anywhere), of ``kinds``."""
    return typed(gaz.near_spellings(text, countries=countries, cutoff=cutoff, kinds=kinds))
