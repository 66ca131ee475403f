#!/usr/bin/env bash
# Installs what `make test` needs and is missing, so that a machine with only
# git, make and Go can run it: gcc (go test -race needs cgo), Node.js and npm
# (the browser tests), Debian's Chromium and the DejaVu fonts (the browser the
# tests drive). Debian packages come through apt-get, with sudo when not root;
# the npm packages are installed by `npm ci` in the test-browser target.
# stripe-mock (the payments tests' Stripe API) comes through go install.
# Does nothing when everything is already there.
set -euo pipefail

need=()
command -v gcc >/dev/null || need+=(gcc)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "make test needs: ${need[*]} (and Node.js 20 or later); install them, then run make test again." >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "installing ${need[*]} needs root or sudo" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "make test: installing ${need[*]} with apt-get"
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${need[@]}" >/dev/null
fi

major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
if [ "$major" -lt 20 ]; then
  echo "the browser tests need Node.js 20 or later; this machine has $(node --version)" >&2
  exit 1
fi

# stripe-mock, Stripe's own API mock server: the payments tests start it on a
# loopback port (and fail in CI without it). Pinned; go install puts it in
# GOBIN or GOPATH/bin, where the tests look for it.
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
if ! command -v stripe-mock >/dev/null && [ ! -x "$gobin/stripe-mock" ]; then
  echo "make test: installing stripe-mock v0.203.0 with go install"
  go install github.com/stripe/stripe-mock@v0.203.0
fi
