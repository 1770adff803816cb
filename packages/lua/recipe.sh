# lua: the Lua 5.4 interpreter and compiler (lua, luac), liblua.a, its headers
# and a lua.pc.
DEB_NAME=lua5.4
DEB_VERSION=5.4.4-3+deb12u1
DEB_SHA256=d47c50154294a68c8a209c5d61bc09e5b22891c01b7c47501ac3f9725eb4a813
DEPENDS=
PATCHES=()

# Lua's own Makefile, its `posix` target (LUA_USE_POSIX: mkstemp, popen,
# fseeko...; no dlopen, no readline). CC/AR/RANLIB are Makefile variables,
# so they are passed on the command line; `ar rcu` as upstream has it.
build() {
    make -j"$JOBS" posix CC="$CC -std=gnu99" AR="$AR rcu" RANLIB="$RANLIB" \
        MYCFLAGS= MYLDFLAGS= MYLIBS=
    src/lua -v
}

# Our test script (packages/lua/test.lua), run by the dev interpreter from a
# directory holding its data file, as smoke.sh does in the image.
check() {
    local here
    here=$(dirname "${BASH_SOURCE[0]}")
    rm -rf check-root; mkdir -p check-root/lua
    cp "$here/test.lua" "$here/data.txt" check-root/lua/
    (cd check-root && ../src/lua lua/test.lua) | tee check.out
    [ "$(tail -n 1 check.out)" = "all ok" ]
}

install() {
    make install INSTALL_TOP="$PREFIX" INSTALL_MAN="$PREFIX/share/man/man1"
    local version
    version=$(src/lua -v | awk '{print $2}')    # 5.4.4
    mkdir -p "$PREFIX/lib/pkgconfig"
    cat >"$PREFIX/lib/pkgconfig/lua.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: Lua
Description: Lua language engine
Version: $version
Libs: -L\${libdir} -llua
Libs.private: -lm
Cflags: -I\${includedir}
PC
    # Debian's name for it too, which some build systems look for.
    cp "$PREFIX/lib/pkgconfig/lua.pc" "$PREFIX/lib/pkgconfig/lua${version%.*}.pc"
}
