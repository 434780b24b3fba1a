//! `percus-check TEMPLATE_DIR... [--json]`: checks template packages as a
//! player would load them, for template pipelines to gate on. For each
//! folder: the manifest (every problem with its JSON path), its bindings
//! against the Lottie file, the captions, every file the template needs
//! listed in `assets` with the right size and SHA-256, and the animation's
//! compatibility report (what is not drawn, every expression). Exit status
//! 0 when every template would play, 1 when one would not, 2 on usage.
//! `--write-hint` writes the build each good template needs into its
//! manifest's `player` key (player-boot.js loads that build straight away),
//! changing nothing else in the file.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool printing reports on template files, never viewer data"
)]

use std::path::Path;
use std::process::ExitCode;

use binding_engine::json::{Map, Value};
use binding_engine::{is_package_path, Manifest, Problem};
use player::check::{build_name, check, Check};
use player::lottie::Composition;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let as_json = args.iter().any(|a| a == "--json");
    let write_hint = args.iter().any(|a| a == "--write-hint");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.is_empty() {
        eprintln!("usage: percus-check TEMPLATE_DIR... [--json] [--write-hint]");
        return ExitCode::from(2);
    }
    let mut ok = true;
    let mut all = Map::new();
    for dir in dirs {
        let mut result = check_package(Path::new(dir));
        ok &= result.ok();
        if write_hint && result.ok() && !result.hint_right() {
            let path = Path::new(dir).join("manifest.json");
            let written = std::fs::read_to_string(&path)
                .ok()
                .map(|text| with_hint(&text, build_name(result.player())))
                .is_some_and(|text| std::fs::write(&path, text).is_ok());
            if written {
                result.hint = Some(result.player());
            } else {
                eprintln!("{dir}: could not write the player hint");
                ok = false;
            }
        }
        if as_json {
            all.insert(dir.clone(), result.to_json());
        } else {
            print!("{dir}\n{}\n", result.to_text());
        }
    }
    if as_json {
        println!("{}", Value::Object(all));
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks the package in `dir`: its files' text through [`check`], then
/// its assets list against the files.
fn check_package(dir: &Path) -> Check {
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).ok();
    let Some(manifest_text) = read("manifest.json") else {
        return Check {
            error: Some("template-not-found"),
            ..Check::default()
        };
    };
    let manifest = Manifest::parse(&manifest_text).ok();
    let animation_path = manifest
        .as_ref()
        .map_or("animation.json", |m| m.animation.as_str());
    let animation = read(animation_path);
    let captions = manifest.as_ref().and_then(|m| m.captions.as_deref());
    let mut result = check(
        &manifest_text,
        animation.as_deref(),
        captions.and_then(&read).as_deref(),
    );
    if let (Some(manifest), None) = (&manifest, result.error) {
        let needed = needed_files(manifest, animation.as_deref());
        let assets = asset_problems(dir, manifest, &needed);
        if let Some(first) = assets.first() {
            result.error = Some(first.code);
        }
        result.problems.extend(assets);
    }
    result
}

/// Every file of the package a player fetches: the animation, captions,
/// video, and the font and image files the animation names.
fn needed_files(manifest: &Manifest, animation: Option<&str>) -> Vec<String> {
    let mut files = vec![manifest.animation.clone()];
    files.extend(manifest.captions.clone());
    files.extend(manifest.video.clone());
    if let Some(comp) = animation.and_then(|a| Composition::from_json(a).ok()) {
        files.extend(comp.fonts.iter().filter_map(|f| f.file.clone()));
        files.extend(comp.images.iter().filter_map(|i| i.file.clone()));
    }
    files.retain(|f| is_package_path(f));
    files.dedup();
    files
}

/// `asset-unlisted` for a needed file the manifest's `assets` lacks, and
/// `asset-integrity` for a listed file that is missing or whose size or
/// SHA-256 differ (as the player would refuse them).
fn asset_problems(dir: &Path, manifest: &Manifest, needed: &[String]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in needed {
        if manifest.asset(file).is_none() {
            problems.push(Problem {
                code: "asset-unlisted",
                path: "assets".into(),
                name: file.clone(),
            });
        }
    }
    for (i, asset) in manifest.assets.iter().enumerate() {
        let good = std::fs::read(dir.join(&asset.path)).is_ok_and(|bytes| {
            bytes.len() == asset.size as usize && hex(&sha256(&bytes)) == asset.sha256
        });
        if !good {
            problems.push(Problem {
                code: "asset-integrity",
                path: format!("assets[{i}]"),
                name: asset.path.clone(),
            });
        }
    }
    problems
}

/// `manifest` (a manifest's text) with its `player` key set to `build`:
/// the value replaced where the key is, else the key added first in the
/// root object; the rest of the text as it was. A `"player"` followed by
/// `:` can only be that key: in a JSON string a quote is escaped, and no
/// other object of a manifest may have a `player` key (unknown keys are
/// refused).
fn with_hint(manifest: &str, build: &str) -> String {
    let value = String::from("\"") + build + "\"";
    let mut from = 0;
    while let Some(at) = manifest
        .get(from..)
        .and_then(|rest| rest.find("\"player\""))
    {
        let key_end = from + at + "\"player\"".len();
        let after = manifest.get(key_end..).unwrap_or_default();
        let colon = after.len() - after.trim_start().len();
        if after.trim_start().starts_with(':') {
            let value_at = key_end + colon + 1;
            let rest = manifest.get(value_at..).unwrap_or_default();
            let start = value_at + rest.len() - rest.trim_start().len();
            // The old value: a string (lite, full or a mistake) or a literal.
            let old = manifest.get(start..).unwrap_or_default();
            let len = if let Some(inner) = old.strip_prefix('"') {
                inner.find('"').map_or(old.len(), |end| end + 2)
            } else {
                old.find([',', '}', '\n']).unwrap_or(old.len())
            };
            return String::from(manifest.get(..start).unwrap_or_default())
                + &value
                + manifest.get(start + len..).unwrap_or_default();
        }
        from = key_end;
    }
    match manifest.find('{') {
        Some(brace) => {
            String::from(manifest.get(..=brace).unwrap_or_default())
                + "\n  \"player\": "
                + &value
                + ","
                + manifest.get(brace + 1..).unwrap_or_default()
        }
        None => manifest.to_owned(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (FIPS 180-4), as the player checks assets with SubtleCrypto.
#[allow(
    clippy::indexing_slicing,
    reason = "fixed-size arrays indexed within their loop bounds"
)]
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (hash, value) in h.iter_mut().zip(v) {
            *hash = hash.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(h) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // Two blocks.
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn the_hint_is_written_into_the_text_as_it_was() {
        let plain = "{\n  \"version\": 1,\n  \"description\": \"the \\\"player\\\": x\"\n}\n";
        let added = with_hint(plain, "full");
        assert_eq!(
            added,
            "{\n  \"player\": \"full\",\n  \"version\": 1,\n  \"description\": \"the \\\"player\\\": x\"\n}\n"
        );
        assert_eq!(
            with_hint(&added, "lite"),
            added.replace("\"full\"", "\"lite\"")
        );
        let odd = "{\"version\": 1, \"player\" :  \"medium\", \"name\": \"t\"}";
        assert_eq!(
            with_hint(odd, "lite"),
            "{\"version\": 1, \"player\" :  \"lite\", \"name\": \"t\"}"
        );
        let literal = "{\"player\": 3}";
        assert_eq!(with_hint(literal, "lite"), "{\"player\": \"lite\"}");
        for text in [plain, &added, odd, literal] {
            let written = with_hint(text, "full");
            let parsed = binding_engine::json::parse(&written).unwrap();
            let root = parsed.as_object().unwrap();
            assert_eq!(root.get("player").and_then(Value::as_str), Some("full"));
        }
    }

    #[test]
    fn the_demo_templates_pass_and_a_tampered_copy_does_not() {
        let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/templates");
        for name in ["greeting", "balance", "footage", "member", "badge"] {
            let result = check_package(&templates.join(name));
            assert!(result.ok(), "{name}: {}", result.to_text());
            // The page loads the player each needs straight away.
            assert!(result.hint_right(), "{name}: {}", result.to_text());
        }
        // A copy of "member" with a changed image and an unlisted font.
        let copy = std::env::temp_dir().join(format!("percus-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&copy);
        std::fs::create_dir_all(copy.join("images")).unwrap();
        let member = templates.join("member");
        let manifest = std::fs::read_to_string(member.join("manifest.json")).unwrap();
        let unlisted = manifest.replace(
            "\"path\": \"fonts/DejaVuSans-Bold.woff\"",
            "\"path\": \"fonts/other.woff\"",
        );
        std::fs::write(copy.join("manifest.json"), unlisted).unwrap();
        std::fs::copy(member.join("animation.json"), copy.join("animation.json")).unwrap();
        std::fs::write(copy.join("images/avatar.png"), b"not the image").unwrap();
        let result = check_package(&copy);
        let found: Vec<_> = result
            .problems
            .iter()
            .map(|p| (p.code, p.name.as_str()))
            .collect();
        assert!(!result.ok());
        assert!(
            found.contains(&("asset-unlisted", "fonts/DejaVuSans-Bold.woff")),
            "{found:?}"
        );
        assert!(
            found.contains(&("asset-integrity", "images/avatar.png")),
            "{found:?}"
        );
        assert!(
            found.contains(&("asset-integrity", "fonts/other.woff")),
            "{found:?}"
        );
        let _ = std::fs::remove_dir_all(&copy);
    }
}
