"""The calendar half of the date and time rule (desktop/domain/dates.py), for many values at once.

Collecting thousands of exports checks every date and time in each: one at a time through
datetime would cost more than decoding them. Here each two-digit field of all values is read
at once with numpy. The answer is the one dates.read_day / dates.read_time give (values of
the exact shape, real days, real times of day); tests/unit/test_fast_decode.py checks they agree.
A few values are checked one by one with those functions themselves.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.domain.dates import DateRuleError, read_day, read_time

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$"
DATE_WIDTH, TIME_WIDTH = len("2026-03-15"), len("2026-03-15T09:30:00.000000Z")
WIDTHS = {DATE_PATTERN: DATE_WIDTH, TIME_PATTERN: TIME_WIDTH}  # pattern -> width of its values


@lru_cache(maxsize=1)
def calendar_tables():
    """numpy, two ASCII digits read as one little-endian 16-bit number -> their value (127 for
    anything else), and month * 100 + day -> whether some year has that day (29 February is
    checked against the year separately)."""
    import numpy as np

    two = np.full(1 << 16, 127, np.int16)
    for tens in range(10):
        for ones in range(10):
            two[(48 + tens) | (48 + ones) << 8] = tens * 10 + ones
    month_day = np.zeros(100 * 100, bool)
    for month, last in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1):
        month_day[month * 100 + 1:month * 100 + last + 1] = True
    return np, two, month_day


def on_calendar(joined: bytes, width: int) -> bool:
    """Whether every value in ``joined`` (values of ``width`` bytes, each followed by one more)
    starts with a real YYYY-MM-DD and, for a time, has a real HH:MM:SS: each two-digit field is
    read for all values at once."""
    np, two, month_day = calendar_tables()
    count, stride = (len(joined) + 1) // (width + 1), width + 1
    if count * stride != len(joined) + 1:
        return False

    def field(offset: int):
        return two[np.ndarray((count,), "<u2", joined, offset, (stride,))]
    year, day = field(0) * 100 + field(2), field(5) * 100 + field(8)
    if not (year.all() and month_day[day].all()):  # year 0000 does not exist either
        return False
    if width > DATE_WIDTH and not ((field(11) < 24).all() and (field(14) < 60).all() and (field(17) < 60).all()):
        return False
    leap = year[day == 229]
    return not leap.size or bool(((leap % 4 == 0) & ((leap % 100 != 0) | (leap % 400 == 0))).all())


def real_dates(values) -> bool:
    """YYYY-MM-DD values that are all days of the calendar (2026-02-30 and 0000-01-01 are not)."""
    return _all_on_calendar(values, DATE_WIDTH)


def real_times(values) -> bool:
    """YYYY-MM-DDTHH:MM:SS.ffffffZ values that all exist (no hour 24, no leap second)."""
    return _all_on_calendar(values, TIME_WIDTH)


_FEW = 2  # up to this many values are checked one by one (numpy's set-up costs more)


def _all_on_calendar(values, width: int) -> bool:
    if len(values) <= _FEW:
        read = read_day if width == DATE_WIDTH else read_time
        try:
            for value in values:
                read(value)
        except DateRuleError:
            return False
        return True
    try:
        joined = "\n".join(values).encode("ascii")
    except (UnicodeEncodeError, TypeError):
        return False
    return not joined or on_calendar(joined, width)
