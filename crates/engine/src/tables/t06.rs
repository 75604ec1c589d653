//! 预算06表 一般公共预算基本支出情况表.
//!
//! Columns: 部门预算支出经济分类科目 {科目编码, 科目名称}, 政府预算支出经济分类科目
//! {科目编码, 科目名称}, 本年一般公共预算基本支出 {合计, 人员经费, 公用经费}. Rows:
//! 合计, then one row per (部门 code, 政府 code) pair of the basic lines of
//! 一般公共预算 money, sorted by 部门 code then 政府 code. 人员/公用 follows the
//! line's 经费类型.
//!
//! The 合计 row reads [`Totals`](crate::Totals): general_basic, general_personnel,
//! general_public. Identity: 合计 = 预算05 基本支出 小计.

use yusuan_model::{Budget, CostKind};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::Context;
use crate::totals::Totals;

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        group("部门预算支出经济分类科目", vec![leaf("科目编码"), leaf("科目名称")]),
        group("政府预算支出经济分类科目", vec![leaf("科目编码"), leaf("科目名称")]),
        group(
            "本年一般公共预算基本支出",
            vec![leaf("合计"), leaf("人员经费"), leaf("公用经费")],
        ),
    ];
    let mut t = new_table(
        ctx,
        6,
        &header,
        &[
            (ColumnKind::Code, 7.0),
            (ColumnKind::Text, 18.0),
            (ColumnKind::Code, 7.0),
            (ColumnKind::Text, 16.0),
            AMT,
            AMT,
            AMT,
        ],
    );
    let mut pairs = Pairs::<3>::new(ctx);
    for l in ctx
        .merged()
        .iter()
        .filter(|l| l.is_basic() && l.source.budget() == Some(Budget::General))
    {
        let e = pairs.of(l);
        let k = match l.kind {
            CostKind::Personnel => 1,
            CostKind::Public => 2,
        };
        e[0] += l.amount;
        e[k] += l.amount;
    }
    let all = [totals.general_basic, totals.general_personnel, totals.general_public];
    let mut cells = label_at(3, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    for (econ, gov, v) in pairs.sorted(ctx) {
        let mut cells = vec![
            Cell::code(econ),
            Cell::text(ctx.econ_name(econ)),
            Cell::code(gov),
            Cell::text(ctx.gov_name(gov)),
        ];
        cells.extend(sums(v));
        push(&mut t, RowRole::Item, cells);
    }
    t
}
