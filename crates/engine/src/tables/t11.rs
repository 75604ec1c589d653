//! 预算11表 部门（单位）整体绩效目标表. No column header: blocks of rows.
//!
//! 部门名称; 年度履职目标 (text); 年度主要任务 (任务名称, 主要内容 rows); 预算情况:
//! 部门预算总额, 资金来源 {政府预算资金, 财政专户管理资金, 单位资金}, 资金结构
//! {基本支出, 项目支出} — all read from [`Totals`](crate::Totals); then the indicator rows
//! 一级指标 / 二级指标 / 三级指标 / 指标值 / 指标值说明, where an empty 一级 or
//! 二级 continues the group above and each group's cells are merged.
//!
//! Identities: 部门预算总额 = [`Totals::expense_total`](crate::Totals::expense_total) = 政府预算资金 + 财政专户管理资金
//! + 单位资金 = 基本支出 + 项目支出.

use yusuan_model::Yuan;
use yusuan_report::table::{Cell, ColumnKind, Merge, RowRole, Table};

use super::*;
use crate::resolve::Context;
use crate::totals::Totals;

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let mut t = new_table(
        ctx,
        11,
        &[],
        &[
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 14.0),
            (ColumnKind::Text, 22.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::LongText, 60.0),
        ],
    );
    let p = ctx.package;
    let perf = &p.performance;
    let text = |s: &str| Cell::text(s.trim());
    push(
        &mut t,
        RowRole::Heading,
        vec![
            text("部门名称"),
            text(&p.department.name),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: 0,
        col: 1,
        rows: 1,
        cols: 4,
    });
    push(
        &mut t,
        RowRole::Item,
        vec![
            text("年度履职目标"),
            text(&perf.goal),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: 1,
        col: 1,
        rows: 1,
        cols: 4,
    });
    let start = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        vec![
            text("年度主要任务"),
            text("任务名称"),
            text("主要内容"),
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: start,
        col: 2,
        rows: 1,
        cols: 3,
    });
    for task in &perf.tasks {
        let r = t.rows.len();
        push(
            &mut t,
            RowRole::Item,
            vec![
                Cell::Empty,
                text(&task.name),
                text(&task.content),
                Cell::Empty,
                Cell::Empty,
            ],
        );
        t.merges.push(Merge {
            row: r,
            col: 2,
            rows: 1,
            cols: 3,
        });
    }
    if t.rows.len() - start > 1 {
        t.merges.push(Merge {
            row: start,
            col: 0,
            rows: t.rows.len() - start,
            cols: 1,
        });
    }
    // 预算情况: the totals.
    let (gov, special, unit_funds) = (totals.government_funds, totals.fiscal_special_funds, totals.unit_funds);
    let (total, basic) = (totals.expense_total, totals.basic);
    let b = t.rows.len();
    let money_row = |head: &str, sub: &str, label: &str, a: Yuan| {
        vec![text(head), text(sub), text(label), Cell::Amount(a), Cell::Empty]
    };
    push(
        &mut t,
        RowRole::Total,
        money_row("预算情况", "", "部门预算总额（万元）", total),
    );
    push(
        &mut t,
        RowRole::Item,
        money_row("", "1、资金来源：", "（1）政府预算资金", gov),
    );
    push(
        &mut t,
        RowRole::Item,
        money_row("", "", "（2）财政专户管理资金", special),
    );
    push(&mut t, RowRole::Item, money_row("", "", "（3）单位资金", unit_funds));
    push(
        &mut t,
        RowRole::Item,
        money_row("", "2、资金结构：", "（1）基本支出", basic),
    );
    push(
        &mut t,
        RowRole::Item,
        money_row("", "", "（2）项目支出", totals.project),
    );
    t.merges.push(Merge {
        row: b,
        col: 0,
        rows: 6,
        cols: 1,
    });
    t.merges.push(Merge {
        row: b + 1,
        col: 1,
        rows: 3,
        cols: 1,
    });
    t.merges.push(Merge {
        row: b + 4,
        col: 1,
        rows: 2,
        cols: 1,
    });
    push(
        &mut t,
        RowRole::Heading,
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]
            .map(text)
            .to_vec(),
    );
    // Indicator rows: empty 一级/二级 continue the group above; groups are merged.
    let first = t.rows.len();
    let mut l1 = String::new();
    let mut l2 = String::new();
    let mut keys: Vec<(String, String)> = Vec::new();
    for ind in &perf.indicators {
        if !ind.level1.trim().is_empty() {
            l1 = ind.level1.trim().to_string();
            l2.clear();
        }
        if !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        keys.push((l1.clone(), l2.clone()));
        push(
            &mut t,
            RowRole::Item,
            vec![
                Cell::Empty,
                Cell::Empty,
                text(&ind.level3),
                text(&ind.value),
                text(&ind.note),
            ],
        );
    }
    for level in 0..2 {
        let mut i = 0;
        while i < keys.len() {
            let mut j = i + 1;
            let same = |a: &(String, String), b: &(String, String)| if level == 0 { a.0 == b.0 } else { a == b };
            while j < keys.len() && same(&keys[i], &keys[j]) {
                j += 1;
            }
            let label = if level == 0 { &keys[i].0 } else { &keys[i].1 };
            t.rows[first + i].cells[level] = Cell::text(label.clone());
            if j - i > 1 {
                t.merges.push(Merge {
                    row: first + i,
                    col: level,
                    rows: j - i,
                    cols: 1,
                });
            }
            i = j;
        }
    }
    t
}
