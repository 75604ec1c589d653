//! Shared by the 决算 fixture tests (`final_fixture.rs`, 平顶山 2023;
//! `final_fixture_jiaozuo.rs`, 焦作 2022): a fixture's package read by the
//! importer, as a user's would be, and the comparison of a computed table
//! with the fixture's published cells (`expected/公开0N表.csv`: KEY cells,
//! `|`, VALUE cells as printed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yusuan_engine::final_accounts::compute;
use yusuan_model::final_package::FinalPackage;
use yusuan_report::table::{Cell, Table};

/// `fixtures/<name>` of the repository.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

/// The package of `fixtures/<name>`, read from its `import/` folder by the
/// importer.
pub fn load(name: &str) -> FinalPackage {
    yusuan_workbook::import_final::import_final(&fixture(name).join("import"))
        .unwrap_or_else(|e| panic!("the fixture imports: {e}"))
}

fn expected(dir: &Path, number: u8) -> Vec<(Vec<String>, Vec<String>)> {
    let path = dir.join(format!("expected/公开{number:02}表.csv"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records()
        .map(|rec| {
            let cells: Vec<String> = rec.expect("row").iter().map(str::to_string).collect();
            let bar = cells.iter().position(|c| c == "|").expect("| in every row");
            (cells[..bar].to_vec(), cells[bar + 1..].to_vec())
        })
        .collect()
}

/// The printed amount cells of a table by key, as the program shows them:
/// key → value cells.
type Printed = BTreeMap<Vec<String>, Vec<String>>;

pub fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Code(s) => s.to_string(),
        _ => String::new(),
    }
}

/// 01 and 04: each side of a row keyed by (label, 行次); a side with no
/// label prints no amount.
fn two_sides(t: &Table, left: usize) -> Printed {
    let mut m = Printed::new();
    for row in &t.rows {
        for (from, to) in [(0, left), (left, row.cells.len())] {
            let side = &row.cells[from..to];
            let label = text(&side[0]);
            let values: Vec<String> = side[2..].iter().map(|x| t.display(x)).collect();
            if label.is_empty() {
                assert!(values.iter().all(String::is_empty), "{}: amount without label", t.label);
                continue;
            }
            m.insert(vec![label, text(&side[1])], values);
        }
    }
    m
}

/// 02, 03, 05, 07, 08: code and name, or 合计.
fn function_rows(t: &Table) -> Printed {
    t.rows
        .iter()
        .map(|row| {
            let key = match text(&row.cells[0]) {
                code if code.is_empty() => vec![text(&row.cells[1])],
                code => vec![code, text(&row.cells[1])],
            };
            (key, row.cells[2..].iter().map(|x| t.display(x)).collect())
        })
        .collect()
}

/// 06: each panel entry by code and name; the two 合计 by label.
fn panels(t: &Table) -> Printed {
    let mut m = Printed::new();
    for row in &t.rows {
        for p in 0..3 {
            let cells = &row.cells[3 * p..3 * p + 3];
            let (code, name) = (text(&cells[0]), text(&cells[1]));
            let value = t.display(&cells[2]);
            match (code.is_empty(), name.is_empty()) {
                (false, _) => m.insert(vec![code, name], vec![value]),
                (true, false) => m.insert(vec![name], vec![value]),
                (true, true) => {
                    assert!(value.is_empty(), "公开06: amount without label");
                    continue;
                }
            };
        }
    }
    m
}

/// Compares a table with its expected cells: every expected key printed with
/// its values, and nothing printed that is not expected. Returns the number
/// of amount cells compared, or the differences.
fn compare(dir: &Path, number: u8, printed: &Printed) -> Result<usize, Vec<String>> {
    let mut diffs = Vec::new();
    let mut cells = 0;
    let want = expected(dir, number);
    for (key, values) in &want {
        match printed.get(key) {
            None => diffs.push(format!("公开{number:02}表 {key:?}: row not printed")),
            Some(got) => {
                cells += values.len();
                if got != values {
                    diffs.push(format!("公开{number:02}表 {key:?}: expected {values:?}, got {got:?}"));
                }
            }
        }
    }
    for key in printed.keys() {
        if !want.iter().any(|(k, _)| k == key) {
            diffs.push(format!("公开{number:02}表 {key:?}: printed, not published"));
        }
    }
    if diffs.is_empty() { Ok(cells) } else { Err(diffs) }
}

/// 公开`number`表 of `fixtures/<name>` prints its published cells, and
/// `cells` of them are compared.
pub fn check(name: &str, number: u8, cells: usize) {
    let dir = &fixture(name);
    let c = compute(&load(name));
    let t = c.table(number);
    let printed = match number {
        1 | 4 => two_sides(t, 3),
        6 => panels(t),
        9 => {
            let row = &t.rows[0];
            [(Vec::new(), row.cells.iter().map(|x| t.display(x)).collect())]
                .into_iter()
                .collect()
        }
        _ => function_rows(t),
    };
    match compare(dir, number, &printed) {
        Ok(n) => assert_eq!(n, cells, "公开{number:02}表: cells compared"),
        Err(d) => panic!("{} differences:\n{}", d.len(), d.join("\n")),
    }
}
