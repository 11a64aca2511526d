"""A site of bad pages, served for real on 127.0.0.1: what a crawl must survive.

Every page hangs off ``/terkini`` under an ANTARA-style article URL, so the antara spider follows them all.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD = ("<html><head><meta charset='{charset}'><title>{title}</title></head><body><h1>{title}</h1>"
        "<div class='post-content'><p>Sampit (ANTARA) - Kepala BPJS Ketenagakerjaan Cabang Sampit, "
        "Sutiyono mengatakan 1.250 pekerja rentan di Kotim kini terlindungi {word}.</p><p>Program itu "
        "dibiayai APBD dan menyasar petani, nelayan, pedagang pasar serta pengemudi ojek di 17 kecamatan.</p>"
        "<p>\"Kami akan menambah peserta tahun depan,\" kata Sutiyono di Sampit, Rabu.</p></div></body></html>")

#: path -> (what the page is, what the crawl must record for it)
PAGES = {
    "/berita/9001/baik": ("a good article", "stored"),
    "/berita/9002/latin1-tapi-utf8": ("declared latin-1, served as UTF-8", "stored"),
    "/berita/9003/utf8-tapi-cp1252": ("declared UTF-8, served as Windows-1252", "stored"),
    "/berita/9004/terpotong": ("truncated inside <head>", "skipped"),
    "/berita/9005/kosong": ("an empty body", "skipped"),
    "/berita/9006/hilang": ("404", "failed"),
    "/berita/9007/galat": ("500, every time", "failed"),
    "/berita/9008/lambat": ("answers after the download timeout", "failed"),
    "/berita/9009/putar": ("redirects to itself", "failed"),
    "/berita/9010/dokumen": ("a PDF", "failed"),
    "/berita/9011/raksasa": ("over the download size cap", "failed"),
}


class BadSiteHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        if path == "/terkini":
            links = "".join(f'<a href="{p}">{what}</a> ' for p, (what, _) in PAGES.items())
            return self.send(200, f"<html><body>{links}</body></html>".encode())
        if path == "/berita/9001/baik":
            return self.send(200, GOOD.format(charset="utf-8", title="Sutiyono lindungi pekerja",
                                              word="BPJamsostek").encode())
        if path == "/berita/9002/latin1-tapi-utf8":
            page = GOOD.format(charset="iso-8859-1", title="Pekerja – terlindungi", word="BPJamsostek ©")
            return self.send(200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
        if path == "/berita/9003/utf8-tapi-cp1252":
            page = GOOD.format(charset="utf-8", title="Nelayan – terlindungi", word="Jamsostek ©")
            return self.send(200, page.encode("cp1252"), "text/html; charset=utf-8")
        if path == "/berita/9004/terpotong":
            return self.send(200, b"<html><head><title>Terpotong</title><meta name='x")
        if path == "/berita/9005/kosong":
            return self.send(200, b"")
        if path == "/berita/9007/galat":
            return self.send(500, b"<html><body>Internal error</body></html>")
        if path == "/berita/9008/lambat":
            time.sleep(8)
            return self.send(200, b"<html><body>terlambat</body></html>")
        if path == "/berita/9009/putar":
            return self.send(302, b"", extra=[("Location", "/berita/9009/putar")])
        if path == "/berita/9010/dokumen":
            return self.send(200, b"%PDF-1.4 not html", "application/pdf")
        if path == "/berita/9011/raksasa":
            return self.send(200, b"<html><body>" + b"<p>kata kata kata</p>" * 400_000 + b"</body></html>")
        return self.send(404, b"<html><body>tidak ditemukan</body></html>")


def start_badsite() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BadSiteHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
