#!/usr/bin/env bash
# Builds the shipped wasm of the player and the embed SDK into www/pkg/:
# release profile (opt-level z, LTO, panic=abort), wasm-bindgen --target web,
# wasm-opt -Oz (binaryen from npm), short import names and minified glue
# (scripts/toolchain/minify-glue.mjs). Prints the shipped sizes at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"


# Panic locations name the files of crates.io crates by their absolute
# path in the Cargo cache: remapped, the shipped bytes do not depend on
# where CARGO_HOME is (tests/sizes.test.mjs measures them; .ci/run uses a
# fresh cache in a temporary folder). They are never shown (the player's
# panic hook prints nothing; the SDK's shipped build has no panic
# machinery), so every path is also made short: crates.io's registry
# folder and the workspace's crates by a letter.
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
# The shadow stack: 256 KiB instead of rustc's 1 MiB, which was most of
# the player's wasm memory (issue 25, item 4). The deepest the player goes
# is 78 KiB (precomps 32 deep, each with a track matte: the evaluator's
# limit), 17 KiB on any file of both corpora; docs/limits.md.
STACK_SIZE=262144
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$registry=/crates \
  --remap-path-prefix=$registry/index.crates.io-1949cf8c6b5b557f=/c \
  --remap-path-prefix=player/src=p --remap-path-prefix=binding-engine/src=b \
  --remap-path-prefix=embed-sdk/src=e \
  -C link-arg=-zstack-size=$STACK_SIZE"
# The features rustc enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

build() { # crate-lib-name out-dir
  local wasm="target/wasm32-unknown-unknown/release/$1.wasm" out="www/pkg/$2"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
  # --low-memory-unused: constant address offsets fold into loads and stores
  # (1 KB gzip less for the player; --converge repeats -Oz while it still
  # shrinks: 0.5 KB). Sound because the lowest KB of memory is
  # never addressed: rustc lays the stack out first, growing down from 256 KiB
  # towards 0, and the deepest recursion is bounded far above that (nesting
  # limits of the JSON parser and the evaluator; docs/limits.md).
  #
  # --flatten --rereloop -Oz, twice, after the first -Oz: binaryen's
  # relooper rebuilds each function's control flow from its flattened
  # blocks, which the next -Oz shrinks further than rustc's structure allows
  # (the lite player: -530 B gzip for the first round, -80 for the second,
  # nothing for a third; measured, not assumed). A last -Oz after the
  # second round's finds what that round's -Oz opened up: -166 B gzip for
  # the lite player, nothing more for another.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused "${features[@]}" \
    -Oz --flatten --rereloop -Oz --flatten --rereloop -Oz -Oz --strip-debug --strip-producers \
    -o "$out/$1_bg.wasm" "$out/$1_bg.wasm"
  # Short import names in the wasm and its glue, the glue minified.
  node scripts/toolchain/minify-glue.mjs "$out" "$1"
}
# The player page loads the lite player first and the full one only for
# templates that need it (player feature `full`, player/js/player-boot.js).
cargo build --release --target wasm32-unknown-unknown --lib -p player --no-default-features
build player player
cargo build --release --target wasm32-unknown-unknown --lib -p player
build player player-full
# The SDK on its own, so that the player's std does not reach it (feature
# `shipped`: no_std, embed-sdk/Cargo.toml).
cargo build --release --target wasm32-unknown-unknown --lib -p embed-sdk --features shipped
build percus_embed embed
# The frame page's build (player + FrameRenderer), not shipped to customers.
cargo build --release --target wasm32-unknown-unknown --lib -p player --features frame
build player frame
cp embed-sdk/js/percus-embed.d.ts embed-sdk/js/percus-video.d.ts embed-sdk/js/percus-react.d.ts \
  www/pkg/embed/
# The SDK's wasm inlined as base64, for bundlers that do not copy the wasm
# file (percus-embed.js loads it only when the file is not found).
node -e 'const [wasm, out] = process.argv.slice(1); const fs = require("fs");
fs.writeFileSync(out, "// The SDK wasm, for bundlers that do not copy assets (percus-embed.js).\nexport const wasm = \"" + fs.readFileSync(wasm).toString("base64") + "\";\n");' \
  www/pkg/embed/percus_embed_bg.wasm www/pkg/embed/percus_embed_inline.js
# The SDK's entries (`mount`, the <percus-video> element, the React
# component), minified: their comments are for us.
for entry in percus-embed percus-video percus-react; do
  # (directives=false: terser would drop "use client", which React
  # Server Components read.)
  node_modules/.bin/terser "embed-sdk/js/$entry.js" --module --compress directives=false --mangle -o "www/pkg/embed/$entry.js"
done
# The player page's script, minified: its comments are for us, not viewers.
node_modules/.bin/terser player/js/player-boot.js --module --compress --mangle -o www/pkg/player-boot.js
# And its style sheet (-83 B gzip: every byte of the page is in the lite budget).
node_modules/.bin/esbuild player/css/player.css --minify --log-level=warning --outfile=www/pkg/player.css

# The SDK as customers install it: `npm pack` of embed-sdk/package.json with
# the built files (target/percus-embed-<version>.tgz), unpacked into
# www/vendor/@percus/embed/ for the demo page, which uses it as a customer's
# page would.
package=target/embed-package
rm -rf "$package" www/vendor/@percus/embed target/percus-embed-*.tgz
mkdir -p "$package" www/vendor/@percus/embed
cp embed-sdk/package.json embed-sdk/README.md www/pkg/embed/* "$package/"
tarball=$(cd "$package" && npm pack --silent --pack-destination ..)
tar -xzf "target/$tarball" -C www/vendor/@percus/embed --strip-components=1

# No eval or Function constructor may reach a page with our CSP.
if grep -lE '\beval\(|new Function\(' www/pkg/player/*.js www/pkg/player-full/*.js www/pkg/embed/*.js www/pkg/frame/*.js www/vendor/@percus/embed/*.js; then
  echo "error: generated JS uses eval or new Function" >&2
  exit 1
fi

node scripts/lib/sizes.mjs
