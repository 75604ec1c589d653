//! The publication as one PDF: cover, 目录, the narrative's three parts (A4
//! portrait) and the tables 预算01–14 (A4 landscape), drawn from the same
//! table model as the xlsx writer.
//!
//! Layout and writing are separate: `layout` measures glyph advances and
//! produces pages of positioned text runs and ruled cell boxes (all in pt,
//! origin bottom-left); `write` turns that into printpdf operations.

pub mod verify;

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
    /// Extra space after each character (pt, PDF `Tc`): a justified line's
    /// share of its slack; `width` includes it between the characters.
    pub spacing: f32,
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
            spacing: 0.0,
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
    /// The document's date (year, month, day) as its cover states it: the
    /// PDF's creation date, so that the same package gives the same bytes.
    pub date: Option<(u32, u32, u32)>,
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

/// Characters that must not start a line: closing punctuation, every
/// closing bracket and quote (the partners of [`opening`]'s).
fn closing(c: char) -> bool {
    "，。、；：！？%％,.;:!?）〕】》」』”’〉］｝〗〙)]}".contains(c)
}
/// Characters that must not end a line: every opening bracket and quote
/// (（〔【《「『“‘〈 …) and the signs that belong to the number after them.
fn opening(c: char) -> bool {
    "（〔【《「『“‘〈［｛〖〘([{≤≥＜＞<>≦≧±～~".contains(c)
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

/// Whether a paragraph's last line is a single character, alone or with
/// its closing punctuation (「心」, 「用。」).
fn lone(line: &str) -> bool {
    line.chars().filter(|c| !closing(*c)).count() <= 1
}

/// A paragraph's last line is never [`lone`]: it takes the previous line's
/// last piece (of `split`) when the two fit together on a line.
fn keep_company(
    fonts: &Fonts,
    face: Face,
    size: f32,
    width: f32,
    split: fn(&str) -> Vec<String>,
    lines: &mut [String],
) {
    let n = lines.len();
    if n < 2 || !lone(&lines[n - 1]) {
        return;
    }
    let mut prev = split(&lines[n - 2]);
    if prev.len() < 2 {
        return;
    }
    let moved = prev.pop().unwrap_or_default();
    let last = format!("{moved}{}", lines[n - 1]);
    if fonts.width(face, size, &last) <= width + 0.001 {
        lines[n - 2] = prev.concat();
        lines[n - 1] = last;
    }
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
        let para_start = lines.len();
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
        if !cut {
            keep_company(fonts, face, size, width, split, &mut lines[para_start..]);
        }
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
    /// A section heading styled by its level ([`heading_level`]): 一、… in
    /// bold sans at 13 pt flush left, （一）… in bold serif at the body size,
    /// indented like the text under it.
    fn heading(&mut self, text: &str) {
        let (face, size, indent) = match heading_level(text) {
            1 => (Face::SansBold, 13.0, 0.0),
            _ => (Face::SerifBold, BODY, 2.0 * BODY),
        };
        let width = A4_W - 2.0 * P_MARGIN_X - indent;
        for l in wrap_max(self.fonts, face, size, text, width, 3) {
            self.line(l, face, size, 26.0, Align::Left(indent));
        }
    }

    /// A justified paragraph: every line but a sub-paragraph's last fills
    /// the measure, its slack spread over the gaps between characters (not
    /// inside numbers and Latin words), never more than one character a gap
    /// (see [`justify_lines`]).
    fn paragraph(&mut self, text: &str, face: Face, size: f32, lh: f32, indent_first: bool) {
        let width = A4_W - 2.0 * P_MARGIN_X;
        for sub in text.split('\n') {
            let indent = if indent_first { 2.0 * size } else { 0.0 };
            let lines = justify_lines(self.fonts, face, size, sub, width, indent);
            let n = lines.len();
            for (i, l) in lines.into_iter().enumerate() {
                if self.room() < lh {
                    self.new_page();
                }
                let first_indent = if i == 0 { indent } else { 0.0 };
                let baseline = self.y - (lh - size) / 2.0 - ASCENT * size;
                let measure = if i + 1 < n { Some(width - first_indent) } else { None };
                let runs = justified_runs(self.fonts, &l, face, size, P_MARGIN_X + first_indent, baseline, measure);
                self.page().runs.extend(runs);
                self.y -= lh;
            }
        }
    }
}

/// A heading's level from its numbering, the same in the 预算 and the 决算:
/// `四、…` → 1, `（一）…` → 2.
pub fn heading_level(heading: &str) -> usize {
    if heading.trim_start().starts_with('（') { 2 } else { 1 }
}

/// Whether extra space may go between `a` and `b` on a justified line: not
/// inside a number or a Latin word (`1959.63`, `2024`, `GDP`).
fn stretchable(a: char, b: char) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || ".,%-/:".contains(c);
    !(word(a) && word(b))
}

/// The text runs of one line starting at `x`: with `measure`, justified to
/// it — the slack shared by the stretchable gaps ([`stretchable`]), as
/// character spacing inside runs of CJK text and as offsets around numbers;
/// left-aligned when there is no measure, no gap, or a gap would be wider
/// than one character.
pub fn justified_runs(
    fonts: &Fonts,
    line: &str,
    face: Face,
    size: f32,
    x: f32,
    baseline: f32,
    measure: Option<f32>,
) -> Vec<TextRun> {
    let chars: Vec<char> = line.chars().collect();
    let natural = fonts.width(face, size, line);
    let gaps = chars.windows(2).filter(|w| stretchable(w[0], w[1])).count();
    let g = match measure {
        Some(m) if gaps > 0 && m > natural => (m - natural) / gaps as f32,
        _ => 0.0,
    };
    if g <= 0.001 || g > size {
        return vec![TextRun::new(fonts, line.to_string(), face, size, x, baseline, None)];
    }
    // Pieces joined by fixed gaps (a number: one piece, spacing 0); single
    // characters next to each other make one run drawn with spacing g.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for k in 1..=chars.len() {
        if k == chars.len() || stretchable(chars[k - 1], chars[k]) {
            pieces.push((start, k));
            start = k;
        }
    }
    let mut groups: Vec<(usize, usize, f32)> = Vec::new();
    for (a, b) in pieces {
        match groups.last_mut() {
            Some(last) if b - a == 1 && last.2 > 0.0 => last.1 = b,
            _ => groups.push((a, b, if b - a == 1 { g } else { 0.0 })),
        }
    }
    let mut runs = Vec::new();
    let mut cx = x;
    for (a, b, spacing) in groups {
        let text: String = chars[a..b].iter().collect();
        let mut run = TextRun::new(fonts, text, face, size, cx, baseline, None);
        run.spacing = spacing;
        run.width += spacing * (b - a - 1) as f32;
        run.bbox.x1 = run.x + run.width;
        cx = run.bbox.x1 + g;
        runs.push(run);
    }
    runs
}

/// Lines of a paragraph for justified setting, broken between [`tokens`]
/// (so closing punctuation never starts a line and opening punctuation never
/// ends one), with the last line never a single character or a character
/// and its punctuation alone (「用。」): it then takes the previous line's
/// last token.
pub fn justify_lines(fonts: &Fonts, face: Face, size: f32, s: &str, width: f32, indent: f32) -> Vec<String> {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut line: Vec<String> = Vec::new();
    let mut w = indent;
    let mut avail = width;
    for tok in tokens(s) {
        let tw = fonts.width(face, size, &tok);
        if w + tw <= avail + 0.001 {
            line.push(tok);
            w += tw;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
            avail = width;
        }
        if tw <= avail {
            w = tw;
            line.push(tok);
        } else {
            // Longer than a line: broken by characters.
            for c in tok.chars() {
                let cw = fonts.width(face, size, c.encode_utf8(&mut [0; 4]));
                if w + cw > avail && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
                line.push(c.to_string());
                w += cw;
            }
        }
    }
    lines.push(line);
    let n = lines.len();
    if n >= 2 && lone(&lines[n - 1].concat()) && lines[n - 2].len() > 2 {
        let moved = lines[n - 2].last().cloned().unwrap_or_default();
        if fonts.width(face, size, &format!("{moved}{}", lines[n - 1].concat())) <= width + 0.001 {
            lines[n - 2].pop();
            lines[n - 1].insert(0, moved);
        }
    }
    lines.into_iter().map(|l| l.concat()).collect()
}

#[derive(Clone, Copy)]
enum Align {
    Left(f32),
    Center,
}

// ---------------------------------------------------------------- tables (landscape)

const L_MARGIN: f32 = 36.0;
/// Inner padding of a table cell.
/// Left and right: 2 mm, so that text never touches a rule (issue 11 found
/// about 1 mm).
pub const PAD: f32 = 2.0 * 72.0 / 25.4;
/// Inner padding of a table cell at the top and bottom: 1.5 mm; with the
/// line's own leading the glyphs stay 2 mm clear of the rules.
pub const PAD_Y: f32 = 1.5 * 72.0 / 25.4;
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
    table_geometry_max(fonts, t, avail, TABLE_SIZE)
}

/// The body size of every table of a publication (pt). A table is set
/// smaller only when its unbreakable pieces (amounts, codes, header words)
/// do not fit the page width at this size (see docs/pdf.md).
pub const TABLE_SIZE: f32 = 9.0;

/// The narrowest a table is drawn, as a share of the page's table width: a
/// table whose texts need less is centred at its natural width, widened to
/// this.
const NARROW_MIN: f32 = 0.55;

/// The smallest text size at which a table is set smaller for its short
/// labels' sake ([`usual_label_width`]); below it only the unbreakable pieces
/// decide.
const USUAL_MIN_SIZE: f32 = 7.5;

/// The longest usual entry of a column of short labels, in characters: the
/// usual entries of 预算12's 三级指标 have 9 to 13 (004), of its 项目名称 18
/// and more.
const LABEL_MAX_CHARS: f32 = 14.0;

/// The width a column of short labels needs for its usual entry (the one
/// three quarters of its entries are no wider than, `widths` being its
/// entries' text widths) on at most two lines: half of it, rounded up to a
/// whole character of width `char_w`. `None` for fewer than four entries or
/// when the usual entry is longer than a label ([`LABEL_MAX_CHARS`]).
/// (预算12's 三级指标 — 「邀请企业参加数量」, 「评选优秀企业数量」 — took three
/// lines at five characters a line.)
fn usual_label_width(widths: &mut [f32], char_w: f32) -> Option<f32> {
    if widths.len() < 4 || char_w <= 0.0 {
        return None;
    }
    widths.sort_by(f32::total_cmp);
    let usual = widths[(widths.len() * 3 / 4).min(widths.len() - 1)];
    if usual > LABEL_MAX_CHARS * char_w + 0.01 {
        return None;
    }
    Some((usual / 2.0 / char_w - 0.01).ceil().max(1.0) * char_w)
}

fn table_geometry_max(fonts: &Fonts, t: &Table, avail: f32, max_size: f32) -> TableGeom {
    let (plain, usual) = table_geometry_with(fonts, t, avail, max_size, false).expect("a geometry without the labels");
    if plain.widths.iter().zip(&usual).all(|(w, u)| *w + 0.01 >= *u) {
        return plain;
    }
    // A column of short labels would print its usual entry on more than two
    // lines: its usual width ([`usual_label_width`]) becomes a minimum, the
    // text as small as USUAL_MIN_SIZE if need be; when that does not fit
    // either, the table stays as it was.
    table_geometry_with(fonts, t, avail, max_size, true).map_or(plain, |(g, _)| g)
}

/// The geometry, and the width each column of short labels needs for its
/// usual entry on two lines (0 for other columns), at the size chosen; with
/// `labels` those widths are minimums (`None` when they do not fit at
/// USUAL_MIN_SIZE).
fn table_geometry_with(
    fonts: &Fonts,
    t: &Table,
    avail: f32,
    max_size: f32,
    labels: bool,
) -> Option<(TableGeom, Vec<f32>)> {
    let n = t.columns.len().max(1);
    let merges = Merges::of(t);
    let mut size: f32 = max_size;
    loop {
        let mut hard = vec![2.0 * fonts.width(Face::Serif, size, "中") + 2.0 * PAD; n];
        let mut want = vec![0.0f32; n];
        let mut text_sum = vec![0.0f32; n];
        let mut text_count = vec![0usize; n];
        // The text widths of each column's entries, and the narrowest its
        // texts allow (five characters, or the text when shorter).
        let mut entries: Vec<Vec<f32>> = vec![Vec::new(); n];
        let mut five_floor = vec![0.0f32; n];
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
                        hard[c] = hard[c].max(longest.min(avail * 0.3) + 2.0 * PAD + 0.5);
                        five_floor[c] = five_floor[c].max(five);
                        want[c] = want[c].max(whole.min(avail * 0.25));
                        text_sum[c] += whole;
                        text_count[c] += 1;
                        if !text.contains('\n') {
                            entries[c].push(whole - 2.0 * PAD - 0.5);
                        }
                    }
                }
            }
        }
        let char_w = fonts.width(Face::Serif, size, "中");
        let mut usual = vec![0.0f32; n];
        for c in 0..n {
            // Columns of long descriptions (their mean text wider than the cap) may take more.
            let long = text_count[c] > 0 && text_sum[c] / text_count[c] as f32 > avail * 0.25;
            if long {
                want[c] = want[c].max(avail * 0.4);
            }
            hard[c] = hard[c].max(five_floor[c] + 2.0 * PAD + 0.5);
            if !long
                && matches!(t.columns[c].kind, ColumnKind::Text)
                && let Some(w) = usual_label_width(&mut entries[c], char_w)
            {
                // A column of short labels: its usual entry on two lines.
                usual[c] = (w + 2.0 * PAD + 0.5).min(want[c].max(hard[c]));
                if labels {
                    hard[c] = hard[c].max(usual[c]);
                }
            }
            want[c] = want[c].max(hard[c]);
        }
        let sum_hard: f32 = hard.iter().sum();
        let sum_want: f32 = want.iter().sum();
        // Smaller text only when the hard minimums do not fit.
        if sum_hard > avail {
            let floor = if labels { USUAL_MIN_SIZE } else { MIN_SIZE };
            if size > floor {
                size = (size - 0.5).max(floor);
                continue;
            }
            if labels {
                return None;
            }
        }
        let is_text = |c: usize| matches!(t.columns[c].kind, ColumnKind::Text | ColumnKind::LongText);
        let fixed: f32 = (0..n).filter(|&c| !is_text(c)).map(|c| hard[c]).sum();
        let widths: Vec<f32> = if sum_hard > avail && fixed < avail {
            // Even the smallest size does not fit: the text columns give way
            // (a long word then breaks by characters); figures and codes keep
            // their width, so a figure is never broken over two lines.
            let scale = (avail - fixed) / (sum_hard - fixed);
            (0..n)
                .map(|c| if is_text(c) { hard[c] * scale } else { hard[c] })
                .collect()
        } else if sum_hard > avail {
            hard.iter().map(|h| h / sum_hard * avail).collect()
        } else if sum_want <= avail {
            // Everything fits on one line: the table keeps its natural width
            // (it is centred on the page), at least NARROW_MIN of the page,
            // the extra going to the text columns.
            let target = sum_want.max(avail * NARROW_MIN);
            let text_want: f32 = (0..n).filter(|&c| is_text(c)).map(|c| want[c]).sum();
            let mut w = want.clone();
            if text_want > 0.0 {
                for c in (0..n).filter(|&c| is_text(c)) {
                    w[c] += want[c] / text_want * (target - sum_want);
                }
            } else {
                for x in &mut w {
                    *x *= target / sum_want;
                }
            }
            w
        } else {
            let k = (avail - sum_hard) / (sum_want - sum_hard);
            (0..n).map(|c| hard[c] + (want[c] - hard[c]) * k).collect()
        };
        return Some((TableGeom { size, widths }, usual));
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
    let min_h = lh + 2.0 * PAD_Y;
    let max_lines = ((MAX_CELL_HEIGHT - 2.0 * PAD_Y) / lh).floor().max(1.0) as usize;
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
            let need = lines.len() as f32 * lh + 2.0 * PAD_Y;
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
    /// The table's left and right edges.
    x0: f32,
    x1: f32,
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
        // The label above the table's right edge, the title centred, then
        // 部门名称 over the table's left edge and 单位 over its right (as in
        // seeds 001 and 004).
        let (left, right) = (self.x0, self.x1);
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
        let department = fit_line(self.fonts, Face::Serif, s, &t.department, (right - left) * 0.6);
        self.run(department, Face::Serif, s, left, y - ASCENT * s, None);
        let unit_line = fit_line(self.fonts, Face::Serif, s, &t.unit_line, (right - left) * 0.35);
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
        let mut xs = vec![self.x0];
        for w in &g.widths {
            let last = *xs.last().unwrap_or(&self.x0);
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
            let capacity = ((bbox.y1 - bbox.y0 - 2.0 * PAD_Y) / lh + 0.001).floor().max(0.0) as usize;
            let whole = (gc.row + gc.rows) <= to && gc.row >= from;
            // A group label (a merged cell of several rows: 预算11's 一级/二级
            // 指标) split by a page break is printed whole on every page it
            // reaches, when it fits there; a longer text continues instead.
            let label = gc.rows > 1 && !whole && !lines.is_empty() && lines.len() <= capacity;
            let (start, fit, centred) = if label {
                (0, lines.len(), true)
            } else {
                let left = lines.len() - lines_done[i].min(lines.len());
                if left == 0 {
                    continue;
                }
                (lines_done[i], capacity.min(left), whole)
            };
            let block = fit as f32 * lh;
            let top = if centred {
                // Centred vertically in the cell (or in its part on this page).
                bbox.y1 - ((bbox.y1 - bbox.y0) - block) / 2.0
            } else {
                bbox.y1 - PAD_Y
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
            lines_done[i] = if label { lines.len() } else { lines_done[i] + fit };
        }
        self.y = *ys.last().unwrap_or(&self.y);
    }
}

fn layout_table(fonts: &Fonts, t: &Table, pages: &mut Vec<LayoutPage>) {
    let avail_w = TABLE_WIDTH;
    let bottom = 40.0;
    let g = table_geometry(fonts, t, avail_w);
    // A table narrower than the page is centred; its title block lines up
    // with it.
    let table_w: f32 = g.widths.iter().sum();
    let x0 = L_MARGIN + ((avail_w - table_w) / 2.0).max(0.0);
    let x1 = x0 + table_w;
    let hcells = header_grid(t);
    let bcells = body_grid(t);
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
        x0,
        x1,
    };
    let mut r = 0;
    let nrows = t.rows.len();
    let start_page = |p: &mut TablePager| {
        p.title_page(t);
        let mut done = vec![0usize; header.cells.len()];
        p.place(&g, &header, &hwrapped, &mut done, 0, t.header_rows);
    };
    // A table without column headers (预算11) repeats, on a page that
    // continues a block, the block's heading row when it is a row of column
    // titles (一级指标 … 指标值说明): the last heading row before `r`, with no
    // cell reaching further down.
    // (Looked up in constant time: the last heading before each row, and
    // the cells of a row by their order.)
    let last_heading: Vec<Option<usize>> = if t.header_rows > 0 {
        Vec::new()
    } else {
        let mut last = None;
        (0..nrows)
            .map(|r| {
                let before = last;
                if r > 0 && t.rows[r].role == RowRole::Heading {
                    last = Some(r);
                }
                before
            })
            .collect()
    };
    let repeat_heading = |p: &mut TablePager, r: usize| {
        let Some(h) = last_heading.get(r).copied().flatten() else {
            return;
        };
        let ids: Vec<usize> = if body.sorted {
            let lo = body.cells.partition_point(|c| c.row < h);
            let hi = body.cells.partition_point(|c| c.row <= h);
            (lo..hi).collect()
        } else {
            (0..body.cells.len()).filter(|&i| body.cells[i].row == h).collect()
        };
        let cols: usize = ids.iter().map(|&i| body.cells[i].cols).sum();
        if ids.iter().any(|&i| body.cells[i].rows > 1) || cols != t.columns.len() {
            return;
        }
        let cells = ids
            .iter()
            .map(|&i| {
                let c = &body.cells[i];
                GridCell {
                    row: 0,
                    col: c.col,
                    rows: 1,
                    cols: c.cols,
                    text: c.text.clone(),
                    face: c.face,
                    align: c.align,
                    shaded: c.shaded,
                    header: c.header,
                }
            })
            .collect();
        let grid = Grid::new(cells, vec![body.heights[h]]);
        let wrapped: Vec<Vec<String>> = ids.iter().map(|&i| bwrapped[i].clone()).collect();
        let mut done = vec![0usize; ids.len()];
        p.place(&g, &grid, &wrapped, &mut done, 0, 1);
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
            repeat_heading(&mut p, r);
        }
    }
    if let Some(note) = &t.note {
        let s = g.size.max(9.0);
        let lines = wrap(fonts, Face::Serif, s, note, x1 - x0, 0.0);
        let lh = s * 1.5;
        let mut y = p.y - 6.0;
        for l in lines {
            if y - lh < bottom {
                start_page(&mut p);
                y = p.y - 6.0;
            }
            p.run(l, Face::Serif, s, x0, y - (lh - s) / 2.0 - ASCENT * s, None);
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
            date: document_date(p),
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
            }) || p.sections.iter().any(|s| s.table_entries().contains(n))
        })
        .collect();
    Layout {
        title: p.title.clone(),
        author: p.issuer.clone(),
        date: document_date(p),
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
            Section::Tables { title, .. } => {
                entries.push((title.clone(), 0.0));
                for entry in section.table_entries() {
                    entries.push((entry, 2.0 * BODY));
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
                spacing: 0.0,
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
            spacing: 0.0,
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
                        flow.heading(&para.heading);
                        if *toc && toc_heading(&para.heading) {
                            marks.push((para.heading.clone(), flow.pages.len()));
                        }
                    }
                    if !para.text.is_empty() {
                        flow.paragraph(&para.text, Face::Serif, BODY, BODY_LH, true);
                    }
                }
            }
            Section::Tables {
                title, tables, divider, ..
            } => {
                if *divider {
                    flow.new_page();
                    marks.push((title.clone(), flow.pages.len()));
                    flow.part_title(title);
                } else {
                    marks.push((title.clone(), flow.pages.len() + 1));
                }
                for (t, entry) in tables.iter().zip(section.table_entries()) {
                    if flow.pages.len() > MAX_PAGES {
                        // Refused by the writer: no need to lay out the rest.
                        break;
                    }
                    marks.push((entry, flow.pages.len() + 1));
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
            spacing: 0.0,
        });
    }
    (pages, marks)
}

/// The date a publication carries: its cover's date line (`二〇二四年`,
/// `二〇二四年三月`, `2024年3月15日`), the first day of the month or year when
/// it names no day; else the first year of its title. The renderer never
/// reads the clock: the same package gives a byte-identical PDF.
pub fn document_date(p: &Publication) -> Option<(u32, u32, u32)> {
    fn digit(c: char) -> Option<u32> {
        match c {
            '〇' | '零' | 'Ｏ' | 'O' | 'o' => Some(0),
            '一' => Some(1),
            '二' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => c.to_digit(10),
        }
    }
    /// `十二`, `二十一`, `3`, `15`: a month or day number.
    fn small(s: &str) -> Option<u32> {
        if let Ok(n) = s.parse() {
            return Some(n);
        }
        match s.split_once('十') {
            Some((tens, ones)) => {
                let t = if tens.is_empty() {
                    1
                } else {
                    digit(tens.chars().next()?)?
                };
                let o = if ones.is_empty() {
                    0
                } else {
                    digit(ones.chars().next()?)?
                };
                Some(t * 10 + o)
            }
            None if s.chars().count() == 1 => digit(s.chars().next()?),
            None => None,
        }
    }
    let parse = |text: &str| -> Option<(u32, u32, u32)> {
        let (year, rest) = text.split_once('年')?;
        let digits: Vec<u32> = year.chars().rev().map_while(digit).collect();
        if digits.len() < 4 {
            return None;
        }
        let y = digits[..4].iter().rev().fold(0, |a, d| a * 10 + d);
        let (month, rest) = rest
            .split_once('月')
            .map_or((1, ""), |(m, r)| (small(m.trim()).unwrap_or(1), r));
        let day = rest.split_once('日').and_then(|(d, _)| small(d.trim())).unwrap_or(1);
        ((1900..=2999).contains(&y) && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some((y, month, day))
    };
    parse(p.cover_date.trim()).or_else(|| parse(&p.title))
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
    // Fixed font ids (printpdf draws them from a per-process counter; their
    // first six letters are the subset tag): the same layout gives the same
    // bytes, in one process or in many.
    let mut add_font = |id: &str, font: &ParsedFont| {
        let id = printpdf::FontId(id.to_string());
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(font.clone()));
        id
    };
    let serif = add_font("YUSERA", &fonts.serif);
    let serif_bold = add_font("YUSERB", &fonts.serif_bold);
    let sans_bold = add_font("YUSANB", &fonts.sans_bold);
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
        let mut spacing = 0.0f32;
        for r in &lp.runs {
            if r.text.is_empty() {
                continue;
            }
            if r.red != in_red {
                in_red = r.red;
                let col = if in_red { red.clone() } else { black.clone() };
                ops.push(Op::SetFillColor { col });
            }
            if r.spacing != spacing {
                spacing = r.spacing;
                ops.push(Op::SetCharacterSpacing { multiplier: spacing });
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
    fix_info(&mut pdf, layout.date);
    // The file identifier from the layout instead of printpdf's counter.
    let id = lopdf::Object::string_literal(layout_id(layout));
    pdf.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
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

/// A file identifier (32 hex digits) computed from the layout: the same
/// publication has the same identifier (two FNV-1a hashes of its text).
fn layout_id(layout: &Layout) -> String {
    let mut h = [0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4u64];
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            for (k, x) in h.iter_mut().enumerate() {
                *x ^= u64::from(*b) + k as u64;
                *x = x.wrapping_mul(0x0100_0000_01b3);
            }
        }
    };
    feed(layout.title.as_bytes());
    feed(layout.author.as_bytes());
    for page in &layout.pages {
        feed(&page.width.to_le_bytes());
        for r in &page.runs {
            feed(r.text.as_bytes());
            feed(&r.x.to_le_bytes());
            feed(&r.baseline.to_le_bytes());
        }
    }
    format!("{:016x}{:016x}", h[0], h[1])
}

/// The document information as readers should see it: the date of the
/// publication, at noon China time (the same day in UTC), instead of
/// printpdf's 1970, no empty
/// `GTS_PDFXVersion` (readers then call the file PDF/X) and no other empty
/// field; the catalog names the language, `/Lang (zh-CN)`.
fn fix_info(pdf: &mut lopdf::Document, date: Option<(u32, u32, u32)>) {
    // The document's language, for screen readers and text extraction.
    if let Ok(root) = pdf.trailer.get(b"Root").and_then(|o| o.as_reference())
        && let Ok(catalog) = pdf.get_object_mut(root).and_then(|o| o.as_dict_mut())
    {
        catalog.set("Lang", lopdf::Object::string_literal("zh-CN"));
    }
    let Ok(id) = pdf.trailer.get(b"Info").and_then(|o| o.as_reference()) else {
        return;
    };
    let Ok(info) = pdf.get_object_mut(id).and_then(|o| o.as_dict_mut()) else {
        return;
    };
    info.remove(b"GTS_PDFXVersion");
    info.remove(b"Trapped");
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, v)| match v {
            // Empty, or UTF-16 with only its byte-order mark.
            lopdf::Object::String(b, _) => b.is_empty() || b.as_slice() == [0xFE, 0xFF],
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in empty {
        info.remove(&k);
    }
    info.remove(b"CreationDate");
    info.remove(b"ModDate");
    if let Some((y, m, d)) = date {
        let stamp = format!("D:{y:04}{m:02}{d:02}120000+08'00'");
        info.set("CreationDate", lopdf::Object::string_literal(stamp.clone()));
        info.set("ModDate", lopdf::Object::string_literal(stamp));
    }
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

    /// Seed 002 L72 (平顶山 2023 决算) printed by us as 「（平办文〔」 / 「2019〕18号）」:
    /// at every width no line may end with an opening bracket or quote, and
    /// none may start with a closing one.
    #[test]
    fn brackets_never_end_or_start_a_line() {
        const OPEN: &str = "（〔【《「『“‘〈";
        const CLOSE: &str = "）〕】》」』”’〉";
        for c in OPEN.chars() {
            assert!(opening(c) && !closing(c), "{c}");
        }
        for c in CLOSE.chars() {
            assert!(closing(c) && !opening(c), "{c}");
        }
        assert!(tokens("（平办文〔2019〕18号）").contains(&"〔2019〕".to_string()));
        let f = Fonts::load().unwrap();
        let seed = "根据《平顶山市委办公室平顶山市人民政府关于印发〈平顶山市人民政府办公室职能配置内设机构和人员编制规定〉等34个部门“三定规定”的通知》（平办文〔2019〕18号）和《中共平顶山市委机构编制委员会关于市工业和信息化局设立盐业行业管理科的批复》（平编〔2021〕28号）文件，平顶山工业和信息化局是市政府工作部门。";
        // Each pair in the middle of plain text, so that some width puts a
        // break on each side of each bracket.
        let mut texts = vec![seed.to_string()];
        for (o, c) in OPEN.chars().zip(CLOSE.chars()) {
            texts.push(format!(
                "一二三四五六七八九十{o}甲乙丙丁{c}一二三四五六七八九十{o}2019{c}18号"
            ));
        }
        for text in &texts {
            // From the narrowest measure that holds 「〔2019〕」 (a token is only
            // broken by characters when it is wider than a line).
            for chars in 6..40 {
                let width = chars as f32 * BODY;
                for lines in [
                    justify_lines(&f, Face::Serif, BODY, text, width, 0.0),
                    justify_lines(&f, Face::Serif, BODY, text, width, 2.0 * BODY),
                    wrap(&f, Face::Serif, BODY, text, width, 0.0),
                ] {
                    assert_eq!(lines.concat(), *text);
                    for l in &lines[..lines.len() - 1] {
                        assert!(
                            !l.ends_with(|c| OPEN.contains(c)),
                            "{chars}: line ends with an opening bracket: {lines:?}"
                        );
                    }
                    for l in &lines[1..] {
                        assert!(
                            !l.starts_with(|c| CLOSE.contains(c)),
                            "{chars}: line starts with a closing bracket: {lines:?}"
                        );
                    }
                }
            }
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

    fn publication(cover_date: &str) -> Publication {
        use yusuan_report::Section;
        use yusuan_report::text::{Paragraph, Part};
        Publication {
            title: "2024年某局部门预算公开".into(),
            issuer: "某局".into(),
            cover_title: "2024年部门预算公开".into(),
            cover_issuer: true,
            cover_date: cover_date.into(),
            sections: vec![Section::Part {
                part: Part {
                    title: "第一部分 某局概况".into(),
                    paragraphs: vec![Paragraph {
                        id: "1.1".into(),
                        heading: "一、主要职责".into(),
                        text: "负责全市工业和信息化工作。".into(),
                        overridden: false,
                    }],
                },
                toc: true,
            }],
        }
    }

    #[test]
    fn the_document_date_is_the_covers() {
        assert_eq!(document_date(&publication("二〇二四年")), Some((2024, 1, 1)));
        assert_eq!(document_date(&publication("二〇二四年三月")), Some((2024, 3, 1)));
        assert_eq!(
            document_date(&publication("二〇二三年十二月二十一日")),
            Some((2023, 12, 21))
        );
        assert_eq!(document_date(&publication("2025年6月30日")), Some((2025, 6, 30)));
        // No date on the cover: the title's year.
        assert_eq!(document_date(&publication("")), Some((2024, 1, 1)));
    }

    #[test]
    fn the_info_has_the_publications_date_and_no_empty_or_pdfx_field() {
        let bytes = publication_pdf(&publication("二〇二四年")).unwrap();
        assert_eq!(
            bytes,
            publication_pdf(&publication("二〇二四年")).unwrap(),
            "byte-identical"
        );
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(id).unwrap();
        let text = |k: &[u8]| info.get(k).ok().and_then(|o| o.as_str().ok()).map(|b| b.to_vec());
        assert_eq!(text(b"CreationDate"), Some(b"D:20240101120000+08'00'".to_vec()));
        assert_eq!(text(b"ModDate"), Some(b"D:20240101120000+08'00'".to_vec()));
        assert!(info.get(b"GTS_PDFXVersion").is_err());
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let lang = doc
            .get_dictionary(root)
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap();
        assert_eq!(lang, b"zh-CN", "the catalog names the document's language");
        for (k, v) in info.iter() {
            if let lopdf::Object::String(b, _) = v {
                assert!(
                    !b.is_empty() && b.as_slice() != [0xFE, 0xFF],
                    "{} is empty",
                    String::from_utf8_lossy(k)
                );
            }
        }
        assert!(text(b"Title").is_some() && text(b"Author").is_some());
    }

    #[test]
    fn paragraphs_are_justified_without_lone_last_characters() {
        let f = Fonts::load().unwrap();
        let width = A4_W - 2.0 * P_MARGIN_X;
        let indent = 2.0 * BODY;
        // 35 characters fill the first line after the indent: 「用。」 would
        // be left alone on the second.
        let text = format!(
            "{}用。",
            "部门预算收入包括一般公共预算财政拨款收入和上年结转资金主要"
                .chars()
                .cycle()
                .take(35)
                .collect::<String>()
        );
        let head: String = text.chars().take(35).collect();
        assert!(indent + f.width(Face::Serif, BODY, &head) <= width, "the case");
        assert!(
            indent + f.width(Face::Serif, BODY, &format!("{head}用。")) > width,
            "the case"
        );
        let lines = justify_lines(&f, Face::Serif, BODY, &text, width, indent);
        assert_eq!(lines.concat(), text);
        let last = lines.last().unwrap();
        assert!(last.chars().filter(|c| !closing(*c)).count() >= 2, "{lines:?}");

        // A long paragraph with numbers: every line but the last fills the
        // measure; no gap wider than a character; no line starts with
        // closing punctuation; numbers are not spaced out.
        let text =
            "2024年收入预算1959.63万元，比上年增加212.5万元，增长12.16%。主要原因是人员增加、工资调整及项目支出增加。"
                .repeat(6);
        let lines = justify_lines(&f, Face::Serif, BODY, &text, width, indent);
        assert!(lines.len() > 4);
        for (i, l) in lines.iter().enumerate() {
            assert!(!l.starts_with(closing), "line {i} starts with closing punctuation: {l}");
            let x0 = P_MARGIN_X + if i == 0 { indent } else { 0.0 };
            let measure = (i + 1 < lines.len()).then_some(width - if i == 0 { indent } else { 0.0 });
            let runs = justified_runs(&f, l, Face::Serif, BODY, x0, 700.0, measure);
            assert_eq!(runs.iter().map(|r| r.text.as_str()).collect::<String>(), *l);
            let end = runs.last().unwrap().bbox.x1;
            if i + 1 < lines.len() {
                assert!((end - (P_MARGIN_X + width)).abs() < 0.05, "line {i} ends at {end}: {l}");
            }
            for w in runs.windows(2) {
                let gap = w[1].x - w[0].bbox.x1;
                assert!((0.0..=BODY + 0.001).contains(&gap), "gap {gap} in {l}");
            }
            for r in &runs {
                assert!(r.spacing <= BODY);
                if r.text.chars().any(|c| c.is_ascii_digit()) && r.text.chars().count() > 1 {
                    assert_eq!(r.spacing, 0.0, "{} spaced out", r.text);
                }
            }
        }
    }

    #[test]
    fn headings_are_styled_by_level() {
        assert_eq!(heading_level("四、政府性基金预算支出情况说明"), 1);
        assert_eq!(heading_level("（一）机构运行经费支出情况"), 2);
        assert_eq!(heading_level("五、一般公共预算财政拨款支出决算情况说明"), 1);
        assert_eq!(heading_level("（三）具体情况。"), 2);
        let f = Fonts::load().unwrap();
        let mut p = publication("二〇二四年");
        let yusuan_report::Section::Part { part, .. } = &mut p.sections[0] else {
            unreachable!()
        };
        part.paragraphs.push(yusuan_report::text::Paragraph {
            id: "1.1.1".into(),
            heading: "（一）机构运行经费支出情况".into(),
            text: "正文。".into(),
            overridden: false,
        });
        let l = layout(&p, &f);
        // The last of each: the 目录 lists them first.
        let run = |text: &str| {
            l.pages
                .iter()
                .flat_map(|pg| &pg.runs)
                .rfind(|r| r.text == text)
                .unwrap()
        };
        let (one, two) = (run("一、主要职责"), run("（一）机构运行经费支出情况"));
        assert_eq!((one.face, one.size), (Face::SansBold, 13.0));
        assert_eq!((two.face, two.size), (Face::SerifBold, BODY));
        assert!(two.x > one.x + BODY, "level 2 is indented: {} {}", two.x, one.x);
    }

    #[test]
    fn a_cell_text_leaves_no_character_alone_on_its_last_line() {
        let f = Fonts::load().unwrap();
        // Six characters a line: 「郑州市工业和|信息化发展中|心」 before.
        let w = f.width(Face::Serif, 9.0, "郑州市工业和") + 0.01;
        let lines = wrap_max(&f, Face::Serif, 9.0, "郑州市工业和信息化发展中心", w, 10);
        assert_eq!(lines, ["郑州市工业和", "信息化发展", "中心"]);
        let lines = wrap(&f, Face::Serif, 9.0, "郑州市工业和信息化发展中心", w, 0.0);
        assert_eq!(lines, ["郑州市工业和", "信息化发展", "中心"]);
    }

    #[test]
    fn a_usual_label_is_three_quarters_in_on_two_lines() {
        // Characters 10 wide: of 1, 2, 3, 5 and 13 characters the usual one has
        // 5, on two lines of 3 characters.
        let mut w = [130.0, 10.0, 50.0, 30.0, 20.0];
        assert_eq!(usual_label_width(&mut w, 10.0), Some(30.0));
        assert_eq!(usual_label_width(&mut [10.0, 20.0, 30.0, 40.0], 10.0), Some(20.0));
        // Too few entries to say, or names longer than labels.
        assert_eq!(usual_label_width(&mut [10.0, 20.0, 30.0], 10.0), None);
        assert_eq!(usual_label_width(&mut [150.0; 4], 10.0), None);
        assert_eq!(usual_label_width(&mut [140.0; 4], 10.0), Some(70.0));
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
