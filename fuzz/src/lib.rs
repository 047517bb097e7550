//! Coverage-guided fuzz targets for dealgraph, run with AFL++ (`cargo afl fuzz`): see
//! `FUZZING.md` at the top of the repository.

pub mod targets;
