//! One self-contained HTML page for many documents, in the spirit of
//! spaCy's displaCy: each document's text with its entities highlighted by
//! label, and its facts listed under it with their evidence.
//!
//! The page loads nothing from the network (inline CSS, a few lines of
//! inline script for *expand all*, *collapse all* and a filter box). Each
//! document is a collapsible `<details>` element; the first
//! [`OPEN_DOCUMENTS`] start open, so a page of a thousand documents stays
//! readable.
//!
//! ```
//! use gazette::output::{html, AnnotatedDocument};
//!
//! let extractor = gazette::Extractor::default();
//! let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
//! let docs = [AnnotatedDocument::new("doc-1", &extractor.extract(text))];
//! let page = html::render(&docs);
//! assert!(page.starts_with("<!doctype html>"));
//! assert!(page.contains("Anna Virtanen"));
//! // std::fs::write("gazette.html", page)?;
//! ```

use std::fmt::Write;

use super::markup::{count, label_legend, page, Esc};
use super::{AnnotatedDocument, FactRecord};

/// How many documents, from the first, start expanded.
pub const OPEN_DOCUMENTS: usize = 10;

const CSS: &str = r#"
.tools{float:right}
details.doc{background:#fff;border:1px solid #e2e8f0;border-radius:.5em;margin:0 0 1em;padding:.2em 1em}
details.doc>summary{cursor:pointer;padding:.4em 0;font-weight:600}
details.doc>summary .muted{font-weight:400;margin-left:.6em}
.text{white-space:pre-wrap;line-height:2.1;margin:.3em 0 .8em}
mark.ent{background:var(--c);color:inherit;padding:.15em .35em;border-radius:.35em;cursor:help}
mark.ent::after{content:attr(data-label);font-size:.6em;font-weight:700;letter-spacing:.04em;margin-left:.4em;vertical-align:middle;opacity:.65}
h3{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;color:#64748b;margin:.6em 0 .2em}
ol.facts{margin:0 0 .8em;padding-left:1.6em}
li.fact{margin:.45em 0}
.arg{background:var(--c);padding:0 .35em;border-radius:.3em;font-weight:600}
.sep{color:#94a3b8;margin:0 .3em}
.attr{display:inline-block;margin-left:.5em;padding:0 .45em;border:1px solid #cbd5e1;border-radius:1em;font-size:.78em;color:#475569}
.rule{margin-left:.5em;font:.75em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#94a3b8}
li.neg .rel{text-decoration:line-through}
blockquote.ev{margin:.2em 0 0;padding:.1em .8em;border-left:3px solid #e2e8f0;color:#475569}
blockquote.ev .in{text-decoration:underline;text-decoration-color:#94a3b8;text-underline-offset:.2em}
mark.trig{background:#fef08a;color:inherit;font-weight:600;padding:0 .15em;border-radius:.2em}
"#;

const SCRIPT: &str = r#"
const docs = [...document.querySelectorAll("details.doc")];
document.getElementById("expand").onclick = () => docs.forEach(d => d.open = true);
document.getElementById("collapse").onclick = () => docs.forEach(d => d.open = false);
document.getElementById("filter").oninput = e => {
  const q = e.target.value.toLowerCase();
  docs.forEach(d => d.hidden = q !== "" && !d.textContent.toLowerCase().includes(q));
};
"#;

/// Renders `docs` as one HTML page (a complete `<!doctype html>` document).
///
/// Entities carry their canonical name, label and source rule in a
/// `title` (shown on hover); facts read *subject — RELATION — object*, with
/// their attributes, rule and evidence sentence (trigger highlighted). All
/// text is escaped.
pub fn render(docs: &[AnnotatedDocument]) -> String {
    let entities: usize = docs.iter().map(|d| d.record().entities.len()).sum();
    let facts: usize = docs.iter().map(|d| d.record().facts.len()).sum();
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><span class=\"tools\"><input id=\"filter\" type=\"search\" \
         placeholder=\"Filter documents\" aria-label=\"Filter documents\"> \
         <button id=\"expand\">Expand all</button> <button id=\"collapse\">Collapse all</button></span>\
         <h1>gazette</h1><span class=\"stats\">{} · {} · {}</span>{}</header>\n<main>\n",
        count(docs.len(), "document", "documents"),
        count(entities, "entity", "entities"),
        count(facts, "fact", "facts"),
        label_legend()
    );
    if docs.is_empty() {
        body.push_str("<p class=\"muted\">No documents.</p>\n");
    }
    for (i, doc) in docs.iter().enumerate() {
        document(&mut body, doc, i < OPEN_DOCUMENTS);
    }
    body.push_str("</main>");
    page("gazette", CSS, &body, SCRIPT)
}

/// One document: summary line, highlighted text, facts.
fn document(out: &mut String, doc: &AnnotatedDocument, open: bool) {
    let rec = doc.record();
    let _ = write!(
        out,
        "<details class=\"doc\"{}><summary>{}<span class=\"muted\">{} · {}</span></summary>\n<div class=\"text\">",
        if open { " open" } else { "" },
        Esc(&rec.id),
        count(rec.entities.len(), "entity", "entities"),
        count(rec.facts.len(), "fact", "facts"),
    );
    let marks = rec.entities.iter().map(|e| (e.start..e.end, e));
    for (piece, entity) in doc.pieces(0..doc.char_len(), marks) {
        match entity {
            None => {
                let _ = write!(out, "{}", Esc(piece));
            }
            Some(e) => {
                let _ = write!(
                    out,
                    "<mark class=\"ent l-{l}\" data-label=\"{l}\" title=\"{} · {l}&#10;{}\">{}</mark>",
                    Esc(&e.canonical),
                    Esc(&e.source),
                    Esc(piece),
                    l = e.label,
                );
            }
        }
    }
    out.push_str("</div>\n");
    if !rec.facts.is_empty() {
        out.push_str("<h3>Facts</h3>\n<ol class=\"facts\">\n");
        for f in &rec.facts {
            fact(out, doc, f);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</details>\n");
}

/// How a piece of an evidence sentence is marked.
#[derive(Clone, Copy)]
enum Evidence {
    Trigger,
    Argument,
}

/// One fact: the triple, its attributes and rule, and the evidence sentence.
fn fact(out: &mut String, doc: &AnnotatedDocument, f: &FactRecord) {
    let _ = write!(
        out,
        "<li class=\"fact{}\"><span class=\"arg l-{}\" title=\"{}\">{}</span><span class=\"sep\">—</span>\
         <span class=\"rel r-{r}\">{r}</span><span class=\"sep\">—</span>\
         <span class=\"arg l-{}\" title=\"{}\">{}</span>",
        if f.negated { " neg" } else { "" },
        f.subject.label,
        Esc(&f.subject.text),
        Esc(&f.subject.canonical),
        f.object.label,
        Esc(&f.object.text),
        Esc(&f.object.canonical),
        r = f.relation,
    );
    for a in f.attributes() {
        let _ = write!(out, "<span class=\"attr\">{}</span>", Esc(&a));
    }
    let _ = write!(out, "<span class=\"rule\">{}</span>", Esc(&f.rule));
    if let Some(s) = doc.record().sentences.get(f.sentence) {
        out.push_str("\n<blockquote class=\"ev\">");
        let marks = [
            (f.trigger.start..f.trigger.end, Evidence::Trigger),
            (f.subject.start..f.subject.end, Evidence::Argument),
            (f.object.start..f.object.end, Evidence::Argument),
        ];
        for (piece, how) in doc.pieces(s.start..s.end, marks) {
            let _ = match how {
                None => write!(out, "{}", Esc(piece)),
                Some(Evidence::Trigger) => {
                    write!(out, "<mark class=\"trig\">{}</mark>", Esc(piece))
                }
                Some(Evidence::Argument) => write!(out, "<span class=\"in\">{}</span>", Esc(piece)),
            };
        }
        out.push_str("</blockquote>");
    }
    out.push_str("</li>\n");
}
