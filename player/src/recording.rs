//! A [`Backend`] that writes each call as a line of text, for native tests
//! and snapshots of the middle stage (like usvg's tree-as-text tests).
//! It prints texts in full: never use it with a viewer's data outside tests.

use std::fmt::Write;

use crate::display_list::{Backend, Filter, Paint, StrokeStyle, TextRun};
use crate::geometry::{Affine, Path, PathEl, Rgba};
use crate::lottie::{BlendMode, FillRule, MatteMode};

/// Records draw calls as text, one line each.
#[derive(Debug, Default)]
pub struct RecordingBackend {
    /// The recorded lines.
    pub lines: Vec<String>,
}

impl RecordingBackend {
    /// All lines joined with newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// Rounds to two decimals and drops trailing zeros: `1`, `0.5`, `-2.25`.
fn n(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn color(c: Rgba) -> String {
    let [r, g, b, a] = c.to_rgba8();
    format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
}

/// A solid colour as `#rrggbbaa`; gradients as `linear(…)` / `radial(…)`.
fn paint(p: &Paint) -> String {
    let stops = |stops: &[(f64, Rgba)]| {
        let list: Vec<String> = stops
            .iter()
            .map(|(o, c)| format!("{}:{}", n(*o), color(*c)))
            .collect();
        list.join(" ")
    };
    match p {
        Paint::Solid(c) => color(*c),
        Paint::Linear {
            start,
            end,
            stops: s,
        } => {
            format!(
                "linear({},{} {},{} [{}])",
                n(start.x),
                n(start.y),
                n(end.x),
                n(end.y),
                stops(s)
            )
        }
        Paint::Radial {
            center,
            radius,
            focus,
            stops: s,
        } => format!(
            "radial({},{} r={} f={},{} [{}])",
            n(center.x),
            n(center.y),
            n(*radius),
            n(focus.x),
            n(focus.y),
            stops(s)
        ),
    }
}

fn matrix(m: &Affine) -> String {
    let v: Vec<String> = m.0.iter().map(|v| n(*v)).collect();
    format!("[{}]", v.join(" "))
}

fn path(p: &Path) -> String {
    let mut out = String::new();
    for el in &p.0 {
        let _ = match el {
            PathEl::MoveTo(a) => write!(out, "M{},{} ", n(a.x), n(a.y)),
            PathEl::LineTo(a) => write!(out, "L{},{} ", n(a.x), n(a.y)),
            PathEl::CubicTo(a, b, c) => {
                write!(
                    out,
                    "C{},{} {},{} {},{} ",
                    n(a.x),
                    n(a.y),
                    n(b.x),
                    n(b.y),
                    n(c.x),
                    n(c.y)
                )
            }
            PathEl::Close => write!(out, "Z "),
        };
    }
    out.trim_end().to_owned()
}

impl Backend for RecordingBackend {
    fn begin_frame(&mut self, background: Option<Rgba>) {
        self.lines.push(format!(
            "begin {}",
            background.map_or("transparent".into(), color)
        ));
    }

    fn push_clip(&mut self, transform: &Affine, p: &Path, rule: FillRule) {
        let rule = if rule == FillRule::EvenOdd {
            "evenodd "
        } else {
            ""
        };
        self.lines
            .push(format!("clip {rule}{} {}", matrix(transform), path(p)));
    }

    fn pop_clip(&mut self) {
        self.lines.push("unclip".into());
    }

    fn fill_path(&mut self, transform: &Affine, p: &Path, c: &Paint, rule: FillRule) {
        let rule = if rule == FillRule::EvenOdd {
            "evenodd"
        } else {
            "nonzero"
        };
        self.lines.push(format!(
            "fill {} {rule} {} {}",
            paint(c),
            matrix(transform),
            path(p)
        ));
    }

    fn stroke_path(&mut self, transform: &Affine, p: &Path, c: &Paint, style: &StrokeStyle) {
        self.lines.push(format!(
            "stroke {} w={} {:?} {:?} ml={}{} {} {}",
            paint(c),
            n(style.width),
            style.cap,
            style.join,
            n(style.miter_limit),
            style
                .dash
                .as_ref()
                .map_or(String::new(), |(lengths, offset)| {
                    let lengths: Vec<String> = lengths.iter().map(|l| n(*l)).collect();
                    format!(" dash=[{}]@{}", lengths.join(" "), n(*offset))
                }),
            matrix(transform),
            path(p)
        ));
    }

    fn set_blend(&mut self, mode: BlendMode) {
        // Canvas2D's names, as the snapshots were written with them.
        self.lines.push(match mode {
            BlendMode::Normal => "blend normal".to_owned(),
            other => format!("blend {}", other.composite_operation()),
        });
    }

    fn draw_image(&mut self, transform: &Affine, image: usize, size: (f64, f64), opacity: f64) {
        self.lines.push(format!(
            "image {image} {}x{} o={} {}",
            n(size.0),
            n(size.1),
            n(opacity),
            matrix(transform)
        ));
    }

    fn push_group(&mut self) {
        self.lines.push("group".to_owned());
    }

    fn push_group_beyond(&mut self, margin: f64) {
        self.lines.push(format!("group beyond {}", n(margin)));
    }

    fn pop_filters(&mut self, filters: &[Filter], region: Option<[f64; 4]>) {
        self.lines
            .push(format!("filters {filters:?} region {region:?}"));
    }

    fn pop_opacity(&mut self, opacity: f64) {
        self.lines.push(format!("opacity {}", n(opacity)));
    }

    fn pop_matte(&mut self, mode: MatteMode) {
        self.lines.push(format!("matte {mode:?}"));
    }

    fn fill_text(&mut self, transform: &Affine, run: &TextRun) {
        self.lines.push(format!(
            "text {:?} font={:?} size={} {} {:?} lh={} {}",
            run.text.expose(),
            run.font,
            n(run.size),
            color(run.color),
            run.justify,
            n(run.line_height),
            matrix(transform)
        ));
    }
}
