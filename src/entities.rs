//! HTML character references (`&amp;`, `&#8217;`, `&nbsp;`) as
//! html5ever reads them, for the cases modelled; `None` for the others.
//! The HTML fast path decodes text and attributes with it, and
//! front-matter titles go through it: Jekyll pastes a title into the page
//! as HTML, so « Apache &amp; MySQL » shows « Apache & MySQL ».

/// Decodes character references: `&name;` from html5ever's table,
/// `&#…;` and `&#x…;` with values that are no parse error; a `&` that
/// starts no reference (no name in the table starts the letters after
/// it) stays. `None` for anything else (a legacy name without `;`, a
/// numeric reference html5ever replaces), read by rules not modelled.
pub(crate) fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut last = 0;
    for amp in memchr::memchr_iter(b'&', bytes) {
        if amp < last {
            continue;
        }
        let rest = &bytes[amp + 1..];
        let (c1, c2, len) = match rest.first() {
            Some(b'#') => {
                let hex = matches!(rest.get(1), Some(b'x' | b'X'));
                let from = 1 + usize::from(hex);
                let digits = rest[from..]
                    .iter()
                    .take_while(|b| {
                        if hex {
                            b.is_ascii_hexdigit()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                    .count();
                if digits == 0
                    || digits > 7
                    || rest.get(from + digits) != Some(&b';')
                {
                    return None;
                }
                let text = &raw[amp + 1 + from..amp + 1 + from + digits];
                let n = u32::from_str_radix(text, if hex { 16 } else { 10 })
                    .ok()?;
                (plain_char(n)?, None, from + digits + 1)
            }
            Some(b) if b.is_ascii_alphanumeric() => {
                let len = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let run = &raw[amp + 1..amp + 1 + len];
                let full = |key: &str| {
                    html5ever::data::NAMED_ENTITIES
                        .get(key)
                        .filter(|(c1, _)| *c1 != 0)
                };
                let with_semicolon = (rest.get(len) == Some(&b';'))
                    .then(|| full(&raw[amp + 1..amp + 2 + len]))
                    .flatten();
                match with_semicolon {
                    Some(&(c1, c2)) => {
                        let c2 = if c2 == 0 {
                            None
                        } else {
                            Some(char::from_u32(c2)?)
                        };
                        (char::from_u32(c1)?, c2, len + 1)
                    }
                    // A legacy name without `;` (`&amp`, `&copy`) is read
                    // by rules that depend on what follows: not modelled.
                    None if (1..=len.min(LEGACY_MAX)).any(|l| {
                        run.is_char_boundary(l) && full(&run[..l]).is_some()
                    }) =>
                    {
                        return None;
                    }
                    // No name starts the run (`&theme-id=` in a URL):
                    // the `&` is text.
                    None => continue,
                }
            }
            _ => continue,
        };
        out.push_str(&raw[last..amp]);
        out.push(c1);
        out.extend(c2);
        last = amp + 1 + len;
    }
    out.push_str(&raw[last..]);
    Some(out)
}

/// The longest name html5ever reads without a `;` (`frac12`,
/// `middot`).
pub(crate) const LEGACY_MAX: usize = 6;

/// A numeric reference's character when html5ever reads it without a
/// parse error (those get replaced or flagged).
fn plain_char(n: u32) -> Option<char> {
    let error = matches!(n, 0x00..=0x08 | 0x0B | 0x0D..=0x1F | 0x7F..=0x9F)
        || (0xD800..=0xDFFF).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
        || n > 0x10FFFF;
    if error { None } else { char::from_u32(n) }
}
