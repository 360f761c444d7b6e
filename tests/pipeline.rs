//! End-to-end behaviour of the extractor, stage by stage, on sample text
//! written for these tests.

mod common;

use common::extractor;
use gazette::{Document, Extractor, Label, Modality, Relation};

/// (relation, subject, object) of every fact.
fn facts(doc: &Document) -> Vec<(Relation, String, String)> {
    doc.facts()
        .iter()
        .map(|f| {
            (
                f.relation,
                f.subject_canonical.to_string(),
                f.object_canonical.to_string(),
            )
        })
        .collect()
}

fn has(doc: &Document, rel: Relation, s: &str, o: &str) -> bool {
    facts(doc).iter().any(|(r, a, b)| {
        *r == rel && ((a == s && b == o) || (rel.is_symmetric() && a == o && b == s))
    })
}

fn entity<'d>(doc: &'d Document, text: &str) -> Option<&'d gazette::Entity> {
    doc.entities().iter().find(|e| e.text(doc.text()) == text)
}

// ---------------------------------------------------------------- API

#[test]
fn extractor_is_send_and_sync_and_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
    let text = "Kenyan President Amani Odera met Japanese Prime Minister Haruto Sato.";
    let here = facts(&extractor().extract(text));
    let there = std::thread::scope(|s| {
        s.spawn(|| facts(&extractor().extract(text)))
            .join()
            .unwrap()
    });
    assert_eq!(here, there);
}

#[test]
fn odd_input_gives_a_result_not_a_panic() {
    for text in [
        "",
        "   \n\t  ",
        "\u{0}\u{1}\u{7f} control \u{1b}[0m",
        "Президент России встретился с лидером КНДР.",
        "北朝鮮の金正恩氏がロシアのショイグ氏と会談",
        "مرحبا بالعالم",
        "e\u{301}\u{301}\u{301} combining marks",
        "😀 emoji 🇺🇸 flags",
        &"word ".repeat(20_000),
        &"Mr. ".repeat(5_000),
        &"(((((".repeat(2_000),
    ] {
        let doc = extractor().extract(text);
        for e in doc.entities() {
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    assert!(extractor().extract("").sentences().is_empty());
}

// ---------------------------------------------------------------- stage 1: sentences

fn sentences(text: &str) -> Vec<&str> {
    let doc = extractor().extract(text);
    doc.sentences().iter().map(|s| s.span.slice(text)).collect()
}

#[test]
fn splitter_survives_abbreviations_initials_decimals_and_quotes() {
    assert_eq!(
        sentences(
            "Mr. Odera met Gen. Ray Cole in the U.S. capital on Jan. 5. Talks lasted 2.5 hours."
        ),
        [
            "Mr. Odera met Gen. Ray Cole in the U.S. capital on Jan. 5.",
            "Talks lasted 2.5 hours."
        ]
    );
    assert_eq!(
        sentences("K.T. Arasu said \"we agreed.\" He left."),
        ["K.T. Arasu said \"we agreed.\"", "He left."]
    );
}

#[test]
fn headlines_and_datelines_end_at_the_line_break() {
    assert_eq!(
        sentences(
            "Kenya, Japan sign port deal\nNAIROBI 2024-03-04\nThe two countries signed a deal."
        ),
        [
            "Kenya, Japan sign port deal",
            "NAIROBI 2024-03-04",
            "The two countries signed a deal."
        ]
    );
}

// ---------------------------------------------------------------- stages 2-4: entities

#[test]
fn us_the_country_is_not_us_the_pronoun() {
    let doc = extractor().extract("The US told us to wait.");
    let labels: Vec<(&str, Label)> = doc
        .entities()
        .iter()
        .map(|e| (e.text(doc.text()), e.label))
        .collect();
    assert_eq!(labels, [("US", Label::Country)]);
    assert_eq!(doc.entities()[0].canonical, "United States");
}

#[test]
fn all_caps_headlines_still_name_countries() {
    let doc = extractor().extract("CHINA AND INDIA AGREE TO RESUME BORDER TALKS");
    let names: Vec<&str> = doc
        .entities()
        .iter()
        .map(|e| e.canonical.as_str())
        .collect();
    assert_eq!(names, ["China", "India"]);
}

#[test]
fn names_no_gazetteer_holds_come_from_rules() {
    let doc = extractor().extract(
        "Foreign Minister Tomas Rojas said the Ministry of Fisheries would act. Reporting by Mei Tanaka",
    );
    let rojas = entity(&doc, "Tomas Rojas").expect("person after a title");
    assert_eq!(
        (rojas.label, rojas.source.as_str()),
        (Label::Person, "rule:person.title")
    );
    let ministry = entity(&doc, "Ministry of Fisheries").expect("organisation by shape");
    assert_eq!(ministry.label, Label::Organization);
    assert_eq!(
        entity(&doc, "Mei Tanaka").map(|e| e.label),
        Some(Label::Person)
    );
}

#[test]
fn short_forms_link_to_the_full_name() {
    let doc = extractor().extract(
        "Kenyan President Amani Odera arrived on Monday. Odera said the Kenya Ports Authority (KPA) would grow. KPA shares rose.",
    );
    let odera: Vec<&str> = doc
        .entities()
        .iter()
        .filter(|e| e.label == Label::Person)
        .map(|e| e.canonical.as_str())
        .collect();
    assert_eq!(odera, ["Amani Odera", "Amani Odera"]);
    let kpa: Vec<&str> = doc
        .entities()
        .iter()
        .filter(|e| e.text(doc.text()) == "KPA")
        .map(|e| e.canonical.as_str())
        .collect();
    assert_eq!(kpa, ["Kenya Ports Authority", "Kenya Ports Authority"]);
}

/// A user gazetteer of `n` companies listed by a short name, with their
/// full names as aliases, and a text that uses each full name once and the
/// short name after it.
fn companies(n: usize) -> (Extractor, String, Vec<(String, String)>) {
    let stems = [
        "Zorblat", "Quenvik", "Mardoxa", "Telvane", "Brisquo", "Pallenor", "Vostrel", "Ivendra",
        "Koldaven", "Surmetto", "Ebrantis", "Yallowen",
    ];
    let names: Vec<(String, String)> = stems[..n]
        .iter()
        .map(|s| (s.to_string(), format!("{s} Holdings")))
        .collect();
    let rows: String = names
        .iter()
        .map(|(short, full)| format!("{short}\tORGANIZATION\t{full}\n"))
        .collect();
    let mut builder = Extractor::builder();
    builder.gazetteer_str("companies.tsv", &rows);
    let text: String = names
        .iter()
        .map(|(short, full)| format!("{full} reported higher sales. {short} shares rose. "))
        .collect();
    (builder.build().expect("builds"), text, names)
}

#[test]
fn the_full_form_a_document_uses_names_the_entity() {
    // Two companies, and more than eight: a handful of renamed entities is
    // found without hashing every mention, more are grouped by hashing.
    for n in [2, 12] {
        let (extractor, text, names) = companies(n);
        let doc = extractor.extract(&text);
        for (short, full) in &names {
            let canonicals: Vec<&str> = doc
                .entities()
                .iter()
                .filter(|e| [short.as_str(), full.as_str()].contains(&e.text(doc.text())))
                .map(|e| e.canonical.as_str())
                .collect();
            assert_eq!(canonicals, [full.as_str(), full.as_str()], "{n} companies");
        }
    }
}

#[test]
fn demonyms_and_acting_capitals_resolve_to_their_state() {
    let doc = extractor()
        .extract("Nairobi and Tokyo have signed a trade pact. Kenyan officials arrived in Tokyo.");
    let nairobi = entity(&doc, "Nairobi").unwrap();
    assert_eq!(
        (nairobi.label, nairobi.canonical.as_str()),
        (Label::Country, "Kenya")
    );
    let kenyan = entity(&doc, "Kenyan").unwrap();
    assert_eq!(
        (kenyan.label, kenyan.canonical.as_str()),
        (Label::Nationality, "Kenya")
    );
    let tokyo_place = doc
        .entities()
        .iter()
        .rfind(|e| e.text(doc.text()) == "Tokyo")
        .unwrap();
    assert_eq!(
        (tokyo_place.label, tokyo_place.canonical.as_str()),
        (Label::Location, "Tokyo")
    );
    assert!(has(&doc, Relation::Agreement, "Kenya", "Japan"));
}

// ---------------------------------------------------------------- stage 5: facts

#[test]
fn meet_with_premodifier_roles() {
    let doc = extractor()
        .extract("Kenyan President Amani Odera met Japanese Prime Minister Haruto Sato in Tokyo.");
    assert!(has(&doc, Relation::Meet, "Amani Odera", "Haruto Sato"));
    assert!(has(&doc, Relation::Role, "Amani Odera", "Kenya"));
    assert!(has(&doc, Relation::Role, "Haruto Sato", "Japan"));
    let role = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Role)
        .unwrap();
    assert_eq!(role.role.as_deref(), Some("president"));
    assert!(!role.former);
    // "in Tokyo" is where they met, not whom.
    assert!(!facts(&doc).iter().any(|(_, _, o)| o == "Tokyo"));
}

#[test]
fn roles_by_apposition_possessive_and_former() {
    let doc = extractor().extract(
        "Amani Odera, chairman of the African Union, spoke first. Odera, previously Kenya's finance minister, left.",
    );
    assert!(has(&doc, Relation::Role, "Amani Odera", "African Union"));
    let former = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Role && f.object_canonical == "Kenya")
        .expect("possessive role");
    assert_eq!(former.role.as_deref(), Some("finance minister"));
    assert!(former.former);
}

#[test]
fn visit_by_verb_and_by_noun_with_pronoun() {
    let doc = extractor()
        .extract("Haruto Sato will visit Kenya in June. His visit to Nairobi follows talks.");
    assert!(has(&doc, Relation::Visit, "Haruto Sato", "Kenya"));
    assert!(has(&doc, Relation::Visit, "Haruto Sato", "Nairobi"));
    let planned = doc
        .facts()
        .iter()
        .find(|f| f.object_canonical == "Kenya")
        .unwrap();
    assert_eq!(planned.modality, Modality::Planned);
}

#[test]
fn supply_direction_active_and_reverse() {
    let doc = extractor().extract(
        "Japan supplies Kenya with rail equipment in return for mining rights from Nairobi.",
    );
    assert!(has(&doc, Relation::Supply, "Japan", "Kenya"));
    assert!(has(&doc, Relation::Supply, "Kenya", "Japan"));
}

#[test]
fn attack_by_possessive_noun_and_passive() {
    let doc = extractor().extract(
        "Iraq condemned Iran's invasion of Kuwait. Kuwait was attacked by Iran last year.",
    );
    assert!(has(&doc, Relation::Attack, "Iran", "Kuwait"));
    assert!(has(&doc, Relation::Criticize, "Iraq", "Iran"));
    assert!(!has(&doc, Relation::Attack, "Kuwait", "Iran"));
}

#[test]
fn coordinated_subjects_pair_for_symmetric_relations() {
    let doc = extractor().extract("Chile and Peru signed a fisheries agreement on Monday.");
    assert!(has(&doc, Relation::Agreement, "Chile", "Peru"));
}

#[test]
fn attribution_negation_and_modality() {
    let doc = extractor().extract(
        "Chile and Peru have denied the reports, but agreed to boost cooperation, Reuters said.",
    );
    let coop = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Cooperate)
        .unwrap();
    assert_eq!(coop.attributed_to.as_deref(), Some("Reuters"));
    assert!(!coop.negated, "'but' ends the scope of 'denied'");
    let doc = extractor().extract("Haruto Sato did not meet Kenyan President Amani Odera.");
    let meet = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Meet)
        .unwrap();
    assert!(meet.negated);
    let doc = extractor().extract("Analysts say that Japan is helping Kenya.");
    let coop = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Cooperate)
        .unwrap();
    assert_eq!(coop.modality, Modality::Alleged);
}

#[test]
fn no_fact_without_a_trigger() {
    let doc =
        extractor().extract("Kenya and Japan are both in the news. Odera and Sato were there.");
    assert!(doc.facts().is_empty(), "{:?}", facts(&doc));
}

// ---------------------------------------------------------------- builder

#[test]
fn user_gazetteers_win_and_stop_lists_remove() {
    let mut b = Extractor::builder();
    b.gazetteer_str("mine.tsv", "Chad Brennan\tPERSON\tChad\n")
        .remove("Kenya");
    let e = b.build().unwrap();
    let doc = e.extract("Chad met officials from Kenya.");
    assert_eq!(doc.entities()[0].label, Label::Person);
    assert_eq!(doc.entities()[0].canonical, "Chad Brennan");
    assert!(doc.entities().iter().all(|e| e.canonical != "Kenya"));
}

#[test]
fn malformed_user_files_name_file_line_and_reason() {
    let mut b = Extractor::builder();
    b.gazetteer_str("mine.tsv", "# ok\nAcme\tCOMPANY\n");
    let err = b.build().unwrap_err();
    assert_eq!(err.file(), Some("mine.tsv"));
    assert_eq!(err.line(), Some(2));
    assert!(
        err.to_string().contains("unknown label \"COMPANY\""),
        "{err}"
    );

    let mut b = Extractor::builder();
    b.relation_str("verbs.tsv", "MEET\tadverb\tmingled\n");
    let err = b.build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "verbs.tsv:1: unknown frame \"adverb\" (expected verb, noun or reverse)"
    );

    let mut b = Extractor::builder();
    b.gazetteer_file("/nonexistent/gazette.tsv");
    assert!(b
        .build()
        .unwrap_err()
        .to_string()
        .starts_with("/nonexistent/gazette.tsv: "));
}

#[test]
fn user_relations_extend_and_filters_limit() {
    let mut b = Extractor::builder();
    b.relation_str("verbs.tsv", "MEET\tverb\tmingled\twith\n")
        .relations(&[Relation::Meet]);
    let e = b.build().unwrap();
    let doc = e.extract("Kenyan President Amani Odera mingled with Haruto Sato.");
    assert_eq!(
        facts(&doc),
        [(
            Relation::Meet,
            "Amani Odera".to_string(),
            "Haruto Sato".to_string()
        )]
    );
    assert!(doc.facts()[0].rule.starts_with("trigger:verbs:1"));
}

// ---------------------------------------------------------------- document dates

#[test]
fn a_document_date_resolves_titles_and_surnames_to_office_holders() {
    let date = gazette::Date::parse("2015-06-01");
    let doc = extractor().extract_dated(
        "The Russian defence minister met Chinese officials in Beijing.",
        date,
    );
    let meet = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Meet)
        .expect("a meeting");
    assert_eq!(meet.subject_canonical, "Sergei Shoigu");
    // Without a date nobody is named.
    let doc = extractor().extract("The Russian defence minister met Chinese officials in Beijing.");
    assert!(doc.facts().is_empty(), "{:?}", facts(&doc));

    let doc = extractor().extract_dated("Shoigu said the drills would go on.", date);
    assert_eq!(doc.entities()[0].canonical, "Sergei Shoigu");
    assert!(doc.entities()[0].source.ends_with("+link:office"));
}

#[test]
fn ended_offices_are_former_at_the_document_date() {
    let text = "Russian Defence Minister Sergei Shoigu inspected the troops.";
    let role = |date: &str| {
        let doc = extractor().extract_dated(text, gazette::Date::parse(date));
        let f = doc
            .facts()
            .iter()
            .find(|f| f.relation == Relation::Role)
            .cloned()
            .expect("role");
        (f.object_canonical.to_string(), f.former)
    };
    assert_eq!(role("2015-06-01"), ("Russia".to_string(), false));
    assert_eq!(
        role("2001-06-01"),
        ("Russia".to_string(), false),
        "unknown, so not former"
    );
    let doc = extractor().extract(text);
    assert!(!doc.facts()[0].former);
    // An office that ended (2011) before the document's date is former.
    let text = "North Korean Supreme Leader Kim Jong-il inspected the troops.";
    let former = |date: &str| {
        let doc = extractor().extract_dated(text, gazette::Date::parse(date));
        doc.facts()[0].former
    };
    assert!(former("2015-01-01"));
    assert!(!former("2005-01-01"));
}

// ---------------------------------------------------------------- harder sentences

#[test]
fn a_list_between_dashes_is_the_subject() {
    let doc = extractor().extract(
        "Delegates of three states -- Chile, Peru and Bolivia -- will meet in Lima on Monday.",
    );
    assert!(has(&doc, Relation::Meet, "Chile", "Peru"));
    assert!(has(&doc, Relation::Meet, "Peru", "Bolivia"));
    assert!(has(&doc, Relation::Meet, "Chile", "Bolivia"));
}

#[test]
fn a_counterpart_holds_the_same_office() {
    let doc = extractor().extract(
        "Kenyan Foreign Minister Amani Odera will visit Tokyo for talks with his Japanese counterpart Haruto Sato.",
    );
    let role = doc
        .facts()
        .iter()
        .find(|f| f.relation == Relation::Role && f.subject_canonical == "Haruto Sato")
        .expect("counterpart role");
    assert_eq!(role.object_canonical, "Japan");
    assert_eq!(role.role.as_deref(), Some("foreign minister"));
}

#[test]
fn relative_clauses_reduced_passives_and_gerunds_keep_their_subject() {
    let doc = extractor().extract("Peru, which signed a pact in May, has backing from Chile.");
    assert!(has(&doc, Relation::Cooperate, "Peru", "Chile"));
    let doc = extractor().extract("The rebels said Bolivia, backed by Chile, would not attend.");
    assert!(has(&doc, Relation::Cooperate, "Chile", "Bolivia"));
    let doc =
        extractor().extract("Haruto Sato will meet officials in Lima before visiting Ecuador.");
    assert!(has(&doc, Relation::Visit, "Haruto Sato", "Ecuador"));
}

#[test]
fn sports_pages_make_clubs_of_places_and_persons_of_initials() {
    let doc = extractor().extract(
        "CRICKET - COUNTY CHAMPIONSHIP RESULTS\nLONDON 2024-06-01\nDorchester beat Bridport by six wickets. \
         Dorchester 245 and 120-4 (J. Haldane 56) v Bridport 198.",
    );
    let label = |t: &str| entity(&doc, t).map(|e| e.label);
    assert_eq!(
        label("LONDON"),
        Some(Label::Location),
        "a dateline stays a place"
    );
    assert_eq!(label("J. Haldane"), Some(Label::Person));
    let clubs: Vec<&str> = doc
        .entities()
        .iter()
        .filter(|e| e.label == Label::Organization)
        .map(|e| e.text(doc.text()))
        .collect();
    assert!(
        clubs.contains(&"Dorchester") && clubs.contains(&"Bridport"),
        "{clubs:?}"
    );
}
