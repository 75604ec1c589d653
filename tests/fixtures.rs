//! The first proof that the engine is right: both fixtures, imported, computed
//! and exported, reproduce every published cell of `expected/` in the xlsx as
//! read back by calamine.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::*;
use yusuan::engine::compute;
use yusuan::import::import_path;

fn export(name: &str) -> (yusuan::model::Package, yusuan::engine::Computed, Vec<u8>) {
    let p = import_path(&fixture_dir(name).join("import")).unwrap_or_else(|e| panic!("{name}: {e}"));
    let c = compute(&p);
    let bytes = yusuan::xlsx::workbook_bytes(&c.tables, &p.department.name).unwrap();
    (p, c, bytes)
}

#[test]
fn every_expected_cell_is_reproduced() {
    for name in FIXTURES {
        let (p, _, bytes) = export(name);
        let sheets = read_sheets(&bytes, p.department.decimals);
        let (checked, failures) = check_fixture(&sheets, &fixture_dir(name).join("expected"));
        assert!(checked > 50, "{name}: only {checked} rows checked");
        assert!(
            failures.is_empty(),
            "{name}: {} of {checked} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[test]
fn fixtures_have_no_errors() {
    for name in FIXTURES {
        let (p, c, _) = export(name);
        let errors: Vec<String> = c
            .findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| format!("{} {} {}", f.rule, f.location.describe(&p), f.message))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn workbook_has_the_fourteen_sheets_and_text_codes() {
    for name in FIXTURES {
        let (_, _, bytes) = export(name);
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names().to_vec();
        let want: Vec<String> = (1..=14).map(|n| format!("预算{n:02}表")).collect();
        assert_eq!(names, want);
        // Codes are text cells, leading zeros kept: 预算02表 lists the units.
        let range = wb.worksheet_range("预算02表").unwrap();
        let codes: Vec<&Data> = range
            .rows()
            .filter_map(|r| r.first())
            .filter(|d| matches!(d, Data::String(s) if s.starts_with("021")))
            .collect();
        assert!(!codes.is_empty(), "{name}: unit codes are not text cells");
        // 预算03表: 款 and 项 like "02" stay text with the leading zero.
        let range = wb.worksheet_range("预算03表").unwrap();
        assert!(
            range
                .rows()
                .any(|r| matches!(r.get(1), Some(Data::String(s)) if s.starts_with('0')))
        );
    }
}

#[test]
fn tail_differences_follow_exact_sums() {
    // 义马: the 预算03表 rows add up to 1,959.62 while the total says 1,959.63.
    let (p, c, _) = export("yima-2024");
    let t = c.table(3);
    let shown = |cell: &yusuan::table::Cell| t.display(cell).replace(',', "").parse::<f64>().unwrap_or(0.0);
    let total = shown(&t.rows[0].cells[5]);
    let rows: f64 = t.rows[2..].iter().map(|r| shown(&r.cells[5])).sum();
    assert_eq!(format!("{total:.2}"), "1959.63");
    assert_eq!(format!("{rows:.2}"), "1959.62");
    assert_eq!(p.department.decimals, 2);
}

#[test]
fn formula_like_text_is_written_as_text() {
    let (mut p, _, _) = export("yima-2024");
    p.projects[0].name = "=SUM(A1:A9)".into();
    p.projects[1].name = "+1".into();
    p.projects[2].name = "@cmd".into();
    p.projects[3].name = "-2".into();
    let c = compute(&p);
    let bytes = yusuan::xlsx::workbook_bytes(&c.tables, "x").unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let formulas = wb.worksheet_formula("预算10表").unwrap();
    assert!(formulas.used_cells().next().is_none(), "a formula was written");
    let range = wb.worksheet_range("预算10表").unwrap();
    for name in ["=SUM(A1:A9)", "+1", "@cmd", "-2"] {
        assert!(
            range.used_cells().any(|(_, _, d)| *d == Data::String(name.into())),
            "{name} not written as text"
        );
    }
}

#[test]
fn embedded_sample_is_the_yima_fixture() {
    let imported = import_path(&fixture_dir("yima-2024").join("import")).unwrap();
    assert_eq!(
        yusuan::sample_package(),
        imported,
        "assets/sample.yusuan is stale: re-create it with `yusuan import`"
    );
}

/// A draft workbook carries the mark in every sheet's label line (row 0),
/// before the label; a normal one does not.
#[test]
fn draft_workbook_is_marked_in_every_sheet() {
    let p = import_path(&fixture_dir(FIXTURES[0]).join("import")).unwrap();
    let c = compute(&p);
    let mark = yusuan::DRAFT_MARK;
    let bytes = yusuan::xlsx::workbook_bytes_with(&c.tables, "x", Some(mark)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), c.tables.len());
    for (name, t) in names.iter().zip(&c.tables) {
        let range = wb.worksheet_range(name).unwrap();
        let first = range.get_value((0, 0)).map(|d| d.to_string()).unwrap_or_default();
        assert!(first.starts_with(mark), "{name}: {first}");
        assert!(first.ends_with(&t.label), "{name}: {first}");
    }
    let plain = yusuan::xlsx::workbook_bytes(&c.tables, "x").unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(plain)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    assert_eq!(
        range.get_value((0, 0)).map(|d| d.to_string()),
        Some(c.tables[0].label.clone())
    );
}
