//! A template checked as a whole, before any viewer sees it: the manifest
//! on its own, its bindings against the animation, its captions, and the
//! animation's compatibility report. For the designer preview
//! (www/preview.html) and the `percus-check` command. Uses the player's
//! own parsing and validation, so it cannot disagree with what a viewer's
//! player does. Not in the player's path; never sees viewer data.

use binding_engine::json::{Map, Value};
use binding_engine::Problem;

use crate::report::Report;
use crate::template::Template;

/// The two builds of the player (docs/templates.md, "Which player a
/// template gets"), as a manifest's `player` hint names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayerBuild {
    /// What most templates need: the page preloads it.
    Lite,
    /// Everything: effects, modifiers, videos, viewers' images, ….
    Full,
}

/// What is wrong with a template, if anything.
#[derive(Debug, Default)]
pub struct Check {
    /// The stable code a player would answer with (`manifest-invalid`,
    /// `template-mismatch`, `animation-syntax`…), when it would refuse the
    /// template.
    pub error: Option<&'static str>,
    /// Designer-facing problems, each with its JSON path in the manifest.
    pub problems: Vec<Problem>,
    /// The animation's compatibility report (features, what is not drawn,
    /// expressions).
    pub report: Report,
    /// When the template is good: what makes viewers' pages load the full
    /// player (after the lite one finds out), `None` when the lite player
    /// is all they load ([`crate::FULL`], docs/benchmarks.md).
    pub full_only: Option<&'static str>,
    /// The manifest's `player` hint, which player pages trust to load the
    /// right build straight away (`None`: no hint).
    pub hint: Option<PlayerBuild>,
}

/// Checks a template from its files' text: `animation` and `captions` as
/// the manifest names them (`None`: not found).
pub fn check(manifest: &str, animation: Option<&str>, captions: Option<&str>) -> Check {
    let mut result = Check {
        report: animation.map(Report::of).unwrap_or_default(),
        ..Check::default()
    };
    let fail = |result: &mut Check, error: crate::protocol::PlayerError| {
        result.error = Some(error.code);
        result.problems = error.problems;
    };
    let manifest_json = manifest;
    let manifest = match Template::parse_manifest(manifest) {
        Ok(manifest) => manifest,
        Err(error) => {
            fail(&mut result, error);
            return result;
        }
    };
    let Some(animation) = animation else {
        result.error = Some("animation-missing");
        return result;
    };
    let template = Template::new(manifest, animation);
    // (Actions and chapters: read by the full player only.)
    #[cfg(feature = "full")]
    let template = template.and_then(|template| template.with_interaction(manifest_json));
    #[cfg(not(feature = "full"))]
    let _ = manifest_json;
    let template = match template {
        Ok(template) => template,
        Err(error) => {
            fail(&mut result, error);
            return result;
        }
    };
    result.full_only = template.full_only();
    // The player reads the hint without judging it (a hint only: any
    // other value means "no hint", and the template still plays); a value
    // that is neither build is the designer's mistake, shown here.
    result.hint = match template.manifest.player.as_deref() {
        None => None,
        Some("lite") => Some(PlayerBuild::Lite),
        Some("full") => Some(PlayerBuild::Full),
        Some(_) => {
            result.problems.push(Problem {
                code: "bad-player",
                path: String::from("player"),
                name: String::new(),
            });
            None
        }
    };
    if template.manifest.captions.is_some() {
        match captions {
            Some(vtt) => {
                if let Err(error) = template.with_captions(vtt) {
                    fail(&mut result, error);
                }
            }
            None => result.error = Some("captions-missing"),
        }
    }
    result
}

impl Check {
    /// Whether a player would take the template.
    pub fn ok(&self) -> bool {
        self.error.is_none() && self.report.error.is_none()
    }

    /// The build viewers' players need (when the template is good).
    pub fn player(&self) -> PlayerBuild {
        match self.full_only {
            None => PlayerBuild::Lite,
            Some(_) => PlayerBuild::Full,
        }
    }

    /// Whether the manifest's `player` hint names the build it needs. A
    /// missing or wrong hint still plays, at a cost: the lite player loads
    /// first and hands over (or a full player loads for nothing).
    pub fn hint_right(&self) -> bool {
        self.hint == Some(self.player())
    }

    /// The check as JSON: `{ error, problems: [{code, path, name}], report }`.
    pub fn to_json(&self) -> Value {
        let problems = self
            .problems
            .iter()
            .map(|p| {
                let mut problem = Map::new();
                problem.insert("code", Value::from(p.code));
                problem.insert("path", Value::from(p.path.as_str()));
                problem.insert("name", Value::from(p.name.as_str()));
                Value::Object(problem)
            })
            .collect();
        let mut root = Map::new();
        root.insert("error", self.error.map_or(Value::Null, Value::from));
        root.insert("problems", Value::Array(problems));
        root.insert("report", self.report.to_json());
        root.insert("player", Value::from(build_name(self.player())));
        root.insert("fullOnly", self.full_only.map_or(Value::Null, Value::from));
        let hint = self
            .hint
            .map_or(Value::Null, |h| Value::from(build_name(h)));
        root.insert("playerHint", hint);
        root.insert("playerHintRight", Value::Bool(self.hint_right()));
        Value::Object(root)
    }

    /// The check as text, one finding a line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        match self.error {
            Some(code) => {
                out.push_str("error: ");
                out.push_str(code);
                out.push('\n');
            }
            None => {
                out.push_str("manifest and bindings: ok\n");
                match self.full_only {
                    None => out.push_str("player: lite (what most templates load)\n"),
                    Some(what) => {
                        out.push_str("player: full, for ");
                        out.push_str(what);
                        out.push('\n');
                    }
                }
                if !self.hint_right() {
                    let want = build_name(self.player());
                    out.push_str("player hint: ");
                    out.push_str(match self.hint {
                        None => "none",
                        Some(h) => build_name(h),
                    });
                    out.push_str(", should be \"");
                    out.push_str(want);
                    out.push_str(match self.player() {
                        PlayerBuild::Full => {
                            "\": viewers' pages load the lite player first, then this one"
                        }
                        PlayerBuild::Lite => {
                            "\": viewers' pages load the full player, larger than needed"
                        }
                    });
                    out.push_str(" (percus-check --write-hint writes it)\n");
                }
            }
        }
        for p in &self.problems {
            out.push_str(&p.to_string());
            out.push('\n');
        }
        out.push_str(&self.report.to_text());
        out
    }
}

/// `lite` or `full`, as the manifest's `player` says it.
pub fn build_name(build: PlayerBuild) -> &'static str {
    match build {
        PlayerBuild::Lite => "lite",
        PlayerBuild::Full => "full",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    const ANIMATION: &str = r#"{"w": 100, "h": 100, "fr": 30, "ip": 0, "op": 10, "layers": [
        {"ty": 5, "nm": "Name", "ind": 1, "ip": 0, "op": 10, "st": 0, "ks": {"o": {"k": 100}},
         "t": {"d": {"k": [{"t": 0, "s": {"t": "x", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}}]}"#;

    fn manifest(bindings: &str) -> String {
        String::from(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "who", "type": "text"}], "bindings": ["#,
        ) + bindings
            + "]}"
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "percus-check is built on the full player: its verdicts are the full importer's"
    )]
    fn a_good_template_passes_with_its_report() {
        let good = check(
            &manifest(r#"{"target": {"layer": "Name"}, "text": "{who}"}"#),
            Some(ANIMATION),
            None,
        );
        assert!(good.ok(), "{}", good.to_text());
        assert_eq!(good.report.expressions.len(), 0);
        assert_eq!(good.full_only, None);
        assert!(good.to_text().contains("player: lite"));
        let layer = r#"{"ty": 4, "nm": "Dot", "ef": [{"ty": 29, "ef": [{"v": {"k": 5}}, {"v": {"k": 1}}]}], "shapes": []}"#;
        let blurred = ANIMATION.replacen(
            "\"layers\": [",
            &(String::from("\"layers\": [") + layer + ","),
            1,
        );
        let full = check(
            &manifest(r#"{"target": {"layer": "Name"}, "text": "{who}"}"#),
            Some(&blurred),
            None,
        );
        assert_eq!(full.full_only, Some("effects"));
        assert!(full.to_text().contains("player: full, for effects"));
        // Expressions run in the full player; the report says which fall back.
        let scripted = ANIMATION.replacen(r#"{"k": 100}"#, r#"{"k": 100, "x": "wiggle(1, 2)"}"#, 1);
        let scripted = check(
            &manifest(r#"{"target": {"layer": "Name"}, "text": "{who}"}"#),
            Some(&scripted),
            None,
        );
        assert_eq!(scripted.full_only, Some("expressions"));
        assert_eq!(scripted.report.expressions.len(), 1);
        assert!(
            scripted
                .to_text()
                .contains("expression (static value drawn"),
            "{}",
            scripted.to_text()
        );
    }

    #[test]
    fn the_player_hint_is_checked_against_what_the_template_needs() {
        let binding = r#"{"target": {"layer": "Name"}, "text": "{who}"}"#;
        let with_hint = |hint: &str| {
            manifest(binding).replacen('{', &(String::from("{\"player\": ") + hint + ","), 1)
        };
        let none = check(&manifest(binding), Some(ANIMATION), None);
        assert_eq!((none.hint, none.hint_right()), (None, false));
        assert!(
            none.to_text()
                .contains("player hint: none, should be \"lite\""),
            "{}",
            none.to_text()
        );
        let right = check(&with_hint("\"lite\""), Some(ANIMATION), None);
        assert!(right.ok() && right.hint_right(), "{}", right.to_text());
        assert!(!right.to_text().contains("player hint"));
        let wrong = check(&with_hint("\"full\""), Some(ANIMATION), None);
        assert!(wrong.ok() && !wrong.hint_right());
        let json = wrong.to_json().to_string();
        assert!(
            json.contains(r#""playerHint":"full""#) && json.contains(r#""playerHintRight":false"#),
            "{json}"
        );
        // Not a build: shown, but it plays (as with no hint).
        let bad = check(&with_hint("\"medium\""), Some(ANIMATION), None);
        assert!(bad.ok() && bad.hint.is_none(), "{}", bad.to_text());
        assert_eq!(bad.problems[0].code, "bad-player");
        assert_eq!(bad.problems[0].path, "player");
    }

    #[test]
    fn problems_come_with_their_paths() {
        let mismatch = check(
            &manifest(r#"{"target": {"layer": "Nmae"}, "text": "{who}"}"#),
            Some(ANIMATION),
            None,
        );
        assert_eq!(mismatch.error, Some("template-mismatch"));
        assert_eq!(mismatch.problems[0].path, "bindings[0].target.layer");
        let json = mismatch.to_json().to_string();
        assert!(json.contains(r#""code":"unknown-layer""#), "{json}");
        // A manifest that does not parse still gets the animation's report.
        let broken = check("{\"version\": 1", Some(ANIMATION), None);
        assert_eq!(broken.error, Some("manifest-syntax"));
        assert!(!broken.report.features.is_empty());
        // Captions the manifest names must be there and be WebVTT.
        let with_captions = manifest(r#"{"target": {"layer": "Name"}, "text": "{who}"}"#).replacen(
            '{',
            r#"{"captions": "c.vtt","#,
            1,
        );
        assert_eq!(
            check(&with_captions, Some(ANIMATION), None).error,
            Some("captions-missing")
        );
        assert_eq!(
            check(&with_captions, Some(ANIMATION), Some("not vtt")).error,
            Some("captions-invalid")
        );
    }
}
