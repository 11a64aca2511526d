"""Train pantau's spaCy NER from the annotated corpus and score it on the test split.

``train()`` converts ``models/corpus/raw/`` into train/dev/test DocBins (the same deterministic split as
``python -m models.corpus.convert``), trains ``models/ner/config.cfg`` on CPU with a fixed seed, keeps the
best model on dev, scores it on test, and writes it to ``models/ner/model/`` (the pipeline shipped in the
package) with ``models/ner/metrics.json`` beside it.

    pantau train                       # or: python -m models.train [--output DIR]

>>> from models.train import train
>>> metrics = train("/tmp/pantau-ner")                           # doctest: +SKIP
>>> metrics["test"]["PER"]["f"] >= 0.9                           # doctest: +SKIP
True
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import Example

import extract.tokenizer  # noqa: F401  (registers pantau.indonesian_tokenizer.v1)
from models import NER_DIR, NER_MODEL
from models.corpus.convert import LABELS, RAW, converted

CONFIG = NER_DIR / "config.cfg"
#: The shipped pipeline must stay under this size (bytes).
MAX_BYTES = 30 * 1024 * 1024


def train(output_dir: Path | str = NER_MODEL, config: Path | str = CONFIG, raw: Path | str = RAW, seed: int = 0,
          overrides: dict | None = None, metrics_path: Path | str | None = None) -> dict:
    """Train, keep the best model on dev, score it on test; the metrics (also written to ``metrics.json``)."""
    from spacy.cli.train import train as spacy_train

    output_dir = Path(output_dir)
    metrics_path = Path(metrics_path) if metrics_path else output_dir.parent / "metrics.json"
    started = time.monotonic()
    with converted(raw) as work:
        settings = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                    "system.seed": seed, **(overrides or {})}
        spacy_train(Path(config), work / "out", use_gpu=-1, overrides=settings)
        trained = time.monotonic() - started
        best = work / "out" / "model-best"
        nlp = spacy.load(best)
        metrics = {
            "dev": evaluate(nlp, work / "dev.spacy"),
            "test": evaluate(nlp, work / "test.spacy"),
            "seed": seed,
            "train_seconds": round(trained, 1),
        }
        _write_meta(best, metrics)
        if output_dir.exists():
            shutil.rmtree(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(best, output_dir)
    metrics["model_bytes"] = folder_bytes(output_dir)
    if metrics["model_bytes"] > MAX_BYTES:
        raise RuntimeError(f"the trained pipeline is {metrics['model_bytes']} bytes, over {MAX_BYTES}")
    metrics_path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def evaluate(nlp, path: Path | str) -> dict:
    """Precision, recall and F1 per label and overall (``ALL``) of ``nlp``'s entities on a DocBin."""
    gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores = nlp.evaluate(examples)
    per_type = scores.get("ents_per_type") or {}
    out = {label: _prf(per_type.get(label, {})) for label in LABELS}
    out["ALL"] = {"p": round(scores["ents_p"], 4), "r": round(scores["ents_r"], 4), "f": round(scores["ents_f"], 4)}
    return out


def _prf(scores: dict) -> dict:
    return {k: round(scores.get(k, 0.0), 4) for k in ("p", "r", "f")}


def _write_meta(model: Path, metrics: dict) -> None:
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="pantau_ner", version="0.1.0", license="MIT", author="pantau",
                description="Indonesian news NER (PER, ORG, LOC) trained on pantau's own annotated corpus. "
                            "Load after `import extract.tokenizer` (it registers the tokenizer).")
    meta["performance"] = {**meta.get("performance", {}), "test": metrics["test"]}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def folder_bytes(path: Path) -> int:
    """Total size of the files under ``path``."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def table(metrics: dict, split: str = "test") -> str:
    """Per-label precision, recall and F1 as a text table."""
    lines = [f"{split:<5} {'P':>6} {'R':>6} {'F1':>6}"]
    for label, s in metrics[split].items():
        lines.append(f"{label:<5} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f}")
    return "\n".join(lines)


def command(argv: list[str] | None, description: str, output: Path, train_model) -> int:
    """A training command line (``--output``, ``--seed``): trains with ``train_model(output, seed=...)`` and
    prints the test scores, the model's size and the training time."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--output", type=Path, default=output, help=f"where to write the model (default: {output})")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    metrics = train_model(args.output, seed=args.seed)
    print(table(metrics))
    print(f"model: {args.output} ({metrics['model_bytes'] / 1e6:.1f} MB), trained in {metrics['train_seconds']} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    return command(argv, "Train pantau's spaCy NER on models/corpus/ (CPU).", NER_MODEL, train)


if __name__ == "__main__":
    sys.exit(main())
