//! .lottie files into template packages (`player::dotlottie`), end to
//! end natively: the fixtures in tests/dotlottie/ (NOTICE.md says what
//! they are made from) and .lottie files built here from corpus
//! animations import into packages that the check accepts (every asset
//! listed with its size and SHA-256), whose theme choice sets each
//! theme's slot values when bound and drawn; and files that point outside
//! the package, or are not dotLotties, are refused with their codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use binding_engine::format::PlainFormatter;
use binding_engine::json::{Map, Value};
use player::check::check;
use player::dotlottie::{import, zip, Imported};
use player::eval::evaluate;
use player::geometry::Affine;
use player::recording::RecordingBackend;
use player::sha256::{hex, sha256};
use player::template::Template;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/dotlottie")
            .join(name),
    )
    .unwrap()
}

fn corpus(name: &str) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    ["corpus/lottie", "corpus2/lottie"]
        .iter()
        .map(|dir| root.join(dir).join(name))
        .find_map(|path: PathBuf| std::fs::read_to_string(path).ok())
}

fn file<'a>(imported: &'a Imported, path: &str) -> &'a [u8] {
    &imported.files.iter().find(|(p, _)| p == path).unwrap().1
}

fn text(imported: &Imported, path: &str) -> String {
    String::from_utf8(file(imported, path).to_vec()).unwrap()
}

/// The package passes the check, and lists every other file with its size
/// and hash.
fn assert_accepted(imported: &Imported) -> Template {
    let manifest = text(imported, "manifest.json");
    let animation = text(imported, "animation.json");
    let result = check(&manifest, Some(&animation), None);
    assert!(result.ok(), "{}", result.to_text());
    assert!(result.hint_right(), "{}", result.to_text());
    let parsed = Template::parse_manifest(&manifest).unwrap();
    assert_eq!(parsed.assets.len(), imported.files.len() - 1);
    for asset in &parsed.assets {
        let data = file(imported, &asset.path);
        assert_eq!(asset.size as usize, data.len());
        assert_eq!(asset.sha256, hex(&sha256(data)));
    }
    Template::new(parsed, &animation).unwrap()
}

fn drawn(template: &Template, data: &Map, frame: f64) -> String {
    let bound = template.bind(data, &mut PlainFormatter).unwrap();
    let list = evaluate(
        &template.composition,
        frame,
        &bound.overrides,
        Affine::IDENTITY,
    );
    let mut rec = RecordingBackend::default();
    list.replay(&mut rec, None);
    rec.text()
}

fn notes(imported: &Imported) -> Vec<(&str, &str)> {
    imported
        .notes
        .iter()
        .map(|n| (n.code, n.name.as_str()))
        .collect()
}

#[test]
fn a_v2_file_with_themes_becomes_a_choice_that_sets_the_slots() {
    let imported = import(&fixture("v2-bouncy-ball.lottie"), None).unwrap();
    assert_eq!(imported.animation, "bouncy_ball");
    let found = notes(&imported);
    for expected in [
        ("theme-rule-skipped", "dark/ball_position (Position)"),
        ("theme-rule-skipped", "light/ball_scale (Vector)"),
        ("theme-rule-skipped", "light/ball_opacity (Scalar)"),
        ("other-animations", "text"),
    ] {
        assert!(found.contains(&expected), "{found:?}");
    }
    let template = assert_accepted(&imported);
    let theme = &template.manifest.fields[0];
    assert_eq!(
        (theme.name.as_str(), &theme.options[..]),
        ("theme", &["dark".to_owned(), "light".to_owned()][..])
    );
    let with = |option: &str| {
        let mut data = Map::new();
        data.insert("theme", Value::from(option));
        drawn(&template, &data, 0.0)
    };
    let (dark, light, none) = (
        with("dark"),
        with("light"),
        drawn(&template, &Map::new(), 0.0),
    );
    assert_ne!(dark, light);
    // Without data the manifest's default (the file's initial theme).
    assert_eq!(none, dark);
    // The dark theme's colour, #1a1a1f, as the recording writes it.
    assert!(dark.contains("fill #1a1a1fff"), "{dark}");
    assert!(light.contains("fill #ffcc33ff"), "{light}");

    // The other animation: its text slot takes each theme's text.
    let imported = import(&fixture("v2-bouncy-ball.lottie"), Some("text")).unwrap();
    let template = assert_accepted(&imported);
    let mut data = Map::new();
    data.insert("theme", Value::from("light"));
    let light = drawn(&template, &data, 0.0);
    assert!(light.contains("Good morning"), "{light}");
    data.insert("theme", Value::from("dark"));
    assert!(drawn(&template, &data, 0.0).contains("Good night"));
}

#[test]
fn a_v1_file_keeps_its_image_as_a_package_file() {
    let imported = import(&fixture("v1-heart.lottie"), None).unwrap();
    assert_eq!(imported.animation, "heart");
    let image = file(&imported, "images/image_0.png");
    assert!(image.starts_with(b"\x89PNG"));
    let template = assert_accepted(&imported);
    assert_eq!(
        template.composition.images[0].file.as_deref(),
        Some("images/image_0.png")
    );
    // Its other animation, with a text layer: a text field and binding.
    let imported = import(&fixture("v1-heart.lottie"), Some("centered_text")).unwrap();
    let template = assert_accepted(&imported);
    let field = &template.manifest.fields[0];
    assert_eq!(field.name, "Text");
    let mut data = Map::new();
    data.insert("Text", Value::from("Jane"));
    assert!(drawn(&template, &data, 0.0).contains("Jane"));
}

/// Corpus animations with slots and text, packed as v2 files here.
#[test]
fn corpus_animations_packed_as_dotlotties_import() {
    let mut packed = 0;
    for name in [
        "lottie-spec__slots.json",
        "lottie-docs__slots.json",
        "dotlottie-rs__text.json",
        "lottie-android__centeredtext.json",
        "thorvg-example__slot0.json",
    ] {
        let Some(animation) = corpus(name) else {
            continue;
        };
        let manifest = r#"{"version":"2","animations":[{"id":"main"}]}"#;
        let zip = zip::write(
            &[
                ("manifest.json", manifest.as_bytes()),
                ("a/main.json", animation.as_bytes()),
            ],
            true,
        );
        let imported = import(&zip, None).unwrap();
        assert_accepted(&imported);
        packed += 1;
    }
    // The corpus is beside the repository on the machines that test it.
    assert!(packed > 0 || std::env::var_os("CI").is_some());
}

#[test]
fn files_pointing_outside_the_package_are_refused() {
    let animation = |u: &str, p: &str| {
        format!(
            r#"{{"v":"5.7.0","fr":30,"ip":0,"op":30,"w":10,"h":10,"layers":[],
               "assets":[{{"id":"img","w":10,"h":10,"u":"{u}","p":"{p}","e":0}}]}}"#
        )
    };
    let manifest = br#"{"version":"2","animations":[{"id":"x"}]}"#;
    for (u, p) in [
        ("https://example.com/", "a.png"),
        ("http://example.com/", "a.png"),
        ("//example.com/", "a.png"),
        ("/etc/", "a.png"),
        ("../", "a.png"),
        ("", "https://example.com/a.png"),
        ("file:///", "a.png"),
    ] {
        let json = animation(u, p);
        let zip = zip::write(
            &[("manifest.json", manifest), ("a/x.json", json.as_bytes())],
            false,
        );
        let error = import(&zip, None).unwrap_err();
        assert_eq!(
            (error.code, error.name.as_str()),
            ("url-outside-package", "img"),
            "{u}{p}"
        );
    }
    // A font file on the web: refused too.
    let json = r#"{"v":"5.7.0","fr":30,"ip":0,"op":30,"w":10,"h":10,"layers":[],
        "fonts":{"list":[{"fName":"A","fFamily":"Alpha","fPath":"https://fonts.example/a.css","origin":1}]}}"#;
    let zip = zip::write(
        &[("manifest.json", manifest), ("a/x.json", json.as_bytes())],
        false,
    );
    assert_eq!(import(&zip, None).unwrap_err().code, "url-outside-package");
    // An image the package lacks.
    let json = animation("/i/", "gone.png");
    let zip = zip::write(
        &[("manifest.json", manifest), ("a/x.json", json.as_bytes())],
        false,
    );
    assert_eq!(import(&zip, None).unwrap_err().code, "image-missing");
}

#[test]
fn what_is_not_a_dotlottie_gets_its_code() {
    assert_eq!(
        import(b"{\"v\":\"5.7\"}", None).unwrap_err().code,
        "not-a-zip"
    );
    let zip = zip::write(&[("animation.json", b"{}")], true);
    assert_eq!(import(&zip, None).unwrap_err().code, "not-a-dotlottie");
    let error = import(&fixture("v2-bouncy-ball.lottie"), Some("nope")).unwrap_err();
    assert_eq!(
        (error.code, error.name.as_str()),
        ("animation-missing", "nope")
    );
}

/// Every byte of the fixtures flipped in turn: an import error or a
/// package, never a panic.
#[test]
fn mangled_dotlotties_never_panic() {
    for name in ["v2-bouncy-ball.lottie", "v1-heart.lottie"] {
        let good = fixture(name);
        for i in (0..good.len()).step_by(if good.len() > 4000 { 7 } else { 1 }) {
            let mut bad = good.clone();
            bad[i] ^= 0xa5;
            let _ = import(&bad, None);
        }
    }
}

/// A file with more text layers than a manifest takes fields: the first
/// 200, noted, and the package still passes.
#[test]
fn many_text_layers_stop_at_the_caps() {
    let layer = |i: usize| {
        format!(
            r#"{{"ty":5,"nm":"Text {i}","ind":{i},"ip":0,"op":30,"st":0,"ks":{{}},
               "t":{{"d":{{"k":[{{"s":{{"t":"Hello","s":20,"f":"Sans","fc":[0,0,0],"j":0,"lh":24}},"t":0}}]}},
                     "p":{{}},"m":{{"a":{{"k":[0,0]}}}},"a":[]}}}}"#
        )
    };
    let layers: Vec<String> = (1..=300).map(layer).collect();
    let json = format!(
        r#"{{"v":"5.7.0","fr":30,"ip":0,"op":30,"w":100,"h":100,"layers":[{}],
           "fonts":{{"list":[{{"fName":"Sans","fFamily":"Sans","fStyle":"Regular","ascent":75}}]}}}}"#,
        layers.join(",")
    );
    let manifest = br#"{"version":"2","animations":[{"id":"x"}]}"#;
    let zip = zip::write(
        &[("manifest.json", manifest), ("a/x.json", json.as_bytes())],
        true,
    );
    let imported = import(&zip, None).unwrap();
    assert!(notes(&imported).contains(&("too-many-fields", "")));
    let template = assert_accepted(&imported);
    assert_eq!(template.manifest.fields.len(), 200);
    assert_eq!(template.manifest.fields[0].name, "Text_1");
}
