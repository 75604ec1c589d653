//! The derived figures of the 绩效自评 (A1, A2; `spec/final/tables.md` §11),
//! computed once here for the attachments, the audit and the narrative:
//!
//! - 执行率 = 全年执行数 / 全年预算数 × 100, a percentage rounded half-up to
//!   two decimals (none when 全年预算数 is zero);
//! - 执行率得分: the entered score, or derived = 分值 × min(1, 执行率 / 100),
//!   rounded half-up to two decimals (0 without a 执行率);
//! - A1: 全年执行数 = 公开01 本年支出合计 (R16); 总分 = 执行率得分 + Σ indicator 得分;
//! - A2: 全年执行数 (B) = Σ the project's lines, split by 资金来源 group;
//!   总分 = 执行率得分 + Σ 资金管理 得分 + Σ indicator 得分; 满分 = Σ the 分值;
//! - grade of an A2 总分: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (each lower
//!   bound included).

use rust_decimal::{Decimal, RoundingStrategy};
use yusuan_model::final_package::{FinalPackage, FundsSplit, GradeCounts, ProjectEval};
use yusuan_model::{FundGroup, Project, Yuan};

use super::FinalTotals;

/// 执行率 in percent (two decimals), `None` when the budget is zero.
pub fn exec_rate(executed: Yuan, budget: Yuan) -> Option<Decimal> {
    if budget.is_zero() {
        return None;
    }
    Some((executed * Decimal::ONE_HUNDRED / budget).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// The score the 执行率 earns: 分值 × min(1, 执行率 / 100), two decimals.
pub fn derived_exec_score(weight: Decimal, rate: Option<Decimal>) -> Decimal {
    let Some(rate) = rate else {
        return Decimal::ZERO;
    };
    let share = (rate / Decimal::ONE_HUNDRED).min(Decimal::ONE).max(Decimal::ZERO);
    (weight * share).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A score as printed: trailing zeros dropped (`10`, `1.8`, `93.7`).
pub fn show_score(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() { "0".to_string() } else { n.to_string() }
}

/// A percentage as printed: two decimals and `%`; `—` when there is none.
pub fn show_rate(rate: Option<Decimal>) -> String {
    match rate {
        Some(r) => format!("{}%", yusuan_report::table::format_number_with(r, 2, false)),
        None => "—".to_string(),
    }
}

/// The derived figures of A1.
#[derive(Clone, Debug, PartialEq)]
pub struct DeptScores {
    /// 年初预算数 and 全年预算数 (entered, by 资金来源).
    pub initial: FundsSplit,
    pub adjusted: FundsSplit,
    /// 全年执行数 = 公开01 本年支出合计.
    pub executed: Yuan,
    pub rate: Option<Decimal>,
    pub exec_weight: Decimal,
    /// The score derived from the 执行率.
    pub exec_score_derived: Decimal,
    /// The score printed: the entered one, else the derived one.
    pub exec_score: Decimal,
    /// Σ indicator 分值 and 得分.
    pub indicator_weight: Decimal,
    pub indicator_score: Decimal,
    /// 执行率 分值 + Σ indicator 分值 (100 when scored by the rules).
    pub full: Decimal,
    /// 执行率得分 + Σ indicator 得分.
    pub total: Decimal,
}

pub fn dept(p: &FinalPackage, totals: &FinalTotals) -> DeptScores {
    let e = &p.dept_eval;
    let initial = p.plan.dept_initial;
    let adjusted = p.plan.dept_adjusted;
    let executed = totals.expense_total;
    let rate = exec_rate(executed, adjusted.total());
    let exec_score_derived = derived_exec_score(e.exec_weight, rate);
    let exec_score = e.exec_score.unwrap_or(exec_score_derived);
    let indicator_weight: Decimal = e.results.iter().map(|r| r.weight).sum();
    let indicator_score: Decimal = e.results.iter().map(|r| r.score).sum();
    DeptScores {
        initial,
        adjusted,
        executed,
        rate,
        exec_weight: e.exec_weight,
        exec_score_derived,
        exec_score,
        indicator_weight,
        indicator_score,
        full: e.exec_weight + indicator_weight,
        total: exec_score + indicator_score,
    }
}

/// The derived figures of one A2.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectScores {
    /// 全年执行数 (B) by 资金来源 group; `executed.total()` is B.
    pub executed: FundsSplit,
    pub rate: Option<Decimal>,
    pub exec_score_derived: Decimal,
    pub exec_score: Decimal,
    /// Σ of the four 资金管理 分值 and 得分.
    pub fund_weight: Decimal,
    pub fund_score: Decimal,
    pub indicator_weight: Decimal,
    pub indicator_score: Decimal,
    pub full: Decimal,
    pub total: Decimal,
}

/// B of a project by 资金来源 group: Σ its lines.
pub fn executed(project: Option<&Project>) -> FundsSplit {
    let mut s = FundsSplit::default();
    for l in project.into_iter().flat_map(|p| p.lines.iter()) {
        match l.source.group() {
            FundGroup::Government => s.government += l.amount,
            FundGroup::FiscalSpecial => s.fiscal_special += l.amount,
            FundGroup::Unit => s.unit_funds += l.amount,
        }
    }
    s
}

pub fn project(p: &FinalPackage, e: &ProjectEval) -> ProjectScores {
    let executed = executed(p.projects.iter().find(|x| x.code == e.project));
    let rate = exec_rate(executed.total(), e.adjusted.total());
    let exec_score_derived = derived_exec_score(e.exec_weight, rate);
    let exec_score = e.exec_score.unwrap_or(exec_score_derived);
    let fund_weight: Decimal = e.fund_mgmt.iter().map(|f| f.weight).sum();
    let fund_score: Decimal = e.fund_mgmt.iter().map(|f| f.score).sum();
    let indicator_weight: Decimal = e.indicators.iter().map(|(_, s)| s.weight).sum();
    let indicator_score: Decimal = e.indicators.iter().map(|(_, s)| s.score).sum();
    ProjectScores {
        executed,
        rate,
        exec_score_derived,
        exec_score,
        fund_weight,
        fund_score,
        indicator_weight,
        indicator_score,
        full: e.exec_weight + fund_weight + indicator_weight,
        total: exec_score + fund_score + indicator_score,
    }
}

/// A project evaluation that was scored (some 资金管理 or indicator 分值
/// entered), as opposed to one that only carries the project's 年初/全年预算数
/// and the form's fixed 执行率 分值.
pub fn is_scored(e: &ProjectEval) -> bool {
    e.fund_mgmt.iter().any(|f| !f.weight.is_zero()) || e.indicators.iter().any(|(_, s)| !s.weight.is_zero())
}

/// A project the department evaluated (listed on the 项目自评 sheet, with the
/// form's 执行率 分值, or scored), as opposed to one whose evaluation entry
/// only carries its 年初/全年预算数.
pub fn is_evaluated(e: &ProjectEval) -> bool {
    !e.exec_weight.is_zero() || is_scored(e)
}

/// Whether the A2 of an evaluation is printed in 第五部分: marked 附件 by the
/// officer (seed 003 prints all six it marked) and not of a 涉密 project.
/// A marked evaluation not yet scored is printed all the same, without a
/// 总分 or grade, and the audit says what is missing (P8).
pub fn is_attached(p: &FinalPackage, e: &ProjectEval) -> bool {
    let secret = p.projects.iter().any(|x| x.code == e.project && x.secret);
    e.attach && !secret
}

/// Whether the package has 整体自评 content — 年度履职目标 (planned or
/// actual), 年度主要任务 or indicator rows — and so prints A1. Without, A1 is
/// left out of the PDF, the workbook and the 目录 (a form of 执行率 alone
/// would publish a 总分 the department never gave), and the audit says so
/// (P7).
pub fn has_dept_eval(p: &FinalPackage) -> bool {
    let e = &p.dept_eval;
    !e.targets.goal.trim().is_empty()
        || !e.goal_actual.trim().is_empty()
        || !e.targets.tasks.is_empty()
        || !e.targets.indicators.is_empty()
        || !e.results.is_empty()
}

/// 优 / 良 / 中 / 差 of a 总分.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl Grade {
    /// 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60; each lower bound included.
    pub fn of(total: Decimal) -> Grade {
        if total >= Decimal::from(90) {
            Grade::Excellent
        } else if total >= Decimal::from(80) {
            Grade::Good
        } else if total >= Decimal::from(60) {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// The grades of the scored project evaluations of the package.
pub fn derived_grades(p: &FinalPackage) -> GradeCounts {
    let mut g = GradeCounts::default();
    for e in p.project_evals.iter().filter(|e| is_scored(e)) {
        match Grade::of(project(p, e).total) {
            Grade::Excellent => g.excellent += 1,
            Grade::Good => g.good += 1,
            Grade::Fair => g.fair += 1,
            Grade::Poor => g.poor += 1,
        }
    }
    g
}

/// The 项目自评 grade counts the narrative (十三) quotes: the entered counts
/// when the officer gave them (a department evaluates more projects than it
/// attaches; the audit checks the attached ones are among them, P2), else
/// the grades of the scored project evaluations.
pub fn grades(p: &FinalPackage) -> GradeCounts {
    p.dept_eval.project_grades.unwrap_or_else(|| derived_grades(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn grade_bounds_are_included_below() {
        assert_eq!(Grade::of(d("100")), Grade::Excellent);
        assert_eq!(Grade::of(d("90")), Grade::Excellent);
        assert_eq!(Grade::of(d("89.99")), Grade::Good);
        assert_eq!(Grade::of(d("80")), Grade::Good);
        assert_eq!(Grade::of(d("79.9")), Grade::Fair);
        assert_eq!(Grade::of(d("60")), Grade::Fair);
        assert_eq!(Grade::of(d("59.99")), Grade::Poor);
        assert_eq!(Grade::of(d("0")), Grade::Poor);
    }

    #[test]
    fn rate_and_score() {
        // 003's A1: 3878.84 / 3744.84 = 103.58 %, full marks.
        let r = exec_rate(d("38788400"), d("37448400"));
        assert_eq!(r, Some(d("103.58")));
        assert_eq!(derived_exec_score(d("10"), r), d("10"));
        // 96.23 % of 10 points.
        assert_eq!(derived_exec_score(d("10"), Some(d("96.23"))), d("9.62"));
        assert_eq!(exec_rate(d("1"), d("0")), None);
        assert_eq!(derived_exec_score(d("10"), None), d("0"));
        assert_eq!(show_rate(Some(d("100"))), "100.00%");
        assert_eq!(show_score(d("93.70")), "93.7");
        assert_eq!(show_score(d("10.00")), "10");
    }
}
