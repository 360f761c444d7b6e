//! The shared vocabulary of the pipeline: spans, labels, relations, and the
//! [`Document`] that [`Extractor::extract`](crate::Extractor::extract) returns.
//!
//! Every span is a byte range into the document text. The JSON records of
//! [`output`](crate::output) convert them to character offsets.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A byte range `start..end` into a document's text, always on `char`
/// boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span. `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The span as a `Range`, ready to slice the text with.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }
}

/// What kind of thing an entity mention names (see `facts-schema.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Label {
    /// A named person: "Kim Jong Un", "Shoigu".
    Person,
    /// A sovereign state, also when named by its capital or demonym as an actor.
    Country,
    /// Any other named place: city, region, body of water.
    Location,
    /// A named organisation: government body, agency, party, company, media.
    Organization,
    /// A title or office: "defence minister", "Secretary of the Security Council".
    Role,
    /// A demonym used as an adjective ("North Korean"), linked to its country.
    Nationality,
}

impl Label {
    /// All labels, in declaration order.
    pub const ALL: [Label; 6] = [
        Label::Person,
        Label::Country,
        Label::Location,
        Label::Organization,
        Label::Role,
        Label::Nationality,
    ];

    /// The upper-case name used in files and JSON (`"PERSON"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Country => "COUNTRY",
            Label::Location => "LOCATION",
            Label::Organization => "ORGANIZATION",
            Label::Role => "ROLE",
            Label::Nationality => "NATIONALITY",
        }
    }

    /// Parses the upper-case name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Label {
    /// The upper-case name in human-readable formats (JSON); its index in
    /// [`Label::ALL`] in binary ones.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(self.as_str())
        } else {
            let i = Label::ALL.iter().position(|l| l == self).unwrap_or(0);
            s.serialize_u8(i as u8)
        }
    }
}

impl<'de> Deserialize<'de> for Label {
    /// Reads what [`Serialize`] writes.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        if !d.is_human_readable() {
            let i = u8::deserialize(d)?;
            return Label::ALL
                .get(usize::from(i))
                .copied()
                .ok_or_else(|| serde::de::Error::custom(format!("unknown label index {i}")));
        }
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Label::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown label {s:?}")))
    }
}

/// The relation a [`Fact`] states between its subject and object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Relation {
    /// Two parties met or held talks (symmetric).
    Meet,
    /// The subject travelled to the object place or country.
    Visit,
    /// Goods, arms, aid or money passed from subject to object.
    Supply,
    /// The subject person holds (or held) an office in or of the object.
    Role,
    /// The parties signed or reached an agreement (symmetric).
    Agreement,
    /// The parties cooperate, support or pledge cooperation (symmetric).
    Cooperate,
    /// Military or armed action by subject against object.
    Attack,
    /// Accusation, condemnation, criticism or warning by subject of object.
    Criticize,
}

impl Relation {
    /// All relations, in declaration order.
    pub const ALL: [Relation; 8] = [
        Relation::Meet,
        Relation::Visit,
        Relation::Supply,
        Relation::Role,
        Relation::Agreement,
        Relation::Cooperate,
        Relation::Attack,
        Relation::Criticize,
    ];

    /// The upper-case name used in files and JSON (`"MEET"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Relation::Meet => "MEET",
            Relation::Visit => "VISIT",
            Relation::Supply => "SUPPLY",
            Relation::Role => "ROLE",
            Relation::Agreement => "AGREEMENT",
            Relation::Cooperate => "COOPERATE",
            Relation::Attack => "ATTACK",
            Relation::Criticize => "CRITICIZE",
        }
    }

    /// Parses the upper-case name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.as_str() == s)
    }

    /// True for relations whose arguments can be swapped (MEET, AGREEMENT,
    /// COOPERATE).
    pub fn is_symmetric(&self) -> bool {
        matches!(
            self,
            Relation::Meet | Relation::Agreement | Relation::Cooperate
        )
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Relation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How the text presents a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Modality {
    /// Stated as happening or having happened (the default).
    #[default]
    Asserted,
    /// Future, intended, proposed or possible: "will meet", "plans to visit".
    Planned,
    /// A claim the text reports but does not assert: "say that Kim is helping".
    Alleged,
}

impl Modality {
    /// The lower-case name used in JSON (`"planned"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Alleged => "alleged",
        }
    }
}

impl Serialize for Modality {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An immutable, cheaply cloned string: the names, sources and rule
/// identifiers of [`Entity`] and [`Fact`].
///
/// The mentions of one thing share one allocation (a clone counts a
/// reference), so a document with thousands of mentions of a few names
/// holds each name once. It is one pointer (an [`arcstr::ArcStr`], whose
/// length lies with its text), not the two of an `Arc<str>`: an entity
/// holds two names and a fact up to five, and a long document millions of
/// both. It reads like a `&str`: it dereferences to one,
/// compares with `str`, `&str` and `String`, and serialises as a JSON
/// string.
///
/// ```
/// use gazette::Name;
///
/// let name = Name::from("Kim Jong Un");
/// assert_eq!(name, "Kim Jong Un");
/// assert!(name.starts_with("Kim"));
/// assert_eq!(name.as_str(), "Kim Jong Un");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(arcstr::ArcStr);

// Keep it so (an `Option<Name>` too).
const _: () = assert!(std::mem::size_of::<Option<Name>>() == 8);

impl Name {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when both are one allocation.
    #[cfg(test)]
    pub(crate) fn shares(&self, other: &Name) -> bool {
        arcstr::ArcStr::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Name {
    /// The empty name.
    fn default() -> Name {
        Name::from("")
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(arcstr::ArcStr::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(arcstr::ArcStr::from(s))
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.as_str().to_string()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

macro_rules! name_eq {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Name {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Name> for $other {
            fn eq(&self, other: &Name) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
name_eq!(str, &str, String);

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        Ok(Name::from(<Cow<'de, str>>::deserialize(d)?.as_ref()))
    }
}

/// Hands out one [`Name`] per distinct string: while a document is
/// extracted, its mentions of one thing share one allocation.
#[derive(Debug, Default)]
pub(crate) struct Names(rustc_hash::FxHashSet<Name>);

impl Names {
    /// Room for `n` names before the table grows.
    pub(crate) fn with_capacity(n: usize) -> Names {
        Names(rustc_hash::FxHashSet::with_capacity_and_hasher(
            n,
            Default::default(),
        ))
    }

    /// The name for `s`, made the first time `s` is asked for.
    pub(crate) fn get(&mut self, s: &str) -> Name {
        if let Some(n) = self.0.get(s) {
            return n.clone();
        }
        let n = Name::from(s);
        self.0.insert(n.clone());
        n
    }

    /// The name for `a` followed by `b`.
    pub(crate) fn concat(&mut self, a: &str, b: &str) -> Name {
        let mut s = String::with_capacity(a.len() + b.len());
        s.push_str(a);
        s.push_str(b);
        self.get(&s)
    }
}

/// A sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Byte range of the sentence, trailing whitespace excluded.
    pub span: Span,
}

/// One mention of a named thing in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Byte range of the mention.
    pub span: Span,
    /// What it names.
    pub label: Label,
    /// The full name all mentions of the same thing share in this document.
    pub canonical: Name,
    /// Where it came from: `gazetteer:<list>` or `rule:<rule id>`, plus
    /// `+link:<how>` when resolution changed its canonical name or label.
    pub source: Name,
    /// Index of the sentence that contains it.
    pub sentence: usize,
}

impl Entity {
    /// The mention as written.
    pub fn text<'t>(&self, doc_text: &'t str) -> &'t str {
        self.span.slice(doc_text)
    }
}

/// A relation between two entities, found in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The relation.
    pub relation: Relation,
    /// Index into [`Document::entities`] of the subject.
    pub subject: usize,
    /// Index into [`Document::entities`] of the object.
    pub object: usize,
    /// Canonical name of the subject as the fact states it (a leader acting for
    /// a state is the state).
    pub subject_canonical: Name,
    /// Canonical name of the object as the fact states it.
    pub object_canonical: Name,
    /// Index of the sentence the fact was read from.
    pub sentence: usize,
    /// Byte range of the trigger word or phrase.
    pub trigger: Span,
    /// Identifier of the rule that produced the fact.
    pub rule: Name,
    /// Canonical name of the source the text attributes the fact to.
    pub attributed_to: Option<Name>,
    /// True when the sentence denies the fact.
    pub negated: bool,
    /// Asserted, planned or alleged.
    pub modality: Modality,
    /// For ROLE facts: the office as written, lower-cased.
    pub role: Option<Name>,
    /// For ROLE facts: true when the office is no longer held.
    pub former: bool,
}

/// The result of extracting one text: sentences, entity mentions and facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document<'t> {
    #[serde(skip)]
    pub(crate) text: &'t str,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) facts: Vec<Fact>,
}

impl<'t> Document<'t> {
    /// The text the document was extracted from.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The sentences, in text order; together they cover every non-space byte.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text of sentence `i` (empty when out of range).
    pub fn sentence_text(&self, i: usize) -> &'t str {
        self.sentences
            .get(i)
            .map(|s| s.span.slice(self.text))
            .unwrap_or("")
    }

    /// The entity mentions, in text order, never overlapping.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The facts, in sentence order.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The subject entity of a fact.
    pub fn subject(&self, fact: &Fact) -> &Entity {
        &self.entities[fact.subject]
    }

    /// The object entity of a fact.
    pub fn object(&self, fact: &Fact) -> &Entity {
        &self.entities[fact.object]
    }
}

/// A candidate mention: something a gazetteer or a rule says could be an
/// entity. Resolution decides which candidates become mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    /// Where it starts in the document: see [`Candidate::span`].
    pub(crate) start: usize,
    /// Its length in bytes (see [`Candidate::extent`]).
    pub(crate) len: u32,
    /// Proposed label.
    pub(crate) label: Label,
    /// Proposed canonical name: borrowed from the gazetteer or the text
    /// (most candidates never become mentions, so they own nothing).
    pub(crate) canonical: Cow<'a, str>,
    /// Where it comes from: a gazetteer list or a rule.
    pub(crate) origin: Origin,
    /// The gazetteer entry, when it came from one: see
    /// [`Candidate::entry`]. Four bytes where an `Option<u32>` takes eight:
    /// with the span's four-byte length, the origin and the flags, a
    /// candidate is 48 bytes (a 64 MB document has three million).
    pub(crate) entry_id: Option<EntryId>,
    /// True when the surface form is a common word that needs support.
    pub(crate) weak: bool,
    /// Higher wins an overlap between candidates of the same extent.
    pub(crate) priority: u8,
}

// Keep it so.
const _: () = assert!(std::mem::size_of::<Candidate>() == 48);

/// Where a candidate comes from, in four bytes where a `&str` takes sixteen:
/// a gazetteer list (its source is `gazetteer:<list>`, see
/// `Gazetteer::list_sources`) or a rule (`rule:<id>`, one of [`RULE_SOURCES`]).
/// Resolution turns the origins of the candidates it places into names,
/// each once per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The gazetteer list of this index.
    List(u16),
    /// The rule of this index in [`RULE_SOURCES`].
    Rule(u8),
}

/// The sources of the rules' candidates.
pub(crate) const RULE_SOURCES: [&str; 7] = [
    "rule:person.title",
    "rule:person.initial",
    "rule:person.given",
    "rule:person.byline",
    "rule:person.said",
    "rule:org.shape",
    "rule:role.modifier",
];

impl Origin {
    /// The origin of the rule whose source is `source`, found when the
    /// program is compiled (a source not in [`RULE_SOURCES`] does not
    /// compile).
    pub(crate) const fn rule(source: &str) -> Origin {
        let mut i = 0;
        while i < RULE_SOURCES.len() {
            if const_eq(RULE_SOURCES[i], source) {
                return Origin::Rule(i as u8);
            }
            i += 1;
        }
        panic!("not a rule source: add it to RULE_SOURCES");
    }

    /// The source of a rule's candidate; `None` for a gazetteer list's.
    pub(crate) fn rule_source(self) -> Option<&'static str> {
        match self {
            Origin::Rule(i) => RULE_SOURCES.get(i as usize).copied(),
            Origin::List(_) => None,
        }
    }
}

/// `a == b` for strings, usable in a `const fn`.
const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Candidate<'_> {
    /// The start and length of a candidate of `span`: `None` when it is
    /// longer than `u32::MAX` bytes. Only a text of more than 4 GiB can hold
    /// such a name (one with gigabytes of spaces in it); the gazetteer and
    /// the rules make no candidate of it.
    pub(crate) fn extent(span: Span) -> Option<(usize, u32)> {
        Some((span.start, u32::try_from(span.len()).ok()?))
    }

    /// Byte range in the document.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start, self.start + self.len as usize)
    }

    /// Index of the gazetteer entry, when it came from one.
    pub(crate) fn entry(&self) -> Option<u32> {
        self.entry_id.map(EntryId::index)
    }
}

/// A gazetteer entry's index, stored plus one so that an `Option` of it
/// takes four bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryId(std::num::NonZeroU32);

impl EntryId {
    /// The id of entry `index` (below `u32::MAX`, as gazetteer indices are).
    pub(crate) fn new(index: u32) -> Option<EntryId> {
        index
            .checked_add(1)
            .and_then(std::num::NonZeroU32::new)
            .map(EntryId)
    }

    /// The entry's index.
    pub(crate) fn index(self) -> u32 {
        self.0.get() - 1
    }
}

/// A calendar date, for documents and offices. Parsed from `YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`; a missing month or day is read as the start of
/// the period ([`Date::parse`]) or its end ([`Date::parse_end`]).
///
/// ```
/// use gazette::Date;
/// let d = Date::parse("2024-09-14").unwrap();
/// assert!(Date::parse("2012").unwrap() < d);
/// assert!(Date::parse_end("2024-09").unwrap() > d);
/// assert_eq!(d.to_string(), "2024-09-14");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses a date; a missing month or day means the first one.
    pub fn parse(s: &str) -> Option<Date> {
        Date::parse_with(s, false)
    }

    /// Parses a date; a missing month or day means the last one (for the end
    /// of an office: "2012" ends on 2012-12-31).
    pub fn parse_end(s: &str) -> Option<Date> {
        Date::parse_with(s, true)
    }

    fn parse_with(s: &str, end: bool) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = match parts.next() {
            Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
            None => {
                if end {
                    12
                } else {
                    1
                }
            }
        };
        let day: u8 = match parts.next() {
            Some(d) => d
                .get(..2.min(d.len()))?
                .parse()
                .ok()
                .filter(|d| (1..=31).contains(d))?,
            None => {
                if end {
                    31
                } else {
                    1
                }
            }
        };
        (1000..=9999)
            .contains(&year)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    /// `YYYY-MM-DD` in human-readable formats (JSON); a packed number
    /// (`YYYYMMDD`) in binary ones.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_u32(
                u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day),
            )
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Reads what [`Serialize`] writes; in human-readable formats also
    /// `YYYY` or `YYYY-MM` (as [`Date::parse`]).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        if d.is_human_readable() {
            let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            return Date::parse(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")));
        }
        let n = u32::deserialize(d)?;
        let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
        match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
            (Ok(year), Ok(month), Ok(day))
                if (1..=12).contains(&month) && (1..=31).contains(&day) =>
            {
                Ok(Date { year, month, day })
            }
            _ => Err(serde::de::Error::custom(format!("not a packed date: {n}"))),
        }
    }
}

/// What the later stages may ask about offices and their holders on the
/// document's date (answers are `None` when no date was given or the
/// gazetteers do not know).
pub(crate) trait Offices {
    /// The one person holding `role` (as written) of `country` on the
    /// document's date: (canonical name, country).
    fn holder(&self, country: &str, role: &str) -> Option<String>;
    /// Whether `person` no longer held `role` of `country` on the date.
    fn former(&self, person: &str, country: &str, role: &str) -> Option<bool>;
    /// The one office-holder of the date called `surname`: (canonical name,
    /// country), borrowed from the gazetteer.
    fn surname(&self, surname: &str) -> Option<(&str, Option<&str>)>;
}

/// `s` in lower case, borrowed when it already is (the common case for
/// the words of running text).
pub(crate) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// Calls `f` with `s` in lower case, lower-casing short ASCII words on the
/// stack (lookups of every capitalised word need no allocation).
pub(crate) fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.is_ascii() && s.len() <= 64 {
        let mut buf = [0u8; 64];
        let low = &mut buf[..s.len()];
        low.copy_from_slice(s.as_bytes());
        low.make_ascii_lowercase();
        // ASCII lower-cased is still UTF-8.
        f(std::str::from_utf8(low).unwrap_or_default())
    } else {
        f(&s.to_lowercase())
    }
}

/// A fixed list of lower- or mixed-case words with a hashed lookup, built
/// on first use (the rule lists are consulted for every token).
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<Index>,
}

/// The hashed words, and the shape of the words to turn most others away
/// before hashing.
struct Index {
    set: rustc_hash::FxHashSet<&'static str>,
    shape: Shape,
}

/// The first and last bytes of a set of words, by length: a word whose
/// first or last byte no word of its length has is not in the set, which is
/// cheaper to tell than a hash lookup. (Bytes are kept modulo 64 and
/// lengths from 31 bytes on share a row: a coarser filter, never a false
/// negative.)
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Shape {
    firsts: [u64; 32],
    lasts: [u64; 32],
}

impl Shape {
    /// The shape of `words`.
    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Shape {
        let mut shape = Shape::default();
        for word in words {
            if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) {
                let row = word.len().min(31);
                shape.firsts[row] |= 1 << (first & 63);
                shape.lasts[row] |= 1 << (last & 63);
            }
        }
        shape
    }

    /// False when `w` cannot be one of the words (the empty word is let
    /// through).
    pub(crate) fn admits(&self, w: &str) -> bool {
        self.admits_bytes(w.as_bytes())
    }

    /// [`admits`](Shape::admits) for a word given as bytes.
    pub(crate) fn admits_bytes(&self, w: &[u8]) -> bool {
        match (w.first(), w.last()) {
            (Some(&first), Some(&last)) => self.has(w.len(), first, last),
            _ => true,
        }
    }

    /// [`admits`](Shape::admits) for `w` lower-cased. Lower-casing may
    /// change the length and bytes of other than ASCII, so such a word is
    /// let through.
    pub(crate) fn admits_lowered(&self, w: &str) -> bool {
        !w.is_ascii() || self.admits_ascii_folded(w.as_bytes())
    }

    /// [`admits`](Shape::admits) for `w` with its ASCII letters lower-cased
    /// and other bytes as they are (the gazetteer's case folding), asked of
    /// the shape of such folded words.
    pub(crate) fn admits_ascii_folded(&self, w: &[u8]) -> bool {
        match (w.first(), w.last()) {
            (Some(&first), Some(&last)) => self.has(
                w.len(),
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase(),
            ),
            _ => true,
        }
    }

    fn has(&self, len: usize, first: u8, last: u8) -> bool {
        let row = len.min(31);
        self.firsts[row] & (1 << (first & 63)) != 0 && self.lasts[row] & (1 << (last & 63)) != 0
    }
}

/// A filter for the words of a set, tighter than [`Shape`] for 8 KiB instead
/// of 512 bytes: one bit per length, first, second and last byte of the
/// set's words, folded into 2^16 bits. For the relation stage's cue words it
/// lets through about one word of news text in twelve (`Shape`, a third), so
/// most words are turned away before a hash lookup. Worth its size for a set
/// consulted for every word of a text.
#[derive(Clone)]
pub(crate) struct WordFilter {
    bits: Box<[u64; 1024]>,
}

/// A summary: the table itself is 1024 numbers.
impl std::fmt::Debug for WordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        write!(f, "WordFilter({set} of 65536 bits set)")
    }
}

impl WordFilter {
    /// The filter of `words`.
    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> WordFilter {
        let mut bits = Box::new([0u64; 1024]);
        for w in words {
            if let Some(bit) = WordFilter::bit(w.as_bytes()) {
                bits[bit / 64] |= 1 << (bit % 64);
            }
        }
        WordFilter { bits }
    }

    /// The bit of word `w`: its [`word_key`] as written.
    fn bit(w: &[u8]) -> Option<usize> {
        word_key(w, false)
    }

    /// False when `w` is not one of the words (the empty word never is).
    pub(crate) fn admits(&self, w: &[u8]) -> bool {
        WordFilter::bit(w).is_some_and(|bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// The 16-bit key of a word in a filter of word bits ([`WordFilter`], the
/// gazetteer's first-piece filter): six bits of its length and of its
/// first, second and last byte (with ASCII case folded when `fold`),
/// folded to 16 bits. `None` for the empty word.
#[inline]
pub(crate) fn word_key(w: &[u8], fold: bool) -> Option<usize> {
    let (&first, &last) = (w.first()?, w.last()?);
    let second = w.get(1).copied().unwrap_or(0);
    let six = |b: u8| usize::from(if fold { b.to_ascii_lowercase() } else { b } & 63);
    let key = (w.len().min(63) << 18) | (six(first) << 12) | (six(second) << 6) | six(last);
    Some((key ^ (key >> 16)) & 0xffff)
}

impl WordSet {
    /// A set over `words`.
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// The words, as written.
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// True when `w` is one of the words (exact match).
    pub(crate) fn contains(&self, w: &str) -> bool {
        let index = self.index();
        index.shape.admits(w) && index.set.contains(w)
    }

    /// True when `w` lower-cased is one of the words. The shape turns most
    /// words away before they are lower-cased.
    pub(crate) fn contains_lowered(&self, w: &str) -> bool {
        let index = self.index();
        index.shape.admits_lowered(w) && with_lower(w, |w| index.set.contains(w))
    }

    fn index(&self) -> &Index {
        self.set.get_or_init(|| Index {
            set: self.words.iter().copied().collect(),
            shape: Shape::of(self.words.iter().copied()),
        })
    }
}

/// Months and days: never a place, never part of an organisation's name.
pub(crate) static CALENDAR: WordSet = WordSet::new(&[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_id_gives_back_its_index_in_four_bytes() {
        assert_eq!(std::mem::size_of::<Option<EntryId>>(), 4);
        for i in [0, 1, 7, 1 << 20, u32::MAX - 1] {
            assert_eq!(EntryId::new(i).map(EntryId::index), Some(i));
        }
        // The one index it cannot hold; no gazetteer has that many entries.
        assert_eq!(EntryId::new(u32::MAX), None);
    }

    #[test]
    fn names_give_one_allocation_per_distinct_string() {
        let mut names = Names::with_capacity(4);
        let a = names.get("Kim Jong Un");
        let b = names.get(&String::from("Kim Jong Un"));
        assert!(a.shares(&b));
        let c = names.get("Kim");
        assert!(!a.shares(&c));
        let d = names.concat("rule:person", "+link:surname");
        assert_eq!(d, "rule:person+link:surname");
        assert!(d.shares(&names.get("rule:person+link:surname")));
    }

    #[test]
    fn a_name_reads_compares_and_serialises_like_a_string() {
        let n = Name::from("Sa\u{e3}o \"Tom\u{e9}\"");
        let s = String::from(n.clone());
        assert_eq!(n, s);
        assert_eq!(s, n);
        assert_eq!(n, s.as_str());
        assert_eq!(*s.as_str(), n);
        assert_eq!(n.len(), s.len());
        assert_eq!(format!("{n}"), s);
        assert_eq!(format!("{n:?}"), format!("{s:?}"));
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            serde_json::to_string(&s).unwrap()
        );
        let back: Name = serde_json::from_str(&serde_json::to_string(&n).unwrap()).unwrap();
        assert_eq!(back, n);
        let mut sorted = vec![Name::from("b"), Name::from("a"), Name::from("ab")];
        sorted.sort();
        assert_eq!(sorted, ["a", "ab", "b"]);
        assert_eq!(Name::default(), "");
    }

    /// A rule's origin names the rule's source, and an origin is four
    /// bytes.
    #[test]
    fn a_rule_origin_gives_back_its_source() {
        for source in RULE_SOURCES {
            assert_eq!(Origin::rule(source).rule_source(), Some(source));
        }
        assert_eq!(Origin::List(0).rule_source(), None);
        assert_eq!(std::mem::size_of::<Origin>(), 4);
    }

    /// `Name: Borrow<str>` promises that a name hashes, compares and orders
    /// as its string: resolution's tables keyed by names are asked with
    /// `&str`, and would silently miss if the string type under `Name`
    /// hashed otherwise.
    #[test]
    fn a_name_hashes_and_orders_as_its_string() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        fn hashes<B: BuildHasher + Default>(s: &str) {
            let b = B::default();
            assert_eq!(b.hash_one(Name::from(s)), b.hash_one(s), "{s:?}");
        }
        let words = [
            "",
            "a",
            "Kim Jong Un",
            "S\u{e3}o Tom\u{e9}",
            "gazetteer:countries",
        ];
        for s in words {
            hashes::<std::collections::hash_map::RandomState>(s);
            hashes::<BuildHasherDefault<rustc_hash::FxHasher>>(s);
        }
        let table: std::collections::HashMap<Name, usize> = words
            .iter()
            .enumerate()
            .map(|(i, s)| (Name::from(*s), i))
            .collect();
        for (i, s) in words.iter().enumerate() {
            assert_eq!(table.get(*s), Some(&i));
        }
        for a in words {
            for b in words {
                assert_eq!(Name::from(a).cmp(&Name::from(b)), a.cmp(b));
            }
        }
    }

    static WORDS: WordSet = WordSet::new(&[
        "said",
        "Monday",
        "",
        "\u{e9}t\u{e9}",
        "a-word-of-more-than-sixty-three-bytes-which-the-length-filter-folds",
    ]);

    #[test]
    fn word_set_filter_never_hides_a_member() {
        for w in [
            "said",
            "Monday",
            "",
            "\u{e9}t\u{e9}",
            "a-word-of-more-than-sixty-three-bytes-which-the-length-filter-folds",
        ] {
            assert!(WORDS.contains(w), "{w:?}");
        }
        for w in [
            "says",
            "monday",
            "Mondays",
            "x",
            "\u{e9}t",
            "a-word-of-more-than-sixty-three-bytes-which-the-length-filter-foldz",
        ] {
            assert!(!WORDS.contains(w), "{w:?}");
        }
    }

    #[test]
    fn word_filter_never_hides_a_member() {
        let words = [
            "said",
            "held talks",
            "x",
            "\u{e9}t\u{e9}",
            "a-word-of-more-than-sixty-three-bytes-which-the-length-filter-folds",
        ];
        let filter = WordFilter::of(words);
        for w in words {
            assert!(filter.admits(w.as_bytes()), "{w:?}");
        }
        assert!(!filter.admits(b""));
        // Most other words are turned away.
        let others = ["says", "talks", "Monday", "minister", "y", "met", "visited"];
        let through = others
            .iter()
            .filter(|w| filter.admits(w.as_bytes()))
            .count();
        assert!(through <= 1, "{through} of {} let through", others.len());
    }

    #[test]
    fn contains_lowered_is_contains_of_the_lower_case() {
        for w in [
            "SAID",
            "Said",
            "said",
            "Monday",
            "MONDAY",
            "\u{c9}T\u{c9}",
            "\u{e9}t\u{e9}",
            "says",
            "",
            "A-WORD-OF-MORE-THAN-SIXTY-THREE-BYTES-WHICH-THE-LENGTH-FILTER-FOLDS",
        ] {
            assert_eq!(
                WORDS.contains_lowered(w),
                WORDS.contains(&w.to_lowercase()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn lower_and_with_lower_agree_with_to_lowercase() {
        for w in ["Kim", "kim", "\u{c9}COLE", "U.S.", ""] {
            assert_eq!(lower(w), w.to_lowercase());
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase());
        }
    }
}
