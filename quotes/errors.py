"""The error catalogue: every error the user can meet has a stable code.

Codes are part of the interface (scripts grep for them), so a code is never
reused for another meaning. E0xx: input; E01x: model; E1xx: rule files;
W1xx: warnings about rule files that load.
"""

from __future__ import annotations

from dataclasses import dataclass


class Errors:
    E001 = "cannot read {path}: no such file"
    E002 = "cannot read {path}: it is a directory, not an article"
    E003 = "cannot read {path}: the file is empty"
    E004 = "cannot read {path}: it looks like a binary file, not text"
    E005 = "cannot read {path}: the text is not {encoding} ({detail})"
    E006 = "cannot read {path}: {detail}"
    E007 = "the article is empty"
    E008 = "unknown text encoding {name!r}: name a codec Python knows, such as utf-8, cp1252, latin-1 or utf-16"
    E010 = "the spaCy pipeline '{model}' is not installed; install it with `pip install {package}` or choose another with --model"
    E011 = "the spaCy pipeline '{model}' could not be loaded: {detail}"
    E012 = "QUOTES_MATMUL is {value!r}: it must be 'numpy' (the default) or 'blis'"
    E013 = (
        "the text has {length:,} characters; a parsed Doc holds at most {limit:,}: "
        "`quotes extract` reads longer texts in pieces, `explain` needs a part of it"
    )
    # E02x: JSON Lines input to `quotes corpus` and `quotes eval`.
    E020 = "line {line}: not a JSON object: {detail}"
    E021 = "line {line}: `{field}` must be {kind}"
    E022 = "line {line}: the article text is empty"
    E023 = "line {line}: bad gold quotes: {detail}"
    E024 = "no prediction for gold article '{id}'"
    E025 = "line {line}: duplicate article id '{id}'"
    E026 = "cannot write {path}: {detail}"
    E027 = "the extractor failed on this article: {detail}"
    E028 = "the Ray engine needs Ray: pip install 'quotes-attribution[ray]' ({detail})"
    E029 = "cannot run the corpus job: {detail}"
    E030 = (
        "the rule pattern {pattern!r} ran past {seconds:g} s on this article and was stopped; "
        "rewrite it so that each stretch of a line can match only one way: bound its repetitions "
        "({{0,3}}) and give its alternatives different first characters"
    )
    E031 = "another run is writing {path} (it holds {lock}): wait for it to end, or write elsewhere"
    E032 = "a worker process died while extracting this article's batch ({detail}); --resume extracts it again"
    E033 = "fitting a calibration needs scikit-learn: {detail}"
    E034 = "cannot fit a calibration: the claims must include right and wrong ones ({detail})"
    E035 = (
        "--fail-fast: an unexpected error in the extractor (a bug, not bad data) stopped the run at {articles}: "
        "{detail}; the records before them are written, and --resume goes on from there"
    )
    # E04x: web pages.
    E040 = "cannot fetch {url}: {detail}"
    E041 = "{path} is not an HTML page: {detail}"
    E042 = "{path}: the page has no main text to extract"
    E043 = "{path} is larger than {limit} MB: not an article page"
    # E06x: brat annotation files (`python -m quotes.evaluation.brat`).
    E060 = "malformed brat line: {detail}"
    E061 = "{event} names {ref}, which is not a span of this file"
    E062 = "{detail}"
    E063 = "no text file for {path}: looked for {looked}"
    E064 = "cannot read {path}: {detail}"
    # E07x: the claims database (`quotes index`, `search`, `trace`, `corpus --db`).
    E070 = "no claims database given: pass --db FILE or set QUOTES_DB"
    E071 = "cannot open the claims database {path}: no such file (`quotes index` or `quotes corpus --db` makes one)"
    E072 = "{path} is not a claims database: {detail}"
    E073 = "{path} was written by a newer quotes (schema version {found}; this one reads up to {supported}): upgrade quotes"
    E074 = "no claim '{claim}' in the database: {detail}"
    E075 = "`{option}` must be a date such as 2026-01-31, not {value!r}"
    E076 = "cannot write the claims database {path}: {detail}"
    E077 = "nothing to trace: give the quote's words, or --claim ARTICLE_ID#qN"
    E100 = "YAML syntax error: {detail}"
    E101 = "duplicate key '{key}'"
    E102 = "{detail}"
    E103 = "{at}: bad regular expression: {detail}"
    E104 = "{at}: bad token pattern: {detail}"
    E105 = "duplicate rule id '{rule_id}' (first defined in {first})"
    E106 = "cannot read rule file: {detail}"
    E107 = "{detail}"
    E108 = "the rules folder {path} does not exist"
    E109 = "lemma '{lemma}' is already in group '{first}'"
    E110 = "{at}: pattern may backtrack catastrophically: {detail}"
    E111 = "no rule '{rule_id}' to switch off{detail}"
    E112 = "YAML {what} '{name}' refused: rule files may not use anchors or aliases; write the values out in full"
    E113 = "the file is larger than {limit}, the most a rule file may be: split it into several rule files"
    E114 = "lists and mappings nested more than {limit} deep: a rule file needs a few levels; flatten this one"
    E115 = "the test names part '{part}', which this file does not have (its parts: {parts})"
    E120 = "rule test failed: {detail}"
    # W1xx: rule files that load but deserve a look.
    W110 = (
        "{at}: pattern not proven safe: {detail}. It loads, and a match that runs past {seconds:g} s stops its article with E030"
    )
    W111 = (
        "the `{field}` pattern names the group {named}, but the field is read from a group named {wanted}: "
        "as it is, the whole match becomes the {field}"
    )


@dataclass(frozen=True)
class Location:
    """Where in a file a problem lies; line and column count from 1."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class QuotesError(Exception):
    """An error meant for the user: one line, a stable code, no traceback."""

    def __init__(self, code: str, location: Location | None = None, **fields: object):
        self.code = code
        self.location = location
        self.detail = getattr(Errors, code).format(**fields)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" {self.location}" if self.location else ""
        return f"{self.code}{where} {self.detail}"

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle would call the constructor with `args` (the message), which
        # cannot rebuild the fields: carry the state itself, a subclass's
        # fields included, so an error crosses to and from worker processes.
        return (_restored, (type(self), self.args, dict(vars(self))))


def _restored(cls: type[QuotesError], args: tuple[object, ...], state: dict[str, object]) -> QuotesError:
    error = cls.__new__(cls, *args)
    error.args = args
    vars(error).update(state)
    return error
