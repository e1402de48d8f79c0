# remote-cluster-wizard: set-up, build, test and demo.
#   make demo   run the wizard against the built-in simulated clusters
#   make test   run every test (unit, integration against the simulator, tmux end-to-end)
#   make probe ARGS="--proxy-address HOST:9443 --ca ca.crt"   TLS preflight to a remote cluster server
#   make status ARGS="--url https://HOST:9200 --user elastic"  remote connections of a cluster
#   make man          man pages, one per subcommand, into .build/man (swift-argument-parser's plugin)
#   make completions  bash, zsh and fish completion scripts into .build/completions
#   make install      binary, man pages and completions under PREFIX (default /usr/local)

SWIFT       ?= swift
BINARY      := .build/debug/remote-cluster-wizard
SYSTEM_DEPS := libncurses-dev libcurl4-openssl-dev tmux openssl curl

.PHONY: deps build test demo clean format probe status simulate man completions completion-scripts install uninstall

PREFIX          ?= /usr/local
DESTDIR         ?=
# The build configuration `make install` installs (and `make man` documents).
CONFIGURATION   ?= release
MAN_CONFIGURATION ?= debug
MAN_OUT         := .build/man
COMPLETIONS_OUT := .build/completions
SUBCOMMANDS     := apply undo status probe manifests demo simulate

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

## Installs the binary (CONFIGURATION, default release), the man pages and the completion scripts
## under $(DESTDIR)$(PREFIX).
install: deps
	$(SWIFT) build -c $(CONFIGURATION) --product remote-cluster-wizard
	$(MAKE) man completion-scripts MAN_CONFIGURATION=$(CONFIGURATION) BINARY="$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/remote-cluster-wizard"
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 "$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/remote-cluster-wizard" $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 $(MAN_OUT)/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 $(COMPLETIONS_OUT)/remote-cluster-wizard.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/remote-cluster-wizard
	install -m 0644 $(COMPLETIONS_OUT)/_remote-cluster-wizard $(DESTDIR)$(PREFIX)/share/zsh/site-functions/
	install -m 0644 $(COMPLETIONS_OUT)/remote-cluster-wizard.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/

## Removes what make install put under $(DESTDIR)$(PREFIX).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/remote-cluster-wizard $(DESTDIR)$(PREFIX)/share/man/man1/remote-cluster-wizard*.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/remote-cluster-wizard \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_remote-cluster-wizard \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/remote-cluster-wizard.fish

clean:
	rm -rf .build
