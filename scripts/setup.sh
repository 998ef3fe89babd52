#!/usr/bin/env bash
# One idempotent set-up step for `make run` and `make test`: installs only what is missing, from
# package registries only (crates.io, npm, Debian), and says what it is doing. A cold run takes
# about 25 minutes on a 2-core machine, most of it compiling trunk; a warm run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
SCHEMATHESIS_VERSION=4.32.5
# The exact wasm-bindgen pin of Cargo.toml: the CLI must match the library byte for byte.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
APT_PACKAGES=(chromium chromium-driver)

export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
started=$(date +%s)

step "Rust toolchain and the wasm32 target (rust-toolchain.toml)"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  ok "wasm32-unknown-unknown"
else
  rustup target add wasm32-unknown-unknown
fi

step "Chromium, ChromeDriver and fonts (Debian packages)"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "${APT_PACKAGES[*]}"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "    installing ${missing[*]} (a few minutes)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fc-cache -f >/dev/null 2>&1 || true
fi

cargo_tool() { # name, version, crate, version command, extra install flags...
  local bin=$1 version=$2 crate=$3 probe=$4
  shift 4
  if command -v "$bin" >/dev/null 2>&1 && $probe 2>/dev/null | grep -q "$version"; then
    ok "$bin $version"
  else
    echo "    cargo install $crate $version (compiling from crates.io; progress below)"
    cargo install "$crate" --version "$version" "$@"
  fi
}

step "trunk $TRUNK_VERSION (about 20 minutes the first time)"
cargo_tool trunk "$TRUNK_VERSION" trunk "trunk --version" --locked

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes the first time)"
# Not --locked: its lockfile names versions the registry mirror may not carry yet.
cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli "wasm-bindgen --version"

step "leptosfmt $LEPTOSFMT_VERSION"
cargo_tool leptosfmt "$LEPTOSFMT_VERSION" leptosfmt "leptosfmt --version" --locked

npm_install() { # folder
  if [ -d "$1/node_modules" ] && [ "$1/node_modules/.package-lock.json" -nt "$1/package-lock.json" ]; then
    ok "$1/node_modules"
  else
    echo "    npm ci in $1"
    (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

step "wasm-opt 132 (npm binaryen; Debian's 108 builds a wasm that crashes)"
npm_install scripts

step "Playwright test suite (npm; uses Debian's Chromium, downloads no browser)"
npm_install tests/e2e

step "schemathesis $SCHEMATHESIS_VERSION for make api-check (PyPI, in .venv-api)"
if .venv-api/bin/schemathesis --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  ok "schemathesis $SCHEMATHESIS_VERSION"
elif ! command -v python3 >/dev/null 2>&1; then
  # Only make api-check needs it: the rest of the set-up goes on.
  echo "    skipped: no python3 here (make api-check needs it)"
else
  python3 -m venv .venv-api
  .venv-api/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

printf '\n\033[1mSet-up complete in %ss.\033[0m\n' "$(( $(date +%s) - started ))"
