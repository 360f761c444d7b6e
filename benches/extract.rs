//! Criterion benchmarks: building `Extractor::default()`, each pipeline stage
//! (cumulatively: split, + gazetteer, + rules, + resolve, + relations), end
//! to end, and a bare Aho-Corasick scan of the same gazetteer forms over the
//! same corpus.
//!
//! The corpus is the texts of `$GAZETTE_BENCH_CORPUS`, else
//! `../shared/data/conll2003/testa.jsonl` when present, else the examples'
//! sample article repeated. Criterion reports throughput in bytes; at the
//! end a summary of medians measured in the same run gives end-to-end bytes,
//! documents and sentences per second and the ratio to the bare scan.
//!
//! ```text
//! cargo bench --bench extract
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use gazette::{Extractor, Stage};

fn corpus() -> (String, Vec<String>) {
    let path = std::env::var_os("GAZETTE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/testa.jsonl")
        });
    if let Ok(raw) = std::fs::read_to_string(&path) {
        let docs = raw
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(String::from))
            .collect::<Vec<_>>();
        if !docs.is_empty() {
            return (path.display().to_string(), docs);
        }
    }
    let sample = include_str!("../examples/sample-news.txt").to_string();
    ("examples/sample-news.txt x 300".into(), vec![sample; 300])
}

fn benches(c: &mut Criterion) {
    let (name, docs) = corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    eprintln!("corpus: {name}: {} documents, {bytes} bytes", docs.len());

    let mut g = c.benchmark_group("build");
    g.sample_size(20);
    g.bench_function("Extractor::default", |b| {
        b.iter(|| black_box(Extractor::default()))
    });
    g.finish();

    let extractor = Extractor::default();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for stage in [
        Stage::Split,
        Stage::Gazetteer,
        Stage::Rules,
        Stage::Resolve,
        Stage::Relations,
    ] {
        g.bench_function(format!("up to {stage:?}"), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.run_until(black_box(d), stage))
                    .sum::<usize>()
            })
        });
    }
    g.bench_function("end to end (extract)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extractor.extract(black_box(d)).facts().len())
                .sum::<usize>()
        })
    });
    let forms: Vec<&str> = extractor.gazetteer_forms().collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&forms)
        .expect("automaton");
    g.bench_function("bare Aho-Corasick scan", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ac.find_iter(black_box(d)).count())
                .sum::<usize>()
        })
    });
    g.finish();

    // One summary, medians of runs in this same process.
    let median = |f: &dyn Fn() -> usize| -> Duration {
        let mut times: Vec<Duration> = (0..9)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let sentences: usize = docs
        .iter()
        .map(|d| extractor.run_until(d, Stage::Split))
        .sum();
    let end_to_end = median(&|| {
        docs.iter()
            .map(|d| extractor.extract(black_box(d)).facts().len())
            .sum()
    });
    let scan = median(&|| {
        docs.iter()
            .map(|d| ac.find_iter(black_box(d)).count())
            .sum()
    });
    let per_s = |n: f64, d: Duration| n / d.as_secs_f64();
    eprintln!(
        "summary: end to end {:.2} MB/s, {:.0} documents/s, {:.0} sentences/s; \
         bare Aho-Corasick scan {:.2} MB/s; ratio {:.2}",
        per_s(bytes as f64 / 1e6, end_to_end),
        per_s(docs.len() as f64, end_to_end),
        per_s(sentences as f64, end_to_end),
        per_s(bytes as f64 / 1e6, scan),
        scan.as_secs_f64() / end_to_end.as_secs_f64()
    );
}

criterion_group!(extract, benches);
criterion_main!(extract);
