"""Speed benchmark for the temporal tagger on generated news-like text (pure Python)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from .temporal import tag

_SENTENCES = [
    "The minister said on Monday that talks would resume next week in Geneva.",
    "Shares of the company fell 4.2% to $31.50 in New York trading yesterday.",
    "Net income for the third quarter rose to $3.56 billion, from $2.9 billion a year earlier.",
    "Protesters plan to march through the capital on Saturday, police said.",
    "The agreement, signed on March 1, 2023, runs for five years.",
    "Officials expect the bridge to reopen in the spring of next year.",
    "He has been in office since 1994 and was re-elected in February 2022.",
    "The storm killed at least 12 people over the past three days, the agency said.",
    "Inflation was 3.2% in October, the lowest level in more than two years.",
    "The Boeing 747 landed at 10:45 a.m. local time after a nine-hour flight.",
    "Analysts said the economy may slow in the coming months as rates stay high.",
    "The festival, held every July, drew 40,000 visitors this summer.",
    "Talks lasted four hours and ended without a deal, a spokesperson told reporters.",
    "In the 1990s the factory employed more than 2,000 workers.",
    "The court will hear the case on 15-16 September, a clerk said on Tuesday.",
    "Sales have doubled over the last decade, according to the annual report.",
    "The G20 summit is due to open on November 30 and close on December 1.",
    "Voters go to the polls tomorrow, the second election in a year.",
    "The company currently employs 5,000 people and recently opened a plant in Texas.",
    "Section 1994 of the code was amended in the late 19th century.",
]


# sentences without temporal expressions: most of a news article
_FILLER = [
    "The government has rejected the proposal, saying it would hurt small businesses.",
    "Opposition leaders called for an independent inquiry into the allegations.",
    "The central bank kept its benchmark interest rate unchanged at 5.25%.",
    "Residents of the coastal town were told to stay indoors as the storm approached.",
    "The company's chief executive said the merger would create the largest firm in the sector.",
    "Police arrested three men in connection with the attack, according to a statement.",
    "Critics argue that the plan does little to address the root causes of the crisis.",
    "The report, published by an independent think tank, urged lawmakers to act quickly.",
    "Thousands of people gathered in the main square, waving flags and chanting slogans.",
    "The minister declined to comment on the details of the negotiations.",
    "Exports to Asia accounted for nearly half of the firm's revenue.",
    "Health officials urged people to get vaccinated ahead of the flu season.",
    "The two leaders discussed trade, security and climate change during their meeting.",
    "Environmental groups welcomed the decision but said more needed to be done.",
    "The United Nations said aid convoys were still unable to reach the worst-hit areas.",
    "Investors remain cautious amid uncertainty over the outlook for global growth.",
    "The bill passed the lower house by a narrow margin and now goes to the senate.",
    "Rescue teams used sniffer dogs and thermal cameras to search the rubble.",
    "The club confirmed that its captain would miss the rest of the season through injury.",
    "Analysts at several banks raised their forecasts for the company's profit margin.",
]


def generate_text(n_chars: int = 1_000_000, seed: int = 7) -> str:
    """Deterministic news-like text of about ``n_chars`` characters."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_chars:
        para = " ".join(
            rng.choice(_SENTENCES) if rng.random() < 0.35 else rng.choice(_FILLER)
            for _ in range(rng.randint(3, 7))
        )
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)


def repeat_to(texts: list[str], n_chars: int) -> str:
    """Real articles, repeated in order until the text is about ``n_chars`` long."""
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise ValueError("no text to repeat")
    parts: list[str] = []
    size = 0
    while size < n_chars:
        for t in texts:
            parts.append(t)
            size += len(t) + 2
            if size >= n_chars:
                break
    return "\n\n".join(parts)


def bench(
    n_chars: int = 1_000_000,
    runs: int = 5,
    dct: dt.date | None = None,
    text: str | None = None,
) -> dict:
    """Tag ``text`` (default: generated news-like text of ``n_chars``) ``runs`` times; return
    median seconds, chars, spans and MB/s."""
    text = generate_text(n_chars) if text is None else text
    dct = dct or dt.date(2023, 12, 4)
    times: list[float] = []
    spans = 0
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        spans = len(tag(text, dct))
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    mb = len(text.encode("utf-8")) / 1_000_000
    return {
        "runs": len(times),
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
        "spans": spans,
        "median_s": med,
        "min_s": min(times),
        "max_s": max(times),
        "mb_per_s": mb / med if med else float("inf"),
    }


def format_table(result: dict) -> str:
    rows = [
        ("runs", f"{result['runs']}"),
        ("chars", f"{result['chars']:,}"),
        ("spans", f"{result['spans']:,}"),
        ("median s", f"{result['median_s']:.3f}"),
        ("min / max s", f"{result['min_s']:.3f} / {result['max_s']:.3f}"),
        ("throughput", f"{result['mb_per_s']:.2f} MB/s (one core)"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
