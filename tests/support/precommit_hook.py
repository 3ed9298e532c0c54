#!/usr/bin/env python3
"""The pre-commit hook of .pre-commit-hooks.yaml, run by the real `pre-commit`.

In a fresh git repository holding examples/policy.yaml as .aperture-policy.yaml,
`pre-commit try-repo SOURCE aperture-check` must fail (exit code 4, "blocked")
on a Llama 3.1 model card, which the policy denies, and pass on an Apache-2.0
one. Exits 77 (CTest: skipped) when pre-commit or git is not installed.

Usage: precommit_hook.py --aperture BIN --source-dir DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def run_hook(repo, source, env, card_text):
    with open(os.path.join(repo, "model", "README.md"), "w", encoding="utf-8") as f:
        f.write(card_text)
    return subprocess.run(
        ["pre-commit", "try-repo", source, "aperture-check", "--files", "model/README.md"],
        cwd=repo, env=env, capture_output=True, text=True, check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aperture", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    for tool in ("pre-commit", "git"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed (Debian: apt-get install {tool})")
            sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "model"))
        subprocess.run(["git", "init", "-q", repo], check=True)
        shutil.copy(os.path.join(args.source_dir, "examples", "policy.yaml"),
                    os.path.join(repo, ".aperture-policy.yaml"))
        env = dict(os.environ,
                   PATH=os.path.dirname(os.path.abspath(args.aperture)) + os.pathsep + os.environ["PATH"],
                   PRE_COMMIT_HOME=os.path.join(tmp, "cache"), NO_COLOR="1")
        llama = run_hook(repo, args.source_dir, env,
                         "---\nlicense: llama3.1\n---\n# Llama-3.1-chat\n\nBuilt with Llama.\n")
        if llama.returncode == 0 or "exit code: 4" not in llama.stdout or "blocked" not in llama.stdout:
            sys.exit(f"FAIL: the hook let a denied license through:\n{llama.stdout}\n{llama.stderr}")
        apache = run_hook(repo, args.source_dir, env, "---\nlicense: apache-2.0\n---\n# Chat\n")
        if apache.returncode != 0 or "Passed" not in apache.stdout:
            sys.exit(f"FAIL: the hook blocked an allowed license:\n{apache.stdout}\n{apache.stderr}")
    print("PASS: pre-commit runs aperture check: a denied license fails the commit, an allowed one passes")


if __name__ == "__main__":
    main()
