//! CoNLL-style token files: `token<TAB>tag` lines with BIO tags
//! (`B-PERSON`, `I-PERSON`, `O`, …), one sentence a block, a blank line
//! after each sentence, and a `-DOCSTART-` block opening each document.
//!
//! Tokens are runs of letters and digits and every other non-space
//! character on its own ("Russia's" is `Russia`, `'`, `s`). Entity edges
//! always fall between tokens, so the entity spans can be read back by
//! aligning the tokens with the text.
//!
//! ```
//! use gazette::output::{conll, AnnotatedDocument};
//!
//! let extractor = gazette::Extractor::default();
//! let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
//! let doc = AnnotatedDocument::new("doc-1", &extractor.extract(text));
//! let out = conll::document(&doc);
//! assert!(out.starts_with("-DOCSTART-\tO\n\nFinnish\tB-NATIONALITY\n"));
//! assert!(out.contains("Anna\tB-PERSON\nVirtanen\tI-PERSON\nmet\tO\n"));
//! ```

use std::fmt::Write;

use super::AnnotatedDocument;

/// The line that opens each document.
pub const DOCSTART: &str = "-DOCSTART-\tO";

/// One document: the `-DOCSTART-` block, then its sentences.
pub fn document(doc: &AnnotatedDocument) -> String {
    let rec = doc.record();
    let mut out = format!("{DOCSTART}\n\n");
    for s in &rec.sentences {
        // Entities are in text order: start at the first that ends inside.
        let first = rec.entities.partition_point(|e| e.end <= s.start);
        let marks = rec.entities[first..]
            .iter()
            .take_while(|e| e.start < s.end)
            .map(|e| (e.start..e.end, e.label));
        let mut empty = true;
        for (piece, label) in doc.pieces(s.start..s.end, marks) {
            for (i, token) in tokens(piece).enumerate() {
                empty = false;
                let _ = match label {
                    None => writeln!(out, "{token}\tO"),
                    Some(l) => writeln!(out, "{token}\t{}-{l}", if i == 0 { 'B' } else { 'I' }),
                };
            }
        }
        if !empty {
            out.push('\n');
        }
    }
    out
}

/// All documents, one after the other.
pub fn render(docs: &[AnnotatedDocument]) -> String {
    docs.iter().map(document).collect()
}

/// Characters that stand alone as tokens: ASCII punctuation and the
/// General Punctuation block (curly quotes, dashes, ellipsis), plus a few
/// Latin-1 marks.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{2000}'..='\u{206F}' | '«' | '»' | '¡' | '¿' | '·' | '§' | '°'
        )
}

/// The tokens of `text`: split at white space, then every punctuation
/// character alone.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().flat_map(|mut rest| {
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let len = if is_punct(first) {
                first.len_utf8()
            } else {
                rest.find(is_punct).unwrap_or(rest.len())
            };
            let (token, tail) = rest.split_at(len);
            rest = tail;
            Some(token)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn splits_words_and_punctuation() {
        let t: Vec<_> = tokens("Russia's \u{201c}U.S.\u{201d} Ärzte, 3.5%").collect();
        assert_eq!(
            t,
            [
                "Russia", "'", "s", "\u{201c}", "U", ".", "S", ".", "\u{201d}", "Ärzte", ",", "3",
                ".", "5", "%"
            ]
        );
    }
}
