"""`python -m quotes`, the same as the `quotes` command."""

from .cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
