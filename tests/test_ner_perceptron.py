"""The perceptron NER: trained the same way every time, shipped with its scores, fed to the rules, and
never thrown by bad input."""

import json
import random

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from extract.ner import use_ner
from extract.ner_perceptron import (
    BUCKETS,
    FIRST_TEMPLATES,
    SECOND_TEMPLATES,
    TAGS,
    Features,
    PerceptronNer,
    Templates,
    decode,
    load_model,
)
from extract.pipeline import Extractor, load_pipeline
from models import PERCEPTRON_DIR, PERCEPTRON_MODEL
from models.corpus.convert import SPLITS, convert, tokenizer_nlp
from models.train_perceptron import fit, gold_tags, train


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus's splits as Docs (converted into a temporary folder)."""
    work = tmp_path_factory.mktemp("corpus")
    convert(out=work)
    nlp = tokenizer_nlp()
    return {split: list(DocBin().from_disk(work / f"{split}.spacy").get_docs(nlp.vocab)) for split in SPLITS}


def test_shipped_model_is_small_and_scored():
    assert PERCEPTRON_MODEL.stat().st_size < 2_000_000
    metrics = json.loads((PERCEPTRON_DIR / "metrics.json").read_text())
    assert metrics["test"]["PER"]["f"] >= 0.90 and metrics["test"]["ALL"]["f"] >= 0.85


def test_it_tags_people_in_sentences_it_never_saw():
    nlp = use_ner(load_pipeline(), "perceptron")
    doc = nlp("Bupati Kapuas Hulu, Fransiskus Diaan, menyerahkan kartu kepesertaan kepada nelayan di Putussibau. "
              "\"Kami ingin semua nelayan terlindungi,\" kata Fransiskus.")
    people = [e.text for e in doc.ents if e.label_ == "PER"]
    assert "Fransiskus Diaan" in people
    assert "Kapuas Hulu" not in people and "Putussibau" not in people
    assert doc._.ner.is_person("Fransiskus Diaan")


def test_it_is_the_default_and_feeds_the_rules():
    extractor = Extractor()
    facts = extractor.extract("Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 500 pekerja rentan, "
                              "kata Kepala Dinas Sosial Kapuas, Yanmarto.")
    assert "pantau_ner" in extractor.nlp.pipe_names
    assert [o.name for o in facts.officials] == ["Yanmarto"]


def test_training_gives_the_same_model_for_the_same_seed_and_learns(corpus):
    docs = corpus["train"][:60]
    one, two, other = fit(docs, seed=1), fit(docs, seed=1), fit(docs, seed=2)
    assert numpy.array_equal(one.first, two.first) and numpy.array_equal(one.second, two.second)
    assert not numpy.array_equal(one.first, other.first)
    found = sum(len({(e.start, e.end) for e in d.ents if e.label_ == "PER"}
                    & {(s, e) for s, e, label in one.entities(d) if label == "PER"}) for d in docs)
    total = sum(1 for d in docs for e in d.ents if e.label_ == "PER")
    assert found / total > 0.9  # on its own training text; the held-out split is scored by train()


def test_train_writes_a_model_that_loads(tmp_path):
    out = tmp_path / "model.npz"
    metrics = train(out, metrics_path=tmp_path / "metrics.json")
    assert metrics["test"]["PER"]["f"] >= 0.85
    assert json.loads((tmp_path / "metrics.json").read_text())["dev"] == metrics["dev"]
    doc = use_ner(load_pipeline(), f"perceptron:{out}")("Wali Kota Palu, Hadianto Rasyid, hadir.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Hadianto Rasyid"]


def test_gold_tags_are_bio():
    nlp = tokenizer_nlp()
    doc = nlp("Kata Budi Santoso di Palu.")
    doc.ents = [doc.char_span(5, 17, label="PER"), doc.char_span(21, 25, label="LOC")]
    assert [TAGS[t] for t in gold_tags(doc)] == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]


def test_decode_reads_bio_tags_and_mends_a_stray_inside_tag():
    assert decode(numpy.array([0, 1, 2, 0, 4, 4, 5])) == [(1, 3, "PER"), (4, 6, "ORG"), (6, 7, "LOC")]
    assert decode(numpy.array([2, 2, 3])) == [(0, 2, "PER"), (2, 3, "ORG")]
    assert decode(numpy.array([], dtype=numpy.intp)) == []


def test_lowercase_runs_are_never_scored():
    nlp = tokenizer_nlp()
    doc = nlp("para pekerja di desa itu bertemu Kepala Desa bin Ali dan warga lainnya 2024")
    at, rows = Features(["para"]).first(doc)
    scored = [doc[i].text for i in at]
    assert "pekerja" not in scored and "warga" not in scored and "2024" not in scored
    assert {"Kepala", "Desa", "bin", "Ali"} <= set(scored)
    assert rows.shape[0] == len(at) and rows.min() >= 0 and rows.max() < BUCKETS


def test_templates_combine_their_sources_and_hash_each_template_apart():
    names = ["a", "b", "c", ""]  # the source rows; "" is zeros
    source = numpy.array([[3, 4], [5, 6], [7, 8], [0, 0]], dtype=numpy.uint64)
    templates = Templates(("a", "a b", "a b c", "", "c"), names, 0)
    p1, p2 = 1000003, 7919  # a pair is a * p1 + b, a triple a * p1 + b * p2 + c
    assert templates.values(source).tolist() == [[3, 4], [3 * p1 + 5, 4 * p1 + 6],
                                                 [3 * p1 + 5 * p2 + 7, 4 * p1 + 6 * p2 + 8], [0, 0], [7, 8]]
    buckets = templates.hashed(source)
    assert buckets.shape == (5, 2) and buckets.min() >= 0 and buckets.max() < BUCKETS
    # one value under two templates: two buckets
    same = Templates(("a", "c"), names, 0).hashed(numpy.array([[7], [0], [7], [0]], dtype=numpy.uint64))
    assert same[0, 0] != same[1, 0]
    with pytest.raises(ValueError):
        Templates(("nowhere",), names, 0)


def test_templates_are_those_the_shipped_model_was_trained_with():
    # the weights hold no record of the templates: adding, dropping or repeating one needs a retrained model
    assert len(FIRST_TEMPLATES) == 27 and len(SECOND_TEMPLATES) == 11
    assert len(set(FIRST_TEMPLATES)) == len(FIRST_TEMPLATES) and len(set(SECOND_TEMPLATES)) == len(SECOND_TEMPLATES)


def _reference_features(features: Features, doc) -> tuple[list[int], list[list[int]]]:
    """The first stage's features the plain way, token by token, as the templates describe them: a slow
    second reading that ``Features.first`` must agree with."""
    mask, mix, seed, p1, p2, words = 2 ** 64 - 1, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 1000003, 7919, len(doc)
    lowercase = {t.lower for t in doc if t.orth == t.lower}
    written_lowercase = {w & 0xFFFF for w in lowercase}
    flags = [int(features.flags[t.lower & ((1 << 22) - 1)]) | (64 if (t.lower & 0xFFFF) in written_lowercase else 0)
             for t in doc]
    name_part = 0b11000
    plain = [(t.is_lower and t.is_alpha and not flags[i] & name_part) or t.is_digit for i, t in enumerate(doc)]
    at = [i for i in range(words) if not plain[i] or (0 < i < words - 1 and not plain[i - 1] and not plain[i + 1])]

    def value(name: str, i: int) -> int:
        attribute, _, offset = name.partition("+") if "+" in name else name.partition("-")
        k = i + (int(offset) if "+" in name else -int(offset or 0))
        if not 0 <= k < words:
            return 0
        t = doc[k]
        return {"low": t.lower, "shape": t.shape, "prefix": t.prefix, "suffix": t.suffix, "flags": flags[k]}[attribute]

    rows = []
    for i in at:
        row = []
        for number, template in enumerate(FIRST_TEMPLATES):
            parts = [value(part, i) for part in template.split()]
            a, b, c = parts if len(parts) == 3 else (parts[0], 0, parts[1]) if len(parts) == 2 else (0, 0, sum(parts))
            x = (((a * p1 + b * p2 + c) & mask) * mix + number * seed) & mask
            row.append((x ^ (x >> 29)) & (BUCKETS - 1))
        rows.append(row)
    return at, rows


WORDS = st.sampled_from(["Kepala", "Dinas", "Sosial", "Kapuas", "Yanmarto", "kata", "warga", "para", "bin",
                         "I", "Wayan", "2024", "1.500", ",", ".", '"', "(", ")", "Dr.", "H.", "BPJS", "di", "Ni",
                         "Luh", "pekerja", "rentan", "Sari", "kepala", "desa"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_features_match_a_plain_reading_of_the_templates(text):
    nlp = tokenizer_nlp()
    features = load_model().features
    doc = nlp(text)
    at, rows = features.first(doc)
    expected_at, expected_rows = _reference_features(features, doc)
    assert at.tolist() == expected_at
    assert rows.tolist() == expected_rows


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "!!!",
    "semua kata di sini ditulis kecil",  # nothing to score
    "2024 1500 3",
    "\x00\x01\ufffd\ufffd binär \x7f",
    "Привет мир. 你好世界。 مرحبا",
    "\"Kutipan yang tidak pernah ditutup, kata Budi",
    " ".join(["Nama"] * 20000),
])
def test_bad_input_gives_a_result(text):
    nlp = use_ner(load_pipeline(), "perceptron")
    doc = nlp(text)
    assert all(e.label_ in ("PER", "ORG", "LOC") for e in doc.ents)
    assert len(doc._.ner) == len(doc.ents)
    if all(w.isalpha() and w.islower() or w.isdigit() for w in text.split()):
        assert not doc.ents  # lowercase words and numbers are never scored, so never tagged


def test_a_huge_mixed_article_is_tagged():
    rng = random.Random(5)
    words = ["Kepala", "Dinas", "Budi", "pekerja", "di", "Palu", ",", ".", "BPJS", "\"", "kata", "H.", "Sri"]
    text = " ".join(rng.choice(words) for _ in range(200_000))  # under the Extractor's 1,000,000 characters
    doc = tokenizer_nlp()(text)
    tags = load_model().tag(doc)
    assert tags.shape == (len(doc),) and tags.max() < len(TAGS)


def test_a_missing_or_foreign_model_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="no perceptron NER"):
        load_model(str(tmp_path / "none.npz"))
    model = load_model()
    numpy.savez_compressed(tmp_path / "small.npz", first=model.first[:16], second=model.second[:16],
                           common=numpy.array(model.common), buckets=numpy.array(16))
    with pytest.raises(ValueError, match="16 buckets"):
        PerceptronNer.load(tmp_path / "small.npz")
    numpy.savez_compressed(tmp_path / "old.npz", first=model.first, second=model.second,
                           common=numpy.array(model.common), buckets=numpy.array(BUCKETS))
    with pytest.raises(ValueError, match="no region, title, organization, honorific, particle lexicon"):
        PerceptronNer.load(tmp_path / "old.npz")


def test_a_model_keeps_the_lexicons_it_was_trained_with(tmp_path):
    """A gazetteer edit reaches the rules at once and the NER's features only when it is trained again."""
    model = load_model()
    lexicons = {name: set(words) for name, words in model.features.lexicons.items()}
    lexicons["organization"] |= {"katingan"}  # a word the shipped lexicons file as a region only
    PerceptronNer(model.first, model.second, model.common, lexicons).save(tmp_path / "edited.npz")
    edited = PerceptronNer.load(tmp_path / "edited.npz")
    assert edited.features.lexicons == lexicons != model.features.lexicons
    doc = load_pipeline().make_doc("Bupati Katingan hadir.")
    assert not numpy.array_equal(edited.features.first(doc)[1], model.features.first(doc)[1])
    assert numpy.array_equal(edited.first, model.first) and edited.common == model.common


def test_cli_refuses_a_missing_perceptron_model(tmp_path):
    import subprocess
    import sys

    text = tmp_path / "a.txt"
    text.write_text("Palu (ANTARA) - BPJS Ketenagakerjaan hadir.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "crawler.cli", "extract", "--ner", f"perceptron:{tmp_path}/x.npz",
                          str(text)], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "cannot use --ner perceptron" in run.stderr
