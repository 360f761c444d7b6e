//! # Quickstart: extract entities and facts from a news article
//!
//! Runs the default extractor (embedded gazetteers, no download) over a text
//! file, or over the sample article that ships with the examples, and prints
//! what it found.
//!
//! ```text
//! cargo run --release --example quickstart                 # the sample article
//! cargo run --release --example quickstart -- article.txt  # your own text
//! ```

use std::error::Error;

use gazette::Extractor;

const SAMPLE: &str = include_str!("sample-news.txt");

fn main() -> Result<(), Box<dyn Error>> {
    // # Input: a file named on the command line, or the sample article.
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => SAMPLE.to_string(),
    };

    // # Build once, extract many times.
    let started = std::time::Instant::now();
    let extractor = Extractor::default();
    let built = started.elapsed();
    let doc = extractor.extract(&text);

    // # Entities: label, text as written, canonical name, and where it came from.
    println!(
        "{} sentences, {} entities, {} facts (extractor built in {:.0?})\n",
        doc.sentences().len(),
        doc.entities().len(),
        doc.facts().len(),
        built
    );
    println!("Entities");
    for e in doc.entities() {
        let text = e.text(doc.text());
        let canonical = if e.canonical != text {
            format!(" -> {}", e.canonical)
        } else {
            String::new()
        };
        println!(
            "  {:<13} {}{}   [{}]",
            e.label.as_str(),
            text,
            canonical,
            e.source
        );
    }

    // # Facts: relation, arguments, and the evidence behind each.
    println!("\nFacts");
    for f in doc.facts() {
        let mut notes = Vec::new();
        if let Some(role) = &f.role {
            notes.push(format!(
                "role: {role}{}",
                if f.former { " (former)" } else { "" }
            ));
        }
        if let Some(source) = &f.attributed_to {
            notes.push(format!("according to {source}"));
        }
        if f.negated {
            notes.push("negated".into());
        }
        if f.modality != gazette::Modality::Asserted {
            notes.push(f.modality.as_str().into());
        }
        println!(
            "  {:<10} {} -> {}  [{}]",
            f.relation.as_str(),
            f.subject_canonical,
            f.object_canonical,
            notes.join("; ")
        );
        println!(
            "             trigger {:?} in: {}",
            f.trigger.slice(doc.text()),
            doc.sentence_text(f.sentence)
        );
    }
    Ok(())
}
