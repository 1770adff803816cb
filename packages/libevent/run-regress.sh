#!/bin/bash
# run-regress.sh REGRESS [TEST-PATTERN...]: runs libevent's regress suite one
# test per process (`regress --no-fork NAME`), which stands in for tinytest's
# fork-per-test isolation (fork fails with ENOSYS on this target). Tests that
# need fork themselves are skipped (packages/libevent/NOTES.md says why), as
# are the ones upstream leaves off by default. Prints one line per test and
# a summary "regress: N passed, N failed, N skipped"; exits 1 if any failed.
#
#   REGRESS_RUN="x86_64-unikernel-run --mem=64 regress.spt --"  runs each test
#             through this prefix instead (REGRESS is then only used to list)
#   REGRESS_TIMEOUT=SECONDS  per test (default 60)
#   REGRESS_SKIP="NAME:REASON ..."  more tests to skip (REASON without spaces)
#   TEST-PATTERN  a test's name, or GROUP.. for a group (main..); each must
#             match something
set -u
regress=$1; shift
timeout_s=${REGRESS_TIMEOUT:-60}

# name:reason, for tests that call fork() themselves.
skips=(
    "main/fork:forks a child to test event_reinit after fork"
    "thread/forking:forks a child to test event_reinit with threads and SIGCHLD"
    "util/log:forks a child per event_err/event_errx/event_sock_err call to check its exit status"
)
for s in ${REGRESS_SKIP:-}; do skips+=("$s"); done
# name:reason, for tests whose own verdict counts: what fails after it is an
# artefact of running without fork (the same happens with the host's gcc and
# glibc).
verdict_only=(
    "main/mm_functions:replaces malloc/free and never restores them, so libevent_global_shutdown() at exit frees pre-test memory through the test's guarded free; in a forked child that exit never runs"
)
skip_reason() {
    local s
    for s in "${skips[@]}"; do
        [ "${s%%:*}" = "$1" ] && { echo "${s#*:}"; return 0; }
    done
    return 1
}
verdict_only_reason() {
    local s
    for s in "${verdict_only[@]}"; do
        [ "${s%%:*}" = "$1" ] && { echo "${s#*:}"; return 0; }
    done
    return 1
}

# The test list; "(Off by default)" and "(DISABLED)" ones are left out as
# upstream's make check leaves them out.
mapfile -t tests < <("$regress" --list-tests | awk '/^    [a-z]/ && NF == 1 { print $1 }')
((${#tests[@]})) || { echo "run-regress: no tests listed by $regress" >&2; exit 2; }
if (($#)); then
    sel=()
    for p in "$@"; do
        n=0
        for t in "${tests[@]}"; do
            case $p in *..) [[ $t == "${p%..}/"* ]] || continue ;;
                        *) [ "$t" = "$p" ] || continue ;; esac
            sel+=("$t"); n=$((n + 1))
        done
        ((n)) || { echo "run-regress: no test matches $p" >&2; exit 2; }
    done
    tests=("${sel[@]}")
fi

pass=0 fail=0 skip=0 failed=()
for t in "${tests[@]}"; do
    if reason=$(skip_reason "$t"); then
        echo "$t: SKIPPED (recipe: $reason)"; skip=$((skip + 1)); continue
    fi
    # shellcheck disable=SC2086
    out=$(timeout -k 5 "$timeout_s" ${REGRESS_RUN:-$regress} --no-fork "$t" 2>&1 </dev/null)
    rc=$?
    # tinytest's own summary: "1 tests ok.  (0 skipped)", "0 tests ok.  (1 skipped)";
    # the test's verdict line may be interleaved with what the test prints.
    if grep -q '^0 tests ok\.  (1 skipped)' <<<"$out"; then verdict=SKIPPED
    elif grep -q '^1 tests ok\.  (0 skipped)' <<<"$out"; then verdict=OK
    else verdict=FAILED; fi
    if ((rc == 0)) && [ $verdict = SKIPPED ]; then
        echo "$t: SKIPPED (by the test)"; skip=$((skip + 1))
    elif ((rc == 0)) && [ $verdict = OK ]; then
        echo "$t: OK"; pass=$((pass + 1))
    elif [ $verdict = OK ] && reason=$(verdict_only_reason "$t"); then
        echo "$t: OK (exit status $rc after the verdict ignored: $reason)"; pass=$((pass + 1))
    else
        case $rc in 124|137) why="timed out after ${timeout_s}s" ;;
                    *) why="exit status $rc" ;; esac
        echo "$t: FAILED ($why)"
        printf '%s\n' "$out" | sed 's/^/    | /' | tail -n 15
        fail=$((fail + 1)); failed+=("$t")
    fi
done
echo "regress: $pass passed, $fail failed, $skip skipped (of ${#tests[@]})"
((fail == 0)) || { echo "failed: ${failed[*]}"; exit 1; }
