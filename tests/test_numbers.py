from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import find_numbers, format_number, parse_number, parse_rank, words_to_number


def test_digits_and_scales():
    assert parse_number("32.154") == 32154
    assert parse_number("1.234.567") == 1234567
    assert parse_number("1,4 juta") == 1_400_000
    assert parse_number("2,5 ribu") == 2500
    assert parse_number("22 ribu") == 22000
    assert parse_number("3 miliar") == 3_000_000_000
    assert parse_number("27") == 27


def test_number_words():
    assert words_to_number("dua") == 2
    assert words_to_number("tiga belas") == 13
    assert words_to_number("sembilan belas") == 19
    assert words_to_number("dua puluh satu") == 21
    assert words_to_number("seratus") == 100
    assert words_to_number("seratus dua puluh lima") == 125
    assert words_to_number("seribu") == 1000
    assert words_to_number("dua ribu") == 2000
    assert words_to_number("dua juta tiga ratus ribu") == 2_300_000


def test_not_numbers():
    assert words_to_number("dua tiga") is None  # a range
    assert parse_number("ratusan") is None
    assert parse_number("belas") is None
    values = [n.value for n in find_numbers("iuran Rp16.800, tanggal (26/11), salah satu, kedua pihak")]
    assert values == [1]  # only "satu": money, dates and ordinals are not numbers here


def test_ranks():
    assert parse_rank("meraih peringkat dua") == 2
    assert parse_rank("juara I") == 1
    assert parse_rank("juara III") == 3
    assert parse_rank("terbaik pertama") == 1
    assert parse_rank("peringkat ke-2") == 2
    assert parse_rank("terbaik kedua") == 2
    assert parse_rank("tanpa peringkat") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_integers(n):
    assert parse_number(format_number(n)) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["ribu", "juta", "miliar"]),
       st.integers(min_value=1, max_value=9))
def test_format_then_parse_scaled_decimals(whole, scale, tenth):
    written = f"{format_number(whole + tenth / 10)} {scale}"
    factor = {"ribu": 1000, "juta": 10**6, "miliar": 10**9}[scale]
    assert parse_number(written) == (whole * 10 + tenth) * factor // 10


@given(st.integers(min_value=1, max_value=999_999))
def test_words_round_trip(n):
    assert words_to_number(_terbilang(n)) == n


def _terbilang(n: int) -> str:
    """Write a number in Indonesian words (the test's own writer, independent of the parser)."""
    units = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    if n < 10:
        return units[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{units[n - 10]} belas"
    if n < 100:
        return f"{units[n // 10]} puluh {_terbilang(n % 10)}".strip()
    if n < 200:
        return f"seratus {_terbilang(n - 100)}".strip()
    if n < 1000:
        return f"{units[n // 100]} ratus {_terbilang(n % 100)}".strip()
    if n < 2000:
        return f"seribu {_terbilang(n - 1000)}".strip()
    return f"{_terbilang(n // 1000)} ribu {_terbilang(n % 1000)}".strip()
