//! 预算02表 部门收入总体情况表.
//!
//! Columns: 部门(单位)代码, 部门(单位)名称, 总计, 本年收入 {合计, 一般公共预算
//! {小计, 其中：财政拨款}, 政府性基金, 国有资本经营预算, 财政专户管理资金收入,
//! 事业收入, 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入},
//! 上年结转结余 {合计, 一般公共预算, 政府性基金, 国有资本经营预算, 财政专户管理资金,
//! 单位资金}. Rows: 合计, the department (same figures), then every unit in the
//! package's order. From the income budget only.
//!
//! Identities: 合计 总计 = 预算01 收入总计; 本年收入 合计 = 预算01 本年收入合计.

use yusuan_model::FundSource;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::{BySource, Context};
use crate::sum::Sum;
use crate::totals::Totals;

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        leaf("部门(单位)代码"),
        leaf("部门(单位)名称"),
        leaf("总计"),
        group(
            "本年收入",
            vec![
                leaf("合计"),
                group("一般公共预算", vec![leaf("小计"), leaf("其中：财政拨款")]),
                leaf("政府性基金"),
                leaf("国有资本经营预算"),
                leaf("财政专户管理资金收入"),
                leaf("事业收入"),
                leaf("事业单位经营收入"),
                leaf("上级补助收入"),
                leaf("附属单位上缴收入"),
                leaf("其他收入"),
            ],
        ),
        group(
            "上年结转结余",
            vec![
                leaf("合计"),
                leaf("一般公共预算"),
                leaf("政府性基金"),
                leaf("国有资本经营预算"),
                leaf("财政专户管理资金"),
                leaf("单位资金"),
            ],
        ),
    ];
    let mut kinds = vec![(ColumnKind::Code, 8.0), (ColumnKind::Text, 20.0)];
    kinds.extend([AMT; 18]);
    let mut t = new_table(ctx, 2, &header, &kinds);
    let p = ctx.package;
    // A row's 18 figures, as sums (made `Decimal`s once, in the cells).
    let row = |by: &BySource| -> [Sum; 18] {
        // Plain sums first: reading each `Option` in the additions below
        // copied it through the stack (a store-forwarding stall apiece).
        let mut plain = [Sum::ZERO; FundSource::ALL.len()];
        for (x, b) in plain.iter_mut().zip(by) {
            if let Some(b) = b {
                *x = *b;
            }
        }
        let g = |s: FundSource| plain[s as usize];
        use FundSource::*;
        let carry = [
            g(CarryGeneral),
            g(CarryGovFund),
            g(CarryStateCapital),
            g(CarryFiscalSpecial),
            g(CarryUnitFunds),
        ];
        let carry_total: Sum = carry.into_iter().sum();
        let current: Sum = FundSource::ALL.into_iter().filter(|s| !s.is_carryover()).map(g).sum();
        let plus = |mut a: Sum, b: Sum| {
            a += b;
            a
        };
        [
            plus(current, carry_total),
            current,
            plus(g(GeneralAppropriation), g(GeneralOther)),
            g(GeneralAppropriation),
            g(GovFund),
            g(StateCapital),
            g(FiscalSpecial),
            g(BusinessIncome),
            g(OperatingIncome),
            g(SuperiorSubsidy),
            g(AffiliateRemit),
            g(OtherIncome),
            carry_total,
            carry[0],
            carry[1],
            carry[2],
            carry[3],
            carry[4],
        ]
    };
    let mut all = [None; FundSource::ALL.len()];
    for (s, a) in &totals.income_by_source {
        all[*s as usize] = Some(Sum::from(*a));
    }
    let all = row(&all);
    let mut cells = label_at(1, "合计");
    cells.extend(sums(all));
    push(&mut t, RowRole::Total, cells);
    let mut cells = vec![Cell::code(&p.department.code), Cell::text(&p.department.name)];
    cells.extend(sums(all));
    push(&mut t, RowRole::Subtotal, cells);
    t.rows.reserve(p.units.len());
    for i in 0..p.units.len() {
        let mut cells = Vec::with_capacity(20);
        cells.extend(ctx.unit_cells(i).iter().cloned());
        let by = match ctx.unit_of_unit(i) {
            Some(u) => row(&ctx.unit_income[u]),
            None => row(&[None; FundSource::ALL.len()]),
        };
        cells.extend(sums(by));
        push(&mut t, RowRole::Item, cells);
    }
    t
}
