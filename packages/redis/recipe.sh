# redis: the in-memory data store. Builds redis-server, redis-cli and
# redis-benchmark (and the vendored hiredis, lua, linenoise, hdr_histogram)
# with the toolchain; no jemalloc, no TLS, no systemd. Notes: NOTES.md.
DEB_NAME=redis
DEB_VERSION=5:7.0.15-1~deb12u10
DEB_SHA256=6416560d9f6e692a524867d8a437d97c9310c374a70d0bac1fee9259bf5e9463
DEPENDS=
PATCHES=()
redis_recipe_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The same variables for every make run: redis's Makefile remembers its flags
# in src/.make-settings and rebuilds everything (deps too) when they change.
# uname says Linux, which is the right code path (-pthread -ldl -lrt, epoll).
# AR/RANLIB reach deps/lua, whose Makefile would use the host's otherwise.
redis_make() {
    make MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no V=1 \
        CC="$CC" AR="$AR" RANLIB="$RANLIB" OPTIMIZATION=-O2 "$@"
}

build() {
    redis_make -j"$JOBS" all
    # The programs are the target's: they carry the program object images
    # are baked from.
    for p in redis-server redis-cli redis-benchmark; do
        "$OBJDUMP" -h "src/$p" | grep -q '\.unikernel\.program' || { echo "src/$p is not a target program"; exit 1; }
    done
}

# redis's own Tcl suite (runtest, on the host's tclsh) drives the dev
# redis-server: it starts servers itself, one or more per test group.
# REDIS_TESTS overrides the selection of files ("all": every file). Left
# out: tests that need fork (ENOSYS here): the tags needs:repl and repl
# (groups that make a replica, whose first sync is a BGSAVE), and the tests
# fork-tests.awk finds (BGSAVE, BGREWRITEAOF, AOF switched on, replication
# streams), given to --skipfile with REDIS_SKIP_TESTS. Not selected: files
# whose groups switch AOF on or make replicas outside any test (unit/aofrw,
# unit/wait, integration/aof*, replication*, psync2*, block-repl, failover,
# shutdown) and integration/dismiss-mem (every test forks); unit/tls needs
# a TLS build. One runtest per file, so that one file's trouble does not
# end the rest; check.log has a line per file and a total.
REDIS_CHECK_TESTS="unit/printver unit/dump unit/auth unit/protocol unit/keyspace unit/scan
  unit/info unit/info-command unit/type/string unit/type/incr unit/type/list unit/type/list-2
  unit/type/list-3 unit/type/set unit/type/zset unit/type/hash unit/type/stream
  unit/type/stream-cgroups unit/sort unit/expire unit/other unit/multi unit/quit unit/acl
  unit/acl-v2 unit/latency-monitor unit/pubsub unit/pubsubshard unit/slowlog unit/scripting
  unit/functions unit/maxmemory unit/introspection unit/introspection-2 unit/limits
  unit/obuf-limits unit/bitops unit/bitfield unit/geo unit/memefficiency unit/hyperloglog
  unit/lazyfree unit/pause unit/querybuf unit/pendingquerybuf unit/tracking
  unit/oom-score-adj unit/shutdown unit/networking unit/cluster unit/client-eviction
  unit/violations unit/replybufsize unit/cluster-scripting unit/cluster/misc unit/cluster/links
  integration/rdb integration/corrupt-dump integration/corrupt-dump-fuzzer
  integration/convert-zipmap-hash-on-load integration/convert-ziplist-hash-on-load
  integration/convert-ziplist-zset-on-load integration/logging integration/redis-cli
  integration/redis-benchmark"
# Tests that fork-tests.awk does not find, each with its reason.
REDIS_SKIP_TESTS=(
    "GETEX use of PERSIST option should remove TTL after loadaof"  # AOF was switched on by the test before it (skipped)
    "/^Consumer group last ID propagation to slave"                 # its group makes a replica (BGSAVE)
    "/^Replication tests of XCLAIM with deleted entries"            # its group makes a replica (BGSAVE)
    "slave buffer are counted correctly"                            # makes a replica (in a helper proc)
    "replica buffer don't induce eviction"                          # makes a replica (in a helper proc)
)
check() {
    if ! command -v tclsh >/dev/null; then
        echo "redis-check: SKIPPED: no tclsh on the host (apt-get install tcl)"
        return 0
    fi
    local tests=${REDIS_TESTS:-$REDIS_CHECK_TESTS} t log rc ok err exc skipped total_ok=0 total_bad=0 total_skipped=0 failed=()
    [ "$tests" != all ] ||
        tests=$(awk '/set ::all_tests \{/ { f = 1; next } f && /\}/ { exit } f { print $1 }' tests/test_helper.tcl)
    find tests/unit tests/integration -name '*.tcl' | sort | xargs -n1 awk -f "$redis_recipe_dir/fork-tests.awk" | sort -u >fork-tests.txt
    printf '%s\n' "${REDIS_SKIP_TESTS[@]}" >>fork-tests.txt
    echo "redis-check: $(wc -l <fork-tests.txt) tests need fork and are skipped (fork-tests.txt)"
    mkdir -p check-logs
    # Ports: a range of our own, so that runs side by side (other trees'
    # checks) rarely meet; runtest still probes each port before use.
    local base=$((21111 + RANDOM % 10 * 1100))
    for t in $tests; do
        log=check-logs/${t//\//_}.log
        rc=0
        timeout 900 ./runtest --clients 1 --baseport $base --portcount 1000 --single "$t" \
            --tags "-needs:repl -repl" --skipfile fork-tests.txt \
            --timeout 120 >"$log" 2>&1 || rc=$?
        sed -i 's/\x1b\[[0-9;]*m//g' "$log"
        ok=$(grep -c '^\[ok\]' "$log" || true)
        err=$(grep -c '^\[err\]' "$log" || true)
        exc=$(grep -c '^\[exception\]' "$log" || true)
        skipped=$(grep -c '^\[skip\]' "$log" || true)
        [ "$rc" = 0 ] || [ "$err" != 0 ] || [ "$exc" != 0 ] || exc=1     # ended some other way
        echo "redis-check: $t: $ok ok, $err err, $exc exception, $skipped skipped"
        total_ok=$((total_ok + ok)) total_bad=$((total_bad + err + exc)) total_skipped=$((total_skipped + skipped))
        if [ "$rc" != 0 ]; then
            failed+=("$t")
            grep -A3 -E '^\[(err|exception)\]' "$log" | head -20 || tail -20 "$log"
        fi
    done
    echo "redis-check: total: $total_ok ok, $total_bad failed, $total_skipped skipped (need fork)"
    [ ${#failed[@]} = 0 ] || { echo "redis-check: failed: ${failed[*]}"; return 1; }
}

# The programs into <sysroot>/bin, and the configuration images use
# (docs: NOTES.md) into <sysroot>/share/redis.
install() {
    redis_make install PREFIX="$PREFIX"
    mkdir -p "$PREFIX/share/redis"
    cp "$redis_recipe_dir/redis.conf" "$PREFIX/share/redis/redis-unikernel.conf"
}
