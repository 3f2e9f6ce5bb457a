#!/usr/bin/env python3
"""Prints a libFuzzer dictionary of the report's own words, from the format
profiles: part headings with their ordinals (一、总体情况), variants, table
captions, row and column labels, the markers that pick a profile.

usage: report_dict.py PROFILE.xml...  (rules/profiles/*.xml)
"""
import re
import sys

words = set()
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for ordinal, label in re.findall(r'<part [^>]*ordinal="([^"]+)" label="([^"]+)"', text):
        words.add(f"{ordinal}、{label}")
    words.update(re.findall(r'(?:label|caption|group|name)="([^"]+)"', text))
    words.update(re.findall(r"<(?:marker|variant)>([^<]+)<", text))
words.update(["（一）", "（二）", "1.", "政府信息公开工作年度报告", "年", "月", "日", "人民政府", "0", "1.5", "-"])
for w in sorted(words):
    print('"' + "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else
                        "".join(f"\\x{b:02X}" for b in c.encode("utf-8")) for c in w) + '"')
