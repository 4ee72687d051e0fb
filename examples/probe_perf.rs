fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let bytes = if which == "long" {
        newsdeck::synth::digest(10_000, 1)
    } else {
        newsdeck::synth::short_digest(10_000, 1)
    };
    let d = newsdeck::format::parse_owned(bytes, "x").unwrap();
    println!("{}", d.entries.len());
}
