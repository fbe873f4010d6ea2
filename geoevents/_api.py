"""Functions of the public API that have no other home: :func:`geocode`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geoevents.geocoding.api import Gazetteer, load_gazetteer

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from geoevents.models import Resolution


def geocode(
    query: str,
    *,
    gazetteer: Gazetteer | str | Path | None = None,
    context: str | None = None,
    countries: Sequence[str] = (),
) -> Resolution:
    """Resolve a place name or phrase ("près de Gao", "50 km north of Gao") to a place.

    Parameters
    ----------
    query
        The name or phrase.
    gazetteer
        A loaded gazetteer, a gazetteer file, or ``None`` for the bundled one (loaded once
        per process and file, see :func:`geoevents.geocoding.api.load_gazetteer`).
    context
        The sentence the name comes from; it helps choose between places of one name.
    countries
        Expected countries (ISO 3166-1 alpha-2); places there are preferred.

    Returns
    -------
    Resolution
        ``.place`` is the chosen :class:`~geoevents.models.Place` or ``None`` (never a guess),
        ``.candidates`` the places considered, ``.reason`` why.

    Raises
    ------
    GazetteerError
        When the gazetteer file cannot be read.

    Examples
    --------
    >>> geocode("Tin-Zaouatene").place.country
    'ML'
    >>> geocode("Qwxzvrt").place is None
    True
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    return gaz.resolve(query, context=context, countries=countries)
