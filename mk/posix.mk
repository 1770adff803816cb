# make check-posix: the Open POSIX Test Suite's conformance tests for threads,
# semaphores, clocks and timers, signals and scheduling, built with the
# toolchain and run as dev executables and as spt images; prints the per-area
# counts, also in build/packages/posixtestsuite/out/summary.txt (docs/posix-tests.md).
# Never part of `make check` (tests/packages/posixtestsuite.test runs a subset).
#   make check-posix PTS_ARGS="--mode dev --timeout 60 'sem_*'"
check-posix: toolchain
	@packages/posixtestsuite/pts $(PTS_ARGS)

.PHONY: check-posix
