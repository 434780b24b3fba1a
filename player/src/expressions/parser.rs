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

use std::collections::HashMap;

use super::lexer::{tokens, Tok, Token, P};
use super::syntax::{BinOp, Case, Expr, Function, Stmt, Str, UnOp};
use super::{ParseCode, ParseError, MAX_FUNCTIONS, MAX_NESTING};

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
        interned: HashMap::new(),
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
    interned: HashMap<Box<str>, Str>,
    functions: Vec<Function>,
}

/// A binary operator's precedence (higher binds tighter) and node.
fn binary(tok: &Tok, no_in: bool) -> Option<(u8, Option<BinOp>)> {
    let Tok::Punct(p) = tok else {
        return match tok {
            Tok::Name(n) if n == "instanceof" => Some((7, Some(BinOp::InstanceOf))),
            Tok::Name(n) if n == "in" && !no_in => Some((7, Some(BinOp::In))),
            _ => None,
        };
    };
    Some(match p {
        P::OrOr => (1, None),
        P::AndAnd => (2, None),
        P::Pipe => (3, Some(BinOp::BitOr)),
        P::Caret => (4, Some(BinOp::BitXor)),
        P::Amp => (5, Some(BinOp::BitAnd)),
        P::Eq => (6, Some(BinOp::Eq)),
        P::Ne => (6, Some(BinOp::Ne)),
        P::StrictEq => (6, Some(BinOp::StrictEq)),
        P::StrictNe => (6, Some(BinOp::StrictNe)),
        P::Lt => (7, Some(BinOp::Lt)),
        P::Gt => (7, Some(BinOp::Gt)),
        P::Le => (7, Some(BinOp::Le)),
        P::Ge => (7, Some(BinOp::Ge)),
        P::Shl => (8, Some(BinOp::Shl)),
        P::Shr => (8, Some(BinOp::Shr)),
        P::UShr => (8, Some(BinOp::UShr)),
        P::Plus => (9, Some(BinOp::Add)),
        P::Minus => (9, Some(BinOp::Sub)),
        P::Star => (10, Some(BinOp::Mul)),
        P::Slash => (10, Some(BinOp::Div)),
        P::Percent => (10, Some(BinOp::Rem)),
        _ => return None,
    })
}

/// A compound assignment's operator (`None` inside for plain `=`).
fn assignment(p: P) -> Option<Option<BinOp>> {
    Some(match p {
        P::Assign => None,
        P::PlusAssign => Some(BinOp::Add),
        P::MinusAssign => Some(BinOp::Sub),
        P::StarAssign => Some(BinOp::Mul),
        P::SlashAssign => Some(BinOp::Div),
        P::PercentAssign => Some(BinOp::Rem),
        P::ShlAssign => Some(BinOp::Shl),
        P::ShrAssign => Some(BinOp::Shr),
        P::UShrAssign => Some(BinOp::UShr),
        P::AmpAssign => Some(BinOp::BitAnd),
        P::PipeAssign => Some(BinOp::BitOr),
        P::CaretAssign => Some(BinOp::BitXor),
        _ => return None,
    })
}

fn is_target(e: &Expr) -> bool {
    matches!(e, Expr::Name(_) | Expr::Index(..) | Expr::Member(..))
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.tokens.get(self.pos).map_or(&Tok::End, |t| &t.tok)
    }

    fn at(&self) -> u32 {
        self.tokens.get(self.pos).map_or(0, |t| t.at)
    }

    fn at_end(&self) -> bool {
        matches!(self.peek(), Tok::End)
    }

    fn newline_before(&self) -> bool {
        self.tokens.get(self.pos).is_none_or(|t| t.newline_before)
    }

    fn fail<T>(&self, code: ParseCode) -> Result<T, ParseError> {
        Err(ParseError {
            code,
            at: self.at(),
        })
    }

    fn is(&self, p: P) -> bool {
        *self.peek() == Tok::Punct(p)
    }

    fn is_name(&self, name: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == name)
    }

    fn eat(&mut self, p: P) -> bool {
        let found = self.is(p);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_name(&mut self, name: &str) -> bool {
        let found = self.is_name(name);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, p: P) -> Result<(), ParseError> {
        if self.eat(p) {
            Ok(())
        } else {
            self.fail(ParseCode::Syntax)
        }
    }

    /// The end of a statement: `;`, or a line break, `}` or the end.
    fn semicolon(&mut self) -> Result<(), ParseError> {
        if self.eat(P::Semi) || self.is(P::RBrace) || self.at_end() || self.newline_before() {
            Ok(())
        } else {
            self.fail(ParseCode::Syntax)
        }
    }

    fn intern(&mut self, s: &str) -> Result<Str, ParseError> {
        if let Some(&id) = self.interned.get(s) {
            return Ok(id);
        }
        let Ok(id) = Str::try_from(self.strings.len()) else {
            return self.fail(ParseCode::TooMany);
        };
        self.strings.push(s.into());
        self.interned.insert(s.into(), id);
        Ok(id)
    }

    /// A name that may be bound (not a reserved word).
    fn binding_name(&mut self) -> Result<Str, ParseError> {
        let Tok::Name(name) = self.peek().clone() else {
            return self.fail(ParseCode::Syntax);
        };
        if is_reserved(&name) {
            return self.fail(ParseCode::Syntax);
        }
        self.pos += 1;
        self.intern(&name)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.fail(ParseCode::TooDeep);
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<Stmt, ParseError> {
        self.enter()?;
        let stmt = self.statement_inner();
        self.depth -= 1;
        stmt
    }

    fn block(&mut self) -> Result<Vec<Stmt>, ParseError> {
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

    fn paren_expression(&mut self) -> Result<Expr, ParseError> {
        self.expect(P::LParen)?;
        let e = self.expression()?;
        self.expect(P::RParen)?;
        Ok(e)
    }

    fn statement_inner(&mut self) -> Result<Stmt, ParseError> {
        if self.is(P::LBrace) {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.eat(P::Semi) {
            return Ok(Stmt::Empty);
        }
        let Tok::Name(word) = self.peek().clone() else {
            return self.expression_statement();
        };
        if matches!(
            self.tokens.get(self.pos + 1).map(|t| &t.tok),
            Some(Tok::Punct(P::Colon))
        ) {
            return self.fail(ParseCode::Unsupported);
        }
        match word.as_str() {
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
            "do" => {
                self.pos += 1;
                let body = Box::new(self.statement()?);
                if !self.eat_name("while") {
                    return self.fail(ParseCode::Syntax);
                }
                let test = self.paren_expression()?;
                self.eat(P::Semi);
                Ok(Stmt::DoWhile(body, test))
            }
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

    fn expression_statement(&mut self) -> Result<Stmt, ParseError> {
        let e = self.expression()?;
        self.semicolon()?;
        Ok(Stmt::Expr(e))
    }

    fn declarations(&mut self) -> Result<Stmt, ParseError> {
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

    fn for_statement(&mut self) -> Result<Stmt, ParseError> {
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
            let target = match init {
                Some(Stmt::Var(mut decls)) if decls.len() == 1 => match decls.pop() {
                    Some((name, None)) => name,
                    _ => return self.fail(ParseCode::Syntax),
                },
                Some(Stmt::Expr(e)) if is_target(&e) => e,
                _ => return self.fail(ParseCode::Syntax),
            };
            let object = self.expression()?;
            self.expect(P::RParen)?;
            let body = Box::new(self.statement()?);
            let declared = Stmt::Var(vec![(target.clone(), None)]);
            return Ok(Stmt::Block(vec![
                declared,
                Stmt::ForIn(target, object, body),
            ]));
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

    fn switch_statement(&mut self) -> Result<Stmt, ParseError> {
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

    fn try_statement(&mut self) -> Result<Stmt, ParseError> {
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
    fn function(&mut self, is_expression: bool) -> Result<u32, ParseError> {
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

    /// `a, b, c`
    fn expression(&mut self) -> Result<Expr, ParseError> {
        let first = self.assign()?;
        if !self.is(P::Comma) {
            return Ok(first);
        }
        let mut all = vec![first];
        while self.eat(P::Comma) {
            all.push(self.assign()?);
        }
        Ok(Expr::Comma(all))
    }

    /// An assignment expression (every operand passes here: the depth
    /// count).
    fn assign(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let e = self.assign_inner();
        self.depth -= 1;
        e
    }

    fn assign_inner(&mut self) -> Result<Expr, ParseError> {
        let target = self.conditional()?;
        let op = match self.peek() {
            Tok::Punct(p) => assignment(*p),
            _ => None,
        };
        let Some(op) = op else {
            return Ok(target);
        };
        if !is_target(&target) {
            return self.fail(ParseCode::Target);
        }
        self.pos += 1;
        let value = self.assign()?;
        Ok(Expr::Assign(op, Box::new(target), Box::new(value)))
    }

    fn conditional(&mut self) -> Result<Expr, ParseError> {
        let test = self.binary(0)?;
        if !self.eat(P::Question) {
            return Ok(test);
        }
        let no_in = std::mem::replace(&mut self.no_in, false);
        let then = self.assign()?;
        self.no_in = no_in;
        self.expect(P::Colon)?;
        let other = self.assign()?;
        Ok(Expr::Cond(Box::new(test), Box::new(then), Box::new(other)))
    }

    /// Binary operators binding tighter than `min` (left-associative).
    fn binary(&mut self, min: u8) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        let mut links = 0usize;
        while let Some((precedence, op)) = binary(self.peek(), self.no_in) {
            if precedence <= min {
                break;
            }
            // A left-associative chain nests the tree as deep as it is long.
            links += 1;
            if self.depth + links > MAX_NESTING {
                return self.fail(ParseCode::TooDeep);
            }
            self.pos += 1;
            self.enter()?;
            let right = self.binary(precedence);
            self.depth -= 1;
            let right = Box::new(right?);
            left = match op {
                Some(op) => Expr::Binary(op, Box::new(left), right),
                None => Expr::Logical(precedence == 2, Box::new(left), right),
            };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        let op = match self.peek() {
            Tok::Punct(P::Minus) => Some(UnOp::Neg),
            Tok::Punct(P::Plus) => Some(UnOp::Plus),
            Tok::Punct(P::Bang) => Some(UnOp::Not),
            Tok::Punct(P::Tilde) => Some(UnOp::BitNot),
            Tok::Name(n) if n == "typeof" => Some(UnOp::Typeof),
            Tok::Name(n) if n == "void" => Some(UnOp::Void),
            Tok::Name(n) if n == "delete" => return self.fail(ParseCode::Unsupported),
            Tok::Punct(P::Inc | P::Dec) => {
                let increment = self.is(P::Inc);
                self.pos += 1;
                self.enter()?;
                let target = self.unary();
                self.depth -= 1;
                let target = target?;
                if !is_target(&target) {
                    return self.fail(ParseCode::Target);
                }
                return Ok(Expr::Update {
                    increment,
                    prefix: true,
                    target: Box::new(target),
                });
            }
            _ => None,
        };
        let Some(op) = op else {
            return self.postfix();
        };
        self.pos += 1;
        self.enter()?;
        let operand = self.unary();
        self.depth -= 1;
        Ok(Expr::Unary(op, Box::new(operand?)))
    }

    fn postfix(&mut self) -> Result<Expr, ParseError> {
        let e = self.call()?;
        if (self.is(P::Inc) || self.is(P::Dec)) && !self.newline_before() {
            if !is_target(&e) {
                return self.fail(ParseCode::Target);
            }
            let increment = self.is(P::Inc);
            self.pos += 1;
            return Ok(Expr::Update {
                increment,
                prefix: false,
                target: Box::new(e),
            });
        }
        Ok(e)
    }

    /// A primary expression and its member accesses and calls.
    fn call(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.primary()?;
        let mut links = 0usize;
        loop {
            if self.eat(P::Dot) {
                let Tok::Name(name) = self.peek().clone() else {
                    return self.fail(ParseCode::Syntax);
                };
                self.pos += 1;
                e = Expr::Member(Box::new(e), self.intern(&name)?);
            } else if self.eat(P::LBracket) {
                let key = self.expression()?;
                self.expect(P::RBracket)?;
                e = Expr::Index(Box::new(e), Box::new(key));
            } else if self.eat(P::LParen) {
                let mut args = Vec::new();
                if !self.eat(P::RParen) {
                    loop {
                        args.push(self.assign()?);
                        if self.eat(P::RParen) {
                            break;
                        }
                        self.expect(P::Comma)?;
                    }
                }
                e = if e == Expr::Name(self.intern("eval")?) {
                    Expr::Eval
                } else {
                    Expr::Call(Box::new(e), args)
                };
            } else {
                return Ok(e);
            }
            // A chain is walked recursively too: it counts as nesting.
            links += 1;
            if self.depth + links > MAX_NESTING {
                return self.fail(ParseCode::TooDeep);
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let tok = self.peek().clone();
        self.pos += 1;
        Ok(match tok {
            Tok::Num(n) => Expr::Num(n),
            Tok::Str(s) => Expr::Str(self.intern(&s)?),
            Tok::Punct(P::LParen) => {
                let no_in = std::mem::replace(&mut self.no_in, false);
                let e = self.expression()?;
                self.no_in = no_in;
                self.expect(P::RParen)?;
                e
            }
            Tok::Punct(P::LBracket) => self.array()?,
            Tok::Punct(P::LBrace) => self.object()?,
            Tok::Name(name) => match name.as_str() {
                "true" => Expr::Bool(true),
                "false" => Expr::Bool(false),
                "null" => Expr::Null,
                "function" => Expr::Function(self.function(true)?),
                "new" => return self.fail_before(ParseCode::New),
                "this" => return self.fail_before(ParseCode::This),
                n if is_reserved(n) => return self.fail_before(ParseCode::Syntax),
                n => Expr::Name(self.intern(n)?),
            },
            Tok::Punct(_) | Tok::End => return self.fail_before(ParseCode::Syntax),
        })
    }

    /// An error at the token just consumed.
    fn fail_before<T>(&mut self, code: ParseCode) -> Result<T, ParseError> {
        self.pos = self.pos.saturating_sub(1);
        self.fail(code)
    }

    fn array(&mut self) -> Result<Expr, ParseError> {
        let mut items = Vec::new();
        while !self.eat(P::RBracket) {
            if self.is(P::Comma) {
                // An elision: a hole, read as undefined.
                self.pos += 1;
                items.push(Expr::Undefined);
                continue;
            }
            items.push(self.assign()?);
            if !self.eat(P::Comma) {
                self.expect(P::RBracket)?;
                break;
            }
        }
        Ok(Expr::Array(items))
    }

    fn object(&mut self) -> Result<Expr, ParseError> {
        let mut entries = Vec::new();
        while !self.eat(P::RBrace) {
            let key = match self.peek().clone() {
                Tok::Name(n) => n,
                Tok::Str(s) => s,
                Tok::Num(n) => super::number::number_to_string(n),
                _ => return self.fail(ParseCode::Syntax),
            };
            self.pos += 1;
            if matches!(key.as_str(), "get" | "set") && !self.is(P::Colon) {
                return self.fail(ParseCode::Unsupported);
            }
            self.expect(P::Colon)?;
            let key = self.intern(&key)?;
            entries.push((key, self.assign()?));
            if !self.eat(P::Comma) {
                self.expect(P::RBrace)?;
                break;
            }
        }
        Ok(Expr::Object(entries))
    }
}

/// Words that cannot be names.
fn is_reserved(name: &str) -> bool {
    matches!(
        name,
        "var"
            | "let"
            | "const"
            | "if"
            | "else"
            | "for"
            | "while"
            | "do"
            | "return"
            | "break"
            | "continue"
            | "function"
            | "switch"
            | "case"
            | "default"
            | "try"
            | "catch"
            | "finally"
            | "throw"
            | "new"
            | "this"
            | "typeof"
            | "void"
            | "delete"
            | "in"
            | "instanceof"
            | "with"
            | "true"
            | "false"
            | "null"
            | "class"
            | "debugger"
            | "enum"
            | "export"
            | "import"
            | "super"
            | "extends"
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
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
