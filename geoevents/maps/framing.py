"""The first view of a map: frame where the events are, not every far-away mention.

A news corpus about the Sahel also mentions Paris, Algiers or "the United States"; framing
every mark would show half the world with the Sahel as a speck. The rule:

1. Use the marks of events placed at precision 1-3 when there are any (a country outline,
   precision 4, frames the view only when nothing is more precise).
2. Group the marks into places that touch: the centre of each mark falls in a cell of
   :data:`CELL_DEG` degrees, and cells up to :data:`LINK_CELLS` apart are one group.
3. Frame the group with the most events, plus any group with at least :data:`KEEP_SHARE` of
   its events. Everything else stays on the map, one click away ("all events" button).
"""

from __future__ import annotations

from collections import deque

import numpy as np

#: Size of a grid cell in degrees (about 440 km at the equator).
CELL_DEG = 4.0
#: Cells at most this many cells apart (Chebyshev distance) belong to one group.
LINK_CELLS = 2
#: Groups with at least this share of the largest group's events are framed too.
KEEP_SHARE = 0.5

Box = tuple[float, float, float, float]


def union_box(boxes: np.ndarray) -> Box | None:
    """Return the box covering ``boxes`` (rows of min lon, min lat, max lon, max lat).

    Examples
    --------
    >>> union_box(np.array([[0, 0, 1, 1], [5, -2, 6, 0.5]], dtype=float))
    (0.0, -2.0, 6.0, 1.0)
    >>> union_box(np.empty((0, 4))) is None
    True
    """
    if not len(boxes):
        return None
    return (
        float(boxes[:, 0].min()),
        float(boxes[:, 1].min()),
        float(boxes[:, 2].max()),
        float(boxes[:, 3].max()),
    )


def _groups(cells: dict[tuple[int, int], float]) -> list[tuple[float, set[tuple[int, int]]]]:
    """Return (events, cells) of each group of nearby occupied cells."""
    seen: set[tuple[int, int]] = set()
    out = []
    for first in cells:
        if first in seen:
            continue
        seen.add(first)
        todo, group, count = deque([first]), set(), 0.0
        while todo:
            cx, cy = todo.popleft()
            group.add((cx, cy))
            count += cells[(cx, cy)]
            for dx in range(-LINK_CELLS, LINK_CELLS + 1):
                for dy in range(-LINK_CELLS, LINK_CELLS + 1):
                    nb = (cx + dx, cy + dy)
                    if nb in cells and nb not in seen:
                        seen.add(nb)
                        todo.append(nb)
        out.append((count, group))
    return out


def frame_bounds(
    boxes: np.ndarray, precisions: np.ndarray, weights: np.ndarray | None = None
) -> Box | None:
    """Return the box the map opens on: the main group of the most precise events.

    Parameters
    ----------
    boxes
        One row per drawn event mark: min lon, min lat, max lon, max lat.
    precisions
        The geo precision (1-4) of each row.
    weights
        Number of events of each row (default: one each).

    Returns
    -------
    tuple or None
        (min lon, min lat, max lon, max lat), ``None`` when nothing is drawn.

    Examples
    --------
    Three Sahel events, a pin in Paris and the outline of the United States:

    >>> boxes = np.array([[-8, 12.6, -8, 12.6], [1.3, 15.2, 1.3, 15.2], [2.9, 19.9, 2.9, 19.9],
    ...                   [2.35, 48.85, 2.35, 48.85], [-125, 24, -66, 49]], dtype=float)
    >>> frame_bounds(boxes, np.array([1, 1, 3, 1, 4]))
    (-8.0, 12.6, 2.9, 19.9)
    """
    if not len(boxes):
        return None
    if weights is None:
        weights = np.ones(len(boxes))
    keep = precisions <= 3
    if keep.any():
        boxes, weights = boxes[keep], weights[keep]
    cx = np.floor((boxes[:, 0] + boxes[:, 2]) / 2 / CELL_DEG).astype(int)
    cy = np.floor((boxes[:, 1] + boxes[:, 3]) / 2 / CELL_DEG).astype(int)
    cells: dict[tuple[int, int], float] = {}
    for key, w in zip(zip(cx.tolist(), cy.tolist(), strict=True), weights.tolist(), strict=True):
        cells[key] = cells.get(key, 0) + w
    groups = _groups(cells)
    most = max(count for count, _ in groups)
    chosen: set[tuple[int, int]] = set()
    for count, group in groups:
        if count >= KEEP_SHARE * most:
            chosen |= group
    mask = np.fromiter(
        ((x, y) in chosen for x, y in zip(cx.tolist(), cy.tolist(), strict=True)),
        dtype=bool,
        count=len(cx),
    )
    return union_box(boxes[mask])
