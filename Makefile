# Two commands do everything on a fresh Debian machine with a Swift 6 toolchain:
#   make demo   — install packages if missing, build in release, run audit on the shipped real data
#   make test   — install packages if missing, run the test suites
SWIFT ?= swift
AUDIT := .build/release/audit

.PHONY: demo test deps build release clean

deps:
	@scripts/install-deps.sh

release: deps
	$(SWIFT) build -c release --product audit

demo: release
	@AUDIT=$(AUDIT) scripts/demo.sh

test: deps
	$(SWIFT) test
	python3 -m unittest tools/test_import_datasets.py
	python3 -m unittest tools/test_fuzz_readers.py
	python3 tools/check_claims.py

clean:
	rm -rf .build
