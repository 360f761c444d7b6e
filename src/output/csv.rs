//! Facts as CSV ([RFC 4180](https://www.rfc-editor.org/rfc/rfc4180)
//! quoting, `\n` line ends): one row per fact, under the header
//! [`HEADER`]. Subject and object are the canonical names the fact uses;
//! `negated` and `former` are `true`/`false`; empty cells stand for no
//! value.
//!
//! ```
//! use gazette::output::{csv, AnnotatedDocument};
//!
//! let extractor = gazette::Extractor::default();
//! let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas, officials said.";
//! let docs = [AnnotatedDocument::new("doc-1", &extractor.extract(text))];
//! let table = csv::render(&docs);
//! let mut lines = table.lines();
//! assert_eq!(lines.next(), Some(csv::HEADER));
//! assert!(lines.any(|l| l.starts_with("doc-1,MEET,Anna Virtanen,Tomas Rojas,met,\"Finnish President")));
//! ```

use std::fmt::Write;

use super::AnnotatedDocument;

/// The header row (without line end).
pub const HEADER: &str =
    "document,relation,subject,object,trigger,sentence,rule,attributed_to,negated,modality,role,former";

/// The header and one row per fact of every document.
pub fn render(docs: &[AnnotatedDocument]) -> String {
    let mut out = format!("{HEADER}\n");
    for doc in docs {
        out.push_str(&rows(doc));
    }
    out
}

/// The rows of one document's facts, without the header (to stream many
/// documents under one [`HEADER`]).
pub fn rows(doc: &AnnotatedDocument) -> String {
    let mut out = String::new();
    let rec = doc.record();
    for f in &rec.facts {
        let cells = [
            rec.id.as_str(),
            f.relation.as_str(),
            &f.subject.canonical,
            &f.object.canonical,
            &f.trigger.text,
            doc.sentence_text(f.sentence),
            &f.rule,
            f.attributed_to.as_deref().unwrap_or(""),
            if f.negated { "true" } else { "false" },
            f.modality.as_str(),
            f.role.as_deref().unwrap_or(""),
            if f.former { "true" } else { "false" },
        ];
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            quote(&mut out, cell);
        }
        out.push('\n');
    }
    out
}

/// Writes a cell, in double quotes (doubled inside) when it holds a comma,
/// a quote or a line break.
fn quote(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        let _ = write!(out, "\"{}\"", cell.replace('"', "\"\""));
    } else {
        out.push_str(cell);
    }
}
