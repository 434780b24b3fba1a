//! `cargo run -q -p player --example make_dotlottie -- OUT.lottie
//! NAME=FILE...`: writes a .lottie (a zip, deflated) whose entry NAME holds
//! FILE's bytes, with the workspace's own zip writer. How the fixtures in
//! player/tests/dotlottie/ were made (their NOTICE.md gives the commands).
//! A tool for test files: never part of a player.

#![allow(clippy::print_stderr, reason = "a command-line tool")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, pairs)) = args.split_first() else {
        eprintln!("usage: make_dotlottie OUT.lottie NAME=FILE...");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    for pair in pairs {
        let Some((name, path)) = pair.split_once('=') else {
            eprintln!("{pair}: not NAME=FILE");
            return ExitCode::from(2);
        };
        let Ok(data) = std::fs::read(path) else {
            eprintln!("{path}: cannot be read");
            return ExitCode::FAILURE;
        };
        files.push((name.to_owned(), data));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    if std::fs::write(out, player::dotlottie::zip::write(&files, true)).is_err() {
        eprintln!("{out}: cannot be written");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
