"""The evaluation as a person reads it: the definitions, the tables of
scores, the reliability of the confidences, the confusion of types and the
examples of mistakes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .groups import format_groups
from .reliability import format_reliability
from .tables import PRF, Ratio, Scores

HEADER = """\
match: a claim and a gold quote overlap by >= half the shorter; one-to-one, optimal
  (most matches, then most overlap); an unmatched claim inside a matched quote is ignored
P = TP/(TP+FP), R = TP/(TP+FN); per gold type: R over that type, P charges a false
  alarm to the type the claim says it is
speaker right: equal after normalising (case, punctuation, 's, the/a/an, Mr./Ms./Dr.), or one
  ends the other, also with the gold head before a comma or "(";
  mention acc. over gold with a speaker; name acc. over gold speakers that are not pronouns
end to end: matched and speaker right (mention or name); gold without speaker: no mention"""

_SHOWN = 200


def format_report(scores: Scores) -> str:
    """A compact table of the scores, definitions first, examples last."""
    failed = f", {len(scores.failed)} failed" if scores.failed else ""
    lines = [
        f"{scores.articles} articles{failed}, {scores.gold_quotes} gold quotes, "
        f"{scores.claims} claims ({scores.ignored} ignored)",
        HEADER,
        "",
        f"{'':14}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}",
        _prf_row("quotes", scores.quotes),
        *(_prf_row(f"  {kind}", prf) for kind, prf in scores.by_type.items()),
        _prf_row("end to end", scores.e2e),
        "",
        f"{'speaker':14}{'right':>7}{'of':>7}{'acc':>8}",
        _ratio_row("  mention", scores.speaker_mention),
        _ratio_row("  name", scores.speaker_name),
        f"  {scores.no_gold_speaker} matched gold quotes have no gold speaker",
        "",
        format_reliability(scores.confidence),
    ]
    if scores.confusion:
        columns = list(next(iter(scores.confusion.values())))
        lines += ["", "type: rows gold, columns claim (none: unmatched)"]
        lines.append(f"{'':12}" + "".join(f"{c:>10}" for c in columns))
        for g, row in scores.confusion.items():
            lines.append(f"  {g:10}" + "".join(f"{row[c]:>10}" for c in columns))
    lines += format_groups(scores.error_groups, scores.error_totals)
    for kind, items in scores.examples.items():
        lines += ["", f"{kind.replace('_', ' ')} ({len(items)}):"]
        lines += [_example(kind, item) for item in items]
    if scores.failed:
        lines += ["", "failed: " + ", ".join(scores.failed)]
    return "\n".join(lines) + "\n"


def _prf_row(label: str, prf: PRF) -> str:
    return f"{label:14}{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"


def _ratio_row(label: str, ratio: Ratio) -> str:
    return f"{label:14}{ratio.right:>7}{ratio.total:>7}{ratio.value:>8.3f}"


def shorten(text: Any, width: int = _SHOWN) -> str:
    text = " ".join(str(text).split()) if text is not None else "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _example(kind: str, item: Mapping[str, Any]) -> str:
    where = f"- {item['article']}"
    if kind == "misses":
        return (
            f"{where} [{item['type']}] speaker={shorten(item['speaker'], 60)} cue={shorten(item['cue'], 30)}\n"
            f"    gold: {shorten(item['content'])}\n    context: {shorten(item['context'], 400)}"
        )
    if kind == "false_alarms":
        return (
            f"{where} {item['claim']} [{item['type']}] {item['rule']} "
            f"speaker={shorten(item['speaker'], 60)} cue={shorten(item['cue'], 30)}\n"
            f"    claim: {shorten(item['text'])}"
        )
    return (
        f"{where} {item['claim']} [{item['type']}] {item['rule']}\n"
        f"    gold speaker: {shorten(item['gold'], 80)} | mention: {shorten(item['mention'], 60)} "
        f"| name: {shorten(item['name'], 60)}\n    content: {shorten(item['content'])}"
    )
