//! Tokens into the syntax tree ([`super::syntax`]): statements by
//! recursive descent, expressions by precedence climbing, automatic
//! semicolons at line breaks, `}` and the end. Names stay names here; the
//! resolver turns them into slots.
//!
//! Must never recurse without bound: every statement and sub-expression
//! counts against [`MAX_NESTING`], so a hostile `((((…` is a
//! [`ParseCode::TooDeep`] error, not a stack overflow. Refuses, with its own
//! code, what the engine will not run: `new`, `this`, labels, `with`,
//! `delete`, getters, regular expressions (as syntax errors).

use super::lexer::{tokens, Tok, Token, P};
use super::syntax::{Expr, Function, Stmt, Str};
use super::{ParseCode, ParseError, MAX_NESTING};

mod operators;
mod statements;

/// A parsed source: top-level statements, every function, the string pool.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The program's statements.
    pub(crate) body: Vec<Stmt>,
    /// Every function, declarations and expressions, by index.
    pub(crate) functions: Vec<Function>,
    /// Names and string literals, by index.
    pub(crate) strings: Vec<Box<str>>,
}

/// Parses `source` (the text of one expression).
pub(crate) fn parse(source: &str) -> Result<Parsed, ParseError> {
    let mut parser = Parser {
        tokens: tokens(source)?,
        pos: 0,
        depth: 0,
        no_in: false,
        strings: Vec::new(),
        interned: Vec::new(),
        functions: Vec::new(),
    };
    let mut body = Vec::new();
    while !parser.at_end() {
        body.push(parser.statement()?);
    }
    Ok(Parsed {
        body,
        functions: parser.functions,
        strings: parser.strings,
    })
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Inside a `for (…;` head, where `in` ends the expression.
    no_in: bool,
    strings: Vec<Box<str>>,
    /// String ids sorted by their text, for binary search.
    interned: Vec<Str>,
    functions: Vec<Function>,
}

/// Whether `e` may be assigned to.
pub(super) fn is_target(e: &Expr) -> bool {
    matches!(e, Expr::Name(_) | Expr::Index(..) | Expr::Member(..))
}
impl Parser {
    pub(super) fn peek(&self) -> &Tok {
        self.tokens.get(self.pos).map_or(&Tok::End, |t| &t.tok)
    }

    pub(super) fn at(&self) -> u32 {
        self.tokens.get(self.pos).map_or(0, |t| t.at)
    }

    pub(super) fn at_end(&self) -> bool {
        matches!(self.peek(), Tok::End)
    }

    pub(super) fn newline_before(&self) -> bool {
        self.tokens.get(self.pos).is_none_or(|t| t.newline_before)
    }

    pub(super) fn fail<T>(&self, code: ParseCode) -> Result<T, ParseError> {
        Err(ParseError {
            code,
            at: self.at(),
        })
    }

    pub(super) fn is(&self, p: P) -> bool {
        *self.peek() == Tok::Punct(p)
    }

    pub(super) fn is_name(&self, name: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == name)
    }

    pub(super) fn eat(&mut self, p: P) -> bool {
        let found = self.is(p);
        if found {
            self.pos += 1;
        }
        found
    }

    pub(super) fn eat_name(&mut self, name: &str) -> bool {
        let found = self.is_name(name);
        if found {
            self.pos += 1;
        }
        found
    }

    pub(super) fn expect(&mut self, p: P) -> Result<(), ParseError> {
        if self.eat(p) {
            Ok(())
        } else {
            self.fail(ParseCode::Syntax)
        }
    }

    /// The end of a statement: `;`, or a line break, `}` or the end.
    pub(super) fn semicolon(&mut self) -> Result<(), ParseError> {
        if self.eat(P::Semi) || self.is(P::RBrace) || self.at_end() || self.newline_before() {
            Ok(())
        } else {
            self.fail(ParseCode::Syntax)
        }
    }

    pub(super) fn intern(&mut self, s: &str) -> Result<Str, ParseError> {
        let strings = &self.strings;
        let found = self
            .interned
            .binary_search_by(|&id| strings.get(id as usize).map_or("", AsRef::as_ref).cmp(s));
        let at = match found {
            Ok(i) => return Ok(self.interned.get(i).copied().unwrap_or(0)),
            Err(at) => at,
        };
        let Ok(id) = Str::try_from(self.strings.len()) else {
            return self.fail(ParseCode::TooMany);
        };
        self.strings.push(s.into());
        self.interned.insert(at, id);
        Ok(id)
    }

    /// A name that may be bound (not a reserved word).
    pub(super) fn binding_name(&mut self) -> Result<Str, ParseError> {
        if !matches!(self.peek(), Tok::Name(name) if !is_reserved(name)) {
            return self.fail(ParseCode::Syntax);
        }
        let Tok::Name(name) = self.take() else {
            return self.fail(ParseCode::Syntax);
        };
        self.intern(&name)
    }

    /// The current token's content (left empty behind) and a step on.
    pub(super) fn take(&mut self) -> Tok {
        let tok = self
            .tokens
            .get_mut(self.pos)
            .map_or(Tok::End, |t| core::mem::replace(&mut t.tok, Tok::End));
        self.pos += 1;
        tok
    }

    pub(super) fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.fail(ParseCode::TooDeep);
        }
        Ok(())
    }
}

/// Words that cannot be names.
const RESERVED: &[&str] = &[
    "var",
    "let",
    "const",
    "if",
    "else",
    "for",
    "while",
    "do",
    "return",
    "break",
    "continue",
    "function",
    "switch",
    "case",
    "default",
    "try",
    "catch",
    "finally",
    "throw",
    "new",
    "this",
    "typeof",
    "void",
    "delete",
    "in",
    "instanceof",
    "with",
    "true",
    "false",
    "null",
    "class",
    "debugger",
    "enum",
    "export",
    "import",
    "super",
    "extends",
];

/// Whether `name` is a reserved word (a table searched, not a `match`:
/// rustc compiles a `match` on strings into one comparison each).
pub(super) fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::super::syntax::BinOp;
    use super::*;

    fn code(source: &str) -> ParseCode {
        parse(source).unwrap_err().code
    }

    #[test]
    fn parses_statements_and_precedence() {
        let p = parse("var a = 1 + 2 * 3, b; a = b ? 1 : 2;\nfunction f(x) { return x }").unwrap();
        assert_eq!(p.body.len(), 3);
        let Stmt::Var(decls) = &p.body[0] else {
            panic!()
        };
        assert!(matches!(decls[0].1, Some(Expr::Binary(BinOp::Add, _, _))));
        assert_eq!(p.functions.len(), 1);
        assert!(
            parse("for (var i = 0; i < 3; i++) {} for (k in o) ; do x++; while (x < 3)").is_ok()
        );
        assert!(parse("switch (a) { case 1: b; break; default: c }").is_ok());
        assert!(parse("try { a } catch (e) { b } finally { c }").is_ok());
        assert!(parse("a\n++b").is_ok());
        assert!(parse("return\n").is_ok());
    }

    #[test]
    fn refuses_with_codes() {
        assert_eq!(code("new Foo()"), ParseCode::New);
        assert_eq!(code("this.x"), ParseCode::This);
        assert_eq!(code("a: for(;;) {}"), ParseCode::Unsupported);
        assert_eq!(code("with (a) {}"), ParseCode::Unsupported);
        assert_eq!(code("delete a.b"), ParseCode::Unsupported);
        assert_eq!(code("1 = 2"), ParseCode::Target);
        assert_eq!(code("a b"), ParseCode::Syntax);
        assert_eq!(code("x = /re/.test(y)"), ParseCode::Syntax);
        assert_eq!(code("(a) => a"), ParseCode::Syntax);
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        for open in ["(", "[", "-", "!", "a(", "{", "f(function(){", "a=", "a?b:"] {
            let source = open.repeat(10_000);
            assert_eq!(code(&source), ParseCode::TooDeep, "{open}");
        }
        let chain = "a".to_owned() + &".b".repeat(10_000);
        assert_eq!(code(&chain), ParseCode::TooDeep);
        let sum = "1".to_owned() + &"+1".repeat(10_000);
        assert_eq!(
            code(&sum),
            ParseCode::TooDeep,
            "a left-associative chain nests"
        );
        let sum = "1".to_owned() + &"+1".repeat(50);
        assert!(parse(&sum).is_ok());
    }
}
