//! The embedded default data: the files under `gazetteers/`, compiled into
//! the crate so that a fresh machine needs nothing else.

/// Gazetteer files as `(name, text, priority)`, in load order. Curated lists
/// load first (their attributes win when rows merge) and outrank the
/// generated ones when two entries of the same extent compete.
pub(crate) const GAZETTEERS: &[(&str, &str, u8)] = &[
    (
        "curated/aliases.tsv",
        include_str!("../gazetteers/curated/aliases.tsv"),
        3,
    ),
    (
        "curated/bodies.tsv",
        include_str!("../gazetteers/curated/bodies.tsv"),
        3,
    ),
    (
        "curated/companies-world.tsv",
        include_str!("../gazetteers/curated/companies-world.tsv"),
        3,
    ),
    (
        "curated/media.tsv",
        include_str!("../gazetteers/curated/media.tsv"),
        3,
    ),
    (
        "curated/regions.tsv",
        include_str!("../gazetteers/curated/regions.tsv"),
        3,
    ),
    (
        "curated/roles.tsv",
        include_str!("../gazetteers/curated/roles.tsv"),
        3,
    ),
    (
        "curated/sports-clubs.tsv",
        include_str!("../gazetteers/curated/sports-clubs.tsv"),
        3,
    ),
    (
        "generated/countries.tsv",
        include_str!("../gazetteers/generated/countries.tsv"),
        3,
    ),
    (
        "generated/nationalities.tsv",
        include_str!("../gazetteers/generated/nationalities.tsv"),
        3,
    ),
    (
        "generated/capitals.tsv",
        include_str!("../gazetteers/generated/capitals.tsv"),
        2,
    ),
    (
        "generated/regions.tsv",
        include_str!("../gazetteers/generated/regions.tsv"),
        2,
    ),
    (
        "generated/cities.tsv",
        include_str!("../gazetteers/generated/cities.tsv"),
        2,
    ),
    (
        "generated/igos.tsv",
        include_str!("../gazetteers/generated/igos.tsv"),
        2,
    ),
    (
        "generated/parties.tsv",
        include_str!("../gazetteers/generated/parties.tsv"),
        2,
    ),
    (
        "generated/companies.tsv",
        include_str!("../gazetteers/generated/companies.tsv"),
        2,
    ),
    (
        "generated/people.tsv",
        include_str!("../gazetteers/generated/people.tsv"),
        2,
    ),
];

/// Given names: `name<TAB>weight[<TAB>flags]`.
pub(crate) static GIVEN_NAMES: (&str, &str) = (
    "generated/given-names.txt",
    include_str!("../gazetteers/generated/given-names.txt"),
);

/// Surnames: `name<TAB>weight`.
pub(crate) static SURNAMES: (&str, &str) = (
    "generated/surnames.txt",
    include_str!("../gazetteers/generated/surnames.txt"),
);

/// Role modifiers: `modifier<TAB>rank|former`.
pub(crate) const ROLE_MODIFIERS: (&str, &str) = (
    "curated/role-modifiers.tsv",
    include_str!("../gazetteers/curated/role-modifiers.tsv"),
);

/// The relation trigger lexicon.
pub(crate) const RELATIONS: (&str, &str) =
    ("relations.tsv", include_str!("../gazetteers/relations.tsv"));
