//! The identities between the published tables (`docs/spec/tables.md`,
//! "Identities between tables"), on random packages: every source, every
//! unit kind, overridden and default codes and kinds, "三公" codes, 涉密
//! projects, units missing from the unit list. Each identity is checked on the
//! exact 元 figures the cells carry, before rounding: a table that adds up
//! differently from another is a defect, whatever the rounding then shows.

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_engine::{Computed, compute};
use yusuan_model::*;
use yusuan_report::table::{Cell, RowRole, Table};

const FUNCS: [&str; 7] = [
    "2010301", "2080505", "2101101", "2130101", "2150501", "2210201", "2990101",
];
const ECONS: [&str; 14] = [
    "30101", "30102", "30113", "30201", "30212", "30217", "30231", "30239", "30302", "30905", "31002", "31013",
    "31204", "39999",
];
const GOVS: [&str; 4] = ["50101", "50201", "50502", "59999"];
const UNITS: [&str; 4] = ["001001", "001002", "001003", "009999"];

fn pick<T: Clone + std::fmt::Debug + 'static>(of: &'static [T]) -> impl Strategy<Value = T> {
    (0..of.len()).prop_map(move |i| of[i].clone())
}

/// 元 with two decimals, up to 10 亿.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000_000).prop_map(|c| Decimal::new(c, 2))
}

fn source() -> impl Strategy<Value = FundSource> {
    pick(&FundSource::ALL)
}

/// A line's fields: unit (one unknown), 功能, 部门, optional 政府 override,
/// optional 经费类型 override, source, amount.
type LineFields = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<bool>,
    FundSource,
    Decimal,
);

fn line() -> impl Strategy<Value = LineFields> {
    (
        pick(&UNITS),
        pick(&FUNCS),
        pick(&ECONS),
        prop::option::weighted(0.2, pick(&GOVS)),
        prop::option::weighted(0.2, any::<bool>()),
        source(),
        amount(),
    )
}

fn package() -> impl Strategy<Value = Package> {
    let units = prop::collection::vec(0usize..3, 1..4);
    let basic = prop::collection::vec(line(), 0..25);
    let projects = prop::collection::vec(
        (
            pick(&UNITS),
            any::<bool>(),
            prop::bool::weighted(0.2),
            prop::collection::vec(line(), 0..5),
        ),
        0..6,
    );
    let income = prop::collection::vec((pick(&UNITS), source(), amount()), 0..10);
    (units, basic, projects, income, 0u32..3).prop_map(|(units, basic, projects, income, decimals)| {
        let mut p = Package::default();
        p.department.name = "测试部门".into();
        p.department.code = "001".into();
        p.department.year = 2025;
        p.department.decimals = decimals;
        p.units = units
            .iter()
            .enumerate()
            .map(|(i, k)| Unit {
                code: UNITS[i].into(),
                name: format!("单位{i}"),
                kind: UnitKind::ALL[*k],
            })
            .collect();
        p.basic_lines = basic
            .into_iter()
            .map(|(unit, func, econ, gov, personnel, source, amount)| BasicLine {
                unit: unit.into(),
                func: func.into(),
                econ: econ.into(),
                gov: gov.map(Into::into),
                kind: personnel.map(|b| if b { CostKind::Personnel } else { CostKind::Public }),
                source,
                amount,
                ..Default::default()
            })
            .collect();
        p.projects = projects
            .into_iter()
            .enumerate()
            .map(|(j, (unit, specific, secret, lines))| Project {
                code: format!("P{j:03}"),
                name: format!("项目{j}"),
                unit: unit.into(),
                kind: if specific {
                    ProjectKind::SpecificTarget
                } else {
                    ProjectKind::Operating
                },
                secret,
                lines: lines
                    .into_iter()
                    .map(|(_, func, econ, gov, _, source, amount)| ProjectLine {
                        func: func.into(),
                        econ: econ.into(),
                        gov: gov.map(Into::into),
                        source,
                        amount,
                        ..Default::default()
                    })
                    .collect(),
                indicators: Vec::new(),
            })
            .collect();
        p.income = income
            .into_iter()
            .map(|(unit, source, amount)| IncomeEntry {
                unit: unit.into(),
                source,
                amount,
                ..Default::default()
            })
            .collect();
        p
    })
}

/// The exact figure of a cell (a blank or text cell is zero).
fn v(t: &Table, row: usize, col: usize) -> Decimal {
    match t.rows.get(row).and_then(|r| r.cells.get(col)) {
        Some(Cell::Amount(a) | Cell::Masked(a)) => *a,
        _ => Decimal::ZERO,
    }
}

/// The row whose cell `col` is the text `label`.
fn row_of(t: &Table, col: usize, label: &str) -> usize {
    t.rows
        .iter()
        .position(|r| matches!(r.cells.get(col), Some(Cell::Text(s)) if s == label))
        .unwrap_or_else(|| panic!("{}: no row {label}", t.label))
}

/// The first row of a role (the 合计 row of most tables).
fn first(t: &Table, role: RowRole) -> Option<usize> {
    t.rows.iter().position(|r| r.role == role)
}

/// Figures of the 合计 row of a table whose 合计 is its first row; zeros when
/// the table has no rows (09 and 13 without money print only their note).
fn total_row(t: &Table, cols: std::ops::Range<usize>) -> Vec<Decimal> {
    match first(t, RowRole::Total) {
        Some(r) => cols.map(|c| v(t, r, c)).collect(),
        None => cols.map(|_| Decimal::ZERO).collect(),
    }
}

/// Sum of a column over the item rows.
fn items(t: &Table, col: usize) -> Decimal {
    (0..t.rows.len())
        .filter(|&r| t.rows[r].role == RowRole::Item)
        .map(|r| v(t, r, col))
        .sum()
}

fn check(p: &Package, c: &Computed) -> Result<(), TestCaseError> {
    let tt = &c.totals;
    let t = |n: u8| c.table(n);

    // 01: both sides.
    let t01 = t(1);
    let income_total = v(t01, row_of(t01, 0, "收入总计"), 1);
    let income_current = v(t01, row_of(t01, 0, "本年收入合计"), 1);
    let expense_total = v(t01, row_of(t01, 2, "支出总计"), 3);
    prop_assert_eq!(income_total, tt.income_total);
    prop_assert_eq!(income_current, tt.income_current);
    prop_assert_eq!(v(t01, row_of(t01, 0, "上年结转结余"), 1), tt.income_carryover);
    prop_assert_eq!(expense_total, tt.expense_total);
    let class_rows: Decimal = (0..row_of(t01, 2, "本年支出合计")).map(|r| v(t01, r, 3)).sum();
    prop_assert_eq!(class_rows, expense_total, "01: the 类 rows add up to 本年支出合计");

    // 02 合计 = 01's income side; the department row repeats it.
    let t02 = t(2);
    let total02 = total_row(t02, 2..20);
    prop_assert_eq!(total02[0], income_total);
    prop_assert_eq!(total02[1], income_current);
    prop_assert_eq!(
        total02[0],
        total02[1] + total02[12],
        "02: 总计 = 本年收入 + 上年结转结余"
    );
    let dept02: Vec<Decimal> = (2..20).map(|col| v(t02, 1, col)).collect();
    prop_assert_eq!(&dept02, &total02);
    if p.income.iter().all(|e| p.unit(&e.unit).is_some()) {
        for (i, col) in (2..20).enumerate() {
            prop_assert_eq!(items(t02, col), total02[i], "02: unit rows add up, column {}", col);
        }
    }

    // 03, 05, 09, 13: the 功能 layout adds up inside, and to the totals.
    for n in [3u8, 5, 9, 13] {
        let tn = t(n);
        let f = total_row(tn, 5..14);
        // 合计, 基本 {小计, 工资福利, 对个人和家庭, 商品和服务, 资本性}, 项目 {小计, 其他运转类, 特定目标类}
        prop_assert_eq!(f[0], f[1] + f[6], "{}: 合计 = 基本 + 项目", tn.label);
        prop_assert_eq!(f[1], f[2] + f[3] + f[4] + f[5], "{}: 基本 = its four columns", tn.label);
        prop_assert_eq!(f[6], f[7] + f[8], "{}: 项目 = 其他运转类 + 特定目标类", tn.label);
        for (i, col) in (5..14).enumerate() {
            prop_assert_eq!(items(tn, col), f[i], "{}: 功能 rows add up, column {}", tn.label, col);
        }
    }
    let t03 = total_row(t(3), 5..14);
    prop_assert_eq!(t03[0], tt.expense_total, "03 合计 = 01 支出总计");
    prop_assert_eq!(t03[1], tt.basic);
    prop_assert_eq!(t03[6], tt.project);
    let t05 = total_row(t(5), 5..14);
    prop_assert_eq!(t05[0], tt.general, "05 合计 = 一般公共预算");
    prop_assert_eq!(t05[1], tt.general_basic);
    prop_assert_eq!(total_row(t(9), 5..6)[0], tt.gov_fund, "09 合计 = 政府性基金");
    prop_assert_eq!(
        total_row(t(13), 5..6)[0],
        tt.state_capital,
        "13 合计 = 国有资本经营预算"
    );

    // 04: the 财政拨款 side of 03, split by budget.
    let t04 = t(4);
    let last = t04.rows.len() - 1;
    prop_assert_eq!(
        v(t04, last, 3),
        tt.general + tt.gov_fund + tt.state_capital,
        "04 支出合计"
    );
    prop_assert_eq!(v(t04, last, 4), t05[0], "04 一般公共预算 = 05 合计");
    prop_assert_eq!(v(t04, last, 6), tt.gov_fund, "04 政府性基金 = 09 合计");
    prop_assert_eq!(v(t04, last, 7), tt.state_capital, "04 国有资本经营预算 = 13 合计");
    let government_income: Decimal = p
        .income
        .iter()
        .filter(|e| e.source.is_government())
        .map(|e| e.amount)
        .sum();
    prop_assert_eq!(v(t04, last, 1), government_income, "04 收入合计 = 财政拨款 income");
    let class_rows: Decimal = (1..row_of(t04, 2, "二、年终结转结余")).map(|r| v(t04, r, 3)).sum();
    prop_assert_eq!(class_rows, v(t04, last, 3), "04: the 类 rows add up to 本年支出");

    // 06 = 05's basic part, by 经济 pair.
    let t06 = t(6);
    let f06 = total_row(t06, 4..7);
    prop_assert_eq!(f06[0], t05[1], "06 合计 = 05 基本支出");
    prop_assert_eq!(f06[0], f06[1] + f06[2]);
    prop_assert_eq!(f06[1], tt.general_personnel);
    prop_assert_eq!(f06[2], tt.general_public);
    for (i, col) in (4..7).enumerate() {
        prop_assert_eq!(items(t06, col), f06[i], "06: rows add up, column {}", col);
    }

    // 07: every line by 经济 pair and source.
    let t07 = t(7);
    let f07 = total_row(t07, 6..18);
    prop_assert_eq!(f07[0], tt.expense_total, "07 总计 = 03 合计");
    let sources: Decimal = f07[1] + f07[3..12].iter().copied().sum::<Decimal>();
    prop_assert_eq!(f07[0], sources, "07: 总计 = its source columns");
    prop_assert_eq!(
        f07[1],
        tt.general - carry(p, FundSource::CarryGeneral),
        "07 一般公共预算 (this year's)"
    );
    for (i, col) in (6..18).enumerate() {
        prop_assert_eq!(items(t07, col), f07[i], "07: rows add up, column {}", col);
    }

    // 08 = 三公 of 一般公共预算 lines.
    let t08 = t(8);
    let f08: Vec<Decimal> = (0..6).map(|col| v(t08, 0, col)).collect();
    let tp = &tt.three_public;
    prop_assert_eq!(f08[0], f08[1] + f08[2] + f08[5]);
    prop_assert_eq!(f08[2], f08[3] + f08[4]);
    prop_assert_eq!(
        (f08[1], f08[3], f08[4], f08[5]),
        (tp.overseas, tp.vehicle_purchase, tp.vehicle_operation, tp.reception)
    );

    // 10: projects, by source.
    let t10 = t(10);
    let f10 = total_row(t10, 3..12);
    prop_assert_eq!(f10[0], tt.project, "10 合计 = 03 项目支出");
    prop_assert_eq!(
        f10[0],
        f10[1..].iter().copied().sum::<Decimal>(),
        "10: 合计 = its source columns"
    );
    for (i, col) in (3..12).enumerate() {
        prop_assert_eq!(items(t10, col), f10[i], "10: project rows add up, column {}", col);
    }

    // 11: 预算情况.
    let t11 = t(11);
    let at = |label: &str| v(t11, row_of(t11, 2, label), 3);
    let total11 = at("部门预算总额（万元）");
    prop_assert_eq!(total11, tt.expense_total, "11 部门预算总额 = 03 合计");
    prop_assert_eq!(
        total11,
        at("（1）政府预算资金") + at("（2）财政专户管理资金") + at("（3）单位资金")
    );
    prop_assert_eq!(total11, at("（1）基本支出") + at("（2）项目支出"));
    prop_assert_eq!(at("（2）项目支出"), f10[0], "11 项目支出 = 10 合计");

    // 12: the department row covers every project.
    let t12 = t(12);
    let f12 = total_row(t12, 2..6);
    prop_assert_eq!(f12[0], f10[0], "12 资金总额 = 10 合计");
    prop_assert_eq!(f12[0], f12[1] + f12[2] + f12[3]);

    // 14 = 机构运行经费.
    let t14 = t(14);
    let f14 = total_row(t14, 2..3)[0];
    prop_assert_eq!(f14, tt.operating_cost, "14 合计 = 机构运行经费");
    prop_assert_eq!(items(t14, 2), f14, "14: rows add up");
    let other_budgets_basic = p
        .basic_lines
        .iter()
        .any(|l| matches!(l.source.budget(), Some(Budget::GovFund | Budget::StateCapital)));
    if !other_budgets_basic {
        prop_assert_eq!(
            f14,
            f06[2],
            "14 合计 = 06 公用经费 without 政府性基金/国有资本 basic money"
        );
    }
    Ok(())
}

/// The lines of one source, all of them.
fn carry(p: &Package, source: FundSource) -> Decimal {
    let basic = p.basic_lines.iter().filter(|l| l.source == source).map(|l| l.amount);
    let project = p
        .projects
        .iter()
        .flat_map(|x| &x.lines)
        .filter(|l| l.source == source)
        .map(|l| l.amount);
    basic.chain(project).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn tables_agree_with_each_other(p in package()) {
        let c = compute(&p);
        check(&p, &c)?;
    }
}

/// The fixed packages too: the sample (义马) and a generated department.
#[test]
fn sample_and_generated_packages_agree() {
    for p in [
        yusuan_model::sample_package(),
        yusuan_model::generate::department(7, 12, 300),
    ] {
        let c = compute(&p);
        check(&p, &c).unwrap();
    }
}

/// Not a check: writes `{:#?}` of everything the engine derives from 400
/// random packages of [`package`] (a fixed seed) into the file named by
/// `YUSUAN_DUMP`, so that two builds of the engine can be compared byte for
/// byte (issue 9: a faster engine must give identical results; see
/// `crates/fixtures/examples/dump_engine.rs` for the large packages).
/// `YUSUAN_DUMP=/tmp/random.txt cargo test -p yusuan-engine --test identities -- --ignored dump`
#[test]
#[ignore = "a tool: run by hand with YUSUAN_DUMP set"]
fn dump_random_packages() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::fmt::Write as _;
    let path = std::env::var("YUSUAN_DUMP").expect("YUSUAN_DUMP names the output file");
    let mut runner = TestRunner::deterministic();
    let mut s = String::new();
    for i in 0..400 {
        let mut p = package().new_tree(&mut runner).unwrap().current();
        if i % 4 == 1 {
            p.narrative_overrides
                .insert("p1".into(), "收入总计1,234.56万元。".into());
        }
        let c = compute(&p);
        writeln!(s, "## package {i}").unwrap();
        writeln!(s, "{:#?}\n{:#?}\n{:#?}", c.tables, c.totals, c.lines).unwrap();
        writeln!(s, "{:#?}\n{:#?}", c.gov_codes, c.findings).unwrap();
        writeln!(s, "{:#?}\n{:#?}", c.narrative(&p), c.generated(&p)).unwrap();
        for t in &c.tables {
            for r in &t.rows {
                let cells: Vec<String> = r.cells.iter().map(|x| t.display(x)).collect();
                writeln!(s, "{} {}", t.label, cells.join("|")).unwrap();
            }
        }
    }
    std::fs::write(path, s).unwrap();
}
