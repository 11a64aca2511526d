"""The extractor on bad input: a clear result or a clear error, never a crash or a hang."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import TextTooLong
from extract.pipeline import MAX_CHARS

NEWSY = st.sampled_from([
    "Kepala Dinas Sosial Kapuas, Yanmarto", '"', "\u201c", "\u201d", "kata", "ujarnya", "32.154", "1,4 juta",
    "pekerja rentan", "BPJS Ketenagakerjaan", "peringkat dua", "Paritrana 2022", "\n", "\n\n", ", ", ". ",
    "(ANTARA) -", "Baca juga:", "Rp16.800", "Kota Palangka Raya", "yang diwakili", "I Wayan", "(", ")",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSY, max_size=60).map(" ".join))
def test_newsy_fragments_never_crash(extractor, text):
    facts = extractor.extract(text)
    assert isinstance(facts.relevant, bool)
    for quote in facts.quotes:
        assert quote.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_unicode_never_crashes(extractor, text):
    extractor.extract(text)


def test_bad_inputs_give_results(extractor):
    assert extractor.extract("").paragraphs == []
    assert not extractor.extract("The quick brown fox jumps over the lazy dog. " * 200).relevant
    assert not extractor.extract(bytes(range(256)).decode("latin-1") * 500).relevant
    unbalanced = extractor.extract('Sampit (ANTARA) - "Kami siap, kata Kepala BPJS Ketenagakerjaan Sampit, Joko.')
    assert unbalanced.relevant
    giant = "".join(f"Kepala Dinsos Kapuas, Yanmarto menyebut {500 + i} pekerja rentan terlindungi BPJS "
                    "Ketenagakerjaan. " for i in range(3000))
    facts = extractor.extract(giant)  # one giant paragraph
    assert len(facts.officials) == 1 and len(facts.counts) == 3000
    same = "Kepala Dinsos Kapuas, Yanmarto menyebut 500 pekerja rentan terlindungi BPJS Ketenagakerjaan. " * 3000
    assert len(extractor.extract(same).counts) == 1  # one figure stated 3,000 times
    row_of_quotes = extractor.extract('"' * 20001 + " kata Budi")
    assert row_of_quotes.quotes == []


def test_five_megabytes_is_a_clear_error(extractor):
    with pytest.raises(TextTooLong, match="characters"):
        extractor.extract("Pekerja rentan di Kapuas dilindungi BPJS Ketenagakerjaan. " * (5_000_000 // 55))
    assert MAX_CHARS < 5_000_000


def test_relevance_score(extractor):
    on = extractor.extract("Paritrana Award 2024 diraih Kota Denpasar. BPJS Ketenagakerjaan menilai 9 daerah.")
    off = extractor.extract("Kota Denpasar meraih Adipura 2024. Kebersihan pasar dinilai baik.")
    health = extractor.extract("BPJS Kesehatan menambah layanan JKN dan JKN-KIS di puskesmas.")
    assert on.relevant and on.relevance > 0.5
    assert not off.relevant and off.relevance == 0
    assert not health.relevant and health.relevance < on.relevance
