"""Unit tests of the temporal tagger, one family of expressions at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.temporal import Timex, precision, tag, timeml_spans

DCT = dt.date(2023, 12, 5)  # a Tuesday


def one(text: str, dct: dt.date = DCT) -> Timex:
    found = tag(text, dct)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def values(text: str, dct: dt.date = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


# ------------------------------------------------------------------ absolute dates
@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Beijing, 5 December 2023 (TDI)", "5 December 2023", "2023-12-05"),
        ("It was signed on December 3, 2023 in Paris.", "December 3, 2023", "2023-12-03"),
        ("They met on Dec 4 in Beijing.", "Dec 4", "2023-12-04"),
        ("The payment is due Sept. 30, 1999.", "Sept. 30, 1999", "1999-09-30"),
        ("The deal closed on March 1st.", "March 1st", "2023-03-01"),
        ("on the 4th of July 1976", "the 4th of July 1976", "1976-07-04"),
        ("Our meeting on March 1st [2023] was crucial.", "March 1st [2023]", "2023-03-01"),
        ("It happened on Saturday, April 25, 1998.", "Saturday, April 25, 1998", "1998-04-25"),
        ("Women's Day was on March eighth.", "March eighth", "2023-03-08"),
    ],
)
def test_absolute_dates(text, span, value):
    t = one(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)
    assert t.precision == "day"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4-12-2023 (BEIJING)", "2023-12-04"),
        ("Posted: 04.12.2023", "2023-12-04"),
        ("Dated 25/12/2023", "2023-12-25"),
        ("Filed 12/25/2023", "2023-12-25"),
        ("Released 2023-12-04.", "2023-12-04"),
    ],
)
def test_numeric_dates(text, value):
    assert one(text).value == value


def test_iso_and_numeric_with_time():
    assert one("Posted: 04.12.2023 10:31:00").value == "2023-12-04T10:31:00"
    t = one("stamp 2023-12-04T08:15")
    assert (t.type, t.value) == ("TIME", "2023-12-04T08:15")


def test_month_year_and_partial_dates():
    assert values("in February 2022") == [("February 2022", "2022-02")]
    assert values("in March of 1996") == [("March of 1996", "1996-03")]
    assert values("In July last year") == [("July last year", "2022-07")]


# ------------------------------------------------------------------ weekdays
def test_weekday_past_tense_is_the_day_before_the_dct():
    t = one("On Monday, the leaders vowed to cooperate.")
    assert t.value == "2023-12-04"
    assert "2023-12-05" in t.reason


def test_weekday_future_tense_is_the_next_day():
    assert one("The leaders will meet on Friday.").value == "2023-12-08"


def test_weekday_same_as_dct():
    assert one("The talks were held Tuesday.").value == "2023-12-05"


def test_weekday_last_and_next():
    assert one("He arrived last Tuesday.").value == "2023-11-28"
    assert one("He leaves next Monday.").value == "2023-12-11"


def test_weekday_with_part_of_day():
    t = one("Xi would meet him Wednesday afternoon.", dt.date(2023, 3, 1))
    assert (t.type, t.value) == ("TIME", "2023-03-01TAF")


def test_weekday_takes_the_date_in_parentheses():
    found = tag("They met on Monday (Nov. 27) in Beijing.", DCT)
    assert {t.value for t in found} == {"2023-11-27"}


# ------------------------------------------------------------------ months and seasons
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The forum was held in October.", "2023-10"),
        ("Since March, visits have grown.", "2023-03"),
        ("They signed a deal last March.", "2023-03"),
        ("Elections will be held in February.", "2024-02"),
        ("Prices fell in early November.", "2023-11"),
    ],
)
def test_bare_months(text, value):
    assert one(text).value == value


def test_months_relative_to_an_early_dct():
    dct = dt.date(2023, 3, 1)
    assert one("The war began in February.", dct).value == "2023-02"
    assert one("The summit took place in October.", dct).value == "2022-10"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("this spring", "2023-SP"),
        ("They harvested grain last summer.", "2023-SU"),
        ("the winter of 1994", "1994-WI"),
        ("The plant will open next autumn.", "2024-FA"),
    ],
)
def test_seasons(text, value):
    assert one(text).value == value


# ------------------------------------------------------------------ years, decades, centuries
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He has ruled since 1994.", "1994"),
        ("in the 1990s", "199"),
        ("during the mid-1990s", "199"),
        ("back in the '80s", "198"),
        ("in the nineties", "199"),
        ("in the 20th century", "19"),
        ("in fiscal 1989", "1989"),
        ("in nineteen ninety-six", "1996"),
        ("by the year two thousand", "2000"),
    ],
)
def test_years_decades_centuries(text, value):
    assert one(text).value == value


def test_precision_helper():
    assert precision("2023-12-04") == "day"
    assert precision("2023-12") == "month"
    assert precision("2023") == "year"
    assert precision("199") == "decade"
    assert precision("19") == "century"
    assert precision("2023-W49") == "week"
    assert precision("2023-Q1") == "quarter"
    assert precision("2023-SP") == "season"
    assert precision("2023-12-04T10:00") == "minute"
    assert precision("2023-12-04TMO") == "part_of_day"
    assert precision("P3Y") == "duration"
    assert precision("PRESENT_REF") == "ref"


# ------------------------------------------------------------------ relative expressions
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yesterday", "2023-12-04"),
        ("today", "2023-12-05"),
        ("tomorrow", "2023-12-06"),
        ("last year", "2022"),
        ("this year", "2023"),
        ("next year", "2024"),
        ("next month", "2024-01"),
        ("last month", "2023-11"),
        ("this week", "2023-W49"),
        ("last week", "2023-W48"),
        ("this quarter", "2023-Q4"),
        ("two weeks ago", "2023-11-21"),
        ("three days ago", "2023-12-02"),
        ("a year ago", "2022"),
        ("five months ago", "2023-07"),
        ("several years ago", "PAST_REF"),
        ("earlier this month", "2023-12"),
    ],
)
def test_relative(text, value):
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("over the past three decades", "the past three decades", "P30Y"),
        ("in the last decade", "the last decade", "P10Y"),
        ("for the next two weeks", "the next two weeks", "P2W"),
        ("in recent years", "recent years", "PXY"),
    ],
)
def test_relative_durations(text, span, value):
    t = one(text)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_present_past_future_refs():
    assert values("The country now faces a crisis.") == [("now", "PRESENT_REF")]
    assert values("It is currently closed.") == [("currently", "PRESENT_REF")]
    assert values("He recently visited.") == [("recently", "PAST_REF")]
    assert values("It will happen in the future.") == [("the future", "FUTURE_REF")]


# ------------------------------------------------------------------ ranges
def test_range_across_months():
    t = one("The fair runs February 28 to March 2.", dt.date(2023, 2, 1))
    assert (t.value, t.range_end) == ("2023-02-28", "2023-03-02")
    parts = timeml_spans([t])
    assert [p.value for p in parts] == ["2023-02-28", "2023-03-02"]
    assert [p.text for p in parts] == ["February 28", "March 2"]


def test_range_day_first():
    t = one("The court sits on 15-16 September.", dt.date(2023, 9, 1))
    assert (t.value, t.range_end) == ("2023-09-15", "2023-09-16")


def test_range_with_year():
    t = one("from Sept. 15-16, 2021")
    assert (t.value, t.range_end) == ("2021-09-15", "2021-09-16")


# ------------------------------------------------------------------ durations
@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("a three-hour-long talk", "three-hour-long", "PT3H"),
        ("a three-day trip", "three-day", "P3D"),
        ("for more than 30 years", "more than 30 years", "P30Y"),
        ("four hours of talks", "four hours", "PT4H"),
        ("a 13-year-old boy", "13-year-old", "P13Y"),
        ("the year-long war", "year-long", "P1Y"),
        ("for nearly two months", "nearly two months", "P2M"),
        ("two and a half years", "two and a half years", "P2Y6M"),
        ("for 90 minutes", "90 minutes", "PT90M"),
        ("a decade", "a decade", "P10Y"),
    ],
)
def test_durations(text, span, value):
    t = one(text)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_duration_modifier():
    assert one("for more than 30 years").mod == "MORE_THAN"


# ------------------------------------------------------------------ times
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("at 10 a.m.", "2023-12-05T10:00"),
        ("at 12:24 PM EST", "2023-12-05T12:24"),
        ("at 7:15 p.m. yesterday", "2023-12-04T19:15"),
        ("at noon Thursday", "2023-11-30T12:00"),
        ("this morning", "2023-12-05TMO"),
        ("last night", "2023-12-04TNI"),
        ("tonight", "2023-12-05TNI"),
    ],
)
def test_times(text, value):
    t = one(text)
    assert (t.type, t.value) == ("TIME", value)


def test_time_takes_following_date():
    found = tag("12:24 PM EST, December 3, 2023", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("12:24 PM EST", "TIME", "2023-12-03T12:24"),
        ("December 3, 2023", "DATE", "2023-12-03"),
    ]


# ------------------------------------------------------------------ sets
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prices are reviewed each month.", "P1M"),
        ("The paper is published daily.", "P1D"),
        ("The club meets every Thursday.", "XXXX-WXX-4"),
        ("It costs $2 million a year.", "P1Y"),
        ("The shop is closed on Sundays.", "XXXX-WXX-7"),
    ],
)
def test_sets(text, value):
    t = one(text)
    assert (t.type, t.value) == ("SET", value)


# ------------------------------------------------------------------ not dates
@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters march through the city.",
        "They will March on the capital.",
        "The minister may resign.",
        "May I ask a question?",
        "It was the second visit by the president.",
        "They signed deals worth $3.56 billion.",
        "A Boeing 747 landed safely.",
        "The G20 leaders met in Delhi.",
        "Section 1994 of the code applies.",
        "The firm employs 2000 people.",
        "The daily volume was light.",
        "Visit Zerkalo.io for more.",
        "He finished second in the race.",
        "The score was 3-2 after extra time.",
        "He read it in 3 MIN READ format.",
    ],
)
def test_non_dates(text):
    assert tag(text, DCT) == []


def test_reason_and_rule_always_present():
    for t in tag("On Monday, Xi said that in 2023 trade grew for three years.", DCT):
        assert t.rule
        assert t.reason
        assert t.anchor


def test_tag_accepts_a_datetime():
    assert tag("yesterday", dt.datetime(2023, 12, 5, 9, 0))[0].value == "2023-12-04"


def test_as_dict_has_the_fields():
    d = one("February 28 to March 2", dt.date(2023, 2, 1)).as_dict()
    assert d["range_end"] == "2023-03-02"
    assert d["precision"] == "day"
    assert {"start", "end", "text", "type", "value", "rule", "reason", "anchor"} <= set(d)
