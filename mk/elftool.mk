# x86_64-unikernel-elftool (libelf): writes and checks Solo5 ABI and manifest notes.
elftool:

.PHONY: elftool
