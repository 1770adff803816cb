# Tenders: the host side that loads and runs an image (runtime/tenders/BACKEND).
tenders:

.PHONY: tenders
