# Backend runtimes: each installs $(SYSROOT)/lib/unikernel/BACKEND/.
DEV_RT := $(SYSROOT)/lib/unikernel/dev/libbackend.a
DEV_RT_OBJS := $(B)/runtime/dev/syscall.o $(B)/runtime/dev/refuse.o
# Runtime code is not application code: no host headers, no stack protector,
# no builtins that could call back into libc.
RT_CFLAGS := -O2 -g -Wall -Wextra -ffreestanding -fno-stack-protector -fno-builtin -nostdinc

$(B)/runtime/dev/%.o: runtime/dev/%.S
	@mkdir -p $(@D)
	$(HOST_CC) -c $< -o $@

$(B)/runtime/dev/%.o: runtime/dev/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(RT_CFLAGS) -c $< -o $@

$(DEV_RT): $(DEV_RT_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

runtime: $(DEV_RT)

.PHONY: runtime
