//! The words generated graphs are made of: syllables of names, legal forms, countries, years,
//! funding stages, publishers, sites and notes.

/// Syllables that names are made of: two or three make a stem such as "Kelvor" or "Norzarion".
pub(super) const SYLLABLES: [&str; 48] = [
    "ar", "bel", "cor", "da", "el", "fen", "gal", "hel", "io", "ju", "ka", "lu", "mer", "no", "or",
    "pa", "qui", "ra", "sol", "ta", "ul", "ve", "wen", "xa", "yo", "ze", "ax", "bri", "ca", "dor",
    "eon", "fy", "gen", "ha", "ion", "jo", "kel", "ly", "mo", "nex", "ora", "py", "rho", "sy",
    "tal", "va", "vor", "zar",
];

pub(super) const LEGAL_FORMS: [&str; 7] = ["Inc.", "Ltd.", "Corp.", "LLC", "GmbH", "S.A.", "PLC"];

pub(super) const COUNTRIES: [(&str, u32); 15] = [
    ("US", 55),
    ("CN", 8),
    ("GB", 7),
    ("FR", 4),
    ("DE", 4),
    ("IL", 3),
    ("CA", 3),
    ("JP", 3),
    ("IN", 3),
    ("SG", 2),
    ("AE", 2),
    ("SA", 2),
    ("KR", 2),
    ("SE", 1),
    ("NL", 1),
];

/// Relative weights of the years 2010 to 2025: deals grow more frequent towards the present.
pub(super) const YEAR_WEIGHTS: [u32; 16] = [1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 11, 14, 18, 24, 30];
pub(super) const FIRST_YEAR: u16 = 2010;
pub(super) const LAST_YEAR: u16 = 2025;

pub(super) const STAGES: [&str; 10] = [
    "Pre-Seed", "Seed", "Series A", "Series B", "Series C", "Series D", "Series E", "Series F",
    "Series G", "Series H",
];

pub(super) const PUBLISHERS: [(&str, &str); 9] = [
    ("Reuters", "www.reuters.com"),
    ("Bloomberg", "www.bloomberg.com"),
    ("The Information", "www.theinformation.com"),
    ("TechCrunch", "techcrunch.com"),
    ("Financial Times", "www.ft.com"),
    ("The Wall Street Journal", "www.wsj.com"),
    ("CNBC", "www.cnbc.com"),
    ("DatacenterDynamics", "www.datacenterdynamics.com"),
    ("Data Center Frontier", "www.datacenterfrontier.com"),
];

pub(super) const SITES: [&str; 24] = [
    "Abilene, Texas",
    "Ashburn, Virginia",
    "Columbus, Ohio",
    "Phoenix, Arizona",
    "Atlanta, Georgia",
    "Dallas, Texas",
    "Reno, Nevada",
    "Hillsboro, Oregon",
    "Council Bluffs, Iowa",
    "Quincy, Washington",
    "New Albany, Ohio",
    "Memphis, Tennessee",
    "Mount Pleasant, Wisconsin",
    "Cheyenne, Wyoming",
    "Richland Parish, Louisiana",
    "Loudoun County, Virginia",
    "Dublin, Ireland",
    "Frankfurt, Germany",
    "Amsterdam, Netherlands",
    "Johor, Malaysia",
    "Singapore",
    "Tokyo, Japan",
    "Abu Dhabi, UAE",
    "Narvik, Norway",
];

pub(super) const NOTES: [&str; 4] = [
    "Terms were not disclosed.",
    "Figures from people familiar with the matter.",
    "Part of a multi-year agreement.",
    "Subject to regulatory approval.",
];

pub(super) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A fund's number as a Roman numeral: 1 is `I`, 14 is `XIV`.
pub(super) fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut text = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            text.push_str(numeral);
            n -= value;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(49), "XLIX");
    }
}
