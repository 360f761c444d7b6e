//! Owned, serialisable records of a [`Document`], with **character**
//! offsets (Unicode scalar values, as Python and spaCy count) instead of the
//! byte offsets used in Rust, and the formats built on them.
//!
//! [`DocumentRecord`] is what the CLI writes as JSON. The renderers take
//! [`AnnotatedDocument`]s (a record together with its text):
//!
//! | Module | Output |
//! |---|---|
//! | [`html`] | one self-contained page, entities highlighted, facts with evidence |
//! | [`graph`] | the facts of a whole input as a network: JSON, or an HTML page with SVG |
//! | [`conll`] | `token<TAB>BIO-tag`, one sentence a block |
//! | [`brat`] | brat standoff `.ann` text to put beside the `.txt` |
//! | [`csv`] | one row per fact |
//!
//! ```
//! let extractor = gazette::Extractor::default();
//! let doc = extractor.extract("Ärzte in Kenya met Kenyan President Amani Odera.");
//! let record = gazette::output::DocumentRecord::new("doc-1", &doc);
//! let kenya = record.entities.iter().find(|e| e.text == "Kenya").unwrap();
//! assert_eq!((kenya.start, kenya.end), (9, 14)); // characters, not bytes
//! println!("{}", serde_json::to_string(&record).unwrap());
//! ```

use std::ops::Range;

use serde::Serialize;

use crate::model::{Document, Label, Modality, Relation, Span};

pub mod brat;
pub mod conll;
pub mod csv;
pub mod graph;
pub mod html;
mod markup;

/// Converts byte offsets of one text to character offsets.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset at which each character starts; empty for ASCII text,
    /// where the two offsets are the same (most news copy: no table of
    /// eight bytes a character to build).
    starts: Vec<usize>,
    ascii: bool,
    len: usize,
}

impl CharOffsets {
    /// Indexes `text`.
    ///
    /// ```
    /// let offsets = gazette::output::CharOffsets::new("Ärzte in Köln");
    /// assert_eq!(offsets.char_of(3), 2);
    /// assert_eq!(offsets.char_of(99), 13);
    /// let ascii = gazette::output::CharOffsets::new("Doctors in Cologne");
    /// assert_eq!(ascii.char_of(3), 3);
    /// assert_eq!(ascii.char_of(99), 18);
    /// ```
    pub fn new(text: &str) -> CharOffsets {
        let ascii = text.is_ascii();
        CharOffsets {
            starts: if ascii {
                Vec::new()
            } else {
                text.char_indices().map(|(i, _)| i).collect()
            },
            ascii,
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; a byte inside a character maps to that character's end).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.len);
        }
        if byte >= self.len {
            return self.starts.len();
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// The byte offset at which character `ch` starts (the text's length
    /// for `ch` at or past the end).
    ///
    /// ```
    /// let offsets = gazette::output::CharOffsets::new("Ärzte");
    /// assert_eq!(offsets.byte_of(1), 2);
    /// assert_eq!(offsets.byte_of(99), 6);
    /// assert_eq!(gazette::output::CharOffsets::new("Arzt").byte_of(9), 4);
    /// ```
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.len);
        }
        self.starts.get(ch).copied().unwrap_or(self.len)
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
///
/// The record types own their strings (`S` = `String`) by default;
/// [`DocumentRecord::borrowed`] builds the same records over `&str` to
/// serialise a document without copying its strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRecord<S = String> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// The mention as written.
    pub text: S,
    /// Canonical name.
    pub canonical: S,
    /// Gazetteer list or rule that found it.
    pub source: S,
}

/// A fact argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArgRecord<S = String> {
    /// The canonical name the fact uses (a leader acting for a state is the
    /// state).
    pub canonical: S,
    /// Label of the mention.
    pub label: Label,
    /// First character of the mention.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as written.
    pub text: S,
}

/// A trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerRecord<S = String> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The trigger as written.
    pub text: S,
}

/// A fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactRecord<S = String> {
    /// Relation.
    pub relation: Relation,
    /// Subject.
    pub subject: ArgRecord<S>,
    /// Object.
    pub object: ArgRecord<S>,
    /// Index of the sentence.
    pub sentence: usize,
    /// Trigger word or role title.
    pub trigger: TriggerRecord<S>,
    /// Rule id.
    pub rule: S,
    /// Canonical name of the source the text attributes the fact to.
    pub attributed_to: Option<S>,
    /// True when denied.
    pub negated: bool,
    /// asserted, planned or alleged.
    pub modality: Modality,
    /// Office, for ROLE facts.
    pub role: Option<S>,
    /// Office no longer held, for ROLE facts.
    pub former: bool,
}

/// A whole document, as the CLI writes it (one JSON line per document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRecord<S = String> {
    /// The input's id (or file path).
    pub id: S,
    /// Sentences.
    pub sentences: Vec<SentenceRecord>,
    /// Entity mentions.
    pub entities: Vec<EntityRecord<S>>,
    /// Facts.
    pub facts: Vec<FactRecord<S>>,
}

impl DocumentRecord {
    /// Converts a document, turning byte offsets into character offsets.
    pub fn new(id: &str, doc: &Document) -> DocumentRecord {
        DocumentRecord::convert(id, doc)
    }
}

impl<'d> DocumentRecord<&'d str> {
    /// The same record as [`DocumentRecord::new`], borrowing its strings
    /// from `id` and `doc`: what the CLI serialises, one document after
    /// another, without copying every name into a `String` first.
    ///
    /// ```
    /// use gazette::output::DocumentRecord;
    ///
    /// let doc = gazette::Extractor::default().extract("Kenyan President Amani Odera met Haruto Sato.");
    /// let owned = serde_json::to_string(&DocumentRecord::new("doc-1", &doc)).unwrap();
    /// let borrowed = serde_json::to_string(&DocumentRecord::borrowed("doc-1", &doc)).unwrap();
    /// assert_eq!(owned, borrowed);
    /// ```
    pub fn borrowed(id: &'d str, doc: &'d Document) -> DocumentRecord<&'d str> {
        DocumentRecord::convert(id, doc)
    }
}

impl<'d, S: From<&'d str>> DocumentRecord<S> {
    /// Builds the record with strings of type `S` taken from `id` and `doc`.
    fn convert(id: &'d str, doc: &'d Document) -> DocumentRecord<S> {
        let text = doc.text();
        let co = CharOffsets::new(text);
        let range = |s: Span| (co.char_of(s.start), co.char_of(s.end));
        let arg = |i: usize, canonical: &'d str| {
            let e = &doc.entities()[i];
            let (start, end) = range(e.span);
            ArgRecord {
                canonical: S::from(canonical),
                label: e.label,
                start,
                end,
                text: S::from(e.span.slice(text)),
            }
        };
        DocumentRecord {
            id: S::from(id),
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
                        text: S::from(e.span.slice(text)),
                        canonical: S::from(&e.canonical),
                        source: S::from(&e.source),
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
                            text: S::from(f.trigger.slice(text)),
                        },
                        rule: S::from(&f.rule),
                        attributed_to: f.attributed_to.as_deref().map(S::from),
                        negated: f.negated,
                        modality: f.modality,
                        role: f.role.as_deref().map(S::from),
                        former: f.former,
                    }
                })
                .collect(),
        }
    }
}

impl DocumentRecord {
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
            let attrs = f.attributes();
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

impl FactRecord {
    /// The attributes that qualify the fact, as short `key=value` or flag
    /// strings in a fixed order: `role=…`, `former`, `attributed_to=…`,
    /// `negated`, and the modality when it is not `asserted`. Empty for a
    /// plain asserted fact.
    pub fn attributes(&self) -> Vec<String> {
        let mut attrs = Vec::new();
        if let Some(r) = &self.role {
            attrs.push(format!("role={r}"));
        }
        if self.former {
            attrs.push("former".to_string());
        }
        if let Some(a) = &self.attributed_to {
            attrs.push(format!("attributed_to={a}"));
        }
        if self.negated {
            attrs.push("negated".to_string());
        }
        if self.modality != Modality::Asserted {
            attrs.push(self.modality.as_str().to_string());
        }
        attrs
    }
}

/// A [`DocumentRecord`] together with the text it was extracted from: the
/// input of every renderer in this module that shows text.
///
/// The record keeps its JSON shape; the text lives beside it, with an index
/// that turns the record's character offsets back into slices of the text.
///
/// ```
/// use gazette::output::AnnotatedDocument;
///
/// let extractor = gazette::Extractor::default();
/// let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
/// let doc = AnnotatedDocument::new("doc-1", &extractor.extract(text));
/// let first = &doc.record().entities[0];
/// assert_eq!(doc.slice(first.start, first.end), first.text);
/// assert_eq!(doc.sentence_text(0), text);
/// ```
#[derive(Debug, Clone)]
pub struct AnnotatedDocument {
    record: DocumentRecord,
    text: String,
    offsets: CharOffsets,
}

impl AnnotatedDocument {
    /// Converts an extracted document (see [`DocumentRecord::new`]) and keeps
    /// a copy of its text.
    pub fn new(id: &str, doc: &Document) -> AnnotatedDocument {
        AnnotatedDocument::from_record(DocumentRecord::new(id, doc), doc.text())
    }

    /// Pairs a record with the text it was made from (a record built by
    /// hand, or kept from an earlier run). Offsets past the end of `text`
    /// slice as empty.
    pub fn from_record(record: DocumentRecord, text: impl Into<String>) -> AnnotatedDocument {
        let text = text.into();
        let offsets = CharOffsets::new(&text);
        AnnotatedDocument {
            record,
            text,
            offsets,
        }
    }

    /// The record.
    pub fn record(&self) -> &DocumentRecord {
        &self.record
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text between two **character** offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (start, end) = (self.offsets.byte_of(start), self.offsets.byte_of(end));
        self.text.get(start..end.max(start)).unwrap_or("")
    }

    /// The text of sentence `i` (empty when out of range).
    pub fn sentence_text(&self, i: usize) -> &str {
        self.record
            .sentences
            .get(i)
            .map_or("", |s| self.slice(s.start, s.end))
    }

    /// Length of the text in characters.
    pub(crate) fn char_len(&self) -> usize {
        self.offsets.char_of(self.text.len())
    }

    /// Cuts the characters `range` of the text into consecutive pieces, each
    /// covered by one of `marks` (character ranges with a payload) or by
    /// none. Marks are clipped to `range`; a mark that overlaps an earlier
    /// one (in start order) is dropped, so the pieces always re-join to the
    /// text of `range`.
    pub(crate) fn pieces<T>(
        &self,
        range: Range<usize>,
        marks: impl IntoIterator<Item = (Range<usize>, T)>,
    ) -> Vec<(&str, Option<T>)> {
        let mut marks: Vec<_> = marks
            .into_iter()
            .map(|(r, t)| (r.start.max(range.start)..r.end.min(range.end), t))
            .filter(|(r, _)| r.start < r.end)
            .collect();
        marks.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut out = Vec::new();
        let mut at = range.start;
        for (r, t) in marks {
            if r.start < at {
                continue;
            }
            if at < r.start {
                out.push((self.slice(at, r.start), None));
            }
            out.push((self.slice(r.start, r.end), Some(t)));
            at = r.end;
        }
        if at < range.end {
            out.push((self.slice(at, range.end), None));
        }
        out
    }
}
