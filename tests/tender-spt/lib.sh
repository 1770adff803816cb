# Helpers for tests/tender-spt/*.test: build tiny freestanding guests.
. "$UK_TOP/tests/lib.sh"
T=$UK_TOP/tests/tender-spt
TENDER=x86_64-unikernel-tender-spt
command -v "$TENDER" >/dev/null || fail "$TENDER not built (make tenders)"

# build_guest OUT SOURCE.c [NOTE-FLAGS...]  (e.g. -DUK_BLOCK=storage)
build_guest() {
    out=$1 src=$2; shift 2
    gcc -ffreestanding -nostdlib -static -fno-pie -no-pie -fno-stack-protector -O2 \
        -fno-asynchronous-unwind-tables -fno-builtin -mno-red-zone -I "$UK_TOP/runtime/include" \
        -Wl,-T,"$T/guest.ld" -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
        "$@" -o "$out" "$T/$src" "$T/notes.S" || fail "cannot build guest $src"
}

# run_tender OUTFILE ARGS...: runs the tender, sets $rc (never fails the test itself).
run_tender() {
    out=$1; shift
    set +e
    "$TENDER" "$@" >"$out" 2>&1
    rc=$?
    set -e
}
