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
use yusuan_report::table::{Cell, ColumnKind, Merge, RowRole, Table};

use super::scores::{self, show_rate, show_score};
use super::*;

pub const LABEL: &str = "部门整体自评表";
pub const TITLE: &str = "部门整体支出绩效自评表";

/// A table of the 附件: no column header, label and title as given.
pub(super) fn attachment(ctx: &Ctx, label: String, title: &str, kinds: &[(ColumnKind, f32)]) -> Table {
    let d = &ctx.package.department;
    Table {
        number: 0,
        label,
        title: title.to_string(),
        department: format!("填报单位：{}", d.name),
        unit_line: format!("（{}年度）　　单位：万元", d.year),
        header: Vec::new(),
        header_rows: 0,
        columns: kinds.iter().map(|&(kind, width)| Column { kind, width }).collect(),
        rows: Vec::new(),
        merges: Vec::new(),
        note: None,
        decimals: d.decimals,
        style: ctx.style,
    }
}

/// Merges `rows` × `cols` at (`row`, `col`) when it covers more than a cell.
pub(super) fn merge(t: &mut Table, row: usize, col: usize, rows: usize, cols: usize) {
    if rows > 1 || cols > 1 {
        t.merges.push(Merge { row, col, rows, cols });
    }
}

/// A row of `n` cells with `cells` placed at their columns.
pub(super) fn row(n: usize, cells: Vec<(usize, Cell)>) -> Vec<Cell> {
    let mut v = vec![Cell::Empty; n];
    for (i, c) in cells {
        v[i] = c;
    }
    v
}

pub(super) fn text(s: &str) -> Cell {
    Cell::text(s.trim())
}

/// `偏差原因分析` and `改进措施` in one cell.
pub(super) fn deviation(a: &str, b: &str) -> Cell {
    match (a.trim(), b.trim()) {
        ("", b) => text(b),
        (a, "") => text(a),
        (a, b) => Cell::text(format!("{a}；{b}")),
    }
}

/// Merges runs of equal `keys` (already computed per row from `first`) in
/// column `col`, writing the label in the run's first row.
pub(super) fn merge_runs(t: &mut Table, first: usize, col: usize, keys: &[String], label: impl Fn(usize) -> Cell) {
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j] == keys[i] {
            j += 1;
        }
        t.rows[first + i].cells[col] = label(i);
        merge(t, first + i, col, j - i, 1);
        i = j;
    }
}

const N: usize = 10;

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
    let r = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(N, vec![(0, text("部门名称")), (1, text(&p.department.name))]),
    );
    merge(&mut t, r, 1, 1, N - 1);
    for (label, value) in [("填报人及联系方式", &e.filled_by), ("填报日期", &e.date)] {
        if !value.trim().is_empty() {
            let r = t.rows.len();
            push(&mut t, RowRole::Item, row(N, vec![(0, text(label)), (1, text(value))]));
            merge(&mut t, r, 1, 1, N - 1);
        }
    }
    // 2. 预算执行情况
    let b = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("预算执行情况（万元）")),
                (3, text("年初预算数")),
                (4, text("全年预算数")),
                (5, text("全年执行数")),
                (6, text("分值")),
                (7, text("执行率")),
                (8, text("得分")),
            ],
        ),
    );
    push(
        &mut t,
        RowRole::Total,
        row(
            N,
            vec![
                (1, text("部门预算总额")),
                (3, Cell::Amount(s.initial.total())),
                (4, Cell::Amount(s.adjusted.total())),
                (5, Cell::Amount(s.executed)),
                (6, Cell::text(show_score(s.exec_weight))),
                (7, Cell::text(show_rate(s.rate))),
                (8, Cell::text(show_score(s.exec_score))),
            ],
        ),
    );
    let sources = [
        ("其中：政府预算资金", s.initial.government, s.adjusted.government),
        ("财政专户管理资金", s.initial.fiscal_special, s.adjusted.fiscal_special),
        ("单位资金", s.initial.unit_funds, s.adjusted.unit_funds),
    ];
    for (label, initial, adjusted) in sources {
        let dash = || text("—");
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![
                    (1, text(label)),
                    (3, Cell::Amount(initial)),
                    (4, Cell::Amount(adjusted)),
                    (5, dash()),
                    (6, dash()),
                    (7, dash()),
                    (8, dash()),
                ],
            ),
        );
    }
    merge(&mut t, b, 0, 5, 1);
    for r in b..b + 5 {
        merge(&mut t, r, 1, 1, 2);
        merge(&mut t, r, 8, 1, 2);
    }
    // 3. 年度履职目标
    let g = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("年度履职目标")),
                (1, text("预期目标")),
                (6, text("实际完成情况")),
            ],
        ),
    );
    push(
        &mut t,
        RowRole::Item,
        row(N, vec![(1, text(&e.targets.goal)), (6, text(&e.goal_actual))]),
    );
    merge(&mut t, g, 0, 2, 1);
    for r in [g, g + 1] {
        merge(&mut t, r, 1, 1, 5);
        merge(&mut t, r, 6, 1, 4);
    }
    // 4. 年度主要任务
    let k = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("年度主要任务")),
                (1, text("任务名称")),
                (4, text("主要内容")),
                (7, text("任务完成情况")),
            ],
        ),
    );
    for (i, task) in e.targets.tasks.iter().enumerate() {
        let result = e.task_results.get(i).map(String::as_str).unwrap_or("");
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![(1, text(&task.name)), (4, text(&task.content)), (7, text(result))],
            ),
        );
    }
    let n = t.rows.len() - k;
    merge(&mut t, k, 0, n, 1);
    for r in k..t.rows.len() {
        merge(&mut t, r, 1, 1, 3);
        merge(&mut t, r, 4, 1, 3);
        merge(&mut t, r, 7, 1, 3);
    }
    // 5. indicators
    push(
        &mut t,
        RowRole::Heading,
        [
            "一级指标",
            "分值",
            "二级指标",
            "三级指标",
            "年度指标值",
            "指标值说明",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
        .map(text)
        .to_vec(),
    );
    let first = t.rows.len();
    let (mut l1, mut l2) = (String::new(), String::new());
    let mut keys1: Vec<String> = Vec::new();
    let mut keys2: Vec<String> = Vec::new();
    for (i, ind) in e.targets.indicators.iter().enumerate() {
        if !ind.level1.trim().is_empty() {
            l1 = ind.level1.trim().to_string();
            l2.clear();
        }
        if !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        // The group keys carry the index of the 一级 group so that a level
        // name repeated in two separate groups stays two groups.
        keys1.push(l1.clone());
        keys2.push(format!("{l1}\u{1f}{l2}"));
        let scored = e.results.get(i).cloned().unwrap_or_default();
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![
                    (3, text(&ind.level3)),
                    (4, text(&ind.value)),
                    (5, text(&ind.note)),
                    (6, text(&scored.actual)),
                    (7, Cell::text(show_score(scored.weight))),
                    (8, Cell::text(show_score(scored.score))),
                    (9, deviation(&scored.deviation, &scored.remedy)),
                ],
            ),
        );
    }
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
    merge_runs(&mut t, first, 0, &keys1, |i| Cell::text(keys1[i].clone()));
    merge_runs(&mut t, first, 1, &keys1, group_weight);
    merge_runs(&mut t, first, 2, &keys2, |i| {
        Cell::text(keys2[i].split('\u{1f}').nth(1).unwrap_or("").to_string())
    });
    // 6. totals
    push(
        &mut t,
        RowRole::Total,
        row(
            N,
            vec![
                (0, text("分值及得分合计")),
                (7, Cell::text(show_score(s.indicator_weight))),
                (8, Cell::text(show_score(s.indicator_score))),
            ],
        ),
    );
    let r = t.rows.len() - 1;
    merge(&mut t, r, 0, 1, 7);
    push(
        &mut t,
        RowRole::Total,
        row(
            N,
            vec![
                (0, text("总分（预算执行率得分＋指标得分）")),
                (7, Cell::text(show_score(s.full))),
                (8, Cell::text(show_score(s.total))),
            ],
        ),
    );
    let r = t.rows.len() - 1;
    merge(&mut t, r, 0, 1, 7);
    t.note = Some(
        "注：1. 自评采取打分评价的形式，满分为100分，原则上一级指标分值统一设置为：投入管理指标30分、产出指标25分、效益指标35分、预算执行率10分，各项指标得分加总得出总分。\n\
         2. 偏差原因分析及改进措施：说明偏离目标、不能完成目标的原因及改进措施。\n\
         3. 定性指标根据指标完成情况分为达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，分别按照该指标对应分值区间100%-80%（含）、80%-60%（含）、60%-0%合理确定分值。定量指标完成指标值的，记该指标所赋全部分值；未完成的，按照完成值与指标值的比例计分。"
            .to_string(),
    );
    t
}
