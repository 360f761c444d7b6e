//! # Throughput: how fast gazette reads news, compared with a bare automaton scan
//!
//! ```text
//! cargo run --release --example throughput -- FILE [RUNS]
//! ```
//!
//! FILE is JSON Lines (`{"text": ...}` per line) or plain text (one document).
//! Without FILE, the sample article of the examples, repeated, is used. The
//! corpus is extracted RUNS times (default 7) on one thread; the median run
//! gives the figures. The same corpus is then scanned by a bare
//! Aho-Corasick automaton (leftmost-longest, ASCII case-insensitive) built
//! from the same gazetteer forms, and the ratio of the two speeds is printed.

use std::error::Error;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use gazette::{Extractor, Stage};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn Error>> {
    // # The corpus.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs: Vec<String> = match args.first() {
        Some(path) => {
            let raw = std::fs::read_to_string(path)?;
            if path.ends_with(".jsonl") {
                raw.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| -> Result<String, Box<dyn Error>> {
                        let v: serde_json::Value = serde_json::from_str(l)?;
                        Ok(v["text"].as_str().unwrap_or_default().to_string())
                    })
                    .collect::<Result<_, _>>()?
            } else {
                vec![raw]
            }
        }
        None => vec![include_str!("sample-news.txt").to_string(); 200],
    };
    let runs: usize = args
        .get(1)
        .map(|r| r.parse())
        .transpose()?
        .unwrap_or(7)
        .max(1);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mb = bytes as f64 / 1e6;

    // # Building the extractor.
    let started = Instant::now();
    let extractor = Extractor::default();
    let build = started.elapsed();
    // The first call must not pay for work the build put off.
    let first_doc = &docs[0];
    let t = Instant::now();
    std::hint::black_box(extractor.extract(first_doc));
    let first = t.elapsed();
    let t = Instant::now();
    std::hint::black_box(extractor.extract(first_doc));
    let second = t.elapsed();

    // # End to end, and the stages cumulatively.
    let time = |stage: Stage| -> (Duration, usize) {
        let mut times = Vec::new();
        let mut items = 0;
        for _ in 0..runs {
            let t = Instant::now();
            items = docs.iter().map(|d| extractor.run_until(d, stage)).sum();
            times.push(t.elapsed());
        }
        (median(times), items)
    };
    let sentences = time(Stage::Split).1;
    let stages = [
        Stage::Split,
        Stage::Gazetteer,
        Stage::Rules,
        Stage::Resolve,
        Stage::Relations,
    ];
    let mut rows = Vec::new();
    for s in stages {
        rows.push((s, time(s)));
    }
    let end_to_end = rows.last().expect("stages").1 .0;

    // # A bare automaton over the same forms.
    let forms: Vec<&str> = extractor.gazetteer_forms().collect();
    let t = Instant::now();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&forms)?;
    let ac_build = t.elapsed();
    let mut scans = Vec::new();
    let mut hits = 0;
    for _ in 0..runs {
        let t = Instant::now();
        hits = docs.iter().map(|d| ac.find_iter(d).count()).sum::<usize>();
        scans.push(t.elapsed());
    }
    let scan = median(scans);

    // # Figures.
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "corpus: {} documents, {:.2} MB, {} sentences; {} runs, medians, one thread",
        docs.len(),
        mb,
        sentences,
        runs
    );
    println!(
        "Extractor::default() built in {:.1} ms ({} surface forms)",
        build.as_secs_f64() * 1e3,
        forms.len()
    );
    println!(
        "first extract ({} bytes): {:.3} ms; the same document again: {:.3} ms",
        first_doc.len(),
        first.as_secs_f64() * 1e3,
        second.as_secs_f64() * 1e3
    );
    println!(
        "{:<24} {:>10} {:>12} {:>12}",
        "up to stage", "median", "MB/s", "items"
    );
    for (s, (d, items)) in &rows {
        println!(
            "{:<24} {:>8.1}ms {:>12.2} {:>12}",
            format!("{s:?}"),
            d.as_secs_f64() * 1e3,
            rate(*d),
            items
        );
    }
    println!(
        "end to end: {:.2} MB/s, {:.0} documents/s, {:.0} sentences/s",
        rate(end_to_end),
        docs.len() as f64 / end_to_end.as_secs_f64(),
        sentences as f64 / end_to_end.as_secs_f64()
    );
    println!(
        "bare Aho-Corasick scan: {:.2} MB/s ({} hits; automaton built in {:.0} ms)",
        rate(scan),
        hits,
        ac_build.as_secs_f64() * 1e3
    );
    println!(
        "ratio gazette / bare scan: {:.2}",
        rate(end_to_end) / rate(scan)
    );
    Ok(())
}
