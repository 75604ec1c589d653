//! 预算03表 部门支出总体情况表: the 功能 layout ([`super::function`]) over every
//! line, every source.
//!
//! Identities: 合计 = [`Totals::expense_total`](crate::Totals::expense_total) = 预算01 支出总计; 基本支出 小计 =
//! [`Totals::basic`](crate::Totals::basic); 项目支出 小计 = [`Totals::project`](crate::Totals::project).

use yusuan_report::table::Table;

use crate::resolve::Context;

pub(super) fn build(ctx: &Context) -> Table {
    super::function::table(ctx, 3, |_| true, None)
}
