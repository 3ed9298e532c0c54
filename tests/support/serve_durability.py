#!/usr/bin/env python3
"""Kill -9 durability of `aperture serve` (registered as CTest serve.durability.*).

Starts the server on a fresh database, has several clients POST release
manifests, records every submission the server acknowledged (201), kills the
server with SIGKILL while writes are in flight, starts it again on the same
database and checks that every acknowledged submission is there.

--backend sqlite: a temporary SQLite file. --backend postgresql: the database
APERTURE_TEST_PG names, in a schema of its own; exits 77 (skipped) when
APERTURE_TEST_PG is unset.
"""
import argparse
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SKIPPED = 77

MANIFEST = """aperture: release/1
id: {id}
name: Durability {n}
publisher: Test
checked: 2026-11-28
url: https://example.com/{id}
access: weights
license:
  id: {license}
  source: https://example.com/{id}
"""


def start_server(aperture, db):
    proc = subprocess.Popen([aperture, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if "http://" not in line:
        proc.kill()
        sys.exit(f"serve did not start: {line!r} {proc.stderr.read()}")
    url = urllib.parse.urlparse(line[line.index("http://"):].split()[0])
    return proc, url.hostname, url.port


def post(host, port, token, release_id, n):
    body = MANIFEST.format(id=release_id, n=n, license="MIT" if n % 2 else "Apache-2.0")
    c = http.client.HTTPConnection(host, port, timeout=10)
    c.request("POST", "/api/releases", body=body.encode(), headers={"Authorization": f"Bearer {token}"})
    status = c.getresponse().status
    c.close()
    return status


def get_status(host, port, path):
    c = http.client.HTTPConnection(host, port, timeout=10)
    c.request("GET", path)
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def pg_database(url):
    """The test database with a fresh schema of its own as the search path."""
    schema = "aperture_durability"
    subprocess.run(["psql", url, "-qc", f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"],
                   check=True)
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aperture", required=True)
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--kill-after", type=int, default=60, help="acknowledged writes before the kill")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="aperture-durability-")
    try:
        if args.backend == "sqlite":
            db = "sqlite:" + os.path.join(tmp, "catalog.db")
        else:
            pg = os.environ.get("APERTURE_TEST_PG", "")
            if not pg:
                print("APERTURE_TEST_PG is not set: skipping the PostgreSQL durability test")
                return SKIPPED
            db = pg_database(pg)

        token = subprocess.run([args.aperture, "token", "create", "--db", db, "--name", "durability"],
                               check=True, capture_output=True, text=True).stdout.strip()
        proc, host, port = start_server(args.aperture, db)

        acked = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(w):
            n = 0
            while not stop.is_set():
                release_id = f"dur-{w}-{n}"
                try:
                    status = post(host, port, token, release_id, n)
                except OSError:
                    return  # the server is gone
                if status == 201:
                    with lock:
                        acked.append(release_id)
                elif status != 201:
                    print(f"unexpected status {status} for {release_id}", file=sys.stderr)
                n += 1

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(args.writers)]
        for t in threads:
            t.start()
        deadline = time.time() + 60
        while time.time() < deadline:
            with lock:
                if len(acked) >= args.kill_after:
                    break
            if proc.poll() is not None:
                stop.set()
                print(f"FAIL: the server exited ({proc.returncode}) before it was killed: {proc.stderr.read()[-2000:]}")
                return 1
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # while the writers are mid-request
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
        with lock:
            acked_ids = list(acked)
        if len(acked_ids) < args.kill_after:
            print(f"FAIL: only {len(acked_ids)} writes were acknowledged before the deadline")
            return 1

        proc, host, port = start_server(args.aperture, db)
        try:
            missing = [i for i in acked_ids if get_status(host, port, f"/api/releases/{i}") != 200]
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
        print(f"{args.backend}: {len(acked_ids)} writes acknowledged before kill -9, {len(missing)} missing after restart")
        if missing:
            print("FAIL: lost acknowledged writes: " + ", ".join(missing[:20]))
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
