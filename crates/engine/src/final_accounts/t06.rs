//! 公开06表 一般公共预算财政拨款基本支出决算明细表.
//!
//! Three panels side by side, each {经济分类科目编码, 科目名称, 决算数}, no 栏次;
//! the fixed rows of the form ([`forms::PANEL_1`] 人员经费: 301 and 303 with
//! their items; [`forms::PANEL_2`] 公用经费: 302 with its items;
//! [`forms::PANEL_3`] 公用经费: 307, 310, 399 with their items), printed with
//! zeros, 28 rows (the longest panel); then 人员经费合计 (under panel 1) and
//! 公用经费合计 (under panel 3).
//!
//! Figures: the 一般公共预算财政拨款 **basic** lines (this year's money and 年初
//! 结转) by 部门经济分类 code: an item row = its lines; a class row = every line
//! of the class (the items as printed may differ from it by a 尾差);
//! 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 310 + 399 — by class,
//! not by the line's 经费类型. A line whose code the form lacks (309xx, 311xx
//! …) has no row: the checks report it (X12).

use yusuan_model::Yuan;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, leaf};

use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    let panel = || [leaf("经济分类科目编码"), leaf("科目名称"), leaf("决算数")];
    let header: Vec<HeaderNode> = [panel(), panel(), panel()].into_iter().flatten().collect();
    let kinds = [(ColumnKind::Code, 7.0), (ColumnKind::Text, 18.0), AMT];
    // 「…决算明细表」 (002) or 「…决算表」 (003): the package's layout.
    let title = if ctx.package.layout.table06_short_title {
        "一般公共预算财政拨款基本支出决算表"
    } else {
        TABLE_NAMES[5]
    };
    let mut t = new_table(ctx, 6, title, &header, &kinds.repeat(3), None);
    let by_econ = &ctx.totals.general_basic_by_econ;
    let figure = |code: &str| -> Yuan {
        if code.len() == 3 {
            by_econ
                .iter()
                .filter(|(e, _)| e.starts_with(code))
                .map(|(_, a)| *a)
                .sum()
        } else {
            by_econ.get(code).copied().unwrap_or_default()
        }
    };
    let panels: [&[(&str, &str)]; 3] = [&forms::PANEL_1, &forms::PANEL_2, &forms::PANEL_3];
    let rows = panels.iter().map(|p| p.len()).max().unwrap_or(0);
    for i in 0..rows {
        let mut cells = Vec::with_capacity(9);
        for p in panels {
            match p.get(i) {
                Some(&(code, name)) => cells.extend([Cell::code(code), Cell::text(name), Cell::Amount(figure(code))]),
                None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
        }
        push(&mut t, RowRole::Item, cells);
    }
    let mut cells = vec![
        Cell::Empty,
        Cell::text("人员经费合计"),
        Cell::Amount(ctx.totals.general_personnel),
    ];
    cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
    cells.extend([Cell::text("公用经费合计"), Cell::Amount(ctx.totals.general_public)]);
    push(&mut t, RowRole::Total, cells);
    t.note = Some(note(
        "本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        true,
        None,
    ));
    t
}
