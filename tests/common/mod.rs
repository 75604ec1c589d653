//! Shared helpers of the integration tests: the fixtures and the rule of
//! `shared/spec/tables.md` ("Checking against the fixtures").
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;
use yusuan::table::format_number;

pub const FIXTURES: [&str; 2] = ["yima-2024", "zhengzhou-2024"];

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Reads every sheet of an xlsx as rows of displayed text: numbers with
/// thousands separators and `decimals` places, blanks as "".
pub fn read_sheets(bytes: &[u8], decimals: u32) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx opens");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet reads");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows = Vec::new();
            for (ri, row) in range.rows().enumerate() {
                let mut cells = vec![String::new(); c0 as usize];
                cells.extend(row.iter().map(|d| match d {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format_number(Decimal::from_f64_retain(*f).unwrap().round_dp(decimals), decimals),
                    Data::Int(i) => format_number(Decimal::from(*i), decimals),
                    other => other.to_string(),
                }));
                let _ = (r0, ri);
                rows.push(cells);
            }
            (name, rows)
        })
        .collect()
}

/// An expected row: keys, then values as displayed.
pub struct Expected {
    pub keys: Vec<String>,
    pub values: Vec<String>,
    pub line: usize,
}

pub fn read_expected(path: &Path) -> Vec<Expected> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    rdr.records()
        .enumerate()
        .map(|(i, r)| {
            let r = r.unwrap();
            let cells: Vec<String> = r.iter().map(str::to_string).collect();
            let bar = cells
                .iter()
                .position(|c| c == "|")
                .unwrap_or_else(|| panic!("{}: line {} has no |", path.display(), i + 1));
            Expected {
                keys: cells[..bar].to_vec(),
                values: cells[bar + 1..].to_vec(),
                line: i + 1,
            }
        })
        .collect()
}

/// The rule of tables.md: some row contains the keys in order and, right after
/// the last key, the values. Cells past the row's end read as blank.
pub fn row_holds(row: &[String], e: &Expected) -> bool {
    fn from(row: &[String], keys: &[String], start: usize, values: &[String]) -> bool {
        match keys.split_first() {
            None => (0..=row.len()).any(|s| s >= start && values_at(row, s, values)),
            Some((k, rest)) => (start..row.len()).any(|i| row[i] == *k && from_after(row, rest, i + 1, values)),
        }
    }
    fn from_after(row: &[String], keys: &[String], start: usize, values: &[String]) -> bool {
        if keys.is_empty() {
            values_at(row, start, values)
        } else {
            from(row, keys, start, values)
        }
    }
    fn values_at(row: &[String], s: usize, values: &[String]) -> bool {
        values
            .iter()
            .enumerate()
            .all(|(j, v)| row.get(s + j).map(String::as_str).unwrap_or("") == v)
    }
    from(row, &e.keys, 0, &e.values)
}

/// Checks every expected file of a fixture against the sheets; returns the failures.
pub fn check_fixture(sheets: &[(String, Vec<Vec<String>>)], expected_dir: &Path) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(expected_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !stem.starts_with("预算") {
            continue;
        }
        let Some((_, rows)) = sheets.iter().find(|(n, _)| *n == stem) else {
            failures.push(format!("no sheet {stem}"));
            continue;
        };
        for e in read_expected(&path) {
            checked += 1;
            if !rows.iter().any(|r| row_holds(r, &e)) {
                let near: Vec<&Vec<String>> = rows
                    .iter()
                    .filter(|r| e.keys.first().is_none_or(|k| r.contains(k)))
                    .take(2)
                    .collect();
                failures.push(format!(
                    "{stem} line {}: keys {:?} values {:?} not found; nearest rows: {:?}",
                    e.line, e.keys, e.values, near
                ));
            }
        }
    }
    (checked, failures)
}
