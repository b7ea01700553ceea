//! Unit tests of the cache's reading and writing.

use super::*;

#[test]
fn a_payload_written_in_pieces_has_the_checksum_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c");
    let mut w = Summed::new(std::fs::File::create(&path).unwrap());
    let payload: Vec<u8> = (0..3 * CHUNK + 17).map(|i| i as u8).collect();
    let mut buf = Vec::new();
    // Uneven pieces, some past CHUNK, some below it.
    for piece in payload.chunks(CHUNK / 3 + 5) {
        buf.extend_from_slice(piece);
        w.flush_from(&mut buf).unwrap();
    }
    w.drain(&mut buf).unwrap();
    w.finish().unwrap();
    let written = std::fs::read(&path).unwrap();
    let (body, sum) = written.split_at(payload.len());
    assert_eq!(body, &payload[..]);
    assert_eq!(sum, content_hash(&payload).to_le_bytes());
}

/// A record's body is read again when pass 2 takes its file's articles:
/// bytes changed since the cache was checked are refused, record by
/// record, and nothing of the record is given.
#[test]
fn a_body_changed_after_the_cache_was_checked_is_refused() {
    use std::os::unix::fs::FileExt;
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::write(
        posts.join("a.txt"),
        "Partage\n\nL'économie du partage change. L'économie aussi.\n",
    )
    .unwrap();
    std::fs::write(
        posts.join("b.md"),
        "# Jardin\n\nLe jardin et les légumes du jardin.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let options = super::super::AnalyzeOptions::new(vec![posts], &out);
    super::super::analyze(&options, &super::super::progress::Silent).unwrap();
    let path = cache_path(&out);
    let header = header(&options.stopwords_id, 0);
    let cache = Cache::read(path.parent().unwrap(), &header)
        .unwrap()
        .expect("a cache");
    let mut records: Vec<_> = cache
        .files
        .iter()
        .map(|((p, s), r)| (p.clone(), s.clone(), r.hash))
        .collect();
    records.sort();
    assert_eq!(records.len(), 2);
    let hits: Vec<Hit> = records
        .iter()
        .map(|(p, s, hash)| {
            let hit = cache.file(p, s, *hash).expect("its record");
            // Its line keys are given once: a file met again is not
            // taken from the cache.
            assert!(cache.file(p, s, *hash).is_none());
            assert!(cache.file(p, s, hash ^ 1).is_none());
            hit
        })
        .collect();
    let reuse = cache.reuse();
    // What `articles` gives of the `i`th record, `same` saying yes.
    let take = |i: usize, same: bool| {
        let source: Arc<str> = Arc::from(records[i].1.as_str());
        let mut given = Vec::new();
        let took = reuse.articles(
            hits[i].body,
            &source,
            hits[i].lines.len(),
            |_, _| same,
            |e, _, doc| given.push((e, doc.source)),
        );
        (took, given)
    };
    for i in 0..2 {
        assert_eq!(hits[i].lines.len(), 1);
        let (took, given) = take(i, true);
        assert_eq!(took, Ok(true));
        assert_eq!(given.len(), 1);
        assert_eq!(&*given[0].1, records[i].1.as_str());
        // The corpus calls other lines boilerplate: nothing given.
        assert_eq!(take(i, false), (Ok(false), Vec::new()));
    }
    // One byte of the first record's body flipped in place.
    let start = hits[0].body.start;
    let mut byte = [0u8];
    cache.file.read_exact_at(&mut byte, start).unwrap();
    let writer = std::fs::OpenOptions::new().write(true).open(&path);
    writer.unwrap().write_all_at(&[byte[0] ^ 1], start).unwrap();
    assert_eq!(take(0, true), (Err(()), Vec::new()));
    assert_eq!(take(1, true).0, Ok(true));
}

#[test]
fn the_binary_is_named_by_its_stamp_once_settled_else_by_its_hash() {
    let exe = std::env::current_exe().unwrap();
    let meta = std::fs::metadata(&exe).unwrap();
    let hash = format!("{:016x}", content_hash(&std::fs::read(&exe).unwrap()));
    // A run that began before the binary was written cannot trust
    // its stamp.
    assert_eq!(exe_identity(0), hash);
    // Off a local file system, or off Linux, there is no stamp.
    let began = super::super::stamp::now();
    let named = LocalFs::default()
        .stamp(&exe, &meta)
        .filter(|stamp| stamp.settled(began))
        .map_or(hash, |stamp| stamp.name());
    assert_eq!(exe_identity(began), named);
}
