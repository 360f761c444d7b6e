//! Accuracy gates: the extractor scored against the shared evaluation data.
//! The floors sit just below the figures measured when they were set, so a
//! change that loses accuracy fails here. Run with `--nocapture` to see the
//! reports.

mod common;

use std::collections::HashSet;

use common::{extractor, shared_file};
use gazette::eval::{eval_facts, eval_ner};

#[test]
fn seed_article_all_twelve_facts_and_no_false_fact() {
    let Some(path) = shared_file("data/facts/seed-facts.jsonl") else {
        return;
    };
    let gold = std::fs::read_to_string(path).unwrap();
    let report = eval_facts(extractor(), &gold).unwrap();
    println!("{report}\n{}", report.errors());
    assert_eq!(report.overall.gold, 12);
    assert_eq!(
        report.overall.tp_gold,
        12,
        "every gold fact is found:\n{}",
        report.errors()
    );
    let false_facts = report.overall.pred - report.overall.tp_pred;
    assert!(
        false_facts <= 2,
        "at most 2 facts not in the gold file:\n{}",
        report.errors()
    );
    assert_eq!(false_facts, 0, "currently none:\n{}", report.errors());
}

#[test]
fn seed_article_entities_have_gold_labels_and_canonical_names() {
    let Some(path) = shared_file("data/facts/seed-facts.jsonl") else {
        return;
    };
    let line = std::fs::read_to_string(path).unwrap();
    let gold: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let text = gold["text"].as_str().unwrap();
    let doc = extractor().extract(text);
    let found: HashSet<(String, &str)> = doc
        .entities()
        .iter()
        .map(|e| (e.canonical.to_string(), e.label.as_str()))
        .collect();
    for e in gold["entities"].as_array().unwrap() {
        let key = (
            e["canonical"].as_str().unwrap().to_string(),
            e["label"].as_str().unwrap(),
        );
        assert!(
            found.contains(&key),
            "entity {key:?} not found; found {found:?}"
        );
    }
}

#[test]
fn dev_facts_precision_and_recall_floors() {
    let Some(path) = shared_file("data/facts/dev-facts.jsonl") else {
        return;
    };
    let gold = std::fs::read_to_string(path).unwrap();
    let report = eval_facts(extractor(), &gold).unwrap();
    println!("{report}");
    let (p, r) = (report.overall.precision(), report.overall.recall());
    // Issue 2 asks for P >= 0.70 and R >= 0.40, issue 4 for P >= 0.80 and R >= 0.60; the
    // floors are the values reached minus 0.005.
    assert!(
        p >= 0.863,
        "dev facts precision {p:.3} fell below its floor 0.863"
    );
    assert!(
        r >= 0.700,
        "dev facts recall {r:.3} fell below its floor 0.700"
    );
}

#[test]
fn conll_dev_split_f1_floor() {
    let Some(path) = shared_file("data/conll2003/testa.jsonl") else {
        return;
    };
    let gold = std::fs::read_to_string(path).unwrap();
    let report = eval_ner(extractor(), &gold).unwrap();
    println!("{report}");
    let f1 = report.overall.f1();
    // Issue 2 asks for >= 0.65 (spaCy en_core_web_sm: 0.643), issue 3 for >= 0.72, issue 4 for
    // >= 0.80 with every label above 0.70; the floors are the values reached minus 0.005.
    assert!(
        f1 >= 0.839,
        "CoNLL testa PER/LOC/ORG micro F1 {f1:.3} fell below its floor 0.839"
    );
    for (label, floor) in [("PER", 0.881), ("LOC", 0.875), ("ORG", 0.722)] {
        let f = report.per_class[label].f1();
        assert!(
            f >= floor,
            "CoNLL testa {label} F1 {f:.3} fell below its floor {floor}"
        );
    }
}
