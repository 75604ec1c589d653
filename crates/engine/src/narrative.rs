//! The narrative of the publication (情况说明, `shared/spec/narrative.md`):
//! 第一部分 概况, 第二部分 预算情况说明, 第三部分 名词解释. Every figure is
//! taken from `Computed::totals` (the same figures the tables print), in 万元
//! with the package's 小数位数.

use rust_decimal::{Decimal, RoundingStrategy};

use yusuan_model::{Budget, FundSource, LastYearItem, Package, Procurement, SelfName, TextKey, Wording, Yuan};
use yusuan_report::table::{format_number_with, to_wan};
pub use yusuan_report::text::{Narrative, Paragraph, Part};

use crate::totals::Totals;

/// The standard glossary (第三部分), as published in the seeds.
pub const GLOSSARY: [&str; 10] = [
    "一、财政拨款收入：是指市级财政当年拨付的资金；包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。",
    "二、财政专户管理资金：是指缴入财政专户、实行专项管理的高中以上学费、住宿费、高校委托培养费、函大、电大、夜大及短训班培训费等教育收费。",
    "三、事业收入：是指事业单位开展专业活动及辅助活动所取得的收入，不包括教育收费。",
    "四、事业单位经营收入：是指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "五、其他收入：是指部门取得的除“财政拨款”、“事业收入”、“事业单位经营收入”等以外的收入。",
    "六、用事业基金弥补收支差额：是指事业单位在当年的“财政拨款收入”、“事业收入”、“经营收入”和“其他收入”不足以安排当年支出的情况下，使用以前年度积累的事业基金（即事业单位以前各年度收支相抵后，按国家规定提取、用于弥补以后年度收支差额的基金）弥补当年收支缺口的资金。",
    "七、基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支，其内容包括人员经费和日常公用经费两部分。",
    "八、项目支出：是指在基本支出之外，为完成特定的行政工作任务或事业发展目标所发生的支出。",
    "九、“三公”经费：是指纳入市级财政预算管理，部门使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运行费反映单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    "十、机构运行经费：是指为保障行政事业单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
];

const ECON_PARAGRAPH: &str = "按照《财政部关于印发〈支出经济分类科目改革方案〉的通知》（财预〔2017〕98号）要求，从2018年起全面实施支出经济分类科目改革，根据政府预算管理和部门预算管理的不同特点，分设部门预算支出经济分类科目和政府预算支出经济分类科目，两套科目之间保持对应关系。为适应改革要求，我单位《支出经济分类汇总表》按两套经济分类科目分别反映不同资金来源的全部预算支出。";

const PERFORMANCE_PARAGRAPH: &str = "预算项目均按要求编制了绩效目标，从项目产出、项目效益、满意度等方面设置了绩效目标，综合反映项目预期完成的数量、实效、质量，预期达到的社会效益、可持续影响以及服务对象满意度等情况。";

/// Formats figures of one package.
struct Fmt {
    decimals: u32,
    /// Thousands separators ([`Wording::thousands`]).
    thousands: bool,
    /// Decimals of a percentage ([`Wording::percent_decimals`]).
    percent_decimals: u32,
}

impl Fmt {
    /// `1959.63` (万元, no separators) or `1,959.63`.
    fn num(&self, y: Yuan) -> String {
        let mut w = to_wan(y, self.decimals);
        if self.thousands {
            return format_number_with(w, self.decimals, true);
        }
        w.rescale(self.decimals);
        w.to_string()
    }
    fn pct(&self, a: Decimal, b: Decimal) -> Option<String> {
        percent_with(a, b, self.percent_decimals)
    }
    /// `1959.63万元`
    fn wan(&self, y: Yuan) -> String {
        format!("{}万元", self.num(y))
    }
}

/// `a / b` as a percentage with 2 decimals, half-up: `9.50%`; `None` when `b`
/// is zero (also the 决算's, [`crate::final_accounts::narrative`]). Checked: a
/// figure near Decimal's limit gives no percentage, not a panic.
pub fn percent(a: Decimal, b: Decimal) -> Option<String> {
    percent_with(a, b, 2)
}

/// [`percent`] with `dp` decimals (004 prints one: `10.9%`).
pub fn percent_with(a: Decimal, b: Decimal, dp: u32) -> Option<String> {
    if b.is_zero() {
        return None;
    }
    let dp = dp.min(4);
    let mut p = a
        .checked_mul(Decimal::from(100))
        .and_then(|x| x.checked_div(b))?
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(dp);
    Some(format!("{p}%"))
}

/// The shape of a change against last year, shared with the 决算:
/// `增加22.02万元，增长1.11%` / `减少…，下降…%` (no percentage when `last` is
/// zero) / `持平`. `diff` (this year − last) and `last` are what the caller's
/// rule computes from; `amount` prints `|diff|` with its unit.
pub(crate) fn change_text(diff: Decimal, last: Decimal, amount: impl Fn(Decimal) -> String) -> String {
    change_text_with(diff, last, amount, 2)
}

/// [`change_text`] with `dp` decimals in the percentage.
fn change_text_with(diff: Decimal, last: Decimal, amount: impl Fn(Decimal) -> String, dp: u32) -> String {
    if diff.is_zero() {
        return "持平".to_string();
    }
    let (verb, rate) = if diff > Decimal::ZERO {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    let mut s = format!("{verb}{}", amount(diff.abs()));
    if let Some(p) = percent_with(diff.abs(), last, dp) {
        s.push_str(&format!("，{rate}{p}"));
    }
    s
}

/// The 预算's change: computed from the exact 元 (`增加22.02万元，增长1.11%`);
/// `None` without last year's figure.
fn change(f: &Fmt, cur: Yuan, last: Option<Yuan>) -> Option<String> {
    let last = last?;
    Some(change_text_with(cur - last, last, |d| f.wan(d), f.percent_decimals))
}

/// `，主要原因是：<text>` ([`Wording::reason_intro`]) when a reason is given.
fn reason(intro: &str, text: &str) -> String {
    let t = text.trim().trim_end_matches(['。', '；', ';']);
    if t.is_empty() {
        String::new()
    } else {
        format!("{intro}{t}")
    }
}

fn share(f: &Fmt, a: Yuan, total: Yuan) -> String {
    match f.pct(a, total) {
        Some(p) => format!("{}，占{p}", f.wan(a)),
        None => f.wan(a),
    }
}

pub(crate) fn para(id: &str, heading: &str, text: String) -> Paragraph {
    Paragraph {
        id: id.to_string(),
        heading: heading.to_string(),
        text,
        overridden: false,
    }
}

fn sentence_end(s: &str) -> String {
    ended_with(s, &['。', '！', '？', '.'])
}

/// `s` trimmed, with 。 added unless it is empty or ends with one of `ends`
/// (the 预算 and the 决算 accept different endings).
pub(crate) fn ended_with(s: &str, ends: &[char]) -> String {
    let t = s.trim();
    if t.is_empty() || t.ends_with(ends) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

/// The narrative with the officer's rewrites (`narrative_overrides`) in place
/// of the generated paragraphs they name; `None` when nothing is rewritten.
pub fn with_overrides(p: &Package, generated: &Narrative) -> Option<Narrative> {
    if p.narrative_overrides.is_empty() {
        return None;
    }
    let mut n = generated.clone();
    for part in &mut n.parts {
        for para in &mut part.paragraphs {
            if let Some(text) = p.narrative_overrides.get(&para.id) {
                para.text = text.clone();
                para.overridden = true;
            }
        }
    }
    Some(n)
}

/// The narrative as generated from the totals, without rewrites.
pub fn generate(p: &Package, t: &Totals) -> Narrative {
    let w = &p.wording;
    let f = Fmt {
        decimals: p.department.decimals.min(4),
        thousands: w.thousands,
        percent_decimals: w.percent_decimals,
    };
    let name = p.department.name.trim();
    let year = p.department.year;
    let last_year = year - 1;
    let me: SelfName = w.self_name;
    let who = me.who(name, year);
    let named = me.named(name);
    let intro = w.reason_intro.as_str();
    let reason = |text: &str| reason(intro, text);
    let total_intro = w.total_reason_intro();
    let title = |id: &str, builtin: &str| titled(w, id, builtin, name, year);
    // What a section without data says: the officer's sentence, or the built-in one.
    let no_data = |id: &str, builtin: String| w.no_data(id, name, year).unwrap_or(builtin);
    let ly = |item: LastYearItem| p.last_year.get(item);
    let text = |k: TextKey| p.text(k).trim().to_string();

    // ---------------------------------------------------------------- 第一部分
    let units = if p.units.len() <= 1 {
        let u = p
            .units
            .first()
            .map(|u| u.name.trim())
            .filter(|s| !s.is_empty())
            .unwrap_or(name);
        format!("{u}本级预算")
    } else {
        p.units.iter().map(|u| u.name.trim()).collect::<Vec<_>>().join("、")
    };
    let units_text = if w.unit_list && p.units.len() > 1 {
        // 004: the 本级 unit (named as the department, else the first), then
        // the others numbered 「1.…；」 … 「5.…。」.
        let own = p.units.iter().position(|u| u.name.trim() == name).unwrap_or(0);
        let others: Vec<&str> = (p.units.iter().enumerate())
            .filter(|(i, _)| *i != own)
            .map(|(_, u)| u.name.trim())
            .collect();
        let mut s = format!("{name}部门预算包括{}和所属单位在内的汇总预算。", w.own_budget());
        // 004 puts what the 本级 budget covers (the 机构设置 text) here, and
        // prints no 机构设置 section.
        let org = text(TextKey::Organization);
        if !w.prints("1.2") && !org.is_empty() {
            s.push_str(&format!("\n{org}"));
        }
        s.push_str(&format!("\n{name}所属单位预算包括："));
        for (i, u) in others.iter().enumerate() {
            let end = if i + 1 == others.len() { "。" } else { "；" };
            s.push_str(&format!("\n{}.{u}{end}", i + 1));
        }
        s
    } else {
        format!(
            "根据部门预算管理有关规定，本预算为汇总预算，包括{}和所属单位预算，具体是：{units}。",
            w.own_budget()
        )
    };
    let part1 = Part {
        title: w.title("part1", &format!("第一部分 {named}概况"), name, year),
        paragraphs: vec![
            para("1.1", &title("1.1", "一、主要职责"), {
                // As published: a lead sentence before the numbered duties.
                let duties = text(TextKey::Duties);
                if duties.is_empty() || duties.lines().next().is_some_and(|l| l.contains("主要职责")) {
                    or_none(duties)
                } else {
                    format!("{named}的主要职责是：\n{duties}")
                }
            }),
            para(
                "1.2",
                &title("1.2", "二、机构设置"),
                or_none(text(TextKey::Organization)),
            ),
            para("1.3", &title("1.3", "三、部门所属预算单位构成情况"), units_text),
        ],
    };

    // ---------------------------------------------------------------- 第二部分
    let mut ps = Vec::new();

    // 一、收入支出预算总体情况说明
    {
        let mut s = format!(
            "{who}收入总计{}，支出总计{}",
            f.wan(t.income_total),
            f.wan(t.expense_total)
        );
        let ci = change(&f, t.income_total, ly(LastYearItem::IncomeTotal));
        let ce = change(&f, t.expense_total, ly(LastYearItem::ExpenseTotal));
        let ri = first_text(p, &[TextKey::ReasonIncome, TextKey::ReasonIncomeExpense]);
        let re = first_text(p, &[TextKey::ReasonExpense, TextKey::ReasonIncomeExpense]);
        let mut parts = Vec::new();
        if let Some(ci) = ci {
            parts.push(format!("收入{ci}{}", self::reason(total_intro, &ri)));
        }
        if let Some(ce) = ce {
            parts.push(format!("支出{ce}{}", self::reason(total_intro, &re)));
        }
        if !parts.is_empty() {
            s.push_str(&format!("，与{last_year}年预算相比，{}", parts.join("；")));
        }
        s.push('。');
        ps.push(para("2.1", &title("2.1", "一、收入支出预算总体情况说明"), s));
    }

    // 二、收入预算总体情况说明
    {
        let src = |s: &[FundSource]| -> Yuan {
            s.iter()
                .map(|x| t.income_by_source.get(x).copied().unwrap_or_default())
                .sum()
        };
        let items: Vec<(&str, Yuan)> = vec![
            (
                "一般公共预算",
                src(&[FundSource::GeneralAppropriation, FundSource::GeneralOther]),
            ),
            ("政府性基金预算", src(&[FundSource::GovFund])),
            ("国有资本经营预算", src(&[FundSource::StateCapital])),
            ("财政专户管理资金", src(&[FundSource::FiscalSpecial])),
            ("事业收入", src(&[FundSource::BusinessIncome])),
            ("事业单位经营收入", src(&[FundSource::OperatingIncome])),
            ("上级补助收入", src(&[FundSource::SuperiorSubsidy])),
            ("附属单位上缴收入", src(&[FundSource::AffiliateRemit])),
            ("其他收入", src(&[FundSource::OtherIncome])),
            ("上年结转", t.income_carryover),
        ];
        let listed: Vec<String> = items
            .iter()
            .filter(|(_, a)| !to_wan(*a, f.decimals).is_zero())
            .map(|(l, a)| format!("{l}{}", f.wan(*a)))
            .collect();
        let mut s = format!("{who}收入合计{}", f.wan(t.income_total));
        if !listed.is_empty() {
            let sep = if w.income_semicolons { "；" } else { "，" };
            s.push_str(&format!("，其中：{}", listed.join(sep)));
        }
        s.push('。');
        ps.push(para("2.2", &title("2.2", "二、收入预算总体情况说明"), s));
    }

    // 三、支出预算总体情况说明
    ps.push(para(
        "2.3",
        &title("2.3", "三、支出预算总体情况说明"),
        format!(
            "{who}支出合计{}，其中：基本支出{}；项目支出{}。",
            f.wan(t.expense_total),
            share(&f, t.basic, t.expense_total),
            share(&f, t.project, t.expense_total)
        ),
    ));

    // 四、财政拨款收入支出预算总体情况说明
    {
        let mut s = if w.skip_zero_items {
            // 004: only the budgets the department has (一般公共预算 always).
            let listed: Vec<String> = [
                ("一般公共预算收支预算", t.general),
                ("政府性基金收支预算", t.gov_fund),
                ("国有资本经营预算收支预算", t.state_capital),
            ]
            .iter()
            .enumerate()
            .filter(|(i, (_, a))| *i == 0 || !to_wan(*a, f.decimals).is_zero())
            .map(|(_, (l, a))| format!("{l}{}", f.wan(*a)))
            .collect();
            format!("{who}{}。", listed.join("，"))
        } else {
            format!(
                "{who}一般公共预算收支预算{}，政府性基金收支预算{}，国有资本经营预算收支预算{}。",
                f.wan(t.general),
                f.wan(t.gov_fund),
                f.wan(t.state_capital)
            )
        };
        let mut parts = Vec::new();
        let budgets = [
            (
                "一般公共预算收支预算",
                t.general,
                LastYearItem::General,
                Budget::General,
            ),
            ("政府性基金收支预算", t.gov_fund, LastYearItem::GovFund, Budget::GovFund),
            (
                "国有资本经营预算收支预算",
                t.state_capital,
                LastYearItem::StateCapital,
                Budget::StateCapital,
            ),
        ];
        for (label, cur, item, b) in budgets {
            let Some(ch) = change(&f, cur, ly(item)) else { continue };
            let why = if cur.is_zero() && ly(item).is_some_and(|x| x.is_zero()) {
                "无此项业务".to_string()
            } else if b == Budget::General {
                text(TextKey::ReasonAppropriation)
            } else {
                String::new()
            };
            parts.push(format!("{label}{ch}{}", reason(&why)));
        }
        if !parts.is_empty() {
            s.push_str(&format!("与{last_year}年相比，{}。", parts.join("；")));
        }
        ps.push(para("2.4", &title("2.4", "四、财政拨款收入支出预算总体情况说明"), s));
    }

    // 五、一般公共预算支出预算情况说明
    {
        let s = if t.general.is_zero() {
            no_data("2.5", "我单位无一般公共预算支出。".to_string())
        } else {
            let mut s = format!(
                "{who}一般公共预算支出年初预算为{}。其中：基本支出{}；项目支出{}。",
                f.wan(t.general),
                share(&f, t.general_basic, t.general),
                share(&f, t.general_project, t.general)
            );
            // Code order (001 L116), or largest first (ties by code).
            let mut by_class: Vec<&(String, String, Yuan)> = t.general_by_class.iter().collect();
            if w.classes_by_size {
                by_class.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            }
            let classes: Vec<String> = by_class
                .iter()
                .map(|(_, nm, a)| format!("{nm}{}", share(&f, *a, t.general)))
                .collect();
            if w.general_classes && !classes.is_empty() {
                s.push_str(&format!("主要用于以下方面：{}。", classes.join("；")));
            }
            s
        };
        if !s.is_empty() {
            ps.push(para("2.5", &title("2.5", "五、一般公共预算支出预算情况说明"), s));
        }
    }

    // 六、一般公共预算基本支出预算情况说明
    {
        let s = if t.general_basic.is_zero() {
            no_data("2.6", "我单位无一般公共预算基本支出。".to_string())
        } else {
            let names = |items: &[(String, String)]| -> String {
                let v: Vec<&str> = items
                    .iter()
                    .map(|(c, n)| if n.is_empty() { c.as_str() } else { n.as_str() })
                    .collect();
                if v.is_empty() || !w.basic_items {
                    String::new()
                } else {
                    format!("；主要包括：{}", v.join("、"))
                }
            };
            format!(
                "{who}一般公共预算基本支出年初预算为{}{}人员经费支出{}{}；公用经费支出{}{}。",
                f.wan(t.general_basic),
                if w.basic_items { "，其中：" } else { "。其中：" },
                share(&f, t.general_personnel, t.general_basic),
                names(&t.personnel_items),
                share(&f, t.general_public, t.general_basic),
                names(&t.public_items)
            )
        };
        if !s.is_empty() {
            ps.push(para("2.6", &title("2.6", "六、一般公共预算基本支出预算情况说明"), s));
        }
    }

    // 七、支出预算经济分类情况说明
    ps.push(para(
        "2.7",
        &title("2.7", "七、支出预算经济分类情况说明"),
        ECON_PARAGRAPH.to_string(),
    ));

    // 八、"三公"经费支出预算情况说明
    {
        let tp = &t.three_public;
        let mut lines = Vec::new();
        // 「较2023年减少…，下降…%」 / 「比2023年减少…」 / 「与2023年预算持平」 (004).
        let cmp = w.compare_word();
        let against = |cur: Yuan, li: LastYearItem| -> Option<String> {
            let last = ly(li)?;
            let dp = f.percent_decimals;
            let ch = if w.three_public_rate {
                change_text_with(cur - last, last, |d| f.wan(d), dp)
            } else {
                change_text_with(cur - last, Decimal::ZERO, |d| f.wan(d), dp)
            };
            Some(if cmp == "比" && cur == last {
                format!("与{last_year}年预算持平")
            } else {
                format!("{cmp}{last_year}年{ch}")
            })
        };
        let mut s = format!(
            "{who}“三公”经费{}预算为{}。",
            if w.three_public_spending { "支出" } else { "" },
            f.wan(tp.total())
        );
        if let Some(ch) = against(tp.total(), LastYearItem::ThreePublicTotal) {
            s.push_str(&format!("{year}年“三公”经费支出预算数{ch}。"));
        }
        lines.push(s);
        lines.push("具体支出情况如下：".to_string());
        // The change against last year and the reason given for it.
        let item = |cur: Yuan, li: LastYearItem, key: TextKey| -> Option<(String, String)> {
            against(cur, li).map(|ch| (ch, text(key)))
        };
        // 「…支出。预算数较2023年减少…，主要原因是：…。」 (001), or the reason
        // in a paragraph of its own: 「…。」 / 「主要原因：…。」 (004).
        let with = |purpose: &str, ch: Option<(String, String)>| -> String {
            match ch {
                None => format!("{purpose}。"),
                Some((ch, why)) if w.three_public_reason_apart => {
                    let why = self::reason(intro.trim_start_matches(['，', '。', '；']), &why);
                    if why.is_empty() {
                        format!("{purpose}。预算数{ch}。")
                    } else {
                        format!("{purpose}。预算数{ch}。\n{why}。")
                    }
                }
                Some((ch, why)) => format!("{purpose}。预算数{ch}{}。", reason(&why)),
            }
        };
        lines.push(format!(
            "（一）因公出国（境）费{}，{}",
            f.wan(tp.overseas),
            with(
                "主要用于单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出",
                item(tp.overseas, LastYearItem::Overseas, TextKey::ReasonOverseas)
            )
        ));
        lines.push(format!(
            "（二）公务接待费{}，{}",
            f.wan(tp.reception),
            with(
                "主要用于按规定开支的各类公务接待（含外宾接待）支出",
                item(tp.reception, LastYearItem::Reception, TextKey::ReasonReception)
            )
        ));
        const PURCHASE_PURPOSE: &str = "主要用于单位公务用车购置支出（含车辆购置税、牌照费）";
        const OPERATION_PURPOSE: &str =
            "主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出";
        let purchase = item(
            tp.vehicle_purchase,
            LastYearItem::VehiclePurchase,
            TextKey::ReasonVehiclePurchase,
        );
        let operation = item(
            tp.vehicle_operation,
            LastYearItem::VehicleOperation,
            TextKey::ReasonVehicleOperation,
        );
        if w.vehicle_changes_apart {
            // 004: the amounts, the 运行维护 purpose, then each change.
            let mut s = format!(
                "（三）公务用车购置及运行费{}，其中，公务用车购置费{}；公务用车运行维护费{}，{OPERATION_PURPOSE}。",
                f.wan(tp.vehicles()),
                f.wan(tp.vehicle_purchase),
                f.wan(tp.vehicle_operation),
            );
            for (label, ch) in [("公务用车购置费", purchase), ("公务用车运行维护费", operation)] {
                if let Some((ch, why)) = ch {
                    s.push_str(&format!("{label}预算数{ch}{}。", reason(&why)));
                }
            }
            lines.push(s);
        } else {
            let join = |purpose: &str, ch: Option<(String, String)>| match ch {
                None => purpose.to_string(),
                Some((ch, why)) => format!("{purpose}，{ch}{}", reason(&why)),
            };
            lines.push(format!(
                "（三）公务用车购置及运行费{}，其中，公务用车购置费{}，{}；公务用车运行维护费{}，{}。",
                f.wan(tp.vehicles()),
                f.wan(tp.vehicle_purchase),
                join(PURCHASE_PURPOSE, purchase),
                f.wan(tp.vehicle_operation),
                join(OPERATION_PURPOSE, operation),
            ));
        }
        ps.push(para(
            "2.8",
            &title("2.8", "八、“三公”经费支出预算情况说明"),
            lines.join("\n"),
        ));
    }

    // 九、政府性基金预算支出预算情况说明 (and 国有资本经营预算 when used)
    {
        let note = text(TextKey::GovFundNote);
        let mut s = if t.gov_fund.is_zero() && w.no_data.contains_key("2.9") {
            // The department's way (004): no zero sentence, its note or its
            // no-data sentence only.
            if note.is_empty() {
                no_data("2.9", String::new())
            } else {
                sentence_end(&note)
            }
        } else if t.gov_fund.is_zero() {
            let n = if note.is_empty() {
                "我单位无政府性基金预算支出".to_string()
            } else {
                note
            };
            // 001 L142: 「…政府性基金预算支出0.00万元，用于：我单位无政府性基金预算支出。」
            format!(
                "{who}政府性基金预算支出{}，用于：{}",
                f.wan(t.gov_fund),
                sentence_end(&n)
            )
        } else {
            format!(
                "{who}政府性基金预算支出{}。{}",
                f.wan(t.gov_fund),
                if note.is_empty() {
                    String::new()
                } else {
                    sentence_end(&note)
                }
            )
        };
        let sc_note = text(TextKey::StateCapitalNote);
        let mut sc_section = String::new();
        if w.state_capital_section {
            // 004 九: under its own heading; nothing to say without data
            // unless the officer said it.
            sc_section = if !t.state_capital.is_zero() {
                let mut x = format!("{who}国有资本经营预算支出{}。", f.wan(t.state_capital));
                if !sc_note.is_empty() {
                    x.push_str(&sentence_end(&sc_note));
                }
                x
            } else if !sc_note.is_empty() && sc_note != "无此项业务" {
                sentence_end(&sc_note)
            } else {
                no_data("2.9s", String::new())
            };
        } else if !t.state_capital.is_zero() {
            s.push_str(&format!("\n{who}国有资本经营预算支出{}。", f.wan(t.state_capital)));
            if !sc_note.is_empty() {
                s.push_str(&sentence_end(&sc_note));
            }
        } else if !sc_note.is_empty() && sc_note != "无此项业务" {
            s.push('\n');
            s.push_str(&sentence_end(&sc_note));
        }
        let s = s.trim_start_matches('\n').to_string();
        if !s.is_empty() {
            ps.push(para("2.9", &title("2.9", "九、政府性基金预算支出预算情况说明"), s));
        }
        if !sc_section.is_empty() {
            ps.push(para(
                "2.9s",
                &title("2.9s", "十、国有资本经营预算支出预算情况说明"),
                sc_section,
            ));
        }
    }

    // 十、其他重要事项的情况说明
    ps.push(para(
        "2.10",
        &title("2.10", "十、其他重要事项的情况说明"),
        String::new(),
    ));
    {
        let mut s = format!(
            "{who}{}支出预算{}，主要保障机构正常运转及正常履职需要",
            w.operating_word(),
            f.wan(t.operating_cost)
        );
        if let Some(ch) = change(&f, t.operating_cost, ly(LastYearItem::OperatingCost)) {
            s.push_str(&format!(
                "，较{last_year}年{ch}{}",
                reason(&text(TextKey::ReasonOperatingCost))
            ));
        }
        s.push('。');
        ps.push(para("2.10.1", &title("2.10.1", "（一）机构运行经费支出情况"), s));
    }
    {
        let pr = |k: Procurement| t.procurement.get(&k).copied().unwrap_or_default();
        let total: Yuan = Procurement::ALL.iter().map(|k| pr(*k)).sum();
        let items: Vec<String> = [
            ("政府采购货物预算", pr(Procurement::Goods)),
            ("政府采购工程预算", pr(Procurement::Works)),
            ("政府采购服务预算", pr(Procurement::Services)),
        ]
        .iter()
        .filter(|(_, a)| !w.skip_zero_items || !to_wan(*a, f.decimals).is_zero())
        .map(|(l, a)| format!("{l}{}", f.wan(*a)))
        .collect();
        let mut s = format!("{}政府采购预算安排{}", me.year_we(name, year), f.wan(total));
        if !items.is_empty() {
            s.push_str(&format!("，其中：{}", items.join("、")));
        }
        s.push('。');
        ps.push(para("2.10.2", &title("2.10.2", "（二）政府采购支出情况"), s));
    }
    {
        let sentence = match w.performance_sentence.trim() {
            "" => PERFORMANCE_PARAGRAPH.to_string(),
            own => sentence_end(&Wording::fill(own, name, year)),
        };
        let mut s = format!("{}{sentence}", me.we_year(name, year));
        let note = text(TextKey::PerformanceNote);
        if !note.is_empty() {
            s.push_str(&sentence_end(&note));
        }
        if w.performance_totals {
            s.push_str(&format!(
            "\n{year}年，{}纳入预算绩效管理的支出总额为{}，其中人员经费支出{}，公用经费支出{}，支出项目共{}个，支出总额{}，其中预算支出100万元及100万元以上项目{}个，支出总额{}。",
            me.we(name),
            f.wan(t.expense_total),
            f.wan(t.general_personnel),
            f.wan(t.general_public),
            t.project_count,
            f.wan(t.project),
            t.big_project_count,
            f.wan(t.big_project_total)
        ));
        }
        let key = text(TextKey::KeyEvaluationNote);
        s.push_str(&if key.is_empty() {
            no_data("2.10.3", format!("{}无重点评价项目。", me.we_year(name, year)))
        } else {
            sentence_end(&key)
        });
        ps.push(para("2.10.3", &title("2.10.3", "（三）绩效目标设置情况"), s));
    }
    {
        let a = &p.assets;
        let n = |x: Option<u32>| x.unwrap_or(0);
        let other = a.other_vehicles_note.trim();
        let mut s = if w.skip_zero_items {
            // 004: the counts that are not zero, one list.
            let counts: Vec<String> = [
                ("一般公务用车", a.official_vehicles),
                ("一般执法执勤用车", a.enforcement_vehicles),
                ("特种专业技术用车", a.special_vehicles),
                ("其他用车", a.other_vehicles),
            ]
            .iter()
            .filter(|(_, c)| n(*c) != 0)
            .map(|(l, c)| format!("{l}{}辆", n(*c)))
            .collect();
            let mut s = format!("{last_year}年期末，{}共有车辆{}辆", me.we(name), n(a.vehicles_total));
            if !counts.is_empty() {
                s.push_str(&format!("，其中：{}", counts.join("、")));
            }
            if !other.is_empty() {
                s.push_str(&format!("，其他用车主要是{}", other.trim_end_matches('。')));
            }
            s
        } else {
            let mut s = format!(
                "{last_year}年期末，{}共有车辆{}辆，其中：一般公务用车{}辆、一般执法执勤用车{}辆、特种专业技术用车{}辆；其他用车{}辆",
                me.we(name),
                n(a.vehicles_total),
                n(a.official_vehicles),
                n(a.enforcement_vehicles),
                n(a.special_vehicles),
                n(a.other_vehicles)
            );
            if !other.is_empty() {
                s.push_str(&format!("，其他用车主要是：{}", other.trim_end_matches('。')));
            }
            s
        };
        // 001 L164: 「单价50万元以上通用设备0套，单位价值100万元以上专用设备0套」;
        // 004 L232: 「单位价值50万元以上通用设备3台（套），单位价值…1台（套）」.
        let (price, measure) = if w.equipment_unit_value {
            ("单位价值", "台（套）")
        } else {
            ("单价", "套")
        };
        s.push_str(&format!(
            "；{price}50万元以上通用设备{}{measure}，单位价值100万元以上专用设备{}{measure}。",
            n(a.general_equipment_over_50),
            n(a.special_equipment_over_100)
        ));
        ps.push(para("2.10.4", &title("2.10.4", "（四）国有资产占用情况"), s));
    }
    {
        let note = text(TextKey::TransferNote);
        let s = if note.is_empty() {
            no_data(
                "2.10.5",
                format!("{named}负责管理的专项转移支付项目共有0项，主要是：无转移支付项目。"),
            )
        } else {
            sentence_end(&note)
        };
        if !s.is_empty() {
            ps.push(para("2.10.5", &title("2.10.5", "（五）专项转移支付项目情况"), s));
        }
    }

    let part2_title = match me {
        SelfName::DepartmentUnit => format!("第二部分 {name}{year}年部门（单位）预算情况说明"),
        _ => format!("第二部分 {name}{year}年部门预算情况说明"),
    };
    let part2 = Part {
        title: w.title("part2", &part2_title, name, year),
        paragraphs: ps,
    };
    let part3 = Part {
        title: w.title("part3", "第三部分 名词解释", name, year),
        paragraphs: vec![para("3.1", "", glossary(w, &GLOSSARY, "市级"))],
    };
    let mut parts = vec![part1, part2, part3];
    for part in &mut parts {
        part.paragraphs.retain(|x| w.prints(&x.id));
        renumber(&mut part.paragraphs);
    }
    Narrative { parts }
}

/// The heading of paragraph `id`: `builtin`, or its number (`一、`, `（一）`)
/// with the department's title ([`Wording::titles`]).
pub(crate) fn titled(w: &Wording, id: &str, builtin: &str, name: &str, year: i32) -> String {
    match w.titles.get(id) {
        None => builtin.to_string(),
        Some(t) => {
            let (number, _) = split_number(builtin);
            let t = Wording::fill(t.trim(), name, year);
            // A title typed with its number keeps only one.
            let (_, bare) = split_number(&t);
            format!("{number}{bare}")
        }
    }
}

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// `一、收入…` → (`一、`, `收入…`); `（三）…` → (`（三）`, `…`); no number → (``, all).
fn split_number(h: &str) -> (&str, &str) {
    if let Some(rest) = h.strip_prefix('（') {
        let n = rest
            .chars()
            .take_while(|c| NUMERALS.contains(c))
            .map(char::len_utf8)
            .sum::<usize>();
        if n > 0 && rest[n..].starts_with('）') {
            let end = '（'.len_utf8() + n + '）'.len_utf8();
            return (&h[..end], &h[end..]);
        }
        return ("", h);
    }
    let n = h
        .chars()
        .take_while(|c| NUMERALS.contains(c))
        .map(char::len_utf8)
        .sum::<usize>();
    if n > 0 && h[n..].starts_with('、') {
        let end = n + '、'.len_utf8();
        return (&h[..end], &h[end..]);
    }
    ("", h)
}

pub(crate) use yusuan_report::publication::chinese_number;

/// Numbers the headings of a part in order: `一、` for sections, `（一）` for
/// sub-sections (from one again in each section), so that a section the
/// department leaves out leaves no gap. Headings in order stay as they are.
pub(crate) fn renumber(ps: &mut [Paragraph]) {
    let (mut top, mut sub) = (0, 0);
    for p in ps {
        let (number, bare) = split_number(&p.heading);
        if number.is_empty() {
            continue;
        }
        let new = if number.starts_with('（') {
            sub += 1;
            format!("（{}）{bare}", chinese_number(sub))
        } else {
            top += 1;
            sub = 0;
            format!("{}、{bare}", chinese_number(top))
        };
        if new != p.heading {
            p.heading = new;
        }
    }
}

/// The 名词解释: the department's entries numbered `一、…`, or the built-in
/// ones with the chosen 财政 level in place of `builtin_level`.
pub(crate) fn glossary(w: &Wording, builtin: &[&str], builtin_level: &'static str) -> String {
    if w.glossary.is_empty() {
        let level = w.fiscal_level.word(builtin_level);
        // 「市级财政」 (001), 「同级政府财政部门」 (002).
        let swap = |e: &str| -> String {
            if level == builtin_level {
                return e.to_string();
            }
            e.replace(&format!("{builtin_level}财政"), &format!("{level}财政"))
                .replace(&format!("{builtin_level}政府财政"), &format!("{level}政府财政"))
        };
        return builtin.iter().map(|e| swap(e)).collect::<Vec<_>>().join("\n");
    }
    w.glossary
        .iter()
        .map(|e| split_number(e.trim()).1.trim())
        .filter(|e| !e.is_empty())
        .enumerate()
        .map(|(i, e)| format!("{}、{e}", chinese_number(i + 1)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn or_none(s: String) -> String {
    if s.is_empty() { "（未填写）".to_string() } else { s }
}

fn first_text(p: &Package, keys: &[TextKey]) -> String {
    keys.iter()
        .map(|k| p.text(*k).trim())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_shares() {
        let f = Fmt {
            decimals: 2,
            thousands: false,
            percent_decimals: 2,
        };
        assert_eq!(change(&f, Decimal::from(100), None), None);
        assert_eq!(
            change(&f, Decimal::from(100), Some(Decimal::from(100))).unwrap(),
            "持平"
        );
        assert_eq!(
            change(&f, Decimal::from(19596298), Some(Decimal::from(19816500))).unwrap(),
            "减少22.02万元，下降1.11%"
        );
        assert_eq!(
            change(&f, Decimal::from(20000), Some(Decimal::from(10000))).unwrap(),
            "增加1.00万元，增长100.00%"
        );
        assert_eq!(percent(Decimal::from(1), Decimal::from(8)).unwrap(), "12.50%");
        assert_eq!(percent(Decimal::from(1), Decimal::ZERO), None);
        assert_eq!(percent_with(Decimal::from(1), Decimal::from(8), 1).unwrap(), "12.5%");
    }

    #[test]
    fn headings_renumber_in_order() {
        let mut ps = vec![
            para("a", "一、甲", String::new()),
            para("b", "三、乙", String::new()),
            para("c", "（二）丙", String::new()),
            para("d", "", String::new()),
            para("e", "十二、丁", String::new()),
            para("f", "（一）戊", String::new()),
        ];
        renumber(&mut ps);
        let h: Vec<&str> = ps.iter().map(|p| p.heading.as_str()).collect();
        assert_eq!(h, ["一、甲", "二、乙", "（一）丙", "", "三、丁", "（一）戊"]);
        assert_eq!(chinese_number(11), "十一");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(23), "二十三");
        assert_eq!(split_number("（十三）x"), ("（十三）", "x"));
        assert_eq!(split_number("十三、x"), ("十三、", "x"));
        assert_eq!(split_number("x、y"), ("", "x、y"));
    }
}
