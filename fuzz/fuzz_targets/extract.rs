//! Arbitrary bytes, made UTF-8 lossily, through the default extractor; the
//! document must satisfy every invariant.
#![no_main]

use std::sync::OnceLock;

use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::default)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let e = extractor();
    let doc = e.extract(&text);
    gazette_fuzz::check(e, &text, &doc);
});
