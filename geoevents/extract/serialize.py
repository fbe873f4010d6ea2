"""The JSON shape of an extracted event (CONTRACT.md, ``geoevents extract``)."""

from __future__ import annotations

from typing import Any

from geoevents.models import Event


def event_json(event: Event) -> dict[str, Any]:
    """Return the contract's JSON object for an event (``location`` is ``None`` without a place).

    Examples
    --------
    >>> import datetime as dt
    >>> e = Event("x", "battle", "armed_clash", dt.date(2024, 7, 25), dt.date(2024, 7, 27), "day", "text")
    >>> event_json(e)["date_end"], event_json(e)["location"]
    ('2024-07-27', None)
    """
    loc = None
    if event.location_name is not None or event.lat is not None:
        loc = {
            "name": event.location_name,
            "country": event.country,
            "kind": event.place_kind,
            "lat": event.lat,
            "lon": event.lon,
            "geo_precision": event.geo_precision,
            "place_id": event.place_id,
            "admin1": event.admin1,
        }
    return {
        "source": event.source,
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "time_precision": event.time_precision,
        "location": loc,
        "country": event.country,
        "participants": list(event.participants),
        "actors": list(event.actors),
        "fatalities": event.fatalities,
        "cameo_code": event.cameo_code,
        "evidence": event.evidence,
        "evidence_span": list(event.evidence_span) if event.evidence_span else None,
        "confidence": event.confidence,
        "source_url": event.source_url,
    }
