#!/usr/bin/env python3
"""Runs one golden end-to-end case: tests/cases/<area>/<name>.test.

usage: run_case.py --aperture BIN --case FILE.test [--update]

A case file is a header, then sections. Each section starts with a line
`-- KIND: VALUE`; its body is the lines up to the next section line. Blank
lines at the end of a body separate sections and are not part of it.

    # name: identify/mit_text
    # description: a whole MIT license text is identified as MIT
    -- file: LICENSE
    MIT License
    ...
    -- command: identify --format tsv LICENSE
    -- exit: 0
    -- expect:
    LICENSE	MIT

Header: `# name:` and `# description:` lines (both required); other `#` lines
before the first section are comments. `# xfail: REASON` marks a case whose
expectation is right but which Aperture does not meet yet: it passes while it
fails (printing XFAIL and the reason) and fails once it passes (XPASS), so the
line gets removed when the bug is fixed.

Sections:
  -- file: PATH [(OPTIONS)]  An input file, written below a fresh temporary
                             directory that is also the working directory.
                             The body is its text, each line ending in "\\n";
                             an empty body makes an empty file. OPTIONS, a
                             comma-separated list in parentheses at the end of
                             the line, change the bytes written:
                               crlf / cr          line ends "\\r\\n" / "\\r"
                               no-final-newline   drop the last line end
                               utf-8-bom          prefix EF BB BF
                               utf-16le-bom       UTF-16 LE with BOM FF FE
                               utf-16be-bom       UTF-16 BE with BOM FE FF
                               latin-1            encode as ISO-8859-1
  -- file-hex: PATH          An input file given as bytes in hex: pairs of hex
                             digits separated by white space; `#` starts a
                             comment to the end of the line. For binary input.
  -- dir: PATH               An empty directory.
  -- command: ARGS           The arguments after the `aperture` binary, split
                             like a shell does (shlex). Required.
  -- stdin:                  The body is fed to standard input (default: none).
  -- exit: N                 The expected exit status (default 0).
  -- expect:                 The body is the exact expected standard output.
                             Without this section stdout is not checked.
  -- expect-error: REGEX     A Python regular expression that must match
                             somewhere in standard error (re.search, multiline).
                             May be repeated. Without any, standard error must
                             be empty.
  -- expect-json: PATH = V   Standard output is JSON and the value at PATH
                             (keys joined by dots, list items as [N]:
                             `verdicts.osd.criteria[4].id`) equals V: compared
                             as a number when it is one, as true/false/null
                             for those, else as the string. May be repeated;
                             for long outputs where a few facts matter.

The command runs with NO_COLOR=1. `--update` rewrites the `-- expect:` body
and the `-- exit:` value from what the binary did; review the diff before
committing it, a golden file must hold the right answer, not just today's one.
"""

import argparse
import json
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

SECTION_RE = re.compile(r"^-- (file|file-hex|dir|command|stdin|exit|expect|expect-error|expect-json):(.*)$")
OPTIONS_RE = re.compile(r"^(.*?)\s+\(([a-z0-9, -]+)\)\s*$")
FILE_OPTIONS = {"crlf", "cr", "no-final-newline", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "latin-1"}
TIMEOUT_SECONDS = 120


class CaseError(Exception):
    """The case file itself is malformed."""


class Section:
    def __init__(self, kind, value, line_no):
        self.kind = kind
        self.value = value
        self.line_no = line_no  # 0-based index of the `-- kind:` line
        self.body = []  # lines without their "\n"
        self.end = line_no + 1  # index one past the last body line, blank separators included

    def text(self):
        """The body as text: each line ends in "\\n", trailing blank lines dropped."""
        lines = list(self.body)
        while lines and lines[-1] == "":
            lines.pop()
        return "".join(line + "\n" for line in lines)


class Case:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8", newline="") as f:
            self.lines = f.read().split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        if any("\r" in line for line in self.lines):
            raise CaseError(f"{path}: carriage returns in the case file; use the (crlf) file option")
        self.header = {}
        self.sections = []
        for i, line in enumerate(self.lines):
            m = SECTION_RE.match(line)
            if m:
                if self.sections:
                    self.sections[-1].end = i
                self.sections.append(Section(m.group(1), m.group(2).strip(), i))
            elif self.sections:
                self.sections[-1].body.append(line)
            elif line.startswith("#"):
                hm = re.match(r"^#\s*(\w+):\s*(.*)$", line)
                if hm:
                    self.header[hm.group(1)] = hm.group(2)
            elif line.strip():
                raise CaseError(f"{path}:{i + 1}: text before the first `-- ` section: {line!r}")
        if self.sections:
            self.sections[-1].end = len(self.lines)
        for key in ("name", "description"):
            if not self.header.get(key):
                raise CaseError(f"{path}: missing `# {key}:` header line")
        if len(self.of_kind("command")) != 1:
            raise CaseError(f"{path}: needs exactly one `-- command:` section")
        for kind in ("stdin", "exit", "expect"):
            if len(self.of_kind(kind)) > 1:
                raise CaseError(f"{path}: more than one `-- {kind}:` section")

    def of_kind(self, kind):
        return [s for s in self.sections if s.kind == kind]

    def one(self, kind):
        found = self.of_kind(kind)
        return found[0] if found else None


def parse_hex(body, where):
    out = bytearray()
    for line in body:
        data = line.split("#", 1)[0]
        for tok in data.split():
            if not re.fullmatch(r"[0-9a-fA-F]{2}", tok):
                raise CaseError(f"{where}: not a hex byte: {tok!r}")
            out.append(int(tok, 16))
    return bytes(out)


def file_bytes(section, where):
    """The path and bytes a `-- file:` section describes."""
    path, options = section.value, []
    m = OPTIONS_RE.match(section.value)
    if m and all(o.strip() in FILE_OPTIONS for o in m.group(2).split(",")):
        path, options = m.group(1), [o.strip() for o in m.group(2).split(",")]
    text = section.text()
    if "no-final-newline" in options and text.endswith("\n"):
        text = text[:-1]
    if "crlf" in options:
        text = text.replace("\n", "\r\n")
    elif "cr" in options:
        text = text.replace("\n", "\r")
    if "utf-16le-bom" in options:
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif "utf-16be-bom" in options:
        data = b"\xfe\xff" + text.encode("utf-16-be")
    elif "latin-1" in options:
        data = text.encode("latin-1")
    else:
        data = text.encode("utf-8")
    if "utf-8-bom" in options:
        data = b"\xef\xbb\xbf" + data
    return path, data


def safe_join(root, rel, where):
    if os.path.isabs(rel) or ".." in rel.split("/"):
        raise CaseError(f"{where}: input paths must be relative and stay below the case directory: {rel}")
    return os.path.join(root, rel)


def lay_out_inputs(case, root):
    for s in case.sections:
        where = f"{case.path}:{s.line_no + 1}"
        if s.kind == "file":
            rel, data = file_bytes(s, where)
        elif s.kind == "file-hex":
            rel, data = s.value, parse_hex(s.body, where)
        elif s.kind == "dir":
            os.makedirs(safe_join(root, s.value, where), exist_ok=True)
            continue
        else:
            continue
        full = safe_join(root, rel, where)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)


def run(case, aperture):
    stdin_section = case.one("stdin")
    stdin = stdin_section.text().encode("utf-8") if stdin_section else b""
    args = shlex.split(case.one("command").value)
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory(prefix="aperture-case-") as root:
        lay_out_inputs(case, root)
        proc = subprocess.run([aperture] + args, cwd=root, input=stdin, capture_output=True, env=env,
                              timeout=TIMEOUT_SECONDS)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def update(case, code, out):
    """Rewrites the `-- exit:` value and the `-- expect:` body in place."""
    lines = list(case.lines)
    expect = case.one("expect")
    new_body = out.split("\n")
    if new_body and new_body[-1] == "":
        new_body.pop()
    # Keep one blank separator line when a section follows.
    if expect is not None:
        tail = [""] if expect.end < len(lines) else []
        lines[expect.line_no + 1:expect.end] = new_body + tail
    else:
        if lines and lines[-1] != "":
            lines.append("")
        lines += ["-- expect:"] + new_body
    exit_section = case.one("exit")
    if exit_section is not None:
        lines[exit_section.line_no] = f"-- exit: {code}"
    elif code != 0:
        # Just before the `-- expect:` line, whose index the edit above kept.
        at = expect.line_no if expect is not None else len(lines) - len(new_body) - 1
        lines[at:at] = [f"-- exit: {code}"]
    with open(case.path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")


def json_value_at(doc, path):
    """The value at a dotted PATH with [N] list indexes, or raises KeyError."""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            doc = doc[int(part[1:-1])]
        else:
            doc = doc[part]
    return doc


def json_matches(value, want):
    if isinstance(value, bool) or value is None:
        return json.dumps(value) == want
    if isinstance(value, (int, float)):
        try:
            return float(want) == float(value)
        except ValueError:
            return False
    return isinstance(value, str) and value == want


def check_json(out, checks):
    try:
        doc = json.loads(out)
    except ValueError as e:
        return [f"stdout is not JSON: {e}"]
    failures = []
    for check in checks:
        path, _, want = check.partition("=")
        path, want = path.strip(), want.strip()
        try:
            value = json_value_at(doc, path)
        except (KeyError, IndexError, TypeError):
            failures.append(f"no JSON value at {path}")
            continue
        if not json_matches(value, want):
            failures.append(f"JSON {path} is {json.dumps(value)[:200]}, expected {want}")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aperture", required=True, help="the aperture binary")
    ap.add_argument("--case", required=True, help="the .test file")
    ap.add_argument("--update", action="store_true", help="rewrite -- expect: and -- exit: from the actual run")
    opts = ap.parse_args()

    try:
        case = Case(opts.case)
        code, out, err = run(case, os.path.abspath(opts.aperture))
    except CaseError as e:
        print(f"run_case: {e}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired:
        print(f"run_case: {opts.case}: aperture ran longer than {TIMEOUT_SECONDS} s", file=sys.stderr)
        return 1

    if opts.update:
        if case.header.get("xfail"):
            print(f"run_case: {opts.case} is marked xfail: its expectation is the right answer, not updating it",
                  file=sys.stderr)
            return 1
        update(case, code, out)
        print(f"run_case: updated {opts.case} (exit {code}); review the expected output before committing")
        return 0

    failures = []
    exit_section = case.one("exit")
    want_code = int(exit_section.value) if exit_section else 0
    if code != want_code:
        failures.append(f"exit status {code}, expected {want_code}")
    expect = case.one("expect")
    if expect is not None and out != expect.text():
        diff = difflib.unified_diff(expect.text().splitlines(True), out.splitlines(True), "expected stdout",
                                    "actual stdout")
        failures.append("stdout differs:\n" + "".join(diff))
    json_checks = [s.value for s in case.of_kind("expect-json")]
    if json_checks:
        failures.extend(check_json(out, json_checks))
    patterns = [s.value for s in case.of_kind("expect-error")]
    for pattern in patterns:
        if not re.search(pattern, err, re.MULTILINE):
            failures.append(f"stderr does not match /{pattern}/")
    if not patterns and err:
        failures.append("unexpected output on stderr")

    name = case.header["name"]
    xfail = case.header.get("xfail")
    if xfail and not failures:
        print(f"XPASS: {name} ({opts.case}) passes now: remove its `# xfail:` line")
        return 1
    if not failures:
        print(f"ok: {name}")
        return 0
    if xfail:
        print(f"XFAIL: {name}: a known failure: {xfail}")
        for f in failures:
            print("- " + f)
        return 0
    print(f"FAIL: {name} ({opts.case})")
    print(f"  {case.header['description']}")
    for f in failures:
        print("- " + f)
    print(f"--- stdout ---\n{out}--- stderr ---\n{err}--- exit: {code}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
