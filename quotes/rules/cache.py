"""Rule sets remembered between calls, and forgotten when their files change.

Reading the rule files takes tens of milliseconds even when the disk cache
of validated files (`validated`) spares their validation, and most of a
second when it does not; an article takes milliseconds. So a RuleSet is
remembered under a key of the folders it was read from, resolved
to absolute paths (a relative folder keeps the meaning it had when given,
whatever the working folder becomes), and of the modification time and size
of every rule file in them: an edited, added or removed file is read anew on
the next call, in a notebook or a server as on the command line.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from .folders import rule_dirs, rule_paths
from .merging import load_rules
from .ruleset import RuleSet

FileStamp = tuple[str, int, int]  # path, modification time (ns), size
RulesKey = tuple[tuple[str, ...], tuple[FileStamp, ...]]
MAX_REMEMBERED = 8

_remembered: OrderedDict[RulesKey, RuleSet] = OrderedDict()
_lock = threading.Lock()


def resolved_folders(extra_dirs: Sequence[str | Path]) -> tuple[str, ...]:
    """The user's rule folders as absolute paths, in their order."""
    return tuple(str(Path(d).expanduser().resolve()) for d in extra_dirs)


def rules_key(extra_dirs: Sequence[str | Path] = ()) -> RulesKey:
    """What a RuleSet read now from `extra_dirs` (after the built-ins and the
    QUOTES_RULES folders) depends on. A folder that does not exist is part
    of the key with no files: reading it fails (E108), and nothing is kept."""
    folders = [d.expanduser().resolve() for d in rule_dirs(list(extra_dirs))]
    stamps: list[FileStamp] = []
    for folder in folders:
        if folder.is_dir():
            for path in rule_paths(folder):
                stat = path.stat()
                stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(str(f) for f in folders), tuple(stamps)


def load_rules_cached(extra_dirs: Sequence[str | Path] = ()) -> RuleSet:
    """`load_rules` for `extra_dirs`, read again only when a file changed."""
    key = rules_key(extra_dirs)
    with _lock:
        found = _remembered.get(key)
        if found is not None:
            _remembered.move_to_end(key)
            return found
    rules = load_rules(list(resolved_folders(extra_dirs)))
    with _lock:
        _remembered[key] = rules
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
    return rules


def forget_rules() -> None:
    with _lock:
        _remembered.clear()
