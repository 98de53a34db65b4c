#!/usr/bin/env bash
# HTTP through a service's VIP, with its anchor (the backend task's own IP) in the same run.
#
#   sudo bench/vip-http.sh [SECONDS] [ROUNDS]   (default 10 s per measurement, 3 rounds)
#
# On a fresh 3-node lab: one `shoal whoami` backend task (a service of one replica, so
# that the VIP has exactly that task behind it) and a client task on another node, on
# one overlay network. wrk (1 thread, 32 connections) runs in the client task's
# network namespace against
#   1. the service's VIP (the rewrite to the task happens in the client's namespace),
#   2. the task's own IP, the anchor (goal: VIP >= 0.97x its requests/s),
# with connections kept alive, and again with a new connection for every request
# (Connection: close), where the balancer picks a backend each time. Measured in turn,
# ROUNDS times, medians compared. All traffic stays inside the lab.
# Exits non-zero, saying so, when the VIP does not answer (the task IP is still
# measured).
set -euo pipefail
secs=${1:-10}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench needs curl" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
lab=viph$$
export XDG_CONFIG_HOME=$(mktemp -d)
trap '"$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"' EXIT

"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
"$shoal" network create --subnet 10.211.0.0/24 bench-net >/dev/null
# running SERVICE N: waits for its N tasks and prints "ID NODE" of each.
running() {
  local t0; t0=$(date +%s)
  until [ "$("$shoal" service ps "$1" --filter desired-state=running --format '{{.CurrentState}}' | grep -c Running)" -eq "$2" ]; do
    [ $(( $(date +%s) - t0 )) -gt 60 ] && { echo "$1 did not start" >&2; exit 1; }
    sleep 0.2
  done
  "$shoal" service ps "$1" --no-trunc --filter desired-state=running --format '{{.ID}} {{.Node}}'
}
# The backend where the scheduler puts it; the client on another node (a global service
# has a task on every node: the first not on the backend's is taken).
"$shoal" service create -d --name web --network bench-net "$shoal" whoami >/dev/null
web=$(running web 1); read -r web_id web_node <<<"$web"
"$shoal" service create -d --name cli --mode global --network bench-net sleep infinity >/dev/null
cli=$(running cli 3 | awk -v n="$web_node" '$2 != n { print; exit }'); read -r cli_id cli_node <<<"$cli"
ns=/run/shoal/lab/$lab/$cli_node/data/netns/task-$cli_id
[ -e "$ns" ] || { echo "no namespace at $ns" >&2; exit 1; }
in_task() { nsenter --net="$ns" "$@"; }
task_ip=$(nsenter --net="/run/shoal/lab/$lab/$web_node/data/netns/task-$web_id" ip -4 -o addr show eth0 | awk '{ split($4, a, "/"); print a[1]; exit }')
vip=$("$shoal" service inspect --format '{{json .Endpoint.VirtualIPs}}' web | grep -oE '"Addr":"[0-9.]+' | head -1 | cut -d'"' -f4)
[ -n "$task_ip" ] && [ -n "$vip" ] || { echo "no task IP ($task_ip) or VIP ($vip) for web" >&2; exit 1; }

# answers URL: whether a GET from the client task succeeds within a few seconds (gossip
# tells the client's node where the task is within a second or two).
answers() {
  for _ in $(seq 25); do in_task curl -sf -o /dev/null -m 1 "$1" && return 0; sleep 0.2; done
  return 1
}
answers "http://$task_ip/" || { echo "the task at $task_ip does not answer from the client task" >&2; exit 1; }
vip_ok=1
answers "http://$vip/" || vip_ok=

# load URL [wrk args]: "requests/s p99-ms" of one wrk run from the client task.
load() {
  local url=$1; shift
  in_task wrk -t1 -c32 -d"${secs}s" --latency "$@" "$url" | awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                  p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
    /Non-2xx|Socket errors/ { print "wrk: " $0 > "/dev/stderr" }
    END { printf "%.0f %.2f\n", rps, p99 }'
}
declare -A rps p99
modes=(keepalive close)
declare -A hdr=([keepalive]="" [close]="Connection: close")
targets=(task); [ -n "$vip_ok" ] && targets+=(vip)
declare -A url=([task]="http://$task_ip/" [vip]="http://$vip/")
for _ in $(seq "$rounds"); do
  for m in "${modes[@]}"; do
    for t in "${targets[@]}"; do
      args=(); [ -n "${hdr[$m]}" ] && args=(-H "${hdr[$m]}")
      read -r r p < <(load "${url[$t]}" "${args[@]}")
      rps[$t.$m]+="$r "; p99[$t.$m]+="$p "
    done
  done
done
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "shoal $("$shoal" --version | cut -d' ' -f2): wrk 1 thread, 32 connections, $secs s each, medians of $rounds rounds, client on $cli_node, backend on $web_node"
echo "  load average $(cut -d' ' -f1-3 /proc/loadavg)"
for m in "${modes[@]}"; do
  for t in "${targets[@]}"; do echo "  $t $m: ${rps[$t.$m]}(requests/s)"; done
done
declare -A label=([task.keepalive]="task IP $task_ip, kept alive:" [vip.keepalive]="VIP $vip, kept alive:"
                  [task.close]="task IP, a connection per request:" [vip.close]="VIP, a connection per request:")
for m in "${modes[@]}"; do
  for t in task vip; do
    if [[ " ${targets[*]} " == *" $t "* ]]; then
      printf '%-40s %9s requests/s   p99 %7.2f ms\n' "${label[$t.$m]}" "$(median "${rps[$t.$m]}")" "$(median "${p99[$t.$m]}")"
    else
      printf '%-40s %9s\n' "${label[$t.$m]}" "no answer"
    fi
  done
  if [ -n "$vip_ok" ]; then
    awk -v v="$(median "${rps[vip.$m]}")" -v t="$(median "${rps[task.$m]}")" -v m="$m" \
      'BEGIN { printf "%-40s %9.3fx (goal >= 0.97x)\n", "VIP / task IP (" m "):", v / t }'
  fi
done
if [ -z "$vip_ok" ]; then
  echo "FAILED: the VIP $vip of service web does not answer from the client task (no load balancer rules for it in the task's namespace?)" >&2
  exit 1
fi
