from extract.dates import parse_date


def test_indonesian_date_lines_with_zones():
    assert parse_date("Kamis, 22 Februari 2024 15:04 WIB").isoformat() == "2024-02-22T15:04:00+07:00"
    assert parse_date("Senin, 19 Februari 2024 10:30 WITA").isoformat() == "2024-02-19T10:30:00+08:00"
    assert parse_date("Rabu, 3 Januari 2024 08.15 WIT").isoformat() == "2024-01-03T08:15:00+09:00"


def test_same_instant_in_different_zone_labels():
    wita = parse_date("Kamis, 22 Februari 2024 16:04 WITA")
    wib = parse_date("Kamis, 22 Februari 2024 15:04 WIB")
    iso = parse_date("2024-02-22T08:04:00Z")
    assert wita == wib == iso


def test_rss_and_iso_dates():
    assert parse_date("Wed, 21 Feb 2024 08:04:00 +0000").isoformat() == "2024-02-21T08:04:00+00:00"
    assert parse_date("2024-02-19T14:30:00+08:00").utcoffset().total_seconds() == 8 * 3600


def test_not_dates():
    assert parse_date("") is None
    assert parse_date("tanpa tanggal") is None
    assert parse_date("31 Februari 2024 10:00 WIB") is None
