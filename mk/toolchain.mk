# The driver: scripts into $(B)/bin, the specs and the linker into $(TOOLLIB).
TOOL_NAMES  := gcc cc cpp ld ar ranlib nm objcopy objdump readelf strip size pkg-config run bake
BINUTILS    := ar ranlib nm objcopy objdump readelf strip size
TOOL_SRC    := $(wildcard toolchain/x86_64-unikernel-*)
SYSROOT_SRC := $(shell find sysroot -type f)

$(B)/.driver: $(TOOL_SRC) specs/unikernel.specs mk/toolchain.mk
	@mkdir -p $(B)/bin $(TOOLLIB)
	install -m 755 toolchain/x86_64-unikernel-link $(TOOLLIB)/
	install -m 644 specs/unikernel.specs $(TOOLLIB)/
	for t in gcc cpp ld binutils pkg-config run bake; do \
	    install -m 755 toolchain/x86_64-unikernel-$$t $(B)/bin/; done
	ln -sf x86_64-unikernel-gcc $(B)/bin/x86_64-unikernel-cc
	for t in $(BINUTILS); do ln -sf x86_64-unikernel-binutils $(B)/bin/x86_64-unikernel-$$t; done
	for t in $(TOOL_NAMES); do ln -sf x86_64-unikernel-$$t $(B)/bin/x86_64-unikernel-none-$$t; done
	@touch $@

# Files installed into the sysroot as they are (pkg-config, CMake, meson, autoconf).
$(B)/.sysroot-extras: $(SYSROOT_SRC) $(SYSROOT)/lib/libc.a
	cp -a sysroot/. $(SYSROOT)/
	@touch $@

driver: $(B)/.driver
sysroot-extras: $(B)/.sysroot-extras

.PHONY: driver sysroot-extras
