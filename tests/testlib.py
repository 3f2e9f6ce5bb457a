"""What the Python test scripts share: running the CLI and counting checks.
The closing line is the plain 'N passed, N failed' that CI reads."""
import subprocess


class Suite:
    def __init__(self, name, binary, root):
        self.name, self.binary, self.root = name, binary, root
        self.passed = self.failed = self.skipped = 0

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
        return 1 if self.failed else 0
