/* Prints the files named on its command line, as the image sees them. */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");
		if (!f) {
			printf("%s: missing\n", argv[i]);
			continue;
		}
		int c;
		while ((c = getc(f)) != EOF)
			putchar(c);
		fclose(f);
	}
	return 0;
}
