"""A map of the places that have coordinates, drawn at build time: ``SiteIndex`` → ``MapView``.

An equirectangular projection (longitudes scaled by the cosine of the middle latitude) fit to the
bounding box of the places, with a dot and a label for each. No tiles, nothing from the network.
"""

from __future__ import annotations

import math

from generator.views_base import SiteIndex, entity_path, rel
from generator.views_model import MapPoint, MapView

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
    """The map for ``page`` (``current`` highlighted), or None when no place has coordinates."""
    places = sorted(
        ((p, p.coordinates) for p in index.site.content.provinces if p.coordinates is not None),
        key=lambda pair: (pair[0].name.casefold(), pair[0].id),
    )
    if not places:
        return None
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
                current=place.id == current,
            )
        )
    missing = len(index.site.content.provinces) - len(places)
    caption = "Approximate positions of the places with known coordinates"
    if missing:
        caption += f"; {missing} other place{'s' if missing > 1 else ''} without coordinates"
        caption += " not shown"
    return MapView(WIDTH, height, tuple(points), caption + ".")
