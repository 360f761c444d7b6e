//! [`Extractor`] and [`ExtractorBuilder`]: the only place that knows the
//! order of the stages.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::data;
use crate::error::Error;
use crate::gazetteer::{
    default_sources, Defaults, Entry, Gazetteer, NameList, NameRow, Source, TokenIndex,
};
use crate::model::{Candidate, Date, Document, Entity, Names, Offices, Relation, Sentence, Span};
use crate::pool::{ready, Pool};
use crate::relations::{parse_lexicon, Relator};
use crate::resolve::{EntryInfo, Lookups, Mention, Resolver, SentenceInput};
use crate::rules::{parse_modifiers, RuleSet};
use crate::segment::Segmenter;
use crate::token::Token;

/// Extracts entities and facts from English news text.
///
/// Build it once (the default gazetteers come precompiled; user files are
/// compiled into the same hashed index) and share it: it is `Send + Sync`, and [`extract`](Extractor::extract) takes `&self`.
///
/// It keeps some working memory between documents: for each thread that
/// extracted at the same time, the token array of its longest recent
/// document (about 3 bytes for each byte of text), so that the next long
/// document does not ask the system for it again. An array over 1 MiB and
/// more than four times what the next document needs is first shrunk to
/// that document's size; dropping the extractor frees them all.
///
/// ```
/// let extractor = gazette::Extractor::default();
/// let doc = extractor.extract(
///     "Finnish President Anna Virtanen met Chilean Foreign Minister Tomas Rojas in Helsinki on Monday.",
/// );
/// for fact in doc.facts() {
///     println!("{} {} {}", fact.subject_canonical, fact.relation, fact.object_canonical);
/// }
/// assert!(doc.facts().iter().any(|f| f.relation == gazette::Relation::Meet));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    date: Option<Date>,
    segmenter: Segmenter,
    gazetteer: Gazetteer,
    rules: RuleSet,
    resolver: Resolver,
    relator: Relator,
    /// Working memory lent to each extraction (see the `pool` module).
    pool: Pool,
}

impl Default for Extractor {
    /// The extractor with the embedded default gazetteers and relation
    /// lexicon.
    ///
    /// The embedded data is checked by the crate's tests, so this does not
    /// fail; use [`Extractor::builder`] to add files that could.
    fn default() -> Extractor {
        ExtractorBuilder::new()
            .build()
            .expect("the embedded gazetteers are valid (checked by the tests)")
    }
}

impl Extractor {
    /// Same as [`Extractor::default`].
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder to add user gazetteers and relation lexicons, drop defaults,
    /// or limit the relations.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Number of distinct surface forms in the gazetteer index.
    pub fn gazetteer_size(&self) -> usize {
        self.gazetteer.pattern_count()
    }

    /// Extracts sentences, entity mentions and facts from `text`.
    ///
    /// Never panics, whatever the input; time and memory grow linearly with
    /// the length of the text.
    pub fn extract<'t>(&self, text: &'t str) -> Document<'t> {
        self.extract_dated(text, self.date)
    }

    /// Like [`extract`](Extractor::extract), for a document of a known date:
    /// a lone surname ("Shoigu said") or a title with its state ("the
    /// Russian defence minister") then resolves to the office-holder of that
    /// date when the gazetteers know one, and ROLE facts whose office had
    /// ended by then are marked `former` even when the text does not say so.
    ///
    /// ```
    /// use gazette::{Date, Extractor};
    /// let e = Extractor::default();
    /// let doc = e.extract_dated("Shoigu said the exercises would continue.", Date::parse("2015-06-01"));
    /// assert_eq!(doc.entities()[0].canonical, "Sergei Shoigu");
    /// ```
    pub fn extract_dated<'t>(&self, text: &'t str, date: Option<Date>) -> Document<'t> {
        match self.run(text, Stage::Relations, date) {
            Run::Done(doc) => doc,
            Run::Partial(_) => unreachable!("the last stage gives a document"),
        }
    }

    /// Runs the pipeline up to and including `stage` and returns how many
    /// items that stage produced (sentences, candidates, candidates,
    /// mentions, facts). For benchmarks that price each stage; not needed
    /// otherwise.
    #[doc(hidden)]
    pub fn run_until(&self, text: &str, stage: Stage) -> usize {
        match self.run(text, stage, self.date) {
            Run::Done(doc) => doc.facts.len(),
            Run::Partial(n) => n,
        }
    }

    /// Every surface form of the gazetteers, for inspection and for the
    /// benchmark that compares gazette with a bare automaton scan.
    pub fn gazetteer_forms(&self) -> impl Iterator<Item = &str> {
        self.gazetteer.forms()
    }

    fn run<'t>(&self, text: &'t str, stage: Stage, date: Option<Date>) -> Run<'t> {
        let mut tokens = self.pool.take();
        let run = self.run_in(text, stage, date, &mut tokens);
        self.pool.give(tokens);
        run
    }

    /// The pipeline, its tokens written in `all` (borrowed from the pool).
    fn run_in<'t>(
        &self,
        text: &'t str,
        stage: Stage,
        date: Option<Date>,
        all: &mut Vec<Token>,
    ) -> Run<'t> {
        let offices = DatedOffices {
            gaz: &self.gazetteer,
            date,
        };
        let spans = self.segmenter.sentences(text);
        // All tokens in one vector; sentence `i` owns `all[ranges[i]]`.
        ready(all, text.len() / 4 + 16);
        let mut ranges = Vec::with_capacity(spans.len());
        for &span in &spans {
            let from = all.len();
            self.segmenter.tokens_into(text, span, all);
            ranges.push(from..all.len());
        }
        let all = &*all;
        let tokens: Vec<&[Token]> = ranges.into_iter().map(|r| &all[r]).collect();
        if stage == Stage::Split {
            return Run::Partial(spans.len());
        }
        // All candidates in one vector too; sentence `i` owns `cands[cand_ranges[i]]`.
        // News has about one candidate in 20 bytes: room for one in 16, so
        // the vector is not copied as it grows (memory reserved but never
        // written costs nothing).
        let mut cands: Vec<Candidate> = Vec::with_capacity(text.len() / 16 + 16);
        let mut cand_ranges = Vec::with_capacity(spans.len());
        let mut rule_cands = Vec::new();
        let mut scratch = crate::rules::Scratch::default();
        let mut pieces = Vec::new();
        for (si, &span) in spans.iter().enumerate() {
            let toks = tokens[si];
            let all_caps = is_all_caps(span.slice(text));
            let from = cands.len();
            self.gazetteer
                .find(text, span, toks, all_caps, &mut pieces, &mut cands);
            if stage != Stage::Gazetteer {
                self.rules.find(
                    text,
                    toks,
                    &cands[from..],
                    all_caps,
                    &mut scratch,
                    &mut rule_cands,
                );
                cands.append(&mut rule_cands);
            }
            cand_ranges.push(from..cands.len());
        }
        let count = cands.len();
        if matches!(stage, Stage::Gazetteer | Stage::Rules) {
            return Run::Partial(count);
        }
        let inputs: Vec<SentenceInput> = cand_ranges
            .into_iter()
            .zip(&tokens)
            .map(|(r, toks)| SentenceInput {
                tokens: toks,
                candidates: &cands[r],
            })
            .collect();
        let gaz = &self.gazetteer;
        let info = |i: u32| -> EntryInfo<'_> {
            EntryInfo {
                country: gaz.country(i),
                capital: gaz.entry(i).capital,
                office_country: gaz.office_country(i),
            }
        };
        // The one country of the known persons the name may stand for (see
        // `Gazetteer::persons_like`), if they agree.
        let person_country = |name: &str| {
            let mut one = None;
            for c in gaz.persons_like(name).filter_map(|i| gaz.office_country(i)) {
                match one {
                    None => one = Some(c),
                    Some(o) if o != c => return None,
                    Some(_) => {}
                }
            }
            one
        };
        // One allocation per distinct name and source of the document. A
        // mention has two; a long document repeats most.
        let mut names = Names::with_capacity((2 * count).min(1 << 12));
        let lookups = Lookups {
            info: &info,
            person_country: &person_country,
            list_sources: gaz.list_sources(),
        };
        let mentions = self
            .resolver
            .resolve(text, &inputs, &lookups, &offices, &mut names);
        if stage == Stage::Resolve {
            return Run::Partial(mentions.len());
        }
        // The candidates are spent; free them before the relation stage.
        // The sentences' spans and tokens take the inputs' memory (collected
        // in place: both are 32 bytes).
        let sent_toks: Vec<(Span, &[Token])> = inputs
            .into_iter()
            .zip(&spans)
            .map(|(input, &span)| (span, input.tokens))
            .collect();
        drop(cands);
        let (mut facts, pronouns) = self
            .relator
            .relate(text, &sent_toks, &mentions, &offices, &mut names);
        // The entities take the mentions' memory (collected in place), then
        // the pronouns'.
        let mut entities: Vec<Entity> = mentions.into_iter().map(Mention::into_entity).collect();
        // The mentions are in text order (resolution keeps it): only
        // pronouns can be out of it.
        let with_pronouns = !pronouns.is_empty();
        entities.extend(pronouns.into_iter().map(Mention::into_entity));
        if with_pronouns
            && entities
                .windows(2)
                .any(|w| w[0].span.start > w[1].span.start)
        {
            // Pronoun mentions join in text order; facts follow their entities.
            let mut order: Vec<usize> = (0..entities.len()).collect();
            order.sort_by_key(|&i| entities[i].span.start);
            let mut new_index = vec![0; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old] = new;
            }
            for f in &mut facts {
                f.subject = new_index[f.subject];
                f.object = new_index[f.object];
            }
            // Move each entity to its place by following the permutation's
            // cycles, without a second vector of entities.
            for i in 0..entities.len() {
                while new_index[i] != i {
                    let j = new_index[i];
                    entities.swap(i, j);
                    new_index.swap(i, j);
                }
            }
        }
        Run::Done(Document {
            text,
            sentences: spans.into_iter().map(|span| Sentence { span }).collect(),
            entities,
            facts,
        })
    }
}

/// A pipeline stage, in order (for [`Extractor::run_until`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Sentences and tokens.
    Split,
    /// ... and gazetteer candidates.
    Gazetteer,
    /// ... and rule candidates.
    Rules,
    /// ... and resolved mentions.
    Resolve,
    /// ... and facts: the whole pipeline.
    Relations,
}

enum Run<'t> {
    Partial(usize),
    Done(Document<'t>),
}

/// The default gazetteer and name lists as `build.rs` compiled them from the
/// embedded files (the `precompiled_defaults_*` test checks they equal a
/// fresh compilation). Loading them takes a fraction of compiling them.
fn precompiled() -> Result<Defaults, Error> {
    static ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entries.postcard"));
    static REST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rest.postcard"));
    let bad = |e: postcard::Error| Error::rule("precompiled gazetteers", e.to_string());
    let (entries, rest) = std::thread::scope(|scope| {
        let entries =
            scope.spawn(|| postcard::from_bytes::<(Vec<Entry>, TokenIndex)>(ENTRIES).map_err(bad));
        let rest = (|| {
            let (gazetteer, given, surnames): (Gazetteer, Vec<NameRow>, Vec<NameRow>) =
                postcard::from_bytes(REST).map_err(bad)?;
            Ok::<_, Error>((
                gazetteer,
                NameList::from_rows(data::GIVEN_NAMES.1, &given),
                NameList::from_rows(data::SURNAMES.1, &surnames),
            ))
        })();
        let entries = entries
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (entries, rest)
    });
    let ((entries, index), (mut gazetteer, given, surnames)) = (entries?, rest?);
    gazetteer.restore(default_sources(), index, entries);
    Ok((gazetteer, given, surnames))
}

/// Office lookups at the document's date.
struct DatedOffices<'g> {
    gaz: &'g Gazetteer,
    date: Option<Date>,
}

impl Offices for DatedOffices<'_> {
    fn holder(&self, country: &str, role: &str) -> Option<String> {
        let date = self.date?;
        let p = self.gaz.holder(country, &self.gaz.role_norm(role), date)?;
        Some(self.gaz.canonical(p).to_string())
    }

    fn former(&self, person: &str, country: &str, role: &str) -> Option<bool> {
        self.gaz
            .former(person, country, &self.gaz.role_norm(role), self.date?)
    }

    fn surname(&self, surname: &str) -> Option<(&str, Option<&str>)> {
        let found = self.gaz.holders_named(surname, self.date?);
        match found.as_slice() {
            [p] => Some((self.gaz.canonical(*p), self.gaz.office_country(*p))),
            _ => None,
        }
    }
}

/// A headline set in capitals: at least 4 letters and no more than a tenth of
/// them in lower case.
fn is_all_caps(s: &str) -> bool {
    // Bytes while the text is ASCII (most news copy), characters from the
    // first other byte on: the counts carry over.
    let (mut letters, mut lower) = (0usize, 0usize);
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !b.is_ascii() {
            return caps_from(s, i, letters, lower);
        }
        if b.is_ascii_alphabetic() {
            letters += 1;
            if b.is_ascii_lowercase() {
                lower += 1;
                if settled_lower(s, i + 1, letters, lower) {
                    return false;
                }
            }
        }
    }
    letters >= 4 && lower * 10 <= letters
}

/// Settled once the lower-case letters are more than a tenth of all the
/// letters the sentence could still have (at most one a remaining byte, the
/// rest being `s[at..]`): most sentences stop within a few words.
fn settled_lower(s: &str, at: usize, letters: usize, lower: usize) -> bool {
    lower * 10 > letters + (s.len() - at)
}

/// [`is_all_caps`] on the characters of `s` from byte `from` on, with the
/// counts of the letters before.
fn caps_from(s: &str, from: usize, mut letters: usize, mut lower: usize) -> bool {
    for (i, c) in s[from..].char_indices() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                lower += 1;
                if settled_lower(s, from + i + c.len_utf8(), letters, lower) {
                    return false;
                }
            }
        }
    }
    letters >= 4 && lower * 10 <= letters
}

#[cfg(test)]
mod caps_tests {
    use super::is_all_caps;

    #[test]
    fn headlines_in_capitals_are_told_from_sentences() {
        assert!(is_all_caps("RUSSIA AND CHINA SIGN GAS DEAL"));
        assert!(is_all_caps("ÉTATS-UNIS: NOUVEAU PLAN"));
        assert!(is_all_caps("NATO SAYS ALLIES AGREE ON PLAN, iPHONE MAKER"));
        assert!(!is_all_caps("Russia and China sign a gas deal."));
        assert!(!is_all_caps("UN"));
        assert!(!is_all_caps("NATO says allies agree"));
        assert!(!is_all_caps("die Vereinten Nationen STIMMEN ZU"));
        assert!(!is_all_caps(""));
    }

    /// The definition, counted in full.
    fn counted(s: &str) -> bool {
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        let lower = s.chars().filter(|c| c.is_lowercase()).count();
        letters >= 4 && lower * 10 <= letters
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn stopping_early_changes_no_answer(text in "[A-Za-zÉéß0-9 ,.'-]{0,60}") {
            proptest::prop_assert_eq!(is_all_caps(&text), counted(&text));
        }

        #[test]
        fn nearly_capital_lines_too(text in "[A-ZÉ0-9 ,.]{0,40}[a-zé]{0,5}[A-Z ]{0,20}[a-z]{0,3}") {
            proptest::prop_assert_eq!(is_all_caps(&text), counted(&text));
        }
    }
}

/// Where a gazetteer or lexicon comes from.
#[derive(Debug, Clone)]
enum SourceText {
    File(PathBuf),
    Text { name: String, text: String },
}

impl SourceText {
    fn load(&self) -> Result<(String, String), Error> {
        match self {
            SourceText::File(p) => {
                let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    Error::parse(
                        &p.display().to_string(),
                        0,
                        format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                    )
                })?;
                Ok((p.display().to_string(), text))
            }
            SourceText::Text { name, text } => Ok((name.clone(), text.clone())),
        }
    }
}

/// Configures and builds an [`Extractor`].
///
/// ```
/// use gazette::{Extractor, Label};
///
/// let mut builder = Extractor::builder();
/// builder.gazetteer_str("mine.tsv", "Zorblat Industries\tORGANIZATION\tZorblat\n");
/// let extractor = builder.build()?;
/// let doc = extractor.extract("Zorblat said profits rose.");
/// assert_eq!(doc.entities()[0].label, Label::Organization);
/// assert_eq!(doc.entities()[0].canonical, "Zorblat Industries");
/// # Ok::<(), gazette::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    default_gazetteers: bool,
    default_relations: bool,
    gazetteers: Vec<SourceText>,
    lexicons: Vec<SourceText>,
    stop: Vec<String>,
    relations: Vec<Relation>,
    date: Option<Date>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the embedded defaults switched on.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            default_gazetteers: true,
            default_relations: true,
            gazetteers: Vec::new(),
            lexicons: Vec::new(),
            stop: Vec::new(),
            relations: Vec::new(),
            date: None,
        }
    }

    /// Adds a gazetteer file (format: `gazetteers/FORMAT.md`). Its entries win
    /// over default entries with the same surface form. Read at `build`.
    pub fn gazetteer_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.gazetteers
            .push(SourceText::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds gazetteer rows given as a string; `name` appears in errors and as
    /// the entries' list name.
    pub fn gazetteer_str(&mut self, name: &str, text: &str) -> &mut Self {
        self.gazetteers.push(SourceText::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Adds a relation lexicon file (format: `gazetteers/relations.tsv`).
    pub fn relation_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.lexicons
            .push(SourceText::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds relation lexicon rows given as a string.
    pub fn relation_str(&mut self, name: &str, text: &str) -> &mut Self {
        self.lexicons.push(SourceText::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Keeps (`true`, the default) or drops the embedded gazetteers. The
    /// embedded given-name and surname lists stay.
    pub fn default_gazetteers(&mut self, yes: bool) -> &mut Self {
        self.default_gazetteers = yes;
        self
    }

    /// Keeps (`true`, the default) or drops the embedded relation lexicon.
    pub fn default_relations(&mut self, yes: bool) -> &mut Self {
        self.default_relations = yes;
        self
    }

    /// Removes a surface form from every gazetteer (a stop list entry).
    pub fn remove(&mut self, surface: &str) -> &mut Self {
        self.stop.push(surface.to_string());
        self
    }

    /// Produces only these relations (all when never called).
    pub fn relations(&mut self, relations: &[Relation]) -> &mut Self {
        self.relations = relations.to_vec();
        self
    }

    /// The date of the documents to come (see [`Extractor::extract_dated`]);
    /// `extract` uses it.
    pub fn date(&mut self, date: Date) -> &mut Self {
        self.date = Some(date);
        self
    }

    /// Reads and compiles everything. Fails on an unreadable or malformed
    /// user file, naming the file, line and reason.
    pub fn build(&self) -> Result<Extractor, Error> {
        // The defaults alone come precompiled; any change compiles afresh.
        let (gazetteer, given, surnames) =
            if self.default_gazetteers && self.gazetteers.is_empty() && self.stop.is_empty() {
                precompiled()?
            } else {
                let mut files: Vec<Source> = Vec::new();
                if self.default_gazetteers {
                    files = default_sources();
                }
                for g in &self.gazetteers {
                    let (name, text) = g.load()?;
                    files.push(Source {
                        name,
                        text: Cow::Owned(text),
                        user: true,
                        priority: 4,
                    });
                }
                (
                    Gazetteer::new(files, &self.stop)?,
                    NameList::parse(data::GIVEN_NAMES.0, data::GIVEN_NAMES.1)?,
                    NameList::parse(data::SURNAMES.0, data::SURNAMES.1)?,
                )
            };
        let (ranks, formers) = parse_modifiers(data::ROLE_MODIFIERS.0, data::ROLE_MODIFIERS.1)?;
        let mut triggers = Vec::new();
        if self.default_relations {
            triggers.extend(parse_lexicon(data::RELATIONS.0, data::RELATIONS.1)?);
        }
        for l in &self.lexicons {
            let (name, text) = l.load()?;
            triggers.extend(parse_lexicon(&name, &text)?);
        }
        Ok(Extractor {
            date: self.date,
            segmenter: Segmenter::new(),
            gazetteer,
            rules: RuleSet::new(given, surnames, ranks),
            resolver: Resolver::new(),
            relator: Relator::new(triggers, &self.relations, formers),
            pool: Pool::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::compile_defaults;

    #[test]
    fn precompiled_defaults_equal_a_fresh_compilation() {
        let (gazetteer, given, surnames) = precompiled().expect("the blob loads");
        let (fresh, fresh_given, fresh_surnames) = compile_defaults().expect("the files compile");
        assert!(
            gazetteer == fresh,
            "build.rs output differs from Gazetteer::new"
        );
        assert!(given == fresh_given && surnames == fresh_surnames);
    }

    #[test]
    fn mentions_of_one_thing_share_their_name_and_source() {
        let doc = Extractor::default().extract(
            "Finnish President Anna Virtanen visited Chile. Anna Virtanen met \
             Tomas Rojas in Santiago. Chile and Finland signed a deal.",
        );
        let chile: Vec<&Entity> = doc
            .entities()
            .iter()
            .filter(|e| e.canonical == "Chile")
            .collect();
        assert_eq!(chile.len(), 2, "{:?}", doc.entities());
        assert!(chile[0].canonical.shares(&chile[1].canonical));
        assert!(chile[0].source.shares(&chile[1].source));
        let visit = doc.facts().iter().find(|f| f.relation == Relation::Visit);
        let visit = visit.expect("a visit");
        assert!(visit.object_canonical.shares(&chile[0].canonical));
    }

    #[test]
    fn any_change_to_the_defaults_compiles_afresh() {
        let mut b = Extractor::builder();
        b.remove("Chad");
        let e = b.build().expect("builds");
        assert!(!e.gazetteer_forms().any(|f| f == "Chad"));
        assert!(Extractor::default().gazetteer_forms().any(|f| f == "Chad"));
    }
}
