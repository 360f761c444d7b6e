//! Arbitrary bytes as a JSON Lines stream through a copy of the CLI's reader
//! (line limit, UTF-8 check, record parsing), then extraction: no panic, every
//! line accounted for, every record's document satisfies the invariants.
#![no_main]

use std::io::{BufReader, Cursor};
use std::sync::OnceLock;

use gazette::Extractor;
use gazette_fuzz::{parse_jsonl_record, read_line_limited, LineRead};
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::default)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // The first two bytes choose the line limit and the reader's buffer
    // size, so lines cross buffer boundaries in every way.
    let max = 1 + data[0] as usize * 8;
    let cap = 1 + data[1] as usize % 64;
    let input = &data[2..];
    let mut r = BufReader::with_capacity(cap, Cursor::new(input));
    let mut total = 0usize;
    let mut n = 0usize;
    while let Some((line, consumed)) = read_line_limited(&mut r, max).expect("no I/O error") {
        assert!(consumed > 0, "a line that consumed nothing");
        total += consumed;
        n += 1;
        let LineRead::Line(bytes) = line else {
            continue;
        };
        assert!(bytes.len() <= max);
        assert!(!bytes.contains(&b'\n'));
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let (_id, text) = parse_jsonl_record(&format!("fuzz:{n}"), &bytes);
        if let Ok(text) = text {
            let e = extractor();
            let doc = e.extract(&text);
            gazette_fuzz::check(e, &text, &doc);
        }
    }
    assert_eq!(total, input.len(), "bytes lost or counted twice");
    let newlines = input.iter().filter(|b| **b == b'\n').count();
    let tail = usize::from(input.last().is_some_and(|b| *b != b'\n'));
    assert_eq!(n, newlines + tail, "lines lost or invented");
});
