#!/bin/bash
# packages/recipe.sh: build one third-party package for x86_64-unikernel-none
# from its recipe, packages/NAME/recipe.sh (format: packages/README.md).
#
#   packages/recipe.sh NAME            fetch, build, check, install; steps already
#                                      done (stamped) with the same inputs are skipped
#   packages/recipe.sh NAME STEP...    run just these steps (fetch build check install)
#
# Environment:
#   UK_TOOLCHAIN  the toolchain to build with and install into: a directory with
#                 bin/ and x86_64-unikernel-none/ (default: <repo>/build)
#   UK_WORK       work trees, logs and stamps (default: <repo>/build/packages)
#   JOBS          parallel make jobs (default: nproc)
#   FORCE=1       redo every step even if stamped
#   NAME_SRC      e.g. ZLIB_SRC=dir-or-tarball: use it instead of Debian's source
set -eu -o pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
toolchain=$(cd "${UK_TOOLCHAIN:-$top/build}" && pwd)
work_root=${UK_WORK:-$top/build/packages}

say() { echo "recipe: $*" >&2; }
die() { say "error: $*"; exit 1; }

(($#)) || die "usage: $0 NAME [fetch|build|check|install]..."
name=$1; shift
recipe=$top/packages/$name/recipe.sh
[ -f "$recipe" ] || die "no recipe packages/$name/recipe.sh"
[ -x "$toolchain/bin/x86_64-unikernel-gcc" ] ||
    die "no toolchain in $toolchain (run make first, or set UK_TOOLCHAIN)"

# What a recipe sees: the target, its sysroot (also the install prefix) and
# the cross tools, under the names configure scripts and Makefiles look for.
export TRIPLE=x86_64-unikernel-none
export SYSROOT=$toolchain/$TRIPLE
export PREFIX=$SYSROOT
export PATH=$toolchain/bin:$PATH
export CC=$TRIPLE-gcc CPP=$TRIPLE-cpp AR=$TRIPLE-ar RANLIB=$TRIPLE-ranlib NM=$TRIPLE-nm \
       STRIP=$TRIPLE-strip OBJCOPY=$TRIPLE-objcopy OBJDUMP=$TRIPLE-objdump \
       READELF=$TRIPLE-readelf PKG_CONFIG=$TRIPLE-pkg-config
export CONFIG_SITE=$SYSROOT/share/config.site
export JOBS=${JOBS:-$(nproc)}
# Nothing from the caller leaks into the build: flags, or a parent make's options.
unset CFLAGS CPPFLAGS LDFLAGS LIBS PKG_CONFIG_PATH PKG_CONFIG_LIBDIR MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

DEB_NAME='' DEB_VERSION='' DEB_SHA256='' DEPENDS='' PATCHES=()
# shellcheck source=/dev/null
source "$recipe"
[ -n "$DEB_NAME" ] && [ -n "$DEB_VERSION" ] && [ -n "$DEB_SHA256" ] ||
    die "$recipe must set DEB_NAME, DEB_VERSION and DEB_SHA256"
for fn in build check install; do
    declare -F $fn >/dev/null || die "$recipe must define the function $fn"
done

export SRC=$top/build/src/$DEB_NAME-${DEB_VERSION#*:}   # pristine, shared, never modified
work=$work_root/$name
export WORK_SRC=$work/src                                # the copy the steps run in
mkdir -p "$work"

# One run per package at a time (make -j, dependencies shared by recipes).
exec 9>"$work/.lock"
flock 9

# Dependencies first (each is a no-op when already installed).
for dep in $DEPENDS; do
    "$0" "$dep"
done

# A step's stamp holds a digest of everything it depends on: the recipe and
# its patches, this driver, the toolchain, and the dependencies' stamps.
key=$( { cat "$top/packages/recipe.sh"; find "$top/packages/$name" -type f | sort | xargs cat
         echo "$toolchain"; cat "$toolchain/bin/x86_64-unikernel-gcc" "$toolchain"/lib/x86_64-unikernel/*
         find "$SYSROOT/lib" -maxdepth 1 -name 'lib[cm].a' | sort | xargs cat
         find "$SYSROOT/lib/unikernel" -type f | sort | xargs cat
         for dep in $DEPENDS; do cat "$work_root/$dep/.install"; done; } | sha256sum | cut -d' ' -f1)
done_already() { [ "${FORCE:-}" != 1 ] && [ "$(cat "$work/.$1" 2>/dev/null)" = "$key" ]; }

# run STEP: the recipe's function in the work tree, logged to $work/STEP.log.
run() {
    local step=$1 start=$SECONDS
    say "$name: $step (log: $work/$step.log)"
    rm -f "$work/.$step"
    [ "$step" != build ] || rm -f "$work/.check" "$work/.install"
    # Not under `if` or `||`: either would switch off set -e inside the step.
    local rc
    set +e
    (set -e; cd "$WORK_SRC"; set -x; "$step") >"$work/$step.log" 2>&1
    rc=$?
    set -e
    if ((rc)); then
        tail -n 30 "$work/$step.log" >&2
        die "$name: $step failed (log: $work/$step.log)"
    fi
    echo "$key" >"$work/.$step"
    say "$name: $step done ($((SECONDS - start))s)"
}

fetch() {
    "$top/mk/fetch-source.sh" "$DEB_NAME" "$DEB_VERSION" "$DEB_SHA256" "$SRC"
}

# prepare: a fresh copy of the pristine tree, with the recipe's patches.
prepare() {
    rm -rf "$WORK_SRC"
    cp -a "$SRC" "$WORK_SRC"
    rm -f "$WORK_SRC/.uk-fetched"
    local entry file
    for entry in "${PATCHES[@]}"; do
        file=${entry%%:*}
        [ "$file" != "$entry" ] && [ -n "${entry#*:}" ] ||
            die "PATCHES entry '$entry' must be 'FILE: one-line reason'"
        say "$name: applying $file:${entry#*:}"
        patch -d "$WORK_SRC" -p1 --batch <"$top/packages/$name/$file" >/dev/null ||
            die "$name: patch $file does not apply"
    done
}

if (($#)); then steps=("$@"); else steps=(fetch build check install); fi
for step in "${steps[@]}"; do
    case $step in
    fetch) fetch ;;
    build|check|install)
        if (($# == 0)) && done_already "$step"; then
            say "$name: $step up to date"; continue
        fi
        [ -e "$SRC/.uk-fetched" ] || fetch
        if [ "$step" = build ]; then prepare
        elif [ ! -d "$WORK_SRC" ]; then die "$name: $step before build"
        fi
        run "$step" ;;
    *) die "unknown step '$step' (fetch, build, check, install)" ;;
    esac
done
