//! Drill-down for 公开01–09: where a published 决算 figure comes from. The
//! same probing of the tables' own code as for the 预算
//! ([`crate::explain`], which says how), over every amount a 决算 package
//! enters: income, 年初结转和结余, 非财政拨款结余 used and distributed,
//! basic, project and other spending lines, and the plan's “三公” figures.

use yusuan_model::Yuan;
use yusuan_model::catalog::Catalog;
use yusuan_model::final_package::{FinalPackage, ThreePublicAmounts, final_source_label};

use super::{Ctx, totals};
use crate::explain::{Explanation, LineInfo, Probing, explain_with};

/// One of the four “三公” items (`ThreePublicAmounts` fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThreePublicField {
    Overseas,
    VehiclePurchase,
    VehicleOperation,
    Reception,
}

impl ThreePublicField {
    pub const ALL: [ThreePublicField; 4] = [
        ThreePublicField::Overseas,
        ThreePublicField::VehiclePurchase,
        ThreePublicField::VehicleOperation,
        ThreePublicField::Reception,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ThreePublicField::Overseas => "因公出国（境）费",
            ThreePublicField::VehiclePurchase => "公务用车购置费",
            ThreePublicField::VehicleOperation => "公务用车运行维护费",
            ThreePublicField::Reception => "公务接待费",
        }
    }
    fn of(self, a: &mut ThreePublicAmounts) -> &mut Yuan {
        match self {
            ThreePublicField::Overseas => &mut a.overseas,
            ThreePublicField::VehiclePurchase => &mut a.vehicle_purchase,
            ThreePublicField::VehicleOperation => &mut a.vehicle_operation,
            ThreePublicField::Reception => &mut a.reception,
        }
    }
}

/// An entered amount of a 决算 package a figure can be made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FinalInput {
    /// `income[i]`
    Income(usize),
    /// `opening[i]` (年初结转和结余)
    Opening(usize),
    /// `surplus[i].used` (使用非财政拨款结余)
    SurplusUsed(usize),
    /// `surplus[i].distributed` (结余分配)
    SurplusDistributed(usize),
    /// `basic_lines[i]`
    Basic(usize),
    /// `projects[p].lines[i]`
    Project(usize, usize),
    /// `other_lines[i]`
    Other(usize),
    /// `plan.three_public_adjusted` (全年预算数)
    ThreePublicBudget(ThreePublicField),
    /// `plan.three_public_initial` (年初预算数)
    ThreePublicInitial(ThreePublicField),
}

/// Every amount a 决算 package enters, in the package's order, with its
/// amount.
pub fn inputs(p: &FinalPackage) -> (Vec<FinalInput>, Vec<Yuan>) {
    let mut v = Vec::new();
    let mut a = Vec::new();
    let mut add = |i: FinalInput, x: Yuan| {
        v.push(i);
        a.push(x);
    };
    for (i, x) in p.income.iter().enumerate() {
        add(FinalInput::Income(i), x.amount);
    }
    for (i, x) in p.opening.iter().enumerate() {
        add(FinalInput::Opening(i), x.amount);
    }
    for (i, x) in p.surplus.iter().enumerate() {
        add(FinalInput::SurplusUsed(i), x.used);
        add(FinalInput::SurplusDistributed(i), x.distributed);
    }
    for (i, x) in p.basic_lines.iter().enumerate() {
        add(FinalInput::Basic(i), x.amount);
    }
    for (pi, proj) in p.projects.iter().enumerate() {
        for (li, x) in proj.lines.iter().enumerate() {
            add(FinalInput::Project(pi, li), x.amount);
        }
    }
    for (i, x) in p.other_lines.iter().enumerate() {
        add(FinalInput::Other(i), x.amount);
    }
    let mut plan = p.plan.clone();
    for f in ThreePublicField::ALL {
        add(FinalInput::ThreePublicBudget(f), *f.of(&mut plan.three_public_adjusted));
    }
    for f in ThreePublicField::ALL {
        add(FinalInput::ThreePublicInitial(f), *f.of(&mut plan.three_public_initial));
    }
    (v, a)
}

impl FinalInput {
    /// The input's place as the 决算 audit names places (`基本支出第3行`,
    /// `项目“P1”明细第2行`): the editor goes there.
    pub fn place(self, p: &FinalPackage) -> String {
        match self {
            FinalInput::Income(i) => format!("收入第{}行", i + 1),
            FinalInput::Opening(i) => format!("结转结余第{}行", i + 1),
            FinalInput::SurplusUsed(i) | FinalInput::SurplusDistributed(i) => {
                format!("非财政拨款结余第{}行", i + 1)
            }
            FinalInput::Basic(i) => format!("基本支出第{}行", i + 1),
            FinalInput::Project(pi, li) => {
                let proj = &p.projects[pi];
                let name = if proj.name.trim().is_empty() {
                    proj.code.trim()
                } else {
                    proj.name.trim()
                };
                format!("项目“{name}”明细第{}行", li + 1)
            }
            FinalInput::Other(i) => format!("其他支出第{}行", i + 1),
            FinalInput::ThreePublicBudget(f) => format!("“三公”经费全年预算数（{}）", f.label()),
            FinalInput::ThreePublicInitial(f) => format!("“三公”经费年初预算数（{}）", f.label()),
        }
    }
}

fn set(p: &mut FinalPackage, input: FinalInput, x: Yuan) {
    match input {
        FinalInput::Income(i) => p.income[i].amount = x,
        FinalInput::Opening(i) => p.opening[i].amount = x,
        FinalInput::SurplusUsed(i) => p.surplus[i].used = x,
        FinalInput::SurplusDistributed(i) => p.surplus[i].distributed = x,
        FinalInput::Basic(i) => p.basic_lines[i].amount = x,
        FinalInput::Project(pi, li) => p.projects[pi].lines[li].amount = x,
        FinalInput::Other(i) => p.other_lines[i].amount = x,
        FinalInput::ThreePublicBudget(f) => *f.of(&mut p.plan.three_public_adjusted) = x,
        FinalInput::ThreePublicInitial(f) => *f.of(&mut p.plan.three_public_initial) = x,
    }
}

fn unit_text(p: &FinalPackage, code: &str) -> String {
    match p.unit(code.trim()) {
        Some(u) => format!("{} {}", u.code.trim(), u.name),
        None => code.trim().to_string(),
    }
}

/// What a 决算 input is, for a reader.
pub fn describe(p: &FinalPackage, input: FinalInput) -> LineInfo {
    let s = |x: &str| x.trim().to_string();
    match input {
        FinalInput::Income(i) => {
            let x = &p.income[i];
            LineInfo {
                kind: "本年收入".into(),
                number: i + 1,
                unit: unit_text(p, &x.unit),
                func: s(&x.func),
                source: final_source_label(x.source).into(),
                ..LineInfo::default()
            }
        }
        FinalInput::Opening(i) => {
            let x = &p.opening[i];
            LineInfo {
                kind: "年初结转和结余".into(),
                number: i + 1,
                unit: unit_text(p, &x.unit),
                func: s(&x.func),
                source: x.nature.label().into(),
                ..LineInfo::default()
            }
        }
        FinalInput::SurplusUsed(i) | FinalInput::SurplusDistributed(i) => {
            let x = &p.surplus[i];
            let used = matches!(input, FinalInput::SurplusUsed(_));
            LineInfo {
                kind: if used {
                    "使用非财政拨款结余"
                } else {
                    "非财政拨款结余分配"
                }
                .into(),
                number: i + 1,
                unit: unit_text(p, &x.unit),
                source: "非财政拨款".into(),
                ..LineInfo::default()
            }
        }
        FinalInput::Basic(i) => {
            let x = &p.basic_lines[i];
            LineInfo {
                kind: "基本支出".into(),
                number: i + 1,
                unit: unit_text(p, &x.unit),
                func: s(&x.func),
                econ: s(&x.econ),
                gov: x.gov.clone().unwrap_or_default(),
                source: final_source_label(x.source).into(),
                detail: x.note.clone(),
                ..LineInfo::default()
            }
        }
        FinalInput::Project(pi, li) => {
            let proj = &p.projects[pi];
            let x = &proj.lines[li];
            LineInfo {
                kind: "项目支出".into(),
                number: li + 1,
                unit: unit_text(p, &proj.unit),
                func: s(&x.func),
                econ: s(&x.econ),
                gov: x.gov.clone().unwrap_or_default(),
                source: final_source_label(x.source).into(),
                project: format!("{} {}", proj.code, proj.name),
                ..LineInfo::default()
            }
        }
        FinalInput::Other(i) => {
            let x = &p.other_lines[i];
            LineInfo {
                kind: x.kind.label().into(),
                number: i + 1,
                unit: unit_text(p, &x.unit),
                func: s(&x.func),
                econ: s(&x.econ),
                source: final_source_label(x.source).into(),
                ..LineInfo::default()
            }
        }
        FinalInput::ThreePublicBudget(f) => LineInfo {
            kind: "“三公”经费全年预算数".into(),
            detail: f.label().into(),
            ..LineInfo::default()
        },
        FinalInput::ThreePublicInitial(f) => LineInfo {
            kind: "“三公”经费年初预算数".into(),
            detail: f.label().into(),
            ..LineInfo::default()
        },
    }
}

/// 公开`only`表, or 公开01表 … 公开09表, of `p` (no attachments, narrative
/// or findings).
fn final_tables(p: &FinalPackage, catalog: &Catalog, only: Option<u8>) -> Vec<yusuan_report::table::Table> {
    let totals = totals::totals(p);
    let ctx = Ctx {
        package: p,
        catalog,
        totals: &totals,
        form_year: p.layout.form_year(p.department.year),
        style: yusuan_report::table::AmountStyle {
            zero_blank: p.layout.zero_blank,
            thousands: p.layout.thousands,
        },
    };
    match only {
        Some(n) => vec![super::build_table(&ctx, n)],
        None => super::build_tables(&ctx),
    }
}

fn explain_targets(
    p: &FinalPackage,
    only: Option<u8>,
    cells: Option<&[(usize, usize)]>,
) -> Vec<Explanation<FinalInput>> {
    let (inputs, amounts) = inputs(p);
    let parts = Probing {
        inputs,
        amounts,
        describe: |i| describe(p, i),
        set,
        tables: final_tables,
    };
    explain_with(p, &p.catalog, only, cells, parts)
}

/// Where the figure in row `row`, column `column` of 公开`table`表 (1..=9)
/// comes from; `None` when that cell holds no amount.
pub fn explain(p: &FinalPackage, table: u8, row: usize, column: usize) -> Option<Explanation<FinalInput>> {
    explain_cells(p, table, &[(row, column)]).pop()
}

/// The amount cells among `cells` ((row, column), in any order) of
/// 公开`table`表, in the table's order; one probing for all of them.
pub fn explain_cells(p: &FinalPackage, table: u8, cells: &[(usize, usize)]) -> Vec<Explanation<FinalInput>> {
    match table {
        1..=9 => explain_targets(p, Some(table), Some(cells)),
        _ => Vec::new(),
    }
}

/// Every amount cell of 公开`table`表, row by row.
pub fn explain_table(p: &FinalPackage, table: u8) -> Vec<Explanation<FinalInput>> {
    match table {
        1..=9 => explain_targets(p, Some(table), None),
        _ => Vec::new(),
    }
}

/// Every amount cell of 公开01–09, table by table.
pub fn explain_all(p: &FinalPackage) -> Vec<Explanation<FinalInput>> {
    explain_targets(p, None, None)
}
