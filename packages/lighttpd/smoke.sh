#!/bin/bash
# packages/lighttpd/smoke.sh [LIGHTTPD]: lighttpd as an spt image over a tap.
# Bakes LIGHTTPD (default: sbin/lighttpd of the sysroot of the
# x86_64-unikernel-gcc in PATH, installed by the recipe) with a config and a
# docroot in its rootfs, boots it (-D: no daemon; server.max-worker = 0: no
# fork), and checks with curl: files whole (content compared), a directory's
# index, 404, a gzip response from mod_deflate (decompressed and compared),
# then wrk -t2 -c32 -d5s with no errors. The image must print nothing but
# lighttpd's own start line (no ENOSYS warning, no crash).
#
# Needs root (a tap device of its own, deleted at exit), curl and wrk; exits
# 77 with the reason when something is missing. Addresses: 10.213.200.0/24
# (SMOKE_NET=10.213.20N to use another of 10.213.200-204). Every step is
# bounded (the whole run takes about 15 s).
set -eu -o pipefail
net=${SMOKE_NET:-10.213.200}
case $net in 10.213.20[0-4]) ;; *) echo "smoke: SMOKE_NET must be 10.213.200 .. 10.213.204" >&2; exit 2 ;; esac
host_ip=$net.1 image_ip=$net.2 port=8080

skip() { echo "smoke: skipped: $*"; exit 77; }
fail() { echo "smoke: FAIL: $*" >&2; [ -s "${out:-/dev/null}" ] && sed 's/^/  image| /' "$out" >&2; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root to create a tap device"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
for tool in ip curl wrk gzip sha256sum x86_64-unikernel-gcc x86_64-unikernel-bake x86_64-unikernel-run; do
    command -v $tool >/dev/null || skip "no $tool in PATH"
done
lighttpd=${1:-$(x86_64-unikernel-gcc -print-sysroot)/sbin/lighttpd}
[ -x "$lighttpd" ] || fail "no lighttpd at $lighttpd (make -C packages lighttpd)"

work=$(mktemp -d /tmp/lighttpd-smoke.XXXXXX)
tap=uklt$$; tap=${tap:0:15}
pid=
cleanup() {
    [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; } || true
    ip link del "$tap" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
cd "$work"

# The rootfs: /etc/lighttpd.conf and the docroot /srv/www.
mkdir -p root/etc root/srv/www/sub root/tmp
cat >root/etc/lighttpd.conf <<CONF
server.document-root = "/srv/www"
server.port          = $port
server.max-worker    = 0
server.upload-dirs   = ( "/tmp" )
server.modules       = ( "mod_access", "mod_deflate" )
index-file.names     = ( "index.html" )
mimetype.assign      = (
    ".html" => "text/html; charset=utf-8",
    ".txt"  => "text/plain; charset=utf-8",
    ".css"  => "text/css",
    ".bin"  => "application/octet-stream",
)
deflate.mimetypes         = ( "text/" )
deflate.allowed-encodings = ( "gzip", "deflate" )
CONF
printf '<!doctype html>\n<title>lighttpd</title>\n<p>It works.\n' >root/srv/www/index.html
printf 'in a directory\n' >root/srv/www/sub/index.html
printf 'body { color: black }\n' >root/srv/www/style.css
seq 1 50000 >root/srv/www/numbers.txt                  # 289 KB, gzips to 37%
head -c 3000000 /dev/urandom >root/srv/www/random.bin  # 3 MB, not compressed (type)
cp "$lighttpd" lighttpd
x86_64-unikernel-bake spt lighttpd --net service --rootfs root >/dev/null
echo "smoke: image lighttpd.spt: $(stat -c %s lighttpd.spt) bytes"

ip tuntap add dev "$tap" mode tap
ip addr add "$host_ip/24" dev "$tap"
ip link set "$tap" up

out=$work/run.out
timeout 120 x86_64-unikernel-run --mem=128 --net:service="$tap" lighttpd.spt \
    ip="$image_ip/24" -- -D -f /etc/lighttpd.conf >"$out" 2>&1 &
pid=$!
for _ in $(seq 100); do
    curl -s --noproxy '*' --max-time 1 -o /dev/null "http://$image_ip:$port/" && break
    kill -0 $pid 2>/dev/null || fail "the image exited"
    sleep 0.1
done

url=http://$image_ip:$port
get() { curl -sS --noproxy '*' --max-time 30 "$@"; }
ok() { echo "ok: $*"; }
eq() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; ok "$1"; }

eq "/ is index.html" "$(cat root/srv/www/index.html)" "$(get $url/)"
eq "its type" "text/html; charset=utf-8" "$(get -o /dev/null -w '%{content_type}' $url/)"
eq "a directory's index.html" "$(cat root/srv/www/sub/index.html)" "$(get $url/sub/)"
eq "the directory without the slash: 301" 301 "$(get -o /dev/null -w '%{http_code}' $url/sub)"
eq "style.css" "$(cat root/srv/www/style.css)" "$(get $url/style.css)"
eq "numbers.txt, no Accept-Encoding: whole" "$(sha256sum <root/srv/www/numbers.txt)" "$(get $url/numbers.txt | sha256sum)"
eq "random.bin (3 MB) whole" "$(sha256sum <root/srv/www/random.bin)" "$(get $url/random.bin | sha256sum)"
eq "a missing file: 404" 404 "$(get -o /dev/null -w '%{http_code}' $url/nothing.html)"
eq "keep-alive: three requests, one connection" "1 0 0" \
    "$(get -o /dev/null -o /dev/null -o /dev/null -w '%{num_connects} ' $url/ $url/style.css $url/sub/ | xargs)"

# mod_deflate: gzip on request, compared after decompressing; not without it.
get -H 'Accept-Encoding: gzip' -D gz.headers -o numbers.gz $url/numbers.txt
tr -d '\r' <gz.headers | grep -qi '^Content-Encoding: gzip$' || fail "no Content-Encoding: gzip: $(cat gz.headers)"
gzip -dc numbers.gz | cmp -s - root/srv/www/numbers.txt || fail "the gzip body does not decompress to numbers.txt"
gz=$(stat -c %s numbers.gz) plain=$(stat -c %s root/srv/www/numbers.txt)
[ "$gz" -lt $((plain / 2)) ] || fail "numbers.txt: $gz bytes gzipped of $plain"
ok "gzip from mod_deflate: $plain bytes sent as $gz, decompressed equal"
get -H 'Accept-Encoding: gzip' -D gz2.headers -o numbers2.gz $url/numbers.txt
cmp -s numbers.gz numbers2.gz || fail "a second gzip response differs"
ok "a second gzip response is the same"
get -H 'Accept-Encoding: deflate' -D df.headers -o /dev/null $url/numbers.txt
tr -d '\r' <df.headers | grep -qi '^Content-Encoding: deflate$' || fail "no Content-Encoding: deflate"
ok "deflate on request"
eq "binary types are not compressed" "" \
    "$(get -H 'Accept-Encoding: gzip' -D - -o /dev/null $url/random.bin | tr -d '\r' | sed -n 's/^Content-Encoding: //Ip')"

# Load: no socket errors, no non-2xx answers.
timeout 30 wrk -t2 -c32 -d5s "$url/index.html" >wrk.out || fail "wrk: $(cat wrk.out)"
if grep -q -e 'Socket errors' -e 'Non-2xx' wrk.out || ! grep -q '^Requests/sec' wrk.out; then
    cat wrk.out; fail "wrk saw errors"
fi
ok "wrk -t2 -c32 -d5s: $(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' wrk.out) requests, $(sed -n 's/^Requests\/sec: *//p' wrk.out) req/s, no errors"
eq "still serving after the load" "$(cat root/srv/www/index.html)" "$(get $url/)"

kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
pid=
# lighttpd prints its start line; anything else (a warning, a crash) fails.
if grep -v -e '(server.c.[0-9]*) server started (lighttpd/' "$out" | grep -q .; then
    fail "the image printed something unexpected"
fi
ok "the image printed only its start line"
echo "smoke: passed"
