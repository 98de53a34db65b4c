#!/usr/bin/env bash
# Overlay throughput across two lab hosts, with its anchors in the same run.
#
#   sudo bench/overlay.sh [SECONDS] [ROUNDS]   (default 5 s per measurement, 3 rounds)
#
# On a fresh 2-node lab, iperf3 (TCP, one stream) from a task on node 1 to a task on
# node 2:
#   1. over shoal's overlay (task eth0 -> br0 -> vxlan0 -> underlay -> ...),
#   2. over a kernel VXLAN built by hand between the same two hosts (ip link add ...
#      type vxlan, same MTU), the anchor (goal: shoal >= 0.95x),
#   3. over the raw underlay between the two hosts (the ceiling).
# The three are measured in turn, ROUNDS times, and the medians are compared, so that
# load on the machine falls on all three alike. All traffic stays inside the lab.
set -euo pipefail
secs=${1:-5}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v iperf3 >/dev/null || { echo "bench needs iperf3 (apt-get install iperf3)" >&2; exit 1; }
lab=ovb$$
export XDG_CONFIG_HOME=$(mktemp -d)
trap '"$shoal" lab down --name "$lab" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"' EXIT
iperf=$(command -v iperf3)

"$shoal" lab up --name "$lab" --nodes 2 >/dev/null 2>&1
"$shoal" network create --subnet 10.200.0.0/24 bench-net >/dev/null
# Pin each task to its node by draining the other while it is scheduled.
"$shoal" node update --availability drain node-1 >/dev/null
"$shoal" service create -d --name srv --network bench-net "$iperf" -s >/dev/null
until "$shoal" service ps srv --format '{{.CurrentState}}' | grep -q Running; do sleep 0.2; done
"$shoal" node update --availability active node-1 >/dev/null
"$shoal" node update --availability drain node-2 >/dev/null
"$shoal" service create -d --name cli --network bench-net sleep infinity >/dev/null
until "$shoal" service ps cli --format '{{.CurrentState}}' | grep -q Running; do sleep 0.2; done
"$shoal" node update --availability active node-2 >/dev/null
srv_ip=$("$shoal" exec srv.1 -- ip -4 -o addr show eth0 | awk '{ split($4, a, "/"); print a[1] }')
# Until gossip has told node 1 where srv is.
for _ in $(seq 50); do "$shoal" exec cli.1 -- nc -z -w1 "$srv_ip" 5201 >/dev/null 2>&1 && break; sleep 0.2; done

gbps() { awk '/"sum_received"/ { f = 1 } f && /"bits_per_second"/ { gsub(/[^0-9.e+]/, "", $2); printf "%.2f", $2 / 1e9; exit }'; }

# The anchor: a VXLAN by hand between the two hosts' namespaces, same MTU.
ns1=$lab-1; ns2=$lab-2
for i in 1 2; do
  ns=$lab-$i; other=$((3 - i))
  ip -n "$ns" link add vxbench type vxlan id 9999 local 192.0.2.$i remote 192.0.2.$other dstport 4790
  ip -n "$ns" link set vxbench mtu 1450 up
  ip -n "$ns" addr add 10.201.0.$i/24 dev vxbench
done
host_iperf() { ip netns exec "$ns2" "$iperf" -s -D -1 >/dev/null; sleep 0.3; ip netns exec "$ns1" "$iperf" -J -t "$secs" -c "$1" | gbps; }
o=(); k=(); r=()
for _ in $(seq "$rounds"); do
  o+=("$("$shoal" exec cli.1 -- "$iperf" -J -t "$secs" -c "$srv_ip" | gbps)")
  k+=("$(host_iperf 10.201.0.2)")
  r+=("$(host_iperf 192.0.2.2)")
done
for i in 1 2; do ip -n "$lab-$i" link del vxbench 2>/dev/null || true; done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
overlay=$(median "${o[@]}"); kernel=$(median "${k[@]}"); raw=$(median "${r[@]}")

echo "shoal $("$shoal" --version | cut -d' ' -f2): iperf3 TCP, $secs s each, medians of $rounds rounds, 2-node lab"
echo "  overlay: ${o[*]}   kernel VXLAN: ${k[*]}   underlay: ${r[*]} (Gbit/s)"
printf '%-44s %8s Gbit/s\n' "task -> task over shoal's overlay:" "$overlay"
printf '%-44s %8s Gbit/s\n' "hand-built kernel VXLAN, same hosts:" "$kernel"
printf '%-44s %8s Gbit/s\n' "raw underlay, same hosts:" "$raw"
awk -v o="$overlay" -v k="$kernel" 'BEGIN { printf "%-44s %8.2fx (goal >= 0.95x)\n", "overlay / kernel VXLAN:", o / k }'
