//! # Scaling: cost per byte as documents grow, and on inputs built to be slow
//!
//! ```text
//! cargo run --release --example scaling [-- RUNS]
//! ```
//!
//! Extracts one document of about 1 MB and one of about 64 MB, both made of
//! the examples' sample article, and a set of hostile documents (one 50 MB
//! line without spaces, a million "Mr. ", a million capitalised words in a
//! row, 400,000 state names in one sentence, deeply nested quotes and
//! brackets). Each is extracted once untimed, then RUNS times (default 5) on
//! one thread; the median time per byte is compared with that of the 1 MB
//! news document. gazette's targets: at most 1.2x for the 64 MB document, at
//! most 3x for the hostile ones.
//!
//! The untimed extraction matters: without it the 1 MB document, the first
//! one, is timed while the process and the allocator are still cold, and
//! every ratio to it reads lower than it is (for the 64 MB document, on one
//! build the same day: 1.21x with the median of three runs and no untimed
//! one, 1.40x with it).
//!
//! The small documents are extracted first, the two long ones last.
//!
//! On Linux the last two columns count the page faults (minor faults) of a
//! run, per megabyte of text, and the kernel's share of the CPU time of the
//! runs (in clock ticks, coarse for the small documents): the kernel's work
//! to hand a long document's fresh memory to the process, a cost a small
//! document, whose memory the allocator reuses, mostly does not pay.

use std::time::{Duration, Instant};

use gazette::Extractor;

/// Repeats `unit` until the text holds at least `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

/// The process's minor page faults so far (Linux; `None` elsewhere).
fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which ends with the last ')'.
    // minflt is the 10th field of the line, the 8th after the name.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(7)?.parse().ok()
}

/// The process's CPU time so far in clock ticks: (user, kernel) (Linux;
/// `None` elsewhere).
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // utime and stime are the 14th and 15th fields, the 12th and 13th
    // after the name.
    let mut rest = stat[stat.rfind(')')? + 1..].split_whitespace().skip(11);
    Some((rest.next()?.parse().ok()?, rest.next()?.parse().ok()?))
}

/// Extracts `text` once without timing it, so that the process, the
/// allocator and the caches have seen a document like it.
fn warm_up(extractor: &Extractor, text: &str) {
    std::hint::black_box(extractor.extract(text).entities().len());
}

/// Median time of `runs` extractions of `text`.
fn time(extractor: &Extractor, text: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let doc = extractor.extract(text);
            std::hint::black_box(doc.entities().len());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let article = format!("{}\n\n", include_str!("sample-news.txt").trim());
    let extractor = Extractor::default();

    let cases: Vec<(&str, String)> = vec![
        ("news, 1 MB", repeat_to(&article, 1 << 20)),
        ("a million \"Mr. \"", "Mr. ".repeat(1_000_000)),
        (
            "a million capitalised words",
            (0..1_000_000)
                .map(|i| ["Alpha ", "Bravo ", "Charlie ", "Delta ", "Echo "][i % 5])
                .collect::<String>(),
        ),
        (
            "state names, doubtful and sure",
            "France and Chad, ".repeat(200_000),
        ),
        (
            "nested quotes and brackets",
            "(".repeat(500_000)
                + &"\"'[{".repeat(250_000)
                + "Kim met Putin."
                + &"}]'\"".repeat(250_000)
                + &")".repeat(500_000),
        ),
        // The long documents last: the memory the allocator keeps after one
        // would spare the small documents after it the fresh memory they
        // need when extracted on their own.
        (
            "one 50 MB line without spaces",
            repeat_to("Kim.met,Putin;in-Moscow(2024)", 50 << 20),
        ),
        ("news, 64 MB", repeat_to(&article, 64 << 20)),
    ];

    println!("{runs} runs per case after one untimed, medians, one thread");
    println!(
        "{:<32} {:>10} {:>10} {:>9} {:>8} {:>10} {:>8}",
        "document", "MB", "seconds", "MB/s", "x 1 MB", "faults/MB", "kernel"
    );
    let mut base = None;
    for (name, text) in &cases {
        warm_up(&extractor, text);
        let before = minor_faults();
        let ticks = cpu_ticks();
        let d = time(&extractor, text, runs);
        let mb = text.len() as f64 / 1e6;
        let faults = match (before, minor_faults()) {
            (Some(a), Some(b)) => format!("{:.0}", (b - a) as f64 / runs as f64 / mb),
            _ => "-".to_string(),
        };
        let kernel = match (ticks, cpu_ticks()) {
            (Some((u0, k0)), Some((u1, k1))) if u1 + k1 > u0 + k0 => {
                format!(
                    "{:.0}%",
                    100.0 * (k1 - k0) as f64 / (u1 + k1 - u0 - k0) as f64
                )
            }
            _ => "-".to_string(),
        };
        let per_byte = d.as_secs_f64() / text.len() as f64;
        let base = *base.get_or_insert(per_byte);
        println!(
            "{:<32} {:>10.1} {:>10.3} {:>9.2} {:>8.2} {:>10} {:>8}",
            name,
            mb,
            d.as_secs_f64(),
            mb / d.as_secs_f64(),
            per_byte / base,
            faults,
            kernel
        );
    }
}
