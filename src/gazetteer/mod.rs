//! Stage 2: gazetteers → candidate mentions.
//!
//! Gazetteer files (format in `gazetteers/FORMAT.md`) are parsed into
//! [`Entry`] values; all their surface forms are cut into word pieces and
//! indexed by hashed piece sequences (`hashed`), matched ASCII
//! case-insensitively at every piece of a sentence. A raw hit becomes a
//! [`Candidate`] only when
//! - it covers whole word pieces (so "Korea" matches in "Korea's" and
//!   "Korean-made" gives "Korean"), and
//! - its letter case fits: exactly as written in the file, or in any case for
//!   entries marked `case=any` (role titles), or fully upper-cased inside an
//!   all-caps line ("CHINA" in a headline; never "us" for "US").
//!
//! Entries do not copy their text: every name is a [`TextRef`] into the
//! source file it came from (the embedded files are `'static`), which keeps
//! the build of the default gazetteer quick and its memory small.
//!
//! The matcher finds; it does not decide. Overlapping candidates all go to the
//! resolution stage, which picks the winners.

mod hashed;

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{with_lower, Candidate, Date, EntryId, Label, Origin, Span};
use crate::token::Token;
pub use hashed::TokenIndex;
use hashed::{form_match, split_hyphens, word_hash, IdMap};

/// A piece of a source file's text: where a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextRef {
    src: u32,
    start: u32,
    end: u32,
}

/// A gazetteer file to load.
#[derive(Debug, Clone)]
pub struct Source {
    /// File name (used in errors; its stem names the list).
    pub name: String,
    /// The file's text.
    pub text: Cow<'static, str>,
    /// True for user files: their forms shadow the defaults.
    pub user: bool,
    /// Rank against other entries of the same extent (user files 4, curated
    /// lists 3, generated lists 2).
    pub priority: u8,
}

/// One office held by a person, from a gazetteer row with `role=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// The office as written ("minister of defence").
    pub role: TextRef,
    /// The country of the row, when the office is national.
    pub country: Option<TextRef>,
    /// Start date as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub start: Option<TextRef>,
    /// End date as written; `None` while held.
    pub end: Option<TextRef>,
}

/// One gazetteer entry: a canonical name, its label, its surface forms and
/// attributes (rows with the same canonical name and label merged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The name all mentions resolve to.
    pub canonical: TextRef,
    /// What it names.
    pub label: Label,
    /// Other surface forms.
    pub aliases: Vec<TextRef>,
    /// Related country (a demonym's state, a capital's state, ...).
    pub country: Option<TextRef>,
    /// True for a capital that can stand for its country as an actor.
    pub capital: bool,
    /// True when surface forms match in any letter case.
    pub case_any: bool,
    /// Surface forms that are common words and need supporting context.
    pub weak: Vec<TextRef>,
    /// Offices held (PERSON rows).
    pub offices: Vec<Office>,
    /// Population of a place.
    pub pop: Option<u64>,
    /// Index of the list (source file) the entry came from.
    pub list: u16,
    /// True when the entry came from a user file.
    pub user: bool,
    /// See [`Source::priority`].
    pub priority: u8,
}

/// Where `part`, a slice of `base`, sits in it (an empty reference when it
/// is not a slice of `base`).
fn text_ref(src: u32, base: &str, part: &str) -> TextRef {
    let start = (part.as_ptr() as usize)
        .checked_sub(base.as_ptr() as usize)
        .filter(|s| s + part.len() <= base.len());
    match start {
        Some(start) => TextRef {
            src,
            start: start as u32,
            end: (start + part.len()) as u32,
        },
        None => TextRef {
            src,
            start: 0,
            end: 0,
        },
    }
}

/// Parses one gazetteer file (`src` is its index among the sources).
fn parse(src: u32, list: u16, source: &Source) -> Result<Vec<Entry>, Error> {
    let name = source.name.as_str();
    let text: &str = &source.text;
    if text.len() >= u32::MAX as usize {
        return Err(Error::parse(name, 0, "file larger than 4 GiB"));
    }
    let r = |part: &str| text_ref(src, text, part);
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (c0, c1, c2, c3) = (cols.next(), cols.next(), cols.next(), cols.next());
        let extra = cols.count();
        let Some(c1) = c1 else {
            return Err(Error::parse(
                name,
                line_no,
                "expected at least 2 tab-separated columns (canonical, label)",
            ));
        };
        if extra > 0 {
            return Err(Error::parse(
                name,
                line_no,
                format!("expected at most 4 columns, found {}", 4 + extra),
            ));
        }
        let canonical = c0.unwrap_or("").trim();
        if canonical.is_empty() {
            return Err(Error::parse(name, line_no, "empty canonical name"));
        }
        let label = Label::parse(c1.trim()).ok_or_else(|| {
            Error::parse(
                name,
                line_no,
                format!(
                    "unknown label {:?} (expected PERSON, COUNTRY, LOCATION, ORGANIZATION, ROLE or NATIONALITY)",
                    c1.trim()
                ),
            )
        })?;
        let aliases: Vec<TextRef> = c2
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(r)
            .collect();
        let mut entry = Entry {
            canonical: r(canonical),
            label,
            aliases,
            country: None,
            capital: false,
            case_any: false,
            weak: Vec::new(),
            offices: Vec::new(),
            pop: None,
            list,
            user: source.user,
            priority: source.priority,
        };
        let mut office = Office {
            role: r(""),
            country: None,
            start: None,
            end: None,
        };
        let mut has_role = false;
        for attr in c3.unwrap_or("").split(';') {
            let attr = attr.trim();
            if attr.is_empty() {
                continue;
            }
            let Some((k, v)) = attr.split_once('=') else {
                return Err(Error::parse(
                    name,
                    line_no,
                    format!("attribute {attr:?} is not key=value"),
                ));
            };
            let (k, v) = (k.trim(), v.trim());
            let some = |v: &str| (!v.is_empty()).then(|| r(v));
            match k {
                "country" => entry.country = some(v),
                "capital" => entry.capital = v == "yes",
                "case" => entry.case_any = v == "any",
                "weak" => entry.weak = v.split('|').map(|w| r(w.trim())).collect(),
                "role" => {
                    office.role = r(v);
                    has_role = !v.is_empty();
                }
                "start" => office.start = some(v),
                "end" => office.end = some(v),
                "pop" => {
                    entry.pop = Some(v.parse().map_err(|_| {
                        Error::parse(name, line_no, format!("pop={v:?} is not a whole number"))
                    })?)
                }
                _ => {}
            }
        }
        if has_role && label == Label::Person {
            office.country = entry.country;
            entry.offices.push(office);
        }
        out.push(entry);
    }
    Ok(out)
}

/// The embedded default gazetteer files, in load order.
pub fn default_sources() -> Vec<Source> {
    crate::data::GAZETTEERS
        .iter()
        .map(|(name, text, priority)| Source {
            name: name.to_string(),
            text: Cow::Borrowed(text),
            user: false,
            priority: *priority,
        })
        .collect()
}

/// The default gazetteer and name lists, compiled: what `build.rs` stores
/// and [`Gazetteer::new`] with [`default_sources`] would build.
pub type Defaults = (Gazetteer, NameList, NameList);

/// Compiles the [`Defaults`] from the embedded files (for `build.rs` and
/// the test that checks its output).
#[allow(dead_code)]
pub fn compile_defaults() -> Result<Defaults, Error> {
    Ok((
        Gazetteer::new(default_sources(), &[])?,
        NameList::parse(crate::data::GIVEN_NAMES.0, crate::data::GIVEN_NAMES.1)?,
        NameList::parse(crate::data::SURNAMES.0, crate::data::SURNAMES.1)?,
    ))
}

/// The compiled gazetteers: entries and a hashed index over their surface
/// forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gazetteer {
    /// The texts the [`TextRef`]s point into (not serialised: they are the
    /// embedded files, or the user's).
    #[serde(skip)]
    sources: Vec<Cow<'static, str>>,
    /// `gazetteer:<list>` for each list.
    sources_of_lists: Vec<String>,
    /// The entries (serialised on their own: they are half the work of
    /// loading).
    #[serde(skip)]
    entries: Vec<Entry>,
    /// (entry index, weak) of every pattern, pattern after pattern; those
    /// of pattern `p` start at `pattern_starts[p]` and end where the next
    /// pattern's start (see [`Gazetteer::entries_of`]). Two flat vectors,
    /// not a vector for each pattern: those cost an allocation each on
    /// loading, and 3.5 MB more of resident memory.
    pattern_entries: Vec<(u32, bool)>,
    pattern_starts: Vec<u32>,
    patterns: Vec<TextRef>,
    /// The hashed index over all surface forms (serialised on its own, so
    /// that the two halves load on two threads).
    #[serde(skip)]
    index: TokenIndex,
    /// Persons by the last part of any of their names, lower case: one
    /// [`Initial`] for each first letter their names begin with.
    by_surname: FxHashMap<String, Vec<Initial>>,
    /// Persons by the lower-cased parts of any of their names.
    by_name: FxHashMap<String, Vec<u32>>,
    /// Office-holders by (country, office normal form): (person, start, end).
    holders: FxHashMap<(String, String), Vec<Tenure>>,
    /// Role title (any written form, lower case) -> its normal form.
    role_forms: FxHashMap<String, String>,
}

/// A person's term in an office: (person entry, start, end).
type Tenure = (u32, Option<Date>, Option<Date>);

/// A person (entry index) and the lower-cased [`first_initial`] of one of
/// their names: worked out when the gazetteer is built, so that
/// [`Gazetteer::persons_like`] reads no name of the persons it finds.
/// A person's rows lie together.
type Initial = (u32, char);

/// True when an office from `start` to `end` (open ends unbounded) covers
/// `date`.
fn covers(start: Option<Date>, end: Option<Date>, date: Date) -> bool {
    start.is_none_or(|s| s <= date) && end.is_none_or(|e| date <= e)
}

/// The parts of a name as written: white space and hyphens part it, and
/// dots around a part are dropped ("J. R. R. Tolkien", "Kim Jong-un"). Every
/// other name function reads a name through this one, or through
/// [`plain_parts`] for a name it reads the same way (the tests hold the two
/// to that).
fn written_parts(name: &str) -> impl DoubleEndedIterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2010}')
        .map(|p| p.trim_matches('.'))
        .filter(|p| !p.is_empty())
}

/// Lower-cases one part of a name onto `out`.
fn push_lower(part: &str, out: &mut String) {
    if part.is_ascii() {
        let from = out.len();
        out.push_str(part);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&part.to_lowercase());
    }
}

/// The lower-cased first letter of the first of [`name_parts`], without
/// building them.
fn first_initial(name: &str) -> Option<char> {
    written_parts(name).next().and_then(initial)
}

/// The lower-cased first letter of one of the [`written_parts`] of a name.
fn initial(part: &str) -> Option<char> {
    part.chars().next().and_then(|c| c.to_lowercase().next())
}

/// True when a name is in one part; reads no further than a second part.
pub fn one_part(name: &str) -> bool {
    let mut parts = written_parts(name);
    parts.next().is_some() && parts.next().is_none()
}

/// The [`name_parts`] of a name joined by single spaces, and how many there
/// are: the key under which names are compared, built in one string.
pub fn name_key(name: &str) -> (String, usize) {
    let mut key = String::with_capacity(name.len());
    let n = push_name_key(name, &mut key);
    (key, n)
}

/// The number of parts of a plainly written name: ASCII, without dots,
/// hyphens or white space but single spaces between its parts. Its
/// [`written_parts`] are then the pieces between the spaces (the tests
/// compare the two readings): most names in a text are written so, and
/// splitting them by `written_parts`, a character at a time, cost more
/// than the lookups they were split for. `None` for any other name.
fn plain_parts(name: &str) -> Option<usize> {
    let bytes = name.as_bytes();
    if bytes.first().is_none_or(|&b| b == b' ') || bytes.last() == Some(&b' ') {
        return None;
    }
    let mut spaces = 0;
    let mut after_space = false;
    for &b in bytes {
        let space = b == b' ';
        // U+0009..=U+000D are the ASCII white space but ' ' (as for
        // `char::is_whitespace`).
        if !b.is_ascii() || b == b'-' || b == b'.' || (b'\t'..=b'\r').contains(&b) {
            return None;
        }
        if space && after_space {
            return None;
        }
        spaces += usize::from(space);
        after_space = space;
    }
    Some(spaces + 1)
}

/// The first and last of the [`written_parts`] of a name in two parts or
/// more.
fn first_and_last(name: &str) -> Option<(&str, &str)> {
    if plain_parts(name).is_some() {
        // The first part ends at the first space, the last starts after
        // the last.
        let bytes = name.as_bytes();
        let first = bytes.iter().position(|&b| b == b' ')?;
        let last = bytes.iter().rposition(|&b| b == b' ')?;
        return Some((&name[..first], &name[last + 1..]));
    }
    let mut parts = written_parts(name);
    Some((parts.next()?, parts.next_back()?))
}

/// Appends the [`name_key`] of `name` to `key` and returns its number of
/// parts: many names' keys in one buffer, without a string each.
pub fn push_name_key(name: &str, key: &mut String) -> usize {
    if let Some(n) = plain_parts(name) {
        // The parts lower-cased, joined by the spaces between them.
        let from = key.len();
        key.push_str(name);
        key[from..].make_ascii_lowercase();
        return n;
    }
    push_written_key(name, key)
}

/// [`push_name_key`] for any name, part by part.
fn push_written_key(name: &str, key: &mut String) -> usize {
    let mut n = 0;
    for p in written_parts(name) {
        if n > 0 {
            key.push(' ');
        }
        push_lower(p, key);
        n += 1;
    }
    n
}

/// Lower-cased parts of a name; hyphens and dots read as spaces.
pub fn name_parts(name: &str) -> Vec<String> {
    written_parts(name)
        .map(|p| {
            let mut part = String::with_capacity(p.len());
            push_lower(p, &mut part);
            part
        })
        .collect()
}

impl Gazetteer {
    /// Parses and compiles gazetteer files. Rows with the same canonical name
    /// and label are merged; a surface form that a user entry defines is
    /// removed from every default entry (user entries win); surface forms in
    /// `stop` are dropped. A malformed file gives an error naming the file,
    /// the line and the reason.
    pub fn new(files: Vec<Source>, stop: &[String]) -> Result<Gazetteer, Error> {
        let mut parsed: Vec<Entry> = Vec::new();
        let mut sources_of_lists = Vec::with_capacity(files.len());
        for (i, f) in files.iter().enumerate() {
            let stem = std::path::Path::new(&f.name)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(&f.name);
            sources_of_lists.push(format!("gazetteer:{stem}"));
            parsed.extend(parse(i as u32, i as u16, f)?);
        }
        let sources: Vec<Cow<'static, str>> = files.into_iter().map(|f| f.text).collect();
        let t = |r: TextRef| &sources[r.src as usize][r.start as usize..r.end as usize];

        let mut merged: Vec<Entry> = Vec::with_capacity(parsed.len());
        let mut by_canonical: FxHashMap<(&str, Label), u32> = FxHashMap::default();
        by_canonical.reserve(parsed.len());
        for e in parsed {
            match by_canonical.get(&(t(e.canonical), e.label)) {
                Some(&i) => {
                    let m = &mut merged[i as usize];
                    for a in e.aliases {
                        m.aliases.push(a);
                    }
                    m.offices.extend(e.offices);
                    m.weak.extend(e.weak);
                    m.country = m.country.or(e.country);
                    m.capital |= e.capital;
                    m.case_any |= e.case_any;
                    m.pop = m.pop.max(e.pop);
                    m.user |= e.user;
                    m.priority = m.priority.max(e.priority);
                }
                None => {
                    by_canonical.insert((t(e.canonical), e.label), merged.len() as u32);
                    merged.push(e);
                }
            }
        }
        // Surface form -> pattern id, in first-seen order (deterministic);
        // user definitions shadow defaults.
        let stop: FxHashSet<&str> = stop.iter().map(|s| s.as_str()).collect();
        let mut by_surface: FxHashMap<&str, u32> = FxHashMap::default();
        by_surface.reserve(merged.len() * 2);
        let mut patterns: Vec<TextRef> = Vec::new();
        let mut pattern_entries: Vec<Vec<(u32, bool)>> = Vec::new();
        let mut user_pattern: Vec<bool> = Vec::new();
        for (i, e) in merged.iter().enumerate() {
            for r in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
                let s = t(*r);
                if stop.contains(s) {
                    continue;
                }
                let pid = *by_surface.entry(s).or_insert_with(|| {
                    patterns.push(*r);
                    pattern_entries.push(Vec::new());
                    user_pattern.push(false);
                    (patterns.len() - 1) as u32
                }) as usize;
                if e.user {
                    user_pattern[pid] = true;
                }
                let v = &mut pattern_entries[pid];
                if !v.iter().any(|(j, _)| *j == i as u32) {
                    let weak = e.weak.iter().any(|w| t(*w) == s);
                    v.push((i as u32, weak));
                }
            }
        }
        for (pid, ids) in pattern_entries.iter_mut().enumerate() {
            if user_pattern[pid] {
                ids.retain(|(i, _)| merged[*i as usize].user);
            }
        }
        // Every surface form goes to the hashed index (see `hashed` for the
        // measured reason); it builds on a second thread while this one
        // indexes persons and offices.
        let (index, (role_forms, holders, by_name, by_surname)) = std::thread::scope(|scope| {
            let index = scope.spawn(|| {
                TokenIndex::new((0..patterns.len()).map(|p| {
                    let any_case = pattern_entries[p]
                        .iter()
                        .any(|(e, _)| merged[*e as usize].case_any);
                    (p as u32, t(patterns[p]), any_case)
                }))
            });
            let maps = person_maps(&merged, &t);
            let index = index
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (index, maps)
        });
        drop(by_canonical);
        drop(by_surface);
        drop(stop);
        let mut pattern_starts = Vec::with_capacity(pattern_entries.len() + 1);
        pattern_starts.push(0);
        let mut flat = Vec::with_capacity(pattern_entries.iter().map(Vec::len).sum());
        for ids in &pattern_entries {
            flat.extend_from_slice(ids);
            pattern_starts.push(flat.len() as u32);
        }
        Ok(Gazetteer {
            sources,
            sources_of_lists,
            entries: merged,
            pattern_entries: flat,
            pattern_starts,
            patterns,
            index,
            by_surname,
            by_name,
            holders,
            role_forms,
        })
    }

    /// Points the entries at the texts of `files` and sets the index (after
    /// deserialising a gazetteer compiled from them).
    pub fn restore(&mut self, files: Vec<Source>, index: TokenIndex, entries: Vec<Entry>) {
        self.sources = files.into_iter().map(|f| f.text).collect();
        self.index = index;
        self.entries = entries;
    }

    /// The entries (serialised apart from the rest).
    #[allow(dead_code)]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The hashed index (serialised apart from the rest).
    #[allow(dead_code)]
    pub fn index(&self) -> &TokenIndex {
        &self.index
    }

    /// The text a reference points at.
    pub fn text(&self, r: TextRef) -> &str {
        self.sources
            .get(r.src as usize)
            .and_then(|s| s.get(r.start as usize..r.end as usize))
            .unwrap_or("")
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// The related country of entry `i`, if any.
    pub fn country(&self, i: u32) -> Option<&str> {
        self.entries[i as usize].country.map(|r| self.text(r))
    }

    /// The source of every list's candidates (`gazetteer:<list>`), by the
    /// list's index ([`Origin::List`](crate::model::Origin)).
    pub(crate) fn list_sources(&self) -> &[String] {
        &self.sources_of_lists
    }

    /// The country of a person's most recent office (by start date as
    /// written), else the entry's country.
    pub fn office_country(&self, i: u32) -> Option<&str> {
        let e = &self.entries[i as usize];
        if e.label != Label::Person {
            return self.country(i);
        }
        e.offices
            .iter()
            .filter(|o| o.country.is_some())
            .max_by(|a, b| {
                let (x, y) = (a.start.map(|r| self.text(r)), b.start.map(|r| self.text(r)));
                x.cmp(&y)
            })
            .and_then(|o| o.country.map(|r| self.text(r)))
            .or_else(|| self.country(i))
    }

    /// Known persons whose name may be written `name` in another
    /// transliteration ("Sergei Lavrov" for "Sergey Lavrov"): same last part,
    /// same first initial. Yields their entry indices, without a vector:
    /// resolution asks this of every person no row matched.
    pub fn persons_like(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        let found = first_and_last(name).and_then(|(first, last)| {
            Some((
                initial(first)?,
                with_lower(last, |last| self.by_surname.get(last))?,
            ))
        });
        let (initial, rows) = match found {
            Some((initial, rows)) => (Some(initial), rows.as_slice()),
            None => (None, &[][..]),
        };
        // A person has one row per initial: no person comes twice.
        rows.iter()
            .filter(move |&&(_, c)| Some(c) == initial)
            .map(|&(p, _)| p)
    }

    /// The normal form of a role title ("Minister of Defence" -> "defence
    /// minister"); the lower-cased title when the role list does not know it.
    /// A known title is lower-cased on the stack and its normal form
    /// borrowed: no string is built.
    pub fn role_norm(&self, role: &str) -> Cow<'_, str> {
        match with_lower(role, |low| self.role_forms.get(low)) {
            Some(norm) => Cow::Borrowed(norm),
            None => Cow::Owned(role.to_lowercase()),
        }
    }

    /// The one person known to hold `role` (normal form) of `country` on
    /// `date`, if the gazetteer knows exactly one.
    pub fn holder(&self, country: &str, role: &str, date: Date) -> Option<u32> {
        let v = self.holders.get(&(country.to_string(), role.to_string()))?;
        let mut found: Vec<u32> = v
            .iter()
            .filter(|(_, s, e)| covers(*s, *e, date))
            .map(|(p, _, _)| *p)
            .collect();
        found.sort_unstable();
        found.dedup();
        (found.len() == 1).then(|| found[0])
    }

    /// Whether the person called `name` held `role` of `country` on `date`:
    /// `Some(false)` when an office of theirs covers the date, `Some(true)`
    /// when all such offices ended before it, `None` when the gazetteer does
    /// not know.
    pub fn former(&self, name: &str, country: &str, role: &str, date: Date) -> Option<bool> {
        let persons = self.by_name.get(&name_key(name).0)?;
        // The office's tenures, looked up once for all the persons.
        let tenures = self.holders.get(&(country.to_string(), role.to_string()))?;
        let mut seen = false;
        for &p in persons {
            for (_, s, e) in tenures.iter().filter(|(q, _, _)| *q == p) {
                if covers(*s, *e, date) {
                    return Some(false);
                }
                seen |= e.is_some_and(|e| e < date);
            }
        }
        seen.then_some(true)
    }

    /// Persons whose last name is `surname` and who held some office on
    /// `date`.
    pub fn holders_named(&self, surname: &str, date: Date) -> Vec<u32> {
        let Some(v) = with_lower(surname, |l| self.by_surname.get(l)) else {
            return Vec::new();
        };
        // Each person once (their rows lie together).
        v.chunk_by(|a, b| a.0 == b.0)
            .map(|rows| rows[0].0)
            .filter(|&p| {
                self.entries[p as usize].offices.iter().any(|o| {
                    covers(
                        o.start.and_then(|r| Date::parse(self.text(r))),
                        o.end.and_then(|r| Date::parse_end(self.text(r))),
                        date,
                    )
                })
            })
            .collect()
    }

    /// The canonical name of entry `i`.
    pub fn canonical(&self, i: u32) -> &str {
        self.text(self.entries[i as usize].canonical)
    }

    /// Every distinct surface form.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|r| self.text(*r))
    }

    /// Number of distinct surface forms.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Candidates in `sentence` (a byte range of `text`, cut into `tokens`).
    /// `all_caps` tells whether the sentence is set in capitals (a headline),
    /// where upper-cased forms of mixed-case names are accepted. `ps` is a
    /// buffer for the sentence's word pieces, reused between sentences.
    #[allow(clippy::too_many_arguments)]
    pub fn find<'a>(
        &'a self,
        text: &str,
        sentence: Span,
        tokens: &[Token],
        all_caps: bool,
        ps: &mut Vec<Span>,
        out: &mut Vec<Candidate<'a>>,
    ) {
        // The large lists: hashed word-piece sequences.
        ps.clear();
        if split_hyphens(text, tokens, ps) {
            self.find_pieces(text, sentence, ps, |p| *p, all_caps, out);
        } else {
            self.find_pieces(text, sentence, tokens, |t| t.span(), all_caps, out);
        }
    }

    /// [`find`](Gazetteer::find) over the word pieces `ps` of a sentence
    /// (`span` gives the span of each).
    fn find_pieces<'a, P>(
        &'a self,
        text: &str,
        sentence: Span,
        ps: &[P],
        span: impl Fn(&P) -> Span + Copy,
        all_caps: bool,
        out: &mut Vec<Candidate<'a>>,
    ) {
        self.index.find(text, ps, span, |i, j, pid| {
            let span = Span::new(span(&ps[i]).start, span(&ps[j]).end);
            self.accept(text, sentence, span, pid, all_caps, out);
        });
    }

    /// The (entry index, weak) pairs of pattern `pid`.
    fn entries_of(&self, pid: u32) -> &[(u32, bool)] {
        let p = pid as usize;
        match self.pattern_starts.get(p..p + 2) {
            Some(&[a, b]) => self
                .pattern_entries
                .get(a as usize..b as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Turns a hit of pattern `pid` at `span` into candidates, one per entry
    /// whose letter-case rule the hit satisfies; none when the text there is
    /// not the form (hashes only filter).
    #[allow(clippy::too_many_arguments)]
    fn accept<'a>(
        &'a self,
        text: &str,
        sentence: Span,
        span: Span,
        pid: u32,
        all_caps: bool,
        out: &mut Vec<Candidate<'a>>,
    ) {
        let Some((start, len)) = Candidate::extent(span) else {
            return;
        };
        let found = span.slice(text);
        let pattern = self.text(self.patterns[pid as usize]);
        let Some(exact) = form_match(found, pattern) else {
            return;
        };
        // Upper case matters only for a form not written as listed.
        let upper = !exact
            && found.chars().any(|c| c.is_alphabetic())
            && !found.chars().any(|c| c.is_lowercase());
        let line_start = span.start == sentence.start;
        let dateline = line_start && upper && is_dateline_tail(&text[span.end..sentence.end]);
        let caps = upper && (all_caps || dateline);
        for &(ei, weak) in self.entries_of(pid) {
            let entry = &self.entries[ei as usize];
            if !(exact || caps || entry.case_any) {
                continue;
            }
            out.push(Candidate {
                start,
                len,
                label: entry.label,
                canonical: Cow::Borrowed(self.text(entry.canonical)),
                origin: Origin::List(entry.list),
                entry_id: EntryId::new(ei),
                // In an all-caps headline a place or person is doubtful; in a
                // dateline ("PARIS, June 2") it is not.
                weak: weak
                    || (caps
                        && all_caps
                        && !dateline
                        && matches!(entry.label, Label::Location | Label::Person)),
                priority: entry.priority,
            });
        }
    }
}

/// Role forms, office holders, and persons by name and by surname (see the
/// fields of [`Gazetteer`]).
type PersonMaps = (
    FxHashMap<String, String>,
    FxHashMap<(String, String), Vec<Tenure>>,
    FxHashMap<String, Vec<u32>>,
    FxHashMap<String, Vec<Initial>>,
);

/// Builds the [`PersonMaps`] of the merged entries.
fn person_maps<'s>(merged: &[Entry], t: &impl Fn(TextRef) -> &'s str) -> PersonMaps {
    // Role titles and their normal forms, to read the offices of persons
    // ("minister of defence" is the defence minister).
    let mut role_forms: FxHashMap<String, String> = FxHashMap::default();
    for e in merged.iter().filter(|e| e.label == Label::Role) {
        let norm = t(e.canonical).to_lowercase();
        for r in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
            role_forms
                .entry(t(*r).to_lowercase())
                .or_insert_with(|| norm.clone());
        }
    }
    let mut holders: FxHashMap<(String, String), Vec<Tenure>> = FxHashMap::default();
    let mut by_name: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut by_surname: FxHashMap<String, Vec<Initial>> = FxHashMap::default();
    for (i, e) in merged.iter().enumerate() {
        if e.label != Label::Person {
            continue;
        }
        for o in &e.offices {
            let Some(country) = o.country else { continue };
            let role = t(o.role).to_lowercase();
            let norm = role_forms.get(&role).cloned().unwrap_or(role);
            holders
                .entry((t(country).to_string(), norm))
                .or_default()
                .push((
                    i as u32,
                    o.start.and_then(|r| Date::parse(t(r))),
                    o.end.and_then(|r| Date::parse_end(t(r))),
                ));
        }
        let mut lasts: Vec<String> = Vec::new();
        let mut initials: Vec<char> = Vec::new();
        for r in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
            let mut parts = name_parts(t(*r));
            let v = by_name.entry(parts.join(" ")).or_default();
            if !v.contains(&(i as u32)) {
                v.push(i as u32);
            }
            lasts.extend(parts.pop());
            initials.extend(first_initial(t(*r)));
        }
        lasts.sort();
        lasts.dedup();
        initials.sort_unstable();
        initials.dedup();
        for l in lasts {
            by_surname
                .entry(l)
                .or_default()
                .extend(initials.iter().map(|&c| (i as u32, c)));
        }
    }
    (role_forms, holders, by_name, by_surname)
}

/// True when what follows a capitalised place at the start of a line makes
/// it a dateline: "TOKYO, March 4 (Reuters) -", "BONN 1996-08-30".
fn is_dateline_tail(rest: &str) -> bool {
    let rest = rest.trim_start_matches(' ');
    rest.starts_with(',')
        || rest.starts_with('(')
        || rest.starts_with('-')
        || rest.starts_with('\u{2014}')
        || rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A row of a [`NameList`]: the name's byte range in its file, its weight,
/// and whether it is also a common word.
pub type NameRow = (u32, u32, u32, bool);

/// A word list with weights: given names or surnames, keyed in lower case.
/// The lists are embedded, so the names borrow the embedded text.
///
/// Names are found by their ASCII-folded hash, so that a capitalised word
/// ("Joyce", looked up for every capitalised word of a text) needs no
/// lower-cased copy; the hash only finds candidates, which are compared
/// with the word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameList {
    /// Names by [`word_hash`]: of names with the same hash, the least.
    names: IdMap<Name>,
    /// The other names of a shared hash (in practice none), sorted.
    collided: Vec<(u64, Name)>,
    /// True when some name is written with a capital (lists are lower case,
    /// so a capitalised word is then looked up as written before lowered).
    capitals: bool,
}

/// A name of a [`NameList`], its weight, and whether it is also a common
/// word.
type Name = (&'static str, u32, bool);

impl NameList {
    /// Parses `name<TAB>weight[<TAB>flags]` lines (`#` comments; names in
    /// lower case).
    pub fn parse(name: &str, text: &'static str) -> Result<NameList, Error> {
        let mut list = NameList::default();
        list.names.reserve(text.len() / 12);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("").trim();
            if word.is_empty() {
                return Err(Error::parse(name, i + 1, "empty name"));
            }
            let weight = match cols.next() {
                Some(w) if !w.trim().is_empty() => w.trim().parse().map_err(|_| {
                    Error::parse(name, i + 1, format!("weight {w:?} is not a whole number"))
                })?,
                _ => 1,
            };
            let is_word = cols.next().is_some_and(|f| f.contains("word=yes"));
            list.insert((word, weight, is_word));
        }
        list.finish();
        Ok(list)
    }

    /// Adds a name; a name already there takes the new weight and flag.
    fn insert(&mut self, name: Name) {
        let h = word_hash(name.0.as_bytes());
        let first = match self.names.entry(h) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(name);
                return;
            }
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        };
        if first.0 == name.0 {
            *first = name;
            return;
        }
        // A shared hash: the least name stays in the table, whatever the
        // order of insertion, so that equal lists compare equal.
        let other = if name.0 < first.0 {
            std::mem::replace(first, name)
        } else {
            name
        };
        match self.collided.iter_mut().find(|(_, n)| n.0 == other.0) {
            Some((_, n)) => *n = other,
            None => self.collided.push((h, other)),
        }
    }

    /// Completes a list after the last [`insert`](NameList::insert).
    fn finish(&mut self) {
        self.collided.sort_unstable();
        self.capitals = self
            .names
            .values()
            .chain(self.collided.iter().map(|(_, n)| n))
            .any(|n| {
                let name = n.0;
                name.bytes().any(|b| b.is_ascii_uppercase())
                    || (!name.is_ascii() && name.chars().any(char::is_uppercase))
            });
    }

    /// The list as `(start, end, weight, is a word)` rows, the names given
    /// by their byte range in `text`, the text it was parsed from; `None`
    /// when a name does not lie in `text`.
    #[allow(dead_code)]
    pub fn rows(&self, text: &str) -> Option<Vec<NameRow>> {
        let base = text.as_ptr() as usize;
        let mut rows = Vec::with_capacity(self.names.len() + self.collided.len());
        for &(name, weight, word) in self
            .names
            .values()
            .chain(self.collided.iter().map(|(_, n)| n))
        {
            let start = (name.as_ptr() as usize).checked_sub(base)?;
            let end = start + name.len();
            if text.get(start..end) != Some(name) {
                return None;
            }
            rows.push((start as u32, end as u32, weight, word));
        }
        rows.sort_unstable();
        Some(rows)
    }

    /// The list of [`rows`](NameList::rows) over `text`; rows that do not
    /// select a piece of `text` are skipped.
    pub fn from_rows(text: &'static str, rows: &[NameRow]) -> NameList {
        let mut list = NameList::default();
        list.names.reserve(rows.len());
        for &(start, end, weight, word) in rows {
            if let Some(name) = text.get(start as usize..end as usize) {
                list.insert((name, weight, word));
            }
        }
        list.finish();
        list
    }

    /// The weight of a name (case-insensitive) and whether it is also a
    /// common lower-case word ("will", "may"); `None` when absent. A list
    /// with capitals finds the name as written before the name lowered.
    pub fn get(&self, name: &str) -> Option<(u32, bool)> {
        if !name.is_ascii() {
            if self.capitals {
                if let Some(v) = self.find(word_hash(name.as_bytes()), |n| n == name) {
                    return Some(v);
                }
            }
            let low = name.to_lowercase();
            return self.find(word_hash(low.as_bytes()), |n| n == low);
        }
        // An ASCII name's hash is its lower-cased form's.
        let h = word_hash(name.as_bytes());
        if !self.capitals {
            // No name has a capital: same letters is same name lowered.
            return self.find(h, |n| n.eq_ignore_ascii_case(name));
        }
        self.find(h, |n| n == name).or_else(|| {
            self.find(h, |n| {
                n.eq_ignore_ascii_case(name) && !n.bytes().any(|b| b.is_ascii_uppercase())
            })
        })
    }

    /// The name with hash `h` that `is` accepts.
    fn find(&self, h: u64, is: impl Fn(&str) -> bool) -> Option<(u32, bool)> {
        let &(first, weight, word) = self.names.get(&h)?;
        if is(first) {
            return Some((weight, word));
        }
        self.collided
            .iter()
            .find(|(k, n)| *k == h && is(n.0))
            .map(|&(_, (_, weight, word))| (weight, word))
    }

    /// True when the name is in the list.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_name_key_is_its_parts_joined(
            names in proptest::collection::vec("[A-Za-zÉéΣσİ .\t-]{0,16}", 1..4),
        ) {
            // Keys appended to one buffer, each equal to its parts joined.
            let mut buf = String::from("x");
            for name in &names {
                let from = buf.len();
                let n = push_name_key(name, &mut buf);
                let parts = name_parts(name);
                proptest::prop_assert_eq!(&buf[from..], parts.join(" "));
                proptest::prop_assert_eq!(n, parts.len());
                proptest::prop_assert_eq!(name_key(name), (parts.join(" "), parts.len()));
                proptest::prop_assert_eq!(one_part(name), parts.len() == 1);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_names_read_as_their_written_parts(
            name in "([A-Z][a-z]{0,3} ?){0,4}|[A-Za-z\u{e9}\u{130}\u{3a3} \t\u{b}\u{1f}\u{a0}\u{2010}.-]{0,16}",
        ) {
            let (mut fast, mut general) = (String::from("x"), String::from("x"));
            proptest::prop_assert_eq!(
                push_name_key(&name, &mut fast),
                push_written_key(&name, &mut general)
            );
            proptest::prop_assert_eq!(fast, general);
            let mut parts = written_parts(&name);
            let ends = parts.next().zip(parts.next_back());
            proptest::prop_assert_eq!(first_and_last(&name), ends);
            if let Some(n) = plain_parts(&name) {
                proptest::prop_assert_eq!(n, written_parts(&name).count());
                proptest::prop_assert!(n > 0);
            }
        }
    }

    const SAMPLE: &str = "# test\nNorth Korea\tCOUNTRY\tDPRK\tcode=KP\nUnited States\tCOUNTRY\tUS|U.S.\nforeign minister\tROLE\tminister of foreign affairs\tcase=any\nChad\tCOUNTRY\t\tweak=Chad\n";

    fn source(name: &str, text: &str, user: bool) -> Source {
        Source {
            name: name.into(),
            text: Cow::Owned(text.into()),
            user,
            priority: if user { 4 } else { 2 },
        }
    }

    fn gaz() -> Gazetteer {
        Gazetteer::new(vec![source("t.tsv", SAMPLE, false)], &[]).unwrap()
    }

    fn tokens(text: &str) -> Vec<Token> {
        let mut t = Vec::new();
        crate::token::tokenize_into(text, Span::new(0, text.len()), &mut t);
        t
    }

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let g = gaz();
        let mut out = Vec::new();
        let caps = !text.chars().any(|c| c.is_lowercase());
        let toks = tokens(text);
        g.find(
            text,
            Span::new(0, text.len()),
            &toks,
            caps,
            &mut Vec::new(),
            &mut out,
        );
        out.iter()
            .map(|c| (c.span().slice(text).to_string(), c.label.as_str()))
            .collect()
    }

    #[test]
    fn name_lists_match_lower_cased_words_and_capitals_as_written() {
        let lower =
            NameList::parse("given", "joyce\t5\nwill\t3\tword=yes\njos\u{e9}\t2\n").unwrap();
        assert_eq!(lower.get("Joyce"), Some((5, false)));
        assert_eq!(lower.get("JOYCE"), Some((5, false)));
        assert_eq!(lower.get("will"), Some((3, true)));
        assert_eq!(lower.get("Jos\u{c9}"), Some((2, false)));
        assert_eq!(lower.get("Joy"), None);
        let capitals = NameList::parse("surnames", capitals_text()).unwrap();
        assert_eq!(capitals.get("McDonald"), Some((2, false)));
        assert_eq!(capitals.get("MCDONALD"), Some((1, false)));
        assert_eq!(capitals.get("Lee"), Some((4, false)));
        let rows = capitals.rows(capitals_text()).unwrap();
        assert_eq!(NameList::from_rows(capitals_text(), &rows), capitals);
    }

    fn capitals_text() -> &'static str {
        "McDonald\t2\nmcdonald\t1\nlee\t4\n"
    }

    #[test]
    fn case_rules_keep_us_apart_from_the_pronoun() {
        assert_eq!(found("tell us about the US"), [("US".into(), "COUNTRY")]);
        assert_eq!(
            found("NORTH KOREA WARNS US"),
            [("NORTH KOREA".into(), "COUNTRY"), ("US".into(), "COUNTRY")]
        );
        assert!(found("north korea").is_empty());
    }

    #[test]
    fn roles_match_in_any_case_and_words_need_boundaries() {
        assert_eq!(
            found("Foreign Minister X"),
            [("Foreign Minister".into(), "ROLE")]
        );
        assert!(found("DPRKs").is_empty());
        assert_eq!(found("North Korea's"), [("North Korea".into(), "COUNTRY")]);
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let err =
            Gazetteer::new(vec![source("user.tsv", "# c\nX\tPLANET\n", true)], &[]).unwrap_err();
        assert_eq!(err.to_string(), "user.tsv:2: unknown label \"PLANET\" (expected PERSON, COUNTRY, LOCATION, ORGANIZATION, ROLE or NATIONALITY)");
        let err = Gazetteer::new(vec![source("user.tsv", "Y\n", true)], &[]).unwrap_err();
        assert_eq!(err.line(), Some(1));
    }

    #[test]
    fn persons_like_share_last_name_and_first_initial() {
        let people = "Sergey Lavrov\tPERSON\tS. V. Lavrov|Lavrov\tcountry=Russia;role=foreign minister;start=2004\n\
                      Anna Lavrov\tPERSON\tAnya Lavrov\n\
                      Sam Lavrov\tPERSON\n\
                      Kim Jong-un\tPERSON\n";
        let g = Gazetteer::new(vec![source("p.tsv", people, false)], &[]).unwrap();
        let names = |v: Vec<u32>| v.iter().map(|&i| g.canonical(i)).collect::<Vec<_>>();
        let like = |name: &str| names(g.persons_like(name).collect());
        assert_eq!(like("Sergei LAVROV"), ["Sergey Lavrov", "Sam Lavrov"]);
        assert_eq!(like("a. lavrov"), ["Anna Lavrov"]);
        assert_eq!(like("Kim Jong un"), ["Kim Jong-un"]);
        assert!(like("Lavrov").is_empty());
        assert!(like("Ivan Lavrov").is_empty());
        // Each person once, though named in three ways.
        let date = Date::parse("2010").unwrap();
        assert_eq!(names(g.holders_named("LAVROV", date)), ["Sergey Lavrov"]);
    }

    #[test]
    fn user_entries_shadow_defaults() {
        let files = vec![
            source("t.tsv", SAMPLE, false),
            source("mine.tsv", "Chad Smith\tPERSON\tChad\n", true),
        ];
        let g = Gazetteer::new(files, &["DPRK".to_string()]).unwrap();
        let mut out = Vec::new();
        g.find(
            "Chad and DPRK",
            Span::new(0, 13),
            &tokens("Chad and DPRK"),
            false,
            &mut Vec::new(),
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].label, Label::Person);
    }
}
