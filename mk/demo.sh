#!/bin/sh
# make demo: a program built with the toolchain runs here, boots as an spt
# image, and a small HTTP server is baked with a docroot and answers curl
# over a tap that x86_64-unikernel-run --net=auto makes (as root; otherwise
# the same server runs as a dev executable on localhost).
set -eu
B=$1
bin=$B/bin
demo=$B/demo
mkdir -p "$demo"
say() { printf '\n== %s\n' "$*"; }

say "hello: a dev executable, then the same program as an spt image"
"$bin/x86_64-unikernel-gcc" -O2 -o "$demo/hello" tests/samples/hello/hello.c
"$bin/x86_64-unikernel-run" "$demo/hello" one two
"$bin/x86_64-unikernel-bake" spt "$demo/hello"
"$bin/x86_64-unikernel-run" "$demo/hello.spt" -- one two

say "httpd: tests/samples/httpd/httpd.c baked with its docroot"
"$bin/x86_64-unikernel-gcc" -O2 -o "$demo/httpd" tests/samples/httpd/httpd.c
"$bin/x86_64-unikernel-bake" spt "$demo/httpd" --net service --rootfs tests/samples/httpd/www
if [ "$(id -u)" = 0 ] && [ -c /dev/net/tun ] && command -v curl >/dev/null; then
    # -n 1: it exits after one connection, and the runner removes its tap.
    "$bin/x86_64-unikernel-run" --net=auto "$demo/httpd.spt" -- -p 8080 -d / -n 1 \
        >"$demo/httpd.out" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q '^up$' "$demo/httpd.out" && break; sleep 0.05; done
    cat "$demo/httpd.out"
    ip=$(sed -n 's/.*, image \([0-9.]*\),.*/\1/p' "$demo/httpd.out")
    [ -n "$ip" ] || { kill $pid; echo "demo: the image did not come up" >&2; exit 1; }
    echo "\$ curl http://$ip:8080/"
    curl -sS --max-time 10 "http://$ip:8080/"
    wait $pid
    echo "(the image served one request and exited; its tap is gone)"
else
    echo "(not root: serving from an image needs a tap device, see docs/networking.md;"
    echo " the same server as a dev executable on localhost instead)"
    "$demo/httpd" -p 18080 -d tests/samples/httpd/www -n 1 >"$demo/httpd.out" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q '^up$' "$demo/httpd.out" && break; sleep 0.05; done
    if command -v curl >/dev/null; then
        curl -sS --max-time 10 http://127.0.0.1:18080/
    fi
    kill $pid 2>/dev/null || true
fi
