//! 导入当年科目表: the year's classification codes from a CSV file or an xlsx
//! workbook with a code column and a name column, and optionally a 说明
//! column: the description (`反映…`) of a 功能 code, which the 决算's
//! 名词解释 prints (any other columns are ignored). Which classification a row belongs to follows from its code:
//! 支出功能分类 codes start with 2 and have 3, 5 or 7 digits (类, 款, 项),
//! 部门预算支出经济分类 codes start with 3, 政府预算支出经济分类 codes with 5
//! (3 or 5 digits). All or nothing: one bad row and nothing is taken, each
//! problem with its sheet and row.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use yusuan_model::CatalogOverrides;
use yusuan_model::amount::clip;

use crate::import::{Cell, ImportError, ImportErrors, RawSheet, read_csv, read_sheet};

/// The most rows a code list may have (the official 功能分类 has about 1,500).
pub const MAX_ROWS: usize = 20_000;
/// The largest code-list file accepted, in bytes.
pub const MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

const CODE_HEADERS: [&str; 4] = ["编码", "科目编码", "代码", "科目代码"];
const NAME_HEADERS: [&str; 2] = ["名称", "科目名称"];
const DESC_HEADERS: [&str; 2] = ["说明", "科目说明"];

/// How many rows of each classification a code list held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub func: usize,
    pub dept_econ: usize,
    pub gov_econ: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "功能分类{}个、部门经济分类{}个、政府经济分类{}个",
            self.func, self.dept_econ, self.gov_econ
        )
    }
}

fn file_error(message: String) -> ImportErrors {
    ImportErrors(vec![ImportError {
        sheet: String::new(),
        row: None,
        column: None,
        message,
    }])
}

/// Reads a code list (`.csv` or `.xlsx`) into catalog rows.
pub fn read_code_list(path: &Path) -> Result<(CatalogOverrides, Counts), ImportErrors> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|_| file_error(format!("找不到科目表文件“{shown}”")))?;
    if !meta.is_file() {
        return Err(file_error(format!("“{shown}”不是文件：请选择 .csv 或 .xlsx 科目表")));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(file_error(format!(
            "科目表“{shown}”过大（{} MB，最多 {} MB）",
            meta.len() / (1024 * 1024),
            MAX_FILE_SIZE / (1024 * 1024)
        )));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let sheets: Vec<(String, RawSheet)> = match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).map_err(|e| file_error(format!("无法读取“{shown}”（详细信息：{e}）")))?;
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("科目表")
                .to_string();
            let sheet = read_csv(&name, &bytes).map_err(|e| ImportErrors(vec![e]))?;
            vec![(name, sheet)]
        }
        "xlsx" => {
            use calamine::Reader;
            // Sizes and counts first (zip bombs, huge declared tables).
            crate::guard::scan_xlsx(path).map_err(file_error)?;
            let mut wb: calamine::Xlsx<BufReader<File>> = calamine::open_workbook(path)
                .map_err(|_| file_error(format!("无法读取工作簿“{shown}”：文件已损坏或不是 .xlsx 工作簿")))?;
            let mut out = Vec::new();
            for name in wb.sheet_names() {
                let sheet = read_sheet(&mut wb, &name, &name).map_err(|e| ImportErrors(vec![e]))?;
                out.push((name, sheet));
            }
            out
        }
        _ => {
            return Err(file_error(format!(
                "无法导入“{shown}”：科目表应为 .csv（UTF-8）或 .xlsx 文件，含“编码”和“名称”两列"
            )));
        }
    };
    let mut errors = Vec::new();
    let mut out = CatalogOverrides::default();
    let mut counts = Counts::default();
    let mut found = false;
    for (sheet, raw) in &sheets {
        let Some((header_at, code_col, name_col)) = header(raw) else {
            continue;
        };
        let desc_col = raw.rows[header_at]
            .cells
            .iter()
            .position(|c| matches!(c, Cell::Text(t) if DESC_HEADERS.contains(&t.trim())));
        found = true;
        let err = |row: usize, column: &str, message: String| ImportError {
            sheet: sheet.clone(),
            row: Some(row),
            column: Some(column.to_string()),
            message,
        };
        let data: Vec<_> = raw.rows[header_at + 1..].iter().filter(|r| !r.is_blank()).collect();
        if data.len() > MAX_ROWS {
            return Err(file_error(format!(
                "工作表“{sheet}”有{}行，科目表最多{MAX_ROWS}行",
                data.len()
            )));
        }
        for r in data {
            let code = code_text(r.cell(code_col));
            let name = text(r.cell(name_col));
            if code.is_empty() {
                errors.push(err(r.row, "编码", format!("缺少编码（名称为“{}”）", clip(&name))));
                continue;
            }
            let Some(table) = table_of(&code) else {
                errors.push(err(
                    r.row,
                    "编码",
                    format!(
                        "“{}”不是科目编码：功能分类以2开头，3、5或7位；部门经济分类以3开头、政府经济分类以5开头，3或5位",
                        clip(&code)
                    ),
                ));
                continue;
            };
            if name.is_empty() {
                errors.push(err(r.row, "名称", format!("编码{code}缺少名称")));
                continue;
            }
            if let (Table::Func, Some(col)) = (&table, desc_col) {
                let desc = text(r.cell(col));
                if !desc.is_empty() {
                    out.func_desc.insert(code.clone(), desc);
                }
            }
            let (map, count) = match table {
                Table::Func => (&mut out.func, &mut counts.func),
                Table::DeptEcon => (&mut out.dept_econ, &mut counts.dept_econ),
                Table::GovEcon => (&mut out.gov_econ, &mut counts.gov_econ),
            };
            if map.insert(code, name).is_none() {
                *count += 1;
            }
        }
    }
    if !found {
        return Err(file_error(format!(
            "“{shown}”中没有找到科目表：第一行（或前10行中的一行）应有“编码”和“名称”两列"
        )));
    }
    if !errors.is_empty() {
        return Err(ImportErrors(errors));
    }
    if counts.func + counts.dept_econ + counts.gov_econ == 0 {
        return Err(file_error(format!("“{shown}”中的科目表没有数据行")));
    }
    Ok((out, counts))
}

enum Table {
    Func,
    DeptEcon,
    GovEcon,
}

fn table_of(code: &str) -> Option<Table> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match (code.as_bytes().first(), code.len()) {
        (Some(b'2'), 3 | 5 | 7) => Some(Table::Func),
        (Some(b'3'), 3 | 5) => Some(Table::DeptEcon),
        (Some(b'5'), 3 | 5) => Some(Table::GovEcon),
        _ => None,
    }
}

/// The header row (within the first ten) and its code and name columns.
fn header(raw: &RawSheet) -> Option<(usize, usize, usize)> {
    raw.rows.iter().take(10).enumerate().find_map(|(i, r)| {
        let find = |names: &[&str]| {
            r.cells
                .iter()
                .position(|c| matches!(c, Cell::Text(t) if names.contains(&t.trim())))
        };
        Some((i, find(&CODE_HEADERS)?, find(&NAME_HEADERS)?))
    })
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Text(t) | Cell::Date(t) | Cell::Error(t) => t.trim().to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Empty => String::new(),
    }
}

/// A code as text; a code Excel stored as a number (2010101) reads as its digits.
fn code_text(c: &Cell) -> String {
    match c {
        Cell::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e15 => format!("{f:.0}"),
        other => text(other).chars().filter(|c| !c.is_whitespace()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn a_csv_with_code_and_name_columns_sorts_rows_by_their_codes() {
        let t = tempfile::tempdir().unwrap();
        let p = write(
            t.path(),
            "2025科目.csv",
            "\u{feff}科目编码,科目名称,备注\n201,一般公共服务支出,\n20101,人大事务,\n2010101,行政运行,\n30101,基本工资,\n50101,工资奖金津补贴,\n",
        );
        let (c, n) = read_code_list(&p).unwrap();
        assert_eq!(
            n,
            Counts {
                func: 3,
                dept_econ: 1,
                gov_econ: 1
            }
        );
        assert_eq!(c.func.get("2010101").map(String::as_str), Some("行政运行"));
        assert_eq!(c.dept_econ.get("30101").map(String::as_str), Some("基本工资"));
        assert_eq!(c.gov_econ.get("50101").map(String::as_str), Some("工资奖金津补贴"));
        assert!(c.func_desc.is_empty());
    }

    /// A 说明 column gives the 功能 codes' descriptions (for the 决算's
    /// 名词解释); an empty cell gives none, and other codes' are not kept.
    #[test]
    fn a_description_column_is_read_for_function_codes() {
        let t = tempfile::tempdir().unwrap();
        let p = write(
            t.path(),
            "科目.csv",
            "编码,名称,说明\n2150501,行政运行,反映行政单位（包括实行公务员管理的事业单位）的基本支出。\n2150502,一般行政管理事务,\n30101,基本工资,反映基本工资。\n",
        );
        let (c, n) = read_code_list(&p).unwrap();
        assert_eq!(n.func, 2);
        assert_eq!(
            c.func_desc.into_iter().collect::<Vec<_>>(),
            [(
                "2150501".to_string(),
                "反映行政单位（包括实行公务员管理的事业单位）的基本支出。".to_string()
            )]
        );
    }

    #[test]
    fn bad_rows_are_named_and_nothing_is_taken() {
        let t = tempfile::tempdir().unwrap();
        let p = write(
            t.path(),
            "a.csv",
            "编码,名称\n2010101,行政运行\n20101x,人大事务\n2010102,\n",
        );
        let e = read_code_list(&p).unwrap_err().to_string();
        assert!(e.contains("第3行“编码”列：“20101x”不是科目编码"), "{e}");
        assert!(e.contains("第4行“名称”列：编码2010102缺少名称"), "{e}");
        let p = write(t.path(), "b.csv", "代号,说明\n1,2\n");
        assert!(read_code_list(&p).unwrap_err().to_string().contains("没有找到科目表"));
        let p = write(t.path(), "c.txt", "编码,名称\n");
        assert!(
            read_code_list(&p)
                .unwrap_err()
                .to_string()
                .contains(".csv（UTF-8）或 .xlsx")
        );
    }

    #[test]
    fn an_xlsx_with_numeric_codes_is_read() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("科目.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "说明：2025年支出功能分类").unwrap();
        ws.write_string(1, 0, "编码").unwrap();
        ws.write_string(1, 1, "名称").unwrap();
        ws.write_number(2, 0, 2150501.0).unwrap();
        ws.write_string(2, 1, "行政运行").unwrap();
        ws.write_string(3, 0, "21505").unwrap();
        ws.write_string(3, 1, "工业和信息产业监管").unwrap();
        wb.save(&path).unwrap();
        let (c, n) = read_code_list(&path).unwrap();
        assert_eq!(n.func, 2);
        assert_eq!(c.func.get("2150501").map(String::as_str), Some("行政运行"));
    }
}
