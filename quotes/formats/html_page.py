"""The frame of the self-contained pages quotes writes (the report, the
trace): one file, its style inline, nothing fetched."""

from __future__ import annotations

import html
from collections.abc import Sequence


def escaped(value: str) -> str:
    return html.escape(value, quote=True)


def page(title: str, css: str, body: Sequence[str]) -> str:
    """An HTML document titled `title` (escaped here), styled by `css`,
    whose body is the given lines of markup."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escaped(title)}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
