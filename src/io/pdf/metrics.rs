//! Stage 1, measure: the faces of a report and the advance of every character, read from the
//! parsed font (`hmtx` advance ÷ `units_per_em`) and cached.

use std::cell::RefCell;
use std::collections::HashMap;

use printpdf::ParsedFont;

use crate::io::fonts::FontRole;

/// Index of a face in a [`FontBook`].
pub type FontKey = usize;

/// One parsed face and its advance cache.
pub struct Face {
    /// The parsed font, embedded (subset) by printpdf.
    pub parsed: ParsedFont,
    /// Resource name and subset tag in the PDF (six capital letters).
    pub tag: String,
    /// What the clerk is told about it (“仿宋（C:\\Windows\\Fonts\\simfang.ttf）”).
    pub description: String,
    units_per_em: f32,
    /// Advance in em by character; `None` if the face has no glyph for it.
    advances: RefCell<HashMap<char, Option<f32>>>,
}

impl Face {
    /// Parses `bytes` (face 0); `None` if they are not a font with a Unicode cmap.
    pub fn parse(bytes: &[u8], tag: &str, description: String) -> Option<Face> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        Some(Face {
            parsed,
            tag: tag.to_owned(),
            description,
            units_per_em,
            advances: RefCell::new(HashMap::new()),
        })
    }

    /// The advance of `ch` in em, `None` if the face lacks it.
    pub fn advance_em(&self, ch: char) -> Option<f32> {
        if let Some(&known) = self.advances.borrow().get(&ch) {
            return known;
        }
        let advance = self
            .parsed
            .lookup_glyph_index(u32::from(ch))
            .filter(|&gid| gid != 0)
            .map(|gid| f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em);
        self.advances.borrow_mut().insert(ch, advance);
        advance
    }

    /// Whether the face draws `ch` (spaces count as drawn).
    pub fn has(&self, ch: char) -> bool {
        ch.is_whitespace() || self.advance_em(ch).is_some()
    }
}

/// The faces of one export: per role, the official face if found and the bundled one behind it
/// for characters the official face lacks (仿宋_GB2312 has no 堃, 喆, 镕…).
pub struct FontBook {
    /// Every face, indexed by [`FontKey`].
    pub faces: Vec<Face>,
    /// Per role (in [`FontRole::ALL`] order): the preferred face, then the bundled fallback.
    chains: Vec<(FontRole, Vec<FontKey>)>,
}

impl FontBook {
    /// Bundled faces only.
    pub fn bundled() -> Option<FontBook> {
        FontBook::build(|_| None)
    }

    /// Builds the book; `system(role)` gives the official face's bytes and description if the
    /// machine has it.
    pub fn build(mut system: impl FnMut(FontRole) -> Option<Face>) -> Option<FontBook> {
        let mut faces: Vec<Face> = Vec::new();
        let mut chains = Vec::new();
        for role in FontRole::ALL {
            let mut chain = Vec::new();
            if let Some(face) = system(role) {
                chain.push(faces.len());
                faces.push(face);
            }
            let bundled_tag = bundled_tag(role);
            let existing = faces.iter().position(|f| f.tag == bundled_tag);
            let key = match existing {
                Some(k) => k,
                None => {
                    let face = Face::parse(
                        role.bundled(),
                        bundled_tag,
                        format!("内置 {}", role.bundled_name()),
                    )?;
                    faces.push(face);
                    faces.len() - 1
                }
            };
            chain.push(key);
            chains.push((role, chain));
        }
        Some(FontBook { faces, chains })
    }

    /// The face that draws `ch` in `role`: the first of the chain that has it (the bundled one
    /// if none does, which then shows its missing-glyph box).
    pub fn pick(&self, role: FontRole, ch: char) -> FontKey {
        let chain = self
            .chains
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(&[][..], |(_, c)| c.as_slice());
        chain
            .iter()
            .copied()
            .find(|&k| self.faces.get(k).is_some_and(|f| f.has(ch)))
            .or_else(|| chain.last().copied())
            .unwrap_or(0)
    }

    /// Advance of `ch` in `key` at `size` pt. A character missing from the face counts one em
    /// (the width of its missing-glyph box); spaces without a glyph count a quarter em.
    pub fn advance(&self, key: FontKey, ch: char, size: f32) -> f32 {
        let em = self
            .faces
            .get(key)
            .and_then(|f| f.advance_em(ch))
            .unwrap_or(if ch.is_whitespace() { 0.25 } else { 1.0 });
        em * size
    }

    /// Width of `text` in `role` at `size` pt.
    pub fn width(&self, role: FontRole, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.pick(role, c), c, size))
            .sum()
    }

    /// The face chosen for `role` (the official one if found) and how it is described.
    pub fn primary(&self, role: FontRole) -> Option<&Face> {
        let (_, chain) = self.chains.iter().find(|(r, _)| *r == role)?;
        self.faces.get(*chain.first()?)
    }
}

/// Resource name of a bundled face: the same tag whichever role uses it, so a face is embedded
/// once.
fn bundled_tag(role: FontRole) -> &'static str {
    match role {
        FontRole::Title => "NBSRBD",
        FontRole::Heading => "NBSANS",
        FontRole::SubHeading => "NBKAII",
        FontRole::Body => "NBSERF",
    }
}

/// Resource name of the official face for `role`.
pub fn system_tag(role: FontRole) -> &'static str {
    match role {
        FontRole::Title => "XBSONG",
        FontRole::Heading => "HEITII",
        FontRole::SubHeading => "KAITII",
        FontRole::Body => "FANGSG",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_one_em_and_digits_narrower() {
        let book = FontBook::bundled().unwrap();
        let body = book.pick(FontRole::Body, '政');
        assert!((book.advance(body, '政', 16.0) - 16.0).abs() < 0.01);
        let digit = book.advance(book.pick(FontRole::Body, '2'), '2', 16.0);
        assert!(digit > 4.0 && digit < 12.0, "{digit}");
        assert!((book.width(FontRole::Heading, "一、总体情况", 10.0) - 60.0).abs() < 0.5);
    }

    #[test]
    fn a_character_missing_from_the_official_face_falls_back_to_the_bundled_one() {
        // A "system" body face that is really the Kai subset, to have two different faces.
        let book = FontBook::build(|role| {
            (role == FontRole::Body)
                .then(|| Face::parse(crate::io::fonts::KAI, "FANGSG", "测试".into()))
                .flatten()
        })
        .unwrap();
        let primary = book.pick(FontRole::Body, '政');
        assert_eq!(book.faces[primary].tag, "FANGSG");
        // U+4DC0 (a hexagram) is in neither face: falls to the last of the chain, the bundled one.
        let missing = book.pick(FontRole::Body, '\u{4DC0}');
        assert_eq!(book.faces[missing].tag, "NBSERF");
        assert_eq!(book.primary(FontRole::Body).unwrap().description, "测试");
    }
}
