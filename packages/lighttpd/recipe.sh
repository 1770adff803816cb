# lighttpd: the web server, one static executable with its modules built in
# (sbin/lighttpd in the sysroot; bake it into an image with its config and
# docroot in the rootfs: packages/lighttpd/smoke.sh).
recipe_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # for run-tests.sh
DEB_NAME=lighttpd
DEB_VERSION=1.4.69-1
DEB_SHA256=79de5cd54b9876b135f85fb617cca2dbd2df79b63563f7fa02851a1a516587db
DEPENDS="zlib"
PATCHES=(
    "test-mod-ssi-no-exec.patch: the unit test of <!--#exec--> runs a command in a child process; fork fails with ENOSYS here"
)

# Upstream's "static build using make" (INSTALL): LIGHTTPD_STATIC=yes with
# --enable-static links the modules listed under `if LIGHTTPD_STATIC` in
# src/Makefile.am into the executable, and src/plugin-static.h names them
# for the built-in module table. The header is generated from that list, so
# every module compiled in can be loaded with server.modules. mod_deflate
# uses zlib from the sysroot; no TLS, no other compression libraries, no
# PCRE: =~ conditions that lighttpd cannot reduce to a prefix, suffix or
# equality match, and mod_rewrite/mod_redirect patterns, are unavailable
# (NOTES.md).
build() {
    sed -n '/^if LIGHTTPD_STATIC/,/^lighttpd_CPPFLAGS/p' src/Makefile.am |
        grep -o 'mod_[a-z0-9_]*\.c' | sed 's/\.c$//' | grep -v '_api$' |
        sed 's/.*/PLUGIN_INIT(&)/' >src/plugin-static.h
    grep -q 'PLUGIN_INIT(mod_deflate)' src/plugin-static.h
    LIGHTTPD_STATIC=yes ./configure --host="$TRIPLE" --prefix="$PREFIX" \
        --enable-static --disable-shared --with-zlib --without-pcre2 --without-pcre \
        --without-zstd --without-bzip2 --without-brotli --without-libdeflate \
        --disable-dependency-tracking
    make -j"$JOBS"
    ./src/lighttpd -V | grep -q '+ zlib support'
}

# The unit tests (src/t) and the perl tests of tests/ (what make check runs),
# through run-tests.sh: CGI, FastCGI and SCGI need fork (NOTES.md).
check() {
    make -C src check
    (cd tests && bash "$recipe_dir/run-tests.sh")
}

# Only the server (lighttpd-angel, its fork-based supervisor, is of no use).
install() {
    command install -D -m 755 src/lighttpd "$PREFIX/sbin/lighttpd"
}
