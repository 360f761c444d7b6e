//! Arbitrary bytes as a user relation lexicon: `build` returns Ok or Err,
//! never panics; an extractor that builds runs on a fixed sentence and on the
//! input itself with every invariant holding.
#![no_main]

use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = "Kenya and Japan signed a pact. Amani Odera met Haruto Sato in Tokyo, \
and Moscow condemned Kyiv. The ministry said aid from Nairobi reached Kampala.";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let built = Extractor::builder()
        .default_gazetteers(false)
        .default_relations(false)
        .relation_str("fuzz.tsv", &text)
        .build();
    match built {
        Ok(e) => {
            let doc = e.extract(SAMPLE);
            gazette_fuzz::check(&e, SAMPLE, &doc);
            let doc = e.extract(&text);
            gazette_fuzz::check(&e, &text, &doc);
        }
        Err(err) => {
            assert!(err.to_string().contains("fuzz.tsv"), "{err}");
        }
    }
});
