/* greet.h: the sample library's interface. */
#ifndef GREET_H
#define GREET_H
int greet(const char *name, char *buf, unsigned long size);
#endif
