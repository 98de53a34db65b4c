#!/usr/bin/env bash
# From `service create` to its VIP answering on every node, with the goal beside it.
#
#   sudo bench/e2e-vip.sh [ROUNDS]      (default 10)
#
# On a fresh 3-node lab: a global service of probe tasks (one on each node) on an
# overlay network. Each round runs `shoal service create -d --replicas 3 --network ...
# shoal whoami` and measures, from the moment the command is started, the time until
# an HTTP GET to the new service's VIP succeeds from the probe task of every node (the
# slowest of the three; goal < 1 s). In each probe's network namespace a small poller,
# started before the command and handed the VIP once `service inspect` shows it,
# starts a GET every 10 ms (each with its own 1 s timeout) and notes when the first
# one answers 200. The round's service is removed before the next. Reports the median
# and the max over the rounds, and the create command's own time. All traffic stays
# inside the lab. Exits non-zero, saying so, when a VIP does not answer within 30 s.
set -euo pipefail
rounds=${1:-10}
limit=${LIMIT:-30}
here=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$here/target/release/shoal}
[ -x "$shoal" ] || { echo "build first: cargo build --release (or set SHOAL=path)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench needs python3" >&2; exit 1; }
lab=e2ev$$
work=$(mktemp -d)
export XDG_CONFIG_HOME=$work/config
pollers=()
cleanup() {
  for p in "${pollers[@]}"; do kill "$p" 2>/dev/null || true; done
  "$shoal" lab down --name "$lab" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# poll FILE LIMIT: waits for an address in FILE, then prints the wall time (ns since
# the epoch) of the first GET to http://ADDRESS/ that answers 200, or nothing after
# LIMIT seconds. Run inside a probe's namespace. It is started before the round's
# `service create` (Python takes about half a second to start on a busy 2-core
# machine, which is not shoal's time) and told the VIP once `service inspect` has it.
cat >"$work/poll.py" <<'EOF'
import asyncio, os, sys, time
path, limit = sys.argv[1], float(sys.argv[2])
print("ready", flush=True)
ip = ""
while not ip:
    time.sleep(0.001)
    ip = open(path).read().strip() if os.path.exists(path) else ""
async def get():
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(ip, 80), 1)
        w.write(b"GET / HTTP/1.0\r\nHost: bench\r\n\r\n")
        line = await asyncio.wait_for(r.readline(), 1)
        w.close()
        return line.split()[1:2] == [b"200"]
    except (OSError, asyncio.TimeoutError, IndexError):
        return False
async def main():
    done = asyncio.Event()
    async def one():
        if await get() and not done.is_set():
            done.set()
            print(time.time_ns(), flush=True)
    end = time.monotonic() + limit
    tasks = set()
    while not done.is_set() and time.monotonic() < end:
        t = asyncio.ensure_future(one()); tasks.add(t); t.add_done_callback(tasks.discard)
        try:
            await asyncio.wait_for(done.wait(), 0.01)
        except asyncio.TimeoutError:
            pass
asyncio.run(main())
EOF

"$shoal" lab up --name "$lab" --nodes 3 >/dev/null 2>&1
"$shoal" network create --subnet 10.212.0.0/16 bench-net >/dev/null
"$shoal" service create -d --name probe --mode global --network bench-net sleep infinity >/dev/null
t0=$(date +%s)
until [ "$("$shoal" service ps probe --filter desired-state=running --format '{{.CurrentState}}' | grep -c Running)" -eq 3 ]; do
  [ $(( $(date +%s) - t0 )) -gt 60 ] && { echo "the probe tasks did not start" >&2; exit 1; }
  sleep 0.2
done
probes=()
while read -r id node; do
  probes+=("$node:/run/shoal/lab/$lab/$node/data/netns/task-$id")
done < <("$shoal" service ps probe --no-trunc --filter desired-state=running --format '{{.ID}} {{.Node}}')
for p in "${probes[@]}"; do [ -e "${p#*:}" ] || { echo "no namespace at ${p#*:}" >&2; exit 1; }; done

e2e=(); create=()
for r in $(seq "$rounds"); do
  pollers=()
  for p in "${probes[@]}"; do
    nsenter --net="${p#*:}" python3 "$work/poll.py" "$work/vip$r" "$limit" >"$work/${p%%:*}" & pollers+=($!)
  done
  for p in "${probes[@]}"; do
    until grep -q ready "$work/${p%%:*}" 2>/dev/null; do sleep 0.05; done
  done
  t0=$(date +%s%N)
  "$shoal" service create -d --name "web$r" --replicas 3 --network bench-net "$shoal" whoami >/dev/null
  t1=$(date +%s%N)
  vip=$("$shoal" service inspect --format '{{json .Endpoint.VirtualIPs}}' "web$r" | grep -oE '"Addr":"[0-9.]+' | head -1 | cut -d'"' -f4)
  [ -n "$vip" ] || { echo "web$r has no VIP" >&2; exit 1; }
  echo "$vip" >"$work/vip$r.tmp" && mv "$work/vip$r.tmp" "$work/vip$r"
  for p in "${pollers[@]}"; do wait "$p" || true; done
  pollers=()
  last=0
  for p in "${probes[@]}"; do
    t=$(grep -v ready "$work/${p%%:*}" || true)
    [ -n "$t" ] || { echo "FAILED: round $r: the VIP $vip of web$r did not answer from the probe task on ${p%%:*} within $limit s (no load balancer rules for it in the task's namespace?)" >&2; exit 1; }
    [ "$t" -gt "$last" ] && last=$t
  done
  e2e+=("$(( (last - t0) / 1000000 ))"); create+=("$(( (t1 - t0) / 1000000 ))")
  "$shoal" service rm "web$r" >/dev/null
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "median %6.3f s   max %6.3f s", a[int((NR + 1) / 2)] / 1000, a[NR] / 1000 }'; }
echo "shoal $("$shoal" --version | cut -d' ' -f2): $rounds rounds of service create --replicas 3 on a 3-node lab; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  create -> VIP answers on all 3 nodes: ${e2e[*]} (ms)"
printf '%-44s %s\n' "service create (the CLI call alone):" "$(stats "${create[@]}")"
printf '%-44s %s   (goal < 1 s)\n' "create -> VIP answers from every node:" "$(stats "${e2e[@]}")"
