//! Pieces of web addresses written in prose, which are no words of the
//! article: the top-level domain that ends a host name
//! (`developpez.com`, `Amazon.fr`, `phpBB.com`), `www` before a host
//! name, and a URL's scheme (`https://`). The tokenizer splits addresses
//! at `.` and `/`, so without this rule `com`, `fr` or `www` would be key
//! terms of the posts that name a few sites. The term counter ([`crate::terms`]) skips them as it skips
//! numbers: never key terms, words of key phrases or top terms, still
//! counted in `words`. The other pieces stay words (`developpez` is a
//! key term), and search, which analyses the text as written, is not
//! changed.
//!
//! Two steps keep the term counter's loop cheap: [`may_be_piece`] marks a
//! spelling once ([`super::flag::ADDRESS`]), and only tokens so marked
//! have their surroundings read by [`is_piece`]. The rule reads the
//! characters around the token, not the form: `fr` alone ("la version
//! FR", "le .fr ouvert à tous") and `HTTP` the protocol stay words. A
//! top-level domain counts only in lower case, as host names are written
//! in prose: `ASP.NET`, `VB.NET` name frameworks.

/// Top-level domains that end host names in French posts: the generic
/// ones and those of French-speaking and neighbouring countries, but
/// `de` and `be`, stopwords already (marking `de` would send the most
/// frequent word of French through [`is_piece`] for nothing). Lower
/// case: the rule matches the text as written.
const TOP_LEVEL: [&str; 14] = [
    "biz", "ca", "ch", "com", "edu", "eu", "fr", "gov", "info", "io", "lu",
    "net", "org", "uk",
];

/// URL schemes, matched whatever the case, only before `://`.
const SCHEMES: [&str; 3] = ["http", "https", "ftp"];

/// Whether a token written `spelling` may be a piece of a web address,
/// depending on what surrounds it ([`is_piece`]): a top-level domain in
/// lower case, `www` or a URL scheme.
pub fn may_be_piece(spelling: &str) -> bool {
    TOP_LEVEL.contains(&spelling)
        || spelling.eq_ignore_ascii_case("www")
        || SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(spelling))
}

/// Whether the word `text[start..end]`, one [`may_be_piece`] accepts, is
/// a piece of a web address where it stands: a top-level domain right
/// after `.` and a letter or digit, with no label after it
/// (`exemple.com`, not `notes.info.txt` nor `le .fr`); `www` before `.`
/// and a label; a scheme before `://`.
pub fn is_piece(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let rest = &text[end..];
    if TOP_LEVEL.contains(&word)
        && text[..start].strip_suffix('.').is_some_and(|head| {
            head.chars().next_back().is_some_and(char::is_alphanumeric)
        })
        && !starts_label(rest)
    {
        return true;
    }
    if rest.starts_with("://") {
        return SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(word));
    }
    word.eq_ignore_ascii_case("www") && starts_label(rest)
}

/// Whether `rest` starts with `.` and a letter or digit: another label
/// of a host name follows.
fn starts_label(rest: &str) -> bool {
    rest.strip_prefix('.')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokens;

    /// The words of `text` the rule skips.
    fn skipped(text: &str) -> Vec<&str> {
        tokens(text, 0)
            .iter()
            .filter(|t| may_be_piece(t.text))
            .filter(|t| is_piece(text, t.start, t.end()))
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Lisez exemple.com chaque jour.", &["com"]),
            ("Le forum de MonSite.org ferme.", &["org"]),
            ("Achetez-le sur Boutique.fr, pas ailleurs.", &["fr"]),
            ("Voyez www.exemple.net/page pour la suite.", &["www", "net"]),
            (
                "Le site https://blog.exemple.io/a/b est lent.",
                &["https", "io"],
            ),
            ("Un lien FTP://miroir.exemple.eu suffit.", &["FTP", "eu"]),
            ("Écrivez à jean@exemple.ch demain.", &["ch"]),
            ("Le site exemple.co.uk, en anglais.", &["uk"]),
            ("Le site 01exemple.com.", &["com"]),
            ("Le site société.fr ouvre.", &["fr"]),
            // Not the end of a host name: the label goes on, or nothing
            // glued comes before the dot.
            ("Le fichier notes.info.txt est vide.", &[]),
            ("Le .fr est ouvert à tous.", &[]),
            ("Une version FR et une version fr.", &[]),
            ("Fin de phrase.Com est collé ?", &[]),
            ("fr.exemple.org", &["org"]),
            // Frameworks in capitals; protocols named in prose.
            ("ASP.NET et VB.NET sont des frameworks.", &[]),
            ("Le protocole HTTP et HTTPS. Puis www, le web.", &[]),
            ("La clé network.http.proxy reste.", &[]),
            ("Le http: tout court, et www. seul.", &[]),
            ("Un fichier index.php et script.js.", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(skipped(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn spellings() {
        for s in ["com", "fr", "info", "www", "WWW", "http", "HTTPS", "ftp"] {
            assert!(may_be_piece(s), "{s}");
        }
        for s in ["COM", "Fr", "Net", "web", "htt", "httpss", "wwww", ""] {
            assert!(!may_be_piece(s), "{s}");
        }
    }
}
