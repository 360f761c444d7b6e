//! Stage 5: mentions + sentences → facts.
//!
//! Two kinds of rules produce facts:
//! - **trigger rules** (`gazetteers/relations.tsv`, extensible by users): a
//!   trigger word or phrase, its frame (verb, noun, reverse) and the
//!   prepositions that introduce its object. Arguments are the nearest
//!   acting entities around the trigger inside its clause, with coordination
//!   ("met X and Y"), passives ("was attacked by X"), possessors ("Russia's
//!   invasion of Ukraine", "his visit to Pyongyang") and pronoun subjects
//!   carried from the previous sentence ("He met ...").
//! - **role rules** (`role.premodifier`, `role.apposition`,
//!   `role.apposition-before`): "North Korean leader Kim Jong Un",
//!   "Sergei Shoigu, Secretary of the Security Council of Russia",
//!   "the speaker of the Belarus parliament, Semyon Sharetsky".
//!
//! Every fact gets attribution ("..., KCNA said"), negation ("have denied",
//! "did not") and modality ("will meet" → planned, "say that ..." → alleged).
//! No fact is made without an explicit trigger or role title.

pub mod lexicon;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::VecDeque;
use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{
    Entity, Fact, Label, Modality, Name, Names, Offices, Relation, Span, WordFilter, WordSet,
};
use crate::resolve::Mention;
use crate::token::{Token, TokenKind};
pub use lexicon::{parse_lexicon, Frame, Trigger};

/// Words that end a clause when searching for a trigger's arguments.
static CLAUSE_BREAKS: WordSet = WordSet::new(&[
    ";",
    ":",
    "that",
    "which",
    "whom",
    "whose",
    "but",
    "while",
    "whereas",
    "because",
    "although",
    "though",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "reported",
    "according",
    "--",
    "\u{2014}",
    "after",
    "before",
    "when",
    "if",
    "unless",
    "since",
    "until",
    "where",
]);

/// Auxiliaries and modals between a subject and its verb.
static AUXILIARIES: WordSet = WordSet::new(&[
    "will",
    "would",
    "shall",
    "should",
    "could",
    "can",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "also",
    "then",
    "to",
    "not",
    "did",
    "does",
    "do",
    "jointly",
    "later",
    "reportedly",
]);

/// A dash that opens or closes an aside: "--" or an em dash.
fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "\u{2014}" | "\u{2013}")
}

/// Prepositions that govern a noun phrase (an entity right after one is not a
/// clause subject).
static PREPOSITIONS: WordSet = WordSet::new(&[
    "of",
    "in",
    "at",
    "from",
    "to",
    "for",
    "with",
    "by",
    "on",
    "against",
    "near",
    "outside",
    "between",
    "into",
    "about",
    "over",
    "under",
    "after",
    "before",
    "since",
    "during",
    "via",
    "toward",
    "towards",
    "among",
    "amid",
    "across",
    "inside",
    "within",
    "without",
    "than",
    "like",
    "including",
    "despite",
    "per",
]);

/// Nouns that turn a preceding demonym into its state as an actor
/// ("Iraqi troops", "the German government").
static STATE_NOUNS: WordSet = WordSet::new(&[
    "government",
    "governments",
    "troops",
    "forces",
    "army",
    "military",
    "authorities",
    "officials",
    "police",
    "navy",
    "warplanes",
    "jets",
    "tanks",
    "artillery",
    "helicopters",
    "soldiers",
    "diplomats",
    "leadership",
    "regime",
    "administration",
    "embassy",
    "prosecutors",
    "ministry",
    "air",
]);

/// Words that negate a trigger in the same clause.
static NEGATIONS: WordSet = WordSet::new(&[
    "not", "n't", "never", "no", "denied", "deny", "denies", "denying", "refused", "refuses",
    "rejected", "failed", "without", "nor", "neither",
]);

/// Words that make a fact planned, proposed or possible.
static PLANNED: WordSet = WordSet::new(&[
    "will",
    "would",
    "shall",
    "could",
    "may",
    "might",
    "plans",
    "plan",
    "planned",
    "planning",
    "expected",
    "expects",
    "intends",
    "intended",
    "hopes",
    "hoped",
    "aims",
    "wants",
    "wanted",
    "due",
    "scheduled",
    "proposed",
    "proposes",
    "seeks",
    "sought",
    "set",
    "going",
    "prepared",
    "ready",
    "offered",
    "offers",
    "should",
    "must",
    "can",
    "considering",
]);

/// Speech and report verbs that mark a fact's source.
static REPORT_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "quoted",
    "announced",
    "added",
    "stated",
    "confirmed",
    "declared",
]);

/// Role titles that make a person act for their state in state-level
/// relations (a leader supplying arms supplies them as the state).
const HEAD_ROLES: &[&str] = &[
    "leader",
    "president",
    "prime minister",
    "premier",
    "king",
    "queen",
    "supreme leader",
    "chancellor",
    "emir",
    "sultan",
    "dictator",
    "head of state",
    "chairman",
];

/// The relation stage: the trigger lexicon, compiled.
#[derive(Debug, Clone)]
pub struct Relator {
    /// The words the pass looks for: the first words of the triggers of
    /// the enabled relations, report verbs and "counterpart(s)".
    cues: CueTable,
    enabled: HashSet<Relation>,
    /// Cues that an office is no longer held ("former", "ex-").
    formers: Formers,
}

/// What a word of a sentence may be to the relation pass.
#[derive(Debug, Clone, Default)]
struct CueWord {
    /// The triggers it starts, longest first: "held talks" before "held".
    triggers: Vec<Rule>,
    /// A report verb or "according": a source of facts may be near.
    report: bool,
    /// "counterpart(s)": a role fact may be near.
    counterpart: bool,
    /// "he", "she", "his" or "her": an argument whose antecedent may be in
    /// an earlier sentence.
    pronoun: bool,
}

/// The cue words, looked up by the words of a text as written (in any
/// ASCII case), without hashing them: every word of a sentence with
/// mentions is looked up, and few are cues.
///
/// A word's key is the low five bits of its first and last bytes, which
/// are the same for both cases of an ASCII letter, and its length (modulo
/// 64): 16 bits. A bit set marks the keys of cue words, which turns most
/// words away (five in six of news text) for one table lookup; the cue
/// words of a key are found by the number of keys set before it (its rank),
/// so that a word that gets through is compared with the few cue words of
/// its key only.
#[derive(Clone)]
struct CueTable {
    /// One bit per key, set for the keys of cue words.
    bits: Box<[u64; 1024]>,
    /// The number of keys set in `bits` before each of its words.
    ranks: Box<[u16; 1024]>,
    /// `words[starts[r]..starts[r + 1]]` are the cue words whose key has
    /// rank `r`.
    starts: Vec<usize>,
    /// The cue words in lower case, in key order.
    words: Vec<(String, CueWord)>,
}

/// A summary: the tables themselves are 2048 numbers.
impl std::fmt::Debug for CueTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.words.iter().map(|(w, _)| w))
            .finish()
    }
}

impl CueTable {
    fn new(cues: HashMap<String, CueWord>) -> CueTable {
        let mut words: Vec<(usize, String, CueWord)> = cues
            .into_iter()
            .filter_map(|(w, cue)| Some((CueTable::key(w.as_bytes())?, w, cue)))
            .collect();
        words.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut bits = Box::new([0u64; 1024]);
        for (key, _, _) in &words {
            bits[key / 64] |= 1 << (key % 64);
        }
        let mut ranks = Box::new([0u16; 1024]);
        let mut set = 0;
        for (rank, word) in ranks.iter_mut().zip(bits.iter()) {
            // Fewer than 2^16 keys come before the last word of `bits`.
            *rank = set as u16;
            set += word.count_ones();
        }
        let mut starts = Vec::with_capacity(set as usize + 1);
        for (i, (key, _, _)) in words.iter().enumerate() {
            if i == 0 || words[i - 1].0 != *key {
                starts.push(i);
            }
        }
        starts.push(words.len());
        CueTable {
            bits,
            ranks,
            starts,
            words: words.into_iter().map(|(_, w, cue)| (w, cue)).collect(),
        }
    }

    /// The key of word `w` (none for the empty word).
    #[inline(always)]
    fn key(w: &[u8]) -> Option<usize> {
        let (&first, &last) = (w.first()?, w.last()?);
        // The bytes pick a word of `bits`, the length a bit of it.
        Some((usize::from(first & 31) << 11) | (usize::from(last & 31) << 6) | (w.len() & 63))
    }

    /// The cue word `w` is in any ASCII case (`w` must be ASCII or in lower
    /// case already). Inlined in the scan of a sentence's words: most words
    /// take its first test only.
    #[inline(always)]
    fn get(&self, w: &[u8]) -> Option<&CueWord> {
        let key = CueTable::key(w)?;
        let (at, bit) = (key / 64, key % 64);
        let set = self.bits[at];
        if set & (1 << bit) == 0 {
            return None;
        }
        let rank = usize::from(self.ranks[at]) + (set & ((1 << bit) - 1)).count_ones() as usize;
        let (from, to) = (self.starts[rank], self.starts[rank + 1]);
        // Cue words are in lower case: `w` lowered must be one of them.
        self.words[from..to]
            .iter()
            .find(|(c, _)| lowers_to(w, c))
            .map(|(_, cue)| cue)
    }
}

/// True when ASCII word `w` (or one in lower case already) in lower case is
/// `lower`.
fn lowers_to(w: &[u8], lower: &str) -> bool {
    lower.len() == w.len()
        && lower
            .bytes()
            .zip(w)
            .all(|(c, &b)| c == b.to_ascii_lowercase())
}

/// The cue words of one sentence, found in one scan of its words (reused
/// from one sentence to the next).
#[derive(Debug, Default)]
struct Cues<'r> {
    /// Trigger words: their tokens, each with the triggers it may start
    /// (in an ASCII sentence, only words followed by the other words of
    /// one of them).
    triggers: Vec<(usize, &'r [Rule])>,
    /// The tokens of report verbs and of "according".
    reports: Vec<usize>,
    /// Whether "counterpart(s)" is one of the words.
    counterpart: bool,
    /// Whether "he", "she", "his" or "her" is one of the words.
    pronoun: bool,
}

/// A trigger with the rule name of the facts it makes ("trigger:<id>"),
/// made once rather than for every fact.
#[derive(Debug, Clone)]
struct Rule {
    trigger: Trigger,
    name: String,
}

/// The cues that an office is no longer held.
#[derive(Debug, Clone)]
struct Formers {
    /// As listed ("former", "ex-").
    cues: Vec<String>,
    /// Without their trailing hyphens ("ex" for "ex-"), for the words of a
    /// sentence to be looked up in.
    stems: HashSet<String>,
    /// `stems` as a filter: most words are no cue.
    filter: WordFilter,
}

/// One sentence's view for the relation pass. It borrows the per-document
/// tables of [`Document`] and the per-sentence buffers of [`Buffers`], and
/// so allocates nothing.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Tokens in lower case (the vector is the buffer's, see
    /// [`Ctx::recycle`]).
    low: Vec<&'a str>,
    /// Token -> index into `mentions` of the mention covering it.
    tok_m: &'a [Option<usize>],
    mentions: &'a [Mention<'a>],
    /// The mentions of the sentence, in order.
    ids: &'a [usize],
    sentence: usize,
    formers: &'a Formers,
    /// Mention `first_id + i` -> its first and one-past-last token, for
    /// the mentions of the sentence ((0, 0) when it covers no token, and for
    /// any other mention, which is never looked up).
    ranges: &'a [(usize, usize)],
    first_id: usize,
    /// The first person of the sentence: (first token, mention).
    first_person: Option<(usize, usize)>,
    /// The first acting mention of the sentence, (token, mention), found
    /// when first asked for (see [`Ctx::first_actor_before`]).
    first_actor: OnceCell<Option<(usize, usize)>>,
    /// Office lookups at the document's date.
    offices: &'a dyn Offices,
}

/// What the relation pass knows of a document, worked out once: the
/// mentions of each sentence and which sentences are all ASCII. Sentence
/// views borrow from it, and lower their own words: only the sentences
/// that may hold a fact are viewed, and no document holds more than one
/// view at a time.
struct Document<'a> {
    text: &'a str,
    sentences: &'a [(Span, &'a [Token])],
    mentions: &'a [Mention<'a>],
    formers: &'a Formers,
    offices: &'a dyn Offices,
    /// `ids[starts[s]..starts[s + 1]]` are the mentions of sentence `s`,
    /// in mention order.
    ids: Vec<usize>,
    starts: Vec<usize>,
    /// The sentences with mentions whose tokens are not all ASCII, in
    /// order (usually none).
    mixed: Vec<usize>,
    /// The most tokens, and bytes from the first token to the last, of a
    /// sentence with mentions: what a view's buffers need.
    longest: (usize, usize),
}

/// `s` without the copies of `prefix` it starts with (what
/// `trim_start_matches` does, without setting up a substring search).
fn strip_repeated<'s>(mut s: &'s str, prefix: &str) -> &'s str {
    debug_assert!(!prefix.is_empty());
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// True when the tokens are all ASCII: the text from the first one to the
/// last is (tokens are sorted).
fn ascii_tokens(text: &str, toks: &[Token]) -> bool {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text
            .get(a.span().start..b.span().end)
            .is_some_and(|s| s.is_ascii()),
        _ => true,
    }
}

/// The per-sentence buffers of a view, reused from one sentence to the
/// next.
#[derive(Default)]
struct Buffers {
    /// The sentence's text, or its tokens one after the other, in lower
    /// case: what the words of the view are slices of.
    lower: String,
    /// Where each token ends in `lower` when they are lowered one by one.
    ends: Vec<usize>,
    /// The allocation of the view's words (empty between views).
    low: Vec<&'static str>,
    tok_m: Vec<Option<usize>>,
    ranges: Vec<(usize, usize)>,
}

/// Argument indices from `PRONOUN` up stand for the pronoun at token
/// `index - PRONOUN` of the fact's sentence.
const PRONOUN: usize = usize::MAX / 2;

/// The longest list of coordinated parties paired by one trigger.
const MAX_LIST: usize = 16;

/// How far (in tokens) the searches for arguments, clause starts, sources
/// and antecedents look: bounded so that time stays linear in the input.
const WINDOW: usize = 40;

/// An argument of a fact: a mention and the name the fact uses for it
/// (borrowed from the mentions but for an office's holder: most arguments
/// never make a fact, so their names are copied only into facts).
#[derive(Debug, Clone)]
struct Arg<'a> {
    m: usize,
    canonical: Cow<'a, str>,
    label: Label,
}

impl Relator {
    /// Compiles a trigger list. `enabled` limits the relations produced
    /// (all of them when empty).
    pub fn new(triggers: Vec<Trigger>, enabled: &[Relation], mut formers: Vec<String>) -> Relator {
        // "previously" and "until" are cues of the sentence, not modifiers.
        formers.push("previously".to_string());
        let enabled: HashSet<Relation> = if enabled.is_empty() {
            Relation::ALL.iter().copied().collect()
        } else {
            enabled.iter().copied().collect()
        };
        let mut cue_words: HashMap<String, CueWord> = HashMap::default();
        for t in triggers {
            if !enabled.contains(&t.relation) {
                continue;
            }
            if let Some(w) = t.words.first() {
                let name = format!("trigger:{}", t.id);
                cue_words
                    .entry(w.clone())
                    .or_default()
                    .triggers
                    .push(Rule { trigger: t, name });
            }
        }
        for cue in cue_words.values_mut() {
            cue.triggers
                .sort_by_key(|r| std::cmp::Reverse(r.trigger.words.len()));
        }
        for &w in REPORT_VERBS.words().iter().chain(&["according"]) {
            cue_words.entry(w.to_string()).or_default().report = true;
        }
        for w in ["counterpart", "counterparts"] {
            cue_words.entry(w.to_string()).or_default().counterpart = true;
        }
        for w in ["he", "she", "his", "her"] {
            cue_words.entry(w.to_string()).or_default().pronoun = true;
        }
        let stems: HashSet<String> = formers
            .iter()
            .map(|f| f.trim_end_matches('-').to_string())
            .collect();
        let filter = WordFilter::of(stems.iter().map(String::as_str));
        Relator {
            cues: CueTable::new(cue_words),
            enabled,
            formers: Formers {
                cues: formers,
                stems,
                filter,
            },
        }
    }

    /// Finds the facts of a document. `sentences` holds each sentence's
    /// tokens; `mentions` are the resolved mentions (in text order). Returns
    /// the facts and the pronoun mentions they need (their indices follow
    /// those of `mentions`).
    pub fn relate(
        &self,
        text: &str,
        sentences: &[(Span, &[Token])],
        mentions: &[Mention],
        offices: &dyn Offices,
        names: &mut Names,
    ) -> (Vec<Fact>, Vec<Mention<'static>>) {
        // Fact-dense news has about one fact for three or four mentions:
        // room for that many, so the vector is not copied as it grows.
        let mut facts = Vec::with_capacity(mentions.len() / 3);
        let mut pronouns: Vec<Mention<'static>> = Vec::new();
        let doc = Document::new(text, sentences, mentions, &self.formers, offices);
        let mut buf = doc.buffers();
        let first_person = |si: usize| {
            doc.mentions_of(si)
                .iter()
                .copied()
                .find(|&i| mentions[i].label == Label::Person)
        };
        // Role facts first: they tell which persons lead which states. Only
        // a sentence with a role title has any. They come in sentence order.
        let roles = self.enabled.contains(&Relation::Role);
        let mut role_facts: Vec<Fact> = Vec::new();
        let mut heads: HashMap<Name, Name> = HashMap::default();
        // The first office each person is given: "his counterpart" shares it.
        let mut person_roles: HashMap<Name, Name> = HashMap::default();
        for si in 0..sentences.len() {
            let titled = doc
                .mentions_of(si)
                .iter()
                .any(|&i| mentions[i].label == Label::Role);
            if !(roles && titled) {
                continue;
            }
            let from = role_facts.len();
            let ctx = doc.view(si, &mut buf);
            ctx.role_facts(names, &mut role_facts);
            buf.low = ctx.recycle();
            for f in &role_facts[from..] {
                let role = f.role.as_deref().unwrap_or_default();
                // "leader", or a title ending in a word "leader".
                if HEAD_ROLES.iter().any(|h| {
                    role.strip_suffix(h)
                        .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
                }) && matches!(
                    mentions[f.object].label,
                    Label::Country | Label::Nationality
                ) && !heads.contains_key(&f.subject_canonical)
                {
                    heads.insert(f.subject_canonical.clone(), f.object_canonical.clone());
                }
                if let Some(r) = &f.role {
                    if !person_roles.contains_key(&f.subject_canonical) {
                        person_roles.insert(f.subject_canonical.clone(), r.clone());
                    }
                }
            }
        }
        // Then, sentence by sentence: counterparts ("his counterpart", from
        // the persons of earlier sentences), triggers, attribution.
        // The first person of a sentence is the antecedent of the next
        // sentences' "he"/"she".
        let mut last_person: Option<usize> = None;
        // Each sentence takes its role facts from the front.
        let mut role_facts = VecDeque::from(role_facts);
        // A counterpart takes the office of a person given one in the
        // document: none without role facts.
        let counterparts = roles && !person_roles.is_empty();
        // The facts of one sentence, and its cue words (reused).
        let mut sent_facts: Vec<Fact> = Vec::new();
        let mut cues = Cues::default();
        for si in 0..sentences.len() {
            // A sentence without mentions has no fact: every fact has an
            // argument named in its sentence (only one of the two can be a
            // pronoun), and so has every role fact.
            if doc.mentions_of(si).is_empty() {
                continue;
            }
            while role_facts.front().is_some_and(|f| f.sentence == si) {
                sent_facts.extend(role_facts.pop_front());
            }
            // Nor has a sentence without trigger words, role facts or
            // counterparts, the most common kind: it needs no view.
            self.cues(&doc, si, &mut cues);
            let counterpart = counterparts && cues.counterpart;
            // A trigger relates two names, so a sentence that names one
            // entity has no trigger fact either, unless a pronoun names
            // another or the one is a capital, which names its state too
            // (role facts and counterparts relate two mentions).
            let one_name = match doc.mentions_of(si) {
                [m] => !mentions[*m].capital,
                _ => false,
            };
            let triggers = !cues.triggers.is_empty() && (cues.pronoun || !one_name);
            if !triggers && sent_facts.is_empty() && !counterpart {
                if let Some(p) = first_person(si) {
                    last_person = Some(p);
                }
                continue;
            }
            let ctx = doc.view(si, &mut buf);
            if counterpart {
                ctx.counterparts(last_person, &person_roles, names, &mut sent_facts);
            }
            self.trigger_facts(
                &ctx,
                &cues.triggers,
                last_person,
                &heads,
                names,
                &mut sent_facts,
            );
            // Duplicates are dropped first: attribution and modality do not
            // tell facts apart, and a duplicate is one more to attribute.
            dedup(&mut sent_facts);
            // Attribution for all facts of the sentence but roles.
            if sent_facts.iter().any(|f| f.relation != Relation::Role) {
                let attributions = ctx.attributions(&cues.reports, last_person);
                for f in sent_facts.iter_mut() {
                    if f.relation == Relation::Role {
                        continue;
                    }
                    let t = ctx.tok_index(f.trigger.start).unwrap_or(0);
                    // A source after the trigger wins; else the last before it
                    // (sources are in token order: found by bisection, as a
                    // long sentence may have many of both).
                    let after = attributions.partition_point(|a| a.0 <= t);
                    let before = attributions.partition_point(|a| a.0 < t);
                    let src = attributions
                        .get(after)
                        .or_else(|| before.checked_sub(1).map(|b| &attributions[b]));
                    if let Some((_, src)) = src {
                        f.attributed_to = Some(names.get(src));
                    }
                    // A claim reported before it ("analysts say that ...") is
                    // alleged unless it is planned.
                    if f.modality == Modality::Asserted && ctx.claim_before(t) {
                        f.modality = Modality::Alleged;
                    }
                }
            }
            // A pronoun whose antecedent is in an earlier sentence becomes a
            // mention of its own, so that every fact points at entities of
            // its sentence, made once per pronoun. The search for one made
            // already looks only at this sentence's: no other has its span.
            let first_pronoun = pronouns.len();
            for f in sent_facts.iter_mut() {
                for (arg, canonical) in [
                    (&mut f.subject, &f.subject_canonical),
                    (&mut f.object, &f.object_canonical),
                ] {
                    if *arg < PRONOUN {
                        continue;
                    }
                    let k = *arg - PRONOUN;
                    let span = ctx.toks[k].span();
                    *arg = match pronouns[first_pronoun..]
                        .iter()
                        .position(|p: &Mention| p.span() == span)
                    {
                        Some(i) => mentions.len() + first_pronoun + i,
                        None => {
                            pronouns.push(Mention::new(
                                Entity {
                                    span,
                                    label: Label::Person,
                                    canonical: canonical.clone(),
                                    source: names.get("rule:pronoun+link:antecedent"),
                                    sentence: si,
                                },
                                None,
                                false,
                            ));
                            mentions.len() + pronouns.len() - 1
                        }
                    };
                }
            }
            buf.low = ctx.recycle();
            facts.append(&mut sent_facts);
            if let Some(p) = first_person(si) {
                last_person = Some(p);
            }
        }
        (facts, pronouns)
    }

    /// The cue words of sentence `si` (which has mentions), into `out`.
    fn cues<'r>(&'r self, doc: &Document, si: usize, out: &mut Cues<'r>) {
        out.triggers.clear();
        out.reports.clear();
        out.counterpart = false;
        out.pronoun = false;
        // `trigger`: whether the word may start one of its triggers.
        let mut add = |k: usize, cue: &'r CueWord, trigger: bool| {
            if trigger && !cue.triggers.is_empty() {
                out.triggers.push((k, &cue.triggers));
            }
            if cue.report {
                out.reports.push(k);
            }
            out.counterpart |= cue.counterpart;
            out.pronoun |= cue.pronoun;
        };
        let toks = doc.sentences[si].1;
        if doc.ascii(si) {
            // An ASCII word is looked up as written, without making a
            // `&str` of it.
            let text = doc.text.as_bytes();
            for (k, t) in toks.iter().enumerate() {
                let Some(word) = text.get(t.span().range()) else {
                    continue;
                };
                let Some(cue) = self.cues.get(word) else {
                    continue;
                };
                // Most words that start a trigger of several words ("has"
                // of "has talks") start none here: tried now, they need no
                // view of the sentence.
                let starts_one = cue.triggers.iter().any(|rule| {
                    rule.trigger.words[1..].iter().enumerate().all(|(m, w)| {
                        toks.get(k + 1 + m)
                            .and_then(|t| text.get(t.span().range()))
                            .is_some_and(|next| lowers_to(next, w))
                    })
                });
                add(k, cue, starts_one);
            }
        } else {
            // Lowering may change the bytes and length of a non-ASCII word:
            // it is lowered first.
            for (k, t) in toks.iter().enumerate() {
                let w = t.span().slice(doc.text);
                let cue = if w.is_ascii() {
                    self.cues.get(w.as_bytes())
                } else {
                    self.cues.get(w.to_lowercase().as_bytes())
                };
                if let Some(cue) = cue {
                    add(k, cue, true);
                }
            }
        }
    }

    /// Facts from the trigger words of a sentence (see `cues`).
    fn trigger_facts(
        &self,
        ctx: &Ctx,
        candidates: &[(usize, &[Rule])],
        prev_person: Option<usize>,
        heads: &HashMap<Name, Name>,
        names: &mut Names,
        out: &mut Vec<Fact>,
    ) {
        let n = ctx.toks.len();
        // The words of a trigger already matched are not tried again.
        let mut next = 0;
        for &(i, triggers) in candidates {
            // Triggers never sit inside an entity ("Security Council", "Deal
            // Corp"); a trigger word that is part of a mention is not one.
            if i < next || ctx.tok_m[i].is_some() {
                continue;
            }
            for rule in triggers {
                let trig = &rule.trigger;
                let len = trig.words.len();
                if i + len > n || (0..len).any(|k| ctx.low[i + k] != trig.words[k]) {
                    continue;
                }
                if ctx.apply(rule, i..i + len, prev_person, heads, names, out) {
                    next = i + len;
                    break;
                }
            }
        }
    }
}

/// Drops the facts that relate a name to itself or repeat an earlier fact
/// (either way round for a symmetric relation).
fn dedup(facts: &mut Vec<Fact>) {
    /// What makes two facts the same: the relation and its names, in order
    /// unless the relation is symmetric.
    fn key(f: &Fact) -> (Relation, &str, &str) {
        let (s, o) = (f.subject_canonical.as_str(), f.object_canonical.as_str());
        if f.relation.is_symmetric() && o < s {
            (f.relation, o, s)
        } else {
            (f.relation, s, o)
        }
    }
    // A sentence has a few facts: comparing each with the ones kept before
    // it costs less than hashing, and allocates nothing. The kept facts are
    // moved to the front in order.
    if facts.len() <= 16 {
        let mut kept = 0;
        for i in 0..facts.len() {
            let k = key(&facts[i]);
            if k.1 != k.2 && !facts[..kept].iter().any(|f| key(f) == k) {
                facts.swap(kept, i);
                kept += 1;
            }
        }
        facts.truncate(kept);
        return;
    }
    // Decided on borrowed names first, then dropped in one pass.
    let mut seen: HashSet<(Relation, &str, &str)> = HashSet::default();
    let keep: Vec<bool> = facts
        .iter()
        .map(|f| {
            let k = key(f);
            k.1 != k.2 && seen.insert(k)
        })
        .collect();
    let mut keep = keep.into_iter();
    facts.retain(|_| keep.next() == Some(true));
}

impl<'a> Document<'a> {
    fn new(
        text: &'a str,
        sentences: &'a [(Span, &'a [Token])],
        mentions: &'a [Mention<'a>],
        formers: &'a Formers,
        offices: &'a dyn Offices,
    ) -> Document<'a> {
        // Mentions grouped by sentence: their indices in sentence order
        // (mentions come in text order, so this is rarely a sort), then
        // where each sentence's run starts.
        // One look at each mention (on a long document the mentions are
        // hundreds of megabytes, and each look a cache miss): the runs'
        // starts are noted as the sentence changes, unless a mention is out
        // of order.
        let sentence_of = |i: &usize| mentions[*i].sentence;
        let mut ids: Vec<usize> = Vec::with_capacity(mentions.len());
        let mut starts = Vec::with_capacity(sentences.len() + 1);
        let mut sorted = true;
        for (i, m) in mentions.iter().enumerate() {
            let si = m.sentence;
            if si >= sentences.len() {
                continue;
            }
            if si + 1 < starts.len() {
                sorted = false;
            }
            while starts.len() <= si {
                starts.push(ids.len());
            }
            ids.push(i);
        }
        if !sorted {
            ids.sort_by_key(sentence_of);
            starts.clear();
            let mut k = 0;
            for si in 0..sentences.len() {
                while k < ids.len() && sentence_of(&ids[k]) < si {
                    k += 1;
                }
                starts.push(k);
            }
        }
        starts.resize(sentences.len() + 1, ids.len());
        // Only sentences with mentions are viewed: which of them are all
        // ASCII (the words of the others are lowered one by one), and how
        // long they are.
        let mut mixed = Vec::new();
        let mut longest = (0, 0);
        // Most texts are ASCII throughout: told in one scan rather than one
        // for each sentence, short ones that scan byte by byte.
        let ascii = text.is_ascii();
        for (si, (_, toks)) in sentences.iter().enumerate() {
            if starts[si] == starts[si + 1] {
                continue;
            }
            let bytes = match (toks.first(), toks.last()) {
                (Some(a), Some(b)) => b.span().end.saturating_sub(a.span().start),
                _ => 0,
            };
            longest = (longest.0.max(toks.len()), longest.1.max(bytes));
            if !ascii && !ascii_tokens(text, toks) {
                mixed.push(si);
            }
        }
        Document {
            text,
            sentences,
            mentions,
            formers,
            offices,
            ids,
            starts,
            mixed,
            longest,
        }
    }

    /// True when the tokens of sentence `si` (which has mentions) are all
    /// ASCII.
    fn ascii(&self, si: usize) -> bool {
        self.mixed.binary_search(&si).is_err()
    }

    /// Buffers for the views of this document, as long as its longest
    /// sentence with mentions needs, so that they never grow.
    fn buffers(&self) -> Buffers {
        let (tokens, bytes) = self.longest;
        Buffers {
            lower: String::with_capacity(bytes),
            ends: Vec::new(),
            low: Vec::with_capacity(tokens),
            tok_m: Vec::with_capacity(tokens),
            ranges: Vec::with_capacity(tokens),
        }
    }

    /// The mentions of sentence `si`, in order.
    fn mentions_of(&self, si: usize) -> &[usize] {
        &self.ids[self.starts[si]..self.starts[si + 1]]
    }

    /// The view of sentence `si`, which must have mentions, built in `buf`.
    fn view<'s>(&'s self, si: usize, buf: &'s mut Buffers) -> Ctx<'s> {
        let ids = self.mentions_of(si);
        let toks = self.sentences[si].1;
        // The tokens in lower case: an ASCII sentence is lowered as a whole
        // (its tokens are the same spans of it, from its first token on),
        // the rare others token by token (lowering may change lengths).
        let base = toks.first().map_or(0, |t| t.span().start);
        let ascii = self.ascii(si);
        buf.lower.clear();
        buf.ends.clear();
        if ascii {
            let end = toks.last().map_or(base, |t| t.span().end);
            buf.lower
                .push_str(self.text.get(base..end).unwrap_or_default());
            buf.lower.make_ascii_lowercase();
        } else {
            for t in toks {
                let w = t.span().slice(self.text);
                if w.is_ascii() {
                    let at = buf.lower.len();
                    buf.lower.push_str(w);
                    buf.lower[at..].make_ascii_lowercase();
                } else {
                    buf.lower.push_str(&w.to_lowercase());
                }
                buf.ends.push(buf.lower.len());
            }
        }
        // The tokens of each mention. Mentions come in text order: the
        // search for a mention's first token goes on from the previous
        // mention's (and starts over for one that starts before it). The
        // sentence's mention indices ascend: `ranges` is indexed from the
        // first.
        buf.tok_m.clear();
        buf.tok_m.resize(toks.len(), None);
        let first_id = ids.first().copied().unwrap_or(0);
        let last_id = ids.last().copied().unwrap_or(first_id);
        buf.ranges.clear();
        buf.ranges.resize(last_id + 1 - first_id, (0, 0));
        let mut first_person = None;
        let mut a = 0;
        for &mi in ids {
            let span = self.mentions[mi].span();
            if a > 0 && toks[a - 1].span().end > span.start {
                a = 0;
            }
            while a < toks.len() && toks[a].span().end <= span.start {
                a += 1;
            }
            let b = a + toks[a..]
                .iter()
                .take_while(|t| t.span().start < span.end)
                .count();
            buf.ranges[mi - first_id] = (a, b);
            buf.tok_m[a..b].fill(Some(mi));
            if b > a && first_person.is_none() && self.mentions[mi].label == Label::Person {
                first_person = Some((a, mi));
            }
        }
        let mut low: Vec<&'s str> = std::mem::take(&mut buf.low);
        let buf: &'s Buffers = buf;
        if ascii {
            // Tokens are sorted: each lies in the lowered span, from the
            // first token's start to the last one's end.
            low.extend(
                toks.iter()
                    .map(|t| &buf.lower[t.span().start - base..t.span().end - base]),
            );
        } else {
            let mut start = 0;
            low.extend(buf.ends.iter().map(|&end| {
                let w = buf.lower.get(start..end).unwrap_or_default();
                start = end;
                w
            }));
        }
        Ctx {
            text: self.text,
            toks,
            low,
            tok_m: &buf.tok_m,
            mentions: self.mentions,
            ids,
            sentence: si,
            formers: self.formers,
            ranges: &buf.ranges,
            first_id,
            first_person,
            first_actor: OnceCell::new(),
            offices: self.offices,
        }
    }
}

impl<'a> Ctx<'a> {
    fn is_former(&self, w: &str) -> bool {
        let stem = if w.ends_with('-') {
            w.trim_end_matches('-')
        } else {
            w
        };
        self.formers.filter.admits(stem.as_bytes()) && self.formers.stems.contains(stem)
    }

    fn tok_index(&self, byte: usize) -> Option<usize> {
        self.toks
            .binary_search_by_key(&byte, |t| t.span().start)
            .ok()
    }

    /// First and one-past-last token of mention `m`.
    fn m_range(&self, m: usize) -> (usize, usize) {
        m.checked_sub(self.first_id)
            .and_then(|i| self.ranges.get(i))
            .copied()
            .unwrap_or((0, 0))
    }

    /// The allocation of the view's words, emptied, for the next view
    /// (whose words borrow another lowered text). Collecting a vector into
    /// one of another type of the same size keeps its allocation.
    fn recycle(self) -> Vec<&'static str> {
        let mut low = self.low;
        low.clear();
        low.into_iter().map(|_| "").collect()
    }

    /// The state mentions of the sentence, in order.
    fn states(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids.iter().copied().filter(|&m| {
            let (a, b) = self.m_range(m);
            b > a && self.label(m) == Label::Country
        })
    }

    fn label(&self, m: usize) -> Label {
        self.mentions[m].label
    }

    /// The previous word before token `i`, skipping "the"/"a".
    fn prev_word(&self, i: usize) -> Option<&str> {
        let mut k = i;
        while k > 0 {
            k -= 1;
            let w = self.low[k];
            if matches!(w, "the" | "a" | "an") {
                continue;
            }
            return Some(w);
        }
        None
    }

    /// True when mention `m` (tokens a..b) is followed by "'s" and then by a
    /// person or a role title: "Russia's Shoigu", "Iraq's Deputy Prime
    /// Minister Tareq Aziz". Such a possessor is not an argument.
    fn possessor_of_name(&self, b: usize) -> bool {
        if self.toks.get(b).map(|t| t.kind) != Some(TokenKind::Possessive) {
            return false;
        }
        match self.tok_m.get(b + 1).copied().flatten() {
            Some(n) => matches!(self.label(n), Label::Person | Label::Role),
            None => false,
        }
    }

    /// The argument a mention stands for as an actor, if it can act.
    fn actor(&self, m: usize, allow_place: bool) -> Option<Arg<'a>> {
        let me = &self.mentions[m];
        let (a, b) = self.m_range(m);
        let canonical = Cow::Borrowed(me.canonical.as_str());
        // Inside a hyphenated word ("Pro-Moscow", "U.S.-led") a name is a
        // modifier, never a party.
        let span = me.span();
        if (a..b).any(|k| !span.contains(self.toks[k].span())) {
            return None;
        }
        match me.label {
            Label::Person | Label::Organization | Label::Country => {
                if self.possessor_of_name(b) {
                    return None;
                }
                // "a senior Belarus politician": a state after an indefinite
                // article (and adjectives) modifies a noun.
                if me.label == Label::Country && self.indefinite_modifier(a, b) {
                    return None;
                }
                // A state or body directly before a role title is its
                // modifier ("U.S. President Bill Clinton").
                if self
                    .tok_m
                    .get(b)
                    .copied()
                    .flatten()
                    .is_some_and(|n| self.label(n) == Label::Role)
                    && me.label != Label::Person
                {
                    return None;
                }
                Some(Arg {
                    m,
                    canonical,
                    label: me.label,
                })
            }
            Label::Nationality => {
                let surface = me.span().slice(self.text);
                let plural = surface.ends_with('s') && !surface.ends_with("ss");
                let next = self.low.get(b).copied().unwrap_or("");
                let after_next = self.low.get(b + 1).copied().unwrap_or("");
                let state = STATE_NOUNS.contains(next) || (next == "air" && after_next == "force");
                let _ = a;
                if plural || state {
                    Some(Arg {
                        m,
                        canonical,
                        label: Label::Country,
                    })
                } else {
                    None
                }
            }
            Label::Location if allow_place => Some(Arg {
                m,
                canonical,
                label: Label::Location,
            }),
            // "assistance from Moscow": a capital as a party is its state.
            Label::Location if me.capital && me.country.is_some() => Some(Arg {
                m,
                canonical: Cow::Borrowed(me.country.unwrap_or_default()),
                label: Label::Country,
            }),
            // "the Russian defence minister" with no name: the holder of that
            // office on the document's date, when known.
            Label::Role => {
                if self
                    .tok_m
                    .get(b)
                    .copied()
                    .flatten()
                    .is_some_and(|n| self.label(n) == Label::Person)
                {
                    return None;
                }
                let anchor = (a.saturating_sub(2)..a).rev().find_map(|k| {
                    self.tok_m[k]
                        .filter(|&x| matches!(self.label(x), Label::Country | Label::Nationality))
                })?;
                let country = &self.mentions[anchor].canonical;
                let person = self
                    .offices
                    .holder(country, &me.span().slice(self.text).to_lowercase())?;
                Some(Arg {
                    m,
                    canonical: Cow::Owned(person),
                    label: Label::Person,
                })
            }
            _ => None,
        }
    }

    /// True for a mention at tokens `a..b` after "a"/"an" (and adjectives)
    /// and before a lower-case noun: "a senior Belarus politician".
    fn indefinite_modifier(&self, a: usize, b: usize) -> bool {
        let next_lower = self.toks.get(b).is_some_and(|t| {
            t.kind == TokenKind::Word && !t.capitalized && self.tok_m[b].is_none()
        });
        if !next_lower {
            return false;
        }
        let mut k = a;
        let mut adjectives = 0;
        while k > 0 && adjectives < 3 {
            k -= 1;
            match self.low[k] {
                "a" | "an" => return true,
                w if self.tok_m[k].is_none()
                    && self.toks[k].kind == TokenKind::Word
                    && !self.toks[k].capitalized
                    && !PREPOSITIONS.contains(w)
                    && !CLAUSE_BREAKS.contains(w) =>
                {
                    adjectives += 1
                }
                _ => return false,
            }
        }
        false
    }

    /// Is token `k` a clause break?
    fn is_break(&self, k: usize) -> bool {
        self.tok_m[k].is_none() && CLAUSE_BREAKS.contains(self.low[k])
    }

    /// A break when searching leftwards for a subject: a clause break, except
    /// "but" before a verb, which shares the subject of the clause before it
    /// ("Moscow and Pyongyang have denied ..., but pledged ...").
    fn is_left_break(&self, k: usize) -> bool {
        if !self.is_break(k) {
            return false;
        }
        if self.low[k] == "but" {
            let next = self.low.get(k + 1).copied().unwrap_or("");
            let next_is_subject = self.tok_m.get(k + 1).copied().flatten().is_some()
                || matches!(
                    next,
                    "he" | "she"
                        | "it"
                        | "they"
                        | "we"
                        | "i"
                        | "the"
                        | "a"
                        | "an"
                        | "this"
                        | "that"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                );
            return next_is_subject;
        }
        true
    }

    /// The subject(s) left of token `i`: the nearest acting mention in the
    /// clause that no preposition governs, with its coordinated partners.
    /// Personal pronouns resolve to `prev_person`.
    fn left_subjects(&self, i: usize, prev_person: Option<usize>) -> Vec<Arg<'a>> {
        // "the five nations -- Israel, Lebanon and Syria -- will meet": a
        // list between dashes right before the verb is its subject.
        let mut d = i;
        while d > 0 && AUXILIARIES.contains(self.low[d - 1]) {
            d -= 1;
        }
        if d > 0 && is_dash(self.low[d - 1]) {
            // "--" is two dash tokens.
            let mut close = d - 1;
            while close > 0 && is_dash(self.low[close - 1]) {
                close -= 1;
            }
            if let Some(open) = (close.saturating_sub(WINDOW)..close)
                .rev()
                .find(|&k| is_dash(self.low[k]))
            {
                let list: Vec<Arg<'a>> = (open + 1..close)
                    .filter_map(|k| self.tok_m[k].filter(|&m| self.m_range(m).0 == k))
                    .filter_map(|m| self.actor(m, false))
                    .collect();
                if list.len() >= 2 {
                    return list;
                }
            }
        }
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 25 {
            k -= 1;
            steps += 1;
            // "X, which took control of Y, has backing": skip the relative
            // clause back to its antecedent.
            if matches!(self.low[k], "which" | "who") && k > 0 && self.low[k - 1] == "," {
                k -= 1;
                continue;
            }
            if self.is_left_break(k) {
                break;
            }
            let w = self.low[k];
            if matches!(w, "he" | "she") {
                return self.pronoun(k, prev_person).into_iter().collect();
            }
            let Some(m) = self.tok_m[k] else { continue };
            let (a, _) = self.m_range(m);
            k = a;
            if self.prev_word(a).is_some_and(|p| PREPOSITIONS.contains(p)) {
                continue;
            }
            let Some(arg) = self.actor(m, false) else {
                continue;
            };
            let mut group = vec![arg];
            // Coordinated subjects to the left: "Moscow and Pyongyang", "he
            // and rebel leader Aslan Maskhadov", "Azerbaijani adviser X and
            // his Armenian counterpart Y".
            let mut j = self.phrase_start(a);
            while j >= 2 && group.len() < MAX_LIST && matches!(self.low[j - 1], "and" | ",") {
                let left = j - 2;
                if matches!(self.low[left], "he" | "she") {
                    if let Some(x) = self.pronoun(left, prev_person) {
                        group.insert(0, x);
                    }
                    break;
                }
                let Some(p) = self.tok_m[left] else { break };
                let (pa, _) = self.m_range(p);
                match self.actor(p, false) {
                    Some(x) if !self.prev_word(pa).is_some_and(|w| PREPOSITIONS.contains(w)) => {
                        group.insert(0, x);
                        j = self.phrase_start(pa);
                    }
                    _ => break,
                }
            }
            return group;
        }
        Vec::new()
    }

    /// The start of the noun phrase a name heads: its titles, demonyms and
    /// adjectives ("his Armenian counterpart Zhirayr Liparityan", "rebel
    /// military leader Aslan Maskhadov").
    fn phrase_start(&self, a: usize) -> usize {
        let mut j = a;
        let mut words = 0;
        while j > 0 && words < 5 {
            let k = j - 1;
            let w = self.low[k];
            let modifier = match self.tok_m[k] {
                Some(m) => matches!(self.label(m), Label::Role | Label::Nationality),
                None => {
                    self.toks[k].kind == TokenKind::Word
                        && !self.toks[k].capitalized
                        && !matches!(w, "and" | "or" | "with" | "the")
                        && !PREPOSITIONS.contains(w)
                        && !CLAUSE_BREAKS.contains(w)
                        && !AUXILIARIES.contains(w)
                }
            };
            if !modifier {
                break;
            }
            j = match self.tok_m[k] {
                Some(m) => self.m_range(m).0,
                None => k,
            };
            words += 1;
        }
        j
    }

    /// Resolves "he"/"she"/"his"/"her" at token `k`: the nearest person
    /// earlier in the sentence, else the previous sentence's first person.
    /// The name a fact gives its argument `m`: the mention's own, shared,
    /// when the fact names it so; else a new one.
    fn name_of(&self, names: &mut Names, m: usize, canonical: &str) -> Name {
        match self.mentions.get(m) {
            Some(me) if me.canonical == canonical => me.canonical.clone(),
            _ => names.get(canonical),
        }
    }

    fn pronoun(&self, k: usize, prev_person: Option<usize>) -> Option<Arg<'a>> {
        let here = self.first_person.filter(|(t, _)| *t < k).map(|(_, m)| m);
        let m = here.or(prev_person)?;
        let me = &self.mentions[m];
        Some(Arg {
            // An antecedent in an earlier sentence: the fact's argument is
            // the pronoun itself, made a mention by `relate`.
            m: if here.is_some() { m } else { PRONOUN + k },
            canonical: Cow::Borrowed(&me.canonical),
            label: Label::Person,
        })
    }

    /// The object(s) right of token `j`: the first acting mention before a
    /// clause break, and the mentions coordinated with it.
    fn right_objects(&self, j: usize, allow_place: bool) -> Vec<Arg<'a>> {
        self.right_objects_with(j, allow_place, &[])
    }

    /// Like `right_objects`, stopping at any preposition not in `preps`
    /// (an entity a preposition governs is an adjunct: "meet in Lebanon"),
    /// except after a role title, whose complement is skipped ("the U.S.
    /// envoy to Burundi, Howard Wolpe": the object is Wolpe).
    fn right_objects_with(&self, j: usize, allow_place: bool, preps: &[String]) -> Vec<Arg<'a>> {
        let n = self.toks.len();
        let mut k = j;
        let mut words = 0;
        let mut after_role = false;
        let stop = n.min(j + WINDOW);
        while k < stop && words < 9 {
            let w = self.low[k];
            if after_role
                && w == ","
                && self
                    .tok_m
                    .get(k + 1)
                    .copied()
                    .flatten()
                    .is_some_and(|m| self.label(m) == Label::Person)
            {
                // "... envoy to Burundi, Howard Wolpe": the apposition names the person.
                k += 1;
                continue;
            }
            if self.is_break(k) || matches!(w, "," | "." | "(" | "who" | "and") {
                break;
            }
            if self.tok_m[k].is_none() && PREPOSITIONS.contains(w) && !preps.iter().any(|p| p == w)
            {
                if !after_role {
                    break;
                }
                // Skip the role's complement: "to Burundi".
                k += 1;
                while k < n && matches!(self.low[k], "the" | "a" | "an") {
                    k += 1;
                }
                if let Some(m) = self.tok_m.get(k).copied().flatten() {
                    k = self.m_range(m).1;
                }
                continue;
            }
            if let Some(m) = self.tok_m[k] {
                let (_, b) = self.m_range(m);
                if self.label(m) == Label::Role {
                    after_role = true;
                }
                if let Some(arg) = self.actor(m, allow_place) {
                    let mut group = vec![arg];
                    let mut e = b;
                    // "X and Y", "X, Y and Z", "X and opposition leader Y".
                    loop {
                        if e >= n || group.len() >= MAX_LIST || !matches!(self.low[e], "and" | ",")
                        {
                            break;
                        }
                        if self.low[e] == "," && !self.list_closes(e) && !self.headline() {
                            break;
                        }
                        let mut q = e + 1;
                        let mut skipped = 0;
                        let mut found = None;
                        while q < n && skipped < 4 {
                            if let Some(mm) = self.tok_m[q] {
                                if let Some(x) = self.actor(mm, allow_place) {
                                    found = Some((x, self.m_range(mm).1));
                                    break;
                                }
                                q = self.m_range(mm).1;
                                skipped += 1;
                                continue;
                            }
                            if self.is_break(q) || matches!(self.low[q], "," | "." | "and") {
                                break;
                            }
                            q += 1;
                            skipped += 1;
                        }
                        match found {
                            Some((x, end)) => {
                                group.push(x);
                                e = end;
                            }
                            None => break,
                        }
                    }
                    return group;
                }
                k = b;
                continue;
            }
            k += 1;
            words += 1;
        }
        Vec::new()
    }

    /// A headline: no final full stop ("Manila hails Indonesia, OIC for
    /// support"), where commas stand for "and".
    fn headline(&self) -> bool {
        self.toks
            .last()
            .is_some_and(|t| !matches!(t.span().slice(self.text), "." | "\"" | "?" | "!"))
            && self.toks.len() <= 20
    }

    /// True when the comma at `e` is inside a list that "and" closes before
    /// the clause ends, and not the start of an apposition ("X, Secretary of
    /// ...").
    fn list_closes(&self, e: usize) -> bool {
        if self
            .tok_m
            .get(e + 1)
            .copied()
            .flatten()
            .is_some_and(|m| self.label(m) == Label::Role)
        {
            return false;
        }
        for k in e + 1..self.toks.len().min(e + 16) {
            if self.low[k] == "and" {
                return true;
            }
            if self.is_break(k) || matches!(self.low[k], "." | "(") {
                return false;
            }
        }
        false
    }

    /// The possessor of a nominal trigger at token `i`: "Russia's invasion",
    /// "his visit", "its invasion" (adjectives may stand between).
    fn possessor(&self, i: usize, prev_person: Option<usize>) -> Option<Arg<'a>> {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            let w = self.low[k];
            match w {
                "his" | "her" => return self.pronoun(k, prev_person),
                "its" | "their" => {
                    // The nearest state or organisation before it.
                    let m = (k.saturating_sub(WINDOW)..k)
                        .rev()
                        .filter_map(|j| self.tok_m[j])
                        .find(|&m| {
                            matches!(self.label(m), Label::Country | Label::Organization)
                                && self.prev_word(self.m_range(m).0).is_none_or(|p| p != "of")
                        })?;
                    return self.actor(m, false).or_else(|| {
                        let me = &self.mentions[m];
                        Some(Arg {
                            m,
                            canonical: Cow::Borrowed(&me.canonical),
                            label: me.label,
                        })
                    });
                }
                _ => {}
            }
            if self.toks[k].kind == TokenKind::Possessive {
                let m = self.tok_m.get(k.wrapping_sub(1)).copied().flatten()?;
                let me = &self.mentions[m];
                return match me.label {
                    Label::Person | Label::Country | Label::Organization => Some(Arg {
                        m,
                        canonical: Cow::Borrowed(&me.canonical),
                        label: me.label,
                    }),
                    Label::Location if me.capital => Some(Arg {
                        m,
                        canonical: Cow::Borrowed(me.country.unwrap_or(&me.canonical)),
                        label: Label::Country,
                    }),
                    _ => None,
                };
            }
            if self.tok_m[k].is_some()
                || self.is_break(k)
                || matches!(w, "," | "." | "the" | "a" | "an")
            {
                return None;
            }
        }
        None
    }

    /// Applies one trigger at tokens `words` (`i..j`): adds the facts it
    /// makes to `out`, and tells whether there was any.
    fn apply(
        &self,
        rule: &Rule,
        words: Range<usize>,
        prev_person: Option<usize>,
        heads: &HashMap<Name, Name>,
        names: &mut Names,
        out: &mut Vec<Fact>,
    ) -> bool {
        let (i, j) = (words.start, words.end);
        let trig = &rule.trigger;
        let rel = trig.relation;
        let allow_place = rel == Relation::Visit;
        let n = self.toks.len();
        // Where the object search starts: after an optional preposition.
        let mut obj_start = j;
        let mut prep: Option<&str> = None;
        // A noun trigger may have a few modifiers before its preposition
        // ("cooperation in energy with"? no: adjectives and adverbs only).
        for look in j..n.min(j + 3) {
            let w = self.low[look];
            if let Some(p) = trig.preps.iter().find(|p| *p == w) {
                prep = Some(p);
                obj_start = look + 1;
                break;
            }
            if trig.frame == Frame::Verb
                || self.tok_m[look].is_some()
                || self.is_break(look)
                || matches!(w, "," | ".")
            {
                break;
            }
        }
        if (trig.need_prep || trig.frame == Frame::Noun) && prep.is_none() && !trig.no_obj {
            return false;
        }
        // A verb form after a determiner or possessive is a noun ("his
        // visit", "the attack"): the verb frame does not apply.
        if trig.frame == Frame::Verb && self.noun_use(i) {
            return false;
        }
        let mut subjects: Vec<Arg>;
        let mut objects: Vec<Arg>;
        match trig.frame {
            Frame::Reverse => {
                // "in return for ... assistance from Moscow": scan forward for the prep.
                let mut objs = Vec::new();
                for k in j..n.min(j + 10) {
                    if trig.preps.iter().any(|p| *p == self.low[k]) {
                        objs = self.right_objects(k + 1, false);
                        break;
                    }
                    if self.is_break(k) {
                        break;
                    }
                }
                subjects = objs;
                objects = self.clause_subject(i, prev_person).into_iter().collect();
            }
            Frame::Noun => {
                objects = if prep.is_some() {
                    self.right_objects(obj_start, allow_place)
                } else {
                    Vec::new()
                };
                subjects = match self.possessor(i, prev_person) {
                    Some(p) => vec![p],
                    None => self.left_subjects(i, prev_person),
                };
                // "attacks by Iran": the agent follows "by"; without a
                // stated target there is no fact.
                if self.low.get(j).is_some_and(|w| *w == "by") {
                    subjects = self.right_objects(j + 1, false);
                    if prep.is_none() {
                        objects = Vec::new();
                    }
                }
                if prep == Some("between") {
                    subjects = Vec::new();
                }
            }
            Frame::Verb => {
                // "was attacked by X", and the reduced "the KDP, backed by X".
                let passive = i > 0
                    && (matches!(
                        self.low[i - 1],
                        "was" | "were" | "been" | "being" | "is" | "are" | "be"
                    ) || (self.low[i - 1] == "," && self.low[i].ends_with("ed")))
                    && self.low.get(j).is_some_and(|w| *w == "by");
                if passive {
                    subjects = self.right_objects(j + 1, false);
                    objects = self.left_subjects(i, prev_person);
                } else {
                    // "by supplying ...": the arguments of the governing verb.
                    let gerund_by = i > 0 && self.low[i - 1] == "by";
                    objects = if prep.is_none() && trig.need_prep {
                        Vec::new()
                    } else {
                        self.right_objects_with(obj_start, allow_place, &trig.preps)
                    };
                    subjects = self.left_subjects(i, prev_person);
                    // "..., before visiting Montenegro": a gerund after a
                    // time word shares the subject of the sentence.
                    if subjects.is_empty()
                        && i > 0
                        && self.low[i].ends_with("ing")
                        && matches!(
                            self.low[i - 1],
                            "before" | "after" | "while" | "when" | "since"
                        )
                    {
                        subjects = self.clause_subject_group(i - 1);
                        if subjects.is_empty() {
                            subjects = self.first_actor_before(i).into_iter().collect();
                        }
                    }
                    // "X supplies Y ... and provides Z": a second verb shares
                    // the clause subject.
                    if i > 0 && self.low[i - 1] == "and" {
                        let group = self.clause_subject_group(i);
                        if !group.is_empty() {
                            subjects = group;
                        }
                    }
                    if gerund_by && objects.iter().all(|o| o.label == Label::Location) {
                        let clause = self.clause_actors(i);
                        if clause.len() >= 2 {
                            subjects = vec![clause[0].clone()];
                            objects = vec![clause[1].clone()];
                        }
                    }
                }
            }
        }
        // A list longer than any real one is cut: pairing is quadratic.
        subjects.truncate(MAX_LIST);
        objects.truncate(MAX_LIST);
        // The pairs to relate: the members of one list among themselves,
        // or each member of one with each of the other.
        let between = prep == Some("between") && (rel.is_symmetric() || objects.len() >= 2);
        let (among, left, right): (&[Arg], &[Arg], &[Arg]) = if between {
            (&objects, &[], &[])
        } else if !subjects.is_empty() && !objects.is_empty() {
            (&[], &subjects, &objects)
        } else if objects.is_empty()
            && subjects.len() >= 2
            && rel.is_symmetric()
            && trig.no_obj
            && !(trig.frame == Frame::Noun && self.governed_noun(i))
        {
            (&subjects, &[], &[])
        } else {
            return false;
        };
        if among.len() < 2 && left.is_empty() {
            return false;
        }
        let pairs = (0..among.len())
            .flat_map(|a| (a + 1..among.len()).map(move |b| (&among[a], &among[b])))
            .chain(left.iter().flat_map(|s| right.iter().map(move |o| (s, o))));
        let negated = self.negated(i);
        let modality = self.modality(i);
        let trigger = Span::new(self.toks[i].span().start, self.toks[j - 1].span().end);
        let made = out.len();
        for (s, o) in pairs {
            let (mut sc, mut oc) = (s.canonical.as_ref(), o.canonical.as_ref());
            // A leader acting in a state-level relation with a state acts
            // as that state.
            if matches!(
                rel,
                Relation::Supply | Relation::Attack | Relation::Cooperate
            ) {
                if s.label == Label::Person && o.label == Label::Country {
                    if let Some(c) = heads.get(sc) {
                        sc = c.as_str();
                    }
                }
                // Arms and attacks go to states; backing can go to a person.
                if rel != Relation::Cooperate
                    && o.label == Label::Person
                    && s.label == Label::Country
                {
                    if let Some(c) = heads.get(oc) {
                        oc = c.as_str();
                    }
                }
            }
            if rel == Relation::Visit
                && !matches!(
                    o.label,
                    Label::Country | Label::Location | Label::Organization
                )
            {
                continue;
            }
            if rel == Relation::Visit
                && s.label != Label::Person
                && s.label != Label::Organization
                && s.label != Label::Country
            {
                continue;
            }
            if sc == oc {
                continue;
            }
            out.push(Fact {
                relation: rel,
                subject: s.m,
                object: o.m,
                subject_canonical: self.name_of(names, s.m, sc),
                object_canonical: self.name_of(names, o.m, oc),
                sentence: self.sentence,
                trigger,
                rule: names.get(&rule.name),
                attributed_to: None,
                negated,
                modality,
                role: None,
                former: false,
            });
        }
        out.len() > made
    }

    /// True when the word at `i` is used as a noun: after a determiner or a
    /// possessive, with at most one adjective between ("his visit", "a
    /// private visit"), or right after a preposition ("from attack").
    fn noun_use(&self, i: usize) -> bool {
        const DETERMINERS: &[&str] = &[
            "his", "her", "its", "their", "the", "a", "an", "our", "my", "your", "this", "that",
            "any", "no",
        ];
        if i == 0 {
            return false;
        }
        let p = self.low[i - 1];
        if DETERMINERS.contains(&p) || self.toks[i - 1].kind == TokenKind::Possessive {
            return true;
        }
        // A gerund after a preposition is a verb ("by supplying").
        if self.tok_m[i - 1].is_none()
            && PREPOSITIONS.contains(p)
            && p != "to"
            && !self.low[i].ends_with("ing")
        {
            return true;
        }
        if i >= 2 && self.tok_m[i - 1].is_none() {
            let pp = self.low[i - 2];
            let adj = self.toks[i - 1].kind == TokenKind::Word
                && !self.toks[i - 1].capitalized
                && !PLANNED.contains(p)
                && !matches!(
                    p,
                    "to" | "not"
                        | "also"
                        | "has"
                        | "have"
                        | "had"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "be"
                        | "been"
                        | "then"
                        | "and"
                        | "or"
                        | "jointly"
                        | "officially"
                        | "reportedly"
                        | "formally"
                        | "later"
                )
                && !p.ends_with("ly");
            if adj && (DETERMINERS.contains(&pp) || self.toks[i - 2].kind == TokenKind::Possessive)
            {
                return true;
            }
        }
        false
    }

    /// True when the noun at `i` sits in a prepositional phrase ("at a
    /// summit", "in talks"): it then names a setting, not what the subject
    /// does.
    fn governed_noun(&self, i: usize) -> bool {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            let w = self.low[k];
            if self.tok_m[k].is_some() || self.is_break(k) || matches!(w, "," | "." | "to") {
                return false;
            }
            if PREPOSITIONS.contains(w) {
                // "a new round of peace talks" is still talks being held.
                let quantity = w == "of"
                    && k > 0
                    && matches!(self.low[k - 1], "round" | "rounds" | "series" | "set");
                return !quantity;
            }
        }
        false
    }

    /// The first acting mention of the sentence if it starts before token
    /// `i`. It is the same for every trigger of a sentence: found once, so
    /// that a long sentence of such triggers is not scanned from its start
    /// for each of them.
    fn first_actor_before(&self, i: usize) -> Option<Arg<'a>> {
        let first = self.first_actor.get_or_init(|| {
            (0..self.toks.len()).find_map(|k| {
                let m = self.tok_m[k]?;
                self.actor(m, false).map(|_| (k, m))
            })
        });
        let (k, m) = (*first)?;
        if k < i {
            self.actor(m, false)
        } else {
            None
        }
    }

    /// The clause subject for a trigger at `i` (used by reverse frames).
    fn clause_subject(&self, i: usize, prev_person: Option<usize>) -> Option<Arg<'a>> {
        let actors = self.clause_actors(i);
        actors
            .into_iter()
            .next()
            .or_else(|| self.left_subjects(i, prev_person).into_iter().next())
    }

    /// The first acting mention of the clause containing token `i`, with the
    /// mentions coordinated with it ("Moscow and Pyongyang have denied ...,
    /// but ... signed").
    fn clause_subject_group(&self, i: usize) -> Vec<Arg<'a>> {
        let actors = self.clause_actors(i);
        let mut group: Vec<Arg<'a>> = Vec::new();
        for a in actors {
            if let Some(last) = group.last() {
                let (_, lb) = self.m_range(last.m);
                let (na, _) = self.m_range(a.m);
                let joined = na > lb && (lb..na).all(|k| matches!(self.low[k], "and" | ","));
                if !joined {
                    break;
                }
            }
            group.push(a);
        }
        group
    }

    /// Acting mentions from the start of the clause containing token `i` up
    /// to `i`, skipping those a preposition governs.
    fn clause_actors(&self, i: usize) -> Vec<Arg<'a>> {
        let mut start = i.saturating_sub(WINDOW);
        for k in (start..i).rev() {
            if self.is_left_break(k) {
                start = k + 1;
                break;
            }
        }
        let mut out: Vec<Arg<'a>> = Vec::new();
        let mut k = start;
        while k < i {
            if let Some(m) = self.tok_m[k] {
                let (a, b) = self.m_range(m);
                if !self.prev_word(a).is_some_and(|p| PREPOSITIONS.contains(p)) {
                    if let Some(arg) = self.actor(m, false) {
                        if !out.iter().any(|x| x.m == arg.m) {
                            out.push(arg);
                        }
                    }
                }
                k = b.max(k + 1);
            } else {
                k += 1;
            }
        }
        out
    }

    /// True when a negation stands between the clause start and token `i`
    /// ("Moscow and Pyongyang have denied ..., but pledged" resets at "but").
    fn negated(&self, i: usize) -> bool {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 8 {
            k -= 1;
            steps += 1;
            let w = self.low[k];
            if matches!(w, "but" | ";" | "," | "and" | "that") || self.tok_m[k].is_some() {
                return false;
            }
            if NEGATIONS.contains(w) || w.ends_with("n't") {
                return true;
            }
        }
        false
    }

    /// Planned when a modal or plan word precedes the trigger in its clause.
    fn modality(&self, i: usize) -> Modality {
        let mut k = i;
        let mut steps = 0;
        let mut continues = false;
        while k > 0 && steps < 6 {
            k -= 1;
            steps += 1;
            let w = self.low[k];
            if matches!(w, "continue" | "continues" | "continued" | "continuing") {
                continues = true;
            }
            if self.tok_m[k].is_some() || matches!(w, "," | ";" | "but" | "and" | "that" | "said") {
                break;
            }
            if PLANNED.contains(w) {
                return if continues {
                    Modality::Asserted
                } else {
                    Modality::Planned
                };
            }
        }
        Modality::Asserted
    }

    /// True when a claim verb introduces the clause of token `t`: "say
    /// that", "says", "claim that", "alleged", "charges that".
    fn claim_before(&self, t: usize) -> bool {
        (t.saturating_sub(WINDOW)..t).any(|k| {
            let w = self.low[k];
            let next = self.low.get(k + 1).copied().unwrap_or("");
            self.tok_m[k].is_none()
                && (matches!(
                    w,
                    "say"
                        | "claim"
                        | "claims"
                        | "claimed"
                        | "allege"
                        | "alleges"
                        | "alleged"
                        | "allegedly"
                ) || (matches!(w, "says" | "charges" | "charge" | "insist" | "insists")
                    && next == "that"))
        })
    }

    /// Sources of the sentence: (token of the report verb, canonical source).
    /// `reports` are the tokens of its report verbs and "according", in
    /// order.
    fn attributions(
        &self,
        reports: &[usize],
        prev_person: Option<usize>,
    ) -> Vec<(usize, Cow<'a, str>)> {
        let mut out = Vec::new();
        let n = self.toks.len();
        for &k in reports {
            let w = self.low[k];
            let according = w == "according" && self.low.get(k + 1).is_some_and(|x| *x == "to");
            // A word of a name is no report verb, nor "according" without "to".
            if self.tok_m[k].is_some() || (w == "according" && !according) {
                continue;
            }
            // Source before the verb: "KCNA said", "Interfax news agency said",
            // "state media KCNA said".
            let mut src: Option<Cow<'a, str>> = None;
            if !according {
                let mut q = k;
                let mut skipped = 0;
                while q > 0 && skipped < 3 {
                    q -= 1;
                    if let Some(m) = self.tok_m[q] {
                        let me = &self.mentions[m];
                        if matches!(
                            me.label,
                            Label::Person
                                | Label::Organization
                                | Label::Country
                                | Label::Nationality
                        ) {
                            src = Some(Cow::Borrowed(&me.canonical));
                        }
                        break;
                    }
                    let x = self.low[q];
                    if matches!(x, "he" | "she") {
                        src = self.pronoun(q, prev_person).map(|a| a.canonical);
                        break;
                    }
                    if !matches!(
                        x,
                        "news"
                            | "agency"
                            | "media"
                            | "state"
                            | "official"
                            | "radio"
                            | "television"
                            | "tv"
                            | "newspaper"
                            | "daily"
                            | "also"
                            | "later"
                            | "has"
                            | "have"
                            | "had"
                            | "spokesman"
                            | "spokeswoman"
                    ) {
                        break;
                    }
                    skipped += 1;
                }
            }
            // The subject of a report verb further away: "The United States
            // and Ukraine ..., as well as analysts, say that ...".
            if src.is_none() && !according && matches!(w, "say" | "says" | "said" | "told") {
                src = self
                    .clause_actors(k)
                    .into_iter()
                    .next()
                    .map(|a| a.canonical);
            }
            // Source after the verb: "said KCNA", "according to X".
            if src.is_none() {
                let start = if according { k + 2 } else { k + 1 };
                let mut q = start;
                while q < n && q < start + 3 {
                    if let Some(m) = self.tok_m[q] {
                        let me = &self.mentions[m];
                        if matches!(
                            me.label,
                            Label::Person | Label::Organization | Label::Country
                        ) {
                            src = Some(Cow::Borrowed(&me.canonical));
                        }
                        break;
                    }
                    if !matches!(self.low[q], "the" | "a" | "state" | "news" | "agency") {
                        break;
                    }
                    q += 1;
                }
            }
            if let Some(s) = src {
                out.push((k, s));
            }
        }
        out
    }

    /// ROLE facts from "his German counterpart Klaus Kinkel": the person
    /// holds, for the named state, the office of the one "his" refers to.
    fn counterparts(
        &self,
        prev_person: Option<usize>,
        roles: &HashMap<Name, Name>,
        names: &mut Names,
        out: &mut Vec<Fact>,
    ) {
        for k in 2..self.toks.len() {
            if !matches!(self.low[k], "counterpart" | "counterparts") || self.tok_m[k].is_some() {
                continue;
            }
            let Some(p) = self
                .tok_m
                .get(k + 1)
                .copied()
                .flatten()
                .filter(|&p| self.label(p) == Label::Person)
            else {
                continue;
            };
            let Some(anchor) = self.tok_m[k - 1]
                .filter(|&a| matches!(self.label(a), Label::Nationality | Label::Country))
            else {
                continue;
            };
            let a0 = self.m_range(anchor).0;
            if a0 == 0 || !matches!(self.low[a0 - 1], "his" | "her" | "their") {
                continue;
            }
            let Some(referent) = self.pronoun(a0 - 1, prev_person) else {
                continue;
            };
            let Some(role) = roles.get(referent.canonical.as_ref()) else {
                continue;
            };
            let person = &self.mentions[p].canonical;
            let country = &self.mentions[anchor].canonical;
            if person.as_str() == referent.canonical || person == country {
                continue;
            }
            out.push(Fact {
                relation: Relation::Role,
                subject: p,
                object: anchor,
                subject_canonical: person.clone(),
                object_canonical: country.clone(),
                sentence: self.sentence,
                trigger: self.toks[k].span(),
                rule: names.get("role:role.counterpart"),
                attributed_to: None,
                negated: false,
                modality: Modality::Asserted,
                role: Some(role.clone()),
                former: false,
            });
        }
    }

    /// Adds the ROLE facts of the sentence to `out`.
    fn role_facts(&self, names: &mut Names, out: &mut Vec<Fact>) {
        let n = self.toks.len();
        let mut k = 0;
        while k < n {
            let Some(r) = self.tok_m[k] else {
                k += 1;
                continue;
            };
            let (ra, rb) = self.m_range(r);
            k = rb.max(k + 1);
            if self.label(r) != Label::Role {
                continue;
            }
            // The person the role belongs to.
            // (a) premodifier: ROLE directly before PERSON.
            let next = self.tok_m.get(rb).copied().flatten();
            let mut person: Option<usize> = next.filter(|&p| self.label(p) == Label::Person);
            let mut rule = "role:role.premodifier";
            // (b) apposition after: "PERSON, [the|previously|now] ROLE".
            if person.is_none() {
                let mut q = ra;
                let mut former_cue = false;
                while q > 0 && ra - q < 6 {
                    q -= 1;
                    let w = self.low[q];
                    if w == "," {
                        if q > 0 {
                            if let Some(p) =
                                self.tok_m[q - 1].filter(|&p| self.label(p) == Label::Person)
                            {
                                person = Some(p);
                                rule = "role:role.apposition";
                            }
                        }
                        break;
                    }
                    if self.tok_m[q].is_some() {
                        // "Russia's" inside the apposition is the anchor.
                        let m = self.tok_m[q].unwrap();
                        if self.label(m) == Label::Person {
                            break;
                        }
                        q = self.m_range(m).0;
                        if q == 0 {
                            break;
                        }
                        continue;
                    }
                    if self.is_former(w) {
                        former_cue = true;
                    }
                    if !(matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "now"
                            | "also"
                            | "currently"
                            | "'s"
                            | "who"
                            | "is"
                            | "was"
                            | "top"
                            | "senior"
                    ) || self.is_former(w))
                        && self.toks[q].kind != TokenKind::Possessive
                    {
                        break;
                    }
                }
                let _ = former_cue;
            }
            // (c) apposition before: "the ROLE of X, PERSON".
            let mut anchor_after: Option<usize> = None;
            if matches!(
                self.low.get(rb).copied(),
                Some("of") | Some("for") | Some("at") | Some("to")
            ) {
                let mut q = rb + 1;
                while q < n && matches!(self.low[q], "the") {
                    q += 1;
                }
                if let Some(m) = self.tok_m.get(q).copied().flatten() {
                    if matches!(
                        self.label(m),
                        Label::Country | Label::Organization | Label::Nationality
                    ) {
                        if self.low[rb] != "to" {
                            anchor_after = Some(m);
                        }
                        if person.is_none() {
                            // Skip to the end of the complement and look for ", PERSON".
                            let mut e = self.m_range(m).1;
                            while e < n
                                && self.tok_m[e].is_none()
                                && !matches!(self.low[e], "," | "." | ";")
                                && e - rb < 8
                            {
                                e += 1;
                            }
                            while e < n
                                && self.tok_m[e].is_some()
                                && self.label(self.tok_m[e].unwrap()) != Label::Person
                            {
                                e = self.m_range(self.tok_m[e].unwrap()).1;
                                while e < n
                                    && self.tok_m[e].is_none()
                                    && !matches!(self.low[e], "," | "." | ";")
                                    && e - rb < 10
                                {
                                    e += 1;
                                }
                            }
                            if e + 1 < n && self.low[e] == "," {
                                if let Some(p) =
                                    self.tok_m[e + 1].filter(|&p| self.label(p) == Label::Person)
                                {
                                    person = Some(p);
                                    rule = "role:role.apposition-before";
                                }
                            }
                        }
                    }
                }
            }
            let Some(p) = person else { continue };
            // The anchor: "of X" after the role, else a state, demonym or body
            // right before it ("Russia's", "North Korean", "Pentagon").
            let mut former = false;
            let mut anchor: Option<usize> = anchor_after;
            let mut q = ra;
            let mut steps = 0;
            while q > 0 && steps < 4 {
                q -= 1;
                steps += 1;
                let w = self.low[q];
                if self.is_former(w) {
                    former = true;
                    continue;
                }
                if self.toks[q].kind == TokenKind::Possessive
                    || matches!(w, "top" | "senior" | "the" | "a" | "veteran" | "-")
                {
                    continue;
                }
                if let Some(m) = self.tok_m[q] {
                    if matches!(
                        self.label(m),
                        Label::Country | Label::Nationality | Label::Organization
                    ) {
                        if anchor.is_none() {
                            anchor = Some(m);
                        }
                        let a = self.m_range(m).0;
                        // "former Tanzanian president": the cue stands before the anchor.
                        if a > 0 && self.is_former(self.low[a - 1]) {
                            former = true;
                        }
                        if a > 1 && self.low[a - 1] == "previously" {
                            former = true;
                        }
                    }
                    break;
                }
                break;
            }
            // An attached cue: "ex-minister".
            let before_role = &self.text[..self.mentions[r].span().start];
            if self.formers.cues.iter().any(|f| {
                f.ends_with('-')
                    && before_role.len() >= f.len()
                    && before_role.is_char_boundary(before_role.len() - f.len())
                    && before_role[before_role.len() - f.len()..].eq_ignore_ascii_case(f)
            }) {
                former = true;
            }
            // Cues right before the role or the anchor: "previously Russia's".
            let look_from = anchor.map(|m| self.m_range(m).0.min(ra)).unwrap_or(ra);
            for back in 1..=2 {
                if look_from >= back && self.is_former(self.low[look_from - back]) {
                    former = true;
                }
            }
            let pm = &self.mentions[p];
            let (obj, obj_canon) = match anchor {
                Some(a) => (a, self.mentions[a].canonical.clone()),
                None => {
                    // No anchor: when the title has a complement we do not
                    // know ("president of the self-declared government") or a
                    // modifier we do not know ("Kurdish rebel leader"), the
                    // office is not of a state we can name.
                    if matches!(self.low.get(rb).copied(), Some("of") | Some("for")) {
                        continue;
                    }
                    let unknown_modifier = (ra.saturating_sub(3)..ra).any(|q| {
                        self.tok_m[q].is_none()
                            && self.toks[q].capitalized
                            && self.toks[q].kind == TokenKind::Word
                            && q > 0
                    });
                    if unknown_modifier {
                        continue;
                    }
                    // The person's own country from the gazetteer, else the
                    // only state named in the sentence.
                    if let Some(c) = &pm.country {
                        match self.states().find(|&m| self.mentions[m].canonical == **c) {
                            Some(m) => (m, self.mentions[m].canonical.clone()),
                            None => (p, names.get(c)),
                        }
                    } else {
                        // The first state, when every state has its name.
                        let mut states = self.states();
                        let Some(first) = states.next() else { continue };
                        let name = &self.mentions[first].canonical;
                        if states.any(|m| self.mentions[m].canonical != *name) {
                            continue;
                        }
                        (first, name.clone())
                    }
                }
            };
            if obj_canon == pm.canonical {
                continue;
            }
            let role_text = self.mentions[r].span().slice(self.text).to_lowercase();
            let prefix = role_text.len()
                - strip_repeated(strip_repeated(&role_text, "former "), "ex-").len();
            // Most titles have no such prefix: the lowered title is the role.
            let role_clean = if prefix == 0 {
                role_text
            } else {
                role_text[prefix..].to_string()
            };
            // The text does not say; the gazetteer may know that the office
            // had ended by the document's date.
            if !former && self.offices.former(&pm.canonical, &obj_canon, &role_clean) == Some(true)
            {
                former = true;
            }
            out.push(Fact {
                relation: Relation::Role,
                subject: p,
                object: obj,
                subject_canonical: pm.canonical.clone(),
                object_canonical: obj_canon,
                sentence: self.sentence,
                trigger: self.mentions[r].span(),
                rule: names.get(rule),
                attributed_to: None,
                negated: false,
                modality: Modality::Asserted,
                role: Some(names.get(&role_clean)),
                former,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoOffices;

    impl Offices for NoOffices {
        fn holder(&self, _: &str, _: &str) -> Option<String> {
            None
        }
        fn former(&self, _: &str, _: &str, _: &str) -> Option<bool> {
            None
        }
        fn surname(&self, _: &str) -> Option<(&str, Option<&str>)> {
            None
        }
    }

    #[test]
    fn mentions_are_grouped_by_sentence_in_any_order() {
        let text = "Kim met Putin. Rain fell. Xi went.";
        let spans = [Span::new(0, 14), Span::new(15, 25), Span::new(26, 34)];
        let mut toks = Vec::new();
        let mut ranges = Vec::new();
        for span in spans {
            let from = toks.len();
            crate::token::tokenize_into(text, span, &mut toks);
            ranges.push(from..toks.len());
        }
        let sentences: Vec<(Span, &[Token])> = spans
            .iter()
            .zip(&ranges)
            .map(|(s, r)| (*s, &toks[r.clone()]))
            .collect();
        let mention = |name: &str, sentence: usize| {
            let start = text.find(name).unwrap_or(0);
            Mention::new(
                Entity {
                    span: Span::new(start, start + name.len()),
                    label: Label::Person,
                    canonical: Name::from(name),
                    source: Name::from("test"),
                    sentence,
                },
                None,
                false,
            )
        };
        let relator = Relator::new(Vec::new(), &[], Vec::new());
        let grouped = |mentions: &[Mention]| -> Vec<Vec<usize>> {
            let doc = Document::new(text, &sentences, mentions, &relator.formers, &NoOffices);
            (0..sentences.len())
                .map(|si| doc.mentions_of(si).to_vec())
                .collect()
        };
        let in_order = [mention("Kim", 0), mention("Putin", 0), mention("Xi", 2)];
        assert_eq!(grouped(&in_order), [vec![0, 1], vec![], vec![2]]);
        // Out of order, and one mention of no sentence (left out).
        let shuffled = [
            mention("Xi", 2),
            mention("Kim", 0),
            mention("Putin", 0),
            mention("Nobody", 7),
        ];
        assert_eq!(grouped(&shuffled), [vec![1, 2], vec![], vec![0]]);
    }

    fn fact(relation: Relation, subject: &str, object: &str) -> Fact {
        Fact {
            relation,
            subject: 0,
            object: 0,
            subject_canonical: subject.into(),
            object_canonical: object.into(),
            sentence: 0,
            trigger: Span::new(0, 0),
            rule: Name::default(),
            attributed_to: None,
            negated: false,
            modality: Modality::default(),
            role: None,
            former: false,
        }
    }

    /// The plain rule `dedup` implements: keep the first fact of each key
    /// (symmetric relations in either order), in order, and no fact of an
    /// entity with itself.
    fn reference(facts: &[Fact]) -> Vec<Fact> {
        let mut kept: Vec<Fact> = Vec::new();
        for f in facts {
            let same = |k: &Fact| {
                k.relation == f.relation
                    && ((k.subject_canonical == f.subject_canonical
                        && k.object_canonical == f.object_canonical)
                        || (f.relation.is_symmetric()
                            && k.subject_canonical == f.object_canonical
                            && k.object_canonical == f.subject_canonical))
            };
            if f.subject_canonical != f.object_canonical && !kept.iter().any(same) {
                kept.push(f.clone());
            }
        }
        kept
    }

    /// Few facts are compared pairwise, many are hashed: both give the rule.
    #[test]
    fn dedup_keeps_the_first_of_each_fact_by_either_path() {
        let names = ["Kenya", "Japan", "Chile", "Peru", "Kenya"];
        let relations = [Relation::Meet, Relation::Supply, Relation::Attack];
        let all: Vec<Fact> = (0..60)
            .map(|i| fact(relations[i % 3], names[i % 5], names[(i * 7 + 1) % 4]))
            .collect();
        for n in [0, 1, 5, 16, 17, 40, 60] {
            let mut facts = all[..n].to_vec();
            dedup(&mut facts);
            assert_eq!(facts, reference(&all[..n]), "{n} facts");
        }
    }

    /// A sentence naming one entity is not viewed, but for a pronoun or a
    /// capital, which may make a fact with it: "His visit to Nairobi", and
    /// (with a lexicon whose noun "visit" takes "by") "a visit by northern
    /// Kiev", the place, by Ukraine, its state.
    #[test]
    fn one_name_makes_a_fact_with_a_pronoun_or_as_a_capital() {
        let mut builder = crate::Extractor::builder();
        builder.relation_str("by.tsv", "VISIT\tnoun\tvisit\tby\n");
        let extractor = builder.build().unwrap();
        let has = |text: &str, s: &str, o: &str| {
            extractor.extract(text).facts().iter().any(|f| {
                f.relation == Relation::Visit && f.subject_canonical == s && f.object_canonical == o
            })
        };
        assert!(has(
            "Haruto Sato spoke. His visit to Nairobi ended.",
            "Haruto Sato",
            "Nairobi"
        ));
        assert!(has("A visit by northern Kiev ended.", "Ukraine", "Kiev"));
    }

    /// The table finds every cue word in any ASCII case, and only them,
    /// also among words that share a key ("sat" and "set", "met" and "mat").
    #[test]
    fn cue_table_finds_cue_words_in_any_case() {
        let cues = ["met", "set", "counterparts", "a", "u.s.", "visité"];
        let table = CueTable::new(
            cues.iter()
                .map(|w| (w.to_string(), CueWord::default()))
                .collect(),
        );
        let found = |w: &str| table.get(w.as_bytes()).is_some();
        for w in cues {
            assert!(found(w), "{w}");
        }
        for w in ["MET", "Set", "CounterParts", "A", "U.S."] {
            assert!(found(w), "{w}");
        }
        for w in ["mat", "sat", "meet", "counterpart", "b", "", "us"] {
            assert!(!found(w), "{w}");
        }
    }
}
