# posixtestsuite: the Open POSIX Test Suite's conformance tests for threads,
# semaphores, clocks and timers, signals and scheduling, as a test target
# (docs/posix-tests.md). It installs nothing: build compiles and links every
# selected test as a dev executable, check runs them in dev mode and as spt
# images and writes the per-area counts. Both are done by ./pts, the runner
# that `make check-posix` and tests/packages/posixtestsuite.test also use.
DEB_NAME=posixtestsuite
DEB_VERSION=1.5.2-8
DEB_SHA256=1274ac7c66a1d428bfda26a89a1fc52952af5939d4a405a95c3f23d8220e2ab0
DEPENDS=
PATCHES=()

PTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pts

# pts ARGS...: the runner on the work tree, with objects and results beside it
# (build/packages/posixtestsuite/out: a new build reuses the last one's
# objects). PTS_ARGS adds options or directories, e.g.
# PTS_ARGS="--timeout 60 sem_*" (split on spaces, not globbed here).
pts() {
    local extra=()
    read -ra extra <<<"${PTS_ARGS:-}"
    "$PTS" --src "$WORK_SRC" --out "${WORK_SRC%/*}/out" --jobs "$JOBS" "$@" "${extra[@]}"
}

build() {
    pts --mode build
}

# Dev mode and spt mode; out/summary.txt holds the tables. Conformance
# failures do not fail the step (images have no threads yet); a broken run does.
check() {
    pts --mode both
    cat "${WORK_SRC%/*}/out/summary.txt"
}

install() {
    echo "posixtestsuite is a test target: nothing to install"
}
