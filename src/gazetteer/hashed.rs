//! Hashed token-sequence lookup for every gazetteer list.
//!
//! An Aho-Corasick automaton over the ~80,000 surface forms of the generated
//! lists took 575 ms to build (measured; the build dominated
//! `Extractor::default()`); one over the curated lists alone took 106M of
//! the build's 681M instructions, and its overlapping scan of every sentence
//! cost more than this index does for all forms (callgrind, CoNLL dev
//! texts: 52.8M instructions for the stage with it, 35.5M without). Here
//! every surface form is cut into the same word pieces as the text, and
//! every prefix of its piece sequence is stored under a 64-bit hash: each
//! piece hashed on its own (ASCII case folded, eight bytes at a time), the piece
//! hashes combined in order. Matching walks the pieces of a sentence: at
//! each piece it extends the hash one piece at a time while the prefix
//! exists, so a word that starts no name costs one hash and one probe; a
//! word that does not start with a capital is first tested against a bit
//! filter of the forms that can begin with such a word. Hashes are only a
//! filter: the matcher compares every hit with its surface form.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::model::{word_key, Shape, Span};
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

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Lower-cases the ASCII capitals among the eight bytes of `x`, leaving
/// every other byte (those of other characters too) as it is: the case
/// folding of eight bytes in a few operations instead of a loop.
fn fold8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte without its top bit, plus a constant that sets the top bit
    // when it is at least 'A' (and one for past 'Z'); no sum carries into
    // the next byte.
    let low7 = x & (ONES * 0x7f);
    let from_a = low7 + ONES * u64::from(0x80 - b'A');
    let past_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    // 'A'..='Z', and not a byte whose own top bit is set.
    let capital = from_a & !past_z & !x & (ONES * 0x80);
    // 0x80 >> 2 is 0x20, the bit between a capital and its small letter.
    x | (capital >> 2)
}

/// Mixes eight bytes into a hash: a 128-bit product folded, which spreads
/// every input bit over the whole result.
fn mix8(h: u64, v: u64) -> u64 {
    let p = u128::from(h ^ v) * u128::from(0x9e37_79b9_7f4a_7c15_u64);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The little-endian word of the first eight bytes of `b` (at least eight).
fn word8(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[..8]);
    u64::from_le_bytes(w)
}

/// The little-endian word of the first four bytes of `b` (at least four).
fn word4(b: &[u8]) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[..4]);
    u64::from(u32::from_le_bytes(w))
}

/// The hash of one piece on its own (ASCII case folded). A sequence hash
/// combines piece hashes, so that each piece of a sentence is read once
/// however many sequences it takes part in. The piece is read eight bytes
/// at a time (a byte-at-a-time FNV-1a was about a fifth of the matcher's
/// instructions); the length is hashed too, so the overlapping reads of a
/// short piece tell every piece apart.
fn piece_hash(piece: &[u8]) -> u64 {
    let n = piece.len();
    let h = SEED ^ n as u64;
    match n {
        0 => h,
        // The first, middle and last byte are all of them.
        1..=3 => mix8(
            h,
            fold8(
                u64::from(piece[0]) | u64::from(piece[n / 2]) << 8 | u64::from(piece[n - 1]) << 16,
            ),
        ),
        // The first four and the last four (overlapping below eight).
        4..=8 => mix8(h, fold8(word4(piece) | word4(&piece[n - 4..]) << 32)),
        _ => {
            let mut h = h;
            let mut chunks = piece.chunks_exact(8);
            for c in &mut chunks {
                h = mix8(h, fold8(word8(c)));
            }
            if !chunks.remainder().is_empty() {
                h = mix8(h, fold8(word8(&piece[n - 8..])));
            }
            h
        }
    }
}

/// Extends a sequence hash by the hash of its next piece. The rotation
/// brings the well-mixed high bits of the product down to the low bits the
/// hash table and the first-piece filter index by.
fn extend(seq: u64, piece: u64) -> u64 {
    (seq ^ piece)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(32)
}

/// The hash of a word on its own, ASCII case folded: the key of a one-piece
/// form, and of a name in a [`NameList`](super::NameList).
pub fn word_hash(word: &[u8]) -> u64 {
    extend(SEED, piece_hash(word))
}

/// Bits of the first-piece filter (one for each 16-bit [`word_key`]; 8 KiB,
/// small next to the table). The default lists have about 350 such first
/// pieces.
const LOOSE_BITS: usize = 1 << 16;

/// The filter bit of a piece: its [`word_key`] with ASCII case folded, as a
/// word of the filter and a bit in it. Three bytes and a length tell most
/// words of a text from the few hundred first pieces, where a first and
/// last byte by length (a [`Shape`]) let a third of the lower-case words
/// through to be hashed, and a filter over the hashes needed the hash
/// first. `None` for the empty piece.
fn loose_bit(piece: &[u8]) -> Option<(usize, u64)> {
    let i = word_key(piece, true)?;
    Some((i / 64, 1 << (i % 64)))
}

/// Appends the word pieces of `tokens` to `out` and returns true when some
/// word has an inner hyphen (see [`Token::hyphenated`]); otherwise returns
/// false and leaves `out` as it is, the tokens being their own pieces. The
/// tokenizer marks such words: most sentences have none, and the '-' of a
/// number ("1996-08-30") or a dash needs no look.
pub fn split_hyphens(text: &str, tokens: &[Token], out: &mut Vec<Span>) -> bool {
    let cut = |t: &Token| t.hyphenated && t.kind == TokenKind::Word;
    let Some(first) = tokens.iter().position(cut) else {
        return false;
    };
    // The buffer lives for one document: room for most sentences at once
    // saves growing it again and again.
    out.reserve((tokens.len() + 8).max(256));
    out.extend(tokens[..first].iter().map(|t| t.span()));
    for t in &tokens[first..] {
        if cut(t) {
            split_word(text, t.span(), out);
        } else {
            out.push(t.span());
        }
    }
    true
}

/// Word pieces of a token list: tokens, with hyphenated words cut at their
/// hyphens ("Korean-made" → "Korean", "-", "made"), so that a name inside a
/// hyphenated word is found and a hyphenated name matches either way.
pub fn pieces(text: &str, tokens: &[Token], out: &mut Vec<Span>) {
    if !split_hyphens(text, tokens, out) {
        out.extend(tokens.iter().map(|t| t.span()));
    }
}

/// Cuts the word at `span` at its hyphens, the hyphens pieces of their own
/// (a word with another character starting with the byte of U+2010 and
/// U+2011, such as '’', comes out whole).
fn split_word(text: &str, span: Span, out: &mut Vec<Span>) {
    let w = span.slice(text);
    let mut start = span.start;
    for (i, c) in w.char_indices() {
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            let at = span.start + i;
            if at > start {
                out.push(Span::new(start, at));
            }
            out.push(Span::new(at, at + c.len_utf8()));
            start = at + c.len_utf8();
        }
    }
    if start < span.end {
        out.push(Span::new(start, span.end));
    }
}

/// A prefix of some surface form's piece sequence: a slot of the node
/// table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct Node {
    /// The hash of the prefix.
    hash: u64,
    /// `patterns[first..first + (meta >> 2)]` end here.
    first: u32,
    /// The number of patterns ending here shifted left by two, then the
    /// [`loose_next`](Node::loose_next) bit, then the
    /// [`extends`](Node::extends) bit. Every prefix either ends a pattern or
    /// is continued, so 0 marks an empty slot.
    meta: u32,
}

/// Bits of [`Node::meta`].
const EXTENDS: u32 = 1;
const LOOSE_NEXT: u32 = 2;

impl Node {
    /// The patterns ending here.
    fn patterns(self) -> std::ops::Range<usize> {
        self.first as usize..self.first as usize + (self.meta >> 2) as usize
    }

    /// True when some longer pattern continues this prefix.
    fn extends(self) -> bool {
        self.meta & EXTENDS != 0
    }

    /// True when some longer pattern continuing this prefix may match a
    /// text whose next piece starts with a small letter: its next piece
    /// does not start with a capital, or it matches in any case. Otherwise
    /// such a text is no candidate (a strict form matches as written or in
    /// capitals), and the matcher stops without hashing the piece: most
    /// words after the start of a name ("Clinton said") are such pieces.
    fn loose_next(self) -> bool {
        self.meta & LOOSE_NEXT != 0
    }
}

/// The hashed lookup over a set of surface forms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenIndex {
    /// The prefixes, each in the first free slot from its hash on (open
    /// addressing, linear probing; a power of two of slots, at most half of
    /// them used). A lookup is a masked index and a comparison or two:
    /// 0.3 M fewer instructions than a general hash map's over the CoNLL
    /// dev texts, and the table loads as a plain vector, without
    /// rehashing. (Filled to two thirds, the table took half the memory
    /// but the longer probes of a miss gave back two thirds of the gain.)
    nodes: Vec<Node>,
    /// Pattern ids, grouped by the node they end at.
    patterns: Vec<u32>,
    /// A filter (a [`loose_bit`] each) over the first pieces of the forms
    /// that a piece not starting with a capital can begin: forms that start
    /// with another character, and forms matched in any case. A strict form
    /// ("Paris") matches only as written or fully upper-cased, so a
    /// lower-case word ("the", "said") is neither hashed nor looked up. A
    /// false positive costs a hash and a probe of the table and nothing
    /// else: the matcher checks the letter case of every hit.
    loose_first: Vec<u64>,
    /// The shape (length, first and last byte, ASCII-folded) of the same
    /// first pieces: a coarser filter, but a quicker one, tried first.
    loose_shape: Shape,
    max_pieces: usize,
}

impl TokenIndex {
    /// Indexes `(pattern id, surface form, any case)` triples; `any case`
    /// says the form may match in any letter case.
    pub fn new<'a>(forms: impl Iterator<Item = (u32, &'a str, bool)>) -> TokenIndex {
        let forms = forms.into_iter();
        // (prefix hash, pattern id, or u32::MAX for "extends", u32::MAX - 1
        // for "extends with a piece that need not start with a capital").
        let mut ends: Vec<(u64, u32)> = Vec::with_capacity(forms.size_hint().0 * 2);
        let mut loose_first = vec![0u64; LOOSE_BITS / 64];
        let mut loose_words = Vec::new();
        let mut toks = Vec::new();
        let mut ps = Vec::new();
        let mut max_pieces = 0;
        for (id, form, any_case) in forms {
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
                h = extend(h, piece_hash(p.slice(form).as_bytes()));
                if k == 0 && (any_case || !starts_upper(p.slice(form))) {
                    if let Some((word, bit)) = loose_bit(p.slice(form).as_bytes()) {
                        loose_first[word] |= bit;
                    }
                    loose_words.push(p.slice(form).to_ascii_lowercase());
                }
                let end = match ps.get(k + 1) {
                    None => id,
                    Some(n) if any_case || !starts_upper(n.slice(form)) => u32::MAX - 1,
                    Some(_) => u32::MAX,
                };
                ends.push((h, end));
            }
        }
        ends.sort_unstable();
        ends.dedup();
        let groups = ends.chunk_by(|a, b| a.0 == b.0);
        let mut nodes = vec![Node::default(); (groups.clone().count() * 2).next_power_of_two()];
        let mask = nodes.len() - 1;
        let mut patterns = Vec::with_capacity(ends.len());
        for group in groups {
            let first = patterns.len() as u32;
            let mut extends = 0;
            for &(_, id) in group {
                match id {
                    u32::MAX => extends |= EXTENDS,
                    id if id == u32::MAX - 1 => extends |= EXTENDS | LOOSE_NEXT,
                    id => patterns.push(id),
                }
            }
            let len = patterns.len() as u32 - first;
            let hash = group[0].0;
            let mut at = hash as usize & mask;
            while nodes[at].meta != 0 {
                at = (at + 1) & mask;
            }
            nodes[at] = Node {
                hash,
                first,
                meta: len << 2 | extends,
            };
        }
        TokenIndex {
            nodes,
            patterns,
            loose_first,
            loose_shape: Shape::of(loose_words.iter().map(String::as_str)),
            max_pieces,
        }
    }

    /// The node of prefix hash `h`, if any.
    fn node(&self, h: u64) -> Option<Node> {
        let mask = self.nodes.len().checked_sub(1)?;
        let mut at = h as usize & mask;
        loop {
            let node = *self.nodes.get(at)?;
            if node.meta == 0 {
                return None;
            }
            if node.hash == h {
                return Some(node);
            }
            at = (at + 1) & mask;
        }
    }

    /// False when no form that matches a piece not starting with a capital
    /// starts with `piece` (see `loose_first`).
    fn loose_admits(&self, piece: &[u8]) -> bool {
        self.loose_shape.admits_ascii_folded(piece)
            && loose_bit(piece)
                .is_some_and(|(word, bit)| self.loose_first.get(word).is_some_and(|w| w & bit != 0))
    }

    /// Calls `hit(first piece, last piece, pattern id)` for every indexed
    /// form whose piece sequence (by hash) starts at some piece of `ps`
    /// (pieces, or tokens when they are the pieces: `span` gives the span of
    /// each), but for hits that cannot be candidates: a form that matches
    /// only as written or in capitals is not followed past its first piece
    /// into a piece of the text that starts with a small letter where the
    /// form's starts with a capital (see [`Node::loose_next`]).
    pub fn find<P>(
        &self,
        text: &str,
        ps: &[P],
        span: impl Fn(&P) -> Span,
        mut hit: impl FnMut(usize, usize, u32),
    ) {
        // The hash of piece `i + 1` when extending a sequence from piece `i`
        // computed it: most pieces that continue a form also start one.
        let mut next: Option<(usize, u64)> = None;
        for i in 0..ps.len() {
            // A piece outside the text (which the tokenizer never makes)
            // starts and continues nothing. An early return compiles to two
            // comparisons; reading such a piece as empty took a dozen
            // instructions a piece.
            let Some(first) = text.as_bytes().get(span(&ps[i]).range()) else {
                continue;
            };
            let upper = match first.first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => starts_upper(span(&ps[i]).slice(text)),
            };
            if !upper && !self.loose_admits(first) {
                continue;
            }
            let ph = match next {
                Some((k, ph)) if k == i => ph,
                _ => piece_hash(first),
            };
            let mut h = extend(SEED, ph);
            let end = ps.len().min(i + self.max_pieces);
            let mut j = i;
            while let Some(node) = self.node(h) {
                for &p in self.patterns.get(node.patterns()).unwrap_or_default() {
                    hit(i, j, p);
                }
                j += 1;
                if !node.extends() || j >= end {
                    break;
                }
                let Some(piece) = text.as_bytes().get(span(&ps[j]).range()) else {
                    break;
                };
                if !node.loose_next() && piece.first().is_some_and(u8::is_ascii_lowercase) {
                    break;
                }
                let ph = piece_hash(piece);
                if j == i + 1 {
                    next = Some((j, ph));
                }
                h = extend(h, ph);
            }
        }
    }
}

/// True when the first character is an upper-case letter.
fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// How a text span matches a surface form, white space ignored: `Some(true)`
/// written alike, `Some(false)` alike but for ASCII letter case, `None` not
/// alike ([`same_form`] without and with `fold`, in one comparison for the
/// usual hit of the same length).
pub fn form_match(found: &str, form: &str) -> Option<bool> {
    if found.len() == form.len() {
        if found == form {
            return Some(true);
        }
        // The same bytes but for the case of some ASCII letters: white space
        // sits at the same places, so without it they still differ in case.
        if found.eq_ignore_ascii_case(form) {
            return Some(false);
        }
    }
    if same_form(found, form, false) {
        Some(true)
    } else if same_form(found, form, true) {
        Some(false)
    } else {
        None
    }
}

/// Compares a text span with a surface form, ignoring white space; `fold`
/// ignores ASCII letter case too.
pub fn same_form(found: &str, form: &str, fold: bool) -> bool {
    // Usually written alike, white space and all.
    if found.len() == form.len() && (found == form || (fold && found.eq_ignore_ascii_case(form))) {
        return true;
    }
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

    proptest::proptest! {
        #[test]
        fn piece_hashes_fold_ascii_case_only(w in "[A-Za-z0-9ÉéÀß'.-]{0,20}") {
            // Every length takes another branch of the eight-byte reads.
            let folded = w.to_ascii_lowercase();
            proptest::prop_assert_eq!(piece_hash(w.as_bytes()), piece_hash(folded.as_bytes()));
            let mut b = w.clone().into_bytes();
            b.push(b'x');
            proptest::prop_assert_ne!(piece_hash(&b), piece_hash(folded.as_bytes()));
        }
    }

    proptest::proptest! {
        #[test]
        fn hyphens_split_words_only(text in "[a-zA-Z0-9 ,.'’\u{2010}\u{2011}-]{0,40}") {
            let mut toks = Vec::new();
            tokenize_into(&text, Span::new(0, text.len()), &mut toks);
            // Each word on its own, cut at its hyphens.
            let mut want = Vec::new();
            for t in &toks {
                if t.kind == TokenKind::Word {
                    split_word(&text, t.span(), &mut want);
                } else {
                    want.push(t.span());
                }
            }
            let mut got = vec![Span::new(0, 0)];
            let split = split_hyphens(&text, &toks, &mut got);
            let whole: Vec<Span> = toks.iter().map(|t| t.span()).collect();
            if split {
                proptest::prop_assert_eq!(&got[1..], &want[..]);
            } else {
                proptest::prop_assert_eq!(got.len(), 1);
                proptest::prop_assert_eq!(&want, &whole);
            }
        }
    }

    /// The text and pattern of every hit of `idx` in `text`, in order.
    fn hits(idx: &TokenIndex, text: &str) -> Vec<(String, u32)> {
        let ps = spans(text);
        let mut hits = Vec::new();
        idx.find(
            text,
            &ps,
            |p| *p,
            |i, j, p| hits.push((Span::new(ps[i].start, ps[j].end).slice(text).to_string(), p)),
        );
        hits
    }

    #[test]
    fn finds_multi_piece_forms_in_any_case_and_inside_hyphenated_words() {
        let idx = TokenIndex::new(
            [
                (0, "North Korea", false),
                (1, "Kim Jong-un", false),
                (2, "Korea", false),
            ]
            .into_iter(),
        );
        assert_eq!(
            hits(&idx, "NORTH KOREA's Kim Jong-un, a North Korea-made plan"),
            [
                ("NORTH KOREA".to_string(), 0),
                ("KOREA".to_string(), 2),
                ("Kim Jong-un".to_string(), 1),
                ("North Korea".to_string(), 0),
                ("Korea".to_string(), 2)
            ]
        );
        // A strict form is not followed into a small letter where it has a
        // capital; a form in any case, or one with a small letter there, is.
        let idx = TokenIndex::new(
            [
                (0, "North Korea", false),
                (1, "Foreign Minister", true),
                (2, "Kim Jong-un", false),
            ]
            .into_iter(),
        );
        assert_eq!(
            hits(&idx, "North korea, Foreign minister, Kim Jong-un"),
            [
                ("Foreign minister".to_string(), 1),
                ("Kim Jong-un".to_string(), 2)
            ]
        );
        assert!(same_form("North  Korea", "North Korea", false));
        assert!(!same_form("north korea", "North Korea", false));
        assert!(same_form("NORTH KOREA", "North Korea", true));
        assert_eq!(form_match("North Korea", "North Korea"), Some(true));
        assert_eq!(form_match("North  Korea", "North Korea"), Some(true));
        assert_eq!(form_match("NORTH KOREA", "North Korea"), Some(false));
        assert_eq!(form_match("NORTH  KOREA", "North Korea"), Some(false));
        assert_eq!(form_match("South Korea", "North Korea"), None);
    }
}
