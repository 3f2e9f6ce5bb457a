#!/usr/bin/env python3
"""How well OCR read a scan: the cells of each table of SCAN against the
text-layer reading of the same report (TEXT), and the findings of both.

  tools/ocr-accuracy.py [--ogicheck build/ogicheck] TEXT.pdf SCAN.pdf

Per table: right (same value, certain), wrong (another value, certain:
must be 0), undecided (read by OCR, not certain), lost (not located).
"""
import argparse, collections, json, subprocess, time


def check(ogicheck, path):
    out = subprocess.run([ogicheck, "check", "--fail-on", "none", "--format", "json", path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def cells(report):
    return {(t["id"], c["row"], c["col"]): c for t in report["tables"] for c in t["cells"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ogicheck", default="build/ogicheck")
    ap.add_argument("text")
    ap.add_argument("scan")
    a = ap.parse_args()
    truth = cells(check(a.ogicheck, a.text))
    start = time.monotonic()
    scan_report = check(a.ogicheck, a.scan)
    seconds = time.monotonic() - start
    scan = cells(scan_report)
    counts = collections.defaultdict(collections.Counter)
    wrong = []
    for key, c in truth.items():
        if c["value"] is None:
            continue  # a blank or dash in the text layer: no figure to compare
        s = scan.get(key)
        if s is None:
            verdict = "lost"
        elif s.get("undecided") or s["value"] is None:
            verdict = "undecided"
        elif s["value"] == c["value"]:
            verdict = "right"
        else:
            verdict = "wrong"
            wrong.append(f"{key}: {c['value']} read {s['value']} ({s.get('text')}, confidence {s.get('confidence')})")
        counts[key[0]][verdict] += 1
    for table, n in counts.items():
        print(f"table {table}: right {n['right']} wrong {n['wrong']} undecided {n['undecided']} lost {n['lost']}")
    for w in wrong:
        print("  wrong:", w)
    found = [s["id"] for s in scan_report["sections"] if s["found"]]
    print(f"parts found: {len(found)}/{len(scan_report['sections'])}; {seconds:.1f} s")
    by = collections.Counter(f"{f['severity']}:{f['rule']}" for f in scan_report["findings"])
    print("findings:", ", ".join(f"{k} {v}" for k, v in sorted(by.items())))


if __name__ == "__main__":
    main()
