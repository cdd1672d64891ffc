"""The pinyin engine turns typed letters into Chinese candidates in a sensible order."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.input.pinyin import PinyinEngine, gb2312_level, toneless

ENGINE = PinyinEngine()


def test_full_pinyin_of_a_road_offers_the_whole_road_first() -> None:
    assert ENGINE.candidates("renminlu")[0] == "人民路"


def test_a_phrase_for_the_first_syllables_leaves_the_rest_for_the_next_pick() -> None:
    assert "人民" in ENGINE.candidates("renminlu")[:3]

    rest = ENGINE.consume("renminlu", "人民")

    assert rest == "lu"
    assert ENGINE.candidates(rest)[0] == "路"


def test_shi_offers_the_character_for_city_on_the_first_page() -> None:
    assert "市" in ENGINE.candidates("shi")[:8]


def test_xian_offers_the_city_xi_an_and_single_characters_for_xian() -> None:
    first_page = ENGINE.candidates("xian")[:8]

    assert "西安" in first_page
    assert {"县", "先"} <= set(first_page)


def test_initials_alone_find_a_road() -> None:
    assert "人民路" in ENGINE.candidates("rml")[:3]
    assert ENGINE.consume("rml", "人民") == "l"


def test_a_syllable_still_being_typed_already_offers_its_words() -> None:
    assert ENGINE.candidates("renmi")[0] == "人民"
    assert ENGINE.candidates("zhon")[0] == "中"


def test_capitals_and_the_syllable_separator_are_understood() -> None:
    assert ENGINE.candidates("Xi'An")[0] == "西安"
    assert ENGINE.consume("xi'an", "西") == "an"


def test_u_umlaut_may_be_typed_as_v_or_as_u() -> None:
    assert "略" in ENGINE.candidates("lve")[:4]
    assert "略" in ENGINE.candidates("lue")[:4]
    assert "绿" in ENGINE.candidates("lv")[:8]


def test_everyday_characters_lead_their_syllable() -> None:
    assert ENGINE.candidates("de")[0] == "的"
    assert ENGINE.candidates("lu")[0] == "路"  # an address character


def test_characters_outside_gb2312_come_after_all_others() -> None:
    found = ENGINE.candidates("ren", limit=500)
    levels = [gb2312_level(c) for c in found if len(c) == 1]

    assert 3 in levels
    assert levels.index(3) > max(i for i, level in enumerate(levels) if level < 3)


def test_letters_that_spell_no_pinyin_offer_nothing() -> None:
    assert ENGINE.candidates("vvv") == []
    assert ENGINE.candidates("") == []
    assert ENGINE.candidates("123") == []


def test_unreadable_letters_at_the_end_leave_candidates_for_the_start() -> None:
    found = ENGINE.candidates("luii")

    assert found[0] == "路"
    assert ENGINE.consume("luii", "路") == "ii"


def test_an_engine_that_showed_nothing_yet_still_knows_what_a_pick_uses_up() -> None:
    assert PinyinEngine().consume("renminlu", "人民") == "lu"
    assert PinyinEngine().consume("rml", "人民路") == ""


def test_a_candidate_the_letters_cannot_spell_is_refused() -> None:
    with pytest.raises(ValueError, match="does not match"):
        PinyinEngine().consume("ren", "路")


def test_tone_marks_are_dropped_and_u_umlaut_becomes_v() -> None:
    assert toneless("lǜ") == "lv"
    assert toneless("zhōng") == "zhong"


def test_every_engine_shares_one_index() -> None:
    first, second = PinyinEngine(), PinyinEngine()

    assert first.prepare() == second.prepare()
    assert first.is_ready()
    assert second.is_ready()


def test_a_lookup_made_while_the_index_builds_in_the_background_waits_for_it() -> None:
    script = (
        "from ui.input.pinyin import PinyinEngine\n"
        "engine = PinyinEngine()\n"
        "engine.prepare_in_background()\n"
        "print(engine.candidates('lu')[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "路"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", max_size=14))
def test_picking_any_candidate_leaves_a_shorter_tail_of_the_letters(letters: str) -> None:
    cleaned = letters.lower()
    for candidate in ENGINE.candidates(letters, limit=5):
        rest = ENGINE.consume(letters, candidate)
        assert len(rest) < len(cleaned)
        assert cleaned.endswith(rest)
