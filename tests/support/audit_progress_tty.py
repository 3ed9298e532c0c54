#!/usr/bin/env python3
"""`aperture audit` draws its progress line only for a person at a terminal.

Runs the audit twice on a small generated dump: once with standard error on a
pseudo-terminal (the progress line "\\raperture audit: 100% N lines, R lines/s"
must appear and be erased at the end with "\\r\\033[K"), once with standard
error on a pipe (nothing may be written there). Standard output, the summary,
must be the same both times.

Usage: audit_progress_tty.py --aperture BIN
"""
import argparse
import json
import os
import pty
import re
import subprocess
import sys
import tempfile


def make_dump(path, records):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "meta-llama/Llama-3.1-8B", "cardData": {"license": "llama3.1"}}) + "\n")
        for i in range(records):
            card = {"license": "apache-2.0", "base_model": "meta-llama/Llama-3.1-8B"}
            f.write(json.dumps({"id": f"org{i % 50}/model-{i}", "cardData": card}) + "\n")


def run_on_pty(argv):
    """Runs argv with stderr on a pty; returns (stdout bytes, stderr-pty bytes, exit code)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read()
    code = proc.wait()
    os.close(leader)
    return out, seen, code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aperture", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "dump.jsonl")
        make_dump(dump, 5000)
        argv = [args.aperture, "audit", dump]
        env_out, tty_err, code = run_on_pty(argv)
        if code != 0:
            sys.exit(f"FAIL: audit on a terminal exited {code}")
        text = tty_err.decode("utf-8", "replace")
        if not re.search(r"\raperture audit: 100% 5001 lines, \d+ lines/s ", text):
            sys.exit(f"FAIL: no progress line on the terminal; saw {text!r}")
        if not text.endswith("\r\x1b[K"):
            sys.exit(f"FAIL: the progress line is not erased at the end; saw {text[-40:]!r}")
        piped = subprocess.run(argv, capture_output=True, stdin=subprocess.DEVNULL, check=False)
        if piped.returncode != 0:
            sys.exit(f"FAIL: audit into a pipe exited {piped.returncode}")
        if piped.stderr:
            sys.exit(f"FAIL: progress written into a pipe: {piped.stderr[:80]!r}")
        if piped.stdout != env_out:
            sys.exit("FAIL: the summary differs between a terminal and a pipe")
        if b"5001 records" not in piped.stdout:
            sys.exit(f"FAIL: unexpected summary: {piped.stdout[:200]!r}")
    print("PASS: progress on a terminal, none into a pipe")


if __name__ == "__main__":
    main()
