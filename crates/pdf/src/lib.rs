//! The publication as one PDF: cover, 目录, the narrative's three parts (A4
//! portrait) and the tables 预算01–14 (A4 landscape), drawn from the same
//! table model as the xlsx writer.
//!
//! Layout and writing are separate: `layout` measures glyph advances and
//! produces pages of positioned text runs and ruled cell boxes (all in pt,
//! origin bottom-left); `write` turns that into printpdf operations.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use yusuan_report::table::{Cell, ColumnKind, RowRole, Table};
use yusuan_report::{Publication, Section};

const SERIF_REGULAR: &[u8] = include_bytes!("../../../fonts/NotoSerifCJKsc-Regular.subset.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSerifCJKsc-Bold.subset.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSansCJKsc-Bold.subset.ttf");

/// A4 in pt.
pub const A4_W: f32 = 595.28;
pub const A4_H: f32 = 841.89;

/// The smallest text size used anywhere.
pub const MIN_SIZE: f32 = 7.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Serif,
    SerifBold,
    SansBold,
}

/// A box in pt: x0 < x1, y0 < y1 (origin bottom-left).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxPt {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BoxPt {
    pub fn contains(&self, o: &BoxPt) -> bool {
        const EPS: f32 = 0.01;
        o.x0 >= self.x0 - EPS && o.x1 <= self.x1 + EPS && o.y0 >= self.y0 - EPS && o.y1 <= self.y1 + EPS
    }
}

/// One line of text at a baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub face: Face,
    pub size: f32,
    /// Left end of the baseline.
    pub x: f32,
    pub baseline: f32,
    /// The measured advance width.
    pub width: f32,
    /// The run's box: advance width × (descent … ascent).
    pub bbox: BoxPt,
    /// Index of the cell (in `LayoutPage::cells`) the run belongs to.
    pub cell: Option<usize>,
    /// Drawn in red (the draft mark).
    pub red: bool,
}

impl TextRun {
    /// A run of `text` starting at `x` on `baseline`, measured with `fonts`.
    pub fn new(
        fonts: &Fonts,
        text: String,
        face: Face,
        size: f32,
        x: f32,
        baseline: f32,
        cell: Option<usize>,
    ) -> TextRun {
        let width = fonts.width(face, size, &text);
        let bbox = BoxPt {
            x0: x,
            y0: baseline - DESCENT * size,
            x1: x + width,
            y1: baseline + ASCENT * size,
        };
        TextRun {
            text,
            face,
            size,
            x,
            baseline,
            width,
            bbox,
            cell,
            red: false,
        }
    }
}

/// A ruled cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct CellBox {
    pub bbox: BoxPt,
    pub shaded: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LayoutPage {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
    pub cells: Vec<CellBox>,
}

impl LayoutPage {
    fn new(width: f32, height: f32) -> LayoutPage {
        LayoutPage {
            width,
            height,
            runs: Vec::new(),
            cells: Vec::new(),
        }
    }
    pub fn landscape(&self) -> bool {
        self.width > self.height
    }
    pub fn bbox(&self) -> BoxPt {
        BoxPt {
            x0: 0.0,
            y0: 0.0,
            x1: self.width,
            y1: self.height,
        }
    }
}

/// The most pages a publication may have. A department's 预算 or 决算 has
/// tens of pages; a package that makes thousands (thousands of units or
/// projects, usually a list repeated by mistake) is refused with a message
/// rather than laid out in gigabytes of memory (about 0.3 MB a page).
pub const MAX_PAGES: usize = 2_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub title: String,
    pub author: String,
    pub pages: Vec<LayoutPage>,
    /// (name, 1-based page)
    pub bookmarks: Vec<(String, usize)>,
}

/// Glyph metrics of the three faces.
pub struct Fonts {
    serif: ParsedFont,
    serif_bold: ParsedFont,
    sans_bold: ParsedFont,
    /// Advances already looked up, per face (the layout measures the same
    /// characters many times).
    advances: [std::cell::RefCell<std::collections::HashMap<char, f32>>; 3],
}

/// What can go wrong making a PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// A font compiled into the program does not parse (a build defect).
    #[error("无法读取内置字体{0}")]
    Font(&'static str),
    /// Writing the PDF's bytes failed (memory only: a library defect).
    #[error("无法生成PDF文件（详细信息：{0}）")]
    Write(String),
    /// The publication would have more than [`MAX_PAGES`] pages.
    #[error(
        "公开文件超过{max}页（正常的部门预算、决算只有几十页），没有生成PDF：请检查单位、项目或绩效指标是否有大量重复的行"
    )]
    TooManyPages { max: usize },
}

impl Fonts {
    pub fn load() -> Result<Fonts, PdfError> {
        let parse = |b: &[u8], n: &'static str| {
            let mut f = ParsedFont::from_bytes(b, 0, &mut Vec::new()).ok_or(PdfError::Font(n))?;
            direct_cmap(&mut f);
            Ok(f)
        };
        Ok(Fonts {
            serif: parse(SERIF_REGULAR, "NotoSerifCJKsc-Regular")?,
            serif_bold: parse(SERIF_BOLD, "NotoSerifCJKsc-Bold")?,
            sans_bold: parse(SANS_BOLD, "NotoSansCJKsc-Bold")?,
            advances: Default::default(),
        })
    }
    fn font(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Serif => &self.serif,
            Face::SerifBold => &self.serif_bold,
            Face::SansBold => &self.sans_bold,
        }
    }
    /// Advance of one character in em.
    fn advance(&self, face: Face, c: char) -> f32 {
        let cache = &self.advances[face as usize];
        if let Some(a) = cache.borrow().get(&c) {
            return *a;
        }
        let a = self.advance_uncached(face, c);
        cache.borrow_mut().insert(c, a);
        a
    }
    fn advance_uncached(&self, face: Face, c: char) -> f32 {
        let f = self.font(face);
        let upem = f32::from(f.pdf_font_metrics.units_per_em.max(1));
        match f.lookup_glyph_index(c as u32) {
            Some(g) if g != 0 => f32::from(f.get_horizontal_advance(g)) / upem,
            _ => {
                if c.is_ascii() {
                    0.5
                } else {
                    1.0
                }
            }
        }
    }
    /// Width of a text in pt.
    pub fn width(&self, face: Face, size: f32, s: &str) -> f32 {
        s.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }
}

/// printpdf finds each character's glyph by a linear search of the font's
/// character map (format 4, thousands of segments in a CJK font): 60 % of
/// the time of a text-heavy export, twice per character. The map is replaced
/// by a direct table of the same mappings (format 6, all 65,536 code points
/// of the Basic Multilingual Plane, the only plane a format-4 map has):
/// every lookup gives the same glyph, in constant time.
fn direct_cmap(f: &mut ParsedFont) {
    use allsorts::tables::cmap::owned::CmapSubtable;
    let Some(CmapSubtable::Format4(t)) = &f.cmap_subtable else {
        return;
    };
    let n = t.start_codes.len();
    if [t.end_codes.len(), t.id_deltas.len(), t.id_range_offsets.len()] != [n, n, n] {
        return;
    }
    let mut glyphs = vec![0u16; 0x1_0000];
    for i in 0..n {
        let (start, end) = (u32::from(t.start_codes[i]), u32::from(t.end_codes[i]));
        let (delta, offset) = (i32::from(t.id_deltas[i]), usize::from(t.id_range_offsets[i]));
        for c in start..=end.min(0xFFFF) {
            let g = if offset == 0 {
                (c as i32 + delta).rem_euclid(0x1_0000) as u16
            } else {
                // The glyph array follows the offsets: the offset of
                // segment i counts from its own place in that array.
                let index = (offset / 2 + (c - start) as usize + i).checked_sub(n);
                match index.and_then(|k| t.glyph_id_array.get(k)) {
                    Some(&0) | None => 0,
                    Some(&g) => (i32::from(g) + delta).rem_euclid(0x1_0000) as u16,
                }
            };
            glyphs[c as usize] = g;
        }
    }
    f.cmap_subtable = Some(CmapSubtable::Format6 {
        language: 0,
        first_code: 0,
        glyph_id_array: glyphs,
    });
}

const ASCENT: f32 = 0.88;
const DESCENT: f32 = 0.12;

/// Characters that must not start a line.
fn closing(c: char) -> bool {
    "，。、；：！？）》」』】”’%％,.;:!?)".contains(c)
}
/// Characters that must not end a line.
fn opening(c: char) -> bool {
    "（《「『【“‘(≤≥＜＞<>≦≧±～~".contains(c)
}
/// Units that stay with the number before them (≥400000000元, 200万, 10个).
fn unit(c: char) -> bool {
    "元万亿个家次人名辆台套年月日天户项件篇场所吨亩".contains(c)
}

/// Splits text into unbreakable tokens: CJK characters one by one, ASCII
/// words and numbers whole, closing punctuation glued to what precedes it,
/// opening punctuation to what follows.
fn tokens(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    let mut prev_ascii_word = false;
    let mut after_number = false;
    for c in s.chars() {
        let word = c.is_ascii_alphanumeric() || (prev_ascii_word && ".,-/".contains(c));
        let glue_unit = after_number && unit(c);
        after_number = glue_unit || c.is_ascii_digit() || (after_number && c == '.');
        if let Some(last) = out.last_mut()
            && (glue_next || closing(c) || (word && prev_ascii_word) || glue_unit)
        {
            last.push(c);
        } else {
            out.push(c.to_string());
        }
        glue_next = opening(c);
        prev_ascii_word = word;
    }
    out
}

/// Wraps `s` into lines no wider than `width`; a token wider than a line is
/// broken by characters.
pub fn wrap(fonts: &Fonts, face: Face, size: f32, s: &str, width: f32, indent: f32) -> Vec<String> {
    wrap_with(fonts, face, size, s, width, indent, tokens)
}

/// `wrap` for a header text: breaks only between `header_words` when they fit.
pub fn wrap_header(fonts: &Fonts, face: Face, size: f32, s: &str, width: f32) -> Vec<String> {
    wrap_with(fonts, face, size, s, width, 0.0, header_words)
}

/// `wrap` keeping at most `max_lines` lines (at least one): when the text
/// needs more, the last line kept ends in "…". Stops reading the text there,
/// so its cost is bounded by what is kept, whatever the text's length.
pub fn wrap_max(fonts: &Fonts, face: Face, size: f32, s: &str, width: f32, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines = wrap_with_max(fonts, face, size, s, width, 0.0, tokens, max_lines + 1);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = fit_line(fonts, face, size, &format!("{last}…"), width);
        }
    }
    lines
}

/// `s` on one line of at most `width`: cut, ending in "…", when it is wider.
/// Linear in the length of what is kept.
pub fn fit_line(fonts: &Fonts, face: Face, size: f32, s: &str, width: f32) -> String {
    let first_line = s.split('\n').next().unwrap_or("");
    let cut = first_line.len() < s.len();
    let mut w = 0.0;
    let mut out = String::new();
    let ell = fonts.width(face, size, "…");
    for (i, c) in first_line.char_indices() {
        let cw = fonts.width(face, size, c.encode_utf8(&mut [0; 4]));
        if w + cw > width + 0.001 {
            // Does the rest fit with the mark? Back off until it does.
            while !out.is_empty() && w + ell > width + 0.001 {
                if let Some(last) = out.pop() {
                    w -= fonts.width(face, size, last.encode_utf8(&mut [0; 4]));
                }
            }
            out.push('…');
            return out;
        }
        // Nothing beyond the 10,000th character can fit on a line.
        if i > 40_000 {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    if cut {
        out.push('…');
    }
    out
}

fn wrap_with(
    fonts: &Fonts,
    face: Face,
    size: f32,
    s: &str,
    width: f32,
    indent: f32,
    split: fn(&str) -> Vec<String>,
) -> Vec<String> {
    wrap_with_max(fonts, face, size, s, width, indent, split, usize::MAX)
}

#[allow(clippy::too_many_arguments)]
fn wrap_with_max(
    fonts: &Fonts,
    face: Face,
    size: f32,
    s: &str,
    width: f32,
    indent: f32,
    split: fn(&str) -> Vec<String>,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        if lines.len() >= max_lines {
            break;
        }
        // A paragraph is split in pieces of bounded length, so that a text
        // that stops early never tokenizes more than it needs.
        let (para, cut) = if max_lines == usize::MAX {
            (para, false)
        } else {
            let mut end = max_lines.saturating_mul(400).min(para.len());
            while !para.is_char_boundary(end) {
                end -= 1;
            }
            (&para[..end], end < para.len())
        };
        let mut line = String::new();
        let mut w = indent;
        let mut avail = width;
        for tok in split(para) {
            let tw = fonts.width(face, size, &tok);
            if w + tw <= avail + 0.001 || line.is_empty() && tw <= avail - w + 0.001 {
                line.push_str(&tok);
                w += tw;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
                avail = width;
            }
            if tw <= avail {
                line.push_str(&tok);
                w = tw;
            } else {
                for c in tok.chars() {
                    let cw = fonts.width(face, size, &c.to_string());
                    if w + cw > avail && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        w = 0.0;
                    }
                    line.push(c);
                    w += cw;
                }
            }
        }
        lines.push(line);
        if cut {
            // What was not read is marked as left out.
            lines.push("…".to_string());
        }
    }
    lines
}

// ---------------------------------------------------------------- flow pages (portrait)

const P_MARGIN_X: f32 = 72.0;
const P_TOP: f32 = 72.0;
const P_BOTTOM: f32 = 72.0;
const BODY: f32 = 12.0;
const BODY_LH: f32 = 21.0;

struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<LayoutPage>,
    y: f32,
}

impl<'f> Flow<'f> {
    fn new_page(&mut self) {
        self.pages.push(LayoutPage::new(A4_W, A4_H));
        self.y = A4_H - P_TOP;
    }
    fn page(&mut self) -> &mut LayoutPage {
        self.pages.last_mut().expect("a page")
    }
    fn room(&self) -> f32 {
        self.y - P_BOTTOM
    }
    fn run(&mut self, text: String, face: Face, size: f32, x: f32, baseline: f32) {
        let run = TextRun::new(self.fonts, text, face, size, x, baseline, None);
        self.page().runs.push(run);
    }
    /// A line of text placed at the current position, advancing by `lh`.
    fn line(&mut self, text: String, face: Face, size: f32, lh: f32, align: Align) {
        if self.room() < lh {
            self.new_page();
        }
        let width = self.fonts.width(face, size, &text);
        let x = match align {
            Align::Left(indent) => P_MARGIN_X + indent,
            Align::Center => (A4_W - width) / 2.0,
        };
        let baseline = self.y - (lh - size) / 2.0 - ASCENT * size;
        self.run(text, face, size, x, baseline);
        self.y -= lh;
    }
    fn paragraph(&mut self, text: &str, face: Face, size: f32, lh: f32, indent_first: bool) {
        let width = A4_W - 2.0 * P_MARGIN_X;
        for sub in text.split('\n') {
            let indent = if indent_first { 2.0 * size } else { 0.0 };
            for (i, l) in wrap(self.fonts, face, size, sub, width, indent).into_iter().enumerate() {
                self.line(l, face, size, lh, Align::Left(if i == 0 { indent } else { 0.0 }));
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Align {
    Left(f32),
    Center,
}

// ---------------------------------------------------------------- tables (landscape)

const L_MARGIN: f32 = 36.0;
/// Inner padding of a table cell.
pub const PAD: f32 = 3.0;
/// The width a table may use on its landscape page.
pub const TABLE_WIDTH: f32 = A4_H - 2.0 * L_MARGIN;

/// The tallest a table cell's text may be (pt): less than the room a
/// landscape page leaves below the title and a header, so that every row fits
/// on a page.
const MAX_CELL_HEIGHT: f32 = 250.0;

fn line_height(size: f32) -> f32 {
    size * 1.3
}

/// Words before which a header may break (the last parts of the budget
/// tables' compound headers: 工资福利|支出, 政府性|基金, 财政专户|管理|资金|收入 …).
const HEADER_BREAK_BEFORE: [&str; 33] = [
    "支出", "收入", "经费", "预算", "资金", "基金", "拨款", "经营", "管理", "补助", "上缴", "代码", "名称", "编码",
    "合计", "小计", "总额", "总计", "科目", "分类", "经济", "指标", "目标", "结转", "结余", "运行", "购置", "接待",
    "项目", "家庭", "服务", "转移", "运转",
];

/// Splits a header text into the words that should not be broken: breaks
/// are allowed after punctuation, before an opening bracket and before the
/// words of `HEADER_BREAK_BEFORE`; ASCII runs stay whole.
pub fn header_words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !cur.is_empty() {
            let rest: String = chars[i..].iter().collect();
            let prev = chars[i - 1];
            let brk = (closing(prev) && !closing(c))
                || "”’".contains(prev) && !closing(c)
                || (opening(c) && !opening(prev))
                || (!prev.is_ascii_alphanumeric() || !c.is_ascii_alphanumeric())
                    && !closing(c)
                    && !opening(prev)
                    && HEADER_BREAK_BEFORE.iter().any(|w| rest.starts_with(w))
                    && !HEADER_BREAK_BEFORE.iter().any(|w| {
                        // Do not split inside a listed word (e.g. 经营 in 事业单位经营).
                        let start = i.saturating_sub(w.chars().count() - 1);
                        (start..i).any(|k| chars[k..].iter().collect::<String>().starts_with(w))
                    });
            if brk {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Widths of the table's columns and the text size.
pub struct TableGeom {
    pub size: f32,
    pub widths: Vec<f32>,
}

/// Chooses the text size and the column widths from the content: each column
/// gets at least its widest unbreakable piece (a whole amount or code, a
/// header word, an ASCII/number run of the body) and the rest of the page
/// width is shared by how much each column would need to print its texts on
/// one line (long texts capped), so short values never wrap and long ones
/// wrap at a sensible width.
pub fn table_geometry(fonts: &Fonts, t: &Table, avail: f32) -> TableGeom {
    table_geometry_max(fonts, t, avail, 10.0)
}

fn table_geometry_max(fonts: &Fonts, t: &Table, avail: f32, max_size: f32) -> TableGeom {
    let n = t.columns.len().max(1);
    let merges = Merges::of(t);
    let mut size: f32 = max_size;
    loop {
        let mut hard = vec![2.0 * fonts.width(Face::Serif, size, "中") + 2.0 * PAD; n];
        let mut want = vec![0.0f32; n];
        let mut text_sum = vec![0.0f32; n];
        let mut text_count = vec![0usize; n];
        for h in &t.header {
            if h.cols != 1 || h.col >= n {
                continue;
            }
            let words = header_words(&h.text);
            let longest = words
                .iter()
                .map(|w| fonts.width(Face::SerifBold, size, w))
                .fold(0.0f32, f32::max);
            hard[h.col] = hard[h.col].max(longest + 2.0 * PAD + 0.5);
            // A header reads best on at most two lines.
            let whole = fonts.width(Face::SerifBold, size, &h.text);
            let one_line = matches!(t.columns[h.col].kind, ColumnKind::Text | ColumnKind::LongText);
            let w = if one_line { whole } else { (whole / 2.0).max(longest) };
            want[h.col] = want[h.col].max(w + 2.0 * PAD + 0.5);
        }
        let covered = |r: usize, c: usize| merges.wide.contains(&(r, c));
        for (ri, row) in t.rows.iter().enumerate() {
            let face = if row_bold(row.role) {
                Face::SerifBold
            } else {
                Face::Serif
            };
            for (c, cell) in row.cells.iter().enumerate().take(n) {
                if covered(ri, c) {
                    continue;
                }
                let text = t.display(cell);
                if text.is_empty() {
                    continue;
                }
                let whole = fonts.width(face, size, &text) + 2.0 * PAD + 0.5;
                match cell {
                    Cell::Amount(_) | Cell::Masked(_) | Cell::Code(_) => {
                        hard[c] = hard[c].max(whole);
                        want[c] = want[c].max(whole);
                    }
                    _ => {
                        let longest = text
                            .split('\n')
                            .flat_map(tokens)
                            .filter(|tok| tok.chars().any(|ch| ch.is_ascii_alphanumeric()) || tok.chars().count() > 1)
                            .map(|tok| fonts.width(face, size, &tok))
                            .fold(0.0f32, f32::max);
                        // At least five characters a line, so names do not become columns of single characters.
                        let five = fonts.width(face, size, "中中中中中").min(whole - 2.0 * PAD - 0.5);
                        hard[c] = hard[c].max(longest.min(avail * 0.3).max(five) + 2.0 * PAD + 0.5);
                        want[c] = want[c].max(whole.min(avail * 0.25));
                        text_sum[c] += whole;
                        text_count[c] += 1;
                    }
                }
            }
        }
        for c in 0..n {
            // Columns of long descriptions (their mean text wider than the cap) may take more.
            if text_count[c] > 0 && text_sum[c] / text_count[c] as f32 > avail * 0.25 {
                want[c] = want[c].max(avail * 0.4);
            }
            want[c] = want[c].max(hard[c]);
        }
        let sum_hard: f32 = hard.iter().sum();
        let sum_want: f32 = want.iter().sum();
        // Smaller text when the hard minimums do not fit, or (down to 8pt)
        // when the texts would wrap much.
        if (sum_hard > avail && size > MIN_SIZE) || (sum_want > avail && size > 8.0) {
            size = (size - 0.5).max(MIN_SIZE);
            continue;
        }
        let widths: Vec<f32> = if sum_hard > avail {
            // Even the smallest size does not fit: scale (text then breaks by characters).
            hard.iter().map(|h| h / sum_hard * avail).collect()
        } else if sum_want <= avail {
            // Everything fits on one line: the rest goes to the text columns
            // (other columns at most 2.5 times their need), else to all.
            let is_text = |c: usize| matches!(t.columns[c].kind, ColumnKind::Text | ColumnKind::LongText);
            let mut w = want.clone();
            for c in 0..n {
                if !is_text(c) {
                    w[c] = (want[c] / sum_want * avail).min(want[c] * 2.5);
                }
            }
            let fixed: f32 = (0..n).filter(|&c| !is_text(c)).map(|c| w[c]).sum();
            let text_want: f32 = (0..n).filter(|&c| is_text(c)).map(|c| want[c]).sum();
            if text_want > 0.0 {
                for c in (0..n).filter(|&c| is_text(c)) {
                    w[c] = want[c] / text_want * (avail - fixed);
                }
                w
            } else {
                want.iter().map(|w| w / sum_want * avail).collect()
            }
        } else {
            let k = (avail - sum_hard) / (sum_want - sum_hard);
            (0..n).map(|c| hard[c] + (want[c] - hard[c]) * k).collect()
        };
        return TableGeom { size, widths };
    }
}

fn row_bold(role: RowRole) -> bool {
    matches!(role, RowRole::Total | RowRole::Subtotal | RowRole::Heading)
}

#[derive(Clone, Copy, PartialEq)]
enum HAlign {
    Left,
    Center,
    Right,
}

/// A cell to be placed: its grid span and text.
struct GridCell {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    text: String,
    face: Face,
    align: HAlign,
    shaded: bool,
    header: bool,
}

struct Grid {
    cells: Vec<GridCell>,
    heights: Vec<f32>,
    /// Whether `cells` are in row order, and the most rows a cell spans.
    sorted: bool,
    tallest: usize,
}

impl Grid {
    fn new(cells: Vec<GridCell>, heights: Vec<f32>) -> Grid {
        let sorted = cells.is_sorted_by_key(|c| c.row);
        let tallest = cells.iter().map(|c| c.rows).max().unwrap_or(1);
        Grid {
            cells,
            heights,
            sorted,
            tallest,
        }
    }
}

fn grid_heights(fonts: &Fonts, g: &TableGeom, cells: &[GridCell], nrows: usize) -> (Vec<f32>, Vec<Vec<String>>) {
    let lh = line_height(g.size);
    let min_h = lh + 2.0 * PAD;
    let max_lines = ((MAX_CELL_HEIGHT - 2.0 * PAD) / lh).floor().max(1.0) as usize;
    let mut heights = vec![min_h; nrows];
    let mut wrapped = Vec::with_capacity(cells.len());
    for gc in cells {
        let w: f32 = g.widths[gc.col..gc.col + gc.cols].iter().sum::<f32>() - 2.0 * PAD;
        let lines = if gc.text.is_empty() {
            Vec::new()
        } else if gc.header {
            wrap_header(fonts, gc.face, g.size, &gc.text, w)
        } else {
            // A cell never needs more than a page: longer texts are cut with "…".
            wrap_max(fonts, gc.face, g.size, &gc.text, w, max_lines)
        };
        wrapped.push(lines);
    }
    // Single-row cells first, then spans grow their last row.
    for pass in 0..2 {
        for (gc, lines) in cells.iter().zip(&wrapped) {
            let need = lines.len() as f32 * lh + 2.0 * PAD;
            if pass == 0 && gc.rows == 1 {
                heights[gc.row] = heights[gc.row].max(need);
            } else if pass == 1 && gc.rows > 1 {
                let have: f32 = heights[gc.row..gc.row + gc.rows].iter().sum();
                if need > have {
                    heights[gc.row + gc.rows - 1] += need - have;
                }
            }
        }
    }
    (heights, wrapped)
}

fn header_grid(t: &Table) -> Vec<GridCell> {
    t.header
        .iter()
        .map(|h| GridCell {
            row: h.row,
            col: h.col,
            rows: h.rows,
            cols: h.cols,
            text: h.text.clone(),
            face: Face::SerifBold,
            align: HAlign::Center,
            shaded: true,
            header: true,
        })
        .collect()
}

/// Where a table's merged cells are, looked up in constant time (a scan of
/// the merges per cell made long tables quadratic). Merges are clipped to
/// the table.
struct Merges {
    /// The span of the merge starting at a cell.
    origin: std::collections::HashMap<(usize, usize), (usize, usize)>,
    /// Cells inside a merge, other than its first.
    inside: std::collections::HashSet<(usize, usize)>,
    /// Cells of merges more than one column wide, the first included.
    wide: std::collections::HashSet<(usize, usize)>,
}

impl Merges {
    fn of(t: &Table) -> Merges {
        let mut m = Merges {
            origin: Default::default(),
            inside: Default::default(),
            wide: Default::default(),
        };
        let (nr, nc) = (t.rows.len(), t.columns.len());
        for g in t.merges.iter().filter(|g| g.row < nr && g.col < nc) {
            let rows = g.rows.min(nr - g.row);
            let cols = g.cols.min(nc - g.col);
            m.origin.entry((g.row, g.col)).or_insert((rows, cols));
            for r in g.row..g.row + rows {
                for c in g.col..g.col + cols {
                    if (r, c) != (g.row, g.col) {
                        m.inside.insert((r, c));
                    }
                    if g.cols > 1 {
                        m.wide.insert((r, c));
                    }
                }
            }
        }
        m
    }
}

fn body_grid(t: &Table) -> Vec<GridCell> {
    let merges = Merges::of(t);
    let covered = |r: usize, c: usize| merges.inside.contains(&(r, c));
    let mut out = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        let face = if row_bold(row.role) {
            Face::SerifBold
        } else {
            Face::Serif
        };
        for ci in 0..t.columns.len() {
            if covered(ri, ci) {
                continue;
            }
            let cell = row.cells.get(ci).cloned().unwrap_or(Cell::Empty);
            let (rows, cols) = merges.origin.get(&(ri, ci)).copied().unwrap_or((1, 1));
            let align = match (&cell, t.columns[ci].kind) {
                (Cell::Amount(_) | Cell::Masked(_), _) => HAlign::Right,
                (Cell::Code(_), _) => HAlign::Center,
                (_, ColumnKind::Code) => HAlign::Center,
                _ => HAlign::Left,
            };
            out.push(GridCell {
                row: ri,
                col: ci,
                rows,
                cols,
                text: t.display(&cell),
                face,
                align,
                shaded: row.role == RowRole::Heading,
                header: false,
            });
        }
    }
    out
}

struct TablePager<'f> {
    fonts: &'f Fonts,
    pages: Vec<LayoutPage>,
    y: f32,
}

impl TablePager<'_> {
    fn page(&mut self) -> &mut LayoutPage {
        self.pages.last_mut().expect("a page")
    }
    fn run(&mut self, text: String, face: Face, size: f32, x: f32, baseline: f32, cell: Option<usize>) {
        let run = TextRun::new(self.fonts, text, face, size, x, baseline, cell);
        self.page().runs.push(run);
    }

    /// New landscape page with the title block; returns the y below it.
    fn title_page(&mut self, t: &Table) {
        self.pages.push(LayoutPage::new(A4_H, A4_W));
        let (w, h) = (A4_H, A4_W);
        let right = w - L_MARGIN;
        let mut y = h - 30.0;
        let s = 9.0;
        let lw = self.fonts.width(Face::Serif, s, &t.label);
        self.run(t.label.clone(), Face::Serif, s, right - lw, y - ASCENT * s, None);
        y -= 14.0;
        let ts = 15.0;
        // At most three lines of title, the department and the unit on one line each.
        for l in wrap_max(self.fonts, Face::SansBold, ts, &t.title, w - 2.0 * L_MARGIN, 3) {
            let tw = self.fonts.width(Face::SansBold, ts, &l);
            self.run(l, Face::SansBold, ts, (w - tw) / 2.0, y - ASCENT * ts, None);
            y -= ts * 1.4;
        }
        y -= 4.0;
        let department = fit_line(self.fonts, Face::Serif, s, &t.department, (w - 2.0 * L_MARGIN) * 0.6);
        self.run(department, Face::Serif, s, L_MARGIN, y - ASCENT * s, None);
        let unit_line = fit_line(self.fonts, Face::Serif, s, &t.unit_line, (w - 2.0 * L_MARGIN) * 0.35);
        let uw = self.fonts.width(Face::Serif, s, &unit_line);
        self.run(unit_line, Face::Serif, s, right - uw, y - ASCENT * s, None);
        y -= s * 1.6;
        self.y = y;
    }

    /// Places grid rows `from..to` of `grid` at the current y. `lines_done`
    /// counts, per cell, the wrapped lines already placed on earlier pages.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        g: &TableGeom,
        grid: &Grid,
        wrapped: &[Vec<String>],
        lines_done: &mut [usize],
        from: usize,
        to: usize,
    ) {
        let lh = line_height(g.size);
        let mut xs = vec![L_MARGIN];
        for w in &g.widths {
            let last = *xs.last().unwrap_or(&L_MARGIN);
            xs.push(last + w);
        }
        let mut ys = vec![self.y];
        for h in &grid.heights[from..to] {
            let last = *ys.last().unwrap_or(&self.y);
            ys.push(last - h);
        }
        // Only the cells that reach rows from..to (cells are in row order; a
        // merged cell may start up to its height above `from`): a walk of
        // every cell per page made long tables quadratic.
        let cells = &grid.cells;
        let (lo, hi) = if grid.sorted {
            let first_row = from.saturating_sub(grid.tallest.saturating_sub(1));
            (
                cells.partition_point(|c| c.row < first_row),
                cells.partition_point(|c| c.row < to),
            )
        } else {
            (0, cells.len())
        };
        for (i, gc) in cells.iter().enumerate().take(hi).skip(lo) {
            let (r0, r1) = (gc.row.max(from), (gc.row + gc.rows).min(to));
            if r0 >= r1 {
                continue;
            }
            let bbox = BoxPt {
                x0: xs[gc.col],
                x1: xs[gc.col + gc.cols],
                y1: ys[r0 - from],
                y0: ys[r1 - from],
            };
            let idx = self.page().cells.len();
            self.page().cells.push(CellBox {
                bbox,
                shaded: gc.shaded,
            });
            let lines = &wrapped[i];
            let left = lines.len() - lines_done[i].min(lines.len());
            if left == 0 {
                continue;
            }
            let fit = (((bbox.y1 - bbox.y0 - 2.0 * PAD) / lh + 0.001).floor().max(0.0) as usize).min(left);
            let start = lines_done[i];
            let block = fit as f32 * lh;
            let top = if (gc.row + gc.rows) <= to && gc.row >= from {
                // Whole cell on this page: centre vertically.
                bbox.y1 - ((bbox.y1 - bbox.y0) - block) / 2.0
            } else {
                bbox.y1 - PAD
            };
            for (k, l) in lines[start..start + fit].iter().enumerate() {
                let w = self.fonts.width(gc.face, g.size, l);
                let x = match gc.align {
                    HAlign::Left => bbox.x0 + PAD,
                    HAlign::Center => (bbox.x0 + bbox.x1 - w) / 2.0,
                    HAlign::Right => bbox.x1 - PAD - w,
                };
                let baseline = top - k as f32 * lh - (lh - g.size) / 2.0 - ASCENT * g.size;
                self.run(l.clone(), gc.face, g.size, x, baseline, Some(idx));
            }
            lines_done[i] += fit;
        }
        self.y = *ys.last().unwrap_or(&self.y);
    }
}

fn layout_table(fonts: &Fonts, t: &Table, pages: &mut Vec<LayoutPage>) {
    let avail_w = TABLE_WIDTH;
    let bottom = 40.0;
    let mut g = table_geometry(fonts, t, avail_w);
    let hcells = header_grid(t);
    let bcells = body_grid(t);
    // A table that just misses one page gets smaller text (down to 7.5pt) to fit on it.
    let fresh_top = {
        let mut d = TablePager {
            fonts,
            pages: Vec::new(),
            y: 0.0,
        };
        d.title_page(t);
        d.y
    };
    let one_page = fresh_top - bottom - if t.note.is_some() { 30.0 } else { 0.0 };
    let height = |g: &TableGeom| {
        grid_heights(fonts, g, &hcells, t.header_rows).0.iter().sum::<f32>()
            + grid_heights(fonts, g, &bcells, t.rows.len()).0.iter().sum::<f32>()
    };
    let h0 = height(&g);
    if h0 > one_page && h0 < one_page * 1.4 {
        let mut s = g.size - 0.5;
        while s >= 7.5 {
            let g2 = table_geometry_max(fonts, t, avail_w, s);
            if height(&g2) <= one_page {
                g = g2;
                break;
            }
            s -= 0.5;
        }
    }
    let (hh, hwrapped) = grid_heights(fonts, &g, &hcells, t.header_rows);
    let header = Grid::new(hcells, hh);
    let (bh, bwrapped) = grid_heights(fonts, &g, &bcells, t.rows.len());
    let body = Grid::new(bcells, bh);
    let mut body_done = vec![0usize; body.cells.len()];
    // A break before row `e` is clean when no merged cell spans across it.
    // In 预算12 a project's indicator rows follow its first row with the code
    // column empty: keep them with it too.
    let continues = |e: usize| {
        t.number == 12 && e < t.rows.len() && t.rows[e].cells.first().is_none_or(|c| t.display(c).trim().is_empty())
    };
    // A page should not break inside a merged cell (a must when the group fits
    // on a page), nor right after a unit row or a heading (when that wastes
    // little room).
    // Whether a merged cell spans across each boundary, counted once (a scan
    // of the cells per boundary made long tables quadratic).
    let crossing = {
        let mut diff = vec![0i64; t.rows.len() + 2];
        for gc in body.cells.iter().filter(|gc| gc.rows > 1) {
            diff[(gc.row + 1).min(t.rows.len() + 1)] += 1;
            diff[(gc.row + gc.rows).min(t.rows.len() + 1)] -= 1;
        }
        let mut open = 0i64;
        diff.iter()
            .map(|d| {
                open += d;
                open > 0
            })
            .collect::<Vec<bool>>()
    };
    let merge_clean = |e: usize| !crossing.get(e).copied().unwrap_or(false);
    let soft_clean = |e: usize| {
        let after_heading =
            e > 0 && e < t.rows.len() && matches!(t.rows[e - 1].role, RowRole::Subtotal | RowRole::Heading);
        !continues(e) && !after_heading
    };
    let clean = |e: usize| soft_clean(e) && merge_clean(e);
    let mut p = TablePager {
        fonts,
        pages: Vec::new(),
        y: 0.0,
    };
    let mut r = 0;
    let nrows = t.rows.len();
    let start_page = |p: &mut TablePager| {
        p.title_page(t);
        let mut done = vec![0usize; header.cells.len()];
        p.place(&g, &header, &hwrapped, &mut done, 0, t.header_rows);
    };
    start_page(&mut p);
    let fresh_room = p.y - bottom;
    while r < nrows {
        // Take rows while they fit; keep merge groups together when they fit on a page.
        let mut end = r;
        let mut used = 0.0;
        let room = p.y - bottom;
        while end < nrows && used + body.heights[end] <= room {
            used += body.heights[end];
            end += 1;
        }
        if end < nrows && end > r && !clean(end) {
            // Back off to a clean break when the merged group then fits on a fresh page.
            let mut e = end;
            while e > r && !clean(e) {
                e -= 1;
            }
            let mut g_end = end;
            while g_end < nrows && !clean(g_end) {
                g_end += 1;
            }
            let group: f32 = body.heights[e..g_end].iter().sum();
            let waste: f32 = body.heights[e..end].iter().sum::<f32>() + (room - used);
            if e > r && group <= fresh_room && (!merge_clean(end) || waste <= 0.35 * fresh_room) {
                end = e;
            }
        }
        if end < nrows && nrows - end < 3 && end - r > 6 {
            // No page with only one or two rows: carry a few over (at a clean break).
            let mut e = nrows - 3;
            while e > r && !clean(e) {
                e -= 1;
            }
            if e > r {
                end = e;
            }
        }
        // The page is fresh here (every placement is followed by a new
        // page): it takes the next row whatever its height, so the loop
        // always advances. (Rows are at most MAX_CELL_HEIGHT tall.)
        if end == r {
            // A single row taller than a page: place it anyway, split across pages.
            end = r + 1;
        }
        p.place(&g, &body, &bwrapped, &mut body_done, r, end);
        r = end;
        if pages.len() + p.pages.len() > MAX_PAGES {
            // Over the limit: the writer refuses the publication.
            break;
        }
        if r < nrows {
            start_page(&mut p);
        }
    }
    if let Some(note) = &t.note {
        let s = g.size.max(9.0);
        let lines = wrap(fonts, Face::Serif, s, note, avail_w, 0.0);
        let lh = s * 1.5;
        let mut y = p.y - 6.0;
        for l in lines {
            if y - lh < bottom {
                start_page(&mut p);
                y = p.y - 6.0;
            }
            p.run(l, Face::Serif, s, L_MARGIN, y - (lh - s) / 2.0 - ASCENT * s, None);
            y -= lh;
        }
        p.y = y;
    }
    pages.extend(p.pages);
}

// ---------------------------------------------------------------- the document

/// Lays the publication out.
pub fn layout(p: &Publication, fonts: &Fonts) -> Layout {
    layout_draft(p, fonts, None)
}

/// Lays the publication out; `draft` (e.g. [`yusuan_report::DRAFT_MARK`]) is printed in red
/// at the bottom right of every page, beside the page number.
pub fn layout_draft(p: &Publication, fonts: &Fonts, draft: Option<&str>) -> Layout {
    let mut l = layout_clean(p, fonts);
    if let Some(mark) = draft.filter(|m| !m.trim().is_empty()) {
        for page in &mut l.pages {
            let s = 9.0;
            let w = fonts.width(Face::SansBold, s, mark);
            let x = (page.width - L_MARGIN - w).max(0.0);
            let run = TextRun::new(fonts, mark.to_string(), Face::SansBold, s, x, 20.0, None);
            page.runs.push(TextRun { red: true, ..run });
        }
    }
    l
}

fn layout_clean(p: &Publication, fonts: &Fonts) -> Layout {
    // Pass 1 with placeholder page numbers, pass 2 with the real ones (the 目录 is one page).
    let (first, toc) = layout_with(p, fonts, &[]);
    if first.len() > MAX_PAGES {
        // Refused by the writer: the second pass would only take as long again.
        return Layout {
            title: p.title.clone(),
            author: p.issuer.clone(),
            pages: first,
            bookmarks: Vec::new(),
        };
    }
    let numbers: Vec<usize> = toc.iter().map(|m| m.1).collect();
    let (pages, toc) = layout_with(p, fonts, &numbers);
    // Bookmarks: the parts, the tables' sections printed on a page of their
    // own, and the tables (not the parts' sections nor a 附件 entry that
    // shares its first table's page).
    let bookmarks = toc
        .into_iter()
        .filter(|(n, _)| {
            p.sections.iter().any(|s| match s {
                Section::Part { part, .. } => &part.title == n,
                Section::Tables { title, divider, .. } => *divider && title == n,
            }) || p.tables().any(|t| toc_entry(t) == *n)
        })
        .collect();
    Layout {
        title: p.title.clone(),
        author: p.issuer.clone(),
        pages,
        bookmarks,
    }
}

/// A heading listed in the 目录 under its part: a first-level one (`一、…`),
/// not a sub-heading (`（一）…`).
fn toc_heading(heading: &str) -> bool {
    !heading.is_empty() && !heading.starts_with('（')
}

impl Flow<'_> {
    /// A part's title, from the top of the page: `第N部分` on its own line
    /// above the rest, as published.
    fn part_title(&mut self, title: &str) {
        let (num, rest) = title.split_once(' ').unwrap_or(("", title));
        if !num.is_empty() {
            self.line(num.to_string(), Face::SansBold, 18.0, 32.0, Align::Center);
        }
        for l in wrap_max(self.fonts, Face::SansBold, 16.0, rest, A4_W - 2.0 * P_MARGIN_X, 4) {
            self.line(l, Face::SansBold, 16.0, 30.0, Align::Center);
        }
        self.y -= 8.0;
    }
}

fn layout_with(p: &Publication, fonts: &Fonts, toc_pages: &[usize]) -> (Vec<LayoutPage>, Vec<(String, usize)>) {
    let mut flow = Flow {
        fonts,
        pages: Vec::new(),
        y: 0.0,
    };
    let mut marks: Vec<(String, usize)> = Vec::new();
    // Cover: the title, the department as the issuer, the date line.
    flow.new_page();
    let cover_w = A4_W - 2.0 * P_MARGIN_X;
    flow.y = A4_H * 0.64;
    // A title line too wide at 32 pt (a long department's name) is set
    // smaller, down to 24 pt, rather than broken inside a word.
    let mut size = 32.0;
    while size > 24.0
        && p.cover_title
            .split('\n')
            .any(|l| fonts.width(Face::SansBold, size, l) > cover_w)
    {
        size -= 2.0;
    }
    for l in wrap_max(fonts, Face::SansBold, size, &p.cover_title, cover_w, 4) {
        flow.line(l, Face::SansBold, size, 48.0, Align::Center);
    }
    flow.y = A4_H * 0.30;
    if p.cover_issuer {
        for l in wrap_max(fonts, Face::SansBold, 18.0, &p.issuer, cover_w, 4) {
            flow.line(l, Face::SansBold, 18.0, 28.0, Align::Center);
        }
    }
    flow.y -= 8.0;
    if !p.cover_date.is_empty() {
        flow.line(p.cover_date.clone(), Face::Serif, 14.0, 22.0, Align::Center);
    }
    // 目录.
    flow.new_page();
    flow.line("目录".to_string(), Face::SansBold, 18.0, 40.0, Align::Center);
    // As published: each section's title, a part's first-level headings
    // (when asked) and the tables under it.
    let mut entries: Vec<(String, f32)> = Vec::new();
    for section in &p.sections {
        match section {
            Section::Part { part, toc } => {
                entries.push((part.title.clone(), 0.0));
                if *toc {
                    for para in part.paragraphs.iter().filter(|para| toc_heading(&para.heading)) {
                        entries.push((para.heading.clone(), 2.0 * BODY));
                    }
                }
            }
            Section::Tables { title, tables, .. } => {
                entries.push((title.clone(), 0.0));
                for t in tables {
                    entries.push((toc_entry(t), 2.0 * BODY));
                }
            }
        }
    }
    let mut toc_rows = Vec::new();
    for (i, (text, indent)) in entries.iter().enumerate() {
        let num = toc_pages
            .get(i)
            .map(|n| n.to_string())
            .unwrap_or_else(|| "0".to_string());
        let nw = fonts.width(Face::Serif, BODY, &num);
        let room = A4_W - 2.0 * P_MARGIN_X - indent - nw - 3.0 * BODY;
        let lines = wrap_max(fonts, Face::Serif, BODY, text, room, 3);
        for (k, l) in lines.iter().enumerate() {
            flow.line(l.clone(), Face::Serif, BODY, 20.0, Align::Left(*indent));
            if k + 1 == lines.len() {
                let end = P_MARGIN_X + indent + fonts.width(Face::Serif, BODY, l);
                toc_rows.push((num.clone(), flow.y + 20.0, flow.pages.len() - 1, end));
            }
        }
    }
    for (num, top, page, end) in toc_rows {
        let nw = fonts.width(Face::Serif, BODY, &num);
        let baseline = top - (20.0 - BODY) / 2.0 - ASCENT * BODY;
        let x = A4_W - P_MARGIN_X - nw;
        // Leader dots between the entry and its page number.
        let dot = fonts.width(Face::Serif, BODY, " .");
        let count = ((x - end - 8.0) / dot).floor().max(0.0) as usize;
        if count >= 2 {
            let leader = " .".repeat(count);
            let lw = fonts.width(Face::Serif, BODY, &leader);
            let lx = x - 4.0 - lw;
            flow.pages[page].runs.push(TextRun {
                bbox: BoxPt {
                    x0: lx,
                    y0: baseline - DESCENT * BODY,
                    x1: lx + lw,
                    y1: baseline + ASCENT * BODY,
                },
                text: leader,
                face: Face::Serif,
                size: BODY,
                x: lx,
                baseline,
                width: lw,
                cell: None,
                red: false,
            });
        }
        let bbox = BoxPt {
            x0: x,
            y0: baseline - DESCENT * BODY,
            x1: x + nw,
            y1: baseline + ASCENT * BODY,
        };
        flow.pages[page].runs.push(TextRun {
            text: num,
            face: Face::Serif,
            size: BODY,
            x,
            baseline,
            width: nw,
            bbox,
            cell: None,
            red: false,
        });
    }
    // The sections.
    for section in &p.sections {
        match section {
            Section::Part { part, toc } => {
                flow.new_page();
                marks.push((part.title.clone(), flow.pages.len()));
                flow.part_title(&part.title);
                for para in &part.paragraphs {
                    if !para.heading.is_empty() {
                        // Keep a heading with two lines of its text.
                        if flow.room() < 26.0 + 2.0 * BODY_LH {
                            flow.new_page();
                        }
                        flow.y -= 4.0;
                        flow.line(para.heading.clone(), Face::SansBold, 13.0, 26.0, Align::Left(0.0));
                        if *toc && toc_heading(&para.heading) {
                            marks.push((para.heading.clone(), flow.pages.len()));
                        }
                    }
                    if !para.text.is_empty() {
                        flow.paragraph(&para.text, Face::Serif, BODY, BODY_LH, true);
                    }
                }
            }
            Section::Tables { title, tables, divider } => {
                if *divider {
                    flow.new_page();
                    marks.push((title.clone(), flow.pages.len()));
                    flow.part_title(title);
                } else {
                    marks.push((title.clone(), flow.pages.len() + 1));
                }
                for t in tables {
                    if flow.pages.len() > MAX_PAGES {
                        // Refused by the writer: no need to lay out the rest.
                        break;
                    }
                    marks.push((toc_entry(t), flow.pages.len() + 1));
                    layout_table(fonts, t, &mut flow.pages);
                }
            }
        }
    }
    let mut pages = flow.pages;
    // Footers on every page but the cover.
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let text = format!("第 {} 页", i + 1);
        let s = 9.0;
        let w = fonts.width(Face::Serif, s, &text);
        let x = (page.width - w) / 2.0;
        let baseline = 20.0;
        let bbox = BoxPt {
            x0: x,
            y0: baseline - DESCENT * s,
            x1: x + w,
            y1: baseline + ASCENT * s,
        };
        page.runs.push(TextRun {
            text,
            face: Face::Serif,
            size: s,
            x,
            baseline,
            width: w,
            bbox,
            cell: None,
            red: false,
        });
    }
    (pages, marks)
}

/// A table's line in the 目录 and its bookmark: `预算01表 2024年部门收支总体情况表`.
fn toc_entry(t: &Table) -> String {
    format!("{} {}", t.label, t.title)
}

fn pt_point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Writes a layout as PDF bytes.
pub fn write(layout: &Layout, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    if layout.pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages { max: MAX_PAGES });
    }
    let mut doc = PdfDocument::new(&layout.title);
    doc.metadata.info.author = layout.author.clone();
    doc.metadata.info.creator = "yusuan".to_string();
    let serif = doc.add_font(&fonts.serif);
    let serif_bold = doc.add_font(&fonts.serif_bold);
    let sans_bold = doc.add_font(&fonts.sans_bold);
    let handle = |f: Face| {
        PdfFontHandle::External(match f {
            Face::Serif => serif.clone(),
            Face::SerifBold => serif_bold.clone(),
            Face::SansBold => sans_bold.clone(),
        })
    };
    let black = Color::Greyscale(Greyscale {
        percent: 0.0,
        icc_profile: None,
    });
    let shade = Color::Greyscale(Greyscale {
        percent: 0.93,
        icc_profile: None,
    });
    let red = Color::Rgb(Rgb {
        r: 0.8,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let mut pages = Vec::with_capacity(layout.pages.len());
    for lp in &layout.pages {
        let mut ops = Vec::new();
        // Shading first, then rules, then text.
        let shaded: Vec<&CellBox> = lp.cells.iter().filter(|c| c.shaded).collect();
        if !shaded.is_empty() {
            ops.push(Op::SetFillColor { col: shade.clone() });
            for c in shaded {
                let b = c.bbox;
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(b.x0),
                        y: Pt(b.y0),
                        width: Pt(b.x1 - b.x0),
                        height: Pt(b.y1 - b.y0),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
        }
        if !lp.cells.is_empty() {
            ops.push(Op::SetOutlineColor { col: black.clone() });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            for c in &lp.cells {
                let b = c.bbox;
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            pt_point(b.x0, b.y0),
                            pt_point(b.x1, b.y0),
                            pt_point(b.x1, b.y1),
                            pt_point(b.x0, b.y1),
                        ],
                        is_closed: true,
                    },
                });
            }
        }
        ops.push(Op::SetFillColor { col: black.clone() });
        let mut in_red = false;
        for r in &lp.runs {
            if r.text.is_empty() {
                continue;
            }
            if r.red != in_red {
                in_red = r.red;
                let col = if in_red { red.clone() } else { black.clone() };
                ops.push(Op::SetFillColor { col });
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: handle(r.face),
                size: Pt(r.size),
            });
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(r.x),
                    y: Pt(r.baseline),
                },
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(r.text.clone())],
            });
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(Mm::from(Pt(lp.width)), Mm::from(Pt(lp.height)), ops));
    }
    for (name, page) in &layout.bookmarks {
        doc.add_bookmark(name, *page);
    }
    let mut warnings = Vec::new();
    // printpdf compresses every stream at zlib's best level (9), which for
    // the text of a long publication takes three times as long as the
    // default level (6) for a file about 1 % smaller: the streams are
    // compressed here instead.
    let opts = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc.with_pages(pages).to_lopdf_document(&opts, &mut warnings);
    for object in pdf.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
        {
            compress_stream(stream);
        }
    }
    let mut out = Vec::new();
    pdf.save_to(&mut out).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// Flate-compresses a stream that has no filter yet, when that makes it smaller.
fn compress_stream(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(compressed) = encoder.finish()
        && compressed.len() + 19 < stream.content.len()
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

/// The whole publication as PDF bytes.
pub fn publication_pdf(p: &Publication) -> Result<Vec<u8>, PdfError> {
    publication_pdf_with(p, None)
}

/// The whole publication as PDF bytes, with `draft` (e.g.
/// [`yusuan_report::DRAFT_MARK`]) on every page when given.
pub fn publication_pdf_with(p: &Publication, draft: Option<&str>) -> Result<Vec<u8>, PdfError> {
    // No page of a table holds more than 60 body rows (a row is at least one
    // 7.5 pt line): more rows than 2,000 pages can hold are refused before
    // anything is laid out.
    let rows: usize = p
        .sections
        .iter()
        .map(|s| match s {
            Section::Tables { tables, .. } => yusuan_report::table::published_rows(tables),
            Section::Part { .. } => 0,
        })
        .sum();
    if rows > yusuan_report::table::MAX_PUBLISHED_ROWS {
        return Err(PdfError::TooManyPages { max: MAX_PAGES });
    }
    let fonts = Fonts::load()?;
    let l = layout_draft(p, &fonts, draft);
    write(&l, &fonts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct character map gives, for every code point of the plane,
    /// the glyph the font's own map gives (0 where it has none).
    #[test]
    fn the_direct_character_map_maps_as_the_fonts_own() {
        for (bytes, name) in [
            (SERIF_REGULAR, "serif"),
            (SERIF_BOLD, "serif bold"),
            (SANS_BOLD, "sans bold"),
        ] {
            let original = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).unwrap();
            assert!(matches!(
                original.cmap_subtable,
                Some(allsorts::tables::cmap::owned::CmapSubtable::Format4(_))
            ));
            let mut direct = original.clone();
            direct_cmap(&mut direct);
            assert!(matches!(
                direct.cmap_subtable,
                Some(allsorts::tables::cmap::owned::CmapSubtable::Format6 { .. })
            ));
            let mut mapped = 0;
            for c in 0..=0xFFFFu32 {
                let want = original.lookup_glyph_index(c).unwrap_or(0);
                assert_eq!(direct.lookup_glyph_index(c).unwrap_or(0), want, "{name}: U+{c:04X}");
                mapped += usize::from(want != 0);
            }
            assert!(mapped > 7_000, "{name}: {mapped} characters");
        }
    }

    #[test]
    fn wrapping_keeps_numbers_and_punctuation() {
        let f = Fonts::load().unwrap();
        let t = tokens("收入1959.63万元，增长1.11%。");
        assert!(t.contains(&"1959.63万元，".to_string()), "{t:?}");
        assert!(tokens("≤400000000元").len() == 1);
        let lines = wrap(
            &f,
            Face::Serif,
            10.0,
            "一二三四五六七八九十一二三四五六七八九十",
            55.0,
            0.0,
        );
        assert!(
            lines.iter().all(|l| f.width(Face::Serif, 10.0, l) <= 55.0 + 0.01),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "一二三四五六七八九十一二三四五六七八九十");
    }

    #[test]
    fn header_words_break_between_words() {
        let j = |s: &str| header_words(s).join("|");
        assert_eq!(j("工资福利支出"), "工资福利|支出");
        assert_eq!(j("其中：财政拨款"), "其中：|财政|拨款");
        assert_eq!(j("政府性基金"), "政府性|基金");
        assert_eq!(j("财政专户管理资金收入"), "财政专户|管理|资金|收入");
        assert_eq!(j("事业单位经营收入"), "事业单位|经营|收入");
        assert_eq!(j("“三公”经费合计"), "“三公”|经费|合计");
        assert_eq!(j("部门(单位)代码"), "部门|(单位)|代码");
        assert_eq!(j("单位编码（项目编码）"), "单位|编码|（项目|编码）");
    }
}
