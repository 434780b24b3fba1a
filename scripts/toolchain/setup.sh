#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) needs. Idempotent and
# quick when everything is there. Downloads only from package registries:
# rustup's target, crates.io, npm (from package-lock.json), Debian.
set -euo pipefail
cd "$(dirname "$0")/../.."
# cargo install puts binaries in $CARGO_HOME/bin; rustup's proxies stay in
# ~/.cargo/bin when CARGO_HOME points elsewhere (.ci/run's fresh cache).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; SECONDS=0; }
# After a long step: how long it took (a first run on a new machine waits
# minutes here; cargo's "Compiling …" lines are the progress meanwhile).
took() { printf '== %s in %d s\n' "$*" "$SECONDS"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate pinned in Cargo.toml.
want=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  step "cargo install wasm-bindgen-cli $want: built from source, once (about 2.5 minutes on 2 cores)"
  # --locked first; without it when a locked dependency was yanked (as
  # webpki-roots 1.0.11, which 0.2.130's lock file names, was).
  cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
  took "wasm-bindgen-cli installed"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  took "npm packages installed"
fi

if [ "${1:-}" = "--browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # Same fallback fonts on every machine, so text renders the same.
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  [ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    took "installed ${missing[*]}"
  fi
fi
