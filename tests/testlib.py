"""What the Python test scripts share: running the CLI and counting checks.
The closing line is the plain 'N passed, N failed' that CI reads."""
import json
import os
import shutil
import subprocess
import tempfile


def browser_jobs(root):
    """A runner of tests/browser_check.js (puppeteer-core driving Debian's
    chromium) over a list of jobs, returning one result per job (an empty
    list when the script failed) and its stderr; None when chromium, node or
    puppeteer-core is absent."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node_modules = os.path.join(root, "tools", "node", "node_modules")
    node = shutil.which("node")
    if not (chromium and node and os.path.isdir(os.path.join(node_modules, "puppeteer-core"))):
        return None

    def run(jobs):
        r = subprocess.run([node, os.path.join(root, "tests", "browser_check.js"), chromium, json.dumps(jobs)],
                           env={**os.environ, "NODE_PATH": node_modules}, capture_output=True, text=True, timeout=300)
        try:
            return json.loads(r.stdout), r.stderr
        except ValueError:
            return [], r.stderr
    return run


BROWSER_ABSENT = "chromium, node or tools/node/node_modules/puppeteer-core absent (tools/install-deps.sh)"


class Suite:
    def __init__(self, name, binary, root):
        self.name, self.binary, self.root = name, binary, root
        self.passed = self.failed = self.skipped = 0
        # A scan is read by OCR once per test script, not once per output
        # format (src/extract/ocr_client.cpp); every child inherits it.
        self.ocr_cache = tempfile.TemporaryDirectory(prefix="ogicheck-ocr-cache-")
        os.environ["OGICHECK_OCR_CACHE"] = self.ocr_cache.name

    def run(self, *args, cwd=None, timeout=300):
        return subprocess.run([self.binary, *args], cwd=cwd or self.root, capture_output=True, text=True, timeout=timeout)

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}: {str(detail)[:2000]}")

    def skip(self, name, why):
        self.skipped += 1
        print(f"SKIP {name}: {why}")

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped")
        self.ocr_cache.cleanup()
        return 1 if self.failed else 0
