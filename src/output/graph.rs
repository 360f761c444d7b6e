//! The facts of a whole input as a network: entities are nodes, facts are
//! edges, grouped by (subject, relation, object) with counts and evidence.
//!
//! Two renderings: [`Graph::to_json`] for other tools, and
//! [`Graph::to_html`], a self-contained page with an SVG drawing (the
//! layout is computed here, deterministically, so the page needs no
//! network and no script to draw).
//!
//! ```
//! use gazette::output::{graph::Graph, AnnotatedDocument};
//!
//! let extractor = gazette::Extractor::default();
//! let text = "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas.";
//! let docs = [AnnotatedDocument::new("doc-1", &extractor.extract(text))];
//! let graph = Graph::new(&docs);
//! let meet = graph.edges.iter().find(|e| e.relation == gazette::Relation::Meet).unwrap();
//! assert_eq!((meet.source.as_str(), meet.target.as_str(), meet.count), ("Anna Virtanen", "Tomas Rojas", 1));
//! let json: serde_json::Value = serde_json::from_str(&graph.to_json()).unwrap();
//! assert_eq!(json["edges"].as_array().unwrap().len(), graph.edges.len());
//! assert!(graph.to_html().contains("<svg"));
//! ```

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use serde::Serialize;

use super::markup::{count, label_colour, label_legend, page, relation_colour, Esc};
use super::AnnotatedDocument;
use crate::model::{Label, Relation};

/// At most this many nodes, the most connected, are drawn by
/// [`Graph::to_html`]; the table under the drawing lists every edge.
pub const MAX_DRAWN_NODES: usize = 150;

/// With more drawn edges than this, edge labels show only on hover or when
/// a node is in focus.
const DENSE_EDGES: usize = 60;

/// At most this many evidence sentences are shown for an edge in the HTML
/// page (the JSON keeps all of them).
const SHOWN_EVIDENCE: usize = 5;

/// An entity: one canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The canonical name; unique in the graph.
    pub id: String,
    /// The label most of its mentions carry (a NATIONALITY counts as the
    /// COUNTRY it names).
    pub label: Label,
    /// How many entity mentions, in all documents, have this canonical name.
    pub mentions: usize,
}

/// The facts with the same subject, relation and object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The subject's node id. For symmetric relations (MEET, AGREEMENT,
    /// COOPERATE) the smaller of the two ids, so both directions merge.
    pub source: String,
    /// The object's node id.
    pub target: String,
    /// The relation.
    pub relation: Relation,
    /// How many facts the edge stands for.
    pub count: usize,
    /// How many of them the text denies (drawn dashed when all are).
    pub negated: usize,
    /// The distinct sentences the facts were read from, in input order.
    pub evidence: Vec<String>,
}

/// Entities and the facts between them, for a whole input.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Graph {
    /// Every entity that takes part in a fact, sorted by id.
    pub nodes: Vec<Node>,
    /// Every (subject, relation, object) group, sorted by source, relation
    /// and target.
    pub edges: Vec<Edge>,
}

/// Nationalities name countries: one node for "Finnish" and "Finland".
fn node_label(label: Label) -> Label {
    match label {
        Label::Nationality => Label::Country,
        l => l,
    }
}

impl Graph {
    /// Builds the graph of the facts of `docs`.
    pub fn new(docs: &[AnnotatedDocument]) -> Graph {
        // Mentions and label votes by canonical name.
        let mut names: HashMap<&str, (usize, BTreeMap<Label, usize>)> = HashMap::new();
        for e in docs.iter().flat_map(|d| &d.record().entities) {
            let (mentions, votes) = names.entry(&e.canonical).or_default();
            *mentions += 1;
            *votes.entry(node_label(e.label)).or_default() += 1;
        }
        // Every name a fact uses, with the label of its first argument.
        let mut participants: BTreeMap<&str, Label> = BTreeMap::new();
        let mut edges: BTreeMap<(&str, Relation, &str), Edge> = BTreeMap::new();
        for doc in docs {
            for f in &doc.record().facts {
                let (mut s, mut t) = (&f.subject, &f.object);
                if f.relation.is_symmetric() && t.canonical < s.canonical {
                    std::mem::swap(&mut s, &mut t);
                }
                for arg in [s, t] {
                    participants
                        .entry(&arg.canonical)
                        .or_insert(node_label(arg.label));
                }
                let edge = edges
                    .entry((&s.canonical, f.relation, &t.canonical))
                    .or_insert_with(|| Edge {
                        source: s.canonical.clone(),
                        target: t.canonical.clone(),
                        relation: f.relation,
                        count: 0,
                        negated: 0,
                        evidence: Vec::new(),
                    });
                edge.count += 1;
                edge.negated += usize::from(f.negated);
                let sentence = doc.sentence_text(f.sentence);
                if !edge.evidence.iter().any(|e| e == sentence) {
                    edge.evidence.push(sentence.to_string());
                }
            }
        }
        let nodes = participants
            .into_iter()
            .map(|(id, fallback)| {
                let (mentions, label) = names.get(id).map_or((0, fallback), |(n, votes)| {
                    let top = votes.iter().max_by_key(|&(l, n)| (n, Reverse(l)));
                    (*n, top.map_or(fallback, |(l, _)| *l))
                });
                Node {
                    id: id.to_string(),
                    label,
                    mentions,
                }
            })
            .collect();
        Graph {
            nodes,
            edges: edges.into_values().collect(),
        }
    }

    /// The graph as pretty-printed JSON:
    /// `{"nodes":[{"id","label","mentions"}],"edges":[{"source","target","relation","count","negated","evidence"}]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a graph of strings and numbers serialises")
    }

    /// The graph as a self-contained HTML page: an SVG drawing (nodes
    /// coloured by label and sized by mentions, edges coloured and labelled
    /// by relation, evidence on hover; click a node to focus on its
    /// neighbours) above a table of every edge.
    pub fn to_html(&self) -> String {
        let facts: usize = self.edges.iter().map(|e| e.count).sum();
        let drawn = self.drawn_nodes();
        let mut body = String::new();
        let _ = write!(
            body,
            "<header><h1>gazette · fact graph</h1><span class=\"stats\">{} · {} · {}</span>{}{}</header>\n<main>\n",
            count(self.nodes.len(), "entity", "entities"),
            count(self.edges.len(), "edge", "edges"),
            count(facts, "fact", "facts"),
            label_legend(),
            relation_legend(),
        );
        if drawn.len() < self.nodes.len() {
            let _ = writeln!(
                body,
                "<p class=\"muted\">The drawing shows the {} most connected of {} entities; the table lists every edge.</p>",
                drawn.len(),
                self.nodes.len()
            );
        }
        if self.edges.is_empty() {
            body.push_str("<p class=\"muted\">No facts.</p>\n");
        } else {
            self.svg(&mut body, &drawn);
            self.table(&mut body);
        }
        body.push_str("</main>");
        page("gazette · fact graph", CSS, &body, SCRIPT)
    }

    /// Indices of the nodes to draw: all, or the most connected.
    fn drawn_nodes(&self) -> Vec<usize> {
        let index = self.index();
        let mut degree = vec![0usize; self.nodes.len()];
        for e in &self.edges {
            degree[index[e.source.as_str()]] += e.count;
            degree[index[e.target.as_str()]] += e.count;
        }
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&i| (Reverse(degree[i]), Reverse(self.nodes[i].mentions), i));
        order.truncate(MAX_DRAWN_NODES);
        order.sort_unstable();
        order
    }

    /// Node index by id.
    fn index(&self) -> HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect()
    }

    /// Draws the nodes `drawn` and the edges between them.
    fn svg(&self, out: &mut String, drawn: &[usize]) {
        let index = self.index();
        // Position in `drawn` by node index.
        let slot: HashMap<usize, usize> = drawn.iter().enumerate().map(|(s, &i)| (i, s)).collect();
        // The drawn ends of each edge, when both ends are drawn.
        let ends: Vec<Option<(usize, usize)>> = self
            .edges
            .iter()
            .map(|e| {
                let s = slot.get(&index[e.source.as_str()])?;
                let t = slot.get(&index[e.target.as_str()])?;
                Some((*s, *t))
            })
            .collect();
        // Parallel edges between one pair bend apart.
        let mut pairs: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (k, end) in ends.iter().enumerate() {
            if let Some((s, t)) = *end {
                if s != t {
                    pairs.entry((s.min(t), s.max(t))).or_default().push(k);
                }
            }
        }
        let links: Vec<(usize, usize, usize)> =
            pairs.iter().map(|(&(a, b), g)| (a, b, g.len())).collect();
        let drawing = Drawing {
            pos: scale(&layout(drawn.len(), &links)),
            radius: drawn
                .iter()
                .map(|&i| 8.0 + 3.0 * (self.nodes[i].mentions.max(1) as f64).sqrt().min(5.0))
                .collect(),
        };

        // Many edges: relation labels only on hover and focus.
        let dense = ends.iter().flatten().count() > DENSE_EDGES;
        let _ = write!(
            out,
            "<svg class=\"graph{}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"Fact graph\" xmlns=\"http://www.w3.org/2000/svg\">\n<defs>",
            if dense { " dense" } else { "" }
        );
        for r in Relation::ALL {
            let _ = write!(
                out,
                "<marker id=\"arrow-{r}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"{}\"/></marker>",
                relation_colour(r)
            );
        }
        out.push_str("</defs>\n");
        for group in pairs.values() {
            for (n, &k) in group.iter().enumerate() {
                let bend = (n as f64 - (group.len() - 1) as f64 / 2.0) * 34.0;
                if let Some(ends) = ends[k] {
                    drawing.edge(out, &self.edges[k], ends, bend);
                }
            }
        }
        for (s, &i) in drawn.iter().enumerate() {
            let node = &self.nodes[i];
            let ((x, y), r) = (drawing.pos[s], drawing.radius[s]);
            let _ = writeln!(
                out,
                "<g class=\"node\" data-i=\"{s}\"><title>{} · {} · {}</title>\
                 <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\">{}</text></g>",
                Esc(&node.id),
                node.label,
                count(node.mentions, "mention", "mentions"),
                label_colour(node.label),
                y + r + 14.0,
                Esc(&node.id),
            );
        }
        out.push_str("</svg>\n");
    }

    /// Every edge as a table row, with its evidence.
    fn table(&self, out: &mut String) {
        let index = self.index();
        let label = |id: &str| self.nodes[index[id]].label;
        out.push_str(
            "<table class=\"edges\"><thead><tr><th>Subject</th><th>Relation</th><th>Object</th>\
             <th>Facts</th><th>Evidence</th></tr></thead>\n<tbody>\n",
        );
        for e in &self.edges {
            let _ = write!(
                out,
                "<tr><td><span class=\"arg l-{}\">{}</span></td><td><span class=\"rel r-{r}\">{r}</span></td>\
                 <td><span class=\"arg l-{}\">{}</span></td><td>{}{}</td><td>",
                label(&e.source),
                Esc(&e.source),
                label(&e.target),
                Esc(&e.target),
                e.count,
                if e.negated > 0 {
                    format!(" <span class=\"muted\">({} negated)</span>", e.negated)
                } else {
                    String::new()
                },
                r = e.relation,
            );
            let (first, more) = e.evidence.split_at(e.evidence.len().min(1));
            for ev in first {
                let _ = write!(out, "<div class=\"ev\">{}</div>", Esc(ev));
            }
            if !more.is_empty() {
                let _ = write!(out, "<details><summary>{} more</summary>", more.len());
                for ev in more {
                    let _ = write!(out, "<div class=\"ev\">{}</div>", Esc(ev));
                }
                out.push_str("</details>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
}

/// Where the nodes of the SVG are drawn, and how big.
struct Drawing {
    pos: Vec<(f64, f64)>,
    radius: Vec<f64>,
}

impl Drawing {
    /// One edge: a quadratic curve bent by `bend` pixels off the straight
    /// line of its ends `(s, t)`, with its relation label and evidence.
    fn edge(&self, out: &mut String, e: &Edge, (s, t): (usize, usize), bend: f64) {
        let (pos, radius) = (&self.pos, &self.radius);
        let ((ax, ay), (bx, by)) = (pos[s.min(t)], pos[s.max(t)]);
        let len = (bx - ax).hypot(by - ay).max(1e-9);
        let (nx, ny) = (-(by - ay) / len, (bx - ax) / len);
        let (mx, my) = ((ax + bx) / 2.0 + nx * bend, (ay + by) / 2.0 + ny * bend);
        let (cx, cy) = (
            (ax + bx) / 2.0 + 2.0 * nx * bend,
            (ay + by) / 2.0 + 2.0 * ny * bend,
        );
        // The label runs along the edge, never upside down.
        let angle = (by - ay).atan2(bx - ax).to_degrees();
        let angle = match angle {
            a if a > 90.0 => a - 180.0,
            a if a <= -90.0 => a + 180.0,
            a => a,
        };
        // Start and end on the circles, not at their centres.
        let towards = |(px, py): (f64, f64), r: f64| {
            let d = (cx - px).hypot(cy - py).max(1e-9);
            (px + (cx - px) / d * r, py + (cy - py) / d * r)
        };
        let directed = !e.relation.is_symmetric();
        let (x1, y1) = towards(pos[s], radius[s] + 1.0);
        let (x2, y2) = towards(pos[t], radius[t] + if directed { 3.0 } else { 1.0 });
        let r = e.relation;
        let _ = write!(
            out,
            "<g class=\"edge\" data-s=\"{s}\" data-t=\"{t}\"><title>{} — {r} — {}: {}",
            Esc(&e.source),
            Esc(&e.target),
            count(e.count, "fact", "facts"),
        );
        if e.negated > 0 {
            let _ = write!(out, " ({} negated)", e.negated);
        }
        for ev in e.evidence.iter().take(SHOWN_EVIDENCE) {
            let _ = write!(out, "&#10;• {}", Esc(ev));
        }
        let _ = writeln!(
            out,
            "</title><path d=\"M{x1:.1},{y1:.1}Q{cx:.1},{cy:.1} {x2:.1},{y2:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"{}{}/>\
             <text x=\"{mx:.1}\" y=\"{my:.1}\" transform=\"rotate({angle:.1} {mx:.1} {my:.1})\" fill=\"{}\">{r}{}</text></g>",
            relation_colour(r),
            1.5 + (e.count as f64).log2().min(4.0),
            if directed {
                format!(" marker-end=\"url(#arrow-{r})\"")
            } else {
                String::new()
            },
            if e.negated == e.count {
                " stroke-dasharray=\"5 4\""
            } else {
                ""
            },
            relation_colour(r),
            if e.count > 1 {
                format!(" ×{}", e.count)
            } else {
                String::new()
            },
        );
    }
}

/// The relation legend: one coloured badge a relation.
fn relation_legend() -> String {
    let mut out = String::from("<div class=\"legend\">");
    for r in Relation::ALL {
        let _ = write!(out, "<span class=\"rel r-{r}\">{r}</span>");
    }
    out.push_str("</div>");
    out
}

const WIDTH: f64 = 1200.0;
const HEIGHT: f64 = 820.0;
const MARGIN: f64 = 70.0;

const CSS: &str = r#"
svg.graph{display:block;width:100%;height:auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5em}
svg.graph .edge path{fill:none;stroke-opacity:.8}
svg.graph text{font-size:12px;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg.graph .node text{font-weight:600;fill:#1f2937}
svg.graph .edge text{font-size:10px;font-weight:700;letter-spacing:.03em;dominant-baseline:central}
svg.graph circle{stroke:#334155;stroke-width:1.2;cursor:pointer}
svg.graph .edge:hover path{stroke-opacity:1;stroke-width:4}
svg.focus .edge:not(.on),svg.focus .node:not(.on){opacity:.12}
svg.dense .edge text{display:none}
svg.dense .edge:hover text,svg.dense.focus .edge.on text{display:inline}
.arg{background:var(--c);padding:0 .35em;border-radius:.3em;font-weight:600;white-space:nowrap}
table.edges{border-collapse:collapse;width:100%;margin:1.2em 0;background:#fff;font-size:.9em}
table.edges th,table.edges td{border-bottom:1px solid #e2e8f0;padding:.35em .6em;text-align:left;vertical-align:top}
table.edges th{font-size:.8em;text-transform:uppercase;letter-spacing:.05em;color:#64748b}
.ev{color:#475569}
table.edges td:nth-child(4){white-space:nowrap}
.ev+.ev{margin-top:.3em}
"#;

const SCRIPT: &str = r#"
const svg = document.querySelector("svg.graph");
if (svg) svg.addEventListener("click", e => {
  const node = e.target.closest(".node");
  svg.querySelectorAll(".on").forEach(x => x.classList.remove("on"));
  svg.classList.toggle("focus", node !== null);
  if (!node) return;
  const i = node.dataset.i;
  node.classList.add("on");
  svg.querySelectorAll(`.edge[data-s="${i}"],.edge[data-t="${i}"]`).forEach(edge => {
    edge.classList.add("on");
    const other = edge.dataset.s === i ? edge.dataset.t : edge.dataset.s;
    svg.querySelector(`.node[data-i="${other}"]`).classList.add("on");
  });
});
"#;

/// Force-directed layout (Fruchterman–Reingold) of `n` nodes joined by
/// `links` (two nodes and how many edges join them: the more, the longer
/// the link, to leave room for the curves), deterministic: nodes start on a
/// sunflower spiral, not at random.
fn layout(n: usize, links: &[(usize, usize, usize)]) -> Vec<(f64, f64)> {
    const ITERATIONS: usize = 300;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = ((i as f64 + 0.5) / n as f64).sqrt();
            let a = i as f64 * 2.399_963; // the golden angle
            (r * a.cos(), r * a.sin())
        })
        .collect();
    let k = 1.6 / (n.max(1) as f64).sqrt();
    for it in 0..ITERATIONS {
        let mut disp = vec![(0.0, 0.0); n];
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let f = k * k / (dx * dx + dy * dy).max(1e-4);
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, m) in links {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let f = dx.hypot(dy) / (k * m as f64);
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        let temperature = 0.1 * (1.0 - it as f64 / ITERATIONS as f64) + 0.002;
        for (p, d) in pos.iter_mut().zip(&mut disp) {
            // Gravity keeps unconnected parts on the page.
            d.0 -= p.0 * 0.8;
            d.1 -= p.1 * 0.8;
            let len = d.0.hypot(d.1);
            if len > 0.0 {
                let step = len.min(temperature) / len;
                p.0 += d.0 * step;
                p.1 += d.1 * step;
            }
        }
    }
    pos
}

/// Fits positions into the drawing, inside the margins.
fn scale(pos: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pos {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    let fit = |v: f64, lo: f64, hi: f64, size: f64| {
        if hi - lo < 1e-9 {
            size / 2.0
        } else {
            MARGIN + (v - lo) / (hi - lo) * (size - 2.0 * MARGIN)
        }
    };
    pos.iter()
        .map(|&(x, y)| (fit(x, x0, x1, WIDTH), fit(y, y0, y1, HEIGHT)))
        .collect()
}
