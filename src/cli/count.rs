//! Counts on the command line (`--depth`, `--max-hops`), range-checked by clap as it parses,
//! in this tool's words: what a zero would mean, and the most allowed.

use std::ffi::OsStr;

use clap::builder::{RangedU64ValueParser, TypedValueParser};
use clap::error::ErrorKind;

/// The most tiers or hops `--depth` and `--max-hops` may ask for.
pub const MAX: usize = dealgraph::query::path::MAX_HOPS;

/// A count from 1 to [`MAX`]; `zero` says what 0 would do, `most` what the maximum is.
#[derive(Debug, Clone, Copy)]
pub struct Count {
    zero: &'static str,
    most: &'static str,
}

/// `--depth`: how many hops or tiers.
pub const DEPTH: Count = Count {
    zero: "shows nothing",
    most: "the deepest search",
};

/// `--max-hops`: the longest path.
pub const HOPS: Count = Count {
    zero: "allows no hop",
    most: "the longest path searched",
};

impl TypedValueParser for Count {
    type Value = usize;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<usize, clap::Error> {
        let n = RangedU64ValueParser::<usize>::new().parse_ref(command, arg, value)?;
        let flag = arg.and_then(clap::Arg::get_long).unwrap_or("value");
        let message = match n {
            0 => format!("--{flag} 0 {}; give 1 or more", self.zero),
            n if n > MAX => format!(
                "--{flag} {n} is more than {MAX}, {}; give 1 to {MAX}",
                self.most
            ),
            n => return Ok(n),
        };
        Err(clap::Error::raw(ErrorKind::ValueValidation, message))
    }
}

/// The message of an error [`Count`] made, which carries no context of clap's: the line to
/// print, like every other error of a question; `None` for clap's own errors, which clap
/// prints with the usage.
pub fn message(error: &clap::Error) -> Option<String> {
    if error.kind() != ErrorKind::ValueValidation || error.context().next().is_some() {
        return None;
    }
    error.render().to_string().lines().next().map(str::to_owned)
}
