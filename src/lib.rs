//! # gazette
//!
//! Turns English news text into structured facts — who met whom, who
//! supplies what to whom, who holds which office, who attacked or accused
//! whom — deterministically, fast, and with the evidence for every answer.
//! No model download: the knowledge is in gazetteers (embedded, extensible)
//! and the reasoning is in rules you can read.
//!
//! ## Overview
//!
//! - [`Extractor`]: built once ([`Extractor::default`] or
//!   [`Extractor::builder`]), `Send + Sync`, shared across threads.
//! - [`Extractor::extract`] returns a [`Document`]: its [`Sentence`]s, its
//!   [`Entity`] mentions (byte spans, [`Label`], canonical name, source) and
//!   its [`Fact`]s ([`Relation`], subject, object, trigger, rule, attribution,
//!   negation, [`Modality`], role and `former` for ROLE facts).
//! - [`output::DocumentRecord`]: the same as owned JSON-ready records with
//!   character offsets.
//! - [`eval`]: scoring against gold files.
//!
//! The pipeline runs one stage a module, data flowing one way:
//! `segment` (sentences, tokens) → `gazetteer` (Aho-Corasick over every
//! surface form) → `rules` (names no list holds) → `resolve` (overlaps,
//! canonical names, acronyms, metonymy) → `relations` (facts).
//!
//! ```
//! use gazette::{Extractor, Label, Relation};
//!
//! let extractor = Extractor::default();
//! let doc = extractor.extract(
//!     "Kenyan President Amani Odera met Japanese Prime Minister Haruto Sato in Tokyo on Monday, \
//!      Kyodo news agency said.",
//! );
//! let meet = doc.facts().iter().find(|f| f.relation == Relation::Meet).unwrap();
//! assert_eq!(meet.subject_canonical, "Amani Odera");
//! assert_eq!(meet.object_canonical, "Haruto Sato");
//! assert_eq!(meet.attributed_to.as_deref(), Some("Kyodo"));
//! let role = doc.facts().iter().find(|f| f.relation == Relation::Role).unwrap();
//! assert_eq!((role.subject_canonical.as_str(), role.object_canonical.as_str()), ("Amani Odera", "Kenya"));
//! assert_eq!(doc.entities()[0].label, Label::Nationality);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod data;
mod error;
pub mod eval;
mod extractor;
mod gazetteer;
pub mod jsonl;
mod model;
pub mod output;
mod pool;
mod relations;
mod resolve;
mod rules;
mod segment;
mod token;

pub use error::Error;
pub use extractor::{Extractor, ExtractorBuilder, Stage};
pub use model::{Date, Document, Entity, Fact, Label, Modality, Name, Relation, Sentence, Span};

/// The README's code blocks run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
