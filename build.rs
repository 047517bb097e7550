//! Embeds the curated dataset in `graph/` into the binary, so `dealgraph` answers from any folder.
//!
//! Writes `curated_files.rs`: a list of `(path, include_bytes!(...))` pairs for every `*.json`
//! file below `graph/`, in the order `load::graph_files` lists a folder. Crates that embed folders
//! do not make Cargo rebuild when a file is added or edited on stable Rust; `rerun-if-changed` on
//! the folder does.

use std::path::PathBuf;
use std::{env, fs};

/// The rule `load::graph_files` reads a folder by, shared with the library.
#[path = "src/load/walk.rs"]
mod walk;

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=graph");
    let mut code = String::from("&[\n");
    let files = walk::json_files_below(&root.join("graph"))
        .map(|entry| entry.expect("the curated graph folder is readable"));
    for entry in files {
        let shown = entry
            .path()
            .strip_prefix(&root)
            .expect("below the manifest dir");
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            shown.to_string_lossy(),
            entry.path().to_string_lossy()
        ));
    }
    code.push(']');
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("curated_files.rs"), code).expect("OUT_DIR is writable");
}
