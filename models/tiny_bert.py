"""A tiny random BERT token classifier built from a config: for tests and benchmarks of the transformers backend.

Nothing is downloaded: the WordPiece vocabulary is the corpus' words plus single characters, the weights are
random (hidden size 32, 2 layers, 2 heads), the labels are another scheme's (``B-PERSON``, ``I-GPE`` …) so
that the backend's label mapping is exercised.

>>> folder = build_tiny_bert(Path("/tmp/tiny-bert"))              # doctest: +SKIP
>>> sorted(p.name for p in folder.iterdir())                       # doctest: +SKIP
['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt']
"""

from __future__ import annotations

import re
from pathlib import Path

from models.corpus.convert import read_documents

#: Labels as another project's model might name them: the backend maps them to PER/ORG/LOC.
FOREIGN_LABELS = ("O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION", "B-GPE", "I-GPE")


def corpus_vocab() -> list[str]:
    """Special tokens, every character (alone and as ``##`` continuation) and every word of the corpus."""
    words = {w for doc in read_documents() for text, _ in doc.sentences for w in re.findall(r"\w+|[^\w\s]", text)}
    chars = sorted({c for w in words for c in w})
    return ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *("##" + c for c in chars),
            *sorted(w for w in words if len(w) > 1)]


def build_tiny_bert(folder: Path | str, labels=FOREIGN_LABELS, seed: int = 0) -> Path:
    """Write a random BertForTokenClassification and its fast WordPiece tokenizer to ``folder``."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab = corpus_vocab()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=False)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, id2label=dict(enumerate(labels)),
                        label2id={label: i for i, label in enumerate(labels)})
    torch.manual_seed(seed)
    BertForTokenClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
