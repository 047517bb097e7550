//! How long serde_json alone takes to parse a graph's bytes, next to dealgraph's whole load.
//!
//! `cargo bench --bench parse -- DIR [RUNS [WHICH]]` reads every graph file under DIR once, then
//! times, over the same bytes in memory, the best of RUNS runs (default 3) of:
//!
//! - `value`: `serde_json::from_slice::<serde_json::Value>` of each file, one after another;
//! - `typed`: `serde_json::from_slice::<dealgraph::GraphFile>` of each file, one after another;
//! - `load`: `dealgraph::load::load`, which parses (in parallel, a thread per core), validates
//!   and builds the graph.
//!
//! WHICH picks some of them, e.g. `typed,load` (default: all three), so that a profiler such as
//! callgrind can count one alone. It prints one line, `bytes=… value_s=… typed_s=… load_s=…`
//! (0 for those not run), for `bench/load.sh` to read.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dealgraph::GraphFile;
use dealgraph::load::{self, GraphText};

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; the other arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench parse -- DIR [RUNS [value,typed,load]]");
        return ExitCode::FAILURE;
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(3);
    let which = args.get(2).map_or("value,typed,load", String::as_str);
    let runs_of = |name: &str| {
        if which.split(',').any(|w| w == name) {
            runs
        } else {
            0
        }
    };
    let texts = match load::read_graph(&dir) {
        Ok(texts) => texts,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let bytes: usize = texts.iter().map(|text| text.bytes.len()).sum();
    let value = best(runs_of("value"), || {
        for text in &texts {
            let value: serde_json::Value =
                serde_json::from_slice(&text.bytes).expect("the graph is valid JSON");
            black_box(value);
        }
    });
    let typed = best(runs_of("typed"), || {
        for text in &texts {
            let file: GraphFile =
                serde_json::from_slice(&text.bytes).expect("the graph is a valid graph file");
            black_box(file);
        }
    });
    let whole = best(runs_of("load"), || {
        black_box(load_graph(&texts));
    });
    println!(
        "bytes={bytes} value_s={:.3} typed_s={:.3} load_s={:.3}",
        value.as_secs_f64(),
        typed.as_secs_f64(),
        whole.as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn load_graph(texts: &[GraphText]) -> dealgraph::KnowledgeGraph {
    load::load(texts).expect("the graph loads")
}

/// The shortest of `runs` runs of `work`, each including dropping what it built; zero when
/// `runs` is zero.
fn best(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
