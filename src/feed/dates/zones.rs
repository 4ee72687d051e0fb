//! The words a date may hold: month names (English and a few languages feeds are written in),
//! weekday names, and zone abbreviations.

/// Month names and abbreviations, lower-case, with their month.
#[rustfmt::skip]
const MONTHS: &[(&str, i8)] = &[
    ("jan", 1), ("january", 1), ("januar", 1), ("januari", 1), ("janv", 1), ("janvier", 1),
    ("ene", 1), ("enero", 1), ("gen", 1), ("gennaio", 1), ("janeiro", 1),
    ("feb", 2), ("february", 2), ("februar", 2), ("februari", 2), ("fév", 2), ("févr", 2),
    ("fev", 2), ("fevr", 2), ("février", 2), ("febrero", 2), ("febbraio", 2), ("fevereiro", 2),
    ("mar", 3), ("march", 3), ("mär", 3), ("märz", 3), ("mrz", 3), ("maart", 3), ("mrt", 3),
    ("mars", 3), ("marzo", 3), ("março", 3),
    ("apr", 4), ("april", 4), ("avr", 4), ("avril", 4), ("abr", 4), ("abril", 4), ("aprile", 4),
    ("may", 5), ("mai", 5), ("mei", 5), ("mayo", 5), ("mag", 5), ("maggio", 5), ("maio", 5),
    ("jun", 6), ("june", 6), ("juni", 6), ("juin", 6), ("junio", 6), ("giu", 6), ("giugno", 6),
    ("junho", 6),
    ("jul", 7), ("july", 7), ("juli", 7), ("juil", 7), ("juillet", 7), ("julio", 7), ("lug", 7),
    ("luglio", 7), ("julho", 7),
    ("aug", 8), ("august", 8), ("augustus", 8), ("août", 8), ("aout", 8), ("ago", 8),
    ("agosto", 8),
    ("sep", 9), ("sept", 9), ("september", 9), ("septembre", 9), ("septiembre", 9),
    ("setiembre", 9), ("set", 9), ("settembre", 9), ("setembro", 9),
    ("oct", 10), ("october", 10), ("okt", 10), ("oktober", 10), ("octobre", 10),
    ("octubre", 10), ("ott", 10), ("ottobre", 10), ("out", 10), ("outubro", 10),
    ("nov", 11), ("november", 11), ("novembre", 11), ("noviembre", 11), ("novembro", 11),
    ("dec", 12), ("december", 12), ("dez", 12), ("dezember", 12), ("déc", 12), ("decembre", 12),
    ("décembre", 12), ("dic", 12), ("diciembre", 12), ("dicembre", 12), ("dezembro", 12),
];

/// English weekday names and the abbreviations feeds write.
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
];

/// Zone names with their offset in minutes. North American names are read as RFC 2822 reads
/// them (CST is US Central, not China); names that mean several zones (IST) are not here.
#[rustfmt::skip]
const ZONES: &[(&str, i32)] = &[
    ("z", 0), ("ut", 0), ("utc", 0), ("gmt", 0), ("wet", 0),
    ("bst", 60), ("west", 60), ("cet", 60), ("met", 60), ("wat", 60),
    ("cest", 120), ("mest", 120), ("eet", 120), ("sast", 120), ("cat", 120),
    ("eest", 180), ("msk", 180), ("eat", 180),
    ("pkt", 300), ("wib", 420), ("ict", 420),
    ("hkt", 480), ("sgt", 480), ("awst", 480), ("pht", 480),
    ("jst", 540), ("kst", 540), ("acst", 570), ("aest", 600), ("acdt", 630), ("aedt", 660),
    ("nzst", 720), ("nzdt", 780),
    ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360),
    ("pst", -480), ("pdt", -420), ("akst", -540), ("akdt", -480), ("hst", -600),
    ("ast", -240), ("adt", -180), ("nst", -210), ("ndt", -150),
];

/// The month a (lower-case) word names.
pub fn month(word: &str) -> Option<i8> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

/// Whether a (lower-case) word is an English weekday name.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

/// The offset, in seconds east of UTC, of a (lower-case) zone name.
pub fn offset(word: &str) -> Option<i32> {
    ZONES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, minutes)| minutes * 60)
}
