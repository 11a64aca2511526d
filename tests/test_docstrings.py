"""The calls the docstrings show give what they say (every module of extract/ and db/ that shows one)."""

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(f"{p.parent.name}.{p.stem}" for package in ("extract", "db") for p in (ROOT / package).glob("*.py")
                 if ">>> " in p.read_text(encoding="utf-8"))


def test_modules_show_calls():
    assert {"extract.matching", "extract.numbers", "extract.pipeline", "extract.text"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"no docstring example ran in {name}"
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples in {name} failed"
