"""The version of quotes: one place, read by the package, the command line
and the User-Agent of a page fetch (none of which may import the package
itself while it is being imported)."""

__version__ = "0.1.0"
