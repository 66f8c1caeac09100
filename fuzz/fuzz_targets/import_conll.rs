//! Fuzz target: `acta::formats::fuzz_entry::import_conll` (see that module for the input's shape).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = acta::formats::fuzz_entry::import_conll(data) {
        panic!("{broken}");
    }
});
