"""Bytes in, records out: articles and web pages read, records written as
YAML, JSON and ClaimReview, and the HTML and `explain` reports."""
