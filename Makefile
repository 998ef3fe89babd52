# The two commands: `make run` (the app with its mock backend) and `make test` (every test).
# Both run the idempotent set-up first; see scripts/setup.sh.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/scripts/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

SERVER := target/server/mock-server

.PHONY: visual-backstop run test setup setup-browsers test-browsers wasm-test-firefox build bundle-check bundle bundle-floor server sizes fmt-check lint unit wasm-test e2e e2e-verify e2e-update bench api-check fmt clean

## make run: build the release bundle and serve it with the mock backend on $PORT (8080).
run: setup build
	exec $(SERVER) --dist dist

## make test: formatting, lints, unit and component tests (Chromium, then Firefox), the Playwright
## suite, then the WebDriver suite in Firefox and WebKit. Only the test command sets up those
## browsers (setup-browsers), never `make run`.
test: setup fmt-check lint unit wasm-test wasm-test-firefox bundle-check e2e test-browsers

setup:
	@scripts/setup.sh

## Firefox ESR, geckodriver, WebKitGTK and Xvfb: only for the tests, so `make run` never waits on them.
setup-browsers:
	@scripts/setup-browsers.sh

build: bundle server sizes

## Fails when the brotli bundle grew over 5% past docs/bundle-baseline.json (docs/PERFORMANCE.md).
bundle-check: build
	node scripts/bundle-check.mjs dist

bundle:
	trunk build --release
	node scripts/precompress.mjs dist

server:
	cargo build --profile server -p mock-server

sizes:
	@node scripts/sizes.mjs dist

fmt-check:
	cargo fmt --all -- --check
	leptosfmt --check src

lint:
	cargo clippy --workspace --exclude partner-center-licenses --all-targets -- -D warnings
	cargo clippy -p partner-center-licenses --target wasm32-unknown-unknown --all-targets -- -D warnings
	# The licensing crate's tests use proptest, which has no wasm32 randomness: its library only.
	cargo clippy -p licensing --target wasm32-unknown-unknown --lib -- -D warnings

unit:
	cargo test -p licensing -p mock-server -p loadgen -p i18n-build

wasm-test:
	cargo test -p partner-center-licenses --target wasm32-unknown-unknown

## The same component tests in headless Firefox. wasm-bindgen-test-runner would take GECKODRIVER
## over CHROMEDRIVER anyway; dropping CHROMEDRIVER makes the choice plain.
wasm-test-firefox: setup-browsers
	env -u CHROMEDRIVER GECKODRIVER=$(HOME)/.cargo/bin/geckodriver \
	  cargo test -p partner-center-licenses --target wasm32-unknown-unknown

## The Playwright suite against a fresh server on a free port; writes missing baselines locally.
e2e: build
	node tests/e2e/scripts/run-e2e.mjs

## Firefox ESR (headless) and WebKitGTK (MiniBrowser under Xvfb) through WebDriver: the seed's flow
## and its baselines in tests/browsers/__screenshots__/<engine>/ (tests/browsers/run.mjs).
test-browsers: setup-browsers build
	node --test-reporter=spec tests/browsers/run.mjs

## CI's second run: never writes baselines, so one that is not pixel-stable fails.
e2e-verify: build
	node tests/e2e/scripts/run-e2e.mjs --update-snapshots=none

## Re-record every baseline after a deliberate visual change; review them before committing.
e2e-update: build
	node tests/e2e/scripts/run-e2e.mjs --update-snapshots=all

## Prints the figures of docs/PERFORMANCE.md with their budgets (a benchmark: never fails on speed).
bench: build
	cargo build --profile server -p loadgen
	node tests/e2e/scripts/bench.mjs

## BackstopJS over every screen of GET /api/testing/pages against a fresh server: a reference,
## then two tests with 0 mismatches (tests/visual/run.mjs). Not in make test (see README).
visual-backstop: build
	cd tests/visual && { [ -d node_modules ] || PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund; }
	node tests/visual/run.mjs

## The API against its OpenAPI document: schemathesis (PyPI, in .venv-api) for at most
## API_CHECK_SECONDS (120) against a fresh mock server; fails on any disagreement. Not in make test.
api-check: setup server
	scripts/api-check.sh

## The stack's own share of the bundle budget: the smallest Leptos + leptos_router + gloo-net +
## serde_json app (crates/bundle-floor), built like the app. About 3 minutes cold; not in make test.
bundle-floor:
	cd crates/bundle-floor && trunk build --release
	node scripts/sizes.mjs crates/bundle-floor/dist

fmt:
	cargo fmt --all
	leptosfmt src

clean:
	cargo clean
	rm -rf dist

## make fuzz: every cargo-fuzz target of crates/mock-server/fuzz for $(FUZZ_SECONDS) s each (not
## part of make test). Uses nightly when installed (AddressSanitizer on); otherwise the pinned
## stable with RUSTC_BOOTSTRAP=1 and no sanitizer (-s none), which cargo-fuzz needs on stable.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := session_request license_update batch_request user_patch subscription_patch user_query
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@cd crates/mock-server/fuzz && \
	if rustup toolchain list | grep -q '^nightly'; then \
	  fuzz="cargo +nightly fuzz"; sanitizer=""; echo "fuzz: nightly, AddressSanitizer"; \
	else \
	  export RUSTC_BOOTSTRAP=1; fuzz="cargo fuzz"; sanitizer="-s none"; echo "fuzz: stable, RUSTC_BOOTSTRAP=1, no sanitizer"; \
	fi; \
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$target; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  $$fuzz run $$sanitizer $$target corpus/$$target seeds/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -dict=json.dict -print_final_stats=1 2>&1 \
	    | grep -E '^(#[0-9]+.*(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|==[0-9]+==ERROR|thread .* panicked)' || true; \
	  test "$${PIPESTATUS[0]}" -eq 0 || { echo "fuzz: $$target found a crash: see crates/mock-server/fuzz/artifacts/$$target"; exit 1; }; \
	done
