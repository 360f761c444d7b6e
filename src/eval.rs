//! Scoring against gold files: entities (CoNLL-style JSON Lines) and facts
//! (the format of `facts-schema.md`).
//!
//! **Entities** are scored at entity level on exact character spans,
//! micro-averaged over PER, LOC and ORG; gazette's labels map PERSON → PER,
//! COUNTRY and LOCATION → LOC, ORGANIZATION → ORG (ROLE and NATIONALITY are
//! not scored; gold MISC is ignored).
//!
//! **Facts**: a predicted fact matches a gold fact of the same document when
//! the relation is equal and subject and object each equal the gold canonical
//! name or one of its aliases (case-insensitive, white space folded);
//! symmetric relations match in either order. Predictions are counted once per
//! distinct (relation, subject, object) in a document; recall counts the gold
//! facts that some prediction matches, precision the distinct predictions that
//! match some gold fact. Attributes of matched facts are scored separately.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Deserialize;

use crate::model::{Label, Modality, Relation};
use crate::output::CharOffsets;
use crate::Extractor;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives (predictions side).
    pub tp_pred: usize,
    /// Predictions.
    pub pred: usize,
    /// True positives (gold side).
    pub tp_gold: usize,
    /// Gold items.
    pub gold: usize,
}

impl Counts {
    /// Precision (1.0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }

    /// Recall (1.0 when there is no gold item).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, o: Counts) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
}

/// A scored report: per-label (or per-relation) counts and the overall
/// micro average, plus error listings.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// What was scored ("ner" or "facts").
    pub kind: String,
    /// Documents scored.
    pub documents: usize,
    /// Counts per label or relation.
    pub per_class: BTreeMap<String, Counts>,
    /// Micro-averaged counts.
    pub overall: Counts,
    /// Attribute agreement on matched facts: name -> (agree, scored).
    pub attributes: BTreeMap<String, (usize, usize)>,
    /// False positives, one line each (document, class, text, context).
    pub false_positives: Vec<String>,
    /// False negatives, one line each.
    pub false_negatives: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} evaluation over {} documents",
            self.kind, self.documents
        )?;
        writeln!(
            f,
            "{:<14} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "class", "P", "R", "F1", "pred", "gold"
        )?;
        for (k, c) in &self.per_class {
            writeln!(
                f,
                "{:<14} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}",
                k,
                c.precision(),
                c.recall(),
                c.f1(),
                c.pred,
                c.gold
            )?;
        }
        for (k, (a, n)) in &self.attributes {
            writeln!(f, "attribute {:<14} {}/{} agree", k, a, n)?;
        }
        let c = self.overall;
        write!(
            f,
            "overall P {:.3} R {:.3} F1 {:.3} (pred {}, gold {}, matched pred {}, matched gold {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.pred,
            c.gold,
            c.tp_pred,
            c.tp_gold
        )
    }
}

impl Report {
    /// The error listings, false positives first.
    pub fn errors(&self) -> String {
        let mut s = String::new();
        for l in &self.false_positives {
            s.push_str("FP ");
            s.push_str(l);
            s.push('\n');
        }
        for l in &self.false_negatives {
            s.push_str("FN ");
            s.push_str(l);
            s.push('\n');
        }
        s
    }
}

#[derive(Deserialize)]
struct NerDoc {
    id: String,
    text: String,
    #[serde(default)]
    entities: Vec<NerEntity>,
}

#[derive(Deserialize)]
struct NerEntity {
    start: usize,
    end: usize,
    label: String,
}

fn conll_label(l: Label) -> Option<&'static str> {
    match l {
        Label::Person => Some("PER"),
        Label::Country | Label::Location => Some("LOC"),
        Label::Organization => Some("ORG"),
        _ => None,
    }
}

/// An error reading a gold file: line and reason.
#[derive(Debug, Clone)]
pub struct GoldError {
    /// 1-based line.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

fn parse_lines<T: for<'de> Deserialize<'de>>(jsonl: &str) -> Result<Vec<T>, GoldError> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| GoldError {
            line: i + 1,
            reason: e.to_string(),
        })?);
    }
    Ok(out)
}

/// Scores entity mentions against a CoNLL-style JSON Lines gold file.
pub fn eval_ner(extractor: &Extractor, gold_jsonl: &str) -> Result<Report, GoldError> {
    let docs: Vec<NerDoc> = parse_lines(gold_jsonl)?;
    let mut report = Report {
        kind: "ner".into(),
        documents: docs.len(),
        ..Report::default()
    };
    for label in ["PER", "LOC", "ORG"] {
        report
            .per_class
            .insert(label.to_string(), Counts::default());
    }
    for d in &docs {
        let doc = extractor.extract(&d.text);
        let co = CharOffsets::new(&d.text);
        let pred: HashSet<(usize, usize, &str)> = doc
            .entities()
            .iter()
            .filter_map(|e| {
                conll_label(e.label).map(|l| (co.char_of(e.span.start), co.char_of(e.span.end), l))
            })
            .collect();
        let gold: HashSet<(usize, usize, &str)> = d
            .entities
            .iter()
            .filter(|e| matches!(e.label.as_str(), "PER" | "LOC" | "ORG"))
            .map(|e| (e.start, e.end, e.label.as_str()))
            .collect();
        let chars: Vec<char> = d.text.chars().collect();
        let snippet = |s: usize, e: usize| -> String {
            chars
                .get(s..e.min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default()
        };
        for &(s, e, l) in &pred {
            let c = report.per_class.get_mut(l).expect("label");
            c.pred += 1;
            if gold.contains(&(s, e, l)) {
                c.tp_pred += 1;
            } else {
                let src = doc
                    .entities()
                    .iter()
                    .find(|x| co.char_of(x.span.start) == s && co.char_of(x.span.end) == e)
                    .map(|x| x.source.as_str())
                    .unwrap_or("");
                let gold_here = gold
                    .iter()
                    .find(|g| g.0 < e && s < g.1)
                    .map(|g| format!("gold {} {:?}", g.2, snippet(g.0, g.1)))
                    .unwrap_or_else(|| "no gold".into());
                report.false_positives.push(format!(
                    "{}\t{}\t{:?}\t{}\t{}",
                    d.id,
                    l,
                    snippet(s, e),
                    src,
                    gold_here
                ));
            }
        }
        for &(s, e, l) in &gold {
            let c = report.per_class.get_mut(l).expect("label");
            c.gold += 1;
            if pred.contains(&(s, e, l)) {
                c.tp_gold += 1;
            } else {
                let pred_here = pred
                    .iter()
                    .find(|p| p.0 < e && s < p.1)
                    .map(|p| format!("pred {} {:?}", p.2, snippet(p.0, p.1)))
                    .unwrap_or_else(|| "not found".into());
                report.false_negatives.push(format!(
                    "{}\t{}\t{:?}\t{}",
                    d.id,
                    l,
                    snippet(s, e),
                    pred_here
                ));
            }
        }
    }
    report.false_positives.sort();
    report.false_negatives.sort();
    let mut all = Counts::default();
    for c in report.per_class.values() {
        all.add(*c);
    }
    report.overall = all;
    Ok(report)
}

#[derive(Deserialize)]
struct FactsDoc {
    id: String,
    text: String,
    #[serde(default)]
    entities: Vec<GoldEntity>,
    #[serde(default)]
    facts: Vec<GoldFact>,
}

#[derive(Deserialize)]
struct GoldEntity {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct GoldFact {
    subject: String,
    relation: String,
    object: String,
    #[serde(default)]
    sentence: String,
    #[serde(default)]
    attributed_to: Option<String>,
    #[serde(default)]
    negated: Option<bool>,
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    former: Option<bool>,
}

/// Lower case, white space folded.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Scores facts against a gold file in the format of `facts-schema.md`.
pub fn eval_facts(extractor: &Extractor, gold_jsonl: &str) -> Result<Report, GoldError> {
    let docs: Vec<FactsDoc> = parse_lines(gold_jsonl)?;
    let mut report = Report {
        kind: "facts".into(),
        documents: docs.len(),
        ..Report::default()
    };
    for r in Relation::ALL {
        report
            .per_class
            .insert(r.as_str().to_string(), Counts::default());
    }
    for d in &docs {
        // Names of each gold entity: canonical -> all normalised forms.
        let mut names: HashMap<String, HashSet<String>> = HashMap::new();
        for e in &d.entities {
            let set = names.entry(norm(&e.canonical)).or_default();
            set.insert(norm(&e.canonical));
            for a in &e.aliases {
                set.insert(norm(a));
            }
        }
        let is = |pred: &str, gold: &str| -> bool {
            let (p, g) = (norm(pred), norm(gold));
            p == g || names.get(&g).is_some_and(|s| s.contains(&p))
        };
        let doc = extractor.extract(&d.text);
        // Distinct predictions, keeping the first fact of each key.
        let mut keys: Vec<(Relation, String, String, usize)> = Vec::new();
        for (fi, f) in doc.facts().iter().enumerate() {
            let (a, b) = (norm(&f.subject_canonical), norm(&f.object_canonical));
            let dup = keys.iter().any(|k| {
                k.0 == f.relation
                    && ((k.1 == a && k.2 == b)
                        || (f.relation.is_symmetric() && k.1 == b && k.2 == a))
            });
            if !dup {
                keys.push((f.relation, a, b, fi));
            }
        }
        let matches = |k: &(Relation, String, String, usize), g: &GoldFact| -> bool {
            let Some(rel) = Relation::parse(&g.relation) else {
                return false;
            };
            if rel != k.0 {
                return false;
            }
            (is(&k.1, &g.subject) && is(&k.2, &g.object))
                || (rel.is_symmetric() && is(&k.1, &g.object) && is(&k.2, &g.subject))
        };
        for k in &keys {
            let c = report
                .per_class
                .entry(k.0.as_str().to_string())
                .or_default();
            c.pred += 1;
            if d.facts.iter().any(|g| matches(k, g)) {
                c.tp_pred += 1;
            } else {
                let f = &doc.facts()[k.3];
                report.false_positives.push(format!(
                    "{}\t{}\t{} -> {}\trule {}\t{:?}",
                    d.id,
                    k.0,
                    f.subject_canonical,
                    f.object_canonical,
                    f.rule,
                    doc.sentence_text(f.sentence)
                ));
            }
        }
        for g in &d.facts {
            let c = report.per_class.entry(g.relation.clone()).or_default();
            c.gold += 1;
            let hit = keys.iter().find(|k| matches(k, g));
            match hit {
                Some(_) => {
                    c.tp_gold += 1;
                    // Attributes: the matching fact from the gold sentence, if any.
                    let facts: Vec<_> = doc
                        .facts()
                        .iter()
                        .filter(|f| {
                            matches(
                                &(
                                    f.relation,
                                    norm(&f.subject_canonical),
                                    norm(&f.object_canonical),
                                    0,
                                ),
                                g,
                            )
                        })
                        .collect();
                    let f = facts
                        .iter()
                        .find(|f| {
                            let s = doc.sentence_text(f.sentence);
                            !g.sentence.is_empty()
                                && (s.contains(g.sentence.trim()) || g.sentence.contains(s))
                        })
                        .or(facts.first())
                        .copied();
                    if let Some(f) = f {
                        let mut score = |name: &str, ok: bool| {
                            let e = report.attributes.entry(name.to_string()).or_default();
                            e.1 += 1;
                            if ok {
                                e.0 += 1;
                            }
                        };
                        let gold_attr = g.attributed_to.as_deref().unwrap_or("");
                        let pred_attr = f.attributed_to.as_deref().unwrap_or("");
                        score(
                            "attributed_to",
                            if gold_attr.is_empty() {
                                pred_attr.is_empty()
                            } else {
                                is(pred_attr, gold_attr)
                            },
                        );
                        score("negated", g.negated.unwrap_or(false) == f.negated);
                        let gm = match g.modality.as_deref() {
                            Some("planned") => Modality::Planned,
                            Some("alleged") => Modality::Alleged,
                            _ => Modality::Asserted,
                        };
                        score("modality", gm == f.modality);
                        if rel_is_role(&g.relation) {
                            score(
                                "role",
                                g.role.as_deref().map(norm) == f.role.as_deref().map(norm),
                            );
                            score("former", g.former.unwrap_or(false) == f.former);
                        }
                    }
                }
                None => {
                    report.false_negatives.push(format!(
                        "{}\t{}\t{} -> {}\t{:?}",
                        d.id, g.relation, g.subject, g.object, g.sentence
                    ));
                }
            }
        }
    }
    let mut all = Counts::default();
    for c in report.per_class.values() {
        all.add(*c);
    }
    report.overall = all;
    Ok(report)
}

fn rel_is_role(r: &str) -> bool {
    r == "ROLE"
}
