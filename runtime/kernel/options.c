/* Runtime options: the key=value words before "--" on the command line
 * (docs/runtime-options.md). Boot hands each one here; the kernel's parts
 * read theirs with uk_option(). An option nobody knows stops the boot. */
#include "kernel.h"

#define MAX_OPTIONS 64

/* Every key the kernel understands. A key ending in '.' is a family:
 * "env." takes any NAME after it. */
static const char *const known[] = {
	"env.", "hostname", "cwd", "rootfs", "dns", "ip", "gateway", "ip6", "gateway6", "dhcp-wait",
};

static struct {
	const char *key;    /* points into the command line */
	size_t key_len;
	const char *value;
} options[MAX_OPTIONS];
static int count;

static int key_is(const char *key, size_t len, const char *name)
{
	size_t n = uk_strlen(name);
	if (n && name[n - 1] == '.')
		return len > n && memcmp(key, name, n) == 0;
	return len == n && memcmp(key, name, n) == 0;
}

int uk_option_add(const char *word)
{
	const char *eq = word;
	while (*eq && *eq != '=')
		eq++;
	if (!*eq || eq == word || count == MAX_OPTIONS)
		return -1;
	size_t len = (size_t)(eq - word);
	for (unsigned i = 0; i < sizeof known / sizeof known[0]; i++)
		if (key_is(word, len, known[i])) {
			options[count].key = word;
			options[count].key_len = len;
			options[count].value = eq + 1;
			count++;
			return 0;
		}
	return -1;
}

/* The last value given for KEY (a later word overrides an earlier one). */
const char *uk_option(const char *key)
{
	size_t n = uk_strlen(key);
	for (int i = count - 1; i >= 0; i--)
		if (options[i].key_len == n && memcmp(options[i].key, key, n) == 0)
			return options[i].value;
	return 0;
}

/* The i-th value of a repeatable KEY (dns=...), or 0 past the last. */
const char *uk_option_nth(const char *key, int nth)
{
	size_t n = uk_strlen(key);
	for (int i = 0; i < count; i++)
		if (options[i].key_len == n && memcmp(options[i].key, key, n) == 0 && nth-- == 0)
			return options[i].value;
	return 0;
}

const char *uk_hostname(void)
{
	const char *h = uk_option("hostname");
	return h && *h ? h : "unikernel";
}
