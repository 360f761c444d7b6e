//! Invariants that hold for any input: no panic, sentences in order and
//! inside the text, spans on character boundaries inside their sentence,
//! mentions that do not overlap, facts that point at entities of their own
//! sentence, determinism, and JSON character offsets that select exactly the
//! entity text.

mod common;

use common::extractor;
use gazette::output::DocumentRecord;
use proptest::prelude::*;

/// Fragments of news-like text to assemble inputs from.
const FRAGMENTS: &[&str] = &[
    "Kenyan President Amani Odera",
    " met ",
    "Japanese Prime Minister Haruto Sato",
    " in Tokyo",
    ", Kyodo said.",
    " Mr. ",
    "U.S.",
    " and ",
    "North Korea's ",
    "Kim",
    " will visit ",
    "Nairobi",
    "\n",
    "TOKYO 2024-03-04\n",
    " (KPA) ",
    "the Kenya Ports Authority",
    " accused ",
    "Iran's invasion of ",
    "Kuwait",
    " supplies ",
    " in return for aid from ",
    "Moscow",
    " denied ",
    ", but ",
    "signed",
    " a pact",
    " Ärzte ",
    "Ω",
    "😀",
    "\u{301}",
    "\r\n",
    "\r",
    "  ",
    "\"",
    "'s",
    "-",
    "(((",
    ")))",
    "Reporting by Mei Tanaka",
    "former ",
    "ex-",
    "deputy ",
    "foreign minister ",
    "Odera",
    ".",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let doc = extractor().extract(text);
    // Sentences: in order, non-overlapping, on char boundaries, non-empty.
    let mut prev_end = 0;
    for s in doc.sentences() {
        assert!(s.span.start >= prev_end && s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        prev_end = s.span.end;
    }
    // Sentences cover every non-space character.
    let mut covered = vec![false; text.len()];
    for s in doc.sentences() {
        for b in s.span.range() {
            covered[b] = true;
        }
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || covered[i],
            "{c:?} at {i} outside every sentence"
        );
    }
    // Mentions: inside their sentence, on char boundaries, not overlapping.
    let mut last_end = 0;
    for e in doc.entities() {
        let s = doc.sentences()[e.sentence].span;
        assert!(s.contains(e.span), "{e:?} outside its sentence {s:?}");
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(e.span.start >= last_end, "overlapping mentions at {e:?}");
        assert!(!e.span.is_empty());
        last_end = e.span.end;
    }
    // Facts point at entities of their own sentence.
    for f in doc.facts() {
        assert_eq!(doc.subject(f).sentence, f.sentence);
        assert_eq!(doc.object(f).sentence, f.sentence);
        assert!(doc.sentences()[f.sentence].span.contains(f.trigger));
    }
    // Deterministic.
    assert_eq!(extractor().extract(text), doc);
    // JSON character offsets select the entity text.
    let rec = DocumentRecord::new("p", &doc);
    let chars: Vec<char> = text.chars().collect();
    for e in &rec.entities {
        let s: String = chars[e.start..e.end].iter().collect();
        assert_eq!(s, e.text);
    }
    // The borrowed record (what the CLI writes) is the same JSON.
    assert_eq!(
        serde_json::to_string(&DocumentRecord::borrowed("p", &doc)).unwrap(),
        serde_json::to_string(&rec).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_unicode_string(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn any_string_with_controls(text in ".{0,120}") {
        check(&text);
    }

    #[test]
    fn news_like_strings(text in news_like()) {
        check(&text);
    }
}

#[test]
fn identical_across_threads() {
    let text: String = FRAGMENTS.concat().repeat(3);
    let here = extractor().extract(&text);
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| extractor().extract(&text).facts().to_vec()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in results {
        assert_eq!(r, here.facts());
    }
}

/// An extractor lends each document's token array to the next (the memory
/// of a long document stays for the next long one): what it extracted
/// before must not change what it extracts now.
#[test]
fn earlier_documents_do_not_change_a_later_one() {
    let text: String = FRAGMENTS.concat();
    let fresh = gazette::Extractor::default();
    let want = fresh.extract(&text);
    // About 2 MB: its token array is kept, then mostly given back when
    // the short document borrows it.
    let long = text.repeat(6000);
    let used = gazette::Extractor::default();
    for _ in 0..2 {
        assert!(!used.extract(&long).facts().is_empty());
        assert_eq!(used.extract(&text), want);
    }
}
