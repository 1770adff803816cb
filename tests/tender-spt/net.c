#include "guest.h"
static unsigned char frame[60];
GUEST_MAIN
{
	const struct solo5_mft_entry *e = device(bi, "service");
	if (!e->attached || e->u.net_basic.mtu != 1500)
		die("service not attached or wrong mtu");
	const unsigned char *mac = e->u.net_basic.mac;
	if ((mac[0] & 3) != 2 && !arg_num(bi->cmdline, "anymac", 0))
		die("mac is not unicast locally administered");
	memset(frame, 0xff, 6);                 /* broadcast */
	memcpy(frame + 6, mac, 6);
	frame[12] = 0x88;                       /* local experimental ethertype */
	frame[13] = 0xb5;
	const char *msg = "uktest frame";
	memcpy(frame + 14, msg, slen(msg));
	static unsigned char in[1514];
	long r = sc(SYS_read, e->b.hostfd, in, sizeof in);   /* non-blocking: a frame or EAGAIN */
	if (r != -11 && r <= 0)
		die("read on the tap");
	long n = sc(SYS_write, e->b.hostfd, frame, sizeof frame);
	puts_("net write returned ");
	putu((unsigned long)n);
	puts_("\nmac ");
	static const char hx[] = "0123456789abcdef";
	char m[18];
	for (int i = 0; i < 6; i++) {
		m[3 * i] = hx[mac[i] >> 4];
		m[3 * i + 1] = hx[mac[i] & 15];
		m[3 * i + 2] = i < 5 ? ':' : '\n';
	}
	sc(SYS_write, 1, m, 18);
	exit_(n == (long)sizeof frame ? 0 : 1);
}
