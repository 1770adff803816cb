#!/bin/sh
# Fetch one Debian source package, verify it against a pinned sha256 of its .dsc,
# and unpack the pristine upstream tree (no Debian patches) into DEST.
#
# usage: fetch-source.sh NAME VERSION DSC_SHA256 DEST
#
# Uses a private apt configuration under $UK_APT_DIR (default build/apt): its own
# deb-src sources list, lists and cache. /etc/apt and /var/lib/apt are never touched.
# A user outside Debian sets NAME_SRC (e.g. MUSL_SRC=/path/musl-1.2.3.tar.gz or a
# directory) and nothing is downloaded.
set -eu

name=$1 version=$2 pin=$3 dest=$4
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
apt_dir=${UK_APT_DIR:-$top/build/apt}
cache=${UK_SRC_CACHE:-$top/build/src/debian}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=${DEBIAN_SUITE:-bookworm}

say() { echo "fetch-source: $*" >&2; }
die() { say "error: $*"; exit 1; }

[ -e "$dest/.uk-fetched" ] && exit 0

# A user-supplied tree or tarball replaces the download.
override_var=$(echo "$name" | tr 'a-z.+-' 'A-Z___')_SRC
eval "override=\${$override_var:-}"
if [ -n "$override" ]; then
    rm -rf "$dest"; mkdir -p "$dest"
    if [ -d "$override" ]; then
        cp -a "$override/." "$dest/"
    elif [ -f "$override" ]; then
        tar -xf "$override" -C "$dest" --strip-components=1
    else
        die "$override_var=$override is neither a directory nor a tarball"
    fi
    say "$name from $override_var=$override"
    touch "$dest/.uk-fetched"
    exit 0
fi

command -v dpkg-source >/dev/null || die "dpkg-source not found (apt-get install dpkg-dev), or set $override_var"

# Private apt configuration.
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "$keyring missing (apt-get install debian-archive-keyring), or set $override_var"
cat > "$apt_dir/sources.list" <<LIST
deb-src [signed-by=$keyring] $mirror $suite main
deb-src [signed-by=$keyring] $mirror $suite-updates main
deb-src [signed-by=$keyring] $security_mirror $suite-security main
LIST
cat > "$apt_dir/apt.conf" <<CONF
Dir::Etc::sourcelist "$apt_dir/sources.list";
Dir::Etc::sourceparts "-";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "/dev/null";
Dir::Cache "$apt_dir/cache";
APT::Sandbox::User "root";
CONF
export APT_CONFIG="$apt_dir/apt.conf"

# Debian file names drop the epoch ("1:1.2.13.dfsg-1" -> zlib_1.2.13.dfsg-1.dsc).
dsc="$cache/${name}_${version#*:}.dsc"
if [ ! -f "$dsc" ]; then
    if [ ! -f "$apt_dir/lists/.updated" ] || ! apt-cache showsrc "$name" 2>/dev/null | grep -qx "Version: $version"; then
        say "updating the private source index in $apt_dir"
        apt-get -q update >"$apt_dir/update.log" 2>&1 || { cat "$apt_dir/update.log" >&2; die "apt-get update failed"; }
        touch "$apt_dir/lists/.updated"
    fi
    apt-cache showsrc "$name" 2>/dev/null | grep -qx "Version: $version" ||
        die "Debian no longer serves $name $version (pinned); set $override_var to a copy of it"
    say "downloading $name $version"
    (cd "$cache" && apt-get -q source --download-only "$name=$version") >"$cache/$name.log" 2>&1 ||
        { cat "$cache/$name.log" >&2; die "apt-get source $name=$version failed"; }
fi

got=$(sha256sum "$dsc" | cut -d' ' -f1)
[ "$got" = "$pin" ] || die "$dsc has sha256 $got, pinned $pin: refusing to use it"

rm -rf "$dest" "$dest.tmp"
mkdir -p "$(dirname "$dest")"
# dpkg-source checks the tarballs against the sha256 sums listed in the pinned .dsc.
dpkg-source --skip-patches -x "$dsc" "$dest.tmp" >"$cache/$name.unpack.log" 2>&1 ||
    { cat "$cache/$name.unpack.log" >&2; die "unpacking $dsc failed"; }
# Keep only the upstream tree: the debian/ packaging is not ours to build.
rm -rf "$dest.tmp/debian"
mv "$dest.tmp" "$dest"
touch "$dest/.uk-fetched"
say "$name $version ready in $dest"
