//! The 决算 engine against a real department's published tables: 平顶山市
//! 工业和信息化局 2023年度部门决算 (`tests/fixtures/pingdingshan-2023/`, a copy of
//! `shared/fixtures/pingdingshan-2023/`). Every published amount cell of
//! 公开01–09 (`expected/公开0N表.csv`: KEY cells, `|`, VALUE cells as printed)
//! must come out as printed, 尾差 included, and the table must print no
//! amount the seed does not.
//!
//! The package is read by [`load`], a minimal test-only reader of the fixture's
//! `import/*.csv` sheets: a **stand-in until `yusuan_workbook::import_final`
//! lands** on main, after which these tests should read the package with it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use yusuan_engine::final_accounts::{FinalComputed, compute};
use yusuan_model::final_package::{
    FinalIncome, FinalPackage, Nature, NonFiscalSurplus, OpeningBalance, OtherKind, OtherSpending,
    final_source_from_label,
};
use yusuan_model::{BasicLine, FundSource, Procurement, Project, ProjectKind, ProjectLine, Unit, UnitKind};
use yusuan_report::table::{Cell, Table, to_wan};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pingdingshan-2023")
}

/// The rows of `import/<name>.csv` as header → value maps; none when the
/// sheet is absent.
fn sheet(name: &str) -> Vec<BTreeMap<String, String>> {
    let path = dir().join("import").join(format!("{name}.csv"));
    let Ok(mut r) = csv::Reader::from_path(&path) else {
        return Vec::new();
    };
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(|s| s.trim().to_string()))
                .collect()
        })
        .collect()
}

fn get<'a>(row: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    row.get(key).map(String::as_str).unwrap_or("")
}

fn amount(s: &str) -> Decimal {
    let s = s.replace(',', "");
    if s.trim().is_empty() {
        Decimal::ZERO
    } else {
        s.trim().parse().unwrap_or_else(|e| panic!("amount {s:?}: {e}"))
    }
}

fn source(s: &str) -> FundSource {
    if s.is_empty() {
        FundSource::GeneralAppropriation
    } else {
        final_source_from_label(s).unwrap_or_else(|| panic!("source {s:?}"))
    }
}

/// Reads the fixture's `import/` sheets into a package (the sheets the
/// tables need; see the module doc).
pub fn load() -> FinalPackage {
    let mut p = FinalPackage::default();
    // 封面: key, value rows without a header.
    let cover = std::fs::read_to_string(dir().join("import/封面.csv")).expect("封面");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(cover.as_bytes());
    for rec in r.records() {
        let rec = rec.expect("封面 row");
        let (k, v) = (rec.get(0).unwrap_or("").trim(), rec.get(1).unwrap_or("").trim());
        match k {
            "部门名称" => p.department.name = v.to_string(),
            "部门代码" => p.department.code = v.to_string(),
            "决算年度" => p.department.year = v.parse().expect("决算年度"),
            "小数位数" => p.department.decimals = v.parse().expect("小数位数"),
            "零值显示" => p.layout.zero_blank = v == "空白",
            "千分位" => p.layout.thousands = v != "否",
            "表样年度" => p.layout.form_year = Some(v.parse().expect("表样年度")),
            _ => {}
        }
    }
    p.units = sheet("单位")
        .iter()
        .map(|r| Unit {
            code: get(r, "单位代码").into(),
            name: get(r, "单位名称").into(),
            kind: UnitKind::from_label(get(r, "单位性质")).expect("单位性质"),
        })
        .collect();
    p.income = sheet("收入")
        .iter()
        .map(|r| FinalIncome {
            unit: get(r, "单位代码").into(),
            source: source(get(r, "收入类型")),
            func: get(r, "功能科目编码").into(),
            amount: amount(get(r, "金额")),
        })
        .collect();
    p.opening = sheet("结转结余")
        .iter()
        .map(|r| OpeningBalance {
            unit: get(r, "单位代码").into(),
            nature: Nature::from_label(get(r, "资金性质")).expect("资金性质"),
            func: get(r, "功能科目编码").into(),
            amount: amount(get(r, "年初结转和结余")),
        })
        .collect();
    p.surplus = sheet("非财政拨款结余")
        .iter()
        .map(|r| NonFiscalSurplus {
            unit: get(r, "单位代码").into(),
            used: amount(get(r, "使用非财政拨款结余和专用结余")),
            distributed: amount(get(r, "结余分配")),
        })
        .collect();
    p.basic_lines = sheet("基本支出")
        .iter()
        .map(|r| BasicLine {
            unit: get(r, "单位代码").into(),
            func: get(r, "功能科目编码").into(),
            econ: get(r, "经济科目编码").into(),
            source: source(get(r, "资金来源")),
            amount: amount(get(r, "金额")),
            note: get(r, "备注").into(),
            procurement: Procurement::from_label(get(r, "政府采购类型")),
            ..Default::default()
        })
        .collect();
    p.projects = sheet("项目")
        .iter()
        .map(|r| Project {
            code: get(r, "项目编码").into(),
            name: get(r, "项目名称").into(),
            unit: get(r, "单位代码").into(),
            kind: if get(r, "项目类型") == "特定目标类" {
                ProjectKind::SpecificTarget
            } else {
                ProjectKind::Operating
            },
            secret: get(r, "涉密") == "是",
            ..Default::default()
        })
        .collect();
    for r in sheet("项目明细") {
        let code = get(&r, "项目编码");
        let project = p.projects.iter_mut().find(|x| x.code == code).expect("项目编码");
        project.lines.push(ProjectLine {
            func: get(&r, "功能科目编码").into(),
            econ: get(&r, "经济科目编码").into(),
            source: source(get(&r, "资金来源")),
            amount: amount(get(&r, "金额")),
            procurement: Procurement::from_label(get(&r, "政府采购类型")),
            ..Default::default()
        });
    }
    p.other_lines = sheet("其他支出")
        .iter()
        .map(|r| OtherSpending {
            unit: get(r, "单位代码").into(),
            kind: OtherKind::from_label(get(r, "支出类型")).expect("支出类型"),
            func: get(r, "功能科目编码").into(),
            econ: get(r, "经济科目编码").into(),
            source: source(get(r, "资金来源")),
            amount: amount(get(r, "金额")),
        })
        .collect();
    for r in sheet("三公预算") {
        let (initial, adjusted) = (amount(get(&r, "年初预算数")), amount(get(&r, "全年预算数")));
        let (i, a) = (&mut p.plan.three_public_initial, &mut p.plan.three_public_adjusted);
        let (x, y) = match get(&r, "项目") {
            "因公出国（境）费" => (&mut i.overseas, &mut a.overseas),
            "公务用车购置费" => (&mut i.vehicle_purchase, &mut a.vehicle_purchase),
            "公务用车运行维护费" => (&mut i.vehicle_operation, &mut a.vehicle_operation),
            "公务接待费" => (&mut i.reception, &mut a.reception),
            other => panic!("三公预算 {other:?}"),
        };
        (*x, *y) = (initial, adjusted);
    }
    p
}

/// `expected/公开NN表.csv` as (key cells, value cells).
fn expected(number: u8) -> Vec<(Vec<String>, Vec<String>)> {
    let path = dir().join(format!("expected/公开{number:02}表.csv"));
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
/// key → (value cells). `keyed` splits a row into (key, amount cells) pairs.
type Printed = BTreeMap<Vec<String>, Vec<String>>;

fn shown(c: &FinalComputed, t: &Table, cell: &Cell) -> String {
    c.display(t, cell)
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Code(s) => s.clone(),
        _ => String::new(),
    }
}

/// 01 and 04: each side of a row keyed by (label, 行次); a side with no
/// label prints no amount.
fn two_sides(c: &FinalComputed, t: &Table, left: usize) -> Printed {
    let mut m = Printed::new();
    for row in &t.rows {
        for (from, to) in [(0, left), (left, row.cells.len())] {
            let side = &row.cells[from..to];
            let label = text(&side[0]);
            let values: Vec<String> = side[2..].iter().map(|x| shown(c, t, x)).collect();
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
fn function_rows(c: &FinalComputed, t: &Table) -> Printed {
    t.rows
        .iter()
        .map(|row| {
            let key = match text(&row.cells[0]) {
                code if code.is_empty() => vec![text(&row.cells[1])],
                code => vec![code, text(&row.cells[1])],
            };
            (key, row.cells[2..].iter().map(|x| shown(c, t, x)).collect())
        })
        .collect()
}

/// 06: each panel entry by code and name; the two 合计 by label.
fn panels(c: &FinalComputed, t: &Table) -> Printed {
    let mut m = Printed::new();
    for row in &t.rows {
        for p in 0..3 {
            let cells = &row.cells[3 * p..3 * p + 3];
            let (code, name) = (text(&cells[0]), text(&cells[1]));
            let value = shown(c, t, &cells[2]);
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
fn compare(number: u8, printed: &Printed) -> Result<usize, Vec<String>> {
    let mut diffs = Vec::new();
    let mut cells = 0;
    let want = expected(number);
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

fn check(number: u8, cells: usize) {
    let c = compute(&load());
    let t = c.table(number);
    let printed = match number {
        1 => two_sides(&c, t, 3),
        4 => two_sides(&c, t, 3),
        6 => panels(&c, t),
        9 => {
            let row = &t.rows[0];
            [(Vec::new(), row.cells.iter().map(|x| shown(&c, t, x)).collect())]
                .into_iter()
                .collect()
        }
        _ => function_rows(&c, t),
    };
    match compare(number, &printed) {
        Ok(n) => assert_eq!(n, cells, "公开{number:02}表: cells compared"),
        Err(d) => panic!("{} differences:\n{}", d.len(), d.join("\n")),
    }
}

#[test]
fn table_01_matches_the_published_cells() {
    check(1, 42);
}

#[test]
fn table_02_matches_the_published_cells() {
    check(2, 245);
}

#[test]
fn table_03_matches_the_published_cells() {
    check(3, 210);
}

#[test]
fn table_04_matches_the_published_cells() {
    check(4, 125);
}

#[test]
fn table_05_matches_the_published_cells() {
    check(5, 105);
}

#[test]
fn table_06_matches_the_published_cells() {
    check(6, 83);
}

#[test]
fn table_07_matches_the_published_cells() {
    check(7, 6);
}

#[test]
fn table_08_matches_the_published_cells() {
    check(8, 3);
}

#[test]
fn table_09_matches_the_published_cells() {
    check(9, 12);
}

/// The heading block and the shape the seed prints.
#[test]
fn labels_titles_and_notes() {
    let c = compute(&load());
    assert_eq!(c.tables.len(), 9);
    for (i, t) in c.tables.iter().enumerate() {
        assert_eq!(t.label, format!("公开{:02}表", i + 1));
        assert_eq!(t.department, "部门：平顶山市工业和信息化局");
        assert!(t.unit_line.starts_with("2023年度"), "{}", t.unit_line);
        assert!(t.unit_line.ends_with("单位：万元"), "{}", t.unit_line);
    }
    assert_eq!(c.table(1).title, "收入支出决算总表");
    assert_eq!(c.table(8).title, "国有资本经营预算财政拨款支出决算表");
    assert_eq!(c.table(1).rows.len(), 31);
    assert_eq!(c.table(4).rows.len(), 32);
    assert_eq!(c.table(6).rows.len(), 29);
    assert!(c.table(7).note.as_deref().unwrap().ends_with("故本表无数据。"));
    assert!(
        c.table(8)
            .note
            .as_deref()
            .unwrap()
            .contains("我部门没有使用国有资本经营预算安排的支出")
    );
    assert!(
        c.table(3)
            .note
            .as_deref()
            .unwrap()
            .ends_with("因四舍五入可能存在尾差。")
    );
}

/// The narrative's 机关运行经费 (281.17万元: 本级's 公用经费, 2,811,675 元) from
/// the same package; 06's 公用经费合计 also counts the 事业单位.
#[test]
fn agency_operating_cost() {
    let c = compute(&load());
    assert_eq!(c.totals.agency_operating, Decimal::new(2_811_675, 0));
    assert_eq!(to_wan(c.totals.agency_operating, 2), Decimal::new(28_117, 2));
    assert!(c.totals.agency_operating <= c.totals.general_public);
}
