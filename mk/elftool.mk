# x86_64-unikernel-elftool (libelf): writes and checks Solo5 ABI and manifest notes,
# and finds the frames of a guest fault report (backtrace).
ELFTOOL_SRC  := $(wildcard toolchain/elftool/*.c)
ELFTOOL_OBJ  := $(patsubst toolchain/elftool/%.c,$(B)/elftool/%.o,$(ELFTOOL_SRC))
ELFTOOL_HDR  := $(wildcard toolchain/elftool/*.h) runtime/include/uk/solo5_abi.h
ELFTOOL_BIN  := $(B)/bin/x86_64-unikernel-elftool
ELFTOOL_CFLAGS := -O2 -Wall -Wextra -Werror -I runtime/include

$(B)/elftool/%.o: toolchain/elftool/%.c $(ELFTOOL_HDR) mk/elftool.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(ELFTOOL_CFLAGS) -c -o $@ $<

$(ELFTOOL_BIN): $(ELFTOOL_OBJ)
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $(ELFTOOL_OBJ) -lelf
	ln -sf x86_64-unikernel-elftool $(B)/bin/x86_64-unikernel-none-elftool

elftool: $(ELFTOOL_BIN)

.PHONY: elftool
