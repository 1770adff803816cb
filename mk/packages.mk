# packages/: recipes that build third-party projects with the toolchain.
packages: toolchain
	@$(MAKE) -C packages all

.PHONY: packages

# Every recipe with its project's full test suite and its image smoke test
# (packages/check-all.sh); make check runs only what fits its time.
check-packages: toolchain
	packages/check-all.sh

.PHONY: check-packages
