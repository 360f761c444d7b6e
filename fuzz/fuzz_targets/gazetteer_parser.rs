//! Arbitrary bytes as a user gazetteer: `build` returns Ok or Err, never
//! panics; an extractor that builds runs on the same text with every
//! invariant holding (its entries then match).
#![no_main]

use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let built = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_str("fuzz.tsv", &text)
        .build();
    match built {
        Ok(e) => {
            let doc = e.extract(&text);
            gazette_fuzz::check(&e, &text, &doc);
        }
        Err(err) => {
            // The message names the file.
            assert!(err.to_string().contains("fuzz.tsv"), "{err}");
        }
    }
});
