//! 附件 A1 部门整体支出绩效自评表 (`spec/final/tables.md` §11). No column
//! header: blocks of rows over ten columns.
//!
//! 1. 部门名称; 填报人及联系方式 and 填报日期 when given.
//! 2. 预算执行情况（万元）: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分;
//!    rows 部门预算总额 and its 资金来源 政府预算资金 / 财政专户管理资金 / 单位资金
//!    (年初 and 全年 as entered, `plan.dept_initial` / `dept_adjusted`).
//!    全年执行数 = 公开01 本年支出合计 (R16); 执行率 = 全年执行数 / 全年预算数;
//!    得分 = the entered 执行率得分, else 分值 × min(1, 执行率) ([`scores`]).
//!    The 资金来源 rows carry no 执行数, 分值, 执行率 or 得分 (`—`).
//! 3. 年度履职目标: 预期目标 | 实际完成情况.
//! 4. 年度主要任务: 任务名称 | 主要内容 | 任务完成情况 (the 预算11 tasks, the
//!    results parallel to them).
//! 5. Indicators: 一级指标, its 分值 (Σ of its rows' 分值), 二级指标, 三级指标,
//!    年度指标值, 指标值说明, 实际完成值, 分值, 得分, 偏差原因分析及改进措施; an empty
//!    一级/二级 continues the group above, each group merged.
//! 6. 分值及得分合计 = Σ indicator 分值 and 得分; 总分 = 执行率得分 + Σ indicator
//!    得分, out of 执行率 分值 + Σ indicator 分值 (100 by the rules, P2).
//!
//! The 注 is the scoring rules of 002 (注1–3).

use rust_decimal::Decimal;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table};

use super::attach::{
    Funds, Levels, attachment, funds_block, goal_block, indicator_heading, indicator_row, label_row, merge,
    merge_label_down, merge_runs, put, score_total, text,
};
use super::scores::{self, show_score};
use super::*;

pub const LABEL: &str = "部门整体自评表";
pub const TITLE: &str = "部门整体支出绩效自评表";

pub(super) fn build(ctx: &Ctx) -> Table {
    let p = ctx.package;
    let e = &p.dept_eval;
    let s = scores::dept(p, ctx.totals);
    let mut t = attachment(
        ctx,
        LABEL.to_string(),
        TITLE,
        &[
            (ColumnKind::Text, 10.0),
            (ColumnKind::Text, 6.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 16.0),
            (ColumnKind::Text, 10.0),
            (ColumnKind::LongText, 30.0),
            (ColumnKind::Text, 10.0),
            (ColumnKind::Text, 6.0),
            (ColumnKind::Text, 6.0),
            (ColumnKind::LongText, 24.0),
        ],
    );
    // 1. names
    label_row(&mut t, RowRole::Heading, "部门名称", &p.department.name);
    for (label, value) in [("填报人及联系方式", &e.filled_by), ("填报日期", &e.date)] {
        if !value.trim().is_empty() {
            label_row(&mut t, RowRole::Item, label, value);
        }
    }
    // 2. 预算执行情况
    funds_block(
        &mut t,
        &Funds {
            heads: [
                "预算执行情况（万元）",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "执行率",
            ],
            total: "部门预算总额",
            initial: s.initial,
            adjusted: s.adjusted,
            executed: s.executed,
            executed_split: None,
            weight: s.exec_weight,
            rate: s.rate,
            score: s.exec_score,
        },
    );
    // 3. 年度履职目标
    goal_block(
        &mut t,
        "年度履职目标",
        ("预期目标", &e.targets.goal),
        6,
        ("实际完成情况", &e.goal_actual),
    );
    // 4. 年度主要任务
    let k = put(
        &mut t,
        RowRole::Heading,
        vec![
            (0, text("年度主要任务")),
            (1, text("任务名称")),
            (4, text("主要内容")),
            (7, text("任务完成情况")),
        ],
    );
    for (i, task) in e.targets.tasks.iter().enumerate() {
        let result = e.task_results.get(i).map(String::as_str).unwrap_or("");
        put(
            &mut t,
            RowRole::Item,
            vec![(1, text(&task.name)), (4, text(&task.content)), (7, text(result))],
        );
    }
    merge_label_down(&mut t, k);
    for r in k..t.rows.len() {
        merge(&mut t, r, 1, 1, 3);
        merge(&mut t, r, 4, 1, 3);
        merge(&mut t, r, 7, 1, 3);
    }
    // 5. indicators
    indicator_heading(
        &mut t,
        &["一级指标", "分值", "二级指标", "三级指标", "年度指标值", "指标值说明"],
    );
    let first = t.rows.len();
    let (mut l1, mut l2) = (String::new(), String::new());
    let mut levels = Levels::default();
    for (i, ind) in e.targets.indicators.iter().enumerate() {
        if !ind.level1.trim().is_empty() {
            l1 = ind.level1.trim().to_string();
            l2.clear();
        }
        if !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        levels.push(l1.clone(), &l2);
        let scored = e.results.get(i).cloned().unwrap_or_default();
        indicator_row(&mut t, &[&ind.level3, &ind.value, &ind.note], &scored);
    }
    let keys1 = &levels.level1;
    let group_weight = |i: usize| -> Cell {
        let key = &keys1[i];
        let sum: Decimal = keys1
            .iter()
            .enumerate()
            .skip(i)
            .take_while(|(_, k)| *k == key)
            .map(|(j, _)| e.results.get(j).map(|r| r.weight).unwrap_or_default())
            .sum();
        Cell::text(show_score(sum))
    };
    levels.merge_level1(&mut t, first, 0);
    merge_runs(&mut t, first, 1, keys1, group_weight);
    levels.merge_level2(&mut t, first, 2);
    // 6. totals
    score_total(&mut t, "分值及得分合计", 7, s.indicator_weight, s.indicator_score);
    score_total(&mut t, "总分（预算执行率得分＋指标得分）", 7, s.full, s.total);
    t.note = Some(
        "注：1. 自评采取打分评价的形式，满分为100分，原则上一级指标分值统一设置为：投入管理指标30分、产出指标25分、效益指标35分、预算执行率10分，各项指标得分加总得出总分。\n\
         2. 偏差原因分析及改进措施：说明偏离目标、不能完成目标的原因及改进措施。\n\
         3. 定性指标根据指标完成情况分为达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，分别按照该指标对应分值区间100%-80%（含）、80%-60%（含）、60%-0%合理确定分值。定量指标完成指标值的，记该指标所赋全部分值；未完成的，按照完成值与指标值的比例计分。"
            .to_string(),
    );
    t
}
