//! 附件 A2 项目支出绩效自评表, one per attached project evaluation
//! (`spec/final/tables.md` §11; printed when scored, marked 附件 and not
//! 涉密: [`scores::is_attached`]). No column header: blocks over nine columns.
//!
//! 1. 项目名称; 主管部门及代码 (the department and the project's unit code) |
//!    实施单位 (the unit's name).
//! 2. 项目资金（万元）: 年初预算数, 全年预算数（A）, 全年执行数（B）, 分值,
//!    执行率（B/A×100%）, 得分; rows 年度资金总额 and 其中：政府预算资金 /
//!    财政专户管理资金 / 单位资金. A and 年初 as entered (`ProjectEval.initial` /
//!    `adjusted`); B = Σ the project's lines, split by the 资金来源 group of each
//!    line; 执行率 = B / A; 得分 = the entered score, else 分值 × min(1, B / A).
//! 3. 资金管理情况: 安排科学性, 拨付合规性, 使用规范性, 预算绩效管理情况 with
//!    情况说明, 分值, 得分, 存在问题和改进措施 (points, not percentages: 002's
//!    `5.0%` is not reproduced).
//! 4. 年度总体目标: 预期目标 | 全年实际完成情况.
//! 5. 绩效指标: 一级指标 (the indicator's kind), 二级, 三级, 年度指标值, 实际完成值,
//!    分值, 得分, 偏差原因分析及改进措施; runs of the same 一级/二级 merged.
//! 6. 总分: 满分 = 执行率 分值 + Σ 资金管理 分值 + Σ indicator 分值 (100 by 注2;
//!    002's `70` — the indicators alone — is not reproduced), 总分 = Σ 得分, and
//!    the grade (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).

use yusuan_model::final_package::ProjectEval;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table};

use super::a1::{attachment, deviation, merge, merge_runs, row, text};
use super::scores::{self, Grade, show_rate, show_score};
use super::*;

pub const TITLE: &str = "项目支出绩效自评表";

/// The four rows of 资金管理情况, in `ProjectEval.fund_mgmt` order.
pub const FUND_MGMT: [&str; 4] = ["安排科学性", "拨付合规性", "使用规范性", "预算绩效管理情况"];

const N: usize = 9;

/// The sheet label of the `n`-th (1-based) A2 table.
pub fn label(n: usize) -> String {
    format!("项目自评表{n}")
}

pub(super) fn build(ctx: &Ctx, e: &ProjectEval, n: usize) -> Table {
    let p = ctx.package;
    let s = scores::project(p, e);
    let project = p.projects.iter().find(|x| x.code == e.project);
    let mut t = attachment(
        ctx,
        label(n),
        TITLE,
        &[
            (ColumnKind::Text, 10.0),
            (ColumnKind::Text, 10.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 16.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 8.0),
            (ColumnKind::Text, 8.0),
            (ColumnKind::LongText, 24.0),
        ],
    );
    // 1. names
    let name = project.map_or(e.project.as_str(), |x| x.name.as_str());
    push(
        &mut t,
        RowRole::Heading,
        row(N, vec![(0, text("项目名称")), (1, text(name))]),
    );
    merge(&mut t, 0, 1, 1, N - 1);
    let unit_code = project.map_or("", |x| x.unit.as_str());
    let unit_name = p.unit(unit_code.trim()).map_or("", |u| u.name.as_str());
    let department = format!("{}　{}", p.department.name.trim(), unit_code.trim());
    push(
        &mut t,
        RowRole::Item,
        row(
            N,
            vec![
                (0, text("主管部门及代码")),
                (1, text(&department)),
                (4, text("实施单位")),
                (5, text(unit_name)),
            ],
        ),
    );
    merge(&mut t, 1, 1, 1, 3);
    merge(&mut t, 1, 5, 1, 4);
    // 2. 项目资金
    let b = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("项目资金（万元）")),
                (3, text("年初预算数")),
                (4, text("全年预算数（A）")),
                (5, text("全年执行数（B）")),
                (6, text("分值")),
                (7, text("执行率（B/A×100%）")),
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
                (1, text("年度资金总额")),
                (3, Cell::Amount(e.initial.total())),
                (4, Cell::Amount(e.adjusted.total())),
                (5, Cell::Amount(s.executed.total())),
                (6, Cell::text(show_score(e.exec_weight))),
                (7, Cell::text(show_rate(s.rate))),
                (8, Cell::text(show_score(s.exec_score))),
            ],
        ),
    );
    let sources = [
        (
            "其中：政府预算资金",
            e.initial.government,
            e.adjusted.government,
            s.executed.government,
        ),
        (
            "财政专户管理资金",
            e.initial.fiscal_special,
            e.adjusted.fiscal_special,
            s.executed.fiscal_special,
        ),
        (
            "单位资金",
            e.initial.unit_funds,
            e.adjusted.unit_funds,
            s.executed.unit_funds,
        ),
    ];
    for (label, initial, adjusted, executed) in sources {
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![
                    (1, text(label)),
                    (3, Cell::Amount(initial)),
                    (4, Cell::Amount(adjusted)),
                    (5, Cell::Amount(executed)),
                    (6, text("—")),
                    (7, text("—")),
                    (8, text("—")),
                ],
            ),
        );
    }
    merge(&mut t, b, 0, 5, 1);
    for r in b..b + 5 {
        merge(&mut t, r, 1, 1, 2);
    }
    // 3. 资金管理情况
    let f = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("资金管理情况")),
                (3, text("情况说明")),
                (6, Cell::text(format!("分值（{}）", show_score(s.fund_weight)))),
                (7, text("得分")),
                (8, text("存在问题和改进措施")),
            ],
        ),
    );
    for (label, m) in FUND_MGMT.iter().zip(&e.fund_mgmt) {
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![
                    (1, text(label)),
                    (3, text(&m.note)),
                    (6, Cell::text(show_score(m.weight))),
                    (7, Cell::text(show_score(m.score))),
                    (8, text(&m.issue)),
                ],
            ),
        );
    }
    merge(&mut t, f, 0, 5, 1);
    for r in f..f + 5 {
        merge(&mut t, r, 1, 1, 2);
        merge(&mut t, r, 3, 1, 3);
    }
    // 4. 年度总体目标
    let g = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        row(
            N,
            vec![
                (0, text("年度总体目标")),
                (1, text("预期目标")),
                (5, text("全年实际完成情况")),
            ],
        ),
    );
    push(
        &mut t,
        RowRole::Item,
        row(N, vec![(1, text(&e.goal_planned)), (5, text(&e.goal_actual))]),
    );
    merge(&mut t, g, 0, 2, 1);
    for r in [g, g + 1] {
        merge(&mut t, r, 1, 1, 4);
        merge(&mut t, r, 5, 1, 4);
    }
    // 5. 绩效指标
    let h = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
        .map(text)
        .to_vec(),
    );
    let first = t.rows.len();
    let mut keys1: Vec<String> = Vec::new();
    let mut keys2: Vec<String> = Vec::new();
    let mut l2 = String::new();
    for (i, (ind, scored)) in e.indicators.iter().enumerate() {
        let l1 = ind.kind.label().to_string();
        if i == 0 || keys1[i - 1] != l1 || !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        keys2.push(format!("{l1}\u{1f}{l2}"));
        keys1.push(l1);
        push(
            &mut t,
            RowRole::Item,
            row(
                N,
                vec![
                    (3, text(&ind.level3)),
                    (4, text(&ind.value)),
                    (5, text(&scored.actual)),
                    (6, Cell::text(show_score(scored.weight))),
                    (7, Cell::text(show_score(scored.score))),
                    (8, deviation(&scored.deviation, &scored.remedy)),
                ],
            ),
        );
    }
    merge_runs(&mut t, first, 1, &keys1, |i| Cell::text(keys1[i].clone()));
    merge_runs(&mut t, first, 2, &keys2, |i| {
        Cell::text(keys2[i].split('\u{1f}').nth(1).unwrap_or("").to_string())
    });
    let n = t.rows.len() - h;
    merge(&mut t, h, 0, n, 1);
    // 6. 总分
    push(
        &mut t,
        RowRole::Total,
        row(
            N,
            vec![
                (0, text("总分")),
                (6, Cell::text(show_score(s.full))),
                (7, Cell::text(show_score(s.total))),
                (8, Cell::text(format!("自评等级：{}", Grade::of(s.total).label()))),
            ],
        ),
    );
    let r = t.rows.len() - 1;
    merge(&mut t, r, 0, 1, 6);
    t.note = Some(
        "注：1. 资金管理情况的考核，对违反预算管理规定的行为，原则上每发现1例扣1分，扣完为止。\n\
         2. 绩效自评采取打分评价的形式，满分为100分，原则上统一按以下方式设置：预算执行率10分、资金管理情况20分、成本指标10分、产出指标30分、效益指标25分、满意度指标5分；对于不需设置成本指标的项目，其产出指标调增10分；对于不需设置满意度指标的项目，其效益指标调增5分。\n\
         3. 偏差原因分析及改进措施：说明偏离目标、不能完成目标的原因及改进措施。\n\
         4. 定性指标完成情况分为好、较好、一般、较差四档，在相应档次分别按照100%-90%（含）、90%-80%（含）、80%-60%（含）、60%-0%合理确定分值。定量指标完成指标值的，记该指标所赋全部分值；未完成的，按照完成值与指标值的比例计分。\n\
         5. 自评等级：90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。"
            .to_string(),
    );
    t
}
