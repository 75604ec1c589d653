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

fn col_width(t: &Table, c: usize) -> f64 {
    let col = &t.columns[c];
    match col.kind {
        ColumnKind::Amount => f64::from(col.width).max(11.0),
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
            f64::from(col.width).max(5.0).max(longest + 1.5)
        }
        ColumnKind::Text => {
            // Widen (up to a quarter) so that a name that nearly fits is not
            // broken before its last character or two (「…服务中|心」).
            let base = f64::from(col.width) * 1.15;
            let longest = t
                .rows
                .iter()
                .filter_map(|r| match r.cells.get(c) {
                    Some(Cell::Text(s)) => Some(text_width(s) + 1.0),
                    _ => None,
                })
                .filter(|w| *w <= base * 1.25)
                .fold(0.0, f64::max);
            base.max(longest)
        }
        ColumnKind::LongText => f64::from(col.width) * 1.15,
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

/// Every column's width, measured once (each measure reads every row).
fn col_widths(t: &Table) -> Vec<f64> {
    (0..t.columns.len()).map(|c| col_width(t, c)).collect()
}

fn write_sheet(ws: &mut Worksheet, t: &Table, draft: Option<&str>) -> Result<(), XlsxError> {
    ws.set_name(t.sheet_name())?;
    let f = Formats::new(t.decimals, t.style);
    let ncols = t.columns.len() as u16;
    let last = ncols.saturating_sub(1);
    let widths = col_widths(t);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // Title block: label, title, then 部门名称 (left) and 单位 (right).
    let half = (ncols / 2).max(1);
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
    for h in &t.header {
        let (r, c) = (top + h.row as u32, h.col as u16);
        if h.rows > 1 || h.cols > 1 {
            ws.merge_range(r, c, r + h.rows as u32 - 1, c + h.cols as u16 - 1, &h.text, &f.header)?;
        } else {
            ws.write_string_with_format(r, c, &h.text, &f.header)?;
        }
    }
    for hr in 0..t.header_rows {
        let height = t
            .header
            .iter()
            .filter(|h| h.row + h.rows - 1 == hr)
            .map(|h| {
                let w: f64 = (h.col..h.col + h.cols).map(|c| widths[c]).sum();
                (text_width(&h.text) / (w - 1.0).max(1.0)).ceil() / h.rows as f64
            })
            .fold(1.0, f64::max);
        ws.set_row_height(top + hr as u32, 15.0 * height.max(1.0))?;
    }
    let body = top + t.header_rows as u32;
    if t.header_rows > 0 {
        ws.set_repeat_rows(top, body - 1)?;
    }
    // The column headers stay in view while scrolling.
    ws.set_freeze_panes(body, 0)?;
    // Cells covered by a merge (other than its top-left) are written by the merge.
    let covered = |r: usize, c: usize| {
        t.merges
            .iter()
            .any(|m| r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols && (r, c) != (m.row, m.col))
    };
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
        }
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
    ws.set_print_fit_to_pages(pages_wide_of(&widths), 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_report::table::{Column, Row};

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
    }
}
