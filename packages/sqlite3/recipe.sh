# sqlite3: the SQLite library (libsqlite3.a, sqlite3.h, sqlite3ext.h,
# sqlite3.pc), the sqlite3 shell, and two test programs from its tree,
# fuzzcheck (the fuzz corpus runner) and speedtest1 (the benchmark).
DEB_NAME=sqlite3
DEB_VERSION=3.40.1-2+deb12u2
DEB_SHA256=ee3459ae9d00939741c7708fc1b8ce1bde12d8c3fb1dfa005bbbc8651d884e23
DEPENDS=
PATCHES=()

# The canonical source tree: configure, then make generates the amalgamation
# sqlite3.c with the host's tclsh and host-built tools (lemon, mkkeywordhash:
# BUILD_CC, the host gcc); the library and programs are built with $CC.
# No Tcl extension, no readline on the target; no dlopen (images have no
# dynamic loader), so no load_extension. Threads: the default, threadsafe=1
# (pthread mutexes).
#
# The amalgamation (250,000 lines, ~45 s per compile here) is compiled twice,
# not four times as the Makefile's targets would: once for the library, with
# the shell's extra features (the Makefile's SHELL_OPT) added, and once by the
# Makefile's own fuzzcheck target (its options differ: MEMSYS5, OSS_FUZZ, 50 MB
# limit). The shell and speedtest1 are linked against the library, as
# distributions do, instead of each compiling sqlite3.c again.
SHELL_OPT="-DSQLITE_ENABLE_DBPAGE_VTAB -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_STMTVTAB"
SHELL_OPT+=" -DSQLITE_ENABLE_BYTECODE_VTAB -DSQLITE_ENABLE_EXPLAIN_COMMENTS"
SHELL_OPT+=" -DSQLITE_ENABLE_UNKNOWN_SQL_FUNCTION -DSQLITE_ENABLE_OFFSET_SQL_FUNC"
#
# SQLITE_MAX_MMAP_SIZE=0 switches off memory-mapped database I/O (PRAGMA
# mmap_size): in an image a read-only MAP_SHARED mapping of a file is a copy
# that later write()s to the file do not reach (docs/kernel-memory.md), and
# SQLite reads pages through the mapping that it wrote with pwrite: with
# mmap_size set, the image reads stale pages ("database disk image is
# malformed"). SQLite's default mmap_size is 0 anyway; this makes it stay 0.
build() {
    ./configure --host="$TRIPLE" --prefix="$PREFIX" \
        --disable-shared --enable-static --disable-tcl --disable-readline \
        --disable-load-extension --enable-all \
        CFLAGS="-g -O2 -DSQLITE_MAX_MMAP_SIZE=0"
    make -j"$JOBS" sqlite3.c shell.c sqlite3.h sqlite3.pc
    # The two compiles of sqlite3.c side by side (two makes: their flags differ).
    make OPTS="$SHELL_OPT" libsqlite3.la & local lib=$!
    make fuzzcheck & local fuzz=$!
    wait $lib; wait $fuzz
    # With the library's feature flags (e.g. SQLITE_OMIT_LOAD_EXTENSION), as
    # the Makefile's one compile of shell.c + sqlite3.c would see them.
    local features
    features=$(sed -n 's/^OPT_FEATURE_FLAGS = //p' Makefile)
    local link="./libtool --mode=link --tag=CC $CC -g -O2 -I. $features $SHELL_OPT"
    $link -DHAVE_READLINE=0 -DHAVE_EDITLINE=0 -o sqlite3 shell.c libsqlite3.la
    $link -o speedtest1 test/speedtest1.c libsqlite3.la
    ./sqlite3 -version
}

# fuzzcheck over every test/fuzzdata*.db: each case is an SQL script or a
# database run under limits; prints "fuzzcheck: 0 errors out of N tests".
check() {
    ./fuzzcheck test/fuzzdata*.db | tee check.out
    grep -q '^fuzzcheck: 0 errors out of [0-9]* tests' check.out
}

install() {
    make install
    rm -f "$PREFIX/lib/libsqlite3.la"
}
