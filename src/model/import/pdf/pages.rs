//! Loads a PDF (lopdf, with caps) and gives back each page as the reader sees it: glyphs and
//! rules in display coordinates (points, origin at the top left, y down, the page's `/Rotate`
//! applied), and how much of the page images cover.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::content::{Drawn, Interpreter, Limits, RawGlyph};
use super::objects::{self, Budget};

/// Every stream of a document may decompress to this much in all.
const MAX_DECODED_TOTAL: usize = 256 << 20;
/// One stream may decompress to this much.
const MAX_DECODED_STREAM: usize = 32 << 20;
/// Objects in one file.
const MAX_OBJECTS: usize = 1_000_000;
/// Pages read; a report has a dozen.
pub const MAX_PAGES: usize = 300;
/// Operators run in all (a page of LibreOffice's print of a report runs 1 000–1 300; on 20 MB
/// of ruling lines 20 million took 1.3 s, 5 million 0.6 s: `benches/pdf_import.rs`).
const MAX_OPERATORS: usize = 5_000_000;
/// Glyphs kept in all.
const MAX_GLYPHS: usize = 2_000_000;
/// Page-tree depth.
const MAX_TREE_DEPTH: usize = 64;

/// A glyph on a page, in display coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Its text.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge (left edge plus advance).
    pub x1: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Font size as drawn.
    pub size: f64,
}

/// A ruling line on a page, in display coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Horizontal (else vertical).
    pub horizontal: bool,
    /// Its y (horizontal) or x (vertical).
    pub at: f64,
    /// Where it starts along its length.
    pub from: f64,
    /// Where it ends.
    pub to: f64,
}

/// One page as the layout reads it.
#[derive(Debug, Default)]
pub struct Page {
    /// Display height.
    pub height: f64,
    /// Horizontal glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines.
    pub rules: Vec<Rule>,
    /// The share of the page that images cover (0–1).
    pub image_cover: f64,
    /// Glyphs drawn invisibly (a scan's OCR layer).
    pub invisible: usize,
    /// Glyphs not running left to right (rotated stamps, vertical text): left out.
    pub rotated: usize,
}

/// A PDF read into pages.
#[derive(Debug, Default)]
pub struct Pdf {
    /// The pages (at most [`MAX_PAGES`]).
    pub pages: Vec<Page>,
    /// Pages in the file.
    pub page_count: usize,
    /// Whether a cap cut the reading short (pages, glyphs, operators, stream sizes).
    pub cut: bool,
    /// The document's `/Title`, if any.
    pub title: Option<String>,
}

/// Why a PDF could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// No `%PDF-` header.
    NotPdf,
    /// Protected by a password we do not have.
    Encrypted,
    /// The file structure is broken (lopdf's reason).
    Damaged(String),
    /// Too many objects to be a report.
    TooManyObjects(usize),
    /// No pages.
    NoPages,
}

/// Reads the pages of a PDF.
pub fn load(bytes: &[u8]) -> Result<Pdf, LoadError> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(LoadError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECODED_STREAM),
        ..LoadOptions::default()
    };
    // lopdf is a third-party parser fed hostile bytes: a panic inside it must not take the
    // editor down with it, so it becomes a "damaged file" answer.
    let loaded = std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, options));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword)) => {
            return Err(LoadError::Encrypted);
        }
        Ok(Err(e)) => return Err(LoadError::Damaged(e.to_string())),
        Err(_) => return Err(LoadError::Damaged("parser failure".to_owned())),
    };
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(LoadError::Encrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(LoadError::TooManyObjects(doc.objects.len()));
    }
    let leaves = page_leaves(&doc);
    if leaves.is_empty() {
        return Err(LoadError::NoPages);
    }
    let mut pdf = Pdf {
        page_count: leaves.len(),
        cut: leaves.len() > MAX_PAGES,
        title: info_title(&doc),
        ..Pdf::default()
    };
    let mut interpreter = Interpreter::new(
        &doc,
        Budget::new(MAX_DECODED_TOTAL, MAX_DECODED_STREAM),
        Limits {
            operators: MAX_OPERATORS,
            glyphs: MAX_GLYPHS,
            cut: false,
        },
    );
    for leaf in leaves.iter().take(MAX_PAGES) {
        // With the glyph or operator budget spent, later pages can add nothing: reading on
        // would only spend time (a 20 MB file of text pages took 3.4 s before this).
        if interpreter.limits.glyphs == 0 || interpreter.limits.operators == 0 {
            pdf.cut = true;
            break;
        }
        let streams = content_streams(&doc, &leaf.dict, &mut interpreter.budget);
        let drawn = interpreter.page(&streams, leaf.resources.as_ref());
        pdf.pages.push(leaf.geometry.place(drawn));
    }
    pdf.cut |= interpreter.limits.cut || interpreter.budget.exceeded;
    Ok(pdf)
}

/// A page of the page tree with what it inherits.
struct Leaf {
    dict: Dictionary,
    resources: Option<Dictionary>,
    geometry: Geometry,
}

/// The page tree's leaves in order, each with its inherited resources, box and rotation.
fn page_leaves(doc: &Document) -> Vec<Leaf> {
    let mut out = Vec::new();
    let Some(root) = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| objects::resolve(doc, r))
        .and_then(objects::as_dict)
    else {
        return out;
    };
    let Some(pages) = root.get(b"Pages").ok() else {
        return out;
    };
    #[derive(Clone, Default)]
    struct Inherited {
        resources: Option<Dictionary>,
        media_box: Option<Vec<f64>>,
        crop_box: Option<Vec<f64>>,
        rotate: Option<i64>,
    }
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // Depth-first, children in order: a stack of (node, inherited, depth), pushed in reverse.
    let mut stack: Vec<(&Object, Inherited, usize)> = vec![(pages, Inherited::default(), 0)];
    while let Some((node, inherited, depth)) = stack.pop() {
        if out.len() > MAX_PAGES || depth > MAX_TREE_DEPTH {
            // Counting stops here; one more than the cap says "cut".
            break;
        }
        if let Object::Reference(id) = node
            && !seen.insert(*id)
        {
            continue;
        }
        let Some(dict) = objects::resolve(doc, node).and_then(objects::as_dict) else {
            continue;
        };
        let mut here = inherited;
        if let Some(r) = objects::dict(doc, dict, b"Resources") {
            here.resources = Some(r.clone());
        }
        let boxed = |key: &[u8]| {
            objects::array(doc, dict, key)
                .and_then(|a| objects::numbers(doc, a))
                .filter(|v| v.len() == 4)
        };
        if let Some(b) = boxed(b"MediaBox") {
            here.media_box = Some(b);
        }
        if let Some(b) = boxed(b"CropBox") {
            here.crop_box = Some(b);
        }
        if let Some(r) = objects::number(doc, dict, b"Rotate") {
            here.rotate = Some(r as i64);
        }
        let kind = objects::name(doc, dict, b"Type");
        match objects::array(doc, dict, b"Kids") {
            Some(kids) if kind != Some(b"Page") => {
                for kid in kids.iter().rev() {
                    stack.push((kid, here.clone(), depth + 1));
                }
            }
            // Only a page is a page (a Kids entry pointing at the catalog is not).
            _ if kind.is_some_and(|k| k != b"Page") => {}
            _ => out.push(Leaf {
                dict: dict.clone(),
                resources: here.resources,
                geometry: Geometry::new(
                    here.crop_box.as_deref().or(here.media_box.as_deref()),
                    here.rotate.unwrap_or(0),
                ),
            }),
        }
    }
    out
}

/// The decoded content streams of a page.
fn content_streams(doc: &Document, page: &Dictionary, budget: &mut Budget) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let decode = |obj: &Object, budget: &mut Budget, out: &mut Vec<Vec<u8>>| {
        if let Some(Object::Stream(s)) = objects::resolve(doc, obj)
            && let Some(bytes) = budget.decode(s)
        {
            out.push(bytes);
        }
    };
    match page
        .get(b"Contents")
        .ok()
        .and_then(|o| objects::resolve(doc, o))
    {
        Some(Object::Array(items)) => {
            for item in items.iter().take(10_000) {
                decode(item, budget, &mut out);
            }
        }
        Some(stream @ Object::Stream(_)) => decode(stream, budget, &mut out),
        _ => {}
    }
    out
}

/// The document information's `/Title`, decoded (UTF-16 with a BOM, or PDFDocEncoding).
fn info_title(doc: &Document) -> Option<String> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| objects::resolve(doc, o))
        .and_then(objects::as_dict)?;
    let Some(Object::String(bytes, _)) = objects::get(doc, info, b"Title") else {
        return None;
    };
    let text = match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units = utf16
                .chunks(2)
                .map(|p| match p {
                    [a, b] => u16::from(*a) << 8 | u16::from(*b),
                    _ => 0xfffd,
                })
                .collect::<Vec<u16>>();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// A page's visible box and rotation: how user space maps to display coordinates.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    rotate: i64,
}

impl Geometry {
    fn new(b: Option<&[f64]>, rotate: i64) -> Self {
        let (x0, y0, x1, y1) = match b {
            Some([a, b, c, d]) if (a - c).abs() > 1.0 && (b - d).abs() > 1.0 => {
                (a.min(*c), b.min(*d), a.max(*c), b.max(*d))
            }
            // A4 when the box is missing or degenerate.
            _ => (0.0, 0.0, 595.0, 842.0),
        };
        Geometry {
            x0,
            y0,
            x1,
            y1,
            rotate: rotate.rem_euclid(360) / 90 * 90,
        }
    }

    fn size(&self) -> (f64, f64) {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        if self.rotate % 180 == 0 {
            (w, h)
        } else {
            (h, w)
        }
    }

    fn display(&self, (x, y): (f64, f64)) -> (f64, f64) {
        match self.rotate {
            90 => (y - self.y0, x - self.x0),
            180 => (self.x1 - x, y - self.y0),
            270 => (self.y1 - y, self.x1 - x),
            _ => (x - self.x0, self.y1 - y),
        }
    }

    /// The drawn content in display coordinates, kept to what faces the reader.
    fn place(&self, drawn: Drawn) -> Page {
        let (width, height) = self.size();
        let mut page = Page {
            height,
            ..Page::default()
        };
        let on_page = |x: f64, y: f64| {
            (-1.0..=width + 1.0).contains(&x) && (-1.0..=height + 1.0).contains(&y)
        };
        for RawGlyph {
            text,
            origin,
            end,
            size,
            invisible,
        } in drawn.glyphs
        {
            let (x0, y) = self.display(origin);
            let (x1, y1) = self.display(end);
            let (dx, dy) = (x1 - x0, y1 - y);
            if dx < 0.0 || dy.abs() > 0.2 * dx.max(0.5) {
                page.rotated += 1;
                continue;
            }
            if !on_page(x0, y) || size < 0.5 {
                continue;
            }
            if invisible {
                page.invisible += 1;
            }
            page.glyphs.push(Glyph {
                text,
                x0,
                x1,
                y,
                size,
            });
        }
        for line in drawn.lines {
            let (ax, ay) = self.display(line.from);
            let (bx, by) = self.display(line.to);
            let rule = if (ay - by).abs() <= 1.0 && (ax - bx).abs() >= 2.0 {
                Rule {
                    horizontal: true,
                    at: (ay + by) / 2.0,
                    from: ax.min(bx),
                    to: ax.max(bx),
                }
            } else if (ax - bx).abs() <= 1.0 && (ay - by).abs() >= 2.0 {
                Rule {
                    horizontal: false,
                    at: (ax + bx) / 2.0,
                    from: ay.min(by),
                    to: ay.max(by),
                }
            } else {
                continue;
            };
            page.rules.push(rule);
        }
        let area = (width * height).max(1.0);
        let covered: f64 = drawn
            .images
            .iter()
            .map(|&(ax, ay, bx, by)| {
                let (p, q) = (self.display((ax, ay)), self.display((bx, by)));
                let w = (p.0.max(q.0).min(width) - p.0.min(q.0).max(0.0)).max(0.0);
                let h = (p.1.max(q.1).min(height) - p.1.min(q.1).max(0.0)).max(0.0);
                w * h
            })
            .sum();
        page.image_cover = (covered / area).min(1.0);
        page
    }
}
