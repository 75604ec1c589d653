//! 公开07表 政府性基金预算财政拨款收入支出决算表.
//!
//! Columns: 项目 {功能分类科目编码, 科目名称}, 年初结转和结余 (1), 本年收入 (2),
//! 本年支出 {小计 (3), 基本支出 (4), 项目支出 (5)}, 年末结转和结余 (6), all of
//! 政府性基金 money, by 功能 项: 1 the entered 年初 of the nature, 2 the income
//! of 政府性基金预算财政拨款, 3–5 its basic and project spending (年初结转
//! included), 3 = 4 + 5, 6 = 1 + 2 − 3 per row.
//!
//! Rows as 公开02 ([`function_rows`]); a 项 appears when any of the six
//! columns is non-zero (a balance alone puts a row). With no figure at all the
//! table keeps its 合计 row and adds the 说明 「我部门没有政府性基金收入，也没有
//! 使用政府性基金安排的支出，故本表无数据。」.

use std::collections::BTreeMap;

use yusuan_model::final_package::Nature;
use yusuan_report::table::{Table, group, leaf};

use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    let mut t = new_table(
        ctx,
        7,
        TABLE_NAMES[6],
        &function_header("功能分类科目编码", balance_columns()),
        &function_kinds(6),
        Some(function_column_numbers(6)),
    );
    let items = with_balances(ctx.totals, Nature::GovFund);
    let empty = items.is_empty();
    function_rows(ctx, &mut t, items);
    t.note = Some(note(
        "本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
        !empty,
        empty.then_some("我部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。"),
    ));
    t
}

/// The six amount columns of 07 (and 08 with balances).
pub(super) fn balance_columns() -> Vec<HeaderNode> {
    vec![
        leaf("年初结转和结余"),
        leaf("本年收入"),
        group("本年支出", vec![leaf("小计"), leaf("基本支出"), leaf("项目支出")]),
        leaf("年末结转和结余"),
    ]
}

/// Per 项 of a 财政拨款 nature: [年初, 本年收入, 支出 小计, 基本, 项目, 年末];
/// only 项 with a non-zero figure.
pub(super) fn with_balances(totals: &FinalTotals, n: Nature) -> Vec<(String, [Yuan; 6])> {
    let mut m: BTreeMap<String, [Yuan; 6]> = BTreeMap::new();
    for ((_, nature, func), a) in &totals.opening {
        if *nature == n {
            m.entry(func.clone()).or_default()[0] += *a;
        }
    }
    if let Some(b) = n.budget() {
        let col = totals::IncomeCol::of(yusuan_model::final_package::FinalColumn::Fiscal(b)) as usize;
        for (func, a) in &totals.income_by_func {
            m.entry(func.clone()).or_default()[1] += a[col];
        }
    }
    for (func, [s, b, p]) in super::t05::basic_and_project(totals, n) {
        let r = m.entry(func).or_default();
        r[2] += s;
        r[3] += b;
        r[4] += p;
    }
    m.into_iter()
        .map(|(func, mut r)| {
            r[5] = r[0] + r[1] - r[2];
            (func, r)
        })
        .filter(|(_, r)| r.iter().any(|a| !a.is_zero()))
        .collect()
}
