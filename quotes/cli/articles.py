"""`quotes extract`, `render` and `explain`: one article, a text file, a
saved page or a URL, read and extracted in this process.

spaCy and the rules load inside the commands, not when the command line
starts: the other commands never need them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.ingest import STDIN, STDIN_NAME, Decoded, load_source
from ..formats.webpage import Page
from .output import EXIT_OK, error, write, write_file

if TYPE_CHECKING:
    from ..attribution.outlets import MarkedLine
    from ..records import Extraction


def run_extract(args: argparse.Namespace) -> int:
    from ..formats.emit import FORMATS

    extraction, _, _ = _extract_source(args)
    write(FORMATS[args.format](extraction.at_least(args.min_confidence)))
    return EXIT_OK


def run_render(args: argparse.Namespace) -> int:
    from ..formats.render import render_report

    extraction, skipped, text = _extract_source(args)
    report = render_report(extraction, text, skipped)
    if args.output in (None, STDIN):
        write(report)
    else:
        write_file(Path(args.output), report)
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from ..formats import explain

    text, outlet = _article_of(_read_source(args), args)
    report = explain.explain(text, outlet, model=args.model, rules_dirs=args.rules).holding(args.match)
    if args.json:
        write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        write(explain.format_explanation(report))
    return EXIT_OK


def _extract_source(args: argparse.Namespace) -> tuple[Extraction, tuple[MarkedLine, ...], str]:
    """The extraction of a text file, a saved page or a URL, the boilerplate
    lines it skipped, and the text its offsets index. A text long enough to
    be read in pieces shows a progress bar on a terminal."""
    from .. import api
    from ..corpus.progress import PieceProgress

    source = _read_source(args)
    text, outlet = _article_of(source, args)
    with PieceProgress() as progress:
        extraction, skipped = api.extract_with_skipped(
            text, outlet, model=args.model, rules_dirs=args.rules, on_piece=progress.update
        )
    if isinstance(source, Page):
        extraction = api.with_page(extraction, source)
    return extraction, skipped, text


def _article_of(source: str | Page, args: argparse.Namespace) -> tuple[str, str | None]:
    """The text to read and what names its outlet: a page's main text and
    outlet (its metadata completes the article later), or a text and --outlet."""
    if isinstance(source, Page):
        from .. import api

        return source.text, api.page_outlet(source, args.outlet, model=args.model, rules_dirs=args.rules)
    return source, args.outlet


def _read_source(args: argparse.Namespace) -> str | Page:
    """The text or page at args.path, in args.encoding if given. A text that
    was not UTF-8 gets one line on stderr naming the encoding it was read in."""
    source = load_source(args.path, args.encoding)
    if not isinstance(source, Decoded):
        return source
    if source.note:
        error(f"{STDIN_NAME if args.path == STDIN else args.path}: {source.note}")
    return source.text
