"""Calendar arithmetic on TIMEX3 values (pure Python plus python-dateutil)."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER_RE = re.compile(r"^(\d{4})-Q(\d)$")
_HALF_RE = re.compile(r"^(\d{4})-H(\d)$")
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR_RE = re.compile(r"^(\d{4})$")

SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def day(d: dt.date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarter(y: int, q: int) -> str:
    return f"{y:04d}-Q{q}"


def shift_quarter(value: str, n: int) -> str:
    """ "1989-Q1" shifted by ``n`` quarters ("1988-Q4" for -1)."""
    m = _QUARTER_RE.match(value)
    if not m:
        raise ValueError(f"not a quarter value: {value!r}")
    idx = int(m.group(1)) * 4 + int(m.group(2)) - 1 + n
    return quarter(idx // 4, idx % 4 + 1)


def season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def shift(dct: dt.date, unit: str, n: int) -> str:
    """Value of the unit containing ``dct`` shifted by ``n`` units (granularity of the unit)."""
    if unit == "D":
        return day(dct + dt.timedelta(days=n))
    if unit == "W":
        return week(dct + dt.timedelta(weeks=n))
    if unit == "WE":
        return week(dct + dt.timedelta(weeks=n)) + "-WE"
    if unit == "M":
        d = dct + relativedelta(months=n)
        return month(d.year, d.month)
    if unit == "Q":
        y, q = quarter_of(dct)
        idx = y * 4 + (q - 1) + n
        return quarter(idx // 4, idx % 4 + 1)
    if unit == "H":
        y = dct.year
        h = 1 if dct.month <= 6 else 2
        idx = y * 2 + (h - 1) + n
        return f"{idx // 2:04d}-H{idx % 2 + 1}"
    if unit == "Y":
        return f"{dct.year + n:04d}"
    if unit == "DE":
        return f"{dct.year // 10 + n:03d}"
    if unit == "CE":
        return f"{dct.year // 100 + n:02d}"
    raise ValueError(unit)


def shift_value(value: str, years: int = 0) -> str | None:
    """Shift a calendar value (day, month, week, quarter, half, season, year) by whole years."""
    m = _DAY_RE.match(value)
    if m and len(value) == 10:
        d = safe_date(int(m.group(1)) + years, int(m.group(2)), int(m.group(3)))
        if d is None:
            d = safe_date(int(m.group(1)) + years, int(m.group(2)), 28)
        return day(d) if d else None
    for rx in (_MONTH_RE, _QUARTER_RE, _HALF_RE, _SEASON_RE, _WEEK_RE):
        m = rx.match(value)
        if m:
            return f"{int(m.group(1)) + years:04d}" + value[4:]
    m = _YEAR_RE.match(value)
    if m:
        return f"{int(m.group(1)) + years:04d}"
    return None


def value_date(value: str) -> dt.date | None:
    """The day of a day-precision value (``2023-12-04`` or ``2023-12-04T10:00``)."""
    m = _DAY_RE.match(value)
    if not m:
        return None
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def precision(value: str) -> str:
    """Granularity of a TIMEX3 value: second, minute, hour, part_of_day, day, week, weekend,
    month, season, quarter, half, year, decade, century, ref, set, duration or unknown."""
    v = value or ""
    if v.endswith("_REF"):
        return "ref"
    if v.startswith("P"):
        return "duration"
    if "T" in v and _DAY_RE.match(v):
        t = v.split("T", 1)[1]
        if t in ("MO", "AF", "EV", "NI", "DT"):
            return "part_of_day"
        if re.match(r"^\d{2}:\d{2}:\d{2}", t):
            return "second"
        if re.match(r"^\d{2}:\d{2}", t):
            return "minute"
        return "hour"
    if re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$", v):
        return "day"
    if re.match(r"^[\dX]{4}-W[\dX]{2}-WE$", v):
        return "weekend"
    if re.match(r"^[\dX]{4}-W[\dX]{2}(-\d)?$", v):
        return "week" if v[-2] != "-" else "day"
    if re.match(r"^[\dX]{4}-[\dX]{2}$", v):
        return "month"
    if re.match(r"^[\dX]{4}-(SP|SU|FA|WI)$", v):
        return "season"
    if re.match(r"^[\dX]{4}-Q[\dX]$", v):
        return "quarter"
    if re.match(r"^[\dX]{4}-H[\dX]$", v):
        return "half"
    if re.match(r"^[\dX]{4}$", v):
        return "year"
    if re.match(r"^[\dX]{3}$", v):
        return "decade"
    if re.match(r"^[\dX]{2}$", v):
        return "century"
    return "unknown"
