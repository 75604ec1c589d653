//! 公开09表 财政拨款“三公”经费支出决算表.
//!
//! One row of 12 amounts: 预算数 {合计 (1), 因公出国（境）费 (2), 公务用车购置及
//! 运行维护费 {小计 (3), 公务用车购置费 (4), 公务用车运行维护费 (5)}, 公务接待费
//! (6)} and the same six for 决算数 (7–12). (表样 2022: 公务用车购置及运行费,
//! 公务用车运行费.)
//!
//! 预算数 = the entered 全年预算数 of the four items (`plan.three_public_adjusted`,
//! the adjusted budget, not the 年初 of 预算08); 1 = 2 + 3 + 6, 3 = 4 + 5 on
//! exact 元. 决算数 = 财政拨款 lines of the three budgets, basic and project,
//! this year's money and 年初结转, by 部门经济分类 code: 8 = 30212, 10 = 31013
//! (+ 30913), 11 = 30231, 12 = 30217; 7 = 8 + 9 + 12, 9 = 10 + 11.

use yusuan_model::Yuan;
use yusuan_model::final_package::ThreePublicAmounts;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;

fn six(a: &ThreePublicAmounts) -> [Yuan; 6] {
    let vehicles = a.vehicle_purchase + a.vehicle_operation;
    [
        a.overseas + vehicles + a.reception,
        a.overseas,
        vehicles,
        a.vehicle_purchase,
        a.vehicle_operation,
        a.reception,
    ]
}

/// The 公务用车 column group and its 运行 column as the form of `form_year`
/// prints them (the narrative's 九 names the group as its table does).
pub(crate) fn vehicle_names(form_year: i32) -> (&'static str, &'static str) {
    if form_year <= 2022 {
        ("公务用车购置及运行费", "公务用车运行费")
    } else {
        ("公务用车购置及运行维护费", "公务用车运行维护费")
    }
}

pub(super) fn build(ctx: &Ctx) -> Table {
    let (vehicles, operation) = vehicle_names(ctx.form_year);
    let half = |s: &str| {
        group(
            s,
            vec![
                leaf("合计"),
                leaf("因公出国（境）费"),
                group(vehicles, vec![leaf("小计"), leaf("公务用车购置费"), leaf(operation)]),
                leaf("公务接待费"),
            ],
        )
    };
    let mut t = new_table(
        ctx,
        9,
        TABLE_NAMES[8],
        &[half("预算数"), half("决算数")],
        &[(ColumnKind::Amount, 10.0); 12],
        Some((1..=12).map(|i| i.to_string()).collect()),
    );
    let mut cells: Vec<Cell> = six(&ctx.totals.three_public_budget).map(Cell::Amount).to_vec();
    cells.extend(six(&ctx.totals.three_public_actual).map(Cell::Amount));
    push(&mut t, RowRole::Item, cells);
    t.note = Some(note(
        "本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
        true,
        None,
    ));
    t
}
