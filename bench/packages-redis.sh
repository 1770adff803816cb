#!/bin/bash
# redis (packages/redis) GET/SET operations per second: the spt image over a
# tap against the dev executable (the same redis-server, a static Linux
# program on the host's kernel) in a network namespace over a veth pair;
# redis-benchmark (the host's, Debian redis-tools) from another namespace.
# Also the image's size, stripped. Needs root; skips without it.
#
# The links, as in bench/net, so that both servers are reached the same way:
#
#   client netns  --veth--  server netns: bridge ukrbr
#   10.213.207.10             |- 10.213.207.1: the dev executable (Linux's stack)
#                             `- tap -> the spt image, 10.213.207.2 (lwIP)
#
# Addresses: 10.213.207.0/24 only. Each side: a warm-up, then 3 runs of
# redis-benchmark -t set,get -n REQUESTS -c 50 (UK_BENCH_REDIS_N, default
# 200000), best of 3. The recipe's build in build/packages/redis is used
# (built first when it is not there).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/build/bin:$PATH
work=$top/build/bench/redis
n=${UK_BENCH_REDIS_N:-200000}

if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ] || ! command -v ip >/dev/null; then
    echo "== redis: skipped (needs root, /dev/net/tun and ip to make namespaces and a tap)"
    exit 0
fi
if ! command -v redis-benchmark >/dev/null; then
    echo "== redis: skipped (no redis-benchmark: apt-get install redis-tools)"
    exit 0
fi
server=$top/build/packages/redis/src/src/redis-server
[ -x "$server" ] || UK_WORK=$top/build/packages "$top/packages/recipe.sh" redis fetch build >/dev/null
rm -rf "$work"; mkdir -p "$work/root/etc/redis"; cd "$work"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
max() { sort -g | tail -1; }

cn=ukr-c$$ sn=ukr-s$$ veth=ukrv$$ tap=ukrt$$
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    ip -n "$sn" link del "$tap" 2>/dev/null || true
    ip netns del "$cn" 2>/dev/null || true
    ip netns del "$sn" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 143' TERM INT

ip netns add "$cn"
ip netns add "$sn"
ip link add "$veth" type veth peer name "${veth}p"
ip link set "$veth" netns "$cn"
ip link set "${veth}p" netns "$sn"
ip -n "$cn" link set lo up
ip -n "$sn" link set lo up
ip -n "$cn" addr add 10.213.207.10/24 dev "$veth"
ip -n "$cn" link set "$veth" up
ip -n "$sn" link add ukrbr type bridge
ip -n "$sn" link set "${veth}p" master ukrbr
ip -n "$sn" addr add 10.213.207.1/24 dev ukrbr
ip -n "$sn" tuntap add dev "$tap" mode tap
ip -n "$sn" link set "$tap" master ukrbr
for dev in "${veth}p" ukrbr "$tap"; do ip -n "$sn" link set "$dev" up; done
inc() { timeout "${T:-300}" ip netns exec "$cn" "$@"; }

# serve OUT COMMAND...: a server in the server netns, bounded; waits until
# redis says it accepts connections.
serve() {
    local out=$1; shift
    ip netns exec "$sn" timeout 900 "$@" >"$out" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do
        grep -q 'Ready to accept connections' "$out" && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.05
    done
    cat "$out" >&2
    echo "bench/packages-redis: the server did not come up: $*" >&2
    exit 1
}
stop() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }
reach() { for _ in $(seq 100); do inc ping -c 1 -W 1 "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
          echo "bench/packages-redis: $1 does not answer" >&2; exit 1; }

# measure ADDRESS OUT: warm-up, then 3 runs; OUT gets "SET N" / "GET N"
# lines (requests per second). redis-benchmark's -q lines are "SET: N
# requests per second, ..."; progress lines end in \r.
measure() {
    inc redis-benchmark -h "$1" -t set,get -n 20000 -c 50 -q >/dev/null 2>&1
    for _ in 1 2 3; do
        inc redis-benchmark -h "$1" -t set,get -n "$n" -c 50 -q 2>&1 | tr '\r' '\n' |
            tee -a "$2.raw" | sed -n 's/^\(SET\|GET\): \([0-9.]*\) requests per second.*/\1 \2/p'
    done >"$2"
    if grep -qi error "$2.raw"; then
        grep -i error "$2.raw" | head -5 >&2
        echo "bench/packages-redis: redis-benchmark saw errors against $1" >&2
    fi
    grep -c . "$2" | grep -qx 6 || { echo "bench/packages-redis: a run against $1 failed" >&2; exit 1; }
}

cp "$top/packages/redis/redis.conf" root/etc/redis/redis.conf
cp "$server" redis-server
x86_64-unikernel-bake spt redis-server --net service --rootfs root
strip -o redis-server.spt.stripped redis-server.spt

echo "== redis GET/SET, redis-benchmark -n $n -c 50 from another netns, best of 3: spt image over a tap vs dev executable (Linux) over veth"
serve spt.out x86_64-unikernel-run --mem=512 --net="$tap" redis-server.spt ip=10.213.207.2/24 -- /etc/redis/redis.conf
reach 10.213.207.2
measure 10.213.207.2 spt.txt
stop
serve dev.out ./redis-server root/etc/redis/redis.conf --dir "$work"
measure 10.213.207.1 dev.txt
stop
for t in SET GET; do
    s=$(awk -v t=$t '$1 == t { print $2 }' spt.txt | max)
    d=$(awk -v t=$t '$1 == t { print $2 }' dev.txt | max)
    echo "$t: spt $s ops/s, dev $d ops/s, ratio $(ratio "$s" "$d")"
done
printf '%-36s %9s bytes\n' "redis-server.spt" "$(stat -c %s redis-server.spt)" \
    "redis-server.spt, stripped" "$(stat -c %s redis-server.spt.stripped)"
