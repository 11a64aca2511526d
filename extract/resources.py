"""Where extract/'s data files live, and how they are read (once each).

>>> sorted(load_yaml("outlets.yml"))[:1]
['ANTARA']
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    """The path of a data file shipped in ``extract/data/``."""
    return DATA / name


@cache
def load_yaml(name: str):
    """A YAML data file, parsed once per process."""
    with open(data_path(name), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def load_csv(name: str) -> tuple[dict, ...]:
    """A CSV data file as a tuple of row dicts, read once per process."""
    with open(data_path(name), encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))
