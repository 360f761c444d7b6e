//! # Render HTML: look at what gazette found
//!
//! Extracts every text file named on the command line (or two built-in
//! sample articles) and writes two self-contained pages into the current
//! directory:
//!
//! - `gazette.html`: each document with its entities highlighted and its
//!   facts, with evidence, listed under it;
//! - `gazette-graph.html`: the facts of all documents as one network.
//!
//! ```text
//! cargo run --release --example render_html                  # the samples
//! cargo run --release --example render_html -- a.txt b.txt  # your texts
//! ```

use std::error::Error;

use gazette::output::{graph::Graph, html, AnnotatedDocument};
use gazette::Extractor;

const SAMPLES: [(&str, &str); 2] = [
    (
        "sample/harbour-talks",
        "Finland's Virtanen meets Chile's Rojas, pledges closer cooperation, Yle says\n\
         Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas in Helsinki on \
         Monday and discussed trade between the two countries, public broadcaster Yle said.\n\
         Virtanen said Finland will continue to expand cooperation with Chile, Yle reported.\n\
         Santiago and Helsinki signed a trade agreement at a summit in March.\n\
         Rojas, previously Chile's defence minister, will visit Estonia next week.\n",
    ),
    (
        "sample/border-dispute",
        "Estonian Prime Minister Kristjan Tamm accused Russia of jamming aircraft navigation over \
         the Baltic Sea, the Estonian Foreign Ministry said on Friday.\n\
         Officials in Warsaw say that Poland is supplying air defence systems to Estonia.\n\
         Tamm met Polish President Marek Nowak in Tallinn and the two leaders pledged to deepen \
         cooperation on border security.\n\
         Russia has not attacked Estonia, the ministry said.\n",
    ),
];

fn main() -> Result<(), Box<dyn Error>> {
    // # Input: files named on the command line, or the samples.
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let inputs: Vec<(String, String)> = if paths.is_empty() {
        SAMPLES
            .iter()
            .map(|(id, text)| (id.to_string(), text.to_string()))
            .collect()
    } else {
        paths
            .into_iter()
            .map(|p| Ok((p.clone(), std::fs::read_to_string(&p)?)))
            .collect::<Result<_, std::io::Error>>()?
    };

    // # Extract: one `AnnotatedDocument` (record + text) per input.
    let extractor = Extractor::default();
    let docs: Vec<AnnotatedDocument> = inputs
        .iter()
        .map(|(id, text)| AnnotatedDocument::new(id, &extractor.extract(text)))
        .collect();

    // # Render: the document view and the fact graph.
    std::fs::write("gazette.html", html::render(&docs))?;
    let graph = Graph::new(&docs);
    std::fs::write("gazette-graph.html", graph.to_html())?;

    let here = std::env::current_dir()?;
    let records = docs.iter().map(AnnotatedDocument::record);
    println!(
        "{} documents, {} entity mentions, {} facts",
        docs.len(),
        records.clone().map(|r| r.entities.len()).sum::<usize>(),
        records.map(|r| r.facts.len()).sum::<usize>(),
    );
    println!("wrote {}", here.join("gazette.html").display());
    println!("wrote {}", here.join("gazette-graph.html").display());
    Ok(())
}
