//! Robustness of the project loader and every importer in the normal suite: arbitrary bytes, and
//! valid inputs with random byte edits (truncate, flip, insert, delete), give a result or a clean
//! error, never a panic, and what loads saves and loads back equal (`fuzz_entry`'s checks).

use super::fuzz_entry::{self, Broken, Outcome};
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::Path;

type Entry = fn(&[u8]) -> Result<Outcome, Broken>;

#[derive(Clone, Debug)]
enum ByteEdit {
    Truncate(Index),
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index),
}

/// Bytes the formats give meaning to, so inserts hit the parsers' decisions more often.
const SIGNIFICANT: &[u8] = b"\"\\,:;()[]{}<>=/\t\r\n\0 -0123456789TEARN#*|";

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let byte = prop_oneof![any::<u8>(), proptest::sample::select(SIGNIFICANT)];
    prop_oneof![
        any::<Index>().prop_map(ByteEdit::Truncate),
        (any::<Index>(), 0u8..8).prop_map(|(i, bit)| ByteEdit::Flip(i, bit)),
        (any::<Index>(), byte).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        any::<Index>().prop_map(ByteEdit::Delete),
    ]
}

fn apply(mut data: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        let len = data.len();
        match edit {
            ByteEdit::Truncate(i) => data.truncate(i.index(len + 1)),
            ByteEdit::Insert(i, b) => data.insert(i.index(len + 1), *b),
            ByteEdit::Flip(i, bit) if len > 0 => data[i.index(len)] ^= 1 << bit,
            ByteEdit::Delete(i) if len > 0 => {
                data.remove(i.index(len));
            }
            _ => {}
        }
    }
    data
}

fn read(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Files joined at NUL, as the multi-file entry points read them.
fn joined(paths: &[&str]) -> Vec<u8> {
    paths.iter().map(|p| read(p)).collect::<Vec<_>>().join(&0u8)
}

/// Valid inputs of each importer, from the test data.
fn valid(target: &str) -> Vec<Vec<u8>> {
    match target {
        "jsonl" => vec![
            read("agreement/two_annotators.jsonl"),
            "{\"text\": \"Київ,\\u00a01 травня\\r\\n👩‍👩‍👧\"}\n".into(),
        ],
        "doccano" => ["re", "seq", "tricky.re", "tricky.seq"]
            .iter()
            .map(|n| read(&format!("doccano/{n}.jsonl")))
            .collect(),
        "conll" => vec![read("conll/schemes.conll"), read("conll/four_columns.conll")],
        "brat" => vec![
            joined(&["brat/golden/d1.txt", "brat/golden/d1.ann", "brat/golden/annotation.conf"]),
            joined(&[
                "brat/validator/brat/doc1.txt",
                "brat/validator/brat/doc1.ann",
                "brat/validator/brat/annotation.conf",
            ]),
        ],
        "label_studio" => vec![
            joined(&["label_studio/tasks.json", "label_studio/config.xml"]),
            read("label_studio/tasks.json"),
            joined(&["label_studio/layered.json", "label_studio/layered.config.xml"]),
        ],
        _ => {
            let text = "Южная\u{a0}Осетия признала ЛНР.\r\n«Ми» — далі́ 👩‍👩‍👧\n";
            let cp1251 = encoding_rs::WINDOWS_1251.encode("Южная Осетия признала ЛНР").0;
            let utf16: Vec<u8> = [0xff, 0xfe]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
            vec![text.into(), cp1251.into_owned(), utf16]
        }
    }
}

fn check(entry: Entry, data: &[u8]) -> Result<(), TestCaseError> {
    match entry(data) {
        Ok(_) => Ok(()),
        Err(broken) => Err(TestCaseError::fail(format!("{broken}\n--- input: {data:?}"))),
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..400)
}

fn edits() -> impl Strategy<Value = Vec<ByteEdit>> {
    prop::collection::vec(byte_edit(), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn loader_takes_any_bytes(data in bytes()) {
        check(fuzz_entry::project_load, &data)?;
    }

    #[test]
    fn loader_takes_edited_projects(project in super::testgen::project(), edits in edits()) {
        let text = super::project::to_ron(&project).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(fuzz_entry::project_load, &apply(text.into_bytes(), &edits))?;
    }

    #[test]
    fn txt_takes_any_bytes(data in bytes()) {
        check(fuzz_entry::txt_decode, &data)?;
    }

    #[test]
    fn txt_takes_edited_texts(pick in any::<Index>(), edits in edits()) {
        let inputs = valid("txt");
        check(fuzz_entry::txt_decode, &apply(pick.get(&inputs).clone(), &edits))?;
    }

    #[test]
    fn importers_take_any_bytes(data in bytes()) {
        for entry in IMPORTERS {
            check(entry.1, &data)?;
        }
    }

    #[test]
    fn importers_take_edited_files(pick in any::<Index>(), edits in edits()) {
        for (name, entry) in IMPORTERS {
            let inputs = valid(name);
            check(entry, &apply(pick.get(&inputs).clone(), &edits))?;
        }
    }
}

const IMPORTERS: [(&str, Entry); 5] = [
    ("jsonl", fuzz_entry::import_jsonl),
    ("doccano", fuzz_entry::import_doccano),
    ("conll", fuzz_entry::import_conll),
    ("brat", fuzz_entry::import_brat),
    ("label_studio", fuzz_entry::import_label_studio),
];

#[test]
fn the_valid_inputs_read() -> Result<(), Box<dyn std::error::Error>> {
    // Edits of inputs that already fail would test only the first error path.
    let mut all: Vec<(&str, Entry)> = IMPORTERS.to_vec();
    all.push(("txt", fuzz_entry::txt_decode));
    for (name, entry) in all {
        for (n, input) in valid(name).iter().enumerate() {
            let outcome = entry(input).map_err(|e| e.to_string());
            assert_eq!(outcome, Ok(Outcome::Read), "{name} input {n}");
        }
    }
    let sample = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"))?;
    assert_eq!(fuzz_entry::project_load(&sample).map_err(|e| e.to_string()), Ok(Outcome::Read));
    Ok(())
}
