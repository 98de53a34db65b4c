#!/usr/bin/env bash
# Scheduling at scale on a lab cluster, with anchors in the same run.
#
#   sudo bench/services.sh [SERVICES] [REPLICAS]     (default 100 x 10)
#
# On a fresh 3-node lab: creates SERVICES services of REPLICAS tasks each on one
# network, and reports the time until every task is assigned to a node (accepted by its
# agent or running counts too), the manager's resident memory before and after, and the wall time
# of `shoal network ls` (goal < 20 ms) beside `docker network ls` when Docker runs here.
set -euo pipefail
services=${1:-100}
replicas=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench needs curl" >&2; exit 1; }
lab=svcb$$
export XDG_CONFIG_HOME=$(mktemp -d)
trap '"$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"' EXIT

pct() { sort -n | awk '{ a[NR] = $1 } END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "p50 %6.2f ms   p99 %6.2f ms\n", a[i50] / 1e6, a[i99] / 1e6 }'; }
time_cmd() { local n=$1; shift; for _ in $(seq "$n"); do local t0; t0=$(date +%s%N); "$@" >/dev/null; echo $(( $(date +%s%N) - t0 )); done; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$(cat "/run/shoal/lab/$lab/node-1/agent.pid")/status"; }

"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
sock=/run/shoal/lab/$lab/node-1/shoal.sock
"$shoal" network create --subnet 10.128.0.0/16 bench-net >/dev/null
total=$((services * replicas))
echo "shoal $("$shoal" --version | cut -d' ' -f2): $services services x $replicas replicas = $total tasks, lab of 3 nodes"
rss0=$(rss_kb)
t0=$(date +%s%N)
for i in $(seq "$services"); do
  "$shoal" service create -d --name "svc$i" --replicas "$replicas" --network bench-net sleep infinity >/dev/null
done
t1=$(date +%s%N)
while :; do
  placed=$(curl -s --unix-socket "$sock" http://shoal/v1/tasks | { grep -oE '"State":"(assigned|accepted|running)"' || true; } | wc -l)
  [ "$placed" -ge "$total" ] && break
  [ $(( ($(date +%s%N) - t0) / 1000000000 )) -gt 600 ] && { echo "timed out with $placed of $total placed" >&2; exit 1; }
  sleep 0.05
done
t2=$(date +%s%N)
# Then until every task runs (agents start them as processes), so the timings below
# measure a settled cluster.
while [ "$(curl -s --unix-socket "$sock" http://shoal/v1/tasks | { grep -o '"State":"running"' || true; } | wc -l)" -lt "$total" ]; do
  [ $(( ($(date +%s%N) - t0) / 1000000000 )) -gt 600 ] && { echo "timed out waiting for running tasks" >&2; exit 1; }
  sleep 0.2
done
t3=$(date +%s%N)
printf '%-40s %8.2f s\n' "create $services services (CLI calls):" "$(awk "BEGIN { print ($t1 - $t0) / 1e9 }")"
printf '%-40s %8.2f s\n' "until all $total tasks assigned:" "$(awk "BEGIN { print ($t2 - $t0) / 1e9 }")"
printf '%-40s %8.2f s\n' "until all $total tasks running:" "$(awk "BEGIN { print ($t3 - $t0) / 1e9 }")"
printf '%-40s %8d KiB -> %d KiB\n' "manager RSS (before -> after):" "$rss0" "$(rss_kb)"
printf '%-40s %s\n' "shoal network ls (whole CLI):" "$(time_cmd 100 "$shoal" network ls | pct)"
printf '%-40s %s\n' "shoal service ls ($services services):" "$(time_cmd 50 "$shoal" service ls | pct)"
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  printf '%-40s %s\n' "docker network ls (whole CLI):" "$(time_cmd 100 docker network ls | pct)"
else
  echo "docker: not running here; no anchor measured"
fi
