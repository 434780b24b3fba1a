//! `percus-check TEMPLATE_DIR... [--json]`: checks template packages as a
//! player would load them, for template pipelines to gate on. For each
//! folder: the manifest (every problem with its JSON path), its bindings
//! against the Lottie file, the captions, every file the template needs
//! listed in `assets` with the right size and SHA-256, and the animation's
//! compatibility report (what is not drawn, every expression). Exit status
//! 0 when every template would play, 1 when one would not, 2 on usage.
//! `--write-hint` writes the build each good template needs into its
//! manifest's `player` key (player-boot.js loads that build straight away),
//! changing nothing else in the file. A `.lottie` file instead of a folder
//! is checked as the package `percus-import` makes of it (in a temporary
//! folder, removed after), with the import's notes.

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
use player::dotlottie::{ImportError, Note};
use player::lottie::Composition;
use player::sha256::{hex, sha256};

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
        let lottie = dir.ends_with(".lottie");
        let (mut result, notes) = if lottie {
            check_lottie(Path::new(dir))
        } else {
            (check_package(Path::new(dir)), Vec::new())
        };
        ok &= result.ok();
        if write_hint && !lottie && result.ok() && !result.hint_right() {
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
        let notes_json = notes.iter().map(|n| {
            let mut note = Map::new();
            note.insert("code", Value::from(n.code));
            note.insert("name", Value::from(n.name.as_str()));
            Value::Object(note)
        });
        if as_json {
            let mut json = result.to_json();
            if let (true, Value::Object(object)) = (lottie, &mut json) {
                object.insert("importNotes", Value::Array(notes_json.collect()));
            }
            all.insert(dir.clone(), json);
        } else {
            print!("{dir}\n{}", result.to_text());
            for note in &notes {
                println!("import note: {} {}", note.code, note.name);
            }
            println!();
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

/// A .lottie file checked as the package `percus-import` makes of it:
/// written to a temporary folder, checked there, removed; an import error
/// is the check's error, with a problem naming what it is about.
fn check_lottie(file: &Path) -> (Check, Vec<Note>) {
    let imported = std::fs::read(file)
        .map_err(|_| ImportError {
            code: "template-not-found",
            name: String::new(),
        })
        .and_then(|bytes| player::dotlottie::import(&bytes, None));
    let imported = match imported {
        Ok(imported) => imported,
        Err(error) => {
            let problem = Problem {
                code: error.code,
                path: String::from("lottie"),
                name: error.name,
            };
            let check = Check {
                error: Some(error.code),
                problems: vec![problem],
                ..Check::default()
            };
            return (check, Vec::new());
        }
    };
    // A folder of our own: `create_dir` makes a new one or fails (a name
    // taken, by a folder or a link someone planted, is skipped, never
    // emptied or followed).
    let base = format!(
        "percus-check-lottie-{}-{}",
        std::process::id(),
        file.file_stem().and_then(|s| s.to_str()).unwrap_or("file")
    );
    let dir = (0..1000)
        .map(|n| std::env::temp_dir().join(format!("{base}-{n}")))
        .find(|dir| std::fs::create_dir(dir).is_ok());
    let Some(dir) = dir else {
        let check = Check {
            error: Some("template-not-found"),
            ..Check::default()
        };
        return (check, imported.notes);
    };
    let written = imported.files.iter().all(|(path, data)| {
        let path = dir.join(path);
        path.parent()
            .is_none_or(|parent| std::fs::create_dir_all(parent).is_ok())
            && std::fs::write(path, data).is_ok()
    });
    let check = if written {
        check_package(&dir)
    } else {
        Check {
            error: Some("template-not-found"),
            ..Check::default()
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    (check, imported.notes)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

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
    fn a_lottie_is_checked_as_the_package_it_becomes() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dotlottie");
        for name in ["v1-heart.lottie", "v2-bouncy-ball.lottie"] {
            let (result, notes) = check_lottie(&fixtures.join(name));
            assert!(
                result.ok() && result.hint_right(),
                "{name}: {}",
                result.to_text()
            );
            assert!(notes.iter().any(|n| n.code == "other-animations"));
        }
        let missing = check_lottie(&fixtures.join("missing.lottie")).0;
        assert_eq!(missing.error, Some("template-not-found"));
        let not_zip =
            std::env::temp_dir().join(format!("percus-check-{}.lottie", std::process::id()));
        std::fs::write(&not_zip, "{}").unwrap();
        let (result, _) = check_lottie(&not_zip);
        assert_eq!(result.error, Some("not-a-zip"));
        let _ = std::fs::remove_file(&not_zip);
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
