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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the document.
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// True when the first character is upper case.
    pub capitalized: bool,
    /// True when the token has at least one letter and no lower-case letter.
    pub upper: bool,
}

/// Appends the tokens of `span` to `out`.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    if s.is_ascii() {
        tokenize_ascii(s, span.start, out);
    } else {
        tokenize_chars(s, span.start, out);
    }
}

/// Whitespace as `char::is_whitespace` sees it, for ASCII bytes.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// [`tokenize_chars`] for ASCII text, on bytes: the same tokens (a property
/// test checks it), in a third of the time.
fn tokenize_ascii(s: &str, base: usize, out: &mut Vec<Token>) {
    let b = s.as_bytes();
    let n = b.len();
    let alnum_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphanumeric);
    let s_at = |k: usize| matches!(b.get(k), Some(b's' | b'S'));
    let mut i = 0;
    while i < n {
        let c = b[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + 1;
            let mut all_digits = numeric;
            // Extend over letters/digits and inner joiners.
            while end < n {
                let (j, d) = (end, b[end]);
                if d.is_ascii_alphanumeric() {
                    all_digits &= d.is_ascii_digit();
                    end += 1;
                    continue;
                }
                let after_alnum = alnum_at(j + 1);
                let joins = match d {
                    b'-' => after_alnum,
                    // "'s" followed by a non-letter is the possessive clitic.
                    b'\'' => {
                        let clitic = s_at(j + 1) && !alnum_at(j + 2);
                        after_alnum && !clitic
                    }
                    b'.' if all_digits => b.get(j + 1).is_some_and(u8::is_ascii_digit),
                    // U.S. / U.N. / K.T.: single letters joined by dots.
                    b'.' => {
                        let last_seg = s[i..end].rsplit('.').next().unwrap_or("");
                        last_seg.len() == 1
                            && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic)
                            && b.get(j + 2) == Some(&b'.')
                    }
                    b',' | b':' => all_digits && b.get(j + 1).is_some_and(u8::is_ascii_digit),
                    _ => false,
                };
                if !joins {
                    break;
                }
                end += 1;
            }
            // Keep the final dot of a dotted acronym ("U.S.").
            let word = &s[i..end];
            if !all_digits
                && b.get(end) == Some(&b'.')
                && word.contains('.')
                && word.rsplit('.').next().is_some_and(|x| x.len() == 1)
            {
                end += 1;
            }
            let word = &s[i..end];
            let kind = if numeric && word.bytes().all(|c| !c.is_ascii_alphabetic() || c == b'x') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(make_token(word, base + i, base + end, kind));
            i = end;
            continue;
        }
        if c == b'\'' && i > 0 && b[i - 1].is_ascii_alphanumeric() {
            let len = if s_at(i + 1) && !alnum_at(i + 2) {
                2
            } else if matches!(b[i - 1], b's' | b'S') && !alnum_at(i + 1) {
                1
            } else {
                0
            };
            if len > 0 {
                out.push(Token {
                    span: Span::new(base + i, base + i + len),
                    kind: TokenKind::Possessive,
                    capitalized: false,
                    upper: false,
                });
                i += len;
                continue;
            }
        }
        out.push(make_token(
            &s[i..i + 1],
            base + i,
            base + i + 1,
            TokenKind::Punct,
        ));
        i += 1;
    }
}

/// The tokenizer for any text, character by character.
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
            out.push(make_token(word, base + i, base + end, kind));
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
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Possessive,
                    capitalized: false,
                    upper: false,
                });
                continue;
            }
            if prev_alnum
                && s[..i].ends_with(['s', 'S'])
                && !rest.chars().next().is_some_and(|x| x.is_alphanumeric())
            {
                out.push(Token {
                    span: Span::new(base + i, base + i + c.len_utf8()),
                    kind: TokenKind::Possessive,
                    capitalized: false,
                    upper: false,
                });
                continue;
            }
        }
        out.push(make_token(
            &s[i..i + c.len_utf8()],
            base + i,
            base + i + c.len_utf8(),
            TokenKind::Punct,
        ));
    }
}

fn make_token(word: &str, start: usize, end: usize, kind: TokenKind) -> Token {
    if word.is_ascii() {
        let b = word.as_bytes();
        return Token {
            span: Span::new(start, end),
            kind,
            capitalized: b.first().is_some_and(u8::is_ascii_uppercase),
            upper: b.iter().any(u8::is_ascii_alphabetic) && !b.iter().any(u8::is_ascii_lowercase),
        };
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
    Token {
        span: Span::new(start, end),
        kind,
        capitalized,
        upper: has_letter && !has_lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(s: &str) -> (Vec<Token>, Vec<Token>) {
        let (mut a, mut c) = (Vec::new(), Vec::new());
        tokenize_ascii(s, 0, &mut a);
        tokenize_chars(s, 0, &mut c);
        (a, c)
    }

    #[test]
    fn ascii_path_agrees_on_news_copy() {
        for s in [
            "Korea's Kim Jong-un met U.S. envoys, 3.5 times on 1996-08-30 at 10:30.",
            "the allies' plan; K.T. Arasu's 'quote' x's S's 's 3x4 1,000,000 A.B.C.",
            "U.S.-made a.b. U.N.'s 's' -'- ...",
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
    }
}
