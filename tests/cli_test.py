#!/usr/bin/env python3
"""The command line against careless and hostile use: options and the files
they name (config, baseline, rule files, rules folder) are checked with a
clear message and exit 2; rule files read nothing outside themselves; a
runaway XPath rule is cut; failed writes are errors; one bad input never
costs the rest of a batch.

usage: cli_test.py OGICHECK_BINARY REPO_ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from testlib import Suite

binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
suite = Suite("cli", binary, root)
run, check, skip = suite.run, suite.check, suite.skip
errors = "corpus/specimens/ari01-unbalanced.txt"
clean = "corpus/specimens/clean.txt"


def usage_error(name, *args, says=None, cwd=None):
    """exit 2, a message on stderr (with `says` in it), nothing on stdout, quickly"""
    r = run(*args, cwd=cwd, timeout=10)
    ok = r.returncode == 2 and r.stderr.startswith("ogicheck: ") and r.stdout == "" and (says is None or says in r.stderr)
    check(name, ok, f"exit {r.returncode}\nstdout {r.stdout[:300]!r}\nstderr {r.stderr!r}")
    return r


RULE = """{dtd}<rule id="{id}" severity="error"><summary lang="zh">x</summary><summary lang="en">x</summary>
<{kind} {attrs}>{body}<message lang="zh">{message}</message><message lang="en">{message}</message></{kind}></rule>"""


def rule_file(tmp, name, id="X-01", attrs='context="part[@id=\'overview\']"', body='<report test="true()"/>', message="x",
              dtd=""):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        kind = "pattern" if "pattern=" in attrs else "xpath"
        f.write(RULE.format(id=id, kind=kind, attrs=attrs, body=body, message=message, dtd=dtd))
    return path


# Rule IDs: unknown ones are a usage error with the closest ID; case does not matter.
usage_error("--enable FOO", "check", "--enable", "FOO", errors, says="FOO")
usage_error("--disable typo suggests", "check", "--disable", "ARI-1", errors, says="ARI-01")
usage_error("--severity unknown rule", "check", "--severity", "NOPE-01=error", errors, says="NOPE-01")
usage_error("--lang en message", "check", "--lang", "en", "--enable", "FOO", errors, says="no rule FOO")
r = run("check", "--enable", "ari-01", errors)
check("--enable is case-insensitive", r.returncode == 1 and "[ARI-01]" in r.stdout and r.stdout.count("\n") == 1, r.stdout + r.stderr)
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, ".ogicheck"), "w") as f:
        f.write("enable = NO-SUCH-RULE\n")
    usage_error("config enable = unknown", "check", os.path.join(root, errors), cwd=tmp, says="NO-SUCH-RULE")

# Numbers and dates.
for value in ("99999999999", "", "0", "-3", "2x"):
    usage_error(f"-j {value!r}", "check", "-j", value, errors)
for value in ("2024-13-45", "ab<d-ef-gh", "2023-02-29", "2024-1-1"):
    usage_error(f"--published {value!r}", "check", "--published", value, errors)
check("--published leap day", run("check", "--published", "2024-02-29", errors).returncode == 1)
usage_error("--timeout 0", "check", "--timeout", "0", errors)

# Files the options name: folders, devices, FIFOs, garbage.
with tempfile.TemporaryDirectory() as tmp:
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    garbage = os.path.join(tmp, "garbage.json")
    with open(garbage, "w") as f:
        f.write("{not json")
    for option in ("--config", "--baseline"):
        for target in (tmp, "/dev/zero", fifo, os.path.join(tmp, "missing")):
            usage_error(f"{option} {os.path.basename(target)}", "check", option, target, errors, says=target)
    usage_error("--baseline garbage", "check", "--baseline", garbage, errors, says="baseline")
    usage_error("--rules folder", "check", "--rules", tmp, errors, says=tmp)
    usage_error("--rules garbage", "check", "--rules", garbage, errors, says=garbage)
    usage_error("--rules-dir without profiles", "check", "--rules-dir", tmp, errors, says="profiles")
    usage_error("--previous folder", "check", "--previous", tmp, errors)

# Rule files: no external entity, DTD or include is ever read.
with tempfile.TemporaryDirectory() as tmp:
    dtd = '<!DOCTYPE rules [<!ENTITY leak SYSTEM "file:///etc/passwd"> <!ENTITY % pe SYSTEM "file:///etc/hostname"> %pe;]>'
    general = '<!DOCTYPE rules [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
    external = '<!DOCTYPE rules SYSTEM "file:///etc/passwd">'
    leaks = {}
    for name, head in (("parameter", dtd), ("general", general), ("external-dtd", external)):
        leaks[name] = rule_file(tmp, f"leak-{name}.xml", message="&leak;" if "leak" in head else "x", dtd=head)
        r = run("check", "--rules", leaks[name], errors, timeout=10)
        # an entity that would be read is a load error; an external DTD is never loaded at all
        want = (1,) if name == "external-dtd" else (2,)
        check(f"external entity ({name}) not read", r.returncode in want and "root:" not in r.stdout + r.stderr,
              f"exit {r.returncode} {r.stdout}{r.stderr}")
    # rules --test runs a --rules file's examples too: a wrong one fails, with its file:line
    wrong = os.path.join(tmp, "wrong-example.xml")
    with open(wrong, "w", encoding="utf-8") as f:
        f.write('<rule id="X-09" severity="info"><summary lang="zh">x</summary><summary lang="en">x</summary>'
                '<pattern part="overview" pattern="政务公开专区" when="absent"><message lang="zh">x</message><message lang="en">x</message></pattern>\n'
                '<example fires="0"/><example fires="1"><edit after="2024年，本机关">政务公开专区</edit></example></rule>')
    r = run("rules", "--test", "--rules", wrong)
    check("rules --test: a failing example exits 1 naming file:line", r.returncode == 1 and "wrong-example.xml:2: X-09" in r.stdout, r.stdout[-500:])
    internal = rule_file(tmp, "internal.xml", message="&word;", dtd='<!DOCTYPE rules [<!ENTITY word "内部实体">]>')
    r = run("check", "--rules", internal, errors)
    check("internal DTD entity substituted", "内部实体" in r.stdout, r.stdout + r.stderr)
    if shutil.which("strace"):
        for name, leak in leaks.items():
            trace = os.path.join(tmp, "trace")
            subprocess.run(["strace", "-f", "-e", "trace=open,openat", "-o", trace, binary, "check", "--rules", leak,
                            os.path.join(root, errors)], capture_output=True, timeout=30)
            opened = open(trace).read()
            check(f"strace ({name}): nothing outside the rule file opened",
                  "/etc/passwd" not in opened and "/etc/hostname" not in opened and os.path.basename(leak) in opened,
                  [line for line in opened.splitlines() if "/etc/" in line])
    else:
        skip("strace", "strace is not installed")

    # Rules that fail at load, not at some report later.
    bad_requires = rule_file(tmp, "requires.xml", attrs='pattern="(?P&lt;n&gt;\\d+)件" requires="{n}(((" part="overview"', body="")
    usage_error("bad requires pattern, -j 2", "check", "-j", "2", "--rules", bad_requires, errors, clean, says="X-01")
    unknown_group = rule_file(tmp, "group.xml", attrs='pattern="(?P&lt;n&gt;\\d+)件" requires="{m}个" part="overview"', body="")
    usage_error("requires names an unknown group", "check", "--rules", unknown_group, errors, says="{m}")
    r = run("check", "--rules", bad_requires, errors)
    check("RE2 logs nothing of its own", "re2.cc" not in r.stderr, r.stderr)

    # A runaway XPath rule is cut by the work limit, and the batch goes on.
    bomb = rule_file(tmp, "bomb.xml", id="X-02", attrs='context="/report"',
                     body='<report test="count(//node()[count(//node()[count(//node()[string-length(.) = -1]) = -1]) = -1]) = -1"/>')
    r = run("check", "--format", "json", "--rules", bomb, errors, clean, timeout=30)
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    check("XPath work limit: exit 2, each report an error naming the rule",
          r.returncode == 2 and len(lines) == 2 and all(x.get("code") == "limit" for x in lines) and "X-02" in r.stderr,
          f"exit {r.returncode} {r.stdout[:500]} {r.stderr[:500]}")

    # The limit holds in every position of a rule: context, let, test; and a
    # let that doubles a string with each step is cut too.
    heavy = "count(//node()[count(//node()[count(//node()[string-length(.) = -1]) = -1]) = -1]) = -1"
    lets = "".join(f'<let name="v{i}" value="concat($v{i - 1}, $v{i - 1})"/>' for i in range(1, 30))
    for position, attrs, body in (("context", f'context="/report[{heavy}]"', '<report test="true()"/>'),
                                  ("let", 'context="/report"', f'<let name="x" value="{heavy}"/><report test="$x"/>'),
                                  ("doubling lets", 'context="/report"', f'<let name="v0" value="\'ab\'"/>{lets}<report test="$v29"/>')):
        rule = rule_file(tmp, f"limit-{position.replace(' ', '-')}.xml", id="X-04", attrs=attrs, body=body)
        r = run("check", "--format", "json", "--rules", rule, clean, timeout=30)
        check(f"XPath limit in {position}: code limit", r.returncode == 2 and '"code":"limit"' in r.stdout, r.stdout[:300] + r.stderr)

# Writes that fail are errors.
if os.path.exists("/dev/full"):
    with open("/dev/full", "w") as full:
        r = subprocess.run([binary, "check", errors], cwd=root, stdout=full, stderr=subprocess.PIPE, text=True, timeout=10)
    check("> /dev/full: exit 2", r.returncode == 2 and "ogicheck:" in r.stderr, f"exit {r.returncode} {r.stderr}")
usage_error("--output in /proc", "check", "--format", "html", "--output", "/proc/self/ogicheck-pages", errors, clean)
for jobs in ("1", "2"):  # a folder that exists but takes no file
    usage_error(f"--output /proc/self/ -j {jobs}", "check", "--format", "html", "-j", jobs, "--output", "/proc/self/", errors,
                clean, says="/proc/self/")
with tempfile.TemporaryDirectory() as tmp:
    r = run("check", "--write-baseline", tmp, errors)
    check("--write-baseline into a folder: exit 2", r.returncode == 2 and tmp in r.stderr, r.stderr)

# One error boundary per report: an unreadable input among good ones.
with tempfile.TemporaryDirectory() as tmp:
    legacy = os.path.join(tmp, "old.doc")
    with open(legacy, "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600)
    alone = [run("check", "--format", "json", p).stdout for p in (errors, clean)]
    for jobs in ("1", "2"):
        r = run("check", "--format", "json", "-j", jobs, errors, legacy, clean)
        lines = r.stdout.splitlines()
        failed = json.loads(lines[1]) if len(lines) == 3 else {}
        check(f"batch -j {jobs}: the others' results unchanged, the bad one an error with a code",
              r.returncode == 2 and len(lines) == 3 and lines[0] + "\n" == alone[0] and lines[2] + "\n" == alone[1]
              and failed.get("code") == "legacy-format" and failed.get("source") == legacy, r.stdout[:800] + r.stderr)

# Chinese first: --help and usage errors in Chinese by default, English with --lang en.
for command in ([], ["check"], ["scan"], ["extract"], ["rules"], ["explain"], ["merge"]):
    zh, en = run(*command, "--help"), run(*command, "--help", "--lang", "en")
    check(f"{' '.join(command) or 'ogicheck'} --help: Chinese, --lang en English",
          zh.returncode == 0 and "用法：" in zh.stdout and "选项" * bool(command) in zh.stdout
          and en.returncode == 0 and "usage" in en.stdout and "用法" not in en.stdout, zh.stdout[:300] + en.stdout[:300])
for command in ("check", "scan"):
    check(f"{command} --help: every option in both languages",
          set(re.findall(r"^  (-[-\w]+)", run(command, "--help").stdout, re.M))
          == set(re.findall(r"^  (-[-\w]+)", run(command, "--help", "--lang", "en").stdout, re.M)))
r, r_en = run("frob"), run("frob", "--lang", "en")
check("usage error: Chinese by default, English with --lang en",
      r.returncode == 2 and "未知命令 frob" in r.stderr and r_en.returncode == 2 and "unknown command frob" in r_en.stderr,
      r.stderr + r_en.stderr)

sys.exit(suite.finish())
