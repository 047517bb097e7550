//! AFL++ fuzz target: [`dealgraph_fuzz::targets::load`] on each input.

fn main() {
    afl::fuzz!(|bytes: &[u8]| dealgraph_fuzz::targets::load(bytes));
}
