//! The rows of each export as read, and the columns each layout expects.

use serde::Deserialize;

#[derive(Deserialize)]
pub(super) struct CompanyRow {
    pub(super) permalink: String,
    pub(super) name: String,
    /// A single code in 2013; a `|`-separated list in 2015.
    #[serde(alias = "category_list")]
    pub(super) category_code: String,
    pub(super) funding_total_usd: String,
    pub(super) status: String,
    pub(super) country_code: String,
    pub(super) founded_at: String,
}

#[derive(Deserialize)]
pub(super) struct AcquisitionRow {
    pub(super) company_permalink: String,
    pub(super) company_name: String,
    #[serde(alias = "company_category_list")]
    pub(super) company_category_code: String,
    pub(super) company_country_code: String,
    pub(super) acquirer_permalink: String,
    pub(super) acquirer_name: String,
    #[serde(alias = "acquirer_category_list")]
    pub(super) acquirer_category_code: String,
    pub(super) acquirer_country_code: String,
    pub(super) acquired_at: String,
    pub(super) price_amount: String,
    pub(super) price_currency_code: String,
}

#[derive(Deserialize)]
pub(super) struct InvestmentRow {
    pub(super) company_name: String,
    pub(super) year: String,
    pub(super) raised_amount: String,
    pub(super) currency: String,
    pub(super) round_code: String,
    pub(super) investor_name: String,
}

/// A row of the 2015 export's `investments.csv`: one investor in one round.
#[derive(Deserialize)]
pub(super) struct InvestmentRow2015 {
    pub(super) company_permalink: String,
    pub(super) company_name: String,
    pub(super) company_category_list: String,
    pub(super) company_country_code: String,
    pub(super) investor_permalink: String,
    pub(super) investor_name: String,
    pub(super) investor_country_code: String,
    pub(super) funding_round_permalink: String,
    pub(super) funding_round_type: String,
    pub(super) funding_round_code: String,
    pub(super) funded_at: String,
    pub(super) raised_amount_usd: String,
}

/// The columns of each layout read by header, as serde names them: every one must be there.
pub(super) const COMPANY_COLUMNS: &[&[&str]] = &[
    &["permalink"],
    &["name"],
    &["category_code", "category_list"],
    &["funding_total_usd"],
    &["status"],
    &["country_code"],
    &["founded_at"],
];
pub(super) const ACQUISITION_COLUMNS: &[&[&str]] = &[
    &["company_permalink"],
    &["company_name"],
    &["company_category_code", "company_category_list"],
    &["company_country_code"],
    &["acquirer_permalink"],
    &["acquirer_name"],
    &["acquirer_category_code", "acquirer_category_list"],
    &["acquirer_country_code"],
    &["acquired_at"],
    &["price_amount"],
    &["price_currency_code"],
];
pub(super) const INVESTMENT_2015_COLUMNS: &[&[&str]] = &[
    &["company_permalink"],
    &["company_name"],
    &["company_category_list"],
    &["company_country_code"],
    &["investor_permalink"],
    &["investor_name"],
    &["investor_country_code"],
    &["funding_round_permalink"],
    &["funding_round_type"],
    &["funding_round_code"],
    &["funded_at"],
    &["raised_amount_usd"],
];
/// The 2013 VC-portfolio pull's `investments.csv`, which has no header.
pub(super) const INVESTMENT_2013_COLUMNS: &str =
    "no header; 6 columns: company name, year, raised amount, currency, round code, investor name";
/// The 2013 VC-portfolio pull's `investors.csv`, which has no header.
pub(super) const INVESTOR_COLUMNS: &str = "no header; 4 columns: name, founded year, city, state";

#[derive(Deserialize)]
pub(super) struct InvestorRow {
    pub(super) name: String,
    pub(super) founded_year: String,
    pub(super) city: String,
    pub(super) state: String,
}
