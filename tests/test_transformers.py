"""The transformers NER backend with a tiny random BERT built here from a config: no download, CPU, seconds."""

import json

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from extract.ner import use_ner  # noqa: E402
from extract.ner_transformers import TokenClassifier, decode, normalize_label  # noqa: E402
from models.tiny_bert import build_tiny_bert  # noqa: E402


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


ARTICLE = ("Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 500 pekerja rentan di Kabupaten Kapuas.\n"
           '"Kami siap membantu warga," kata Kepala Dinas Sosial Kapuas, Yanmarto.')


def test_labels_of_other_schemes_map_to_pantaus():
    assert normalize_label("B-PERSON") == ("B", "PER")
    assert normalize_label("I-LOCATION") == ("I", "LOC")
    assert normalize_label("U-ORG") == ("S", "ORG")
    assert normalize_label("B-MISC") == ("O", None)
    assert decode([("B", "PER"), ("I", "PER"), ("B", "PER"), ("O", None), ("I", "ORG"), ("E", "ORG")]) == [
        (0, 2, "PER"), (2, 3, "PER"), (4, 6, "ORG")]


def test_extraction_runs_with_a_local_model(tiny_model):
    from extract import Extractor
    from extract.pipeline import load_pipeline

    nlp = use_ner(load_pipeline(), f"transformers:{tiny_model}")
    assert "pantau_ner" in nlp.pipe_names
    docs = list(nlp.pipe(["Kata Budi di Palu.", ARTICLE], batch_size=2))
    assert all(e.label_ in {"PER", "ORG", "LOC"} for doc in docs for e in doc.ents)
    assert all(doc._.ner is not None for doc in docs)
    facts = Extractor(nlp).extract(ARTICLE)
    assert facts.relevant and [c.value for c in facts.counts] == [500]
    assert [o.name for o in facts.officials] == ["Yanmarto"]  # the rules still find what they are sure of


def test_word_pieces_are_aligned_to_spacy_tokens(tiny_model):
    from extract.pipeline import load_pipeline

    tagger = TokenClassifier(tiny_model, device="cpu", max_length=16)  # short windows: long texts overlap
    with torch.no_grad():  # every piece says B-PERSON: each spaCy token becomes one PER entity
        tagger.model.classifier.weight.zero_()
        tagger.model.classifier.bias.zero_()
        tagger.model.classifier.bias[1] = 5.0
    doc = load_pipeline().make_doc("Kepala Dinsos Kapuas, Yanmarto, hadir di Kuala-Kapuas.\n\nIa senang hari ini.")
    spans = tagger.tag_docs([doc])[0]
    words = [t for t in doc if not t.is_space]
    assert spans == [(t.idx, t.idx + len(t), "PER") for t in words]


def test_one_training_step_saves_a_loadable_model(tiny_model, tmp_path):
    from models.train_transformers import BIO, train_transformers

    out = tmp_path / "fine-tuned"
    metrics = train_transformers(tiny_model, out, max_steps=1, batch_size=4, evaluate=False, device="cpu")
    assert metrics["steps"] == 1 and metrics["last_loss"] > 0
    config = json.loads((out / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(len(BIO))] == BIO
    tagger = TokenClassifier(out, device="cpu")  # loads, with the fine-tuned labels read as pantau's
    assert set(tagger.tags.values()) == {normalize_label(label) for label in BIO}
    assert tagger.tag_docs([]) == []


def test_cli_extract_takes_the_transformers_backend(tiny_model, tmp_path):
    from conftest import pantau

    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = pantau("extract", "--ner", f"transformers:{tiny_model}", str(article))
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["officials"][0]["name"] == "Yanmarto"


def test_cli_train_fine_tunes_a_local_base(tiny_model, tmp_path):
    from conftest import pantau

    out = tmp_path / "tuned"
    result = pantau("train", "--backend", "transformers", "--base", str(tiny_model), "--output", str(out),
                    "--max-steps", "2", "--device", "cpu")
    assert result.returncode == 0, result.stderr[-2000:]
    metrics = json.loads((out / "pantau_metrics.json").read_text())
    assert metrics["steps"] == 2 and set(metrics["test"]) == {"PER", "ORG", "LOC", "ALL"}
    assert json.loads(result.stdout)["steps"] == 2
    missing = pantau("train", "--backend", "transformers", "--base", str(tmp_path / "nowhere"), "--output", str(out))
    assert missing.returncode != 0 and "no model folder" in missing.stderr
