"""A corpus run's defaults and choices, known without loading the engines
(the command line's options show them)."""

ENGINES = ("local", "ray")

# A batch ends at whichever limit it reaches first. Small batches keep a
# worker's memory near its model's (a batch of 256 long articles peaked at
# 2.7 GB). Even ones share the work: news articles run from 150 to 34,000
# characters, so batches of 32 articles differed up to 2.3x in work and the
# last of a slice left a worker idle (2 workers over one: 1.37-1.61x; with
# the character limit 1.66-1.91x, benchmarks on 256 articles). A worker is
# about as fast with batches of 8 articles as with 32.
DEFAULT_BATCH_SIZE = 32
DEFAULT_BATCH_CHARACTERS = 50_000
