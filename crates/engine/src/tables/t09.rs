//! 预算09表 政府性基金预算支出情况表: the 功能 layout ([`super::function`]) over
//! the lines of 政府性基金 money (with its carry-over); with none, the header
//! and the note 「说明：没有政府性基金预算安排的部门单位，本表无数据。」.
//!
//! Identity: 合计 = [`Totals::gov_fund`](crate::Totals::gov_fund) = 预算04 政府性基金.

use yusuan_model::Budget;
use yusuan_report::table::Table;

use crate::resolve::Context;

pub(super) fn build(ctx: &Context) -> Table {
    super::function::table(
        ctx,
        9,
        |l| l.source.budget() == Some(Budget::GovFund),
        Some("说明：没有政府性基金预算安排的部门单位，本表无数据。"),
    )
}
