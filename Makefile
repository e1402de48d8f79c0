# remote-cluster-wizard: set-up, build, test and demo.
#   make demo   run the wizard against the built-in simulated clusters
#   make test   run every test (unit, integration against the simulator, tmux end-to-end)
#   make probe ARGS="--proxy-address HOST:9443 --ca ca.crt"   TLS preflight to a remote cluster server
#   make status ARGS="--url https://HOST:9200 --user elastic"  remote connections of a cluster

SWIFT       ?= swift
BINARY      := .build/debug/remote-cluster-wizard
SYSTEM_DEPS := libncurses-dev libcurl4-openssl-dev tmux openssl curl
# kubectl for the Kubernetes tests (the simulator serves the Kubernetes API to it): Debian's
# package only when no kubectl is on PATH (any other kubectl, e.g. Google's, is kept).
KUBECTL         ?= kubectl
KUBECTL_PACKAGE := kubernetes-client

.PHONY: deps build test demo clean format probe status simulate

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
	rm -rf .build
