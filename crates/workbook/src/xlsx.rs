//! Draws the computed tables into one `.xlsx` workbook: one sheet per table,
//! laid out as printed (`shared/spec/tables.md`, "The exported workbook").

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use yusuan_report::table::{AmountStyle, Cell, ColumnKind, RowRole, Table, to_wan};

/// The number format of published 万元 figures with `decimals` places: `#,##0.00`.
pub fn number_format(decimals: u32) -> String {
    number_format_with(decimals, true)
}

/// [`number_format`] with or without thousands separators (`0.00`).
pub fn number_format_with(decimals: u32, thousands: bool) -> String {
    let int = if thousands { "#,##0" } else { "0" };
    if decimals == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", "0".repeat(decimals as usize))
    }
}

/// Width of a text in Excel column units at the 10 pt body size: a CJK
/// character is about twice a digit, and a column unit is a digit at 11 pt.
pub fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.95 } else { 1.85 }).sum()
}

struct Formats {
    title: Format,
    label: Format,
    left: Format,
    right: Format,
    header: Format,
    text: Format,
    text_bold: Format,
    code: Format,
    code_bold: Format,
    amount: Format,
    amount_bold: Format,
    masked: Format,
    note: Format,
}

impl Formats {
    fn new(decimals: u32, style: AmountStyle) -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_size(10)
            .set_align(FormatAlign::VerticalCenter);
        let text = cell.clone().set_text_wrap().set_align(FormatAlign::Left);
        let code = cell.clone().set_num_format("@").set_align(FormatAlign::Center);
        let amount = cell
            .clone()
            .set_num_format(number_format_with(decimals, style.thousands))
            .set_align(FormatAlign::Right);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: Format::new().set_font_size(10).set_align(FormatAlign::Right),
            left: Format::new().set_font_size(10).set_align(FormatAlign::Left),
            right: Format::new().set_font_size(10).set_align(FormatAlign::Right),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(0xEDEDED),
            text_bold: text.clone().set_bold(),
            text,
            code_bold: code.clone().set_bold(),
            code,
            amount_bold: amount.clone().set_bold(),
            amount,
            masked: cell.clone().set_align(FormatAlign::Right),
            note: Format::new()
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
        }
    }
}

/// Writes all tables into one workbook in memory.
pub fn workbook_bytes(tables: &[Table], author: &str) -> Result<Vec<u8>, XlsxError> {
    workbook_bytes_with(tables, author, None)
}

/// Writes all tables into one workbook in memory; `draft` (e.g.
/// [`yusuan_report::DRAFT_MARK`]) is written in red before each sheet's label.
pub fn workbook_bytes_with(tables: &[Table], author: &str, draft: Option<&str>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(
            tables
                .first()
                .map(|t| t.department.trim_start_matches("部门名称："))
                .unwrap_or(""),
        )
        .set_author(author);
    wb.set_properties(&props);
    for t in tables {
        let ws = wb.add_worksheet();
        write_sheet(ws, t, draft)?;
    }
    wb.save_to_buffer()
}

/// What can go wrong writing a workbook (the export or the import template).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("无法生成Excel文件（详细信息：{0}）")]
    Build(#[from] XlsxError),
    #[error("无法写入“{path}”：{}", yusuan_model::file::describe_io(error))]
    Write { path: String, error: std::io::Error },
    #[error("写入模板“{path}”失败（详细信息：{error}）")]
    Template { path: String, error: XlsxError },
    /// More rows than a publication may have (`MAX_PUBLISHED_ROWS`).
    #[error(
        "公开表格共有{rows}行，超过{max}行的上限（正常的部门预算、决算只有几百行），没有导出：请检查单位、项目或绩效指标是否有大量重复的行"
    )]
    TooManyRows { rows: usize, max: usize },
}

/// Writes all tables into `path`.
pub fn export(tables: &[Table], author: &str, path: &Path) -> Result<(), ExportError> {
    export_with(tables, author, path, None)
}

/// Writes all tables into `path`, marked as a draft when `draft` is given.
pub fn export_with(tables: &[Table], author: &str, path: &Path, draft: Option<&str>) -> Result<(), ExportError> {
    let rows = yusuan_report::table::published_rows(tables);
    if rows > yusuan_report::table::MAX_PUBLISHED_ROWS {
        return Err(ExportError::TooManyRows {
            rows,
            max: yusuan_report::table::MAX_PUBLISHED_ROWS,
        });
    }
    let bytes = workbook_bytes_with(tables, author, draft)?;
    yusuan_model::file::write_atomic(path, &bytes).map_err(|error| ExportError::Write {
        path: path.display().to_string(),
        error,
    })
}

/// The texts of column `c` that sit in a cell of their own (not in a merge
/// wider than the column), each once, at most [`MAX_WIDTH_TEXTS`] of them
/// (the width search reads each text per candidate width).
fn column_texts(t: &Table, c: usize) -> Vec<&str> {
    let wide: std::collections::HashSet<usize> = t
        .merges
        .iter()
        .filter(|m| m.cols > 1 && c >= m.col && c < m.col + m.cols)
        .flat_map(|m| m.row..m.row + m.rows)
        .collect();
    let mut seen = std::collections::HashSet::new();
    t.rows
        .iter()
        .enumerate()
        .filter(|(ri, _)| !wide.contains(ri))
        .filter_map(|(_, r)| match r.cells.get(c) {
            Some(Cell::Text(s)) => Some(s.as_str()),
            _ => None,
        })
        .filter(|s| seen.insert(*s))
        .take(MAX_WIDTH_TEXTS)
        .collect()
}

/// The most texts of a column the width search looks at: a department's
/// column has tens; a package of thousands of rows is not slowed down.
const MAX_WIDTH_TEXTS: usize = 400;

/// The longest header *word* of column `c` (a header wraps between words,
/// never inside one): the least width its header needs.
fn header_need(t: &Table, c: usize) -> f64 {
    t.header
        .iter()
        .filter(|h| h.col == c && h.cols == 1)
        .flat_map(|h| header_words(&h.text))
        .map(|w| text_width(&w) + 1.5)
        .fold(0.0, f64::max)
}

/// Header words: a header may break after punctuation and before the budget
/// words (支出, 收入, 经费 …), as in the PDF; never after an opening bracket
/// (「（|项目编码」) nor before closing punctuation.
fn header_words(s: &str) -> Vec<String> {
    const BREAK_BEFORE: [&str; 14] = [
        "支出", "收入", "经费", "预算", "资金", "基金", "拨款", "管理", "补助", "合计", "小计", "结转", "项目", "编码",
    ];
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !cur.is_empty() {
            let rest: String = chars[i..].iter().collect();
            let prev = chars[i - 1];
            let may = !"（(〔【《「“".contains(prev) && !"，。、：；）)〕】》」”".contains(c);
            if may
                && ("，、：；）)".contains(prev)
                    || "（(".contains(c)
                    || BREAK_BEFORE.iter().any(|w| rest.starts_with(w)))
            {
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

/// The lines a text takes in a column of width `w` (one unit of cell
/// padding), broken character by character as a spreadsheet does, and the
/// width of its last line, both estimated from [`text_width`].
fn wrapped(s: &str, w: f64) -> (usize, f64) {
    wrapped_in(s, (w - 1.0).max(1.0))
}

fn wrapped_in(s: &str, line: f64) -> (usize, f64) {
    let (mut lines, mut x) = (1, 0.0);
    for c in s.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]));
        if x + cw > line + 1e-9 && x > 0.0 {
            lines += 1;
            x = 0.0;
        }
        x += cw;
    }
    (lines, x)
}

/// Whether a text wrapped in a column of width `w` would leave a single
/// character (or two digits) alone on its last line: the
/// 「郑州市中小企业服务中|心」 of issue 11.
/// Spreadsheet programs differ in the room a column gives (LibreOffice
/// printed five CJK characters in a column of 8 units, Excel four): both
/// are checked.
fn orphan_last_line(s: &str, w: f64) -> bool {
    let (lines, last) = wrapped(s, w);
    let (lines_lo, last_lo) = wrapped_in(s, w + 1.5);
    (lines > 1 && last < 2.0) || (lines_lo > 1 && last_lo < 2.0)
}

/// The single-column header texts of column `c`.
fn header_texts(t: &Table, c: usize) -> impl Iterator<Item = &str> {
    t.header
        .iter()
        .filter(move |h| h.col == c && h.cols == 1)
        .map(|h| h.text.as_str())
}

/// The width nearest `base` at which none of `texts` leaves one character
/// alone on its last line (「郑州市中小企业服务中|心」): wider first, up to
/// a quarter or 2.5 units (a name then fits on one line), then narrower down to `min`;
/// when no width does for every text, the one that leaves the fewest.
fn without_orphans(texts: &[&str], base: f64, min: f64) -> f64 {
    let orphans = |w: f64| texts.iter().filter(|s| orphan_last_line(s, w)).count();
    let mut best = (orphans(base), base);
    let wider = (1..=(base as usize)).map(|k| base + k as f64 * 0.25);
    let narrower = (1..=(base as usize)).map(|k| base - k as f64 * 0.1);
    for w in wider
        .take_while(|w| *w <= (base * 1.25).max(base + 2.5))
        .chain(narrower.take_while(|w| *w >= min))
    {
        if best.0 == 0 {
            break;
        }
        let n = orphans(w);
        if n < best.0 {
            best = (n, w);
        }
    }
    best.1
}

fn col_width(t: &Table, c: usize) -> f64 {
    let col = &t.columns[c];
    let header = header_need(t, c);
    match col.kind {
        // From the content: the widest figure shown (never wrapped), the
        // header's longest word, at least 8 units.
        ColumnKind::Amount => {
            let longest = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c))
                .filter(|cell| matches!(cell, Cell::Amount(_) | Cell::Masked(_)))
                .map(|cell| text_width(&t.display(cell)) + 2.0)
                .fold(0.0, f64::max);
            let base = longest.max(header).max(8.0);
            let headers: Vec<&str> = header_texts(t, c).collect();
            without_orphans(&headers, base, base)
        }
        // Codes never wrap or cut: the column holds the longest (a 21-digit
        // 项目编码 included).
        ColumnKind::Code => {
            let longest = t
                .rows
                .iter()
                .filter_map(|r| match r.cells.get(c) {
                    Some(Cell::Code(s)) => Some(text_width(s)),
                    _ => None,
                })
                .fold(0.0, f64::max);
            let base = f64::from(col.width).max(5.0).max(longest + 1.5).max(header);
            let headers: Vec<&str> = header_texts(t, c).collect();
            without_orphans(&headers, base, base)
        }
        ColumnKind::Text | ColumnKind::LongText => {
            // The width nearest the model's that leaves no text with one
            // character alone on its last line (「郑州市中小企业服务中|心」):
            // widened by up to a quarter or narrowed by up to a tenth; when
            // none does for every text, the one that leaves the fewest.
            let base = (f64::from(col.width) * 1.15).max(header);
            let mut texts = column_texts(t, c);
            texts.extend(header_texts(t, c));
            without_orphans(&texts, base, (base * 0.9).max(header).max(4.0))
        }
    }
}

/// The width, in column units, an A4 landscape page prints at 100 % with the
/// margins below.
const PAGE_WIDTH_UNITS: f64 = 140.0;

/// Pages wide a sheet prints on: one, unless that would shrink the 10 pt body
/// below 8 pt; then two (Excel scales to fit them).
#[cfg(test)]
fn pages_wide(t: &Table) -> u16 {
    pages_wide_of(&col_widths(t))
}

fn pages_wide_of(widths: &[f64]) -> u16 {
    let total: f64 = widths.iter().sum();
    if total > PAGE_WIDTH_UNITS / 0.8 { 2 } else { 1 }
}

/// The last of the leading key columns (codes and names, before the first
/// amount; the first column of a table without amounts) that a table printed
/// more than one page wide repeats on every page, so that the rows of its
/// right-hand pages keep their identity (issue 11: 预算12's right half had no
/// 项目编码 or 名称): as many of them as fit in half a page.
fn repeated_columns(t: &Table, widths: &[f64]) -> Option<usize> {
    if pages_wide_of(widths) < 2 {
        return None;
    }
    let keys = t
        .columns
        .iter()
        .position(|c| c.kind == ColumnKind::Amount)
        .unwrap_or(1)
        .max(1);
    let mut sum = 0.0;
    let mut last = None;
    for (c, w) in widths.iter().enumerate().take(keys) {
        sum += w;
        if sum > PAGE_WIDTH_UNITS / 2.0 {
            break;
        }
        last = Some(c);
    }
    last
}

/// The width a table prints across its pages: its columns, and the repeated
/// key columns again on every page after the first.
fn printed_width(t: &Table, widths: &[f64]) -> f64 {
    let total: f64 = widths.iter().sum();
    let repeated: f64 = repeated_columns(t, widths).map_or(0.0, |last| widths[..=last].iter().sum());
    total + repeated * f64::from(pages_wide_of(widths) - 1)
}

/// A title-block line's width in column units, counting a CJK character as
/// 2 (wider than [`text_width`]'s estimate: the line must never be cut),
/// with one unit of padding.
fn line_need(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>() + 1.0
}

/// Row 3 of the title block: 部门名称 merged over columns `0..k` (left),
/// 单位 over `k..` (right). `k` is half the columns unless the 部门名称 needs
/// more (issue 11: 「部门名称：义马市」 cut in 预算14's 10.7-wide A3); when
/// even all but the last column cannot hold it, the first widens, and the
/// last when it cannot hold the 单位 line. Only for tables of two columns or more.
fn title_split(t: &Table, widths: &mut [f64]) -> usize {
    let n = widths.len();
    let (dept, unit) = (line_need(&t.department), line_need(&t.unit_line));
    let left = |w: &[f64], k: usize| w[..k].iter().sum::<f64>();
    let right = |w: &[f64], k: usize| w[k..].iter().sum::<f64>();
    let half = (n / 2).max(1);
    let fits = (1..n).find(|&k| left(widths, k) >= dept);
    let k = match fits {
        // Half the table unless the 单位 line then lacks room.
        Some(k0) => (k0..=half.max(k0))
            .rev()
            .find(|&k| right(widths, k) >= unit)
            .unwrap_or(k0),
        None => {
            widths[0] += dept - left(widths, n - 1);
            n - 1
        }
    };
    let short = unit - right(widths, k);
    if short > 0.0 {
        widths[n - 1] += short;
    }
    k
}

/// A header text with line breaks between its words where it is wider than
/// its cell (`w` units, one of padding, the narrower Excel measure): the
/// spreadsheet then breaks it where we do, never 「因公出国（境」/「）费」
/// (issue 11, LibreOffice) — no line is a lone character of a word nor
/// starts with closing punctuation. A text that fits is left as it is.
fn header_text(s: &str, w: f64) -> String {
    let room = (w - 1.0).max(1.0);
    if text_width(s) <= room + 1e-9 {
        return s.to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in header_words(s) {
        if !line.is_empty() && text_width(&line) + text_width(&word) > room + 1e-9 {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines.join("\n")
}

/// Every column's width, measured once (each measure reads every row).
fn col_widths(t: &Table) -> Vec<f64> {
    (0..t.columns.len()).map(|c| col_width(t, c)).collect()
}

/// Excel's default row height (pt).
const DEFAULT_ROW_HEIGHT: f64 = 15.0;
/// The height an A4 landscape page prints (pt) inside the margins set below
/// (0.6 in top and bottom).
const PAGE_HEIGHT_PT: f64 = 595.28 - 2.0 * 0.6 * 72.0;
/// Height of the title block (rows 1–3: label, title, 部门名称).
const TITLE_BLOCK_PT: f64 = DEFAULT_ROW_HEIGHT + 28.0 + DEFAULT_ROW_HEIGHT;

/// The body rows before which a manual page break goes so that no heading
/// row inside the body (预算11's blocks) prints with fewer than two rows
/// of its block under it at the foot of a page. Pages are estimated from the
/// row heights written and the print scale (fit to the pages wide of
/// [`pages_wide_of`]); repeated rows count on every page after the first.
fn heading_breaks(t: &Table, widths: &[f64], header_height: f64, heights: &[f64]) -> Vec<usize> {
    let wide = f64::from(pages_wide_of(widths));
    let scale = (wide * PAGE_WIDTH_UNITS / printed_width(t, widths)).min(1.0);
    let page = PAGE_HEIGHT_PT / scale;
    let repeated = if t.header_rows > 0 {
        header_height
    } else {
        TITLE_BLOCK_PT
    };
    let mut y = TITLE_BLOCK_PT + header_height;
    let mut breaks = Vec::new();
    for (i, h) in heights.iter().enumerate() {
        let heading = i > 0 && t.rows[i].role == RowRole::Heading;
        let with_next: f64 = heights[i..(i + 3).min(heights.len())].iter().sum();
        if heading && y + h <= page && y + with_next > page && repeated + with_next <= page {
            breaks.push(i);
            y = repeated;
        } else if y + h > page {
            y = repeated;
        }
        y += h;
    }
    breaks
}

fn write_sheet(ws: &mut Worksheet, t: &Table, draft: Option<&str>) -> Result<(), XlsxError> {
    ws.set_name(t.sheet_name())?;
    let f = Formats::new(t.decimals, t.style);
    let ncols = t.columns.len() as u16;
    let last = ncols.saturating_sub(1);
    let mut widths = col_widths(t);
    // Title block: label, title, then 部门名称 (left) and 单位 (right), each
    // over as many columns as it needs.
    let half = if last > 0 {
        title_split(t, &mut widths) as u16
    } else {
        1
    };
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    if last > 0 {
        ws.merge_range(0, 0, 0, last, &t.label, &f.label)?;
        ws.merge_range(1, 0, 1, last, &t.title, &f.title)?;
        if half > 1 {
            ws.merge_range(2, 0, 2, half - 1, &t.department, &f.left)?;
        } else {
            ws.write_string_with_format(2, 0, &t.department, &f.left)?;
        }
        if last > half {
            ws.merge_range(2, half, 2, last, &t.unit_line, &f.right)?;
        } else {
            ws.write_string_with_format(2, last, &t.unit_line, &f.right)?;
        }
    } else {
        ws.write_string_with_format(0, 0, &t.label, &f.label)?;
        ws.write_string_with_format(1, 0, &t.title, &f.title)?;
        ws.write_string_with_format(2, 0, &t.department, &f.left)?;
    }
    if let Some(mark) = draft.filter(|m| !m.trim().is_empty()) {
        // The label cell (merged or not) becomes "草稿（…）　　预算01表", the mark in red.
        let red = Format::new().set_font_size(10).set_bold().set_font_color(Color::Red);
        let plain = Format::new().set_font_size(10);
        let label = format!("　　{}", t.label);
        ws.write_rich_string_with_format(0, 0, &[(&red, mark), (&plain, &label)], &f.label)?;
    }
    ws.set_row_height(1, 28)?;
    let top: u32 = 3;
    // Each header cell's text, broken between its words where it wraps.
    let header_texts: Vec<String> = t
        .header
        .iter()
        .map(|h| header_text(&h.text, (h.col..h.col + h.cols).map(|c| widths[c]).sum()))
        .collect();
    for (h, text) in t.header.iter().zip(&header_texts) {
        let (r, c) = (top + h.row as u32, h.col as u16);
        if h.rows > 1 || h.cols > 1 {
            ws.merge_range(r, c, r + h.rows as u32 - 1, c + h.cols as u16 - 1, text, &f.header)?;
        } else {
            ws.write_string_with_format(r, c, text, &f.header)?;
        }
    }
    let mut header_height = 0.0;
    for hr in 0..t.header_rows {
        let height = t
            .header
            .iter()
            .zip(&header_texts)
            .filter(|(h, _)| h.row + h.rows - 1 == hr)
            .map(|(h, text)| {
                let w: f64 = (h.col..h.col + h.cols).map(|c| widths[c]).sum();
                let lines: f64 = text
                    .lines()
                    .map(|l| (text_width(l) / (w - 1.0).max(1.0)).ceil().max(1.0))
                    .sum();
                lines / h.rows as f64
            })
            .fold(1.0, f64::max);
        ws.set_row_height(top + hr as u32, 15.0 * height.max(1.0))?;
        header_height += 15.0 * height.max(1.0);
    }
    let body = top + t.header_rows as u32;
    // Print titles on every sheet: the column headers, or for a table with
    // none (预算11) the title block.
    if t.header_rows > 0 {
        ws.set_repeat_rows(top, body - 1)?;
    } else {
        ws.set_repeat_rows(0, top - 1)?;
    }
    // The column headers stay in view while scrolling.
    ws.set_freeze_panes(body, 0)?;
    // Cells covered by a merge (other than its top-left) are written by the merge.
    let covered = |r: usize, c: usize| {
        t.merges
            .iter()
            .any(|m| r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols && (r, c) != (m.row, m.col))
    };
    let mut row_heights = Vec::with_capacity(t.rows.len());
    for (ri, row) in t.rows.iter().enumerate() {
        let r = body + ri as u32;
        let bold = matches!(row.role, RowRole::Total | RowRole::Subtotal | RowRole::Heading);
        let mut lines = 1.0f64;
        for (ci, cell) in row.cells.iter().enumerate() {
            if covered(ri, ci) {
                continue;
            }
            let c = ci as u16;
            let merge = t.merges.iter().find(|m| m.row == ri && m.col == ci);
            let text_fmt = if bold { &f.text_bold } else { &f.text };
            let code_fmt = if bold { &f.code_bold } else { &f.code };
            let amount_fmt = if bold { &f.amount_bold } else { &f.amount };
            let (fmt, text): (&Format, Option<String>) = match cell {
                Cell::Empty => (text_fmt, None),
                Cell::Text(s) => (text_fmt, Some(s.to_string())),
                Cell::Code(s) => (code_fmt, Some(s.to_string())),
                Cell::Amount(_) | Cell::Masked(_) => {
                    let shown = t.display(cell);
                    if matches!(cell, Cell::Masked(_)) {
                        (&f.masked, (!shown.is_empty()).then_some(shown))
                    } else {
                        (amount_fmt, None)
                    }
                }
            };
            if let Some(m) = merge {
                let s = text.clone().unwrap_or_else(|| t.display(cell));
                ws.merge_range(r, c, r + m.rows as u32 - 1, c + m.cols as u16 - 1, &s, fmt)?;
                let w: f64 = (m.col..m.col + m.cols).map(|c| widths[c]).sum();
                lines = lines.max((text_width(&s) / (w - 1.0).max(1.0)).ceil() / m.rows as f64);
                continue;
            }
            match (cell, text) {
                (Cell::Amount(y), _) => {
                    let w = to_wan(*y, t.decimals);
                    if w.is_zero() && t.style.zero_blank {
                        ws.write_blank(r, c, fmt)?;
                    } else {
                        ws.write_number_with_format(r, c, w.to_f64().unwrap_or(0.0), fmt)?;
                    }
                }
                (_, Some(s)) => {
                    lines = lines.max((text_width(&s) / (widths[ci] - 1.0).max(1.0)).ceil());
                    ws.write_string_with_format(r, c, &s, fmt)?;
                }
                (_, None) => {
                    ws.write_blank(r, c, fmt)?;
                }
            }
        }
        if lines > 1.0 {
            ws.set_row_height(r, 14.0 * lines.min(30.0))?;
            row_heights.push(14.0 * lines.min(30.0));
        } else {
            row_heights.push(DEFAULT_ROW_HEIGHT);
        }
    }
    // No heading row (预算11's 一级指标 … row) left at a page's foot: a
    // manual break puts it on the next page with its first rows.
    let breaks = heading_breaks(t, &widths, header_height, &row_heights);
    if !breaks.is_empty() {
        let rows: Vec<u32> = breaks.iter().map(|b| body + *b as u32).collect();
        ws.set_page_breaks(&rows)?;
    }
    let after = body + t.rows.len() as u32;
    if let Some(note) = &t.note {
        let r = after + 1;
        if last > 0 {
            ws.merge_range(r, 0, r, last, note, &f.note)?;
        } else {
            ws.write_string_with_format(r, 0, note, &f.note)?;
        }
        let w: f64 = widths.iter().sum();
        ws.set_row_height(r, 14.0 * (text_width(note) / w).ceil().max(1.0))?;
    }
    ws.set_paper_size(9);
    ws.set_landscape();
    let wide = pages_wide_of(&widths);
    ws.set_print_fit_to_pages(wide, 0);
    // A table printed two pages wide repeats its leading code and name
    // columns on every page, so that its figures can be read there.
    if let Some(last_label) = repeated_columns(t, &widths) {
        ws.set_repeat_columns(0, last_label as u16)?;
    }
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_report::table::{Column, Row};

    fn table(number: u8, columns: Vec<Column>, rows: Vec<Row>) -> Table {
        Table {
            number,
            label: format!("预算{number:02}表"),
            title: "表".into(),
            department: "部门名称：某局".into(),
            unit_line: "单位：万元".into(),
            header: Vec::new(),
            header_rows: 0,
            columns,
            rows,
            merges: Vec::new(),
            note: None,
            decimals: 2,
            style: AmountStyle::BUDGET,
        }
    }

    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn every_sheet_repeats_print_titles_and_freezes_its_header() {
        let text = |s: &str| Row {
            role: RowRole::Item,
            cells: vec![Cell::Text(s.into())],
        };
        let col = || Column {
            kind: ColumnKind::Text,
            width: 20.0,
        };
        let mut with_header = table(1, vec![col()], vec![text("a")]);
        let (header, rows, _) = yusuan_report::table::layout_header(&[yusuan_report::table::leaf("项目")]);
        with_header.header = header;
        with_header.header_rows = rows;
        let without = table(11, vec![col()], vec![text("部门名称")]);
        let bytes = workbook_bytes(&[with_header, without], "x").unwrap();
        let wb = part(&bytes, "xl/workbook.xml");
        assert!(wb.contains(r#"localSheetId="0">预算01表!$4:$4<"#), "{wb}");
        // A table without column headers (预算11) repeats its title block.
        assert!(wb.contains(r#"localSheetId="1">预算11表!$1:$3<"#), "{wb}");
        let s1 = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(s1.contains(r#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#));
    }

    /// 预算08's header as LibreOffice printed it before issue 11: 「因公出国（境」/
    /// 「）费」; now broken between its words. A break never follows an opening
    /// bracket: 「（项目编码）」 keeps its bracket.
    #[test]
    fn a_header_breaks_between_words_where_it_wraps() {
        assert_eq!(header_text("因公出国（境）费", 9.57), "因公出国\n（境）费");
        assert_eq!(header_text("小计", 9.57), "小计");
        assert_eq!(
            header_words("单位编码（项目编码）"),
            ["单位", "编码", "（项目", "编码）"]
        );
    }

    #[test]
    fn an_amount_column_is_as_wide_as_its_widest_figure() {
        // 1,234,567,890.12 万元: 16 characters, more than the model's 11.
        let t = table(
            2,
            vec![Column {
                kind: ColumnKind::Amount,
                width: 11.0,
            }],
            vec![Row {
                role: RowRole::Item,
                cells: vec![Cell::Amount(rust_decimal::Decimal::new(12_345_678_901_234, 0))],
            }],
        );
        assert_eq!(t.display(&t.rows[0].cells[0]), "1,234,567,890.12");
        assert!(col_width(&t, 0) >= 16.0 * 0.95 + 1.0, "{}", col_width(&t, 0));
    }

    #[test]
    fn an_amount_header_does_not_wrap_its_last_character_alone() {
        // LibreOffice printed 「上级补助收|入」 in a column of 8.7 units
        // (8 units set: five characters a line there, four in Excel).
        let mut t = table(
            2,
            vec![Column {
                kind: ColumnKind::Amount,
                width: 11.0,
            }],
            vec![Row {
                role: RowRole::Item,
                cells: vec![Cell::Amount(rust_decimal::Decimal::new(42_000, 0))],
            }],
        );
        let (header, rows, _) = yusuan_report::table::layout_header(&[yusuan_report::table::leaf("上级补助收入")]);
        t.header = header;
        t.header_rows = rows;
        let w = col_width(&t, 0);
        // Characters a line in Excel (one unit of padding) and LibreOffice.
        for chars in [per_line(w), ((w + 1.5) / 1.85).floor() as usize] {
            assert_ne!(6 % chars, 1, "{chars} a line at width {w}");
        }
    }

    /// Characters a line holds at width `w`: CJK characters of 1.85 units,
    /// one unit of padding.
    fn per_line(w: f64) -> usize {
        ((w - 1.0) / 1.85).floor() as usize
    }

    #[test]
    fn no_text_leaves_one_character_alone_on_its_last_line() {
        // 11 characters in a column of 6 a line (10 × 1.15 units): 6 + 5, then
        // 13 characters: 6 + 6 + 1 — the 1 must not happen.
        let texts = ["郑州市中小企业服务中心", "义马市工业信息化和科技局机关"];
        let t = table(
            3,
            vec![Column {
                kind: ColumnKind::Text,
                width: 10.0,
            }],
            texts
                .iter()
                .map(|s| Row {
                    role: RowRole::Item,
                    cells: vec![Cell::text(*s)],
                })
                .collect(),
        );
        assert_eq!(per_line(10.0 * 1.15), 5);
        let w = col_width(&t, 0);
        let n = per_line(w);
        for s in texts {
            let len = s.chars().count();
            assert_ne!(len % n, 1, "{s}: {n} a line at width {w}");
        }
        assert!(w <= 10.0 * 1.15 * 1.25, "{w}");
    }

    #[test]
    fn a_heading_row_at_a_page_foot_moves_to_the_next_page() {
        let row = |role, s: &str| Row {
            role,
            cells: vec![Cell::Text(s.into())],
        };
        // The page prints 595 - 2 × 43.2 = 508.9 pt; the title block is 58 pt
        // and 28 rows of 15 pt end at 478 pt: a heading there fits, the two
        // rows after it do not, so it goes to the next page.
        let mut rows: Vec<Row> = (0..28).map(|i| row(RowRole::Item, &format!("任务{i}"))).collect();
        rows.push(row(RowRole::Heading, "一级指标"));
        rows.extend((0..10).map(|i| row(RowRole::Item, &format!("指标{i}"))));
        let t = table(
            11,
            vec![Column {
                kind: ColumnKind::Text,
                width: 20.0,
            }],
            rows,
        );
        let bytes = workbook_bytes(&[t], "x").unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        // The heading is body row 28, sheet row 32 (1-based): the break
        // follows row 31.
        assert!(sheet.contains(r#"<brk id="31""#), "{sheet}");
        assert_eq!(sheet.matches("<brk ").count(), 1);
    }

    #[test]
    fn a_code_column_holds_its_longest_code() {
        let code = "281240000000000000001";
        let t = Table {
            number: 12,
            label: "预算12表".into(),
            title: "项目支出表".into(),
            department: String::new(),
            unit_line: String::new(),
            header: Vec::new(),
            header_rows: 0,
            columns: vec![
                Column {
                    kind: ColumnKind::Code,
                    width: 11.0,
                },
                Column {
                    kind: ColumnKind::Text,
                    width: 20.0,
                },
            ],
            rows: vec![Row {
                role: RowRole::Item,
                cells: vec![Cell::Code(code.into()), Cell::Text("项目".into())],
            }],
            merges: Vec::new(),
            note: None,
            decimals: 2,
            style: AmountStyle::BUDGET,
        };
        assert!(col_width(&t, 0) >= text_width(code) + 1.0, "{}", col_width(&t, 0));
        assert_eq!(col_width(&t, 1), 20.0 * 1.15);
        assert_eq!(pages_wide(&t), 1);
    }

    #[test]
    fn a_name_that_nearly_fits_widens_its_column_and_a_wide_table_prints_on_two_pages() {
        let name = "郑州市中小企业服务中心";
        let mut t = Table {
            number: 2,
            label: "预算02表".into(),
            title: String::new(),
            department: String::new(),
            unit_line: String::new(),
            header: Vec::new(),
            header_rows: 0,
            columns: vec![Column {
                kind: ColumnKind::Text,
                width: 17.0,
            }],
            rows: vec![Row {
                role: RowRole::Item,
                cells: vec![Cell::Text(name.into())],
            }],
            merges: Vec::new(),
            note: None,
            decimals: 2,
            style: AmountStyle::BUDGET,
        };
        assert!(col_width(&t, 0) >= text_width(name) + 1.0);
        for _ in 0..20 {
            t.columns.push(Column {
                kind: ColumnKind::Amount,
                width: 11.0,
            });
        }
        assert_eq!(pages_wide(&t), 2);
        // The name column prints again on the second page.
        assert_eq!(repeated_columns(&t, &col_widths(&t)), Some(0));
        let bytes = workbook_bytes(&[t], "x").unwrap();
        let wb = part(&bytes, "xl/workbook.xml");
        assert!(
            wb.contains(r#"localSheetId="0">预算02表!$A:$A,预算02表!$1:$3<"#),
            "{wb}"
        );
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"fitToWidth="2""#), "{sheet}");
    }
}
