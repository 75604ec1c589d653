//! Property tests of the engine: any package — unbalanced, with unknown or
//! malformed codes, negative or over-precise amounts, missing units — computes
//! without panicking, every table keeps its column count, and the xlsx writer
//! accepts the result.

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan::model::*;

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2150501".to_string()),
        Just("2080505".to_string()),
        Just("30101".to_string()),
        Just("30217".to_string()),
        Just("31204".to_string()),
        Just("50101".to_string()),
        "[0-9]{0,8}",
        ".{0,6}",
    ]
}

fn amount() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..6).prop_map(|(m, s)| Decimal::new(m % 1_000_000_000_000_000, s))
}

fn source() -> impl Strategy<Value = FundSource> {
    (0..FundSource::ALL.len()).prop_map(|i| FundSource::ALL[i])
}

fn package() -> impl Strategy<Value = Package> {
    let units = prop::collection::vec((code(), ".{0,8}", 0usize..3), 0..4);
    let basic = prop::collection::vec(
        (code(), code(), code(), code(), any::<bool>(), source(), amount()),
        0..12,
    );
    let projects = prop::collection::vec(
        (
            code(),
            ".{0,10}",
            code(),
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec((code(), code(), source(), amount()), 0..4),
        ),
        0..5,
    );
    let income = prop::collection::vec((code(), source(), amount()), 0..6);
    (units, basic, projects, income, 0u32..4).prop_map(|(units, basic, projects, income, decimals)| {
        let mut p = Package::default();
        p.department.name = "测试".into();
        p.department.code = "001".into();
        p.department.decimals = decimals;
        p.units = units
            .into_iter()
            .map(|(code, name, k)| Unit {
                code,
                name,
                kind: UnitKind::ALL[k],
            })
            .collect();
        p.basic_lines = basic
            .into_iter()
            .map(|(unit, func, econ, gov, personnel, source, amount)| BasicLine {
                unit,
                func,
                econ,
                gov: (!gov.is_empty()).then_some(gov),
                kind: personnel.then_some(CostKind::Personnel),
                source,
                amount,
                ..Default::default()
            })
            .collect();
        p.projects = projects
            .into_iter()
            .map(|(code, name, unit, specific, secret, lines)| Project {
                code,
                name,
                unit,
                kind: if specific {
                    ProjectKind::SpecificTarget
                } else {
                    ProjectKind::Operating
                },
                secret,
                lines: lines
                    .into_iter()
                    .map(|(func, econ, source, amount)| ProjectLine {
                        func,
                        econ,
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
            .map(|(unit, source, amount)| IncomeEntry { unit, source, amount })
            .collect();
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_package_computes_and_exports(p in package()) {
        let c = yusuan::engine::compute(&p);
        prop_assert_eq!(c.tables.len(), 14);
        for t in &c.tables {
            for row in &t.rows {
                prop_assert_eq!(row.cells.len(), t.columns.len(), "{}", t.label);
            }
        }
        // Every error finding names a place the editor can jump to.
        for f in &c.findings {
            prop_assert!(!f.message.is_empty());
            prop_assert!(!f.location.describe(&p).is_empty());
        }
        yusuan::xlsx::workbook_bytes(&c.tables, "测试").unwrap();
    }

    #[test]
    fn balanced_income_means_no_balance_errors(amounts in prop::collection::vec(1i64..1_000_000_000, 1..20)) {
        let mut p = yusuan::generate::department(2, 1, 0);
        p.basic_lines.clear();
        p.income.clear();
        for (i, a) in amounts.iter().enumerate() {
            let unit = p.units[i % 2].code.clone();
            let amount = Decimal::new(*a, 2);
            p.basic_lines.push(BasicLine { unit: unit.clone(), func: "2150501".into(), econ: "30201".into(), amount, ..Default::default() });
            p.income.push(IncomeEntry { unit, source: FundSource::GeneralAppropriation, amount });
        }
        p.projects.clear();
        let c = yusuan::engine::compute(&p);
        prop_assert!(!c.findings.iter().any(|f| f.rule == "错误1" || f.rule == "错误2"), "{:?}", c.findings);
        // The total of 预算01表 is the exact sum, rounded once.
        let total: Decimal = amounts.iter().map(|a| Decimal::new(*a, 2)).sum();
        prop_assert_eq!(c.totals.expense_total, total);
    }
}
