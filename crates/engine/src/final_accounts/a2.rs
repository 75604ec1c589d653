//! 附件 A2 项目支出绩效自评表, one per attached project evaluation
//! (`spec/final/tables.md` §11; printed when marked 附件 and not 涉密:
//! [`scores::is_attached`]). No column header: blocks over nine columns.
//! A form not yet scored ([`scores::is_scored`]) prints no 资金管理 分值 or
//! 得分, no 总分 and no grade: blanks, not a 总分 of the 执行率 alone (the
//! audit says what is missing, P8).
//!
//! 1. 项目名称; 主管部门及代码 (the department and the project's unit code; the
//!    code alone or the name alone under 「主管部门」 as the wording says) |
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

use super::attach::{
    Funds, Levels, attachment, funds_block, goal_block, indicator_heading, indicator_row, label_row, merge,
    merge_label_down, put, score_total, text,
};
use super::scores::{self, Grade, show_score};
use super::*;

pub const TITLE: &str = "项目支出绩效自评表";

/// The four rows of 资金管理情况, in `ProjectEval.fund_mgmt` order.
pub const FUND_MGMT: [&str; 4] = ["安排科学性", "拨付合规性", "使用规范性", "预算绩效管理情况"];

/// The sheet label of the `n`-th (1-based) A2 table.
pub fn label(n: usize) -> String {
    format!("项目自评表{n}")
}

pub(super) fn build(ctx: &Ctx, e: &ProjectEval, n: usize) -> Table {
    let p = ctx.package;
    let s = scores::project(p, e);
    let scored = scores::is_scored(e);
    let shown = |d| if scored { Cell::text(show_score(d)) } else { Cell::Empty };
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
    label_row(&mut t, RowRole::Heading, "项目名称", name);
    let unit_code = project.map_or("", |x| x.unit.as_str());
    let unit_name = p.unit(unit_code.trim()).map_or("", |u| u.name.as_str());
    // 「某局　321001」, or as the department's wording says (002: the code
    // alone; 003: the name alone, under 「主管部门」).
    let dept = p.wording.project_department;
    let department = dept.value(p.department.name.trim(), unit_code.trim());
    let r = put(
        &mut t,
        RowRole::Item,
        vec![
            (0, text(dept.row_label())),
            (1, text(&department)),
            (4, text("实施单位")),
            (5, text(unit_name)),
        ],
    );
    merge(&mut t, r, 1, 1, 3);
    merge(&mut t, r, 5, 1, 4);
    // 2. 项目资金
    funds_block(
        &mut t,
        &Funds {
            heads: [
                "项目资金（万元）",
                "年初预算数",
                "全年预算数（A）",
                "全年执行数（B）",
                "执行率（B/A×100%）",
            ],
            total: "年度资金总额",
            initial: e.initial,
            adjusted: e.adjusted,
            executed: s.executed.total(),
            executed_split: Some(s.executed),
            weight: e.exec_weight,
            rate: s.rate,
            score: s.exec_score,
        },
    );
    // 3. 资金管理情况
    let f = put(
        &mut t,
        RowRole::Heading,
        vec![
            (0, text("资金管理情况")),
            (3, text("情况说明")),
            (
                6,
                Cell::text(match scored {
                    true => format!("分值（{}）", show_score(s.fund_weight)),
                    false => "分值".to_string(),
                }),
            ),
            (7, text("得分")),
            (8, text("存在问题和改进措施")),
        ],
    );
    for (label, m) in FUND_MGMT.iter().zip(&e.fund_mgmt) {
        put(
            &mut t,
            RowRole::Item,
            vec![
                (1, text(label)),
                (3, text(&m.note)),
                (6, shown(m.weight)),
                (7, shown(m.score)),
                (8, text(&m.issue)),
            ],
        );
    }
    merge(&mut t, f, 0, 5, 1);
    for r in f..f + 5 {
        merge(&mut t, r, 1, 1, 2);
        merge(&mut t, r, 3, 1, 3);
    }
    // 4. 年度总体目标
    goal_block(
        &mut t,
        "年度总体目标",
        ("预期目标", &e.goal_planned),
        5,
        ("全年实际完成情况", &e.goal_actual),
    );
    // 5. 绩效指标
    let h = indicator_heading(&mut t, &["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"]);
    let first = t.rows.len();
    let mut levels = Levels::default();
    let mut l2 = String::new();
    for (i, (ind, scored)) in e.indicators.iter().enumerate() {
        let l1 = ind.kind.label().to_string();
        if i == 0 || levels.level1[i - 1] != l1 || !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        levels.push(l1, &l2);
        indicator_row(&mut t, &[&ind.level3, &ind.value], scored);
    }
    levels.merge_level1(&mut t, first, 1);
    levels.merge_level2(&mut t, first, 2);
    merge_label_down(&mut t, h);
    // 6. 总分
    let r = score_total(&mut t, "总分", 6, s.full, s.total);
    if scored {
        t.rows[r].cells[8] = Cell::text(format!("自评等级：{}", Grade::of(s.total).label()));
    } else {
        t.rows[r].cells[6] = Cell::Empty;
        t.rows[r].cells[7] = Cell::Empty;
    }
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
