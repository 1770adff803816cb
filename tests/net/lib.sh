# Helpers for tests/net/*.test: root, tap devices of the test's own, the
# idle image, cleanup on exit. Addresses: 10.213.15x.0/24, fd00:213:15x::/64.
. "$UK_TOP/tests/lib.sh"

need_root() {
    [ "$(id -u)" = 0 ] || skip "needs root to create tap devices"
    [ -c /dev/net/tun ] || skip "no /dev/net/tun"
    command -v ip >/dev/null || skip "no ip (iproute2)"
}

# Cleanup runs in reverse order of registration.
cleanups=()
at_exit() { cleanups=("$1" "${cleanups[@]}"); }
run_cleanups() { for c in "${cleanups[@]}"; do eval "$c" >/dev/null 2>&1 || true; done; }
trap run_cleanups EXIT
trap 'exit 143' TERM INT    # a timeout still cleans up

# make_tap TAG: creates tap "uk$TAG$$" (IFNAMSIZ-safe), up, and prints its name.
make_tap() {
    local tap=uk$1$$
    tap=${tap:0:15}
    ip tuntap add dev "$tap" mode tap || fail "cannot create tap $tap"
    ip link set "$tap" up
    echo "$tap"
}

# build_idle: idle.spt, a program that sleeps, with a net device "service".
build_idle() {
    x86_64-unikernel-gcc -O2 -Wall -o idle "$UK_TOP/tests/net/idle.c"
    x86_64-unikernel-bake spt idle --net service
}

# start_image OUT RUN-ARGS...: boots in the background (bounded by a
# timeout), waits for its "up" line; $image_pid is the runner.
start_image() {
    local out=$1; shift
    timeout 120 x86_64-unikernel-run --mem=64 "$@" >"$out" 2>&1 &
    image_pid=$!
    at_exit "kill $image_pid; wait $image_pid"
    for _ in $(seq 100); do
        grep -q '^up$' "$out" 2>/dev/null && return 0
        kill -0 "$image_pid" 2>/dev/null || break
        sleep 0.05
    done
    cat "$out"
    fail "the image did not come up"
}

# stop_image OUT: ends it; anything it printed besides "up" is a failure
# (an assertion, a crash report).
stop_image() {
    kill "$image_pid" 2>/dev/null || true
    wait "$image_pid" 2>/dev/null || true
    if grep -v -e '^up$' -e "${2:-^$}" "$1" | grep -q .; then
        cat "$1"
        fail "the image printed something unexpected"
    fi
    echo "ok: the image ran cleanly"
}

# until_ok SECONDS COMMAND...: retries every 0.2 s until it succeeds.
until_ok() {
    local end=$((SECONDS + $1)); shift
    while ! "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $end ] || return 1
        sleep 0.2
    done
}

# EUI-64 link-local address of MAC (aa:bb:cc:dd:ee:ff).
link_local() {
    local IFS=: m
    read -ra m <<<"$1"
    printf 'fe80::%x:%x:%x:%x\n' $(( (0x${m[0]} ^ 2) << 8 | 0x${m[1]} )) \
        $(( 0x${m[2]} << 8 | 0xff )) $(( 0xfe << 8 | 0x${m[3]} )) $(( 0x${m[4]} << 8 | 0x${m[5]} ))
}
