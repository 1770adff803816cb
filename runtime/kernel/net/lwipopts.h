/* lwIP's configuration for the kernel (docs/networking.md). One CPU, no
 * interrupts touching the stack: NO_SYS with the raw API, driven by the
 * pump in poll.c. Memory comes from the kernel heap, so no pool is sized
 * in advance: connections and buffers are limited by the image's memory. */
#ifndef UK_LWIPOPTS_H
#define UK_LWIPOPTS_H

#define NO_SYS                          1
#define LWIP_TIMERS                     1
#define SYS_LIGHTWEIGHT_PROT            0   /* nothing preempts lwIP */
#define LWIP_NETCONN                    0   /* our own socket layer sits on the raw API */
#define LWIP_SOCKET                     0

/* Memory: every pool and pbuf from uk_malloc (arch/cc.h maps mem_clib_*). */
#define MEM_LIBC_MALLOC                 1
#define MEMP_MEM_MALLOC                 1
#define MEM_ALIGNMENT                   8
#define LWIP_STATS                      0

/* Link layer */
#define LWIP_ETHERNET                   1
#define LWIP_ARP                        1
#define ARP_TABLE_SIZE                  64
#define ARP_QUEUEING                    1
#define ARP_QUEUE_LEN                   16
#define ETH_PAD_SIZE                    0
#define LWIP_NETIF_HOSTNAME             1   /* DHCP sends the hostname= option */
#define LWIP_NETIF_EXT_STATUS_CALLBACK  1   /* config.c reports DHCP leases */
#define LWIP_NETIF_HWADDRHINT           1
#define LWIP_NETIF_TX_SINGLE_PBUF       1   /* frames leave without a copy */
#define LWIP_NETIF_LOOPBACK             1
#define LWIP_HAVE_LOOPIF                1   /* 127.0.0.1 and ::1 */
#define LWIP_LOOPBACK_MAX_PBUFS         0

/* IPv4 */
#define LWIP_IPV4                       1
#define IP_FORWARD                      0
#define IP_DEFAULT_TTL                  64  /* as Linux */
#define IP_REASSEMBLY                   1
#define IP_FRAG                         1
#define IP_REASS_MAX_PBUFS              128 /* a 64 KiB datagram is 45 fragments */
#define LWIP_ICMP                       1
#define LWIP_RAW                        1
#define LWIP_DHCP                       1
#define DHCP_DOES_ARP_CHECK             0   /* a lease is usable at once */
#define LWIP_AUTOIP                     0
#define LWIP_IGMP                       0
/* musl resolves over UDP sockets; lwIP's DNS module is here only to keep
 * the servers a DHCP lease names (config.c writes /etc/resolv.conf). */
#define LWIP_DNS                        1
#define DNS_MAX_SERVERS                 3   /* musl reads three nameserver lines */
#define LWIP_DHCP_MAX_DNS_SERVERS       3

/* IPv6: link-local and SLAAC addresses, ND, MLD. Addresses given with ip6=
 * are static (an implied /64 on-link, lwIP's policy). */
#define LWIP_IPV6                       1
#define LWIP_IPV6_NUM_ADDRESSES         4
#define LWIP_IPV6_FORWARD               0
#define LWIP_IPV6_FRAG                  1
#define LWIP_IPV6_REASS                 1
#define IPV6_FRAG_COPYHEADER            1   /* 64-bit pointers do not fit the header */
#define LWIP_IPV6_AUTOCONFIG            1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT   1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS   1
#define LWIP_IPV6_MLD                   1
#define LWIP_IPV6_DHCP6                 0
#define LWIP_ND6_NUM_NEIGHBORS          64
#define LWIP_ND6_NUM_DESTINATIONS       64
#define LWIP_ND6_NUM_PREFIXES           8
#define LWIP_ND6_NUM_ROUTERS            4
#define LWIP_ND6_QUEUEING               1

/* UDP and TCP, sized for gigabit-class links: a 256 KiB window with
 * scaling, as much in flight on the sending side, and no fixed limit on
 * connections (MEMP_MEM_MALLOC). */
#define LWIP_UDP                        1
#define LWIP_TCP                        1
#define TCP_MSS                         1460
#define LWIP_WND_SCALE                  1
#define TCP_RCV_SCALE                   3   /* up to 512 KiB */
#define TCP_WND                         (256 * 1024)
#define TCP_SND_BUF                     (256 * 1024)
#define TCP_SND_QUEUELEN                (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_SNDLOWAT                    (32 * 1024)   /* lwIP wants it below 64 KiB */
#define TCP_QUEUE_OOSEQ                 1
#define LWIP_TCP_SACK_OUT               1
#define TCP_LISTEN_BACKLOG              0   /* tcp_listen.c's hook keeps Linux's rule */
#define LWIP_TCP_KEEPALIVE              1
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1
/* Checksums in software, everywhere. */
#define LWIP_CHKSUM_ALGORITHM           3

/* hooks.h: TCP initial sequence numbers (RFC 6528), the static IPv6
 * gateway, the listen backlog. */
#define LWIP_HOOK_FILENAME              "hooks.h"
#define LWIP_HOOK_TCP_ISN               uk_net_tcp_isn
#define LWIP_HOOK_ND6_GET_GW            uk_net_gateway6
#define LWIP_HOOK_TCP_INPACKET_PCB      uk_net_tcp_inpacket

#endif
