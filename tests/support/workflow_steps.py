#!/usr/bin/env python3
"""The shell steps of .github/workflows/aperture.yml, run here as GitHub would.

GitHub Actions cannot run in this test, but the job's own `run:` script of the
step "Check the models against the policy" can: it is taken from the workflow
file, run with bash -e in a copy of the repository's inputs with the job's `env`,
a GITHUB_OUTPUT file and the built binary in build/, and must write a SARIF
2.1.0 log naming every target and record the exit status (0 allowed, 4 blocked)
in GITHUB_OUTPUT, as the later steps expect. Exits 77 (skipped) without PyYAML.

Usage: workflow_steps.py --aperture BIN --source-dir DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML is not installed (Debian: python3-yaml)")
    sys.exit(77)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aperture", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    with open(os.path.join(args.source_dir, ".github", "workflows", "aperture.yml"), encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    job = workflow["jobs"]["check"]
    step = next(s for s in job["steps"] if s.get("id") == "check")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(args.source_dir, "examples"), os.path.join(tmp, "examples"))
        os.makedirs(os.path.join(tmp, "build"))
        os.symlink(os.path.abspath(args.aperture), os.path.join(tmp, "build", "aperture"))
        output = os.path.join(tmp, "github_output")
        env = dict(os.environ, **{k: str(v) for k, v in workflow.get("env", {}).items()}, GITHUB_OUTPUT=output)
        run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp, env=env,
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            sys.exit(f"FAIL: the step exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
        with open(output, encoding="utf-8") as f:
            status = dict(line.strip().split("=", 1) for line in f if "=" in line).get("status")
        if status not in ("0", "4"):
            sys.exit(f"FAIL: GITHUB_OUTPUT status is {status!r}")
        with open(os.path.join(tmp, "aperture.sarif"), encoding="utf-8") as f:
            sarif = json.load(f)
        if sarif.get("version") != "2.1.0" or not sarif.get("runs"):
            sys.exit("FAIL: aperture.sarif is not a SARIF 2.1.0 log with a run")
        text = json.dumps(sarif)
        for target in env["APERTURE_TARGETS"].split():
            if os.path.basename(target) not in text:
                sys.exit(f"FAIL: the SARIF log does not name {target}")
        if "blocked" not in run.stdout and status == "4":
            sys.exit("FAIL: the readable answer in the log does not say what is blocked")
    print(f"PASS: the workflow's check step ran; status {status}, SARIF written")


if __name__ == "__main__":
    main()
