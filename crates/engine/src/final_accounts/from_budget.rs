//! 新建决算: a 决算 package started from the year's 预算 package
//! (`spec/final/model.md` §4).
//!
//! Copied: the department, the units, the catalog rows, 部门职责 and 机构设置,
//! the projects with their targets (their lines emptied: the 决算 lines are
//! what was spent) and the 整体绩效 targets (A1). Frozen as the 决算's 年初
//! figures, so that a later edit of the 预算 cannot move them: 年初预算数 of
//! 财政拨款 by budget and 功能 项 (the 合计 of 预算05, 09 and 13: this year's
//! 一般公共预算 (财政拨款 and 其他), 政府性基金 and 国有资本经营 money, carry-over
//! not included), the 部门预算总额 by 资金来源 (预算11), the 三公 figures
//! (预算08), the 政府采购 budget, and each project's 年初预算数 (预算10).
//! Not copied: income, spending, 全年预算数, counts and scores — what only the
//! year's end knows. The 预算 package itself is never changed.

use std::collections::BTreeMap;

use yusuan_model::{
    BudgetRef, FinalPackage, FundGroup, FundSource, FundsSplit, Nature, Package, PlanLine, ProjectEval, TextKey,
    ThreePublicAmounts, Yuan,
};

/// The 决算 package of `budget`'s year, started from it; `budget_ref` names
/// the 预算 file (and its fingerprint) the figures were taken from.
pub fn from_budget(budget: &Package, budget_ref: BudgetRef) -> FinalPackage {
    let computed = crate::compute(budget);
    let totals = &computed.totals;

    // 年初预算数 of 财政拨款 by budget and 功能 项.
    let mut initial: BTreeMap<(Nature, String), Yuan> = BTreeMap::new();
    let lines = budget.basic_lines.iter().map(|l| (l.source, &l.func, l.amount)).chain(
        budget
            .projects
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| (l.source, &l.func, l.amount))),
    );
    for (source, func, amount) in lines {
        let nature = match source {
            FundSource::GeneralAppropriation | FundSource::GeneralOther => Nature::General,
            FundSource::GovFund => Nature::GovFund,
            FundSource::StateCapital => Nature::StateCapital,
            _ => continue,
        };
        *initial.entry((nature, func.trim().to_string())).or_default() += amount;
    }
    let mut f = FinalPackage {
        department: budget.department.clone(),
        units: budget.units.clone(),
        catalog: budget.catalog.clone(),
        budget_ref: Some(budget_ref),
        ..FinalPackage::default()
    };
    f.plan.initial = initial
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|((nature, func), amount)| PlanLine {
            nature,
            func,
            amount,
            ..Default::default()
        })
        .collect();
    f.plan.dept_initial = FundsSplit {
        government: totals.government_funds,
        fiscal_special: totals.fiscal_special_funds,
        unit_funds: totals.unit_funds,
    };
    let tp = &totals.three_public;
    f.plan.three_public_initial = ThreePublicAmounts {
        overseas: tp.overseas,
        vehicle_purchase: tp.vehicle_purchase,
        vehicle_operation: tp.vehicle_operation,
        reception: tp.reception,
    };
    let procurement: Yuan = totals.procurement.values().copied().sum();
    f.plan.procurement_budget = (!procurement.is_zero()).then_some(procurement);

    for key in [TextKey::Duties, TextKey::Organization] {
        if let Some(t) = budget.texts.get(&key) {
            f.dept_texts.insert(key, t.clone());
        }
    }
    f.dept_eval.targets = budget.performance.clone();
    for p in &budget.projects {
        let mut split = FundsSplit::default();
        for l in &p.lines {
            match l.source.group() {
                FundGroup::Government => split.government += l.amount,
                FundGroup::FiscalSpecial => split.fiscal_special += l.amount,
                FundGroup::Unit => split.unit_funds += l.amount,
            }
        }
        f.project_evals.push(ProjectEval {
            project: p.code.clone(),
            initial: split,
            attach: !p.secret,
            ..ProjectEval::default()
        });
        let mut copy = p.clone();
        copy.lines.clear();
        f.projects.push(copy);
    }
    f
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use yusuan_model::{BasicLine, Project, ProjectLine};

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn plan_figures_come_from_this_years_money_by_budget_and_item() {
        let mut b = Package::default();
        b.department.name = "测试局".into();
        b.department.year = 2024;
        b.texts.insert(TextKey::Duties, "负责……".into());
        b.basic_lines = vec![
            BasicLine {
                unit: "001".into(),
                func: "2010101".into(),
                econ: "30101".into(),
                source: FundSource::GeneralAppropriation,
                amount: d("1000.00"),
                ..Default::default()
            },
            BasicLine {
                unit: "001".into(),
                func: "2010101".into(),
                econ: "30201".into(),
                source: FundSource::GeneralOther,
                amount: d("200.50"),
                ..Default::default()
            },
            // Carry-over and 单位资金 are not 年初 财政拨款.
            BasicLine {
                unit: "001".into(),
                func: "2010101".into(),
                econ: "30201".into(),
                source: FundSource::CarryGeneral,
                amount: d("77.00"),
                ..Default::default()
            },
            BasicLine {
                unit: "001".into(),
                func: "2010101".into(),
                econ: "30201".into(),
                source: FundSource::BusinessIncome,
                amount: d("5.00"),
                ..Default::default()
            },
        ];
        b.projects = vec![Project {
            code: "P1".into(),
            name: "项目一".into(),
            unit: "001".into(),
            lines: vec![
                ProjectLine {
                    func: "2120399".into(),
                    econ: "30227".into(),
                    source: FundSource::GovFund,
                    amount: d("300.00"),
                    ..Default::default()
                },
                ProjectLine {
                    func: "2010101".into(),
                    econ: "30227".into(),
                    source: FundSource::BusinessIncome,
                    amount: d("40.00"),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }];
        let f = from_budget(
            &b,
            BudgetRef {
                file_name: "2024.yusuan".into(),
                fingerprint: "abc".into(),
                taken_at: "2025-01-05".into(),
            },
        );
        assert_eq!(f.department.year, 2024);
        assert_eq!(f.department.name, "测试局");
        assert_eq!(
            f.plan.initial,
            vec![
                PlanLine {
                    nature: Nature::General,
                    func: "2010101".into(),
                    amount: d("1200.50"),
                    ..Default::default()
                },
                PlanLine {
                    nature: Nature::GovFund,
                    func: "2120399".into(),
                    amount: d("300.00"),
                    ..Default::default()
                },
            ]
        );
        // The project keeps its code and name, loses its lines, and its
        // 年初预算数 is split by 资金来源.
        assert_eq!(f.projects.len(), 1);
        assert!(f.projects[0].lines.is_empty());
        assert_eq!(f.projects[0].name, "项目一");
        assert_eq!(f.project_evals[0].project, "P1");
        assert_eq!(f.project_evals[0].initial.government, d("300.00"));
        assert_eq!(f.project_evals[0].initial.unit_funds, d("40.00"));
        assert!(f.income.is_empty() && f.basic_lines.is_empty());
        assert_eq!(f.dept_texts.get(&TextKey::Duties).map(String::as_str), Some("负责……"));
        assert_eq!(f.budget_ref.as_ref().unwrap().fingerprint, "abc");
        // 部门预算总额: every line's money by group (carry-over included, as 预算11).
        assert_eq!(f.plan.dept_initial.total(), d("1622.50"));
    }
}

#[cfg(test)]
mod sample {
    use rust_decimal::Decimal;
    use yusuan_model::{BudgetRef, Nature};
    use yusuan_report::table::Cell;

    /// 新建决算 from the 义马 2024 预算 (the embedded sample): its projects and
    /// its 年初 一般公共预算 figures, the latter checked against the 合计 row of
    /// 预算05 as the 预算 engine prints it.
    #[test]
    fn yima_budget_gives_its_projects_and_the_table_05_total() {
        let budget = yusuan_model::sample_package();
        let f = super::from_budget(&budget, BudgetRef::default());
        assert_eq!(f.projects.len(), budget.projects.len());
        assert!(f.projects.iter().all(|p| p.lines.is_empty()));
        let codes: Vec<_> = f.project_evals.iter().map(|e| e.project.as_str()).collect();
        let budget_codes: Vec<_> = budget.projects.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, budget_codes);
        let general: Decimal = f
            .plan
            .initial
            .iter()
            .filter(|l| l.nature == Nature::General)
            .map(|l| l.amount)
            .sum();
        let computed = crate::compute(&budget);
        let t05 = computed.table(5);
        let total = t05.rows[0]
            .cells
            .iter()
            .find_map(|c| if let Cell::Amount(a) = c { Some(*a) } else { None })
            .expect("预算05 合计");
        assert!(general > Decimal::ZERO);
        assert_eq!(general, total, "Σ 年初 一般公共预算 = 预算05 合计");
        assert_eq!(f.dept_eval.targets, budget.performance);
    }
}
