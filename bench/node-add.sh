#!/usr/bin/env bash
# bench/node-add.sh: wall time of `shoal node add` over real sshd on a lab (root).
#
# Brings up `lab up --ssh --nodes 9` (sshd in every host; the lab itself adds nodes
# 2..9), then for ROUNDS rounds: removes node 2 with `node rm --force` (which takes
# agent, data dir and binary off the host) and times `node add root@node-2` (cold:
# connect, check, upload the whole binary, start, join, ready); then removes nodes
# 2..9 and times one `node add` of all 8 in parallel. Prints each round and the
# medians. The goal: under 3 s per node. The anchor, in the same run: OpenSSH's own
# client (`ssh -F <lab config> root@node-2 'cat > FILE' < shoal`), the same bytes
# over the same sshd, against which the upload step is set.
#
#   SHOAL=target/release/shoal ROUNDS=5 bench/node-add.sh
#
# SHOAL defaults to target/release/shoal when built, else target/debug/shoal (a
# debug binary is ~10x larger to upload).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
LAB=${LAB:-bench-na}
if [[ -z ${SHOAL:-} ]]; then
  SHOAL=target/debug/shoal
  [[ -x target/release/shoal ]] && SHOAL=target/release/shoal
fi
SHOAL=$(realpath "$SHOAL")
[[ $(id -u) == 0 ]] || { echo "bench/node-add.sh needs root (the lab makes namespaces)" >&2; exit 1; }
[[ -x /usr/sbin/sshd ]] || { echo "needs OpenSSH's sshd (apt-get install openssh-server)" >&2; exit 1; }

export XDG_CONFIG_HOME=$(mktemp -d)
cleanup() { "$SHOAL" lab down --name "$LAB" >/dev/null 2>&1 || true; rm -rf "$XDG_CONFIG_HOME"; }
trap cleanup EXIT

DIR=/run/shoal/lab/$LAB
in1() { "$SHOAL" lab exec --name "$LAB" 1 -- "$@"; }
add() {
  in1 env SHOAL_LOG=shoal::cli::node_add=info "$SHOAL" node add --remote-path "$DIR/%n/bin/shoal" --data-dir "$DIR/%n/data" \
    --socket "$DIR/%n/shoal.sock" --node-name %n --supervisor detached "$@" >/dev/null 2>"$STEPS"
}
STEPS=$(mktemp)
# Seconds each step took, from node add's log lines (one host).
steps() {
  local prev="" prev_t="" line ts step t out=""
  while read -r line; do
    ts=${line%% *}; step=${line##*step=}
    t=$(date -d "$ts" +%s.%N)
    [[ -n $prev ]] && out+="$prev $(awk -v a="$t" -v b="$prev_t" 'BEGIN { printf "%.2f", a - b }')s, "
    prev=$step; prev_t=$t
  done < <(grep -a 'step=' "$STEPS" | sed 's/\x1b\[[0-9;]*m//g')
  echo "${out}${prev} $(since "$prev_t")s"
}
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
median() { sort -g | awk '{a[NR]=$1} END {m=int((NR+1)/2); if (NR%2) print a[m]; else printf "%.3f\n", (a[m]+a[m+1])/2}'; }

size=$(stat -c %s "$SHOAL")
echo "binary: $SHOAL ($((size / 1000000)) MB)"
t0=$(now)
"$SHOAL" lab up --name "$LAB" --nodes 9 --ssh >/dev/null
echo "lab up --ssh --nodes 9 (node 1 init, 8 added over SSH): $(since "$t0") s"

singles=()
anchors=()
uploads=()
for r in $(seq "$ROUNDS"); do
  in1 "$SHOAL" node rm --force node-2 >/dev/null 2>&1
  t=$(now); add root@node-2; s=$(since "$t")
  singles+=("$s")
  st=$(steps)
  uploads+=("$(sed -n 's/.*upload \([0-9.]*\)s.*/\1/p' <<<"$st")")
  t=$(now)
  in1 ssh -F "$DIR/ssh/config" root@node-2 "cat > $DIR/openssh-upload.bin" <"$SHOAL"
  a=$(since "$t")
  rm -f "$DIR/openssh-upload.bin"
  anchors+=("$a")
  echo "round $r: node add root@node-2: $s s (steps: $st); anchor: OpenSSH ssh upload of the same binary: $a s"
done

parallel=()
hosts=(root@node-{2..9})
for r in $(seq "$ROUNDS"); do
  in1 "$SHOAL" node rm --force node-{2..9} >/dev/null 2>&1
  t=$(now); add "${hosts[@]}"; s=$(since "$t")
  parallel+=("$s")
  echo "round $r: node add of 8 hosts in parallel: $s s ($(awk -v s="$s" 'BEGIN { printf "%.2f", s / 8 }') s per node)"
done
ready=$("$SHOAL" node ls --format '{{.Status}}' | grep -c Ready)
[[ $ready == 9 ]] || { echo "only $ready of 9 nodes ready" >&2; exit 1; }

echo "median, one node: $(printf '%s\n' "${singles[@]}" | median) s (goal < 3 s)"
echo "median upload step: $(printf '%s\n' "${uploads[@]}" | median) s; anchor, OpenSSH connect + upload: $(printf '%s\n' "${anchors[@]}" | median) s"
echo "median, 8 nodes in parallel: $(printf '%s\n' "${parallel[@]}" | median) s"
