#!/usr/bin/env python3
"""Builds statin-rxnorm-closure.json: every RxNorm concept that contains a statin, with its statin ingredients.

The CDS Hooks door recognises a statin order coded only by an RxNorm product code (SCD, SBD, SCDC, SBDC, BN,
GPCK, BPCK, dose-form groups) through this closure. Two ways to build it:

1. From an RxNorm release (the authoritative way; needs the licensed RRF files from the NLM):
       python3 build-statin-closure.py --rxnorm-rrf path/to/rrf > statin-rxnorm-closure.json
   RXNCONSO.RRF gives each concept's term type and name, RXNREL.RRF the links between them. A concept's
   ingredients are found by walking from product to component to ingredient (SBD -> SCD -> SCDC -> IN,
   BN -> IN, BPCK -> SBD/GPCK, GPCK -> SCD, group -> form -> IN), never the other way, so a combination product
   never pulls in the products of its other ingredient.

2. From published lists of RxNorm concepts with their names (with 3, what the shipped file was built from, since
   this project's machines have no internet and no RxNorm licence):
       python3 build-statin-closure.py --named-list medication-list.js --ecqm medication.py [...] > statin-rxnorm-closure.json
   --named-list reads `cuiToName` entries (`123: 'name',`), such as the CDS Hooks sandbox's RxNorm list;
   --ecqm reads eCQM value-set expansions written as `"code",  # name` lines under a statin value set.
   The term type is read from the shape of the RxNorm name (strength, dose form, [Brand], Pack, Pill) and the
   ingredients from the statin names in it, or, for a brand alone, from the other names carrying that brand.

3. From curated RxNorm extracts that carry each concept's term type (what adds the BN and GPCK concepts):
       python3 build-statin-closure.py ... --sas-extract antilipidemics_rxcui_classes.sas7bdat [...]
   --sas-extract reads a SAS7BDAT data set with RXCUI, STR, TTY and medname1..3 columns, such as the RxNorm
   drug lists of github.com/ssmithm/rxnorm-drug-lists. The term type and name are taken as given; the statin
   ingredients are the statins among the medname columns and in the name, or, for a brand name, the statins of
   the products that carry that brand. A concept in an extract overrides the same code read from a named list.

Options: --source TEXT and --date YYYY-MM-DD go into the file as provenance. The shipped file:
    python3 build-statin-closure.py --named-list medication-list.js --ecqm v2022/medication.py \
        --ecqm v2026/medication.py --sas-extract antilipidemics_rxcui_classes.sas7bdat \
        --sas-extract antidm_rxcui_classes_081420.sas7bdat --date 2026-12-02 --source "..."
(the inputs at the repositories and commits named in the file's "source").
"""
import argparse
import collections
import datetime
import json
import os
import re
import struct
import sys

# The statin ingredients: RxNorm IN codes (RxNorm; cerivastatin from the CPIC drug table) and names.
INGREDIENTS = {
    "atorvastatin": "83367",
    "cerivastatin": "596723",
    "fluvastatin": "41127",
    "lovastatin": "6472",
    "pitavastatin": "861634",
    "pravastatin": "42463",
    "rosuvastatin": "301542",
    "simvastatin": "36567",
}
WANTED_TTYS = {"IN", "PIN", "MIN", "SCDC", "SCDF", "SCDG", "SCD", "SBDC", "SBDF", "SBDG", "SBD", "BN", "GPCK", "BPCK"}
# Child TTY -> the TTYs its ingredients are inherited from (walk towards the ingredient only).
PARENTS = {
    "PIN": {"IN"},
    "MIN": {"IN"},
    "SCDC": {"IN", "PIN"},
    "SCDF": {"IN", "MIN"},
    "SCDG": {"SCDF", "IN"},
    "SCD": {"SCDC", "SCDF", "MIN"},
    "SBDC": {"SCDC"},
    "SBDF": {"SCDF", "BN"},
    "SBDG": {"SBDF", "SCDG", "BN"},
    "SBD": {"SCD", "SBDC", "BN"},
    "BN": {"IN"},
    "GPCK": {"SCD"},
    "BPCK": {"SBD", "GPCK", "SCD"},
}
DOSE_FORM = re.compile(r"\b(Tablet|Capsule|Suspension|Granules|Solution|Product|Pack)\b", re.I)
STRENGTH = re.compile(r"\d\s*(MG|MG/ML|UNT)\b", re.I)
BRAND = re.compile(r"\[([^\]]+)\]\s*$")
WORD = {name: re.compile(r"(?<![a-z])" + name + r"(?![a-z])", re.I) for name in INGREDIENTS}


def statins_in(name):
    return sorted(n for n, w in WORD.items() if w.search(name))


def tty_of(name):
    brand = BRAND.search(name)
    if name.startswith("{") or re.search(r"\bPack\b", name):
        return "BPCK" if brand else "GPCK"
    if name.endswith(" Pill"):
        return "SBDG" if not statins_in(name) else "SCDG"
    strength, form = bool(STRENGTH.search(name)), bool(DOSE_FORM.search(name))
    if brand:
        return "SBD" if strength and form else "SBDC" if strength else "SBDF"
    return "SCD" if strength and form else "SCDC" if strength else "SCDF" if form else "IN"


def sas7bdat_rows(path):
    """Rows of an uncompressed little-endian SAS7BDAT file as dicts of column name to text or number."""
    b = open(path, "rb").read()
    u64, pad = b[32] == 0x33, 4 if b[35] == 0x33 else 0
    if b[37] != 0x01:
        raise ValueError(path + ": only little-endian SAS7BDAT files are read")
    header, page = struct.unpack_from("<ii", b, 196 + pad)
    il, at, ptr = (8, 32, 24) if u64 else (4, 16, 12)
    num = "<q" if u64 else "<i"
    texts, names, attrs, pages = [], [], [], []
    row_length = row_count = mix_rows = 0
    for off in range(header, len(b), page):
        kind, blocks, subs = struct.unpack_from("<HHH", b, off + at)
        pages.append((off, kind, blocks, subs))
        for i in range(subs):
            p = off + at + 8 + i * ptr
            so, sl = off + struct.unpack_from(num, b, p)[0], struct.unpack_from(num, b, p + il)[0]
            if sl == 0 or b[p + 2 * il] == 1:
                continue
            sig = struct.unpack_from("<I", b, so)[0]
            if b[p + 2 * il] != 0 and sig not in (0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFC, 0xF7F7F7F7):
                raise ValueError(path + ": compressed SAS7BDAT files are not read")
            if sig == 0xF7F7F7F7:
                row_length, row_count = (struct.unpack_from(num, b, so + k * il)[0] for k in (5, 6))
                mix_rows = struct.unpack_from(num, b, so + 15 * il)[0]
            elif sig == 0xFFFFFFFD:
                texts.append(b[so:so + sl])
            elif sig == 0xFFFFFFFF:
                names += [struct.unpack_from("<HHH", b, so + il + 8 + k * 8) for k in range((sl - 2 * il - 12) // 8)]
            elif sig == 0xFFFFFFFC:
                for k in range((sl - 2 * il - 12) // (il + 8)):
                    q = so + il + 8 + k * (il + 8)
                    attrs.append((struct.unpack_from(num, b, q)[0], struct.unpack_from("<i", b, q + il)[0], b[q + il + 6]))
    columns = [texts[t][o + il:o + il + n].decode("latin-1") for t, o, n in names]
    rows = []
    for off, kind, blocks, subs in pages:
        if kind & 0x0200:
            start = off + at + 8 + subs * ptr
            start += -(start - off) % 8
            count = mix_rows
        elif kind & 0x0100:
            start, count = off + at + 8, blocks
        else:
            continue
        for k in range(min(count, row_count - len(rows))):
            r = b[start + k * row_length:start + (k + 1) * row_length]
            rows.append({c: r[o:o + w].decode("latin-1").rstrip() if t == 2 else struct.unpack("<d", bytes(8 - w) + r[o:o + w])[0]
                         for c, (o, w, t) in zip(columns, attrs)})
    return rows


def brand_key(name):
    return re.sub(r"\s+[\d.]+(/[\d.]+)*$", "", name).strip().lower()


def from_extracts(paths):
    """Concepts of curated RxNorm extracts: {code: (name, tty, statin ingredients from the extract)}."""
    found = {}
    for path in paths:
        for row in sas7bdat_rows(path):
            if row.get("sab_conso", row.get("SAB", "RXNORM")) != "RXNORM":
                continue
            given = {str(v).lower() for k, v in row.items() if k.lower().startswith("medname") and v}
            code = str(row["RXCUI"]).strip()
            found[code] = (row["STR"], row["TTY"], sorted(given & set(INGREDIENTS)))
    return found


def from_named(named_lists, ecqm_files, extracts=()):
    names = {}
    for path in named_lists:
        text = open(path, encoding="utf-8").read()
        block = text.split("cuiToName", 1)[1].split("},", 1)[0]
        for code, name in re.findall(r"^\s*'?(\d+)'?:\s*'((?:[^'\\]|\\.)*)',?\s*$", block, re.M):
            names[code] = name.replace("\\'", "'")
    for path in ecqm_files:
        current = None
        for line in open(path, encoding="utf-8"):
            m = re.match(r'\s*VALUE_SET_NAME = "(.*)"', line)
            if m:
                current = m.group(1)
            m = re.match(r'\s*"(\d+)",\s*#\s*(.*)$', line)
            if m and current and "statin" in current.lower():
                names.setdefault(m.group(1), m.group(2).strip())
    typed = from_extracts(extracts)
    for code, (name, _, _) in typed.items():
        names[code] = name
    brands = collections.defaultdict(set)
    for name in names.values():
        b = BRAND.search(name)
        if b and statins_in(name):
            brands[b.group(1).strip().lower()].update(statins_in(name))
    concepts = {}
    for code, name in names.items():
        tty, given = typed[code][1:] if code in typed else (tty_of(name), [])
        found = sorted(set(given) | set(statins_in(name)))
        if not found and name.endswith(" Pill"):
            found = sorted(brands.get(name[: -len(" Pill")].strip().lower(), ()))
        if not found and tty == "BN":
            found = sorted(brands.get(brand_key(name), ()))
        if found:
            concepts[code] = {"code": code, "tty": tty, "display": name, "ingredients": found}
    for ingredient, code in INGREDIENTS.items():
        concepts.setdefault(code, {"code": code, "tty": "IN", "display": ingredient, "ingredients": [ingredient]})
    return concepts


def from_rrf(folder):
    tty, name = {}, {}
    with open(os.path.join(folder, "RXNCONSO.RRF"), encoding="utf-8") as conso:
        for line in conso:
            f = line.split("|")
            if f[11] == "RXNORM" and f[12] in WANTED_TTYS and f[16] != "O":
                tty.setdefault(f[0], f[12])
                name.setdefault(f[0], f[14])
    neighbours = collections.defaultdict(set)
    with open(os.path.join(folder, "RXNREL.RRF"), encoding="utf-8") as rel:
        for line in rel:
            f = line.split("|")
            a, b = f[0], f[4]
            if f[10] == "RXNORM" and a in tty and b in tty:
                neighbours[a].add(b)
                neighbours[b].add(a)
    memo = {}

    def ingredients(cui, depth=0):
        if cui in memo:
            return memo[cui]
        memo[cui] = set()
        t = tty[cui]
        if t == "IN":
            found = {name[cui].lower()}
        else:
            found = set()
            for other in neighbours[cui]:
                if tty[other] in PARENTS.get(t, ()) and depth < 8:
                    found |= ingredients(other, depth + 1)
        memo[cui] = found
        return found

    concepts = {}
    for cui in tty:
        statins = sorted(i for i in ingredients(cui) if i in INGREDIENTS)
        if statins:
            concepts[cui] = {"code": cui, "tty": tty[cui], "display": name[cui], "ingredients": statins}
    return concepts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rxnorm-rrf")
    parser.add_argument("--named-list", action="append", default=[])
    parser.add_argument("--ecqm", action="append", default=[])
    parser.add_argument("--sas-extract", action="append", default=[])
    parser.add_argument("--source", default="")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()
    concepts = from_rrf(args.rxnorm_rrf) if args.rxnorm_rrf else from_named(args.named_list, args.ecqm, args.sas_extract)
    ordered = sorted(concepts.values(), key=lambda c: int(c["code"]))
    document = {
        "description": "RxNorm concepts that contain a statin, each with its statin ingredients (the ingredient closure). "
        "Generated by build-statin-closure.py; do not edit by hand.",
        "source": args.source,
        "generated": args.date,
        "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
        "counts": dict(sorted(collections.Counter(c["tty"] for c in ordered).items())),
        "concepts": ordered,
    }
    json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
