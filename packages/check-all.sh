#!/bin/bash
# make check-packages: every recipe with its project's full test suite
# (recipe.sh NAME: fetch, build, check, install), then its image smoke test
# (packages/NAME/smoke.sh, when there is one; run with the toolchain on PATH,
# it exits 77 to be skipped, e.g. without root for a tap). One line per
# package, then the closing line CI reads: N passed, N failed, N skipped.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
toolchain=$(cd "${UK_TOOLCHAIN:-$top/build}" && pwd)
work=${UK_WORK:-$top/build/packages}
logs=$work/check-all
mkdir -p "$logs"
export PATH=$toolchain/bin:$PATH

passed=0 failed=0 skipped=0
for recipe in "$top"/packages/*/recipe.sh; do
    dir=${recipe%/recipe.sh}; name=${dir##*/}
    log=$logs/$name.log
    start=$SECONDS
    if ! "$top/packages/recipe.sh" "$name" >"$log" 2>&1; then
        failed=$((failed + 1)); echo "FAIL  $name: build or test suite (log: $log)"
        tail -n 15 "$log" | sed 's/^/      | /'
        continue
    fi
    rc=0
    if [ -x "$dir/smoke.sh" ]; then
        # PKG_SRC: the recipe's built tree (build/packages/NAME/src)
        (cd "$logs" && PKG_SRC=$work/$name/src timeout 900 "$dir/smoke.sh") >>"$log" 2>&1 </dev/null || rc=$?
    fi
    case $rc in
    0) passed=$((passed + 1)); echo "PASS  $name ($((SECONDS - start))s)" ;;
    77) skipped=$((skipped + 1)); echo "SKIP  $name: image smoke test: $(grep '^SKIP' "$log" | tail -1)" ;;
    *) failed=$((failed + 1)); echo "FAIL  $name: image smoke test (exit $rc; log: $log)"
       tail -n 15 "$log" | sed 's/^/      | /' ;;
    esac
done
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
