"""Monthly event counts (`EventMonthStat`): refreshed per month touched, rebuilt in bulk.

Refreshing a month recounts that month's events with one GROUP BY over an indexed date range,
so its cost does not grow with the corpus.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.db.models import Count

from timeline.models import Event, EventMonthStat


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def stats_refresh(months: Iterable[dt.date]) -> None:
    """Recount these months (first days of months)."""
    for month in sorted({m.replace(day=1) for m in months}):
        rows = (
            Event.objects.filter(start_date__gte=month, start_date__lte=_month_end(month))
            .values_list("status", "event_type")
            .annotate(n=Count("pk"))
            .order_by()
        )
        EventMonthStat.objects.filter(month=month).delete()
        EventMonthStat.objects.bulk_create(
            EventMonthStat(status=status, month=month, event_type=event_type, count=n)
            for status, event_type, n in rows
        )


def stats_rebuild() -> int:
    """Recount every month (after a bulk load or a restore); returns the number of rows."""
    EventMonthStat.objects.all().delete()
    months = set()
    for day in Event.objects.order_by().values_list("start_date", flat=True).distinct():
        months.add(day.replace(day=1))
    stats_refresh(months)
    return EventMonthStat.objects.count()
