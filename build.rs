//! Checks the translation catalogues (`locales/<lang>/*.json`) and compiles them into the app:
//! one array of texts per language and the `key!` macro, so a missing or misspelt key, a key
//! one language lacks or a placeholder they disagree on fails the build (see crates/i18n-build).

use std::path::Path;
use std::{env, fs};

use i18n_build::Language;

/// The languages, in `i18n::Lang`'s order.
const LANGUAGES: [Language; 2] = [
    Language {
        tag: "en-US",
        table: "EN_US",
    },
    Language {
        tag: "zh-TW",
        table: "ZH_TW",
    },
];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    for language in LANGUAGES {
        println!("cargo:rerun-if-changed=locales/{}", language.tag);
    }
    let source = i18n_build::compile(Path::new("locales"), &LANGUAGES).unwrap_or_else(|problems| {
        panic!(
            "locales/: {} problem(s)\n{}",
            problems.len(),
            problems.join("\n")
        )
    });
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogs.rs");
    fs::write(&target, source).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
