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

/// A record is read again when its file is met: bytes changed
/// since the checksum was taken are refused, record by record.
#[test]
fn a_record_changed_after_the_cache_was_checked_is_not_decoded() {
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
        .map(|((p, s), r)| (p.clone(), s.clone(), r.hash, r.start))
        .collect();
    records.sort();
    assert_eq!(records.len(), 2);
    for (p, s, hash, _) in &records {
        let file = cache.file(p, s, *hash).unwrap().expect("decoded");
        assert_eq!(file.entries.len(), 1);
    }
    // One byte of the first record's body flipped in place.
    let (p, s, hash, start) = &records[0];
    let mut byte = [0u8];
    cache.file.read_exact_at(&mut byte, *start).unwrap();
    let writer = std::fs::OpenOptions::new().write(true).open(&path);
    writer
        .unwrap()
        .write_all_at(&[byte[0] ^ 1], *start)
        .unwrap();
    assert!(cache.file(p, s, *hash).is_err());
    let (p, s, hash, _) = &records[1];
    assert!(cache.file(p, s, *hash).unwrap().is_some());
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
