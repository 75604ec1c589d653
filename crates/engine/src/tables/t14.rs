//! 预算14表 行政（事业）单位机构运行经费表.
//!
//! Columns: 部门预算支出经济分类项目 {科目编码, 科目名称}, 机构运行经费支出 合计.
//! Rows: 合计, then each 部门 code of the 公用经费 (by the line's 经费类型) of the
//! basic lines of 财政拨款 money (the three budgets), summed over units, in code
//! order.
//!
//! The 合计 is [`Totals::operating_cost`](crate::Totals::operating_cost), the narrative's 机构运行经费.

use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::Context;
use crate::sum::Sum;
use crate::totals::Totals;

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        group("部门预算支出经济分类项目", vec![leaf("科目编码"), leaf("科目名称")]),
        group("机构运行经费支出", vec![leaf("合计")]),
    ];
    let mut t = new_table(
        ctx,
        14,
        &header,
        &[
            (ColumnKind::Code, 10.0),
            (ColumnKind::Text, 24.0),
            (ColumnKind::Amount, 14.0),
        ],
    );
    let mut by: Vec<Option<Sum>> = vec![None; ctx.econs.len()];
    for l in ctx.merged().iter().filter(|l| l.is_operating_cost()) {
        *by[l.econ_id as usize].get_or_insert_default() += l.amount;
    }
    let mut cells = label_at(1, "合计");
    cells.push(Cell::Amount(totals.operating_cost));
    push(&mut t, RowRole::Total, cells);
    for id in ctx.econs.sorted_ids() {
        let Some(a) = by[id as usize] else { continue };
        let econ = ctx.econs.codes[id as usize];
        push(
            &mut t,
            RowRole::Item,
            vec![
                Cell::code(econ),
                Cell::text(ctx.econ_name(econ)),
                Cell::Amount(a.yuan()),
            ],
        );
    }
    t
}
