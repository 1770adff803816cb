#!/bin/bash
# SQLite's speedtest1 (--size 25) as an spt image against its dev executable:
# the image's database is in its in-memory /tmp, the dev executable's in the
# host's /tmp (whatever filesystem that is: fsync costs there, not in the
# image, where fsync does nothing). A second line runs both with --nosync
# (PRAGMA synchronous=OFF), which leaves the engine and the system calls.
# Prints speedtest1's TOTAL both ways and the ratio spt/dev (best of 3 runs).
# Builds the sqlite3 recipe (build/packages/sqlite3) if it is not built yet.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/build/bin:$PATH
work=$top/build/bench/sqlite
rm -rf "$work"; mkdir -p "$work"; cd "$work"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
total() { awk '/TOTAL/ { sub(/s$/, "", $NF); print $NF }'; }   # "TOTAL....  1.234s" -> 1.234
best() { sort -n | head -1; }

src=$top/build/packages/sqlite3/src
if [ ! -x "$src/speedtest1" ]; then
    UK_WORK=$top/build/packages "$top/packages/recipe.sh" sqlite3 fetch build >/dev/null
fi
cp "$src/speedtest1" .
x86_64-unikernel-bake spt speedtest1
hostdb=$(mktemp -d /tmp/speedtest1.XXXXXX)
trap 'rm -rf "$hostdb"' EXIT

echo "== sqlite speedtest1 --size 25, spt image (database in the image's /tmp) vs dev executable (host /tmp)"
for opts in "" "--nosync"; do
    s_all='' d_all=''
    for _ in 1 2 3; do
        s=$(x86_64-unikernel-run --mem=256 speedtest1.spt -- --size 25 $opts /tmp/speedtest1.db | total)
        rm -f "$hostdb"/speedtest1.db*
        d=$(./speedtest1 --size 25 $opts "$hostdb/speedtest1.db" | total)
        s_all+="$s"$'\n' d_all+="$d"$'\n'
    done
    s=$(printf '%s' "$s_all" | best); d=$(printf '%s' "$d_all" | best)
    echo "speedtest1${opts:+ $opts}: spt ${s} s, dev ${d} s, ratio $(ratio "$s" "$d")"
done
strip -o speedtest1.spt.stripped speedtest1.spt
printf '%-36s %8s bytes\n' "speedtest1.spt" "$(stat -c %s speedtest1.spt)" \
    "speedtest1.spt, stripped" "$(stat -c %s speedtest1.spt.stripped)"
