//! Replays every committed fuzz input (`fuzz/seeds/TARGET/*`, `fuzz/corpus/TARGET/*`) through its
//! entry point, so the normal suite checks the corpora without libFuzzer.

use super::*;

type Entry = fn(&[u8]) -> Result<Outcome, Broken>;

/// The fuzz targets, by the name of their corpus folder.
pub(crate) const TARGETS: [(&str, Entry); 7] = [
    ("project_load", project_load),
    ("import_jsonl", import_jsonl),
    ("import_brat", import_brat),
    ("import_conll", import_conll),
    ("import_doccano", import_doccano),
    ("import_label_studio", import_label_studio),
    ("txt_decode", txt_decode),
];

#[test]
fn every_corpus_file_replays_cleanly() -> Result<(), Box<dyn std::error::Error>> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, entry) in TARGETS {
        let mut read = 0;
        for dir in [fuzz.join("seeds").join(name), fuzz.join("corpus").join(name)] {
            let mut files = 0;
            for file in std::fs::read_dir(&dir)? {
                let path = file?.path();
                let data = std::fs::read(&path)?;
                match entry(&data) {
                    Ok(Outcome::Read) => read += 1,
                    Ok(Outcome::Refused) => {}
                    Err(broken) => panic!("{}: {broken}", path.display()),
                }
                files += 1;
            }
            assert!(files > 0, "{} holds no inputs", dir.display());
        }
        // A corpus of refusals only would test the parser's first error path and nothing else.
        assert!(read > 0, "no input of {name} parses");
    }
    Ok(())
}
