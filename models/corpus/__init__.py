"""The annotated corpus: ``raw/*.txt`` (inline ``[[surface|LABEL]]`` marks) and its ``{train,dev,test}.spacy`` splits."""
