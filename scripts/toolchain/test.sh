#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest. Installs what it
# needs first (scripts/toolchain/setup.sh --browser). Each runner prints its summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
# cargo install puts binaries in $CARGO_HOME/bin; rustup's proxies stay in
# ~/.cargo/bin when CARGO_HOME points elsewhere (.ci/run's fresh cache).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

bash scripts/toolchain/setup.sh --browser

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (native)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "clippy (wasm32)"
# The SDK's `shipped` build is no_std: checked on its own (release, as
# shipped: no unwinding without std), apart from the player's std.
cargo clippy --workspace --all-targets --features player/frame --target wasm32-unknown-unknown -- -D warnings
cargo clippy --release --lib -p embed-sdk --features shipped --target wasm32-unknown-unknown -- -D warnings
# The lite player (no feature `full`), as the player page loads it first.
cargo clippy --release --lib -p player --no-default-features --target wasm32-unknown-unknown -- -D warnings

step "guard: no eval, Function constructor or innerHTML in shipped code"
if grep -rnE 'js_sys::eval|Function::new_|set_inner_html|innerHTML|\beval\(|new Function\(' \
  binding-engine/src player/src player/js embed-sdk/src embed-sdk/js www --include='*.rs' --include='*.js' --include='*.html' \
  | grep -v '^www/pkg/'; then
  echo "error: a Trusted Types sink or eval in shipped code (see the lines above)" >&2
  exit 1
fi

step "supply chain: licenses, the shipped wasm's dependencies, npm audit"
node scripts/toolchain/check-deps.mjs
# The packages customers install have no runtime dependencies; this fails
# when one appears with a known advisory.
npm audit --omit=dev

step "cargo test (native)"
cargo test --workspace
# The unit tests again in the lite build (crate::FULL false: its own code
# paths, and it refuses what it cannot draw); the full player's features'
# tests are ignored there, each with its reason. player/tests/lite_player.rs
# checks the split on the corpus.
cargo test -p player --no-default-features --lib
# Edited corpus files through the lite build's importer too (its own
# refusals and code paths; about 10 s).
cargo test -p player --no-default-features --test corpus_mutations
# The expression engine's core is not in the full player until it is
# connected (player/Cargo.toml): its own tests.
cargo test -p player --features expressions --lib expressions
cargo test -p player --features expressions --test expressions

step "wasm-bindgen-test in headless Chromium"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT=120
# (cargo builds the package's binaries for an integration test too: the
# native tools' .lottie import and hashing need feature `dotlottie` there.)
cargo test --target wasm32-unknown-unknown -p player -p embed-sdk --features player/dotlottie --test web

step "release build"
bash scripts/toolchain/build.sh

step "browser end-to-end tests"
node --test tests/
