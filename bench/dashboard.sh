#!/usr/bin/env bash
# CPU of an idle dashboard, with the goal beside the figure.
#
#   sudo bench/dashboard.sh [SECONDS]    (default 30; after cargo build --release)
#
# Starts a 3-node lab with a service of 6 tasks, runs `shoal dashboard` in a detached
# tmux pane of 80x24 (on a tmux server of its own), lets it settle for 3 s, then reads
# the dashboard's utime+stime from /proc/PID/stat at the start and the end of SECONDS
# and reports them as a share of one core (goal < 1%). The dashboard redraws on its 1 s
# tick, on events and on keys; idle means no keys and a cluster at rest.
set -euo pipefail
secs=${1:-30}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "bench needs tmux" >&2; exit 1; }
lab=dashb$$
tmp=$(mktemp -d)
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
tmux=(tmux -S "$tmp/tmux.sock" -f /dev/null)
trap '"${tmux[@]}" kill-server >/dev/null 2>&1 || true; "$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
"$shoal" service create -d --name bench-web --replicas 6 sleep infinity >/dev/null
"${tmux[@]}" new-session -d -x 80 -y 24 "exec '$shoal' dashboard"
pid=$("${tmux[@]}" display-message -p '#{pane_pid}')
sleep 3
grep -q 'connected, updated' <("${tmux[@]}" capture-pane -p) || {
  echo "the dashboard did not connect:" >&2; "${tmux[@]}" capture-pane -p >&2; exit 1; }
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s%N)
sleep "$secs"
t1=$(ticks); s1=$(date +%s%N)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
wall=$(awk "BEGIN { print ($s1 - $s0) / 1e9 }")
cpu=$(awk "BEGIN { printf \"%.3f\", ($t1 - $t0) / $hz / $wall * 100 }")
echo "shoal $("$shoal" --version | cut -d' ' -f2): an idle dashboard on a 3-node lab (6 tasks), 80x24, ${secs} s"
printf '%-34s %8s %% of a core   (goal < 1%%; %d ticks of 1/%d s)\n' "CPU (utime+stime):" "$cpu" $((t1 - t0)) "$hz"
printf '%-34s %8d KB\n' "resident memory:" "$rss"
