//! Every rule by its own examples: one text where it must fire and one where
//! it must not. Rules are named as in the `source` of entities
//! (`rule:<id>`, `+link:<how>`) and the `rule` of facts.

mod common;

use common::extractor;

/// (rule id as it appears in a source or fact rule, fires on, must not fire on,
/// the text the rule must produce)
const ENTITY_RULES: &[(&str, &str, &str, &str)] = &[
    (
        "rule:person.title",
        "Foreign Minister Tomas Rojas arrived.",
        "The Foreign Ministry said so.",
        "Tomas Rojas",
    ),
    (
        "rule:person.given",
        "Officials said Joyce Carvalho would lead.",
        "May Day marches went ahead.",
        "Joyce Carvalho",
    ),
    (
        "rule:person.initial",
        "The innings ended with C. Haldane out.",
        "The U.N. Ambassador spoke.",
        "C. Haldane",
    ),
    (
        "rule:person.byline",
        "Reporting by Mei Tanaka",
        "Reporting on the vote continued.",
        "Mei Tanaka",
    ),
    (
        "rule:person.said",
        "Quispe said the talks had failed.",
        "The committee said the talks had failed.",
        "Quispe",
    ),
    (
        "rule:org.shape",
        "The Ministry of Fisheries issued a permit.",
        "The ministry issued a permit.",
        "Ministry of Fisheries",
    ),
    (
        "rule:role.modifier",
        "Acting Trade Minister Tomas Rojas left.",
        "The trade minister left.",
        "Acting Trade Minister",
    ),
    (
        "+link:surname",
        "Amani Odera arrived. Odera spoke.",
        "Odera spoke.",
        "Odera",
    ),
    (
        "+link:acronym",
        "The Kenya Ports Authority (KPA) grew. KPA hired.",
        "KPA hired.",
        "KPA",
    ),
    (
        "+link:capital",
        "Nairobi and Tokyo signed a pact.",
        "She flew to Nairobi.",
        "Nairobi",
    ),
    (
        "+link:team",
        "SOCCER - KENYAN LEAGUE\nMombasa beat Kisumu 2-1 on Sunday.",
        "Mombasa beat the heat on Sunday.",
        "Mombasa",
    ),
    (
        "rule:org.results",
        "SOCCER - RESULTS\nMwamba Rovers 2 Kisumu 1\nNakuru 3 Thika 0\nEmbu 1 Nyeri 1",
        "Mwamba Rovers played well.",
        "Mwamba Rovers",
    ),
];

#[test]
fn every_entity_rule_has_a_positive_and_a_negative_example() {
    for (rule, yes, no, text) in ENTITY_RULES {
        let doc = extractor().extract(yes);
        assert!(
            doc.entities()
                .iter()
                .any(|e| e.source.contains(rule) && e.text(doc.text()) == *text),
            "{rule} should give {text:?} in {yes:?}: {:?}",
            doc.entities()
        );
        let doc = extractor().extract(no);
        assert!(
            !doc.entities().iter().any(|e| e.source.contains(rule)),
            "{rule} should not fire in {no:?}: {:?}",
            doc.entities()
        );
    }
}

/// (rule prefix of facts, fires on, must not fire on, relation)
const FACT_RULES: &[(&str, &str, &str, &str)] = &[
    (
        "role:role.premodifier",
        "Kenyan President Amani Odera spoke.",
        "The Kenyan president spoke.",
        "ROLE",
    ),
    (
        "role:role.apposition",
        "Amani Odera, chairman of the African Union, spoke.",
        "Amani Odera, a lawyer, spoke.",
        "ROLE",
    ),
    (
        "role:role.apposition-before",
        "The chairman of the African Union, Amani Odera, spoke.",
        "The chairman spoke to Amani Odera.",
        "ROLE",
    ),
    (
        "role:role.counterpart",
        "Kenyan Foreign Minister Amani Odera met his Japanese counterpart Haruto Sato.",
        "Amani Odera met a Japanese official.",
        "ROLE",
    ),
    (
        "trigger:relations:22",
        "Amani Odera met Haruto Sato.",
        "Amani Odera met in Lima.",
        "MEET",
    ),
    (
        "trigger:relations:26",
        "Haruto Sato will visit Kenya.",
        "His visit was short.",
        "VISIT",
    ),
    (
        "trigger:relations:27",
        "Haruto Sato arrived in Kenya.",
        "Haruto Sato arrived late.",
        "VISIT",
    ),
    (
        "trigger:relations:28",
        "Haruto Sato spoke. His visit to Kenya went well.",
        "A visit to Kenya went well.",
        "VISIT",
    ),
    (
        "trigger:relations:29",
        "Japan supplies Kenya with rail cars.",
        "Japan supplies rail cars.",
        "SUPPLY",
    ),
    (
        "trigger:relations:31",
        "Kenya sent tea in return for aid from Japan.",
        "Kenya sent tea in return.",
        "SUPPLY",
    ),
    (
        "trigger:relations:32",
        "Chile and Peru signed a pact.",
        "Chile signed a pact.",
        "AGREEMENT",
    ),
    (
        "trigger:relations:34",
        "Chile backed Peru.",
        "Chile backed the plan.",
        "COOPERATE",
    ),
    (
        "trigger:relations:35",
        "Chile pledged cooperation with Peru.",
        "Chile pledged cooperation.",
        "COOPERATE",
    ),
    (
        "trigger:relations:36",
        "Kuwait was attacked by Iraq.",
        "The army attacked at dawn.",
        "ATTACK",
    ),
    (
        "trigger:relations:37",
        "Iran condemned Iraq's invasion of Kuwait.",
        "The invasion began.",
        "ATTACK",
    ),
    (
        "trigger:relations:38",
        "Chile accused Peru of spying.",
        "Chile accused nobody.",
        "CRITICIZE",
    ),
    (
        "trigger:relations:39",
        "Chile lodged a protest against Peru.",
        "Chile lodged a protest.",
        "CRITICIZE",
    ),
];

#[test]
fn every_fact_rule_has_a_positive_and_a_negative_example() {
    for (rule, yes, no, relation) in FACT_RULES {
        let doc = extractor().extract(yes);
        assert!(
            doc.facts()
                .iter()
                .any(|f| f.rule.starts_with(rule) && f.relation.as_str() == *relation),
            "{rule} should give a {relation} fact in {yes:?}: {:?}",
            doc.facts()
                .iter()
                .map(|f| (&f.rule, f.relation))
                .collect::<Vec<_>>()
        );
        let doc = extractor().extract(no);
        assert!(
            !doc.facts().iter().any(|f| f.rule.starts_with(rule)),
            "{rule} should not fire in {no:?}: {:?}",
            doc.facts()
                .iter()
                .map(|f| (&f.rule, f.relation))
                .collect::<Vec<_>>()
        );
    }
}
