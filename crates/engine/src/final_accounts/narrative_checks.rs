//! The checks of the 决算 narrative (`spec/final/checks.md` §3) that do not
//! hold by construction.
//!
//! The generated text quotes the tables' own figures, so N2, N3, N6, N8 and
//! N12's shares hold by construction, as do the figures and shares of N1, N4,
//! N5, N7, N9–N11, N13 and N14. What remains is what the officer entered or
//! rewrote:
//!
//! - **警告 N0** 部门职责 or 机构设置 not given (第一部分 prints its heading only).
//! - **警告 N1 / N4 / N5 / N11** 上年决算数 missing (the comparison is left
//!   out), or a change without its reason (the reason sentence is left out).
//! - **警告 N7** a 项 of 五（三） whose 决算数 differs from its 年初预算数 without
//!   a 差异原因; a 差异原因 for a 项 that is not listed; 年初预算 given without
//!   a 功能 code (the header's 年初 then differs from the items' sum).
//!   **错误 N7** a 年初预算 line whose 功能 code is not a 项 of the catalog.
//! - **警告 N9** 七/八: 决算数 differs from 年初预算数 and no 说明 is given.
//!   **错误 N9** a rewritten 七/八 saying 没有… while there is such money.
//! - **警告 N10** 三公 (total or an item): 决算数 differs from 预算数 without a
//!   reason; a rewritten 九 that calls the 预算数 年初预算 (公开09's 预算数 is
//!   the 全年预算数). **错误 N10** 外宾接待支出 more than 公务接待费.
//! - **错误 N11** a rewritten 十 saying the department is no 行政机关 while a
//!   unit is 行政 or 参公.
//! - **错误 N14** more projects evaluated than 项目自评数 (the grades against
//!   the A2 总分 are P2's). **警告 N14** no 整体自评 rows (the score is left
//!   out), or no 自评结论 / 重点评价结果 text.
//! - **错误 N15** a 万元/% figure of a rewritten paragraph that is no figure
//!   of the generated narrative nor of the tables, or that differs from the
//!   figure the generated text gives the same label (as 预算 rule 7).
//!   **警告 N15** a rewrite for a paragraph id that does not exist; a
//!   percentage without two decimals.
//! - **警告 N16** 名词解释 per 功能 项 asked for (文字设置) and a 项 of 公开05
//!   has no description in the catalog: its entry is left out.

use std::collections::HashSet;

use rust_decimal::Decimal;
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::final_package::{FinalPackage, FinalTextKey, LastYearFinalItem, Nature};
use yusuan_report::table::{Cell, to_wan};
use yusuan_report::text::Narrative;

use super::FinalComputed;
use super::checks::{self, FinalFinding, Level};
use super::narrative::{Fig, NarrativeFacts, facts, generate};
use super::scores;
use super::totals::{SpendKind, nature_index};
use crate::rules::narrative::{labelled_figures, same_label};

/// The findings, placed by the paragraph of the generated narrative.
struct Out<'a> {
    generated: &'a Narrative,
    found: checks::Out,
}

impl Out<'_> {
    fn push(&mut self, id: &'static str, level: Level, para: &str, message: String) {
        self.found.push(id, level, place(self.generated, para), message);
    }
    fn warn(&mut self, id: &'static str, para: &str, message: String) {
        self.push(id, Level::Warning, para, message);
    }
    fn error(&mut self, id: &'static str, para: &str, message: String) {
        self.push(id, Level::Error, para, message);
    }
}

/// Where a paragraph is, in the officer's words:
/// `情况说明 五、一般公共预算财政拨款支出决算情况说明（三）具体情况（段落f5.3）`.
pub fn place(n: &Narrative, id: &str) -> String {
    let mut section = String::new();
    for part in &n.parts {
        for p in &part.paragraphs {
            if !p.heading.is_empty() && !p.heading.starts_with('（') {
                section = p.heading.clone();
            } else if p.heading.is_empty() && p.id.starts_with('p') {
                section = part.title.clone();
            }
            if p.id == id {
                let sub = if p.heading.starts_with('（') {
                    p.heading.trim_end_matches('。')
                } else {
                    ""
                };
                return format!("情况说明 {section}{sub}（段落{id}）");
            }
        }
    }
    format!("情况说明（段落{id}）")
}

/// The findings of the narrative of `p` (see the module doc).
pub fn findings(p: &FinalPackage, c: &FinalComputed) -> Vec<FinalFinding> {
    let generated = generate(p, c);
    let facts = facts(p, c);
    let mut out = Out {
        generated: &generated,
        found: checks::Out(Vec::new()),
    };
    let f = Fig::of(p);
    texts(p, c, &f, &facts, &mut out);
    with_catalog(p, |catalog| plan_codes(p, catalog, &mut out));
    if p.wording.glossary_funcs {
        with_catalog(p, |catalog| func_descriptions(c, catalog, &mut out));
    }
    evaluations(p, &facts, &mut out);
    overrides(p, c, &generated, &facts, &mut out);
    out.found.0
}

/// N16: a 项 of 公开05 whose 名词解释 entry cannot be written.
fn func_descriptions(c: &FinalComputed, catalog: &Catalog, out: &mut Out) {
    for (code, entry) in super::narrative::func_entries(c, catalog) {
        if entry.is_none() {
            let name = catalog
                .name(CodeKind::Func, &code)
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            out.warn(
                "N16",
                "p4",
                format!(
                    "功能科目{code}{name}没有说明（“反映…”），名词解释中不列这一项：请在“情况说明”页的“功能科目说明”中填写，或导入含“说明”列的当年科目表"
                ),
            );
        }
    }
}

fn with_catalog<R>(p: &FinalPackage, f: impl FnOnce(&Catalog) -> R) -> R {
    if p.catalog.is_empty() {
        f(Catalog::builtin())
    } else {
        let merged = crate::merged_catalog(&p.catalog);
        f(&merged)
    }
}

fn texts(p: &FinalPackage, c: &FinalComputed, f: &Fig, facts: &NarrativeFacts, out: &mut Out) {
    use yusuan_model::TextKey;
    for (key, id, what) in [
        (TextKey::Duties, "p1.1", "部门职责"),
        (TextKey::Organization, "p1.2", "机构设置"),
    ] {
        if p.dept_texts.get(&key).is_none_or(|s| s.trim().is_empty()) {
            out.warn(
                "N0",
                id,
                format!("未填写{what}（导入工作簿“说明”表的“{what}”），概况中只有标题"),
            );
        }
    }
    let t = &c.totals;
    let text = |k: FinalTextKey| p.text(k).trim().is_empty();
    // A comparison with last year: the figure, then the reason of a change.
    let mut compare =
        |rule: &'static str, id: &str, cur, item: LastYearFinalItem, key: FinalTextKey| match p.last_year.get(item) {
            None => out.warn(
                rule,
                id,
                format!("未填写上年决算数“{}”，说明中不与上年度比较", item.label()),
            ),
            Some(last) if f.w(cur) != f.w(last) && text(key) => out.warn(
                rule,
                id,
                format!(
                    "{}与上年度相比{}，但未填写原因（“说明”表的“{}”），说明中不写原因",
                    item.label(),
                    f.change(cur, Some(last)).unwrap_or_default(),
                    key.label()
                ),
            ),
            Some(_) => {}
        };
    compare(
        "N1",
        "f1",
        t.grand_total(),
        LastYearFinalItem::Total,
        FinalTextKey::IncomeExpenseReason,
    );
    let fiscal: rust_decimal::Decimal = [Nature::General, Nature::GovFund, Nature::StateCapital]
        .iter()
        .map(|n| t.fiscal_income(n.budget().expect("fiscal")) + t.opening_of(*n))
        .sum();
    compare(
        "N4",
        "f4",
        fiscal,
        LastYearFinalItem::FiscalTotal,
        FinalTextKey::FiscalReason,
    );
    let general: rust_decimal::Decimal = facts.general_by_func.values().copied().sum();
    compare(
        "N5",
        "f5.1",
        general,
        LastYearFinalItem::GeneralExpense,
        FinalTextKey::GeneralReason,
    );
    if facts.has_admin_unit {
        compare(
            "N11",
            "f10",
            t.agency_operating,
            LastYearFinalItem::AgencyOperating,
            FinalTextKey::AgencyOperatingReason,
        );
    }
    // N7: the reasons of 五（三）.
    let funcs = facts.general_funcs();
    for (i, &(code, plan, actual)) in funcs.iter().enumerate() {
        if f.w(plan) != f.w(actual) && p.reasons_by_func.get(code).is_none_or(|s| s.trim().is_empty()) {
            out.warn(
                "N7",
                &format!("f5.3.{code}"),
                format!(
                    "第{}项 {code}：年初预算{}，决算{}，未填写差异原因（“说明”表的“差异原因:{code}”），说明中不写原因",
                    i + 1,
                    f.wan(plan),
                    f.wan(actual)
                ),
            );
        }
    }
    for code in p.reasons_by_func.keys() {
        if !funcs.iter().any(|(c, _, _)| *c == code) {
            out.warn(
                "N7",
                "f5.3",
                format!("功能科目{code}既无一般公共预算财政拨款决算数也无年初预算数，它的差异原因不会出现在说明中"),
            );
        }
    }
    let blank: rust_decimal::Decimal = p
        .plan
        .initial
        .iter()
        .filter(|l| l.nature == Nature::General && l.func.trim().is_empty())
        .map(|l| l.amount)
        .sum();
    if !blank.is_zero() {
        out.warn(
            "N7",
            "f5.3",
            format!(
                "一般公共预算财政拨款年初预算中有{}没有功能科目：计入年初预算总数，但不在任何一项中列示，各项年初预算之和与总数不一致",
                f.wan(blank)
            ),
        );
    }
    // N9: 七, 八.
    for (id, nature, key) in [
        ("f7", Nature::GovFund, FinalTextKey::GovFundNote),
        ("f8", Nature::StateCapital, FinalTextKey::StateCapitalNote),
    ] {
        let n = nature_index(nature);
        let spent = t.spend[n][SpendKind::Basic as usize] + t.spend[n][SpendKind::Project as usize];
        let plan = facts.plan_by_nature[n];
        if f.w(spent) != f.w(plan) && text(key) {
            out.warn(
                "N9",
                id,
                format!(
                    "年初预算{}，支出决算{}，未填写说明（“说明”表的“{}”）",
                    f.wan(plan),
                    f.wan(spent),
                    key.label()
                ),
            );
        }
    }
    // N10: 三公.
    let (b, a) = (&t.three_public_budget, &t.three_public_actual);
    let (vehicles, _) = super::t09::vehicle_names(p.layout.form_year(p.department.year));
    for (id, what, budget, actual, key) in [
        (
            "f9.1",
            "“三公”经费",
            b.total(),
            a.total(),
            FinalTextKey::ThreePublicReason,
        ),
        (
            "f9.2.1",
            "因公出国（境）费",
            b.overseas,
            a.overseas,
            FinalTextKey::OverseasReason,
        ),
        (
            "f9.2.2",
            vehicles,
            b.vehicle_purchase + b.vehicle_operation,
            a.vehicle_purchase + a.vehicle_operation,
            FinalTextKey::VehicleReason,
        ),
        (
            "f9.2.3",
            "公务接待费",
            b.reception,
            a.reception,
            FinalTextKey::ReceptionReason,
        ),
    ] {
        if f.w(budget) != f.w(actual) && text(key) {
            out.warn(
                "N10",
                id,
                format!(
                    "{what}预算{}，决算{}，未填写差异原因（“说明”表的“{}”），说明中不写原因",
                    f.wan(budget),
                    f.wan(actual),
                    key.label()
                ),
            );
        }
    }
    if p.three_public.foreign_reception > a.reception {
        out.error(
            "N10",
            "f9.2.3",
            format!(
                "外宾接待支出{}大于公务接待费决算{}（外宾接待是公务接待费的一部分），请核对三公统计",
                f.wan(p.three_public.foreign_reception),
                f.wan(a.reception)
            ),
        );
    }
    // N14: the texts of 十三.
    for (id, key) in [
        ("f13.1", FinalTextKey::DeptEvalConclusion),
        ("f13.2", FinalTextKey::ProjectEvalConclusion),
        ("f13.3", FinalTextKey::KeyEvaluation),
    ] {
        if text(key) {
            // Without its sentence 十三（三） has nothing to print: it is left out.
            let left_out = if id == "f13.3" { "这一小节" } else { "这句" };
            out.warn(
                "N14",
                id,
                format!("未填写“{}”（“说明”表），说明中不写{left_out}", key.label()),
            );
        }
    }
}

fn plan_codes(p: &FinalPackage, catalog: &Catalog, out: &mut Out) {
    for (i, l) in p.plan.initial.iter().enumerate() {
        let code = l.func.trim();
        if !code.is_empty() && (code.len() != 7 || !catalog.contains(CodeKind::Func, code)) {
            out.error(
                "N7",
                "f5.3",
                format!(
                    "年初预算第{}行的功能科目编码“{code}”不是支出功能分类的项级科目（7位），无法写出科目名称",
                    i + 1
                ),
            );
        }
    }
}

fn evaluations(p: &FinalPackage, facts: &NarrativeFacts, out: &mut Out) {
    // The grades themselves are checked against the A2 总分 by P2.
    if let Some(g) = p.dept_eval.project_grades {
        let evaluated = p.project_evals.iter().filter(|e| scores::is_evaluated(e)).count();
        if evaluated > g.total() as usize {
            out.error(
                "N14",
                "f13.2",
                format!("录入了{evaluated}个项目的绩效自评，但项目自评数为{}", g.total()),
            );
        }
    }
    if facts.dept_score.is_none() {
        out.warn(
            "N14",
            "f13.1",
            "未录入部门整体支出绩效自评的指标得分（“整体自评指标”表），说明中不写整体自评结果".to_string(),
        );
    }
}

fn overrides(p: &FinalPackage, c: &FinalComputed, generated: &Narrative, facts: &NarrativeFacts, out: &mut Out) {
    if p.narrative_overrides.is_empty() {
        return;
    }
    let plain = generated.plain_text();
    let generated_figures = labelled_figures(&plain);
    let mut known: HashSet<(Decimal, bool)> = generated_figures.iter().map(|g| (g.value, g.percent)).collect();
    for t in c.tables.iter().chain(c.attachments.iter()) {
        for row in &t.rows {
            for cell in &row.cells {
                if let Cell::Amount(y) = cell {
                    known.insert((to_wan(*y, t.decimals).normalize(), false));
                }
            }
        }
    }
    let ids: HashSet<&str> = generated.paragraphs().map(|x| x.id.as_str()).collect();
    for (id, text) in &p.narrative_overrides {
        if !ids.contains(id.as_str()) {
            out.warn(
                "N15",
                id,
                format!("改写的段落编号“{id}”在生成的说明中不存在，这段改写不会出现在公开文件中"),
            );
            continue;
        }
        for fig in labelled_figures(text) {
            let unit = if fig.percent { "%" } else { "万元" };
            let written = &fig.written;
            if fig.percent && written.split_once('.').is_none_or(|(_, d)| d.len() != 2) {
                out.warn("N15", id, format!("改写的段落中的百分比“{written}%”应保留两位小数"));
            }
            let named: Vec<Decimal> = generated_figures
                .iter()
                .filter(|g| g.percent == fig.percent && same_label(&g.label, &fig.label))
                .map(|g| g.value)
                .collect();
            if let Some(&expected) = named.first()
                && named.iter().all(|x| *x == expected)
                && fig.value != expected
            {
                out.error(
                    "N15",
                    id,
                    format!(
                        "改写的段落中的“{}{written}{unit}”与{}的数字{expected}{unit}不一致，请核对后修改",
                        fig.label, fig.label
                    ),
                );
                continue;
            }
            if !known.contains(&(fig.value, fig.percent)) {
                out.error(
                    "N15",
                    id,
                    format!(
                        "改写的段落中的数字“{written}{unit}”与决算表和生成的说明中的任何数字都不一致，请核对后修改"
                    ),
                );
            }
        }
        // Wording that contradicts the figures.
        let t = &c.totals;
        let has = |n: Nature| {
            let i = nature_index(n);
            !(t.fiscal_income(n.budget().expect("fiscal")).is_zero()
                && t.opening_of(n).is_zero()
                && t.spend[i].iter().all(|a| a.is_zero()))
        };
        if id == "f7" && text.contains("没有") && has(Nature::GovFund) {
            out.error(
                "N9",
                id,
                "改写的段落说没有政府性基金收支，但公开07表有政府性基金预算财政拨款的收支或结转结余".to_string(),
            );
        }
        if id == "f8" && text.contains("没有") && has(Nature::StateCapital) {
            out.error(
                "N9",
                id,
                "改写的段落说没有国有资本经营预算财政拨款收支，但公开08表有这类收支".to_string(),
            );
        }
        if id.starts_with("f9") && text.contains("年初预算") {
            out.warn(
                "N10",
                id,
                "改写的段落把“三公”经费的预算数称为年初预算：公开09表的预算数是全年预算数（调整后），请写“预算”或“全年预算”".to_string(),
            );
        }
        if id == "f10" && text.contains("不是行政机关") && facts.has_admin_unit {
            out.error(
                "N11",
                id,
                "改写的段落说本部门不是行政机关，但单位表中有行政单位或参照公务员法管理的事业单位".to_string(),
            );
        }
    }
}
