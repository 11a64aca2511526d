"""The one date parser: Indonesian date lines, ISO 8601 and RFC 822, to timezone-aware datetimes.

>>> parse_date("Kamis, 22 Februari 2024 15:04 WIB").isoformat()
'2024-02-22T15:04:00+07:00'
>>> parse_date("2024-02-19T14:30:00+08:00").isoformat()
'2024-02-19T14:30:00+08:00'
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8,
    "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12,
}
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
DAYS = (r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
        r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")

_DAY_MONTH_YEAR = re.compile(
    rf"(?:{DAYS},?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{{4}})"
    r"(?:\s*[,|-]?\s*(?:pukul\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?\s*(?P<zone>WIB|WITA|WIT)?",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?:{DAYS},?\s*)?(?P<month>[A-Za-z]+)\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})", re.IGNORECASE
)


def zone(label: str) -> timezone:
    """``zone("WITA")`` is UTC+08:00."""
    return timezone(timedelta(hours=ZONES[label.upper()]))


def parse_date(text: str | None, default_zone: str = "WIB") -> datetime | None:
    """Parse a date as Indonesian pages write it; a date without a zone gets ``default_zone``.

    Returns None for text that holds no date.
    """
    if not text:
        return None
    text = " ".join(text.split())
    iso = _parse_iso(text)
    if iso:
        return iso if iso.tzinfo else iso.replace(tzinfo=zone(default_zone))
    if re.search(r"(?:[+-]\d{4}|GMT|UTC?)$", text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.search(text)
        if m and m.group("month").lower() in MONTHS:
            try:
                stamp = datetime(
                    int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")),
                    int(m.groupdict().get("hour") or 0), int(m.groupdict().get("minute") or 0),
                )
            except ValueError:
                return None
            label = (m.groupdict().get("zone") or default_zone).upper()
            return stamp.replace(tzinfo=zone(label))
    return None


def _parse_iso(text: str) -> datetime | None:
    candidate = text.strip().replace("Z", "+00:00")
    if not re.match(r"\d{4}-\d{2}-\d{2}", candidate):
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        try:
            return datetime.fromisoformat(candidate[:10])
        except ValueError:
            return None
