"""Fine-tune a local transformers model (a base you bring, e.g. IndoBERT) for NER on pantau's corpus.

The corpus sentences, tokenized with pantau's tokenizer, become words with BIO labels (``B-PER``,
``I-ORG`` …; tokens marked missing in the corpus are ignored by the loss); each word's first word piece
carries its label. A plain torch loop (AdamW, linear decay, fixed seed) trains on the train split; the
result, saved with ``save_pretrained``, is what ``pantau extract --ner transformers:PATH`` loads, and the
test split is scored with the same decoding as extraction.

    pantau train --backend transformers --base /models/indobert-base --output /models/pantau-ner-indobert

>>> from models.train_transformers import train_transformers
>>> train_transformers("/models/indobert-base", "/tmp/ner-bert", epochs=3)   # doctest: +SKIP
{'test': {'PER': {'p': ..., 'r': ..., 'f': ...}, ...}, ...}
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from spacy.scorer import get_ner_prf
from spacy.training import Example

from models.corpus.convert import LABELS, RAW, RawDoc, make_doc, read_documents, split_documents, tokenizer_nlp

#: The label set a fine-tuned model gets (BIO over pantau's labels).
BIO = ["O"] + [f"{p}-{label}" for label in LABELS for p in ("B", "I")]
IGNORE = -100


def sentence_docs(split: str, raw: Path = RAW) -> list:
    """The split's sentences as spaCy Docs with entities (partial-token entities marked missing)."""
    nlp = tokenizer_nlp()
    docs = []
    for document in split_documents(read_documents(raw))[split]:
        for k, sentence in enumerate(document.sentences):
            doc, _ = make_doc(nlp, RawDoc(document.source, document.number * 1000 + k, [sentence]))
            docs.append(doc)
    return docs


def words_and_labels(doc) -> tuple[list[str], list[int]]:
    """A Doc's words and BIO label ids (``IGNORE`` for tokens whose annotation is missing)."""
    words, labels = [], []
    for tok in doc:
        if tok.is_space:
            continue
        words.append(tok.text)
        if tok.ent_iob_ == "":
            labels.append(IGNORE)
        else:
            labels.append(BIO.index(f"{tok.ent_iob_}-{tok.ent_type_}") if tok.ent_type_ else 0)
    return words, labels


def encode(tokenizer, docs, max_length: int = 256) -> list[dict]:
    """Model inputs for each Doc: word pieces, and labels on each word's first piece."""
    out = []
    for doc in docs:
        words, labels = words_and_labels(doc)
        if not words:
            continue
        enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_length)
        previous, aligned = None, []
        for word in enc.word_ids():
            aligned.append(IGNORE if word is None or word == previous else labels[word])
            previous = word
        out.append({"input_ids": enc["input_ids"], "labels": aligned})
    return out


def _batches(items: list[dict], size: int, tokenizer, rng: random.Random):
    import torch

    order = list(range(len(items)))
    rng.shuffle(order)
    for at in range(0, len(order), size):
        chunk = [items[k] for k in order[at:at + size]]
        padded = tokenizer.pad({"input_ids": [c["input_ids"] for c in chunk]}, return_tensors="pt")
        width = padded["input_ids"].shape[1]
        padded["labels"] = torch.tensor([c["labels"] + [IGNORE] * (width - len(c["labels"])) for c in chunk])
        yield padded


def train_transformers(base: Path | str, output_dir: Path | str, epochs: int = 3, batch_size: int = 16,
                       learn_rate: float = 5e-5, max_steps: int | None = None, device: str = "auto", seed: int = 0,
                       evaluate: bool = True, raw: Path | str = RAW) -> dict:
    """Fine-tune the model folder ``base`` on the train split, save it to ``output_dir``; the metrics."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from extract.ner_transformers import pick_device

    started = time.monotonic()
    random.seed(seed)
    torch.manual_seed(seed)
    device = pick_device(device)
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(
        str(base), local_files_only=True, num_labels=len(BIO), ignore_mismatched_sizes=True,
        id2label=dict(enumerate(BIO)), label2id={label: i for i, label in enumerate(BIO)})
    model.to(device).train()
    items = encode(tokenizer, sentence_docs("train", Path(raw)))
    steps_per_epoch = -(-len(items) // batch_size)
    total = min(max_steps or epochs * steps_per_epoch, epochs * steps_per_epoch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learn_rate, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1 - step / max(1, total)))
    rng, step, losses = random.Random(seed), 0, []
    while step < total:
        for batch in _batches(items, batch_size, tokenizer, rng):
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            losses.append(loss.item())
            step += 1
            if step >= total:
                break
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(output_dir)
    tokenizer.save_pretrained(output_dir)
    metrics = {"base": str(base), "steps": step, "last_loss": round(losses[-1], 4) if losses else None,
               "train_seconds": round(time.monotonic() - started, 1), "device": device}
    if evaluate:
        metrics["test"] = score(output_dir, "test", device=device, raw=Path(raw))
    (output_dir / "pantau_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def score(model_dir: Path | str, split: str = "test", device: str = "auto", raw: Path = RAW) -> dict:
    """P/R/F per label of a token-classification model folder on a corpus split, decoded as extraction does."""
    from extract.ner_transformers import TokenClassifier

    tagger = TokenClassifier(model_dir, device=device)
    gold = sentence_docs(split, raw)
    nlp = tokenizer_nlp()
    predicted = [nlp.make_doc(g.text) for g in gold]
    for doc, spans in zip(predicted, tagger.tag_docs(predicted), strict=True):
        doc.ents = [s for s in (doc.char_span(a, b, label=lab) for a, b, lab in spans) if s is not None]
    prf = get_ner_prf([Example(p, g) for p, g in zip(predicted, gold, strict=True)])
    per_type = prf.get("ents_per_type") or {}
    out = {label: {k: round(per_type.get(label, {}).get(k, 0.0), 4) for k in ("p", "r", "f")} for label in LABELS}
    out["ALL"] = {"p": round(prf["ents_p"], 4), "r": round(prf["ents_r"], 4), "f": round(prf["ents_f"], 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fine-tune a local transformers model for NER on models/corpus/.")
    parser.add_argument("--base", required=True, type=Path, help="a local model folder (config, weights, tokenizer)")
    parser.add_argument("--output", required=True, type=Path, help="where to save the fine-tuned model")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learn-rate", type=float, default=5e-5)
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1 ...")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    metrics = train_transformers(args.base, args.output, epochs=args.epochs, batch_size=args.batch_size,
                                 learn_rate=args.learn_rate, max_steps=args.max_steps, device=args.device,
                                 seed=args.seed)
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
