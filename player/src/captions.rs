//! Captions: a template's WebVTT file, read into cues whose texts are
//! templates over the manifest's fields (`{first_name}`), so that a viewer's
//! captions say what the video says to them. Pure data: parsed at template
//! load, filled at binding, looked up by time while playing. Never holds a
//! viewer's value itself (the filled texts live in the bound template).
//!
//! The WebVTT read: the `WEBVTT` header, cue blocks (an optional
//! identifier, a `start --> end` timing line with optional settings, text
//! lines), `NOTE`, `STYLE` and `REGION` blocks skipped. Markup tags such as
//! `<i>` or `<v Name>` are dropped from the text; `&amp;`, `&lt;`, `&gt;`
//! and `&nbsp;` are decoded.

use binding_engine::{Manifest, TemplateSyntaxError, TextTemplate};

/// Largest captions file read, in bytes.
pub const MAX_CAPTIONS_BYTES: usize = 256 * 1024;
/// Most cues read.
pub const MAX_CUES: usize = 2000;

/// One caption: when it shows, and its text with placeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// Seconds from the composition's first frame.
    pub start: f64,
    /// Seconds; the cue shows while `start <= t < end`.
    pub end: f64,
    /// The text, lines joined with `\n`.
    pub text: TextTemplate,
}

/// Why a captions file was refused: the 1-based line of the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptionsError {
    /// Line of the problem.
    pub line: usize,
    /// Stable code: `not-webvtt`, `bad-timing`, `unknown-field`,
    /// `unbalanced-brace`, `too-many-cues`.
    pub code: &'static str,
}

/// Parses `text` against `manifest`'s fields.
///
/// Written with byte-level helpers rather than `str` pattern searches
/// (`split`, `trim_matches`, `find`, `split_once`), `join` or `replace`:
/// those pulled kilobytes of generic code into the player for this small
/// job. Every byte searched for is ASCII, so every cut is at a character
/// boundary.
pub fn parse(text: &str, manifest: &Manifest) -> Result<Vec<Cue>, CaptionsError> {
    const BOM: &str = "\u{feff}";
    let text = match text.as_bytes().starts_with(BOM.as_bytes()) {
        true => text.get(BOM.len()..).unwrap_or(""),
        false => text,
    };
    let mut lines: Vec<&str> = Vec::new();
    let mut rest = text;
    loop {
        let (line, next) = cut(rest, b'\n');
        let line = match line.as_bytes().last() {
            Some(b'\r') => line.get(..line.len() - 1).unwrap_or(""),
            _ => line,
        };
        lines.push(line);
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    let header = lines.first().copied().unwrap_or("");
    let after = header.as_bytes().get(6);
    if !(header.as_bytes().starts_with(b"WEBVTT") && matches!(after, None | Some(b' ' | b'\t'))) {
        return Err(CaptionsError {
            line: 1,
            code: "not-webvtt",
        });
    }
    let blank = |i: usize| {
        lines
            .get(i)
            .is_none_or(|l| l.bytes().all(|b| b == b' ' || b == b'\t'))
    };
    let mut cues = Vec::new();
    let mut i = 1;
    while i < lines.len() {
        if blank(i) {
            i += 1;
            continue;
        }
        // One block, up to the next blank line.
        let start = i;
        while !blank(i) {
            i += 1;
        }
        let block = lines.get(start..i).unwrap_or(&[]);
        let first = block.first().copied().unwrap_or("");
        let word = cut(first, b' ').0;
        if matches!(word, "NOTE" | "STYLE" | "REGION") {
            continue;
        }
        // An identifier line may come before the timing line.
        let timing_at = match block.iter().position(|l| arrow(l).is_some()) {
            Some(at @ (0 | 1)) => at,
            _ => {
                return Err(CaptionsError {
                    line: start + 1,
                    code: "bad-timing",
                })
            }
        };
        let line = start + timing_at + 1;
        let (from, to) =
            block
                .get(timing_at)
                .and_then(|l| parse_timing(l))
                .ok_or(CaptionsError {
                    line,
                    code: "bad-timing",
                })?;
        let mut body = String::new();
        for (n, text) in block.get(timing_at + 1..).unwrap_or(&[]).iter().enumerate() {
            if n > 0 {
                body.push('\n');
            }
            push_plain(&mut body, text);
        }
        let template =
            TextTemplate::parse(&body, &|name| manifest.field_index(name)).map_err(|e| {
                CaptionsError {
                    line,
                    code: match e {
                        TemplateSyntaxError::UnbalancedBrace => "unbalanced-brace",
                        TemplateSyntaxError::UnknownField(_) => "unknown-field",
                    },
                }
            })?;
        if cues.len() == MAX_CUES {
            return Err(CaptionsError {
                line,
                code: "too-many-cues",
            });
        }
        cues.push(Cue {
            start: from,
            end: to,
            text: template,
        });
    }
    Ok(cues)
}

/// `text` up to the first `byte` (ASCII), and what follows that byte.
fn cut(text: &str, byte: u8) -> (&str, Option<&str>) {
    match text.bytes().position(|b| b == byte) {
        Some(at) => (text.get(..at).unwrap_or(""), text.get(at + 1..)),
        None => (text, None),
    }
}

/// `text` without spaces and tabs at either end.
fn trim_blank(text: &str) -> &str {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !blank(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !blank(b))
        .map_or(start, |e| e + 1);
    text.get(start..end.max(start)).unwrap_or("")
}

/// Where `-->` starts in `line`.
fn arrow(line: &str) -> Option<usize> {
    line.as_bytes().windows(3).position(|w| w == b"-->")
}

/// `start --> end [settings]`, in seconds; `None` unless `start < end`.
fn parse_timing(line: &str) -> Option<(f64, f64)> {
    let at = arrow(line)?;
    let from = trim_blank(line.get(..at)?);
    // The end, then settings after a space or a tab.
    let rest = trim_blank(line.get(at + 3..)?);
    let to = cut(cut(rest, b' ').0, b'\t').0;
    let (from, to) = (timestamp(from)?, timestamp(to)?);
    (from < to).then_some((from, to))
}

/// `[hh:]mm:ss.ttt` in seconds.
fn timestamp(text: &str) -> Option<f64> {
    let (clock, millis) = cut(text, b'.');
    let millis = number(millis?, 3, 3)?;
    // `mm:ss` or `hh:mm:ss`.
    let (first, rest) = cut(clock, b':');
    let (second, rest) = cut(rest?, b':');
    let (hours, minutes, seconds) = match rest {
        None => (None, first, second),
        Some(third) if !third.as_bytes().contains(&b':') => (Some(first), second, third),
        Some(_) => return None,
    };
    let seconds = number(seconds, 2, 2).filter(|s| *s < 60.0)?;
    let minutes = number(minutes, 2, 2).filter(|m| *m < 60.0)?;
    let hours = match hours {
        Some(h) => number(h, 1, 4)?,
        None => 0.0,
    };
    Some(hours * 3600.0 + minutes * 60.0 + seconds + millis / 1000.0)
}

/// `s` as a number: digits only, `min` to `max` of them. (Outlined: the
/// four calls inlined cost the lite wasm 12 B gzip more, measured.)
#[inline(never)]
fn number(s: &str, min: usize, max: usize) -> Option<f64> {
    (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.bytes().fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0')))
}

/// Appends a cue text line without markup: tags dropped, `&amp;`, `&lt;`,
/// `&gt;` and `&nbsp;` decoded.
fn push_plain(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let entity = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&nbsp;", '\u{a0}'),
        ]
        .into_iter()
        .find(|(name, _)| rest.as_bytes().starts_with(name.as_bytes()));
        if let Some((name, decoded)) = entity {
            out.push(decoded);
            rest = rest.get(name.len()..).unwrap_or("");
        } else if c == '<' {
            // A tag: skip to its end (or the end of the line).
            rest = cut(rest, b'>').1.unwrap_or("");
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
}

/// The cue showing at `seconds`, by index (the first when cues overlap).
pub fn active(cues: &[Cue], seconds: f64) -> Option<usize> {
    cues.iter()
        .position(|c| c.start <= seconds && seconds < c.end)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use binding_engine::Segment;

    fn manifest() -> Manifest {
        Manifest::parse(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{ "name": "first_name", "type": "text" }], "bindings": []}"#,
        )
        .unwrap()
    }

    #[test]
    fn cues_with_placeholders_identifiers_notes_and_markup() {
        let vtt = "\u{feff}WEBVTT - a greeting\n\nNOTE written by hand\nstill the note\n\n\
                   intro\n00:00.000 --> 00:02.500 align:center\n<v Narrator>Hi <b>{first_name}</b>!\n\n\
                   00:00:02.500 --> 00:00:04.000\nTom &amp; Jerry\nsecond line\n";
        let cues = parse(vtt, &manifest()).unwrap();
        assert_eq!(cues.len(), 2);
        assert_eq!((cues[0].start, cues[0].end), (0.0, 2.5));
        assert_eq!(
            cues[0].text.segments,
            vec![
                Segment::Literal("Hi ".into()),
                Segment::Field(0),
                Segment::Literal("!".into())
            ]
        );
        assert_eq!(
            cues[1].text.segments,
            vec![Segment::Literal("Tom & Jerry\nsecond line".into())]
        );
        assert_eq!(active(&cues, 0.0), Some(0));
        assert_eq!(active(&cues, 2.5), Some(1));
        assert_eq!(active(&cues, 4.0), None);
    }

    #[test]
    fn bad_files_name_the_line() {
        let m = manifest();
        let err = |vtt: &str| parse(vtt, &m).unwrap_err();
        assert_eq!(err("WEBVTX\n").code, "not-webvtt");
        assert_eq!(err("").code, "not-webvtt");
        assert_eq!(
            err("WEBVTT\n\n00:01.000 -> 00:02.000\nx\n"),
            CaptionsError {
                line: 3,
                code: "bad-timing"
            }
        );
        assert_eq!(
            err("WEBVTT\n\n00:02.000 --> 00:01.000\nx\n").code,
            "bad-timing"
        );
        assert_eq!(
            err("WEBVTT\n\n00:61.000 --> 01:02.000\nx\n").code,
            "bad-timing"
        );
        assert_eq!(
            err("WEBVTT\n\n00:01.0 --> 00:02.000\nx\n").code,
            "bad-timing"
        );
        assert_eq!(
            err("WEBVTT\n\n00:01.000 --> 00:02.000\n{nobody}\n").code,
            "unknown-field"
        );
        assert_eq!(
            err("WEBVTT\n\n00:01.000 --> 00:02.000\n{oops\n").code,
            "unbalanced-brace"
        );
        assert_eq!(
            err("WEBVTT\n\n1:00:01.000:00 --> 1:00:02.000\nx\n").code,
            "bad-timing"
        );
        assert_eq!(err("WEBVTTX\n").code, "not-webvtt");
        let cues = parse(
            "WEBVTT\t\n\n 01:00:01.000\t-->\t01:00:02.000\tline:0\nx\n",
            &m,
        )
        .unwrap();
        assert_eq!((cues[0].start, cues[0].end), (3601.0, 3602.0));
        let many =
            String::from("WEBVTT\n") + &"\n00:01.000 --> 00:02.000\nx\n".repeat(MAX_CUES + 1);
        assert_eq!(err(&many).code, "too-many-cues");
    }
}
