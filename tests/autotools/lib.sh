# Helpers for tests/autotools/*.test (after tests/lib.sh): build the sample
# project in tests/samples/autotools.

# sample_prepare: copy the sample into ./sample, autoreconf it, cd there.
sample_prepare() {
    for tool in autoreconf automake libtoolize; do
        command -v $tool >/dev/null || skip "$tool not installed (apt-get install autoconf automake libtool)"
    done
    cp -a "$UK_TOP/tests/samples/autotools" sample
    cd sample
    autoreconf -fi >autoreconf.log 2>&1 || { cat autoreconf.log; fail "autoreconf -fi"; }
}

# sample_build DIR COMMAND...: run the configure COMMAND in DIR (new), then
# make and make check; both tests of the sample must pass.
sample_build() {
    local dir=$1; shift
    mkdir "$dir"
    (cd "$dir" && "$@" >configure.out 2>&1) || { tail -30 "$dir/configure.out"; fail "$dir: configure"; }
    make -C "$dir" >"$dir/make.out" 2>&1 || { tail -30 "$dir/make.out"; fail "$dir: make"; }
    make -C "$dir" check >"$dir/check.out" 2>&1 ||
        { cat "$dir/check.out" "$dir"/tests/*.log 2>/dev/null | tail -40; fail "$dir: make check"; }
    expect_match "$dir: make check passed both tests" "^# PASS: +2$" "$(cat "$dir/check.out")"
    expect_match "$dir: no test failed" "^# FAIL: +0$" "$(cat "$dir/check.out")"
}

# sample_check DIR: what configure found in DIR and what it built.
sample_check() {
    local dir=$1 var prog=$1/src/greet
    for var in ac_cv_header_sys_epoll_h ac_cv_header_sys_eventfd_h ac_cv_func_accept4 \
               ac_cv_func_epoll_create1 greet_cv_unikernel greet_cv_run_argv; do
        expect_eq "$dir: $var" yes "$(sed -n "s/^$var=//p" "$dir/config.log")"
    done
    expect_match "$dir: configure not in cross mode (programs run)" \
        "^checking whether we are cross compiling\.\.\. no$" "$(cat "$dir/configure.out")"
    expect_eq "$dir: libtool builds static libraries only" "no yes" \
        "$(sed -n 's/^build_libtool_libs=//p; s/^build_old_libs=\([a-z]*\)$/\1/p' "$dir/libtool" | head -2 | xargs)"
    [ -f "$dir/lib/.libs/libgreet.a" ] || fail "$dir: lib/.libs/libgreet.a not built"
    if ls "$dir"/lib/.libs/*.so* >/dev/null 2>&1; then fail "$dir: a shared library was built"; fi
    # With no shared library libtool writes the program itself, not a wrapper script.
    local elf
    elf=$(x86_64-unikernel-readelf -hlS "$prog" 2>&1) || fail "$prog is not an ELF file"
    expect_match "$dir: src/greet is an ELF executable" "Type: +EXEC" "$elf"
    if grep -Eq "INTERP|DYNAMIC|\.dynamic" <<<"$elf"; then fail "$dir: src/greet is not static"; fi
    echo "ok: $dir: src/greet is static (no INTERP, no DYNAMIC)"
    expect_match "$dir: src/greet carries .unikernel.program" "\.unikernel\.program" "$(x86_64-unikernel-objdump -h "$prog")"
    expect_eq "$dir: src/greet output" "Hello, unikernel!" "$("$prog" unikernel)"
    expect_eq "$dir: src/greet --platform" "platform: unikernel (Linux API)
epoll: yes
accept4: yes
run-test: yes" "$("$prog" --platform)"
}
