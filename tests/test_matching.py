"""The fast scans give what the plain regular expressions they replace give, on any text.

Each fast form (literal words first, offsets from ``findall`` lengths, sentence ends from their punctuation)
is checked against the slow, obvious pattern on text drawn from the characters that matter to it.
"""

import re
import sys
import warnings

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract import counts
from extract.components import _ends_sentence, split_sentences
from extract.gazetteer import _WORD, _capitalised_words
from extract.matching import FastPattern, Prefilter, WordFinder, WordPattern, at_word_start, is_word_char, whole_words
from extract.numbers import NUMBER_RE, find_numbers, parse_number
from extract.officials import _TOKEN, tokenize
from extract.pipeline import load_pipeline
from extract.resources import load_yaml
from extract.text import _key

#: Words, their prefixes and suffixes, capitals, digits, punctuation, quotes, several kinds of space.
_PIECES = st.sampled_from(["ANTARA FOTO", "/Budi", "Bupati", "Kepala", "Kepala Dinas", "Wali", "Wali Kota",
                           "Subupati", "Bupatinya", "ANTARA",
                           "Kab.", "Kapuas", "Dr.", "H.", "a", "dan", "I", "2", "3.000", "-", "/", "'", "’", ".", ",",
                           "!", "?", '"', ")", "(", "[", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "é", "_"])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


#: Words that share beginnings, as the title words do.
_WORDS = st.lists(st.sampled_from(["Bupati", "Kepala", "Kepala Dinas", "Wali Kota", "Wali", "Kab.", "Kab", "Ka",
                                   "Kapuas", "Kota", "a", "I", "2", "é", "Dr."]), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _WORDS)
def test_word_finder_matches_the_bounded_alternation(text, words):
    slow = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)")
    fast = WordFinder(words)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]
    assert bool(fast.search(text)) == bool(slow.search(text))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_word_pattern_matches_the_pattern_as_written(text):
    for written in (r"\bbupati\b", r"\bkepala( dinas)?\b", r"\bANTARA( FOTO|/[A-Z][\w ]+)?/[A-Z][\w .]+$"):
        plain = re.compile(written, re.IGNORECASE)
        fast = WordPattern(written, re.IGNORECASE)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT, _WORDS)
def test_whole_words_are_what_word_finder_finds(text, words):
    assert whole_words(words, text) == [(m.start(), m.group(0)) for m in WordFinder(words).finditer(text)]


def test_word_finder_skips_words_inside_longer_words():
    found = [m.group(0) for m in WordFinder(["Bupati"]).finditer("Subupati, Bupatinya, Bupati_x, (Bupati)")]
    assert found == ["Bupati"]
    assert at_word_start("a Bupati", 2) and not at_word_start("aBupati", 1) and at_word_start("Bupati", 0)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_tokenize_offsets_are_the_regex_offsets(text):
    assert [tuple(t) for t in tokenize(text)] == [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    assert all(text[t.start:t.end] == t.text for t in tokenize(text))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_capitalised_words_are_the_regex_words(text):
    words, starts = _capitalised_words(text)
    assert list(zip(words, starts, strict=True)) == [(m.group(0).rstrip("."), m.start()) for m in _WORD.finditer(text)]


_SLOW_SENTENCE_END = re.compile(r"""(?<=[.!?])["')\]]*(?=\s+["'(\[]?[A-Z0-9])|(?=\n\n)""")


def _slow_split(text):
    out, start = [], 0
    # a full stop after an abbreviation ends nothing (the same test as split_sentences); a paragraph break always
    ends = [m.end() for m in _SLOW_SENTENCE_END.finditer(text)
            if not m.start() or text[m.start() - 1] not in ".!?" or _ends_sentence(text, m.start() - 1)]
    ends += [m.start() for m in re.finditer("\n\n", text)]
    for end in [*sorted(ends), len(text)]:
        piece = text[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = end
    return out


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentences_split_where_the_lookbehind_pattern_splits(text):
    assert split_sentences(text) == _slow_split(text)


@pytest.mark.parametrize("text, expected", [
    ("Hadir pula Dr. Heru Cahyono dan Hj. Siti Aminah.", ["Hadir pula Dr. Heru Cahyono dan Hj. Siti Aminah."]),
    ("Kantornya di Jl. Tjilik Riwut No. 8. Buka pukul 08.00 WIB.",
     ["Kantornya di Jl. Tjilik Riwut No. 8.", "Buka pukul 08.00 WIB."]),
    ("Ketuanya Ahmad S. Budiman. Ia baru dilantik.", ["Ketuanya Ahmad S. Budiman.", "Ia baru dilantik."]),
    ("Kota Palu meraih juara I. Kota Donggala juara II.", ["Kota Palu meraih juara I.", "Kota Donggala juara II."]),
    ("Pemenangnya yakni 1. Desa Kemuja, 2. Desa Terong. Selamat.", ["Pemenangnya yakni 1. Desa Kemuja, 2. Desa Terong.",
                                                                  "Selamat."]),
    ("Jumlahnya mencapai 12. Sisanya menyusul.", ["Jumlahnya mencapai 12.", "Sisanya menyusul."]),
    ("Hadir Dr.\n\nHeru.", ["Hadir Dr.", "Heru."]),  # a paragraph break always ends a sentence
    # a name particle written with a dot ends nothing either
    ("Acara dibuka Tgk. Hasballah Yunus. Warga hadir.", ["Acara dibuka Tgk. Hasballah Yunus.", "Warga hadir."]),
])
def test_abbreviations_initials_and_list_numbers_end_no_sentence(text, expected):
    assert [s for _, s in split_sentences(text)] == expected


def test_sentences_split_after_closing_quotes_and_at_paragraphs():
    text = 'Ia hadir. "Kami siap." Kata dia!\n\nBaru 2 orang? Ya.'
    assert [s for _, s in split_sentences(text)] == ["Ia hadir.", '"Kami siap."', "Kata dia!", "Baru 2 orang?", "Ya."]


_NUMBER_PIECES = st.sampled_from(["Dua", "dua", "PULUH", "puluh", "ribu", "Ribu", "juta", "satu", "Satuan", "kedua",
                                  "nol", "NOL", "1", "22", "1,4", "32.154", "2.5", "İ", "K", "\u212a", "é", " ", ".",
                                  ",", "/", "-", "Rp", "%", "(", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=30).map("".join))
@example("dua puluh satu orang, 1.234 dan 2,5 juta")  # words and digits a number is tried at inside a number
def test_numbers_found_in_lowercased_text_are_the_case_blind_matches(text):
    slow = [(m.start(), m.end(), m.group(0)) for m in NUMBER_RE.finditer(text)
            if parse_number(m.group(0)) is not None and (m.group("words") or "").lower() != "nol"]
    assert [(n.start, n.end, n.text) for n in find_numbers(text)] == slow


_UNIT_WORDS = [u["phrase"] for u in load_yaml("counts.yml")["units"]] + load_yaml("counts.yml")["fillers"]
#: Units and fillers as written and in capitals, other words, punctuation, and words whose case-blind match
#: differs from their lowercase ("\u212aaryawan" starts with the Kelvin sign, "\u017febagai" with a long s).
_AFTER_NUMBER = st.lists(st.sampled_from([*_UNIT_WORDS, *(w.upper() for w in _UNIT_WORDS), "rentan", "aktif", "%",
                                          ",", " ", "  ", "\n", "-", "/", "x", "é",
                                          "\u212aaryawan", "\u017febagai", "pe\u017ferta"]),
                         max_size=6).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_AFTER_NUMBER)
def test_units_picked_by_first_word_match_as_the_whole_alternation(rest):
    fast = counts._units_for(rest)
    found = fast.match(rest) if fast else None
    whole = counts._rules()["units"].match(rest)
    assert ((found.lastgroup, found.end()) if found else None) == ((whole.lastgroup, whole.end()) if whole else None)


@pytest.mark.parametrize(("pattern", "flags", "words"), [
    (r"bpjs\s*ketenagakerjaan", 0, {"ketenagakerjaan"}), ("(?:abcd|efgh)ijk", 0, {"abcd", "efgh"}),
    ("juara|terbaik", re.IGNORECASE, {"juara", "terbaik"}), ("x{0,2}", 0, set()), ("[(]abc|bcd", 0, {"(abc", "bcd"}),
    (r"abc\|d", 0, {"abc|d"}), (r"\b(?:Meraih|MENERIMA)\b", re.IGNORECASE, {"eraih", "enerima"}),
    ("(?i)Juara", 0, {"juara"}), ("(?i:Juara)", 0, set()),
    ("(?:sebagai )?yang terbaik|juara umum", 0, {"yang terbaik", "juara umum"}),
    ("Kab\u212aabc", re.IGNORECASE, {"kab"}),  # a character beyond ASCII ends a run where case is ignored
    ("jkn?", 0, set()),  # "jk": too short to be worth looking for
    ("|".join(f"{chr(97 + n % 26)}{chr(97 + n // 26)}xyz" for n in range(30)), 0, set()),  # too many
])
def test_prefilter_words_are_what_every_match_holds(pattern, flags, words):
    # re's parser takes a prefix shared by alternatives out of them ("Meraih|MENERIMA" is "m(?:eraih|enerima)")
    assert Prefilter(pattern, flags).words == words


_PATTERN_PIECES = st.sampled_from(["a", "b", "ab", "K", " ", "|", "?", "*", "+", "(", ")", "(?:", "[ab]", "[(|]", "\\s",
                                   "\\b", ".", "{0,2}", "{2}", "(?i:b)", "(?!a)", "(?<=b)", "\u212a", "s"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PATTERN_PIECES, max_size=8).map("".join), st.sampled_from([0, re.IGNORECASE]),
       st.lists(st.sampled_from(["a", "b", "A", "B", "k", "K", "s", " ", "(", "|", "\u212a", "\u017f", "\n"]),
                max_size=20).map("".join))
@example("s", re.IGNORECASE, "\u017f")  # a long s matches "s" when case is ignored, though it lowercases to itself
@example("ab", re.IGNORECASE, "A\u212a")
def test_a_text_the_prefilter_passes_over_has_no_match(pattern, flags, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" and the like
        try:
            compiled = re.compile(pattern, flags)
        except re.error:
            return
    fast = FastPattern(pattern, flags)
    if not fast.prefilter.allows(text):
        assert compiled.search(text) is None
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert fast.split(text) == compiled.split(text) and fast.sub("x", text) == compiled.sub("x", text)



@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _TEXT.map(lambda text: text.encode("ascii", "ignore").decode())))
def test_paragraph_keys_are_the_casefolded_words(text):
    assert _key(text) == " ".join(re.findall(r"\w+", text.casefold()))


def test_the_pipeline_marks_the_same_sentences_on_the_doc():
    text = 'Ia hadir. "Kami siap." Kata dia!\n\nBaru 2 orang? Ya.'
    doc = load_pipeline()(text)
    assert [s.text.strip() for s in doc.sents] == [s for _, s in split_sentences(text)]  # "\n\n" is a token


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT.map(lambda text: " ".join(text.split())).filter(bool), min_size=1, max_size=4))
def test_sentences_split_paragraph_by_paragraph_are_the_texts_sentences(paragraphs):
    text, found, at = "\n\n".join(paragraphs), [], 0
    for paragraph in paragraphs:
        found += [(at + offset, sentence) for offset, sentence in split_sentences(paragraph)]
        at += len(paragraph) + 2
    assert found == split_sentences(text)


def test_word_characters_are_what_backslash_w_matches():
    chars = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [char for char in chars if is_word_char(char)] == re.findall(r"\w", chars)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Dua", "dua", "puluh", "ribu", "satu", "1", "22", "1,4", "32.154", "2.", "10", ". ",
                                 "! ", "? ", '." ', " ", ",", "-", "/", "(", "orang", "Pekerja", "A"]), max_size=30)
       .map("".join).map(str.strip))
def test_a_paragraphs_numbers_are_its_sentences_numbers(paragraph):
    per_sentence = [(at + n.start, at + n.end, n.value) for at, sentence in split_sentences(paragraph)
                    for n in find_numbers(sentence)]
    assert per_sentence == [(n.start, n.end, n.value) for n in find_numbers(paragraph)]
