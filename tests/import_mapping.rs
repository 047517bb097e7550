//! The mapping features that read a funding database's several files: several tables of a
//! kind, named columns of a file without a header, how companies rows find known companies,
//! fields made of several cells, patterns, defaults, a currency column, rows naming one
//! company twice, and templates naming a row's companies.

use dealgraph::import::table::{CsvFile, Mapping, import_csv};
use serde_json::json;

fn file(name: &str, text: &str) -> CsvFile {
    CsvFile {
        name: name.to_owned(),
        bytes: text.as_bytes().to_vec(),
    }
}

const MAPPING: &str = r#"
[[companies]]
file = "firms.csv"
match = []
id = { column = "Link", pattern = "^/firm/(.+)$" }
name = "Name"
crunchbase = "Link"

[[companies]]
file = "funds.csv"
header = false
columns = ["Name", "City", "State"]
match = ["exact-name"]
name = "Name"
sectors = { value = "investor" }
"extra.place" = { columns = ["City", "State"], join = ", " }

[[relations]]
file = "buys.csv"
self_deals = "self_buys"
type = { value = "acquisition" }
from = { column = "Buyer", match = "crunchbase", id = { column = "Buyer", pattern = "^/firm/(.+)$" }, name = "Buyer name" }
to = { column = "Target", match = "crunchbase", id = { column = "Target", pattern = "^/firm/(.+)$" }, name = "Target name" }
money = { column = "Price", currency = "Currency" }
date = { column = "Year", formats = ["%Y.0"] }
deal = { template = "{@to} {Year}", default = "{@to}" }

[relations.source]
url = { template = "https://db.example{@to.crunchbase}", default = "https://db.example" }
"#;

#[test]
fn a_database_of_several_files_reads_as_its_mapping_says() {
    let mut mapping = Mapping::from_toml(MAPPING).expect("the mapping reads");
    mapping.name = "db.toml".to_owned();
    let files = [
        file(
            "firms.csv",
            "Link,Name\n/firm/acme,Acme\n/firm/acme_,Acme\n/firm/beta,Beta\n",
        ),
        file("funds.csv", "Acme,Austin,\nGamma Fund,,\n"),
        file(
            "buys.csv",
            "Buyer,Buyer name,Target,Target name,Price,Currency,Year\n\
             /firm/acme,Acme,/firm/beta,Beta,2.6E+12,EUR,2009.0\n\
             /firm/beta,Beta,/firm/delta,Delta,100,,\n\
             /firm/beta,Beta,/firm/beta,Beta,5,USD,2010\n",
        ),
    ];
    let imported = import_csv(&files, &mapping, None).expect("the import reads");
    let companies = serde_json::to_value(&imported.records.companies).unwrap();
    assert_eq!(
        companies,
        json!([
            {"id": "acme", "name": "Acme", "sectors": ["investor"], "crunchbase": "/firm/acme",
             "extra": {"place": "Austin"}},
            {"id": "acme-2", "name": "Acme", "crunchbase": "/firm/acme_"},
            {"id": "beta", "name": "Beta", "crunchbase": "/firm/beta",
             "extra": {"self_buys": [{"Currency": "USD", "Price": "5", "Year": "2010"}]}},
            {"id": "gamma-fund", "name": "Gamma Fund", "sectors": ["investor"]},
            {"id": "delta", "name": "Delta", "crunchbase": "/firm/delta"},
        ]),
        "ids from the permalink, numbered when taken; the fund row filled in the first Acme"
    );
    let relations = serde_json::to_value(&imported.records.relations).unwrap();
    assert_eq!(
        relations,
        json!([
            {"type": "acquisition", "from": "acme", "to": "beta", "date": "2009",
             "currency": "EUR", "amount": 2_600_000_000_000_u64, "deal": "beta-2009-0",
             "sources": [{"url": "https://db.example/firm/beta"}]},
            {"type": "acquisition", "from": "beta", "to": "delta", "amount_usd": 100,
             "deal": "delta", "sources": [{"url": "https://db.example/firm/delta"}]},
        ])
    );
    assert_eq!((imported.self_deals, imported.merged.len()), (1, 1));
}

#[test]
fn cells_a_pattern_does_not_match_and_wrong_options_are_refused_with_their_places() {
    let mut mapping = Mapping::from_toml(
        r#"
        [relations]
        type = { value = "investment" }
        from = "Investor"
        to = { column = "Company", id = { column = "Link", pattern = "^/firm/(.+)$" } }
        "#,
    )
    .expect("the mapping reads");
    mapping.name = "map.toml".to_owned();
    let deals = file("deals.csv", "Investor,Company,Link\nA,B,/person/b\n");
    let problems = import_csv(&[deals], &mapping, None).unwrap_err();
    assert_eq!(
        problems.to_string(),
        "the import has 1 problem; nothing was written:\n\
         deals.csv:2:2: error: column `Company`: `/person/b` does not match the pattern `^/firm/(.+)$`\n  \
         hint: correct the cell, or the mapping's `pattern`"
    );
    let mut wrong = Mapping::from_toml(
        r#"
        [relations]
        match = ["name"]
        type = { value = "investment" }
        from = "Investor"
        to = "Company"
        deal = { template = "{@to.ticker}" }
        "#,
    )
    .expect("the mapping reads");
    wrong.name = "map.toml".to_owned();
    let deals = file("deals.csv", "Investor,Company\nA,B\n");
    let said = import_csv(&[deals], &wrong, None).unwrap_err().to_string();
    assert!(
        said.contains("map.toml: error: the template of `deal` names `{@to.ticker}`, which is no field of a row's company"),
        "{said}"
    );
    assert!(
        said.contains("map.toml: error: [relations] takes no `match`"),
        "{said}"
    );
}

#[test]
fn a_year_before_1800_is_a_bad_cell_not_a_date() {
    let mapping = Mapping::from_toml(
        r#"
        [relations]
        invalid = "extra"
        type = { value = "investment" }
        from = "Investor"
        to = "Company"
        date = "Year"
        "#,
    )
    .expect("the mapping reads");
    let deals = file("deals.csv", "Investor,Company,Year\nA,B,1000\n");
    let imported = import_csv(&[deals], &mapping, None).expect("kept, not refused");
    let relation = &imported.records.relations[0];
    assert_eq!(relation.date, None);
    assert_eq!(relation.extra.as_ref().unwrap()["Year"], "1000");
    assert!(imported.kept_in_extra[0].message.contains("before 1800"));
}
