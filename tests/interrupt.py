"""Ctrl-C for the tests of interrupted runs, whatever shell runs the tests.

A shell that runs a command in the background starts it with SIGINT
ignored, and a child inherits that: a run started from such tests would
shrug off the SIGINT the test sends. A terminal's Ctrl-C reaches a process
that has not chosen to ignore it, so the runs start with the default.
"""

from __future__ import annotations

import signal


def as_at_a_terminal() -> None:
    """For `subprocess.Popen(preexec_fn=...)`: SIGINT as a terminal gives it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
