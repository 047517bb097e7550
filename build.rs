//! Embeds the curated dataset in `graph/` into the binary, so `dealgraph` answers from any folder.
//!
//! Writes `curated_files.rs`: a list of `(path, include_bytes!(...))` pairs for every `*.json`
//! file below `graph/`, in the order `load::read_graph` reads a folder. Crates that embed folders
//! do not make Cargo rebuild when a file is added or edited on stable Rust; `rerun-if-changed` on
//! the folder does.

use std::path::PathBuf;
use std::{env, fs};

use walkdir::WalkDir;

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=graph");
    let mut code = String::from("&[\n");
    let files = WalkDir::new(root.join("graph"))
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"));
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
