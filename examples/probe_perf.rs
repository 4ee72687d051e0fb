fn main() {
    let short = newsdeck::synth::short_digest(10_000, 1);
    let d = newsdeck::format::parse_owned(short, "x").unwrap();
    println!("{}", d.entries.len());
}
