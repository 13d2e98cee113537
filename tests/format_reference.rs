//! The format reference in `docs/` is the one the format files give: each built-in format's
//! `docs/format-<id>.md` is regenerated and compared. When a format file changed, run
//! `NIANBAO_BLESS=1 cargo test --test format_reference` to rewrite the documents (and remove
//! those of a format that is gone), and commit them.

use std::path::{Path, PathBuf};

use nianbao::model::format::{self, reference};

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

#[test]
fn the_committed_format_reference_is_up_to_date() {
    let generated = reference::references(format::builtin_sources()).unwrap();
    assert_eq!(generated.len(), format::builtin().formats().len());
    let bless = std::env::var_os("NIANBAO_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, text) in &generated {
        let path = docs().join(name);
        if bless {
            std::fs::create_dir_all(docs()).unwrap();
            std::fs::write(&path, text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed.replace("\r\n", "\n") == *text => {}
            Ok(_) => stale.push(format!("docs/{name} is out of date")),
            Err(e) => stale.push(format!("docs/{name} cannot be read: {e}")),
        }
    }
    // A document whose format file is gone goes too.
    for entry in std::fs::read_dir(docs()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let is_reference = name.starts_with("format-") && name.ends_with(".md");
        if is_reference && !generated.iter().any(|(g, _)| *g == name) {
            if bless {
                std::fs::remove_file(docs().join(&name)).unwrap();
            } else {
                stale.push(format!("docs/{name} has no format file in assets/formats/"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nThe format reference is generated from assets/formats/*.ron. Rewrite it with\n    \
         NIANBAO_BLESS=1 cargo test --test format_reference\nand commit docs/.",
        stale.join("\n")
    );
}

#[test]
fn the_reference_lists_every_cell_and_rule_with_its_source() {
    for (name, text) in reference::references(format::builtin_sources()).unwrap() {
        let id = name
            .strip_prefix("format-")
            .and_then(|n| n.strip_suffix(".md"))
            .unwrap();
        let format = format::by_id(id).unwrap();
        for cell in &format.cells {
            assert!(
                text.contains(&format!("`{}`", cell.id)),
                "{name}: {}",
                cell.id
            );
        }
        for rule in &format.rules {
            assert!(!rule.source.is_empty(), "{name}: {} has no source", rule.id);
            assert!(
                text.contains(&format!("### {}\n", rule.id)),
                "{name}: {}",
                rule.id
            );
            assert!(text.contains(&rule.source), "{name}: {}", rule.id);
        }
    }
}
