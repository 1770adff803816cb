#!/bin/bash
# packages/lua/smoke.sh: the Lua interpreter built by the recipe, baked into an
# spt image with test.lua and its data file in the image's root filesystem,
# runs the script and prints exactly what the dev interpreter prints.
#
#   packages/lua/smoke.sh [BUILT_SRC [SCRATCH_DIR]]
#
# BUILT_SRC is the recipe's work tree (default: $UK_WORK/lua/src, UK_WORK
# defaulting to build/packages); the toolchain's bin directory must be on PATH.
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
src=${1:-${UK_WORK:-$top/build/packages}/lua/src}
scratch=${2:-$(mktemp -d)}   # a scratch directory made here is removed after a success
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v x86_64-unikernel-bake >/dev/null || fail "x86_64-unikernel-bake is not on PATH"
[ -x "$src/src/lua" ] || fail "no $src/src/lua: build the recipe first (packages/recipe.sh lua)"

mkdir -p "$scratch"; cd "$scratch"
rm -rf root; mkdir -p root/lua
cp "$here/test.lua" "$here/data.txt" root/lua/
cp "$src/src/lua" lua

# Dev: from the rootfs directory, as the recipe's check does.
(cd root && ../lua lua/test.lua) >dev.out || fail "test.lua fails in dev mode (see $scratch/dev.out)"
rm -f root/lua/written.txt root/lua/renamed.txt
[ "$(tail -n 1 dev.out)" = "all ok" ] || fail "dev run did not end with 'all ok'"

# 256 MB: the stack-overflow check alone takes ~110 MB (a million CallInfo
# records and a 16 MB Lua stack); in 128 MB it ends in "not enough memory".
x86_64-unikernel-bake spt lua --rootfs root -o lua.spt
rc=0
x86_64-unikernel-run --mem=256 lua.spt -- /lua/test.lua >spt.out 2>&1 || rc=$?
if ! diff -u dev.out spt.out; then fail "lua.spt output differs from the dev run (exit $rc)"; fi
((rc == 0)) || fail "lua.spt exited $rc"
echo "ok: lua.spt ran test.lua from its rootfs: $(grep -c '^ok ' spt.out) checks, same output as dev, 'all ok'"
echo "lua.spt: $(stat -c %s lua.spt) bytes (lua dev executable: $(stat -c %s lua) bytes)"
[ -n "${2:-}" ] || { cd /; rm -rf "$scratch"; }
