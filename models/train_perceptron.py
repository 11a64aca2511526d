"""Train pantau's perceptron NER (``extract.ner_perceptron``) from the annotated corpus; score it on test.

The same train/dev/test split as the spaCy NER (``models.corpus.convert``). Two averaged perceptrons: the
first over word features, the second over the same features plus the first one's tags around each word.
The second learns from tags the first gives on text it was not trained on (each quarter of the training
documents tagged by a model trained on the other three), as it will see them on new text. Takes about
20 seconds on one core; the same corpus and seed give the same model.

    pantau train --backend perceptron          # or: python -m models.train_perceptron [--output FILE]

>>> from models.train_perceptron import train
>>> metrics = train("/tmp/pantau-perceptron.npz")                # doctest: +SKIP
>>> metrics["test"]["PER"]["f"] >= 0.9                           # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import numpy
from spacy.tokens import Doc, DocBin

from extract.ner_perceptron import BUCKETS, TAGS, Features, PerceptronNer, load_model, scores
from models import PERCEPTRON_MODEL
from models.corpus.convert import RAW, converted, tokenizer_nlp
from models.train import command, evaluate

#: Passes over the training tokens, and parts of the training documents for the second stage's tags.
EPOCHS = 8
FOLDS = 4


def gold_tags(doc: Doc) -> numpy.ndarray:
    """A BIO tag index per token from ``doc.ents``."""
    tags = numpy.zeros(len(doc), dtype=numpy.intp)
    for ent in doc.ents:
        tags[ent.start] = TAGS.index(f"B-{ent.label_}")
        tags[ent.start + 1:ent.end] = TAGS.index(f"I-{ent.label_}")
    return tags


def perceptron(rows: numpy.ndarray, gold: numpy.ndarray, seed: int, epochs: int = EPOCHS) -> numpy.ndarray:
    """Averaged perceptron weights (buckets × tags) for feature rows and their gold tags."""
    weights = numpy.zeros((BUCKETS, len(TAGS)), dtype=numpy.float32)
    totals = numpy.zeros_like(weights)  # each update times the step it was made at, for the average
    step = 0
    order = numpy.random.default_rng(seed)
    for _ in range(epochs):
        for i in order.permutation(len(rows)):
            step += 1
            features, truth = rows[i], gold[i]
            guess = int(weights[features].sum(axis=0).argmax())
            if guess != truth:
                weights[features, truth] += 1
                weights[features, guess] -= 1
                totals[features, truth] += step
                totals[features, guess] -= step
    return weights - totals / max(step, 1)


def fit(docs: list[Doc], seed: int = 0) -> PerceptronNer:
    """Both stages trained on ``docs`` (with their gold ``doc.ents``)."""
    common = sorted({t.text for doc in docs for t in doc if t.text.isalpha() and t.text.islower()})
    features = Features(common)
    firsts = [features.first(doc) for doc in docs]
    golds = [gold_tags(doc)[at] for doc, (at, _) in zip(docs, firsts, strict=True)]
    first = perceptron(numpy.concatenate([f for _, f in firsts]), numpy.concatenate(golds), seed)
    guesses: list[numpy.ndarray] = [numpy.empty(0)] * len(docs)
    part = numpy.arange(len(docs)) % FOLDS
    for k in range(FOLDS):
        train = numpy.flatnonzero(part != k)
        weights = perceptron(numpy.concatenate([firsts[i][1] for i in train]),
                             numpy.concatenate([golds[i] for i in train]), seed)
        for i in numpy.flatnonzero(part == k):
            guesses[i] = scores(weights, firsts[i][1]).argmax(axis=1)
    seconds = [Features.second(f, at, g, len(doc))
               for doc, (at, f), g in zip(docs, firsts, guesses, strict=True)]
    second = perceptron(numpy.concatenate(seconds), numpy.concatenate(golds), seed)
    return PerceptronNer(first, second, common)


def train(output: Path | str = PERCEPTRON_MODEL, raw: Path | str = RAW, seed: int = 0,
          metrics_path: Path | str | None = None) -> dict:
    """Train on the corpus's train split, score on dev and test, write the model and ``metrics.json``."""
    output = Path(output)
    metrics_path = Path(metrics_path) if metrics_path else output.parent / "metrics.json"
    started = time.monotonic()
    with converted(raw) as work:
        nlp = tokenizer_nlp()
        docs = list(DocBin().from_disk(work / "train.spacy").get_docs(nlp.vocab))
        model = fit(docs, seed)
        trained = time.monotonic() - started
        saved = work / "model.npz"
        model.save(saved)
        nlp.add_pipe("pantau_perceptron_ner", config={"model": str(saved)})
        metrics = {"dev": evaluate(nlp, work / "dev.spacy"), "test": evaluate(nlp, work / "test.spacy"),
                   "seed": seed, "train_seconds": round(trained, 1)}
        load_model.cache_clear()  # the file at ``saved`` goes with the folder
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, output)
    metrics["model_bytes"] = output.stat().st_size
    metrics_path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def main(argv: list[str] | None = None) -> int:
    return command(argv, "Train pantau's perceptron NER on models/corpus/ (CPU, seconds).", PERCEPTRON_MODEL, train)


if __name__ == "__main__":
    sys.exit(main())
