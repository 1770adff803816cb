#!/bin/sh
# The installed program prints what it should.
out=$($GREET unikernel) || exit 1
[ "$out" = "Hello, unikernel!" ] || { echo "unexpected output: $out"; exit 1; }
out=$($GREET) || exit 1
[ "$out" = "Hello, world!" ] || { echo "unexpected output: $out"; exit 1; }
$GREET --platform | grep -qx 'accept4: yes' || { echo "accept4 not found"; exit 1; }
echo "ok"
