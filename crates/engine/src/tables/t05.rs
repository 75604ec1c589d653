//! 预算05表 一般公共预算支出情况表: the 功能 layout ([`super::function`]) over
//! the lines of 一般公共预算 money (财政拨款, 其他, and its carry-over).
//!
//! Identities: 合计 = [`Totals::general`](crate::Totals::general) = 预算04 一般公共预算 小计; 基本支出 小计
//! = [`Totals::general_basic`](crate::Totals::general_basic) = 预算06 合计.

use yusuan_model::Budget;
use yusuan_report::table::Table;

use crate::resolve::Context;

pub(super) fn build(ctx: &Context) -> Table {
    super::function::table(ctx, 5, |l| l.source.budget() == Some(Budget::General), None)
}
