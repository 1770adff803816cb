# zlib: the compression library (libz.a, zlib.h, zlib.pc).
DEB_NAME=zlib
DEB_VERSION=1:1.2.13.dfsg-1
DEB_SHA256=3fa1e6b2fc525062aa88207dda52fed8e045373c809d362fe8a2bfbf7cf515a8
DEPENDS=
PATCHES=()

# zlib's own configure script (not autoconf): --static builds only libz.a.
# It takes CC, AR and RANLIB from the environment.
build() {
    ./configure --static --prefix="$PREFIX"
    make -j"$JOBS" libz.a example minigzip
}

# Round trips through example and minigzip; prints "*** zlib test OK ***".
check() {
    make test
}

install() {
    make install
}
