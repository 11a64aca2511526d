"""pantau's trained artefacts and how they are made.

``models/corpus/`` holds the annotated Indonesian news text (``raw/``) and its spaCy splits,
``models/ner/`` the training config, the shipped NER pipeline (``model/``) and its test metrics.

>>> from models import NER_MODEL
>>> NER_MODEL.name
'model'
"""

from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
NER_DIR = HERE / "ner"
NER_MODEL = NER_DIR / "model"
