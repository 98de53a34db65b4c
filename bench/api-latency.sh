#!/usr/bin/env bash
# API latency on a lab cluster, with its anchor in the same run.
#
#   sudo bench/api-latency.sh [ROUNDS]        (default 200)
#
# Measures, against a fresh 3-node lab (manager on node 1):
#   - API round trip: GET /v1/nodes on the manager's Unix socket with curl (p50, p99)
#   - `shoal node ls` wall time, the whole CLI process (p50, p99)
# and, when Docker runs here in swarm mode (or can be put in it for the run), the same
# for `docker node ls` and GET /nodes on Docker's socket as the anchor. The goal is
# `shoal node ls` under 20 ms.
set -euo pipefail
rounds=${1:-200}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench needs curl" >&2; exit 1; }
lab=bench$$
export XDG_CONFIG_HOME=$(mktemp -d)
cleanup() { "$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"; [ -n "${left_swarm:-}" ] && docker swarm leave --force >/dev/null 2>&1 || true; }
trap cleanup EXIT

# Prints "p50 p99" in milliseconds of the nanosecond samples on stdin.
pct() { sort -n | awk '{ a[NR] = $1 } END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "p50 %6.2f ms   p99 %6.2f ms\n", a[i50] / 1e6, a[i99] / 1e6 }'; }

# time_cmd ROUNDS CMD...: one wall-time sample per run, in ns.
time_cmd() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local t0; t0=$(date +%s%N); "$@" >/dev/null; echo $(( $(date +%s%N) - t0 ))
  done
}

# curl_rt ROUNDS SOCKET URL: curl's own time_total per request, in ns.
curl_rt() {
  for _ in $(seq "$1"); do curl -s -o /dev/null -w '%{time_total}\n' --unix-socket "$2" "$3"; done |
    awk '{ printf "%d\n", $1 * 1e9 }'
}

"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
sock=/run/shoal/lab/$lab/node-1/shoal.sock
echo "shoal $("$shoal" --version | cut -d' ' -f2), $rounds rounds, lab of 3 nodes"
printf '%-34s %s\n' "shoal API GET /v1/nodes (curl):" "$(curl_rt "$rounds" "$sock" http://shoal/v1/nodes | pct)"
printf '%-34s %s\n' "shoal node ls (whole CLI):" "$(time_cmd "$rounds" "$shoal" node ls | pct)"

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null && left_swarm=1
  fi
  printf '%-34s %s\n' "docker API GET /nodes (curl):" "$(curl_rt "$rounds" /var/run/docker.sock http://docker/nodes | pct)"
  printf '%-34s %s\n' "docker node ls (whole CLI):" "$(time_cmd "$rounds" docker node ls | pct)"
else
  echo "docker: not running here; no anchor measured"
fi
