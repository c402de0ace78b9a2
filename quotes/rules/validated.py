"""The disk cache of validated rule files: a start-up skips validating a file
it has validated before, byte for byte.

Validating the built-in rules against their JSON Schemas, with every regex
and token pattern in them checked, took most of `quotes extract`'s start-up,
on every run, for files that had not changed. So a file that validated with
no problem is remembered by a key: the sha256 of its bytes, of its kind's
schema and of the quotes version (a new version may check more). The next
read of the same bytes parses the YAML, which the RuleFile needs anyway, and
skips the validation.

Only keys are stored, never parsed data: whatever the cache file says, a
rule's data comes from the rule file itself, through the safe YAML loader.
A file with problems is never remembered, so it reports them on every read.
The cache is a help, not a need: a cache that cannot be read, is corrupt or
cannot be written is ignored, and the file is validated as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

from ..version import __version__

CACHE_ENV = "QUOTES_CACHE_DIR"
CACHE_FILE = "validated-rules.json"
CACHE_FORMAT = 1
# Keys kept, the newest last: a few hundred edits of a user's files, and the
# built-ins of a few versions. Past it, the oldest are forgotten.
MAX_KEYS = 2000

_Stamp = tuple[int, int]  # the cache file's modification time (ns) and size
_lock = threading.Lock()
_read: dict[Path, tuple[_Stamp, frozenset[str]]] = {}


def cache_dir() -> Path:
    """QUOTES_CACHE_DIR, else $XDG_CACHE_HOME/quotes, else ~/.cache/quotes."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~").expanduser() / ".cache")
    return Path(base) / "quotes"


def cache_path() -> Path:
    return cache_dir() / CACHE_FILE


def file_key(raw: bytes, kind: str, schema_digest: str) -> str:
    """The key of a rule file's bytes validated against one schema by one
    version of quotes."""
    content = hashlib.sha256(raw).hexdigest()
    parts = (str(CACHE_FORMAT), __version__, kind, schema_digest, content)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def was_validated(key: str) -> bool:
    """Whether a file with this key validated with no problem before."""
    return key in _keys(cache_path())


def remember(key: str) -> None:
    """Record that a file validated with no problem. The file is rewritten
    whole and atomically (a temporary file renamed over it), so a reader in
    another process sees the old list or the new one, never half of one; two
    writers at once may lose one's key, which costs one validation later."""
    path = cache_path()
    with _lock:
        keys = [k for k in _key_list(path) if k != key]
        keys = [*keys, key][-MAX_KEYS:]
        try:
            write_atomically(path, json.dumps({"format": CACHE_FORMAT, "validated": keys}))
        except OSError:
            return  # a read-only home, a full disk: the next run validates again
        _read.pop(path, None)


def _keys(path: Path) -> frozenset[str]:
    """The keys in the cache file, read again only when the file changed."""
    try:
        stat = path.stat()
    except OSError:
        return frozenset()
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _read.get(path)
        if found is not None and found[0] == stamp:
            return found[1]
        keys = frozenset(_key_list(path))
        _read[path] = (stamp, keys)
        return keys


def _key_list(path: Path) -> list[str]:
    """The keys the cache file holds, oldest first; none for a missing,
    unreadable or malformed file."""
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT:
        return []
    keys = stored.get("validated")
    if not isinstance(keys, list):
        return []
    return [k for k in keys if isinstance(k, str) and len(k) == 64]


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
