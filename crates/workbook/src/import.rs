//! The import workbook (预算填报模板, `shared/spec/import-template.md`).
//!
//! `import_path` reads an `.xlsx` workbook, or a folder of UTF-8 CSV files
//! named `<sheet>.csv`, into a `Package`. Every problem found is reported with
//! its sheet, row (as Excel numbers it, header = row 1) and column; an import
//! either succeeds whole or returns every error (up to `MAX_ERRORS`).
//!
//! `write_template` writes the same workbook, empty or filled from a package,
//! so that export → edit in Excel → import round-trips.
//!
//! Decisions where the spec is silent:
//! - Amounts written as text accept `1959630.00`, `1,959,630` (commas must be
//!   thousands separators), full-width digits and punctuation and any
//!   whitespace; scientific notation (`1e5`) is rejected; zeros beyond the
//!   second decimal (`12.300`) are accepted.
//! - An xlsx number is accepted as an amount when it is within
//!   max(1e-6, 4 ulp) of a 2-decimal value (formula results such as
//!   `0.1+0.2`), and rounded to it.
//! - Every amount is stored with two decimal places (scale 2).
//! - In `上年数` an empty 金额 means "not given" (the row is skipped), so the
//!   template can list every item; in `说明` an empty 内容 is skipped; in `资产`
//!   an empty 数量 means "not given". A key given twice is an error.
//! - Unknown keys in `封面` are errors (they are most likely typos).
//! - Text cells are trimmed and their line breaks normalised to `\n`.
//! - 预算年度 must be an integer in 2000..=2100 (a trailing `年` is accepted).

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use yusuan_model::{
    AmountUnit, BasicLine, CostKind, DeptIndicator, FundSource, IncomeEntry, Indicator, IndicatorKind, LastYearItem,
    Package, Procurement, Project, ProjectKind, ProjectLine, Task, TextKey, Unit, UnitKind, Yuan,
};

/// At most this many errors are reported (a note says when there were more).
pub const MAX_ERRORS: usize = 200;

// ---------------------------------------------------------------------------
// Errors

/// One problem of an import, located as the user sees it in Excel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The sheet (empty for problems of the whole file).
    pub sheet: String,
    /// 1-based row number as shown by Excel (the header is row 1).
    pub row: Option<usize>,
    /// The column header (or the column letter in `封面`).
    pub column: Option<String>,
    pub message: String,
}

impl ImportError {
    pub(crate) fn file(message: String) -> ImportError {
        ImportError {
            sheet: String::new(),
            row: None,
            column: None,
            message,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever a broken file or a library's detail held.
        let message: String = self
            .message
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if self.sheet.is_empty() && self.row.is_none() && self.column.is_none() {
            return write!(f, "{message}");
        }
        if !self.sheet.is_empty() {
            write!(f, "工作表“{}”", self.sheet)?;
        }
        if let Some(row) = self.row {
            write!(f, "第{row}行")?;
        }
        if let Some(col) = &self.column {
            write!(f, "“{col}”列")?;
        }
        write!(f, "：{message}")
    }
}

impl std::error::Error for ImportError {}

/// Every problem of an import (never empty when returned as an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportErrors(pub Vec<ImportError>);

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

#[derive(Default)]
pub(crate) struct Errors {
    pub(crate) v: Vec<ImportError>,
    dropped: usize,
}

impl Errors {
    pub(crate) fn push(&mut self, e: ImportError) {
        if self.v.len() < MAX_ERRORS {
            self.v.push(e);
        } else {
            self.dropped += 1;
        }
    }
    pub(crate) fn sheet(&mut self, sheet: &str, message: String) {
        self.push(ImportError {
            sheet: sheet.to_string(),
            row: None,
            column: None,
            message,
        });
    }
    /// The errors, in the order of `sheets` (the workbook's).
    pub(crate) fn finish(mut self, sheets: &[&str]) -> Option<ImportErrors> {
        if self.v.is_empty() {
            return None;
        }
        // In the workbook's order of sheets (stable: rows stay in order).
        self.v
            .sort_by_key(|e| sheets.iter().position(|s| *s == e.sheet).map_or(0, |i| i + 1));
        if self.dropped > 0 {
            self.v.push(ImportError::file(format!(
                "错误过多：仅列出前{}条，另有{}条未列出",
                MAX_ERRORS, self.dropped
            )));
        }
        Some(ImportErrors(self.v))
    }
}

// ---------------------------------------------------------------------------
// Sheets and columns: declared once in `sheets`

use crate::sheets::{self, Column, Kind, Sheet, *};
pub use crate::sheets::{
    ASSET_ITEMS, COVER_KEYS, SHEET_ASSETS, SHEET_BASIC, SHEET_COVER, SHEET_DEPT_INDICATORS, SHEET_INCOME,
    SHEET_LAST_YEAR, SHEET_PROJECT_INDICATORS, SHEET_PROJECT_LINES, SHEET_PROJECTS, SHEET_TASKS, SHEET_TEXTS,
    SHEET_UNITS, SHEETS, sheet_columns,
};

// ---------------------------------------------------------------------------
// Raw cells

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Float(f64),
    Int(i64),
    Bool(bool),
    /// A date or time, already formatted.
    Date(String),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages.
    pub(crate) fn shown(&self) -> String {
        let s = match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Float(f) => format_float(*f),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(s) | Cell::Error(s) => s.clone(),
        };
        clip(&s)
    }
}

/// Cuts a value for quoting in a message.
use yusuan_model::amount::clip;

pub(crate) fn format_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

pub(crate) struct RawRow {
    /// 1-based row number as Excel shows it.
    pub(crate) row: usize,
    pub(crate) cells: Vec<Cell>,
}

impl RawRow {
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
    pub(crate) fn cell(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }
}

pub(crate) struct RawSheet {
    pub(crate) rows: Vec<RawRow>,
}

// ---------------------------------------------------------------------------
// Sources: a folder of CSV files or an xlsx workbook

pub(crate) enum Source {
    Dir(PathBuf),
    Xlsx(Box<calamine::Xlsx<BufReader<File>>>, Vec<String>, crate::guard::Scan),
}

pub(crate) fn open_source(path: &Path) -> Result<Source, ImportError> {
    if path.is_dir() {
        return Ok(Source::Dir(path.to_path_buf()));
    }
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(ImportError::file(format!(
            "无法导入“{}”：应为 .xlsx 工作簿，或包含各工作表 CSV 文件（如“基本支出.csv”）的文件夹",
            path.display()
        )));
    }
    if !path.exists() {
        return Err(ImportError::file(format!("找不到工作簿“{}”", path.display())));
    }
    use calamine::Reader;
    // Sizes, counts and missing values first: calamine holds the shared
    // strings in memory and reserves what the workbook declares.
    let scan = crate::guard::scan_xlsx(path).map_err(ImportError::file)?;
    let wb: calamine::Xlsx<BufReader<File>> = calamine::open_workbook(path).map_err(|e| {
        ImportError::file(format!(
            "无法读取工作簿“{}”：文件已损坏或不是 Excel 工作簿（详细信息：{e}）",
            path.display()
        ))
    })?;
    let names = wb.sheet_names();
    Ok(Source::Xlsx(Box::new(wb), names, scan))
}

impl Source {
    /// The sheet, `None` when the workbook or folder has no such sheet.
    pub(crate) fn load(&mut self, name: &str) -> Result<Option<RawSheet>, ImportError> {
        match self {
            Source::Dir(dir) => {
                let file = dir.join(format!("{name}.csv"));
                if !file.is_file() {
                    return Ok(None);
                }
                let sheet_err = |message: String| ImportError {
                    sheet: name.to_string(),
                    row: None,
                    column: None,
                    message,
                };
                let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
                if size > yusuan_model::limits::MAX_CSV_FILE {
                    return Err(sheet_err(format!(
                        "文件“{}”过大（{:.1} MB），每个 CSV 文件最大 {} MB",
                        file.display(),
                        size as f64 / (1024.0 * 1024.0),
                        yusuan_model::limits::MAX_CSV_FILE / (1024 * 1024)
                    )));
                }
                let bytes = std::fs::read(&file)
                    .map_err(|e| sheet_err(format!("无法读取文件“{}”（详细信息：{e}）", file.display())))?;
                read_csv(name, &bytes).map(Some)
            }
            Source::Xlsx(wb, names, scan) => {
                let Some(actual) = names.iter().find(|n| n.trim() == name).cloned() else {
                    return Ok(None);
                };
                if let Some((cell, missing)) = scan.missing.get(&actual) {
                    let message = match missing {
                        crate::guard::Missing::FormulaResult { formula } => format!(
                            "单元格{cell}是公式（={}），但公式没有计算结果，请先在Excel/WPS中打开并保存，再导入",
                            clip(formula)
                        ),
                        crate::guard::Missing::Value => {
                            format!("单元格{cell}的值为空（不是有效的数字，可能是 NaN 等无效值），请重新输入")
                        }
                        crate::guard::Missing::BadAddress { reference } => format!(
                            "单元格地址“{}”无效（应为如 B12 的地址，最多3个字母、9位行号），文件可能已损坏",
                            clip(reference)
                        ),
                    };
                    return Err(ImportError {
                        sheet: name.to_string(),
                        row: None,
                        column: None,
                        message,
                    });
                }
                read_sheet(wb, &actual, name).map(Some)
            }
        }
    }
}

pub(crate) fn read_csv(name: &str, bytes: &[u8]) -> Result<RawSheet, ImportError> {
    let err = |row: Option<usize>, message: String| ImportError {
        sheet: name.to_string(),
        row,
        column: None,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| {
        err(
            None,
            "文件“".to_string() + name + ".csv”不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    use yusuan_model::limits::{MAX_ROWS, MAX_SHEET_COLUMN, MAX_SHEET_ROW};
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // csv reports the line a record starts on and skips blank lines; Excel
    // numbers records, counting blank lines and not counting line breaks
    // inside quoted cells.
    let mut embedded = 0usize;
    let mut last_row = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| err(Some(last_row + 1), format!("CSV 格式有误（详细信息：{e}）")))?;
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(last_row + 1 + embedded);
        let row = line.saturating_sub(embedded).max(last_row + 1);
        embedded += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
        last_row = row;
        if row > MAX_SHEET_ROW as usize {
            return Err(err(
                Some(row),
                format!("行数过多：导入工作表最多{MAX_SHEET_ROW}行（每张表最多{MAX_ROWS}条记录）"),
            ));
        }
        if let Some((i, _)) = record
            .iter()
            .enumerate()
            .skip(MAX_SHEET_COLUMN as usize)
            .find(|(_, f)| !f.trim().is_empty())
        {
            return Err(err(
                Some(row),
                format!(
                    "第{}列超出导入范围：导入工作表最多{MAX_SHEET_COLUMN}列，请删除该列的内容",
                    i + 1
                ),
            ));
        }
        let cells = record
            .iter()
            .take(MAX_SHEET_COLUMN as usize)
            .map(|f| {
                if f.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        rows.push(RawRow { row, cells });
    }
    Ok(RawSheet { rows })
}

/// Column letters of a 0-based column: 0 → `A`, 16383 → `XFD`.
pub(crate) fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a worksheet cell by cell: memory follows the cells present, not the
/// size the sheet declares. A non-empty cell below row
/// [`MAX_SHEET_ROW`](yusuan_model::limits::MAX_SHEET_ROW) or right of column
/// [`MAX_SHEET_COLUMN`](yusuan_model::limits::MAX_SHEET_COLUMN) is refused;
/// empty (formatted) cells there are ignored.
pub(crate) fn read_sheet(
    wb: &mut calamine::Xlsx<BufReader<File>>,
    actual: &str,
    name: &str,
) -> Result<RawSheet, ImportError> {
    use calamine::DataRef;
    use yusuan_model::limits::{MAX_SHEET_COLUMN, MAX_SHEET_ROW};
    let err = |row: Option<usize>, message: String| ImportError {
        sheet: name.to_string(),
        row,
        column: None,
        message,
    };
    let broken = |e: calamine::XlsxError| err(None, format!("无法读取此工作表，文件可能已损坏（详细信息：{e}）"));
    let mut reader = wb.worksheet_cells_reader(actual).map_err(broken)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<Cell>> = std::collections::BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(broken)? {
        let (r, c) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text(s.to_string()),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(dt) => Cell::Date(format_datetime(dt)),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
            DataRef::Error(e) => Cell::Error(e.to_string()),
        };
        if r >= MAX_SHEET_ROW || c >= MAX_SHEET_COLUMN {
            let address = format!("{}{}", column_letters(c), u64::from(r) + 1);
            return Err(ImportError {
                sheet: name.to_string(),
                row: None,
                column: None,
                message: format!(
                    "单元格{address}超出导入范围：导入工作表最多{MAX_SHEET_ROW}行、{}列（到{}列），请删除该单元格的内容",
                    MAX_SHEET_COLUMN,
                    column_letters(MAX_SHEET_COLUMN - 1)
                ),
            });
        }
        let row = rows.entry(r).or_default();
        if row.len() <= c as usize {
            row.resize(c as usize + 1, Cell::Empty);
        }
        row[c as usize] = value;
    }
    Ok(RawSheet {
        rows: rows
            .into_iter()
            .map(|(r, cells)| RawRow {
                row: r as usize + 1,
                cells,
            })
            .collect(),
    })
}

fn format_datetime(dt: &calamine::ExcelDateTime) -> String {
    if dt.is_duration() || !dt.as_f64().is_finite() || dt.as_f64() < 0.0 || dt.as_f64() > 2_958_465.0 {
        return format_float(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if h == 0 && mi == 0 && s == 0 {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

// ---------------------------------------------------------------------------
// Values

pub use yusuan_model::amount::parse_yuan as parse_amount;
use yusuan_model::amount::{amount_expected, half_width, negative, too_large, too_precise};

/// An amount read from an xlsx number cell: rejected when it is negative,
/// too large or not (within floating-point error) a 2-decimal value.
pub fn amount_from_f64(f: f64) -> Result<Yuan, String> {
    let shown = format_float(f);
    if !f.is_finite() {
        return Err(amount_expected(&shown));
    }
    if f < 0.0 {
        return Err(negative(&shown));
    }
    if f >= 1e13 {
        return Err(too_large(&shown));
    }
    let d = Decimal::from_f64_retain(f).ok_or_else(|| amount_expected(&shown))?;
    let mut rounded = d.round_dp(2);
    let back = rounded.to_f64().unwrap_or(f64::NAN);
    let tolerance = 1e-6_f64.max(f.abs() * 4.0 * f64::EPSILON);
    if (f - back).abs().is_nan() || (f - back).abs() > tolerance {
        return Err(too_precise(&shown));
    }
    if rounded >= yusuan_model::limits::max_amount() {
        return Err(too_large(&shown));
    }
    rounded.rescale(2);
    Ok(rounded)
}

pub(crate) fn cell_amount(cell: &Cell) -> Result<Yuan, String> {
    match cell {
        Cell::Empty => Ok(Decimal::new(0, 2)),
        Cell::Text(s) => parse_amount(s),
        Cell::Float(f) => amount_from_f64(*f),
        Cell::Int(i) => {
            if *i < 0 {
                Err(negative(&i.to_string()))
            } else {
                let mut d = Decimal::from(*i);
                if d >= yusuan_model::limits::max_amount() {
                    return Err(too_large(&i.to_string()));
                }
                d.rescale(2);
                Ok(d)
            }
        }
        Cell::Date(s) => Err(format!("{}（单元格是日期格式）", amount_expected(s))),
        other => Err(amount_expected(&other.shown())),
    }
}

/// Text of a cell: trimmed, line breaks as `\n`.
pub(crate) fn cell_text(cell: &Cell) -> Result<String, String> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Text(s) => Ok(s.replace("\r\n", "\n").replace('\r', "\n").trim().to_string()),
        Cell::Float(f) => Ok(format_float(*f)),
        Cell::Int(i) => Ok(i.to_string()),
        Cell::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Cell::Date(s) => Ok(s.clone()),
        Cell::Error(e) => Err(format!("单元格是错误值“{e}”，应为文本")),
    }
}

/// A code (单位代码, 科目编码, 项目编码): text without any whitespace; an xlsx
/// number must be a whole number (its leading zeros are lost: format the
/// column as text).
pub(crate) fn cell_code(cell: &Cell) -> Result<String, String> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Text(s) => {
            let code: String = s.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
            Ok(code.strip_prefix('\'').map(str::to_string).unwrap_or(code))
        }
        Cell::Int(i) if *i >= 0 => Ok(i.to_string()),
        Cell::Float(f) if f.is_finite() && *f >= 0.0 && f.fract() == 0.0 => {
            if *f >= 9_007_199_254_740_992.0 {
                Err(format!(
                    "编码“{}”以数字形式保存，超过15位已丢失精度：请把该列设为文本格式后重新输入",
                    format_float(*f)
                ))
            } else {
                Ok(format!("{f:.0}"))
            }
        }
        other => Err(format!("应为编码（文本或整数），实际为“{}”", other.shown())),
    }
}

/// A non-negative whole number (资产 数量); `None` when empty.
pub(crate) fn cell_count(cell: &Cell) -> Result<Option<u32>, String> {
    let expected = |shown: &str| format!("应为非负整数（数量），实际为“{}”", clip(shown));
    match cell {
        Cell::Empty => Ok(None),
        Cell::Int(i) => u32::try_from(*i).map(Some).map_err(|_| expected(&i.to_string())),
        Cell::Float(f) => {
            if f.is_finite() && f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64 {
                Ok(Some(*f as u32))
            } else {
                Err(expected(&format_float(*f)))
            }
        }
        Cell::Text(s) => {
            let t: String = s.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
            if t.is_empty() {
                return Ok(None);
            }
            let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
            if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b == b'0') {
                return Err(expected(s.trim()));
            }
            int.parse::<u32>().map(Some).map_err(|_| expected(s.trim()))
        }
        other => Err(expected(&other.shown())),
    }
}

pub(crate) fn one_of(allowed: &[&str]) -> String {
    allowed.join("、")
}

// ---------------------------------------------------------------------------
// Tables

pub(crate) struct Table<'a> {
    sheet: &'static str,
    cols: HashMap<&'static str, usize>,
    pub(crate) rows: Vec<&'a RawRow>,
}

/// The header and data rows of a sheet; `None` when it is missing or lacks a
/// required column (the errors are recorded).
pub(crate) fn table<'a>(
    decl: &'static Sheet,
    loaded: &'a HashMap<&'static str, RawSheet>,
    errs: &mut Errors,
) -> Option<Table<'a>> {
    let (sheet, columns, required_sheet) = (decl.name, decl.columns, decl.required);
    let raw = loaded.get(sheet)?;
    let non_blank: Vec<&RawRow> = raw.rows.iter().filter(|r| !r.is_blank()).collect();
    // The header is the first row naming one of the sheet's columns (a title
    // above it is allowed), else the first row that is not blank.
    let names_a_column = |r: &RawRow| {
        r.cells.iter().any(|c| {
            cell_text(c).is_ok_and(|t| {
                columns
                    .iter()
                    .any(|c| t.trim_start_matches('\u{feff}').trim() == c.header)
            })
        })
    };
    let start = non_blank.iter().take(10).position(|r| names_a_column(r)).unwrap_or(0);
    let mut rows = non_blank.into_iter().skip(start);
    let Some(header) = rows.next() else {
        if required_sheet {
            let names: Vec<&str> = columns.iter().map(|c| c.header).collect();
            errs.sheet(sheet, format!("工作表为空：第1行应为表头（{}）", one_of(&names)));
            return None;
        }
        return Some(Table {
            sheet,
            cols: HashMap::new(),
            rows: Vec::new(),
        });
    };
    let mut found: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    for (i, c) in header.cells.iter().enumerate() {
        if let Ok(t) = cell_text(c) {
            let t = t.trim_start_matches('\u{feff}').trim().to_string();
            match found.get(&t) {
                // A column of the sheet given twice: which one is meant is not known.
                Some(&first) if columns.iter().any(|c| c.header == t) => {
                    ok = false;
                    errs.push(ImportError {
                        sheet: sheet.to_string(),
                        row: Some(header.row),
                        column: Some(t.clone()),
                        message: format!(
                            "表头“{t}”出现了两次（第{}列和第{}列），请删除或改名其中一列",
                            first + 1,
                            i + 1
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    found.insert(t, i);
                }
            }
        }
    }
    let mut cols = HashMap::new();
    for c in columns {
        let name = &c.header;
        match found.get(*name) {
            Some(&i) => {
                cols.insert(*name, i);
            }
            None if c.required => {
                ok = false;
                errs.push(ImportError {
                    sheet: sheet.to_string(),
                    row: Some(header.row),
                    column: Some(name.to_string()),
                    message: format!("缺少必需的列“{name}”（表头行应包含：{}）", {
                        let names: Vec<&str> = columns.iter().filter(|c| c.required).map(|c| c.header).collect();
                        one_of(&names)
                    }),
                });
            }
            None => {}
        }
    }
    if !ok {
        return None;
    }
    Some(Table {
        sheet,
        cols,
        rows: rows.collect(),
    })
}

pub(crate) struct Row<'a> {
    sheet: &'static str,
    raw: &'a RawRow,
    cols: &'a HashMap<&'static str, usize>,
}

impl<'a> Table<'a> {
    pub(crate) fn each(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|raw| Row {
            sheet: self.sheet,
            raw,
            cols: &self.cols,
        })
    }
}

impl Row<'_> {
    pub(crate) fn cell(&self, col: &str) -> &Cell {
        match self.cols.get(col) {
            Some(&i) => self.raw.cell(i),
            None => &Cell::Empty,
        }
    }

    pub(crate) fn number(&self) -> usize {
        self.raw.row
    }

    pub(crate) fn err(&self, errs: &mut Errors, col: &str, message: String) {
        errs.push(ImportError {
            sheet: self.sheet.to_string(),
            row: Some(self.raw.row),
            column: Some(col.to_string()),
            message,
        });
    }

    pub(crate) fn text(&self, col: &str, required: bool, errs: &mut Errors) -> String {
        self.string(col, required, errs, cell_text, "不能为空")
    }

    pub(crate) fn code(&self, col: &str, required: bool, errs: &mut Errors) -> String {
        self.string(col, required, errs, cell_code, "不能为空，应为编码")
    }

    /// A text cell read by `parse`; an empty required cell reports `empty`.
    fn string(
        &self,
        col: &str,
        required: bool,
        errs: &mut Errors,
        parse: fn(&Cell) -> Result<String, String>,
        empty: &str,
    ) -> String {
        match parse(self.cell(col)) {
            Ok(t) => {
                if required && t.is_empty() {
                    self.err(errs, col, empty.to_string());
                }
                t
            }
            Err(m) => {
                self.err(errs, col, m);
                String::new()
            }
        }
    }

    pub(crate) fn amount(&self, col: &str, errs: &mut Errors) -> Yuan {
        match cell_amount(self.cell(col)) {
            Ok(a) => a,
            Err(m) => {
                self.err(errs, col, m);
                Decimal::new(0, 2)
            }
        }
    }

    /// An enumerated value; `None` when empty (an error if required) or
    /// unknown (always an error).
    pub(crate) fn choice<T>(
        &self,
        col: &str,
        required: bool,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
        errs: &mut Errors,
    ) -> Option<T> {
        let t = match cell_text(self.cell(col)) {
            Ok(t) => t,
            Err(m) => {
                self.err(errs, col, m);
                return None;
            }
        };
        if t.is_empty() {
            if required {
                self.err(errs, col, format!("不能为空，应为以下之一：{}", one_of(allowed)));
            }
            return None;
        }
        let parsed = parse(&t);
        if parsed.is_none() {
            self.err(
                errs,
                col,
                format!("应为以下之一：{}，实际为“{}”", one_of(allowed), clip(&t)),
            );
        }
        parsed
    }
}

/// The keys a sheet gave so far, each with the row it was first given on and
/// a value; a key given twice is an error of the second row.
pub(crate) struct Seen<K, V = ()>(HashMap<K, (usize, V)>);

impl<K, V> Default for Seen<K, V> {
    fn default() -> Self {
        Seen(HashMap::new())
    }
}

impl<K: Eq + std::hash::Hash, V> Seen<K, V> {
    /// Records `key` from `row`; `Err(first row)` when it was given before.
    pub(crate) fn insert(&mut self, key: K, row: usize, value: V) -> Result<(), usize> {
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Err(e.get().0),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((row, value));
                Ok(())
            }
        }
    }
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + std::hash::Hash + ?Sized,
    {
        self.0.get(key).map(|(_, v)| v)
    }
    /// The row `key` was given on, and its value.
    pub(crate) fn entry<Q>(&self, key: &Q) -> Option<&(usize, V)>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + std::hash::Hash + ?Sized,
    {
        self.0.get(key)
    }
}

/// `“部门名称”重复（第3行已有）`.
pub(crate) fn repeated(what: &str, first: usize) -> String {
    format!("{what}重复（第{first}行已有）")
}

// ---------------------------------------------------------------------------
// Units, lines and projects: read alike by the 预算 and the 决算 import

/// The `单位` sheet: the units and the rows they were given on.
pub(crate) struct Units {
    pub(crate) list: Vec<Unit>,
    rows: Seen<String>,
    /// Whether the sheet was read (else unit codes are not checked).
    known: bool,
}

impl Units {
    pub(crate) fn read(raw: &HashMap<&'static str, RawSheet>, errs: &mut Errors) -> Units {
        let mut units = Units {
            list: Vec::new(),
            rows: Seen::default(),
            known: false,
        };
        let Some(t) = table(&sheets::UNITS, raw, errs) else {
            return units;
        };
        for r in t.each() {
            let code = r.code(C_UNIT, true, errs);
            let name = r.text(C_UNIT_NAME, true, errs);
            let kind = r.choice(C_UNIT_KIND, true, &unit_kind_labels(), UnitKind::from_label, errs);
            if code.is_empty() {
                continue;
            }
            if let Err(first) = units.rows.insert(code.clone(), r.number(), ()) {
                r.err(errs, C_UNIT, repeated(&format!("单位代码“{code}”"), first));
                continue;
            }
            units.list.push(Unit {
                code,
                name,
                kind: kind.unwrap_or_default(),
            });
        }
        if t.rows.is_empty() {
            errs.sheet(
                SHEET_UNITS,
                "没有任何单位：至少应填写一行（单位代码、单位名称、单位性质）".into(),
            );
        }
        units.known = true;
        units
    }

    /// An error of `r` when `code` is not one of the units.
    pub(crate) fn check(&self, r: &Row, code: &str, errs: &mut Errors) {
        if self.known && !code.is_empty() && self.rows.get(code).is_none() {
            r.err(errs, C_UNIT, format!("单位代码“{}”不在“单位”工作表中", clip(code)));
        }
    }
}

/// How a workbook names the 资金来源 of lines, and which codes it accepts.
pub(crate) struct LineRules {
    pub(crate) source_labels: fn() -> Vec<&'static str>,
    pub(crate) source: fn(&str) -> Option<FundSource>,
    /// Checks a code cell (`列`, code) of a row; the 预算 leaves codes to the audit.
    pub(crate) code: fn(&Row, &str, &str, &mut Errors),
}

impl LineRules {
    pub(crate) const BUDGET: LineRules = LineRules {
        source_labels: fund_source_labels,
        source: FundSource::from_label,
        code: |_, _, _, _| {},
    };

    /// `功能科目编码`, `经济科目编码` and `政府经济科目编码` of a line.
    fn codes(&self, r: &Row, errs: &mut Errors) -> (String, String, Option<String>) {
        let func = r.code(C_FUNC, true, errs);
        let econ = r.code(C_ECON, true, errs);
        let gov = r.code(C_GOV, false, errs);
        for (col, code) in [(C_FUNC, &func), (C_ECON, &econ), (C_GOV, &gov)] {
            if !code.is_empty() {
                (self.code)(r, col, code, errs);
            }
        }
        (func, econ, (!gov.is_empty()).then_some(gov))
    }

    /// `资金来源`: empty means 一般公共预算-财政拨款.
    pub(crate) fn source(&self, r: &Row, errs: &mut Errors) -> FundSource {
        r.choice(C_SOURCE, false, &(self.source_labels)(), self.source, errs)
            .unwrap_or_default()
    }
}

/// A project's performance indicator (一级指标 … 指标值说明) of a row;
/// `None` when its 一级指标 is not one of the four.
pub(crate) fn indicator_of(r: &Row, errs: &mut Errors) -> Option<Indicator> {
    let kind = r.choice(
        C_LEVEL1,
        true,
        &indicator_kind_labels(),
        IndicatorKind::from_label,
        errs,
    );
    let level2 = r.text(C_LEVEL2, false, errs);
    let level3 = r.text(C_LEVEL3, true, errs);
    let value = r.text(C_VALUE, false, errs);
    let note = r.text(C_VALUE_NOTE, false, errs);
    Some(Indicator {
        kind: kind?,
        level2,
        level3,
        value,
        note,
    })
}

/// A department's performance indicator of a row (empty 一级/二级 continue
/// the group above, as printed).
pub(crate) fn dept_indicator_of(r: &Row, errs: &mut Errors) -> DeptIndicator {
    DeptIndicator {
        level1: r.text(C_LEVEL1, false, errs),
        level2: r.text(C_LEVEL2, false, errs),
        level3: r.text(C_LEVEL3, true, errs),
        value: r.text(C_VALUE, false, errs),
        note: r.text(C_VALUE_NOTE, false, errs),
    }
}

fn procurement(r: &Row, errs: &mut Errors) -> Option<Procurement> {
    r.choice(
        C_PROCUREMENT,
        false,
        &procurement_labels(),
        Procurement::from_label,
        errs,
    )
}

/// The rows of `基本支出`.
pub(crate) fn read_basic_lines(t: &Table, units: &Units, rules: &LineRules, errs: &mut Errors) -> Vec<BasicLine> {
    let mut lines = Vec::new();
    for r in t.each() {
        let unit = r.code(C_UNIT, true, errs);
        units.check(&r, &unit, errs);
        let (func, econ, gov) = rules.codes(&r, errs);
        let kind = r.choice(C_COST_KIND, false, &cost_kind_labels(), CostKind::from_label, errs);
        let source = rules.source(&r, errs);
        let amount = r.amount(C_AMOUNT, errs);
        let note = r.text(C_NOTE, false, errs);
        let procurement = procurement(&r, errs);
        lines.push(BasicLine {
            unit,
            func,
            econ,
            gov,
            kind,
            source,
            amount,
            note,
            procurement,
            rejected: Default::default(),
        });
    }
    lines
}

/// The `项目` sheet: the projects and where each was given.
pub(crate) struct Projects {
    pub(crate) list: Vec<Project>,
    rows: Seen<String, usize>,
    /// Whether project codes can be checked (the sheet was read, or is absent).
    known: bool,
}

impl Projects {
    /// Reads `项目` (`t`, `None` when absent or unreadable); `extra` reads
    /// further columns of a row given its project's index.
    pub(crate) fn read(
        t: Option<Table>,
        raw: &HashMap<&'static str, RawSheet>,
        units: &Units,
        errs: &mut Errors,
        mut extra: impl FnMut(&Row, usize, &mut Errors),
    ) -> Projects {
        let mut projects = Projects {
            list: Vec::new(),
            rows: Seen::default(),
            // A missing 项目 sheet means no projects.
            known: !raw.contains_key(SHEET_PROJECTS),
        };
        let Some(t) = t else { return projects };
        projects.known = true;
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let name = r.text(C_PROJECT_NAME, true, errs);
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let kind = r.choice(
                C_PROJECT_KIND,
                true,
                &project_kind_labels(),
                ProjectKind::from_label,
                errs,
            );
            let secret = r.choice(
                C_SECRET,
                false,
                &SECRET_LABELS,
                |s| match s {
                    "是" => Some(true),
                    "否" => Some(false),
                    _ => None,
                },
                errs,
            );
            if code.is_empty() {
                continue;
            }
            if let Err(first) = projects.rows.insert(code.clone(), r.number(), projects.list.len()) {
                r.err(errs, C_PROJECT, repeated(&format!("项目编码“{}”", clip(&code)), first));
                continue;
            }
            extra(&r, projects.list.len(), errs);
            projects.list.push(Project {
                code,
                name,
                unit,
                kind: kind.unwrap_or_default(),
                secret: secret.unwrap_or(false),
                lines: Vec::new(),
                indicators: Vec::new(),
            });
        }
        projects
    }

    /// The index of the project `code` (an error of `r` when unknown).
    pub(crate) fn find(&self, r: &Row, code: &str, errs: &mut Errors) -> Option<usize> {
        if code.is_empty() {
            return None;
        }
        match self.rows.get(code) {
            Some(&i) => Some(i),
            None => {
                if self.known {
                    r.err(errs, C_PROJECT, format!("项目编码“{}”不在“项目”工作表中", clip(code)));
                }
                None
            }
        }
    }

    /// The rows of `项目绩效`, each added to its project.
    pub(crate) fn read_indicators(&mut self, t: &Table, errs: &mut Errors) {
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let project = self.find(&r, &code, errs);
            if let (Some(i), Some(indicator)) = (project, indicator_of(&r, errs)) {
                self.list[i].indicators.push(indicator);
            }
        }
    }

    /// The rows of `项目明细`, each added to its project.
    pub(crate) fn read_lines(&mut self, t: &Table, rules: &LineRules, errs: &mut Errors) {
        for r in t.each() {
            let code = r.code(C_PROJECT, true, errs);
            let project = self.find(&r, &code, errs);
            let (func, econ, gov) = rules.codes(&r, errs);
            let source = rules.source(&r, errs);
            let amount = r.amount(C_AMOUNT, errs);
            let procurement = procurement(&r, errs);
            if let Some(i) = project {
                self.list[i].lines.push(ProjectLine {
                    func,
                    econ,
                    gov,
                    source,
                    amount,
                    procurement,
                    rejected: Default::default(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Import

/// Imports an `.xlsx` workbook or a folder of `<sheet>.csv` files.
pub fn import_path(path: &Path) -> Result<Package, ImportErrors> {
    let mut source = open_source(path).map_err(|e| ImportErrors(vec![e]))?;
    import_budget(&mut source)
}

/// The 预算 import of an opened workbook.
pub(crate) fn import_budget(source: &mut Source) -> Result<Package, ImportErrors> {
    let mut errs = Errors::default();
    let sheets = load_sheets(source, &SHEETS, sheets::is_required, &mut errs);
    let package = build(&sheets, &mut errs);
    finish(package, yusuan_model::limits::check, errs, &SHEETS)
}

/// The imported package, or every error: `check` is the limits of a saved
/// package (what is imported can be saved and opened again), `order` the
/// workbook's sheets.
pub(crate) fn finish<T>(
    package: T,
    check: fn(&T) -> Result<(), Vec<yusuan_model::limits::LimitError>>,
    mut errs: Errors,
    order: &[&str],
) -> Result<T, ImportErrors> {
    if errs.v.is_empty()
        && let Err(over) = check(&package)
    {
        for e in over {
            errs.push(ImportError::file(e.to_string()));
        }
    }
    match errs.finish(order) {
        Some(e) => Err(e),
        None => Ok(package),
    }
}

/// The sheets `names` of a workbook that has them; a missing sheet for
/// which `required` holds is an error.
pub(crate) fn load_sheets(
    source: &mut Source,
    names: &[&'static str],
    required: fn(&str) -> bool,
    errs: &mut Errors,
) -> HashMap<&'static str, RawSheet> {
    let mut sheets: HashMap<&'static str, RawSheet> = HashMap::new();
    for &name in names {
        match source.load(name) {
            Ok(Some(s)) => {
                sheets.insert(name, s);
            }
            Ok(None) => {
                if required(name) {
                    let what = match source {
                        Source::Dir(_) => format!("缺少必需的工作表（文件夹中应有“{name}.csv”）"),
                        Source::Xlsx(..) => "缺少必需的工作表".to_string(),
                    };
                    errs.sheet(name, what);
                }
            }
            Err(e) => errs.push(e),
        }
    }
    sheets
}

fn build(raw: &HashMap<&'static str, RawSheet>, errs: &mut Errors) -> Package {
    let mut p = Package::default();
    cover(raw.get(SHEET_COVER), &mut p, errs);

    let units = Units::read(raw, errs);
    p.units = units.list.clone();
    let rules = LineRules::BUDGET;

    // 收入
    if let Some(t) = table(&sheets::INCOME, raw, errs) {
        for r in t.each() {
            let unit = r.code(C_UNIT, true, errs);
            units.check(&r, &unit, errs);
            let source = r.choice(C_SOURCE_KIND, true, &fund_source_labels(), FundSource::from_label, errs);
            let amount = r.amount(C_AMOUNT, errs);
            p.income.push(IncomeEntry {
                unit,
                source: source.unwrap_or_default(),
                amount,
                rejected: Default::default(),
            });
        }
    }

    if let Some(t) = table(&sheets::BASIC, raw, errs) {
        p.basic_lines = read_basic_lines(&t, &units, &rules, errs);
    }
    let mut projects = Projects::read(table(&sheets::PROJECTS, raw, errs), raw, &units, errs, |_, _, _| {});
    if let Some(t) = table(&sheets::PROJECT_LINES, raw, errs) {
        projects.read_lines(&t, &rules, errs);
    }

    if let Some(t) = table(&sheets::PROJECT_INDICATORS, raw, errs) {
        projects.read_indicators(&t, errs);
    }
    p.projects = projects.list;

    // 整体绩效任务
    if let Some(t) = table(&sheets::TASKS, raw, errs) {
        for r in t.each() {
            let name = r.text(C_TASK, true, errs);
            let content = r.text(C_TASK_CONTENT, false, errs);
            p.performance.tasks.push(Task { name, content });
        }
    }

    // 整体绩效指标
    if let Some(t) = table(&sheets::DEPT_INDICATORS, raw, errs) {
        for r in t.each() {
            p.performance.indicators.push(dept_indicator_of(&r, errs));
        }
    }

    // 上年数
    if let Some(t) = table(&sheets::LAST_YEAR, raw, errs) {
        let mut seen: Seen<LastYearItem> = Seen::default();
        for r in t.each() {
            let item = r.choice(C_ITEM, true, &last_year_labels(), LastYearItem::from_label, errs);
            if r.cell(C_AMOUNT).is_blank() {
                continue;
            }
            let amount = r.amount(C_AMOUNT, errs);
            if let Some(item) = item {
                if let Err(first) = seen.insert(item, r.number(), ()) {
                    r.err(errs, C_ITEM, repeated(&format!("“{}”", item.label()), first));
                    continue;
                }
                p.last_year.0.insert(item, amount);
            }
        }
    }

    // 说明
    if let Some(t) = table(&sheets::TEXTS, raw, errs) {
        let mut seen: Seen<TextKey> = Seen::default();
        for r in t.each() {
            let key = r.choice(C_KEY, true, &text_key_labels(), TextKey::from_label, errs);
            let content = r.text(C_CONTENT, false, errs);
            if content.is_empty() {
                continue;
            }
            if let Some(key) = key {
                if let Err(first) = seen.insert(key, r.number(), ()) {
                    r.err(errs, C_KEY, repeated(&format!("“{}”", key.label()), first));
                    continue;
                }
                p.texts.insert(key, content);
            }
        }
    }

    // 资产
    if let Some(t) = table(&sheets::ASSETS, raw, errs) {
        let mut seen: Seen<usize> = Seen::default();
        for r in t.each() {
            let item = r.choice(
                C_ITEM,
                true,
                &ASSET_ITEMS,
                |s| ASSET_ITEMS.iter().position(|a| *a == s.trim()),
                errs,
            );
            let Some(i) = item else { continue };
            if let Err(first) = seen.insert(i, r.number(), ()) {
                r.err(errs, C_ITEM, repeated(&format!("“{}”", ASSET_ITEMS[i]), first));
                continue;
            }
            if ASSET_ITEMS[i] == ASSET_OTHER_NOTE {
                p.assets.other_vehicles_note = r.text(C_COUNT, false, errs);
            } else {
                match cell_count(r.cell(C_COUNT)) {
                    Ok(n) => *asset_slot(&mut p.assets, i) = n,
                    Err(m) => r.err(errs, C_COUNT, m),
                }
            }
        }
    }

    p
}

/// `封面`: key in column A, value in column B, no header row.
fn cover(raw: Option<&RawSheet>, p: &mut Package, errs: &mut Errors) {
    let Some(raw) = raw else { return };
    let c = Cover::read(raw, &COVER_KEYS, errs);
    c.department("预算年度", &mut p.department, errs);
    if let Some((_, goal)) = c.text(errs, "年度履职目标", false) {
        p.performance.goal = goal;
    }
    crate::wording::read(&c, errs, &mut p.wording, true);
}

/// The values of a `封面` sheet by key (each key at most once, every key
/// one of those the workbook knows).
pub(crate) struct Cover {
    values: Seen<&'static str, Cell>,
}

impl Cover {
    pub(crate) fn read(raw: &RawSheet, keys: &[&'static str], errs: &mut Errors) -> Cover {
        let mut values: Seen<&'static str, Cell> = Seen::default();
        for r in raw.rows.iter().filter(|r| !r.is_blank()) {
            let key = match cell_text(r.cell(0)) {
                Ok(k) => cover_key(&k).to_string(),
                Err(m) => {
                    Cover::err(errs, r.row, "A", m);
                    continue;
                }
            };
            if key.is_empty() {
                Cover::err(errs, r.row, "A", "B列有内容，但A列没有填写项目名称".to_string());
                continue;
            }
            let Some(known) = keys.iter().find(|k| **k == key) else {
                Cover::err(
                    errs,
                    r.row,
                    "A",
                    format!("未知的项目“{}”，应为以下之一：{}", clip(&key), one_of(keys)),
                );
                continue;
            };
            if let Err(first) = values.insert(known, r.row, r.cell(1).clone()) {
                Cover::err(errs, r.row, "A", repeated(&format!("“{known}”"), first));
            }
        }
        Cover { values }
    }

    pub(crate) fn err(errs: &mut Errors, row: usize, col: &str, message: String) {
        errs.push(ImportError {
            sheet: SHEET_COVER.to_string(),
            row: Some(row),
            column: Some(col.to_string()),
            message,
        })
    }

    /// The row and cell of `key`, if given.
    pub(crate) fn entry(&self, key: &str) -> Option<&(usize, Cell)> {
        self.values.entry(key)
    }

    /// The text of `key`; `None` when missing or empty (an error if required).
    pub(crate) fn text(&self, errs: &mut Errors, key: &'static str, required: bool) -> Option<(usize, String)> {
        let Some((row, cell)) = self.values.entry(key) else {
            if required {
                errs.sheet(SHEET_COVER, format!("缺少必填项“{key}”（A列填写“{key}”，B列填写内容）"));
            }
            return None;
        };
        let t = match cell_text(cell) {
            Ok(t) => t,
            Err(m) => {
                Cover::err(errs, *row, "B", format!("“{key}”{m}"));
                return None;
            }
        };
        if t.is_empty() {
            if required {
                Cover::err(errs, *row, "B", format!("必填项“{key}”未填写"));
            }
            return None;
        }
        Some((*row, t))
    }

    /// A year in 2000..=2100 (a trailing `年` is accepted); `None` when
    /// missing or empty (an error if required) or wrong (always an error).
    pub(crate) fn year(&self, errs: &mut Errors, key: &'static str, required: bool) -> Option<i32> {
        let Some((row, cell)) = self.values.entry(key) else {
            if required {
                errs.sheet(SHEET_COVER, format!("缺少必填项“{key}”（A列填写“{key}”，B列填写内容）"));
            }
            return None;
        };
        let year = match cell {
            Cell::Int(i) => i32::try_from(*i).ok(),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => Some(*f as i32),
            Cell::Text(s) => {
                let t: String = s.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
                let t = t.strip_suffix('年').unwrap_or(&t);
                if !t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) {
                    t.parse().ok()
                } else {
                    None
                }
            }
            _ => None,
        };
        match year {
            _ if cell.is_blank() => {
                if required {
                    Cover::err(errs, *row, "B", format!("必填项“{key}”未填写"));
                }
                None
            }
            Some(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                Cover::err(
                    errs,
                    *row,
                    "B",
                    format!("{key}应为四位数年份（如2024），实际为“{}”", cell.shown()),
                );
                None
            }
        }
    }

    /// 部门名称, 部门代码, the year under `year_key`, 金额单位 and 小数位数.
    pub(crate) fn department(&self, year_key: &'static str, d: &mut yusuan_model::Department, errs: &mut Errors) {
        if let Some((_, name)) = self.text(errs, "部门名称", true) {
            d.name = name;
        }
        if let Some((row, cell)) = self.values.entry("部门代码") {
            match cell_code(cell) {
                Ok(c) if c.is_empty() => Cover::err(errs, *row, "B", "必填项“部门代码”未填写".to_string()),
                Ok(c) => d.code = c,
                Err(m) => Cover::err(errs, *row, "B", format!("“部门代码”{m}")),
            }
        } else {
            errs.sheet(
                SHEET_COVER,
                "缺少必填项“部门代码”（A列填写“部门代码”，B列填写内容）".to_string(),
            );
        }
        if let Some(y) = self.year(errs, year_key, true) {
            d.year = y;
        }
        if let Some((row, unit)) = self.text(errs, "金额单位", false) {
            match unit.as_str() {
                "万元" => d.amount_unit = AmountUnit::Wan,
                "元" => d.amount_unit = AmountUnit::Yuan,
                _ => Cover::err(
                    errs,
                    row,
                    "B",
                    format!("金额单位应为“万元”或“元”，实际为“{}”", clip(&unit)),
                ),
            }
        }
        if let Some((row, cell)) = self.values.entry("小数位数") {
            let n = match cell {
                Cell::Empty => Some(2),
                Cell::Int(i) => u32::try_from(*i).ok(),
                Cell::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 10.0 => Some(*f as u32),
                Cell::Text(s) => {
                    let t: String = s.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
                    if t.is_empty() { Some(2) } else { t.parse().ok() }
                }
                _ => None,
            };
            match n {
                Some(n) if n <= 2 => d.decimals = n,
                _ => Cover::err(
                    errs,
                    *row,
                    "B",
                    format!("小数位数应为0、1或2，实际为“{}”", cell.shown()),
                ),
            }
        }
    }
}

/// A key of `封面` as written in column A: trimmed, without a trailing colon.
pub(crate) fn cover_key(a: &str) -> &str {
    a.trim_end_matches([':', '：']).trim()
}

// ---------------------------------------------------------------------------
// Template

/// Rows (Excel 2..=10000) that get the drop-down lists and column formats.
const TEMPLATE_ROWS: u32 = 10_000;

pub(crate) struct Formats {
    pub(crate) header: rust_xlsxwriter::Format,
    pub(crate) code: rust_xlsxwriter::Format,
    amount: rust_xlsxwriter::Format,
    wrap: rust_xlsxwriter::Format,
}

/// The template's cell formats.
pub(crate) fn formats() -> Formats {
    use rust_xlsxwriter::Format;
    Formats {
        header: Format::new().set_bold().set_background_color(0xDDEBF7),
        code: Format::new().set_num_format("@"),
        amount: Format::new().set_num_format("#,##0.00"),
        wrap: Format::new().set_text_wrap(),
    }
}

/// A value of the template's cells.
pub(crate) enum Value<'a> {
    Code(&'a str),
    Text(&'a str),
    Amount(Yuan),
    Count(Option<u32>),
    /// A score or weight; empty when `None`.
    Score(Option<Decimal>),
    /// A text made for the cell.
    Owned(String),
}

pub(crate) fn put(
    ws: &mut rust_xlsxwriter::Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    v: Value,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match v {
        Value::Code(s) => {
            if !s.is_empty() {
                ws.write_string_with_format(row, col, s, &f.code)?;
            }
        }
        Value::Text(s) => {
            // Always a string cell: text starting with = + - @ never becomes a formula.
            if !s.is_empty() {
                if s.contains('\n') {
                    ws.write_string_with_format(row, col, s, &f.wrap)?;
                } else {
                    ws.write_string(row, col, s)?;
                }
            }
        }
        Value::Amount(a) => {
            ws.write_number_with_format(row, col, a.to_f64().unwrap_or(0.0), &f.amount)?;
        }
        Value::Count(n) => {
            if let Some(n) = n {
                ws.write_number(row, col, n)?;
            }
        }
        Value::Owned(s) => {
            if !s.is_empty() {
                ws.write_string(row, col, s)?;
            }
        }
        Value::Score(d) => {
            if let Some(d) = d {
                ws.write_number(row, col, d.to_f64().unwrap_or(0.0))?;
            }
        }
    }
    Ok(())
}

pub(crate) fn setup_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    f: &Formats,
    cols: &[Column],
    rows: u32,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::DataValidation;
    let last = TEMPLATE_ROWS.max(rows + 1) - 1;
    for (i, c) in cols.iter().enumerate() {
        let i = i as u16;
        ws.set_column_width(i, c.width)?;
        match c.kind {
            Kind::Code => {
                ws.set_column_format(i, &f.code)?;
            }
            Kind::Amount => {
                ws.set_column_format(i, &f.amount)?;
            }
            Kind::List(labels) => {
                let dv = DataValidation::new()
                    .allow_list_strings(&labels())?
                    .set_error_title("输入无效")?
                    .set_error_message("请从下拉列表中选择")?;
                ws.add_data_validation(1, i, last, i, &dv)?;
            }
            Kind::Text | Kind::Count => {}
        }
        ws.write_string_with_format(0, i, c.header, &f.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes the import workbook: every sheet with its headers, drop-down lists
/// for the enumerated columns and text format for the code columns; filled
/// from `package` when given (so that it imports back to the same package).
pub fn write_template(path: &Path, package: Option<&Package>) -> Result<(), crate::xlsx::ExportError> {
    write_template_inner(path, package).map_err(|error| crate::xlsx::ExportError::Template {
        path: path.display().to_string(),
        error,
    })
}

fn write_template_inner(path: &Path, package: Option<&Package>) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook};
    let f = formats();
    let empty = Package::default();
    let p = package.unwrap_or(&empty);
    let mut wb = Workbook::new();

    // 封面
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEET_COVER)?;
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 80)?;
        for (i, key) in COVER_KEYS.iter().enumerate() {
            ws.write_string_with_format(i as u32, 0, *key, &f.header)?;
        }
        let d = &p.department;
        put(ws, &f, 0, 1, Value::Text(&d.name))?;
        if d.code.is_empty() {
            ws.write_blank(1, 1, &f.code)?;
        } else {
            ws.write_string_with_format(1, 1, d.code.as_str(), &f.code)?;
        }
        if package.is_some() {
            ws.write_number(2, 1, d.year)?;
        }
        ws.write_string(3, 1, d.amount_unit.label())?;
        ws.write_number(4, 1, d.decimals)?;
        put(ws, &f, 5, 1, Value::Text(&p.performance.goal))?;
        let units = DataValidation::new().allow_list_strings(&["万元", "元"])?;
        ws.add_data_validation(3, 1, 3, 1, &units)?;
        let decimals = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 2))
            .set_error_message("小数位数应为0、1或2")?;
        ws.add_data_validation(4, 1, 4, 1, &decimals)?;
        crate::wording::write_rows(ws, &f, &COVER_KEYS, &p.wording, true)?;
    }

    write_sheets(&mut wb, &f, &sheets::TABULAR, |sheet| template_rows(sheet, p))?;
    wb.save(path)
}

/// Adds the sheets `decls` to `wb`, each with its header, formats and
/// drop-down lists, and the rows `rows` gives for its name.
pub(crate) fn write_sheets<'a>(
    wb: &mut rust_xlsxwriter::Workbook,
    f: &Formats,
    decls: &[&Sheet],
    rows: impl Fn(&str) -> Vec<Vec<Value<'a>>>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for decl in decls {
        let ws = wb.add_worksheet();
        ws.set_name(decl.name)?;
        let rows = rows(decl.name);
        setup_sheet(ws, f, decl.columns, rows.len() as u32)?;
        for (r, values) in rows.into_iter().enumerate() {
            for (c, v) in values.into_iter().enumerate() {
                put(ws, f, r as u32 + 1, c as u16, v)?;
            }
        }
    }
    Ok(())
}

pub(crate) fn opt_label<T>(v: Option<T>, label: impl Fn(T) -> &'static str) -> &'static str {
    v.map(label).unwrap_or("")
}

fn template_rows<'a>(sheet: &str, p: &'a Package) -> Vec<Vec<Value<'a>>> {
    use Value::{Amount, Code, Count, Text};
    match sheet {
        SHEET_UNITS => p.units.iter().map(unit_row).collect(),
        SHEET_INCOME => p
            .income
            .iter()
            .map(|e| vec![Code(&e.unit), Text(e.source.label()), Amount(e.amount)])
            .collect(),
        SHEET_BASIC => p.basic_lines.iter().map(|l| basic_row(l, FundSource::label)).collect(),
        SHEET_PROJECTS => p.projects.iter().map(project_row).collect(),
        SHEET_PROJECT_LINES => project_line_rows(&p.projects, FundSource::label),
        SHEET_PROJECT_INDICATORS => project_indicator_rows(&p.projects),
        SHEET_TASKS => p
            .performance
            .tasks
            .iter()
            .map(|t| vec![Text(&t.name), Text(&t.content)])
            .collect(),
        SHEET_DEPT_INDICATORS => p.performance.indicators.iter().map(dept_indicator_row).collect(),
        // Every item is listed; an empty amount means "not given".
        SHEET_LAST_YEAR => LastYearItem::ALL
            .iter()
            .map(|item| match p.last_year.get(*item) {
                Some(a) => vec![Text(item.label()), Amount(a)],
                None => vec![Text(item.label())],
            })
            .collect(),
        SHEET_TEXTS => TextKey::ALL
            .iter()
            .map(|k| vec![Text(k.label()), Text(p.text(*k))])
            .collect(),
        SHEET_ASSETS => ASSET_ITEMS
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if *item == ASSET_OTHER_NOTE {
                    vec![Text(item), Text(&p.assets.other_vehicles_note)]
                } else {
                    vec![Text(item), Count(asset_value(&p.assets, i))]
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A row of `单位`.
pub(crate) fn unit_row(u: &Unit) -> Vec<Value<'_>> {
    vec![Value::Code(&u.code), Value::Text(&u.name), Value::Text(u.kind.label())]
}

/// A row of `基本支出`, the source named by `source`.
pub(crate) fn basic_row(l: &BasicLine, source: fn(FundSource) -> &'static str) -> Vec<Value<'_>> {
    use Value::{Amount, Code, Text};
    vec![
        Code(&l.unit),
        Code(&l.func),
        Code(&l.econ),
        Code(l.gov.as_deref().unwrap_or("")),
        Text(opt_label(l.kind, CostKind::label)),
        Text(source(l.source)),
        Amount(l.amount),
        Text(&l.note),
        Text(opt_label(l.procurement, Procurement::label)),
    ]
}

/// The first five columns of a row of `项目`.
pub(crate) fn project_row(x: &Project) -> Vec<Value<'_>> {
    use Value::{Code, Text};
    vec![
        Code(&x.code),
        Text(&x.name),
        Code(&x.unit),
        Text(x.kind.label()),
        Text(if x.secret { "是" } else { "" }),
    ]
}

/// The rows of `项目明细`, the source named by `source`.
pub(crate) fn project_line_rows(projects: &[Project], source: fn(FundSource) -> &'static str) -> Vec<Vec<Value<'_>>> {
    use Value::{Amount, Code, Text};
    projects
        .iter()
        .flat_map(|x| {
            x.lines.iter().map(move |l| {
                vec![
                    Code(&x.code),
                    Code(&l.func),
                    Code(&l.econ),
                    Code(l.gov.as_deref().unwrap_or("")),
                    Text(source(l.source)),
                    Amount(l.amount),
                    Text(opt_label(l.procurement, Procurement::label)),
                ]
            })
        })
        .collect()
}

/// The rows of `项目绩效`.
pub(crate) fn project_indicator_rows(projects: &[Project]) -> Vec<Vec<Value<'_>>> {
    projects
        .iter()
        .flat_map(|x| x.indicators.iter().map(move |i| indicator_row(&x.code, i)))
        .collect()
}

/// A row of `项目绩效`: the project's code and the indicator.
pub(crate) fn indicator_row<'a>(project: &'a str, i: &'a Indicator) -> Vec<Value<'a>> {
    use Value::{Code, Text};
    vec![
        Code(project),
        Text(i.kind.label()),
        Text(&i.level2),
        Text(&i.level3),
        Text(&i.value),
        Text(&i.note),
    ]
}

/// A row of `整体绩效指标`.
pub(crate) fn dept_indicator_row(i: &DeptIndicator) -> Vec<Value<'_>> {
    use Value::Text;
    vec![
        Text(&i.level1),
        Text(&i.level2),
        Text(&i.level3),
        Text(&i.value),
        Text(&i.note),
    ]
}
