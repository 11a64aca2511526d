"""Page parsing on pages written for these tests: good, malformed, empty, huge and mis-encoded."""

import pytest

from extract.page import MAX_BYTES, PageError, canonical_url, decode, parse_html

BODY = ("Martapura (ANTARA) - Pemerintah Kabupaten Banjar mendaftarkan 3.100 pekerja rentan ke BPJS "
        "Ketenagakerjaan dengan iuran dari APBD tahun ini.<br><br>\"Kami ingin semua pekerja terlindungi,\" "
        "kata Bupati Banjar, Saidi Mansyur di Martapura, Selasa.<br><br>"
        "<span class=\"baca-juga\"><b>Baca juga:</b> <a href=\"/berita/1/x\">Judul lain 500 pekerja</a></span>"
        "<br><br>Program itu menyasar petani karet, nelayan sungai dan pedagang pasar di 20 kecamatan.")

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Banjar daftarkan pekerja rentan - ANTARA News Kalimantan Selatan</title>
<meta property="og:site_name" content="ANTARA News Kalimantan Selatan">
<link rel="canonical" href="/berita/500001/banjar-daftarkan-pekerja-rentan?utm_source=fb">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Banjar daftarkan 3.100 pekerja rentan","datePublished":"2024-03-05T10:20:00+08:00",
"author":{{"@type":"Person","name":"Yose Rizal"}}}}</script></head>
<body><nav><a href="/">Beranda</a> <a href="/terkini">Terkini</a></nav>
<div class="wrap__article-detail-content post-content">{BODY}
<p class="text-muted mt-2 small">Pewarta: Yose Rizal<br>Editor: Imam Hanafi<br>COPYRIGHT © ANTARA 2024</p>
</div><footer>Alamat redaksi</footer></body></html>"""


def test_article_page():
    page = parse_html(PAGE.encode(), "https://kalsel.antaranews.com/amp/berita/500001/banjar?utm_medium=x")
    assert page.canonical_url == "https://kalsel.antaranews.com/berita/500001/banjar-daftarkan-pekerja-rentan"
    assert page.title == "Banjar daftarkan 3.100 pekerja rentan"
    assert page.published == "2024-03-05T10:20:00+08:00"
    assert page.author == "Yose Rizal" and page.editor == "Imam Hanafi"
    assert page.outlet == "ANTARA"
    assert "Saidi Mansyur" in page.text and "Baca juga" not in page.text and "Alamat redaksi" not in page.text


def test_br_separated_paragraphs_stay_paragraphs(extractor):
    page = parse_html(PAGE, "https://kalsel.antaranews.com/berita/500001/x")
    facts = extractor.extract(page.text, title=page.title)
    assert len(facts.paragraphs) >= 3
    assert [c.value for c in facts.counts] == [3100]  # the "Baca juga" headline's 500 is not article text


def test_empty_and_chrome_only_pages():
    with pytest.raises(PageError, match="empty"):
        parse_html(b"", "http://x/1")
    with pytest.raises(PageError):
        parse_html(b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>", "http://x/2")


def test_truncated_page():
    with pytest.raises(PageError):
        parse_html(PAGE[:300].encode(), "http://x/3")  # cut inside <head>
    page = parse_html(PAGE[:PAGE.index("Program itu")].encode(), "http://x/4")  # cut inside the body
    assert "Saidi Mansyur" in page.text


def test_huge_page():
    with pytest.raises(PageError, match="larger"):
        parse_html(b"<html><body>" + b"<p>kata</p>" * (MAX_BYTES // 10) + b"</body></html>", "http://x/5")


def test_mis_encoded_pages():
    declared_latin1_served_utf8 = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("utf-8")
    assert "COPYRIGHT ©" in decode(declared_latin1_served_utf8)
    served_cp1252 = PAGE.replace("Banjar mendaftarkan", "Banjar – mendaftarkan").encode("cp1252")
    assert "Banjar – mendaftarkan" in decode(served_cp1252)
    page = parse_html(served_cp1252, "http://x/6")
    assert "Saidi Mansyur" in page.text
    assert decode(b"\xff\xfe broken \x81") is not None


def test_canonical_urls():
    assert canonical_url("https://Bakabar.com/post/judul-l7bflfa3?fbclid=abc&page=2#komentar") \
        == "https://bakabar.com/post/judul-l7bflfa3?page=2"
