#!/usr/bin/env bash
# scripts/systemd-host.sh: `shoal node add` and `node rm --force` against a host that
# runs systemd (root, Docker, debootstrap; not part of `cargo test`, which must not
# need Docker).
#
# Builds a Debian bookworm root file system with systemd and openssh-server
# (debootstrap, cached in $ROOTFS), imports it as a Docker image and boots it with
# /sbin/init; starts a shoal manager on this machine's docker0 address; then checks
# that `node add` picks the systemd supervisor, that the unit is enabled and active
# and restarts a killed agent, that adding again is a no-op, and that `node rm
# --force` leaves no unit, binary, data dir, socket dir or process. Everything it
# made here (container, image, manager, its state) goes at the end.
#
#   sudo scripts/systemd-host.sh            # SHOAL=target/release/shoal by default
set -euo pipefail
cd "$(dirname "$0")/.."

SHOAL=$(realpath "${SHOAL:-target/release/shoal}")
ROOTFS=${ROOTFS:-/var/cache/shoal-systemd-rootfs}
NAME=shoal-systemd-check-$$
IMAGE=$NAME:latest
[[ $(id -u) == 0 ]] || { echo "scripts/systemd-host.sh needs root" >&2; exit 1; }
for t in docker debootstrap ssh-keygen; do
  command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }
done
GW=$(ip -4 -o addr show docker0 | awk '{print $4}' | cut -d/ -f1)
[[ -n $GW ]] || { echo "no IPv4 address on docker0" >&2; exit 1; }

WORK=$(mktemp -d)
export XDG_CONFIG_HOME=$WORK/config HOME=$WORK/home
mkdir -p "$HOME"
API=(-H "unix://$WORK/shoal.sock")
cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker rmi "$IMAGE" >/dev/null 2>&1 || true
  [[ -n ${MGR:-} ]] && kill "$MGR" 2>/dev/null && sleep 1
  "$SHOAL" system cleanup --data-dir "$WORK/data" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if [[ ! -x $ROOTFS/sbin/init ]]; then
  echo "debootstrap into $ROOTFS (once)"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,openssh-server,iproute2,dbus,procps \
    bookworm "$ROOTFS" http://deb.debian.org/debian >/dev/null
fi
ssh-keygen -q -t ed25519 -N '' -f "$WORK/key"
# The image: the cached tree with this run's key and fresh host keys.
tar -C "$ROOTFS" --exclude=./etc/ssh/ssh_host_* --exclude=./root/.ssh -c . |
  docker import -c 'CMD ["/sbin/init"]' - "$IMAGE" >/dev/null
docker run -d --name "$NAME" -v /sys/fs/cgroup:/sys/fs/cgroup:ro --tmpfs /run --tmpfs /run/lock \
  --cap-add SYS_ADMIN --cap-add NET_ADMIN "$IMAGE" >/dev/null
in_host() { docker exec "$NAME" sh -c "$1"; }
docker exec -i "$NAME" sh -c "ssh-keygen -A >/dev/null && mkdir -p -m 700 /root/.ssh && cat > /root/.ssh/authorized_keys" <"$WORK/key.pub"
for _ in $(seq 50); do in_host 'systemctl is-system-running' 2>/dev/null | grep -qE 'running|degraded' && break; sleep 0.2; done
in_host 'systemctl restart ssh'
HOST=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$NAME")
HOSTNAME_=$(in_host hostname)

"$SHOAL" agent --data-dir "$WORK/data" --socket "$WORK/shoal.sock" --advertise-addr "$GW" \
  --listen-addr "$GW:2377" --node-name systemd-check-manager >"$WORK/agent.log" 2>&1 </dev/null &
MGR=$!
for _ in $(seq 50); do [[ -S $WORK/shoal.sock ]] && break; sleep 0.1; done
"$SHOAL" "${API[@]}" cluster init --advertise-addr "$GW" >/dev/null

t=$(date +%s.%N)
"$SHOAL" "${API[@]}" node add -i "$WORK/key" --accept-new-host-key "root@$HOST"
echo "node add over the docker bridge: $(awk -v a="$(date +%s.%N)" -v b="$t" 'BEGIN { printf "%.2f", a - b }') s"
grep -q 'supervisor: systemd' "$XDG_CONFIG_HOME/shoal/ssh-nodes.yaml" || fail "the record does not say systemd"
[[ $(in_host 'systemctl is-enabled shoal-agent') == enabled ]] || fail "unit not enabled"
[[ $(in_host 'systemctl is-active shoal-agent') == active ]] || fail "unit not active"
"$SHOAL" "${API[@]}" node ls --format '{{.Hostname}} {{.Status}}' | grep -qx "$HOSTNAME_ Ready" || fail "not ready"
echo "ok: systemd unit enabled and active, node ready"

old=$(in_host 'systemctl show -p MainPID --value shoal-agent')
in_host "kill -9 $old"
for _ in $(seq 50); do
  new=$(in_host 'systemctl show -p MainPID --value shoal-agent')
  [[ $new != 0 && $new != "$old" ]] && break
  sleep 0.2
done
[[ $new != 0 && $new != "$old" ]] || fail "systemd did not restart the killed agent"
echo "ok: killed agent restarted by systemd (pid $old -> $new)"

"$SHOAL" "${API[@]}" node add -i "$WORK/key" "root@$HOST" 2>&1 | grep -q 'already in this cluster' || fail "re-add was not a no-op"
echo "ok: adding again is a no-op"

"$SHOAL" "${API[@]}" node rm --force "$HOSTNAME_"
left=$(in_host 'for p in /etc/systemd/system/shoal-agent.service /usr/local/bin/shoal /var/lib/shoal /run/shoal; do [ -e $p ] && echo $p; done; ps -eo comm | grep shoal || true')
[[ -z $left ]] || fail "left on the host: $left"
in_host 'systemctl is-enabled shoal-agent' >/dev/null 2>&1 && fail "unit still known to systemd"
echo "ok: node rm --force left the host clean"
