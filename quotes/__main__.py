"""`python -m quotes`, the same as the `quotes` command."""

from .cli import main

raise SystemExit(main())
