#!/usr/bin/env bash
# install.sh: build shoal from this checkout and install the binary, its shell
# completions (bash, zsh, fish) and man pages under a prefix.
#
#   ./install.sh [--prefix DIR]        build and install (default prefix /usr/local)
#   ./install.sh --uninstall [--prefix DIR]
#
# Running it again replaces what it installed; it records every file it wrote in
# PREFIX/share/shoal/install-manifest, which is what --uninstall removes.
set -euo pipefail

prog=install.sh
die() { echo "$prog: error: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '4,5s/^#  //p' "$0"; }

prefix=/usr/local
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$prog: error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$prefix" ] || die "--prefix must not be empty"
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is needed but was not found on PATH${2:+ ($2)}"; }
for tool in install mkdir rm mv rmdir; do need "$tool" "install coreutils"; done

bindir=$prefix/bin
bashdir=$prefix/share/bash-completion/completions
zshdir=$prefix/share/zsh/site-functions
fishdir=$prefix/share/fish/vendor_completions.d
mandir=$prefix/share/man/man1
dyndir=$prefix/share/shoal/completions
manifest=$prefix/share/shoal/install-manifest

# Removes the files of a manifest, then the directories that became empty.
remove_listed() {
  local list=$1 f
  while IFS= read -r f; do
    [ -n "$f" ] && rm -f -- "$f"
  done < "$list"
  for d in "$bindir" "$bashdir" "$zshdir" "$fishdir" "$mandir" "$dyndir" "$prefix/share/shoal"; do
    [ -d "$d" ] && rmdir -p --ignore-fail-on-non-empty -- "$d" 2>/dev/null || true
  done
}

if [ "$uninstall" = 1 ]; then
  if [ ! -f "$manifest" ]; then
    say "shoal is not installed under $prefix; nothing to remove"
    exit 0
  fi
  tmp=$(mktemp)
  cp -- "$manifest" "$tmp"
  rm -f -- "$manifest"
  remove_listed "$tmp"
  rm -f -- "$tmp"
  say "removed shoal from $prefix"
  exit 0
fi

need cargo "install Rust: your distribution's cargo package or https://rustup.rs"
src=$(cd "$(dirname "$0")" && pwd)
[ -f "$src/Cargo.toml" ] || die "run install.sh from a shoal checkout ($src has no Cargo.toml)"
target=${CARGO_TARGET_DIR:-$src/target}

say "building shoal (cargo build --release --locked)"
(cd "$src" && cargo build --release --locked) || die "cargo build failed"
binary=$target/release/shoal
[ -x "$binary" ] || die "the build did not produce $binary"

mkdir -p -- "$bindir" "$bashdir" "$zshdir" "$fishdir" "$mandir" "$dyndir" "$(dirname "$manifest")" \
  || die "cannot create directories under $prefix"
new_manifest=$(mktemp)
trap 'rm -f -- "$new_manifest"' EXIT

# put SRC DEST MODE: write beside the destination, then rename, so a running shoal or
# an interrupted install never sees half a file.
put() {
  install -m "$3" -- "$1" "$2.tmp.$$" || die "cannot write $2"
  mv -f -- "$2.tmp.$$" "$2" || die "cannot write $2"
  echo "$2" >> "$new_manifest"
}

put "$binary" "$bindir/shoal" 755
put "$src/completions/shoal.bash" "$bashdir/shoal" 644
put "$src/completions/_shoal" "$zshdir/_shoal" 644
put "$src/completions/shoal.fish" "$fishdir/shoal.fish" 644
# Dynamic completion (names of networks, services, nodes from the current context):
# opt in with `source PREFIX/share/shoal/completions/shoal.bash` (zsh: _shoal, fish: shoal.fish).
for f in "$src"/completions/dynamic/*; do
  put "$f" "$dyndir/$(basename "$f")" 644
done
for page in "$src"/man/*.1; do
  put "$page" "$mandir/$(basename "$page")" 644
done

# Files an earlier install wrote that this one did not (e.g. a man page of a removed
# command) go away, so re-running leaves exactly one install.
if [ -f "$manifest" ]; then
  while IFS= read -r old; do
    grep -qxF -- "$old" "$new_manifest" || rm -f -- "$old"
  done < "$manifest"
fi
install -m 644 -- "$new_manifest" "$manifest"
say "installed $("$bindir/shoal" version | sed -n 's/^ Version: *//p') to $bindir/shoal"
say "completions: $bashdir, $zshdir, $fishdir (dynamic ones in $dyndir); man pages: $mandir"
