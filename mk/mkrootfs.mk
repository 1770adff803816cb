# mkrootfs (libc only): packs bake's --rootfs DIR into a cpio newc archive.
# A helper of bake, not a user command: installed beside x86_64-unikernel-link.
MKROOTFS_SRC    := $(wildcard toolchain/mkrootfs/*.c)
MKROOTFS_OBJ    := $(patsubst toolchain/mkrootfs/%.c,$(B)/mkrootfs/%.o,$(MKROOTFS_SRC))
MKROOTFS_BIN    := $(TOOLLIB)/mkrootfs
MKROOTFS_CFLAGS := -O2 -Wall -Wextra -Werror -std=gnu11

$(B)/mkrootfs/%.o: toolchain/mkrootfs/%.c toolchain/mkrootfs/mkrootfs.h mk/mkrootfs.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(MKROOTFS_CFLAGS) -c -o $@ $<

$(MKROOTFS_BIN): $(MKROOTFS_OBJ)
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $(MKROOTFS_OBJ)

mkrootfs: $(MKROOTFS_BIN)

.PHONY: mkrootfs
