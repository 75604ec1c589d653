//! The identities of the 决算 tables (`shared/spec/final/tables.md` §12,
//! `checks.md` T1–T8), checked on the exact 元 figures the cells carry: on
//! small hand-built packages (one behaviour each), then on random packages
//! (proptest) that must compute without panicking and keep every identity.
//!
//! Random packages keep to what the identities presuppose: 功能 classes on
//! the form's list (R4 58 = Σ class rows), economic codes on 公开06's list
//! (R12), other spending (上缴上级, 经营, 对附属单位补助) from 非财政拨款 money
//! only (R8/R9: 05 and 07 have no column for it).

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_engine::final_accounts::{FinalComputed, compute, narrative, publication};
use yusuan_model::final_package::{
    FinalIncome, FinalPackage, FinalTextKey, GradeCounts, LastYearFinalItem, Nature, NonFiscalSurplus, OpeningBalance,
    OtherKind, OtherSpending, PlanLine, ThreePublicAmounts,
};
use yusuan_model::{BasicLine, CostKind, FundSource, Project, ProjectKind, ProjectLine, Unit, UnitKind};
use yusuan_report::table::{Cell, Table};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The exact figure of a cell (`None`: no amount).
fn amount(c: &Cell) -> Option<Decimal> {
    match c {
        Cell::Amount(a) => Some(*a),
        _ => None,
    }
}

/// 01 / 04: the amount(s) at 行次 `n`; `right` the first 行次 of the right side.
fn at(t: &Table, n: usize, right: usize, col: usize) -> Decimal {
    let (row, cell) = if n < right { (n - 1, 2) } else { (n - right, 5 + col) };
    amount(&t.rows[row].cells[cell]).unwrap_or_else(|| panic!("{} 行次{n}: no amount", t.label))
}

fn r01(t: &Table, n: usize) -> Decimal {
    at(t, n, 32, 0)
}

fn r04(t: &Table, n: usize, col: usize) -> Decimal {
    at(t, n, 33, col)
}

/// A 功能 table's rows: code ("" for 合计) → figures.
fn func_rows(t: &Table) -> BTreeMap<String, Vec<Decimal>> {
    t.rows
        .iter()
        .map(|r| {
            let code = match &r.cells[0] {
                Cell::Code(c) => c.to_string(),
                _ => String::new(),
            };
            let v = r.cells[2..].iter().map(|c| amount(c).expect("amount")).collect();
            (code, v)
        })
        .collect()
}

fn col(rows: &BTreeMap<String, Vec<Decimal>>, code: &str, i: usize) -> Decimal {
    rows.get(code).map_or(Decimal::ZERO, |v| v[i])
}

/// 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, per column (exact).
fn hierarchy(label: &str, rows: &BTreeMap<String, Vec<Decimal>>) -> Result<(), TestCaseError> {
    for (code, v) in rows {
        let child_len = match code.len() {
            0 => 3,
            3 => 5,
            5 => 7,
            _ => continue,
        };
        for (i, x) in v.iter().enumerate() {
            let sum: Decimal = rows
                .iter()
                .filter(|(c, _)| c.len() == child_len && c.starts_with(code.as_str()))
                .map(|(_, w)| w[i])
                .sum();
            prop_assert_eq!(*x, sum, "{} {} column {}", label, code, i + 1);
        }
    }
    Ok(())
}

/// Every identity of tables.md §12 the package's data allow (see the module doc).
fn check(p: &FinalPackage, c: &FinalComputed) -> Result<(), TestCaseError> {
    prop_assert_eq!(c.tables.len(), 9);
    for t in &c.tables {
        for r in &t.rows {
            prop_assert_eq!(r.cells.len(), t.columns.len());
            for cell in &r.cells {
                let _ = t.display(cell);
            }
        }
    }
    let (t1, t4) = (c.table(1), c.table(4));
    // R1 / T1.
    let sum = |t: &Table, f: &dyn Fn(&Table, usize) -> Decimal, r: std::ops::RangeInclusive<usize>| -> Decimal {
        r.map(|n| f(t, n)).sum()
    };
    prop_assert_eq!(r01(t1, 27), sum(t1, &r01, 1..=8));
    prop_assert_eq!(r01(t1, 31), r01(t1, 27) + r01(t1, 28) + r01(t1, 29));
    prop_assert_eq!(r01(t1, 58), sum(t1, &r01, 32..=57));
    prop_assert_eq!(r01(t1, 62), r01(t1, 58) + r01(t1, 59) + r01(t1, 60));
    prop_assert_eq!(r01(t1, 31), r01(t1, 62), "01 总计 both sides");
    // R2: per unit and nature, 年初 + used + 收入 = 支出 + distributed + 年末.
    for u in p.units.iter().map(|u| u.code.as_str()) {
        for n in Nature::ALL {
            let opening: Decimal = p
                .opening
                .iter()
                .filter(|o| o.unit == u && o.nature == n)
                .map(|o| o.amount)
                .sum();
            let income: Decimal = p
                .income
                .iter()
                .filter(|i| i.unit == u && !i.source.is_carryover() && Nature::of(i.source) == n)
                .map(|i| i.amount)
                .sum();
            let spent: Decimal = p
                .basic_lines
                .iter()
                .filter(|l| l.unit == u && Nature::of(l.source) == n)
                .map(|l| l.amount)
                .chain(
                    p.projects
                        .iter()
                        .filter(|x| x.unit == u)
                        .flat_map(|x| x.lines.iter())
                        .filter(|l| Nature::of(l.source) == n)
                        .map(|l| l.amount),
                )
                .chain(
                    p.other_lines
                        .iter()
                        .filter(|l| l.unit == u && Nature::of(l.source) == n)
                        .map(|l| l.amount),
                )
                .sum();
            let (used, distributed): (Decimal, Decimal) = if n == Nature::NonFiscal {
                let s = p.surplus.iter().filter(|s| s.unit == u);
                (s.clone().map(|s| s.used).sum(), s.map(|s| s.distributed).sum())
            } else {
                Default::default()
            };
            let closing: Decimal = c
                .totals
                .closing
                .iter()
                .filter(|((unit, nature, _), _)| unit == u && *nature == n)
                .map(|(_, a)| *a)
                .sum();
            prop_assert_eq!(
                opening + used + income,
                spent + distributed + closing,
                "R2 {} {:?}",
                u,
                n
            );
        }
    }
    // T2 / T3 / T5 / T7 and the hierarchies (R5).
    let (f2, f3, f5, f7, f8) = (
        func_rows(c.table(2)),
        func_rows(c.table(3)),
        func_rows(c.table(5)),
        func_rows(c.table(7)),
        func_rows(c.table(8)),
    );
    for (label, rows) in [("02", &f2), ("03", &f3), ("05", &f5), ("07", &f7), ("08", &f8)] {
        hierarchy(label, rows)?;
    }
    for v in f2.values() {
        prop_assert_eq!(v[0], v[1..].iter().copied().sum::<Decimal>(), "02 col 1 = Σ 2–7");
    }
    for v in f3.values() {
        prop_assert_eq!(v[0], v[1..].iter().copied().sum::<Decimal>(), "03 col 1 = Σ 2–6");
    }
    for v in f5.values() {
        prop_assert_eq!(v[0], v[1] + v[2], "05 col 1 = 2 + 3");
    }
    for v in f7.values() {
        prop_assert_eq!(v[2], v[3] + v[4], "07 3 = 4 + 5");
        prop_assert_eq!(v[5], v[0] + v[1] - v[2], "07 6 = 1 + 2 − 3");
    }
    // R3.
    for n in 1..=3 {
        prop_assert_eq!(r01(t1, n), r04(t4, n, 0), "01/04 行次{}", n);
    }
    prop_assert_eq!(r01(t1, 1) + r01(t1, 2) + r01(t1, 3), col(&f2, "", 1));
    for n in 4..=8 {
        prop_assert_eq!(r01(t1, n), col(&f2, "", n - 2), "01 行次{} = 02 合计 col {}", n, n - 2);
    }
    prop_assert_eq!(r01(t1, 27), col(&f2, "", 0));
    // R4.
    for (i, n) in (32..=57).enumerate() {
        let class = yusuan_engine::final_accounts::forms::CLASSES[i].0;
        prop_assert_eq!(r01(t1, n), col(&f3, class, 0), "01 行次{} = 03 {}", n, class);
    }
    prop_assert_eq!(r01(t1, 58), col(&f3, "", 0));
    // T4 and R6.
    prop_assert_eq!(r04(t4, 27, 0), r04(t4, 1, 0) + r04(t4, 2, 0) + r04(t4, 3, 0));
    prop_assert_eq!(r04(t4, 28, 0), r04(t4, 29, 0) + r04(t4, 30, 0) + r04(t4, 31, 0));
    prop_assert_eq!(r04(t4, 32, 0), r04(t4, 27, 0) + r04(t4, 28, 0));
    for n in 33..=60 {
        prop_assert_eq!(
            r04(t4, n, 0),
            r04(t4, n, 1) + r04(t4, n, 2) + r04(t4, n, 3),
            "04 行次{}",
            n
        );
    }
    for k in 0..4 {
        prop_assert_eq!(r04(t4, 59, k), sum(t4, &|t, n| r04(t, n, k), 33..=58));
        prop_assert_eq!(r04(t4, 64, k), r04(t4, 59, k) + r04(t4, 60, k));
    }
    prop_assert_eq!(r04(t4, 32, 0), r04(t4, 64, 0));
    for b in 0..3 {
        prop_assert_eq!(
            r04(t4, 29 + b, 0) + r04(t4, 1 + b, 0),
            r04(t4, 59, 1 + b) + r04(t4, 60, 1 + b),
            "R6 budget {}",
            b
        );
    }
    // R7 (年初; amounts are never negative here).
    prop_assert!(r04(t4, 28, 0) <= r01(t1, 29));
    // R8, R9, R10 (08 with balances: its 本年支出 小计 is column 3).
    let k8 = if c.table(8).columns.len() == 8 { 2 } else { 0 };
    for (i, n) in (33..=58).enumerate() {
        let class = yusuan_engine::final_accounts::forms::CLASSES[i].0;
        prop_assert_eq!(r04(t4, n, 1), col(&f5, class, 0), "R8 {}", class);
        prop_assert_eq!(r04(t4, n, 2), col(&f7, class, 2), "R9 {}", class);
        prop_assert_eq!(r04(t4, n, 3), col(&f8, class, k8), "R10 {}", class);
    }
    prop_assert_eq!(r04(t4, 59, 1), col(&f5, "", 0));
    prop_assert_eq!(r04(t4, 30, 0), col(&f7, "", 0));
    prop_assert_eq!(r04(t4, 2, 0), col(&f7, "", 1));
    prop_assert_eq!(r04(t4, 60, 2), col(&f7, "", 5));
    prop_assert_eq!(r04(t4, 59, 3), col(&f8, "", k8));
    // R11: 05 ≤ 03 per row and column.
    for (code, v) in &f5 {
        for (i, x) in v.iter().enumerate() {
            prop_assert!(*x <= col(&f3, code, i), "R11 {} column {}", code, i + 1);
        }
    }
    // T6 and R12.
    let t6 = c.table(6);
    let mut f6: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in &t6.rows[..t6.rows.len() - 1] {
        for panel in r.cells.chunks(3) {
            if let Cell::Code(code) = &panel[0] {
                f6.insert(code.to_string(), amount(&panel[2]).expect("06 amount"));
            }
        }
    }
    prop_assert_eq!(f6.len(), 81);
    for (code, x) in f6.iter().filter(|(c, _)| c.len() == 3) {
        let items: Decimal = f6
            .iter()
            .filter(|(c, _)| c.len() == 5 && c.starts_with(code.as_str()))
            .map(|(_, a)| *a)
            .sum();
        prop_assert_eq!(*x, items, "06 {} = Σ items", code);
    }
    let last = &t6.rows[t6.rows.len() - 1].cells;
    let (personnel, public) = (amount(&last[2]).unwrap(), amount(&last[8]).unwrap());
    prop_assert_eq!(personnel, f6["301"] + f6["303"]);
    prop_assert_eq!(public, f6["302"] + f6["307"] + f6["310"] + f6["399"]);
    prop_assert_eq!(personnel + public, col(&f5, "", 1), "R12");
    // R13, R14.
    let t9: Vec<Decimal> = c.table(9).rows[0].cells.iter().map(|x| amount(x).unwrap()).collect();
    for h in [0, 6] {
        prop_assert_eq!(t9[h], t9[h + 1] + t9[h + 2] + t9[h + 5]);
        prop_assert_eq!(t9[h + 2], t9[h + 3] + t9[h + 4]);
    }
    for (i, code) in [(7, "30212"), (9, "31013"), (10, "30231"), (11, "30217")] {
        prop_assert!(t9[i] >= f6[code], "R13 {}", code);
    }
    // R15.
    prop_assert!(c.totals.agency_operating <= public);
    attachments(p, c, r01(t1, 58), col(&f3, "", 2))
}

/// The 自评 attachments: A1 then one A2 per attached evaluation, every row
/// as wide as the columns, merges inside the table and apart (the xlsx
/// writer refuses overlapping ones); R16 (A1 全年执行数 = 01 本年支出合计, A1
/// 年初预算数 = the entered 年初 total) and R17 (Σ A2 全年执行数 = 03 项目支出
/// when every project is attached).
fn attachments(
    p: &FinalPackage,
    c: &FinalComputed,
    spent: Decimal,
    project_spent: Decimal,
) -> Result<(), TestCaseError> {
    let attached: Vec<&yusuan_model::final_package::ProjectEval> = p
        .project_evals
        .iter()
        .filter(|e| yusuan_engine::final_accounts::scores::is_attached(p, e))
        .collect();
    let has_a1 = yusuan_engine::final_accounts::scores::has_dept_eval(p);
    prop_assert_eq!(c.attachments.len(), usize::from(has_a1) + attached.len());
    prop_assert_eq!(c.dept_attachment().is_some(), has_a1);
    for t in &c.attachments {
        let mut covered = std::collections::BTreeSet::new();
        for r in &t.rows {
            prop_assert_eq!(r.cells.len(), t.columns.len());
        }
        for m in &t.merges {
            prop_assert!(
                m.row + m.rows <= t.rows.len() && m.col + m.cols <= t.columns.len(),
                "{}: {:?}",
                &t.label,
                m
            );
            for r in m.row..m.row + m.rows {
                for k in m.col..m.col + m.cols {
                    prop_assert!(covered.insert((r, k)), "{}: merges overlap at {:?}", &t.label, (r, k));
                }
            }
        }
    }
    let row = |t: &Table, label: &str| -> Vec<Cell> {
        t.rows
            .iter()
            .find(|r| r.cells[1] == Cell::Text(label.into()))
            .expect(label)
            .cells
            .clone()
    };
    if let Some(a1) = c.dept_attachment() {
        let a1 = row(a1, "部门预算总额");
        prop_assert_eq!(amount(&a1[5]), Some(spent), "R16 全年执行数");
        prop_assert_eq!(amount(&a1[3]), Some(p.plan.dept_initial.total()), "R16 年初预算数");
        prop_assert_eq!(amount(&a1[4]), Some(p.plan.dept_adjusted.total()));
    }
    let executed: Decimal = c
        .project_attachments()
        .map(|t| amount(&row(t, "年度资金总额")[5]).unwrap())
        .sum();
    prop_assert!(executed <= project_spent || p.projects.iter().any(|x| x.code.is_empty()));
    if p.projects
        .iter()
        .all(|x| attached.iter().filter(|e| e.project == x.code).count() == 1)
    {
        prop_assert_eq!(executed, project_spent, "R17");
    }
    Ok(())
}

fn unit(code: &str, kind: UnitKind) -> Unit {
    Unit {
        code: code.into(),
        name: format!("单位{code}"),
        kind,
    }
}

fn basic(unit: &str, func: &str, econ: &str, source: FundSource, amount: &str) -> BasicLine {
    BasicLine {
        unit: unit.into(),
        func: func.into(),
        econ: econ.into(),
        source,
        amount: d(amount),
        ..Default::default()
    }
}

fn income(unit: &str, source: FundSource, func: &str, amount: &str) -> FinalIncome {
    FinalIncome {
        unit: unit.into(),
        source,
        func: func.into(),
        amount: d(amount),
        rejected: Default::default(),
    }
}

/// A department of two units: GPB, 政府性基金, 国资 and 事业收入 money, a
/// non-fiscal balance used and distributed, a project with 三公 codes, and
/// other spending.
fn sample() -> FinalPackage {
    let mut p = FinalPackage::default();
    p.department.name = "测试部门".into();
    p.department.year = 2023;
    p.units = vec![
        unit("001", UnitKind::Administrative),
        unit("002", UnitKind::Institution),
    ];
    p.income = vec![
        income("001", FundSource::GeneralAppropriation, "2150501", "1000000"),
        income("001", FundSource::GeneralOther, "2150501", "5000"),
        income("001", FundSource::GovFund, "2120801", "300000"),
        income("002", FundSource::BusinessIncome, "2150599", "200000"),
        income("002", FundSource::FiscalSpecial, "2150599", "10000"),
        income("002", FundSource::StateCapital, "2230105", "70000"),
        income("002", FundSource::CarryGeneral, "2150599", "999"),
    ];
    p.opening = vec![
        OpeningBalance {
            unit: "001".into(),
            nature: Nature::General,
            func: "2150501".into(),
            amount: d("40000"),
            rejected: Default::default(),
        },
        OpeningBalance {
            unit: "002".into(),
            nature: Nature::NonFiscal,
            func: "2150599".into(),
            amount: d("15000"),
            rejected: Default::default(),
        },
        OpeningBalance {
            unit: "001".into(),
            nature: Nature::GovFund,
            func: "2120802".into(),
            amount: d("8000"),
            rejected: Default::default(),
        },
    ];
    p.surplus = vec![NonFiscalSurplus {
        unit: "002".into(),
        used: d("3000"),
        distributed: d("1000"),
        rejected: Default::default(),
    }];
    p.basic_lines = vec![
        basic("001", "2150501", "30101", FundSource::GeneralAppropriation, "600000"),
        basic("001", "2150501", "30201", FundSource::GeneralAppropriation, "100000.50"),
        basic("001", "2150501", "30217", FundSource::CarryGeneral, "3000"),
        basic("002", "2150599", "30201", FundSource::GeneralAppropriation, "20000"),
        basic("002", "2150599", "30101", FundSource::BusinessIncome, "150000"),
        BasicLine {
            kind: Some(CostKind::Personnel),
            ..basic("001", "2150501", "30239", FundSource::GeneralAppropriation, "7000")
        },
    ];
    p.projects = vec![Project {
        code: "P1".into(),
        name: "项目".into(),
        unit: "001".into(),
        kind: ProjectKind::SpecificTarget,
        lines: vec![
            ProjectLine {
                func: "2150501".into(),
                econ: "31013".into(),
                source: FundSource::GeneralAppropriation,
                amount: d("180000"),
                ..Default::default()
            },
            ProjectLine {
                func: "2120801".into(),
                econ: "30231".into(),
                source: FundSource::GovFund,
                amount: d("250000"),
                ..Default::default()
            },
            ProjectLine {
                func: "2230105".into(),
                econ: "30299".into(),
                source: FundSource::StateCapital,
                amount: d("60000"),
                ..Default::default()
            },
        ],
        ..Default::default()
    }];
    p.other_lines = vec![OtherSpending {
        unit: "002".into(),
        kind: OtherKind::RemitToSuperior,
        func: "2150599".into(),
        econ: "39999".into(),
        source: FundSource::BusinessIncome,
        amount: d("20000"),
        rejected: Default::default(),
    }];
    p.plan.three_public_adjusted = ThreePublicAmounts {
        overseas: d("0"),
        vehicle_purchase: d("180000"),
        vehicle_operation: d("260000"),
        reception: d("5000"),
    };
    p
}

#[test]
fn sample_keeps_every_identity() {
    let p = sample();
    let c = compute(&p);
    check(&p, &c).unwrap();
}

#[test]
fn total_and_balances_of_the_sample() {
    let c = compute(&sample());
    let t1 = c.table(1);
    // 一般公共预算-其他 is 一般公共预算财政拨款; 财政专户 is 事业收入; carry-over is not income.
    assert_eq!(r01(t1, 1), d("1005000"));
    assert_eq!(r01(t1, 5), d("210000"));
    assert_eq!(r01(t1, 27), d("1585000"));
    assert_eq!(r01(t1, 28), d("3000"));
    assert_eq!(r01(t1, 29), d("63000"));
    assert_eq!(r01(t1, 59), d("1000"));
    // 年末 = 31 − 58 − 59.
    assert_eq!(r01(t1, 60), r01(t1, 31) - r01(t1, 58) - r01(t1, 59));
    assert_eq!(r01(t1, 31), d("1651000"));
    // 04 年末 GPB: 40000 + 1005000 − (600000 + 100000.50 + 3000 + 20000 + 7000 + 180000).
    let t4 = c.table(4);
    assert_eq!(r04(t4, 60, 1), d("134999.50"));
}

#[test]
fn table_06_splits_by_class_not_by_kind() {
    let c = compute(&sample());
    // 30239 with 经费类型 人员经费 still counts as 公用经费 (class 302).
    assert_eq!(c.totals.general_personnel, d("600000"));
    assert_eq!(c.totals.general_public, d("130000.50"));
    // 机关运行经费: 行政 unit 001 only (its carry-over 30217 included).
    assert_eq!(c.totals.agency_operating, d("110000.50"));
}

#[test]
fn table_05_counts_carry_over_and_09_counts_projects_of_every_budget() {
    let c = compute(&sample());
    let f5 = func_rows(c.table(5));
    assert_eq!(col(&f5, "2150501", 1), d("710000.50"));
    let t9: Vec<Decimal> = c.table(9).rows[0].cells.iter().map(|x| amount(x).unwrap()).collect();
    // 决算: 购置 180000 (project), 运行维护 250000 (政府性基金 project), 接待 3000 (carry-over).
    assert_eq!(
        &t9[6..],
        &[d("433000"), d("0"), d("430000"), d("180000"), d("250000"), d("3000")]
    );
    assert_eq!(t9[0], d("445000"));
}

#[test]
fn table_07_prints_a_balance_alone_and_derives_the_closing() {
    let c = compute(&sample());
    let f7 = func_rows(c.table(7));
    assert_eq!(
        f7["2120802"],
        vec![d("8000"), d("0"), d("0"), d("0"), d("0"), d("8000")]
    );
    assert_eq!(
        f7["2120801"],
        vec![d("0"), d("300000"), d("250000"), d("0"), d("250000"), d("50000")]
    );
    assert_eq!(f7["212"][5], d("58000"));
    assert!(!c.table(7).note.as_deref().unwrap().contains("说明"));
}

#[test]
fn table_08_has_two_forms() {
    let mut p = sample();
    let c = compute(&p);
    assert_eq!(c.table(8).columns.len(), 5);
    assert_eq!(func_rows(c.table(8))[""], vec![d("60000"), d("0"), d("60000")]);
    p.layout.form_year = Some(2022);
    let c = compute(&p);
    let t8 = c.table(8);
    assert_eq!(t8.title, "国有资本经营预算财政拨款收入支出决算表");
    assert_eq!(t8.columns.len(), 8);
    assert_eq!(
        func_rows(t8)[""],
        vec![d("0"), d("70000"), d("60000"), d("0"), d("60000"), d("10000")]
    );
    assert_eq!(c.table(1).rows[27].cells[0], Cell::Text("使用非财政拨款结余".into()));
}

#[test]
fn empty_package_prints_the_forms_with_their_notes() {
    let mut p = FinalPackage::default();
    p.department.year = 2023;
    let c = compute(&p);
    check(&p, &c).unwrap();
    assert_eq!(c.table(2).rows.len(), 1);
    assert_eq!(c.table(7).rows.len(), 1);
    let note7 = c.table(7).note.clone().unwrap();
    assert!(note7.ends_with("说明：我部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。"));
    let t1 = c.table(1);
    assert_eq!(t1.display(&t1.rows[0].cells[2]), "0.00");
    assert_eq!(t1.display(&t1.rows[10].cells[2]), "");
    p.layout.zero_blank = true;
    let c = compute(&p);
    let t1 = c.table(1);
    assert_eq!(t1.display(&t1.rows[0].cells[2]), "");
}

#[test]
fn thousands_separators_follow_the_layout() {
    let mut p = sample();
    let c = compute(&p);
    let t1 = c.table(1);
    assert_eq!(t1.display(&t1.rows[30].cells[2]), "165.10");
    p.income[0].amount = d("100000000");
    let c = compute(&p);
    let t1 = c.table(1);
    assert_eq!(t1.display(&t1.rows[0].cells[2]), "10,000.50");
    p.layout.thousands = false;
    let c = compute(&p);
    let t1 = c.table(1);
    assert_eq!(t1.display(&t1.rows[0].cells[2]), "10000.50");
}

// ---- random packages

const FUNCS: [&str; 9] = [
    "2010301", "2010302", "2080505", "2120801", "2150501", "2150599", "2210201", "2230105", "2290999",
];
const ECONS: [&str; 12] = [
    "30101", "30113", "30201", "30212", "30217", "30231", "30239", "30302", "30701", "31002", "31013", "39999",
];
const UNITS: [&str; 3] = ["001", "002", "003"];

fn pick<T: Clone + std::fmt::Debug + 'static>(of: &'static [T]) -> impl Strategy<Value = T> {
    (0..of.len()).prop_map(move |i| of[i].clone())
}

/// 元 with 0–2 decimals, up to 1 亿; zero now and then.
fn yuan() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        8 => (0i64..10_000_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m / 10i64.pow(2 - s), s)),
    ]
}

fn source() -> impl Strategy<Value = FundSource> {
    pick(&FundSource::ALL)
}

/// A non-fiscal source (other spending).
fn non_fiscal() -> impl Strategy<Value = FundSource> {
    source().prop_filter("非财政拨款", |s| s.budget().is_none())
}

fn package() -> impl Strategy<Value = FinalPackage> {
    let units = prop::collection::vec(pick(&UnitKind::ALL), 1..=3);
    let income = prop::collection::vec((pick(&UNITS), source(), pick(&FUNCS), yuan()), 0..8);
    let opening = prop::collection::vec((pick(&UNITS), pick(&Nature::ALL), pick(&FUNCS), yuan()), 0..4);
    let surplus = prop::collection::vec((pick(&UNITS), yuan(), yuan()), 0..2);
    let basic = prop::collection::vec((pick(&UNITS), pick(&FUNCS), pick(&ECONS), source(), yuan()), 0..10);
    let projects = prop::collection::vec(
        (
            pick(&UNITS),
            prop::collection::vec((pick(&FUNCS), pick(&ECONS), source(), yuan()), 0..4),
        ),
        0..3,
    );
    let other = prop::collection::vec(
        (
            pick(&UNITS),
            pick(&OtherKind::ALL),
            pick(&FUNCS),
            pick(&ECONS),
            non_fiscal(),
            yuan(),
        ),
        0..3,
    );
    let layout = (any::<bool>(), any::<bool>(), prop::option::of(2022i32..=2024));
    let plan = (yuan(), yuan(), yuan(), yuan());
    // Per project: attached or not, 全年预算数, 执行率分值; A1: 年初, 全年.
    let evals = (
        prop::collection::vec((any::<bool>(), yuan(), 0u32..=10), 3),
        yuan(),
        yuan(),
    );
    (
        units, income, opening, surplus, basic, projects, other, layout, plan, evals,
    )
        .prop_map(
            |(units, income, opening, surplus, basic, projects, other, layout, plan, evals)| {
                let mut p = FinalPackage::default();
                p.department.year = 2023;
                p.units = units.into_iter().enumerate().map(|(i, k)| unit(UNITS[i], k)).collect();
                p.income = income
                    .into_iter()
                    .map(|(u, source, func, amount)| FinalIncome {
                        unit: u.into(),
                        source,
                        func: func.into(),
                        amount,
                        rejected: Default::default(),
                    })
                    .collect();
                p.opening = opening
                    .into_iter()
                    .map(|(u, nature, func, amount)| OpeningBalance {
                        unit: u.into(),
                        nature,
                        func: func.into(),
                        amount,
                        rejected: Default::default(),
                    })
                    .collect();
                p.surplus = surplus
                    .into_iter()
                    .map(|(u, used, distributed)| NonFiscalSurplus {
                        unit: u.into(),
                        used,
                        distributed,
                        rejected: Default::default(),
                    })
                    .collect();
                p.basic_lines = basic
                    .into_iter()
                    .map(|(u, f, e, s, a)| BasicLine {
                        unit: u.into(),
                        func: f.into(),
                        econ: e.into(),
                        source: s,
                        amount: a,
                        ..Default::default()
                    })
                    .collect();
                p.projects = projects
                    .into_iter()
                    .enumerate()
                    .map(|(i, (u, lines))| Project {
                        code: format!("P{i}"),
                        unit: u.into(),
                        lines: lines
                            .into_iter()
                            .map(|(f, e, s, a)| ProjectLine {
                                func: f.into(),
                                econ: e.into(),
                                source: s,
                                amount: a,
                                ..Default::default()
                            })
                            .collect(),
                        ..Default::default()
                    })
                    .collect();
                p.other_lines = other
                    .into_iter()
                    .map(|(u, kind, f, e, s, a)| OtherSpending {
                        unit: u.into(),
                        kind,
                        func: f.into(),
                        econ: e.into(),
                        source: s,
                        amount: a,
                        rejected: Default::default(),
                    })
                    .collect();
                (p.layout.zero_blank, p.layout.thousands, p.layout.form_year) = layout;
                let (overseas, vehicle_purchase, vehicle_operation, reception) = plan;
                p.plan.three_public_adjusted = ThreePublicAmounts {
                    overseas,
                    vehicle_purchase,
                    vehicle_operation,
                    reception,
                };
                let (per_project, initial, adjusted) = evals;
                p.plan.dept_initial.government = initial;
                p.plan.dept_adjusted.government = adjusted;
                p.dept_eval.exec_weight = Decimal::TEN;
                // A1 is printed when the 整体自评 has content (R16 checked).
                if initial > adjusted {
                    p.dept_eval.targets.goal = "年度履职目标".into();
                }
                for (x, (attach, budget, weight)) in p.projects.iter().zip(per_project) {
                    let mut e = yusuan_model::final_package::ProjectEval {
                        project: x.code.clone(),
                        attach,
                        exec_weight: Decimal::from(weight),
                        ..Default::default()
                    };
                    e.adjusted.government = budget;
                    p.project_evals.push(e);
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_packages_keep_the_identities(p in package()) {
        let c = compute(&p);
        check(&p, &c)?;
        // Recomputing gives the same tables.
        prop_assert_eq!(&compute(&p), &c);
        // And the narrative and the publication come out of them.
        let n = narrative::narrative(&p, &c);
        prop_assert_eq!(n.parts.len(), 3);
        let doc = publication(&p, &c);
        prop_assert_eq!(doc.tables().count(), 9 + c.attachments.len());
    }

    /// With the figures only the narrative reads (plan, last year, facts,
    /// grades, texts, rewrites) random too: narrative, checks and the
    /// publication never panic, and a rewrite replaces its paragraph.
    #[test]
    fn random_narrative_inputs_never_panic(p in package(), extra in narrative_inputs()) {
        let (plan, last, counts, foreign, texts, rewrite) = extra;
        let mut p = p;
        for (i, (nature, amount)) in plan.into_iter().enumerate() {
            let func = ["2010301", "2080505", "", "2130104", "9999999"][i % 5].to_string();
            p.plan.initial.push(PlanLine { nature, func, amount, rejected: Default::default()  });
        }
        for (item, amount) in LastYearFinalItem::ALL.into_iter().zip(last) {
            if let Some(a) = amount {
                p.last_year.0.insert(item, a);
            }
        }
        p.three_public.vehicles_held = counts.0;
        p.three_public.domestic_groups = counts.1;
        p.three_public.foreign_reception = foreign;
        p.dept_eval.project_grades = (counts.2 > 0).then_some(GradeCounts { excellent: counts.2, ..GradeCounts::default() });
        for (k, t) in FinalTextKey::ALL.into_iter().zip(texts) {
            p.texts.insert(k, t);
        }
        if let Some((id, text)) = rewrite.clone() {
            p.narrative_overrides.insert(id, text);
        }
        let c = compute(&p);
        let n = narrative::narrative(&p, &c);
        if let Some((id, text)) = rewrite
            && let Some(para) = n.paragraphs().find(|x| x.id == id)
        {
            prop_assert!(para.overridden);
            prop_assert_eq!(&para.text, &text);
        }
        let doc = publication(&p, &c);
        prop_assert_eq!(doc.parts().count(), 3);
    }
}

type NarrativeInputs = (
    Vec<(Nature, Decimal)>,
    Vec<Option<Decimal>>,
    (u32, u32, u32),
    Decimal,
    Vec<String>,
    Option<(String, String)>,
);

fn narrative_inputs() -> impl Strategy<Value = NarrativeInputs> {
    let nature = pick(&[
        Nature::General,
        Nature::GovFund,
        Nature::StateCapital,
        Nature::NonFiscal,
    ]);
    let id = pick(&["f1", "f5.3", "f9.2.2", "f10", "f13.1", "p1.3", "x9", "f5.3.2080505"]);
    (
        prop::collection::vec((nature, yuan()), 0..6),
        prop::collection::vec(prop::option::of(yuan()), 9),
        (0u32..6, 0u32..30, 0u32..9),
        yuan(),
        prop::collection::vec("[甲乙丙。，0-9.%万元]{0,12}", 18),
        prop::option::of((id.prop_map(String::from), "[收支总计为0-9.,%万元]{0,20}")),
    )
}
