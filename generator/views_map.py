"""A map of the places that have coordinates, drawn at build time: ``SiteIndex`` → ``MapView``.

An equirectangular projection (longitudes scaled by the cosine of the middle latitude) fit to the
bounding box of the places, with a dot and a label for each. No tiles, nothing from the network.
"""

from __future__ import annotations

import math

from msgspec.structs import replace

from generator.views_base import SiteIndex, entity_path, folder, rel
from generator.views_items import MapPoint, MapView

__all__ = ["place_map"]

WIDTH = 640
"""Width of the drawing, in SVG user units."""
MAX_HEIGHT = 480
PAD = 28
"""Room around the dots, in user units."""
MIN_SPAN = 0.5
"""Degrees: the smallest area shown, so that one place or close places are not blown up."""
DOT_GAP = 8
"""Distance from a dot to its label."""


def place_map(index: SiteIndex, page: str, current: str = "") -> MapView | None:
    """The map for ``page`` (``current`` highlighted), or None when no place has coordinates.

    The drawing is made once per folder; each page of a place marks its own dot on a copy.
    """
    key = folder(page)
    drawn = index.memo.maps.get(key)
    if drawn is None:
        drawn = index.memo.maps[key] = _draw(index, page)
    drawing, position = drawn
    if drawing is None or current not in position:
        return drawing
    points = list(drawing.points)
    points[position[current]] = replace(points[position[current]], current=True)
    return replace(drawing, points=tuple(points))


def _draw(index: SiteIndex, page: str) -> tuple[MapView | None, dict[str, int]]:
    """The map with no dot marked, and the position of each place's dot among its points."""
    places = sorted(
        ((p, p.coordinates) for p in index.site.content.provinces if p.coordinates is not None),
        key=lambda pair: (pair[0].name.casefold(), pair[0].id),
    )
    if not places:
        return None, {}
    lats = [c.lat for _, c in places]
    lons = [c.lon for _, c in places]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, MIN_SPAN)
    span_y = max(max(lats) - min(lats), MIN_SPAN)
    scale = (WIDTH - 2 * PAD) / span_x
    if span_y * scale > MAX_HEIGHT - 2 * PAD:
        scale = (MAX_HEIGHT - 2 * PAD) / span_y
    height = round(span_y * scale + 2 * PAD)
    # Centre the drawing when the places take less room than the minimum span.
    left = (WIDTH - (max(lons) - min(lons)) * squeeze * scale) / 2
    top = (height - (max(lats) - min(lats)) * scale) / 2
    points = []
    for place, where in places:
        x = left + (where.lon - min(lons)) * squeeze * scale
        y = top + (max(lats) - where.lat) * scale
        right_side = x < WIDTH * 0.62
        points.append(
            MapPoint(
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(x + DOT_GAP if right_side else x - DOT_GAP, 1),
                anchor="start" if right_side else "end",
                text=place.name,
                href=rel(page, entity_path(place)),
                current=False,
            )
        )
    missing = len(index.site.content.provinces) - len(places)
    caption = "Approximate positions of the places with known coordinates"
    if missing:
        caption += f"; {missing} other place{'s' if missing > 1 else ''} without coordinates"
        caption += " not shown"
    position = {place.id: n for n, (place, _) in enumerate(places)}
    return MapView(WIDTH, height, tuple(points), caption + "."), position
