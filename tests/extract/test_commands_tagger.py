"""tag_dates, eval_timex and bench_tagger management commands (no database needed)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.extract import timeml

DATA = Path(__file__).resolve().parent / "data" / "timeml"
GOLD = DATA / "gold"
SYSTEM = DATA / "system"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def seed(prefix: str) -> Path:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path


def test_tag_dates_text_output():
    out = run("tag_dates", str(seed("000")), "--dct", "2023-12-05")
    assert "'Monday'\tDATE\t2023-12-04" in out
    assert "the Monday before the DCT Tue 2023-12-05" in out
    assert "PT3H" in out


def test_tag_dates_json_output():
    out = run("tag_dates", str(seed("001")), "--dct", "2023-12-04", "--json")
    data = json.loads(out)
    assert {"text": "4-12-2023", "value": "2023-12-04"}.items() <= data[0].items()
    assert all({"start", "end", "type", "value", "rule", "reason"} <= set(d) for d in data)


def test_tag_dates_needs_a_dct():
    with pytest.raises(CommandError):
        run("tag_dates", str(seed("000")))
    with pytest.raises(CommandError):
        run("tag_dates", str(seed("000")), "--dct", "5 Dec")
    with pytest.raises(CommandError):
        run("tag_dates")


def test_tag_dates_timeml_directory(tmp_path):
    out_dir = tmp_path / "out"
    out = run("tag_dates", "--timeml", str(GOLD), str(out_dir))
    assert "tagged 2 files" in out
    for gold_path in sorted(GOLD.glob("*.tml")):
        gold = timeml.read_timeml(gold_path)
        system = timeml.read_timeml(out_dir / gold_path.name)
        assert system.text == gold.text
        assert system.dct == gold.dct
    report = run("eval_timex", str(GOLD), str(out_dir))
    assert "value F1 1.0000" in report


def test_eval_timex_with_system_dir_and_errors():
    out = run("eval_timex", str(GOLD), str(SYSTEM), "--errors")
    assert "strict   0.6667  0.6667  0.6667" in out
    assert "relaxed  0.8333  0.8333  0.8333" in out
    assert "type F1  0.6667" in out
    assert "value F1 0.6667" in out
    for kind in ("missed", "spurious", "extent", "type", "value"):
        assert f"\t{kind}\t" in out


def test_eval_timex_tags_gold_itself():
    out = run("eval_timex", str(GOLD))
    assert "relaxed  1.0000  1.0000  1.0000" in out


def test_eval_timex_bad_dir(tmp_path):
    with pytest.raises(CommandError):
        run("eval_timex", str(tmp_path / "nope"))


def test_bench_tagger_small():
    out = run("bench_tagger", "--chars", "20000", "--runs", "2")
    assert "MB/s" in out and "spans" in out and "chars" in out


def test_bench_tagger_on_real_articles(tmp_path):
    (tmp_path / "a.txt").write_text("The talks were held on Monday, March 4, 2024.", "utf-8")
    (tmp_path / "b.txt").write_text("Nothing temporal here.", "utf-8")
    out = run("bench_tagger", "--files", str(tmp_path), "--chars", "5000", "--runs", "1")
    spans = int(next(line for line in out.splitlines() if line.startswith("spans")).split()[-1])
    chars = int(
        next(line for line in out.splitlines() if line.startswith("chars"))
        .split()[-1]
        .replace(",", "")
    )
    # one expression in each repetition of the first article (46 + 22 characters and two
    # paragraph breaks per pair of articles)
    assert chars >= 5000 and abs(spans - chars / 72) <= 2


def test_bench_tagger_files_errors(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        run("bench_tagger", "--files", str(tmp_path / "missing"))
    with pytest.raises(CommandError, match=r"no \.txt file"):
        run("bench_tagger", "--files", str(tmp_path))


def test_tag_dates_bench_flag(monkeypatch):
    import timeline.management.commands.tag_dates as cmd
    from timeline.extract.temporal_bench import bench

    monkeypatch.setattr(cmd, "bench", lambda: bench(n_chars=5000, runs=1))
    assert "MB/s" in run("tag_dates", "--bench")


def _gold_count(report: str) -> int:
    return int(report.split("gold", 1)[1].split()[0])


@pytest.mark.parametrize("system", [False, True])
def test_eval_timex_halves_split_the_files(system):
    extra = [str(SYSTEM)] if system else []
    whole = _gold_count(run("eval_timex", str(GOLD), *extra))
    even = _gold_count(run("eval_timex", str(GOLD), *extra, "--half", "even"))
    odd = _gold_count(run("eval_timex", str(GOLD), *extra, "--half", "odd"))
    assert even > 0 and odd > 0
    assert even + odd == whole
