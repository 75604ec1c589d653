//! The 决算 narrative (`shared/spec/final/narrative.md`; summary in
//! `docs/spec/narrative-final.md`): 第一部分 概况, 第三部分 情况说明 (sections
//! 一–十三) and 第四部分 名词解释, from the computed tables and totals and the
//! texts the officer entered. 第二部分 (the tables) and 第五部分 (the 自评
//! tables) are put in place by [`super::publication`].
//!
//! Rules of the text:
//!
//! - Every amount is a figure the tables print (or an entered plan / last
//!   year / fact figure), in 万元 with the package's decimals and the tables'
//!   thousands separators; a zero is `0.00万元`.
//! - **Percentages are computed from the printed (rounded) figures**, two
//!   decimals, half-up (narrative.md §0: 002's 三公 shares 97.80% / 2.23% come
//!   only that way). No 完成率 or 占比 when the printed base is zero.
//! - Changes are against the entered 上年决算数: `增加X万元，增长p%` /
//!   `减少X万元，下降p%` on the printed figures. Without the 上年决算数 the
//!   comparison is left out.
//! - A reason or a use the department did not supply is not invented: the
//!   sentence that would quote it is left out (and [`super::narrative_checks`]
//!   warns that it is missing).
//! - 第四部分 has the 18 standard entries in 002's wording (or the
//!   department's own). With [`yusuan_model::Wording::glossary_funcs`] (the
//!   平顶山式 preset) one entry follows per 项 printed in 公开05, in code order
//!   and numbered on (002 十九–三十四): `{类}（类）{款}（款）{项}（项）：反映…`, the
//!   项's description in the catalog ([`func_entries`]). A 项 without a
//!   description gets no entry (the checks warn, N16).
//!
//! Paragraph ids (for the officer's rewrites, `narrative_overrides`):
//! `p1.1` 部门职责, `p1.2` 机构设置, `p1.3` 决算单位构成; `f1` … `f13` the
//! thirteen sections of 第三部分, with `f5.1`–`f5.3`, `f5.3.<7-digit 项>`,
//! `f9.1`, `f9.2`, `f9.2.1`–`f9.2.3`, `f13.1`–`f13.3`; `p4` 名词解释.

use std::collections::BTreeMap;
use std::rc::Rc;

use rust_decimal::Decimal;
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::final_package::{FinalPackage, FinalTextKey, GradeCounts, LastYearFinalItem, Nature, VehicleKind};
use yusuan_model::{Procurement, SelfName, TextKey, UnitKind, Yuan};
use yusuan_report::table::{format_number_with, to_wan};
use yusuan_report::text::{Narrative, Part};

use super::forms::{PANEL_1, PANEL_2, PANEL_3, PERSONNEL_CLASSES, PUBLIC_CLASSES};
use super::totals::{SpendKind, nature_index};
use super::{FinalComputed, scores};
pub use crate::narrative::percent;
use crate::narrative::{change_text, chinese_number, glossary, para, renumber, titled};

/// 第四部分 名词解释: the standard entries, as 002 prints them (L622–656).
pub const GLOSSARY: [&str; 18] = [
    "一、财政拨款收入：单位从同级政府财政部门取得的财政预算资金。",
    "二、事业收入：事业单位开展专业业务活动及其辅助活动取得的收入。",
    "三、上级补助收入：事业单位从主管部门和上级单位取得的非财政补助收入。",
    "四、附属单位上缴收入：事业单位取得附属独立核算单位根据有关规定上缴的收入。",
    "五、经营收入：事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "六、其他收入：单位取得的除“财政拨款收入”、“事业收入”、“上级补助收入”、“附属单位上缴收入”、“经营收入”以外的各项收入。",
    "七、使用非财政拨款结余和专用结余：指事业单位按照预算管理要求使用非财政拨款结余弥补收支差额的金额，以及使用专用结余安排支出的金额。",
    "八、年初结转和结余：指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。",
    "九、基本支出：为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "十、项目支出：基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "十一、经营支出：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
    "十二、工资福利支出：单位支付给在职职工和编制外长期聘用人员的各类劳动报酬，以及为上述人员缴纳的各项社会保险费等。",
    "十三、商品和服务支出：单位购买商品和服务的支出。",
    "十四、对个人和家庭的补助支出：单位用于对个人和家庭的补助支出。",
    "十五、结余分配：指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。",
    "十六、年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。",
    "十七、“三公”经费：纳入同级财政预决算管理“三公”经费，指单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    "十八、机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
];

/// The sentence of 十 when no unit is 行政 or 参公 (003 L1133).
pub const NOT_ADMINISTRATIVE: &str = "我部门不是行政机关，也不是参照公务员管理事业部门，没有机关运行经费支出。";

/// Figures as the tables print them.
pub(crate) struct Fig {
    pub decimals: u32,
    pub thousands: bool,
}

impl Fig {
    pub fn of(p: &FinalPackage) -> Fig {
        Fig {
            // As the tables (`new_table`): the same rounding, the same figures.
            decimals: p.department.decimals,
            thousands: p.layout.thousands,
        }
    }
    /// The printed figure of an amount (万元, rounded once).
    pub fn w(&self, y: Yuan) -> Decimal {
        to_wan(y, self.decimals)
    }
    /// A printed 万元 figure, zero as `0.00`: `2,175.87`.
    pub fn num_w(&self, w: Decimal) -> String {
        format_number_with(w, self.decimals, self.thousands)
    }
    /// `2,175.87万元`
    pub fn wan(&self, y: Yuan) -> String {
        format!("{}万元", self.num_w(self.w(y)))
    }
    /// `a / b` of the printed figures, `44.52%`; `None` when `b` prints zero.
    pub fn pct(&self, a: Yuan, b: Yuan) -> Option<String> {
        percent(self.w(a), self.w(b))
    }
    /// `减少1,746.16万元，下降44.52%` (no percentage when last year prints zero),
    /// `持平`; `None` without last year's figure. Computed from the printed
    /// figures ([`Fig::w`]), the shape is the 预算's ([`change_text`]).
    pub fn change(&self, cur: Yuan, last: Option<Yuan>) -> Option<String> {
        let last = self.w(last?);
        let diff = self.w(cur) - last;
        Some(change_text(diff, last, |d| format!("{}万元", self.num_w(d))))
    }
}

/// An entered text as a sentence body: trimmed, without its final stop.
fn body(s: &str) -> String {
    s.trim()
        .trim_end_matches(['。', '；', ';', '，', ','])
        .trim()
        .to_string()
}

/// An entered text as whole sentences: ends with 。.
fn sentences(s: &str) -> String {
    crate::narrative::ended_with(s, &['。', '！', '？', '.', '）', ')'])
}

/// `text` without a leading `prefix` the officer may have typed too.
fn without<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    let mut t = text.trim();
    for p in prefixes {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim_start_matches(['：', ':', '，']);
        }
    }
    t
}

/// `f` of the catalog the tables were built with.
fn with_catalog<R>(p: &FinalPackage, f: impl FnOnce(&Catalog) -> R) -> R {
    if p.catalog.is_empty() {
        f(Catalog::builtin())
    } else {
        let merged: Rc<Catalog> = crate::merged_catalog(&p.catalog);
        f(&merged)
    }
}

/// The figures of the narrative that are not table cells: what the checks
/// and the publication share with the text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NarrativeFacts {
    /// 一般公共预算财政拨款 年初预算数 by 7-digit 项 (plan lines with a code).
    pub general_plan_by_func: BTreeMap<String, Yuan>,
    /// 年初预算数 per nature, all lines (with a code or not).
    pub plan_by_nature: [Yuan; 4],
    /// 一般公共预算财政拨款 决算数 (basic + project) by 项, non-zero ones (公开05 column 1).
    pub general_by_func: BTreeMap<String, Yuan>,
    /// 政府采购: 货物, 工程, 服务 (lines flagged 政府采购).
    pub procurement: [Yuan; 3],
    /// Whether any unit is 行政 or 参公 (十).
    pub has_admin_unit: bool,
    /// 项目自评: the count and grades (entered, else derived from the A2
    /// scores), the 全年执行数 of the evaluated projects.
    pub grades: GradeCounts,
    pub evaluated_spending: Yuan,
    /// 部门整体支出绩效自评 总分, when A1's rows are entered.
    pub dept_score: Option<Decimal>,
}

impl NarrativeFacts {
    /// The 项 of 五（三）具体情况, in code order: those with a 决算数 or a
    /// non-zero 年初预算数, each with (年初预算数, 决算数).
    pub fn general_funcs(&self) -> Vec<(&String, Yuan, Yuan)> {
        let mut codes: Vec<&String> = self.general_by_func.keys().collect();
        codes.extend(
            self.general_plan_by_func
                .iter()
                .filter(|(_, a)| !a.is_zero())
                .map(|(c, _)| c),
        );
        codes.sort();
        codes.dedup();
        codes
            .into_iter()
            .map(|code| {
                let plan = self.general_plan_by_func.get(code).copied().unwrap_or_default();
                let actual = self.general_by_func.get(code).copied().unwrap_or_default();
                (code, plan, actual)
            })
            .collect()
    }
}

pub fn facts(p: &FinalPackage, c: &FinalComputed) -> NarrativeFacts {
    let mut f = NarrativeFacts::default();
    for l in &p.plan.initial {
        f.plan_by_nature[nature_index(l.nature)] += l.amount;
        if l.nature == Nature::General && !l.func.trim().is_empty() {
            *f.general_plan_by_func.entry(l.func.trim().to_string()).or_default() += l.amount;
        }
    }
    let g = nature_index(Nature::General);
    for (func, by_nature) in &c.totals.spend_by_func {
        let k = &by_nature[g];
        let a = k[SpendKind::Basic as usize] + k[SpendKind::Project as usize];
        if !a.is_zero() {
            f.general_by_func.insert(func.clone(), a);
        }
    }
    let kinds = [Procurement::Goods, Procurement::Works, Procurement::Services];
    let flagged = p.basic_lines.iter().map(|l| (l.procurement, l.amount)).chain(
        p.projects
            .iter()
            .flat_map(|x| x.lines.iter().map(|l| (l.procurement, l.amount))),
    );
    for (kind, amount) in flagged {
        if let Some(i) = kind.and_then(|k| kinds.iter().position(|x| *x == k)) {
            f.procurement[i] += amount;
        }
    }
    f.has_admin_unit = p
        .units
        .iter()
        .any(|u| matches!(u.kind, UnitKind::Administrative | UnitKind::CivilServiceManaged));
    // 项目自评: the grades as A1/A2 and the audit count them.
    f.grades = scores::grades(p);
    let n = f.grades.total() as usize;
    let evaluated: Vec<&str> = if n > 0 && n == p.projects.len() {
        p.projects.iter().map(|x| x.code.as_str()).collect()
    } else {
        p.project_evals
            .iter()
            .filter(|e| scores::is_evaluated(e))
            .map(|e| e.project.as_str())
            .collect()
    };
    f.evaluated_spending = p
        .projects
        .iter()
        .filter(|x| evaluated.contains(&x.code.as_str()))
        .flat_map(|x| x.lines.iter().map(|l| l.amount))
        .sum();
    if !p.dept_eval.results.is_empty() {
        f.dept_score = Some(scores::dept(p, &c.totals).total);
    }
    f
}

/// The narrative with the officer's rewrites in place of the generated
/// paragraphs they name (each marked `overridden`).
pub fn with_overrides(p: &FinalPackage, generated: &Narrative) -> Narrative {
    let mut n = generated.clone();
    for part in &mut n.parts {
        for para in &mut part.paragraphs {
            if let Some(text) = p.narrative_overrides.get(&para.id) {
                para.text = text.clone();
                para.overridden = true;
            }
        }
    }
    n
}

/// The narrative as published: generated, with the officer's rewrites.
pub fn narrative(p: &FinalPackage, c: &FinalComputed) -> Narrative {
    with_overrides(p, &generate(p, c))
}

/// The 类/款/项 name of a code from the catalog (the code itself when unknown).
fn name<'a>(catalog: &'a Catalog, code: &'a str) -> &'a str {
    catalog.name(CodeKind::Func, code).unwrap_or(code)
}

/// The narrative as generated from the tables, totals and texts.
pub fn generate(p: &FinalPackage, c: &FinalComputed) -> Narrative {
    with_catalog(p, |catalog| generate_with(p, c, catalog))
}

fn generate_with(p: &FinalPackage, c: &FinalComputed, catalog: &Catalog) -> Narrative {
    let f = Fig::of(p);
    let t = &c.totals;
    let facts = facts(p, c);
    let dept = p.department.name.trim();
    let year = p.department.year;
    let y = format!("{year}年度");
    let w = &p.wording;
    let title = |id: &str, builtin: &str| titled(w, id, builtin, dept, year);
    // The 决算 seeds say 「我部门」: 「部门（单位）」 reads so too.
    let we = match w.self_name {
        SelfName::DepartmentUnit | SelfName::Department => "我部门".to_string(),
        SelfName::Name => dept.to_string(),
        SelfName::Unit => "我单位".to_string(),
    };
    let ours = |s: &str| {
        if we == "我部门" {
            s.to_string()
        } else {
            s.replace("我部门", &we)
        }
    };
    let text = |k: FinalTextKey| p.text(k).trim().to_string();
    let last = |i: LastYearFinalItem| p.last_year.get(i);
    // `，主要原因是：…。` or `。` when no reason is given.
    let because = |k: FinalTextKey| {
        let r = body(&text(k));
        if r.is_empty() {
            "。".to_string()
        } else {
            format!("，主要原因是：{r}。")
        }
    };

    // ---------------------------------------------------------------- 第一部分
    let dept_text = |k: TextKey| p.dept_texts.get(&k).map(|s| s.trim().to_string()).unwrap_or_default();
    let part1 = Part {
        title: w.title("part1", &format!("第一部分 {dept}概况"), dept, year),
        paragraphs: vec![
            para("p1.1", &title("p1.1", "一、部门职责"), dept_text(TextKey::Duties)),
            para("p1.2", &title("p1.2", "二、机构设置"), dept_text(TextKey::Organization)),
            para("p1.3", "", units_paragraph(p, &y)),
        ],
    };

    // ---------------------------------------------------------------- 第三部分
    let mut ps = Vec::new();
    let basic: Yuan = t.spend.iter().map(|k| k[SpendKind::Basic as usize]).sum();
    let project: Yuan = t.spend.iter().map(|k| k[SpendKind::Project as usize]).sum();

    // 一
    {
        let total = t.grand_total();
        let mut s = format!("{y}收、支总计均为{}。", f.wan(total));
        if let Some(ch) = f.change(total, last(LastYearFinalItem::Total)) {
            s.push_str(&format!(
                "与上年度相比，收、支总计各{ch}{}",
                because(FinalTextKey::IncomeExpenseReason)
            ));
        }
        ps.push(para("f1", &title("f1", "一、收入支出决算总体情况说明"), s));
    }

    // 二
    {
        use super::totals::IncomeCol as C;
        let i = |c: C| t.income[c as usize];
        let sources = [
            ("财政拨款收入", i(C::General) + i(C::GovFund) + i(C::StateCapital)),
            ("上级补助收入", i(C::SuperiorSubsidy)),
            ("事业收入", i(C::Business)),
            ("经营收入", i(C::Operating)),
            ("附属单位上缴收入", i(C::AffiliateRemit)),
            ("其他收入", i(C::Other)),
        ];
        let listed: Vec<String> = sources
            .iter()
            .filter(|(_, a)| !f.w(*a).is_zero())
            .map(|(l, a)| share(&f, l, *a, t.income_total))
            .collect();
        let mut s = format!("{y}收入合计{}", f.wan(t.income_total));
        if !listed.is_empty() {
            s.push_str(&format!("，其中：{}", listed.join("；")));
        }
        s.push('。');
        ps.push(para("f2", &title("f2", "二、收入决算情况说明"), s));
    }

    // 三
    {
        let kind = |k: SpendKind| -> Yuan { t.spend.iter().map(|n| n[k as usize]).sum() };
        let mut items = vec![
            share(&f, "基本支出", basic, t.expense_total),
            share(&f, "项目支出", project, t.expense_total),
        ];
        for (label, k) in [
            ("上缴上级支出", SpendKind::RemitToSuperior),
            ("经营支出", SpendKind::Operating),
            ("对附属单位补助支出", SpendKind::SubsidiaryGrant),
        ] {
            if !f.w(kind(k)).is_zero() {
                items.push(share(&f, label, kind(k), t.expense_total));
            }
        }
        ps.push(para(
            "f3",
            &title("f3", "三、支出决算情况说明"),
            format!("{y}支出合计{}，其中：{}。", f.wan(t.expense_total), items.join("；")),
        ));
    }

    // 四
    {
        let fiscal = [Nature::General, Nature::GovFund, Nature::StateCapital];
        let total: Yuan = fiscal
            .iter()
            .map(|n| t.fiscal_income(n.budget().expect("fiscal")) + t.opening_of(*n))
            .sum();
        let mut s = format!("{y}财政拨款收、支总计均为{}。", f.wan(total));
        if let Some(ch) = f.change(total, last(LastYearFinalItem::FiscalTotal)) {
            s.push_str(&format!(
                "与上年度相比，财政拨款收、支总计各{ch}{}",
                because(FinalTextKey::FiscalReason)
            ));
        }
        ps.push(para("f4", &title("f4", "四、财政拨款收入支出决算总体情况说明"), s));
    }

    // 五
    let general: Yuan = facts.general_by_func.values().copied().sum();
    let g = nature_index(Nature::General);
    let general_basic = t.spend[g][SpendKind::Basic as usize];
    ps.push(para(
        "f5",
        &title("f5", "五、一般公共预算财政拨款支出决算情况说明"),
        String::new(),
    ));
    {
        let mut s = format!("{y}一般公共预算财政拨款支出{}", f.wan(general));
        if let Some(p) = f.pct(general, t.expense_total) {
            s.push_str(&format!("，占支出合计的{p}"));
        }
        s.push('。');
        if let Some(ch) = f.change(general, last(LastYearFinalItem::GeneralExpense)) {
            s.push_str(&format!(
                "与上年度相比，一般公共预算财政拨款支出{ch}{}",
                because(FinalTextKey::GeneralReason)
            ));
        }
        ps.push(para("f5.1", &title("f5.1", "（一）总体情况。"), s));
    }
    {
        let classes = by_class(&facts.general_by_func);
        let mut s = format!("{y}一般公共预算财政拨款支出{}", f.wan(general));
        let listed: Vec<String> = classes
            .iter()
            .filter(|(_, a)| !f.w(**a).is_zero())
            .map(|(code, a)| share(&f, &class_label(w, name(catalog, code)), *a, general))
            .collect();
        if listed.is_empty() {
            s.push('。');
        } else {
            s.push_str(&format!("，主要用于以下方面：{}。", listed.join("；")));
        }
        ps.push(para("f5.2", &title("f5.2", "（二）结构情况。"), s));
    }
    {
        let plan_total = p
            .plan
            .initial
            .iter()
            .filter(|l| l.nature == Nature::General)
            .map(|l| l.amount)
            .sum::<Yuan>();
        let mut s = format!(
            "{y}一般公共预算财政拨款支出年初预算为{}，支出决算为{}",
            f.wan(plan_total),
            f.wan(general)
        );
        if let Some(p) = f.pct(general, plan_total) {
            s.push_str(&format!("，完成年初预算的{p}"));
        }
        let funcs = facts.general_funcs();
        s.push_str(if funcs.is_empty() { "。" } else { "。其中：" });
        ps.push(para("f5.3", &title("f5.3", "（三）具体情况。"), s));
        for (i, (code, plan, actual)) in funcs.into_iter().enumerate() {
            let names = [3, 5, 7]
                .iter()
                .zip(["（类）", "（款）", "（项）"])
                .map(|(len, level)| format!("{}{level}", name(catalog, code.get(..*len).unwrap_or(code))))
                .collect::<String>();
            let mut s = format!(
                "{}. {names}。年初预算为{}，支出决算为{}",
                i + 1,
                f.wan(plan),
                f.wan(actual)
            );
            if let Some(p) = f.pct(actual, plan) {
                s.push_str(&format!("，完成年初预算的{p}"));
            }
            s.push('。');
            if f.w(actual) == f.w(plan) {
                s.push_str("决算数与年初预算数一致。");
            } else {
                let r = body(p.reasons_by_func.get(code).map(String::as_str).unwrap_or(""));
                if !r.is_empty() {
                    s.push_str(&format!("决算数与年初预算数存在差异的主要原因是{r}。"));
                }
            }
            ps.push(para(&format!("f5.3.{code}"), "", s));
        }
    }

    // 六
    {
        let items = |classes: &[&str]| -> String {
            let mut v: Vec<(&str, &str)> = PANEL_1
                .iter()
                .chain(PANEL_2.iter())
                .chain(PANEL_3.iter())
                .filter(|(code, _)| code.len() == 5 && classes.contains(&&code[..3]))
                .filter(|(code, _)| {
                    !f.w(t.general_basic_by_econ.get(*code).copied().unwrap_or_default())
                        .is_zero()
                })
                .copied()
                .collect();
            v.sort();
            v.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join("、")
        };
        let part = |label: &str, a: Yuan, names: String| {
            if names.is_empty() {
                format!("{label}{}", f.wan(a))
            } else {
                format!("{label}{}，主要包括：{names}", f.wan(a))
            }
        };
        ps.push(para(
            "f6",
            &title("f6", "六、一般公共预算财政拨款基本支出决算情况说明"),
            format!(
                "{y}一般公共预算财政拨款基本支出{}，其中：{}；{}。",
                f.wan(general_basic),
                part("人员经费", t.general_personnel, items(&PERSONNEL_CLASSES)),
                part("公用经费", t.general_public, items(&PUBLIC_CLASSES))
            ),
        ));
    }

    // 七, 八
    for (id, heading, nature, what, none, note) in [
        (
            "f7",
            "七、政府性基金预算财政拨款支出决算情况说明",
            Nature::GovFund,
            "政府性基金预算财政拨款支出",
            "我部门没有政府性基金收入，也没有使用政府性基金安排的支出。",
            FinalTextKey::GovFundNote,
        ),
        (
            "f8",
            "八、国有资本经营预算财政拨款支出决算情况说明",
            Nature::StateCapital,
            "国有资本经营预算财政拨款支出",
            "我部门没有国有资本经营预算财政拨款收入，也没有国有资本经营预算财政拨款的支出。",
            FinalTextKey::StateCapitalNote,
        ),
    ] {
        let n = nature_index(nature);
        let spent = t.spend[n][SpendKind::Basic as usize] + t.spend[n][SpendKind::Project as usize];
        let plan = facts.plan_by_nature[n];
        let empty = t.fiscal_income(nature.budget().expect("fiscal")).is_zero()
            && t.opening_of(nature).is_zero()
            && t.spend_of(nature).is_zero();
        let mut s = format!("{y}{what}年初预算为{}，支出决算为{}", f.wan(plan), f.wan(spent));
        // Nothing spent: no 完成率 (003 七: `年初预算为8000.00万元，支出决算为0.00万元。`).
        if let Some(p) = f.pct(spent, plan).filter(|_| !f.w(spent).is_zero()) {
            s.push_str(&format!("，完成年初预算的{p}"));
        }
        let note = body(&text(note));
        let own = w.no_data(id, dept, year).filter(|_| empty && f.w(plan).is_zero());
        if let Some(own) = own {
            // The department's sentence (or none) in place of the zero figures.
            s = own;
            if !note.is_empty() {
                s.push_str(&format!("{note}。"));
            }
        } else if empty && f.w(plan).is_zero() {
            s.push_str(&format!("，{}", ours(none)));
            if !note.is_empty() {
                s.push_str(&format!("{note}。"));
            }
        } else {
            s.push('。');
            if !note.is_empty() {
                s.push_str(&format!("主要原因：{note}。"));
            }
            let mut by_func = BTreeMap::new();
            for (func, k) in &t.spend_by_func {
                let a = k[n][SpendKind::Basic as usize] + k[n][SpendKind::Project as usize];
                if !a.is_zero() {
                    by_func.insert(func.clone(), a);
                }
            }
            let listed: Vec<String> = by_class(&by_func)
                .iter()
                .filter(|(_, a)| !f.w(**a).is_zero())
                .map(|(code, a)| share(&f, &class_label(w, name(catalog, code)), *a, spent))
                .collect();
            if !listed.is_empty() {
                s.push_str(&format!(
                    "{y}{what}{}，主要用于以下方面：{}。",
                    f.wan(spent),
                    listed.join("；")
                ));
            }
        }
        if !s.is_empty() {
            ps.push(para(id, &title(id, heading), s));
        }
    }

    // 九
    ps.push(para(
        "f9",
        &title("f9", "九、财政拨款“三公”经费支出决算情况说明"),
        String::new(),
    ));
    let tb = &t.three_public_budget;
    let ta = &t.three_public_actual;
    {
        let mut s = format!(
            "{y}“三公”经费财政拨款支出预算为{}，支出决算为{}",
            f.wan(tb.total()),
            f.wan(ta.total())
        );
        if let Some(p) = f.pct(ta.total(), tb.total()) {
            s.push_str(&format!("，完成预算的{p}"));
        }
        s.push('。');
        let r = body(&text(FinalTextKey::ThreePublicReason));
        if f.w(ta.total()) != f.w(tb.total()) && !r.is_empty() {
            s.push_str(&format!("{y}“三公”经费支出决算数与预算数存在差异的主要原因是{r}。"));
        }
        ps.push(para(
            "f9.1",
            &title("f9.1", "（一）“三公”经费财政拨款支出决算总体情况说明。"),
            s,
        ));
    }
    {
        // The group's name as 公开09 prints it (2022 表样: 公务用车购置及运行费).
        let (vehicles, _) = super::t09::vehicle_names(p.layout.form_year(year));
        let vehicles_a = ta.vehicle_purchase + ta.vehicle_operation;
        let vehicles_b = tb.vehicle_purchase + tb.vehicle_operation;
        let item = |label: &str, a: Yuan, b: Yuan| {
            let mut s = format!("{label}支出决算{}", f.wan(a));
            if let Some(p) = f.pct(a, b) {
                s.push_str(&format!("，完成预算的{p}"));
            }
            if let Some(p) = f.pct(a, ta.total()) {
                s.push_str(&format!("，占{p}"));
            }
            s
        };
        ps.push(para(
            "f9.2",
            &title("f9.2", "（二）“三公”经费财政拨款支出决算具体情况说明。"),
            format!(
                "{y}“三公”经费财政拨款支出决算中，{}；{}；{}。具体情况如下：",
                item("因公出国（境）费", ta.overseas, tb.overseas),
                item(vehicles, vehicles_a, vehicles_b),
                item("公务接待费", ta.reception, tb.reception)
            ),
        ));
        let head = |n: u32, label: &str, a: Yuan, b: Yuan, reason: FinalTextKey| {
            let mut s = format!("{n}. {label}预算为{}，支出决算为{}", f.wan(b), f.wan(a));
            if let Some(p) = f.pct(a, b) {
                s.push_str(&format!("，完成预算的{p}"));
            }
            s.push('。');
            let r = body(&text(reason));
            if f.w(a) != f.w(b) && !r.is_empty() {
                s.push_str(&format!("决算数与预算数存在差异的主要原因是{r}。"));
            }
            s
        };
        let tp = &p.three_public;
        // A count sentence whose counts are all zero: printed as 002 does, or
        // left out as 003 does (`zero_counts`).
        let counted = |counts: &[u32]| w.zero_counts || counts.iter().any(|n| *n != 0);
        {
            let mut s = head(
                1,
                "因公出国（境）费",
                ta.overseas,
                tb.overseas,
                FinalTextKey::OverseasReason,
            );
            if counted(&[tp.overseas_groups, tp.overseas_persons]) {
                s.push_str(&format!(
                    "全年因公出国（境）团组{}个，累计{}人次。",
                    tp.overseas_groups, tp.overseas_persons
                ));
            }
            ps.push(para("f9.2.1", "", s));
        }
        {
            let mut s = head(2, vehicles, vehicles_a, vehicles_b, FinalTextKey::VehicleReason);
            s.push_str("其中：\n");
            s.push_str(&format!("公务用车购置支出{}", f.wan(ta.vehicle_purchase)));
            if counted(&[tp.vehicles_bought]) {
                s.push_str(&format!("，购置车辆{}台", tp.vehicles_bought));
            }
            let purchase = body(&text(FinalTextKey::PurchaseUse));
            if purchase.is_empty() {
                s.push('。');
            } else {
                s.push_str(&format!("，{purchase}。"));
            }
            s.push_str(&format!("\n公务用车运行维护支出{}。", f.wan(ta.vehicle_operation)));
            let used = body(without(&text(FinalTextKey::VehicleUse), &["主要用于"]));
            if !used.is_empty() {
                s.push_str(&format!("主要用于{used}。"));
            }
            if counted(&[tp.vehicles_held]) {
                s.push_str(&format!(
                    "{year}年期末，部门开支财政拨款的公务用车保有量为{}辆。",
                    tp.vehicles_held
                ));
            }
            ps.push(para("f9.2.2", "", s));
        }
        {
            let mut s = head(
                3,
                "公务接待费",
                ta.reception,
                tb.reception,
                FinalTextKey::ReceptionReason,
            );
            s.push_str("其中：\n");
            s.push_str(&format!("外宾接待支出{}。", f.wan(tp.foreign_reception)));
            if counted(&[tp.foreign_groups, tp.foreign_persons]) {
                s.push_str(&format!(
                    "{year}年共接待国（境）外来访团组{}个、来访外宾{}人次（不包括陪同人员）。",
                    tp.foreign_groups, tp.foreign_persons
                ));
            }
            s.push_str(&format!(
                "\n其他国内公务接待支出{}",
                f.wan(ta.reception - tp.foreign_reception)
            ));
            let used = body(without(&text(FinalTextKey::ReceptionUse), &["主要用于"]));
            if used.is_empty() {
                s.push('。');
            } else {
                s.push_str(&format!("，主要用于{used}。"));
            }
            if counted(&[tp.domestic_groups, tp.domestic_persons]) {
                s.push_str(&format!(
                    "{year}年共接待国内来访团组{}个、来宾{}人次（不包括陪同人员）。",
                    tp.domestic_groups, tp.domestic_persons
                ));
            }
            ps.push(para("f9.2.3", "", s));
        }
    }

    // 十
    {
        let s = if facts.has_admin_unit {
            let x = t.agency_operating;
            let mut s = format!("{y}机关运行经费为{}", f.wan(x));
            match f.change(x, last(LastYearFinalItem::AgencyOperating)) {
                Some(ch) => s.push_str(&format!(
                    "，与上年度相比，{ch}{}",
                    because(FinalTextKey::AgencyOperatingReason)
                )),
                None => s.push('。'),
            }
            s
        } else {
            w.no_data("f10", dept, year).unwrap_or_else(|| ours(NOT_ADMINISTRATIVE))
        };
        if !s.is_empty() {
            ps.push(para("f10", &title("f10", "十、机关运行经费支出情况说明"), s));
        }
    }

    // 十一
    {
        let [goods, works, services] = facts.procurement;
        let total = goods + works + services;
        let sme = p.procurement.sme_contracts;
        let small = p.procurement.small_micro_contracts;
        let mut s = format!(
            "{y}政府采购支出总额{}，其中：政府采购货物支出{}、政府采购工程支出{}、政府采购服务支出{}。授予中小企业合同金额{}",
            f.wan(total),
            f.wan(goods),
            f.wan(works),
            f.wan(services),
            f.wan(sme)
        );
        if let Some(p) = f.pct(sme, total) {
            s.push_str(&format!("，占政府采购支出总额的{p}"));
        }
        s.push_str(&format!("，其中：授予小微企业合同金额{}", f.wan(small)));
        if let Some(p) = f.pct(small, sme) {
            s.push_str(&format!("，占授予中小企业合同金额的{p}"));
        }
        s.push('。');
        ps.push(para("f11", &title("f11", "十一、政府采购支出情况说明"), s));
    }

    // 十二
    {
        let a = &p.assets;
        let n = |k: VehicleKind| a.vehicles.get(&k).copied().unwrap_or(0);
        let total = a.vehicles_total.unwrap_or_else(|| a.vehicles.values().sum());
        let kinds: Vec<String> = VehicleKind::ALL
            .iter()
            .filter(|k| **k != VehicleKind::ProvincialLeader || n(**k) > 0)
            .map(|k| format!("{}{}辆", k.label(), n(*k)))
            .collect();
        let mut s = format!("{year}年期末，{we}共有车辆{total}辆，其中：{}", kinds.join("、"));
        let used = body(without(&text(FinalTextKey::FleetUse), &["车辆主要用于", "主要用于"]));
        if !used.is_empty() {
            s.push_str(&format!("，车辆主要用于{used}"));
        }
        s.push_str(&format!(
            "；单价100万元（含）以上设备（不含车辆）{}台（套）。",
            a.equipment_over_1m.unwrap_or(0)
        ));
        ps.push(para("f12", &title("f12", "十二、国有资产占用情况说明"), s));
    }

    // 十三
    ps.push(para("f13", &title("f13", "十三、预算绩效情况说明"), String::new()));
    {
        let mut lines = Vec::new();
        let work = text(FinalTextKey::PerformanceWork);
        if !work.is_empty() {
            lines.push(sentences(&work));
        }
        let g = facts.grades;
        let mut s = format!(
            "根据预算绩效管理要求，{we}纳入预算绩效管理的支出总额为{}，其中基本支出{}，项目支出{}。",
            f.wan(t.expense_total),
            f.wan(basic),
            f.wan(project)
        );
        if g.total() > 0 {
            s.push_str(&format!(
                "按照“谁用款、谁评价”的原则，对{y}{}预算项目支出进行全面自评，涵盖项目{}个，涉及预算资金{}",
                // 002 「市级预算项目」, 003 「区级预算项目」: the department's level.
                w.project_level.word(""),
                g.total(),
                f.wan(facts.evaluated_spending)
            ));
            if let Some(p) = f.pct(facts.evaluated_spending, project) {
                s.push_str(&format!("，占部门预算项目支出总额的{p}"));
            }
            s.push('。');
        }
        lines.push(s);
        if let Some(score) = facts.dept_score {
            let mut s = format!(
                "组织开展部门整体支出绩效自评，部门整体支出绩效自评结果为{}分。",
                score.normalize()
            );
            let conclusion = body(without(
                &text(FinalTextKey::DeptEvalConclusion),
                &["从自评情况来看", "从自评情况看"],
            ));
            if !conclusion.is_empty() {
                s.push_str(&format!("从自评情况来看，{conclusion}。"));
            }
            lines.push(s);
        }
        if c.dept_attachment().is_some() {
            lines.push("（部门整体绩效自评表详见附件）".to_string());
        }
        ps.push(para(
            "f13.1",
            &title("f13.1", "（一）绩效管理工作开展情况。"),
            lines.join("\n"),
        ));
    }
    {
        let g = facts.grades;
        let mut lines = Vec::new();
        if g.total() > 0 {
            lines.push(format!(
                "通过科学、规范的方法，基于项目的预算执行情况、目标实现程度等，{we}{y}{}个项目支出绩效自评中，{}个项目自评等级为优，{}个项目自评等级为良，{}个项目自评等级为中，{}个项目自评等级为差。",
                g.total(),
                g.excellent,
                g.good,
                g.fair,
                g.poor
            ));
        }
        let conclusion = body(without(
            &text(FinalTextKey::ProjectEvalConclusion),
            &["从自评情况看", "从自评情况来看"],
        ));
        if !conclusion.is_empty() {
            lines.push(format!("从自评情况看，{conclusion}。"));
        }
        let attached = p.project_evals.iter().filter(|e| e.attach).count();
        if attached > 0 && c.project_attachments().next().is_some() {
            lines.push(if attached < g.total() as usize {
                "部分项目绩效自评表详见附件。".to_string()
            } else {
                "项目绩效自评表详见附件。".to_string()
            });
        }
        // A sub-section with nothing to say is left out; the numbers close up.
        if !lines.is_empty() {
            ps.push(para(
                "f13.2",
                &title("f13.2", "（二）项目绩效自评结果。"),
                lines.join("\n"),
            ));
        }
    }
    let key = sentences(&text(FinalTextKey::KeyEvaluation));
    let key = if key.is_empty() {
        w.no_data("f13.3", dept, year)
    } else {
        Some(key)
    };
    // The department's sentence (003: 「财政评价未选取我部门项目开展重点绩效评价。」)
    // or the wording's; without one the sub-section is left out, not printed
    // as a heading with nothing under it (N14 warns of the missing text).
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        ps.push(para("f13.3", &title("f13.3", "（三）重点绩效评价结果。"), key));
    }

    let part3 = Part {
        title: w.title("part3", &format!("第三部分 {y}部门决算情况说明"), dept, year),
        paragraphs: ps,
    };
    let part4 = Part {
        title: w.title("part4", "第四部分 名词解释", dept, year),
        paragraphs: vec![para("p4", "", glossary_with_funcs(p, c, catalog))],
    };
    let mut parts = vec![part1, part3, part4];
    for part in &mut parts {
        part.paragraphs.retain(|x| w.prints(&x.id));
        renumber(&mut part.paragraphs);
    }
    Narrative { parts }
}

/// 第四部分's text: the standard (or the department's) entries, then, when
/// the wording asks for them, one per 项 of 公开05 that has a description.
fn glossary_with_funcs(p: &FinalPackage, c: &FinalComputed, catalog: &Catalog) -> String {
    let w = &p.wording;
    let mut text = glossary(w, &GLOSSARY, "同级");
    if !w.glossary_funcs {
        return text;
    }
    let mut n = text.lines().filter(|l| !l.trim().is_empty()).count();
    for (_, entry) in func_entries(c, catalog) {
        let Some(entry) = entry else { continue };
        n += 1;
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{}、{entry}", chinese_number(n)));
    }
    text
}

/// The 项 printed in 公开05 (a 一般公共预算财政拨款 figure that is not zero),
/// in code order, each with its 名词解释 entry without a number —
/// `{类名}（类）{款名}（款）{项名}（项）：{说明}` — or `None` when the catalog
/// has no description of the 项 (no text is made up for it).
pub fn func_entries(c: &FinalComputed, catalog: &Catalog) -> Vec<(String, Option<String>)> {
    let mut codes: Vec<String> = super::t05::basic_and_project(&c.totals, Nature::General)
        .filter(|(code, figures)| {
            code.len() == 7 && code.bytes().all(|b| b.is_ascii_digit()) && figures.iter().any(|a| !a.is_zero())
        })
        .map(|(code, _)| code)
        .collect();
    codes.sort();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| {
            let entry = catalog.func_desc(&code).map(|desc| {
                format!(
                    "{}（类）{}（款）{}（项）：{}",
                    name(catalog, &code[..3]),
                    name(catalog, &code[..5]),
                    name(catalog, &code),
                    desc.trim()
                )
            });
            (code, entry)
        })
        .collect()
}

/// A 功能 class in a list of 三 and 五（二）: 「科学技术（类）支出」 (002), or its
/// name as the catalog has it, 「科学技术支出」 (003), without
/// [`Wording::class_marker`](yusuan_model::Wording::class_marker).
fn class_label(w: &yusuan_model::Wording, name: &str) -> String {
    if !w.class_marker {
        return name.to_string();
    }
    let n = name.strip_suffix("支出").unwrap_or(name);
    format!("{n}（类）支出")
}

/// `{label}{x}万元，占{p}%` (no share when the total prints zero).
fn share(f: &Fig, label: &str, a: Yuan, total: Yuan) -> String {
    match f.pct(a, total) {
        Some(p) => format!("{label}{}，占{p}", f.wan(a)),
        None => format!("{label}{}", f.wan(a)),
    }
}

/// Amounts by 项 summed to their 类 (first three digits), code order.
fn by_class(by_func: &BTreeMap<String, Yuan>) -> BTreeMap<String, Yuan> {
    let mut m: BTreeMap<String, Yuan> = BTreeMap::new();
    for (func, a) in by_func {
        *m.entry(func.get(..3).unwrap_or(func).to_string()).or_default() += *a;
    }
    m
}

/// 第一部分's 决算单位构成 paragraph (002 L92–98 for several units, 003
/// L139–145 for one). 本级 is the unit named as the department (else the
/// first); the others are 二级预算单位.
fn units_paragraph(p: &FinalPackage, y: &str) -> String {
    let dept = p.department.name.trim();
    if p.units.is_empty() {
        return String::new();
    }
    let own = p.units.iter().position(|u| u.name.trim() == dept).unwrap_or(0);
    let own_name = {
        let n = p.units[own].name.trim();
        if n.is_empty() { dept } else { n }
    };
    let n = p.units.len();
    if n == 1 {
        return format!(
            "从决算单位构成看，{dept}部门决算为本级决算，纳入本部门{y}部门决算编制范围的单位共1个，具体是：\n1. {own_name}本级。"
        );
    }
    let others: Vec<&yusuan_model::Unit> = p
        .units
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, u)| u)
        .collect();
    let all_institutions = others.iter().all(|u| u.kind == UnitKind::Institution);
    let kind = if all_institutions {
        "所属事业单位决算"
    } else {
        "所属单位决算"
    };
    let mut s = format!(
        "从决算单位构成看，{dept}（汇总）部门决算包括：本级决算（1个）、{kind}（{}个）。\n本决算为汇总决算，纳入本部门{y}部门决算编制范围的单位共{n}个，其中二级预算单位{}个，具体是：",
        others.len(),
        others.len()
    );
    s.push_str(&format!("\n1. {own_name}本级。"));
    for (i, u) in others.iter().enumerate() {
        s.push_str(&format!("\n{}. {}。", i + 2, u.name.trim()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_of_printed_figures() {
        let f = Fig {
            decimals: 2,
            thousands: true,
        };
        // 002's 三公 shares: 28.94 / 29.59 and 0.66 / 29.59 on the printed figures.
        assert_eq!(f.pct(Decimal::from(289_366), Decimal::from(295_932)).unwrap(), "97.80%");
        assert_eq!(f.pct(Decimal::from(6_566), Decimal::from(295_932)).unwrap(), "2.23%");
        assert_eq!(f.pct(Decimal::ONE, Decimal::from(49)), None, "0.0049万元 prints 0.00");
        assert_eq!(
            f.change(Decimal::from(21_758_700), Some(Decimal::from(39_220_300)))
                .unwrap(),
            "减少1,746.16万元，下降44.52%"
        );
        assert_eq!(f.change(Decimal::from(100), Some(Decimal::from(100))).unwrap(), "持平");
        assert_eq!(
            f.change(Decimal::from(100), Some(Decimal::ZERO)).unwrap(),
            "增加0.01万元"
        );
        assert_eq!(f.change(Decimal::from(100), None), None);
        assert_eq!(f.wan(Decimal::ZERO), "0.00万元");
    }
}
