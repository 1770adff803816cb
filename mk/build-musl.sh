#!/bin/sh
# Build musl from the pristine upstream tree plus our overlay (libc/overlay:
# files that replace upstream files of the same path) and install it into the
# sysroot.
#
# usage: build-musl.sh PRISTINE_SRC OVERLAY WORKDIR SYSROOT
set -eu
src=$1 overlay=$2 work=$3 sysroot=$4
jobs=${UK_JOBS:-$(nproc 2>/dev/null || echo 2)}

mkdir -p "$sysroot"
sysroot=$(cd "$sysroot" && pwd)
rm -rf "$work"
mkdir -p "$work"
cp -a "$src/." "$work/"
cp -a "$overlay/." "$work/"
cd "$work"
# Static only: images have no dynamic loader. No musl-gcc wrapper: ours replaces it.
# musl's own optimisation defaults unless MUSL_CFLAGS says otherwise.
./configure --prefix= --disable-shared --disable-wrapper \
    CC="${UK_HOST_CC:-gcc}" AR=ar RANLIB=ranlib ${MUSL_CFLAGS:+CFLAGS="$MUSL_CFLAGS"} >configure.log 2>&1 ||
    { cat configure.log >&2; exit 1; }
make -j"$jobs" >make.log 2>&1 || { tail -40 make.log >&2; exit 1; }
make install DESTDIR="$sysroot" >install.log 2>&1 || { tail -20 install.log >&2; exit 1; }
