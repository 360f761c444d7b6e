//! # Batch: JSON Lines in, JSON Lines out, all cores, input order kept
//!
//! Reads `{"id": ..., "text": ..., "date": ...}` records from standard input
//! and writes one gazette record per line to standard output: the same
//! contract as `gazette extract`, in a few lines of library code. Documents
//! are processed in parallel batches with scoped threads (no extra
//! dependency); the output keeps the input order.
//!
//! ```text
//! cargo run --release --example batch_jsonl < corpus.jsonl > facts.jsonl
//! printf '{"id":"a","text":"Chile and Peru signed a fisheries pact."}\n' | cargo run --release --example batch_jsonl
//! ```

use std::error::Error;
use std::io::{self, BufRead, BufWriter, Write};

use gazette::output::DocumentRecord;
use gazette::{Date, Extractor};

#[derive(serde::Deserialize)]
struct Input {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let extractor = Extractor::default();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut lines = stdin.lines();
    loop {
        // # Read a batch (bounded memory), then extract it on all cores.
        let batch: Vec<String> = lines.by_ref().take(256).collect::<Result<_, _>>()?;
        if batch.is_empty() {
            break;
        }
        let chunk = batch.len().div_ceil(threads);
        let outputs: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|lines| {
                    let extractor = &extractor;
                    s.spawn(move || lines.iter().map(|l| one(extractor, l)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("worker"))
                .collect()
        });
        // # Write in input order; a bad line is reported and skipped.
        for o in outputs {
            if o.starts_with('{') {
                writeln!(out, "{o}")?;
            } else {
                eprintln!("{o}");
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn one(extractor: &Extractor, line: &str) -> String {
    match serde_json::from_str::<Input>(line) {
        Ok(input) => {
            let date = input.date.as_deref().and_then(Date::parse);
            let doc = extractor.extract_dated(&input.text, date);
            serde_json::to_string(&DocumentRecord::new(&input.id, &doc)).unwrap_or_default()
        }
        Err(e) => format!("skipped a line that is not a record: {e}"),
    }
}
