//! Tokens: the unit every stage after the splitter works on.
//!
//! Words are letters and digits with inner hyphens, apostrophes and the dots
//! of "U.S."; numbers keep their inner dots, commas and hyphens ("3.5",
//! "1996-08-30"); the possessive "'s" is a token of its own; any other
//! character is a one-character punctuation token. Offsets are byte offsets
//! into the document text.

use crate::model::Span;

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits) with inner hyphens, apostrophes or dots.
    Word,
    /// Digits, with inner dots, commas, colons or hyphens ("3.5", "1996-08-30").
    Number,
    /// The possessive clitic "'s" (or a lone "'" after a plural).
    Possessive,
    /// Any other single character.
    Punct,
}

/// A token: a byte span and its kind.
///
/// Sixteen bytes, not the 24 a [`Span`] and the flags would take: a
/// document has a token every five or six bytes, and every stage reads
/// them, so at tens of megabytes their size is memory traffic and page
/// faults (8 more bytes a token cost a 64 MB document 10% more time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token starts in the document.
    start: usize,
    /// Its length in bytes: at most `u32::MAX` (see [`push_word`]).
    len: u32,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// True when the first character is upper case.
    pub capitalized: bool,
    /// True when the token has at least one letter and no lower-case letter.
    pub upper: bool,
    /// True for a word with an inner hyphen ('-', U+2010 or U+2011), which
    /// the gazetteer also reads in pieces ("Korean-made").
    pub hyphenated: bool,
}

impl Token {
    /// A token of `span`, no longer than `u32::MAX` bytes.
    fn new(span: Span, kind: TokenKind, capitalized: bool, upper: bool, hyphenated: bool) -> Token {
        debug_assert!(span.len() <= MAX_LEN);
        Token {
            start: span.start,
            len: span.len() as u32,
            kind,
            capitalized,
            upper,
            hyphenated,
        }
    }

    /// Byte range in the document.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.len as usize)
    }
}

// Keep it so.
const _: () = assert!(std::mem::size_of::<Token>() == 16);

/// The longest token: a longer run of letters or digits is cut in pieces.
const MAX_LEN: usize = u32::MAX as usize;

/// Pushes a word or number token of `start..end` in `b` (the text's bytes
/// after `base`; offsets are into the text). A word longer than
/// [`MAX_LEN`] bytes, in a text of more than 4 GiB, goes in pieces of at
/// most that length, cut at character boundaries; only the first piece can
/// be capitalised.
#[inline]
#[allow(clippy::too_many_arguments)]
fn push_word(
    out: &mut Vec<Token>,
    b: &[u8],
    base: usize,
    span: Span,
    kind: TokenKind,
    capitalized: bool,
    upper: bool,
    hyphenated: bool,
) {
    if span.len() <= MAX_LEN {
        out.push(Token::new(span, kind, capitalized, upper, hyphenated));
    } else {
        push_pieces(out, b, base, span, MAX_LEN, |first, piece| {
            Token::new(piece, kind, capitalized && first, upper, hyphenated)
        });
    }
}

/// Cuts `span` in pieces of at most `max` bytes (at least 4, the longest
/// character), each ending on a character boundary of `b` (the text's
/// bytes after `base`), and pushes `make(first, piece)` for each.
#[cold]
#[inline(never)]
fn push_pieces(
    out: &mut Vec<Token>,
    b: &[u8],
    base: usize,
    span: Span,
    max: usize,
    make: impl Fn(bool, Span) -> Token,
) {
    let boundary = |k: usize| b.get(k - base).is_none_or(|&c| (c as i8) >= -0x40);
    let mut from = span.start;
    while from < span.end {
        let mut to = (from + max).min(span.end);
        while !boundary(to) {
            to -= 1;
        }
        out.push(make(from == span.start, Span::new(from, to)));
        from = to;
    }
}

/// Appends the tokens of `span` to `out`.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let mark = out.len();
    // Most sentences are ASCII: try the byte tokenizer first rather than
    // reading the sentence once more to find out. It stops at the first
    // non-ASCII byte; its tokens are then dropped and the sentence goes to
    // the character tokenizer.
    // (A sentence longer than a token may be goes to the character
    // tokenizer too: the byte tokenizer does not cut long words.)
    if span.len() > MAX_LEN || !tokenize_ascii(&text.as_bytes()[..span.end], span.start, out) {
        out.truncate(mark);
        tokenize_chars(span.slice(text), span.start, out);
    }
}

// Byte classes for the ASCII tokenizer, as bit flags: OR-ing the classes of
// a word's letters and digits while scanning it gives everything the token
// needs (number or word, capitalised, all upper case) without reading the
// word a second time.
const DIGIT: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 4;
/// Every letter but 'x': a token that starts with a digit and whose only
/// letter is 'x' ("3x4") is still a number.
const NOT_X: u8 = 8;
/// White space as `char::is_whitespace` sees it.
const SPACE: u8 = 16;
/// The characters that may join two parts of a word or number
/// ("Jong-un", "O'Neill", "U.S", "3.5", "1,000", "10:30"): one test on the
/// class of the byte that ends a run of letters and digits tells whether
/// the word can go on.
const JOINER: u8 = 32;
const ALPHA: u8 = LOWER | UPPER;
const ALNUM: u8 = DIGIT | ALPHA;

/// The class of every byte; 0 for other punctuation and non-ASCII bytes.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => DIGIT,
            b'x' => LOWER,
            b'a'..=b'z' => LOWER | NOT_X,
            b'A'..=b'Z' => UPPER | NOT_X,
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => SPACE,
            b'-' | b'\'' | b'.' | b',' | b':' => JOINER,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// In [`LEAD`], for the first byte of a word: a digit.
const LEAD_DIGIT: u8 = 64;
/// In [`LEAD`], for the first byte of a word: an upper-case letter.
const LEAD_UPPER: u8 = 128;

/// The class of a byte that may start a token: its [`CLASS`], and for the
/// first byte of a word whether it is a digit or an upper-case letter. A
/// word's classes OR-ed from its `LEAD` and the `CLASS` of its other
/// letters and digits are all its [`WORD_FLAGS`] need.
static LEAD: [u8; 256] = {
    let mut t = CLASS;
    let mut b = 0;
    while b < 256 {
        if t[b] & DIGIT != 0 {
            t[b] |= LEAD_DIGIT;
        }
        if t[b] & UPPER != 0 {
            t[b] |= LEAD_UPPER;
        }
        b += 1;
    }
    t
};

/// The kind, `capitalized` and `upper` of a word by its OR-ed classes (see
/// [`LEAD`]): one load where computing them took a dozen instructions a
/// word.
static WORD_FLAGS: [(TokenKind, bool, bool); 256] = {
    let mut t = [(TokenKind::Word, false, false); 256];
    let mut seen = 0;
    while seen < 256 {
        let s = seen as u8;
        let kind = if s & LEAD_DIGIT != 0 && s & NOT_X == 0 {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        t[seen] = (kind, s & LEAD_UPPER != 0, s & ALPHA == UPPER);
        seen += 1;
    }
    t
};

/// [`tokenize_chars`] for ASCII text, on bytes: the same tokens (a property
/// test checks it), in a fraction of the time. Tokenizes `b[start..]`
/// (`b` ends where the sentence ends; offsets are offsets into `b`, so
/// into the text). Returns false, with some tokens already pushed, when
/// `b[start..]` is not all ASCII. `b[start..]` is at most [`MAX_LEN`]
/// bytes: no word is too long for a token.
fn tokenize_ascii(b: &[u8], start: usize, out: &mut Vec<Token>) -> bool {
    let n = b.len();
    let mut i = start;
    while i < n {
        let first = LEAD[b[i] as usize];
        if first & ALNUM != 0 {
            // Letters and digits: most of the bytes, in a tight loop that
            // ORs their classes.
            let (mut end, mut seen, mut next) = (i + 1, first, 0);
            while end < n {
                next = CLASS[b[end] as usize];
                if next & ALNUM == 0 {
                    break;
                }
                seen |= next;
                end += 1;
            }
            // Most words end at a space or at a punctuation mark that does
            // not join; the others go on out of line.
            let mut joined = false;
            if next & JOINER != 0 {
                let plain_end = end;
                (end, seen) = joined_word(b, i, end, seen);
                joined = end > plain_end;
                next = b.get(end).map_or(0, |&c| CLASS[c as usize]);
            }
            let (kind, capitalized, upper) = WORD_FLAGS[seen as usize];
            out.push(Token::new(
                Span::new(i, end),
                kind,
                capitalized,
                upper,
                // Only a joined word can hold a hyphen.
                joined && kind == TokenKind::Word && b[i..end].contains(&b'-'),
            ));
            // Most words are followed by a single space: step over it here
            // rather than in a round of the outer loop.
            i = if next & SPACE != 0 { end + 1 } else { end };
            continue;
        }
        if first & SPACE != 0 {
            i += 1;
            continue;
        }
        if !b[i].is_ascii() {
            return false;
        }
        let len = if b[i] == b'\'' && i > start {
            possessive(b, i)
        } else {
            0
        };
        if len > 0 {
            out.push(Token::new(
                Span::new(i, i + len),
                TokenKind::Possessive,
                false,
                false,
                false,
            ));
            i += len;
            continue;
        }
        // Punctuation: one byte, neither capitalised nor upper case.
        out.push(Token::new(
            Span::new(i, i + 1),
            TokenKind::Punct,
            false,
            false,
            false,
        ));
        i += 1;
    }
    true
}

/// The class of the byte at `k` of `b`; 0 past the end.
fn class_at(b: &[u8], k: usize) -> u8 {
    b.get(k).map_or(0, |&c| CLASS[c as usize])
}

/// True when the byte at `k` of `b` is an 's' or 'S'.
fn s_at(b: &[u8], k: usize) -> bool {
    matches!(b.get(k), Some(b's' | b'S'))
}

/// The rest of a word of `b` that starts at `start`, when the letters and
/// digits up to `end` are followed by a joiner: the word's end and the
/// OR-ed classes of its letters and digits. Out of line, like
/// [`tokenize_chars`]: the loop over plain words keeps its registers.
#[inline(never)]
fn joined_word(b: &[u8], start: usize, mut end: usize, mut seen: u8) -> (usize, u8) {
    // A joiner joins only a letter or digit after it: most calls are for
    // the comma or period of ", " or ". ", and return here.
    if class_at(b, end + 1) & ALNUM == 0 {
        return (end, seen);
    }
    // Where the part after the last joined dot starts, to tell the
    // single letters of "U.S." from the "Inc" of "Inc.".
    let mut segment = start;
    let mut dotted = false;
    loop {
        // At a joiner: it joins when the bytes after it allow.
        let all_digits = seen & ALPHA == 0;
        let after = class_at(b, end + 1);
        let joins = match b[end] {
            b'-' => after & ALNUM != 0,
            // "'s" followed by a non-letter is the possessive clitic.
            b'\'' => {
                let clitic = s_at(b, end + 1) && class_at(b, end + 2) & ALNUM == 0;
                after & ALNUM != 0 && !clitic
            }
            b'.' if all_digits => after & DIGIT != 0,
            // U.S. / U.N. / K.T.: single letters joined by dots.
            b'.' => end - segment == 1 && after & ALPHA != 0 && b.get(end + 2) == Some(&b'.'),
            // ',' and ':'
            _ => all_digits && after & DIGIT != 0,
        };
        if !joins {
            break;
        }
        if b[end] == b'.' {
            dotted = true;
            segment = end + 1;
        }
        end += 1;
        // The letters and digits after the joiner, then maybe another
        // joiner.
        let mut next = 0;
        while let Some(&d) = b.get(end) {
            next = CLASS[d as usize];
            if next & ALNUM == 0 {
                break;
            }
            seen |= next;
            end += 1;
        }
        if next & JOINER == 0 {
            break;
        }
    }
    // Keep the final dot of a dotted acronym ("U.S.").
    if dotted && seen & ALPHA != 0 && end - segment == 1 && b.get(end) == Some(&b'.') {
        end += 1;
    }
    (end, seen)
}

/// The length of the possessive token at the apostrophe `i` of `b`, not the
/// first byte of its sentence: 2 for "'s" after a letter or digit, 1 for a
/// lone "'" after an "s" ("the allies'"), 0 when it is not a possessive.
fn possessive(b: &[u8], i: usize) -> usize {
    if class_at(b, i - 1) & ALNUM == 0 {
        0
    } else if s_at(b, i + 1) && class_at(b, i + 2) & ALNUM == 0 {
        2
    } else if s_at(b, i - 1) && class_at(b, i + 1) & ALNUM == 0 {
        1
    } else {
        0
    }
}

/// The tokenizer for any text, character by character.
// Out of line: kept out of `tokenize_into`, the ASCII tokenizer gets the
// registers to itself.
#[cold]
#[inline(never)]
fn tokenize_chars(s: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = s.as_bytes();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            let mut all_digits = numeric;
            // Extend over letters/digits and inner joiners.
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    if !d.is_ascii_digit() {
                        all_digits = false;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                    continue;
                }
                let after = s[j + d.len_utf8()..].chars().next();
                let after_alnum = after.is_some_and(|a| a.is_alphanumeric());
                let joins = match d {
                    '-' | '\u{2010}' | '\u{2011}' => after_alnum,
                    '\'' | '\u{2019}' => {
                        // "'s" followed by a non-letter is the possessive clitic.
                        let rest = &s[j + d.len_utf8()..];
                        let clitic = (rest.starts_with('s') || rest.starts_with('S'))
                            && !rest[1..]
                                .chars()
                                .next()
                                .is_some_and(|x| x.is_alphanumeric());
                        after_alnum && !clitic
                    }
                    '.' => {
                        if all_digits {
                            after.is_some_and(|a| a.is_ascii_digit())
                        } else {
                            // U.S. / U.N. / K.T.: single letters joined by dots.
                            let word = &s[i..end];
                            let last_seg = word.rsplit('.').next().unwrap_or("");
                            last_seg.chars().count() == 1
                                && after.is_some_and(|a| a.is_alphabetic())
                                && s[j + 1..].chars().nth(1).is_some_and(|x| x == '.')
                        }
                    }
                    ',' | ':' => all_digits && after.is_some_and(|a| a.is_ascii_digit()),
                    _ => false,
                };
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            // Keep the final dot of a dotted acronym ("U.S.").
            let word = &s[i..end];
            if word.contains('.')
                && !all_digits
                && bytes.get(end) == Some(&b'.')
                && word
                    .rsplit('.')
                    .next()
                    .is_some_and(|x| x.chars().count() == 1)
            {
                end += 1;
                iter.next();
            }
            let word = &s[i..end];
            let kind = if numeric && word.chars().all(|c| !c.is_alphabetic() || c == 'x') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            make_token(
                out,
                bytes,
                base,
                word,
                Span::new(base + i, base + end),
                kind,
            );
            continue;
        }
        if c == '\'' || c == '\u{2019}' {
            let rest = &s[i + c.len_utf8()..];
            let prev_alnum = s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric());
            if prev_alnum
                && (rest.starts_with('s') || rest.starts_with('S'))
                && !rest[1..]
                    .chars()
                    .next()
                    .is_some_and(|x| x.is_alphanumeric())
            {
                let end = i + c.len_utf8() + 1;
                iter.next();
                out.push(Token::new(
                    Span::new(base + i, base + end),
                    TokenKind::Possessive,
                    false,
                    false,
                    false,
                ));
                continue;
            }
            if prev_alnum
                && s[..i].ends_with(['s', 'S'])
                && !rest.chars().next().is_some_and(|x| x.is_alphanumeric())
            {
                out.push(Token::new(
                    Span::new(base + i, base + i + c.len_utf8()),
                    TokenKind::Possessive,
                    false,
                    false,
                    false,
                ));
                continue;
            }
        }
        let span = Span::new(base + i, base + i + c.len_utf8());
        make_token(
            out,
            bytes,
            base,
            &s[i..i + c.len_utf8()],
            span,
            TokenKind::Punct,
        );
    }
}

/// Pushes the token of `word` at `span` (`bytes` are the text's bytes
/// after `base`), with its flags.
fn make_token(
    out: &mut Vec<Token>,
    bytes: &[u8],
    base: usize,
    word: &str,
    span: Span,
    kind: TokenKind,
) {
    let hyphenated = kind == TokenKind::Word && word.contains(['-', '\u{2010}', '\u{2011}']);
    if word.is_ascii() {
        let b = word.as_bytes();
        let capitalized = b.first().is_some_and(u8::is_ascii_uppercase);
        let upper = b.iter().any(u8::is_ascii_alphabetic) && !b.iter().any(u8::is_ascii_lowercase);
        push_word(out, bytes, base, span, kind, capitalized, upper, hyphenated);
        return;
    }
    let capitalized = word.chars().next().is_some_and(|c| c.is_uppercase());
    let mut has_letter = false;
    let mut has_lower = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            has_letter = true;
            if c.is_lowercase() {
                has_lower = true;
            }
        }
    }
    let upper = has_letter && !has_lower;
    push_word(out, bytes, base, span, kind, capitalized, upper, hyphenated);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_inner_hyphens_are_marked() {
        let hyphenated = |s: &str| {
            let mut out = Vec::new();
            tokenize_into(s, Span::new(0, s.len()), &mut out);
            out.iter()
                .filter(|t| t.hyphenated)
                .map(|t| t.span().slice(s).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            hyphenated("Korean-made drones - not 1996-08-30 - hit Kim Jong-un's bases"),
            ["Korean-made", "Jong-un"]
        );
        assert_eq!(
            hyphenated("Jean\u{2010}Pierre and Jean\u{2011}Luc met Anne-Marie"),
            ["Jean\u{2010}Pierre", "Jean\u{2011}Luc", "Anne-Marie"]
        );
        assert!(hyphenated("don\u{2019}t - re- -pre").is_empty());
    }

    #[test]
    fn a_word_too_long_for_a_token_goes_in_pieces_on_character_boundaries() {
        // The word starts after "Xy " (the text's bytes from `base`, as
        // the character tokenizer passes them).
        let text = "Xy \u{c9}t\u{e9}\u{4e2d}\u{6587}b\u{20ac}cd";
        let base = 3;
        let word = Span::new(base, text.len());
        for max in 4..=word.len() {
            let mut out = Vec::new();
            push_pieces(
                &mut out,
                &text.as_bytes()[base..],
                base,
                word,
                max,
                |first, span| Token::new(span, TokenKind::Word, first, false, false),
            );
            let mut at = word.start;
            for (i, t) in out.iter().enumerate() {
                let span = t.span();
                assert_eq!(span.start, at, "max {max}: pieces follow each other");
                assert!(span.len() <= max && !span.is_empty(), "max {max}: {span:?}");
                assert!(text.is_char_boundary(span.end), "max {max}: {span:?}");
                assert_eq!(t.capitalized, i == 0);
                at = span.end;
            }
            assert_eq!(at, word.end, "max {max}: the pieces cover the word");
        }
    }

    fn both(s: &str) -> (Vec<Token>, Vec<Token>) {
        let (mut a, mut c) = (Vec::new(), Vec::new());
        assert!(tokenize_ascii(s.as_bytes(), 0, &mut a));
        tokenize_chars(s, 0, &mut c);
        (a, c)
    }

    #[test]
    fn ascii_path_agrees_on_news_copy() {
        for s in [
            "Korea's Kim Jong-un met U.S. envoys, 3.5 times on 1996-08-30 at 10:30.",
            "the allies' plan; K.T. Arasu's 'quote' x's S's 's 3x4 1,000,000 A.B.C.",
            "U.S.-made a.b. U.N.'s 's' -'- ...",
            // The letter count of "U.S." starts again after each joined dot,
            // not after a hyphen or a number's dot.
            "3.5a.b. a-b.c. A-B.C.D. x.Y.z 3x4x 3.x 0x.A. 1,2.B.",
        ] {
            let (a, c) = both(s);
            assert_eq!(a, c, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Generated ASCII text over the characters the tokenizer treats
        /// specially.
        #[test]
        fn ascii_path_agrees_on_generated_text(s in "[aBsSx0-9 .',:\\-!\t\n\x0b]{0,40}") {
            let (a, c) = both(&s);
            proptest::prop_assert_eq!(a, c);
        }

        /// A sentence that starts inside the text: offsets stay offsets
        /// into the text, and the byte before the sentence is not looked
        /// at (an apostrophe that opens a sentence is punctuation).
        #[test]
        fn sentence_inside_the_text(s in "[aBsS0-9 .',:\\-]{0,30}", cut in 0usize..30) {
            let cut = cut.min(s.len());
            let mut got = Vec::new();
            tokenize_into(&s, Span::new(cut, s.len()), &mut got);
            let mut want = Vec::new();
            tokenize_chars(&s[cut..], cut, &mut want);
            proptest::prop_assert_eq!(got, want);
        }

        /// Text with non-ASCII characters anywhere: the byte tokenizer gives
        /// up at the first one, and `tokenize_into` then gives the
        /// character tokenizer's tokens, after any tokens already in `out`.
        #[test]
        fn non_ascii_text_falls_back(s in "[aBs0-9 .'\\-\u{e9}\u{2019}\u{a0}\u{4e2d}]{0,30}") {
            let first = Token::new(Span::new(0, 0), TokenKind::Punct, false, false, false);
            let (mut got, mut want) = (vec![first], vec![first]);
            tokenize_into(&s, Span::new(0, s.len()), &mut got);
            tokenize_chars(&s, 0, &mut want);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
