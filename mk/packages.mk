# packages/: recipes that build third-party projects with the toolchain.
packages: toolchain
	@$(MAKE) -C packages all

.PHONY: packages
