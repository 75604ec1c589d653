//! 公开03表 支出决算表.
//!
//! Columns: 项目 {功能分类科目编码, 科目名称}, 本年支出合计 (1), 基本支出 (2),
//! 项目支出 (3), 上缴上级支出 (4), 经营支出 (5), 对附属单位补助支出 (6). Every
//! source (财政拨款 and 非财政拨款; spending from 年初结转 included), by the
//! line's 功能 项: basic lines, project lines, and the other spending by its
//! kind. 1 = Σ 2–6.
//!
//! Rows as 公开02 ([`function_rows`]): a 项 appears when it has any spending.

use yusuan_report::table::{Table, leaf};

use super::totals::SPEND_KINDS;
use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    let names = [
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ];
    let mut t = new_table(
        ctx,
        3,
        TABLE_NAMES[2],
        &function_header("功能分类科目编码", names.map(leaf).to_vec()),
        &function_kinds(6),
        Some(function_column_numbers(6)),
    );
    let items = ctx.totals.spend_by_func.iter().map(|(func, by_nature)| {
        let mut r = [Yuan::ZERO; 1 + SPEND_KINDS];
        for kinds in by_nature {
            for (k, a) in kinds.iter().enumerate() {
                r[0] += *a;
                r[1 + k] += *a;
            }
        }
        (func.clone(), r)
    });
    function_rows(ctx, &mut t, items);
    t.note = Some(note("本表反映部门本年度各项支出情况。", true, None));
    t
}
