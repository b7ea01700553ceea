//! Front-matter dates: `date`, else `created` (Hyde's name for it, which
//! vincent.bernat.ch's posts use with a YAML `!!timestamp` tag).

use billet::meta::{Meta, read_front_matter, split_front_matter};

fn date(text: &str) -> Option<String> {
    let (kind, fm, _) = split_front_matter(text).expect("front matter");
    let mut meta = Meta::default();
    read_front_matter(kind, fm, &mut meta);
    meta.date
}

#[test]
fn created_gives_the_date_when_date_does_not() {
    for (text, expected) in [
        ("---\ncreated: 2020-05-04\n---\n", Some("2020-05-04")),
        (
            "---\ntitle: Le bac\ncreated: !!timestamp 2009-09-01 14:00:00\n---\n",
            Some("2009-09-01"),
        ),
        (
            "+++\ncreated = 2020-05-04T10:00:00Z\n+++\n",
            Some("2020-05-04"),
        ),
        (
            "---\ncreated: 2020-05-04\ndate: 2021-01-02\n---\n",
            Some("2021-01-02"),
        ),
        (
            "---\ndate: 2021-01-02\ncreated: 2020-05-04\n---\n",
            Some("2021-01-02"),
        ),
        ("---\nCreated: 04/05/2020\n---\n", Some("2020-05-04")),
        ("---\ncreated: hier\n---\n", None),
        ("---\ncreated:\n  - 2020-05-04\n---\n", None),
    ] {
        assert_eq!(date(text).as_deref(), expected, "{text:?}");
    }
}
