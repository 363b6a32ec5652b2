"""The timeline index's keys (pure): sort keys keep timeline order, tokens read back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import eventkeys
from timeline.eventkeys import KeyFilter, token, token_value


@given(
    st.lists(
        st.tuples(st.dates(), st.integers(min_value=0, max_value=eventkeys.ID_MASK)), max_size=50
    )
)
def test_sort_keys_order_events_like_the_timeline(pairs) -> None:
    assert sorted(pairs) == sorted(pairs, key=lambda p: eventkeys.sort_key(*p))
    for day, pk in pairs:
        assert eventkeys.sort_key_parts(eventkeys.sort_key(day, pk)) == (day, pk)
        assert eventkeys.first_key(day) <= eventkeys.sort_key(day, pk) <= eventkeys.last_key(day)


def test_an_id_beyond_the_index_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the timeline index"):
        eventkeys.sort_key(dt.date(2023, 1, 1), eventkeys.ID_MASK + 1)


@given(st.text(min_size=1, max_size=40), st.sampled_from(sorted(eventkeys.STATUS_CODES)))
def test_text_tokens_read_back_and_are_digits_only(value, status) -> None:
    tok = token(eventkeys.PUBLISHER, value, status)
    assert tok[:2] == "kb" and tok[2:].isdigit()
    assert token_value(tok) == ("b", value)


def test_number_tokens_carry_the_status_and_read_back() -> None:
    assert token(eventkeys.ACTOR, 9123, "published") == "ka19123"
    assert token(eventkeys.ACTOR, 9123, "proposed") == "ka29123"
    assert token_value("ka19123") == ("a", 9123)
    assert token_value(token(eventkeys.TYPE, "state_visit", "rejected")) == ("t", "state_visit")
    assert token_value(token(eventkeys.STATUS, "", "proposed")) == ("s", "proposed")


def test_every_event_status_has_a_code() -> None:
    from timeline.models import Event

    assert set(eventkeys.STATUS_CODES) == set(Event.Status.values)
    assert len(set(eventkeys.STATUS_CODES.values())) == len(eventkeys.STATUS_CODES)


def test_event_tokens_name_every_property_once_under_the_events_status() -> None:
    tokens = eventkeys.event_tokens(
        status="published",
        event_type="meeting",
        place_id=7,
        actor_ids=[3, 1, 3],
        source_ids=[9],
        publishers=["BelTA", "", "BelTA"],
    )
    assert tokens == [
        "ks1",
        token("t", "meeting", "published"),
        "kp17",
        "ka11",
        "ka13",
        "kc19",
        token("b", "BelTA", "published"),
    ]


def test_a_key_filter_is_the_same_condition_as_expression_and_as_set_test() -> None:
    keys = KeyFilter().require_any(["ka11", "ka21"]).require("kp15").require_any([])
    assert keys.expression() == "keys : ((ka11 OR ka21) AND kp15 AND knone)"
    assert not keys.matches({"ka11", "kp15"})  # an empty choice matches nothing
    keys = KeyFilter().require_any(["ka11", "ka21"]).require("kp15")
    assert keys.matches({"ks1", "ka11", "kp15"})
    assert not keys.matches({"ks2", "ka21", "kp16"})
