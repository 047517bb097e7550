//! `dealgraph add company` and `dealgraph add relation`: new records, from options or as JSON.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dealgraph::edit::{self, EditError, Workspace};
use dealgraph::load::GraphSource;
use dealgraph::{Company, Relation, RelationKind};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::edit::Outcome;

/// Add a company or a relation to the graph given with --graph.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    record: Record,
}

#[derive(Debug, clap::Subcommand)]
enum Record {
    /// Add a company. Goes to companies.json in a graph folder unless --file names another.
    Company(Box<CompanyArgs>),
    /// Add a relation, with its source. Goes to relations.json in a graph folder unless
    /// --file names another. Prints its key, which `set` and `rm` take.
    Relation(Box<RelationArgs>),
}

/// Where records go, and how the answer is printed.
#[derive(Debug, clap::Args)]
struct Common {
    /// The file of the graph folder to add to, relative to the folder; created when new.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// Read the records from a JSON file instead (`-` for standard input): one record as an
    /// object in the graph format, or an array of them.
    #[arg(long, value_name = "PATH")]
    from_json: Option<PathBuf>,
    /// Print what was added as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct CompanyArgs {
    /// The company's id: a lowercase slug such as `blue-owl-capital`.
    #[arg(required_unless_present = "from_json")]
    id: Option<String>,
    /// Its display name.
    #[arg(long, required_unless_present = "from_json")]
    name: Option<String>,
    /// Another name it goes by (repeat for more).
    #[arg(long = "alias", value_name = "NAME")]
    aliases: Vec<String>,
    /// A sector tag such as `cloud` or `investor` (repeat for more).
    #[arg(long = "sector", value_name = "SLUG")]
    sectors: Vec<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `US`.
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Stock ticker, e.g. `NASDAQ:NVDA`.
    #[arg(long)]
    ticker: Option<String>,
    /// Home page.
    #[arg(long)]
    url: Option<String>,
    /// Wikidata item id, e.g. `Q21708200`.
    #[arg(long)]
    wikidata: Option<String>,
    /// Legal Entity Identifier.
    #[arg(long)]
    lei: Option<String>,
    /// Crunchbase permalink.
    #[arg(long)]
    crunchbase: Option<String>,
    /// Free text.
    #[arg(long)]
    notes: Option<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is one flag of the format"
)]
struct RelationArgs {
    /// The relation's type: investment, loan, lease, compute, supply, acquisition,
    /// ownership, exclusivity, partnership or competitor.
    #[arg(value_name = "TYPE", required_unless_present = "from_json")]
    kind: Option<String>,
    /// The company it reads from (investor, lessor, provider, supplier, acquirer, parent).
    #[arg(required_unless_present = "from_json")]
    from: Option<String>,
    /// The company it reads to.
    #[arg(required_unless_present = "from_json")]
    to: Option<String>,
    /// When it began: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// When it ended.
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// rumored, reported, announced, completed, ended or cancelled.
    #[arg(long)]
    status: Option<String>,
    /// The amount in US dollars (for a range, the bottom).
    #[arg(long, value_name = "N")]
    amount_usd: Option<f64>,
    /// The top of a range stated as "up to", in US dollars.
    #[arg(long, value_name = "N")]
    amount_max_usd: Option<f64>,
    /// The amount as reported, e.g. "up to $4B".
    #[arg(long, value_name = "TEXT")]
    amount_text: Option<String>,
    /// The currency the amount was stated in (ISO 4217), with --amount.
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// The amount in --currency, as stated.
    #[arg(long, value_name = "N")]
    amount: Option<f64>,
    /// The amount is an estimate.
    #[arg(long)]
    estimated: bool,
    /// The deal it belongs to: a slug shared by the relations of one round or clause.
    #[arg(long, value_name = "ID")]
    deal: Option<String>,
    /// Whether it binds: false for a letter of intent, a pledge or a request.
    #[arg(long, value_name = "BOOL")]
    binding: Option<bool>,
    /// Free text.
    #[arg(long)]
    notes: Option<String>,
    /// The source's address.
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
    /// The source's publisher.
    #[arg(long)]
    publisher: Option<String>,
    /// The source's title.
    #[arg(long, value_name = "TITLE")]
    source_title: Option<String>,
    /// The source's own date.
    #[arg(long, value_name = "DATE")]
    source_date: Option<String>,
    /// The source's words, verbatim.
    #[arg(long)]
    quote: Option<String>,
    /// The source's reliability: low, syndicated, press or primary.
    #[arg(long, value_name = "LEVEL")]
    reliability: Option<String>,
    /// Investment or loan: the round or facility, e.g. "Series D".
    #[arg(long)]
    round: Option<String>,
    /// Investment or loan: the investor or lender led it.
    #[arg(long)]
    lead: bool,
    /// Investment: the valuation in US dollars.
    #[arg(long, value_name = "N")]
    valuation_usd: Option<f64>,
    /// Investment or ownership: the share held, in percent.
    #[arg(long, value_name = "N")]
    stake_percent: Option<f64>,
    /// Lease: the site.
    #[arg(long)]
    site: Option<String>,
    /// Lease, compute or supply: the capacity in megawatts.
    #[arg(long, value_name = "MW")]
    capacity_mw: Option<f64>,
    /// Lease, compute, supply or loan: the term in years.
    #[arg(long, value_name = "YEARS")]
    term_years: Option<f64>,
    /// Compute or supply: the chips, e.g. "Nvidia H100".
    #[arg(long)]
    chips: Option<String>,
    /// Compute or supply: the number of GPUs.
    #[arg(long, value_name = "N")]
    gpus: Option<u64>,
    /// Exclusivity: investors, compute, supply, customers or talent.
    #[arg(long)]
    scope: Option<String>,
    /// Exclusivity: the clause reaches stakes taken before it.
    #[arg(long)]
    retroactive: bool,
    #[command(flatten)]
    common: Common,
}

/// Adds the records.
pub fn run(sources: &[GraphSource], args: Args) -> anyhow::Result<ExitCode> {
    match args.record {
        Record::Company(args) => {
            let companies: Vec<Company> = match &args.common.from_json {
                Some(path) => read_records(path)?,
                None => vec![record(company_fields(&args))?],
            };
            super::edit::run(sources, args.common.json, |workspace| {
                add_companies(workspace, companies, args.common.file.as_deref())
            })
        }
        Record::Relation(args) => {
            let relations: Vec<Relation> = match &args.common.from_json {
                Some(path) => read_records(path)?,
                None => {
                    if let Some(kind) = &args.kind {
                        kind.parse::<RelationKind>()?;
                    }
                    vec![record(relation_fields(&args))?]
                }
            };
            super::edit::run(sources, args.common.json, |workspace| {
                add_relations(workspace, relations, args.common.file.as_deref())
            })
        }
    }
}

fn add_companies(
    workspace: &mut Workspace,
    companies: Vec<Company>,
    file: Option<&Path>,
) -> Result<Outcome, EditError> {
    let mut lines = Vec::new();
    let mut added = Vec::new();
    for company in companies {
        lines.push(format!("added company {}", company.id));
        added.push(json!({"record": "company", "id": company.id}));
        edit::add_company(workspace, company, file)?;
    }
    Ok(Outcome {
        lines,
        json: json!({"added": added}),
    })
}

fn add_relations(
    workspace: &mut Workspace,
    relations: Vec<Relation>,
    file: Option<&Path>,
) -> Result<Outcome, EditError> {
    let mut lines = Vec::new();
    let mut added = Vec::new();
    for relation in relations {
        let key = edit::add_relation(workspace, relation, file)?.to_string();
        lines.push(format!("added relation {key}"));
        added.push(json!({"record": "relation", "key": key}));
    }
    Ok(Outcome {
        lines,
        json: json!({"added": added}),
    })
}

/// The record the fields make, refused as the graph format refuses it.
fn record<T: DeserializeOwned>(fields: Map<String, Value>) -> anyhow::Result<T> {
    serde_json::from_value(Value::Object(fields)).context("the options do not make a record")
}

/// The records in a JSON file, or standard input for `-`: one object or an array of them.
fn read_records<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let (name, text) = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        ("<stdin>".to_owned(), text)
    } else {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", dealgraph::display::path(path)))?;
        (path.display().to_string(), text)
    };
    let value: Value = serde_json::from_str(&text)
        .map_err(|err| anyhow::anyhow!("{name}:{}:{}: {err}", err.line(), err.column()))?;
    let records = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    records
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            serde_json::from_value(item)
                .map_err(|err| anyhow::anyhow!("{name}: record {index}: {err}"))
        })
        .collect()
}

/// The company the options describe, as the graph format writes it.
fn company_fields(args: &CompanyArgs) -> Map<String, Value> {
    let mut fields = Map::new();
    put(&mut fields, "id", args.id.clone());
    put(&mut fields, "name", args.name.clone());
    if !args.aliases.is_empty() {
        fields.insert("aliases".into(), json!(args.aliases));
    }
    if !args.sectors.is_empty() {
        fields.insert("sectors".into(), json!(args.sectors));
    }
    put(&mut fields, "country", args.country.clone());
    put(&mut fields, "ticker", args.ticker.clone());
    put(&mut fields, "url", args.url.clone());
    put(&mut fields, "wikidata", args.wikidata.clone());
    put(&mut fields, "lei", args.lei.clone());
    put(&mut fields, "crunchbase", args.crunchbase.clone());
    put(&mut fields, "notes", args.notes.clone());
    fields
}

/// The relation the options describe, as the graph format writes it: each field under its
/// name in the format, so the format's own checks judge it.
fn relation_fields(args: &RelationArgs) -> Map<String, Value> {
    let mut fields = Map::new();
    put(&mut fields, "type", args.kind.clone());
    put(&mut fields, "from", args.from.clone());
    put(&mut fields, "to", args.to.clone());
    put(&mut fields, "date", args.date.clone());
    put(&mut fields, "end", args.end.clone());
    put(&mut fields, "status", args.status.clone());
    put(&mut fields, "amount_usd", args.amount_usd);
    put(&mut fields, "amount_max_usd", args.amount_max_usd);
    put(&mut fields, "amount_text", args.amount_text.clone());
    put(&mut fields, "currency", args.currency.clone());
    put(&mut fields, "amount", args.amount);
    put(&mut fields, "estimated", args.estimated.then_some(true));
    put(&mut fields, "deal", args.deal.clone());
    put(&mut fields, "round", args.round.clone());
    put(&mut fields, "lead", args.lead.then_some(true));
    put(&mut fields, "valuation_usd", args.valuation_usd);
    put(&mut fields, "stake_percent", args.stake_percent);
    put(&mut fields, "site", args.site.clone());
    put(&mut fields, "capacity_mw", args.capacity_mw);
    put(&mut fields, "term_years", args.term_years);
    put(&mut fields, "chips", args.chips.clone());
    put(&mut fields, "gpus", args.gpus);
    put(&mut fields, "scope", args.scope.clone());
    put(&mut fields, "binding", args.binding);
    put(&mut fields, "retroactive", args.retroactive.then_some(true));
    let mut source = Map::new();
    put(&mut source, "publisher", args.publisher.clone());
    put(&mut source, "title", args.source_title.clone());
    put(&mut source, "url", args.source_url.clone());
    put(&mut source, "date", args.source_date.clone());
    put(&mut source, "quote", args.quote.clone());
    put(&mut source, "reliability", args.reliability.clone());
    if !source.is_empty() {
        fields.insert("sources".into(), json!([source]));
    }
    put(&mut fields, "notes", args.notes.clone());
    fields
}

/// Sets `name` to `value` when there is one.
fn put(fields: &mut Map<String, Value>, name: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        fields.insert(name.to_owned(), value.into());
    }
}
