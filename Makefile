# remote-cluster-wizard: set-up, build, test and demo.
#   make demo   run the wizard against the built-in simulated clusters
#   make test   run every test (unit, integration against the simulator, tmux end-to-end)
#   make probe ARGS="--proxy-address HOST:9443 --ca ca.crt"   TLS preflight to a remote cluster server
#   make status ARGS="--url https://HOST:9200 --user elastic"  remote connections of a cluster
#   make fuzz   run every parser fuzz target under libFuzzer (FUZZ_SECONDS each; not part of CI)
#   make benchmark   plan validation time against plan size only (make bench runs it too)
#   make release   the shipped binary, .build/release/remote-cluster-wizard (Swift runtime linked in)
#   make install   it into $(PREFIX)/bin, with the man pages and completions (PREFIX=/usr/local; DESTDIR)
#   make bench     the performance suite: every figure with its median, spread and target
#   make man          man pages, one per subcommand, into .build/man (swift-argument-parser's plugin)
#   make completions  bash, zsh and fish completion scripts into .build/completions
#   make screenshots   PNG images of the main screens (from the real binary in tmux) into screenshots/

SWIFT       ?= swift
BINARY      := .build/debug/remote-cluster-wizard
RELEASE_BINARY := .build/release/remote-cluster-wizard
PREFIX      ?= /usr/local
BENCH_OUT   := Benchmarks/.build/bench-results
SYSTEM_DEPS := libncurses-dev libcurl4-openssl-dev tmux openssl curl
# kubectl for the Kubernetes tests (the simulator serves the Kubernetes API to it): Debian's
# package only when no kubectl is on PATH (any other kubectl, e.g. Google's, is kept).
KUBECTL         ?= kubectl
KUBECTL_PACKAGE := kubernetes-client
# What `make screenshots` draws with: Debian's Python with Pillow and the DejaVu fonts.
SCREENSHOT_DEPS := tmux python3-pil fonts-dejavu-core
SCREENSHOT_PYTHON ?= /usr/bin/python3

FUZZ_SECONDS ?= 120
FUZZ_TARGETS ?= json yaml plan pem api-key host-port url response terminal
FUZZ_BUILD   := .build-fuzz
FUZZ_BINARY  := $(FUZZ_BUILD)/release/fuzz-parsers

.PHONY: deps build test demo clean format probe status simulate fuzz benchmark release install bench \
  man completions completion-scripts uninstall screenshots

DESTDIR         ?=
# make man documents the debug build (the help is the same in every configuration).
MAN_CONFIGURATION ?= debug
MAN_OUT         := .build/man
COMPLETIONS_OUT := .build/completions
SUBCOMMANDS     := wizard apply undo status probe manifests demo simulate
# What make install installs: the shipped binary (make release); INSTALL_FROM=debug installs the
# debug build instead (CI checks the layout that way without a release build).
INSTALL_FROM    ?= release
INSTALL_BINARY  := .build/$(INSTALL_FROM)/remote-cluster-wizard

## Install the system packages the build and the tests need (Debian/Ubuntu).
deps:
	@missing=""; \
	for p in $(SYSTEM_DEPS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	command -v $(KUBECTL) >/dev/null 2>&1 || missing="$$missing $(KUBECTL_PACKAGE)"; \
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
	$(SWIFT) build -c release --static-swift-stdlib $(RELEASE_SECTIONS) --product remote-cluster-wizard

# Every function (and C global) in its own section, for every package: the link can then place
# the functions that run at start together (Benchmarks/startup-order.txt).
# Without it most Swift code comes as one section per source file, which the ordering moves whole.
RELEASE_SECTIONS := -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xcc -fdata-sections

## Install the shipped binary into $(DESTDIR)$(PREFIX)/bin, without its debugging information,
## its man pages into share/man/man1 and its bash, zsh and fish completion scripts.
install: $(if $(filter release,$(INSTALL_FROM)),release,build) man
	$(MAKE) completion-scripts BINARY=$(INSTALL_BINARY)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 $(INSTALL_BINARY) $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard
	strip --strip-debug $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard
	install -m 0644 $(MAN_OUT)/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 $(COMPLETIONS_OUT)/remote-cluster-wizard.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/remote-cluster-wizard
	install -m 0644 $(COMPLETIONS_OUT)/_remote-cluster-wizard $(DESTDIR)$(PREFIX)/share/zsh/site-functions/
	install -m 0644 $(COMPLETIONS_OUT)/remote-cluster-wizard.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/

## The performance suite (Benchmarks/, its own package): in-process figures with package-benchmark,
## whole-process figures of the shipped binary with hyperfine and a pseudo-terminal driver; prints
## every figure with its median, spread and target, and writes them as Markdown for BENCHMARKS.md.
bench: SYSTEM_DEPS += hyperfine time
bench: release
	rm -rf $(BENCH_OUT) && mkdir -p $(BENCH_OUT)/in-process
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark \
	  --format histogramSamples --path .build/bench-results/in-process --no-progress
	cd Benchmarks && $(SWIFT) build -c release --product whole-process-bench
	cd Benchmarks && $(SWIFT) build -c release --product PlanValidationBenchmark
	Benchmarks/.build/release/PlanValidationBenchmark > $(BENCH_OUT)/plan-validation.txt
	Benchmarks/.build/release/whole-process-bench --binary $(CURDIR)/$(RELEASE_BINARY) \
	  --in-process $(BENCH_OUT)/in-process --plan-validation $(BENCH_OUT)/plan-validation.txt \
	  --markdown $(BENCH_OUT)/figures.md $(BENCH_ARGS)

## PNG images of the main screens, taken from the real binary in tmux (autoplay brings it to each
## screen), drawn cell by cell with DejaVu Sans Mono into screenshots/.
screenshots: build
	@$(MAKE) --no-print-directory deps SYSTEM_DEPS="$(SCREENSHOT_DEPS)"
	$(SCREENSHOT_PYTHON) scripts/screenshots.py $(BINARY) screenshots

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

## One man page per subcommand (and one for the tool), made by the generate-manual plugin of the
## pinned swift-argument-parser from the binary's own help; works offline. MAN_CONFIGURATION=release
## documents a release build (make install does that).
man: deps
	$(SWIFT) package generate-manual --multi-page --configuration $(MAN_CONFIGURATION)
	rm -rf $(MAN_OUT) && mkdir -p $(MAN_OUT)
	cp .build/plugins/GenerateManual/outputs/remote-cluster-wizard/*.1 $(MAN_OUT)/
	rm -f $(MAN_OUT)/remote-cluster-wizard.help.1
	@for page in remote-cluster-wizard $(addprefix remote-cluster-wizard.,$(SUBCOMMANDS)); do \
	  test -s $(MAN_OUT)/$$page.1 || { echo "missing man page $$page.1"; exit 1; }; \
	done; echo "Man pages in $(MAN_OUT): $$(ls $(MAN_OUT) | tr '\n' ' ')"

## Completion scripts for bash, zsh and fish (they complete files for --ca, --plan, --out and the
## other file options, fault names for --faults, kubeconfig contexts for --context).
completions: build completion-scripts

# The scripts from $(BINARY) as it is (make install points BINARY at the configuration it installs).
completion-scripts:
	mkdir -p $(COMPLETIONS_OUT)
	$(BINARY) --generate-completion-script bash > $(COMPLETIONS_OUT)/remote-cluster-wizard.bash
	$(BINARY) --generate-completion-script zsh > $(COMPLETIONS_OUT)/_remote-cluster-wizard
	$(BINARY) --generate-completion-script fish > $(COMPLETIONS_OUT)/remote-cluster-wizard.fish

## Removes what make install put under $(DESTDIR)$(PREFIX).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard $(DESTDIR)$(PREFIX)/share/man/man1/remote-cluster-wizard*.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/remote-cluster-wizard \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_remote-cluster-wizard \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/remote-cluster-wizard.fish

## Fuzz every parser of outside data for FUZZ_SECONDS each (default 120) with libFuzzer.
## Corpora live in .build-fuzz/corpus/TARGET (seeded from Tests/RemoteClusterKitTests/FuzzRegressions);
## a crash is saved as .build-fuzz/crashes/TARGET/crash-*: copy it into FuzzRegressions/TARGET/
## and fix the parser. Reproduce one with: .build/debug/fuzz-parsers TARGET FILE
## (lld links it: gold fails on the instrumented objects.)
fuzz: deps
	$(SWIFT) build -c release --scratch-path $(FUZZ_BUILD) --product fuzz-parsers \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	@status=0; for target in $(FUZZ_TARGETS); do \
	  corpus=$(FUZZ_BUILD)/corpus/$$target; crashes=$(FUZZ_BUILD)/crashes/$$target; \
	  mkdir -p $$corpus $$crashes; \
	  cp -n Tests/RemoteClusterKitTests/FuzzRegressions/$$target/* $$corpus/ 2>/dev/null || true; \
	  echo "== fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  FUZZ_TARGET=$$target SWIFT_BACKTRACE=enable=no $(FUZZ_BINARY) $$corpus -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -timeout=10 -rss_limit_mb=4096 -artifact_prefix=$$crashes/ -print_final_stats=1 || status=1; \
	done; exit $$status

## Plan validation time for growing plans up to 5 MB: the figures show whether it stays linear
## (part of the suite in Benchmarks/; make bench prints it under the figures).
benchmark: deps
	cd Benchmarks && $(SWIFT) run -c release PlanValidationBenchmark

clean:
	rm -rf .build $(FUZZ_BUILD) Benchmarks/.build
