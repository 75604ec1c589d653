//! 预算10表 项目支出预算表.
//!
//! Columns: 类型, 项目名称, 项目单位, 合计, 本年拨款 {一般公共预算, 政府性基金预算,
//! 国有资本经营预算}, 财政拨款结转结余 {一般公共预算, 政府性基金预算, 国有资本经营预算},
//! 财政专户管理资金, 单位资金. Rows: 合计; the department; one row per project in
//! the package's order. A 涉密 project: 类型 blank, name 「涉密项目按规定不予公开」,
//! 项目单位 shown, every non-zero amount `XXXX`.
//!
//! Every funding source has its column (an exhaustive match). Identity: 合计 =
//! [`Totals::project`](crate::Totals::project) = 预算03 项目支出 小计.

use yusuan_model::FundSource;
use yusuan_report::table::{Cell, ColumnKind, Row, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::Context;
use crate::sum::Sum;

pub(super) fn build(ctx: &Context) -> Table {
    let header = [
        leaf("类型"),
        leaf("项目名称"),
        leaf("项目单位"),
        leaf("合计"),
        group(
            "本年拨款",
            vec![leaf("一般公共预算"), leaf("政府性基金预算"), leaf("国有资本经营预算")],
        ),
        group(
            "财政拨款结转结余",
            vec![leaf("一般公共预算"), leaf("政府性基金预算"), leaf("国有资本经营预算")],
        ),
        leaf("财政专户管理资金"),
        leaf("单位资金"),
    ];
    let mut kinds = vec![
        (ColumnKind::Text, 9.0),
        (ColumnKind::Text, 30.0),
        (ColumnKind::Text, 16.0),
    ];
    kinds.extend([AMT; 9]);
    let mut t = new_table(ctx, 10, &header, &kinds);
    let p = ctx.package;
    let figures = |pi: usize| {
        let mut v = [Sum::ZERO; 9];
        for l in ctx.project_lines(pi) {
            use FundSource::*;
            let col = match l.source {
                GeneralAppropriation | GeneralOther => 1,
                GovFund => 2,
                StateCapital => 3,
                CarryGeneral => 4,
                CarryGovFund => 5,
                CarryStateCapital => 6,
                FiscalSpecial | CarryFiscalSpecial => 7,
                BusinessIncome | OperatingIncome | SuperiorSubsidy | AffiliateRemit | OtherIncome | CarryUnitFunds => 8,
            };
            v[0] += l.amount;
            v[col] += l.amount;
        }
        v
    };
    // Rows 0 and 1 (合计, the department) are filled in once every project's
    // figures have been added up: each project's are computed once.
    t.rows.reserve(2 + p.projects.len());
    for role in [RowRole::Total, RowRole::Subtotal] {
        t.rows.push(Row {
            role,
            cells: Vec::new(),
        });
    }
    let mut all = [Sum::ZERO; 9];
    for (pi, proj) in p.projects.iter().enumerate() {
        let v = figures(pi);
        for (a, b) in all.iter_mut().zip(v) {
            *a += b;
        }
        // The unit's name: `Cell::text` of it, made once per unit.
        let unit = ctx
            .project_unit(pi)
            .map_or(Cell::Empty, |u| ctx.unit_cells(u)[1].clone());
        let mut cells = Vec::with_capacity(12);
        if proj.secret {
            cells.extend([Cell::Empty, Cell::label(MASKED_NAME), unit]);
            cells.extend(v.map(|a| Cell::Masked(a.yuan())));
        } else {
            cells.push(Cell::label(proj.kind.label()));
            cells.push(ctx.project_name(pi).clone());
            cells.push(unit);
            cells.extend(sums(v));
        }
        push(&mut t, RowRole::Item, cells);
    }
    let all = all.map(Sum::yuan);
    let mut cells = label_at(2, "合计");
    cells.extend(amounts(all));
    t.rows[0].cells = cells;
    let mut cells = Vec::with_capacity(12);
    cells.extend([
        Cell::Empty,
        Cell::code(&p.department.code),
        Cell::text(&p.department.name),
    ]);
    cells.extend(amounts(all));
    t.rows[1].cells = cells;
    t
}
