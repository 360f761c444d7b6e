//! Round trips through every output format of `gazette::output`: each
//! format is read back (brat, CoNLL and CSV with the small parsers below,
//! the graph with serde_json) and compared with the records it came from.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use gazette::output::{brat, conll, csv, graph::Graph, html, AnnotatedDocument, FactRecord};
use gazette::{Extractor, Relation};

/// Sample news written for these tests: markup and ampersands, quotes and
/// commas, text before the entities that is not ASCII, a denial, a plan, an
/// allegation, and a document without entities.
const SAMPLES: [(&str, &str); 3] = [
    (
        "wire/helsinki talks.txt",
        "Zürich-based analysts & \"traders\": Finnish President Anna Virtanen met Chilean Foreign \
         Minister Tomas Rojas in Helsinki on Monday, Yle said.\n\
         The talks on <script>alert('copper & tin')</script> were not disclosed.\n\
         Rojas said Chile will expand cooperation with Finland, Yle reported.\n\
         Officials in Brazil say that Chile is supplying copper to Finland in return for icebreakers.\n\
         Santiago and Helsinki signed a trade agreement at a summit in March.\n",
    ),
    (
        "wire/baltic",
        "Estonian Prime Minister Kristjan Tamm accused Russia of jamming aircraft navigation over \
         the Baltic Sea, the Estonian Foreign Ministry said on Friday.\n\
         Russia did not attack Estonia, the ministry said.\n\
         Tamm, previously Estonia's defence minister, will visit Poland next week.\n",
    ),
    ("wire/markets", "Markets were quiet on Tuesday; traders said volumes were thin."),
];

/// One extractor for all tests (building it is the slow part).
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::default)
}

fn documents() -> Vec<AnnotatedDocument> {
    let docs: Vec<_> = SAMPLES
        .iter()
        .map(|(id, text)| AnnotatedDocument::new(id, &extractor().extract(text)))
        .collect();
    // The round trips only mean something if there is something to lose.
    let facts: Vec<&FactRecord> = docs.iter().flat_map(|d| &d.record().facts).collect();
    assert!(
        facts.len() >= 8,
        "too few facts in the samples: {}",
        facts.len()
    );
    assert!(facts.iter().any(|f| f.negated));
    assert!(facts.iter().any(|f| f.former));
    assert!(facts
        .iter()
        .any(|f| f.modality != gazette::Modality::Asserted));
    assert!(facts.iter().any(|f| f.attributed_to.is_some()));
    docs
}

/// An entity or argument as (label, start, end) in characters.
type Mention = (String, usize, usize);

fn entities(doc: &AnnotatedDocument) -> Vec<Mention> {
    let rec = doc.record();
    rec.entities
        .iter()
        .map(|e| (e.label.to_string(), e.start, e.end))
        .collect()
}

/// A fact as relation, subject and object mentions.
type Triple = (String, Mention, Mention);

fn triples(doc: &AnnotatedDocument) -> Vec<Triple> {
    let m = |a: &gazette::output::ArgRecord| (a.label.to_string(), a.start, a.end);
    let rec = doc.record();
    rec.facts
        .iter()
        .map(|f| (f.relation.to_string(), m(&f.subject), m(&f.object)))
        .collect()
}

// # brat

/// What a `.ann` file says.
#[derive(Default)]
struct Ann {
    /// T id → (label, start, end, text).
    t: BTreeMap<String, (String, usize, usize, String)>,
    /// R lines in order: (id, relation, Arg1 id, Arg2 id).
    r: Vec<(String, String, String, String)>,
    /// A lines: (name, target, value).
    a: Vec<(String, String, Option<String>)>,
    /// Notes by target: key → value.
    notes: HashMap<String, BTreeMap<String, String>>,
}

fn parse_ann(ann: &str) -> Ann {
    let mut out = Ann::default();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match line.as_bytes()[0] {
            b'T' => {
                assert_eq!(fields.len(), 3, "{line}");
                let mut head = fields[1].split(' ');
                let (label, start, end) = (
                    head.next().unwrap(),
                    head.next().unwrap(),
                    head.next().unwrap(),
                );
                assert_eq!(head.next(), None, "{line}");
                out.t.insert(
                    fields[0].to_string(),
                    (
                        label.to_string(),
                        start.parse().unwrap(),
                        end.parse().unwrap(),
                        fields[2].to_string(),
                    ),
                );
            }
            b'R' => {
                assert_eq!(fields.len(), 2, "{line}");
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts.len(), 3, "{line}");
                let arg = |p: &str, role: &str| p.strip_prefix(role).unwrap().to_string();
                out.r.push((
                    fields[0].to_string(),
                    parts[0].to_string(),
                    arg(parts[1], "Arg1:"),
                    arg(parts[2], "Arg2:"),
                ));
            }
            b'A' => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                out.a.push((
                    parts[0].to_string(),
                    parts[1].to_string(),
                    parts.get(2).map(|v| v.to_string()),
                ));
            }
            b'#' => {
                assert_eq!(fields.len(), 3, "{line}");
                let target = fields[1].strip_prefix("AnnotatorNotes ").unwrap();
                let pairs = fields[2]
                    .split("; ")
                    .map(|kv| kv.split_once('=').unwrap())
                    .map(|(k, v)| (k.to_string(), v.to_string()));
                out.notes
                    .entry(target.to_string())
                    .or_default()
                    .extend(pairs);
            }
            _ => panic!("unexpected .ann line: {line}"),
        }
    }
    out
}

#[test]
fn brat_round_trip_keeps_every_entity_and_fact() {
    for doc in documents() {
        let rec = doc.record();
        let ann = parse_ann(&brat::ann(rec));
        // Entities: spans, labels, text at those character offsets, canonical names.
        let mut read: Vec<Mention> = ann
            .t
            .values()
            .map(|(l, s, e, _)| (l.clone(), *s, *e))
            .collect();
        read.sort_by_key(|m| (m.1, m.2));
        assert_eq!(read, entities(&doc), "{}", rec.id);
        for (id, (_, start, end, text)) in &ann.t {
            assert_eq!(doc.slice(*start, *end), text, "{}: {id}", rec.id);
            let e = rec
                .entities
                .iter()
                .find(|e| (e.start, e.end) == (*start, *end))
                .unwrap();
            let canonical = ann.notes.get(id).and_then(|n| n.get("canonical"));
            assert_eq!(canonical.unwrap_or(text), &e.canonical);
        }
        // Facts: relation and arguments, in order, then attributes and notes.
        let mention = |t: &str| {
            let (l, s, e, _) = &ann.t[t];
            (l.clone(), *s, *e)
        };
        let read: Vec<Triple> = ann
            .r
            .iter()
            .map(|(_, rel, s, o)| (rel.clone(), mention(s), mention(o)))
            .collect();
        assert_eq!(read, triples(&doc), "{}", rec.id);
        for ((r, ..), f) in ann.r.iter().zip(&rec.facts) {
            let has = |name: &str| ann.a.iter().any(|(n, t, _)| n == name && t == r);
            assert_eq!(has("Negated"), f.negated, "{r}");
            assert_eq!(has("Former"), f.former, "{r}");
            let modality = ann.a.iter().find(|(n, t, _)| n == "Modality" && t == r);
            let modality = modality
                .and_then(|(.., v)| v.as_deref())
                .unwrap_or("asserted");
            assert_eq!(modality, f.modality.as_str(), "{r}");
            let note = &ann.notes[r];
            let t = &f.trigger;
            assert_eq!(note["trigger"], format!("{} {} {}", t.text, t.start, t.end));
            assert_eq!(note["rule"], f.rule);
            assert_eq!(note.get("attributed_to"), f.attributed_to.as_ref(), "{r}");
            assert_eq!(note.get("role"), f.role.as_ref(), "{r}");
        }
    }
}

#[test]
fn brat_annotation_conf_declares_every_type() {
    let conf = brat::annotation_conf();
    for l in gazette::Label::ALL {
        assert!(conf.lines().any(|line| line == l.as_str()), "{l}");
    }
    for r in Relation::ALL {
        assert!(conf.contains(&format!("\n{r}\tArg1:")), "{r}");
    }
    for a in ["Negated", "Modality", "Former"] {
        assert!(conf.contains(&format!("\n{a}\tArg:<RELATION>")), "{a}");
    }
    assert_eq!(
        brat::file_stem("wire/helsinki talks.txt"),
        "wire_helsinki_talks"
    );
}

// # CoNLL

#[test]
fn conll_round_trip_keeps_every_entity_and_token() {
    let docs = documents();
    let all = conll::render(&docs);
    // Split into documents at the -DOCSTART- blocks.
    let parts: Vec<&str> = all.split(&format!("{}\n\n", conll::DOCSTART)).collect();
    assert_eq!(parts[0], "");
    assert_eq!(parts.len(), docs.len() + 1);
    for (doc, part) in docs.iter().zip(&parts[1..]) {
        assert_eq!(
            conll::document(doc),
            format!("{}\n\n{part}", conll::DOCSTART)
        );
        let text = doc.text();
        let blocks: Vec<&str> = part.split("\n\n").filter(|b| !b.is_empty()).collect();
        assert!(part.is_empty() || part.ends_with("\n\n"));
        assert_eq!(
            blocks.len(),
            doc.record().sentences.len(),
            "{}",
            doc.record().id
        );
        // Align the tokens with the text (characters), rebuild the entities.
        let mut at = 0; // byte offset in `text`
        let mut found: Vec<Mention> = Vec::new();
        let mut open: Option<Mention> = None;
        for line in blocks.iter().flat_map(|b| b.lines()) {
            let (token, tag) = line.split_once('\t').unwrap();
            assert!(
                !token.is_empty() && !token.contains(char::is_whitespace),
                "{line:?}"
            );
            let skipped = &text[at..at + text[at..].find(token).unwrap()];
            assert!(
                skipped.trim().is_empty(),
                "lost {skipped:?} before {token:?}"
            );
            let start = text[..at + skipped.len()].chars().count();
            at += skipped.len() + token.len();
            let end = start + token.chars().count();
            let continues = match (tag.split_once('-'), &mut open) {
                (Some(("I", label)), Some(m)) if m.0 == label => {
                    m.2 = end;
                    true
                }
                _ => false,
            };
            if !continues {
                found.extend(open.take());
                match tag.split_once('-') {
                    Some(("B", label)) => open = Some((label.to_string(), start, end)),
                    None if tag == "O" => {}
                    _ => panic!("bad tag {tag:?} for {token:?}"),
                }
            }
        }
        found.extend(open);
        assert!(text[at..].trim().is_empty(), "lost the end of the text");
        assert_eq!(found, entities(doc), "{}", doc.record().id);
    }
}

// # Graph

/// A fact's edge key: (source, relation, target), symmetric ones sorted.
fn edge_key(f: &FactRecord) -> (String, String, String) {
    let (mut s, mut o) = (f.subject.canonical.clone(), f.object.canonical.clone());
    if f.relation.is_symmetric() && o < s {
        std::mem::swap(&mut s, &mut o);
    }
    (s, f.relation.to_string(), o)
}

#[test]
fn graph_json_has_every_fact_as_an_edge() {
    let docs = documents();
    let graph = Graph::new(&docs);
    let json: serde_json::Value = serde_json::from_str(&graph.to_json()).unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    let edges = json["edges"].as_array().unwrap();
    let ids: HashMap<&str, &str> = nodes
        .iter()
        .map(|n| {
            assert!(n["mentions"].as_u64().unwrap() >= 1, "{n}");
            (n["id"].as_str().unwrap(), n["label"].as_str().unwrap())
        })
        .collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    let mut counts: HashMap<(String, String, String), u64> = HashMap::new();
    for e in edges {
        let s = e["source"].as_str().unwrap();
        let t = e["target"].as_str().unwrap();
        assert!(ids.contains_key(s) && ids.contains_key(t), "{e}");
        let key = (
            s.to_string(),
            e["relation"].as_str().unwrap().to_string(),
            t.to_string(),
        );
        assert!(
            counts.insert(key, e["count"].as_u64().unwrap()).is_none(),
            "one edge per key"
        );
        assert!(!e["evidence"].as_array().unwrap().is_empty());
    }
    let mut expected: HashMap<(String, String, String), u64> = HashMap::new();
    for doc in &docs {
        for f in &doc.record().facts {
            let key = edge_key(f);
            *expected.entry(key.clone()).or_default() += 1;
            let edge = edges
                .iter()
                .find(|e| {
                    (
                        e["source"].as_str(),
                        e["relation"].as_str(),
                        e["target"].as_str(),
                    ) == (Some(&key.0), Some(&key.1), Some(&key.2))
                })
                .unwrap();
            let evidence = edge["evidence"].as_array().unwrap();
            assert!(
                evidence.iter().any(|s| s == doc.sentence_text(f.sentence)),
                "{key:?}"
            );
        }
    }
    assert_eq!(counts, expected);
    // Nationalities join their countries: "Finnish" is the node Finland, a COUNTRY.
    assert_eq!(ids.get("Finland"), Some(&"COUNTRY"));
    assert_eq!(ids.get("Anna Virtanen"), Some(&"PERSON"));
}

#[test]
fn graph_html_draws_every_node_and_edge() {
    let docs = documents();
    let graph = Graph::new(&docs);
    let page = graph.to_html();
    assert!(page.starts_with("<!doctype html>") && page.contains("<svg"));
    assert!(
        !page.contains("http://") || page.matches("http://").count() == 1,
        "only the SVG namespace"
    );
    assert!(!page.contains("https://"));
    for n in &graph.nodes {
        assert!(
            page.contains(&format!(">{}</text></g>", escape(&n.id))),
            "{}",
            n.id
        );
    }
    assert_eq!(page.matches("<g class=\"edge\"").count(), graph.edges.len());
    assert_eq!(page.matches("<tr><td>").count(), graph.edges.len());
    assert_eq!(
        Graph::new(&docs).to_html(),
        page,
        "the layout is deterministic"
    );
    assert!(Graph::new(&[]).to_html().contains("No facts."));
}

#[test]
fn graph_html_draws_the_most_connected_part_of_a_big_graph() {
    use gazette::output::{ArgRecord, DocumentRecord, EntityRecord, SentenceRecord, TriggerRecord};
    use gazette::{Label, Modality};
    // A hand-built record: a host meets 200 guests, one a sentence.
    let mut rec = DocumentRecord {
        id: "summit".to_string(),
        sentences: Vec::new(),
        entities: Vec::new(),
        facts: Vec::new(),
    };
    let mut text = String::new();
    for i in 0..200 {
        let at = text.chars().count();
        let guest = format!("Guest {i:03}");
        text.push_str(&format!("Host Person met {guest}.\n"));
        let arg = |name: &str, start: usize| ArgRecord {
            canonical: name.to_string(),
            label: Label::Person,
            start,
            end: start + name.len(),
            text: name.to_string(),
        };
        let (host, guest) = (arg("Host Person", at), arg(&guest, at + 16));
        for a in [&host, &guest] {
            rec.entities.push(EntityRecord {
                start: a.start,
                end: a.end,
                label: a.label,
                text: a.text.clone(),
                canonical: a.canonical.clone(),
                source: "test".to_string(),
            });
        }
        rec.sentences.push(SentenceRecord {
            start: at,
            end: at + 26,
        });
        rec.facts.push(FactRecord {
            relation: Relation::Meet,
            subject: host,
            object: guest,
            sentence: i,
            trigger: TriggerRecord {
                start: at + 12,
                end: at + 15,
                text: "met".to_string(),
            },
            rule: "test".to_string(),
            attributed_to: None,
            negated: false,
            modality: Modality::Asserted,
            role: None,
            former: false,
        });
    }
    let doc = AnnotatedDocument::from_record(rec, text);
    assert_eq!(doc.sentence_text(7), "Host Person met Guest 007.");
    let graph = Graph::new(&[doc]);
    assert_eq!((graph.nodes.len(), graph.edges.len()), (201, 200));
    let page = graph.to_html();
    let drawn = gazette::output::graph::MAX_DRAWN_NODES;
    assert!(page.contains(&format!("shows the {drawn} most connected of 201 entities")));
    assert_eq!(page.matches("<g class=\"node\"").count(), drawn);
    assert!(page.contains(">Host Person</text></g>"), "the hub is drawn");
    assert_eq!(page.matches("<g class=\"edge\"").count(), drawn - 1);
    assert_eq!(
        page.matches("<tr><td>").count(),
        200,
        "the table lists every edge"
    );
    assert!(page.contains("<svg class=\"graph dense\""));
}

// # CSV

/// Reads RFC 4180 CSV: quoted fields may hold commas, quotes and newlines.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "CSV ends with a line end"
    );
    rows
}

#[test]
fn csv_has_one_row_per_fact() {
    let docs = documents();
    let rows = parse_csv(&csv::render(&docs));
    assert_eq!(rows[0].join(","), csv::HEADER);
    let facts: Vec<(&AnnotatedDocument, &FactRecord)> = docs
        .iter()
        .flat_map(|d| d.record().facts.iter().map(move |f| (d, f)))
        .collect();
    assert_eq!(rows.len() - 1, facts.len());
    for (row, (doc, f)) in rows[1..].iter().zip(facts) {
        let expected = [
            doc.record().id.as_str(),
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
        assert_eq!(row, &expected, "{}", doc.record().id);
    }
    // Rows of documents stream under one header.
    let streamed: String = docs.iter().map(csv::rows).collect();
    assert_eq!(format!("{}\n{streamed}", csv::HEADER), csv::render(&docs));
}

// # HTML

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn html_shows_every_entity_and_fact_escaped() {
    let docs = documents();
    let page = html::render(&docs);
    assert!(page.starts_with("<!doctype html>") && page.ends_with("</html>\n"));
    // Self-contained, and the sample's markup stays text.
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<link"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;copper &amp; tin&#39;)&lt;/script&gt;"));
    assert!(page.contains("Zürich-based analysts &amp; &quot;traders&quot;"));
    assert_eq!(page.matches("<details class=\"doc\"").count(), docs.len());
    for doc in &docs {
        let rec = doc.record();
        assert!(page.contains(&format!("<summary>{}<", escape(&rec.id))));
        for e in &rec.entities {
            let mark = format!(
                "data-label=\"{}\" title=\"{} · {}",
                e.label,
                escape(&e.canonical),
                e.label
            );
            assert!(page.contains(&mark), "{mark}");
            assert!(
                page.contains(&format!(">{}</mark>", escape(&e.text))),
                "{}",
                e.text
            );
        }
        for f in &rec.facts {
            let triple = format!(
                "{}</span><span class=\"sep\">—</span><span class=\"rel r-{r}\">{r}</span><span class=\"sep\">—</span><span class=\"arg l-{}\" title=\"{}\">{}</span>",
                escape(&f.subject.canonical),
                f.object.label,
                escape(&f.object.text),
                escape(&f.object.canonical),
                r = f.relation,
            );
            assert!(page.contains(&triple), "{triple}");
            assert!(page.contains(&format!(
                "<mark class=\"trig\">{}</mark>",
                escape(&f.trigger.text)
            )));
        }
    }
    assert!(html::render(&[]).contains("No documents."));
}

#[test]
fn html_collapses_long_inputs() {
    let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
    let doc = extractor().extract(text);
    let docs: Vec<_> = (0..1000)
        .map(|i| AnnotatedDocument::new(&format!("doc-{i}"), &doc))
        .collect();
    let page = html::render(&docs);
    assert_eq!(
        page.matches("<details class=\"doc\" open>").count(),
        html::OPEN_DOCUMENTS
    );
    assert_eq!(
        page.matches("<details class=\"doc\">").count(),
        1000 - html::OPEN_DOCUMENTS
    );
}
