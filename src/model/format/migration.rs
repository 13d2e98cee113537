//! Compiling a migration: the cells a draft of an older format moves to, resolved against both
//! formats, so a typo in a cell id refuses the format file instead of losing a value.

use super::Format;
use super::compiled::{Added, Migration, Move};
use super::def::MigrationDef;

impl Format {
    /// Resolves a migration from `old` into this format: every old cell it names must exist in
    /// `old`, every new cell in this format.
    pub(super) fn compile_migration(
        &self,
        old: &Format,
        def: &MigrationDef,
    ) -> Result<Migration, String> {
        let mut moves: Vec<Move> = Vec::new();
        for mv in &def.moves {
            let mut matched = false;
            for (ix, info) in old.cells.iter().enumerate() {
                let Some(captured) = match_pattern(&mv.from, &info.id) else {
                    continue;
                };
                matched = true;
                let to = match &mv.to {
                    Some(pattern) => {
                        let id = pattern.replace('*', captured.unwrap_or(""));
                        Some(self.cell_index(&id).ok_or_else(|| {
                            format!(
                                "从 {} 迁移：{} 的新单元格 {id} 在本格式中不存在",
                                old.id, info.id
                            )
                        })?)
                    }
                    None => None,
                };
                if moves.iter().any(|m| m.from == ix) {
                    return Err(format!(
                        "从 {} 迁移：单元格 {} 被迁移了两次",
                        old.id, info.id
                    ));
                }
                moves.push(Move {
                    from: ix,
                    to,
                    note: mv.note.clone(),
                });
            }
            if !matched {
                return Err(format!(
                    "从 {} 迁移：旧单元格 {} 在 {} 中不存在",
                    old.id, mv.from, old.id
                ));
            }
        }
        moves.sort_by_key(|m| m.from);
        let added = def
            .added
            .iter()
            .map(|a| {
                let cell = self
                    .cell_index(&a.cell)
                    .ok_or_else(|| format!("从 {} 迁移：新增单元格 {} 不存在", old.id, a.cell))?;
                Ok(Added {
                    cell,
                    note: a.note.clone(),
                })
            })
            .collect::<Result<_, String>>()?;
        let sections: Vec<String> = def.prose.iter().map(|p| p.section.clone()).collect();
        self.known_sections(&sections)
            .map_err(|p| format!("从 {} 迁移：{p}", old.id))?;
        Ok(Migration {
            from: old.id.clone(),
            moves,
            added,
            prose: def.prose.clone(),
        })
    }
}

/// Matches `t3.other_processing.*` against `t3.other_processing.natural`: `Some(Some("natural"))`;
/// an exact pattern gives `Some(None)`.
fn match_pattern<'a>(pattern: &str, id: &'a str) -> Option<Option<&'a str>> {
    match pattern.split_once('*') {
        None => (pattern == id).then_some(None),
        Some((prefix, suffix)) => {
            let middle = id.strip_prefix(prefix)?.strip_suffix(suffix)?;
            (!middle.is_empty() && !middle.contains('.')).then_some(Some(middle))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_one_segment() {
        assert_eq!(
            match_pattern("t3.other_processing.*", "t3.other_processing.natural"),
            Some(Some("natural"))
        );
        assert_eq!(
            match_pattern("t3.other_processing.*", "t3.other_processing"),
            None
        );
        assert_eq!(match_pattern("a.b.c", "a.b.c"), Some(None));
        assert_eq!(match_pattern("a.b.c", "a.b.d"), None);
    }
}
