//! The department's wording ([`Wording`]) as rows of `封面`, for both kinds.
//!
//! `文字样式` names a preset (义马式 …) that fills every setting first; the
//! other rows then set one setting each. Lists are one item per line;
//! titles and no-data sentences are `编号：内容` per line (the paragraph ids
//! of the 情况说明: `2.4`, `2.10.3`, `f8`, …). A row left out or empty keeps
//! the default (or the preset's value).

use yusuan_model::{FiscalLevel, Preset, ProjectDepartment, SelfName, Wording};

use crate::import::{Cover, Errors, one_of};

/// Rows of both kinds' `封面`.
pub const WORDING_KEYS: [&str; 8] = [
    "文字样式",
    "自称",
    "财政级次",
    "章节标题",
    "省略章节",
    "名词解释",
    "无数据说明",
    "表注",
];

/// Rows only the 决算's `封面` has.
pub const FINAL_WORDING_KEYS: [&str; 6] = [
    "项目级次",
    "目录表序号",
    "名词解释列科目",
    "项目主管部门",
    "类名标（类）",
    "数量为零照写",
];

/// Rows only the 预算's `封面` has (the 决算's figures follow its tables).
pub const BUDGET_WORDING_KEYS: [&str; 21] = [
    "说明千分位",
    "百分比小数位数",
    "省略零值项目",
    "原因引语",
    "单位构成编号",
    "国有资本经营单列",
    "总体原因引语",
    "基本支出列明细",
    "三公比较用语",
    "三公列增减率",
    "三公写支出预算",
    "设备称单位价值",
    "本级预算称谓",
    "绩效目标说明",
    "绩效管理总额",
    "运行经费称谓",
    "收入来源分号",
    "支出列功能分类",
    "三公原因另起段",
    "公务用车分句比较",
    "功能分类从大到小",
];

/// A `封面` key list: the kind's own rows, then [`WORDING_KEYS`], then the
/// kind's wording rows — one list of each, so the template, the reader and
/// the wording rows cannot drift apart. `N` must be the three lengths'
/// sum (checked when the constant is evaluated).
pub(crate) const fn cover_keys<const A: usize, const C: usize, const N: usize>(
    own: [&'static str; A],
    kind: [&'static str; C],
) -> [&'static str; N] {
    assert!(N == A + WORDING_KEYS.len() + C, "封面 key count");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A {
            own[i]
        } else if i < A + WORDING_KEYS.len() {
            WORDING_KEYS[i - A]
        } else {
            kind[i - A - WORDING_KEYS.len()]
        };
        i += 1;
    }
    out
}

/// The words the “三公” section may put before last year.
const COMPARE_WORDS: [&str; 2] = ["较", "比"];

const YES_NO: [&str; 2] = ["是", "否"];

/// Reads the wording rows of `c` into `w` (`budget`: also the 预算's rows).
pub(crate) fn read(c: &Cover, errs: &mut Errors, w: &mut Wording, budget: bool) {
    let presets: Vec<&str> = if budget { &Preset::BUDGET } else { &Preset::FINAL }
        .iter()
        .map(|p| p.label())
        .collect();
    let choice = |errs: &mut Errors, key: &'static str, allowed: &[&str]| -> Option<usize> {
        let (row, t) = c.text(errs, key, false)?;
        let i = allowed.iter().position(|a| *a == t);
        if i.is_none() {
            Cover::err(
                errs,
                row,
                "B",
                format!("“{key}”应为以下之一：{}，实际为“{}”", one_of(allowed), clip(&t)),
            );
        }
        i
    };
    if let Some(p) = choice(errs, "文字样式", &presets).and_then(|i| Preset::from_label(presets[i])) {
        *w = p.wording();
    }
    let names: Vec<&str> = SelfName::ALL.iter().map(|s| s.label()).collect();
    if let Some(i) = choice(errs, "自称", &names) {
        w.self_name = SelfName::ALL[i];
    }
    let levels: Vec<&str> = FiscalLevel::ALL.iter().map(|s| s.label()).collect();
    if let Some(i) = choice(errs, "财政级次", &levels) {
        w.fiscal_level = FiscalLevel::ALL[i];
    }
    if let Some((row, t)) = c.text(errs, "章节标题", false) {
        for (id, title) in pairs(&t, row, "章节标题", errs) {
            if title.is_empty() {
                w.titles.remove(&id);
            } else {
                w.titles.insert(id, title);
            }
        }
    }
    if let Some((_, t)) = c.text(errs, "省略章节", false) {
        w.omitted = t
            .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';'))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    if let Some((_, t)) = c.text(errs, "名词解释", false) {
        w.glossary = lines(&t).map(str::to_string).collect();
    }
    if let Some((row, t)) = c.text(errs, "无数据说明", false) {
        for (id, sentence) in pairs(&t, row, "无数据说明", errs) {
            w.no_data.insert(id, sentence);
        }
    }
    if let Some((row, t)) = c.text(errs, "表注", false) {
        for (table, note) in pairs(&t, row, "表注", errs) {
            w.table_notes.insert(table, note);
        }
    }
    if !budget {
        if let Some(i) = choice(errs, "项目级次", &levels) {
            w.project_level = FiscalLevel::ALL[i];
        }
        if let Some(i) = choice(errs, "目录表序号", &YES_NO) {
            w.toc_numbered = i == 0;
        }
        if let Some(i) = choice(errs, "名词解释列科目", &YES_NO) {
            w.glossary_funcs = i == 0;
        }
        let shown: Vec<&str> = ProjectDepartment::ALL.iter().map(|s| s.label()).collect();
        if let Some(i) = choice(errs, "项目主管部门", &shown) {
            w.project_department = ProjectDepartment::ALL[i];
        }
        if let Some(i) = choice(errs, "类名标（类）", &YES_NO) {
            w.class_marker = i == 0;
        }
        if let Some(i) = choice(errs, "数量为零照写", &YES_NO) {
            w.zero_counts = i == 0;
        }
        return;
    }
    let yes = |errs: &mut Errors, key: &'static str| choice(errs, key, &YES_NO).map(|i| i == 0);
    if let Some(b) = yes(errs, "说明千分位") {
        w.thousands = b;
    }
    if let Some((row, t)) = c.text(errs, "百分比小数位数", false) {
        match t.trim().parse::<u32>() {
            Ok(n) if n <= 4 => w.percent_decimals = n,
            _ => Cover::err(errs, row, "B", format!("百分比小数位数应为0至4，实际为“{}”", clip(&t))),
        }
    }
    if let Some(b) = yes(errs, "省略零值项目") {
        w.skip_zero_items = b;
    }
    if let Some((_, t)) = c.text(errs, "原因引语", false) {
        w.reason_intro = reason_intro(&t);
    }
    if let Some(b) = yes(errs, "单位构成编号") {
        w.unit_list = b;
    }
    if let Some(b) = yes(errs, "国有资本经营单列") {
        w.state_capital_section = b;
    }
    if let Some((_, t)) = c.text(errs, "总体原因引语", false) {
        w.total_reason_intro = reason_intro(&t);
    }
    if let Some(b) = yes(errs, "基本支出列明细") {
        w.basic_items = b;
    }
    if let Some(i) = choice(errs, "三公比较用语", &COMPARE_WORDS) {
        w.compare_word = COMPARE_WORDS[i].to_string();
    }
    if let Some(b) = yes(errs, "三公列增减率") {
        w.three_public_rate = b;
    }
    if let Some(b) = yes(errs, "三公写支出预算") {
        w.three_public_spending = b;
    }
    if let Some(b) = yes(errs, "设备称单位价值") {
        w.equipment_unit_value = b;
    }
    if let Some((_, t)) = c.text(errs, "本级预算称谓", false) {
        w.own_budget = t.trim().to_string();
    }
    if let Some((_, t)) = c.text(errs, "绩效目标说明", false) {
        w.performance_sentence = t.trim().to_string();
    }
    if let Some(b) = yes(errs, "绩效管理总额") {
        w.performance_totals = b;
    }
    if let Some((_, t)) = c.text(errs, "运行经费称谓", false) {
        w.operating_word = t.trim().to_string();
    }
    if let Some(b) = yes(errs, "收入来源分号") {
        w.income_semicolons = b;
    }
    if let Some(b) = yes(errs, "支出列功能分类") {
        w.general_classes = b;
    }
    if let Some(b) = yes(errs, "三公原因另起段") {
        w.three_public_reason_apart = b;
    }
    if let Some(b) = yes(errs, "公务用车分句比较") {
        w.vehicle_changes_apart = b;
    }
    if let Some(b) = yes(errs, "功能分类从大到小") {
        w.classes_by_size = b;
    }
}

/// `主要原因：` → `，主要原因：` (the intro follows a figure).
fn reason_intro(t: &str) -> String {
    let t = t.trim();
    if t.starts_with(['，', '。', '；']) {
        t.to_string()
    } else {
        format!("，{t}")
    }
}

fn lines(t: &str) -> impl Iterator<Item = &str> {
    t.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// `编号：内容` per line (a half-width colon too); a line without one is an error.
fn pairs(t: &str, row: usize, key: &str, errs: &mut Errors) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for l in lines(t) {
        match l.split_once(['：', ':']) {
            Some((id, text)) if !id.trim().is_empty() => v.push((id.trim().to_string(), text.trim().to_string())),
            _ => Cover::err(
                errs,
                row,
                "B",
                format!(
                    "“{key}”的每行应为“编号：内容”（如“2.4：财政拨款收入支出总体情况说明”），这一行不是：“{}”",
                    clip(l)
                ),
            ),
        }
    }
    v
}

fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        c.push('…');
    }
    c
}

/// The rows the template writes for `w` (key, value), in key order; empty
/// values for the defaults. Read back by [`read`], they give `w` again.
pub(crate) fn rows(w: &Wording, budget: bool) -> Vec<(&'static str, String)> {
    let d = Wording::default();
    let pairs = |m: &std::collections::BTreeMap<String, String>| {
        m.iter()
            .map(|(k, v)| format!("{k}：{v}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let yes = |b: bool, default: bool| {
        if b == default {
            String::new()
        } else {
            YES_NO[usize::from(!b)].to_string()
        }
    };
    let text = |t: &str, default: &str| {
        if t == default { String::new() } else { t.to_string() }
    };
    let mut v = vec![
        ("文字样式", String::new()),
        (
            "自称",
            if w.self_name == d.self_name {
                String::new()
            } else {
                w.self_name.label().to_string()
            },
        ),
        (
            "财政级次",
            if w.fiscal_level == d.fiscal_level {
                String::new()
            } else {
                w.fiscal_level.label().to_string()
            },
        ),
        ("章节标题", pairs(&w.titles)),
        ("省略章节", w.omitted.iter().cloned().collect::<Vec<_>>().join("、")),
        ("名词解释", w.glossary.join("\n")),
        ("无数据说明", pairs(&w.no_data)),
        ("表注", pairs(&w.table_notes)),
    ];
    if !budget {
        v.push((
            "项目级次",
            if w.project_level == d.project_level {
                String::new()
            } else {
                w.project_level.label().to_string()
            },
        ));
        v.push(("目录表序号", yes(w.toc_numbered, d.toc_numbered)));
        v.push(("名词解释列科目", yes(w.glossary_funcs, d.glossary_funcs)));
        v.push((
            "项目主管部门",
            if w.project_department == d.project_department {
                String::new()
            } else {
                w.project_department.label().to_string()
            },
        ));
        v.push(("类名标（类）", yes(w.class_marker, d.class_marker)));
        v.push(("数量为零照写", yes(w.zero_counts, d.zero_counts)));
    }
    if budget {
        v.extend([
            ("说明千分位", yes(w.thousands, d.thousands)),
            (
                "百分比小数位数",
                if w.percent_decimals == d.percent_decimals {
                    String::new()
                } else {
                    w.percent_decimals.to_string()
                },
            ),
            ("省略零值项目", yes(w.skip_zero_items, d.skip_zero_items)),
            (
                "原因引语",
                if w.reason_intro == d.reason_intro {
                    String::new()
                } else {
                    w.reason_intro.clone()
                },
            ),
            ("单位构成编号", yes(w.unit_list, d.unit_list)),
            (
                "国有资本经营单列",
                yes(w.state_capital_section, d.state_capital_section),
            ),
            ("总体原因引语", w.total_reason_intro.clone()),
            ("基本支出列明细", yes(w.basic_items, d.basic_items)),
            ("三公比较用语", text(&w.compare_word, &d.compare_word)),
            ("三公列增减率", yes(w.three_public_rate, d.three_public_rate)),
            ("三公写支出预算", yes(w.three_public_spending, d.three_public_spending)),
            ("设备称单位价值", yes(w.equipment_unit_value, d.equipment_unit_value)),
            ("本级预算称谓", text(&w.own_budget, &d.own_budget)),
            ("绩效目标说明", w.performance_sentence.clone()),
            ("绩效管理总额", yes(w.performance_totals, d.performance_totals)),
            ("运行经费称谓", text(&w.operating_word, &d.operating_word)),
            ("收入来源分号", yes(w.income_semicolons, d.income_semicolons)),
            ("支出列功能分类", yes(w.general_classes, d.general_classes)),
            (
                "三公原因另起段",
                yes(w.three_public_reason_apart, d.three_public_reason_apart),
            ),
            (
                "公务用车分句比较",
                yes(w.vehicle_changes_apart, d.vehicle_changes_apart),
            ),
            ("功能分类从大到小", yes(w.classes_by_size, d.classes_by_size)),
        ]);
    }
    v
}

/// Writes the wording rows' values into column B, each on the row of its
/// key in `keys` (the keys of `封面`, written with the others), with their
/// drop-downs.
pub(crate) fn write_rows(
    ws: &mut rust_xlsxwriter::Worksheet,
    f: &crate::import::Formats,
    keys: &[&str],
    w: &Wording,
    budget: bool,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::DataValidation;
    for (key, value) in rows(w, budget) {
        // Every row's key is one of `keys` (tested): the row is where it is.
        let Some(row) = keys.iter().position(|k| *k == key) else {
            continue;
        };
        let row = row as u32;
        crate::import::put(ws, f, row, 1, crate::import::Value::Text(&value))?;
        if let Some(list) = choices(key, budget) {
            ws.add_data_validation(row, 1, row, 1, &DataValidation::new().allow_list_strings(&list)?)?;
        }
    }
    Ok(())
}

/// The drop-down choices of a row, if it has them.
fn choices(key: &str, budget: bool) -> Option<Vec<&'static str>> {
    match key {
        "文字样式" => Some(
            if budget { &Preset::BUDGET } else { &Preset::FINAL }
                .iter()
                .map(|p| p.label())
                .collect(),
        ),
        "自称" => Some(SelfName::ALL.iter().map(|s| s.label()).collect()),
        "财政级次" | "项目级次" => Some(FiscalLevel::ALL.iter().map(|s| s.label()).collect()),
        "说明千分位"
        | "省略零值项目"
        | "单位构成编号"
        | "国有资本经营单列"
        | "基本支出列明细"
        | "三公列增减率"
        | "三公写支出预算"
        | "设备称单位价值"
        | "绩效管理总额"
        | "收入来源分号"
        | "支出列功能分类"
        | "三公原因另起段"
        | "公务用车分句比较"
        | "功能分类从大到小"
        | "目录表序号"
        | "名词解释列科目"
        | "类名标（类）"
        | "数量为零照写" => Some(YES_NO.to_vec()),
        "项目主管部门" => Some(ProjectDepartment::ALL.iter().map(|s| s.label()).collect()),
        "三公比较用语" => Some(COMPARE_WORDS.to_vec()),
        _ => None,
    }
}

/// The reference's section on the wording rows (both workbooks' docs).
pub fn reference_note(budget: bool) -> String {
    let presets: Vec<&str> = if budget { &Preset::BUDGET } else { &Preset::FINAL }
        .iter()
        .map(|p| p.label())
        .collect();
    let ids = if budget {
        "预算的段落编号：`1.1`–`1.3`（第一部分），`2.1`–`2.10`（第二部分的十节），`2.9s`（单列的国有资本经营预算），\
         `2.10.1`–`2.10.5`；`part1`–`part3` 为各部分标题"
    } else {
        "决算的段落编号：`p1.1`–`p1.3`，`f1`–`f13` 及其下的 `f5.1`、`f9.2`、`f13.3` 等；`part1`、`part3`、`part4` 为各部分标题"
    };
    let mut s = format!(
        "\n## 文字设置\n\n\
         文字样式：{}（先按所选样式填满各项，再由其余各行逐项改写）；自称：{}；财政级次：{}。\
         章节标题、无数据说明每行一项，写作“编号：内容”；省略章节写编号，以顿号或换行分隔；\
         名词解释每行一条，不写序号。内容可用 {{部门}}、{{年度}}、{{上年}}。{ids}。\
         无数据说明只在该节没有数据时使用，内容留空即不写这一句（该节别无内容时整节不印）。\
         表注每行一张表，写作“表名：表下的说明”（如“预算05表：备注：本表仅含当年财政拨款安排的支出。”），\
         内容留空即不印表下说明；预算09、13表和公开07、08表的说明只在该表没有数据时印出。\n",
        presets.join("、"),
        SelfName::ALL.iter().map(|s| s.label()).collect::<Vec<_>>().join("、"),
        FiscalLevel::ALL
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>()
            .join("、"),
    );
    if !budget {
        s.push_str(
            "项目级次：十三（一）“对某年度××预算项目支出进行全面自评”中的级次，按表样即不写。\
             目录表序号：目录中第二部分的表写作“一、收入支出决算总表”而非“公开01表 收入支出决算总表”（是、否）。\
             名词解释列科目：名词解释在各条之后为公开05表的每个功能科目（项）列一条“某某支出（类）某某（款）某某（项）：反映……”，\
             用科目表的说明（是、否；没有说明的科目不列，审核中提示）。\
             项目主管部门：项目支出绩效自评表“主管部门及代码”一行印名称和代码、只印代码，或只印名称（该行写作“主管部门”）。\
             类名标（类）：支出决算和一般公共预算财政拨款支出结构中，功能分类的类写作“科学技术（类）支出”而非“科学技术支出”（是、否）。\
             数量为零照写：“三公”经费一节中团组、人次、车辆等数量为零时照写（是），或不写这句（否）。\n",
        );
    }
    if budget {
        s.push_str(
            "说明千分位、省略零值项目、单位构成编号、国有资本经营单列：是、否；百分比小数位数：0至4；\
             原因引语：如“，主要原因：”。\n\
             总体原因引语：第一节（收入支出总体）的原因引语，如“。主要原因：”，不填即同原因引语。\
             基本支出列明细：第六节是否列出人员经费、公用经费的“主要包括”（是、否）。\
             三公比较用语：较、比（“比”时持平写作“与上年预算持平”）；三公列增减率：是、否；\
             三公写支出预算：写““三公”经费支出预算为”而非““三公”经费预算为”（是、否）。\
             设备称单位价值：国有资产一节写“单位价值50万元以上通用设备3台（套）”而非“单价50万元以上\
             通用设备0套”（是、否；省略零值项目为是时，车辆数为零的也不写）。本级预算称谓：如“局机关本级预算”。\
             绩效目标说明：绩效目标一节“某年”之后的那句话，不填即按表样。绩效管理总额：\
             是否写“纳入预算绩效管理的支出总额”一句（是、否）。运行经费称谓：如“机构运转经费”。\n\
             收入来源分号：第二节各项收入之间用“；”而非“，”（是、否）。支出列功能分类：第五节是否写\
             “主要用于以下方面：”及各功能分类（是、否）。三公原因另起段：“三公”（一）（二）的原因\
             另起一段，写作“主要原因：…”（是、否）。公务用车分句比较：“三公”（三）先写购置费和\
             运行维护费，再逐项写与上年的比较（是、否）。功能分类从大到小：第五节的功能分类按金额从大到小\
             排列，而非按科目编码（是、否）。\n",
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::COVER_KEYS;
    use crate::sheets_final::FINAL_COVER_KEYS;

    /// The cover keys end with the wording rows, in the order the template
    /// writes them.
    #[test]
    fn the_cover_keys_end_with_the_rows_written() {
        let budget: Vec<&str> = WORDING_KEYS.iter().chain(&BUDGET_WORDING_KEYS).copied().collect();
        assert!(COVER_KEYS.ends_with(&budget));
        let written: Vec<&str> = rows(&Wording::default(), true).iter().map(|(k, _)| *k).collect();
        assert_eq!(written, budget);
        let fin: Vec<&str> = WORDING_KEYS.iter().chain(&FINAL_WORDING_KEYS).copied().collect();
        assert!(FINAL_COVER_KEYS.ends_with(&fin));
        let written: Vec<&str> = rows(&Wording::default(), false).iter().map(|(k, _)| *k).collect();
        assert_eq!(written, fin);
    }
}
