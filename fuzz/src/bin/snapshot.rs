//! AFL++ fuzz target: [`dealgraph_fuzz::targets::snapshot`] on each input.

fn main() {
    afl::fuzz!(|bytes: &[u8]| dealgraph_fuzz::targets::snapshot(bytes));
}
