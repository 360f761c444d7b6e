//! Stage 2: gazetteers → candidate mentions.
//!
//! Gazetteer files (format in `gazetteers/FORMAT.md`) are parsed into
//! [`Entry`] values; all their surface forms are compiled into one
//! Aho-Corasick automaton (ASCII case-insensitive, overlapping search). A raw
//! hit becomes a [`Candidate`] only when
//! - it starts and ends on a word boundary (the characters around it are not
//!   letters or digits, so "Korea" matches in "Korea's" and "Korean-made"
//!   gives "Korean"), and
//! - its letter case fits: exactly as written in the file, or in any case for
//!   entries marked `case=any` (role titles), or fully upper-cased inside an
//!   all-caps line ("CHINA" in a headline; never "us" for "US").
//!
//! The matcher finds; it does not decide. Overlapping candidates all go to the
//! resolution stage, which picks the winners.

mod hashed;

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;
use crate::model::{Candidate, Label, Span};
use crate::token::Token;
use hashed::{pieces, same_form, TokenIndex};

/// One office held by a person, from a gazetteer row with `role=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// The office, lower-cased ("minister of defence").
    pub role: String,
    /// Canonical name of the country, when the office is national.
    pub country: Option<String>,
    /// Start date as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub start: Option<String>,
    /// End date as written; `None` while held.
    pub end: Option<String>,
}

/// One gazetteer entry: a canonical name, its label, its surface forms and
/// attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name all mentions resolve to.
    pub canonical: String,
    /// What it names.
    pub label: Label,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// Related country (a demonym's state, a capital's state, ...).
    pub country: Option<String>,
    /// True for a capital that can stand for its country as an actor.
    pub capital: bool,
    /// True when surface forms match in any letter case.
    pub case_any: bool,
    /// Surface forms that are common words and need supporting context.
    pub weak: Vec<String>,
    /// Offices held (PERSON rows).
    pub offices: Vec<Office>,
    /// Normal form of a ROLE title ("foreign secretary" -> "foreign minister").
    pub role: Option<String>,
    /// Population of a place.
    pub pop: Option<u64>,
    /// The list the entry came from (file stem).
    pub list: String,
    /// True when the entry came from a user file.
    pub user: bool,
    /// Rank against other entries of the same extent (user files 4, curated
    /// lists 3, generated lists 2).
    pub priority: u8,
    /// True when its forms go to the automaton (small curated lists) rather
    /// than the hashed index.
    pub automaton: bool,
}

impl Entry {
    /// All surface forms: the canonical name first, then the aliases.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(|s| s.as_str()))
    }
}

/// Parses one gazetteer file. `name` is used in error messages and as the
/// list name of its entries (its file stem).
pub fn parse_gazetteer(
    name: &str,
    text: &str,
    user: bool,
    priority: u8,
) -> Result<Vec<Entry>, Error> {
    let list = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            return Err(Error::parse(
                name,
                line_no,
                "expected at least 2 tab-separated columns (canonical, label)",
            ));
        }
        if cols.len() > 4 {
            return Err(Error::parse(
                name,
                line_no,
                format!("expected at most 4 columns, found {}", cols.len()),
            ));
        }
        let canonical = cols[0].trim();
        if canonical.is_empty() {
            return Err(Error::parse(name, line_no, "empty canonical name"));
        }
        let label = Label::parse(cols[1].trim()).ok_or_else(|| {
            Error::parse(
                name,
                line_no,
                format!(
                    "unknown label {:?} (expected PERSON, COUNTRY, LOCATION, ORGANIZATION, ROLE or NATIONALITY)",
                    cols[1].trim()
                ),
            )
        })?;
        let aliases: Vec<String> = cols
            .get(2)
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let mut entry = Entry {
            canonical: canonical.to_string(),
            label,
            aliases,
            country: None,
            capital: false,
            case_any: false,
            weak: Vec::new(),
            offices: Vec::new(),
            role: None,
            pop: None,
            list: list.clone(),
            user,
            priority,
            automaton: false,
        };
        let mut office = Office {
            role: String::new(),
            country: None,
            start: None,
            end: None,
        };
        for attr in cols.get(3).copied().unwrap_or("").split(';') {
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
            match k {
                "country" => entry.country = Some(v.to_string()).filter(|v| !v.is_empty()),
                "capital" => entry.capital = v == "yes",
                "case" => entry.case_any = v == "any",
                "weak" => entry.weak = v.split('|').map(|s| s.trim().to_string()).collect(),
                "role" => office.role = v.to_lowercase(),
                "start" => office.start = Some(v.to_string()).filter(|v| !v.is_empty()),
                "end" => office.end = Some(v.to_string()).filter(|v| !v.is_empty()),
                "pop" => {
                    entry.pop = Some(v.parse().map_err(|_| {
                        Error::parse(name, line_no, format!("pop={v:?} is not a whole number"))
                    })?)
                }
                _ => {}
            }
        }
        if !office.role.is_empty() {
            if label == Label::Role {
                entry.role = Some(office.role);
            } else {
                office.country = entry.country.clone();
                entry.offices.push(office);
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// The compiled gazetteers: entries plus one automaton over all their surface
/// forms.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Pattern index -> (entry index, weak).
    pattern_entries: Vec<Vec<(u32, bool)>>,
    patterns: Vec<String>,
    /// The automaton over the small (curated) lists, and the pattern id of
    /// each of its patterns.
    automaton: Option<AhoCorasick>,
    automaton_ids: Vec<u32>,
    /// The hashed index over the large lists.
    index: TokenIndex,
    /// Persons by the last part of any of their names, lower case.
    by_surname: HashMap<String, Vec<u32>>,
}

/// Lower-cased parts of a name; hyphens and dots read as spaces.
pub fn name_parts(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2010}')
        .map(|p| p.trim_matches('.').to_lowercase())
        .filter(|p| !p.is_empty())
        .collect()
}

impl Gazetteer {
    /// Compiles entries into a gazetteer. Entries with the same canonical name
    /// and label are merged; a surface form that a user entry defines is
    /// removed from every default entry (user entries win); surface forms in
    /// `stop` are dropped.
    pub fn new(entries: Vec<Entry>, stop: &[String]) -> Result<Gazetteer, Error> {
        let mut merged: Vec<Entry> = Vec::new();
        let mut by_canonical: HashMap<(String, Label), u32> = HashMap::new(); // merge index
        for e in entries {
            match by_canonical.get(&(e.canonical.clone(), e.label)) {
                Some(&i) => {
                    let m = &mut merged[i as usize];
                    for a in e.aliases {
                        if !m.aliases.contains(&a) && a != m.canonical {
                            m.aliases.push(a);
                        }
                    }
                    m.offices.extend(e.offices);
                    m.weak.extend(e.weak);
                    m.country = m.country.take().or(e.country);
                    m.capital |= e.capital;
                    m.case_any |= e.case_any;
                    m.role = m.role.take().or(e.role);
                    m.pop = m.pop.max(e.pop);
                    m.user |= e.user;
                    m.priority = m.priority.max(e.priority);
                    m.automaton |= e.automaton;
                }
                None => {
                    by_canonical.insert((e.canonical.clone(), e.label), merged.len() as u32);
                    merged.push(e);
                }
            }
        }
        // Surface form -> entries; user definitions shadow defaults.
        let mut by_surface: HashMap<&str, Vec<(u32, bool)>> = HashMap::new();
        let mut user_surfaces: HashMap<&str, bool> = HashMap::new();
        for (i, e) in merged.iter().enumerate() {
            for s in e.surfaces() {
                if e.user {
                    user_surfaces.insert(s, true);
                }
                let weak = e.weak.iter().any(|w| w == s);
                let v = by_surface.entry(s).or_default();
                if !v.iter().any(|(j, _)| *j == i as u32) {
                    v.push((i as u32, weak));
                }
            }
        }
        let stop: HashSet<&str> = stop.iter().map(|s| s.as_str()).collect();
        let mut surfaces: Vec<&str> = by_surface
            .keys()
            .copied()
            .filter(|s| !stop.contains(s))
            .collect();
        surfaces.sort_unstable();
        let mut patterns = Vec::with_capacity(surfaces.len());
        let mut pattern_entries = Vec::with_capacity(surfaces.len());
        for s in surfaces {
            let mut ids = by_surface[s].clone();
            if user_surfaces.contains_key(s) {
                ids.retain(|(i, _)| merged[*i as usize].user);
            }
            patterns.push(s.to_string());
            pattern_entries.push(ids);
        }
        // Small curated lists go to the automaton; the large ones to the
        // hashed index (see `hashed` for the measured reason).
        let in_automaton = |pid: usize| {
            pattern_entries[pid]
                .iter()
                .any(|(e, _)| merged[*e as usize].automaton)
        };
        let automaton_ids: Vec<u32> = (0..patterns.len())
            .filter(|&p| in_automaton(p))
            .map(|p| p as u32)
            .collect();
        let automaton = if automaton_ids.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(automaton_ids.iter().map(|&p| &patterns[p as usize]))
                    .map_err(|e| Error::rule("gazetteer automaton", e.to_string()))?,
            )
        };
        let index = TokenIndex::new(
            (0..patterns.len())
                .filter(|&p| !in_automaton(p))
                .map(|p| (p as u32, patterns[p].as_str())),
        );
        let mut by_surname: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in merged.iter().enumerate() {
            if e.label != Label::Person {
                continue;
            }
            let mut lasts: Vec<String> = e
                .surfaces()
                .filter_map(|s| name_parts(s).last().cloned())
                .collect();
            lasts.sort();
            lasts.dedup();
            for l in lasts {
                by_surname.entry(l).or_default().push(i as u32);
            }
        }
        Ok(Gazetteer {
            entries: merged,
            pattern_entries,
            patterns,
            automaton,
            automaton_ids,
            index,
            by_surname,
        })
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Known persons whose name may be written `name` in another
    /// transliteration ("Sergei Lavrov" for "Sergey Lavrov"): same last part,
    /// same first initial. Returns their entry indices.
    pub fn persons_like(&self, name: &str) -> Vec<u32> {
        let parts = name_parts(name);
        if parts.len() < 2 {
            return Vec::new();
        }
        let (first, last) = (&parts[0], &parts[parts.len() - 1]);
        let initial = first.chars().next();
        self.by_surname
            .get(last)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| {
                        self.entries[i as usize].surfaces().any(|s| {
                            name_parts(s).first().and_then(|f| f.chars().next()) == initial
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every distinct surface form.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|s| s.as_str())
    }

    /// Number of distinct surface forms compiled into the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Candidates in `sentence` (a byte range of `text`, cut into `tokens`).
    /// `all_caps` tells whether the sentence is set in capitals (a headline),
    /// where upper-cased forms of mixed-case names are accepted.
    pub fn find(
        &self,
        text: &str,
        sentence: Span,
        tokens: &[Token],
        all_caps: bool,
        out: &mut Vec<Candidate>,
    ) {
        // The large lists: hashed word-piece sequences.
        let mut ps = Vec::with_capacity(tokens.len() + 4);
        pieces(text, tokens, &mut ps);
        self.index.find(text, &ps, |i, j, pid| {
            let span = Span::new(ps[i].start, ps[j].end);
            if same_form(span.slice(text), &self.patterns[pid as usize], true) {
                self.accept(text, sentence, span, pid, all_caps, out);
            }
        });
        // The curated lists: the automaton, with word boundaries checked.
        let Some(ac) = &self.automaton else { return };
        let hay = sentence.slice(text);
        for m in ac.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            if !hay.is_char_boundary(s) || !hay.is_char_boundary(e) {
                continue;
            }
            let before_ok = !hay[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            let after_ok = !hay[e..].chars().next().is_some_and(|c| c.is_alphanumeric());
            if before_ok && after_ok {
                let pid = self.automaton_ids[m.pattern().as_usize()];
                let span = Span::new(sentence.start + s, sentence.start + e);
                self.accept(text, sentence, span, pid, all_caps, out);
            }
        }
    }

    /// Turns a hit of pattern `pid` at `span` into candidates, one per entry
    /// whose letter-case rule the hit satisfies.
    fn accept(
        &self,
        text: &str,
        sentence: Span,
        span: Span,
        pid: u32,
        all_caps: bool,
        out: &mut Vec<Candidate>,
    ) {
        let found = span.slice(text);
        let pattern = &self.patterns[pid as usize];
        let exact = same_form(found, pattern, false);
        let upper =
            found.chars().any(|c| c.is_alphabetic()) && !found.chars().any(|c| c.is_lowercase());
        let line_start = span.start == sentence.start;
        let caps = !exact
            && upper
            && (all_caps || (line_start && is_dateline_tail(&text[span.end..sentence.end])));
        for &(ei, weak) in &self.pattern_entries[pid as usize] {
            let entry = &self.entries[ei as usize];
            if !(exact || caps || entry.case_any) {
                continue;
            }
            out.push(Candidate {
                span,
                label: entry.label,
                canonical: entry.canonical.clone(),
                source: format!("gazetteer:{}", entry.list),
                entry: Some(ei),
                weak: weak || (caps && matches!(entry.label, Label::Location | Label::Person)),
                priority: entry.priority,
            });
        }
    }
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

/// A word list with weights: given names or surnames, keyed in lower case.
#[derive(Debug, Clone, Default)]
pub struct NameList {
    weights: HashMap<String, (u32, bool)>,
}

impl NameList {
    /// Parses `name<TAB>weight[<TAB>flags]` lines (`#` comments).
    pub fn parse(name: &str, text: &str) -> Result<NameList, Error> {
        let mut weights = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("").trim().to_lowercase();
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
            weights.insert(word, (weight, is_word));
        }
        Ok(NameList { weights })
    }

    /// Weight of a name (case-insensitive), `None` when absent.
    pub fn weight(&self, name: &str) -> Option<u32> {
        self.get(name).map(|x| x.0)
    }

    /// True when the name is also a common lower-case word ("will", "may").
    pub fn is_word(&self, name: &str) -> bool {
        self.get(name).is_some_and(|x| x.1)
    }

    fn get(&self, name: &str) -> Option<(u32, bool)> {
        if let Some(v) = self.weights.get(name) {
            return Some(*v);
        }
        self.weights.get(&name.to_lowercase()).copied()
    }

    /// True when the name is in the list.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# test\nNorth Korea\tCOUNTRY\tDPRK\tcode=KP\nUnited States\tCOUNTRY\tUS|U.S.\nforeign minister\tROLE\tminister of foreign affairs\tcase=any\nChad\tCOUNTRY\t\tweak=Chad\n";

    fn gaz() -> Gazetteer {
        Gazetteer::new(parse_gazetteer("t.tsv", SAMPLE, false, 2).unwrap(), &[]).unwrap()
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
        g.find(text, Span::new(0, text.len()), &toks, caps, &mut out);
        out.iter()
            .map(|c| (c.span.slice(text).to_string(), c.label.as_str()))
            .collect()
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
        let err = parse_gazetteer("user.tsv", "# c\nX\tPLANET\n", true, 4).unwrap_err();
        assert_eq!(err.to_string(), "user.tsv:2: unknown label \"PLANET\" (expected PERSON, COUNTRY, LOCATION, ORGANIZATION, ROLE or NATIONALITY)");
        let err = parse_gazetteer("user.tsv", "Y\n", true, 4).unwrap_err();
        assert_eq!(err.line(), Some(1));
    }

    #[test]
    fn user_entries_shadow_defaults() {
        let mut e = parse_gazetteer("t.tsv", SAMPLE, false, 2).unwrap();
        e.extend(parse_gazetteer("mine.tsv", "Chad Smith\tPERSON\tChad\n", true, 4).unwrap());
        let g = Gazetteer::new(e, &["DPRK".to_string()]).unwrap();
        let mut out = Vec::new();
        g.find(
            "Chad and DPRK",
            Span::new(0, 13),
            &tokens("Chad and DPRK"),
            false,
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].label, Label::Person);
    }
}
