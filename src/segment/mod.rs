//! Stage 1: text → sentences → tokens.
//!
//! Sentence bounds come from Unicode sentence segmentation (UAX #29, through
//! `unicode-segmentation`), then an abbreviation guard merges the pieces that
//! UAX #29 cuts after "Mr.", "Gen.", "U.S.", initials and the like. A line
//! break always ends a sentence, so headlines and datelines stand alone.
//!
//! Tokens are words (letters and digits, with inner hyphens, apostrophes and
//! the dots of "U.S."), numbers, the possessive "'s", and single punctuation
//! characters. All offsets are byte offsets into the document text.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Abbreviations after which a period does not end a sentence when a name or
/// a number follows.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm",
    "Cmdr", "Cdr", "Brig", "Rev", "Fr", "Sen", "Rep", "Gov", "Prof", "Pres", "Amb", "Supt", "Insp",
    "Det", "Messrs", "Mme", "Mlle", "St", "Mt", "Ft", "Jr", "Sr", "Hon", "Gens", "Sens", "Reps",
    "No", "Nos", "vs", "v", "approx", "est", "Dept", "Univ", "Assn", "Bros",
];

/// Month abbreviations: no sentence break when a number follows ("Jan. 5").
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Company suffixes: no sentence break when the next word is capitalised and
/// not a usual sentence opener.
const COMPANY_ABBREVIATIONS: &[&str] = &["Inc", "Corp", "Co", "Ltd", "Bhd", "Plc", "Cos"];

/// Words that usually open a new sentence; after "U.S." or "Corp." they mean
/// the period did end the sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "As",
    "After",
    "Before",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Some",
    "Many",
    "Most",
    "No",
    "Now",
    "Then",
    "Yet",
    "So",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Also",
    "Last",
    "According",
    "Officials",
    "Analysts",
];

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

/// Splits text into sentences and sentences into tokens.
#[derive(Debug, Clone, Default)]
pub struct Segmenter;

impl Segmenter {
    /// Creates a segmenter.
    pub fn new() -> Segmenter {
        Segmenter
    }

    /// Sentence spans of `text`, in order, trimmed of surrounding white space.
    /// Empty or all-space input gives no sentence.
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        // Each line is split on its own: a line break always ends a sentence.
        let mut line_start = 0;
        for line in text.split_inclusive(['\n', '\r']) {
            let base = line_start;
            line_start += line.len();
            let mut pending: Option<Span> = None;
            for (off, piece) in line.split_sentence_bound_indices() {
                let Some(span) = trim_span(text, Span::new(base + off, base + off + piece.len()))
                else {
                    continue;
                };
                pending = Some(match pending {
                    Some(prev) if continues(text, prev, span) => Span::new(prev.start, span.end),
                    Some(prev) => {
                        out.push(prev);
                        span
                    }
                    None => span,
                });
            }
            if let Some(p) = pending {
                out.push(p);
            }
        }
        // UAX #29 never breaks inside "U.S. The"; a sentence opener after a
        // dotted acronym does.
        let mut split = Vec::with_capacity(out.len());
        for span in out {
            split_after_acronyms(text, span, &mut split);
        }
        split
    }

    /// Tokens of the byte range `span` of `text`.
    pub fn tokens(&self, text: &str, span: Span) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize_into(text, span, &mut out);
        out
    }
}

/// Splits `span` after a dotted acronym ("U.S.") that a sentence opener
/// follows ("... to the U.S. The visit ...").
fn split_after_acronyms(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.slice(text);
    let mut start = 0;
    let mut search = 0;
    while let Some(pos) = s[search..].find(". ") {
        let dot = search + pos;
        search = dot + 2;
        let before = &s[start..dot];
        let word = before
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        if !is_dotted_acronym(word) || word.len() < 3 {
            continue;
        }
        let rest = s[dot + 1..].trim_start();
        let next: &str = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if SENTENCE_OPENERS.contains(&next) {
            out.push(Span::new(span.start + start, span.start + dot + 1));
            start = dot + 1 + (s[dot + 1..].len() - rest.len());
        }
    }
    out.push(Span::new(span.start + start, span.end));
}

/// Trims white space from both ends of a span; `None` when nothing is left.
fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = span.start + lead;
    Some(Span::new(start, start + trimmed.len()))
}

/// Decides whether the sentence piece `next` continues `prev` because `prev`
/// ends with an abbreviation rather than a sentence end.
fn continues(text: &str, prev: Span, next: Span) -> bool {
    let p = prev.slice(text);
    let Some(before_dot) = p.strip_suffix('.') else {
        return false;
    };
    let last_word: &str = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let n = next.slice(text);
    let next_word: &str = n
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .unwrap_or("");
    let next_starts_lower = n.chars().next().is_some_and(|c| c.is_lowercase());
    if next_starts_lower {
        // UAX #29 already keeps most of these; a lower-case start is never a
        // new sentence in news copy.
        return true;
    }
    let next_is_number = n.chars().next().is_some_and(|c| c.is_ascii_digit());
    if TITLE_ABBREVIATIONS.contains(&last_word) {
        return true;
    }
    if MONTH_ABBREVIATIONS.contains(&last_word) {
        return next_is_number;
    }
    // An initial: "K.T. Arasu", "George W. Bush".
    let mut chars = last_word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let dotted = is_dotted_acronym(last_word);
    if dotted && last_word.len() <= 4 && last_word.chars().filter(|c| *c == '.').count() == 1 {
        // "K.T" (with the final dot stripped) is a pair of initials.
        return true;
    }
    if dotted || COMPANY_ABBREVIATIONS.contains(&last_word) {
        return !SENTENCE_OPENERS.contains(&next_word);
    }
    false
}

/// "U.S" / "U.N" (the final dot already stripped): letters separated by dots.
fn is_dotted_acronym(w: &str) -> bool {
    !w.is_empty()
        && w.contains('.')
        && w.split('.')
            .all(|part| part.chars().count() <= 2 && part.chars().all(|c| c.is_alphabetic()))
        && w.split('.').all(|part| !part.is_empty())
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

    fn sents(text: &str) -> Vec<&str> {
        Segmenter::new()
            .sentences(text)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        Segmenter::new()
            .tokens(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("Mr. Smith met Gen. Ray in the U.S. Senate. He left."),
            ["Mr. Smith met Gen. Ray in the U.S. Senate.", "He left."]
        );
        assert_eq!(
            sents("K.T. Arasu spoke on Jan. 5 about 3.5 percent. Then he sat."),
            [
                "K.T. Arasu spoke on Jan. 5 about 3.5 percent.",
                "Then he sat."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end_before_opener() {
        assert_eq!(
            sents("He flew to the U.S. The visit was short."),
            ["He flew to the U.S.", "The visit was short."]
        );
    }

    #[test]
    fn line_breaks_end_headlines_and_datelines() {
        assert_eq!(
            sents("Leaders meet in Oslo\nOSLO 2024-01-02\nThe talks began."),
            [
                "Leaders meet in Oslo",
                "OSLO 2024-01-02",
                "The talks began."
            ]
        );
    }

    #[test]
    fn tokens_split_possessives_keep_hyphens_and_acronyms() {
        assert_eq!(
            toks("Korea's Kim Jong-un met U.S. envoys, 3.5 times."),
            ["Korea", "'s", "Kim", "Jong-un", "met", "U.S.", "envoys", ",", "3.5", "times", "."]
        );
        assert_eq!(toks("the allies' plan"), ["the", "allies", "'", "plan"]);
    }
}
