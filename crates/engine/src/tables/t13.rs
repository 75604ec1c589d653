//! 预算13表 国有资本经营支出预算表: the 功能 layout ([`super::function`]) over
//! the lines of 国有资本经营预算 money (with its carry-over); with none, the
//! header and the note 「说明：没有国有资本经营支出预算安排的部门单位，本表无数据。」.
//!
//! Identity: 合计 = [`Totals::state_capital`](crate::Totals::state_capital) = 预算04 国有资本经营预算.

use yusuan_model::Budget;
use yusuan_report::table::Table;

use crate::resolve::Context;

pub(super) fn build(ctx: &Context) -> Table {
    super::function::table(
        ctx,
        13,
        |l| l.source.budget() == Some(Budget::StateCapital),
        Some("说明：没有国有资本经营支出预算安排的部门单位，本表无数据。"),
    )
}
