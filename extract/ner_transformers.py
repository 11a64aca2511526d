"""A transformers NER backend: any local token-classification model (an IndoBERT fine-tune you bring) as pantau's NER.

``pantau_ner_transformers`` loads a model folder (``AutoTokenizer`` + ``AutoModelForTokenClassification``,
``local_files_only``: nothing is downloaded), tags batches of articles on CPU or GPU, maps the model's
labels (BIO, IOB, BIOES/BILOU; ``PERSON``, ``LOCATION``, ``GPE``, ``ORGANIZATION`` …) to PER, ORG and LOC,
aligns its word pieces to spaCy tokens by character offsets and writes the same ``doc.ents`` and
``doc._.ner`` as ``extract.ner``. Needs the ``transformers`` extra (torch, transformers).

    pantau extract --ner transformers:/models/indobert-ner artikel.txt

>>> normalize_label("B-PERSON"), normalize_label("I-GPE"), normalize_label("E-ORGANIZATION"), normalize_label("O")
(('B', 'PER'), ('I', 'LOC'), ('E', 'ORG'), ('O', None))
>>> decode([("B", "PER"), ("I", "PER"), ("O", None), ("I", "LOC"), ("S", "ORG")])
[(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.ner import set_entities
from extract.tokenizer import doc_text

#: Entity types as models name them → pantau's labels (anything else is outside).
TYPES = {
    "PER": "PER", "PERSON": "PER", "PERS": "PER", "PPL": "PER", "PEOPLE": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "IND": "ORG", "INSTITUTION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "PLACE": "LOC", "PLC": "LOC", "GEO": "LOC", "FAC": "LOC",
}
#: Tag prefixes: B/I (IOB1, IOB2), E/S (BIOES), L/U (BILOU).
PREFIXES = {"B": "B", "I": "I", "E": "E", "S": "S", "L": "E", "U": "S"}


def normalize_label(label: str) -> tuple[str, str | None]:
    """A model's label as (prefix, PER/ORG/LOC): ``B-PERSON`` → ``('B', 'PER')``; unknown types → ``('O', None)``."""
    label = label.strip().upper()
    for sep in ("-", "_"):
        head, found, tail = label.partition(sep)
        if found and head in PREFIXES and tail in TYPES:
            return PREFIXES[head], TYPES[tail]
        if found and tail in PREFIXES and head in TYPES:  # PER-B
            return PREFIXES[tail], TYPES[head]
    if label in TYPES:  # a bare type: IO tagging
        return "I", TYPES[label]
    return "O", None


def decode(tags: Sequence[tuple[str, str | None]]) -> list[tuple[int, int, str]]:
    """Token-level (prefix, label) tags as entity token spans ``(start, end, label)``.

    Lenient like seqeval: an ``I``/``E`` after ``O`` or after another label starts an entity.
    """
    spans, start, label = [], None, None
    for i, (prefix, kind) in enumerate(tags):
        if kind is None or prefix == "O":
            if start is not None:
                spans.append((start, i, label))
            start, label = None, None
            continue
        if prefix in ("B", "S") or kind != label or start is None:
            if start is not None:
                spans.append((start, i, label))
            start, label = i, kind
        if prefix in ("E", "S"):
            spans.append((start, i + 1, label))
            start, label = None, None
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def pick_device(device: str = "auto") -> str:
    """``auto`` → ``cuda`` when a GPU is there, else ``cpu``; anything else as given."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@dataclass
class _Piece:
    start: int  # character offsets of the word piece in the text
    end: int
    tag: tuple[str, str | None]
    margin: int  # distance to the nearer edge of its window: the larger, the more context it saw


class TokenClassifier:
    """A local token-classification model that tags texts with character-offset entities.

    >>> tagger = TokenClassifier("/models/indobert-ner")                        # doctest: +SKIP
    >>> tagger.tag_docs([nlp.make_doc("Kata Budi di Palu.")])                    # doctest: +SKIP
    [[(5, 9, 'PER'), (13, 17, 'LOC')]]
    """

    def __init__(self, path: str | Path, device: str = "auto", batch_size: int = 16, max_length: int = 256,
                 stride: int = 32):
        from transformers import AutoModelForTokenClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        self.path = Path(path)
        if not self.path.is_dir():
            raise FileNotFoundError(f"no model folder at {path}")
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # no "Loading weights" bars on a command's stderr
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            self.model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        if not self.tokenizer.is_fast:
            raise ValueError(f"{path}: a fast tokenizer (tokenizer.json or a vocab a fast one is built from) is "
                             "needed to align word pieces with words")
        self.device = pick_device(device)
        self.model.to(self.device).eval()
        self.tags = {int(i): normalize_label(label) for i, label in self.model.config.id2label.items()}
        limit = getattr(self.tokenizer, "model_max_length", max_length) or max_length
        self.max_length = min(max_length, limit, getattr(self.model.config, "max_position_embeddings", max_length))
        self.stride = min(stride, self.max_length // 4)
        self.batch_size = batch_size

    def tag_docs(self, docs: Sequence[Doc]) -> list[list[tuple[int, int, str]]]:
        """Entities of each Doc as (start_char, end_char, label), word pieces voted onto its tokens."""
        if not docs:
            return []
        pieces = self._pieces([doc_text(doc) for doc in docs])
        return [self._entities(doc, found) for doc, found in zip(docs, pieces, strict=True)]

    def _windows(self, texts: Sequence[str]):
        enc = self.tokenizer(list(texts), truncation=True, max_length=self.max_length, stride=self.stride,
                             return_overflowing_tokens=True, return_offsets_mapping=True, padding=False)
        owners = enc.get("overflow_to_sample_mapping") or list(range(len(texts)))
        for k, owner in enumerate(owners):
            yield owner, enc["input_ids"][k], enc["offset_mapping"][k]

    def _pieces(self, texts: Sequence[str]) -> list[list[_Piece]]:
        import torch

        windows = list(self._windows(texts))
        out: list[list[_Piece]] = [[] for _ in texts]
        order = sorted(range(len(windows)), key=lambda k: len(windows[k][1]))
        for at in range(0, len(order), self.batch_size):
            batch = [windows[k] for k in order[at:at + self.batch_size]]
            padded = self.tokenizer.pad({"input_ids": [w[1] for w in batch]}, return_tensors="pt")
            with torch.inference_mode():
                logits = self.model(**{k: v.to(self.device) for k, v in padded.items()}).logits
            best = logits.argmax(-1).tolist()
            for (owner, ids, offsets), labels in zip(batch, best, strict=True):
                n = len(ids)
                for j, (a, b) in enumerate(offsets):
                    if b > a:  # special tokens ([CLS], padding) have empty offsets
                        out[owner].append(_Piece(a, b, self.tags.get(labels[j], ("O", None)), min(j, n - 1 - j)))
        return out

    @staticmethod
    def _entities(doc: Doc, pieces: list[_Piece]) -> list[tuple[int, int, str]]:
        """Each spaCy token takes the tag of its first word piece (as seen with the most context); then decode."""
        chosen: dict[int, _Piece] = {}
        tokens = [t for t in doc if not t.is_space]
        k = 0
        for piece in sorted(pieces, key=lambda p: (p.start, -p.margin)):
            while k < len(tokens) and tokens[k].idx + len(tokens[k]) <= piece.start:
                k += 1
            if k == len(tokens):
                break
            if piece.end > tokens[k].idx and tokens[k].i not in chosen:
                chosen[tokens[k].i] = piece
        tags = [chosen[t.i].tag if t.i in chosen else ("O", None) for t in tokens]
        return [(tokens[a].idx, tokens[b - 1].idx + len(tokens[b - 1]), label) for a, b, label in decode(tags)]


@Language.factory("pantau_ner_transformers",
                  default_config={"model": "", "device": "auto", "batch_size": 16, "max_length": 256})
class TransformersNer:
    """pantau's NER from a local token-classification model folder (``model``), batched with ``nlp.pipe``."""

    def __init__(self, nlp: Language, name: str, model: str, device: str, batch_size: int, max_length: int):
        self.name = name
        self.tagger = TokenClassifier(model, device=device, batch_size=batch_size, max_length=max_length)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None):
        docs = list(docs)
        for doc, spans in zip(docs, self.tagger.tag_docs(docs), strict=True):
            yield set_entities(doc, spans)
