#!/bin/bash
# packages/redis/smoke.sh: boots redis-server as an spt image over a tap of
# its own and checks it with the host's redis-cli and redis-benchmark
# (Debian package redis-tools): PING, SET/GET, INCR, LPUSH/LRANGE, and
# `redis-benchmark -t get,set,incr,lpush -n 20000 -q` with no errors. The
# image must boot without a warning and exit 0 on SHUTDOWN.
#
#   packages/redis/smoke.sh [REDIS_SERVER]
#
# REDIS_SERVER: the dev executable to bake (default: the recipe's build,
# build/packages/redis/src/src/redis-server). Needs root (a tap).
# Environment: UK_TOOLCHAIN (default build/), REDIS_SMOKE_NET=205..209, the
# third octet of the link's 10.213.N.0/24 (default 205; nothing else is
# used), REDIS_SMOKE_KEEP=DIR keeps the image, its console and the
# benchmark's output there. Everything it makes goes at exit.
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export PATH=${UK_TOOLCHAIN:-$top/build}/bin:$PATH
server=${1:-${UK_WORK:-$top/build/packages}/redis/src/src/redis-server}
net=${REDIS_SMOKE_NET:-205}

say() { echo "redis-smoke: $*"; }
die() { say "FAIL: $*" >&2; exit 1; }

case $net in 205|206|207|208|209) ;; *) die "REDIS_SMOKE_NET must be 205..209 (10.213.N.0/24), not '$net'" ;; esac
[ "$(id -u)" = 0 ] || die "needs root to create a tap device"
[ -c /dev/net/tun ] || die "no /dev/net/tun"
for tool in ip redis-cli redis-benchmark x86_64-unikernel-bake; do
    command -v $tool >/dev/null || die "no $tool (redis-cli and redis-benchmark: apt-get install redis-tools)"
done
[ -x "$server" ] || die "no redis-server at $server (build it: packages/recipe.sh redis build)"

host=10.213.$net.1 ip=10.213.$net.2
tap=ukrs$net-$$; tap=${tap:0:15}
work=$(mktemp -d)
run_pid=
cleanup() {
    if [ -n "$run_pid" ]; then kill "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi
    ip link del "$tap" 2>/dev/null || true
    if [ -n "${REDIS_SMOKE_KEEP:-}" ]; then mkdir -p "$REDIS_SMOKE_KEEP"; cp -a "$work/." "$REDIS_SMOKE_KEEP/"; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# The image: redis-server with its configuration at /etc/redis/redis.conf.
mkdir -p "$work/root/etc/redis"
cp "$here/redis.conf" "$work/root/etc/redis/redis.conf"
cp "$server" "$work/redis-server"
x86_64-unikernel-bake spt "$work/redis-server" -o "$work/redis-server.spt" --net service --rootfs "$work/root"

ip tuntap add dev "$tap" mode tap
ip addr add "$host/24" dev "$tap"
ip link set "$tap" up

console=$work/console.out
timeout 300 x86_64-unikernel-run --mem=256 --net:service="$tap" "$work/redis-server.spt" \
    ip="$ip/24" -- /etc/redis/redis.conf >"$console" 2>&1 &
run_pid=$!
for _ in $(seq 200); do
    grep -q 'Ready to accept connections' "$console" && break
    kill -0 "$run_pid" 2>/dev/null || { cat "$console" >&2; die "the image exited during boot"; }
    sleep 0.05
done
grep -q 'Ready to accept connections' "$console" || { cat "$console" >&2; die "the image is not ready after 10 s"; }
say "image up at $ip (tap $tap)"

cli() { timeout 20 redis-cli -h "$ip" "$@"; }
# expect WHAT EXPECTED COMMAND...
expect() {
    local what=$1 want=$2 got; shift 2
    got=$("$@" 2>&1) || die "$what: '$*' failed: $got"
    [ "$got" = "$want" ] || die "$what: expected '$want', got '$got'"
    say "ok: $what"
}
expect "PING" PONG cli ping
expect "SET" OK cli set greeting "hello from an image"
expect "GET" "hello from an image" cli get greeting
expect "INCR" "1 2 3" bash -c "for i in 1 2 3; do timeout 20 redis-cli -h $ip incr counter; done | xargs"
expect "INCRBY" 1003 cli incrby counter 1000
expect "LPUSH" 3 cli lpush list a b c
expect "LRANGE" "c b a" bash -c "timeout 20 redis-cli -h $ip lrange list 0 -1 | xargs"
head -c 1000000 /dev/urandom | base64 -w0 >"$work/big"
expect "SET of a 1.3 MB value" OK bash -c "timeout 20 redis-cli -h $ip -x set big <'$work/big'"
expect "GET of it" "$(sha256sum <"$work/big")" bash -c "timeout 20 redis-cli -h $ip get big | head -c $(stat -c %s "$work/big") | sha256sum"
expect "DBSIZE" 4 cli dbsize

# redis-benchmark prints "TEST: N requests per second, p50=..." per test
# (progress lines end in \r); anything with "error" in it is a failure.
bench=$work/benchmark.out
timeout 180 redis-benchmark -h "$ip" -t get,set,incr,lpush -n 20000 -q 2>&1 | tr '\r' '\n' |
    grep -v 'rps=' | grep '[^ ]' >"$bench" || true
cat "$bench"
if grep -qi error "$bench"; then die "redis-benchmark reported errors"; fi
for t in SET GET INCR LPUSH; do
    grep -Eq "^$t: [0-9.]+ requests per second" "$bench" || die "redis-benchmark: no result for $t"
done
say "ok: redis-benchmark: 4 tests, no errors"
errs=$(cli info errorstats | tr -d '\r' | grep '^errorstat_' || true)
[ -z "$errs" ] || die "the server counted error replies: $errs"
say "ok: no error replies counted by the server (INFO errorstats)"

# SHUTDOWN: redis exits 0 (nothing to save), and the image with it.
cli shutdown >/dev/null 2>&1 || true
rc=0; wait "$run_pid" || rc=$?
run_pid=
[ "$rc" = 0 ] || { cat "$console" >&2; die "the image exited with status $rc after SHUTDOWN"; }
say "ok: SHUTDOWN ends the image with status 0"
if grep -E '^x86_64-unikernel|tender-spt' "$console"; then
    die "the image printed warnings (above)"
fi
say "ok: no warning on the console"
say "passed"
