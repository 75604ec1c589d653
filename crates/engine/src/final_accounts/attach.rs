//! The blocks the 附件 绩效自评 tables A1 ([`super::a1`]) and A2
//! ([`super::a2`]) share. Each table's rule (which rows, which figures) stays
//! in its own file; these functions only lay out rows and merges. The number
//! of columns is the table's (`t.columns.len()`).

use rust_decimal::Decimal;
use yusuan_model::Yuan;
use yusuan_model::final_package::{FundsSplit, ScoredRow};
use yusuan_report::table::{Cell, ColumnKind, Merge, RowRole, Table};

use super::scores::{show_rate, show_score};
use super::*;

/// A table of the 附件: no column header, label and title as given.
pub(super) fn attachment(ctx: &Ctx, label: String, title: &str, kinds: &[(ColumnKind, f32)]) -> Table {
    let d = &ctx.package.department;
    Table {
        label,
        title: title.to_string(),
        department: format!("填报单位：{}", d.name),
        unit_line: format!("（{}年度）　　单位：万元", d.year),
        ..blank_table(ctx, kinds)
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

/// Pushes a row of `t`'s width with `cells` placed at their columns; returns
/// its index.
pub(super) fn put(t: &mut Table, role: RowRole, cells: Vec<(usize, Cell)>) -> usize {
    let r = t.rows.len();
    let n = t.columns.len();
    push(t, role, row(n, cells));
    r
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

/// Merges column 0 of the rows from `from` to the last into one label cell.
pub(super) fn merge_label_down(t: &mut Table, from: usize) {
    let n = t.rows.len() - from;
    merge(t, from, 0, n, 1);
}

/// `label` in column 0 and `value` over all the other columns.
pub(super) fn label_row(t: &mut Table, role: RowRole, label: &str, value: &str) {
    let n = t.columns.len();
    let r = put(t, role, vec![(0, text(label)), (1, text(value))]);
    merge(t, r, 1, 1, n - 1);
}

/// The 资金 block (A1 预算执行情况, A2 项目资金): a heading, the total row and
/// one row per 资金来源.
pub(super) struct Funds<'a> {
    /// Block label, 年初预算数, 全年预算数, 全年执行数 and 执行率 headings.
    pub heads: [&'a str; 5],
    /// The label of the total row.
    pub total: &'a str,
    pub initial: FundsSplit,
    pub adjusted: FundsSplit,
    /// 全年执行数 of the total row.
    pub executed: Yuan,
    /// 全年执行数 by 资金来源 when the table splits it; `—` otherwise.
    pub executed_split: Option<FundsSplit>,
    pub weight: Decimal,
    pub rate: Option<Decimal>,
    pub score: Decimal,
}

/// Lays out [`Funds`] over columns 0–8: label | row label (two columns) |
/// 年初 | 全年 | 执行 | 分值 | 执行率 | 得分 (to the last column). The 资金来源 rows
/// carry no 分值, 执行率 or 得分 (`—`).
pub(super) fn funds_block(t: &mut Table, f: &Funds) {
    let n = t.columns.len();
    let [label, initial, adjusted, executed, rate] = f.heads;
    let b = put(
        t,
        RowRole::Heading,
        vec![
            (0, text(label)),
            (3, text(initial)),
            (4, text(adjusted)),
            (5, text(executed)),
            (6, text("分值")),
            (7, text(rate)),
            (8, text("得分")),
        ],
    );
    put(
        t,
        RowRole::Total,
        vec![
            (1, text(f.total)),
            (3, Cell::Amount(f.initial.total())),
            (4, Cell::Amount(f.adjusted.total())),
            (5, Cell::Amount(f.executed)),
            (6, Cell::text(show_score(f.weight))),
            (7, Cell::text(show_rate(f.rate))),
            (8, Cell::text(show_score(f.score))),
        ],
    );
    let split = |s: FundsSplit| [s.government, s.fiscal_special, s.unit_funds];
    let labels = ["其中：政府预算资金", "财政专户管理资金", "单位资金"];
    let (initial, adjusted) = (split(f.initial), split(f.adjusted));
    for (i, label) in labels.into_iter().enumerate() {
        let executed = f.executed_split.map_or(text("—"), |s| Cell::Amount(split(s)[i]));
        put(
            t,
            RowRole::Item,
            vec![
                (1, text(label)),
                (3, Cell::Amount(initial[i])),
                (4, Cell::Amount(adjusted[i])),
                (5, executed),
                (6, text("—")),
                (7, text("—")),
                (8, text("—")),
            ],
        );
    }
    merge(t, b, 0, 5, 1);
    for r in b..b + 5 {
        merge(t, r, 1, 1, 2);
        merge(t, r, 8, 1, n - 8);
    }
}

/// The 目标 block (A1 年度履职目标, A2 年度总体目标): a heading row and one
/// row, the planned goal from column 1 and the actual one from `actual_col`
/// to the last column. `planned` and `actual` are (heading, text).
pub(super) fn goal_block(t: &mut Table, label: &str, planned: (&str, &str), actual_col: usize, actual: (&str, &str)) {
    let n = t.columns.len();
    let g = put(
        t,
        RowRole::Heading,
        vec![(0, text(label)), (1, text(planned.0)), (actual_col, text(actual.0))],
    );
    put(
        t,
        RowRole::Item,
        vec![(1, text(planned.1)), (actual_col, text(actual.1))],
    );
    merge(t, g, 0, 2, 1);
    for r in [g, g + 1] {
        merge(t, r, 1, 1, actual_col - 1);
        merge(t, r, actual_col, 1, n - actual_col);
    }
}

/// The heading of the indicator rows: `lead`, then the columns
/// [`indicator_row`] ends with. Returns its index.
pub(super) fn indicator_heading(t: &mut Table, lead: &[&str]) -> usize {
    let r = t.rows.len();
    let tail = ["实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
    push(t, RowRole::Heading, lead.iter().chain(&tail).map(|s| text(s)).collect());
    r
}

/// An indicator row: `lead` (三级指标, 年度指标值, …) from column 3, then
/// 实际完成值, 分值, 得分 and 偏差原因分析及改进措施 (the last column).
pub(super) fn indicator_row(t: &mut Table, lead: &[&str], scored: &ScoredRow) {
    let mut cells: Vec<(usize, Cell)> = lead
        .iter()
        .map(|s| text(s))
        .enumerate()
        .map(|(i, c)| (3 + i, c))
        .collect();
    let c = 3 + lead.len();
    cells.extend([
        (c, text(&scored.actual)),
        (c + 1, Cell::text(show_score(scored.weight))),
        (c + 2, Cell::text(show_score(scored.score))),
        (c + 3, deviation(&scored.deviation, &scored.remedy)),
    ]);
    put(t, RowRole::Item, cells);
}

/// The 一级 and 二级 group of each indicator row, for merging their runs. The
/// 二级 key carries its 一级 so that one 二级 name under two 一级 groups
/// stays two groups.
#[derive(Default)]
pub(super) struct Levels {
    pub level1: Vec<String>,
    level2: Vec<String>,
}

impl Levels {
    pub fn push(&mut self, level1: String, level2: &str) {
        self.level2.push(format!("{level1}\u{1f}{level2}"));
        self.level1.push(level1);
    }

    /// Merges the runs of one 一级 in column `col` of the rows from `first`.
    pub fn merge_level1(&self, t: &mut Table, first: usize, col: usize) {
        merge_runs(t, first, col, &self.level1, |i| Cell::text(self.level1[i].clone()));
    }

    /// Merges the runs of one 二级 in column `col` of the rows from `first`.
    pub fn merge_level2(&self, t: &mut Table, first: usize, col: usize) {
        merge_runs(t, first, col, &self.level2, |i| {
            Cell::text(self.level2[i].split('\u{1f}').nth(1).unwrap_or("").to_string())
        });
    }
}

/// A total row: `label` over columns 0 to `col` − 1, 分值 `weight` at `col`
/// and 得分 `score` at `col` + 1. Returns its index.
pub(super) fn score_total(t: &mut Table, label: &str, col: usize, weight: Decimal, score: Decimal) -> usize {
    let r = put(
        t,
        RowRole::Total,
        vec![
            (0, text(label)),
            (col, Cell::text(show_score(weight))),
            (col + 1, Cell::text(show_score(score))),
        ],
    );
    merge(t, r, 0, 1, col);
    r
}
