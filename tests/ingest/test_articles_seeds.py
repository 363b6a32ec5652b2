"""The five seed articles: metadata read from the text, boilerplate gone, sentences kept once."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from timeline.ingest.articles import ParsedArticle, parse_article
from timeline.ingest.decoding import decode_bytes, normalise_newlines

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

BOILERPLATE = [
    "Also Read",
    "READ MORE",
    "RECOMMENDED",
    "Follow us",
    "Most Popular",
    "Explore",
    "is an undergraduate student",
    "/ AFP",
    "SOURCE:",
    "HomeNews",
    "3 MIN READ",
    "Posted:",
    "Belarus, China relations with Russia",
]

# Fifteen unrelated headlines listed after "Explore" at the end of seed 003.
OTHER_HEADLINES_003 = [
    "Syrian president hosts Kurdish delegation amid landmark citizenship decree",
    "Turkish investment forum opens in Riyadh as both aim to boost trade to $10B",
    "100 days on, Sudan's Al Fasher remains 'catastrophic': Red Cross",
    "France summons Elon Musk as police search X offices in probe into political interference",
    "Allied forces will deploy to Ukraine 'instantly' after peace deal: NATO chief",
    "Epstein files show emails with Rothschild banker on claims Hitler lived in Jewish-funded",
    "Trump sees 'early signs' of progress on Russia-Ukraine war as US juggles talks with Iran",
    "Sudanese army breaks RSF siege in key South Kordofan capital",
    "13-year-old Australian boy swims for hours to rescue family",
    "Moscow launches massive strikes on Ukrainian energy grid ahead of Abu Dhabi talks",
    "Israeli forces uproot vineyards, expand raids across occupied West Bank",
    "China strongly condemns Balochistan attacks, expresses support to Pakistan's fight",
    "Norway's PM rejects Trump's NATO claims, calls for deeper European cooperation",
    "Australia announces fresh sanctions against Iran's IRGC-linked entities, individuals",
    "Netanyahu attacks Gaza technocratic committee's use of Palestinian Authority logo",
]


def _seed(prefix: str) -> ParsedArticle:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = normalise_newlines(decode_bytes(path.read_bytes()).text)
    return parse_article(text, filename=path.name)


def _once(body: str, sentence: str) -> None:
    assert body.count(sentence) == 1, f"expected once in body: {sentence!r}"


EXPECTED = {
    "000": dict(
        title="China welcomes biannual visit by Belarus President",
        title_derived=False,
        published_date=date(2023, 12, 5),
        published_time=None,
        timezone="",
        author="Maha Afzal Chaudhary",
        publisher="TDI",
        dateline_place="Beijing",
    ),
    "001": dict(
        title=(
            "Belarusian President Alexander Lukashenko held a meeting with China’s leader "
            "Xi Jinping"
        ),
        title_derived=True,
        published_date=date(2023, 12, 4),
        published_time=None,
        timezone="",
        author="",
        publisher="",
        dateline_place="Beijing",
    ),
    "002": dict(
        title="Lukashenko visits Beijing again as Belarus tightens relations with China",
        title_derived=False,
        published_date=date(2023, 12, 3),
        published_time=time(12, 24),
        timezone="EST",
        author="",
        publisher="",
        dateline_place="",
    ),
    "003": dict(
        title="Belarus' Lukashenko hails ties with China ahead of Xi meeting",
        title_derived=False,
        published_date=date(2023, 3, 1),
        published_time=None,
        timezone="",
        author="Sara Sleiman",
        publisher="TRT World",
        dateline_place="",
    ),
    "004": dict(
        title=(
            "Lukashenko at talks with Xi Jinping: Belarus has been, is and will remain "
            "a reliable partner for China"
        ),
        title_derived=False,
        published_date=date(2023, 12, 4),
        published_time=time(10, 31),
        timezone="",
        author="",
        publisher="BelTA",
        dateline_place="",
    ),
}

SENTENCES = {
    "000": [
        # The dateline prefix "Beijing, 5 December 2023 (TDI): " is stripped, the sentence kept.
        "On Monday, Alexander Lukashenko and Chinese President Xi Jinping vowed to strengthen",
        "Xi reaffirmed to Lukashenko that both nations ought to bolster cross-border",
        "Xi said that over 150 nations have signed cooperation documents",
        "He termed China as a ‘reliable partner’ of Belarus.",
        "Since March, the mutual visits between the two countries totaled over 120.",
    ],
    "001": [
        "Belarusian President Alexander Lukashenko held a meeting with China’s leader Xi Jinping "
        "in Beijing on Monday (Dec 4), marking their second encounter this year.",
        "Before the conflict in Ukraine, China was Belarus’ seventh largest trading partner",
        "Accelerating cooperation between China and Belarus was the main topic of discussion",
        "Xi offered to strengthen coordination and cooperation between China and Belarus",
        "“China and Belarus are important forces in the reform and construction of the global "
        "governance system,” Xi remarked, as quoted by Xinhua.",
    ],
    "002": [
        "Alexander Lukashenko is undertaking his second trip to Beijing in 2023.",
        "The independent portal Zerkalo.io highlighted that Lukashenko's last visit",
        "In March, Lukashenko and Jinping were expected to sign trade agreements worth "
        "$3.56 billion.",
        '"The meeting agenda includes trade, economic, investment, and international cooperation '
        'topics," BelTA added.',
        "It should be noted that Beijing has never officially condemned Russia's aggression "
        "towards Kyiv.",
    ],
    "003": [
        "In a run-up to the three-day trip, Beijing lauded its",
        "Belarusian President Alexander Lukashenko has hailed his country's ties with Beijing",
        '"We cooperate in all avenues. Most importantly, we have never set ourselves the task',
        '"We are doing everything in the interests of our peoples - Belarusian and Chinese.',
        "The state visit to the Chinese capital by Lukashenko - a staunch ally",
        # The last paragraph before the closing READ MORE link.
        "Lukashenko allowed Russia to use Belarus as a staging ground for its Ukraine offensive, "
        "and Kiev has expressed concern that Minsk may provide further support in Moscow's war "
        "effort.",
    ],
    "004": [
        "Belarus’ President Aleksandr Lukashenko said that at today’s talks with Chinese President "
        "Xi Jinping in Beijing, BelTA reports",
        "“Our meeting on March 1st [2023] became crucial in many ways",
        '"Belarus has been, is and will remain a reliable partner for China.',
        "this friendship is more than 30 years old.",
        '“Therefore, I am very grateful to you for this meeting, for the promptness."',
    ],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata(prefix: str) -> None:
    article = _seed(prefix)
    for field_name, expected in EXPECTED[prefix].items():
        assert getattr(article, field_name) == expected, field_name
    assert article.language == "en"
    assert article.notes


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_boilerplate_removed(prefix: str) -> None:
    body = _seed(prefix).body
    for marker in BOILERPLATE:
        assert marker not in body, marker
    for headline in OTHER_HEADLINES_003:
        assert headline not in body, headline
    assert "\n\n\n" not in body and body == body.strip()


@pytest.mark.parametrize("prefix", sorted(SENTENCES))
def test_seed_sentences_kept_once(prefix: str) -> None:
    body = _seed(prefix).body
    for sentence in SENTENCES[prefix]:
        _once(body, sentence)


def test_seed_000_dateline_and_bio_removed() -> None:
    body = _seed("000").body
    assert body.startswith("On Monday, Alexander Lukashenko")
    assert "(TDI)" not in body and "5 December 2023" not in body
    assert "Maha Afzal Chaudhary" not in body
    assert "China approves Afghanistan" not in body  # the "Also Read" link target


def test_seed_001_every_line_is_a_paragraph() -> None:
    article = _seed("001")
    assert article.body.startswith("Belarusian President Alexander Lukashenko held")
    assert "4-12-2023" not in article.body and "(BEIJING)" not in article.body
    assert len(article.body.split("\n\n")) == 12
    assert len(article.title) <= 90


def test_seed_002_date_line_and_headline_echo_removed() -> None:
    body = _seed("002").body
    assert "12:24 PM EST" not in body
    assert "Lukashenko visits Beijing again" not in body
    # A short unpunctuated retelling of the headline between paragraphs (caption/link).
    assert "Lukashenko returns to Beijing as Belarus heightens ties with China" not in body


def test_seed_003_byline_title_and_caption_removed() -> None:
    body = _seed("003").body
    assert "Sara" not in body and "SLEIMAN" not in body
    assert "March 1, 2023" not in body
    assert "Belarus' Lukashenko hails ties with China ahead of Xi meeting" not in body
    assert "co-operation with China will continue in all avenues" not in body
    assert "WORLD" not in body
    assert "Why China and Russia are partnering up" not in body
    assert body.endswith("may provide further support in Moscow's war effort.")


def test_seed_004_posted_line_and_title_removed() -> None:
    article = _seed("004")
    assert "04.12.2023" not in article.body
    assert article.title not in article.body
    assert article.body.startswith("Belarus’ President Aleksandr Lukashenko said")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_with_preview_block_gives_the_same_article(prefix: str) -> None:
    # Pages often show a preview (breadcrumb, title, first paragraphs) before the full text.
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = normalise_newlines(decode_bytes(path.read_bytes()).text)
    preview = "\n".join(text.split("\n")[:6])
    single = parse_article(text)
    for doubled in (parse_article(preview + "\n\n" + text), parse_article(text + "\n\n" + text)):
        assert doubled.body == single.body
        assert (doubled.title, doubled.published_date, doubled.author, doubled.publisher) == (
            single.title,
            single.published_date,
            single.author,
            single.publisher,
        )
