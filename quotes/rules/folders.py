"""Where the rule files are: the built-in folder first, then the QUOTES_RULES
folders, then the ones a caller names; and the schemas copied beside a user's
own rules so that their files name them as the built-ins do."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import QuotesError
from .ruleset import RULES_ENV, builtin_rules_dir


def rule_dirs(extra: list[str | Path] | None = None) -> list[Path]:
    """Built-ins first, then QUOTES_RULES folders, then the given ones."""
    dirs = [builtin_rules_dir()]
    env = os.environ.get(RULES_ENV, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in extra or []]
    return dirs


def copy_schemas(folder: Path) -> list[Path]:
    """The schemas, copied into `folder`/schemas: a rule file in `folder`/KIND/
    names its schema as the built-ins do (`$schema=../schemas/KIND.schema.json`)."""
    target = folder / "schemas"
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for schema in sorted((builtin_rules_dir() / "schemas").glob("*.schema.json")):
            written.append(target / schema.name)
            written[-1].write_bytes(schema.read_bytes())
    except OSError as exc:
        raise QuotesError("E026", path=str(target), detail=exc.strerror or str(exc)) from None
    return written


def rule_paths(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise QuotesError("E108", path=str(directory))
    return sorted(p for p in directory.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"})
