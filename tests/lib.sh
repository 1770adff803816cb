# Helpers for tests/*/*.test scripts: source "$UK_TOP/tests/lib.sh".
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
    [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
    echo "ok: $1"
}

# expect_match WHAT REGEX TEXT
expect_match() {
    printf '%s\n' "$3" | grep -Eq -- "$2" || fail "$1: '$3' does not match /$2/"
    echo "ok: $1"
}

# expect_fail WHAT COMMAND...: the command must exit non-zero.
expect_fail() {
    what=$1; shift
    if "$@" >"$UK_TMP/expect_fail.out" 2>&1; then
        cat "$UK_TMP/expect_fail.out"; fail "$what: succeeded but should have failed"
    fi
    echo "ok: $what (failed as it should)"
}

# Fetch a Debian source package into $UK_BUILD/src (cached) and print its path.
fetch_source() { # NAME VERSION DSC_SHA256
    dir=$UK_BUILD/src/$1-${2#*:}
    "$UK_TOP/mk/fetch-source.sh" "$1" "$2" "$3" "$dir" >&2 || return 1
    echo "$dir"
}

SYSROOT=$UK_BUILD/x86_64-unikernel-none
