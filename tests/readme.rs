//! Runs every `console` example in README.md and compares its output, so the README stays true.

#[test]
fn readme_examples_print_what_they_say() {
    trycmd::TestCases::new().case("README.md");
}
