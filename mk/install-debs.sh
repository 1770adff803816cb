#!/bin/sh
# Install the Debian packages named on the command line that are missing.
# As root: apt-get install them. Otherwise: print the command and fail.
missing=
for pkg do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' ||
        missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -q update >/dev/null && apt-get -q install -y --no-install-recommends $missing >/dev/null ||
        { echo "error: apt-get install$missing failed" >&2; exit 1; }
else
    echo "error: missing Debian packages. Run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
