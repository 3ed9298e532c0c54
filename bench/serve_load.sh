#!/usr/bin/env bash
# GET /api/releases under load: `aperture serve` (SQLite) beside nginx serving
# the same JSON as a static file, measured by wrk in the same run on loopback.
# Prints requests/s and p99 latency of each and the ratio.
#
# Usage: bench/serve_load.sh [BUILD_DIR] (default build/)
# Env: WRK_ARGS (default "-t2 -c32 -d10s --latency"), APERTURE_THREADS (default 32)
# Needs wrk and nginx (scripts/install-deps.sh --bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-$ROOT/build}
APERTURE=$BUILD/aperture
WRK_ARGS=${WRK_ARGS:--t2 -c32 -d10s --latency}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v wrk >/dev/null || { echo "serve_load: wrk is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
[[ -x $NGINX ]] || { echo "serve_load: nginx is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -f $tmp/nginx.pid ]] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# aperture serve on a fresh SQLite file, any free port.
"$APERTURE" serve --db "sqlite:$tmp/bench.db" --listen 127.0.0.1:0 --threads "${APERTURE_THREADS:-32}" >"$tmp/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
api=$(grep -o 'http://[^ ]*' "$tmp/serve.out" | head -n1)
[[ -n $api ]] || { cat "$tmp/serve.out" >&2; exit 1; }
path="api/releases"

# nginx serving the very same bytes as a static file, on another loopback port.
mkdir -p "$tmp/www/api"
curl -sf "${api}${path}" -o "$tmp/www/api/releases"
chmod -R a+rX "$tmp"  # nginx's workers run as an unprivileged user when started as root
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$tmp/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fcgi;
  uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    default_type application/json;
  }
}
CONF
"$NGINX" -c "$tmp/nginx.conf" -p "$tmp" >"$tmp/nginx.start" 2>&1 || { cat "$tmp/nginx.start" >&2; exit 1; }
sleep 0.3
curl -sf "http://127.0.0.1:$nginx_port/$path" | cmp -s - "$tmp/www/api/releases" || { echo "nginx is not serving the file" >&2; exit 1; }

# wrk's summary: requests/s and the 99th percentile in milliseconds.
measure() {
  local out rps p99 unit
  out=$(wrk $WRK_ARGS "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  unit=${p99//[0-9.]/}
  p99=${p99%[a-z]*}; p99=${p99%m}
  case $unit in
    us) p99=$(awk -v v="$p99" 'BEGIN {printf "%.3f", v / 1000}') ;;
    s) p99=$(awk -v v="$p99" 'BEGIN {printf "%.3f", v * 1000}') ;;
  esac
  echo "$rps $p99"
}
bytes=$(stat -c %s "$tmp/www/api/releases")
echo "GET /$path ($bytes bytes, 50 summaries), wrk $WRK_ARGS, $(nproc) cores"
read -r a_rps a_p99 < <(measure "${api}${path}")
read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nginx_port/$path")
printf '%-28s %12s %10s\n' "" "requests/s" "p99 ms"
printf '%-28s %12.0f %10s\n' "aperture serve (SQLite)" "$a_rps" "$a_p99"
printf '%-28s %12.0f %10s\n' "nginx (static file)" "$n_rps" "$n_p99"
awk -v a="$a_rps" -v n="$n_rps" 'BEGIN {printf "aperture / nginx throughput: %.2f\n", a / n}'
