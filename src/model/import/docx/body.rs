//! `word/document.xml` read into paragraphs and tables, as Word shows the document with every
//! tracked change accepted: inserted text counts, deleted text does not; runs split mid-word are
//! joined; numbering Word draws ("一、" that is in no run) is put back; tabs, breaks, soft
//! hyphens, field codes, bookmarks and the fallback copies of text boxes are dealt with.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::Numbering;

/// Tables nested deeper than this are skipped (a real report nests one or two).
const MAX_TABLE_NESTING: usize = 8;

/// A piece of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A paragraph: its text (`\n` where Word breaks the line, `\t` for a tab).
    Para(Para),
    /// A table.
    Table(Table),
}

/// A paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// The text, numbering label included.
    pub text: String,
    /// Whether it is centred (its own alignment, else its style's).
    pub centered: bool,
}

/// A table as written: rows of cells with their spans and vertical merges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    pub grid_before: usize,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Merge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a vertical merge (`w:vMerge w:val="restart"`).
    Restart,
    /// Continues the merged cell above (`w:vMerge` without a value).
    Continue,
    /// Continues the cell to its left (old `w:hMerge`).
    ContinueLeft,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Grid columns spanned (`w:gridSpan`).
    pub span: usize,
    /// Vertical merge.
    pub merge: Merge,
    /// What it holds.
    pub content: Vec<Node>,
}

/// The document body.
#[derive(Debug, Default)]
pub struct Body {
    /// Paragraphs and tables in order.
    pub nodes: Vec<Node>,
    /// Tracked insertions and deletions seen.
    pub revisions: usize,
    /// Whether the XML broke off (what came before is kept).
    pub damaged: bool,
}

/// Elements whose content is not part of the accepted text.
const SKIPPED: [&[u8]; 15] = [
    b"del",
    b"moveFrom",
    b"instrText",
    b"delText",
    b"delInstrText",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"tblGridChange",
    b"numberingChange",
    b"tabs",
    b"sectPr",
];

/// Whether a qualified name is WordprocessingML (`w:` or unprefixed).
pub fn is_word(qname: &[u8]) -> bool {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => qname.get(..i) == Some(b"w"),
        None => true,
    }
}

/// The value of the attribute with local name `name`.
pub fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().filter_map(Result::ok).find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(
                    |_| String::from_utf8_lossy(&a.value).into_owned(),
                    std::borrow::Cow::into_owned,
                )
        })
    })
}

/// The element a parser position is in, as far as it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Run,
    Text,
    ParaProps,
    NumProps,
    RowProps,
    CellProps,
    RunProps,
    Other,
}

#[derive(Debug, Default)]
struct ParaBuilder {
    text: String,
    centered: Option<bool>,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<usize>,
    /// Text boxes anchored in the paragraph: read before it.
    before: Vec<Node>,
}

#[derive(Debug)]
enum Frame {
    Root(Vec<Node>),
    TextBox(Vec<Node>),
    Table(Table),
    Row(Row),
    Cell(Cell),
    Para(ParaBuilder),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    TextBox,
    Table,
    Row,
    Cell,
    Para,
}

impl Frame {
    fn kind(&self) -> Option<Kind> {
        match self {
            Frame::Root(_) => None,
            Frame::TextBox(_) => Some(Kind::TextBox),
            Frame::Table(_) => Some(Kind::Table),
            Frame::Row(_) => Some(Kind::Row),
            Frame::Cell(_) => Some(Kind::Cell),
            Frame::Para(_) => Some(Kind::Para),
        }
    }
}

struct Parser<'n> {
    frames: Vec<Frame>,
    tags: Vec<Tag>,
    skip: usize,
    revisions: usize,
    numbering: &'n mut Numbering,
}

/// Reads the body of `document.xml`.
pub fn parse(xml: &str, numbering: &mut Numbering) -> Body {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut p = Parser {
        frames: vec![Frame::Root(Vec::new())],
        tags: Vec::new(),
        skip: 0,
        revisions: 0,
        numbering,
    };
    let mut damaged = false;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Err(_) => {
                damaged = true;
                break;
            }
            Ok(Event::Start(e)) => p.start(&e, false),
            Ok(Event::Empty(e)) => p.start(&e, true),
            Ok(Event::End(e)) => p.end(e.name().as_ref(), e.local_name().as_ref()),
            Ok(Event::Text(t)) => {
                if p.skip == 0 && p.tags.last() == Some(&Tag::Text) {
                    let text = t.decode().unwrap_or_default();
                    p.push_text(&text);
                }
            }
            Ok(Event::CData(t)) => {
                if p.skip == 0 && p.tags.last() == Some(&Tag::Text) {
                    let text = String::from_utf8_lossy(&t).into_owned();
                    p.push_text(&text);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if p.skip == 0 && p.tags.last() == Some(&Tag::Text) {
                    let c = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten()
                    } else {
                        let name: &[u8] = &r;
                        match name {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        }
                    };
                    if let Some(c) = c {
                        p.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
            }
            Ok(_) => {}
        }
    }
    while p.frames.len() > 1 {
        p.pop();
    }
    let nodes = match p.frames.pop() {
        Some(Frame::Root(nodes)) => nodes,
        _ => Vec::new(),
    };
    Body {
        nodes,
        revisions: p.revisions,
        damaged,
    }
}

impl Parser<'_> {
    fn para(&mut self) -> Option<&mut ParaBuilder> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.para() {
            p.text.extend(
                text.chars()
                    .filter(|&c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}')),
            );
        }
    }

    fn parent(&self) -> Option<Tag> {
        self.tags.last().copied()
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let qname = e.name();
        let local = e.local_name();
        let local = local.as_ref();
        let word = is_word(qname.as_ref());
        let is_fallback = qname.as_ref().ends_with(b":Fallback") || qname.as_ref() == b"Fallback";
        if is_fallback || (word && SKIPPED.contains(&local)) {
            if word && matches!(local, b"del" | b"moveFrom") && self.parent() != Some(Tag::RunProps)
            {
                self.revisions += 1;
            }
            if !empty {
                self.skip = 1;
            }
            return;
        }
        let parent = self.parent();
        let mut tag = Tag::Other;
        if word {
            match local {
                b"p" => {
                    if !empty {
                        self.frames.push(Frame::Para(ParaBuilder::default()));
                    }
                }
                b"tbl" => {
                    let depth = self
                        .frames
                        .iter()
                        .filter(|f| matches!(f, Frame::Table(_)))
                        .count();
                    if depth >= MAX_TABLE_NESTING {
                        if !empty {
                            self.skip = 1;
                        }
                        return;
                    }
                    if !empty {
                        self.frames.push(Frame::Table(Table::default()));
                    }
                }
                b"tr" => {
                    if !empty {
                        self.frames.push(Frame::Row(Row::default()));
                    }
                }
                b"tc" => {
                    let cell = Cell {
                        span: 1,
                        merge: Merge::None,
                        content: Vec::new(),
                    };
                    self.frames.push(Frame::Cell(cell));
                    if empty {
                        self.close_until(Kind::Cell);
                    }
                }
                b"txbxContent" => {
                    if !empty {
                        self.frames.push(Frame::TextBox(Vec::new()));
                    }
                }
                b"ins" | b"moveTo" if parent != Some(Tag::RunProps) => self.revisions += 1,
                b"r" => tag = Tag::Run,
                b"t" if parent == Some(Tag::Run) => tag = Tag::Text,
                b"tab" | b"ptab" if parent == Some(Tag::Run) => self.push_text("\t"),
                b"br" | b"cr" if parent == Some(Tag::Run) => self.push_text("\n"),
                b"noBreakHyphen" if parent == Some(Tag::Run) => self.push_text("-"),
                b"pPr" => tag = Tag::ParaProps,
                b"rPr" => tag = Tag::RunProps,
                b"numPr" if parent == Some(Tag::ParaProps) => tag = Tag::NumProps,
                b"trPr" => tag = Tag::RowProps,
                b"tcPr" => tag = Tag::CellProps,
                _ => self.property(e, local, parent),
            }
        }
        if !empty {
            self.tags.push(tag);
        }
    }

    /// A property element (`w:jc`, `w:numId`, `w:gridSpan`…) inside its properties element.
    fn property(&mut self, e: &BytesStart, local: &[u8], parent: Option<Tag>) {
        let number = || attr(e, b"val").and_then(|v| v.trim().parse::<usize>().ok());
        match (parent, local) {
            (Some(Tag::ParaProps), b"jc") => {
                let centered = attr(e, b"val").is_some_and(|v| v == "center");
                if let Some(p) = self.para() {
                    p.centered = Some(centered);
                }
            }
            (Some(Tag::ParaProps), b"pStyle") => {
                let style = attr(e, b"val");
                if let Some(p) = self.para() {
                    p.style = style;
                }
            }
            (Some(Tag::NumProps), b"numId") => {
                let id = number().and_then(|n| u32::try_from(n).ok());
                if let Some(p) = self.para() {
                    p.num_id = id;
                }
            }
            (Some(Tag::NumProps), b"ilvl") => {
                let level = number();
                if let Some(p) = self.para() {
                    p.ilvl = level;
                }
            }
            (Some(Tag::RowProps), b"gridBefore") => {
                let n = number().unwrap_or(0).min(super::MAX_SPAN);
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.grid_before = n;
                }
            }
            (Some(Tag::CellProps), b"gridSpan") => {
                let n = number().unwrap_or(1).clamp(1, super::MAX_SPAN);
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    c.span = n;
                }
            }
            (Some(Tag::CellProps), b"vMerge" | b"hMerge") => {
                let restart = attr(e, b"val").is_some_and(|v| v == "restart");
                let merge = match (local, restart) {
                    (_, true) => Merge::Restart,
                    (b"vMerge", false) => Merge::Continue,
                    _ => Merge::ContinueLeft,
                };
                if let Some(Frame::Cell(c)) = self.frames.last_mut()
                    && !(local == b"hMerge" && restart)
                {
                    c.merge = merge;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, qname: &[u8], local: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        self.tags.pop();
        if !is_word(qname) {
            return;
        }
        match local {
            b"p" => self.close_until(Kind::Para),
            b"tc" => self.close_until(Kind::Cell),
            b"tr" => self.close_until(Kind::Row),
            b"tbl" => self.close_until(Kind::Table),
            b"txbxContent" => self.close_until(Kind::TextBox),
            _ => {}
        }
    }

    /// Closes open frames up to and including the innermost of `kind` (none if there is none).
    fn close_until(&mut self, kind: Kind) {
        if !self.frames.iter().any(|f| f.kind() == Some(kind)) {
            return;
        }
        while let Some(top) = self.frames.last().and_then(Frame::kind) {
            self.pop();
            if top == kind {
                break;
            }
        }
    }

    /// Closes the innermost frame into its parent.
    fn pop(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let mut nodes: Vec<Node> = Vec::new();
        match frame {
            Frame::Root(n) | Frame::TextBox(n) => {
                // A text box's paragraphs go before the paragraph it is anchored in.
                if let Some(Frame::Para(p)) = self.frames.last_mut() {
                    p.before.extend(n);
                    return;
                }
                nodes = n;
            }
            Frame::Para(p) => {
                let (style_num, style_lvl, style_centered) = p
                    .style
                    .as_deref()
                    .map_or((None, None, None), |s| self.numbering.style(s));
                let num_id = p.num_id.or(style_num).filter(|&n| n != 0);
                let label = num_id.and_then(|n| {
                    self.numbering
                        .next_label(n, p.ilvl.or(style_lvl).unwrap_or(0))
                });
                let mut text = label.unwrap_or_default();
                text.push_str(&p.text);
                nodes.extend(p.before);
                nodes.push(Node::Para(Para {
                    text,
                    centered: p.centered.or(style_centered).unwrap_or(false),
                }));
            }
            Frame::Table(t) => nodes.push(Node::Table(t)),
            Frame::Cell(c) => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.cells.push(c);
                }
                return;
            }
            Frame::Row(r) => {
                if let Some(Frame::Table(t)) = self.frames.last_mut() {
                    t.rows.push(r);
                }
                return;
            }
        }
        match self.frames.last_mut() {
            Some(Frame::Root(v) | Frame::TextBox(v)) => v.extend(nodes),
            Some(Frame::Cell(c)) => c.content.extend(nodes),
            Some(Frame::Para(p)) => p.before.extend(nodes),
            // Content directly in a table or row is malformed; it is dropped.
            Some(Frame::Table(_) | Frame::Row(_)) | None => {}
        }
    }
}
