"""Date, byline, publisher, dateline and boilerplate rules on small synthetic articles."""

from __future__ import annotations

from datetime import date, time

import pytest

from timeline.ingest.articles import parse_article
from timeline.ingest.dates import find_dates, parse_date_line, parse_loose_datetime
from timeline.ingest.errors import IngestError

PARA_1 = (
    "The central bank raised its key interest rate by half a percentage point on Tuesday, "
    "citing persistent inflation in services and a tight labour market."
)
PARA_2 = (
    "Economists had expected a smaller move, and markets fell sharply after the announcement "
    "as investors priced in further increases."
)
PARA_3 = '"We will do what it takes to bring inflation back to target," the governor said.'


def _article(*header: str, body: tuple[str, ...] = (PARA_1, PARA_2, PARA_3), tail=()):
    return parse_article("\n\n".join([*header, *body, *tail]))


@pytest.mark.parametrize(
    ("line", "expected_date", "expected_time", "tz"),
    [
        ("Published on 4 December 2023", date(2023, 12, 4), None, ""),
        ("Published: 2023-12-04", date(2023, 12, 4), None, ""),
        ("2023-12-04T10:31:00+03:00", date(2023, 12, 4), time(10, 31), "UTC+03:00"),
        ("Updated: Dec. 4, 2023 10:31 AM GMT", date(2023, 12, 4), time(10, 31), "GMT"),
        ("Monday, 4 December 2023 18:05 MSK", date(2023, 12, 4), time(18, 5), "MSK"),
        ("December 4, 2023 at 6:05 p.m. ET", date(2023, 12, 4), time(18, 5), "ET"),
        ("Posted: 04/12/2023 09:15", date(2023, 12, 4), time(9, 15), ""),
        ("12/25/2023", date(2023, 12, 25), None, ""),  # month first only when day-first fails
        ("Last updated 5th December 2023", date(2023, 12, 5), None, ""),
    ],
)
def test_date_line_forms(line, expected_date, expected_time, tz) -> None:
    article = _article("Central bank raises rates again", line)
    assert article.published_date == expected_date
    assert article.published_time == expected_time
    assert article.timezone == tz
    assert line not in article.body


def test_published_wins_over_updated() -> None:
    article = _article(
        "Central bank raises rates again",
        "Updated: 6 December 2023 | Published: 4 December 2023 08:00",
    )
    assert article.published_date == date(2023, 12, 4)
    assert article.published_time == time(8, 0)


def test_dates_inside_prose_are_not_publication_dates() -> None:
    article = _article(
        "Central bank raises rates again",
        body=("The previous increase, on March 1, 2021, was smaller than this one by far.", PARA_1),
    )
    assert article.published_date is None
    assert "March 1, 2021" in article.body


def test_date_helpers() -> None:
    assert [h.value for h in find_dates("from 1.2.2023 to 2023/03/04")] == [
        date(2023, 2, 1),
        date(2023, 3, 4),
    ]
    assert parse_date_line("The talks began on 4 December 2023.") == []
    assert parse_date_line("Call 12.12.2023 or 555-1234") == []
    assert parse_loose_datetime("31 February 2023") is None


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Sara SLEIMAN", "Sara Sleiman"),
        ("By JOHN SMITH", "John Smith"),
        ("By Jean-Pierre DUPONT and Anna Lee", "Jean-Pierre Dupont and Anna Lee"),
        ("By Maria Garcia, Beijing correspondent", "Maria Garcia"),
        ("Written by Tom O'Brien | 4 December 2023", "Tom O'Brien"),
        ("Author: Li Wei", "Li Wei"),
        ("BY AFP", "AFP"),
    ],
)
def test_byline_forms(byline: str, author: str) -> None:
    article = _article("Central bank raises rates again", byline)
    assert article.author == author
    assert byline not in article.body


def test_byline_with_date_gives_date() -> None:
    article = _article(
        "Central bank raises rates again", "Written by Tom O'Brien | 4 December 2023"
    )
    assert article.published_date == date(2023, 12, 4)


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, the talks had ended without an agreement on the key issues.",
        "By contrast, smaller lenders kept their rates unchanged for the month.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(sentence: str) -> None:
    article = _article("Central bank raises rates again", body=(sentence, PARA_1))
    assert article.author == ""
    assert sentence in article.body


@pytest.mark.parametrize(
    ("first_paragraph", "place", "publisher", "published", "stripped"),
    [
        ("BEIJING (Reuters) - " + PARA_1, "Beijing", "Reuters", None, PARA_1),
        ("WASHINGTON, Dec 4 (AP) — " + PARA_1, "Washington", "AP", None, PARA_1),
        ("NEW DELHI: " + PARA_1, "New Delhi", "", None, PARA_1),
        ("Minsk, 4 December 2023 (BelTA) – " + PARA_1, "Minsk", "BelTA", date(2023, 12, 4), PARA_1),
        ("Moscow (TASS): " + PARA_1, "Moscow", "TASS", None, PARA_1),
        ("05.12.2023 (MINSK) " + PARA_1, "Minsk", "", date(2023, 12, 5), PARA_1),
    ],
)
def test_dateline_forms(first_paragraph, place, publisher, published, stripped) -> None:
    article = _article("Central bank raises rates again", body=(first_paragraph, PARA_2))
    assert article.dateline_place == place
    assert article.publisher == publisher
    assert article.published_date == published
    assert article.body.startswith(stripped)


def test_ordinary_first_sentence_is_not_a_dateline() -> None:
    first = "Lukashenko, who has ruled since 1994, met the premier on Monday in the capital."
    article = _article("Central bank raises rates again", body=(first, PARA_1))
    assert article.dateline_place == ""
    assert article.body.startswith(first)


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("SOURCE:TRTWorld and agencies", "TRT World"),
        ("Source: Reuters", "Reuters"),
        ("© 2023 The Daily Example. All rights reserved.", "The Daily Example"),
        ("Copyright 2023 Example News", "Example News"),
    ],
)
def test_publisher_lines(line: str, publisher: str) -> None:
    article = _article("Central bank raises rates again", tail=(line,))
    assert article.publisher == publisher
    assert line not in article.body


def test_agency_self_attribution_in_lede() -> None:
    lede = "The prime minister met the visiting delegation in Minsk on Tuesday, Zviazda reports."
    article = _article("Talks in Minsk", body=(lede, PARA_1))
    assert article.publisher == "Zviazda"
    assert lede in article.body


def test_cited_agency_later_in_text_is_not_the_publisher() -> None:
    article = _article(
        "Talks in Minsk",
        body=(PARA_1, "Later, the agency Interfax reported that talks will continue next week."),
    )
    assert article.publisher == ""


def test_boilerplate_lines_are_removed() -> None:
    text = "\n".join(
        [
            "Home › World › Asia",
            "POLITICS",
            "5 min read",
            "Central bank raises rates again",
            "Central bank raises rates again",
            "Advertisement",
            PARA_1,
            "Read more: Inflation hits a ten-year high",
            "The governor speaks to reporters in the capital. Photo: John Doe",
            PARA_2,
            "RELATED ARTICLES",
            "Markets slide as bond yields jump",
            "Why rates matter for your mortgage",
            PARA_3,
            "Follow us on Twitter for the latest updates",
            "Share this article",
            "Most Read",
            "Storm hits coast",
            "Election results delayed in key state",
            "Football club sold to new owners",
        ]
    )
    article = parse_article(text)
    assert article.title == "Central bank raises rates again"
    assert article.body == "\n\n".join([PARA_1, PARA_2, PARA_3])
    assert any("Most Read" in note for note in article.notes)


def test_trailing_run_of_headlines_without_a_heading() -> None:
    article = _article(
        "Central bank raises rates again",
        tail=(
            "Storm hits coast as thousands evacuate",
            "Election results delayed in key state",
            "Football club sold to new owners",
        ),
    )
    assert "Storm hits coast" not in article.body
    assert "dropped 3 trailing headlines" in article.notes


def test_author_bio_at_the_end() -> None:
    article = _article(
        "Central bank raises rates again",
        "By Jane Roe",
        tail=("Jane Roe is a senior economics correspondent based in London.",),
    )
    assert article.author == "Jane Roe"
    assert "correspondent based in London" not in article.body


def test_name_line_and_bio_block() -> None:
    article = _article(
        "Central bank raises rates again",
        tail=("Omar Khan", "Omar Khan writes about banking and markets for the paper."),
    )
    assert article.author == "Omar Khan"
    assert "Omar Khan" not in article.body


def test_preview_then_full_article_keeps_each_sentence_once() -> None:
    text = "\n\n".join(
        [
            "Central bank raises rates again",
            PARA_1,
            PARA_2[:60] + "...",
            "Central bank raises rates again",
            "By Jane Roe",
            PARA_1,
            PARA_2,
            PARA_3,
        ]
    )
    article = parse_article(text)
    assert article.body == "\n\n".join([PARA_1, PARA_2, PARA_3])
    assert any("repeated" in note for note in article.notes)


def test_hard_wrapped_lines_are_joined() -> None:
    wrapped = PARA_1.replace("point on", "point\non").replace("in services", "in\nservices")
    article = parse_article("Central bank raises rates again\n\n" + wrapped + "\n\n" + PARA_2)
    assert article.body.split("\n\n")[0] == PARA_1


def test_derived_title_is_cut_at_a_word_boundary() -> None:
    first = (
        "Belarusian President Alexander Lukashenko held a lengthy meeting with the Chinese leader "
        "Xi Jinping in Beijing on Monday (Dec 4), marking their second encounter this year."
    )
    article = parse_article(first + "\n" + PARA_2)
    assert article.title == (
        "Belarusian President Alexander Lukashenko held a lengthy meeting with the Chinese leader"
    )


def test_derived_title_is_short_and_flagged() -> None:
    article = parse_article(PARA_1 + "\n" + PARA_2)
    assert article.title_derived is True
    assert article.title == (
        "The central bank raised its key interest rate by half a percentage point on Tuesday"
    )
    assert len(article.title) <= 90
    assert any("derived" in note for note in article.notes)


def test_sidecar_overrides_text() -> None:
    article = parse_article(
        "Central bank raises rates again\n\nBy Jane Roe\n\nMarch 1, 2023\n\n" + PARA_1,
        sidecar={
            "title": "Rates up again",
            "published": "2023-12-04T10:31:00",
            "timezone": "UTC+03:00",
            "publisher": "Example News",
            "author": "J. Roe",
            "url": "https://example.com/a",
            "language": "en",
        },
    )
    assert article.title == "Rates up again" and article.title_derived is False
    assert article.published_date == date(2023, 12, 4)
    assert article.published_time == time(10, 31)
    assert article.timezone == "UTC+03:00"
    assert (article.publisher, article.author, article.url) == (
        "Example News",
        "J. Roe",
        "https://example.com/a",
    )


def test_no_article_body() -> None:
    with pytest.raises(IngestError, match="no article body"):
        parse_article("Home\n\nFollow us\n\nMost Popular\nSomething else happened today")
    with pytest.raises(IngestError, match=r"no article body in x\.txt"):
        parse_article("   \n\n", filename="x.txt")


def test_russian_language_detected() -> None:
    text = (
        "Лукашенко провёл переговоры с Си Цзиньпином\n\n"
        "Президент Беларуси Александр Лукашенко провёл переговоры с председателем КНР "
        "в Пекине, и стороны обсудили торговлю и инвестиции. Это вторая встреча за год."
    )
    article = parse_article(text)
    assert article.language == "ru"
    assert article.title == "Лукашенко провёл переговоры с Си Цзиньпином"
