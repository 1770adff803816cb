# Helpers for the elftool tests (sourced after tests/lib.sh).
ET=x86_64-unikernel-elftool
command -v $ET >/dev/null || fail "$ET not built (make elftool)"
command -v ld >/dev/null && command -v as >/dev/null || skip "binutils (as, ld) not installed"
HERE=$UK_TOP/tests/elftool

# mkimage OUT [LDSCRIPT] -- GEN-NOTES ARGS...: a minimal image, never run.
mkimage() {
    local out=$1 script=$HERE/image.ld; shift
    if [ "$1" != -- ]; then script=$1; shift; fi
    shift
    [ -f start.o ] || as -o start.o "$HERE/start.s"
    $ET gen-notes "$@" -o "$out.notes.o" || fail "gen-notes $*"
    ld -static -nostdlib -z max-page-size=0x1000 -T "$script" -o "$out" start.o "$out.notes.o" ||
        fail "ld $out"
}

# section_offset FILE NAME: file offset (decimal) of a section.
section_offset() {
    local hex
    hex=$(readelf -SW "$1" | sed -n "s/.*\] $2 *NOTE *[0-9a-f]* \([0-9a-f]*\) .*/\1/p")
    [ -n "$hex" ] || fail "no section $2 in $1"
    echo $((16#$hex))
}

# Descriptor offsets (note header 12 + "Solo5" padded to 8).
abi_desc() { echo $(($(section_offset "$1" .note.solo5.abi) + 20)); }
mft_desc() { echo $(($(section_offset "$1" .note.solo5.manifest) + 20)); }
# File offset of manifest entry N (after the 4-byte pad and the 8-byte header).
mft_entry() { echo $(($(mft_desc "$1") + 4 + 8 + 104 * $2)); }

# patch FILE OFFSET BYTES (printf escapes), in place.
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
# patch32 FILE OFFSET VALUE: little-endian u32.
patch32() {
    local v=$3
    patch "$1" "$2" "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((v & 255)) $((v >> 8 & 255)) \
        $((v >> 16 & 255)) $((v >> 24 & 255)))"
}

# rejects WHAT FILE REGEX [check args...]: check must exit 1 with a line matching REGEX.
rejects() {
    local what=$1 file=$2 re=$3 rc=0; shift 3
    $ET check "$@" "$file" >out 2>err || rc=$?
    [ $rc = 1 ] || { cat out err; fail "$what: check exited $rc, want 1"; }
    grep -Eq -- "$re" err || { cat err; fail "$what: no message matching /$re/"; }
    grep -q '^ok$' out && fail "$what: printed ok"
    grep -v "^elftool: " err && fail "$what: stray output"
    echo "ok: $what rejected: $(grep -E -- "$re" err | head -1)"
}

# no_crash WHAT CMD...: exits below 128 (no signal).
no_crash() {
    local what=$1 rc=0; shift
    "$@" >/dev/null 2>&1 || rc=$?
    [ $rc -lt 128 ] || fail "$what: killed by a signal (exit $rc)"
}
