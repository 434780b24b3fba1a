//! No import cycles between the player's modules (issue 22): at every level
//! of the module tree (the crate's top-level modules, and the children of
//! each folder module such as `eval/` or `lottie/import/`), the modules use
//! one another in one direction only, so that each can be read knowing only
//! the ones below it. Read from the sources (`crate::`, `super::` and
//! `self::` paths in code before its tests; comments and doc links may
//! point anywhere). A folder's own `mod.rs` is its children's parent: they
//! may use it, and it may use them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path below the crate root, e.g. `["lottie", "import"]`.
type ModulePath = Vec<String>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file holds: `eval/mod.rs` is `eval`, `eval/text.rs` is
/// `eval::text`, `lib.rs` is the root.
fn module_of(root: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(root).unwrap().with_extension("");
    let mut path: ModulePath = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
        path.pop();
    }
    path
}

/// The code of a file before its `mod tests`, without comment lines (other
/// `#[cfg(test)]` items, such as eval's `mod test_helpers;`, are read on).
fn code_of(file: &Path) -> String {
    let source = std::fs::read_to_string(file).unwrap();
    let code = source
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The modules `code`, in module `at`, names by path: each `crate::`,
/// `super::` or `self::` path, resolved to where it leads, as deep as its
/// identifiers go (what is not a module is cut off later). Groups
/// (`super::{a, b::c}`) name each of their first identifiers.
fn paths_used(code: &str, at: &ModulePath) -> Vec<ModulePath> {
    let mut used = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_path = ["crate::", "super::", "self::"]
            .iter()
            .any(|p| code_at(&bytes, i).starts_with(p) && (i == 0 || !is_ident(bytes[i - 1])));
        if !starts_path {
            i += 1;
            continue;
        }
        // Resolve the leading keywords.
        let mut base: ModulePath = at.clone();
        loop {
            let rest = code_at(&bytes, i);
            if rest.starts_with("crate::") {
                base.clear();
                i += "crate::".len();
            } else if rest.starts_with("super::") {
                base.pop();
                i += "super::".len();
            } else if rest.starts_with("self::") {
                i += "self::".len();
            } else {
                break;
            }
        }
        let (names, next) = idents(&bytes, i);
        i = next;
        if code_at(&bytes, i).starts_with('{') {
            // A group: every identifier that starts an item of it.
            let mut depth = 0;
            let mut item_start = true;
            while i < bytes.len() {
                match bytes[i] {
                    '{' => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if is_ident(c) && item_start => {
                        let (inner, next) = idents(&bytes, i);
                        let mut path = base.clone();
                        path.extend(names.iter().cloned());
                        path.extend(inner);
                        used.push(path);
                        item_start = false;
                        i = next;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
        } else {
            let mut path = base;
            path.extend(names);
            used.push(path);
        }
    }
    used
}

fn code_at(chars: &[char], i: usize) -> String {
    chars[i..chars.len().min(i + 8)].iter().collect()
}

/// Identifiers joined by `::` from `i`; and where they end.
fn idents(chars: &[char], mut i: usize) -> (Vec<String>, usize) {
    let mut names = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        if i == start {
            break;
        }
        names.push(chars[start..i].iter().collect());
        if code_at(chars, i).starts_with("::") && chars.get(i + 2).is_some_and(|c| is_ident(*c)) {
            i += 2;
        } else {
            if code_at(chars, i).starts_with("::") {
                i += 2; // before a group
            }
            break;
        }
    }
    (names, i)
}

/// A cycle in `graph`, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut found = stack[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, graph, state, stack) {
                        return Some(found);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            if let Some(found) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

/// For each module with children: which child uses which sibling.
fn sibling_graphs(root: &Path) -> BTreeMap<ModulePath, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    source_files(root, &mut files);
    files.retain(|f| !f.starts_with(root.join("bin")));
    let modules: BTreeSet<ModulePath> = files.iter().map(|f| module_of(root, f)).collect();
    let mut graphs: BTreeMap<ModulePath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for module in &modules {
        if let Some((name, parent)) = module.split_last() {
            graphs
                .entry(parent.to_vec())
                .or_default()
                .entry(name.clone())
                .or_default();
        }
    }
    for file in &files {
        let at = module_of(root, file);
        for used in paths_used(&code_of(file), &at) {
            // The deepest module both share: its children are the two ends.
            let common = at.iter().zip(&used).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (at.get(common), used.get(common)) else {
                continue; // a module using its own parent, or itself
            };
            let parent = at[..common].to_vec();
            let mut to_module = parent.clone();
            to_module.push(to.clone());
            if from != to && modules.contains(&to_module) {
                graphs
                    .entry(parent)
                    .or_default()
                    .entry(from.clone())
                    .or_default()
                    .insert(to.clone());
            }
        }
    }
    graphs
}

#[test]
fn modules_use_each_other_in_one_direction_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graphs = sibling_graphs(&root);
    for (parent, graph) in &graphs {
        if let Some(found) = cycle(graph) {
            let level = if parent.is_empty() {
                "the crate's top-level modules".to_owned()
            } else {
                format!("the children of crate::{}", parent.join("::"))
            };
            panic!("an import cycle among {level}: {}", found.join(" → "));
        }
    }
}

/// The reader finds what is there: a test that found no uses would pass on
/// any code.
#[test]
fn the_reader_sees_uses_and_cycles() {
    let at: ModulePath = vec!["eval".into(), "text".into()];
    let used = paths_used(
        "use super::{Evaluator, layers::x};\nuse crate::lottie::{Caps, import};\nfn f() { crate::geometry::wrap(1.0, 2.0); }",
        &at,
    );
    let as_text: Vec<String> = used.iter().map(|p| p.join("::")).collect();
    assert!(as_text.contains(&"eval::Evaluator".into()), "{as_text:?}");
    assert!(as_text.contains(&"eval::layers::x".into()), "{as_text:?}");
    assert!(as_text.contains(&"lottie::import".into()), "{as_text:?}");
    assert!(as_text.contains(&"geometry::wrap".into()), "{as_text:?}");
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]
    .into();
    assert!(cycle(&graph).is_some());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graphs = sibling_graphs(&root);
    // The crate's top level: eval draws from lottie, never the other way.
    let top = &graphs[&Vec::new()];
    assert!(top["eval"].contains("lottie"), "{top:?}");
    assert!(!top["lottie"].contains("eval"), "{top:?}");
    // And inside a folder.
    let import = &graphs[&vec!["lottie".to_owned(), "import".to_owned()]];
    assert!(import["shapes"].contains("properties"), "{import:?}");
}
