//! What the integration tests over the shared corpora share: where the
//! corpora are. Owns no test of its own and must never read anything but
//! the corpora's folders.

use std::path::{Path, PathBuf};

/// `../shared/NAME/lottie` beside the project: the work tree lives in
/// main/ beside shared/, and CI clones the repo beside shared/ one level
/// further down.
pub(crate) fn corpus_dir(name: &str) -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../../shared", "../../../shared"]
        .iter()
        .map(|p| here.join(p).join(name).join("lottie"))
        .find(|p| p.is_dir())
}
