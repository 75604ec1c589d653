//! 预算07表 支出经济分类汇总表.
//!
//! Columns: 部门预算经济分类 {类, 款, 科目名称}, 政府预算经济分类 {类, 款, 科目名称},
//! 总计, 一般公共预算 {小计, 其中：财政拨款}, 政府性基金, 国有资本经营预算,
//! 上年结转结余, 财政专户管理资金收入, 事业收入, 上级补助收入, 附属单位上缴收入,
//! 事业单位经营收入, 其他收入. Rows: 合计, the department, then one row per
//! (部门 code, 政府 code) pair over every line, basic and project, sorted by 部门
//! code then 政府 code; 类 = the code's first 3 digits, 款 = its last 2.
//!
//! Every funding source has its column (an exhaustive match: a new source
//! cannot land in a column silently). Identity: 总计 = [`Totals::expense_total`](crate::Totals::expense_total).

use yusuan_model::FundSource;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::{Context, Line};
use crate::sum::Sum;

pub(super) fn build(ctx: &Context) -> Table {
    let header = [
        group("部门预算经济分类", vec![leaf("类"), leaf("款"), leaf("科目名称")]),
        group("政府预算经济分类", vec![leaf("类"), leaf("款"), leaf("科目名称")]),
        leaf("总计"),
        group("一般公共预算", vec![leaf("小计"), leaf("其中：财政拨款")]),
        leaf("政府性基金"),
        leaf("国有资本经营预算"),
        leaf("上年结转结余"),
        leaf("财政专户管理资金收入"),
        leaf("事业收入"),
        leaf("上级补助收入"),
        leaf("附属单位上缴收入"),
        leaf("事业单位经营收入"),
        leaf("其他收入"),
    ];
    let mut kinds = vec![
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Text, 16.0),
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Text, 14.0),
    ];
    kinds.extend([AMT; 12]);
    let mut t = new_table(ctx, 7, &header, &kinds);
    let add = |v: &mut [Sum; 12], l: &Line| {
        use FundSource::*;
        v[0] += l.amount;
        let col = match l.source {
            GeneralAppropriation => {
                v[2] += l.amount;
                1
            }
            GeneralOther => 1,
            GovFund => 3,
            StateCapital => 4,
            CarryGeneral | CarryGovFund | CarryStateCapital | CarryFiscalSpecial | CarryUnitFunds => 5,
            FiscalSpecial => 6,
            BusinessIncome => 7,
            SuperiorSubsidy => 8,
            AffiliateRemit => 9,
            OperatingIncome => 10,
            OtherIncome => 11,
        };
        v[col] += l.amount;
    };
    let mut pairs = Pairs::<12>::new(ctx);
    let mut all = [Sum::ZERO; 12];
    for l in ctx.merged() {
        add(pairs.of(l), l);
        add(&mut all, l);
    }
    let all = all.map(Sum::yuan);
    let mut cells = label_at(5, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let d = &ctx.package.department;
    let mut cells = vec![
        Cell::code(&d.code),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text(&d.name),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for (econ, gov, v) in pairs.sorted(ctx) {
        let part = |s: &str, r: std::ops::Range<usize>| Cell::code(s.get(r).unwrap_or(""));
        let mut cells = vec![
            part(econ, 0..3),
            part(econ, 3..5),
            Cell::text(ctx.econ_name(econ)),
            part(gov, 0..3),
            part(gov, 3..5),
            Cell::text(ctx.gov_name(gov)),
        ];
        cells.extend(sums(v));
        push(&mut t, RowRole::Item, cells);
    }
    t
}
