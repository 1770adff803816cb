# libevent: the event notification library (libevent.a, libevent_core.a,
# libevent_extra.a, libevent_pthreads.a, event2/*.h, libevent*.pc).
recipe_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # for run-regress.sh
DEB_NAME=libevent
# bookworm-security's update of 2.1.12-stable-8: the upstream tarball is the
# same (only Debian's patches, not applied here, differ), and it is the one
# that stays served when the next point release replaces -8.
DEB_VERSION=2.1.12-stable-8+deb12u1
DEB_SHA256=acc01f440019a0369c1cf0e6256a22037a65f032b5192ee14bad548889074b55
DEPENDS="zlib"      # only for regress: bufferevent/bufferevent_zlib runs when zlib is there
PATCHES=()

# Static only, no OpenSSL (no libevent_openssl), no samples. configure finds
# the Linux paths: epoll, eventfd, timerfd, pipe2, accept4, sendfile,
# getrandom, pthreads. Besides the libraries: the test programs, and
# test/regress-spt, regress relinked with socketpair-shim.c for running the
# suite as an spt image (NOTES.md; never installed).
build() {
    ./configure --host="$TRIPLE" --prefix="$PREFIX" --disable-shared --enable-static \
        --disable-openssl --disable-samples --disable-doxygen-doc --disable-dependency-tracking
    make -j"$JOBS"
    make -j"$JOBS" test/regress test/test-init test/test-eof test/test-closed test/test-weof \
        test/test-time test/test-changelist test/test-fdleak test/test-dumpevents
    "$CC" -O2 -c -o test/socketpair-shim.o "$recipe_dir/socketpair-shim.c"
    mv test/regress test/regress.plain
    make test/regress LDFLAGS="-Wl,--wrap=socketpair $WORK_SRC/test/socketpair-shim.o"
    mv test/regress test/regress-spt
    mv test/regress.plain test/regress
}

# What upstream's test/test.sh does for each backend that exists here
# (epoll, poll, select): the small test programs, then regress, here one
# test per process since tinytest's fork per test is not available
# (run-regress.sh; the tests that need fork are listed in NOTES.md).
check() {
    local b other rc=0 t
    for b in EPOLL POLL SELECT; do
        (
            for other in EVPORT KQUEUE EPOLL DEVPOLL POLL SELECT WIN32; do
                [ $other = $b ] || export EVENT_NO$other=yes
            done
            test/test-init
            for t in test-eof test-closed test-weof test-time test-changelist test-fdleak; do
                test/$t >/dev/null || { echo "$t: FAILED"; exit 1; }
                echo "$t: OKAY"
            done
            test/test-dumpevents >/dev/null || { echo "test-dumpevents: FAILED"; exit 1; }
            echo "test-dumpevents: OKAY (output not checked)"
            bash "$recipe_dir/run-regress.sh" test/regress
        ) 2>&1 | sed "s/^/$b: /" | tee "test/check-$b.log"
        [ "${PIPESTATUS[0]}" = 0 ] || rc=1
    done
    echo "== summary"
    grep -h -e ': regress: ' -e 'FAILED$' test/check-*.log
    return $rc
}

# Libraries, headers and .pc files (and event_rpcgen.py into bin/); not the
# libtool .la files: static libraries are found through pkg-config or -l.
install() {
    make install
    rm -f "$PREFIX"/lib/libevent*.la
}
