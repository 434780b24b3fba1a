//! The expression engine's numbers as the wasm player computes them: its
//! conversions between numbers and text are the JS engine's own (`String`,
//! `Number`, `toFixed`, `parseInt`, `parseFloat`), and `%` its own exact
//! `fmod`; natively the Rust half answers (player/src/expressions/
//! number.rs's tests, with values from node too). Expected texts from
//! node.

use player::expressions::{Budget, Clock, Ctx, Engine, Error, Host, HostObject, Program, Value};
use wasm_bindgen_test::*;

/// A host that defines nothing: the scripts below use the language only.
struct Nothing;

impl Host for Nothing {
    fn global(&mut self, _cx: &mut Ctx<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn member(&mut self, _cx: &mut Ctx<'_>, _o: HostObject, _key: Value) -> Result<Value, Error> {
        Err(Error::Type)
    }

    fn call(&mut self, _cx: &mut Ctx<'_>, _o: HostObject, _args: &[Value]) -> Result<Value, Error> {
        Err(Error::Type)
    }
}

/// The text of `source`'s value (`String(value)`).
fn run(source: &str) -> String {
    let program = Program::parse(source).unwrap();
    let mut engine = Engine::new();
    let clock = Clock {
        time: 0.0,
        frame_rate: 30.0,
        seed: 1.0,
    };
    let value = engine
        .run(
            &program,
            &mut Nothing,
            clock,
            &mut Budget { steps: 100_000 },
        )
        .unwrap();
    engine.to_text(&program, value).unwrap()
}

#[wasm_bindgen_test]
fn numbers_convert_as_js_converts_them() {
    for (source, js) in [
        ("String(0.1 + 0.2)", "0.30000000000000004"),
        ("String(1e21)", "1e+21"),
        ("String(1.5e-7)", "1.5e-7"),
        ("String(-0)", "0"),
        ("String(2 * 3)", "6"),
        ("String(1 / 3)", "0.3333333333333333"),
        ("String(5e-324)", "5e-324"),
        ("String(0/0)", "NaN"),
        ("String(-1/0)", "-Infinity"),
        ("'' + 123456789.125", "123456789.125"),
        ("(1.005).toFixed(2)", "1.00"),
        ("(2.5).toFixed(0)", "3"),
        ("(-0.001).toFixed(2)", "-0.00"),
        ("(1e21).toFixed(2)", "1e+21"),
        ("(12.5).toString()", "12.5"),
        ("Number(' 12 ')", "12"),
        ("Number('')", "0"),
        ("Number('0x1f')", "31"),
        ("Number('12px')", "NaN"),
        ("Number('-Infinity')", "-Infinity"),
        ("'3' * '4'", "12"),
        ("parseInt('  42px')", "42"),
        ("parseInt('-0x1f')", "-31"),
        ("parseInt('z', 36)", "35"),
        ("parseInt('10', 37)", "NaN"),
        ("parseInt('10', 4294967298)", "2"),
        ("parseInt('px')", "NaN"),
        ("parseFloat('3.5e2xyz')", "350"),
        ("parseFloat('.5.')", "0.5"),
        ("parseFloat('e5')", "NaN"),
        ("parseFloat('-Infinityx')", "-Infinity"),
        (".5e1 + 0x1F + 1e-3", "36.001"),
        ("5.5 % 2", "1.5"),
        ("-7.25 % 2", "-1.25"),
        ("1 / (-4 % 2)", "-Infinity"),
        ("1e300 % 7", "1"),
        ("5 % 0", "NaN"),
        ("3 % (1/0)", "3"),
        ("mod(7, 3)", "1"),
        (
            "(4294967297.5 | 0) + ',' + (1e20 | 0) + ',' + (9.3e18 | 0)",
            "1,1661992960,-81657856",
        ),
    ] {
        assert_eq!(run(source), js, "{source}");
    }
}
