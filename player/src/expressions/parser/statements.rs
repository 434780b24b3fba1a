//! The parser's statements: `var`, `if`, loops, `switch`, `try`,
//! `return`/`break`/`continue`/`throw`, blocks, function declarations and
//! expressions' headers and bodies; automatic semicolons.
//!
//! Must never recurse without counting: each statement enters the
//! parser's nesting count.

use super::super::lexer::{Tok, P};
use super::super::syntax::{Case, Expr, Function, Stmt};
use super::super::{ParseCode, ParseError, MAX_FUNCTIONS};
use super::{is_target, Parser};

/// The words that start statements (or that the engine refuses there).
const STATEMENT_WORDS: &[&str] = &[
    "var", "let", "const", "if", "for", "while", "do", "return", "break", "continue", "throw",
    "switch", "try", "function", "with", "debugger", "class", "import", "export", "yield", "async",
    "await",
];

impl Parser {
    pub(super) fn statement(&mut self) -> Result<Stmt, ParseError> {
        self.enter()?;
        let stmt = self.statement_inner();
        self.depth -= 1;
        stmt
    }

    pub(super) fn block(&mut self) -> Result<Vec<Stmt>, ParseError> {
        self.expect(P::LBrace)?;
        let mut body = Vec::new();
        while !self.eat(P::RBrace) {
            if self.at_end() {
                return self.fail(ParseCode::Syntax);
            }
            body.push(self.statement()?);
        }
        Ok(body)
    }

    pub(super) fn paren_expression(&mut self) -> Result<Expr, ParseError> {
        self.expect(P::LParen)?;
        let e = self.expression()?;
        self.expect(P::RParen)?;
        Ok(e)
    }

    pub(super) fn statement_inner(&mut self) -> Result<Stmt, ParseError> {
        if self.is(P::LBrace) {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.eat(P::Semi) {
            return Ok(Stmt::Empty);
        }
        let word = match self.peek() {
            Tok::Name(n) => STATEMENT_WORDS
                .iter()
                .copied()
                .find(|w| w == n)
                .unwrap_or(""),
            _ => return self.expression_statement(),
        };
        if matches!(
            self.tokens.get(self.pos + 1).map(|t| &t.tok),
            Some(Tok::Punct(P::Colon))
        ) {
            return self.fail(ParseCode::Unsupported);
        }
        match word {
            "var" | "let" | "const" => {
                self.pos += 1;
                let decl = self.declarations()?;
                self.semicolon()?;
                Ok(decl)
            }
            "if" => {
                self.pos += 1;
                let test = self.paren_expression()?;
                let then = Box::new(self.statement()?);
                let other = if self.eat_name("else") {
                    Some(Box::new(self.statement()?))
                } else {
                    None
                };
                Ok(Stmt::If(test, then, other))
            }
            "for" => self.for_statement(),
            "while" => {
                self.pos += 1;
                let test = self.paren_expression()?;
                Ok(Stmt::While(test, Box::new(self.statement()?)))
            }
            "do" => self.do_while(),
            "return" => {
                self.pos += 1;
                let value = if self.is(P::Semi)
                    || self.is(P::RBrace)
                    || self.at_end()
                    || self.newline_before()
                {
                    None
                } else {
                    Some(self.expression()?)
                };
                self.semicolon()?;
                Ok(Stmt::Return(value))
            }
            "break" | "continue" => {
                self.pos += 1;
                if matches!(self.peek(), Tok::Name(_)) && !self.newline_before() {
                    return self.fail(ParseCode::Unsupported);
                }
                self.semicolon()?;
                Ok(if word == "break" {
                    Stmt::Break
                } else {
                    Stmt::Continue
                })
            }
            "throw" => {
                self.pos += 1;
                if self.newline_before() {
                    return self.fail(ParseCode::Syntax);
                }
                let value = self.expression()?;
                self.semicolon()?;
                Ok(Stmt::Throw(value))
            }
            "switch" => self.switch_statement(),
            "try" => self.try_statement(),
            "function" => {
                self.pos += 1;
                let id = self.function(false)?;
                Ok(Stmt::Function(id))
            }
            "with" | "debugger" | "class" | "import" | "export" | "yield" | "async" | "await" => {
                self.fail(ParseCode::Unsupported)
            }
            _ => self.expression_statement(),
        }
    }

    /// `do body while (test)`.
    fn do_while(&mut self) -> Result<Stmt, ParseError> {
        self.pos += 1;
        let body = Box::new(self.statement()?);
        if !self.eat_name("while") {
            return self.fail(ParseCode::Syntax);
        }
        let test = self.paren_expression()?;
        self.eat(P::Semi);
        Ok(Stmt::DoWhile(body, test))
    }

    pub(super) fn expression_statement(&mut self) -> Result<Stmt, ParseError> {
        let e = self.expression()?;
        self.semicolon()?;
        Ok(Stmt::Expr(e))
    }

    pub(super) fn declarations(&mut self) -> Result<Stmt, ParseError> {
        let mut decls = Vec::new();
        loop {
            let name = Expr::Name(self.binding_name()?);
            let init = if self.eat(P::Assign) {
                Some(self.assign()?)
            } else {
                None
            };
            decls.push((name, init));
            if !self.eat(P::Comma) {
                return Ok(Stmt::Var(decls));
            }
        }
    }

    pub(super) fn for_statement(&mut self) -> Result<Stmt, ParseError> {
        self.pos += 1;
        self.expect(P::LParen)?;
        self.no_in = true;
        let init = if self.is(P::Semi) {
            None
        } else if self.eat_name("var") || self.eat_name("let") || self.eat_name("const") {
            Some(self.declarations())
        } else {
            Some(self.expression().map(Stmt::Expr))
        };
        self.no_in = false;
        let init = init.transpose()?;
        if self.eat_name("in") {
            // `for (var k in o)` declares `k`; `for (k in o)` assigns it.
            let (target, declared) = match init {
                Some(Stmt::Var(mut decls)) if decls.len() == 1 => match decls.pop() {
                    Some((Expr::Name(n), None)) => (Expr::Name(n), Some(n)),
                    _ => return self.fail(ParseCode::Syntax),
                },
                Some(Stmt::Expr(e)) if is_target(&e) => (e, None),
                _ => return self.fail(ParseCode::Syntax),
            };
            let object = self.expression()?;
            self.expect(P::RParen)?;
            let body = Box::new(self.statement()?);
            let for_in = Stmt::ForIn(target, object, body);
            return Ok(match declared {
                Some(n) => Stmt::Block(vec![Stmt::Var(vec![(Expr::Name(n), None)]), for_in]),
                None => for_in,
            });
        }
        self.expect(P::Semi)?;
        let test = if self.is(P::Semi) {
            None
        } else {
            Some(self.expression()?)
        };
        self.expect(P::Semi)?;
        let update = if self.is(P::RParen) {
            None
        } else {
            Some(self.expression()?)
        };
        self.expect(P::RParen)?;
        let body = Box::new(self.statement()?);
        Ok(Stmt::For {
            init: init.map(Box::new),
            test,
            update,
            body,
        })
    }

    pub(super) fn switch_statement(&mut self) -> Result<Stmt, ParseError> {
        self.pos += 1;
        let value = self.paren_expression()?;
        self.expect(P::LBrace)?;
        let mut cases: Vec<Case> = Vec::new();
        while !self.eat(P::RBrace) {
            let test = if self.eat_name("case") {
                Some(self.expression()?)
            } else if self.eat_name("default") {
                None
            } else {
                return self.fail(ParseCode::Syntax);
            };
            self.expect(P::Colon)?;
            let mut body = Vec::new();
            while !self.is(P::RBrace) && !self.is_name("case") && !self.is_name("default") {
                if self.at_end() {
                    return self.fail(ParseCode::Syntax);
                }
                body.push(self.statement()?);
            }
            cases.push((test, body));
        }
        Ok(Stmt::Switch(value, cases))
    }

    pub(super) fn try_statement(&mut self) -> Result<Stmt, ParseError> {
        self.pos += 1;
        let block = self.block()?;
        let catch = if self.eat_name("catch") {
            self.expect(P::LParen)?;
            let name = Expr::Name(self.binding_name()?);
            self.expect(P::RParen)?;
            Some((name, self.block()?))
        } else {
            None
        };
        let finally = if self.eat_name("finally") {
            Some(self.block()?)
        } else {
            None
        };
        if catch.is_none() && finally.is_none() {
            return self.fail(ParseCode::Syntax);
        }
        Ok(Stmt::Try {
            block,
            catch,
            finally,
        })
    }

    /// After `function`: optional name, parameters, body; its index.
    pub(super) fn function(&mut self, is_expression: bool) -> Result<u32, ParseError> {
        let name = if matches!(self.peek(), Tok::Name(_)) {
            Some(self.binding_name()?)
        } else if is_expression {
            None
        } else {
            return self.fail(ParseCode::Syntax);
        };
        self.expect(P::LParen)?;
        let mut params = Vec::new();
        if !self.eat(P::RParen) {
            loop {
                params.push(self.binding_name()?);
                if self.eat(P::RParen) {
                    break;
                }
                self.expect(P::Comma)?;
            }
        }
        let no_in = std::mem::replace(&mut self.no_in, false);
        let body = self.block()?;
        self.no_in = no_in;
        if self.functions.len() >= MAX_FUNCTIONS {
            return self.fail(ParseCode::TooMany);
        }
        let id = u32::try_from(self.functions.len()).unwrap_or(u32::MAX);
        self.functions.push(Function {
            name,
            is_expression,
            params,
            body,
            slots: 0,
            hoisted: Vec::new(),
            self_slot: None,
        });
        Ok(id)
    }
}
