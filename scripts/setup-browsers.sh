#!/usr/bin/env bash
# The extra engines of `make test-browsers` (issue 19), installed only for the test command, not
# for `make run`: Firefox ESR with a pinned geckodriver (crates.io), WebKitGTK's WebKitWebDriver
# and MiniBrowser with Xvfb and xdotool (which gives its window the focus) from Debian, and the
# WebDriver suite's npm packages. Idempotent: only what is missing is installed, so a warm run
# takes a second. Nothing comes from GitHub: the npm client is told where every driver and
# browser is, so it downloads none.
set -euo pipefail
cd "$(dirname "$0")/.."

GECKODRIVER_VERSION=0.37.1
APT_PACKAGES=(firefox-esr webkit2gtk-driver xvfb xdotool)

export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
started=$(date +%s)

step "Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, Xvfb, xdotool (Debian packages)"
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
fi

step "geckodriver $GECKODRIVER_VERSION (crates.io; compiling takes 5 to 10 minutes the first time)"
if geckodriver --version 2>/dev/null | grep -q "geckodriver $GECKODRIVER_VERSION"; then
  ok "geckodriver $GECKODRIVER_VERSION"
else
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

step "WebDriver suite (npm; downloads no driver or browser)"
dir=tests/browsers
if [ -d "$dir/node_modules" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
  ok "$dir/node_modules"
else
  (cd "$dir" && SE_OFFLINE=true WDIO_SKIP_DRIVER_SETUP=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --loglevel=error)
fi

printf '\n\033[1mBrowser set-up complete in %ss.\033[0m\n' "$(( $(date +%s) - started ))"
