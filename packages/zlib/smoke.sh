#!/bin/bash
# zlib's example and minigzip, built by the recipe, as spt images: example's
# self-test passes, and a file compressed by the image decompresses on the
# host to the same bytes.
set -eu
src=${PKG_SRC:?set to the recipe build tree}
cp "$src/example" "$src/minigzip" .
x86_64-unikernel-bake spt example
x86_64-unikernel-bake spt minigzip
x86_64-unikernel-run --mem=64 example.spt | tee example.out
grep -q "inflate with dictionary" example.out
head -c 200000 /dev/urandom | base64 >data
mkdir -p root && cp data root/
x86_64-unikernel-bake spt minigzip -o minigzip-root.spt --rootfs root
x86_64-unikernel-run --mem=64 minigzip-root.spt -- -c /data >data.gz
gunzip -c data.gz | cmp - data
echo "ok: example passes and minigzip's output decompresses on the host"
