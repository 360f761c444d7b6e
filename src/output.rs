//! Owned, serialisable records of a [`Document`], with **character**
//! offsets (Unicode scalar values, as Python and spaCy count) instead of the
//! byte offsets used in Rust.
//!
//! ```
//! let extractor = gazette::Extractor::default();
//! let doc = extractor.extract("Ärzte in Kenya met Kenyan President Amani Odera.");
//! let record = gazette::output::DocumentRecord::new("doc-1", &doc);
//! let kenya = record.entities.iter().find(|e| e.text == "Kenya").unwrap();
//! assert_eq!((kenya.start, kenya.end), (9, 14)); // characters, not bytes
//! println!("{}", serde_json::to_string(&record).unwrap());
//! ```

use serde::Serialize;

use crate::model::{Document, Label, Modality, Relation, Span};

/// Converts byte offsets of one text to character offsets.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset at which each character starts.
    starts: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharOffsets {
        CharOffsets {
            starts: text.char_indices().map(|(i, _)| i).collect(),
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; a byte inside a character maps to that character's end).
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.starts.len();
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i,
        }
    }
}

/// A sentence: character range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceRecord {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRecord {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// The mention as written.
    pub text: String,
    /// Canonical name.
    pub canonical: String,
    /// Gazetteer list or rule that found it.
    pub source: String,
}

/// A fact argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArgRecord {
    /// The canonical name the fact uses (a leader acting for a state is the
    /// state).
    pub canonical: String,
    /// Label of the mention.
    pub label: Label,
    /// First character of the mention.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// A trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerRecord {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The trigger as written.
    pub text: String,
}

/// A fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactRecord {
    /// Relation.
    pub relation: Relation,
    /// Subject.
    pub subject: ArgRecord,
    /// Object.
    pub object: ArgRecord,
    /// Index of the sentence.
    pub sentence: usize,
    /// Trigger word or role title.
    pub trigger: TriggerRecord,
    /// Rule id.
    pub rule: String,
    /// Canonical name of the source the text attributes the fact to.
    pub attributed_to: Option<String>,
    /// True when denied.
    pub negated: bool,
    /// asserted, planned or alleged.
    pub modality: Modality,
    /// Office, for ROLE facts.
    pub role: Option<String>,
    /// Office no longer held, for ROLE facts.
    pub former: bool,
}

/// A whole document, as the CLI writes it (one JSON line per document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRecord {
    /// The input's id (or file path).
    pub id: String,
    /// Sentences.
    pub sentences: Vec<SentenceRecord>,
    /// Entity mentions.
    pub entities: Vec<EntityRecord>,
    /// Facts.
    pub facts: Vec<FactRecord>,
}

impl DocumentRecord {
    /// Converts a document, turning byte offsets into character offsets.
    pub fn new(id: &str, doc: &Document) -> DocumentRecord {
        let text = doc.text();
        let co = CharOffsets::new(text);
        let range = |s: Span| (co.char_of(s.start), co.char_of(s.end));
        let arg = |i: usize, canonical: &str| {
            let e = &doc.entities()[i];
            let (start, end) = range(e.span);
            ArgRecord {
                canonical: canonical.to_string(),
                label: e.label,
                start,
                end,
                text: e.span.slice(text).to_string(),
            }
        };
        DocumentRecord {
            id: id.to_string(),
            sentences: doc
                .sentences()
                .iter()
                .map(|s| {
                    let (start, end) = range(s.span);
                    SentenceRecord { start, end }
                })
                .collect(),
            entities: doc
                .entities()
                .iter()
                .map(|e| {
                    let (start, end) = range(e.span);
                    EntityRecord {
                        start,
                        end,
                        label: e.label,
                        text: e.span.slice(text).to_string(),
                        canonical: e.canonical.clone(),
                        source: e.source.clone(),
                    }
                })
                .collect(),
            facts: doc
                .facts()
                .iter()
                .map(|f| {
                    let (start, end) = range(f.trigger);
                    FactRecord {
                        relation: f.relation,
                        subject: arg(f.subject, &f.subject_canonical),
                        object: arg(f.object, &f.object_canonical),
                        sentence: f.sentence,
                        trigger: TriggerRecord {
                            start,
                            end,
                            text: f.trigger.slice(text).to_string(),
                        },
                        rule: f.rule.clone(),
                        attributed_to: f.attributed_to.clone(),
                        negated: f.negated,
                        modality: f.modality,
                        role: f.role.clone(),
                        former: f.former,
                    }
                })
                .collect(),
        }
    }

    /// A readable table for people: entities, then facts.
    pub fn pretty(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "== {} ({} sentences)", self.id, self.sentences.len());
        let _ = writeln!(s, "Entities:");
        for e in &self.entities {
            let canon = if e.canonical != e.text {
                format!(" -> {}", e.canonical)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {:>6}-{:<6} {:<12} {}{}   [{}]",
                e.start,
                e.end,
                e.label.as_str(),
                e.text,
                canon,
                e.source
            );
        }
        let _ = writeln!(s, "Facts:");
        for f in &self.facts {
            let mut attrs = Vec::new();
            if let Some(r) = &f.role {
                attrs.push(format!("role={r}"));
            }
            if f.former {
                attrs.push("former".to_string());
            }
            if let Some(a) = &f.attributed_to {
                attrs.push(format!("attributed_to={a}"));
            }
            if f.negated {
                attrs.push("negated".to_string());
            }
            if f.modality != Modality::Asserted {
                attrs.push(f.modality.as_str().to_string());
            }
            let _ = writeln!(
                s,
                "  {:<10} {} -> {}   (\"{}\", sentence {}{}{})",
                f.relation.as_str(),
                f.subject.canonical,
                f.object.canonical,
                f.trigger.text,
                f.sentence,
                if attrs.is_empty() { "" } else { "; " },
                attrs.join(", ")
            );
        }
        s
    }
}
