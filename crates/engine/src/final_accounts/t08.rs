//! 公开08表 国有资本经营预算财政拨款支出决算表, in one of two forms
//! ([`FinalLayout::table08_with_balances`](yusuan_model::final_package::FinalLayout::table08_with_balances):
//! set, or the 2022 表样):
//!
//! - 支出 (表样 2023): 项目 {科目代码, 科目名称}, 本年支出 {小计 (1), 基本支出 (2),
//!   项目支出 (3)} of 国有资本经营预算 money, as 公开05; empty: 说明
//!   「我部门没有使用国有资本经营预算安排的支出，故本表无数据。」;
//! - 收支 (表样 2022), titled 国有资本经营预算财政拨款收入支出决算表: the six
//!   columns of 公开07 for 国有资本经营预算; empty: 说明
//!   「我部门没有国有资本经营收入，也没有使用国有资本经营安排的支出，故本表无数据。」.
//!
//! Rows as 公开02 ([`function_rows`]); an empty table keeps its 合计 row.

use yusuan_model::final_package::Nature;
use yusuan_report::table::{Table, group, leaf};

use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    let p = ctx.package;
    if p.layout.table08_with_balances(p.department.year) {
        let mut t = new_table(
            ctx,
            8,
            "国有资本经营预算财政拨款收入支出决算表",
            &function_header("功能分类科目编码", super::t07::balance_columns()),
            &function_kinds(6),
            Some(function_column_numbers(6)),
        );
        let items = super::t07::with_balances(ctx.totals, Nature::StateCapital);
        let empty = items.is_empty();
        function_rows(ctx, &mut t, items);
        t.note = Some(note(
            "本表反映部门本年度国有资本经营预算财政拨款收入、支出及结转和结余情况。",
            !empty,
            empty.then_some("我部门没有国有资本经营收入，也没有使用国有资本经营安排的支出，故本表无数据。"),
        ));
        return t;
    }
    let mut t = new_table(
        ctx,
        8,
        TABLE_NAMES[7],
        &function_header(
            "科目代码",
            vec![group(
                "本年支出",
                vec![leaf("小计"), leaf("基本支出"), leaf("项目支出")],
            )],
        ),
        &function_kinds(3),
        Some(function_column_numbers(3)),
    );
    let items: Vec<_> = super::t05::basic_and_project(ctx.totals, Nature::StateCapital)
        .filter(|(_, r)| r.iter().any(|a| !a.is_zero()))
        .collect();
    let empty = items.is_empty();
    function_rows(ctx, &mut t, items);
    t.note = Some(note(
        "本表反映部门本年度国有资本经营预算财政拨款支出情况。",
        !empty,
        empty.then_some("我部门没有使用国有资本经营预算安排的支出，故本表无数据。"),
    ));
    t
}
