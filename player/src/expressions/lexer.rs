//! The expression source as tokens: numbers, strings, names, punctuation,
//! each with its byte offset and whether a line break came before it (for
//! automatic semicolons). Owns the lexical grammar (ES3 as Bodymovin
//! writes it: `//` and `/* */` comments, decimal and hex numbers, quoted
//! strings with escapes).
//!
//! Must never panic or look past the end of the source: a character it
//! does not know is a [`ParseError`] with [`ParseCode::Character`]; a
//! regular expression literal is not lexed (`/` is always division), so a
//! regex fails later as a syntax error.

use super::number::{find, is_space, parse_decimal};
use super::{ParseCode, ParseError, MAX_SOURCE_LEN, MAX_STRING_LEN};

/// Punctuation and operators, longest match first in [`PUNCTS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant is the punctuator it names")]
pub(crate) enum P {
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Dot,
    Question,
    Colon,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Inc,
    Dec,
    Shl,
    Shr,
    UShr,
    Amp,
    Pipe,
    Caret,
    Bang,
    Tilde,
    AndAnd,
    OrOr,
    Assign,
    PlusAssign,
    MinusAssign,
    StarAssign,
    SlashAssign,
    PercentAssign,
    ShlAssign,
    ShrAssign,
    UShrAssign,
    AmpAssign,
    PipeAssign,
    CaretAssign,
}

/// Every punctuator's text, longest first so that the first match is the
/// longest.
const PUNCTS: &[(&str, P)] = &[
    (">>>=", P::UShrAssign),
    ("===", P::StrictEq),
    ("!==", P::StrictNe),
    (">>>", P::UShr),
    ("<<=", P::ShlAssign),
    (">>=", P::ShrAssign),
    ("<=", P::Le),
    (">=", P::Ge),
    ("==", P::Eq),
    ("!=", P::Ne),
    ("++", P::Inc),
    ("--", P::Dec),
    ("<<", P::Shl),
    (">>", P::Shr),
    ("&&", P::AndAnd),
    ("||", P::OrOr),
    ("+=", P::PlusAssign),
    ("-=", P::MinusAssign),
    ("*=", P::StarAssign),
    ("/=", P::SlashAssign),
    ("%=", P::PercentAssign),
    ("&=", P::AmpAssign),
    ("|=", P::PipeAssign),
    ("^=", P::CaretAssign),
    ("{", P::LBrace),
    ("}", P::RBrace),
    ("(", P::LParen),
    (")", P::RParen),
    ("[", P::LBracket),
    ("]", P::RBracket),
    (";", P::Semi),
    (",", P::Comma),
    (".", P::Dot),
    ("?", P::Question),
    (":", P::Colon),
    ("<", P::Lt),
    (">", P::Gt),
    ("+", P::Plus),
    ("-", P::Minus),
    ("*", P::Star),
    ("/", P::Slash),
    ("%", P::Percent),
    ("&", P::Amp),
    ("|", P::Pipe),
    ("^", P::Caret),
    ("!", P::Bang),
    ("~", P::Tilde),
    ("=", P::Assign),
];

/// One token's kind and content.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A number literal.
    Num(f64),
    /// A string literal, escapes decoded.
    Str(String),
    /// A name or keyword.
    Name(String),
    /// Punctuation.
    Punct(P),
    /// The end of the source.
    End,
}

/// A token where it starts, and whether a line break precedes it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    /// What it is.
    pub(crate) tok: Tok,
    /// Its byte offset in the source.
    pub(crate) at: u32,
    /// A line break between it and the token before.
    pub(crate) newline_before: bool,
}

fn error(code: ParseCode, at: usize) -> ParseError {
    ParseError {
        code,
        at: u32::try_from(at).unwrap_or(u32::MAX),
    }
}

/// The tokens of `source`, ending with [`Tok::End`].
pub(crate) fn tokens(source: &str) -> Result<Vec<Token>, ParseError> {
    if source.len() > MAX_SOURCE_LEN {
        return Err(error(ParseCode::TooLong, 0));
    }
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut newline = false;
    while i < bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(0);
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let start = i;
        let tok = match c {
            b'\n' | b'\r' => {
                newline = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | 0x0b | 0x0c => {
                i += 1;
                continue;
            }
            b'/' if next == b'/' => {
                while i < bytes.len() && !matches!(bytes.get(i), Some(b'\n' | b'\r')) {
                    i += 1;
                }
                continue;
            }
            b'/' if next == b'*' => {
                let Some(end) = source.get(i + 2..).and_then(|rest| find(rest, "*/")) else {
                    return Err(error(ParseCode::Unterminated, start));
                };
                newline |= source
                    .get(i + 2..i + 2 + end)
                    .is_some_and(|comment| comment.bytes().any(|b| b == b'\n'));
                i += end + 4;
                continue;
            }
            b'0'..=b'9' => Tok::Num(number(source, &mut i)?),
            b'.' if next.is_ascii_digit() => Tok::Num(number(source, &mut i)?),
            b'\'' | b'"' => Tok::Str(string(source, &mut i)?),
            c if name_start(c) => {
                while bytes.get(i).is_some_and(|&c| name_part(c)) {
                    i += 1;
                }
                Tok::Name(source.get(start..i).unwrap_or_default().to_owned())
            }
            c if c >= 0x80 => {
                // Unicode whitespace (no-break space, line separators) is
                // skipped; any other non-ASCII character is refused.
                let ch = source
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\0');
                if is_space(ch) {
                    newline |= matches!(ch, '\u{2028}' | '\u{2029}');
                    i += ch.len_utf8();
                    continue;
                }
                return Err(error(ParseCode::Character, start));
            }
            _ => {
                let rest = source.get(i..).unwrap_or_default();
                let Some((text, p)) = PUNCTS.iter().find(|(text, _)| rest.starts_with(text)) else {
                    return Err(error(ParseCode::Character, start));
                };
                i += text.len();
                Tok::Punct(*p)
            }
        };
        out.push(Token {
            tok,
            at: u32::try_from(start).unwrap_or(u32::MAX),
            newline_before: newline,
        });
        newline = false;
    }
    out.push(Token {
        tok: Tok::End,
        at: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        newline_before: true,
    });
    Ok(out)
}

/// A number literal from `*i`: decimal (with fraction and exponent) or hex.
fn number(source: &str, i: &mut usize) -> Result<f64, ParseError> {
    let bytes = source.as_bytes();
    let start = *i;
    let at = |j: usize| bytes.get(j).copied().unwrap_or(0);
    if at(start) == b'0' && matches!(at(start + 1), b'x' | b'X') {
        *i += 2;
        let mut n = 0.0f64;
        let digits = *i;
        while let Some(d) = char::from(at(*i)).to_digit(16) {
            n = n * 16.0 + f64::from(d);
            *i += 1;
        }
        if *i == digits {
            return Err(error(ParseCode::Number, start));
        }
        return Ok(n);
    }
    while at(*i).is_ascii_digit() {
        *i += 1;
    }
    if at(*i) == b'.' {
        *i += 1;
        while at(*i).is_ascii_digit() {
            *i += 1;
        }
    }
    if matches!(at(*i), b'e' | b'E') {
        let mut j = *i + 1;
        if matches!(at(j), b'+' | b'-') {
            j += 1;
        }
        if at(j).is_ascii_digit() {
            while at(j).is_ascii_digit() {
                j += 1;
            }
            *i = j;
        }
    }
    if name_start(at(*i)) {
        return Err(error(ParseCode::Number, start));
    }
    source
        .get(start..*i)
        .and_then(parse_decimal)
        .ok_or(error(ParseCode::Number, start))
}

/// Whether `c` can begin a name (ES3's identifier start, ASCII only).
pub(crate) fn name_start(c: u8) -> bool {
    c == b'_' || c == b'$' || c.is_ascii_alphabetic()
}

/// Whether `c` can continue a name.
pub(crate) fn name_part(c: u8) -> bool {
    name_start(c) || c.is_ascii_digit()
}

/// Whether `text` is one whole name (as `eval` of a name path checks
/// each dotted part).
pub(crate) fn is_name(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(name_start) && bytes.all(name_part)
}

/// A quoted string from `*i` (at the quote), escapes decoded.
fn string(source: &str, i: &mut usize) -> Result<String, ParseError> {
    let start = *i;
    let quote = source.as_bytes().get(start).copied().unwrap_or(b'"');
    let mut out = String::new();
    let mut chars = source.get(start + 1..).unwrap_or_default().char_indices();
    loop {
        let Some((_, c)) = chars.next() else {
            return Err(error(ParseCode::Unterminated, start));
        };
        if out.len() > MAX_STRING_LEN {
            return Err(error(ParseCode::TooLong, start));
        }
        match c {
            '\n' | '\r' => return Err(error(ParseCode::Unterminated, start)),
            c if c == char::from(quote) => break,
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return Err(error(ParseCode::Unterminated, start));
                };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '0' => out.push('\0'),
                    '\n' => {}
                    'x' | 'u' => {
                        let len = if e == 'x' { 2 } else { 4 };
                        let mut code = 0u32;
                        for _ in 0..len {
                            let digit = chars.next().and_then(|(_, h)| h.to_digit(16));
                            let Some(digit) = digit else {
                                return Err(error(ParseCode::Escape, start));
                            };
                            code = code * 16 + digit;
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    *i = start + 1 + chars.offset();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn kinds(source: &str) -> Vec<Tok> {
        tokens(source).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn lexes_bodymovin_text() {
        let toks = kinds("var $bm_rt;\n$bm_rt = 0x1F + .5e1 >>>= 'a\\'b';");
        assert_eq!(toks[0], Tok::Name("var".into()));
        assert_eq!(toks[1], Tok::Name("$bm_rt".into()));
        assert_eq!(toks[2], Tok::Punct(P::Semi));
        assert_eq!(toks[5], Tok::Num(31.0));
        assert_eq!(toks[7], Tok::Num(5.0));
        assert_eq!(toks[8], Tok::Punct(P::UShrAssign));
        assert_eq!(toks[9], Tok::Str("a'b".into()));
        assert!(tokens("a\nb").unwrap()[1].newline_before);
        assert!(tokens("a /* \n */ b").unwrap()[1].newline_before);
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        assert_eq!(tokens("'abc").unwrap_err().code, ParseCode::Unterminated);
        assert_eq!(tokens("a @ b").unwrap_err().code, ParseCode::Character);
        assert_eq!(tokens("1x").unwrap_err().code, ParseCode::Number);
        assert_eq!(tokens("/* open").unwrap_err().code, ParseCode::Unterminated);
        assert_eq!(tokens("'\\u12'").unwrap_err().code, ParseCode::Escape);
    }
}
