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
use crate::model::{lower, Candidate, Label, Shape, Span, WordSet, CALENDAR};
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
    /// The candidate's source: `rule:` and the rule's id.
    pub source: &'static str,
    /// The label it proposes.
    pub label: Label,
    /// Rank against other candidates of the same extent.
    pub priority: u8,
}

/// A capitalised name after a role or honorific.
pub const PERSON_TITLE: Rule = Rule {
    source: "rule:person.title",
    label: Label::Person,
    priority: 2,
};
/// Initials before a capitalised surname.
pub const PERSON_INITIAL: Rule = Rule {
    source: "rule:person.initial",
    label: Label::Person,
    priority: 1,
};
/// A known given name followed by capitalised words.
pub const PERSON_GIVEN: Rule = Rule {
    source: "rule:person.given",
    label: Label::Person,
    priority: 1,
};
/// A name after "Reporting by", "Editing by".
pub const PERSON_BYLINE: Rule = Rule {
    source: "rule:person.byline",
    label: Label::Person,
    priority: 2,
};
/// A capitalised name next to a speech verb.
pub const PERSON_SAID: Rule = Rule {
    source: "rule:person.said",
    label: Label::Person,
    priority: 0,
};
/// A capitalised run headed by an organisation word.
pub const ORG_SHAPE: Rule = Rule {
    source: "rule:org.shape",
    label: Label::Organization,
    priority: 1,
};

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
pub struct Scratch<'a> {
    toks: Vec<Tok<'a>>,
    known_start: Vec<Option<Label>>,
    role_end: Vec<bool>,
    role_cover: Vec<bool>,
}

/// A token as the rules see it: the token, its text, its word classes and
/// what its shape makes it, worked out once for the several rules that ask.
struct Tok<'a> {
    t: Token,
    s: &'a str,
    /// The word lists it is on (bits below), looked up once.
    classes: u8,
    /// It can be part of a person's name (see [`Tok::new`]).
    name: bool,
    /// It is an initial ("C.", "K.T.", or "C" before its period).
    initial: bool,
}

impl<'a> Tok<'a> {
    #[inline]
    fn new(text: &'a str, t: &Token, classes: &Classes) -> Tok<'a> {
        let s = t.span.slice(text);
        if t.kind != TokenKind::Word {
            return Tok {
                t: *t,
                s,
                classes: 0,
                name: false,
                initial: false,
            };
        }
        // Every listed word is a word (it starts with a letter).
        let classes = classes.of(s);
        let (name, initial) = if t.upper {
            all_caps_shape(s)
        } else {
            (true, false)
        };
        Tok {
            t: *t,
            s,
            classes,
            name: name && t.capitalized && classes & NOT_NAME == 0,
            initial,
        }
    }
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

/// Word-list bits of a [`Tok`]: one hashed lookup per token instead of one
/// per list and rule.
const HONORIFIC: u8 = 1;
const SPEECH_VERB: u8 = 2;
const ORG_HEAD: u8 = 4;
const CALENDAR_WORD: u8 = 8;
const NOT_NAME: u8 = 16;
const NOT_PERSON_HEAD: u8 = 32;
/// The function words that open `NOT_NAME_WORDS` ("The" to "It"): not part
/// of an organisation's capitalised run.
const FUNCTION_WORD: u8 = 64;

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
    map: rustc_hash::FxHashMap<&'static str, u8>,
    shape: Shape,
}

impl WordClasses {
    /// Inlined: most words stop at the shape, and a call costs more than
    /// the test.
    #[inline]
    fn get(&self, w: &str) -> u8 {
        if !self.shape.admits(w) {
            return 0;
        }
        self.lookup(w)
    }

    #[inline(never)]
    fn lookup(&self, w: &str) -> u8 {
        self.map.get(w).copied().unwrap_or(0)
    }
}

static CLASSES: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();

/// True when `w` goes to the table of capitalised words.
fn capitalised(w: &str) -> bool {
    w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
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
            let (mut capitalised_words, mut other) =
                (WordClasses::default(), WordClasses::default());
            for (word, bits) in map {
                let table = if capitalised(word) {
                    &mut capitalised_words
                } else {
                    &mut other
                };
                table.map.insert(word, bits);
            }
            for table in [&mut capitalised_words, &mut other] {
                table.shape = Shape::of(table.map.keys().copied());
            }
            Classes {
                capitalised: capitalised_words,
                other,
            }
        })
    }

    /// The word-list bits of `w` (exact match, as the lists are written).
    #[inline]
    fn of(&self, w: &str) -> u8 {
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
        scratch: &mut Scratch<'a>,
        out: &mut Vec<Candidate<'a>>,
    ) {
        let Scratch {
            toks,
            known_start,
            role_end,
            role_cover,
        } = scratch;
        toks.clear();
        let classes = Classes::get();
        toks.extend(tokens.iter().map(|t| Tok::new(text, t, classes)));
        // Which tokens start a known (gazetteer) non-person name, and which
        // tokens are role titles.
        for flags in [&mut *role_end, &mut *role_cover] {
            flags.clear();
            flags.resize(toks.len(), false);
        }
        known_start.clear();
        known_start.resize(toks.len(), None);
        let toks: &[Tok] = toks;
        for c in found {
            let Ok(si) = toks.binary_search_by_key(&c.span.start, |t| t.t.span.start) else {
                continue;
            };
            let Ok(ei) = toks.binary_search_by_key(&c.span.end, |t| t.t.span.end) else {
                continue;
            };
            if c.label == Label::Role {
                role_end[ei] = true;
                for flag in &mut role_cover[si..=ei] {
                    *flag = true;
                }
            } else if !c.weak
                && matches!(
                    c.label,
                    Label::Country | Label::Nationality | Label::Organization
                )
            {
                let k = &mut known_start[si];
                if k.is_none() || c.label == Label::Country {
                    *k = Some(c.label);
                }
            }
        }
        if all_caps {
            // A headline in capitals: only the context rules are safe.
            self.bylines(text, toks, out);
            return;
        }
        self.titled_persons(text, toks, role_end, role_cover, known_start, out);
        self.given_name_persons(text, toks, role_cover, known_start, out);
        self.initial_persons(text, toks, role_cover, known_start, out);
        self.bylines(text, toks, out);
        self.speakers(text, toks, role_cover, known_start, out);
        self.organisations(text, toks, role_cover, out);
        self.role_modifiers(text, toks, found, out);
    }

    /// True when token `i` can be part of a person's name.
    fn name_token(&self, toks: &[Tok], i: usize) -> bool {
        toks.get(i).is_some_and(|t| t.name)
    }

    /// The end (exclusive token index) of a person-name run starting at `i`,
    /// or `i` when there is none. Particles and initials may sit inside.
    fn name_run(&self, toks: &[Tok], i: usize, known_start: &[Option<Label>]) -> usize {
        let mut j = i;
        let mut last_name_end = i;
        while j < toks.len() && j - i < 6 {
            if j > i && known_start[j].is_some() {
                break;
            }
            if self.name_token(toks, j) {
                j += 1;
                // An initial's period: "George W. Bush".
                if one_char(toks[j - 1].s)
                    && toks.get(j).is_some_and(|t| t.s == ".")
                    && toks[j].t.span.start == toks[j - 1].t.span.end
                {
                    j += 1;
                }
                last_name_end = j;
                continue;
            }
            // A particle only continues a name (and is only looked at then).
            if j == i || toks[j].t.kind != TokenKind::Word {
                break;
            }
            let low = lower(toks[j].s);
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
                if self.name_token(toks, j + 1) {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        // A name never ends on a place or institution word.
        if last_name_end > i && toks[last_name_end - 1].classes & NOT_PERSON_HEAD != 0 {
            return i;
        }
        last_name_end
    }

    /// Adds a candidate for tokens `a..b`, named as written.
    fn push<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        a: usize,
        b: usize,
        rule: &Rule,
        out: &mut Vec<Candidate<'a>>,
    ) {
        if a >= b || b > toks.len() {
            return;
        }
        out.push(Candidate {
            span: Span::new(toks[a].t.span.start, toks[b - 1].t.span.end),
            label: rule.label,
            canonical: join_name(text, &toks[a..b]),
            source: rule.source,
            entry: None,
            weak: false,
            priority: rule.priority,
        });
    }

    /// `person.title`: "Foreign Minister Sergei Lavrov", "Mr. Barzani".
    fn titled_persons<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        role_end: &[bool],
        role_cover: &[bool],
        known_start: &[Option<Label>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        for i in 0..toks.len() {
            let honorific = toks[i].t.kind == TokenKind::Word && toks[i].classes & HONORIFIC != 0;
            if !(role_end[i] || honorific) {
                continue;
            }
            let mut start = i + 1;
            if honorific && toks.get(start).is_some_and(|t| t.s == ".") {
                start += 1;
            }
            if start >= toks.len() || role_cover[start] || known_start[start].is_some() {
                continue;
            }
            let end = self.name_run(toks, start, known_start);
            if end > start {
                self.push(text, toks, start, end, &PERSON_TITLE, out);
            }
        }
    }

    /// `person.given`: a known given name followed by capitalised words.
    fn given_name_persons<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        role_cover: &[bool],
        known_start: &[Option<Label>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        let mut i = 0;
        while i < toks.len() {
            if role_cover[i] || !self.name_token(toks, i) || known_start[i].is_some() {
                i += 1;
                continue;
            }
            let first = toks[i].s;
            let Some((weight, is_word)) = self.given.get(first) else {
                i += 1;
                continue;
            };
            let end = self.name_run(toks, i, known_start);
            if end < i + 2 || toks[i + 1..end].iter().any(|t| t.s == ".") && end == i + 2 {
                i += 1;
                continue;
            }
            // A given name that is also a common word ("Will", "May", "Bill")
            // needs a known surname after it, or a place inside the sentence
            // where a capital letter is not the sentence's.
            let next = toks[end - 1].s;
            let doubtful = is_word || weight < 2;
            if doubtful && !self.surnames.contains(next) && (i == 0 || weight < 2) {
                i += 1;
                continue;
            }
            self.push(text, toks, i, end, &PERSON_GIVEN, out);
            i = end;
        }
    }

    /// `person.initial`: initials before a capitalised surname ("C. Lewis",
    /// "K.T. Arasu", "J. R. Smith").
    fn initial_persons<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        role_cover: &[bool],
        known_start: &[Option<Label>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        let is_initial = |t: &Tok| t.initial;
        let mut i = 0;
        while i < toks.len() {
            // "U.N." and "U.S." look like initials but are names of their own.
            if !is_initial(&toks[i])
                || (i > 0 && is_initial(&toks[i - 1]))
                || known_start[i].is_some()
            {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < toks.len() && j - i < 6 {
                if is_initial(&toks[j]) {
                    j += 1;
                    // The period of a one-letter initial is its own token.
                    if toks.get(j).is_some_and(|t| t.s == ".") && one_char(toks[j - 1].s) {
                        j += 1;
                    }
                    continue;
                }
                break;
            }
            // "C" alone with no period is not an initial.
            let dotted = (i..j).any(|k| toks[k].s.contains('.'));
            if !dotted || j >= toks.len() || known_start[j].is_some() || role_cover[j] {
                i = j.max(i + 1);
                continue;
            }
            let end = self.name_run(toks, j, known_start);
            if end > j && !toks[j].t.upper {
                self.push(text, toks, i, end, &PERSON_INITIAL, out);
                i = end;
            } else {
                i = j.max(i + 1);
            }
        }
    }

    /// `person.byline`: "Reporting by X", "Writing by X", "Editing by X".
    fn bylines<'a>(&self, text: &'a str, toks: &[Tok], out: &mut Vec<Candidate<'a>>) {
        for i in 0..toks.len().saturating_sub(2) {
            if !toks[i + 1].s.eq_ignore_ascii_case("by") {
                continue;
            }
            let w = toks[i].s.to_lowercase();
            let by_line = matches!(
                w.as_str(),
                "reporting" | "writing" | "editing" | "compiled" | "additional"
            );
            if !by_line {
                continue;
            }
            let no_known = vec![None; toks.len()];
            let mut j = i + 2;
            // "Reporting by A and B; Editing by C"
            loop {
                let end = self.name_run(toks, j, &no_known);
                if end <= j {
                    break;
                }
                self.push(text, toks, j, end, &PERSON_BYLINE, out);
                if end < toks.len() && (toks[end].s == "and" || toks[end].s == ",") {
                    j = end + 1;
                } else {
                    break;
                }
            }
        }
    }

    /// `person.said`: a capitalised name right before or after a speech verb.
    fn speakers<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        role_cover: &[bool],
        known_start: &[Option<Label>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        for v in 0..toks.len() {
            if toks[v].classes & SPEECH_VERB == 0 {
                continue;
            }
            // Name before the verb: walk back over name tokens.
            let mut a = v;
            while a > 0 && self.name_token(toks, a - 1) && !role_cover[a - 1] && v - a < 3 {
                a -= 1;
            }
            if a < v && known_start[a..v].iter().all(|k| k.is_none()) {
                let end = self.name_run(toks, a, known_start);
                if end == v {
                    self.push(text, toks, a, v, &PERSON_SAID, out);
                }
            }
            // Name after the verb: "said Jane Roe".
            if v + 1 < toks.len() && !role_cover[v + 1] && known_start[v + 1].is_none() {
                let end = self.name_run(toks, v + 1, known_start);
                if end > v + 1 && (end == toks.len() || matches!(toks[end].s, "," | "." | ";")) {
                    self.push(text, toks, v + 1, end, &PERSON_SAID, out);
                }
            }
        }
    }

    /// `org.shape`: capitalised runs headed by an organisation word.
    fn organisations<'a>(
        &self,
        text: &'a str,
        toks: &[Tok],
        role_cover: &[bool],
        out: &mut Vec<Candidate<'a>>,
    ) {
        let cap = |t: &Tok| {
            (t.t.capitalized || t.t.upper)
                && matches!(t.t.kind, TokenKind::Word)
                && t.classes & (FUNCTION_WORD | CALENDAR_WORD) == 0
        };
        let mut i = 0;
        while i < toks.len() {
            // A name never starts with a role title ("Secretary of the
            // Security Council of Russia" is a title and a body).
            if !cap(&toks[i]) || role_cover[i] {
                i += 1;
                continue;
            }
            // The capitalised run, with connectors inside.
            let mut j = i;
            let mut last_cap = i;
            while j < toks.len() && j - i < 12 {
                if cap(&toks[j]) {
                    last_cap = j;
                    j += 1;
                    continue;
                }
                let low = lower(toks[j].s);
                if ORG_CONNECTORS.contains(&low) {
                    // "of the" also joins.
                    let k = if toks.get(j + 1).is_some_and(|t| t.s == "the") {
                        j + 2
                    } else {
                        j + 1
                    };
                    // A connector joins only once the run has its head: "Bank
                    // of England", "Ministry of Trade and Industry"; in "Faik
                    // Nerweyi of the Kurdistan Democratic Party" the name
                    // starts after "of the".
                    let has_head = (i..j).any(|h| toks[h].classes & ORG_HEAD != 0);
                    if toks.get(k).is_some_and(&cap) {
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
            let head = (i..run_end)
                .rev()
                .find(|&k| toks[k].classes & ORG_HEAD != 0);
            if let Some(h) = head {
                // "X of Y" after the head only when the head has a modifier or
                // the complement is short; the name ends at the run's end.
                let alone = h == i && run_end == i + 1;
                if !alone {
                    self.push(text, toks, i, run_end, &ORG_SHAPE, out);
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
        toks: &[Tok],
        found: &[Candidate<'a>],
        out: &mut Vec<Candidate<'a>>,
    ) {
        for c in found.iter().filter(|c| c.label == Label::Role) {
            let mut start = c.span.start;
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
                let before = toks.partition_point(|t| t.t.span.end <= start);
                let Some(prev) = before.checked_sub(1).map(|i| &toks[i]) else {
                    break;
                };
                let gap = &text[prev.t.span.end..start];
                if gap.chars().all(char::is_whitespace)
                    && !gap.is_empty()
                    && self
                        .ranks
                        .iter()
                        .any(|r| !r.ends_with('-') && prev.s.eq_ignore_ascii_case(r))
                {
                    start = prev.t.span.start;
                    continue;
                }
                break;
            }
            if start < c.span.start {
                out.push(Candidate {
                    span: Span::new(start, c.span.end),
                    label: Label::Role,
                    canonical: c.canonical.clone(),
                    source: "rule:role.modifier",
                    entry: c.entry,
                    weak: false,
                    priority: c.priority,
                });
            }
        }
    }
}

/// Joins name tokens as written, with single spaces (the canonical form of a
/// rule-found name).
fn join_name<'a>(text: &'a str, toks: &[Tok]) -> Cow<'a, str> {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return Cow::Borrowed("");
    };
    let written = &text[first.t.span.start..last.t.span.end];
    // Most names are written with single spaces: the text is the name.
    let as_written = toks.windows(2).all(|w| {
        let (end, next) = (w[0].t.span.end, w[1].t.span.start);
        next == end || (next == end + 1 && text.as_bytes()[end] == b' ')
    });
    if as_written {
        return Cow::Borrowed(written);
    }
    let mut s = String::new();
    let mut prev_end = None;
    for t in toks {
        if let Some(e) = prev_end {
            if t.t.span.start > e {
                s.push(' ');
            }
        }
        s.push_str(t.s);
        prev_end = Some(t.t.span.end);
    }
    Cow::Owned(s)
}
