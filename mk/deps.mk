# Debian packages the build and the tests need. `make` installs the missing
# ones when run as root; otherwise it prints the apt-get line and stops.
BUILD_DEBS := gcc libc6-dev binutils make dpkg-dev debian-archive-keyring pkgconf libelf-dev binutils-dev \
              zlib1g-dev libseccomp-dev
TEST_DEBS  := autoconf automake libtool cmake meson ninja-build cpio iproute2 dnsmasq-base iputils-ping iputils-arping curl wrk tcl redis-tools
DEBS       := $(BUILD_DEBS) $(TEST_DEBS)

$(B)/.deps-ok: mk/deps.mk
	@mk/install-debs.sh $(DEBS)
	@mkdir -p $(B) && touch $@
