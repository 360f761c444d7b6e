//! Stage 1: text → sentences → tokens.
//!
//! Sentence bounds come from Unicode sentence segmentation (UAX #29: a fast
//! path for the characters of news copy in `uax29`, `unicode-segmentation`
//! for any other text), then an abbreviation guard merges the pieces that
//! UAX #29 cuts after "Mr.", "Gen.", "U.S.", initials and the like. A line
//! break always ends a sentence, so headlines and datelines stand alone.
//!
//! Tokens are words (letters and digits, with inner hyphens, apostrophes and
//! the dots of "U.S."), numbers, the possessive "'s", and single punctuation
//! characters. All offsets are byte offsets into the document text.

mod uax29;

use crate::model::Span;
use crate::token::{tokenize_into, Token};

/// Abbreviations after which a period does not end a sentence when a name or
/// a number follows.
fn is_title_abbreviation(word: &str) -> bool {
    // A `match` on strings: a jump on the length, then a few compares,
    // where `contains` on a slice would compare with every entry.
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Cpt"
            | "Sgt"
            | "Cpl"
            | "Pvt"
            | "Adm"
            | "Cmdr"
            | "Cdr"
            | "Brig"
            | "Rev"
            | "Fr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Prof"
            | "Pres"
            | "Amb"
            | "Supt"
            | "Insp"
            | "Det"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "St"
            | "Mt"
            | "Ft"
            | "Jr"
            | "Sr"
            | "Hon"
            | "Gens"
            | "Sens"
            | "Reps"
            | "No"
            | "Nos"
            | "vs"
            | "v"
            | "approx"
            | "est"
            | "Dept"
            | "Univ"
            | "Assn"
            | "Bros"
    )
}

/// Month abbreviations: no sentence break when a number follows ("Jan. 5").
fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Company suffixes: no sentence break when the next word is capitalised and
/// not a usual sentence opener.
fn is_company_abbreviation(word: &str) -> bool {
    matches!(word, "Inc" | "Corp" | "Co" | "Ltd" | "Bhd" | "Plc" | "Cos")
}

/// Words that usually open a new sentence; after "U.S." or "Corp." they mean
/// the period did end the sentence.
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "But"
            | "And"
            | "Or"
            | "In"
            | "On"
            | "At"
            | "For"
            | "If"
            | "When"
            | "While"
            | "As"
            | "After"
            | "Before"
            | "There"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "My"
            | "Some"
            | "Many"
            | "Most"
            | "No"
            | "Now"
            | "Then"
            | "Yet"
            | "So"
            | "However"
            | "Meanwhile"
            | "Earlier"
            | "Later"
            | "Also"
            | "Last"
            | "According"
            | "Officials"
            | "Analysts"
    )
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
        // Room for a sentence every 64 bytes (news sentences and lines are
        // longer) saves growing the vector a few times for each text.
        let mut out: Vec<Span> = Vec::with_capacity(text.len() / 64 + 1);
        // The pieces between breaks, trimmed, joined where the break follows
        // an abbreviation, as the breaks come (no vector of breaks).
        let mut pending: Option<Span> = None;
        let mut from = 0;
        let mut piece = |to: usize| {
            let piece = Span::new(from, to);
            from = to;
            if let Some(span) = trim_span(text, piece) {
                pending = Some(match pending {
                    Some(prev)
                        if continues(text, prev, span)
                            && !acronym_then_opener(text, prev, span) =>
                    {
                        Span::new(prev.start, span.end)
                    }
                    Some(prev) => {
                        out.push(prev);
                        span
                    }
                    None => span,
                });
            }
            // A line break always ends a sentence, and always a piece: UAX #29
            // breaks after every one (SB4; after the LF of a CR LF).
            if matches!(text.as_bytes()[..to].last(), Some(b'\n' | b'\r')) {
                out.extend(pending.take());
            }
        };
        uax29::sentence_breaks(text, &mut Vec::new(), &mut piece);
        piece(text.len());
        out.extend(pending);
        out
    }

    /// Tokens of the byte range `span` of `text`.
    #[cfg(test)]
    pub fn tokens(&self, text: &str, span: Span) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize_into(text, span, &mut out);
        out
    }

    /// Appends the tokens of the byte range `span` of `text` to `out`.
    pub fn tokens_into(&self, text: &str, span: Span, out: &mut Vec<Token>) {
        tokenize_into(text, span, out);
    }
}

/// True when `prev` ends with a dotted acronym ("U.S.") and a space and
/// `next` starts with a sentence opener: "... to the U.S. The visit ...".
/// `continues` keeps "U.S. Senate" together as it keeps the initials
/// "K.T. Arasu"; an opener means the period did end the sentence.
///
/// Only the pieces that `continues` would join need this test: within a
/// piece, UAX #29 breaks after every ". " that an upper-case letter follows
/// (no rule from SB6 to SB8a keeps it), and every opener starts with one.
fn acronym_then_opener(text: &str, prev: Span, next: Span) -> bool {
    if text.as_bytes().get(prev.end) != Some(&b' ') {
        return false;
    }
    let Some(before_dot) = prev.slice(text).strip_suffix('.') else {
        return false;
    };
    let word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.len() < 3 || !is_dotted_acronym(word) {
        return false;
    }
    let next_word = next
        .slice(text)
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    is_sentence_opener(next_word)
}

/// Trims white space from both ends of a span; `None` when nothing is left.
fn trim_span(text: &str, span: Span) -> Option<Span> {
    // ASCII white space byte by byte (most pieces have at most a space or
    // a line break at either end); from a non-ASCII byte on, `str::trim_*`.
    let b = text.as_bytes();
    let mut start = span.start;
    while start < span.end && is_ascii_space(b[start]) {
        start += 1;
    }
    if start < span.end && !b[start].is_ascii() {
        start = span.end - text[start..span.end].trim_start().len();
    }
    if start == span.end {
        return None;
    }
    // The character at `start` is not white space: the end stops there at
    // the latest.
    let mut end = span.end;
    while is_ascii_space(b[end - 1]) {
        end -= 1;
    }
    if !b[end - 1].is_ascii() {
        end = start + text[start..end].trim_end().len();
    }
    Some(Span::new(start, end))
}

/// The ASCII white space of `char::is_whitespace` (which, unlike
/// `u8::is_ascii_whitespace`, counts the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ')
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
    let next_starts_lower = n.chars().next().is_some_and(|c| c.is_lowercase());
    if next_starts_lower {
        // UAX #29 already keeps most of these; a lower-case start is never a
        // new sentence in news copy.
        return true;
    }
    let next_is_number = n.chars().next().is_some_and(|c| c.is_ascii_digit());
    if is_title_abbreviation(last_word) {
        return true;
    }
    if is_month_abbreviation(last_word) {
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
    if dotted || is_company_abbreviation(last_word) {
        let next_word: &str = n
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .next()
            .unwrap_or("");
        return !is_sentence_opener(next_word);
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
            .map(|t| t.span().slice(text))
            .collect()
    }

    /// Sentence bounds the plain way: lines by `split_inclusive`, UAX #29
    /// by `unicode-segmentation`, trimming by `str::trim`, abbreviations
    /// merged, then the merged sentences split after "U.S." and an opener
    /// by a string search. `sentences` must give the same spans.
    fn reference_sentences(text: &str) -> Vec<Span> {
        use unicode_segmentation::UnicodeSegmentation;
        let trim = |span: Span| {
            let s = span.slice(text);
            let start = span.start + (s.len() - s.trim_start().len());
            (!s.trim().is_empty()).then(|| Span::new(start, start + s.trim().len()))
        };
        let mut merged = Vec::new();
        let mut base = 0;
        for line in text.split_inclusive(['\n', '\r']) {
            let mut pending: Option<Span> = None;
            for (i, piece) in line.split_sentence_bound_indices() {
                let Some(span) = trim(Span::new(base + i, base + i + piece.len())) else {
                    continue;
                };
                pending = Some(match pending {
                    Some(prev) if continues(text, prev, span) => Span::new(prev.start, span.end),
                    Some(prev) => {
                        merged.push(prev);
                        span
                    }
                    None => span,
                });
            }
            merged.extend(pending);
            base += line.len();
        }
        let mut out = Vec::new();
        for span in merged {
            let s = span.slice(text);
            let (mut start, mut search) = (0, 0);
            while let Some(pos) = s[search..].find(". ") {
                let dot = search + pos;
                search = dot + 2;
                let word = s[start..dot]
                    .rsplit(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .unwrap_or("");
                if !is_dotted_acronym(word) || word.len() < 3 {
                    continue;
                }
                let rest = s[dot + 1..].trim_start();
                let next = rest.split(|c: char| !c.is_alphanumeric()).next();
                if next.is_some_and(is_sentence_opener) {
                    out.push(Span::new(span.start + start, span.start + dot + 1));
                    start = s.len() - rest.len();
                }
            }
            out.push(Span::new(span.start + start, span.end));
        }
        out
    }

    /// Pieces of news copy around abbreviations, acronyms, openers, line
    /// breaks and the characters that leave the fast paths.
    const PIECES: &[&str] = &[
        "U.S.",
        "K.T.",
        "U.N.",
        "A.B.C.",
        "Mr.",
        "Jan.",
        "Corp.",
        "Co.",
        "v.",
        "etc.",
        " The",
        "The ",
        "He",
        " he",
        "5",
        " 3.5",
        ". ",
        ".",
        "?",
        "!",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{2003}",
        "\n",
        "\r\n",
        "\r",
        "(",
        ")",
        "\"",
        "'",
        "\u{201d}",
        "\u{2019}",
        "a",
        "Z",
        "word",
        "Caf\u{e9}",
        "\u{c9}",
        "\u{4e2d}",
        "\u{301}",
        "\u{2028}",
        ",",
        "-",
    ];

    #[test]
    fn sentences_agree_with_the_plain_way_on_edge_cases() {
        for text in [
            // "U.S." then an opener: split only after ". " exactly.
            "He flew to the U.S. The visit was short.",
            "He flew to the U.S.\tThe visit was short.",
            "He flew to the U.S.\u{a0}The visit was short.",
            "He flew to the U.S.  The visit. K.T. The end.",
            "Rates 5.U.S. The end. (U.S. The) x.",
            // Abbreviations at line ends, CR LF, separators inside a line.
            "Mr.\nSmith left.\r\nGen.\rRay.",
            "U.S.\u{2028}The visit.\u{2029}He left.",
            // A character outside the fast path: that line falls back.
            "He met Mr. Li \u{4e2d}. The talks.\nMr. Smith went to the U.S. The end.",
            "",
            " \n \r\n ",
        ] {
            assert_eq!(
                Segmenter::new().sentences(text),
                reference_sentences(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn sentences_agree_with_the_plain_way(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(Segmenter::new().sentences(&text), reference_sentences(&text));
        }

        #[test]
        fn sentences_agree_with_the_plain_way_on_any_text(text in "\\PC{0,60}") {
            proptest::prop_assert_eq!(Segmenter::new().sentences(&text), reference_sentences(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// `trim_span` trims what `str::trim` trims, ASCII or not.
        #[test]
        fn trim_span_trims_as_str_trim(
            s in "[ a\t\n\x0b\x0c\r\u{85}\u{a0}\u{2003}\u{e9}]{0,12}",
            pre in "[ a\u{a0}]{0,2}",
        ) {
            let text = format!("{pre}{s}");
            let span = Span::new(pre.len(), text.len());
            let want = (!s.trim().is_empty()).then(|| {
                let start = span.start + s.len() - s.trim_start().len();
                Span::new(start, start + s.trim().len())
            });
            proptest::prop_assert_eq!(trim_span(&text, span), want);
        }
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
