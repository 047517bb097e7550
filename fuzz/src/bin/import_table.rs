//! AFL++ fuzz target: [`dealgraph_fuzz::targets::import_table`] on each input.

fn main() {
    afl::fuzz!(|bytes: &[u8]| dealgraph_fuzz::targets::import_table(bytes));
}
