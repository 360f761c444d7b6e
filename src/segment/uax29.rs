//! UAX #29 sentence boundaries with a fast path for the characters of news
//! copy.
//!
//! `unicode-segmentation` looks every character up in the full Unicode
//! tables, which made sentence splitting a quarter of the pipeline's time.
//! News text is almost all ASCII plus a few typographic characters (curly
//! quotes, dashes, accented Latin letters), whose sentence-break categories
//! are fixed by the standard. For text made only of those characters this
//! module applies the rules SB3 to SB11 itself, in one pass with constant
//! work per character; any other character sends the text to
//! `unicode-segmentation`. `tests/properties.rs` checks that both give the
//! same boundaries on generated text.

use unicode_segmentation::UnicodeSegmentation;

/// The UAX #29 sentence-break categories that occur in the fast path (there
/// is no OLetter, Extend, Format or Sep character among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Cat {
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

/// The state of the text just before a position, for the rules that look
/// back over `SATerm Close* Sp*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// Not after a terminator.
    Nothing,
    /// After `SATerm Close*`; true when the terminator is an ATerm.
    Close(bool),
    /// After `SATerm Close* Sp+`; true when the terminator is an ATerm.
    Space(bool),
}

/// Byte offsets where sentences start after the first, by UAX #29: the same
/// boundaries as `unicode-segmentation`'s `split_sentence_bound_indices`.
/// `scratch` is reused between calls.
pub(crate) fn sentence_breaks(text: &str, scratch: &mut Vec<(usize, u8)>, breaks: &mut Vec<usize>) {
    breaks.clear();
    scratch.clear();
    for (i, c) in text.char_indices() {
        match category(c) {
            Some(cat) => scratch.push((i, cat as u8)),
            None => {
                breaks.extend(
                    text.split_sentence_bound_indices()
                        .map(|(i, _)| i)
                        .filter(|&i| i > 0),
                );
                return;
            }
        }
    }
    fast_breaks(scratch, breaks);
}

/// The categories by discriminant.
const CATS: [Cat; 11] = [
    Cat::Other,
    Cat::Cr,
    Cat::Lf,
    Cat::Sp,
    Cat::Lower,
    Cat::Upper,
    Cat::Numeric,
    Cat::ATerm,
    Cat::STerm,
    Cat::Close,
    Cat::SContinue,
];

/// The rules SB3 to SB11 over `(offset, category)` pairs.
fn fast_breaks(chars: &mut [(usize, u8)], breaks: &mut Vec<usize>) {
    use Cat::*;
    let cat = |k: usize, chars: &[(usize, u8)]| CATS[(chars[k].1 & 0x0f) as usize];
    // SB8 looks ahead past anything but letters, paragraph separators and
    // terminators for a lower-case letter: mark, from the end, the positions
    // whose next such character is a lower-case letter (bit 0x10).
    let mut lower_next = false;
    for k in (0..chars.len()).rev() {
        match cat(k, chars) {
            Lower => lower_next = true,
            Upper | Cr | Lf | ATerm | STerm => lower_next = false,
            _ => {}
        }
        if lower_next {
            chars[k].1 |= 0x10;
        }
    }
    let mut after = After::Nothing;
    for k in 0..chars.len() {
        let cur = cat(k, chars);
        if k > 0 {
            let prev = cat(k - 1, chars);
            let before_prev = if k >= 2 { cat(k - 2, chars) } else { Other };
            let lower_ahead = chars[k].1 & 0x10 != 0;
            if breaks_between(before_prev, prev, cur, after, lower_ahead) {
                breaks.push(chars[k].0);
            }
        }
        after = match (cur, after) {
            (ATerm, _) => After::Close(true),
            (STerm, _) => After::Close(false),
            (Close, After::Close(a)) => After::Close(a),
            (Sp, After::Close(a) | After::Space(a)) => After::Space(a),
            _ => After::Nothing,
        };
    }
}

/// Whether UAX #29 puts a sentence boundary between `prev` and `cur`.
/// `after` describes the text up to `prev`; `lower_ahead` says that the
/// first letter, terminator or paragraph separator from `cur` on is a
/// lower-case letter.
fn breaks_between(before_prev: Cat, prev: Cat, cur: Cat, after: After, lower_ahead: bool) -> bool {
    use Cat::*;
    if prev == Cr && cur == Lf {
        return false; // SB3
    }
    if matches!(prev, Cr | Lf) {
        return true; // SB4
    }
    if prev == ATerm && cur == Numeric {
        return false; // SB6
    }
    if matches!(before_prev, Upper | Lower) && prev == ATerm && cur == Upper {
        return false; // SB7
    }
    if matches!(after, After::Close(true) | After::Space(true)) && lower_ahead {
        return false; // SB8
    }
    if after != After::Nothing && matches!(cur, SContinue | ATerm | STerm) {
        return false; // SB8a
    }
    if matches!(after, After::Close(_)) && matches!(cur, Close | Sp | Cr | Lf) {
        return false; // SB9
    }
    if after != After::Nothing && matches!(cur, Sp | Cr | Lf) {
        return false; // SB10
    }
    after != After::Nothing // SB11, else SB998
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
        sentence_breaks(text, &mut s, &mut b);
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
