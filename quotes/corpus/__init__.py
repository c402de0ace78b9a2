"""Many articles: JSON Lines and folders in, one record per article out,
on local worker processes or a Ray cluster, resumable."""
