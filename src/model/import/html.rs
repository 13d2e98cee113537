//! A saved web page cut into prose lines and table rows, with a real HTML parser (`scraper`).
//!
//! Data tables are read into their logical grid (`rowspan`/`colspan` resolved) and given back row
//! by row, each merged cell once, in the position where it starts. Tables that hold other tables
//! or long paragraphs are page layout, and are read as running text. When the page has the
//! section headings, the text after the element that holds them all (the page footer) is left out.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::portal::PortalMeta;
use super::{Block, Known};
use crate::model::lexicon::{self, ARTICLE_FACTS, PAGE_FOOTER, PAGE_NAVIGATION, PAGE_TOOLBAR};

/// A page cut into blocks, with the page's own title.
#[derive(Debug, Default)]
pub struct Page {
    /// Lines and table rows in page order.
    pub blocks: Vec<Block>,
    /// The `<title>` (a fallback when the body has no title line).
    pub title: Option<String>,
    /// What a government portal's metadata table says about the document.
    pub portal: PortalMeta,
}

/// Elements whose text is not part of the report.
const SKIPPED: [&str; 10] = [
    "script", "style", "head", "noscript", "template", "select", "option", "button", "iframe",
    "svg",
];

/// Elements that start a new line.
fn is_block_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
            | "dl"
            | "center"
            | "form"
    )
}

/// Elements whose text may be a section heading on its own.
const HEADING_HOLDERS: [&str; 12] = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "strong", "b", "span", "font",
];

/// Spans beyond these are clamped (a page with colspan="100000" must not eat the memory).
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 256;
/// The logical grid of one table is cut off beyond this many slots.
const MAX_GRID_SLOTS: usize = 200_000;

/// Class or id words of a portal's navigation, footer and page tools (`class="position"`,
/// `id="footer"`, `class="article-tools"`): their elements are not read, unless they hold the
/// report. Words a report's own paragraphs may carry (`bottom`, `right`) are not among them.
const CHROME_CLASSES: [&str; 16] = [
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "crumb",
    "crumbs",
    "position",
    "location",
    "footer",
    "foot",
    "copyright",
    "share",
    "related",
    "toolbar",
    "tools",
    "topbar",
];

/// Elements of a page's navigation and footer.
const CHROME_ELEMENTS: [&str; 2] = ["nav", "footer"];

/// Cuts a page into blocks.
pub fn page(source: &str, known: &dyn Known) -> Page {
    let source = super::nesting::cap_nesting(source);
    let html = Html::parse_document(&source);
    let title = page_title(&html);
    let container = content_container(&html, known);
    let holds_container: std::collections::HashSet<NodeId> = container
        .and_then(|c| html.tree.get(c))
        .map(|c| c.ancestors().map(|a| a.id()).chain([c.id()]).collect())
        .unwrap_or_default();
    let layout = layout_tables(&html);
    let mut out = Lines::default();
    let mut skip_until: Option<NodeId> = None;
    let mut inside_container = container.is_none();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                if Some(node.id()) == container {
                    inside_container = true;
                }
                match node.value() {
                    Node::Text(text) => out.text(text),
                    Node::Element(el) => {
                        let name = el.name();
                        if SKIPPED.contains(&name)
                            || (is_chrome(el) && !holds_container.contains(&node.id()))
                        {
                            out.flush();
                            skip_until = Some(node.id());
                        } else if name == "table"
                            && !layout.contains(&node.id())
                            && let Some(rows) =
                                ElementRef::wrap(node).and_then(|t| data_table(t, known))
                        {
                            out.flush();
                            match PortalMeta::from_rows(&rows) {
                                Some(meta) if out.portal == PortalMeta::default() => {
                                    out.portal = meta;
                                }
                                Some(_) => {}
                                None => out.blocks.extend(rows.into_iter().map(Block::Row)),
                            }
                            skip_until = Some(node.id());
                        } else if is_block_level(name) {
                            out.flush();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                    continue;
                }
                if skip_until.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value()
                    && is_block_level(el.name())
                {
                    out.flush();
                }
                if inside_container && Some(node.id()) == container {
                    break;
                }
            }
        }
    }
    out.flush();
    Page {
        blocks: out.blocks,
        title,
        portal: out.portal,
    }
}

/// Whether a line is a web page's own (a footer's 版权所有, 网站标识码, 【打印本页】…), not the
/// report's: short, with a word of the lexicon's page lists (toolbar, article facts, footer,
/// navigation). Text copied or printed out of a page keeps them too.
pub(super) fn is_page_chrome(line: &str) -> bool {
    lexicon::is_page_chrome(
        line,
        &[
            &PAGE_TOOLBAR,
            &ARTICLE_FACTS,
            &PAGE_FOOTER,
            &PAGE_NAVIGATION,
        ],
    )
}

/// Whether an element is a page's navigation, footer or tools ([`CHROME_CLASSES`]).
fn is_chrome(el: &scraper::node::Element) -> bool {
    CHROME_ELEMENTS.contains(&el.name())
        || ["class", "id"].iter().any(|attr| {
            el.attr(attr).is_some_and(|v| {
                v.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| CHROME_CLASSES.iter().any(|c| word.eq_ignore_ascii_case(c)))
            })
        })
}

#[derive(Default)]
struct Lines {
    blocks: Vec<Block>,
    line: String,
    /// The metadata read from the page (its table, or `发布机构：…` lines).
    portal: PortalMeta,
}

impl Lines {
    fn text(&mut self, text: &str) {
        // Source line breaks inside a paragraph are not line breaks of the page.
        for c in text.chars() {
            if c != '\n' && c != '\r' {
                self.line.push(c);
            }
        }
    }

    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let trimmed = line.trim_matches(crate::model::value::is_space);
        if trimmed.is_empty() {
            return;
        }
        let short = trimmed.chars().count() <= 80;
        if short && self.portal.take_line(trimmed) {
            return;
        }
        if !is_page_chrome(trimmed) {
            self.blocks.push(Block::Text(trimmed.to_owned()));
        }
    }
}

/// The page's title for when the body has no title line: the first `<h1>` naming a report, else
/// the first centred bold line naming one, else the part of `<title>` that names one (without
/// the site's name).
fn page_title(html: &Html) -> Option<String> {
    let names_report = |text: &str| {
        text.contains("报告") && text.chars().count() <= 80 && !super::sections::is_sentence(text)
    };
    let mut h1 = None;
    let mut centred_bold = None;
    let mut title = None;
    for el in html.tree.root().descendants().filter_map(ElementRef::wrap) {
        let name = el.value().name();
        if name == "title" && title.is_none() {
            title = el
                .text()
                .collect::<String>()
                .split(['_', '|', '－', '—'])
                .map(str::trim)
                .find(|part| part.contains("报告"))
                .map(str::to_owned);
        } else if name == "h1" && h1.is_none() || centred_bold.is_none() && is_centred_bold(el) {
            let text = element_line(el);
            if names_report(&text) {
                if name == "h1" {
                    h1 = Some(text);
                } else {
                    centred_bold = Some(text);
                }
            }
        }
        if h1.is_some() {
            break;
        }
    }
    h1.or(centred_bold).or(title)
}

/// Whether an element is a centred line in bold (`<p align="center"><strong>…`, or styles).
fn is_centred_bold(el: ElementRef) -> bool {
    let style = |e: &ElementRef| {
        e.value()
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace(' ', "")
    };
    if !matches!(
        el.value().name(),
        "p" | "div" | "center" | "h2" | "h3" | "td"
    ) {
        return false;
    }
    let centred = el.value().name() == "center"
        || el
            .value()
            .attr("align")
            .is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || style(&el).contains("text-align:center");
    let bold = |e: &ElementRef| {
        matches!(e.value().name(), "strong" | "b") || {
            let s = style(e);
            s.contains("font-weight:bold") || s.contains("font-weight:700")
        }
    };
    centred
        && el
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|e| bold(&e))
}

/// The text of an element as one line (no source line breaks, spaces trimmed).
fn element_line(el: ElementRef) -> String {
    el.text()
        .flat_map(str::chars)
        .filter(|&c| c != '\n' && c != '\r')
        .collect::<String>()
        .trim_matches(crate::model::value::is_space)
        .to_owned()
}

/// The element holding the first and the last section heading, if the page has two.
///
/// One walk over the page: each heading holder collects its text only until it is too long to
/// be a heading, so deep nesting costs no more than the page's size.
fn content_container(html: &Html, known: &dyn Known) -> Option<NodeId> {
    /// A heading holder being read: its text so far, or `None` once it is too long.
    struct Holder {
        id: NodeId,
        text: Option<String>,
    }
    let mut first: Option<NodeId> = None;
    let mut last: Option<NodeId> = None;
    let mut holders: Vec<Holder> = Vec::new();
    // Indices into `holders` of those still collecting (each receives at most 201 bytes).
    let mut collecting: Vec<usize> = Vec::new();
    let is_holder = |node: &ego_tree::NodeRef<Node>| matches!(node.value(), Node::Element(el) if HEADING_HOLDERS.contains(&el.name()));
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if let Node::Text(text) = node.value() {
                    if text.is_empty() {
                        continue;
                    }
                    collecting.retain(|&ix| {
                        let Some(holder) = holders.get_mut(ix) else {
                            return false;
                        };
                        match &mut holder.text {
                            Some(so_far) if so_far.len() + text.len() <= 200 => {
                                so_far.push_str(text);
                                true
                            }
                            _ => {
                                holder.text = None;
                                false
                            }
                        }
                    });
                } else if is_holder(&node) {
                    collecting.push(holders.len());
                    holders.push(Holder {
                        id: node.id(),
                        text: Some(String::new()),
                    });
                }
            }
            Edge::Close(node) => {
                if !is_holder(&node) {
                    continue;
                }
                let Some(holder) = holders.pop() else {
                    continue;
                };
                if collecting.last() == Some(&holders.len()) {
                    collecting.pop();
                }
                if let Some(text) = holder.text
                    && known.is_heading(text.trim())
                {
                    if first.is_none() {
                        first = Some(holder.id);
                    }
                    last = Some(holder.id);
                }
            }
        }
    }
    let (first, last) = (first?, last?);
    if first == last {
        return None;
    }
    let first_node = html.tree.get(first)?;
    let chain: std::collections::HashSet<NodeId> = first_node.ancestors().map(|a| a.id()).collect();
    let last_node = html.tree.get(last)?;
    last_node
        .ancestors()
        .map(|a| a.id())
        .find(|id| chain.contains(id))
}

/// The tables that hold other tables (page layout), found in one walk.
fn layout_tables(html: &Html) -> std::collections::HashSet<NodeId> {
    let mut layout = std::collections::HashSet::new();
    let mut open: Vec<NodeId> = Vec::new();
    let is_table = |node: &ego_tree::NodeRef<Node>| matches!(node.value(), Node::Element(el) if el.name() == "table");
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) if is_table(&node) => {
                // The enclosing table was marked when this one's parent table opened, and so on
                // outwards: marking the nearest is enough.
                if let Some(&outer) = open.last() {
                    layout.insert(outer);
                }
                open.push(node.id());
            }
            Edge::Close(node) if is_table(&node) => {
                open.pop();
            }
            _ => {}
        }
    }
    layout
}

/// The rows of a table of figures; `None` for page layout (paragraphs in its cells,
/// [`super::is_layout_text`]). Tables that hold other tables are told apart beforehand
/// ([`layout_tables`]), so each cell is read once.
fn data_table(table: ElementRef, known: &dyn Known) -> Option<Vec<Vec<String>>> {
    let rows = table_rows(table);
    let layout = super::is_layout_text(known, rows.iter().flatten().map(String::as_str));
    (!layout).then_some(rows)
}

/// The text of a cell; a line break inside a cell joins (`本年新<br>制作数量`).
fn cell_text(cell: ElementRef) -> String {
    cell.text()
        .flat_map(str::chars)
        .filter(|&c| c != '\n' && c != '\r')
        .collect()
}

/// One slot of the logical grid (of a web page's table, or a Word table's).
#[derive(Clone)]
pub(super) enum Slot {
    /// No cell here.
    Free,
    /// A cell starts here, with its text.
    Start(String),
    /// Covered by a merged cell that starts elsewhere.
    Covered,
}

/// The rows of a table's logical grid: each merged cell once, where it starts; a hole inside a
/// row reads as an empty cell.
fn table_rows(table: ElementRef) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Slot>> = Vec::new();
    let mut slots = 0usize;
    let rows = table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.value().name() == "tr");
    for (r, tr) in rows.enumerate() {
        let cells = tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|el| matches!(el.value().name(), "td" | "th"));
        let mut c = 0usize;
        for cell in cells {
            while grid
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(|s| !matches!(s, Slot::Free))
            {
                c += 1;
            }
            let span = |name: &str, max: usize| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map_or(1, |n| n.clamp(1, max))
            };
            let (rows_spanned, cols_spanned) =
                (span("rowspan", MAX_ROWSPAN), span("colspan", MAX_COLSPAN));
            slots += rows_spanned * cols_spanned;
            if slots > MAX_GRID_SLOTS {
                break;
            }
            for dr in 0..rows_spanned {
                for dc in 0..cols_spanned {
                    let (gr, gc) = (r + dr, c + dc);
                    if grid.len() <= gr {
                        grid.resize(gr + 1, Vec::new());
                    }
                    if let Some(row) = grid.get_mut(gr) {
                        if row.len() <= gc {
                            row.resize(gc + 1, Slot::Free);
                        }
                        if let Some(slot) = row.get_mut(gc) {
                            *slot = if dr == 0 && dc == 0 {
                                Slot::Start(cell_text(cell))
                            } else {
                                Slot::Covered
                            };
                        }
                    }
                }
            }
            c += cols_spanned;
        }
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
    }
    logical_rows(grid)
}

/// The rows of a logical grid: each merged cell once, where it starts; a hole inside a row
/// reads as an empty cell; rows wholly covered are left out.
pub(super) fn logical_rows(grid: Vec<Vec<Slot>>) -> Vec<Vec<String>> {
    grid.into_iter()
        .map(|row| {
            row.into_iter()
                .filter_map(|slot| match slot {
                    Slot::Start(text) => Some(text),
                    Slot::Free => Some(String::new()),
                    Slot::Covered => None,
                })
                .collect::<Vec<String>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}
