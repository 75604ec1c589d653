//! The audit of the 绩效自评 (A1, A2) and the plausibility warnings
//! (`spec/final/checks.md` §4 P1–P6, P7–P8 of this file, and §5 W1–W6). Each finding names the
//! place in the officer's words (`整体自评 第3个指标（…）`, `项目自评“…” 资金管理情况`).
//!
//! - **警告 P1** 全年执行数 above 全年预算数 (A1; 结转 money may be spent). The
//!   错误 halves of P1 hold by construction (全年执行数 = 公开01 本年支出合计,
//!   执行率 derived) or are in [`super::checks`] (执行率得分 above its 分值).
//!   The 年初预算数 against the linked 预算 package's 收入总计 is
//!   [`initial_against_budget`], and a changed budget file [`budget_changed`]
//!   (W5): both need the budget, which the caller reads.
//! - **错误 P2** A1 and each scored A2: Σ 分值 = 100 (执行率 included), each
//!   得分 ≤ its 分值 (总分 = Σ 得分 holds by construction); the entered 项目自评
//!   grade counts hold at least the grades of the scored A2 tables (优 ≥ 90,
//!   良 ≥ 80, 中 ≥ 60, 差 below; [`super::scores::Grade`]).
//! - **警告 P3** 定量 indicators (a number in both 年度指标值 and 实际完成值):
//!   得分 = 分值 × min(1, 完成值 / 指标值) (for a `≤` target: 指标值 / 完成值),
//!   to one decimal (half-up or cut off) or two; 定性 ones within
//!   the band of their grade (A1: 达到预期 100–80 %, 部分达到 80–60 %, 未达到
//!   below; A2 also 好 / 较好 / 一般 / 较差: 100–90, 90–80, 80–60, below); an
//!   entered 执行率得分 other than the derived one.
//! - **错误 P4** A1 indicators computable from the tables — 预算执行率,
//!   预算调整率 = (全年 − 年初) / 年初, 结转结余率 = 年末结转和结余 / 全年预算数,
//!   “三公经费”控制率 = 公开09 决算数 / 公开09 预算数 (the 全年预算数),
//!   政府采购执行率 = 政府采购支出 / 政府采购预算: the 实际完成值 must be the
//!   computed rate (to the decimals printed) and the 得分 what it earns.
//! - **警告 P5** A2: a `万元` amount in the 年度总体目标 texts that is none of
//!   年初预算数, 全年预算数 (A), 全年执行数 (B). (执行率 = B / A holds by
//!   construction; checking indicator values against the text is left to the
//!   reader.)
//! - **错误 P6** a project evaluation of a project the package does not have.
//!   Σ B over the evaluations ≤ 公开03 项目支出, = when every project is
//!   evaluated, and each B within its lines, hold by construction (B = Σ the
//!   project's lines).
//! - **警告 P7** no 整体自评 content (年度履职目标, 年度主要任务, indicator
//!   rows): A1 is left out of the 附件 and the 目录
//!   ([`super::scores::has_dept_eval`]).
//! - **警告 P8** a project marked 附件公开 whose form lacks its 年度总体目标,
//!   资金管理 分值 or 绩效指标 (it is printed; unscored, without 总分 and grade).
//! - **警告 W1** 公开06 items against their natural 功能 items of 公开05
//!   (30113 vs 2210201, 30108 + 30109 vs 2080505, 30110 + 30111 vs 21011,
//!   30302 vs 20805): a difference above 5 % of the larger.
//! - **警告 W2** (an item of 一般公共预算 below 50 % or above 200 % of its
//!   年初预算数, or spent without one, with no 差异原因) is given as the
//!   narrative's N7, which warns of every 项 whose 决算 differs from its 年初
//!   without a 差异原因 — once per 项, not twice.
//! - **警告 W3** a 三公 item spent above its 全年预算数; the 三公 total above
//!   last year's.
//! - **警告 W4** 30111 公务员医疗补助缴费 or 2101101 行政单位医疗 in a package
//!   without a 行政 or 参公 unit.
//! - **警告 W5** ([`budget_changed`]) the 预算 file the 年初 figures came from
//!   has changed since.
//! - **警告 W6** a project spent above its 全年预算数.

use rust_decimal::Decimal;
use yusuan_model::final_package::{FinalPackage, ScoredRow};
use yusuan_model::{UnitKind, Yuan};
use yusuan_report::table::to_wan;

use super::FinalTotals;
use super::a2::FUND_MGMT;
use super::checks::{FinalFinding, Level, Out, procured, wan};
use super::scores::{self, Grade, derived_grades, is_scored, show_rate, show_score};

fn pct(d: Decimal) -> String {
    show_rate(Some(d.round_dp(2)))
}

/// Every finding of the 自评 audit and the plausibility warnings.
pub fn findings(p: &FinalPackage, totals: &FinalTotals) -> Vec<FinalFinding> {
    let mut out = Out(Vec::new());
    dept(p, totals, &mut out);
    left_out(p, &mut out);
    projects(p, &mut out);
    plausibility(p, totals, &mut out);
    out.0
}

/// Whether the package has an A1 evaluation (some 分值 or indicator entered).
/// The 执行率 分值 alone (the form's fixed 10, filled in by the import) is not
/// an evaluation: with no indicator entered there is nothing to add up.
fn dept_scored(p: &FinalPackage) -> bool {
    !p.dept_eval.results.is_empty()
}

/// How the audit names a project's 自评 (`项目自评“…”`): by the project's
/// name, else its code.
pub fn project_place(p: &FinalPackage, code: &str) -> String {
    let name = p.projects.iter().find(|x| x.code == code).map_or(code.trim(), |x| {
        if x.name.trim().is_empty() {
            x.code.trim()
        } else {
            x.name.trim()
        }
    });
    format!("项目自评“{name}”")
}

const FULL: Decimal = Decimal::ONE_HUNDRED;

fn dept(p: &FinalPackage, totals: &FinalTotals, out: &mut Out) {
    if !dept_scored(p) {
        return;
    }
    let e = &p.dept_eval;
    let s = scores::dept(p, totals);
    // P1 (警告)
    if s.executed > s.adjusted.total() && !s.adjusted.total().is_zero() {
        out.warn(
            "P1",
            "整体自评 预算执行情况",
            format!(
                "全年执行数{}万元大于全年预算数{}万元（执行率{}）：如使用了以前年度结转资金，请在偏差原因中说明",
                wan(s.executed),
                wan(s.adjusted.total()),
                show_rate(s.rate)
            ),
        );
    }
    // P2
    if s.full != FULL {
        out.error(
            "P2",
            "整体自评",
            format!(
                "分值合计为{}（预算执行率{}＋各指标{}），满分应为100",
                show_score(s.full),
                show_score(s.exec_weight),
                show_score(s.indicator_weight)
            ),
        );
    }
    let names: Vec<&str> = e.targets.indicators.iter().map(|i| i.level3.trim()).collect();
    let place = |i: usize| format!("整体自评 第{}个指标（{}）", i + 1, names.get(i).copied().unwrap_or(""));
    for (i, r) in e.results.iter().enumerate() {
        over(r, &place(i), out);
    }
    // P3 (执行率得分)
    if let Some(score) = e.exec_score
        && score != s.exec_score_derived
    {
        out.warn(
            "P3",
            "整体自评 预算执行情况",
            format!(
                "执行率得分{}与按执行率{}计算的{}分（分值{}×执行率）不一致",
                show_score(score),
                show_rate(s.rate),
                show_score(s.exec_score_derived),
                show_score(s.exec_weight)
            ),
        );
    }
    // P4, then P3 for the others.
    for (i, r) in e.results.iter().enumerate() {
        let ind = e.targets.indicators.get(i);
        let (name, value) = ind.map_or(("", ""), |x| (x.level3.as_str(), x.value.as_str()));
        match computable(p, totals, &s, name) {
            Some(c) => table_indicator(&c, value, r, &place(i), out),
            None => scored_rule(value, r, &place(i), false, out),
        }
    }
}

/// P2: a 得分 above its 分值, or below zero.
fn over(r: &ScoredRow, place: &str, out: &mut Out) {
    if r.score > r.weight {
        out.error(
            "P2",
            place,
            format!("得分{}大于其分值{}", show_score(r.score), show_score(r.weight)),
        );
    } else if r.score.is_sign_negative() && !r.score.is_zero() {
        out.error("P2", place, format!("得分{}小于零", show_score(r.score)));
    }
}

/// How a 定量 target compares.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cmp {
    AtLeast,
    AtMost,
}

/// A quantity as written: an optional comparison, a number, a unit.
fn quantity(s: &str) -> Option<(Cmp, Decimal, String)> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (cmp, rest) = [
        ("≥", Cmp::AtLeast),
        (">=", Cmp::AtLeast),
        ("＞", Cmp::AtLeast),
        (">", Cmp::AtLeast),
        ("=", Cmp::AtLeast),
        ("≤", Cmp::AtMost),
        ("<=", Cmp::AtMost),
        ("＜", Cmp::AtMost),
        ("<", Cmp::AtMost),
    ]
    .iter()
    .find_map(|(p, c)| s.strip_prefix(p).map(|r| (*c, r)))
    .unwrap_or((Cmp::AtLeast, s.as_str()));
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let number: Decimal = rest[..end].parse().ok()?;
    let unit = rest[end..].replace('％', "%");
    if unit.chars().count() > 3 {
        return None;
    }
    Some((cmp, number, unit))
}

/// The exact score a quantity earns: full when the target is met, else in
/// proportion.
fn earned(weight: Decimal, cmp: Cmp, target: Decimal, actual: Decimal) -> Decimal {
    let share = match cmp {
        Cmp::AtLeast if target.is_zero() || actual >= target => Decimal::ONE,
        Cmp::AtLeast => actual / target,
        Cmp::AtMost if actual <= target => Decimal::ONE,
        Cmp::AtMost => target / actual,
    };
    weight * share.max(Decimal::ZERO)
}

/// Whether `score` writes the exact score to one decimal, rounded half-up or
/// cut off (002 prints 0.9 for 95% of 1), or to two decimals.
fn close(score: Decimal, exact: Decimal) -> bool {
    use rust_decimal::RoundingStrategy::{MidpointAwayFromZero, ToZero};
    [
        exact.round_dp_with_strategy(1, MidpointAwayFromZero),
        exact.round_dp_with_strategy(1, ToZero),
        exact.round_dp_with_strategy(2, MidpointAwayFromZero),
    ]
    .contains(&score)
}

/// The share of the 分值 each 定性 grade allows, lower bound included.
fn band(actual: &str, four: bool) -> Option<(Decimal, Decimal, &'static str)> {
    let a = actual.trim();
    let pct = |x: i64| Decimal::new(x, 2);
    if a.contains("未达") {
        return Some((pct(0), pct(60), "60%以下"));
    }
    if a.contains("部分达") {
        return Some((pct(60), pct(80), "80%-60%（含）"));
    }
    if a.contains("达到预期") || a.contains("达成预期") {
        return Some((pct(80), pct(100), "100%-80%（含）"));
    }
    if four {
        return match a {
            "好" => Some((pct(90), pct(100), "100%-90%（含）")),
            "较好" => Some((pct(80), pct(90), "90%-80%（含）")),
            "一般" => Some((pct(60), pct(80), "80%-60%（含）")),
            "较差" => Some((pct(0), pct(60), "60%以下")),
            _ => None,
        };
    }
    None
}

/// P3 for one scored indicator row.
fn scored_rule(value: &str, r: &ScoredRow, place: &str, four: bool, out: &mut Out) {
    if r.weight.is_zero() {
        return;
    }
    if let (Some((cmp, target, tu)), Some((_, actual, au))) = (quantity(value), quantity(&r.actual)) {
        if tu != au && !au.is_empty() {
            return;
        }
        let exact = earned(r.weight, cmp, target, actual);
        if !close(r.score, exact) {
            out.warn(
                "P3",
                place,
                format!(
                    "指标值{}、实际完成值{}，按完成比例应得{}分，填写的得分为{}",
                    value.trim(),
                    r.actual.trim(),
                    show_score(exact.round_dp(2)),
                    show_score(r.score)
                ),
            );
        }
        return;
    }
    if let Some((low, high, label)) = band(&r.actual, four) {
        let share = r.score / r.weight;
        let top = high == Decimal::ONE;
        if share < low || share > high || (!top && share == high) {
            out.warn(
                "P3",
                place,
                format!(
                    "定性指标实际完成情况为“{}”，得分应在分值{}的{}之间，填写的得分为{}",
                    r.actual.trim(),
                    show_score(r.weight),
                    label,
                    show_score(r.score)
                ),
            );
        }
    }
}

/// An A1 indicator whose 实际完成值 the tables give.
struct Computed {
    /// In percent.
    rate: Decimal,
    /// How it was computed, for the message.
    how: String,
}

fn computable(p: &FinalPackage, totals: &FinalTotals, s: &scores::DeptScores, name: &str) -> Option<Computed> {
    let ratio = |a: Yuan, b: Yuan| (!b.is_zero()).then(|| a * FULL / b);
    if name.contains("预算执行率") {
        let rate = ratio(s.executed, s.adjusted.total())?;
        let how = format!(
            "全年执行数{}万元÷全年预算数{}万元",
            wan(s.executed),
            wan(s.adjusted.total())
        );
        return Some(Computed { rate, how });
    }
    if name.contains("预算调整率") {
        let (a, b) = (s.adjusted.total(), s.initial.total());
        let rate = ratio(a - b, b)?;
        let how = format!("（全年预算数{}万元－年初预算数{}万元）÷年初预算数", wan(a), wan(b));
        return Some(Computed { rate, how });
    }
    if name.contains("结转结余率") {
        let closing: Yuan = totals.closing_by_nature.iter().copied().sum();
        let rate = ratio(closing, s.adjusted.total())?;
        let how = format!(
            "年末结转和结余{}万元÷全年预算数{}万元",
            wan(closing),
            wan(s.adjusted.total())
        );
        return Some(Computed { rate, how });
    }
    if name.contains("三公") && name.contains("控制率") {
        let (a, b) = (totals.three_public_actual.total(), totals.three_public_budget.total());
        let rate = ratio(a, b)?;
        let how = format!("公开09表决算数{}万元÷全年预算数{}万元", wan(a), wan(b));
        return Some(Computed { rate, how });
    }
    if name.contains("政府采购执行率") {
        let budget = p.plan.procurement_budget?;
        let procured = procured(p);
        let rate = ratio(procured, budget)?;
        let how = format!("政府采购支出{}万元÷政府采购预算{}万元", wan(procured), wan(budget));
        return Some(Computed { rate, how });
    }
    None
}

/// P4 for an indicator the tables give.
fn table_indicator(c: &Computed, value: &str, r: &ScoredRow, place: &str, out: &mut Out) {
    if let Some((_, actual, unit)) = quantity(&r.actual)
        && unit == "%"
    {
        // The printed figure rounds the computed one to its own decimals.
        let decimals = r
            .actual
            .trim()
            .trim_end_matches(['%', '％'])
            .split('.')
            .nth(1)
            .map_or(0, str::len);
        let half = Decimal::new(5, decimals as u32 + 1);
        if (actual - c.rate).abs() > half {
            out.error(
                "P4",
                place,
                format!(
                    "实际完成值{}与表中数据不符：{}＝{}",
                    r.actual.trim(),
                    c.how,
                    pct(c.rate)
                ),
            );
        }
    }
    if r.weight.is_zero() {
        return;
    }
    if let Some((cmp, target, unit)) = quantity(value)
        && unit == "%"
    {
        let exact = earned(r.weight, cmp, target, c.rate);
        if !close(r.score, exact) {
            out.error(
                "P4",
                place,
                format!(
                    "按表中数据（{}＝{}）对照指标值{}应得{}分，填写的得分为{}",
                    c.how,
                    pct(c.rate),
                    value.trim(),
                    show_score(exact.round_dp(2)),
                    show_score(r.score)
                ),
            );
        }
    }
}

/// P7: no 整体自评 content, so no A1 is printed; P8: a project marked
/// 附件公开 whose form lacks its scores or its 目标 (printed all the same,
/// without 总分 and grade when unscored).
fn left_out(p: &FinalPackage, out: &mut Out) {
    if !scores::has_dept_eval(p) {
        out.warn(
            "P7",
            "整体自评",
            "没有填写年度履职目标、年度主要任务和绩效指标，部门整体支出绩效自评表不印入附件和目录：\
             如要公开，请在“绩效自评”页（或导入模板的“整体自评”“整体自评任务”“整体自评指标”表）填写",
        );
    }
    for e in p.project_evals.iter().filter(|e| scores::is_attached(p, e)) {
        let mut missing = Vec::new();
        if e.goal_planned.trim().is_empty() && e.goal_actual.trim().is_empty() {
            missing.push("年度总体目标");
        }
        if e.fund_mgmt.iter().all(|f| f.weight.is_zero()) {
            missing.push("资金管理情况的分值和得分");
        }
        if e.indicators.is_empty() {
            missing.push("绩效指标");
        } else if e.indicators.iter().all(|(_, r)| r.weight.is_zero()) {
            missing.push("绩效指标的分值和得分");
        }
        if missing.is_empty() {
            continue;
        }
        let unscored = if is_scored(e) {
            ""
        } else {
            "，表中不印总分和自评等级"
        };
        out.warn(
            "P8",
            project_place(p, &e.project),
            format!(
                "已标为附件公开，但没有填写{}：项目支出绩效自评表照样印入附件{unscored}；\
                 请在“绩效自评”页（或导入模板的“项目自评”“项目资金管理”“项目自评指标”表）填写",
                missing.join("、")
            ),
        );
    }
}

fn projects(p: &FinalPackage, out: &mut Out) {
    for e in &p.project_evals {
        let place = project_place(p, &e.project);
        if !p.projects.iter().any(|x| x.code == e.project) {
            out.error(
                "P6",
                &place,
                format!("项目编码“{}”不在项目表中：这项自评没有对应的项目支出", e.project.trim()),
            );
        }
        let s = scores::project(p, e);
        // W6
        if s.executed.total() > e.adjusted.total() {
            out.warn(
                "W6",
                &place,
                format!(
                    "全年执行数{}万元大于全年预算数{}万元：如使用了以前年度结转资金，请在偏差原因中说明",
                    wan(s.executed.total()),
                    wan(e.adjusted.total())
                ),
            );
        }
        if !is_scored(e) {
            continue;
        }
        // P2
        if s.full != FULL {
            out.error(
                "P2",
                &place,
                format!(
                    "分值合计为{}（预算执行率{}＋资金管理情况{}＋绩效指标{}），满分应为100",
                    show_score(s.full),
                    show_score(e.exec_weight),
                    show_score(s.fund_weight),
                    show_score(s.indicator_weight)
                ),
            );
        }
        if s.exec_score > e.exec_weight {
            out.error(
                "P2",
                format!("{place} 项目资金"),
                format!(
                    "执行率得分{}大于其分值{}",
                    show_score(s.exec_score),
                    show_score(e.exec_weight)
                ),
            );
        }
        for (label, m) in FUND_MGMT.iter().zip(&e.fund_mgmt) {
            let row = ScoredRow {
                weight: m.weight,
                score: m.score,
                ..ScoredRow::default()
            };
            over(&row, &format!("{place} 资金管理情况“{label}”"), out);
        }
        for (i, (ind, r)) in e.indicators.iter().enumerate() {
            let at = format!("{place} 第{}个指标（{}）", i + 1, ind.level3.trim());
            over(r, &at, out);
            scored_rule(&ind.value, r, &at, true, out);
        }
        // P3 (执行率得分)
        if let Some(score) = e.exec_score
            && score != s.exec_score_derived
        {
            out.warn(
                "P3",
                format!("{place} 项目资金"),
                format!(
                    "执行率得分{}与按执行率{}计算的{}分不一致",
                    show_score(score),
                    show_rate(s.rate),
                    show_score(s.exec_score_derived)
                ),
            );
        }
        // P5
        let allowed = [e.initial.total(), e.adjusted.total(), s.executed.total()].map(|y| to_wan(y, 2));
        for (label, text) in [("预期目标", &e.goal_planned), ("全年实际完成情况", &e.goal_actual)] {
            for amount in wan_amounts(text) {
                if !allowed.contains(&amount) {
                    out.warn(
                        "P5",
                        format!("{place} 年度总体目标（{label}）"),
                        format!(
                            "文字中的{}万元既不是年初预算数{}万元、全年预算数{}万元，也不是全年执行数{}万元",
                            amount.normalize(),
                            wan(e.initial.total()),
                            wan(e.adjusted.total()),
                            wan(s.executed.total())
                        ),
                    );
                }
            }
        }
    }
    // P2: the entered grade counts hold the grades of the scored A2 tables.
    if let Some(entered) = p.dept_eval.project_grades {
        let derived = derived_grades(p);
        let pairs = [
            (Grade::Excellent, entered.excellent, derived.excellent),
            (Grade::Good, entered.good, derived.good),
            (Grade::Fair, entered.fair, derived.fair),
            (Grade::Poor, entered.poor, derived.poor),
        ];
        for (g, n, d) in pairs {
            if d > n {
                out.error(
                    "P2",
                    "整体自评 项目自评等级",
                    format!(
                        "项目自评表中总分评为“{}”的项目有{d}个，而填写的“{}”只有{n}个",
                        g.label(),
                        g.label()
                    ),
                );
            }
        }
    }
}

/// The numbers written before `万元` in a text (`共计：4.81 万元` → 4.81).
fn wan_amounts(text: &str) -> Vec<Decimal> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("万元") {
        let before = rest[..i].trim_end();
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
            .last()
            .map(|(i, _)| i);
        if let Some(s) = start
            && let Ok(d) = before[s..].replace(',', "").parse::<Decimal>()
        {
            found.push(d);
        }
        rest = &rest[i + "万元".len()..];
    }
    found
}

fn plausibility(p: &FinalPackage, totals: &FinalTotals, out: &mut Out) {
    // W1: 06 items vs their natural 功能 items (05: 一般公共预算, every kind).
    let general = |prefix: &str| -> Yuan {
        totals
            .spend_by_func
            .iter()
            .filter(|(f, _)| f.starts_with(prefix))
            .map(|(_, n)| n[0].iter().copied().sum::<Yuan>())
            .sum()
    };
    let econ = |codes: &[&str]| -> Yuan {
        codes
            .iter()
            .map(|c| totals.general_basic_by_econ.get(*c).copied().unwrap_or_default())
            .sum()
    };
    let pairs: [(&[&str], &str, &str); 4] = [
        (&["30113"], "住房公积金", "2210201"),
        (
            &["30108", "30109"],
            "机关事业单位基本养老保险缴费、职业年金缴费",
            "2080505",
        ),
        (&["30110", "30111"], "职工基本医疗保险缴费、公务员医疗补助缴费", "21011"),
        (&["30302"], "退休费", "20805"),
    ];
    for (codes, name, func) in pairs {
        let (a, b) = (econ(codes), general(func));
        let big = a.max(b);
        if !big.is_zero() && (a - b).abs() * Decimal::from(20) > big {
            out.warn(
                "W1",
                "公开06表",
                format!(
                    "{name}（{}）{}万元与公开05表{func}的{}万元相差{}万元（{}），请核对功能科目与经济科目",
                    codes.join("+"),
                    wan(a),
                    wan(b),
                    wan((a - b).abs()),
                    pct((a - b).abs() * FULL / big)
                ),
            );
        }
    }
    // W3: 三公.
    let (a, b) = (&totals.three_public_actual, &totals.three_public_budget);
    let items3 = [
        ("因公出国（境）费", a.overseas, b.overseas),
        ("公务用车购置费", a.vehicle_purchase, b.vehicle_purchase),
        ("公务用车运行维护费", a.vehicle_operation, b.vehicle_operation),
        ("公务接待费", a.reception, b.reception),
    ];
    for (name, spent, budget) in items3 {
        if spent > budget {
            out.warn(
                "W3",
                "公开09表",
                format!("{name}决算数{}万元大于全年预算数{}万元", wan(spent), wan(budget)),
            );
        }
    }
    if let Some(last) = p.last_year.get(yusuan_model::LastYearFinalItem::ThreePublicTotal)
        && a.total() > last
    {
        out.warn(
            "W3",
            "公开09表",
            format!(
                "“三公”经费决算数{}万元高于上年决算数{}万元，请在情况说明中解释原因",
                wan(a.total()),
                wan(last)
            ),
        );
    }
    // W4: civil-service lines without a civil-service unit.
    let civil = p
        .units
        .iter()
        .any(|u| matches!(u.kind, UnitKind::Administrative | UnitKind::CivilServiceManaged));
    if !civil {
        let lines = super::totals::spending(p);
        let mut seen = (false, false);
        for l in lines {
            if l.amount.is_zero() {
                continue;
            }
            if l.econ.trim() == "30111" && !seen.0 {
                seen.0 = true;
                out.warn(
                    "W4",
                    format!("单位{}", l.unit.trim()),
                    "支出了30111公务员医疗补助缴费，但部门没有行政单位或参照公务员法管理事业单位：请核对经济科目或单位性质",
                );
            }
            if l.func.trim() == "2101101" && !seen.1 {
                seen.1 = true;
                out.warn(
                    "W4",
                    format!("单位{}", l.unit.trim()),
                    "支出了2101101行政单位医疗，但部门没有行政单位或参照公务员法管理事业单位：请核对功能科目或单位性质",
                );
            }
        }
    }
}

/// P1 (警告): the A1 年初预算数 against the linked 预算 package's 收入总计
/// (预算01, R16), which the caller computes from that package.
pub fn initial_against_budget(p: &FinalPackage, budget_total: Yuan) -> Option<FinalFinding> {
    let initial = p.plan.dept_initial.total();
    (initial != budget_total).then(|| FinalFinding {
        id: "P1",
        level: Level::Warning,
        place: "整体自评 预算执行情况".to_string(),
        message: format!(
            "年初预算数{}万元与预算文件的收入总计{}万元不一致，请核对年初预算数",
            wan(initial),
            wan(budget_total)
        ),
    })
}

/// W5: the 预算 file the 年初 figures were taken from (`budget_ref`) now has
/// the fingerprint `now` (read by the caller, the engine touches no file).
pub fn budget_changed(p: &FinalPackage, now: &str) -> Option<FinalFinding> {
    let r = p.budget_ref.as_ref()?;
    (r.fingerprint != now).then(|| FinalFinding {
        id: "W5",
        level: Level::Warning,
        place: "年初预算".to_string(),
        message: format!(
            "年初预算数取自预算文件“{}”（{}），该文件此后已修改：请核对年初预算数是否仍然一致",
            r.file_name, r.taken_at
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn quantities_parse() {
        assert_eq!(quantity("≥10个"), Some((Cmp::AtLeast, d("10"), "个".into())));
        assert_eq!(quantity("≤5%"), Some((Cmp::AtMost, d("5"), "%".into())));
        assert_eq!(quantity("100%"), Some((Cmp::AtLeast, d("100"), "%".into())));
        assert_eq!(quantity(" 153 % "), Some((Cmp::AtLeast, d("153"), "%".into())));
        assert_eq!(quantity("达到预期指标"), None);
        assert_eq!(quantity("逐步降低"), None);
    }

    #[test]
    fn amounts_in_a_text() {
        assert_eq!(
            wan_amounts("共计：4.81 万元，另有1,200.5万元"),
            vec![d("4.81"), d("1200.5")]
        );
        assert!(wan_amounts("预算批复 60万").is_empty());
    }

    #[test]
    fn earned_in_proportion() {
        assert_eq!(earned(d("2"), Cmp::AtLeast, d("100"), d("95")), d("1.9"));
        assert_eq!(earned(d("2"), Cmp::AtMost, d("5"), d("4")), d("2"));
        assert!(earned(d("2"), Cmp::AtMost, d("5"), d("153.33")) < d("0.1"));
        assert!(close(d("0.9"), d("0.95")) && close(d("1.0"), d("0.95")) && close(d("0.95"), d("0.95")));
        assert!(!close(d("1.8"), d("1.9")) && !close(d("2"), d("1.9")));
        assert!(!close(d("1"), d("0.9215")) && close(d("0.9"), d("0.9215")) && close(d("0.92"), d("0.9215")));
    }
}
