//! The parser's expressions: precedence climbing over JS's operators,
//! assignments, conditionals, unary and postfix operators, member
//! accesses and calls, literals (arrays, objects, function expressions).
//!
//! Must never recurse without counting: operands, chains of operators and
//! chains of calls all count against the nesting limit.

use super::super::lexer::{Tok, P};
use super::super::syntax::{BinOp, Expr, UnOp};
use super::super::{ParseCode, ParseError, MAX_NESTING};
use super::{is_reserved, is_target, Parser};

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

impl Parser {
    /// `a, b, c`
    pub(super) fn expression(&mut self) -> Result<Expr, ParseError> {
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
    pub(super) fn assign(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let e = self.assign_inner();
        self.depth -= 1;
        e
    }

    pub(super) fn assign_inner(&mut self) -> Result<Expr, ParseError> {
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

    pub(super) fn conditional(&mut self) -> Result<Expr, ParseError> {
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
    pub(super) fn binary(&mut self, min: u8) -> Result<Expr, ParseError> {
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

    pub(super) fn unary(&mut self) -> Result<Expr, ParseError> {
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

    pub(super) fn postfix(&mut self) -> Result<Expr, ParseError> {
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
    pub(super) fn call(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.primary()?;
        let mut links = 0usize;
        loop {
            if self.eat(P::Dot) {
                if !matches!(self.peek(), Tok::Name(_)) {
                    return self.fail(ParseCode::Syntax);
                }
                let Tok::Name(name) = self.take() else {
                    return self.fail(ParseCode::Syntax);
                };
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
                let eval = self.intern("eval")?;
                e = if matches!(e, Expr::Name(n) if n == eval) {
                    Expr::Eval(Box::new(args.into_iter().next().unwrap_or(Expr::Undefined)))
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

    pub(super) fn primary(&mut self) -> Result<Expr, ParseError> {
        let tok = self.take();
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
    pub(super) fn fail_before<T>(&mut self, code: ParseCode) -> Result<T, ParseError> {
        self.pos = self.pos.saturating_sub(1);
        self.fail(code)
    }

    pub(super) fn array(&mut self) -> Result<Expr, ParseError> {
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

    pub(super) fn object(&mut self) -> Result<Expr, ParseError> {
        let mut entries = Vec::new();
        while !self.eat(P::RBrace) {
            if !matches!(self.peek(), Tok::Name(_) | Tok::Str(_) | Tok::Num(_)) {
                return self.fail(ParseCode::Syntax);
            }
            let key = match self.take() {
                Tok::Name(n) | Tok::Str(n) => n,
                Tok::Num(n) => super::super::number::number_to_string(n),
                _ => String::new(),
            };
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
