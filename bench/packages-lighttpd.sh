#!/bin/bash
# lighttpd (packages/lighttpd) serving a static file: requests/s of the
# stripped spt image over a tap vs the same program as a dev executable (the
# static Linux binary the recipe built, so the same code on Linux's stack),
# wrk driven from another network namespace; prints both, the ratio, and
# the stripped image's size. Needs root (namespaces, veth, a tap) and wrk,
# and lighttpd installed in the sysroot (make -C packages lighttpd); skips
# with a line saying why otherwise.
#
# The setup is bench/net's, so both sides cross the same links:
#
#   client netns  --veth--  server netns: bridge ukbr
#   10.213.201.10             |- 10.213.201.1: the dev executable (Linux's stack)
#                             `- tap -> the spt image, 10.213.201.2 (lwIP)
#
# Addresses: 10.213.201.0/24 only. wrk -t2 -c64 -d10s (UK_BENCH_LIGHTTPD_SECS)
# after a 2 s warm-up, keep-alive, GET of a 1 KB file; best of 2 runs each.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/build/bin:$PATH
work=$top/build/bench/packages-lighttpd
secs=${UK_BENCH_LIGHTTPD_SECS:-10}
lighttpd=$(x86_64-unikernel-gcc -print-sysroot)/sbin/lighttpd

if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ] || ! command -v ip >/dev/null; then
    echo "== lighttpd: skipped (needs root, /dev/net/tun and ip to make namespaces and a tap)"
    exit 0
fi
if ! command -v wrk >/dev/null; then
    echo "== lighttpd: skipped (no wrk: apt-get install wrk)"
    exit 0
fi
if [ ! -x "$lighttpd" ]; then
    echo "== lighttpd: skipped (no $lighttpd: make -C packages lighttpd)"
    exit 0
fi
rm -rf "$work"; mkdir -p "$work"; cd "$work"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cn=ukl-c$$ sn=ukl-s$$ veth=uklv$$ tap=uklt$$
veth=${veth:0:13} tap=${tap:0:15}
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
ip -n "$cn" addr add 10.213.201.10/24 dev "$veth"
ip -n "$cn" link set "$veth" up
ip -n "$sn" link add ukbr type bridge
ip -n "$sn" link set "${veth}p" master ukbr
ip -n "$sn" addr add 10.213.201.1/24 dev ukbr
ip -n "$sn" tuntap add dev "$tap" mode tap
ip -n "$sn" link set "$tap" master ukbr
for dev in "${veth}p" ukbr "$tap"; do ip -n "$sn" link set "$dev" up; done
inc() { timeout "${T:-120}" ip netns exec "$cn" "$@"; }

# serve OUT COMMAND...: a server in the server netns, bounded, in the
# background; then waits until URL answers from the client netns.
serve() {
    local out=$1 url=$2; shift 2
    ip netns exec "$sn" timeout 600 "$@" >"$out" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do
        inc curl -sf --noproxy '*' --max-time 1 -o /dev/null "$url" && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    cat "$out" >&2
    echo "bench/packages-lighttpd.sh: the server did not come up: $*" >&2
    exit 1
}
stop() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

# The same config on both sides, only the docroot's path differs.
conf() {
    cat <<CONF
server.document-root = "$1"
server.port          = 8080
server.max-worker    = 0
server.upload-dirs   = ( "/tmp" )
server.modules       = ( "mod_access" )
index-file.names     = ( "index.html" )
mimetype.assign      = ( ".html" => "text/html" )
CONF
}
mkdir -p root/etc root/srv/www
head -c 1024 /dev/zero | tr '\0' x >root/srv/www/index.html
conf /srv/www >root/etc/lighttpd.conf
conf "$work/root/srv/www" >dev.conf

# The image: stripped, then measured without the rootfs too.
cp "$lighttpd" lighttpd
x86_64-unikernel-bake spt lighttpd --net service -o bare.spt >/dev/null
x86_64-unikernel-strip -o bare-stripped.spt bare.spt
x86_64-unikernel-bake spt lighttpd --net service --rootfs root -o lighttpd-full.spt >/dev/null
x86_64-unikernel-strip -o lighttpd.spt lighttpd-full.spt

echo "== lighttpd 1.4.69, GET of a 1 KB file, wrk -t2 -c64 -d${secs}s from another netns: spt image over a tap vs the dev executable over veth"
# wrk_run URL OUT: warm-up, then two measured runs; the better one is kept.
wrk_run() {
    local i best=0 r
    T=30 inc wrk -t2 -c64 -d2s "$1" >/dev/null
    for i in 1 2; do
        T=$((secs + 60)) inc wrk -t2 -c64 -d${secs}s --latency "$1" >"$2.$i"
        if grep -q -e 'Socket errors:' -e 'Non-2xx' "$2.$i"; then
            cat "$2.$i" >&2
            echo "bench/packages-lighttpd.sh: wrk saw errors against $1" >&2
        fi
        r=$(sed -n 's/^Requests\/sec: *//p' "$2.$i")
        if awk -v a="$r" -v b="$best" 'BEGIN { exit !(a > b) }'; then best=$r; cp "$2.$i" "$2"; fi
    done
}
serve spt.out http://10.213.201.2:8080/index.html \
    x86_64-unikernel-run --mem=128 --net="$tap" lighttpd.spt ip=10.213.201.2/24 -- -D -f /etc/lighttpd.conf
wrk_run http://10.213.201.2:8080/index.html wrk-spt.txt
stop
serve dev.out http://10.213.201.1:8080/index.html ./lighttpd -D -f "$work/dev.conf"
wrk_run http://10.213.201.1:8080/index.html wrk-dev.txt
stop

rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }
pct() {
    awk -v p="$2%" '$1 == p {
        v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
        printf "%.0f\n", v * (u == "s" ? 1e6 : u == "ms" ? 1e3 : 1) }' "$1"
}
s=$(rps wrk-spt.txt) d=$(rps wrk-dev.txt)
echo "requests/s: spt $s, dev $d, ratio $(ratio "$s" "$d")"
for p in 50 99; do
    s=$(pct wrk-spt.txt $p) d=$(pct wrk-dev.txt $p)
    echo "latency p$p: spt $s us, dev $d us, ratio $(ratio "$s" "$d")"
done
echo "image size (stripped): $(stat -c %s bare-stripped.spt) bytes without a rootfs, $(stat -c %s lighttpd.spt) with this one; unstripped $(stat -c %s bare.spt)"
