# libc: musl 1.2.3 from Debian's source package, retargeted by libc/overlay so
# that every system call goes through __uk_syscall().
MUSL_DEB_VERSION := 1.2.3-1
MUSL_DSC_SHA256  := 243a7462e9c751da662c4c61d4c96b6318c796ba302b72f6cdf74ea5427a9b4f
MUSL_SRC_DIR     := $(B)/src/musl-1.2.3
LIBC_OVERLAY     := $(shell find libc/overlay -type f)
BSD_HEADERS      := $(wildcard libc/include/sys/*.h)

$(MUSL_SRC_DIR)/.uk-fetched:
	mk/fetch-source.sh musl $(MUSL_DEB_VERSION) $(MUSL_DSC_SHA256) $(MUSL_SRC_DIR)

$(SYSROOT)/lib/libc.a: $(MUSL_SRC_DIR)/.uk-fetched $(LIBC_OVERLAY) mk/build-musl.sh
	@echo "building musl into $(SYSROOT)"
	UK_HOST_CC=$(HOST_CC) mk/build-musl.sh $(MUSL_SRC_DIR) libc/overlay $(B)/libc/musl $(SYSROOT)
	@touch $@

$(SYSROOT)/include/sys/%.h: libc/include/sys/%.h $(SYSROOT)/lib/libc.a
	install -D -m 644 $< $@

libc: $(SYSROOT)/lib/libc.a $(BSD_HEADERS:libc/include/%=$(SYSROOT)/include/%)

.PHONY: libc
