#!/usr/bin/env python3
"""Turns a text specimen (tab-separated tables) into an HTML page with real
tables, for LibreOffice to print as PDF or save as DOCX.

usage: specimen-to-html.py SPECIMEN.txt > SPECIMEN.html
"""
import html
import sys

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out = ['<!DOCTYPE html><html><head><meta charset="utf-8">',
       "<style>body{font-family:'Noto Serif CJK SC';font-size:12pt}"
       "table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:6pt 3pt;font-size:9pt}</style>",
       "</head><body>"]
table = []


def flush():
    if table:
        width = max(len(r) for r in table)
        out.append("<table>")
        for row in table:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row + [""] * (width - len(row)))
            out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
        table.clear()


for line in lines:
    if "\t" in line:
        table.append(line.split("\t"))
        continue
    flush()
    if line.strip():
        out.append(f"<p>{html.escape(line)}</p>")
flush()
out.append("</body></html>")
print("\n".join(out))
