//! 预算12表 部门预算项目绩效目标汇总表.
//!
//! Columns: 单位编码（项目编码）, 项目单位（项目名称）, 项目金额（万元） {资金总额,
//! 政府预算资金, 财政专户管理资金, 单位资金}, 绩效目标 {成本, 产出, 效益, 满意度 指标,
//! each {三级指标, 指标值}}. Rows: the department (all projects); each unit with
//! projects (their sum), then its projects in the package's order. A project
//! takes as many rows as its longest indicator list; the i-th row shows the i-th
//! indicator of each kind side by side. A 涉密 project: code blank, name
//! 「涉密项目按规定不予公开」, non-zero amounts `XXXX`, no indicators.
//!
//! Identity: the department's 资金总额 = [`Totals::project`](crate::Totals::project) (projects of units
//! outside the unit list count there but in no unit row).

use yusuan_model::{FundGroup, IndicatorKind};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::{Context, trim};
use crate::sum::Sum;

pub(super) fn build(ctx: &Context) -> Table {
    let pair = |k: IndicatorKind| group(k.label(), vec![leaf("三级指标"), leaf("指标值")]);
    let header = [
        leaf("单位编码（项目编码）"),
        leaf("项目单位（项目名称）"),
        group(
            "项目金额（万元）",
            vec![
                leaf("资金总额"),
                leaf("政府预算资金"),
                leaf("财政专户管理资金"),
                leaf("单位资金"),
            ],
        ),
        group("绩效目标", IndicatorKind::ALL.map(pair).to_vec()),
    ];
    let mut kinds = vec![(ColumnKind::Code, 12.0), (ColumnKind::Text, 22.0), AMT, AMT, AMT, AMT];
    for _ in 0..4 {
        kinds.extend([(ColumnKind::Text, 12.0), (ColumnKind::Text, 8.0)]);
    }
    let mut t = new_table(ctx, 12, &header, &kinds);
    let p = ctx.package;
    // Each project's figures, added up once.
    let per = |pi: usize| {
        let mut v = [Sum::ZERO; 4];
        for l in ctx.project_lines(pi) {
            let col = match l.source.group() {
                FundGroup::Government => 1,
                FundGroup::FiscalSpecial => 2,
                FundGroup::Unit => 3,
            };
            v[0] += l.amount;
            v[col] += l.amount;
        }
        v
    };
    let per: Vec<[Sum; 4]> = (0..p.projects.len()).map(per).collect();
    let add = |acc: &mut [Sum; 4], v: &[Sum; 4]| acc.iter_mut().zip(v).for_each(|(a, b)| *a += *b);
    let mut all = [Sum::ZERO; 4];
    per.iter().for_each(|v| add(&mut all, v));
    let blanks = |n: usize| std::iter::repeat_n(Cell::Empty, n);
    // The department's code in the 单位编码 column, its name column empty,
    // as both seeds print the first row (001 L495: 「021 | | 1,773.50 …」).
    let mut cells = vec![Cell::code(&p.department.code), Cell::Empty];
    cells.extend(sums(all));
    cells.extend(blanks(8));
    push(&mut t, RowRole::Total, cells);
    // The projects of each unit (by the index of the unit its code names; a
    // code named by several units, rule 3, lists its projects under each).
    // Grouped by a counting sort (two vectors, not one per unit): unit `u`'s
    // projects are `order[starts[u]..starts[u + 1]]`, in the package's order.
    let mut starts = vec![0u32; p.units.len() + 1];
    for i in 0..p.projects.len() {
        if let Some(u) = ctx.project_unit(i) {
            starts[u + 1] += 1;
        }
    }
    for u in 0..p.units.len() {
        starts[u + 1] += starts[u];
    }
    let mut order = vec![0usize; starts[p.units.len()] as usize];
    let mut next = starts.clone();
    for i in 0..p.projects.len() {
        if let Some(u) = ctx.project_unit(i) {
            order[next[u] as usize] = i;
            next[u] += 1;
        }
    }
    let by_unit = |u: usize| &order[starts[u] as usize..starts[u + 1] as usize];
    t.rows.reserve(1 + p.units.len() + p.projects.len());
    for ui in 0..p.units.len() {
        let Some(projects) = ctx.unit_of_unit(ui).map(by_unit).filter(|v| !v.is_empty()) else {
            continue;
        };
        let mut sum = [Sum::ZERO; 4];
        projects.iter().for_each(|&i| add(&mut sum, &per[i]));
        let mut cells = Vec::with_capacity(14);
        cells.extend(ctx.unit_cells(ui).iter().cloned());
        cells.extend(sums(sum));
        cells.extend(blanks(8));
        push(&mut t, RowRole::Subtotal, cells);
        for &i in projects {
            let proj = &p.projects[i];
            let mut cells = Vec::with_capacity(14);
            if proj.secret {
                cells.extend([Cell::Empty, Cell::label(MASKED_NAME)]);
                cells.extend(per[i].map(|a| Cell::Masked(a.yuan())));
                cells.extend(blanks(8));
                push(&mut t, RowRole::Item, cells);
                continue;
            }
            // The r-th indicator of each kind, side by side: the number of
            // rows counted in one pass over the indicators, no allocation.
            let mut counts = [0usize; 4];
            for x in &proj.indicators {
                counts[kind_column(x.kind)] += 1;
            }
            let n = counts.into_iter().max().unwrap_or(0).max(1);
            let of_kind = |k: IndicatorKind| proj.indicators.iter().filter(move |x| x.kind == k);
            let mut by_kind = IndicatorKind::ALL.map(of_kind);
            for r in 0..n {
                if r == 0 {
                    cells.push(Cell::code(&proj.code));
                    cells.push(ctx.project_name(i).clone());
                    cells.extend(sums(per[i]));
                } else {
                    cells = Vec::with_capacity(14);
                    cells.extend(blanks(6));
                }
                for list in &mut by_kind {
                    match list.next() {
                        Some(ind) => {
                            cells.push(Cell::text(trim(&ind.level3)));
                            cells.push(Cell::text(trim(&ind.value)));
                        }
                        None => cells.extend(blanks(2)),
                    }
                }
                push(&mut t, RowRole::Item, std::mem::take(&mut cells));
            }
        }
    }
    t
}

/// The place of an indicator's kind among the 绩效目标 columns
/// (`IndicatorKind::ALL` order: 成本, 产出, 效益, 满意度).
fn kind_column(k: IndicatorKind) -> usize {
    match k {
        IndicatorKind::Cost => 0,
        IndicatorKind::Output => 1,
        IndicatorKind::Benefit => 2,
        IndicatorKind::Satisfaction => 3,
    }
}

#[cfg(test)]
mod tests {
    use yusuan_model::IndicatorKind;

    #[test]
    fn kind_columns_follow_the_header() {
        // The header lists the kinds in `IndicatorKind::ALL` order.
        for (i, k) in IndicatorKind::ALL.into_iter().enumerate() {
            assert_eq!(super::kind_column(k), i, "{k:?}");
        }
    }
}
