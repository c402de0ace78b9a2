"""quotes.evaluation.groups: mistakes counted by what they have in common."""

from __future__ import annotations

import pytest

from quotes.evaluation.groups import NO_CUE, cue_word, error_groups, format_groups, mention_kind


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        (None, "no mention"),
        ("  ", "no mention"),
        ("she", "pronoun"),
        ("They", "pronoun"),
        ("who", "relative pronoun"),
        ("Which", "relative pronoun"),
        ("Hillary Clinton", "name or description"),
        ("the senator", "name or description"),
    ],
)
def test_mention_kind(mention, kind):
    assert mention_kind(mention) == kind


@pytest.mark.parametrize(("cue", "word"), [("Said", "said"), ("according  to", "according to"), (None, NO_CUE), (" ", NO_CUE)])
def test_cue_word(cue, word):
    assert cue_word(cue) == word


def test_groups_count_the_largest_class_first():
    misses = [{"cue": "said"}, {"cue": "Said"}, {"cue": "appears"}, {"cue": None}]
    alarms = [
        {"rule": "cues.verbs#stance", "cue": "backed"},
        {"rule": "cues.verbs#stance", "cue": "urged"},
        {"rule": None, "cue": ":"},
    ]
    wrong = [{"rule": "quotes.quote-marks#continuation", "mention": "he"}, {"rule": "cues.verbs#speech", "mention": "who"}]
    groups = error_groups(misses, alarms, wrong)
    assert groups["misses by gold cue"] == [("said", 2), ("appears", 1), (NO_CUE, 1)]
    assert groups["false alarms by rule"] == [("cues.verbs#stance", 2), ("-", 1)]
    assert groups["false alarms by cue"] == [("backed", 1), ("urged", 1), (":", 1)]
    assert groups["wrong speakers by mention"] == [("pronoun", 1), ("relative pronoun", 1)]
    lines = format_groups(groups, {"misses": 4, "false alarms": 3, "wrong speakers": 2})
    assert "misses by gold cue (top 3 of 4):" in lines
    assert "       2  50.0%  said" in lines


def test_no_mistakes_no_lines():
    assert format_groups(error_groups([], [], []), {"misses": 0}) == []
