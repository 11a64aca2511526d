"""pantau's trained artefacts and how they are made.

``models/corpus/`` holds the annotated Indonesian news text (``raw/``) and its spaCy splits,
``models/ner/`` the training config, the shipped spaCy NER pipeline (``model/``) and its test metrics,
``models/perceptron/`` the shipped perceptron NER (``model.npz``, ``extract.ner_perceptron``) and its metrics.

>>> from models import NER_MODEL
>>> NER_MODEL.name
'model'
"""

from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
NER_DIR = HERE / "ner"
NER_MODEL = NER_DIR / "model"
PERCEPTRON_DIR = HERE / "perceptron"
PERCEPTRON_MODEL = PERCEPTRON_DIR / "model.npz"
