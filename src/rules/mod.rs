//! Stage 3: token rules → more candidates.
//!
//! Names no gazetteer holds are found from their shape and context. Every rule
//! has an id (it becomes the candidate's `source`, `rule:<id>`) and a priority
//! (used by resolution only to break ties between candidates of the same
//! extent):
//!
//! | id | priority | finds |
//! |---|---|---|
//! | `person.title` | 2 | a capitalised name after a role or honorific: "Foreign Minister Sergei Lavrov", "Mr Barzani" |
//! | `person.given` | 1 | a known given name followed by capitalised words: "Joyce Lee" |
//! | `person.byline` | 2 | "Reporting by Joyce Lee" |
//! | `person.said` | 0 | a capitalised name next to a speech verb: "Sharetsky said" |
//! | `org.shape` | 1 | capitalised runs headed by an organisation word: "Ministry of Foreign Affairs", "Security Council of Russia", "Acme Corp" |
//! | `role.modifier` | 2 | a rank before a role title: "deputy foreign minister" |

use std::borrow::Cow;

use crate::error::Error;
use crate::gazetteer::NameList;
use crate::model::{lower, Candidate, Label, Origin, Shape, Span, WordSet, CALENDAR};
use crate::token::{Token, TokenKind};

/// Honorifics and military or civil ranks that precede a person's name.
static HONORIFICS: WordSet = WordSet::new(&[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Sheikh",
    "Shaikh",
    "Gen",
    "Lt",
    "Col",
    "Maj",
    "Capt",
    "Adm",
    "Sgt",
    "Sen",
    "Rep",
    "Gov",
    "Prof",
    "Rev",
    "Father",
    "Ayatollah",
    "Imam",
    "Rabbi",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Prince",
    "Princess",
    "Mme",
    "Monsieur",
    "Madame",
    "Herr",
    "Frau",
    "Senor",
    "Señor",
]);

/// Particles inside personal names: "Ursula von der Leyen", "Osama bin Laden".
static NAME_PARTICLES: WordSet = WordSet::new(&[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
    "ten", "bin", "ibn", "al", "el", "le", "la", "abu", "ben", "st",
]);

/// Capitalised words that never belong to a person's name (with the days and
/// months of `CALENDAR`, see `classes`).
static NOT_NAME_SET: WordSet = WordSet::new(NOT_NAME_WORDS);

const NOT_NAME_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Or",
    "But",
    "Of",
    "In",
    "On",
    "At",
    "For",
    "To",
    "By",
    "With",
    "From",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Its",
    "This",
    "That",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "President",
    "Minister",
    "Prime",
    "Secretary",
    "General",
    "Chancellor",
    "King",
    "Queen",
    "Government",
    "State",
    "Police",
    "Army",
    "Party",
    "Ministry",
    "Council",
    "Court",
    "Republic",
    "News",
    "Agency",
    "Reuters",
    "Says",
    "Said",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Related",
    "Reporting",
    "Editing",
    "Writing",
    "Politics",
    "Sports",
    "Update",
    "Analysis",
    "Factbox",
    "Exclusive",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Christmas",
    "Easter",
    "Ramadan",
    "God",
    "Allah",
];

/// Last words that make a capitalised run a place or a thing, not a person.
static NOT_PERSON_HEADS: WordSet = WordSet::new(&[
    "Road",
    "Street",
    "Avenue",
    "Square",
    "Park",
    "Bridge",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Island",
    "Islands",
    "Bay",
    "Valley",
    "Hill",
    "Hills",
    "Stadium",
    "Hall",
    "House",
    "Hospital",
    "School",
    "College",
    "University",
    "Airport",
    "Station",
    "Cup",
    "League",
    "Open",
    "Trophy",
    "Prize",
    "Award",
    "Centre",
    "Center",
    "Palace",
    "Castle",
    "Church",
    "Cathedral",
    "Mosque",
    "Temple",
    "Sea",
    "Ocean",
    "Gulf",
    "Strait",
    "Canal",
    "Desert",
    "Forest",
    "Coast",
    "Beach",
    "Port",
    "Harbour",
    "Harbor",
    "Airlines",
    "Airways",
    "Group",
    "Bank",
    "Corp",
    "Inc",
    "Ltd",
    "Co",
    "Plc",
    "Party",
    "Front",
    "Union",
    "Council",
    "Committee",
    "Ministry",
    "Agency",
    "Times",
    "Post",
    "Journal",
    "Index",
    "Exchange",
    "Market",
    "Games",
    "Olympics",
    "Championship",
    "Championships",
    "Tour",
    "Grand",
    "Prix",
    "Club",
    "Association",
    "Fund",
    "Institute",
    "Foundation",
    "Commission",
    "Department",
    "Office",
    "Court",
    "Parliament",
    "Assembly",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Police",
    "Movement",
    "News",
    "Radio",
    "Television",
    "TV",
    "Press",
    "Company",
    "Holdings",
    "Industries",
    "Federation",
    "Brigade",
    "Brigades",
    "Community",
    "Network",
    "Authority",
    "Service",
    "Services",
    "Board",
    "Region",
    "Province",
    "District",
    "County",
    "City",
    "Town",
    "Village",
    "State",
    "Republic",
    "Kingdom",
    "Empire",
    "Act",
    "Law",
    "Treaty",
    "Accord",
    "Agreement",
    "Plan",
    "War",
    "Day",
]);

/// Words that head an organisation's name.
static ORG_HEADS: WordSet = WordSet::new(&[
    "Ministry",
    "Department",
    "Agency",
    "Council",
    "Committee",
    "Commission",
    "Party",
    "Front",
    "Union",
    "Bank",
    "University",
    "College",
    "Institute",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Plc",
    "PLC",
    "Co",
    "Group",
    "Association",
    "Federation",
    "Organisation",
    "Organization",
    "Authority",
    "Office",
    "Bureau",
    "Service",
    "Court",
    "Parliament",
    "Assembly",
    "Congress",
    "Army",
    "Navy",
    "Forces",
    "Police",
    "Guard",
    "Guards",
    "Movement",
    "League",
    "Club",
    "Airlines",
    "Airways",
    "Company",
    "Holdings",
    "Industries",
    "Foundation",
    "Fund",
    "Trust",
    "Society",
    "Board",
    "Alliance",
    "Coalition",
    "Network",
    "Television",
    "Radio",
    "Times",
    "Post",
    "Herald",
    "Journal",
    "Press",
    "Tribune",
    "Exchange",
    "Church",
    "Brigade",
    "Brigades",
    "Community",
    "Government",
    "Cabinet",
    "Secretariat",
    "Tribunal",
    "Directorate",
    "Inspectorate",
    "Administration",
    "Commissariat",
    "Senate",
    "Duma",
    "Mission",
    "Centre",
    "Center",
    "Partners",
    "Capital",
    "Motors",
    "Systems",
    "Technologies",
    "Energy",
    "Petroleum",
    "Oil",
    "Gas",
    "Steel",
    "Telecom",
    "Communications",
    "Media",
    "Bancorp",
    "Insurance",
    "Pharmaceuticals",
    "Laboratories",
    "Labs",
    "Entertainment",
    "Studios",
    "Publishing",
]);

/// Connectors allowed inside an organisation's name when a capitalised word
/// follows.
static ORG_CONNECTORS: WordSet =
    WordSet::new(&["of", "for", "and", "&", "on", "de", "du", "des", "la"]);

/// Verbs of speech that mark the name next to them as a speaker.
static SPEECH_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "announced",
    "wrote",
    "warned",
    "insisted",
    "explained",
    "noted",
    "asked",
]);

/// A rule's name, the label it gives and its priority in ties.
#[derive(Debug)]
pub struct Rule {
    /// The candidate's origin: its source is `rule:` and the rule's id.
    pub origin: Origin,
    /// The label it proposes.
    pub label: Label,
    /// Rank against other candidates of the same extent.
    pub priority: u8,
}

/// A capitalised name after a role or honorific.
pub const PERSON_TITLE: Rule = Rule {
    origin: Origin::rule("rule:person.title"),
    label: Label::Person,
    priority: 2,
};
/// Initials before a capitalised surname.
pub const PERSON_INITIAL: Rule = Rule {
    origin: Origin::rule("rule:person.initial"),
    label: Label::Person,
    priority: 1,
};
/// A known given name followed by capitalised words.
pub const PERSON_GIVEN: Rule = Rule {
    origin: Origin::rule("rule:person.given"),
    label: Label::Person,
    priority: 1,
};
/// A name after "Reporting by", "Editing by".
pub const PERSON_BYLINE: Rule = Rule {
    origin: Origin::rule("rule:person.byline"),
    label: Label::Person,
    priority: 2,
};
/// A capitalised name next to a speech verb.
pub const PERSON_SAID: Rule = Rule {
    origin: Origin::rule("rule:person.said"),
    label: Label::Person,
    priority: 0,
};
/// A capitalised run headed by an organisation word.
pub const ORG_SHAPE: Rule = Rule {
    origin: Origin::rule("rule:org.shape"),
    label: Label::Organization,
    priority: 1,
};
/// A role title with the modifiers before it ("former", "deputy").
const ROLE_MODIFIER: Origin = Origin::rule("rule:role.modifier");

/// The compiled rule layer.
#[derive(Debug, Clone)]
pub struct RuleSet {
    given: NameList,
    surnames: NameList,
    /// Rank modifiers ("deputy", "vice-") that extend a role title.
    ranks: Vec<String>,
}

/// Parses the role modifier list (`modifier<TAB>rank|former`): returns the
/// rank modifiers and the former modifiers, lower-cased.
pub fn parse_modifiers(name: &str, text: &str) -> Result<(Vec<String>, Vec<String>), Error> {
    let mut ranks = Vec::new();
    let mut formers = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let word = cols.next().unwrap_or("").trim().to_lowercase();
        match cols.next().map(str::trim) {
            Some("rank") if !word.is_empty() => ranks.push(word),
            Some("former") if !word.is_empty() => formers.push(word),
            other => {
                return Err(Error::parse(
                    name,
                    i + 1,
                    format!("expected modifier<TAB>rank|former, found kind {other:?}"),
                ))
            }
        }
    }
    Ok((ranks, formers))
}

/// Buffers [`RuleSet::find`] reuses from one sentence to the next of a
/// document, so that a sentence costs no allocation.
#[derive(Default)]
pub struct Scratch {
    bits: Vec<u16>,
}

/// A sentence as the rules see it: its tokens, and for each the bits below
/// (its word classes, what its shape makes it, and what the gazetteer found
/// there), worked out once for the several rules that ask. Two bytes a
/// token: most tokens matter to no rule, and a rule that looks for its
/// trigger tests one bit of each.
struct Sentence<'a, 's> {
    text: &'a str,
    tokens: &'s [Token],
    bits: &'s [u16],
}

impl<'a> Sentence<'a, '_> {
    fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text of token `i`.
    fn s(&self, i: usize) -> &'a str {
        self.tokens[i].span().slice(self.text)
    }

    /// True when there is a token `i` and it is written `w` (a byte
    /// comparison: no character boundaries to check).
    fn is(&self, i: usize, w: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.text.as_bytes().get(t.span().range()) == Some(w.as_bytes()))
    }

    /// True when there is a token `i` and it has all of `bits`.
    fn has(&self, i: usize, bits: u16) -> bool {
        self.bits.get(i).is_some_and(|b| b & bits == bits)
    }
}

/// The bits of one token from its shape and word classes (the bits from
/// the gazetteer's candidates are added by [`RuleSet::find`]).
#[inline]
fn token_bits(text: &str, t: &Token, classes: &Classes) -> u16 {
    if t.kind != TokenKind::Word {
        return 0;
    }
    // Bytes, not a `str` slice: no character boundaries to check. (A
    // token outside the text, which the tokenizer never makes, is nothing:
    // an early return compiles to two comparisons, where an empty slice
    // in its place took a dozen instructions a token.)
    let Some(w) = text.as_bytes().get(t.span().range()) else {
        return 0;
    };
    let by = is_by(w);
    if !(t.capitalized || t.upper) {
        // Most words: not capitalised, such a word can only be on the lists
        // of words in lower case (the speech verbs) or be "by".
        let bits = classes.other.get(w);
        return if by { bits | BY } else { bits };
    }
    // Every listed word is a word (it starts with a letter).
    let mut bits = classes.of(w);
    let (name, initial) = if t.upper {
        all_caps_shape(t.span().slice(text))
    } else {
        (true, false)
    };
    if name && t.capitalized && bits & NOT_NAME == 0 {
        bits |= NAME;
    }
    if initial {
        bits |= INITIAL;
    }
    if (t.capitalized || t.upper) && bits & (FUNCTION_WORD | CALENDAR_WORD) == 0 {
        bits |= ORG_WORD;
    }
    if by {
        bits |= BY;
    }
    bits
}

/// True when `w` is "by" in any case.
fn is_by(w: &[u8]) -> bool {
    w.eq_ignore_ascii_case(b"by")
}

/// True when `s` is one character (without counting all of them).
fn one_char(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some() && chars.next().is_none()
}

/// Whether an all-caps word can be part of a name, and whether it is an
/// initial: it can when it has at most two letters (longer ones are
/// acronyms), and is an initial when it has at most three and ends with a
/// period or is one character. Out of line: few words are in capitals.
#[inline(never)]
fn all_caps_shape(s: &str) -> (bool, bool) {
    let letters = if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphabetic).count()
    } else {
        s.chars().filter(|c| c.is_alphabetic()).count()
    };
    (
        letters <= 2,
        letters <= 3 && (s.ends_with('.') || one_char(s)),
    )
}

/// Word-list bits of a token: one hashed lookup per token instead of one
/// per list and rule.
const HONORIFIC: u16 = 1;
const SPEECH_VERB: u16 = 2;
const ORG_HEAD: u16 = 4;
const CALENDAR_WORD: u16 = 8;
const NOT_NAME: u16 = 16;
const NOT_PERSON_HEAD: u16 = 32;
/// The function words that open `NOT_NAME_WORDS` ("The" to "It"): not part
/// of an organisation's capitalised run.
const FUNCTION_WORD: u16 = 64;
/// Shape bits of a token. It can be part of a person's name: a capitalised
/// word, not on the not-a-name list, and no acronym.
const NAME: u16 = 1 << 7;
/// It is an initial ("C.", "K.T.", or "C" before its period).
const INITIAL: u16 = 1 << 8;
/// It can be part of an organisation's capitalised run: a capitalised word,
/// neither a function word nor a day or month.
const ORG_WORD: u16 = 1 << 9;
/// It is "by" in any case.
const BY: u16 = 1 << 10;
/// Bits from the gazetteer's candidates. It ends a role title.
const ROLE_END: u16 = 1 << 11;
/// It is inside a role title.
const ROLE_COVER: u16 = 1 << 12;
/// It starts a known (gazetteer) country, nationality or organisation.
const KNOWN: u16 = 1 << 13;

/// The word lists of the rules, merged: word -> bits, in two tables by the
/// first letter. Most words of running text start in lower case, and of the
/// lists only the speech verbs do: such a word is turned away by the shape
/// of a dozen verbs, or looked up among them, not among the few hundred
/// capitalised words.
struct Classes {
    capitalised: WordClasses,
    other: WordClasses,
}

/// Words with their bits, and the shape of the words (most tokens fail it
/// before any hashing).
#[derive(Default)]
struct WordClasses {
    map: rustc_hash::FxHashMap<&'static [u8], u16>,
    shape: Shape,
}

impl WordClasses {
    /// Inlined: most words stop at the shape, and a call costs more than
    /// the test.
    #[inline]
    fn get(&self, w: &[u8]) -> u16 {
        if !self.shape.admits_bytes(w) {
            return 0;
        }
        self.lookup(w)
    }

    #[inline(never)]
    fn lookup(&self, w: &[u8]) -> u16 {
        self.map.get(w).copied().unwrap_or(0)
    }
}

static CLASSES: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();

/// True when `w` goes to the table of capitalised words.
fn capitalised(w: &[u8]) -> bool {
    w.first().is_some_and(u8::is_ascii_uppercase)
}

impl Classes {
    /// The merged lists, built on first use.
    fn get() -> &'static Classes {
        CLASSES.get_or_init(|| {
            let mut map = rustc_hash::FxHashMap::default();
            for (set, bit) in [
                (&HONORIFICS, HONORIFIC),
                (&SPEECH_VERBS, SPEECH_VERB),
                (&ORG_HEADS, ORG_HEAD),
                (&CALENDAR, CALENDAR_WORD),
                (&NOT_NAME_SET, NOT_NAME),
                (&NOT_PERSON_HEADS, NOT_PERSON_HEAD),
            ] {
                for &word in set.words() {
                    *map.entry(word).or_insert(0) |= bit;
                }
            }
            for &word in &NOT_NAME_WORDS[..18] {
                *map.entry(word).or_insert(0) |= FUNCTION_WORD;
            }
            // Days and months are not names either, but for "May" (Theresa May).
            for &word in CALENDAR.words().iter().filter(|w| **w != "May") {
                *map.entry(word).or_insert(0) |= NOT_NAME;
            }
            let table = |capitalised_words: bool| {
                let words = map
                    .iter()
                    .filter(|(w, _)| capitalised(w.as_bytes()) == capitalised_words);
                WordClasses {
                    map: words.clone().map(|(w, &b)| (w.as_bytes(), b)).collect(),
                    shape: Shape::of(words.map(|(w, _)| *w)),
                }
            };
            let (capitalised_words, other) = (table(true), table(false));
            Classes {
                capitalised: capitalised_words,
                other,
            }
        })
    }

    /// The word-list bits of `w` (exact match, as the lists are written).
    #[inline]
    fn of(&self, w: &[u8]) -> u16 {
        if capitalised(w) {
            self.capitalised.get(w)
        } else {
            self.other.get(w)
        }
    }
}

impl RuleSet {
    /// Creates the rule layer over the given-name and surname lists.
    pub fn new(given: NameList, surnames: NameList, ranks: Vec<String>) -> RuleSet {
        RuleSet {
            given,
            surnames,
            ranks,
        }
    }

    /// Adds the rule candidates of one sentence to `out`. `found` holds the
    /// gazetteer candidates of the same sentence; `all_caps` tells whether the
    /// sentence is a capitalised headline (where shape rules are unreliable).
    pub fn find<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        found: &[Candidate<'a>],
        all_caps: bool,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate<'a>>,
    ) {
        // A headline in capitals has only the byline rule (below), which
        // needs a "by": without one, there is nothing to work out.
        if all_caps
            && !tokens
                .iter()
                .any(|t| is_by(text.as_bytes().get(t.span().range()).unwrap_or_default()))
        {
            return;
        }
        let bits = &mut scratch.bits;
        bits.clear();
        // Room for most sentences at once: a scratch lives for one document,
        // and growing it from empty a sentence at a time cost reallocations
        // in every document.
        bits.reserve(tokens.len().max(256));
        let classes = Classes::get();
        bits.extend(tokens.iter().map(|t| token_bits(text, t, classes)));
        // Which tokens start a known (gazetteer) non-person name, and which
        // tokens are role titles. The candidates come in the order of their
        // starts, so one walk over the tokens finds them all; a candidate
        // out of that order is found by a binary search, and the walk goes
        // on from there.
        let mut at = 0;
        let mut last_start = 0;
        for c in found {
            let span = c.span();
            if span.start < last_start {
                at = tokens.partition_point(|t| t.span().start < span.start);
            }
            last_start = span.start;
            while at < tokens.len() && tokens[at].span().start < span.start {
                at += 1;
            }
            if tokens.get(at).is_none_or(|t| t.span().start != span.start) {
                continue;
            }
            let si = at;
            // Token ends rise with their starts: the end is at or after si.
            let mut ei = si;
            while ei < tokens.len() && tokens[ei].span().end < span.end {
                ei += 1;
            }
            if tokens.get(ei).is_none_or(|t| t.span().end != span.end) {
                continue;
            }
            if c.label == Label::Role {
                bits[ei] |= ROLE_END;
                for b in &mut bits[si..=ei] {
                    *b |= ROLE_COVER;
                }
            } else if !c.weak
                && matches!(
                    c.label,
                    Label::Country | Label::Nationality | Label::Organization
                )
            {
                bits[si] |= KNOWN;
            }
        }
        let s = Sentence { text, tokens, bits };
        // What some token of the sentence has: a rule whose trigger no token
        // has is not run.
        let any = s.bits.iter().fold(0, |a, b| a | b);
        if all_caps {
            // A headline in capitals: only the context rules are safe.
            if any & BY != 0 {
                self.bylines(&s, out);
            }
            return;
        }
        if any & (ROLE_END | HONORIFIC) != 0 {
            self.titled_persons(&s, out);
        }
        if any & NAME != 0 {
            self.given_name_persons(&s, out);
        }
        if any & INITIAL != 0 {
            self.initial_persons(&s, out);
        }
        if any & BY != 0 {
            self.bylines(&s, out);
        }
        if any & SPEECH_VERB != 0 {
            self.speakers(&s, out);
        }
        if any & ORG_HEAD != 0 {
            self.organisations(&s, out);
        }
        self.role_modifiers(text, tokens, found, out);
    }

    /// The end (exclusive token index) of a person-name run starting at `i`,
    /// or `i` when there is none. Particles and initials may sit inside. A
    /// run stops before a token with one of the bits `stop` (other than the
    /// first).
    fn name_run(&self, s: &Sentence, i: usize, stop: u16) -> usize {
        let mut j = i;
        let mut last_name_end = i;
        while j < s.len() && j - i < 6 {
            if j > i && s.bits[j] & stop != 0 {
                break;
            }
            if s.bits[j] & NAME != 0 {
                j += 1;
                // An initial's period: "George W. Bush".
                if one_char(s.s(j - 1))
                    && s.is(j, ".")
                    && s.tokens[j].span().start == s.tokens[j - 1].span().end
                {
                    j += 1;
                }
                last_name_end = j;
                continue;
            }
            // A particle only continues a name (and is only looked at then).
            if j == i || s.tokens[j].kind != TokenKind::Word {
                break;
            }
            let low = lower(s.s(j));
            let particle = NAME_PARTICLES.contains(&low)
                || low.starts_with("al-")
                || low.starts_with("el-")
                || low.starts_with("bin-");
            if particle {
                if low.contains('-') {
                    j += 1;
                    last_name_end = j;
                    continue;
                }
                if s.has(j + 1, NAME) {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        // A name never ends on a place or institution word.
        if last_name_end > i && s.bits[last_name_end - 1] & NOT_PERSON_HEAD != 0 {
            return i;
        }
        last_name_end
    }

    /// Adds a candidate for tokens `a..b`, named as written.
    fn push<'a>(
        &self,
        s: &Sentence<'a, '_>,
        a: usize,
        b: usize,
        rule: &Rule,
        out: &mut Vec<Candidate<'a>>,
    ) {
        if a >= b || b > s.len() {
            return;
        }
        let span = Span::new(s.tokens[a].span().start, s.tokens[b - 1].span().end);
        let Some((start, len)) = Candidate::extent(span) else {
            return;
        };
        out.push(Candidate {
            start,
            len,
            label: rule.label,
            canonical: join_name(s.text, &s.tokens[a..b]),
            origin: rule.origin,
            entry_id: None,
            weak: false,
            priority: rule.priority,
        });
    }

    /// `person.title`: "Foreign Minister Sergei Lavrov", "Mr. Barzani".
    fn titled_persons<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        for i in 0..s.len() {
            let honorific = s.bits[i] & HONORIFIC != 0;
            if !honorific && s.bits[i] & ROLE_END == 0 {
                continue;
            }
            let mut start = i + 1;
            if honorific && s.is(start, ".") {
                start += 1;
            }
            if start >= s.len() || s.bits[start] & (ROLE_COVER | KNOWN) != 0 {
                continue;
            }
            let end = self.name_run(s, start, KNOWN);
            if end > start {
                self.push(s, start, end, &PERSON_TITLE, out);
            }
        }
    }

    /// `person.given`: a known given name followed by capitalised words.
    fn given_name_persons<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        let mut i = 0;
        while i < s.len() {
            // A name token, not in a role title, starting no known name.
            if s.bits[i] & (NAME | ROLE_COVER | KNOWN) != NAME {
                i += 1;
                continue;
            }
            // The name run is at least two tokens only when a word that starts
            // no known name follows, or an initial's period: else the given
            // name is not looked up.
            let run_on = s
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Word && s.bits[i + 1] & KNOWN == 0)
                || s.is(i + 1, ".");
            if !run_on {
                i += 1;
                continue;
            }
            let Some((weight, is_word)) = self.given.get(s.s(i)) else {
                i += 1;
                continue;
            };
            let end = self.name_run(s, i, KNOWN);
            if end < i + 2 || (i + 1..end).any(|k| s.is(k, ".")) && end == i + 2 {
                i += 1;
                continue;
            }
            // A given name that is also a common word ("Will", "May", "Bill")
            // needs a known surname after it, or a place inside the sentence
            // where a capital letter is not the sentence's.
            let doubtful = is_word || weight < 2;
            if doubtful && !self.surnames.contains(s.s(end - 1)) && (i == 0 || weight < 2) {
                i += 1;
                continue;
            }
            self.push(s, i, end, &PERSON_GIVEN, out);
            i = end;
        }
    }

    /// `person.initial`: initials before a capitalised surname ("C. Lewis",
    /// "K.T. Arasu", "J. R. Smith").
    fn initial_persons<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        let is_initial = |k: usize| s.bits[k] & INITIAL != 0;
        let mut i = 0;
        while i < s.len() {
            // "U.N." and "U.S." look like initials but are names of their own.
            if !is_initial(i) || (i > 0 && is_initial(i - 1)) || s.bits[i] & KNOWN != 0 {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < s.len() && j - i < 6 {
                if is_initial(j) {
                    j += 1;
                    // The period of a one-letter initial is its own token.
                    if s.is(j, ".") && one_char(s.s(j - 1)) {
                        j += 1;
                    }
                    continue;
                }
                break;
            }
            // "C" alone with no period is not an initial.
            let dotted = (i..j).any(|k| s.s(k).contains('.'));
            if !dotted || j >= s.len() || s.bits[j] & (KNOWN | ROLE_COVER) != 0 {
                i = j.max(i + 1);
                continue;
            }
            let end = self.name_run(s, j, KNOWN);
            if end > j && !s.tokens[j].upper {
                self.push(s, i, end, &PERSON_INITIAL, out);
                i = end;
            } else {
                i = j.max(i + 1);
            }
        }
    }

    /// `person.byline`: "Reporting by X", "Writing by X", "Editing by X".
    fn bylines<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        for i in 0..s.len().saturating_sub(2) {
            if s.bits[i + 1] & BY == 0 {
                continue;
            }
            let w = s.s(i).to_lowercase();
            let by_line = matches!(
                w.as_str(),
                "reporting" | "writing" | "editing" | "compiled" | "additional"
            );
            if !by_line {
                continue;
            }
            let mut j = i + 2;
            // "Reporting by A and B; Editing by C"
            loop {
                // Known names do not stop a byline's names.
                let end = self.name_run(s, j, 0);
                if end <= j {
                    break;
                }
                self.push(s, j, end, &PERSON_BYLINE, out);
                if s.is(end, "and") || s.is(end, ",") {
                    j = end + 1;
                } else {
                    break;
                }
            }
        }
    }

    /// `person.said`: a capitalised name right before or after a speech verb.
    fn speakers<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        for v in 0..s.len() {
            if s.bits[v] & SPEECH_VERB == 0 {
                continue;
            }
            // Name before the verb: walk back over name tokens.
            let mut a = v;
            while a > 0 && s.bits[a - 1] & (NAME | ROLE_COVER) == NAME && v - a < 3 {
                a -= 1;
            }
            if a < v && s.bits[a..v].iter().all(|b| b & KNOWN == 0) {
                let end = self.name_run(s, a, KNOWN);
                if end == v {
                    self.push(s, a, v, &PERSON_SAID, out);
                }
            }
            // Name after the verb: "said Jane Roe".
            if v + 1 < s.len() && s.bits[v + 1] & (ROLE_COVER | KNOWN) == 0 {
                let end = self.name_run(s, v + 1, KNOWN);
                if end > v + 1 && (end == s.len() || matches!(s.s(end), "," | "." | ";")) {
                    self.push(s, v + 1, end, &PERSON_SAID, out);
                }
            }
        }
    }

    /// `org.shape`: capitalised runs headed by an organisation word (run
    /// only when the sentence has such a word).
    fn organisations<'a>(&self, s: &Sentence<'a, '_>, out: &mut Vec<Candidate<'a>>) {
        let cap = |k: usize| s.has(k, ORG_WORD);
        let mut i = 0;
        while i < s.len() {
            // A name never starts with a role title ("Secretary of the
            // Security Council of Russia" is a title and a body).
            if s.bits[i] & (ORG_WORD | ROLE_COVER) != ORG_WORD {
                i += 1;
                continue;
            }
            // The capitalised run, with connectors inside.
            let mut j = i;
            let mut last_cap = i;
            while j < s.len() && j - i < 12 {
                if cap(j) {
                    last_cap = j;
                    j += 1;
                    continue;
                }
                let low = lower(s.s(j));
                if ORG_CONNECTORS.contains(&low) {
                    // "of the" also joins.
                    let k = if s.is(j + 1, "the") { j + 2 } else { j + 1 };
                    // A connector joins only once the run has its head: "Bank
                    // of England", "Ministry of Trade and Industry"; in "Faik
                    // Nerweyi of the Kurdistan Democratic Party" the name
                    // starts after "of the".
                    let has_head = s.bits[i..j].iter().any(|b| b & ORG_HEAD != 0);
                    if cap(k) {
                        if has_head {
                            j = k;
                            continue;
                        }
                        if matches!(&*low, "of" | "for") {
                            i = k;
                            j = k;
                            last_cap = k;
                            continue;
                        }
                    }
                }
                break;
            }
            let run_end = last_cap + 1;
            // The head: the last organisation word in the run.
            let head = (i..run_end).rev().find(|&k| s.bits[k] & ORG_HEAD != 0);
            if let Some(h) = head {
                // "X of Y" after the head only when the head has a modifier or
                // the complement is short; the name ends at the run's end.
                let alone = h == i && run_end == i + 1;
                if !alone {
                    self.push(s, i, run_end, &ORG_SHAPE, out);
                }
            }
            i = run_end.max(i + 1);
        }
    }

    /// `role.modifier`: "deputy foreign minister", "acting president",
    /// "vice-chairman".
    fn role_modifiers<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        found: &[Candidate<'a>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        for c in found.iter().filter(|c| c.label == Label::Role) {
            let mut start = c.span().start;
            loop {
                let before = &text[..start];
                // Attached forms: "vice-", "co-".
                if let Some(r) = self.ranks.iter().find(|r| {
                    r.ends_with('-')
                        && before.len() >= r.len()
                        && before.is_char_boundary(before.len() - r.len())
                        && before[before.len() - r.len()..].eq_ignore_ascii_case(r)
                        && !before[..before.len() - r.len()]
                            .chars()
                            .next_back()
                            .is_some_and(|x| x.is_alphanumeric())
                }) {
                    start -= r.len();
                    continue;
                }
                // Separate words: "deputy", "acting".
                let before = tokens.partition_point(|t| t.span().end <= start);
                let Some(prev) = before.checked_sub(1).map(|i| &tokens[i]) else {
                    break;
                };
                let gap = &text[prev.span().end..start];
                let word = prev.span().slice(text);
                if gap.chars().all(char::is_whitespace)
                    && !gap.is_empty()
                    && self
                        .ranks
                        .iter()
                        .any(|r| !r.ends_with('-') && word.eq_ignore_ascii_case(r))
                {
                    start = prev.span().start;
                    continue;
                }
                break;
            }
            if start == c.span().start {
                continue;
            }
            let Some((start, len)) = Candidate::extent(Span::new(start, c.span().end)) else {
                continue;
            };
            out.push(Candidate {
                start,
                len,
                label: Label::Role,
                canonical: c.canonical.clone(),
                origin: ROLE_MODIFIER,
                entry_id: c.entry_id,
                weak: false,
                priority: c.priority,
            });
        }
    }
}

/// Joins name tokens as written, with single spaces (the canonical form of a
/// rule-found name).
fn join_name<'a>(text: &'a str, toks: &[Token]) -> Cow<'a, str> {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return Cow::Borrowed("");
    };
    let written = &text[first.span().start..last.span().end];
    // Most names are written with single spaces: the text is the name.
    let as_written = toks.windows(2).all(|w| {
        let (end, next) = (w[0].span().end, w[1].span().start);
        next == end || (next == end + 1 && text.as_bytes()[end] == b' ')
    });
    if as_written {
        return Cow::Borrowed(written);
    }
    let mut s = String::new();
    let mut prev_end = None;
    for t in toks {
        if let Some(e) = prev_end {
            if t.span().start > e {
                s.push(' ');
            }
        }
        s.push_str(t.span().slice(text));
        prev_end = Some(t.span().end);
    }
    Cow::Owned(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(text: &str, part: &str, label: Label) -> Candidate<'static> {
        let start = text.find(part).unwrap_or_default();
        Candidate {
            start,
            len: part.len() as u32,
            label,
            canonical: Cow::Borrowed(""),
            origin: Origin::List(0),
            entry_id: None,
            weak: false,
            priority: 3,
        }
    }

    #[test]
    fn candidates_out_of_order_mark_the_same_tokens() {
        let text = "Foreign Minister Sergei Lavrov met Joyce Lee of the Bank of France in Paris.";
        let mut tokens = Vec::new();
        crate::token::tokenize_into(text, Span::new(0, text.len()), &mut tokens);
        let given = NameList::parse("given", "joyce\t5\nsergei\t3\n").unwrap();
        let surnames = NameList::parse("surnames", "lee\t4\n").unwrap();
        let rules = RuleSet::new(given, surnames, vec!["deputy".into()]);
        let found = vec![
            candidate(text, "Foreign Minister", Label::Role),
            candidate(text, "France", Label::Country),
            candidate(text, "Paris", Label::Location),
        ];
        let run = |found: &[Candidate<'static>]| {
            let mut out = Vec::new();
            rules.find(
                text,
                &tokens,
                found,
                false,
                &mut Scratch::default(),
                &mut out,
            );
            let mut spans: Vec<_> = out
                .iter()
                .map(|c| (c.span().slice(text).to_string(), c.origin.rule_source()))
                .collect();
            spans.sort();
            spans
        };
        let in_order = run(&found);
        assert!(in_order.contains(&("Sergei Lavrov".to_string(), Some("rule:person.title"))));
        assert!(in_order.contains(&("Joyce Lee".to_string(), Some("rule:person.given"))));
        let reversed: Vec<_> = found.iter().rev().cloned().collect();
        assert_eq!(run(&reversed), in_order);
    }
}
