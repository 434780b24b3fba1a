//! `percus-import IN.lottie OUT_DIR [--animation ID]`: turns a .lottie
//! file (dotLottie v1 or v2) into a template package folder (the animation,
//! its images and fonts, a manifest skeleton with every file hashed:
//! `player::dotlottie`), so that no player unzips anything. Prints what it
//! left out (theme rules it cannot carry, other animations); then
//! `percus-check OUT_DIR` checks the package. Exit status 0 when the
//! package was written, 1 when the file was refused (the error's code and
//! name), 2 on usage. Never fetches: a file pointing outside the package
//! is refused.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool printing what it did with a template file"
)]

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut animation = None;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--animation" => animation = it.next(),
            _ => paths.push(arg),
        }
    }
    let [input, out] = paths.as_slice() else {
        eprintln!("usage: percus-import IN.lottie OUT_DIR [--animation ID]");
        return ExitCode::from(2);
    };
    let Ok(bytes) = std::fs::read(input) else {
        eprintln!("{input}: cannot be read");
        return ExitCode::FAILURE;
    };
    let imported = match player::dotlottie::import(&bytes, animation.map(String::as_str)) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("{input}: {} {}", error.code, error.name);
            return ExitCode::FAILURE;
        }
    };
    let out = Path::new(out);
    for (path, data) in &imported.files {
        let file = out.join(path);
        let written = file
            .parent()
            .is_none_or(|dir| std::fs::create_dir_all(dir).is_ok())
            && std::fs::write(&file, data).is_ok();
        if !written {
            eprintln!("{}: cannot be written", file.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{}: animation {} into {} ({} files)",
        input,
        imported.animation,
        out.display(),
        imported.files.len()
    );
    for note in &imported.notes {
        println!("note: {} {}", note.code, note.name);
    }
    ExitCode::SUCCESS
}
