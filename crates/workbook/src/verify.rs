//! `yusuan verify FILE.xlsx`: the exported workbook read back cell by cell
//! (calamine, as any reader sees it) and its tables re-added, so that a bug
//! of the writer shows up as a finding instead of in print.
//!
//! For every sheet whose rows carry classification codes — a 科目编码 split
//! into 类/款/项 columns, or one column headed `…编码` holding 3-, 5- or 7-digit
//! codes — and for every numeric column of those rows:
//!
//! - a 类 or 款 row equals the sum of its printed children (款 by code prefix
//!   under a 类, 项 under a 款);
//! - a 合计/总计 row equals the sum of the top-level coded rows (those whose
//!   parent is not printed);
//! - a row without a code just above coded rows (a unit's row in a 预算
//!   table) equals the sum of the top-level coded rows below it, up to the
//!   next such row.
//!
//! Each sum holds within its 尾差: every printed figure is rounded to the
//! sheet's last decimal (half of it, `h`, at most), so a sum of `n` printed
//! figures may miss its printed total by less than `h × (n + 1)` — in 万元
//! with two decimals, 0.005 × (n + 1). A code is only taken for one when its
//! 类 (first three digits) is a class of the 功能 or 经济 classification, so
//! unit codes (021) and project codes are never added up.

use std::fmt;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;

use yusuan_model::catalog::{Catalog, CodeKind};

/// One sum that does not hold: where (sheet, 1-based row, column letter) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyFinding {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub message: String,
}

impl fmt::Display for VerifyFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}第{}行{}列：{}", self.sheet, self.row, self.column, self.message)
    }
}

/// What the verification read and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Sheets with coded rows, whose sums were checked.
    pub sheets_checked: Vec<String>,
    /// Sums compared (one per total cell).
    pub sums_checked: usize,
    pub findings: Vec<VerifyFinding>,
}

impl VerifyReport {
    /// One line: what was checked and whether it held.
    pub fn summary(&self) -> String {
        let sheets = if self.sheets_checked.is_empty() {
            "没有找到按科目编码分级的表".to_string()
        } else {
            self.sheets_checked.join("、")
        };
        if self.findings.is_empty() {
            format!(
                "自检通过：{sheets}，共{}处合计与明细相符（在尾差之内）",
                self.sums_checked
            )
        } else {
            format!(
                "自检发现{}处合计与明细不符（{sheets}，共核对{}处）",
                self.findings.len(),
                self.sums_checked
            )
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum V {
    Empty,
    Text(String),
    Num(Decimal),
}

impl V {
    fn text(&self) -> &str {
        match self {
            V::Text(s) => s.trim(),
            _ => "",
        }
    }
}

/// The column letters of a 0-based index: 0 → A, 27 → AB.
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn number(f: f64) -> Option<Decimal> {
    // The shortest decimal that reads back as the stored double: 1959.63.
    Decimal::from_str(&f.to_string()).ok()
}

fn cell(d: &Data) -> V {
    match d {
        Data::Empty => V::Empty,
        Data::Float(f) => number(*f).map(V::Num).unwrap_or(V::Empty),
        Data::Int(i) => V::Num(Decimal::from(*i)),
        Data::String(s) if s.trim().is_empty() => V::Empty,
        Data::String(s) => {
            // An amount written as text keeps its separators: 1,959.63.
            let t = s.trim().replace(',', "");
            match Decimal::from_str(&t) {
                Ok(d) if s.contains(',') || s.contains('.') => V::Num(d),
                _ => V::Text(s.clone()),
            }
        }
        other => V::Text(other.to_string()),
    }
}

/// The columns holding a code and the columns whose figures the coded rows carry.
struct Group {
    /// One column holding the whole code, or 类/款/项 columns (widths 3, 2, 2).
    code_cols: Vec<usize>,
    header_row: usize,
    values: std::ops::Range<usize>,
}

fn is_class(code: &str) -> bool {
    let c = Catalog::builtin();
    code.len() >= 3
        && [CodeKind::Func, CodeKind::DeptEcon, CodeKind::GovEcon]
            .into_iter()
            .any(|k| c.contains(k, &code[..3]))
}

fn digits(v: &V, width: usize) -> Option<String> {
    let s = match v {
        V::Text(s) => s.trim().to_string(),
        V::Num(d) if d.fract().is_zero() && !d.is_sign_negative() => format!("{:0width$}", d.trunc()),
        _ => return None,
    };
    (s.len() == width && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// The code of row `r` in a group, if it holds one of a known class.
fn code_of(grid: &[Vec<V>], r: usize, g: &Group) -> Option<String> {
    let at = |c: usize| grid[r].get(c).unwrap_or(&V::Empty);
    let code = if g.code_cols.len() == 1 {
        let v = at(g.code_cols[0]);
        [3, 5, 7].into_iter().find_map(|w| digits(v, w))?
    } else {
        let widths = [3, 2, 2];
        let mut code = String::new();
        let mut ended = false;
        for (i, &c) in g.code_cols.iter().enumerate() {
            match (at(c), ended) {
                (V::Empty, _) => ended = true,
                (v, false) => code.push_str(&digits(v, widths[i])?),
                (_, true) => return None,
            }
        }
        code
    };
    is_class(&code).then_some(code)
}

fn groups(grid: &[Vec<V>]) -> Vec<Group> {
    let width = grid.iter().map(|r| r.len()).max().unwrap_or(0);
    let text = |r: usize, c: usize| grid[r].get(c).map(|v| v.text()).unwrap_or("");
    let mut starts: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    // Headers are in the first rows; stop looking at the first coded-looking row.
    for r in 0..grid.len().min(12) {
        for c in 0..width {
            if text(r, c) == "类" && text(r, c + 1) == "款" {
                let cols = if text(r, c + 2) == "项" {
                    vec![c, c + 1, c + 2]
                } else {
                    vec![c, c + 1]
                };
                starts.push((c, cols, r));
            }
        }
    }
    for r in 0..grid.len().min(12) {
        for c in 0..width {
            let t = text(r, c);
            let below_is_split = (r + 1 < grid.len()) && text(r + 1, c) == "类";
            if t.ends_with("编码") && !below_is_split && !starts.iter().any(|s| s.0 == c) {
                starts.push((c, vec![c], r));
            }
        }
    }
    starts.sort_by_key(|s| s.0);
    let firsts: Vec<usize> = starts.iter().map(|s| s.0).collect();
    starts
        .into_iter()
        .enumerate()
        .map(|(i, (_, cols, r))| {
            let from = cols.last().copied().unwrap_or(0) + 1;
            let to = firsts.get(i + 1).copied().unwrap_or(width);
            Group {
                code_cols: cols,
                header_row: r,
                values: from..to.max(from),
            }
        })
        .collect()
}

struct Checker<'a> {
    sheet: &'a str,
    grid: &'a [Vec<V>],
    /// Half the last printed decimal.
    half: Decimal,
    report: &'a mut VerifyReport,
}

impl Checker<'_> {
    fn value(&self, r: usize, c: usize) -> Option<Decimal> {
        match self.grid[r].get(c).unwrap_or(&V::Empty) {
            V::Empty => Some(Decimal::ZERO),
            V::Num(d) => Some(*d),
            V::Text(_) => None,
        }
    }

    /// `total` (row) against the sum of `parts` (rows), column by column.
    fn sum(&mut self, g: &Group, total: usize, parts: &[usize], what: &str) {
        if parts.is_empty() {
            return;
        }
        for c in g.values.clone() {
            let Some(t) = self.value(total, c) else { continue };
            let Some(s) = parts.iter().map(|&r| self.value(r, c)).sum::<Option<Decimal>>() else {
                continue;
            };
            if !matches!(self.grid[total].get(c), Some(V::Num(_)))
                && !parts.iter().any(|&r| matches!(self.grid[r].get(c), Some(V::Num(_))))
            {
                continue;
            }
            self.report.sums_checked += 1;
            let n = Decimal::from(parts.len() as u64);
            let tolerance = (self.half * (n + Decimal::ONE)).normalize();
            if (s - t).abs() >= tolerance {
                let rows: Vec<String> = parts.iter().map(|r| (r + 1).to_string()).collect();
                self.report.findings.push(VerifyFinding {
                    sheet: self.sheet.to_string(),
                    row: total as u32 + 1,
                    column: column_letter(c),
                    message: format!(
                        "{what}为{t}，但第{}行之和为{s}，相差{}，超出尾差允许的{tolerance}",
                        rows.join("、"),
                        (s - t).abs()
                    ),
                });
            }
        }
    }

    fn group(&mut self, g: &Group) {
        let grid = self.grid;
        let rows = g.header_row + 1..grid.len();
        let in_range = |r: usize| {
            g.code_cols
                .iter()
                .copied()
                .chain(g.values.clone())
                .map(move |c| grid[r].get(c).unwrap_or(&V::Empty))
        };
        let has_number = |r: usize| g.values.clone().any(|c| matches!(grid[r].get(c), Some(V::Num(_))));
        let is_total = |r: usize| in_range(r).any(|v| matches!(v.text(), "合计" | "总计"));
        let is_column_numbers = |r: usize| in_range(r).any(|v| v.text() == "栏次");
        let codes: Vec<Option<String>> = (0..grid.len())
            .map(|r| if r > g.header_row { code_of(grid, r, g) } else { None })
            .collect();
        // Segments: coded rows between rows without a code that carry figures.
        let mut segments: Vec<(Option<usize>, Vec<usize>)> = vec![(None, Vec::new())];
        let mut totals = Vec::new();
        for r in rows {
            if codes[r].is_some() {
                if let Some(s) = segments.last_mut() {
                    s.1.push(r);
                }
            } else if has_number(r) && !is_column_numbers(r) {
                if is_total(r) {
                    totals.push(r);
                }
                segments.push((Some(r), Vec::new()));
            }
        }
        let code = |r: usize| codes[r].as_deref().unwrap_or("");
        let mut all_top = Vec::new();
        for (head, coded) in &segments {
            for &p in coded {
                let children: Vec<usize> = coded
                    .iter()
                    .copied()
                    .filter(|&c| code(c).len() == code(p).len() + 2 && code(c).starts_with(code(p)))
                    .collect();
                let what = if code(p).len() == 3 { "类" } else { "款" };
                self.sum(g, p, &children, &format!("{what}{}", code(p)));
            }
            let top: Vec<usize> = coded
                .iter()
                .copied()
                .filter(|&c| {
                    !coded
                        .iter()
                        .any(|&a| code(c).len() > code(a).len() && code(c).starts_with(code(a)))
                })
                .collect();
            if let Some(h) = head
                && !is_total(*h)
            {
                self.sum(g, *h, &top, "本行合计");
            }
            all_top.extend(top);
        }
        for t in totals {
            self.sum(g, t, &all_top, "合计");
        }
    }
}

/// The decimals printed in a sheet: the most any figure shows.
fn decimals(grid: &[Vec<V>]) -> u32 {
    grid.iter()
        .flatten()
        .filter_map(|v| match v {
            V::Num(d) => Some(d.normalize().scale()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(6)
}

/// The cells of a sheet as rows, read cell by cell (a sparse sheet costs
/// what it holds, not its extent); a value beyond the rows and columns a
/// publication can have (`limits::MAX_SHEET_ROW`, `MAX_SHEET_COLUMN`) is
/// refused, so no file makes the grid unbounded.
fn read_grid<R: std::io::Read + std::io::Seek>(wb: &mut Xlsx<R>, name: &str) -> Result<Vec<Vec<V>>, String> {
    use yusuan_model::limits::{MAX_SHEET_COLUMN, MAX_SHEET_ROW};
    let broken = |e: calamine::XlsxError| format!("无法读取工作表“{name}”：{e}");
    let mut reader = wb.worksheet_cells_reader(name).map_err(broken)?;
    let mut grid: Vec<Vec<V>> = Vec::new();
    while let Some(c) = reader.next_cell().map_err(broken)? {
        let (r, col) = c.get_position();
        let value = cell(&Data::from(c.get_value().clone()));
        if value == V::Empty {
            continue;
        }
        if r >= MAX_SHEET_ROW || col >= MAX_SHEET_COLUMN {
            return Err(format!(
                "工作表“{name}”的单元格{}{}超出导出表格的范围（最多{MAX_SHEET_ROW}行、{MAX_SHEET_COLUMN}列）：这不是本程序导出的公开表",
                column_letter(col as usize),
                u64::from(r) + 1
            ));
        }
        let (r, col) = (r as usize, col as usize);
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        if grid[r].len() <= col {
            grid[r].resize(col + 1, V::Empty);
        }
        grid[r][col] = value;
    }
    Ok(grid)
}

/// [`verify_xlsx`] of a file on disk, which may be anything: it is looked at
/// first as the importer looks at a workbook ([`crate::guard`]: file and part
/// sizes, shared strings, cell addresses), so a hostile file is refused in
/// bounded memory before calamine reads it.
pub fn verify_file(path: &std::path::Path) -> Result<VerifyReport, String> {
    crate::guard::scan_xlsx(path)?;
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件（详细信息：{e}）"))?;
    verify_xlsx(&bytes)
}

/// Reads an exported workbook and re-adds its coded tables. `Err` (in Chinese)
/// when the bytes are not a readable workbook.
pub fn verify_xlsx(bytes: &[u8]) -> Result<VerifyReport, String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("无法读取该 Excel 文件（不是有效的 .xlsx 文件或已损坏）：{e}"))?;
    let mut report = VerifyReport::default();
    for name in wb.sheet_names().to_vec() {
        let grid = read_grid(&mut wb, &name)?;
        let groups = groups(&grid);
        if groups.is_empty() {
            continue;
        }
        let half = Decimal::new(5, decimals(&grid) + 1);
        let before = report.sums_checked;
        let mut checker = Checker {
            sheet: &name,
            grid: &grid,
            half,
            report: &mut report,
        };
        for g in &groups {
            checker.group(g);
        }
        if report.sums_checked > before {
            report.sheets_checked.push(name.clone());
        }
    }
    Ok(report)
}

/// Cell texts as printed (a PDF's table read back) as a grid, read as the
/// workbook's text cells are: a figure has a decimal point or a thousands
/// separator; digits alone are a code (`021`, `2010101`). (A table printed
/// without decimals is therefore not re-added from its text.)
fn text_grid(rows: &[Vec<String>]) -> Vec<Vec<V>> {
    rows.iter()
        .map(|row| row.iter().map(|t| cell(&Data::String(t.clone()))).collect())
        .collect()
}

/// The re-adding of [`verify_xlsx`] on a table read back from elsewhere (a
/// PDF's pages): the sums checked, and each that does not hold as (row,
/// column, message), 0-based.
pub fn readd_grid(name: &str, rows: &[Vec<String>]) -> (usize, Vec<(usize, usize, String)>) {
    let grid = text_grid(rows);
    let mut report = VerifyReport::default();
    let half = Decimal::new(5, decimals(&grid) + 1);
    let mut checker = Checker {
        sheet: name,
        grid: &grid,
        half,
        report: &mut report,
    };
    for g in &groups(&grid) {
        checker.group(g);
    }
    let findings = report
        .findings
        .into_iter()
        .map(|f| {
            let column = f.column.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1) - 1;
            (f.row as usize - 1, column, f.message)
        })
        .collect();
    (report.sums_checked, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(52), "BA");
    }

    #[test]
    fn unreadable_bytes_are_an_error_in_chinese() {
        let e = verify_xlsx(b"not a workbook").unwrap_err();
        assert!(e.contains("无法读取"), "{e}");
    }
}
