"""Merging the valid, layered rule files into one RuleSet: each kind of file
has its merger, and a later file adds to (or, for single values, replaces)
what the earlier ones gave."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..evaluation.calibration_model import from_rule_data
from .layering import check_rules, switch_off
from .ruleset import (
    COLON_CUE,
    CueWord,
    LinePattern,
    OutletProfile,
    PhraseCue,
    QuotePair,
    RuleFile,
    RuleSet,
    RulesInvalid,
)


def load_rules(extra_dirs: list[str | Path] | None = None) -> RuleSet:
    files, problems = check_rules(extra_dirs)
    if problems:
        raise RulesInvalid(problems)
    return build_ruleset(files)


def build_ruleset(files: list[RuleFile]) -> RuleSet:
    rules = RuleSet(files=files)
    for rule in switch_off(files):
        _MERGERS[rule.kind](rules, rule)
    return rules


def _merge_verbs(rules: RuleSet, rule: RuleFile) -> None:
    _merge_cue_words(rules.verbs, rule)


def _merge_nouns(rules: RuleSet, rule: RuleFile) -> None:
    _merge_cue_words(rules.nouns, rule)


def _merge_cue_words(words: dict[str, CueWord], rule: RuleFile) -> None:
    for group in rule.data["groups"]:
        for lemma in group["lemmas"]:
            content = tuple(group.get("content", ["clause"]))
            words[lemma] = CueWord(
                lemma=lemma,
                group=group["name"],
                confidence=group["confidence"],
                rule=rule.id,
                content=content,
                in_opinion=group.get("in_opinion", True),
                questions=group.get("questions", False),
                prepositions=frozenset(group.get("prepositions", [])),
                unnamed_passive=group.get("unnamed_passive", False),
                puts_out_words=group.get("puts_out_words", False),
                quote_object=group.get("quote_object", False),
                objects=frozenset(group.get("objects", [])),
                not_objects=frozenset(group.get("not_objects", [])),
                not_prepositions=frozenset(group.get("not_prepositions", [])),
            )


def _merge_phrases(rules: RuleSet, rule: RuleFile) -> None:
    for phrase in rule.data["phrases"]:
        rules.phrases.append(
            PhraseCue(
                phrase["name"],
                phrase["pattern"],
                phrase["speaker"],
                phrase["confidence"],
                rule.id,
                tuple(phrase.get("content", ["clause"])),
                phrase.get("named_speaker", False),
            )
        )


def _merge_relays(rules: RuleSet, rule: RuleFile) -> None:
    rules.relay_prepositions |= {p.lower() for p in rule.data.get("prepositions", [])}
    rules.listener_verbs |= {v.lower() for v in rule.data.get("listener_verbs", [])}
    rules.agencies |= set(rule.data["agencies"])


def _merge_direct_quote(rules: RuleSet, rule: RuleFile) -> None:
    rules.quote_pairs += [
        QuotePair(p["open"], p["close"], p.get("single", False), tuple(p.get("also_closed_by", ()))) for p in rule.data["pairs"]
    ]
    rules.not_marks |= set(rule.data.get("not_marks", []))
    rules.min_quote_words = rule.data.get("min_quote_words", rules.min_quote_words)
    rules.new_speaker = rule.data.get("new_speaker", rules.new_speaker)
    if "colon_cue" in rule.data:
        rules.colon_cue = PhraseCue(COLON_CUE, [], "subject", rule.data["colon_cue"]["confidence"], rule.id)


def _merge_people(rules: RuleSet, rule: RuleFile) -> None:
    rules.pronouns.update({k.lower(): v for k, v in rule.data.get("pronouns", {}).items()})
    rules.honorifics |= set(rule.data.get("honorifics", []))
    rules.titles |= set(rule.data.get("titles", []))
    for gender, words in rule.data.get("gender_words", {}).items():
        rules.gender_words.update({word.casefold(): gender for word in words})
    rules.title_abbreviations.update({k.casefold(): v.casefold() for k, v in rule.data.get("title_abbreviations", {}).items()})
    rules.indefinite_determiners |= {w.casefold() for w in rule.data.get("indefinite_determiners", [])}
    rules.organization_nouns |= {w.casefold() for w in rule.data.get("organization_nouns", [])}
    rules.document_nouns |= {w.casefold() for w in rule.data.get("document_nouns", [])}
    rules.occasion_nouns |= {w.casefold() for w in rule.data.get("occasion_nouns", [])}
    rules.impersonal_adjectives |= {w.casefold() for w in rule.data.get("impersonal_adjectives", [])}
    rules.party_markers.update({k: v.casefold() for k, v in rule.data.get("party_markers", {}).items()})
    rules.affiliation_prepositions |= {p.lower() for p in rule.data.get("affiliation_prepositions", [])}


def _merge_boilerplate(rules: RuleSet, rule: RuleFile) -> None:
    rules.boilerplate += [_line_pattern(line, rule) for line in rule.data["lines"]]


def _line_pattern(line: dict[str, Any], rule: RuleFile) -> LinePattern:
    return LinePattern(line["label"], line["pattern"], rule.id, line.get("at", "line"))


def _merge_outlet(rules: RuleSet, rule: RuleFile) -> None:
    outlet = rule.data["outlet"]
    rules.outlets.append(
        OutletProfile(
            id=rule.id,
            name=outlet["name"],
            aliases=tuple(outlet.get("aliases", [])),
            domains=tuple(outlet.get("domains", [])),
            signatures=tuple(outlet.get("signatures", [])),
            kind=outlet.get("kind", "news"),
            kind_markers={k: tuple(v) for k, v in outlet.get("kind_markers", {}).items()},
            fields=dict(outlet.get("fields", {})),
            boilerplate=tuple(_line_pattern(b, rule) for b in outlet.get("boilerplate", [])),
            agency=outlet.get("agency", False),
        )
    )


def _merge_calibration(rules: RuleSet, rule: RuleFile) -> None:
    # One model holds: a user's calibration file replaces the built-in one.
    rules.calibration = from_rule_data(rule.data)


_MERGERS: dict[str, Callable[[RuleSet, RuleFile], None]] = {
    "reporting_verbs": _merge_verbs,
    "reporting_nouns": _merge_nouns,
    "indirect_quote": _merge_phrases,
    "relays": _merge_relays,
    "direct_quote": _merge_direct_quote,
    "people": _merge_people,
    "boilerplate": _merge_boilerplate,
    "outlet": _merge_outlet,
    "disable": lambda rules, rule: None,  # applied before merging, by switch_off
    "calibration": _merge_calibration,
}
