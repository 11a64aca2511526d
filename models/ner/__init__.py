"""The spaCy NER: ``config.cfg`` (training), ``model/`` (the shipped pipeline), ``metrics.json`` (test scores)."""
