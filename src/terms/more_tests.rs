//! More of the term counter's tests: dates' neighbours and address
//! spellings written alone.

use super::tests::count;
use super::*;

/// Only a month is a date's beside a number: other words next to
/// one stay terms.
#[test]
fn words_beside_numbers_stay_terms() {
    let (c, vocab) = count("Il range 12 bocaux. Puis 3 bocaux, 2 jarres.");
    let terms: Vec<&str> =
        c.terms.iter().map(|t| vocab.form(t.surface)).collect();
    for word in ["range", "bocaux", "jarres"] {
        assert!(terms.contains(&word), "{word}: {terms:?}");
    }
}

/// A spelling that may end a host name is a word like any other
/// where no address stands around it: a term of the body, marked by
/// a description that writes it alone.
#[test]
fn address_spellings_alone_are_words() {
    let text = "Le net change. Le net grandit avec exemple.net ici.";
    let (c, vocab) = count(text);
    let terms: Vec<&str> =
        c.terms.iter().map(|t| vocab.form(t.surface)).collect();
    assert!(terms.contains(&"net"), "{terms:?}");

    assert_eq!(
        zone_of("Le net, sur exemple.net", text, "net"),
        Some(zone::DESCRIPTION)
    );
}

/// A description's host name marks the host's name, not its ending:
/// `net`, a word of the body, gains no zone from `exemple.net`.
#[test]
fn description_marks_no_address_piece() {
    let text = "Le net change. Le net grandit avec exemple.";
    assert_eq!(zone_of("Lisez exemple.net", text, "net"), Some(0));
    assert_eq!(
        zone_of("Lisez exemple.net", text, "exemple"),
        Some(zone::DESCRIPTION)
    );
}

/// The zones of `form`'s term once `description` has marked them and
/// `text` has been counted (None: no such term).
fn zone_of(description: &str, text: &str, form: &str) -> Option<u8> {
    let vocab = Vocab::new();
    let stop = Stopwords::french();
    let mut counter = Counter::new();
    counter.mark_zone(description, zone::DESCRIPTION, &stop, &vocab);
    counter.add_sentence_text(text, text, 0, &stop, &vocab);
    let c = counter.finish(text);
    let vocab = vocab.freeze();
    c.terms
        .iter()
        .find(|t| vocab.form(t.surface) == form)
        .map(|t| t.zones)
}
