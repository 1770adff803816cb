# packages/: recipes that build third-party projects with the toolchain.
packages:
	@$(MAKE) -C packages all

.PHONY: packages
