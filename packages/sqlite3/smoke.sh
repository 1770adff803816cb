#!/bin/bash
# packages/sqlite3/smoke.sh: programs built by the sqlite3 recipe as spt images.
#  1. the sqlite3 shell, with smoke.sql in the image's rootfs, creates a
#     database in /tmp (.read from the command line) and prints exactly what
#     the dev shell prints for the same script;
#  2. fuzzcheck, with the fuzz databases in its rootfs, runs every case with
#     zero errors, as many cases as the dev executable runs.
#
#   packages/sqlite3/smoke.sh [BUILT_SRC [SCRATCH_DIR]]
#
# BUILT_SRC is the recipe's work tree (default: $UK_WORK/sqlite3/src, UK_WORK
# defaulting to build/packages); the toolchain's bin directory must be on PATH.
# FUZZDATA="fuzzdata3.db ..." limits part 2 to these databases (default: all
# test/fuzzdata*.db, 46,000 cases, about 30 s dev + 15 s image).
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
src=${1:-${UK_WORK:-$top/build/packages}/sqlite3/src}
scratch=${2:-$(mktemp -d)}   # a scratch directory made here is removed after a success
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v x86_64-unikernel-bake >/dev/null || fail "x86_64-unikernel-bake is not on PATH"
for p in sqlite3 fuzzcheck; do
    [ -x "$src/$p" ] || fail "no $src/$p: build the recipe first (packages/recipe.sh sqlite3)"
done
mkdir -p "$scratch"; cd "$scratch"

# 1. The shell. Relative database names in smoke.sql: the dev shell runs in a
# fresh directory, the image with cwd=/tmp.
rm -rf shell-root shell-dev; mkdir -p shell-root/sql shell-dev
cp "$here/smoke.sql" shell-root/sql/
cp "$src/sqlite3" sqlite3
(cd shell-dev && ../sqlite3 -batch smoke.db ".read ../shell-root/sql/smoke.sql") >shell.dev 2>&1 ||
    { cat shell.dev; fail "smoke.sql fails in the dev shell"; }
[ "$(tail -n 1 shell.dev)" = "all ok" ] || fail "dev shell output does not end with 'all ok'"
x86_64-unikernel-bake spt sqlite3 --rootfs shell-root -o sqlite3.spt
rc=0
x86_64-unikernel-run --mem=256 sqlite3.spt cwd=/tmp -- -batch smoke.db ".read /sql/smoke.sql" \
    >shell.spt 2>&1 || rc=$?
diff -u shell.dev shell.spt || fail "sqlite3.spt output differs from the dev shell (exit $rc)"
((rc == 0)) || fail "sqlite3.spt exited $rc"
echo "ok: sqlite3.spt ran smoke.sql on /tmp/smoke.db: $(wc -l <shell.spt) lines, same as the dev shell"

# 2. fuzzcheck.
rm -rf fuzz-root; mkdir -p fuzz-root/fuzz
if [ -n "${FUZZDATA:-}" ]; then
    for db in $FUZZDATA; do cp "$src/test/$db" fuzz-root/fuzz/; done
else
    cp "$src"/test/fuzzdata*.db fuzz-root/fuzz/
fi
dbs=$(cd fuzz-root/fuzz && ls)
cp "$src/fuzzcheck" fuzzcheck
# shellcheck disable=SC2086
(cd fuzz-root/fuzz && ../../fuzzcheck $dbs) >fuzz.dev 2>&1 || { tail fuzz.dev; fail "fuzzcheck fails in dev mode"; }
x86_64-unikernel-bake spt fuzzcheck --rootfs fuzz-root -o fuzzcheck.spt
# Memory: the databases are in the image twice at most (baked, and read into
# fuzzcheck's heap), plus SQLITE_MAX_MEMORY (50 MB) per case.
rc=0
# shellcheck disable=SC2086
x86_64-unikernel-run --mem=512 fuzzcheck.spt cwd=/fuzz -- $dbs >fuzz.spt 2>&1 || rc=$?
summary() { grep -o '^fuzzcheck: [0-9]* errors out of [0-9]* tests' "$1" || echo "no summary in $1"; }
dev_sum=$(summary fuzz.dev) spt_sum=$(summary fuzz.spt)
echo "dev: $dev_sum"; echo "spt: $spt_sum"
((rc == 0)) || { tail fuzz.spt; fail "fuzzcheck.spt exited $rc"; }
case $spt_sum in "fuzzcheck: 0 errors out of "*) ;; *) tail fuzz.spt; fail "fuzzcheck.spt: $spt_sum";; esac
[ "$dev_sum" = "$spt_sum" ] || fail "fuzzcheck ran a different number of cases in the image"
if grep -q 'x86_64-unikernel: warning' fuzz.spt; then
    grep 'x86_64-unikernel: warning' fuzz.spt; fail "the kernel warned during fuzzcheck"
fi
echo "ok: fuzzcheck.spt over ${dbs//$'\n'/ }: ${spt_sum#fuzzcheck: }, as in dev mode"
printf '%-16s %10s bytes\n' sqlite3.spt "$(stat -c %s sqlite3.spt)" fuzzcheck.spt "$(stat -c %s fuzzcheck.spt)"
[ -n "${2:-}" ] || { cd /; rm -rf "$scratch"; }
