//! Hashed token-sequence lookup for the large lists.
//!
//! An Aho-Corasick automaton over the ~80,000 surface forms of the generated
//! lists took 575 ms to build (measured; the build dominated
//! `Extractor::default()`). Here every surface form is cut into the same
//! word pieces as the text, and every prefix of its piece sequence is stored
//! under a 64-bit hash (FNV-1a over ASCII-folded bytes, pieces separated by a
//! unit separator). Matching walks the pieces of a sentence: at each piece it
//! extends the hash one piece at a time while the prefix exists, so a word
//! that starts no name costs one hash and one probe. Hashes are only a
//! filter: the matcher compares every hit with its surface form.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::Span;
use crate::token::{tokenize_into, Token, TokenKind};

/// Passes an already computed hash through.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = mix(self.0, *b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Extends a sequence hash by one piece (ASCII case folded).
fn push_piece(mut h: u64, piece: &str) -> u64 {
    h = mix(h, 0x1f);
    for b in piece.bytes() {
        h = mix(h, b.to_ascii_lowercase());
    }
    h
}

/// Word pieces of a token list: tokens, with hyphenated words cut at their
/// hyphens ("Korean-made" → "Korean", "-", "made"), so that a name inside a
/// hyphenated word is found and a hyphenated name matches either way.
pub fn pieces(text: &str, tokens: &[Token], out: &mut Vec<Span>) {
    for t in tokens {
        let w = t.span.slice(text);
        if t.kind != TokenKind::Word || !w.contains(['-', '\u{2010}', '\u{2011}']) {
            out.push(t.span);
            continue;
        }
        let mut start = t.span.start;
        for (i, c) in w.char_indices() {
            if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
                let at = t.span.start + i;
                if at > start {
                    out.push(Span::new(start, at));
                }
                out.push(Span::new(at, at + c.len_utf8()));
                start = at + c.len_utf8();
            }
        }
        if start < t.span.end {
            out.push(Span::new(start, t.span.end));
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Patterns whose piece sequence ends here.
    patterns: Vec<u32>,
    /// True when some longer pattern continues this prefix.
    extends: bool,
}

/// The hashed lookup over a set of surface forms.
#[derive(Debug, Clone, Default)]
pub struct TokenIndex {
    nodes: IdMap<Node>,
    max_pieces: usize,
}

impl TokenIndex {
    /// Indexes `(pattern id, surface form)` pairs.
    pub fn new<'a>(forms: impl Iterator<Item = (u32, &'a str)>) -> TokenIndex {
        let forms = forms.into_iter();
        let mut nodes: IdMap<Node> = IdMap::default();
        nodes.reserve(forms.size_hint().0 * 2);
        let mut toks = Vec::new();
        let mut ps = Vec::new();
        let mut max_pieces = 0;
        for (id, form) in forms {
            toks.clear();
            ps.clear();
            if form.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') {
                // Most forms are plain words: their pieces are the words.
                let mut start = 0;
                for (i, b) in form.bytes().enumerate() {
                    if b == b' ' {
                        if i > start {
                            ps.push(Span::new(start, i));
                        }
                        start = i + 1;
                    }
                }
                if start < form.len() {
                    ps.push(Span::new(start, form.len()));
                }
            } else {
                tokenize_into(form, Span::new(0, form.len()), &mut toks);
                pieces(form, &toks, &mut ps);
            }
            if ps.is_empty() {
                continue;
            }
            max_pieces = max_pieces.max(ps.len());
            let mut h = SEED;
            for (k, p) in ps.iter().enumerate() {
                h = push_piece(h, p.slice(form));
                let node = nodes.entry(h).or_default();
                if k + 1 == ps.len() {
                    node.patterns.push(id);
                } else {
                    node.extends = true;
                }
            }
        }
        TokenIndex { nodes, max_pieces }
    }

    /// Calls `hit(first piece, last piece, pattern id)` for every indexed
    /// form whose piece sequence (by hash) starts at some piece of `ps`.
    pub fn find(&self, text: &str, ps: &[Span], mut hit: impl FnMut(usize, usize, u32)) {
        for i in 0..ps.len() {
            let mut h = SEED;
            let end = ps.len().min(i + self.max_pieces);
            for (j, piece) in ps.iter().enumerate().take(end).skip(i) {
                h = push_piece(h, piece.slice(text));
                let Some(node) = self.nodes.get(&h) else {
                    break;
                };
                for &p in &node.patterns {
                    hit(i, j, p);
                }
                if !node.extends {
                    break;
                }
            }
        }
    }
}

/// Compares a text span with a surface form, ignoring white space; `fold`
/// ignores ASCII letter case too.
pub fn same_form(found: &str, form: &str, fold: bool) -> bool {
    let mut a = found.chars().filter(|c| !c.is_whitespace());
    let mut b = form.chars().filter(|c| !c.is_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || (fold && x.eq_ignore_ascii_case(&y)) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        let mut toks = Vec::new();
        tokenize_into(text, Span::new(0, text.len()), &mut toks);
        let mut ps = Vec::new();
        pieces(text, &toks, &mut ps);
        ps
    }

    #[test]
    fn finds_multi_piece_forms_in_any_case_and_inside_hyphenated_words() {
        let idx =
            TokenIndex::new([(0, "North Korea"), (1, "Kim Jong-un"), (2, "Korea")].into_iter());
        let text = "NORTH KOREA's Kim Jong-un, a North Korea-made plan";
        let ps = spans(text);
        let mut hits = Vec::new();
        idx.find(text, &ps, |i, j, p| {
            hits.push((Span::new(ps[i].start, ps[j].end).slice(text).to_string(), p))
        });
        assert_eq!(
            hits,
            [
                ("NORTH KOREA".to_string(), 0),
                ("KOREA".to_string(), 2),
                ("Kim Jong-un".to_string(), 1),
                ("North Korea".to_string(), 0),
                ("Korea".to_string(), 2)
            ]
        );
        assert!(same_form("North  Korea", "North Korea", false));
        assert!(!same_form("north korea", "North Korea", false));
        assert!(same_form("NORTH KOREA", "North Korea", true));
    }
}
