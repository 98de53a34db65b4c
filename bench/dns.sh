#!/usr/bin/env bash
# DNS at 127.0.0.11 in a task, with its anchors in the same run.
#
#   sudo bench/dns.sh [SECONDS] [ROUNDS]    (default 10 s per measurement, 5 rounds)
#   RATE=N   the fixed rate of the latency runs (default 10000 queries/s)
#
# On a fresh 3-node lab: SERVICES services (default 5) of 2 replicas on one overlay
# network and a client task. The query file holds the names shoal serves that task
# (SERVICE -> its VIP, tasks.SERVICE -> its tasks' IPs). dnsperf (UDP, 4 clients, at
# most 100 queries outstanding) runs in the client task's network namespace against:
#   1. shoal's resolver at 127.0.0.11 (the agent of the client's node),
#   2. unbound on 127.0.0.12 in the same namespace, with local-data for the same names
#      and addresses (the anchor: goal shoal >= 1.2x its QPS),
#   3. dnsmasq on 127.0.0.13 in the same namespace, with host-record for them.
# Each serves this client from one socket on one thread (unbound's default num-threads
# 1, dnsmasq's one loop, the agent's one DNS thread), and the
# client path is the same loopback for all three. Two measurements each, in turn,
# ROUNDS times, medians compared (and the median of each round's shoal / unbound, which
# load from elsewhere on the machine sways less):
#   - QPS: as fast as the server answers (dnsperf without -Q);
#   - latency: at RATE queries/s (-Q, below every server's ceiling) with each answer's
#     latency (-v), p50 and p99 over all of them, a lost query counting as the slowest
#     (goal: shoal p99 < 1 ms). At saturation the latency is only the queue
#     (outstanding / QPS), which is why it is measured at a fixed rate.
# The tools are installed with apt-get when missing. Traffic stays in the task's
# loopback; everything is removed on exit.
set -euo pipefail
secs=${1:-10}
rounds=${2:-5}
rate=${RATE:-10000}
services=${SERVICES:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
need=()
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v unbound >/dev/null || need+=(unbound)
command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
command -v dig >/dev/null || need+=(dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
lab=dnsb$$
work=$(mktemp -d)
export XDG_CONFIG_HOME=$work/config
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  "$shoal" lab down --name "$lab" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
"$shoal" network create --subnet 10.210.0.0/24 bench-net >/dev/null
for i in $(seq "$services"); do
  "$shoal" service create -d --name "svc$i" --replicas 2 --network bench-net sleep infinity >/dev/null
done
"$shoal" service create -d --name cli --network bench-net sleep infinity >/dev/null
t0=$(date +%s)
until "$shoal" service ps cli --format '{{.CurrentState}}' | grep -q Running; do
  [ $(( $(date +%s) - t0 )) -gt 60 ] && { echo "the client task did not start" >&2; exit 1; }
  sleep 0.2
done
cli=$("$shoal" service ps cli --no-trunc --filter desired-state=running --format '{{.ID}} {{.Node}}')
read -r cli_id cli_node <<<"$cli"
ns=/run/shoal/lab/$lab/$cli_node/data/netns/task-$cli_id
[ -e "$ns" ] || { echo "no namespace at $ns" >&2; exit 1; }
in_task() { nsenter --net="$ns" "$@"; }

# The names and what shoal answers, once every task of every service shows (gossip
# brings the other nodes' within a second or two).
names=()
for i in $(seq "$services"); do names+=("svc$i" "tasks.svc$i"); done
for n in "${names[@]}"; do
  want=1; [[ $n == tasks.* ]] && want=2
  t0=$(date +%s)
  until [ "$(in_task dig +short +time=1 +tries=1 @127.0.0.11 "$n" A | grep -c .)" -eq "$want" ]; do
    [ $(( $(date +%s) - t0 )) -gt 60 ] && { echo "shoal does not answer $n with $want addresses" >&2; exit 1; }
    sleep 0.2
  done
done

# The same names and addresses for the anchors, and the query file.
cat >"$work/unbound.conf" <<EOF
server:
  interface: 127.0.0.12
  port: 53
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  module-config: "iterator"
EOF
echo "remote-control:" >"$work/unbound-rc.conf"; echo "  control-enable: no" >>"$work/unbound-rc.conf"
dm=(--keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.13 --port=53
    --local-ttl=5 --pid-file= --user=root --log-facility=/dev/null)
: >"$work/queries"
for n in "${names[@]}"; do
  echo "$n A" >>"$work/queries"
  for ip in $(in_task dig +short @127.0.0.11 "$n" A); do
    echo "  local-data: \"$n. 5 IN A $ip\"" >>"$work/unbound.conf"
    dm+=("--host-record=$n,$ip")
  done
done
cat "$work/unbound-rc.conf" >>"$work/unbound.conf"
unbound-checkconf "$work/unbound.conf" >/dev/null
# Not through in_task: $! must be the server itself (nsenter execs it) for the cleanup.
nsenter --net="$ns" unbound -c "$work/unbound.conf" 2>"$work/unbound.log" & pids+=($!)
nsenter --net="$ns" dnsmasq "${dm[@]}" 2>"$work/dnsmasq.log" & pids+=($!)
for addr in 127.0.0.12 127.0.0.13; do
  t0=$(date +%s)
  until [ "$(in_task dig +short +time=1 +tries=1 "@$addr" tasks.svc1 A | grep -c .)" -eq 2 ]; do
    [ $(( $(date +%s) - t0 )) -gt 10 ] && { echo "nothing answers on $addr" >&2; exit 1; }
    sleep 0.2
  done
done
# The three answer alike (as sets: the order of tasks.* differs).
for n in "${names[@]}"; do
  a=$(in_task dig +short @127.0.0.11 "$n" A | sort | tr '\n' ' ')
  for addr in 127.0.0.12 127.0.0.13; do
    b=$(in_task dig +short "@$addr" "$n" A | sort | tr '\n' ' ')
    [ "$a" = "$b" ] || { echo "$addr answers $n with $b, shoal with $a" >&2; exit 1; }
  done
done

perf=(dnsperf -d "$work/queries" -l "$secs" -c 4 -q 100 -t 2)
# qps ADDR: queries answered per second (and the run's errors to stderr).
qps() {
  local out; out=$(in_task "${perf[@]}" -s "$1" 2>&1)
  local lost; lost=$(awk '/Queries lost:/ { print $3 }' <<<"$out")
  [ "${lost:-0}" -eq 0 ] || echo "$1: $lost queries lost at saturation" >&2
  awk '/Queries per second:/ { printf "%.0f", $4 }' <<<"$out"
}
# lat ADDR: "p50 p99" in ms of every query at $rate queries/s, a lost one as the slowest.
lat() {
  in_task "${perf[@]}" -s "$1" -Q "$rate" -v 2>/dev/null |
    awk '$1 == ">" { if ($2 == "T" || $2 == "I") print 1e9; else print $NF * 1000 }' |
    sort -g | awk '{ a[NR] = $1 } END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.3f %.3f %d\n", a[i50], a[i99], NR }'
}
declare -A q p50 p99
ratios=""
servers=(shoal unbound dnsmasq)
declare -A addr=([shoal]=127.0.0.11 [unbound]=127.0.0.12 [dnsmasq]=127.0.0.13)
declare -A last
for _ in $(seq "$rounds"); do
  for s in "${servers[@]}"; do
    last[$s]=$(qps "${addr[$s]}")
    q[$s]+="${last[$s]} "
    read -r a b n < <(lat "${addr[$s]}")
    [ "$n" -gt 0 ] || { echo "$s: no latency samples" >&2; exit 1; }
    p50[$s]+="$a "; p99[$s]+="$b "
  done
  ratios+="$(awk -v s="${last[shoal]}" -v u="${last[unbound]}" 'BEGIN { printf "%.2f", s / u }') "
done
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "shoal $("$shoal" --version | cut -d' ' -f2): dnsperf UDP, $secs s each, 4 clients, 100 outstanding, medians of $rounds rounds"
echo "  $(grep -c . "$work/queries") names ($services services and tasks.*), from a task's namespace on a 3-node lab; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${servers[@]}"; do echo "  $s: QPS ${q[$s]}  p99 at $rate/s ${p99[$s]}(ms)"; done
echo "  shoal / unbound QPS, each round: $ratios"
uver=$(unbound -V | awk 'NR == 1 { print $2 }'); dver=$(dnsmasq --version | awk 'NR == 1 { print $3 }')
declare -A label=([shoal]="shoal, 127.0.0.11 (the agent):" [unbound]="unbound $uver, local-data:" [dnsmasq]="dnsmasq $dver, host-record:")
printf '%-34s %10s   %s\n' "" "QPS" "latency at $rate queries/s"
for s in "${servers[@]}"; do
  printf '%-34s %10s   p50 %6.3f ms   p99 %6.3f ms\n' "${label[$s]}" "$(median "${q[$s]}")" "$(median "${p50[$s]}")" "$(median "${p99[$s]}")"
done
awk -v s="$(median "${q[shoal]}")" -v u="$(median "${q[unbound]}")" -v m="$(median "$ratios")" -v p="$(median "${p99[shoal]}")" -v r="$rate" 'BEGIN {
  printf "%-34s %10.2fx (goal >= 1.2x; median of the rounds %.2fx)\n", "shoal / unbound QPS:", s / u, m
  printf "%-34s %10.3f ms at %d queries/s (goal < 1 ms)\n", "shoal p99:", p, r }'
