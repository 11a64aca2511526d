"""pantau's language side: page to clean text, Indonesian numbers, and the fact-extraction pipeline.

>>> from extract import Extractor
>>> Extractor().extract("Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 500 pekerja rentan.").counts[0].value
500
"""

from extract.facts import ArticleFacts, Award, Count, Official, Quote
from extract.pipeline import Extractor, TextTooLong, load_pipeline

__all__ = ["ArticleFacts", "Award", "Count", "Extractor", "Official", "Quote", "TextTooLong", "load_pipeline"]
