//! What the HTML pages share: escaping, colours, the page frame and the
//! legend.

use std::fmt::{self, Write};

use crate::model::{Label, Relation};

/// Text escaped for HTML element content and quoted attribute values.
pub(crate) struct Esc<'a>(pub(crate) &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// The colour of a label, in highlights, node fills and the legend.
pub(crate) fn label_colour(label: Label) -> &'static str {
    match label {
        Label::Person => "#c4b5fd",
        Label::Country => "#fcd34d",
        Label::Location => "#5eead4",
        Label::Organization => "#93c5fd",
        Label::Role => "#fda4af",
        Label::Nationality => "#bef264",
    }
}

/// The colour of a relation, for graph edges and relation badges.
pub(crate) fn relation_colour(relation: Relation) -> &'static str {
    match relation {
        Relation::Meet => "#2563eb",
        Relation::Visit => "#0891b2",
        Relation::Supply => "#16a34a",
        Relation::Role => "#64748b",
        Relation::Agreement => "#7c3aed",
        Relation::Cooperate => "#0d9488",
        Relation::Attack => "#dc2626",
        Relation::Criticize => "#ea580c",
    }
}

/// CSS classes `l-<LABEL>` and `r-<RELATION>` carrying the colours.
fn colour_css() -> String {
    let mut css = String::new();
    for l in Label::ALL {
        let _ = writeln!(css, ".l-{l}{{--c:{}}}", label_colour(l));
    }
    for r in Relation::ALL {
        let _ = writeln!(css, ".r-{r}{{--r:{}}}", relation_colour(r));
    }
    css
}

const BASE_CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2937;background:#f8fafc}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #e2e8f0;padding:.7em 1.5em}
header h1{font-size:1.15em;margin:0 .8em 0 0;display:inline-block}
header .stats{color:#64748b}
main{padding:1em 1.5em;max-width:1200px}
.legend{margin:.4em 0 0;display:flex;flex-wrap:wrap;gap:.35em}
.swatch{display:inline-block;padding:0 .5em;border-radius:.3em;background:var(--c);font-size:.78em;font-weight:600;letter-spacing:.03em}
.rel{display:inline-block;padding:0 .5em;border-radius:.3em;background:var(--r);color:#fff;font-size:.78em;font-weight:600;letter-spacing:.03em}
button,input{font:inherit;font-size:.85em;padding:.15em .6em;border:1px solid #cbd5e1;border-radius:.3em;background:#fff}
button{cursor:pointer}
.muted{color:#64748b}
"#;

/// A complete page: `<!doctype html>`, the title, shared and own CSS, the
/// body and an optional script. Nothing is loaded from the network.
pub(crate) fn page(title: &str, css: &str, body: &str, script: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"gazette {}\">\n<title>{}</title>\n\
         <style>{BASE_CSS}{}{css}</style>\n</head>\n<body>\n{body}\n",
        env!("CARGO_PKG_VERSION"),
        Esc(title),
        colour_css(),
    );
    if !script.is_empty() {
        let _ = writeln!(out, "<script>{script}</script>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// `n` and the noun in the right number: `1 fact`, `2 facts`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The label legend: one coloured swatch a label.
pub(crate) fn label_legend() -> String {
    let mut out = String::from("<div class=\"legend\">");
    for l in Label::ALL {
        let _ = write!(out, "<span class=\"swatch l-{l}\">{l}</span>");
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc(r#"<a href="x">Tom & Jerry's</a>"#).to_string(),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(Esc("Ärzte").to_string(), "Ärzte");
    }
}
