"""Extraction on text written for these tests, and on the shared seed articles."""

import pytest

from extract.officials import find_officials


def officials(text):
    return [(o.name, o.title, o.organization) for o in find_officials(text)]


@pytest.mark.parametrize("text, expected", [
    ("kata Kepala Dinsos Barito Selatan, Rahmadi Noor di Buntok.",
     ("Rahmadi Noor", "Kepala", "Dinsos Barito Selatan")),
    ("Wakil Bupati Kapuas Dodo menyerahkan kartu peserta.", ("Dodo", "Wakil Bupati", "Kabupaten Kapuas")),
    ("Hadir pula Sartika Dewi, Kepala Bidang Pelayanan BPJS Ketenagakerjaan Cabang Sampit, dalam acara itu.",
     ("Sartika Dewi", "Kepala Bidang Pelayanan", "BPJS Ketenagakerjaan Cabang Sampit")),
    ("Bupati Tapin yang diwakili Sekretaris Daerah (Sekda) Tapin, yaitu Sufiansyah, membuka acara.",
     ("Sufiansyah", "Sekretaris Daerah", "Kabupaten Tapin")),
    ("Gubernur Bali I Wayan Koster menerima penghargaan.", ("I Wayan Koster", "Gubernur", "Bali")),
    ("Deputi Direktur Wilayah BPJamsostek Kalimantan, Tito Wicaksono, hadir.",
     ("Tito Wicaksono", "Deputi Direktur Wilayah", "BPJamsostek Kalimantan")),
    # degrees between the name and "selaku" or the comma belong to neither
    ("Acara disaksikan Ir. Rusdi Hamdani, M.T. selaku Asisten II Setda Kotabaru.",
     ("Ir. Rusdi Hamdani", "Asisten II", "Setda Kotabaru")),
    ("Acara dibuka Siti Rahmah, S.E., M.Si., Kepala Dinas Sosial Tabalong.",
     ("Siti Rahmah", "Kepala Dinas Sosial", "Tabalong")),
    # a name particle written with a dot ("Tgk." for Teungku) is part of the name
    ("Kepala Baitul Mal Kabupaten Pidie, Tgk. Hasballah Yunus, membuka acara.",
     ("Tgk. Hasballah Yunus", "Kepala", "Baitul Mal Kabupaten Pidie")),
    # a company's name is its capitalised words; degrees after a comma are no second name
    ("Fransiskus Mambor, Direktur PT Teluk Doreri Perkasa, mengatakan semua karyawan terdaftar.",
     ("Fransiskus Mambor", "Direktur", "PT Teluk Doreri Perkasa")),
    ("Manajer SDM CV Karya Sentani, Yuliana Ohee, hadir.", ("Yuliana Ohee", "Manajer SDM", "CV Karya Sentani")),
    ("Direktur Utama PT Bank Sulteng H. Rahmat Lamakarate mengatakan kredit tumbuh.",
     ("H. Rahmat Lamakarate", "Direktur Utama", "PT Bank Sulteng")),
    ("Gubernur diwakili Sekretaris Daerah Provinsi Papua Tengah Dr. Ir. Yakobus Pigai, M.Si. Acara berlangsung.",
     ("Dr. Ir. Yakobus Pigai", "Sekretaris Daerah", "Papua Tengah")),
    ("Kajati diwakili Asisten Perdata dan Tata Usaha Negara Kejati Riau, Dewi Kartika Sari, S.H.",
     ("Dewi Kartika Sari", "Asisten Perdata dan Tata Usaha Negara", "Kejati Riau")),
    # a university is named by its capitalised words, as a company is; a city secretariat is an organisation
    ("Peneliti Pusat Kajian Sosial Universitas Tanjungpura (Untan), Dr. Yuliana Dewi, menilai program itu baik.",
     ("Dr. Yuliana Dewi", "Peneliti Pusat Kajian Sosial", "Universitas Tanjungpura")),
    ("Kartu diserahkan bersama Rahmat Tuasikal, Asisten Bidang Perekonomian Setkot Tual, kemarin.",
     ("Rahmat Tuasikal", "Asisten Bidang Perekonomian", "Setkot Tual")),
    # a place or body whose name holds a word no name holds ("Baru"), before the comma and the name
    ("Kepala Kampung Sawendui Baru, Yulius Rumbewas, menuturkan kampungnya ikut mendaftar.",
     ("Yulius Rumbewas", "Kepala Kampung", "Sawendui Baru")),
    # associations are named by their capitalised words; customary offices are titles
    ("Ketua Paguyuban Ojek Pangkalan Sentani, Markus Ohee, menyambut program itu.",
     ("Markus Ohee", "Ketua", "Paguyuban Ojek Pangkalan Sentani")),
    ("Panglima Laot Kabupaten Pidie, Tgk. Ridwan Amin, mengumpulkan para pawang.",
     ("Tgk. Ridwan Amin", "Panglima Laot", "Kabupaten Pidie")),
    # a cooperative after Dinas is the office's field, not a body of its own
    ("Kepala Dinas Koperasi dan UKM Kota Ternate, Hi. Jufri Abdullah, membuka pelatihan.",
     ("Hi. Jufri Abdullah", "Kepala Dinas Koperasi dan UKM", "Kota Ternate")),
])
def test_appositions(text, expected):
    assert expected in officials(text)


def test_no_official_without_a_name():
    assert officials("Wanita yang menjadi Wakil Wali Kota pertama di kota itu mengaku terkejut.") == []
    assert officials("Sebelumnya, Kepala Bidang Kepesertaan mewakili kepala kantor.") == []
    assert officials("Hadir pula Kepala Dinas Sosial, Forkopimda, dan sejumlah camat.") == []


def test_article_facts(extractor):
    text = "\n".join([
        "Sampit (ANTARA) - Pemerintah Kabupaten Kotawaringin Timur meraih peringkat dua Paritrana Award 2023 "
        "tingkat Provinsi Kalimantan Tengah.",
        '"Kami terus menambah peserta dari kalangan petani," kata Bupati Kotim, Halikinnor di Sampit, Senin.',
        "Tahun ini tercatat 12.600 pekerja rentan dibiayai APBD, sedangkan 2,5 ribu nelayan dibiayai CSR.",
        "Iuran sebesar Rp16.800 per bulan diatur dalam Peraturan Bupati Nomor 12 Tahun 2023.",
        '"Program ini harus berlanjut," ujarnya.',
        "Kepala BPJS Ketenagakerjaan Cabang Sampit, Ratna Sari Dewi mengatakan, "
        '"Kami siap membantu pendataan di semua desa."',
    ])
    facts = extractor.extract(text)
    assert facts.relevant and facts.outlet == "ANTARA" and facts.dateline == "Sampit"
    assert {o.name for o in facts.officials} == {"Halikinnor", "Ratna Sari Dewi"}
    assert [(c.value, c.category, c.funding) for c in facts.counts] == [
        (12600, "pekerja rentan", "APBD"), (2500, "nelayan", "CSR")]
    assert [(a.recipient, a.rank, a.year, a.level) for a in facts.awards] == [
        ("Kabupaten Kotawaringin Timur", 2, 2023, "provinsi")]
    assert [q.speaker for q in facts.quotes] == ["Halikinnor", "Halikinnor", "Ratna Sari Dewi"]


def test_off_topic_article_has_no_facts(extractor):
    facts = extractor.extract("Banjarmasin (ANTARA) - BPJS Kesehatan menambah layanan JKN di 20 puskesmas, "
                              'kata Kepala BPJS Kesehatan Cabang Banjarmasin, Ani Rahmawati.')
    assert not facts.relevant
    assert facts.officials == [] and facts.counts == []


def test_multi_paragraph_quote_and_epithet(extractor):
    text = "\n".join([
        "Kandangan (ANTARA) - Kepala Dinas Tenaga Kerja HSS, Noor Aida memberi santunan BPJS Ketenagakerjaan.",
        '"Kami mendata semua pekerja rentan di desa-desa.',
        '"Setelah itu iurannya kami tanggung dari APBD," kata wanita berkacamata itu.',
    ])
    quotes = extractor.extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].speaker == "Noor Aida"
    assert quotes[0].text.startswith("Kami mendata") and "iurannya" in quotes[0].text


def test_seed_with_repeated_paragraphs(extractor, seeds):
    facts = extractor.extract((seeds / "000_af29df7e975b02d3.txt").read_text())
    assert facts.repeated_paragraphs >= 2
    assert len(facts.quotes) == 5  # each quote once, although the page prints it twice
    assert {q.speaker for q in facts.quotes} == {"Hera Nugrahayu", "Ariane Chaterina", "Farid Wajdi"}


def test_seed_numbers(extractor, seeds):
    facts = extractor.extract((seeds / "004_aeb238547c36d83d.txt").read_text())
    assert {(c.value, c.unit) for c in facts.counts} >= {(1400000, "tenaga kerja"), (27, "persen")}
    facts = extractor.extract((seeds / "001_6f244dd97390cb6e.txt").read_text())
    assert (32154, "total", "Kota Palangka Raya") in {(c.value, c.category, c.region) for c in facts.counts}


@pytest.mark.parametrize("sentence, expected", [
    ("Juara I diraih Kabupaten Badung, juara II Kota Denpasar, dan juara III Kabupaten Gianyar.",
     [("Kabupaten Badung", 1), ("Kota Denpasar", 2), ("Kabupaten Gianyar", 3)]),
    ("Peringkat pertama hingga ketiga masing-masing diraih oleh Kabupaten Tapin, Kabupaten Banjar, dan Kota "
     "Banjarbaru.", [("Kabupaten Tapin", 1), ("Kabupaten Banjar", 2), ("Kota Banjarbaru", 3)]),
    ("Untuk kategori perusahaan besar, PT Sawit Jaya meraih juara I, disusul PT Karya Mandiri dan PT Borneo Abadi.",
     [("PT Sawit Jaya", 1), ("PT Karya Mandiri", 2), ("PT Borneo Abadi", 3)]),
    ("Kabupaten Sleman menempati posisi kedua dalam Paritrana Award Tahun 2022.", [("Kabupaten Sleman", 2)]),
    ("Kota Palangka Raya, Provinsi Kalimantan Tengah berhasil meraih peringkat dua pada penilaian Paritrana 2022.",
     [("Kota Palangka Raya", 2)]),
    ("Pemerintah Kota Palangka Raya mendapat peringkat tersebut.", []),
    # two ranks in a row after "masing-masing", the rank word repeated or the list before it
    ("Pada kategori usaha besar, PT Tirta Kapuas dan PT Sungai Mas masing-masing meraih juara I dan juara II.",
     [("PT Tirta Kapuas", 1), ("PT Sungai Mas", 2)]),
    ("Peringkat 2 dan 3 masing-masing diraih CV Rotan Barito dan UD Purun Indah.",
     [("CV Rotan Barito", 2), ("UD Purun Indah", 3)]),
    # one rank for each of several recipients
    ("Di kategori masing-masing, PT Kahayan Jaya dan CV Anyaman Dayak meraih peringkat pertama.",
     [("PT Kahayan Jaya", 1), ("CV Anyaman Dayak", 1)]),
    # a rank list without "masing-masing" after the recipients it orders
    ("Kabupaten Kapuas meraih juara I, diikuti Kota Palangka Raya dan Kabupaten Katingan di peringkat dua dan tiga.",
     [("Kabupaten Kapuas", 1), ("Kota Palangka Raya", 2), ("Kabupaten Katingan", 3)]),
    # hospitals, banks and villages win too; the regency after a village only locates it
    ("Predikat terbaik kedua diterima oleh RSUD Doris Sylvanus.", [("RSUD Doris Sylvanus", 2)]),
    ("Bank Kalteng Syariah menduduki peringkat ketiga.", [("Bank Kalteng Syariah", 3)]),
    ("Desa Tumbang Manjul, Kabupaten Seruyan, meraih juara I kategori pemerintah desa.", [("Desa Tumbang Manjul", 1)]),
    # "A menempati peringkat pertama dan B peringkat ketiga"
    ("Kota Palangka Raya menempati peringkat pertama dan Kabupaten Barito Utara peringkat ketiga.",
     [("Kota Palangka Raya", 1), ("Kabupaten Barito Utara", 3)]),
    ("Posisi kedua ditempati Kabupaten Pulang Pisau, disusul Kabupaten Gunung Mas di posisi terbaik ketiga.",
     [("Kabupaten Pulang Pisau", 2), ("Kabupaten Gunung Mas", 3)]),
    # ranks with no ordinal, ranks in brackets, recipients written as Pemkab/Pemprov
    ("Pemkab Katingan berhasil menyabet predikat terbaik pada kategori pemerintah kabupaten/kota.",
     [("Kabupaten Katingan", 1)]),
    ("Kabupaten Lamandau keluar sebagai juara umum, mengungguli Kabupaten Sukamara di posisi kedua.",
     [("Kabupaten Lamandau", 1), ("Kabupaten Sukamara", 2)]),
    ("Kategori pemerintah kabupaten/kota: Kabupaten Murung Raya (I), Kota Palangka Raya (II).",
     [("Kabupaten Murung Raya", 1), ("Kota Palangka Raya", 2)]),
    ("Adapun kategori ini dimenangi Pemkab Seruyan di peringkat pertama dan Pemkot Palangka Raya di peringkat kedua.",
     [("Kabupaten Seruyan", 1), ("Kota Palangka Raya", 2)]),
    ("Kabupaten Kapuas menyusul sebagai juara II, lalu Kabupaten Barito Selatan sebagai juara III.",
     [("Kabupaten Kapuas", 2), ("Kabupaten Barito Selatan", 3)]),
    # "dinobatkan sebagai yang terbaik", "terpilih sebagai": the first place, won
    ("Pemerintah Kabupaten Barito Timur dinobatkan sebagai yang terbaik kategori pemerintah kabupaten/kota.",
     [("Kabupaten Barito Timur", 1)]),
    ("Kabupaten Lamandau terpilih sebagai juara II kategori pemerintah kabupaten/kota.", [("Kabupaten Lamandau", 2)]),
    # a numbered list written inline; the regency in brackets locates the village
    ("Urutan pemenang kategori desa yakni 1. Desa Tumbang Manjul (Kabupaten Seruyan), 2. Desa Sei Gohong (Kota "
     "Palangka Raya).", [("Desa Tumbang Manjul", 1), ("Desa Sei Gohong", 2)]),
    # one rank for several categories, the verb left out after the first ("..., kategori kota oleh ...")
    ("Juara I kategori kabupaten diraih Kabupaten Kapuas, kategori kota oleh Kota Palangka Raya.",
     [("Kabupaten Kapuas", 1), ("Kota Palangka Raya", 1)]),
    # "X yang meraih predikat terbaik pertama": a relative clause states a result too
    ("Kota Bontang meraih terbaik kedua, di bawah Kabupaten Kutai Timur yang meraih predikat terbaik pertama.",
     [("Kota Bontang", 2), ("Kabupaten Kutai Timur", 1)]),
    # a regency in brackets or after "di Kecamatan ..." only says where the village is
    ("Juara II dan III masing-masing diraih Desa Sungai Rangas (Kabupaten Banjar) dan Desa Pandak (Kabupaten "
     "Tapin).", [("Desa Sungai Rangas", 2), ("Desa Pandak", 3)]),
    ("Gampong Lamreh di Kecamatan Masjid Raya, Aceh Besar, meraih juara I.", [("Gampong Lamreh", 1)]),
    # the verb left out in the next clause: "..., sedangkan perusahaan menengah kepada PT X"
    ("Peringkat kedua perusahaan besar jatuh kepada PT Laut Biru, sedangkan perusahaan menengah kepada PT Teluk Emas.",
     [("PT Laut Biru", 2), ("PT Teluk Emas", 2)]),
    # a result hoped for or denied is none
    ("Dengan tambahan peserta itu, Kabupaten Jember ditargetkan masuk nominasi tingkat nasional.", []),
    ("Pada edisi sebelumnya, Kabupaten Jember belum masuk nominasi.", []),
    # a tie; a runner up; the owner of a winner is none
    ("Kabupaten Rokan Hulu dan Kota Dumai sama-sama meraih peringkat ketiga.",
     [("Kabupaten Rokan Hulu", 3), ("Kota Dumai", 3)]),
    ("Pemerintah Kota Dumai menjadi runner up kategori pemerintah kabupaten/kota.", [("Kota Dumai", 2)]),
    ("PT BPR Bengkalis Makmur, bank milik Pemkab Bengkalis, meraih terbaik pertama.", [("PT BPR Bengkalis Makmur", 1)]),
    ("Kota Batu berharap bisa meraih juara I tahun depan.", []),
    # another award's results are not Paritrana's
    ("BPJS Ketenagakerjaan menyerahkan BPJAMSOSTEK Award kepada PT Sampit Sawit Jaya sebagai peringkat pertama.", []),
    # the dateline's city says where the story was written, not who was nominated
    ("Sampit (ANTARA) - Kabupaten Kotawaringin Timur masuk nominasi Paritrana tingkat nasional.",
     [("Kabupaten Kotawaringin Timur", None)]),
    # nominees named after "diisi", or with "nomine" and "sampai tahap nominasi"
    ("Untuk kategori perusahaan besar, nominasi diisi PT Teluk Lalong Perkasa dan PT Banggai Rumput Laut.",
     [("PT Teluk Lalong Perkasa", None), ("PT Banggai Rumput Laut", None)]),
    ("Adapun CV Anyaman Lontar hanya sampai tahap nominasi, sedangkan UD Tenun Ikat menjadi nomine.",
     [("CV Anyaman Lontar", None), ("UD Tenun Ikat", None)]),
    ("Dari kategori pemerintah kabupaten/kota, Kabupaten Ngawi menembus peringkat ke-4.", [("Kabupaten Ngawi", 4)]),
    # the province after a regency of its own only locates it
    ("Pemerintah Kabupaten Sumba Timur, Nusa Tenggara Timur, masuk nominasi tingkat nasional.",
     [("Kabupaten Sumba Timur", None)]),
    ("Kabupaten Tojo Una-Una meraih juara I.", [("Kabupaten Tojo Una-Una", 1)]),
    # settling for a rank is holding it; a hospital is a recipient; representatives of a province only locate it
    ("Kabupaten Sigi harus puas di peringkat ketiga, sedangkan RSIA Bunda Sehat Palu di posisi kedua.",
     [("Kabupaten Sigi", 3), ("RSIA Bunda Sehat Palu", 2)]),
    ("Dua wakil Provinsi Maluku, Kabupaten Buru dan Kota Tual, masuk nominasi tingkat nasional.",
     [("Kabupaten Buru", None), ("Kota Tual", None)]),
    # won by, with no rank before it, is the first place; a rank after where the next one is from
    ("Kategori usaha kecil dimenangi CV Sagu Luwu, disusul UD Kopi Toraja dari Tana Toraja di peringkat kedua.",
     [("CV Sagu Luwu", 1), ("UD Kopi Toraja", 2)]),
    ("Kabupaten Luwu menjadi runner up dan Kabupaten Bone menyusul di posisi ketiga.",
     [("Kabupaten Luwu", 2), ("Kabupaten Bone", 3)]),
    ("Kelurahan Lapadde, Kota Parepare, sebagai juara II kategori pemerintah desa.", [("Kelurahan Lapadde", 2)]),
])
def test_award_results(sentence, expected):
    from extract.awards import award_context, find_awards

    awards = find_awards(sentence, award_context("Paritrana Award 2023 tingkat provinsi"))
    assert [(a.recipient, a.rank) for a in awards] == expected


def test_a_gapped_list_keeps_each_recipients_category():
    from extract.awards import award_context, find_awards

    awards = find_awards("Untuk badan usaha, peringkat pertama perusahaan besar diraih PT Sawit Katingan Lestari, "
                         "perusahaan menengah oleh PT Rotan Kahayan, dan usaha kecil oleh CV Purun Barito.",
                         award_context("Paritrana Award 2024 tingkat Provinsi Kalimantan Tengah"))
    assert [(a.recipient, a.rank, a.category) for a in awards] == [
        ("PT Sawit Katingan Lestari", 1, "perusahaan besar"), ("PT Rotan Kahayan", 1, "perusahaan menengah"),
        ("CV Purun Barito", 1, "perusahaan kecil")]


def test_a_hall_named_after_another_award_is_a_place(extractor):
    text = "\n\n".join([
        "Kuala Kurun (ANTARA) - Kabupaten Gunung Mas meraih juara I Paritrana Award 2023 tingkat Provinsi "
        "Kalimantan Tengah.",
        "Penghargaan diserahkan di Gedung Adipura, Palangka Raya, Rabu.",
        "Pada kategori pemerintah desa, Desa Tewah masuk nominasi tingkat nasional.",
    ])
    awards = extractor.extract(text).awards
    assert [(a.recipient, a.rank, a.nominee) for a in awards] == [("Kabupaten Gunung Mas", 1, False),
                                                                  ("Desa Tewah", None, True)]


def test_award_nominees_and_edition():
    from extract.awards import award_context, find_awards

    awards = find_awards("Nominasi Paritrana Award 2024 tingkat nasional adalah Kota Kendari, Kabupaten Konawe "
                         "dan PT Antam Tbk.", award_context(""))
    assert [(a.recipient, a.rank, a.nominee, a.year, a.level) for a in awards] == [
        ("Kota Kendari", None, True, 2024, "nasional"), ("Kabupaten Konawe", None, True, 2024, "nasional"),
        ("PT Antam Tbk", None, True, 2024, "nasional")]


def test_a_nomination_after_an_earlier_round_states_both_results():
    from extract.awards import award_context, find_awards

    awards = find_awards("Kabupaten Landak masuk nominasi Paritrana Award 2025 tingkat nasional, setelah sebelumnya "
                         "meraih peringkat pertama pada penilaian tingkat Provinsi Kalimantan Barat.",
                         award_context(""))
    assert [(a.recipient, a.rank, a.nominee, a.year, a.level) for a in awards] == [
        ("Kabupaten Landak", None, True, 2025, "nasional"), ("Kabupaten Landak", 1, False, 2025, "provinsi")]
    # without the comma
    awards = find_awards("PT Landak Sawit masuk nominasi Paritrana Award 2025 tingkat nasional setelah meraih juara I "
                         "tingkat provinsi.", award_context(""))
    assert [(a.recipient, a.rank, a.nominee, a.level) for a in awards] == [
        ("PT Landak Sawit", None, True, "nasional"), ("PT Landak Sawit", 1, False, "provinsi")]


def test_last_years_rank_is_the_edition_before():
    from extract.awards import award_context, find_awards

    ctx = award_context("Paritrana Award 2025 tingkat Provinsi Jawa Timur")
    awards = find_awards("Kota Kediri meraih peringkat ketiga, setelah tahun lalu berada di peringkat keenam.", ctx)
    assert [(a.recipient, a.rank, a.year) for a in awards] == [("Kota Kediri", 3, 2025), ("Kota Kediri", 6, 2024)]
    # a comparison with last year is no result of last year's
    awards = find_awards("Kota Kediri dan Kota Batu masuk nominasi, naik dibanding tahun sebelumnya.", ctx)
    assert [(a.recipient, a.year) for a in awards] == [("Kota Kediri", 2025), ("Kota Batu", 2025)]
    # ... unless it says what happened then
    awards = find_awards("Kota Batu naik dibanding tahun lalu, ketika kota itu berada di peringkat kelima.", ctx)
    assert [(a.recipient, a.rank, a.year) for a in awards] == [("Kota Batu", 5, 2024)]


def test_two_recipients_each_with_its_rank_and_category_in_one_clause():
    from extract.awards import award_context, find_awards

    awards = find_awards("Wakil gubernur menyerahkan piala kepada PT Sorong Marine Logistik sebagai juara I kategori "
                         "perusahaan menengah dan UD Noken Biak sebagai terbaik ketiga kategori usaha kecil.",
                         award_context("Paritrana Award 2024 tingkat Provinsi Papua Barat Daya"))
    assert [(a.recipient, a.rank, a.category) for a in awards] == [
        ("PT Sorong Marine Logistik", 1, "perusahaan menengah"), ("UD Noken Biak", 3, "perusahaan kecil")]


def test_anaphors_refer_to_the_recipient_named_before():
    from extract.awards import award_context, find_awards

    ctx = award_context("Paritrana Award 2024 tingkat Provinsi Riau")
    sentences = [
        "Koperasi Nelayan Bagan Jaya dari Rokan Hilir mendaftarkan seluruh anggotanya.",
        "Di kategori badan usaha, PT Kuansing Karet Lestari mendaftarkan 1.200 karyawan.",
        "Perusahaan tersebut meraih peringkat kedua kategori perusahaan besar.",
        "Koperasi tersebut meraih juara I kategori usaha kecil.",
        "Kabupaten Siak tampil di kategori pemerintah kabupaten/kota, sedangkan Desa Teluk Lanus di kategori desa.",
        "Keduanya meraih juara I pada kategori masing-masing.",
        "Kabupaten Bengkalis, Kota Dumai dan Desa Sungai Pakning juga dinilai tim juri.",
        "Ketiganya meraih juara III pada kategori masing-masing.",
        "Sementara itu, dari Kabupaten Pelalawan, PT Sawit Kerinci meraih juara II. Pemkab setempat meraih juara III.",
    ]
    found = [[(a.recipient, a.rank) for a in find_awards(s, ctx)] for s in sentences]
    assert found == [[], [], [("PT Kuansing Karet Lestari", 2)], [("Koperasi Nelayan Bagan Jaya", 1)], [],
                     [("Kabupaten Siak", 1), ("Desa Teluk Lanus", 1)], [],
                     [("Kabupaten Bengkalis", 3), ("Kota Dumai", 3), ("Desa Sungai Pakning", 3)],
                     [("PT Sawit Kerinci", 2), ("Kabupaten Pelalawan", 3)]]


def test_a_list_of_winners_a_line_each_under_its_category():
    from extract.awards import award_context, find_awards

    ctx = award_context("Paritrana Award 2023 tingkat Provinsi Aceh")
    lines = ["Hasil penilaian dewan juri sebagai berikut.", "Kategori Usaha Kecil:", "1. CV Kopi Gayo Lestari",
             "2. UD Rencong Jaya", "Kategori Pemerintah Desa:", "1. Gampong Lamteh", "Ada 2 pemenang lain."]
    found = [(a.recipient, a.rank, a.category) for line in lines for a in find_awards(line, ctx)]
    assert found == [("CV Kopi Gayo Lestari", 1, "perusahaan kecil"), ("UD Rencong Jaya", 2, "perusahaan kecil"),
                     ("Gampong Lamteh", 1, "pemerintah desa")]


def test_any_noun_phrase_with_a_demonstrative_is_an_epithet(extractor):
    text = "\n".join([
        "Ende (ANTARA) - Kepala BPJS Ketenagakerjaan Cabang Ende, Markus Wangge menyerahkan kartu peserta.",
        "Kartu diterima Yuliana Bhoki (52), perajin tenun dari Desa Wolotopo.",
        '"Sekarang saya tenang menenun," ujar perajin asal Wolotopo itu.',
        '"Kami juga siap melayani," kata Markus kepada wartawan di acara tersebut.',
    ])
    assert [q.speaker for q in extractor.extract(text).quotes] == ["Yuliana Bhoki", "Markus Wangge"]


def test_a_name_in_passing_does_not_take_the_next_quote(extractor):
    # places the NER may read as people, named after the official in the same paragraph
    text = "\n".join([
        "Sumenep (ANTARA) - Pemkab Sumenep menanggung iuran BPJS Ketenagakerjaan nelayan pulau.",
        "Kepala Dinas Perikanan Sumenep, Slamet Riyadi, S.Pi., mengatakan petugas mendata nelayan di Kecamatan "
        "Masalembu, Arjasa hingga Kangayan, juga di lereng Gili Iyang.",
        '"Nelayan pulau paling sulit kami jangkau, jadi kami datangi satu per satu," jelasnya.',
    ])
    assert [q.speaker for q in extractor.extract(text).quotes] == ["Slamet Riyadi"]


def test_a_pronoun_refers_to_the_subject_not_to_a_name_in_the_object(extractor):
    text = "\n".join([
        "Balige (ANTARA) - Pemkab Toba menanggung iuran BPJS Ketenagakerjaan 6.000 petani.",
        "Kepala BPJS Ketenagakerjaan Cabang Pematangsiantar, Rudi Sinaga, mengapresiasi keputusan Bupati Toba Jonni "
        "Simanjuntak.",
        'Ia menegaskan, "Perlindungan ini hak pekerja, bukan bantuan sosial biasa."',
    ])
    assert [q.speaker for q in extractor.extract(text).quotes] == ["Rudi Sinaga"]


def test_a_speaker_introduced_after_the_quote_with_an_age(extractor):
    text = "\n".join([
        "Painan (ANTARA) - Pemkab Pesisir Selatan mendaftarkan nelayan ke BPJS Ketenagakerjaan.",
        '"Sekarang keluarga kami punya kepastian kalau terjadi apa-apa di laut," kata seorang nelayan Carocok, '
        "Zulkifli (52), usai menerima kartu.",
    ])
    assert [q.speaker for q in extractor.extract(text).quotes] == ["Zulkifli"]


def test_epithet_refers_to_a_resident_introduced_with_an_age(extractor):
    text = "\n".join([
        "Sambas (ANTARA) - Kepala BPJS Ketenagakerjaan Cabang Singkawang, Rudi Hartono menyerahkan santunan JKM.",
        "Santunan diterima Siti Aminah (41), istri almarhum pekerja rentan yang meninggal bulan lalu.",
        '"Uang ini untuk sekolah anak-anak kami," kata ibu tiga anak itu.',
    ])
    assert [q.speaker for q in extractor.extract(text).quotes] == ["Siti Aminah"]


@pytest.mark.parametrize("sentence, expected", [
    # a number that refers back to the noun counted before it, in the same sentence or paragraph
    ("Pemkab Seruyan mendaftarkan 5.200 pekerja rentan. Sebanyak 3.100 di antaranya dibiayai APBD, sedangkan 2.100 "
     "lainnya dari CSR.", [(5200, "pekerja rentan", None), (3100, "pekerja rentan", "APBD"),
                          (2100, "pekerja rentan", "CSR")]),
    # "N dari M desa": both count villages
    ("Baru 84 dari 120 desa yang menganggarkan iuran dari APBDes.", [(84, "desa", "APBDes"), (120, "desa", "APBDes")]),
    # regional and sector nouns: garin (Minang mosque keepers), hukum tua (Minahasa village heads), parkir, PAUD
    ("Iuran 410 garin, 95 hukum tua, 300 tukang parkir dan 120 guru PAUD ditanggung pemerintah.",
     [(410, "garin", None), (95, "hukum tua", None), (300, "tukang parkir", None), (120, "guru PAUD", None)]),
    # a year after a month or a word of time is a year, whatever noun follows it
    ("Hingga Maret 2025 peserta aktif tercatat 9.400 pekerja, dan sepanjang 2024 pemkab menanggung 1.250 nelayan.",
     [(9400, "pekerja", None), (1250, "nelayan", None)]),
    ("Pemkab menanggung 312 kepala dusun dan 95 imam masjid serta 40 tenaga kebersihan.",
     [(312, "kepala dusun", None), (95, "imam masjid", None), (40, "tenaga kebersihan", None)]),
    ("Dari jumlah itu, 48.500 penerima upah dan 12.300 bukan penerima upah.",
     [(48500, "penerima upah", None), (12300, "bukan penerima upah", None)]),
    # a part of a whole introduced by "dari", past a comma
    ("Dari 35 kabupaten/kota di Jateng, sebanyak 29 telah memiliki peraturan bupati.",
     [(35, "kabupaten/kota", None), (29, "kabupaten/kota", None)]),
    ("Pemkot menanggung iuran 600 mama-mama pedagang pasar dan 410 tukang bangunan dari APBD.",
     [(600, "pedagang pasar", None), (410, "tukang bangunan", "APBD")]),
    # a unit with "-nya"; a share of money and an award's edition are no counts
    ("Perusahaan itu mendaftarkan seluruh 2.340 karyawannya, atau 3 persen dari total beban gaji.",
     [(2340, "karyawan", None)]),
    ("Tim Paritrana Award 2024 Provinsi Bengkulu menemui 75 nelayan.", [(75, "nelayan", None)]),
    ("Dari jumlah itu, 41.200 merupakan pekerja penerima upah, dan 1.563 ketua rukun tetangga dibiayai APBD.",
     [(41200, "pekerja", None), (1563, "ketua RT", "APBD")]),
    ("Dari 210 kampung di Kabupaten Sorong, sebanyak 96 kampung sudah menganggarkan iuran.",
     [(210, "kampung", None), (96, "kampung", None)]),
    # "naik dari N menjadi M peserta": both count participants; "enam dari sepuluh pekerja" is a ratio
    ("Pesertanya naik dari 7.300 menjadi 11.900 peserta, terdiri atas 640 amil dan 310 guru ngaji.",
     [(7300, "peserta", None), (11900, "peserta", None), (640, "amil", None), (310, "guru ngaji", None)]),
    ("Artinya baru tiga dari sepuluh pekerja yang terlindungi.", []),
    ("Setiap hari lima hingga sepuluh orang mendaftar.", [(10, "orang", None)]),  # a range is one rough figure
])
def test_counts_refer_back_and_new_units(extractor, sentence, expected):
    facts = extractor.extract("Kuala Pembuang (ANTARA) - BPJS Ketenagakerjaan Cabang Sampit mencatat kepesertaan.\n\n"
                              + sentence, always_facts=True)
    assert [(c.value, c.unit, c.funding) for c in facts.counts] == expected


def test_a_place_inside_a_word_is_no_mention():
    from extract.gazetteer import regions

    found = regions().find("GARUT, detikJabar - Warga Kota Bandung dan Jabar hadir.")
    assert [m.region.name for m in found] == ["Kota Bandung", "Jawa Barat"]


def test_a_figure_stated_again_is_one_count(extractor):
    text = "\n\n".join([
        "Pemkab Buton Daftarkan 3.150 Pekerja Rentan ke BPJS Ketenagakerjaan",
        "Pasarwajo (ANTARA) - Pemkab Buton mendaftarkan 3.150 pekerja rentan ke BPJS Ketenagakerjaan dengan iuran "
        "dari APBD, terdiri atas 1.200 nelayan, 1.200 petani rumput laut dan 750 buruh pelabuhan.",
        '"Dengan 3.150 peserta baru ini, cakupan kami naik menjadi 31 persen," kata Bupati Buton, La Bakry.',
        "Tahun lalu cakupan kepesertaan baru 31 persen dari angkatan kerja.",
    ])
    counts = extractor.extract(text).counts
    assert [(c.value, c.category, c.funding) for c in counts if c.unit != "persen"] == [
        (3150, "pekerja rentan", "APBD"), (1200, "nelayan", None), (1200, "petani", None),
        (750, "buruh pelabuhan", None)]
    assert [c.value for c in counts if c.unit == "persen"] == [31, 31]  # shares are never merged
    two_regions = extractor.extract("\n\n".join([
        "Baubau (ANTARA) - BPJS Ketenagakerjaan mencatat kepesertaan baru di Sulawesi Tenggara.",
        "Kota Baubau mendaftarkan 600 pekerja rentan. Kabupaten Buton juga mendaftarkan 600 pekerja rentan."]))
    assert [(c.value, c.region) for c in two_regions.counts] == [(600, "Kota Baubau"), (600, "Kabupaten Buton")]


@pytest.mark.parametrize("sentence, expected", [
    ("Pemkot menanggung iuran 650 buruh pelabuhan dan 120 buruh rentan.", ["buruh pelabuhan", "pekerja rentan"]),
    ("Sebanyak 3.000 ketua RT dan RW serta 900 anggota linmas ikut didaftarkan.", ["ketua RT/RW", "linmas"]),
    ("Iuran 1.200 perangkat nagari dan 400 buruh tani dibayar Pemkab.", ["perangkat desa", "petani"]),
    ("Selain itu, 640 aparat desa didaftarkan dengan dana desa.", ["perangkat desa"]),
    ("Nagari menanggung 64 kepala jorong dan 120 ketua RW.", ["perangkat desa", "ketua RW"]),
])
def test_count_categories_of_sectors(extractor, sentence, expected):
    facts = extractor.extract("Padang (ANTARA) - BPJS Ketenagakerjaan Cabang Padang mencatat kepesertaan baru.\n\n"
                              + sentence, always_facts=True)
    assert [c.category for c in facts.counts] == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a share is named by what follows it, else by what its clause said before it
    ("Hingga September, cakupan kepesertaan di Pesisir Selatan baru 36 persen.", ["terlindungi"]),
    ("Sebanyak 9.400 pekerja sudah terdaftar, atau kira-kira 44 persen dari angkatan kerja.", ["total", "terdaftar"]),
    ("Cakupan kepesertaan bukan penerima upah di Agam kini 23 persen, naik dari tahun lalu.", ["bukan penerima upah"]),
    ("Sisanya, sekitar 58 persen belum terlindungi.", ["belum terlindungi"]),
    ("Angka pengangguran turun menjadi 5 persen.", [None]),
    # a count of people with no category of its own: the one the paragraph counted before it
    ("Jumlah pekerja rentan yang ditanggung naik dari 1.850 orang pada 2023 menjadi 3.020 orang pada 2024. "
     "Sebanyak 2.000 orang di antaranya nelayan.", ["pekerja rentan", "pekerja rentan", "pekerja rentan"]),
    # or, paid by a regional budget, the vulnerable workers those budgets cover
    ("Nagari itu mendaftarkan 140 warga dengan iuran dari dana desa.", ["pekerja rentan"]),
    ("Dana otonomi khusus membayar iuran 2.600 orang asli Papua.", ["total"]),  # the budget is named before
    ("Sebanyak 700 orang menghadiri sosialisasi di aula kantor bupati.", ["total"]),
])
def test_count_categories_from_context(extractor, paragraph, expected):
    facts = extractor.extract("Padang (ANTARA) - BPJS Ketenagakerjaan Cabang Padang mencatat kepesertaan baru.\n\n"
                              + paragraph, always_facts=True)
    assert [c.category for c in facts.counts] == expected
