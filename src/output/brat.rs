//! [brat](https://brat.nlplab.org/standoff.html) standoff annotations: the
//! `.ann` file that goes beside the document's `.txt` (the text itself,
//! unchanged; offsets are **character** offsets into it).
//!
//! - `T` lines for entities: `T1<TAB>PERSON 18 31<TAB>Anna Virtanen`;
//! - `R` lines for facts: `R1<TAB>MEET Arg1:T1 Arg2:T2` (subject, object);
//! - `A` lines for fact attributes: `A1<TAB>Negated R1`,
//!   `A2<TAB>Modality R1 planned`, `A3<TAB>Former R1`;
//! - `#` notes (`AnnotatorNotes`) with `key=value` pairs separated by `; `:
//!   an entity's `canonical` name when it differs from the text; a fact's
//!   `trigger` (text and character range), `rule`, and when present
//!   `attributed_to`, `role`, and the `subject`/`object` canonical names the
//!   fact uses when they differ from the entity's.
//!
//! [`annotation_conf`] gives the matching brat `annotation.conf`.
//!
//! ```
//! use gazette::output::{brat, AnnotatedDocument};
//!
//! let extractor = gazette::Extractor::default();
//! let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
//! let doc = AnnotatedDocument::new("news/doc-1.txt", &extractor.extract(text));
//! let ann = brat::ann(doc.record());
//! assert!(ann.contains("\tPERSON 18 31\tAnna Virtanen\n"));
//! assert!(ann.lines().any(|l| l.starts_with("R") && l.contains("\tMEET Arg1:T")));
//! // Write `doc.text()` to `<stem>.txt` and `ann` to `<stem>.ann`:
//! assert_eq!(brat::file_stem(&doc.record().id), "news_doc-1");
//! ```

use std::collections::HashMap;
use std::fmt::Write;

use super::{ArgRecord, DocumentRecord};
use crate::model::{Label, Modality, Relation};

/// The `.ann` text of one document.
pub fn ann(record: &DocumentRecord) -> String {
    let mut ann = Ann::default();
    for e in &record.entities {
        ann.entity(e.start, e.end, e.label, &e.text, &e.canonical);
    }
    let mut attributes = Vec::new();
    for (i, f) in record.facts.iter().enumerate() {
        let r = format!("R{}", i + 1);
        let (s, s_canonical) = ann.argument(&f.subject);
        let (o, o_canonical) = ann.argument(&f.object);
        let _ = writeln!(ann.out, "{r}\t{} Arg1:T{s} Arg2:T{o}", f.relation);
        if f.negated {
            attributes.push(format!("Negated {r}"));
        }
        if f.modality != Modality::Asserted {
            attributes.push(format!("Modality {r} {}", f.modality.as_str()));
        }
        if f.former {
            attributes.push(format!("Former {r}"));
        }
        let t = &f.trigger;
        let mut note = format!("trigger={} {} {}; rule={}", t.text, t.start, t.end, f.rule);
        let extra = [
            ("attributed_to", f.attributed_to.as_ref()),
            ("role", f.role.as_ref()),
            (
                "subject",
                Some(&f.subject.canonical).filter(|c| **c != s_canonical),
            ),
            (
                "object",
                Some(&f.object.canonical).filter(|c| **c != o_canonical),
            ),
        ];
        for (key, value) in extra {
            if let Some(v) = value {
                let _ = write!(note, "; {key}={v}");
            }
        }
        ann.notes.push((r, note));
    }
    let mut out = ann.out;
    for (i, a) in attributes.iter().enumerate() {
        let _ = writeln!(out, "A{}\t{a}", i + 1);
    }
    for (i, (target, note)) in ann.notes.iter().enumerate() {
        let _ = writeln!(
            out,
            "#{}\tAnnotatorNotes {target}\t{}",
            i + 1,
            one_line(note)
        );
    }
    out
}

/// The `T` lines written so far, and the notes to write at the end.
#[derive(Default)]
struct Ann {
    out: String,
    notes: Vec<(String, String)>,
    /// T number and canonical name by character range.
    ids: HashMap<(usize, usize), (usize, String)>,
}

impl Ann {
    /// Writes a `T` line (and a note when the canonical name differs from
    /// the text); returns its number.
    fn entity(
        &mut self,
        start: usize,
        end: usize,
        label: Label,
        text: &str,
        canonical: &str,
    ) -> usize {
        let id = self.ids.len() + 1;
        self.ids.insert((start, end), (id, canonical.to_string()));
        let _ = writeln!(self.out, "T{id}\t{label} {start} {end}\t{}", one_line(text));
        if canonical != text {
            self.notes
                .push((format!("T{id}"), format!("canonical={canonical}")));
        }
        id
    }

    /// The T number and canonical name of a fact argument. Arguments are
    /// entities, but a record built by hand may not say so: those get
    /// their own `T` line.
    fn argument(&mut self, a: &ArgRecord) -> (usize, String) {
        if let Some(found) = self.ids.get(&(a.start, a.end)) {
            return found.clone();
        }
        let id = self.entity(a.start, a.end, a.label, &a.text, &a.canonical);
        (id, a.canonical.clone())
    }
}

/// A brat `annotation.conf` declaring every label, relation and attribute
/// that [`ann`] writes.
pub fn annotation_conf() -> String {
    let mut out = String::from("[entities]\n");
    for l in Label::ALL {
        let _ = writeln!(out, "{l}");
    }
    out.push_str("\n[relations]\n");
    for r in Relation::ALL {
        let _ = writeln!(out, "{r}\tArg1:<ENTITY>, Arg2:<ENTITY>");
    }
    out.push_str(
        "\n[events]\n\n[attributes]\nNegated\tArg:<RELATION>\n\
         Modality\tArg:<RELATION>, Value:planned|alleged\nFormer\tArg:<RELATION>\n",
    );
    out
}

/// A file name stem for a document id: the id without a `.txt` ending,
/// with every character other than ASCII letters, digits, `-` and `_`
/// replaced by `_` (`"news/doc 1.txt"` → `"news_doc_1"`). Distinct ids can
/// share a stem; callers that write many documents should make stems unique.
pub fn file_stem(id: &str) -> String {
    let id = id.strip_suffix(".txt").unwrap_or(id);
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "document".to_string()
    } else {
        stem
    }
}

/// The text with line breaks and tabs as spaces, as one brat field.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}
