#!/usr/bin/env bash
# Running tasks on one node, with the goal beside the figures.
#
#   sudo bench/tasks.sh [TASKS]      (default 100)
#   sudo OVERLAY=1 bench/tasks.sh    (the tasks on an overlay network: each gets its
#                                     namespace, eth0 in the network's sandbox, eth1 on
#                                     the gateway bridge)
#
# On a fresh 1-node lab: `service create --replicas TASKS ... sleep infinity` and the
# time until every task is running, then the agent's resident memory with them all
# running (goal < 60 MB), and the memory of the tasks' shims.
set -euo pipefail
tasks=${1:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench needs curl" >&2; exit 1; }
lab=taskb$$
export XDG_CONFIG_HOME=$(mktemp -d)
trap '"$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"' EXIT
"$shoal" lab up --name "$lab" --nodes 1 >/dev/null 2>&1
sock=/run/shoal/lab/$lab/node-1/shoal.sock
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$(cat "/run/shoal/lab/$lab/node-1/agent.pid")/status"; }
echo "shoal $("$shoal" --version | cut -d' ' -f2): $tasks tasks on a 1-node lab${OVERLAY:+, on an overlay network}"
net=()
if [ -n "${OVERLAY:-}" ]; then
  "$shoal" network create --subnet 10.128.0.0/16 bench-net >/dev/null
  net=(--network bench-net)
fi
rss0=$(rss_kb)
t0=$(date +%s%N)
"$shoal" service create -d --name bench --replicas "$tasks" "${net[@]}" sleep infinity >/dev/null
while :; do
  n=$(curl -s --unix-socket "$sock" http://shoal/v1/tasks | { grep -o '"State":"running"' || true; } | wc -l)
  [ "$n" -ge "$tasks" ] && break
  [ $(( ($(date +%s%N) - t0) / 1000000000 )) -gt 300 ] && { echo "timed out with $n of $tasks running" >&2; exit 1; }
  sleep 0.05
done
t1=$(date +%s%N)
printf '%-34s %8.2f s\n' "service create -> all running:" "$(awk "BEGIN { print ($t1 - $t0) / 1e9 }")"
printf '%-34s %8d KiB -> %d KiB (goal < 61440 KiB)\n' "agent+manager RSS:" "$rss0" "$(rss_kb)"
# Each task has a shim (`shoal task-shim`) as its parent: its own memory, beside the agent.
shims=$(pgrep -f "task-shim --dir /run/shoal/lab/$lab/" || true)
if [ -n "$shims" ]; then
  n=0; rss=0; pss=0
  for p in $shims; do
    r=$(awk '/VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    s=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    n=$((n + 1)); rss=$((rss + r)); pss=$((pss + s))
  done
  printf '%-34s %8d shims, RSS %d KiB each on average, PSS %d KiB in all\n' "task shims:" "$n" "$((rss / n))" "$pss"
fi
