#include "guest.h"
GUEST_MAIN
{
	puts_("hello from guest: ");
	puts_(bi->cmdline);
	puts_("\n");
	exit_((int)arg_num(bi->cmdline, "status", 0));
}
