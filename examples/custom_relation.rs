//! # Custom relation triggers: extend the lexicon without touching code
//!
//! The eight relations are found from trigger lexicons (`gazetteers/relations.tsv`).
//! A user lexicon adds triggers in the same format: relation, frame (verb, noun
//! or reverse), trigger words, the prepositions that introduce the object, and
//! options. Here: "snubbed" as criticism, "courted" as a meeting, and
//! "airlifted ... to" as supply; only those three relations are produced.
//!
//! ```text
//! cargo run --release --example custom_relation
//! ```

use std::error::Error;

use gazette::{Extractor, Relation};

const MY_TRIGGERS: &str = "\
# relation\tframe\ttriggers\tprepositions\toptions
CRITICIZE\tverb\tsnubbed|snubs|snub
MEET\tverb\tcourted|courts|court
SUPPLY\tverb\tairlifted|airlifts|airlift\tto
";

const TEXT: &str = "Brazil snubbed Argentina at the trade summit. \
Chilean President Tomas Rojas courted Peruvian President Ana Quispe in Lima. \
Canada airlifted medicine to Haiti, Reuters said.";

fn main() -> Result<(), Box<dyn Error>> {
    let mut builder = Extractor::builder();
    builder
        .relation_str("my-triggers.tsv", MY_TRIGGERS)
        .relations(&[Relation::Criticize, Relation::Meet, Relation::Supply]);
    let extractor = builder.build()?;
    let doc = extractor.extract(TEXT);
    for f in doc.facts() {
        println!(
            "{:<10} {} -> {}   (trigger {:?}, rule {}{})",
            f.relation.as_str(),
            f.subject_canonical,
            f.object_canonical,
            f.trigger.slice(doc.text()),
            f.rule,
            f.attributed_to
                .as_deref()
                .map(|a| format!(", according to {a}"))
                .unwrap_or_default()
        );
    }
    assert_eq!(doc.facts().len(), 3);
    Ok(())
}
