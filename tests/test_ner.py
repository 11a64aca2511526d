"""pantau's own NER: the annotated corpus checks out, and the shipped model loads and finds names."""

import json

import pytest

from extract.ner import Entities, Entity, load_model, person_name, use_ner
from models import NER_DIR, NER_MODEL
from models.corpus.check import check
from models.corpus.convert import LABELS, SPLITS, parse_line
from models.train import MAX_BYTES, folder_bytes


@pytest.fixture(scope="module")
def report():
    return check()


def test_corpus_has_no_problems(report):
    assert report.problems == []


def test_every_split_has_every_label(report):
    for split in SPLITS:
        assert all(report.counts[split][label] > 0 for label in LABELS), split
    assert report.counts["total"]["sentences"] >= 2000


def test_markup_is_read_to_offsets():
    text, spans = parse_line("Kepala [[Dinsos Kapuas|ORG]], [[Yanmarto|PER]], hadir di [[Kuala Kapuas|LOC]].")
    assert [(text[a:b], label) for a, b, label in spans] == [
        ("Dinsos Kapuas", "ORG"), ("Yanmarto", "PER"), ("Kuala Kapuas", "LOC")]


def test_shipped_model_is_small_and_scored():
    assert (NER_MODEL / "config.cfg").is_file()
    assert folder_bytes(NER_MODEL) < MAX_BYTES
    metrics = json.loads((NER_DIR / "metrics.json").read_text())
    assert metrics["test"]["PER"]["f"] >= 0.90


def test_shipped_model_tags_a_new_sentence():
    doc = load_model()("Kepala Dinas Sosial Kapuas, Yanmarto, menemui warga di Kuala Kapuas.")
    assert ("Yanmarto", "PER") in [(e.text, e.label_) for e in doc.ents]


def test_ner_component_feeds_the_rules():
    from extract import Extractor
    from extract.pipeline import load_pipeline

    nlp = use_ner(load_pipeline(), "spacy")
    assert nlp.pipe_names.index("pantau_ner") < nlp.pipe_names.index("pantau_officials")
    doc = nlp("Kepala Dinas Sosial Kapuas, Yanmarto, menemui warga di Kuala Kapuas.")
    assert doc._.ner.is_person("Yanmarto")
    facts = Extractor(nlp).extract("Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 500 pekerja rentan, "
                                   "kata Kepala Dinas Sosial Kapuas, Yanmarto.")
    assert [o.name for o in facts.officials] == ["Yanmarto"]
    assert "pantau_ner" not in use_ner(nlp, "off").pipe_names


def test_unknown_ner_spec_is_refused():
    from extract.pipeline import load_pipeline

    with pytest.raises(ValueError, match="unknown NER"):
        use_ner(load_pipeline(), "crf:/tmp/x")


def test_entities_answer_by_offset_and_by_surface():
    ents = Entities([Entity("Dinsos Kapuas", "ORG", 7, 20), Entity("Yanmarto", "PER", 22, 30)])
    assert ents.label_at(8, 14) == "ORG" and ents.label_of("Yanmarto") == "PER"
    assert ents.spans_within(22, 31, "PER") == [(0, 8)] and ents.spans_within(22, 29, "PER") == []
    assert ents.people_in('"Siap," ujar Yanmarto di Kapuas.') == [(13, 21)]
    assert ents.people_in("Yanmartono hadir") == []  # whole words only
    # a longer surface of another label at the same place is that entity, not the person
    named = Entities([Entity("Budi", "PER", 0, 4), Entity("Budi Luhur", "ORG", 10, 20)])
    assert named.people_in("Universitas Budi Luhur, kata Budi.") == [(29, 33)]
    assert person_name("Dr. Heru Cahyono, M.M.") == "Dr. Heru Cahyono"


def test_labels_of_a_surface_are_counted_and_ties_go_to_the_first():
    ents = Entities([Entity("Tapin", "LOC", 0, 5), Entity("Tapin", "PER", 10, 15), Entity("Tapin", "PER", 20, 25),
                     Entity("Barito", "ORG", 30, 36), Entity("Barito", "LOC", 40, 46)])
    assert ents.label_of("Tapin") == "PER" and ents.label_of("Barito") == "ORG" and ents.label_of("Kapuas") is None


def test_entities_written_as_arrays_match_entities_written_as_spans():
    from spacy.tokens import Span

    from extract.ner import add_entities
    from extract.pipeline import load_pipeline

    nlp = load_pipeline()
    text = "Kata Budi Santoso dari Dinas Sosial Kapuas di Kuala Kapuas, Rabu."
    found = [(8, 10, "LOC"), (1, 3, "PER"), (4, 7, "ORG")]  # in any order
    fast = add_entities(nlp.make_doc(text), found)
    slow = nlp.make_doc(text)
    slow.ents = [Span(slow, 0, 1, label="MISC")]  # entities already there: the Span path, which merges
    slow = add_entities(slow, found)
    assert [(e.text, e.label_) for e in fast.ents] == [
        ("Budi Santoso", "PER"), ("Dinas Sosial Kapuas", "ORG"), ("Kuala Kapuas", "LOC")]
    assert [(e.text, e.label_) for e in slow.ents] == [("Kata", "MISC")] + [(e.text, e.label_) for e in fast.ents]
    assert fast._.ner.entities == slow._.ner.entities  # MISC is not a label the rules read
    assert [(text[e.start:e.end], e.text) for e in fast._.ner.entities] == [(e.text, e.text) for e in fast.ents]
    # overlapping entities: the longer is kept
    both = add_entities(nlp.make_doc(text), [(4, 7, "ORG"), (6, 7, "LOC"), (1, 3, "PER")])
    assert [(e.text, e.label_) for e in both.ents] == [("Budi Santoso", "PER"), ("Dinas Sosial Kapuas", "ORG")]
    # a Doc whose tokens were marked outside before (a NER that found nothing) takes new ones
    empty = nlp.make_doc(text)
    empty.ents = []
    assert [e.text for e in add_entities(empty, [(1, 3, "PER")]).ents] == ["Budi Santoso"]
    assert add_entities(nlp.make_doc(""), [])._.ner.entities == ()


VILLAGE = ("Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 120 perangkat desa di Kabupaten Kapuas.\n\n"
           "Kepala Desa Sei Pasah, Amat Sugiono, mengatakan iuran dibayar dari APBDes.\n\n"
           '"Semua perangkat desa sudah terdaftar," kata Amat.')


def test_ner_names_the_official_the_rules_misread():
    # "Amat" is also a common word, so the rules alone take the village for the name
    from extract import Extractor

    ruled = Extractor(ner="off").extract(VILLAGE)
    assert [o.name for o in ruled.officials] == ["Sei Pasah"]
    tagged = Extractor(ner="spacy").extract(VILLAGE)
    assert [(o.name, o.title, o.organization) for o in tagged.officials] == [
        ("Amat Sugiono", "Kepala Desa", "Sei Pasah")]
    assert [q.speaker for q in tagged.quotes] == ["Amat Sugiono"]


def test_tagged_people_fill_only_the_slots_the_rules_leave():
    from extract.officials import find_officials

    text = "Kepala Desa Sukamaju, Bila Sari, hadir. Camat Pahandut, Berkat Sanjaya, juga hadir."
    assert [o.name for o in find_officials(text)] == ["Sukamaju", "Berkat Sanjaya"]  # "bila" is a common word
    bila = (text.index("Bila"), text.index("Bila") + len("Bila Sari"))
    found = find_officials(text, [bila])
    assert [(o.name, o.title) for o in found] == [("Bila Sari", "Kepala Desa"), ("Berkat Sanjaya", "Camat")]
    # a place, an award or a lowercase word tagged as a person does not replace what the rules read
    for wrong in ("Kepala Desa Sukamaju, Tapin, hadir.", "Kepala Desa Sukamaju, Paritrana Award, hadir.",
                  "Kepala Desa Sukamaju, non-ASN, hadir."):
        start = len("Kepala Desa Sukamaju, ")
        tags = [(start, wrong.index(", hadir"))]
        assert [o.name for o in find_officials(wrong, tags)] == [o.name for o in find_officials(wrong)], wrong


def test_tagged_people_become_speakers_but_not_nicknames_or_places():
    from extract.quotes import find_quotes

    paragraphs = ["Ni Luh Putu Sri Widyastuti, yang akrab disapa Gek Sri, menemui nelayan di Tapin.",
                  '"Manfaatnya sudah dirasakan keluarga nelayan," ujarnya.',
                  "Seorang nelayan, Made Kaler, ikut hadir.",
                  '"Saya sekarang tenang melaut setiap hari," ujarnya.']
    text = "\n\n".join(paragraphs)
    ents = Entities([Entity(s, "PER", text.index(s), text.index(s) + len(s))
                     for s in ("Ni Luh Putu Sri Widyastuti", "Gek Sri", "Tapin", "Made Kaler")])
    quotes = find_quotes(paragraphs, [], ner=ents)
    assert [q.speaker for q in quotes] == ["Ni Luh Putu Sri Widyastuti", "Made Kaler"]
    assert [q.speaker for q in find_quotes(paragraphs, [])][1] != "Made Kaler"  # without the NER: not known


def test_cli_ner_option_and_clear_errors(tmp_path):
    from conftest import pantau

    article = tmp_path / "desa.txt"
    article.write_text(VILLAGE, encoding="utf-8")
    on, off = pantau("extract", str(article)), pantau("extract", "--ner", "off", str(article))
    assert on.returncode == off.returncode == 0, on.stderr + off.stderr
    assert json.loads(on.stdout)["officials"][0]["name"] == "Amat Sugiono"
    assert json.loads(off.stdout)["officials"][0]["name"] == "Sei Pasah"
    bad = pantau("extract", "--ner", f"spacy:{tmp_path / 'nowhere'}", str(article))
    assert bad.returncode != 0 and "cannot use --ner" in bad.stderr and "pantau train" in bad.stderr
    bad = pantau("train", "--backend", "transformers")
    assert bad.returncode != 0 and "--base" in bad.stderr


def test_train_runs_end_to_end_on_a_short_schedule(tmp_path):
    from models.train import train

    out = tmp_path / "model"
    metrics = train(out, overrides={"training.max_steps": 200, "training.eval_frequency": 100},
                    metrics_path=tmp_path / "metrics.json")
    assert set(metrics["test"]) == {*LABELS, "ALL"} and 0.3 < metrics["test"]["ALL"]["f"] <= 1  # 0.93 in full
    assert json.loads((tmp_path / "metrics.json").read_text())["test"] == metrics["test"]
    assert set(load_model(str(out)).get_pipe("ner").labels) == set(LABELS)  # the trained pipeline loads


def test_shipped_model_loads_from_a_wheel(tmp_path):
    """A non-editable install: the wheel holds the model, and the package loads it from there."""
    import subprocess
    import sys
    import zipfile

    from conftest import ROOT

    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("pantau-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "models/ner/model/config.cfg" in names and "models/ner/model/ner/model" in names
    assert "models/perceptron/model.npz" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (f"import extract.ner as n, models; assert models.__file__.startswith({str(site)!r}), models.__file__; "
            "d = n.load_model()('Kepala Dinas Sosial Kapuas, Yanmarto, hadir.'); print([e.label_ for e in d.ents]); "
            "import extract.ner_perceptron as p; assert p.load_model().first.any()")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "PER" in run.stdout
