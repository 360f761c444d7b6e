//! The relation trigger lexicon (`gazetteers/relations.tsv` and user files).

use crate::error::Error;
use crate::model::Relation;

/// How a trigger's arguments are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Subject on the left, object on the right.
    Verb,
    /// Nominal trigger: subject is the possessor or the clause subject.
    Noun,
    /// Object is the clause subject, subject follows a preposition.
    Reverse,
}

/// One trigger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// The relation it signals.
    pub relation: Relation,
    /// How arguments are found.
    pub frame: Frame,
    /// The trigger as lower-case words.
    pub words: Vec<String>,
    /// Prepositions that introduce the object.
    pub preps: Vec<String>,
    /// The object must follow one of `preps`.
    pub need_prep: bool,
    /// Symmetric relations may pair a coordinated subject.
    pub no_obj: bool,
    /// `<file>:<line>`, the rule id of facts it produces.
    pub id: String,
}

/// Parses a relation lexicon. `name` is used in errors and rule ids.
pub fn parse_lexicon(name: &str, text: &str) -> Result<Vec<Trigger>, Error> {
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols.len() > 5 {
            return Err(Error::parse(
                name,
                line_no,
                format!(
                    "expected 3 to 5 tab-separated columns (relation, frame, triggers, prepositions, options), found {}",
                    cols.len()
                ),
            ));
        }
        let relation = Relation::parse(cols[0].trim()).ok_or_else(|| {
            Error::parse(
                name,
                line_no,
                format!("unknown relation {:?}", cols[0].trim()),
            )
        })?;
        if relation == Relation::Role {
            return Err(Error::parse(
                name,
                line_no,
                "ROLE facts come from role patterns, not from triggers",
            ));
        }
        let frame = match cols[1].trim() {
            "verb" => Frame::Verb,
            "noun" => Frame::Noun,
            "reverse" => Frame::Reverse,
            other => {
                return Err(Error::parse(
                    name,
                    line_no,
                    format!("unknown frame {other:?} (expected verb, noun or reverse)"),
                ))
            }
        };
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        };
        let preps = split(cols.get(3).copied().unwrap_or(""));
        let mut need_prep = false;
        let mut no_obj = false;
        for opt in split(cols.get(4).copied().unwrap_or("")) {
            match opt.as_str() {
                "needprep" => need_prep = true,
                "noobj" => no_obj = true,
                other => {
                    return Err(Error::parse(
                        name,
                        line_no,
                        format!("unknown option {other:?} (expected needprep or noobj)"),
                    ))
                }
            }
        }
        if (need_prep || frame == Frame::Reverse) && preps.is_empty() {
            return Err(Error::parse(name, line_no, "this frame needs prepositions"));
        }
        let triggers = split(cols[2]);
        if triggers.is_empty() {
            return Err(Error::parse(name, line_no, "no trigger"));
        }
        for t in triggers {
            out.push(Trigger {
                relation,
                frame,
                words: t.split_whitespace().map(String::from).collect(),
                preps: preps.clone(),
                need_prep,
                no_obj,
                id: format!("{stem}:{line_no}"),
            });
        }
    }
    Ok(out)
}
