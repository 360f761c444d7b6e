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
    let base = span.start;
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
