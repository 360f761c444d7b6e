//! Stage 4: candidates → mentions with one canonical name per document.
//!
//! Overlap policy (the one place where overlaps are decided):
//! 1. Weak candidates (common-word forms such as "Chad", and upper-cased
//!    place names in headlines) are kept only when the same canonical name is
//!    found without doubt elsewhere in the document, or a locative preposition
//!    ("in", "to", "from" ...) precedes them.
//! 2. Named candidates are placed before role titles, so a role never cuts a
//!    name: in "Secretary of the Security Council of Russia" the organisation
//!    wins and the shorter title "Secretary" fills the gap.
//! 3. Among the rest: longer first, then higher priority (user gazetteers 3,
//!    gazetteers 2, rules 0–2), then the label order COUNTRY, ORGANIZATION,
//!    NATIONALITY, PERSON, LOCATION, ROLE, then the earlier start. A candidate
//!    that overlaps one already placed is dropped.
//!
//! Linking, document-wide:
//! - persons: "Kim Jong-un" and "Kim Jong Un" are one person; a lone surname
//!   ("Shoigu"), or a lone first name of a three-part name ("Kim"), anywhere in
//!   the document, is that person;
//! - acronyms: "Organisation of Islamic Conference (OIC)" makes every "OIC"
//!   that organisation; "Security Council" after "Security Council of Russia"
//!   is the same body;
//! - states: a demonym's canonical name is its country ("North Korean" →
//!   North Korea); a capital that acts ("Moscow and Pyongyang have denied")
//!   becomes its COUNTRY, while a capital after a preposition ("a visit to
//!   Pyongyang") stays a LOCATION.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::gazetteer::{one_part, push_name_key};
use crate::model::{
    with_lower, Candidate, Entity, Label, Name, Names, Offices, Origin, Shape, Span, WordSet,
    CALENDAR, RULE_SOURCES,
};
use crate::token::{Token, TokenKind};

/// What resolution asks of the gazetteers.
pub struct Lookups<'a, 'g> {
    /// The attributes of a gazetteer entry, by its index.
    pub info: &'a dyn Fn(u32) -> EntryInfo<'g>,
    /// The one country of the known persons a person's name may stand for,
    /// if they agree.
    pub person_country: &'a dyn Fn(&str) -> Option<&'g str>,
    /// The source of each gazetteer list's candidates (`gazetteer:<list>`),
    /// by the index in [`Origin::List`].
    pub list_sources: &'g [String],
}

/// What resolution knows about a gazetteer entry behind a candidate.
#[derive(Debug, Clone, Default)]
pub struct EntryInfo<'g> {
    /// Related country.
    pub country: Option<&'g str>,
    /// A capital that can stand for its country.
    pub capital: bool,
    /// Country of the person's most recent office.
    pub office_country: Option<&'g str>,
}

/// A resolved mention plus what later stages need to know about it: an
/// [`Entity`] in 56 bytes rather than 72 (its span a start and a `u32`
/// length, its flags beside them). A 64 MB document has two and a half
/// million mentions, and resolution passes over them several times: 16
/// bytes more a mention made that document 5% slower.
#[derive(Debug, Clone)]
pub struct Mention<'g> {
    /// Where it starts in the document.
    start: usize,
    /// Its length in bytes (see [`Mention::new`]).
    len: u32,
    /// What it names.
    pub label: Label,
    /// True for a capital (whether or not it acts as its state here).
    pub capital: bool,
    /// Index of the sentence that contains it.
    pub sentence: usize,
    /// The full name all mentions of the same thing share.
    pub canonical: Name,
    /// Where it came from (see [`Entity::source`]).
    pub source: Name,
    /// Related country (a demonym's or capital's state, a person's office
    /// country, an organisation's country), borrowed from the gazetteer.
    pub country: Option<&'g str>,
}

// Keep it so.
const _: () = assert!(std::mem::size_of::<Mention>() == 56);

/// The longest mention, in bytes.
const MAX_MENTION: usize = u32::MAX as usize;

impl<'g> Mention<'g> {
    /// The mention of `entity`, which is at most [`MAX_MENTION`] bytes
    /// long: a token is, a candidate is (see [`Candidate::extent`]), and the
    /// results-line clubs that could be longer (only in a text over 4 GiB, a
    /// name with gigabytes of spaces inside) are left out before they get
    /// here.
    pub fn new(entity: Entity, country: Option<&'g str>, capital: bool) -> Mention<'g> {
        debug_assert!(entity.span.len() <= MAX_MENTION);
        Mention {
            start: entity.span.start,
            len: u32::try_from(entity.span.len()).unwrap_or(u32::MAX),
            label: entity.label,
            capital,
            sentence: entity.sentence,
            canonical: entity.canonical,
            source: entity.source,
            country,
        }
    }

    /// Byte range in the document.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.len as usize)
    }

    /// The public entity.
    pub fn into_entity(self) -> Entity {
        Entity {
            span: self.span(),
            label: self.label,
            canonical: self.canonical,
            source: self.source,
            sentence: self.sentence,
        }
    }
}

/// Adjectives that make the next name a place: "rural Victoria".
static PLACE_ADJECTIVES: WordSet = WordSet::new(&[
    "rural",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "coastal",
    "downtown",
    "suburban",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "upstate",
]);

/// Sections of a sports page, as news agencies open their headlines
/// ("SOCCER - ENGLISH LEAGUE RESULTS").
const SPORTS: &[&str] = &[
    "SOCCER",
    "FOOTBALL",
    "CRICKET",
    "BASEBALL",
    "BASKETBALL",
    "TENNIS",
    "GOLF",
    "RUGBY",
    "ATHLETICS",
    "CYCLING",
    "MOTOR RACING",
    "MOTORCYCLING",
    "BOXING",
    "HORSE RACING",
    "ICE HOCKEY",
    "HOCKEY",
    "NHL",
    "NFL",
    "NBA",
    "MLB",
    "SWIMMING",
    "SKIING",
    "SQUASH",
    "BADMINTON",
    "VOLLEYBALL",
    "HANDBALL",
    "FORMULA ONE",
    "SAILING",
    "ROWING",
    "OLYMPICS",
    "CHESS",
    "YACHTING",
    "TRIATHLON",
    "SNOOKER",
    "DARTS",
    "NASCAR",
    "SPORT",
    "SPORTS",
];

/// Sporting nations that are not states in the gazetteers: their sides are
/// their country, never a club.
const NATIONS: &[&str] = &[
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "ENGLAND",
    "SCOTLAND",
    "WALES",
    "West Indies",
    "Hong Kong",
];

/// Words around a place name that make it a team on a sports page (not
/// "at", which says where a match is played).
static TEAM_WORDS: WordSet = WordSet::new(&[
    "beat", "beats", "beating", "drew", "draw", "draws", "lost", "lose", "loses", "defeated",
    "defeat", "defeats", "won", "win", "wins", "v", "vs", "versus", "against", "host", "hosts",
    "hosted", "edged", "routed", "thrashed", "trounced", "crushed", "overcame", "downed", "topped",
    "blanked", "whipped", "leads", "led", "trail", "trailed", "trails",
]);

/// A sports page: its headline names a sport before a dash ("CRICKET -"),
/// or several lines read like results ("Arsenal 2 Chelsea 1").
fn is_sports_page(text: &str, sentences: &[SentenceInput]) -> bool {
    let Some(first) = sentences.first().and_then(|s| {
        let a = s.tokens.first()?.span().start;
        let b = s.tokens.last()?.span().end;
        text.get(a..b)
    }) else {
        return false;
    };
    if let Some((head, _)) = split_once_ascii(first, b" - ") {
        let head = head.trim();
        if SPORTS
            .iter()
            .any(|s| head.eq_ignore_ascii_case(s) || head.starts_with(s))
        {
            return true;
        }
    }
    // Three results lines settle it.
    sentences
        .iter()
        .filter(|s| {
            let numbers = s
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Number)
                .count();
            numbers >= 2 && s.tokens.len() <= 4 * numbers + 4
        })
        .nth(2)
        .is_some()
}

/// A place used as a team: followed by a score or a standing, or next to a
/// word of winning, losing or playing.
fn team_context(text: &str, toks: &[Token], span: Span) -> bool {
    if NATIONS.contains(&span.slice(text)) {
        return false;
    }
    let i = toks.partition_point(|t| t.span().start < span.end);
    if let Some(t) = toks.get(i).filter(|t| t.kind == TokenKind::Number) {
        // "LONDON 1996-08-30" is a dateline, not a score.
        let first = toks.first().is_some_and(|f| f.span().start == span.start);
        return !(first && t.span().slice(text).contains('-'));
    }
    let after = toks.get(i).map(|t| t.span().slice(text));
    let team_word = |w: &str| TEAM_WORDS.contains_lowered(w);
    after.is_some_and(team_word) || prev_word(text, toks, span).is_some_and(team_word)
}

/// On a sports page, places (not states: national sides stay their country)
/// in team positions are the clubs named after them, and unknown capitalised
/// names before a score in a results line are clubs too ("Ruch Chorzow 2").
fn teams(text: &str, sentences: &[SentenceInput], names: &mut Names, mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let toks = s.tokens;
        let numbers = toks.iter().filter(|t| t.kind == TokenKind::Number).count();
        if numbers < 2 || toks.len() > 4 * numbers + 6 {
            continue; // not a results line
        }
        let mut i = 0;
        while i < toks.len() {
            let is_name = |t: &Token| {
                t.kind == TokenKind::Word
                    && t.capitalized
                    && cover(mentions, t.span()).is_none()
                    && !CALENDAR.contains(t.span().slice(text))
            };
            if !is_name(&toks[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < toks.len() && is_name(&toks[j]) && j - i < 4 {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.kind == TokenKind::Number) {
                let span = Span::new(toks[i].span().start, toks[j - 1].span().end);
                // (A club of gigabytes is none.)
                if span.len() <= MAX_MENTION {
                    added.push(Mention::new(
                        Entity {
                            span,
                            label: Label::Organization,
                            canonical: names.get(span.slice(text)),
                            source: names.get("rule:org.results"),
                            sentence: si,
                        },
                        None,
                        false,
                    ));
                }
            }
            i = j.max(i + 1);
        }
    }
    merge_by_start(mentions, added);
    for m in mentions.iter_mut() {
        if m.label != Label::Location {
            continue;
        }
        let Some(s) = sentences.get(m.sentence) else {
            continue;
        };
        if team_context(text, s.tokens, m.span()) {
            m.label = Label::Organization;
            link(names, &mut m.source, "+link:team");
        }
    }
}

/// What [`state_context`] asks of one sentence, indexed once so that each
/// weak candidate costs a few binary searches, not a pass over every
/// candidate and the text between (quadratic in a sentence of thousands of
/// state names).
struct StateIndex<'s> {
    /// Where role titles start, sorted.
    role_starts: Vec<usize>,
    /// The states found without doubt, by start.
    states: Vec<&'s Candidate<'s>>,
    /// Their starts, searched without reading the candidates.
    state_starts: Vec<usize>,
    /// Where the sentence's bytes are counted from.
    from: usize,
    /// One bit for each byte of the sentence: set where a lower-case
    /// letter starts.
    lower: Vec<u64>,
}

/// How many states on each side of a candidate [`state_context`] looks at:
/// any that is near enough, or in the same capitals, is among them.
const STATE_WINDOW: usize = 16;

impl<'s> StateIndex<'s> {
    fn new(text: &str, toks: &[Token], all: &'s [Candidate<'s>]) -> StateIndex<'s> {
        let mut role_starts: Vec<usize> = all
            .iter()
            .filter(|o| o.label == Label::Role)
            .map(|o| o.span().start)
            .collect();
        role_starts.sort_unstable();
        let mut states: Vec<&Candidate> = all
            .iter()
            .filter(|o| o.label == Label::Country && !o.weak)
            .collect();
        states.sort_by_key(|o| o.span().start);
        let state_starts = states.iter().map(|o| o.span().start).collect();
        let (from, to) = match (toks.first(), toks.last()) {
            (Some(first), Some(last)) => (first.span().start, last.span().end),
            _ => (0, 0),
        };
        let mut lower = vec![0u64; (to - from).div_ceil(64)];
        for (i, ch) in text[from..to].char_indices() {
            if ch.is_lowercase() {
                lower[i / 64] |= 1 << (i % 64);
            }
        }
        StateIndex {
            role_starts,
            states,
            state_starts,
            from,
            lower,
        }
    }

    /// True when no lower-case letter lies in `from..to`.
    fn capitals(&self, from: usize, to: usize) -> bool {
        let (from, to) = (
            from.saturating_sub(self.from),
            to.saturating_sub(self.from).min(self.lower.len() * 64),
        );
        let mut i = from;
        while i < to {
            // The bits of word `i / 64` from bit `i % 64` up to `to`.
            let word = self.lower[i / 64] >> (i % 64);
            let n = (64 - i % 64).min(to - i);
            let mask = if n == 64 { u64::MAX } else { (1 << n) - 1 };
            if word & mask != 0 {
                return false;
            }
            i += n;
        }
        true
    }
}

/// True when a weak state name acts as a state: "Turkey's central bank",
/// "Jordan's King", or next to a state found without doubt ("Georgia and
/// Armenia", "TURKEY SENDS AID TO SYRIA").
fn state_context(text: &str, toks: &[Token], c: &Candidate, index: &StateIndex) -> bool {
    let i = toks.partition_point(|t| t.span().start < c.span().end);
    if toks.get(i).is_some_and(|t| t.kind == TokenKind::Possessive) {
        if let Some(next) = toks.get(i + 1) {
            let w = next.span().slice(text);
            let titled = index.role_starts.binary_search(&next.span().start).is_ok();
            if titled || w.chars().next().is_some_and(|ch| ch.is_lowercase()) {
                return true;
            }
        }
    }
    let at = index.state_starts.partition_point(|&s| s < c.span().start);
    // Nearest first: the state next to it usually settles the question.
    let cs = c.span();
    let near = |o: &Candidate| {
        let os = o.span();
        o.canonical != c.canonical
            && (os.start.abs_diff(cs.end) <= 6
                || cs.start.abs_diff(os.end) <= 6
                || index.capitals(cs.start.min(os.start), cs.end.max(os.end)))
    };
    (0..STATE_WINDOW).any(|k| {
        (k < at && near(index.states[at - 1 - k]))
            || index.states.get(at + k).is_some_and(|o| near(o))
    })
}

/// Locative prepositions: a place after them is a place, not an actor.
static LOCATIVES: WordSet = WordSet::new(&[
    "in", "at", "to", "from", "near", "outside", "into", "toward", "towards", "via", "across",
    "around", "through", "over", "inside", "within", "of", "on", "for",
]);

/// Words of travel: a capital after them is a place too ("visited
/// Pyongyang"), like one after [`LOCATIVES`].
static TRAVEL: WordSet = WordSet::new(&[
    "visit", "visited", "visiting", "visits", "reach", "reached", "left", "leave", "arrive",
    "arrived", "between",
]);

/// Appends how linking changed a mention ("+link:acronym") to its source.
fn link(names: &mut Names, source: &mut Name, how: &str) {
    *source = names.concat(source, how);
}

/// The resolution stage.
#[derive(Debug, Clone, Default)]
pub struct Resolver;

/// One sentence's input to resolution.
pub struct SentenceInput<'t, 'c> {
    /// Its tokens.
    pub tokens: &'t [Token],
    /// Its candidates (gazetteer and rules).
    pub candidates: &'c [Candidate<'c>],
}

/// The order in which a sentence's candidates claim their bytes: roles
/// last; then longer spans first, higher priority first, by label rank,
/// leftmost first; then by canonical name, and by the order found. Packed
/// into integers so that sorting the thousands of candidates of a long
/// sentence compares two words, not six fields.
#[derive(Clone, Copy)]
struct PlaceKey {
    /// Role flag, span length, priority, label rank, start.
    rank: (u64, u64, u64),
    /// Position in the sentence's candidate list: the last tie-breaker.
    index: usize,
}

impl PlaceKey {
    fn of(c: &Candidate, index: usize) -> PlaceKey {
        let role = u64::from(c.label == Label::Role) << 63;
        // Longer first: the complement of the length, within 63 bits.
        let shorter = !(c.span().len() as u64) & (u64::MAX >> 1);
        let lower = (u64::from(u8::MAX - c.priority) << 8) | u64::from(label_rank(c.label));
        PlaceKey {
            rank: (role | shorter, lower, c.span().start as u64),
            index,
        }
    }
}

fn label_rank(l: Label) -> u8 {
    match l {
        Label::Country => 0,
        Label::Organization => 1,
        Label::Nationality => 2,
        Label::Person => 3,
        Label::Location => 4,
        Label::Role => 5,
    }
}

impl Resolver {
    /// Creates the resolver.
    pub fn new() -> Resolver {
        Resolver
    }

    /// Resolves the candidates of every sentence of a document into mentions.
    /// `gaz` answers what resolution asks of the gazetteers.
    pub fn resolve<'g>(
        &self,
        text: &str,
        sentences: &[SentenceInput],
        gaz: &Lookups<'_, 'g>,
        offices: &'g dyn Offices,
        names: &mut Names,
    ) -> Vec<Mention<'g>> {
        let (info, person_country) = (gaz.info, gaz.person_country);
        // 1. Weak candidates need support: the same name found without doubt
        // elsewhere, or the state of a demonym, capital, city or office-holder
        // found without doubt ("Chadian" supports "Chad").
        // Only the names that weak candidates need are looked for: (label,
        // canonical name) -> found without doubt. Most candidates are not
        // weak, and most of those carry a label no weak candidate has.
        let mut support: HashMap<(Label, &str), bool> = HashMap::default();
        for c in sentences.iter().flat_map(|s| s.candidates) {
            if c.weak {
                support.entry((c.label, &c.canonical)).or_insert(false);
            }
        }
        if !support.is_empty() {
            let wanted = |l: Label| 1u8 << label_rank(l);
            let labels = support.keys().fold(0, |a, &(l, _)| a | wanted(l));
            // The first of the candidates with one label and name gives the
            // state of its entry, if a weak state name wants it.
            let mut seen: HashSet<(Label, &str)> = HashSet::default();
            for c in sentences.iter().flat_map(|s| s.candidates) {
                if c.weak {
                    continue;
                }
                if labels & wanted(c.label) != 0 {
                    if let Some(found) = support.get_mut(&(c.label, &*c.canonical)) {
                        *found = true;
                    }
                }
                if labels & wanted(Label::Country) != 0
                    && matches!(
                        c.label,
                        Label::Nationality | Label::Location | Label::Person
                    )
                    && seen.insert((c.label, &c.canonical))
                {
                    if let Some(country) = c
                        .entry()
                        .map(info)
                        .and_then(|i| i.country.or(i.office_country))
                    {
                        if let Some(found) = support.get_mut(&(Label::Country, country)) {
                            *found = true;
                        }
                    }
                }
            }
        }
        let is_strong = |c: &Candidate| support.get(&(c.label, &*c.canonical)) == Some(&true);
        let sports = is_sports_page(text, sentences);
        // Each mention is a placed candidate (or, rarely, added by linking).
        let mut mentions: Vec<Mention> =
            Vec::with_capacity(sentences.iter().map(|s| s.candidates.len()).sum());
        // Buffers for one sentence at a time.
        let mut cands: Vec<(PlaceKey, &Candidate)> = Vec::new();
        // The bytes placed candidates cover.
        let mut taken = Covered::default();
        let mut placed: Vec<&Candidate> = Vec::new();
        // The mentions' sources, each interned once.
        let mut origins = OriginNames::default();
        for (si, s) in sentences.iter().enumerate() {
            let toks = s.tokens;
            // Built for the sentence's first weak state name, if any.
            let mut states: Option<StateIndex> = None;
            // Candidates come mostly in text order.
            let mut cursor = TokenCursor::default();
            cands.clear();
            cands.extend(
                s.candidates
                    .iter()
                    .filter(|c| {
                        // "in March" is a date, whatever the town lists say.
                        !(c.label == Label::Location && CALENDAR.contains(c.span().slice(text)))
                    })
                    .filter(|c| {
                        !c.weak
                            || is_strong(c)
                            || (matches!(c.label, Label::Country | Label::Location)
                                && prev_word_at(
                                    text,
                                    toks,
                                    cursor.before(toks, si, c.span().start),
                                )
                                .is_some_and(|w| {
                                    LOCATIVES.contains_lowered(w)
                                        || PLACE_ADJECTIVES.contains_lowered(w)
                                }))
                            || (c.label == Label::Country
                                && state_context(
                                    text,
                                    toks,
                                    c,
                                    states.get_or_insert_with(|| {
                                        StateIndex::new(text, toks, s.candidates)
                                    }),
                                ))
                            || (sports
                                && c.label == Label::Location
                                && team_context(text, toks, c.span()))
                    })
                    .enumerate()
                    .map(|(i, c)| (PlaceKey::of(c, i), c)),
            );
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            placed.clear();
            if cands
                .windows(2)
                .all(|w| w[0].1.span().end <= w[1].1.span().start)
            {
                // In text order and overlapping nowhere: each is placed,
                // whatever the order of claims.
                placed.extend(cands.iter().map(|&(_, c)| c));
            } else {
                // 2-3. Order and place.
                cands.sort_unstable_by(|(ka, a), (kb, b)| {
                    ka.rank
                        .cmp(&kb.rank)
                        .then_with(|| a.canonical.cmp(&b.canonical))
                        .then(ka.index.cmp(&kb.index))
                });
                taken.reset(Span::new(first.span().start, last.span().end));
                for &(_, c) in &cands {
                    if !taken.any(c.span()) {
                        taken.mark(c.span());
                        placed.push(c);
                    }
                }
                placed.sort_by_key(|c| c.span().start);
            }
            for &c in &placed {
                let inf = c.entry().map(info).unwrap_or_default();
                let country = inf.country.or(inf.office_country);
                let canonical = match (c.label, inf.country) {
                    (Label::Nationality, Some(cn)) => cn,
                    _ => &c.canonical,
                };
                mentions.push(Mention::new(
                    Entity {
                        span: c.span(),
                        label: c.label,
                        canonical: names.get(canonical),
                        source: origins.name(c.origin, gaz.list_sources, names),
                        sentence: si,
                    },
                    country,
                    inf.capital,
                ));
            }
        }
        let country_of = self.link_persons(text, sentences, names, &mut mentions);
        // The persons' countries, in one pass over the mentions (at tens of
        // megabytes each pass is memory traffic): each step looks at the
        // mention alone, and at tables made before the pass.
        // Names repeat: each is looked up once.
        let mut known: HashMap<Name, Option<&str>> = HashMap::default();
        for m in mentions.iter_mut() {
            if m.label != Label::Person {
                continue;
            }
            // A person's country from the gazetteer carries to all its
            // mentions.
            if m.country.is_none() {
                if let Some(&c) = country_of.get(m.canonical.as_str()) {
                    m.country = Some(c);
                }
            }
            // A lone surname nobody in the document carries in full: the
            // office-holder of the document's date with that name, if one.
            let surface = m.span().slice(text);
            // The comparison first: it is cheaper than splitting the name.
            if m.canonical == surface && one_part(surface) {
                if let Some((canonical, country)) = offices.surname(surface) {
                    m.canonical = names.get(canonical);
                    m.country = country;
                    link(names, &mut m.source, "+link:office");
                }
            }
            // A person no gazetteer row matched exactly may still be a known
            // office-holder under another transliteration.
            if m.country.is_none() {
                let name = &m.canonical;
                let c = match known.get(name.as_str()) {
                    Some(&c) => c,
                    None => *known.entry(name.clone()).or_insert(person_country(name)),
                };
                m.country = c;
            }
        }
        drop(known);
        self.link_organisations(text, sentences, names, &mut mentions);
        self.capitals_as_states(text, sentences, names, &mut mentions);
        if sports {
            teams(text, sentences, names, &mut mentions);
        }
        document_forms(text, names, &mut mentions);
        // Placed in text order, sentence by sentence; every pass since kept
        // that order.
        debug_assert!(mentions.is_sorted_by_key(|m| m.span().start));
        mentions
    }

    /// Person clusters, surname propagation.
    /// Returns, by canonical name, the first country a person's mentions
    /// carry (from the gazetteer), for the same person's mentions without
    /// one; empty when no person of the document is named in several
    /// parts.
    fn link_persons<'g>(
        &self,
        text: &str,
        sentences: &[SentenceInput],
        names: &mut Names,
        mentions: &mut Vec<Mention<'g>>,
    ) -> HashMap<Name, &'g str> {
        // Each person mention (its index), its name key and its number of
        // parts, computed once, the keys all in one buffer. Only persons are
        // listed: the passes below look at nothing else.
        // Sized once: a key is no longer than its name and a space (but for
        // the rare letter that grows when lower-cased).
        let persons = mentions.iter().filter(|m| m.label == Label::Person);
        let mut buf = String::with_capacity(persons.map(|m| m.span().len() + 1).sum());
        let ranges: Vec<(usize, Range<usize>, usize)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.label == Label::Person)
            .map(|(i, m)| {
                let from = buf.len();
                let n = push_name_key(m.span().slice(text), &mut buf);
                (i, from..buf.len(), n)
            })
            .collect();
        let keys: Vec<(usize, &str, usize)> = ranges
            .into_iter()
            .map(|(i, r, n)| (i, &buf[r], n))
            .collect();
        // The lookups below borrow the mentions' names; what they find is
        // changed afterwards. Mention -> its new canonical name, and whether
        // a lone surname found it.
        let mut renames: Vec<(usize, &str, bool)> = Vec::new();
        // Full names seen in the document: key -> canonical.
        let mut full: Vec<&str> = Vec::new(); // distinct keys, in order
        let full_names = keys.iter().filter(|(_, _, n)| *n >= 2).count();
        let mut by_key: HashMap<&str, &str> = map_with_capacity(full_names);
        let mut from_gazetteer: HashSet<&str> =
            HashSet::with_capacity_and_hasher(full_names, Default::default());
        for &(i, key, n) in &keys {
            if n < 2 {
                continue;
            }
            let m = &mentions[i];
            let canonical = m.canonical.as_str();
            let gaz = m.source.starts_with("gazetteer:");
            if gaz {
                from_gazetteer.insert(canonical);
            }
            match by_key.entry(key) {
                Entry::Occupied(mut e) => {
                    if gaz && !from_gazetteer.contains(e.get()) {
                        e.insert(canonical);
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(canonical);
                    full.push(key);
                }
            }
        }
        drop(from_gazetteer);
        // Same key -> same canonical (gazetteer form preferred).
        for &(i, key, n) in &keys {
            if n < 2 {
                continue; // one-part keys are never in `by_key`
            }
            if let Some(&c) = by_key.get(key) {
                if c != mentions[i].canonical {
                    renames.push((i, c, false));
                }
            }
        }
        // Mentions in place of a city or region of the same extent, and new ones.
        let mut replaced: Vec<(usize, Mention)> = Vec::new();
        let mut added = Vec::new();
        if !full.is_empty() {
            // Short forms: last part, or first part of a name in three parts.
            // Short form -> the one name it stands for (None once two differ).
            let mut shorts: HashMap<&str, Option<&str>> = map_with_capacity(2 * full.len());
            for key in &full {
                let canon = by_key[key];
                let mut parts = key.split(' ');
                let first = parts.next().unwrap_or("");
                let last = parts.next_back().unwrap_or(first);
                let three = parts.next().is_some();
                let forms = [Some(last), (three && last != first).then_some(first)];
                for w in forms.into_iter().flatten() {
                    shorts
                        .entry(w)
                        .and_modify(|v| {
                            if *v != Some(canon) {
                                *v = None;
                            }
                        })
                        .or_insert(Some(canon));
                }
            }
            // Most capitalised words have neither the length nor the first
            // letter of any short form.
            let shape = Shape::of(shorts.keys().copied());
            let short_target = |word: &str| -> Option<&str> {
                if !shape.admits_lowered(word) {
                    return None;
                }
                with_lower(word, |w| shorts.get(w).copied().flatten())
            };
            // Existing one-word person mentions.
            for &(i, key, n) in &keys {
                if n == 1 {
                    if let Some(c) = short_target(key) {
                        if c != mentions[i].canonical {
                            renames.push((i, c, true));
                        }
                    }
                }
            }
            // Uncovered capitalised tokens (or tokens covered only by a city
            // or region of the same extent) that are a known person's short
            // name.
            let mut covers = Cover::default();
            for (si, s) in sentences.iter().enumerate() {
                for t in s.tokens {
                    if t.kind != TokenKind::Word || !t.capitalized {
                        continue;
                    }
                    let covering = covers.at(mentions, t.span());
                    if let Some(ci) = covering {
                        let m = &mentions[ci];
                        if !(m.span() == t.span() && m.label == Label::Location && !m.capital) {
                            continue;
                        }
                    }
                    let word = t.span().slice(text);
                    let Some(c) = short_target(word) else {
                        continue;
                    };
                    let entity = Entity {
                        span: t.span(),
                        label: Label::Person,
                        canonical: names.get(c),
                        source: names.get("rule:person.short+link:surname"),
                        sentence: si,
                    };
                    let mention = Mention::new(entity, None, false);
                    match covering {
                        Some(ci) => replaced.push((ci, mention)),
                        None => added.push(mention),
                    }
                }
            }
        }
        let renames: Vec<(usize, Name, bool)> = renames
            .into_iter()
            .map(|(i, c, surname)| (i, names.get(c), surname))
            .collect();
        drop(by_key);
        for (i, c, surname) in renames {
            let m = &mut mentions[i];
            m.canonical = c;
            if surname {
                link(names, &mut m.source, "+link:surname");
            }
        }
        let mut country_of: HashMap<Name, &'g str> = HashMap::default();
        if full.is_empty() {
            return country_of;
        }
        for (i, m) in replaced {
            mentions[i] = m;
        }
        merge_by_start(mentions, added);
        for m in mentions.iter().filter(|m| m.label == Label::Person) {
            if let Some(c) = &m.country {
                if !country_of.contains_key(m.canonical.as_str()) {
                    country_of.insert(m.canonical.clone(), c);
                }
            }
        }
        country_of
    }

    /// Acronyms in parentheses and shortened organisation names.
    fn link_organisations(
        &self,
        text: &str,
        sentences: &[SentenceInput],
        names: &mut Names,
        mentions: &mut Vec<Mention>,
    ) {
        debug_assert!(mentions.is_sorted_by_key(|m| m.span().start));
        // "Full Name (ACR)"
        let mut acronyms: HashMap<String, (Name, Label)> = HashMap::default();
        for w in mentions.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if !matches!(a.label, Label::Organization | Label::Country) {
                continue;
            }
            if !is_byte(text, b.span().end, b')') {
                continue;
            }
            let between = text.get(a.span().end..b.span().start).unwrap_or("");
            if between.trim() == "(" {
                let acr = b.span().slice(text).to_string();
                if is_acronym(&acr) {
                    acronyms.insert(acr, (a.canonical.clone(), a.label));
                }
            }
        }
        // Also acronyms no candidate covered: find "(ACR)" right after an ORG.
        // A byte search finds the closing parentheses, without a look at
        // every token.
        for (si, s) in sentences.iter().enumerate() {
            let toks = s.tokens;
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let from = first.span().start;
            let mut cursor = TokenCursor::default();
            for at in memchr::memchr_iter(b')', &text.as_bytes()[from..last.span().end]) {
                // The token that is this ')', and the two before it.
                let k = cursor.before(toks, si, from + at);
                if toks.get(k).is_none_or(|t| t.span().start != from + at) {
                    continue;
                }
                let [open, t, close] = &toks[k.saturating_sub(2)..=k] else {
                    continue;
                };
                if close.span().len() != 1 || !is_punct(text, open, b'(') {
                    continue;
                }
                let w = t.span().slice(text);
                if !is_acronym(w) || cover(mentions, t.span()).is_some() {
                    continue;
                }
                let before = open.span().start;
                let prev = mentions
                    .partition_point(|m| m.span().end <= before)
                    .checked_sub(1)
                    .map(|i| &mentions[i])
                    .filter(|m| m.sentence == si);
                if let Some(p) = prev {
                    let gap = text.get(p.span().end..before).unwrap_or("x");
                    if gap.trim().is_empty() && p.label == Label::Organization {
                        acronyms.insert(w.to_string(), (p.canonical.clone(), p.label));
                    }
                }
            }
        }
        if !acronyms.is_empty() {
            let mut added = Vec::new();
            for (si, s) in sentences.iter().enumerate() {
                // An acronym starts with a capital.
                for t in s.tokens.iter().filter(|t| t.capitalized) {
                    let w = t.span().slice(text);
                    let Some((canon, label)) = acronyms.get(w) else {
                        continue;
                    };
                    let covering = cover(mentions, t.span());
                    match covering {
                        Some(ci) => {
                            let m = &mut mentions[ci];
                            if m.span() == t.span() && m.canonical != *canon {
                                m.canonical = canon.clone();
                                m.label = *label;
                                link(names, &mut m.source, "+link:acronym");
                            }
                        }
                        None => added.push(Mention::new(
                            Entity {
                                span: t.span(),
                                label: *label,
                                canonical: canon.clone(),
                                source: names.get("rule:org.acronym+link:acronym"),
                                sentence: si,
                            },
                            None,
                            false,
                        )),
                    }
                }
            }
            merge_by_start(mentions, added);
        }
        // "Security Council" -> "Security Council of Russia".
        // Head -> the one full name with that head (None once two differ).
        // Both borrow the mentions' names; the renames are made afterwards.
        let mut longs: HashMap<&str, Option<&str>> = HashMap::default();
        for m in mentions.iter().filter(|m| m.label == Label::Organization) {
            let canon = m.canonical.as_str();
            if let Some((head, _)) = split_once_ascii(canon, b" of ") {
                longs
                    .entry(head)
                    .and_modify(|v| {
                        if *v != Some(canon) {
                            *v = None;
                        }
                    })
                    .or_insert(Some(canon));
            }
        }
        if longs.is_empty() {
            return;
        }
        let renames: Vec<(usize, Name)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.label == Label::Organization)
            .filter_map(|(i, m)| {
                let t = m.span().slice(text);
                let t = t.strip_prefix("the ").unwrap_or(t);
                let full = (*longs.get(t)?)?;
                (m.canonical != full && full != t).then(|| (i, names.get(full)))
            })
            .collect();
        for (i, full) in renames {
            let m = &mut mentions[i];
            m.canonical = full;
            link(names, &mut m.source, "+link:short");
        }
    }

    /// A capital that acts is its state.
    fn capitals_as_states(
        &self,
        text: &str,
        sentences: &[SentenceInput],
        names: &mut Names,
        mentions: &mut [Mention],
    ) {
        // The mentions are in text order: their tokens are found by a
        // cursor, not two binary searches each.
        let mut cursor = TokenCursor::default();
        for m in mentions.iter_mut() {
            if m.label != Label::Location || !m.capital {
                continue;
            }
            let Some(country) = m.country else {
                continue;
            };
            let Some(s) = sentences.get(m.sentence) else {
                continue;
            };
            let toks = s.tokens;
            let at = cursor.before(toks, m.sentence, m.span().start);
            let prev = prev_word_at(text, toks, at);
            if prev.is_some_and(|w| {
                LOCATIVES.contains_lowered(w)
                    || TRAVEL.contains_lowered(w)
                    || PLACE_ADJECTIVES.contains_lowered(w)
            }) {
                continue;
            }
            // "Washington state" is the state, not the government.
            // The token after the name: a name is a token or a few.
            let after = toks[at..]
                .iter()
                .position(|t| t.span().start >= m.span().end)
                .map_or(toks.len(), |k| at + k);
            let next = toks.get(after);
            if next.is_some_and(|t| t.span().slice(text) == "state") {
                continue;
            }
            // A dateline: "BONN 1996-08-30", "TOKYO, March 4 (Reuters) -".
            let first = toks
                .first()
                .is_some_and(|t| t.span().start == m.span().start);
            let shouting = !m.span().slice(text).chars().any(|c| c.is_lowercase());
            let dateline = next.is_some_and(|t| t.kind == TokenKind::Number)
                || (first
                    && shouting
                    && next.is_some_and(|t| matches!(t.span().slice(text), "," | "(" | "-")));
            if dateline {
                continue;
            }
            m.label = Label::Country;
            m.canonical = names.get(country);
            link(names, &mut m.source, "+link:capital");
        }
    }
}

/// A surface form (white space made single spaces) and its length in
/// characters.
type Form<'t> = (Cow<'t, str>, usize);

/// The canonical name of a person, organisation or place is the full form
/// the document itself uses (facts-schema: "the full form that all its
/// mentions in the document share"): the longest surface form among the
/// mentions of one entity, unless it is an acronym or shorter (in words) than
/// the gazetteer's name, which then stays. States keep their standard names.
fn document_forms(text: &str, names: &mut Names, mentions: &mut [Mention]) {
    // Only a group with a mention whose form could rename it is renamed.
    // Most documents have none, and most others a few: those groups are
    // found by a look at each mention, without hashing one. With more than
    // a few, every group is formed.
    const FEW: usize = 8;
    let mut targets: Vec<(&str, Label)> = Vec::new();
    for m in mentions.iter().filter(|m| may_rename(text, m)) {
        let key = (m.canonical.as_str(), m.label);
        if !targets.contains(&key) {
            targets.push(key);
            if targets.len() > FEW {
                break;
            }
        }
    }
    if targets.is_empty() {
        return;
    }
    // Each mention's entity, by canonical name and label, is one group, and
    // the groups' new names are decided once per group rather than per
    // mention. A few groups are the targets, by position; more are hashed,
    // each mention once.
    let few = targets.len() <= FEW;
    let mut group_of: HashMap<(&str, Label), usize> = if few {
        HashMap::default()
    } else {
        map_with_capacity(mentions.len())
    };
    // Group -> its canonical name, and its longest proper form so far with
    // that form's length in characters.
    let mut groups: Vec<(&str, Option<Form>)> = if few {
        targets
            .iter()
            .map(|&(canonical, _)| (canonical, None))
            .collect()
    } else {
        Vec::with_capacity(mentions.len())
    };
    // Mention -> its group (`usize::MAX`: a state or role, or a group that
    // keeps its name).
    let mut groups_of_mentions: Vec<usize> = Vec::with_capacity(mentions.len());
    for m in mentions.iter() {
        let key = (m.canonical.as_str(), m.label);
        let group = if !matches!(
            m.label,
            Label::Person | Label::Organization | Label::Location
        ) {
            None
        } else if few {
            targets.iter().position(|&t| t == key)
        } else {
            let next = groups.len();
            let g = *group_of.entry(key).or_insert(next);
            if g == next {
                groups.push((key.0, None));
            }
            Some(g)
        };
        let Some(g) = group else {
            groups_of_mentions.push(usize::MAX);
            continue;
        };
        groups_of_mentions.push(g);
        let surface = m.span().slice(text);
        let surface = surface.strip_prefix("the ").unwrap_or(surface);
        // An upper-cased headline or dateline form ("WASHINGTON") is no
        // better a name than the list's.
        if !surface.chars().any(|c| c.is_lowercase()) {
            continue;
        }
        // Most mentions repeat a name already seen: no longer, no better.
        // Made single-spaced, a form only gets shorter: one no longer than
        // the best so far as written is turned away before that is done.
        let ascii = surface.is_ascii();
        let chars = |s: &str| if ascii { s.len() } else { s.chars().count() };
        let best = &mut groups[g].1;
        if best.as_ref().is_some_and(|(_, l)| *l >= chars(surface)) {
            continue;
        }
        let form: Cow<'_, str> = if irregular_spacing(surface) {
            Cow::Owned(surface.split_whitespace().collect::<Vec<_>>().join(" "))
        } else {
            Cow::Borrowed(surface)
        };
        let len = chars(&form);
        if best.as_ref().is_some_and(|(_, l)| *l >= len) {
            continue;
        }
        // A full form is a name: every word capitalised but the small
        // connectors ("Organisation for Security and Cooperation in Europe";
        // not "Kyodo news agency"). The form's words are parted by single
        // spaces and by no other white space (see above), so they are its
        // parts between ASCII white space, which a byte test finds more
        // cheaply than a search for ' '; a form that is empty, or starts or
        // ends with a space, has an empty word, which is no name.
        let proper = !form.is_empty()
            && !form.starts_with(' ')
            && !form.ends_with(' ')
            && form.split_ascii_whitespace().all(|w| {
                w.chars().next().is_some_and(|c| !c.is_lowercase())
                    || matches!(
                        w,
                        "of" | "for"
                            | "and"
                            | "the"
                            | "in"
                            | "on"
                            | "de"
                            | "du"
                            | "la"
                            | "le"
                            | "van"
                            | "von"
                            | "der"
                            | "bin"
                            | "al"
                            | "da"
                            | "di"
                            | "y"
                    )
            });
        if proper {
            *best = Some((form, len));
        }
    }
    drop(group_of);
    let words = |s: &str| s.split_whitespace().count();
    // Group -> its new name, if any, made once for all its mentions.
    let renames: Vec<Option<Name>> = groups
        .into_iter()
        .map(|(canonical, best)| {
            best.map(|(form, _)| form)
                .filter(|form| {
                    *form != canonical && !is_acronym(form) && words(form) >= words(canonical)
                })
                .map(|form| names.get(&form))
        })
        .collect();
    for (m, g) in mentions.iter_mut().zip(groups_of_mentions) {
        if let Some(Some(name)) = renames.get(g) {
            m.canonical = name.clone();
        }
    }
}

/// Whether a mention's own form could be the new name of its group in
/// [`document_forms`]: a person, organisation or place whose form (without
/// "the ") has a lower-case letter, is not the group's name as it stands
/// (or is spaced irregularly, which the form mends) and has no fewer words.
/// Only necessary: the form must also be a proper name, the group's longest
/// and no acronym.
fn may_rename(text: &str, m: &Mention) -> bool {
    if !matches!(
        m.label,
        Label::Person | Label::Organization | Label::Location
    ) {
        return false;
    }
    let surface = m.span().slice(text);
    let surface = surface.strip_prefix("the ").unwrap_or(surface);
    let words = |s: &str| s.split_whitespace().count();
    (surface != m.canonical || irregular_spacing(surface))
        && surface.chars().any(|c| c.is_lowercase())
        && words(surface) >= words(&m.canonical)
}

/// True when the words of `s` are not separated by single spaces alone
/// (another white space character, or two spaces in a row).
fn irregular_spacing(s: &str) -> bool {
    if s.is_ascii() {
        // The same test on bytes, without decoding characters: white space
        // and control characters are the bytes up to ' '.
        let b = s.as_bytes();
        return b.iter().enumerate().any(|(i, &c)| {
            c <= b' ' && (matches!(c, b'\t'..=b'\r') || (c == b' ' && b.get(i + 1) == Some(&b' ')))
        });
    }
    let mut prev = '\0';
    s.chars().any(|c| {
        let odd = (c.is_whitespace() && c != ' ') || (c == ' ' && prev == ' ');
        prev = c;
        odd
    })
}

/// The word right before `span` in the sentence, if any, as written (the
/// callers compare it lower-cased, without a string of its own).
fn prev_word<'t>(text: &'t str, toks: &[Token], span: Span) -> Option<&'t str> {
    prev_word_at(
        text,
        toks,
        toks.partition_point(|t| t.span().start < span.start),
    )
}

/// [`prev_word`] of a span whose first token at or after its start is
/// `toks[at]`.
fn prev_word_at<'t>(text: &'t str, toks: &[Token], at: usize) -> Option<&'t str> {
    let i = at.checked_sub(1)?;
    let w = toks[i].span().slice(text);
    // Skip a determiner: "to the Kremlin".
    if w.eq_ignore_ascii_case("the") && i > 0 {
        return Some(toks[i - 1].span().slice(text));
    }
    Some(w)
}

/// The names of the candidates' origins in one document, each interned at
/// its first use: the rest cost an index, not a hash of the source. The
/// default gazetteers have fewer than [`OriginNames::LISTS`] lists; the
/// source of a list after those is looked up in the table of names each
/// time.
#[derive(Default)]
struct OriginNames {
    lists: [Option<Name>; OriginNames::LISTS],
    rules: [Option<Name>; RULE_SOURCES.len()],
}

impl OriginNames {
    /// The lists with a slot of their own (no allocation for the slots).
    const LISTS: usize = 32;

    /// The name of `origin`'s source (`list_sources` by list index), made
    /// through `names` the first time.
    fn name(&mut self, origin: Origin, list_sources: &[String], names: &mut Names) -> Name {
        let source = || match origin {
            Origin::List(i) => list_sources
                .get(usize::from(i))
                .map_or("gazetteer", String::as_str),
            Origin::Rule(_) => origin.rule_source().unwrap_or("rule"),
        };
        let slot = match origin {
            Origin::List(i) => self.lists.get_mut(usize::from(i)),
            Origin::Rule(i) => self.rules.get_mut(usize::from(i)),
        };
        match slot {
            Some(slot) => slot.get_or_insert_with(|| names.get(source())).clone(),
            None => names.get(source()),
        }
    }
}

/// [`cover`] for spans visited in text order: an index that moves forward
/// instead of a binary search, which in a long document touches memory all
/// over the mentions for every token.
#[derive(Default)]
struct Cover {
    i: usize,
}

impl Cover {
    fn at(&mut self, mentions: &[Mention], span: Span) -> Option<usize> {
        while self.i < mentions.len() && mentions[self.i].span().end <= span.start {
            self.i += 1;
        }
        (self.i < mentions.len() && mentions[self.i].span().start < span.end).then_some(self.i)
    }
}

/// `toks.partition_point(|t| t.span.start < at)` for positions visited
/// mostly in text order, sentence by sentence: a search forward from the
/// last answer, by steps that double, costs the logarithm of the distance to
/// the next position rather than of the sentence (of a million tokens, in a
/// line without spaces).
#[derive(Default)]
struct TokenCursor {
    sentence: usize,
    i: usize,
}

impl TokenCursor {
    fn before(&mut self, toks: &[Token], sentence: usize, at: usize) -> usize {
        let last = self.i.checked_sub(1).and_then(|k| toks.get(k));
        if sentence != self.sentence || last.is_some_and(|t| t.span().start >= at) {
            // Another sentence, or a position out of order: from the start.
            self.sentence = sentence;
            self.i = 0;
        }
        // All tokens before `lo` start before `at`; the one at `hi`, if
        // any, does not.
        let (mut lo, mut hi, mut step) = (self.i, self.i, 1);
        while toks.get(hi).is_some_and(|t| t.span().start < at) {
            lo = hi + 1;
            hi = lo + step;
            step *= 2;
        }
        let hi = hi.min(toks.len());
        self.i = lo + toks[lo..hi].partition_point(|t| t.span().start < at);
        self.i
    }
}

/// `s.split_once(sep)` for a separator of ASCII bytes that starts with a
/// space: a look at each space, without the set-up of a substring search
/// (which costs more than the search in a short name).
fn split_once_ascii<'s>(s: &'s str, sep: &[u8]) -> Option<(&'s str, &'s str)> {
    let b = s.as_bytes();
    let i = memchr::memchr_iter(sep[0], b).find(|&i| b[i..].starts_with(sep))?;
    // ASCII bytes are character boundaries.
    Some((&s[..i], &s[i + sep.len()..]))
}

/// True when `text` has the ASCII byte `b` at `at` (then also a character
/// boundary): `text[at..].starts_with(b)` without the slicing.
fn is_byte(text: &str, at: usize, b: u8) -> bool {
    text.as_bytes().get(at) == Some(&b)
}

/// True when the token is the one ASCII character `b`.
fn is_punct(text: &str, t: &Token, b: u8) -> bool {
    t.span().len() == 1 && is_byte(text, t.span().start, b)
}

/// Merges `added` into `mentions`, both in text order and overlapping none
/// of each other, so that `mentions` stays in text order. One pass from the
/// back, in place: sorting the whole list again cost n log n and, on a long
/// document, a quarter of the time spent linking persons.
fn merge_by_start<'g>(mentions: &mut Vec<Mention<'g>>, mut added: Vec<Mention<'g>>) {
    debug_assert!(added.is_sorted_by_key(|m| m.span().start));
    if added.is_empty() {
        return;
    }
    // Mentions before `i` are not yet placed; slots from `i` to `w` are free.
    let mut i = mentions.len();
    let empty = Name::default();
    mentions.resize_with(i + added.len(), || {
        Mention::new(
            Entity {
                span: Span::new(0, 0),
                label: Label::Role,
                canonical: empty.clone(),
                source: empty.clone(),
                sentence: 0,
            },
            None,
            false,
        )
    });
    let mut w = mentions.len();
    while let Some(m) = added.pop() {
        while i > 0 && mentions[i - 1].span().start > m.span().start {
            i -= 1;
            w -= 1;
            mentions.swap(i, w);
        }
        w -= 1;
        mentions[w] = m;
    }
}

/// The mention (in `mentions`, sorted and non-overlapping) that overlaps
/// `span`, if any.
fn cover(mentions: &[Mention], span: Span) -> Option<usize> {
    let i = mentions.partition_point(|m| m.span().end <= span.start);
    (i < mentions.len() && mentions[i].span().start < span.end).then_some(i)
}

/// The bytes of one sentence that placed candidates cover, a bit each: a
/// candidate's clash test costs its own length, however many candidates the
/// sentence has (a sorted list of spans cost a shift per insertion, which a
/// sentence of a million capitalised words turned quadratic).
#[derive(Default)]
struct Covered {
    start: usize,
    bits: Vec<u64>,
}

impl Covered {
    /// Clears the bits for the bytes of `sentence`.
    fn reset(&mut self, sentence: Span) {
        self.start = sentence.start;
        self.bits.clear();
        self.bits.resize(sentence.len().div_ceil(64), 0);
    }

    /// The bit positions of `span`'s bytes (those inside the sentence), as
    /// the words that hold them and a mask of them in each: a name's bytes
    /// are tested and set a word at a time, not a bit at a time.
    fn words(&self, span: Span) -> impl Iterator<Item = (usize, u64)> {
        let end = span
            .end
            .saturating_sub(self.start)
            .min(self.bits.len() * 64);
        let start = span.start.saturating_sub(self.start).min(end);
        let last = if start < end { end.div_ceil(64) } else { 0 };
        (start / 64..last).map(move |w| {
            let from = start.max(w * 64) - w * 64;
            let to = end.min(w * 64 + 64) - w * 64;
            // `to - from` is 1 to 64.
            (w, (u64::MAX >> (64 - (to - from))) << from)
        })
    }

    /// True when a byte of `span` is covered.
    fn any(&self, span: Span) -> bool {
        self.words(span).any(|(w, mask)| self.bits[w] & mask != 0)
    }

    /// Covers the bytes of `span`.
    fn mark(&mut self, span: Span) {
        for (w, mask) in self.words(span) {
            self.bits[w] |= mask;
        }
    }
}

/// A map sized for `n` entries (the maps of one document grow otherwise
/// through several rehashes).
fn map_with_capacity<K, V>(n: usize) -> HashMap<K, V> {
    HashMap::with_capacity_and_hasher(n, Default::default())
}

fn is_acronym(w: &str) -> bool {
    // The first letter first: most words tested (numbers, lower-case words)
    // fail there, before a count of their letters.
    w.chars().next().is_some_and(|c| c.is_uppercase())
        && (2..=8).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
        && w.chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '&')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every origin gets its own source, from a slot or, for a list past
    /// the slots, from the table of names.
    #[test]
    fn an_origin_gets_its_source() {
        let sources: Vec<String> = (0..OriginNames::LISTS + 8)
            .map(|i| format!("gazetteer:list{i}"))
            .collect();
        let mut names = Names::with_capacity(8);
        let mut origins = OriginNames::default();
        let last = OriginNames::LISTS + 7;
        for i in [0, OriginNames::LISTS - 1, OriginNames::LISTS, last, 0, last] {
            let name = origins.name(Origin::List(i as u16), &sources, &mut names);
            assert_eq!(name.as_str(), sources[i]);
        }
        for source in RULE_SOURCES {
            let name = origins.name(Origin::rule(source), &sources, &mut names);
            assert_eq!(name.as_str(), source);
        }
    }

    /// A mention is an entity in fewer bytes: it gives the entity back,
    /// and holds the longest span there can be.
    #[test]
    fn a_mention_keeps_its_entity() {
        let entity = Entity {
            span: Span::new(7, 19),
            label: Label::Person,
            canonical: Name::from("Kim Jong Un"),
            source: Name::from("gazetteer:persons"),
            sentence: 3,
        };
        let m = Mention::new(entity.clone(), Some("North Korea"), false);
        assert_eq!(m.span(), Span::new(7, 19));
        assert_eq!((m.label, m.sentence, m.capital), (Label::Person, 3, false));
        assert_eq!(m.country, Some("North Korea"));
        assert_eq!(m.into_entity(), entity);
        // The longest mention there can be.
        let far = Span::new(usize::MAX - MAX_MENTION, usize::MAX);
        let long = Mention::new(
            Entity {
                span: far,
                ..entity
            },
            None,
            true,
        );
        assert_eq!(long.span(), far);
    }

    /// The bit set of lower-case letters answers as a scan of the text
    /// would, for every range of character boundaries, across 64-byte
    /// words, with letters of several bytes and ranges beyond the sentence.
    #[test]
    fn capitals_reads_the_lower_case_bits_like_a_scan() {
        let text = "  ÉTATS-UNIS and Chad, FRANCE ändert ÇA: NATO SUMMIT IN OSLO, \
                    Çé Kim MET PUTIN IN MOSCOW AND PYONGYANG ON MONDAY, ß ok.";
        let mut toks = Vec::new();
        crate::token::tokenize_into(text, Span::new(2, text.len()), &mut toks);
        let index = StateIndex::new(text, &toks, &[]);
        let bounds: Vec<usize> = (0..=text.len() + 3)
            .filter(|&i| i > text.len() || text.is_char_boundary(i))
            .collect();
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&to| to >= from) {
                let scan = !text
                    .get(from.min(text.len())..to.min(text.len()))
                    .unwrap_or("")
                    .chars()
                    .any(char::is_lowercase);
                assert_eq!(index.capitals(from, to), scan, "{from}..{to}");
            }
        }
    }
}
