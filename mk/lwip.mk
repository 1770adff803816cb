# lwIP 2.1.3 (TCP/IP) from Debian's source package, configured by
# runtime/kernel/net/lwipopts.h (NO_SYS, raw API) and built with the
# kernel's flags into its own archive. bake links it after libkernel.a
# without --whole-archive, so only the parts the kernel uses are linked.
#
# Every global symbol lwIP defines is renamed uk_lwip_NAME (objcopy), so a
# program may define mem_free, tcp_write, netif_list... of its own. The
# kernel's files under runtime/kernel/net/ see the same renames through the
# generated prefix.h, forced in with -include.
LWIP_DEB_VERSION := 2.1.3+dfsg1-2
LWIP_DSC_SHA256  := 8d8f944db8e6d542fc2d6f01559078fb1b5dda71651c67ee5fa3571ed1342c50
LWIP_SRC_DIR     := $(B)/src/lwip-2.1.3
LWIP_LIB         := $(SYSROOT)/lib/unikernel/liblwip.a
LWIP_PREFIX_H    := $(B)/lwip/prefix.h

# What NO_SYS + raw API needs: the core (dns.c only keeps the servers a DHCP
# lease names), IPv4 (ARP, ICMP, DHCP, fragments),
# IPv6 (ND, MLD, ICMPv6, fragments) and Ethernet framing.
LWIP_FILES := core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c \
              core/netif.c core/pbuf.c core/raw.c core/tcp.c core/tcp_in.c core/tcp_out.c \
              core/timeouts.c core/udp.c core/dns.c \
              core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c \
              core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c \
              core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c \
              core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c \
              netif/ethernet.c
LWIP_OBJS  := $(patsubst %.c,$(B)/lwip/obj/%.o,$(LWIP_FILES))
LWIP_PORT_HDRS := runtime/kernel/net/lwipopts.h runtime/kernel/net/hooks.h \
                  $(wildcard runtime/kernel/net/arch/*.h runtime/kernel/net/include/*.h)
LWIP_INCLUDES  := -I runtime/kernel/net -I runtime/kernel/net/include -I $(LWIP_SRC_DIR)/src/include

# lwIP's own sources: the kernel's flags without -Werror (its code is not
# ours to fix) and with builtins, so its small fixed-size copies inline.
LWIP_CFLAGS := $(filter-out -Werror -fno-builtin,$(KERNEL_CFLAGS)) $(LWIP_INCLUDES)

$(LWIP_SRC_DIR)/.uk-fetched:
	mk/fetch-source.sh lwip $(LWIP_DEB_VERSION) $(LWIP_DSC_SHA256) $(LWIP_SRC_DIR)

# The pinned sources never change once fetched; the port headers do.
$(B)/lwip/obj/%.o: $(LWIP_SRC_DIR)/.uk-fetched $(LWIP_PORT_HDRS) mk/lwip.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(LWIP_CFLAGS) -c $(LWIP_SRC_DIR)/src/$*.c -o $@

# The rename map and the header that applies it to the kernel's side.
$(B)/lwip/rename.map: $(LWIP_OBJS)
	nm --defined-only -g $^ | awk 'NF == 3 && $$3 !~ /^uk_/ { print $$3, "uk_lwip_" $$3 }' | \
	  sort -u >$@.tmp && mv $@.tmp $@
$(LWIP_PREFIX_H): $(B)/lwip/rename.map
	awk '{ print "#define " $$1 " " $$2 }' $< >$@.tmp && mv $@.tmp $@

$(LWIP_LIB): $(B)/lwip/rename.map
	@mkdir -p $(@D) $(B)/lwip/renamed
	rm -f $@ $(B)/lwip/renamed/*.o
	for o in $(LWIP_OBJS); do \
	  objcopy --redefine-syms=$< $$o $(B)/lwip/renamed/$$(echo $${o#$(B)/lwip/obj/} | tr / _) || exit 1; \
	done
	ar rcs $@ $(B)/lwip/renamed/*.o

# The kernel's network files build with lwIP's headers and the renames.
NET_OBJS := $(patsubst runtime/kernel/%.c,$(B)/kernel/%.o,$(wildcard runtime/kernel/net/*.c))
$(NET_OBJS): KERNEL_CFLAGS += $(LWIP_INCLUDES) -include $(LWIP_PREFIX_H)
$(NET_OBJS): $(LWIP_PREFIX_H)

lwip: $(LWIP_LIB)

.PHONY: lwip
