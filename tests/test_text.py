from extract.text import clean_text, find_dateline, normalize


def test_repeated_paragraphs_are_kept_once():
    text = "\n".join([
        "Sampit (ANTARA) - Pemkab Kotim melindungi 1.200 pekerja rentan.",
        '"Kami lanjutkan tahun depan," kata Bupati Kotim, Halikinnor.',
        "Baca juga: Berita lain tentang BPJS",
        "Pemkab Kotim melindungi 1.200 pekerja rentan.",  # the repeat lost its dateline
        '"Kami lanjutkan tahun depan," kata Bupati Kotim, Halikinnor.',
    ])
    cleaned = clean_text(text)
    assert len(cleaned.paragraphs) == 2
    assert cleaned.repeated == 2


def test_chrome_lines_and_header_are_dropped():
    text = "\n".join([
        "Minggu, November 24, 2024",
        "BerandaDaerahJudul Berita Panjang Sekali",
        "Judul Berita Panjang Sekali",
        "\u00a0",
        "Denpasar (bisnisbali.com) – Isi paragraf pertama tentang BPJamsostek.",
        "Paragraf terakhir,\u201d paparnya. *dik",
        "Berita Terkait",
        "- Advertisment -",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Berita Populer",
        "Pewarta: Fulan",
        "Editor: Fulanah",
        "COPYRIGHT © ANTARA 2024",
    ])
    cleaned = clean_text(text)
    assert cleaned.title == "Judul Berita Panjang Sekali"
    assert cleaned.outlet == "bisnisbali.com"
    assert cleaned.dateline == "Denpasar"
    assert cleaned.paragraphs == ["Denpasar (bisnisbali.com) – Isi paragraf pertama tentang BPJamsostek.",
                                  'Paragraf terakhir," paparnya.']


def test_photo_captions_are_dropped():
    text = "\n".join([
        "Judul Berita",
        "Mamuju (ANTARA) - Isi paragraf pertama tentang BPJamsostek.",
        "Bupati menyerahkan kartu kepada nelayan, Senin (3/3/2025). (Foto: Humas Pemkab Mamuju)",
        "Warga antre di kantor cabang. FOTO: sulbarnews.id/Andi Baso",
        "Petugas melayani peserta di loket. ANTARA/Fulan",
        "Ia berkata Foto: itu bukti yang ia simpan sejak lama.",
    ])
    assert clean_text(text).paragraphs == ["Mamuju (ANTARA) - Isi paragraf pertama tentang BPJamsostek.",
                                           "Ia berkata Foto: itu bukti yang ia simpan sejak lama."]


def test_credit_line_becomes_metadata():
    cleaned = clean_text("Denpasar (ANTARA) - Isi berita.\nSumber: ANTARA")
    assert cleaned.credit == "ANTARA"
    assert cleaned.paragraphs == ["Denpasar (ANTARA) - Isi berita."]


def test_quote_marks_are_normalised():
    assert normalize("\u201cKami siap, \u201d ucap dia. \u2018Oke\u2019") == "\"Kami siap,\" ucap dia. 'Oke'"


def test_datelines_of_several_outlets():
    assert find_dateline("Palangka Raya  (ANTARA) - Isi")[:2] == ("Palangka Raya", "ANTARA")
    assert find_dateline("bakabar.com, BANJARMASIN – Isi")[:2] == ("Banjarmasin", "bakabar.com")
    assert find_dateline("Martapura (Antaranews Kalsel) - Isi")[:2] == ("Martapura", "ANTARA")
    assert find_dateline("KENDARI, KOMPAS.com - Isi")[:2] == ("Kendari", "Kompas.com")
    assert find_dateline("Pemerintah Kota Denpasar telah memiliki program")[:2] == (None, None)
    # a press release's city and date, RRI's newsroom code, a city alone
    assert find_dateline("Mamuju, 12 Mei 2024 – Isi")[:2] == ("Mamuju", None)
    assert find_dateline("KBRN, Sorong: Isi")[:2] == ("Sorong", "RRI")
    assert find_dateline("Jakarta - Pemerintah pusat")[:2] == ("Jakarta", None)
    assert find_dateline("Jalan rusak - warga mengeluh")[:2] == (None, None)


def test_empty_and_whitespace_text():
    assert clean_text("").paragraphs == []
    assert clean_text(" \n\u00a0\n ").paragraphs == []
