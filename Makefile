# remote-cluster-wizard: set-up, build, test and demo.
#   make demo   run the wizard against the built-in simulated clusters
#   make test   run every test (unit, integration against the simulator, tmux end-to-end)
#   make probe ARGS="--proxy-address HOST:9443 --ca ca.crt"   TLS preflight to a remote cluster server
#   make status ARGS="--url https://HOST:9200 --user elastic"  remote connections of a cluster
#   make release   the shipped binary, .build/release/remote-cluster-wizard (Swift runtime linked in)
#   make install   install it into $(PREFIX)/bin (PREFIX=/usr/local; DESTDIR for staging)
#   make bench     the performance suite: every figure with its median, spread and target

SWIFT       ?= swift
BINARY      := .build/debug/remote-cluster-wizard
RELEASE_BINARY := .build/release/remote-cluster-wizard
PREFIX      ?= /usr/local
BENCH_OUT   := Benchmarks/.build/bench-results
SYSTEM_DEPS := libncurses-dev libcurl4-openssl-dev tmux openssl curl

.PHONY: deps build test demo clean format probe status simulate release install bench

## Install the system packages the build and the tests need (Debian/Ubuntu).
deps:
	@missing=""; \
	for p in $(SYSTEM_DEPS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Install them with: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

## Build the tool.
build: deps
	$(SWIFT) build

## Build everything and run all tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## The shipped binary: optimised, with the Swift runtime and Foundation linked in statically, so it
## starts fast and needs no Swift libraries on the machine it is copied to.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product remote-cluster-wizard

## Install the shipped binary into $(DESTDIR)$(PREFIX)/bin, without its debugging information.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BINARY) $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard
	strip --strip-debug $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard

## The performance suite (Benchmarks/, its own package): in-process figures with package-benchmark,
## whole-process figures of the shipped binary with hyperfine and a pseudo-terminal driver; prints
## every figure with its median, spread and target, and writes them as Markdown for BENCHMARKS.md.
bench: SYSTEM_DEPS += hyperfine
bench: release
	rm -rf $(BENCH_OUT) && mkdir -p $(BENCH_OUT)/in-process
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark \
	  --format histogramSamples --path .build/bench-results/in-process --no-progress
	cd Benchmarks && $(SWIFT) build -c release --product whole-process-bench
	Benchmarks/.build/release/whole-process-bench --binary $(CURDIR)/$(RELEASE_BINARY) \
	  --in-process $(BENCH_OUT)/in-process --markdown $(BENCH_OUT)/figures.md $(BENCH_ARGS)

## Run the wizard against the built-in simulated local and remote clusters.
demo: build
	$(BINARY) demo

## TLS preflight to a remote cluster server (pass the options in ARGS).
probe: build
	$(BINARY) probe $(ARGS)

## The remote connections of a cluster (pass the options in ARGS; password in ES_PASSWORD).
status: build
	$(BINARY) status $(ARGS)

## Simulated local and remote clusters on loopback until Ctrl-C (e.g. ARGS="--faults http-500").
simulate: build
	$(BINARY) simulate $(ARGS)

clean:
	rm -rf .build Benchmarks/.build
