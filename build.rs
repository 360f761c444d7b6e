//! Compiles the embedded default gazetteers and name lists once, at build
//! time, so that `Extractor::default()` loads them instead of parsing about
//! 8 MB of text on every start.
//!
//! The build script includes the crate's own parsing modules, so the result
//! is exactly what `Gazetteer::new` builds at run time; a unit test
//! (`precompiled_defaults_equal_a_fresh_compilation`) checks that.

#![allow(dead_code, unused_imports)]

#[path = "src/data.rs"]
mod data;
#[path = "src/error.rs"]
mod error;
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;
#[path = "src/model.rs"]
mod model;
#[path = "src/token.rs"]
mod token;

fn main() {
    for path in [
        "gazetteers",
        "src/data.rs",
        "src/error.rs",
        "src/gazetteer",
        "src/model.rs",
        "src/token.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let defaults = match gazetteer::compile_defaults() {
        Ok(d) => d,
        Err(e) => panic!("the embedded gazetteers do not compile: {e}"),
    };
    let (gazetteer, given, surnames) = &defaults;
    // Two files of about equal loading work, loaded on two threads: the
    // entries and the hashed index; the rest of the gazetteer and the name
    // lists.
    let entries = postcard::to_allocvec(&(gazetteer.entries(), gazetteer.index()));
    let rows = |list: &gazetteer::NameList, text: &str| {
        list.rows(text)
            .expect("the name lists borrow from the embedded texts")
    };
    let rest = postcard::to_allocvec(&(
        gazetteer,
        rows(given, data::GIVEN_NAMES.1),
        rows(surnames, data::SURNAMES.1),
    ));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, bytes) in [("entries.postcard", entries), ("rest.postcard", rest)] {
        let bytes = bytes.unwrap_or_else(|e| panic!("serialising {name}: {e}"));
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("writing {}: {e}", path.display());
        }
    }
}
