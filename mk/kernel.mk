# The unikernel kernel (backend-neutral) and the image backends' bindings.
KERNEL_LIB  := $(SYSROOT)/lib/unikernel/libkernel.a
SPT_DIR     := $(SYSROOT)/lib/unikernel/spt
KERNEL_SRCS := $(shell find runtime/kernel -name '*.c' -not -path '*/arch/*' | sort)
KERNEL_HDRS := $(shell find runtime/kernel runtime/include -name '*.h')
KERNEL_OBJS := $(patsubst runtime/kernel/%.c,$(B)/kernel/%.o,$(KERNEL_SRCS)) \
               $(patsubst runtime/kernel/%.S,$(B)/kernel/%.o,$(wildcard runtime/kernel/arch/x86_64/*.S))
SPT_OBJS    := $(patsubst runtime/spt/%.c,$(B)/spt/%.o,$(wildcard runtime/spt/*.c)) \
               $(patsubst runtime/spt/%.S,$(B)/spt/%.o,$(wildcard runtime/spt/*.S))
# Kernel code runs under the program: no libc, no host headers, no red zone
# (hvt/virtio take interrupts on the current stack), no stack protector.
KERNEL_CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11 -ffreestanding -fno-builtin \
                 -fno-stack-protector -mno-red-zone -fno-pie -nostdinc \
                 -isystem $(shell $(HOST_CC) -print-file-name=include) -I runtime/include

$(B)/kernel/%.o: runtime/kernel/%.c $(KERNEL_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(KERNEL_CFLAGS) -c $< -o $@
$(B)/kernel/%.o: runtime/kernel/%.S
	@mkdir -p $(@D)
	$(HOST_CC) -c $< -o $@
$(B)/spt/%.o: runtime/spt/%.c $(KERNEL_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(KERNEL_CFLAGS) -c $< -o $@
$(B)/spt/%.o: runtime/spt/%.S
	@mkdir -p $(@D)
	$(HOST_CC) -c $< -o $@

# warn.c names the calls it refuses; the names come from the host's kernel
# headers as "[NR] = "name"," initializers (facts of the Linux ABI).
KERNEL_SYSCALL_NAMES := $(B)/kernel/syscall_names.h
$(KERNEL_SYSCALL_NAMES): mk/kernel.mk
	@mkdir -p $(@D)
	echo '#include <asm/unistd_64.h>' | $(HOST_CC) -E -dM -x c - | \
	  sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$$/[\2] = "\1",/p' >$@.tmp
	test -s $@.tmp && mv $@.tmp $@
$(B)/kernel/warn.o: $(KERNEL_SYSCALL_NAMES)
$(B)/kernel/warn.o: KERNEL_CFLAGS += -I $(B)/kernel

$(KERNEL_LIB): $(KERNEL_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(SPT_DIR)/libbackend.a: $(SPT_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(SPT_DIR)/image.ld: runtime/spt/image.ld
	install -D -m 644 $< $@
$(SPT_DIR)/link: toolchain/image-link
	install -D -m 755 $< $@

kernel: $(KERNEL_LIB) $(SPT_DIR)/libbackend.a $(SPT_DIR)/image.ld $(SPT_DIR)/link

.PHONY: kernel
