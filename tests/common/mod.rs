//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use gazette::Extractor;

/// One extractor for the whole test binary (building it takes a moment).
pub fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::default)
}

/// The shared evaluation data: `$GAZETTE_SHARED`, else `../shared` beside the
/// repository. In CI (`CI` set) missing data is a failure; elsewhere the
/// caller skips with a notice.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let base = std::env::var_os("GAZETTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = base.join(rel);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("evaluation data missing in CI: {}", path.display());
    }
    eprintln!(
        "SKIPPED: {} not found (set GAZETTE_SHARED to the shared/ folder)",
        path.display()
    );
    None
}
