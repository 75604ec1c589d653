//! Generated packages of any size, for benchmarks and speed checks: balanced,
//! with codes from the built-in catalog, deterministic.

use rust_decimal::Decimal;

use crate::*;

/// A department of `units` units, `projects` projects and about `lines` lines
/// (basic and project lines together), balanced per unit and source.
pub fn department(units: usize, projects: usize, lines: usize) -> Package {
    let mut p = Package {
        department: Department {
            name: "生成的测试部门".into(),
            code: "901".into(),
            year: 2025,
            amount_unit: AmountUnit::Wan,
            decimals: 2,
        },
        ..Default::default()
    };
    let units = units.max(1);
    for u in 0..units {
        p.units.push(Unit {
            code: format!("901{:03}", u + 1),
            name: format!("测试单位{}", u + 1),
            kind: UnitKind::ALL[u % 3],
        });
    }
    const FUNCS: [&str; 6] = ["2010301", "2080505", "2101101", "2150501", "2150805", "2210201"];
    const ECONS: [&str; 10] = [
        "30101", "30102", "30108", "30113", "30201", "30211", "30217", "30231", "30302", "31002",
    ];
    const PROJECT_ECONS: [&str; 4] = ["30227", "30299", "31299", "31005"];
    let project_lines = lines / 2;
    let basic_lines = lines - project_lines;
    // A simple generator of amounts in 元 with two decimals.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        Decimal::new((seed % 50_000_000) as i64 + 100, 2)
    };
    let mut income = vec![Decimal::ZERO; units];
    for i in 0..basic_lines {
        let u = i % units;
        let amount = next();
        income[u] += amount;
        p.basic_lines.push(BasicLine {
            unit: p.units[u].code.clone(),
            func: FUNCS[i % FUNCS.len()].into(),
            econ: ECONS[(i / units) % ECONS.len()].into(),
            amount,
            ..Default::default()
        });
    }
    let projects = projects.max(1);
    for j in 0..projects {
        let u = j % units;
        p.projects.push(Project {
            code: format!("9010000{j:08}"),
            name: format!("测试项目{}", j + 1),
            unit: p.units[u].code.clone(),
            kind: if j % 2 == 0 {
                ProjectKind::Operating
            } else {
                ProjectKind::SpecificTarget
            },
            secret: false,
            lines: Vec::new(),
            indicators: [
                IndicatorKind::Output,
                IndicatorKind::Benefit,
                IndicatorKind::Satisfaction,
            ]
            .into_iter()
            .map(|kind| Indicator {
                kind,
                level3: "完成率".into(),
                value: "≥90%".into(),
                ..Default::default()
            })
            .collect(),
        });
    }
    for k in 0..project_lines {
        let j = k % projects;
        let u = j % units;
        let amount = next();
        income[u] += amount;
        p.projects[j].lines.push(ProjectLine {
            func: "2150517".into(),
            econ: PROJECT_ECONS[k % PROJECT_ECONS.len()].into(),
            amount,
            procurement: (k % 7 == 0).then_some(Procurement::Services),
            ..Default::default()
        });
    }
    for (u, amount) in income.into_iter().enumerate() {
        p.income.push(IncomeEntry {
            unit: p.units[u].code.clone(),
            source: FundSource::GeneralAppropriation,
            amount,
            ..Default::default()
        });
    }
    p.performance.goal = "保障部门正常运转，完成年度工作任务。".into();
    p.performance.tasks.push(Task {
        name: "日常运转".into(),
        content: "保障机关正常运转。".into(),
    });
    p
}
