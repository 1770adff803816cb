# x86_64-unikernel: build the toolchain into build/, test it, install it.
#
#   make                     fetch sources, build everything into build/
#   make check               run every test; last line: N passed, N failed, N skipped
#   make bench               benchmarks (never part of check)
#   make install PREFIX=DIR  copy the toolchain to DIR (relocatable)

TRIPLE   := x86_64-unikernel-none
B        := $(CURDIR)/build
SYSROOT  := $(B)/$(TRIPLE)
TOOLLIB  := $(B)/lib/x86_64-unikernel
PREFIX   ?= /usr/local
HOST_CC  ?= gcc

all: toolchain

include mk/deps.mk
include mk/libc.mk
include mk/runtime.mk
include mk/toolchain.mk
include mk/elftool.mk
include mk/mkrootfs.mk
include mk/tenders.mk
include mk/kernel.mk
include mk/lwip.mk
include mk/packages.mk
include mk/posix.mk

toolchain: $(B)/.deps-ok libc runtime driver sysroot-extras elftool mkrootfs tenders kernel lwip

check: toolchain
	@tests/run

bench: toolchain
	@bench/run

install: toolchain
	mkdir -p $(DESTDIR)$(PREFIX)
	cp -a $(B)/bin $(B)/lib $(SYSROOT) $(DESTDIR)$(PREFIX)/
	@echo "installed into $(DESTDIR)$(PREFIX); add $(PREFIX)/bin to PATH"

clean:
	rm -rf $(B)/bin $(B)/lib $(SYSROOT) $(B)/libc $(B)/runtime $(B)/lwip $(B)/tests $(B)/packages

distclean:
	rm -rf $(B)

.PHONY: all toolchain check bench install clean distclean

# The README's first command ends here (mk/demo.sh): a sample runs on the
# host and as an spt image, and a sample HTTP server image answers curl.
demo: toolchain
	sh mk/demo.sh $(B)

.PHONY: demo
