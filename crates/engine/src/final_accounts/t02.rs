//! 公开02表 收入决算表.
//!
//! Columns: 项目 {功能分类科目编码, 科目名称}, 本年收入合计 (1), 财政拨款收入 (2),
//! 上级补助收入 (3), 事业收入 (4), 经营收入 (5), 附属单位上缴收入 (6), 其他收入 (7).
//! Income by the 功能 项 it was received for; column 2 covers the three
//! 财政拨款 budgets (一般公共预算-其他 included), column 4 takes 财政专户管理资金;
//! carry-over sources are not income. 1 = Σ 2–7.
//!
//! Rows ([`function_rows`]): 合计, then each 项 with any non-zero column with
//! its 类 and 款 as subtotal rows, in code order; each cell the exact sum of
//! what it covers, rounded once (so 类 may differ from Σ 款 by a 尾差).

use yusuan_model::Yuan;
use yusuan_report::table::{Table, leaf};

use super::totals::IncomeCol as C;
use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    let names = [
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ];
    let mut t = new_table(
        ctx,
        2,
        TABLE_NAMES[1],
        &function_header("功能分类科目编码", names.map(leaf).to_vec()),
        &function_kinds(7),
        Some(function_column_numbers(7)),
    );
    let items = ctx.totals.income_by_func.iter().map(|(func, a)| {
        let col = |c: C| a[c as usize];
        let fiscal = col(C::General) + col(C::GovFund) + col(C::StateCapital);
        let rest = [
            C::SuperiorSubsidy,
            C::Business,
            C::Operating,
            C::AffiliateRemit,
            C::Other,
        ]
        .map(col);
        let total: Yuan = fiscal + rest.iter().copied().sum::<Yuan>();
        let [a3, a4, a5, a6, a7] = rest;
        (func.clone(), [total, fiscal, a3, a4, a5, a6, a7])
    });
    function_rows(ctx, &mut t, items);
    t.note = Some(note("本表反映部门本年度取得的各项收入情况。", true, None));
    t
}
