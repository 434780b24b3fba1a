//! Text templates such as `Hi {first_name}, you saved {saving}`: parsed once
//! at manifest load into literal and field segments. `{{` and `}}` stand for
//! literal braces.
//!
//! Owns the template syntax and its segments, with placeholders resolved to
//! field indices. Template-side only: it holds the designer's text, never a
//! viewer's (filling a template is `bind.rs`'s, into a `SecretText`); never
//! logs, never touches a web API.

/// One piece of a text template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Template text, drawn as is.
    Literal(String),
    /// The index of a field in [`crate::Manifest::fields`].
    Field(usize),
}

/// A parsed text template.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextTemplate {
    /// Segments in order.
    pub segments: Vec<Segment>,
}

/// Why a template string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSyntaxError {
    /// `{` without a matching `}` or a stray `}`.
    UnbalancedBrace,
    /// `{name}` where no field has that name.
    UnknownField(String),
}

impl TextTemplate {
    /// Parses `source`, resolving each `{name}` with `field_index` (a
    /// `dyn`: one copy of the parser in the wasm for every caller, 1 KB
    /// less than one per closure type).
    pub fn parse(
        source: &str,
        field_index: &dyn Fn(&str) -> Option<usize>,
    ) -> Result<Self, TemplateSyntaxError> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            // Blanks around the name (any Unicode white
                            // space, as `trim`, whose pattern searcher is
                            // not worth its bytes in the player) are dropped.
                            Some('}') => break,
                            Some('{') | None => return Err(TemplateSyntaxError::UnbalancedBrace),
                            Some(c) if c.is_whitespace() && name.is_empty() => {}
                            Some(c) => name.push(c),
                        }
                    }
                    while name.chars().next_back().is_some_and(char::is_whitespace) {
                        name.pop();
                    }
                    let name = name.as_str();
                    let index = field_index(name)
                        .ok_or_else(|| TemplateSyntaxError::UnknownField(name.to_owned()))?;
                    if !literal.is_empty() {
                        segments.push(Segment::Literal(std::mem::take(&mut literal)));
                    }
                    segments.push(Segment::Field(index));
                }
                '}' => return Err(TemplateSyntaxError::UnbalancedBrace),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal));
        }
        Ok(Self { segments })
    }

    /// The field indices this template uses, in order of appearance.
    pub fn fields(&self) -> impl Iterator<Item = usize> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Field(i) => Some(*i),
            Segment::Literal(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn index(name: &str) -> Option<usize> {
        ["first_name", "saving"].iter().position(|n| *n == name)
    }

    #[test]
    fn splits_literals_and_fields() {
        let t = TextTemplate::parse("Hi {first_name}, you saved {saving}!", &index).unwrap();
        assert_eq!(
            t.segments,
            vec![
                Segment::Literal("Hi ".into()),
                Segment::Field(0),
                Segment::Literal(", you saved ".into()),
                Segment::Field(1),
                Segment::Literal("!".into()),
            ]
        );
        assert_eq!(t.fields().collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn doubled_braces_are_literal() {
        let t = TextTemplate::parse("{{x}} { saving }", &index).unwrap();
        assert_eq!(
            t.segments,
            vec![Segment::Literal("{x} ".into()), Segment::Field(1)]
        );
        // Any white space around a name, as pasted from a word processor.
        let t = TextTemplate::parse("{\u{a0}saving\u{2003}\u{b}}", &index).unwrap();
        assert_eq!(t.segments, vec![Segment::Field(1)]);
        let inner = TextTemplate::parse("{sav ing}", &index);
        assert_eq!(
            inner,
            Err(TemplateSyntaxError::UnknownField("sav ing".into()))
        );
    }

    #[test]
    fn rejects_unknown_fields_and_unbalanced_braces() {
        assert_eq!(
            TextTemplate::parse("Hi {name}", &index),
            Err(TemplateSyntaxError::UnknownField("name".into()))
        );
        assert_eq!(
            TextTemplate::parse("Hi {first_name", &index),
            Err(TemplateSyntaxError::UnbalancedBrace)
        );
        assert_eq!(
            TextTemplate::parse("Hi }", &index),
            Err(TemplateSyntaxError::UnbalancedBrace)
        );
    }
}
