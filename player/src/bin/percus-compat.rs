//! `percus-compat FILE.json... [--json]`: the compatibility report of Lottie
//! files (features used, what Percus does not draw with the layer, every
//! expression), from the player's own import. Exit status 1 when a file
//! cannot be read or loaded.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool printing reports on template files, never viewer data"
)]

use std::process::ExitCode;

use binding_engine::json::{Map, Value};
use player::report::Report;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let as_json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: percus-compat FILE.json... [--json]");
        return ExitCode::from(2);
    }
    let mut ok = true;
    let mut reports = Map::new();
    for file in files {
        let report = match std::fs::read_to_string(file) {
            Ok(text) => Report::of(&text),
            Err(error) => {
                eprintln!("{file}: {error}");
                ok = false;
                continue;
            }
        };
        ok &= report.error.is_none();
        if as_json {
            reports.insert(file.clone(), report.to_json());
        } else {
            print!("{file}\n{}\n", report.to_text());
        }
    }
    if as_json {
        println!("{}", Value::Object(reports));
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
