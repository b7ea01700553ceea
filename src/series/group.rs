//! Series across the corpus: the articles that name or mark the same
//! series, grouped and ordered into parts, and each article's `series`
//! object (its parts, previous and next, missing numbers).

use rustc_hash::FxHashMap;

use super::{TitleMarker, parse_title, series_key};
use crate::output::{Series, SeriesPart, SeriesRef};

/// What grouping needs of one article.
#[derive(Clone, Copy, Debug, Default)]
pub struct Member<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: Option<&'a str>,
    /// The series its front matter names (`series:`).
    pub series: Option<&'a str>,
    /// The part its front matter gives.
    pub series_part: Option<u32>,
    /// Its date (`YYYY-MM-DD`), which orders parts without a number.
    pub date: Option<&'a str>,
}

/// An article's place in a series: (index into the series list,
/// position among its parts).
pub type SeriesPlace = (u32, u32);

/// An article's `series` object, from its place.
pub fn series_ref(
    all: &[Series],
    (series, position): SeriesPlace,
    announces_next: bool,
) -> SeriesRef {
    let s = &all[series as usize];
    let pos = position as usize;
    let ids: Vec<String> = s.parts.iter().map(|p| p.id.clone()).collect();
    SeriesRef {
        key: s.key.clone(),
        name: s.name.clone(),
        part: s.parts[pos].part,
        prev: pos.checked_sub(1).map(|p| ids[p].clone()),
        next: ids.get(pos + 1).cloned(),
        parts: ids,
        missing: s.missing.clone(),
        announces_next,
    }
}

/// (key, name, part or None, marked by a leading marker) per article.
type Mark = (String, String, Option<u32>, bool);

/// Series found among `members`, in key order, and each member's place.
///
/// A member belongs to the series its front matter names, else to the
/// one its title marks ([`parse_title`]); a title whose marker opens it
/// ("Chapitre 5 : Gestion des paquets") names a series only when another
/// member is in that series too: alone, what follows the marker is the
/// part's own title, and a one-part series "gestion-des-paquets" missing
/// parts 1 to 4 would be noise. A title-marked series without a part 1
/// takes as part 1 the one unmarked member whose whole title is the
/// series name and that is not dated after its parts (`adopt_first`):
/// "La fin" before "La fin (suite)". Titles that put a subtitle between
/// the name and the marker ("Le guide : les bases (partie 1)", "Le
/// guide : aller plus loin (partie 2)") make one series of the name
/// when their parts differ (`merge_subtitled`). Parts are ordered by number;
/// parts without a number follow the numbered ones, by date; `missing`
/// lists the numbers absent below the highest.
pub fn group(
    members: &[Member<'_>],
) -> (Vec<Series>, Vec<Option<SeriesPlace>>) {
    let mut marks: Vec<Option<Mark>> = members
        .iter()
        .map(|d| {
            let marker: Option<TitleMarker> = d.title.and_then(parse_title);
            if let Some(name) = d.series {
                let part = d.series_part.or(marker.map(|m| m.part));
                Some((series_key(name), name.to_string(), part, false))
            } else {
                marker.map(|m| (m.key, m.name, Some(m.part), m.leading))
            }
        })
        .collect();
    merge_subtitled(members, &mut marks);
    adopt_first(members, &mut marks);
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, m) in marks.iter().enumerate() {
        if let Some((key, _, _, _)) = m
            && !key.is_empty()
        {
            groups.entry(key.as_str()).or_default().push(i);
        }
    }
    groups.retain(|_, in_series| {
        in_series.len() > 1
            || marks[in_series[0]].as_ref().is_some_and(|m| !m.3)
    });
    let mut keys: Vec<&str> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut all = Vec::with_capacity(keys.len());
    let mut refs: Vec<Option<SeriesPlace>> = vec![None; members.len()];
    for key in keys {
        let in_series = &groups[key];
        // Parts without a number follow the numbered ones, by date.
        let mut numbered: Vec<(u32, usize)> = Vec::new();
        let mut unnumbered: Vec<usize> = Vec::new();
        for &i in in_series {
            match marks[i].as_ref().and_then(|m| m.2) {
                Some(part) => numbered.push((part, i)),
                None => unnumbered.push(i),
            }
        }
        numbered.sort_by(|a, b| {
            a.0.cmp(&b.0).then(members[a.1].id.cmp(members[b.1].id))
        });
        unnumbered.sort_by(|&a, &b| {
            members[a]
                .date
                .cmp(&members[b].date)
                .then(members[a].id.cmp(members[b].id))
        });
        let first_free = numbered.last().map_or(1, |p| p.0 + 1);
        numbered.extend((first_free..).zip(unnumbered));
        let highest = numbered.last().map_or(0, |p| p.0);
        // `numbered` is in part order.
        let missing: Vec<u32> = (1..highest)
            .filter(|n| numbered.binary_search_by_key(n, |p| p.0).is_err())
            .collect();
        let name = marks[numbered[0].1]
            .as_ref()
            .map(|m| m.1.clone())
            .unwrap_or_default();
        for (pos, &(_, i)) in numbered.iter().enumerate() {
            refs[i] = Some((all.len() as u32, pos as u32));
        }
        all.push(Series {
            key: key.to_string(),
            name,
            parts: numbered
                .iter()
                .map(|&(part, i)| SeriesPart {
                    part,
                    id: members[i].id.to_string(),
                    title: members[i].title.map(str::to_string),
                })
                .collect(),
            missing,
        });
    }
    (all, refs)
}

/// Gives each series marked by titles after its name ("La fin (suite)",
/// "Le guide, partie 2") and lacking a part 1 its first part: the member
/// without a mark or front-matter series whose whole title has the
/// series key, when exactly one has it and it is dated no later than
/// the series' first dated part (members without a date pass). A series
/// named by a leading marker ("Chapitre 2 : Les dépôts") adopts nothing:
/// its name is a part's own title.
fn adopt_first(members: &[Member<'_>], marks: &mut [Option<Mark>]) {
    // Key → (earliest date of its parts, whether it adopts nothing: a
    // part 1, a leading mark or a front-matter series is in it).
    let mut series: FxHashMap<&str, (Option<&str>, bool)> =
        FxHashMap::default();
    for (m, d) in marks.iter().zip(members) {
        if let Some((key, _, part, leading)) = m
            && !key.is_empty()
        {
            let e = series.entry(key.as_str()).or_insert((None, false));
            if let Some(date) = d.date {
                e.0 = Some(e.0.map_or(date, |x| x.min(date)));
            }
            e.1 |= *part == Some(1) || *leading || d.series.is_some();
        }
    }
    series.retain(|_, e| !e.1);
    if series.is_empty() {
        return;
    }
    // Key → the one unmarked member titled by it (None: several).
    let mut found: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (i, d) in members.iter().enumerate() {
        if marks[i].is_some() || d.series.is_some() {
            continue;
        }
        let Some(title) = d.title else { continue };
        let key = series_key(title);
        let Some(&(first, _)) = series.get(key.as_str()) else {
            continue;
        };
        if let (Some(first), Some(date)) = (first, d.date)
            && date > first
        {
            continue;
        }
        found
            .entry(key)
            .and_modify(|one| *one = None)
            .or_insert(Some(i));
    }
    for (key, one) in found {
        if let Some(i) = one
            && let Some(title) = members[i].title
        {
            marks[i] = Some((key, title.trim().to_string(), Some(1), false));
        }
    }
}

/// Makes one series of the title-marked series whose names are one name
/// and different subtitles after a colon ("Le guide : les bases",
/// "Le guide : aller plus loin"), the part of the name before the last
/// colon, when their part numbers, with those of a series already named
/// so, all differ: "Python : les décorateurs (partie 1)" and "Python :
/// les générateurs (partie 1)" stay two series.
fn merge_subtitled(members: &[Member<'_>], marks: &mut [Option<Mark>]) {
    // Name key → (its name, the marks whose name it prefixes or is).
    let mut by_name: FxHashMap<String, (String, Vec<usize>)> =
        FxHashMap::default();
    for (i, (m, d)) in marks.iter().zip(members).enumerate() {
        let Some((key, name, Some(_), false)) = m else {
            continue;
        };
        if d.series.is_some() {
            continue;
        }
        let Some(colon) = name.rfind(':') else {
            continue;
        };
        let head = name[..colon].trim_end();
        let head_key = series_key(head);
        if head_key.is_empty() || head_key == *key {
            continue;
        }
        by_name
            .entry(head_key)
            .or_insert_with(|| (head.to_string(), Vec::new()))
            .1
            .push(i);
    }
    if by_name.is_empty() {
        return;
    }
    for (head_key, (head, mut in_series)) in by_name {
        // Marks already named by the head alone ("Le guide, partie 3").
        for (i, (m, d)) in marks.iter().zip(members).enumerate() {
            if let Some((key, _, Some(_), false)) = m
                && d.series.is_none()
                && *key == head_key
            {
                in_series.push(i);
            }
        }
        let mut keys: Vec<&str> = in_series
            .iter()
            .filter_map(|&i| marks[i].as_ref().map(|m| m.0.as_str()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut parts: Vec<u32> = in_series
            .iter()
            .filter_map(|&i| marks[i].as_ref()?.2)
            .collect();
        let n = parts.len();
        parts.sort_unstable();
        parts.dedup();
        if keys.len() < 2 || parts.len() != n {
            continue;
        }
        for i in in_series {
            if let Some(m) = marks[i].as_mut() {
                m.0.clone_from(&head_key);
                m.1.clone_from(&head);
            }
        }
    }
}
