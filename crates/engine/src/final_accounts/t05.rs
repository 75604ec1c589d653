//! 公开05表 一般公共预算财政拨款支出决算表.
//!
//! Columns: 项目 {功能分类科目编码, 科目名称}, 本年支出 {小计 (1), 基本支出 (2),
//! 项目支出 (3)}. Only 一般公共预算财政拨款 money (this year's, 一般公共预算-其他,
//! and 年初结转 of it), basic and project lines; 1 = 2 + 3. (Other spending —
//! 上缴上级, 经营, 对附属单位补助 — has no column here: paid from 财政拨款 it is
//! a data error the checks report.)
//!
//! Rows as 公开03, restricted to this money ([`function_rows`]).

use yusuan_report::table::{Table, group, leaf};

use super::totals::{SpendKind, nature_index};
use super::*;
use yusuan_model::final_package::Nature;

pub(super) fn build(ctx: &Ctx) -> Table {
    let mut t = new_table(
        ctx,
        5,
        TABLE_NAMES[4],
        &function_header(
            "功能分类科目编码",
            vec![group(
                "本年支出",
                vec![leaf("小计"), leaf("基本支出"), leaf("项目支出")],
            )],
        ),
        &function_kinds(3),
        Some(function_column_numbers(3)),
    );
    function_rows(ctx, &mut t, basic_and_project(ctx.totals, Nature::General));
    t.note = Some(note("本表反映部门本年度一般公共预算财政拨款支出情况。", true, None));
    t
}

/// Per 项: [basic + project, basic, project] of one nature.
pub(super) fn basic_and_project(totals: &FinalTotals, n: Nature) -> impl Iterator<Item = (String, [Yuan; 3])> + '_ {
    totals.spend_by_func.iter().map(move |(func, by_nature)| {
        let k = &by_nature[nature_index(n)];
        let (b, p) = (k[SpendKind::Basic as usize], k[SpendKind::Project as usize]);
        (func.clone(), [b + p, b, p])
    })
}
