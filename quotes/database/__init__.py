"""The claims database: records of many articles in one SQLite file, to
search what was said and trace a quote across outlets."""
