//! The bundled fonts (OFL subsets in `fonts/`, see `fonts/README.md`), shared by the GUI and the
//! PDF.

/// 宋体-style serif for the body and the title (Noto Serif CJK SC subset).
pub const SERIF_REGULAR: &[u8] = include_bytes!("../../fonts/NianbaoSerif-Regular.ttf");
/// Bold serif.
pub const SERIF_BOLD: &[u8] = include_bytes!("../../fonts/NianbaoSerif-Bold.ttf");
/// 黑体-style sans for level-1 headings and the whole user interface (Noto Sans CJK SC subset).
pub const SANS: &[u8] = include_bytes!("../../fonts/NianbaoSans-Regular.ttf");
/// 楷体 for level-2 headings (LXGW WenKai subset).
pub const KAI: &[u8] = include_bytes!("../../fonts/NianbaoKai-Regular.ttf");
