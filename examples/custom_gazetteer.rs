//! # Custom gazetteer: teach gazette names it does not know
//!
//! Adds a user gazetteer (the TSV format of `gazetteers/FORMAT.md`), removes a
//! default surface form through the stop list, and shows that user entries win
//! over the defaults.
//!
//! ```text
//! cargo run --release --example custom_gazetteer
//! ```

use std::error::Error;

use gazette::{Extractor, Label};

// # A user gazetteer: canonical name, label, aliases, attributes.
const MY_LIST: &str = "\
# my-companies.tsv: companies and people of our own coverage
Nordlys Shipping\tORGANIZATION\tNordlys|NSH\tcountry=Norway
Astrid Vale\tPERSON\tVale\tcountry=Norway;role=chief executive;start=2021
Chad Ferris\tPERSON\tChad\tcountry=Canada
";

const TEXT: &str =
    "Nordlys chief executive Astrid Vale met Canadian investor Chad Ferris in Oslo. \
Chad later said NSH would order two ships from South Korea.";

fn main() -> Result<(), Box<dyn Error>> {
    // # Defaults only: the company and its acronym are unknown, "Chad" is a country.
    let plain = Extractor::default();
    print("defaults", &plain.extract(TEXT));

    // # Defaults plus the user list; "Oslo" removed to show the stop list.
    let mut builder = Extractor::builder();
    builder
        .gazetteer_str("my-companies.tsv", MY_LIST)
        .remove("Oslo");
    let mine = builder.build()?;
    let doc = mine.extract(TEXT);
    print("with my-companies.tsv", &doc);
    assert!(doc
        .entities()
        .iter()
        .any(|e| e.label == Label::Organization && e.canonical == "Nordlys Shipping"));

    // # A malformed file is an error naming file, line and reason.
    let mut bad = Extractor::builder();
    bad.gazetteer_str("broken.tsv", "Acme\tCOMPANY\n");
    if let Err(e) = bad.build() {
        println!("\nbroken.tsv is refused: {e}");
    }
    Ok(())
}

fn print(title: &str, doc: &gazette::Document) {
    println!("\n== {title}");
    for e in doc.entities() {
        println!(
            "  {:<13} {:<18} -> {}   [{}]",
            e.label.as_str(),
            e.text(doc.text()),
            e.canonical,
            e.source
        );
    }
    for f in doc.facts() {
        println!(
            "  {} {} {}",
            f.subject_canonical, f.relation, f.object_canonical
        );
    }
}
