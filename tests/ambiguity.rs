//! The ambiguity suite (issue 3): names that are also words or other things
//! ("Chad", "Jordan", "Georgia", "Turkey", "May", "Nice", "US" and "us" ...),
//! each case a sentence written for this suite with the exact mentions
//! expected for its ambiguous words, right readings and wrong readings alike.
//!
//! The cases live in `tests/data/ambiguity.tsv` (format at the top of that
//! file). Cases marked `#pending ` need a change in the code and are skipped;
//! the test reports how many there are, and which of them already pass.

mod common;

use common::extractor;
use gazette::{Document, Label};

const DATA: &str = include_str!("data/ambiguity.tsv");
const PENDING: &str = "#pending ";

/// What a case says about one surface occurrence.
#[derive(Debug)]
enum Want {
    /// An entity with exactly this span and label (and canonical, if given).
    Entity(Label, Option<String>),
    /// No entity overlaps the occurrence.
    Nothing,
}

#[derive(Debug)]
struct Expect {
    surface: String,
    occurrence: usize,
    want: Want,
}

#[derive(Debug)]
struct Case {
    line: usize,
    pending: bool,
    text: String,
    expects: Vec<Expect>,
}

/// Parses the data file; a malformed line is a test failure naming the line.
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (i, raw) in DATA.lines().enumerate() {
        let line = i + 1;
        let (pending, body) = match raw.strip_prefix(PENDING) {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        let (text, spec) = body
            .split_once('\t')
            .unwrap_or_else(|| panic!("ambiguity.tsv:{line}: expected text<TAB>expectations"));
        let text = text.replace("\\n", "\n");
        let expects: Vec<Expect> = spec
            .split('|')
            .map(|item| parse_expect(line, item.trim()))
            .collect();
        assert!(!expects.is_empty(), "ambiguity.tsv:{line}: no expectations");
        out.push(Case {
            line,
            pending,
            text,
            expects,
        });
    }
    out
}

/// `surface[@n]=LABEL[:canonical]` or `surface[@n]=NONE`.
fn parse_expect(line: usize, item: &str) -> Expect {
    let (lhs, rhs) = item
        .split_once('=')
        .unwrap_or_else(|| panic!("ambiguity.tsv:{line}: {item:?} is not surface=LABEL"));
    let (surface, occurrence) = match lhs.rsplit_once('@') {
        Some((s, n)) => (
            s,
            n.parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .unwrap_or_else(|| panic!("ambiguity.tsv:{line}: bad occurrence in {item:?}")),
        ),
        None => (lhs, 1),
    };
    assert!(
        !surface.is_empty(),
        "ambiguity.tsv:{line}: empty surface in {item:?}"
    );
    let want = if rhs == "NONE" {
        Want::Nothing
    } else {
        let (label, canonical) = match rhs.split_once(':') {
            Some((l, c)) => (l, Some(c.to_string())),
            None => (rhs, None),
        };
        let label = Label::parse(label)
            .unwrap_or_else(|| panic!("ambiguity.tsv:{line}: unknown label {label:?}"));
        Want::Entity(label, canonical)
    };
    Expect {
        surface: surface.to_string(),
        occurrence,
        want,
    }
}

/// Byte span of the `n`-th (1-based) occurrence of `surface` in `text` that
/// sits on word boundaries (case-sensitive: "us" is not "US").
fn occurrence(text: &str, surface: &str, n: usize) -> Option<(usize, usize)> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(surface)
        .map(|(s, m)| (s, s + m.len()))
        .filter(|&(s, e)| !word(text[..s].chars().next_back()) && !word(text[e..].chars().next()))
        .nth(n - 1)
}

fn describe(doc: &Document) -> String {
    doc.entities()
        .iter()
        .map(|e| {
            format!(
                "{:?}={}:{}",
                e.text(doc.text()),
                e.label.as_str(),
                e.canonical
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The problems of one case (empty when it passes).
fn check(case: &Case) -> Vec<String> {
    let doc = extractor().extract(&case.text);
    let mut problems = Vec::new();
    for x in &case.expects {
        let Some((start, end)) = occurrence(&case.text, &x.surface, x.occurrence) else {
            problems.push(format!(
                "{:?}@{} does not occur in the text",
                x.surface, x.occurrence
            ));
            continue;
        };
        let overlapping: Vec<_> = doc
            .entities()
            .iter()
            .filter(|e| e.span.start < end && start < e.span.end)
            .collect();
        match &x.want {
            Want::Nothing => {
                if let Some(e) = overlapping.first() {
                    problems.push(format!(
                        "{:?}@{}: expected no entity, found {:?} {}:{}",
                        x.surface,
                        x.occurrence,
                        e.text(doc.text()),
                        e.label.as_str(),
                        e.canonical
                    ));
                }
            }
            Want::Entity(label, canonical) => {
                let exact = overlapping
                    .iter()
                    .find(|e| e.span.start == start && e.span.end == end);
                let ok = exact.is_some_and(|e| {
                    e.label == *label && canonical.iter().all(|c| *c == e.canonical)
                });
                if !ok {
                    let found = match (exact, overlapping.first()) {
                        (Some(e), _) => format!("{}:{}", e.label.as_str(), e.canonical),
                        (None, Some(e)) => format!(
                            "overlapping {:?} {}:{}",
                            e.text(doc.text()),
                            e.label.as_str(),
                            e.canonical
                        ),
                        (None, None) => "nothing".to_string(),
                    };
                    problems.push(format!(
                        "{:?}@{}: expected {}{}, found {found}",
                        x.surface,
                        x.occurrence,
                        label.as_str(),
                        canonical
                            .as_ref()
                            .map(|c| format!(":{c}"))
                            .unwrap_or_default()
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        problems.push(format!("entities: [{}]", describe(&doc)));
    }
    problems
}

#[test]
fn ambiguous_names_get_the_right_reading() {
    let all = cases();
    let active: Vec<&Case> = all.iter().filter(|c| !c.pending).collect();
    let pending: Vec<&Case> = all.iter().filter(|c| c.pending).collect();
    let mut failures = Vec::new();
    for case in &active {
        let problems = check(case);
        if !problems.is_empty() {
            failures.push(format!(
                "ambiguity.tsv:{}: {:?}\n    {}",
                case.line,
                case.text,
                problems.join("\n    ")
            ));
        }
    }
    let fixed: Vec<usize> = pending
        .iter()
        .filter(|c| check(c).is_empty())
        .map(|c| c.line)
        .collect();
    eprintln!(
        "ambiguity suite: {} cases, {} active, {} pending, {} failing",
        all.len(),
        active.len(),
        pending.len(),
        failures.len()
    );
    if !fixed.is_empty() {
        eprintln!("pending cases that now pass (remove their `#pending ` mark): lines {fixed:?}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} active ambiguity cases fail:\n{}",
        failures.len(),
        active.len(),
        failures.join("\n")
    );
    assert!(all.len() >= 70, "the suite needs at least 70 cases");
    assert!(active.len() >= 60, "at least 60 cases must be active");
}

#[test]
fn occurrences_respect_word_boundaries_and_case() {
    let text = "Let us ask the US about USAID, focus and US policy.";
    assert_eq!(occurrence(text, "us", 1), Some((4, 6)));
    assert_eq!(occurrence(text, "us", 2), None);
    assert_eq!(occurrence(text, "US", 2), Some((41, 43)));
}
