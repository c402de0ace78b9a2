"""The spaCy side: the `quotes` component, what it adds to a pipeline (line
starts, quote-mark and dash tokens), and what makes it fast at run time."""
