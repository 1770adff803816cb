# Tenders: the host side that loads and runs an image (runtime/tenders/BACKEND).

# spt: a seccomp-sandboxed Linux process (libseccomp; ELF parsed with <elf.h>).
SPT_TENDER_SRCS := $(wildcard runtime/tenders/spt/*.c)
SPT_TENDER_OBJS := $(patsubst runtime/tenders/spt/%.c,$(B)/tenders/spt/%.o,$(SPT_TENDER_SRCS))
SPT_TENDER_BIN  := $(B)/bin/x86_64-unikernel-tender-spt
SPT_TENDER_CFLAGS := -O2 -Wall -Wextra -Werror -fPIE -I runtime/include
SPT_SYSCALL_NAMES := $(B)/tenders/spt/syscall_names.h

$(B)/tenders/spt/%.o: runtime/tenders/spt/%.c runtime/tenders/spt/spt.h runtime/include/uk/solo5_abi.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SPT_TENDER_CFLAGS) -c -o $@ $<

# The fault report names a forbidden system call; the names come from the
# host's kernel headers, as "[NR] = "name"," initializers.
$(SPT_SYSCALL_NAMES): mk/tenders.mk
	@mkdir -p $(dir $@)
	echo '#include <asm/unistd_64.h>' | $(HOST_CC) -E -dM -x c - | \
	  sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$$/[\2] = "\1",/p' >$@.tmp
	test -s $@.tmp && mv $@.tmp $@

# fault.c runs in a signal handler after the guest may have replaced %fs.
$(B)/tenders/spt/fault.o: SPT_TENDER_CFLAGS += -fno-stack-protector -I $(B)/tenders/spt
$(B)/tenders/spt/fault.o: $(SPT_SYSCALL_NAMES)

# PIE: the tender must stay clear of guest memory at 0x10000..mem_size.
$(SPT_TENDER_BIN): $(SPT_TENDER_OBJS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -pie -o $@ $(SPT_TENDER_OBJS) -lseccomp

tenders: $(SPT_TENDER_BIN)

.PHONY: tenders
