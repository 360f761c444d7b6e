//! UAX #29 sentence boundaries with a fast path for the characters of news
//! copy.
//!
//! `unicode-segmentation` looks every character up in the full Unicode
//! tables, which made sentence splitting a quarter of the pipeline's time.
//! News text is almost all ASCII plus a few typographic characters (curly
//! quotes, dashes, accented Latin letters), whose sentence-break categories
//! are fixed by the standard. For lines made only of those characters this
//! module applies the rules SB3 to SB11 itself, in one pass with constant
//! work per character (in ASCII lines, `memchr` jumps from terminator to
//! terminator); any other character sends its line to
//! `unicode-segmentation`. The tests below check that both give the same
//! boundaries on generated text.

use memchr::{memchr2, memchr3};
use unicode_segmentation::UnicodeSegmentation;

/// The UAX #29 sentence-break categories that occur in the fast path (there
/// is no OLetter, Extend, Format or Sep character among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cat {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

/// The categories of the ASCII characters.
static ASCII: [Cat; 128] = {
    let mut t = [Cat::Other; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match slow_category(b as u8 as char) {
            Some(c) => c,
            None => Cat::Other,
        };
        b += 1;
    }
    t
};

/// The category of `c`, or `None` when it is outside the fast path.
#[inline]
fn category(c: char) -> Option<Cat> {
    if c.is_ascii() {
        Some(ASCII[c as usize])
    } else {
        slow_category(c)
    }
}

/// [`category`] by cases.
const fn slow_category(c: char) -> Option<Cat> {
    use Cat::*;
    Some(match c {
        '\r' => Cr,
        '\n' => Lf,
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' => Sp,
        'a'..='z' | '\u{aa}' | '\u{ba}' => Lower,
        'A'..='Z' => Upper,
        '0'..='9' => Numeric,
        '.' => ATerm,
        '!' | '?' => STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Close,
        '\u{ab}' | '\u{bb}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' => Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => SContinue,
        '\u{0}'..='\u{7f}' => Other,
        // Latin-1 letters and Latin Extended-A: cased letters only.
        '\u{c0}'..='\u{17f}' if c.is_uppercase() => Upper,
        '\u{c0}'..='\u{17f}' if c.is_lowercase() => Lower,
        '\u{a3}' | '\u{a5}' | '\u{b0}' | '\u{b1}' | '\u{d7}' | '\u{f7}' => Other,
        '\u{2022}' | '\u{2026}' | '\u{20ac}' => Other,
        _ => return None,
    })
}

/// Byte offsets where sentences start after the first, by UAX #29, in
/// order, each given to `on_break`: the same boundaries as
/// `unicode-segmentation`'s `split_sentence_bound_indices`. `scratch` is
/// reused between calls.
///
/// No rule looks across a line break (SB4 always breaks after one, and the
/// look-aheads of SB8 to SB11 stop at it), so the text is split into lines
/// (a `memchr2`) and each line on its own.
pub(crate) fn sentence_breaks(
    text: &str,
    scratch: &mut Vec<(usize, Cat)>,
    mut on_break: impl FnMut(usize),
) {
    let b = text.as_bytes();
    // Checked once for the whole text: most news copy is ASCII throughout.
    let all_ascii = b.is_ascii();
    let mut terms = Terminators::new(b);
    let mut start = 0;
    loop {
        let end = memchr2(b'\r', b'\n', &b[start..]).map_or(b.len(), |p| start + p);
        let line = &b[start..end];
        if all_ascii || line.is_ascii() {
            ascii_line_breaks(line, start, &mut terms, &mut on_break);
        } else {
            line_breaks(&text[start..end], start, scratch, &mut on_break);
            terms.skip_to(end);
        }
        if end == b.len() {
            return;
        }
        // SB3, SB4: a break after the line break, CR LF counting as one.
        let mut next = end + 1;
        if b[end] == b'\r' && b.get(next) == Some(&b'\n') {
            next += 1;
        }
        if next == b.len() {
            return;
        }
        on_break(next);
        start = next;
    }
}

/// The terminators ('.', '!', '?') of a text, in order: one `memchr3` from
/// each to the next, across line breaks. (A search in each line would end
/// with one more search, to the end of the line, that finds nothing.)
struct Terminators<'t> {
    text: &'t [u8],
    /// The first terminator not yet taken.
    next: Option<usize>,
}

impl<'t> Terminators<'t> {
    fn new(text: &'t [u8]) -> Terminators<'t> {
        Terminators {
            text,
            next: Self::find(text, 0),
        }
    }

    /// The first terminator from `from` on.
    fn find(text: &[u8], from: usize) -> Option<usize> {
        memchr3(b'.', b'!', b'?', &text[from..]).map(|p| from + p)
    }

    /// Takes the next terminator when it comes before `end`.
    fn next_before(&mut self, end: usize) -> Option<usize> {
        let t = self.next.filter(|&t| t < end)?;
        self.next = Self::find(self.text, t + 1);
        Some(t)
    }

    /// Drops the terminators before `pos`.
    fn skip_to(&mut self, pos: usize) {
        if self.next.is_some_and(|t| t < pos) {
            self.next = Self::find(self.text, pos);
        }
    }
}

/// The breaks inside `line`, an ASCII line without its line break that
/// starts at byte `base` of the text; `terms` gives its terminators.
fn ascii_line_breaks(
    line: &[u8],
    base: usize,
    terms: &mut Terminators<'_>,
    on_break: &mut impl FnMut(usize),
) {
    let end = base + line.len();
    scan(
        line.len(),
        |k| ASCII[line[k] as usize],
        |k| base + k,
        |_| terms.next_before(end).map(|t| t - base),
        on_break,
    );
}

/// [`ascii_line_breaks`] for any line: the characters of the fast path go
/// through their categories; a line with any other character goes to
/// `unicode-segmentation`.
fn line_breaks(
    line: &str,
    base: usize,
    scratch: &mut Vec<(usize, Cat)>,
    on_break: &mut impl FnMut(usize),
) {
    scratch.clear();
    for (i, c) in line.char_indices() {
        match category(c) {
            Some(cat) => scratch.push((i, cat)),
            None => {
                let starts = line.split_sentence_bound_indices().map(|(i, _)| i);
                starts.filter(|&i| i > 0).for_each(|i| on_break(base + i));
                return;
            }
        }
    }
    let n = scratch.len();
    let next_term = |k: usize| (k..n).find(|&j| matches!(scratch[j].1, Cat::ATerm | Cat::STerm));
    scan(
        n,
        |k| scratch[k].1,
        |k| base + scratch[k].0,
        next_term,
        on_break,
    );
}

/// The rules SB6 to SB11 over the `n` characters of a line, given by their
/// category and byte offset; `next_term(k)` is the first terminator from
/// `k` on. `scan` asks for it from 0, then from just past each terminator's
/// `Close* Sp*` run, which holds no terminator: `next_term` may as well
/// give the terminators one after the other.
///
/// Within a line, UAX #29 breaks only after a terminator and the closing
/// punctuation and spaces that follow it (SB11). So the scan goes from
/// terminator to terminator, without looking at the characters between,
/// and decides at the end of each such run whether SB6, SB7, SB8 or SB8a
/// keep the sentence going. SB8's look-ahead stops at the next letter or
/// terminator, so the work stays linear in the length of the line.
fn scan(
    n: usize,
    cat: impl Fn(usize) -> Cat,
    off: impl Fn(usize) -> usize,
    mut next_term: impl FnMut(usize) -> Option<usize>,
    on_break: &mut impl FnMut(usize),
) {
    use Cat::*;
    let mut k = 0;
    while let Some(t) = next_term(k) {
        k = t + 1;
        // SB9, SB10: no break inside `SATerm Close* Sp*`.
        while k < n && cat(k) == Close {
            k += 1;
        }
        while k < n && cat(k) == Sp {
            k += 1;
        }
        if k == n {
            // The run reaches the end of the line: the break comes after
            // the line break (SB9 to SB11, then SB4) or at the end (SB2).
            return;
        }
        let aterm = cat(t) == ATerm;
        let next_to_term = k == t + 1;
        let keep = match cat(k) {
            // SB6
            Numeric if aterm && next_to_term => true,
            // SB7
            Upper if aterm && next_to_term && t > 0 && matches!(cat(t - 1), Upper | Lower) => true,
            // SB8a
            SContinue | ATerm | STerm => true,
            // SB8
            _ => aterm && lower_ahead(n, &cat, k),
        };
        if !keep {
            on_break(off(k)); // SB11
        }
    }
}

/// SB8's look-ahead: the first letter, paragraph separator or terminator
/// from `k` on is a lower-case letter.
fn lower_ahead(n: usize, cat: &impl Fn(usize) -> Cat, mut k: usize) -> bool {
    while k < n {
        match cat(k) {
            Cat::Lower => return true,
            Cat::Upper | Cat::Cr | Cat::Lf | Cat::ATerm | Cat::STerm => return false,
            _ => k += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > 0)
            .collect()
    }

    fn fast(text: &str) -> Vec<usize> {
        let (mut s, mut b) = (Vec::new(), Vec::new());
        sentence_breaks(text, &mut s, |i| b.push(i));
        b
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_news_copy() {
        for text in [
            "He left. She stayed.",
            "Mr. Smith met Gen. Ray in the U.S. Senate. He left.",
            "\u{201c}We agreed.\u{201d} The talks \u{2014} long \u{2014} ended. 3.5 percent.",
            "Is it? yes. No! \"Fine.\" (Done.) etc. and so. on",
            "A.B. c. D.e. 1. 2.\r\nNew line.\n\nEnd...",
            "Caf\u{e9}. \u{c9}cole. \u{df}a. x.\u{a0}Y",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Generated text over the characters that decide sentence breaks.
        #[test]
        fn agrees_with_unicode_segmentation_on_generated_text(
            text in "[aZ. ?!\"'()\u{2019}\u{201d},;\u{2014}7\n\r\t\u{e9}\u{c9}#]{0,40}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }

        /// The same for ASCII text, which takes its own path (a line at a
        /// time, memchr for terminators); the text above is seldom all ASCII.
        #[test]
        fn ascii_path_agrees_with_unicode_segmentation(
            text in "[aZ. ?!\"'(),;7\n\r\t\x0b#\\-]{0,40}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }

    #[test]
    fn line_breaks_in_the_ascii_path() {
        for text in [
            "a.\r\nB",
            "a.\r\rB.\n\nc",
            "a.\r\n",
            "a.\r",
            "\n",
            "\r\n\r\n",
            "x. \n y",
            "A.\n(b",
            "\nA. b. C",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn other_characters_fall_back() {
        let text = "\u{4e00}\u{3002}\u{4e8c}. Done.";
        assert_eq!(fast(text), reference(text));
    }

    #[test]
    fn every_fast_category_is_right() {
        // Each character of the fast path, between contexts that expose its
        // category, gives the same breaks as the full tables.
        let mut chars: Vec<char> = (0u32..0x180).filter_map(char::from_u32).collect();
        chars.extend([
            '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}',
        ]);
        chars.extend(['\u{2022}', '\u{2026}', '\u{20ac}']);
        for c in chars.into_iter().filter(|&c| category(c).is_some()) {
            for ctx in [
                "a.{} b", "a. {}b", "a.{}", "A.{}B", "x?{}, y", "x!{}. y", "a.{}a", "T.{} c",
            ] {
                let text = ctx.replace("{}", &c.to_string());
                assert_eq!(fast(&text), reference(&text), "{c:?} in {text:?}");
            }
        }
    }
}
