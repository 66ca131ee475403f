# Townhall. `make run` starts the demo town; `make test` runs every test.
# PocketBase v0.40 needs Go 1.27: GOTOOLCHAIN=auto lets an older `go`
# download it once through the Go module proxy.
export GOTOOLCHAIN := auto

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BINARY  := townhall
LDFLAGS := -s -w -X main.version=$(VERSION)
ADDR    ?= 127.0.0.1:8090

.PHONY: build run test test-deps test-go test-browser bench storm lint i18n clean

## build: compile the single binary ./townhall
build:
	go build -trimpath -ldflags '$(LDFLAGS)' -o $(BINARY) .

## run: build, migrate, seed the demo town on first start, serve on $(ADDR)
run: build
	./$(BINARY) serve --dir ./pb_data --http $(ADDR)

## test: every Go test (real SQLite) and the browser tests (real Chromium),
## after installing what is missing (see test-deps)
test: test-deps
	@$(MAKE) --no-print-directory test-go test-browser

## test-deps: install what the tests need when missing: gcc, Node.js, npm,
## Chromium and fonts through apt-get (sudo when not root)
test-deps:
	./scripts/install-test-deps.sh

test-go:
	go test -race -count=1 -timeout 30m ./...

test-browser: build
	cd tests/browser && npm ci --no-audit --no-fund && node --test

## bench: benchmarks; figures are printed, then BenchmarkFlat's table of
## p50 by stored requests (TOWNHALL_BENCH_MILLION=1 adds a million), the
## cached article beside a bare PocketBase, and the storm day at 100,000
## stored requests (and at a million with TOWNHALL_BENCH_MILLION=1), see README
bench: SHELL := /bin/bash
bench: .SHELLFLAGS := -o pipefail -c
bench: build
	go test -run '^$$' -bench . -benchmem -count=1 ./... | go run ./scripts/benchtable
	./scripts/bench.sh
	./scripts/storm.sh 100000
	if [ "$${TOWNHALL_BENCH_MILLION:-}" = 1 ]; then ./scripts/storm.sh 1000000; fi

## storm: the storm-day run (scripts/storm.sh): one core, GOMEMLIMIT, 100,000
## stored requests (STORM_REQUESTS=1000000 for the opt-in million)
storm:
	./scripts/storm.sh $${STORM_REQUESTS:-100000}

## lint: go vet, gofmt and staticcheck (fetched through the module proxy)
lint:
	go vet ./...
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

## i18n: check that every locale has every message (also part of make test)
i18n:
	go test -count=1 -run 'TestLocales' ./internal/i18n/

clean:
	rm -f $(BINARY)
