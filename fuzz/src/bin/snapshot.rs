//! Fuzz target: the snapshot reader on arbitrary bytes. Half the inputs (an odd first byte)
//! get their checksum fixed up, so the sections behind it are read too; the reader must reject
//! what is inconsistent without panicking.

use xxhash_rust::xxh3::xxh3_128;

/// What snapshot files begin with (`src/cache/framed.rs`).
const MAGIC: &[u8; 16] = b"dealgraph-snap03";

fn main() {
    afl::fuzz!(|bytes: &[u8]| {
        let Some((&flag, rest)) = bytes.split_first() else {
            return;
        };
        let input = if flag % 2 == 1 {
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(rest);
            let sum = xxh3_128(&framed[MAGIC.len()..]);
            framed.extend_from_slice(&sum.to_le_bytes());
            framed
        } else {
            rest.to_vec()
        };
        if let Some(graph) = dealgraph::cache::decode_snapshot(input) {
            let edges = graph.graph().edge_count();
            assert_eq!(edges, graph.relation_count());
            for index in 0..edges {
                let _ = graph.facts(index);
            }
            for node in graph.graph().node_indices() {
                let _ = graph.company_id(node);
            }
        }
    });
}
