//! Stage 1, measure: the faces of a report and the advance of every character, read from the
//! parsed font (`hmtx` advance ÷ `units_per_em`) and cached.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap};

use printpdf::ParsedFont;

use super::pack::Pack;
use super::sfnt::{Metrics, Sfnt};
use crate::io::fonts::{self, Bundled, FontRole};

/// Index of a face in a [`FontBook`].
pub(super) type FontKey = usize;

/// One face, read in place when first needed, and its advance cache.
pub(super) struct Face {
    /// The face's file, read the first time a character is looked up in it.
    file: OnceCell<Option<File>>,
    /// Where a bundled face is read from (unpacked only when a report draws with it: the 楷体
    /// of a report without 二级标题 never is).
    bundled: Option<&'static Bundled>,
    /// Resource name and subset tag in the PDF (six capital letters).
    pub(super) tag: String,
    /// What the clerk is told about it (“仿宋（C:\\Windows\\Fonts\\simfang.ttf）”).
    pub(super) description: String,
    /// Advance in em by character; `None` if the face has no glyph for it.
    advances: RefCell<HashMap<char, Option<f32>>>,
}

/// A face's file, read.
struct File {
    /// The font file (the bundled faces are not copied); a bundled face's has no outlines.
    bytes: Cow<'static, [u8]>,
    /// Where a bundled face's outlines are.
    outlines: Option<&'static Pack<'static>>,
    metrics: Metrics,
    units_per_em: f32,
}

impl File {
    fn read(bytes: Cow<'static, [u8]>, outlines: Option<&'static Pack<'static>>) -> Option<File> {
        let metrics = Metrics::read(&Sfnt::parse(&bytes)?)?;
        Some(File {
            units_per_em: f32::from(metrics.units_per_em.max(1)),
            metrics,
            bytes,
            outlines,
        })
    }
}

impl Face {
    /// Reads `bytes` (face 0); `None` if they are not a font with a Unicode cmap that the PDF
    /// writer takes.
    pub(super) fn parse(
        bytes: impl Into<Cow<'static, [u8]>>,
        tag: &str,
        description: String,
    ) -> Option<Face> {
        let file = File::read(bytes.into(), None)?;
        let face = Face {
            file: OnceCell::from(Some(file)),
            bundled: None,
            tag: tag.to_owned(),
            description,
            advances: RefCell::new(HashMap::new()),
        };
        // A file from the clerk's machine must also be one the PDF writer reads.
        face.embedded(&BTreeSet::new())?;
        Some(face)
    }

    /// A bundled face, read only when first needed: its tables in place, its outlines unpacked
    /// only for the glyphs a report draws.
    pub(super) fn bundled(face: &'static Bundled, tag: &str, description: String) -> Face {
        Face {
            file: OnceCell::new(),
            bundled: Some(face),
            tag: tag.to_owned(),
            description,
            advances: RefCell::new(HashMap::new()),
        }
    }

    /// The file, read now if it has not been; `None` if it cannot be (a damaged installation).
    fn file(&self) -> Option<&File> {
        self.file
            .get_or_init(|| {
                let pack = self.bundled?.pack()?;
                File::read(Cow::Borrowed(&pack.skeleton[..]), Some(pack))
            })
            .as_ref()
    }

    /// Whether the face has been read: one never read has drawn nothing.
    pub(super) fn is_read(&self) -> bool {
        self.file.get().is_some()
    }

    /// Whether the face was needed and could not be read.
    pub(super) fn is_damaged(&self) -> bool {
        self.file.get().is_some_and(Option::is_none)
    }

    /// The face as printpdf embeds it, cut down to the glyphs of `chars` (printpdf subsets it
    /// again, to the same glyphs); a face without TrueType outlines is handed over whole.
    pub(super) fn embedded(&self, chars: &BTreeSet<char>) -> Option<ParsedFont> {
        let file = self.file()?;
        let font = Sfnt::parse(&file.bytes)?;
        let glyphs: BTreeSet<u16> = chars
            .iter()
            .map(|&c| file.metrics.glyph(&file.bytes, c))
            .collect();
        if let Some(pack) = file.outlines {
            let mut reader = pack.reader_for(&fonts::inflate, &glyphs);
            let cut = font.with_glyphs_from(&glyphs, &mut |gid| {
                reader.glyph(gid).map(|b| Cow::Owned(b.to_vec()))
            })?;
            return ParsedFont::from_bytes(&cut, 0, &mut Vec::new());
        }
        match font.with_glyphs_only(&glyphs) {
            Some(cut) => ParsedFont::from_bytes(&cut, 0, &mut Vec::new()),
            None => ParsedFont::from_bytes(&file.bytes, 0, &mut Vec::new()),
        }
    }

    /// The advance of `ch` in em, `None` if the face lacks it.
    pub(super) fn advance_em(&self, ch: char) -> Option<f32> {
        if let Some(&known) = self.advances.borrow().get(&ch) {
            return known;
        }
        let advance = self.file().and_then(|file| {
            let gid = file.metrics.glyph(&file.bytes, ch);
            (gid != 0)
                .then(|| f32::from(file.metrics.advance(&file.bytes, gid)) / file.units_per_em)
        });
        self.advances.borrow_mut().insert(ch, advance);
        advance
    }

    /// Whether the face draws `ch` (spaces count as drawn).
    pub(super) fn has(&self, ch: char) -> bool {
        ch.is_whitespace() || self.advance_em(ch).is_some()
    }
}

/// The faces of one export: per role, the official face if found and the bundled one behind it
/// for characters the official face lacks (仿宋_GB2312 has no 堃, 喆, 镕…); behind those, for a
/// character neither has, every other face of the book (the bundled 楷体 has ‱ the serif
/// lacks, the serif has 〚〛 the 楷体 lacks) and the system faces added with
/// [`FontBook::add_fallback`] (SimSun-ExtB for 𠀀).
pub(super) struct FontBook {
    /// Every face, indexed by [`FontKey`].
    pub(super) faces: Vec<Face>,
    /// Per role (in [`FontRole::ALL`] order): the preferred face, then the bundled fallback.
    chains: Vec<(FontRole, Vec<FontKey>)>,
    /// Faces tried, for any role, for a character the role's chain lacks, in order.
    fallbacks: Vec<FontKey>,
}

impl FontBook {
    /// Bundled faces only.
    #[cfg(test)]
    pub(super) fn bundled() -> FontBook {
        FontBook::build(|_| None)
    }

    /// Builds the book; `system(role)` gives the official face's bytes and description if the
    /// machine has it.
    pub(super) fn build(mut system: impl FnMut(FontRole) -> Option<Face>) -> FontBook {
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
                    let face = Face::bundled(
                        role.bundled(),
                        bundled_tag,
                        format!("内置 {}", role.bundled_name()),
                    );
                    faces.push(face);
                    faces.len() - 1
                }
            };
            chain.push(key);
            chains.push((role, chain));
        }
        // The bundled faces first (serif, 楷体, sans, bold), then the official ones.
        let bundled: Vec<FontKey> = [
            FontRole::Body,
            FontRole::SubHeading,
            FontRole::Heading,
            FontRole::Title,
        ]
        .iter()
        .filter_map(|&r| faces.iter().position(|f| f.tag == bundled_tag(r)))
        .collect();
        let official = (0..faces.len()).filter(|k| !bundled.contains(k));
        let fallbacks = bundled.iter().copied().chain(official).collect();
        FontBook {
            faces,
            chains,
            fallbacks,
        }
    }

    /// Adds a face tried after all others for characters no other face has.
    pub(super) fn add_fallback(&mut self, face: Face) -> FontKey {
        self.faces.push(face);
        let key = self.faces.len() - 1;
        self.fallbacks.push(key);
        key
    }

    /// Whether some face of the book draws `ch`.
    pub(super) fn covers(&self, ch: char) -> bool {
        // The faces read already first, then the others in the order tried for a character a
        // role lacks: a face is not read only to learn that another has the character too.
        let tried = || self.fallbacks.iter().filter_map(|&k| self.faces.get(k));
        tried().any(|f| f.is_read() && f.has(ch)) || tried().any(|f| !f.is_read() && f.has(ch))
    }

    /// A face that was needed and could not be read (a damaged installation).
    pub(super) fn damaged(&self) -> Option<&Face> {
        self.faces.iter().find(|f| f.is_damaged())
    }

    /// The face that draws `ch` in `role`: the first of the role's chain that has it, else the
    /// first fallback that has it (the role's bundled face if none does, which then shows its
    /// missing-glyph box; the export reports such characters).
    pub(super) fn pick(&self, role: FontRole, ch: char) -> FontKey {
        let chain = self
            .chains
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(&[][..], |(_, c)| c.as_slice());
        let has = |k: &FontKey| self.faces.get(*k).is_some_and(|f| f.has(ch));
        chain
            .iter()
            .copied()
            .find(has)
            .or_else(|| self.fallbacks.iter().copied().find(has))
            .or_else(|| chain.last().copied())
            .unwrap_or(0)
    }

    /// Advance of `ch` in `key` at `size` pt. A character missing from the face counts one em
    /// (the width of its missing-glyph box); spaces without a glyph count a quarter em.
    pub(super) fn advance(&self, key: FontKey, ch: char, size: f32) -> f32 {
        let em = self
            .faces
            .get(key)
            .and_then(|f| f.advance_em(ch))
            .unwrap_or(if ch.is_whitespace() { 0.25 } else { 1.0 });
        em * size
    }

    /// Width of `text` in `role` at `size` pt (characters that print nothing count nothing).
    pub(super) fn width(&self, role: FontRole, text: &str, size: f32) -> f32 {
        text.chars()
            .filter(|&c| !super::glyphs::is_invisible(c))
            .map(|c| self.advance(self.pick(role, c), c, size))
            .sum()
    }

    /// The face chosen for `role` (the official one if found) and how it is described.
    pub(super) fn primary(&self, role: FontRole) -> Option<&Face> {
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
pub(super) fn system_tag(role: FontRole) -> &'static str {
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
        let book = FontBook::bundled();
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
                .then(|| Face::parse(fonts::KAI.whole()?.to_vec(), "FANGSG", "测试".into()))
                .flatten()
        });
        let primary = book.pick(FontRole::Body, '政');
        assert_eq!(book.faces[primary].tag, "FANGSG");
        // U+4DC0 (a hexagram) is in neither face: falls to the last of the chain, the bundled one.
        let missing = book.pick(FontRole::Body, '\u{4DC0}');
        assert_eq!(book.faces[missing].tag, "NBSERF");
        assert_eq!(book.primary(FontRole::Body).unwrap().description, "测试");
    }

    #[test]
    fn a_bundled_face_is_read_only_when_something_is_drawn_with_it() {
        let book = FontBook::bundled();
        let read = |tag: &str| book.faces.iter().any(|f| f.tag == tag && f.is_read());
        assert!(book.faces.iter().all(|f| !f.is_read()));
        assert!(book.width(FontRole::Body, "政府信息公开", 16.0) > 90.0);
        assert!(read("NBSERF") && !read("NBKAII") && !read("NBSANS"));
        // Whether some face has a character: the serif read already says so.
        assert!(book.covers('鑫') && book.covers('2') && !read("NBKAII"));
        assert_eq!(
            book.faces[book.pick(FontRole::SubHeading, '政')].tag,
            "NBKAII"
        );
        assert!(read("NBKAII"));
        assert!(book.damaged().is_none());
    }

    #[test]
    fn a_damaged_bundled_face_is_found_out_when_it_is_needed() {
        static DAMAGED: Bundled = Bundled::new(b"NBPK and then nothing a pack holds");
        let mut book = FontBook::bundled();
        let key = book.add_fallback(Face::bundled(&DAMAGED, "NBFBAA", "内置 损坏".into()));
        assert!(book.damaged().is_none());
        // Only the damaged face could have 𠀀: it is read, and found damaged.
        assert!(!book.covers('𠀀'));
        assert!(book.faces[key].is_damaged());
        assert_eq!(book.damaged().map(|f| f.tag.as_str()), Some("NBFBAA"));
    }

    #[test]
    fn a_character_its_role_lacks_comes_from_another_bundled_face() {
        let book = FontBook::bundled();
        let tag = |k: FontKey| book.faces[k].tag.as_str();
        // ‱ is in the bundled 楷体 only; 〚 in all but the 楷体.
        assert_eq!(tag(book.pick(FontRole::Body, '‱')), "NBKAII");
        assert_eq!(tag(book.pick(FontRole::Heading, '‱')), "NBKAII");
        assert_eq!(tag(book.pick(FontRole::SubHeading, '〚')), "NBSERF");
        assert_eq!(tag(book.pick(FontRole::SubHeading, '政')), "NBKAII");
        assert!(book.covers('〚') && book.covers('‱') && book.covers(' '));
        // 𠀀 is in none: the role's own face, its box reported by the export.
        assert!(!book.covers('𠀀'));
        assert_eq!(tag(book.pick(FontRole::Body, '𠀀')), "NBSERF");
    }

    #[test]
    fn a_title_prints_in_the_bold_serif_and_what_it_lacks_in_the_body_serif() {
        let book = FontBook::bundled();
        let tag = |ch: char| book.faces[book.pick(FontRole::Title, ch)].tag.as_str();
        // The bold keeps the place names' characters: an agency's name is drawn in it whole.
        for ch in "郫都区团结街道办事处亳州市濮阳县嵊州市鄞州区婺源县莒县郯城县兖州区崂山区".chars()
        {
            assert_eq!(tag(ch), "NBSRBD", "{ch}");
        }
        // A character of the table's level 2 that names no place: the body serif, not the sans.
        let (bold, body) = (
            book.pick(FontRole::Title, '政'),
            book.pick(FontRole::Body, '政'),
        );
        let lacked: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
            .filter(|&c| !book.faces[bold].has(c) && book.faces[body].has(c))
            .collect();
        assert!(lacked.len() > 1000, "{}", lacked.len());
        assert!(lacked.iter().all(|&c| tag(c) == "NBSERF"));
    }

    #[test]
    fn an_added_fallback_face_draws_what_no_other_face_has() {
        let mut book = FontBook::bundled();
        let bytes = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fonts/fallback-test.ttf"),
        )
        .unwrap();
        let key = book.add_fallback(Face::parse(bytes, "NBFBAA", "测试".into()).unwrap());
        for ch in ['𠀀', '𪚥', '㊣'] {
            assert!(book.covers(ch), "{ch}");
            assert_eq!(book.pick(FontRole::Body, ch), key, "{ch}");
        }
        // The fallback never takes a character the report's faces have (it has a space too).
        assert_ne!(book.pick(FontRole::Body, ' '), key);
        assert_ne!(book.pick(FontRole::Body, '政'), key);
        assert!(!book.covers('😀'));
    }
}
