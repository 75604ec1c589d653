//! 警告7: the officer's own text, read as a proof-reader would before it goes
//! on the website: placeholders left in (XXX, ＿＿, 某某), a year that is
//! neither the budget year nor the one before (for a 决算 also the year after,
//! when it is published), ASCII punctuation inside Chinese, the same
//! punctuation twice, a word typed twice (「用于用于」「方面方面」「反映反映」,
//! the seeds' own typos). A year that is one end of a range (「2023-2025年」,
//! 「2021年至2025年」, a plan's period) is not flagged.
//!
//! Every officer-typed text is read: of a 预算 package the 说明 texts, the
//! rewritten narrative paragraphs, the 整体绩效 goal and tasks, the 备注 of
//! basic lines, the notes of the performance targets; of a 决算 package
//! ([`final_findings`]) 部门职责/机构设置, the 说明 texts, the reasons by 功能
//! 科目, the rewritten paragraphs and the 自评 texts; of both, the 文字设置
//! the officer typed (titles, no-data sentences, 名词解释 entries).

use yusuan_model::final_package::FinalPackage;
use yusuan_model::{Package, TextKey};

use crate::final_accounts::checks::{FinalFinding, Level as FinalLevel};

use super::{Field, Location, Out, Rule};

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// A short piece of the text around byte `at`, for the message.
fn around(t: &str, at: usize) -> String {
    let before: Vec<char> = t[..at].chars().rev().take(6).collect();
    let after: String = t[at..].chars().take(8).collect();
    let s = before.into_iter().rev().collect::<String>() + &after;
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks between the two years of a range: 2023-2025年, 2023年至2025年.
fn is_range_mark(c: char) -> bool {
    matches!(c, '-' | '－' | '—' | '–' | '~' | '～' | '至' | '到')
}

/// The end of a clause: a fund's name runs up to one.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '\n' | ',' | ';')
}

/// Two-character words typed twice are flagged only for these: a general
/// ABAB test would flag words that overlap (企业创业创新 holds 业创业创).
const DOUBLED_WORDS: [&str; 24] = [
    "用于", "方面", "反映", "主要", "包括", "其中", "部门", "单位", "项目", "资金", "支出", "收入", "预算", "决算",
    "经费", "增加", "减少", "原因", "保障", "开展", "以及", "进行", "按照", "根据",
];

/// The problems of one text of a 预算 of `year`, each a message.
pub fn problems(text: &str, year: i32) -> Vec<String> {
    problems_in(text, year - 1, year, || format!("预算年度是{year}年"))
}

/// The problems of one text of a 决算 of `year` (published the year after).
pub fn final_problems(text: &str, year: i32) -> Vec<String> {
    problems_in(text, year - 1, year + 1, || format!("决算年度是{year}年"))
}

/// The problems of one text where the years `first..=last` belong; `which`
/// names the package's year in the message.
///
/// Called on every text of the package at every recompute (20,000 notes of a
/// large package, most empty or short): nothing is allocated and no
/// substring searcher is built unless the text can hold the problem.
fn problems_in(text: &str, first: i32, last: i32, which: impl Fn() -> String) -> Vec<String> {
    let mut out = Vec::new();
    if text.is_empty() {
        return out;
    }
    // Every placeholder begins with one of these characters.
    if text.contains(['X', 'x', 'Ｘ', '×', '＿', '_', '某', '…']) {
        for p in ["XXX", "xxx", "ＸＸＸ", "×××", "＿＿", "__", "某某", "……（略）"] {
            if let Some(at) = text.find(p) {
                out.push(format!("有占位符“{p}”（“{}”）：请换成实际内容", around(text, at)));
            }
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Years: four digits followed by 年.
    let mut i = 0;
    while i + 4 < chars.len() {
        let starts = i == 0 || !chars[i - 1].1.is_ascii_digit();
        if starts && chars[i + 4].1 == '年' && chars[i..i + 4].iter().all(|(_, c)| c.is_ascii_digit()) {
            let y = chars[i..i + 4]
                .iter()
                .fold(0i32, |y, (_, c)| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
            let at = |j: usize| chars.get(j).map(|x| x.1);
            // 2023-2025年 / 2023年至2025年: the end of a range ...
            let ends_range = i >= 2
                && at(i - 1).is_some_and(is_range_mark)
                && at(i - 2).is_some_and(|c| c.is_ascii_digit() || c == '年');
            // ... or its start (2021年至2025年).
            let starts_range = at(i + 5).is_some_and(is_range_mark) && at(i + 6).is_some_and(|c| c.is_ascii_digit());
            // 2021年市企业技术改造贷款贴息专项资金: the year begins a fund's name.
            let names_fund = (i == 0 || at(i - 1).is_some_and(is_clause_break)) && {
                let clause: String = chars[i + 5..]
                    .iter()
                    .map(|x| x.1)
                    .take_while(|c| !is_clause_break(*c))
                    .collect();
                clause.chars().count() <= 30
                    && !clause.chars().any(|c| c.is_ascii_digit())
                    && ["资金", "专项", "经费"].iter().any(|s| clause.ends_with(s))
            };
            if !(first..=last).contains(&y) && !ends_range && !starts_range && !names_fund {
                out.push(format!(
                    "写的是{y}年（“{}”），{}：请核对是否沿用了往年的文字",
                    around(text, chars[i].0),
                    which()
                ));
            }
            i += 5;
            continue;
        }
        i += 1;
    }
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        // ASCII punctuation next to Chinese (a comma between digits is a number).
        // Brackets of a formula (资金细化率=(…)×100%) are the formula's.
        let operator = |x: Option<char>| x.is_some_and(|x| "=+-×÷/*<>≤≥".contains(x));
        let formula = (c == '(' && operator(prev)) || (c == ')' && operator(next));
        if matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')')
            && (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk))
            && !formula
        {
            let full = match c {
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '?' => '？',
                '!' => '！',
                '(' => '（',
                _ => '）',
            };
            out.push(format!(
                "中文中用了半角标点“{c}”（“{}”）：应为全角“{full}”",
                around(text, at)
            ));
        }
        // The same punctuation twice (…… and —— are one mark each).
        if matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？') && next == Some(c) {
            out.push(format!("标点“{c}”重复（“{}”）", around(text, at)));
        }
    }
    // A word typed twice: 的的, 用于用于, 工作安排工作安排 (three or four
    // characters, a one-character function word, or a two-character word of
    // [`DOUBLED_WORDS`]).
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !is_cjk(c) {
            continue;
        }
        if matches!(c, '的' | '了' | '和' | '及' | '在' | '是' | '对') && chars.get(k + 1).map(|x| x.1) == Some(c)
        {
            out.push(format!("“{c}{c}”重复（“{}”）", around(text, at)));
            continue;
        }
        for n in 2..=4 {
            if k + 2 * n > chars.len() {
                break;
            }
            let a = &chars[k..k + n];
            let b = &chars[k + n..k + 2 * n];
            if a.iter().all(|x| is_cjk(x.1)) && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1)) {
                let word: String = a.iter().map(|x| x.1).collect();
                if n == 2 && !DOUBLED_WORDS.contains(&word.as_str()) {
                    continue;
                }
                out.push(format!("“{word}”连写了两次（“{}”）", around(text, at)));
                break;
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `notes`: some basic line has a 备注 (noted while resolving: the 20,000
/// lines of a large package are not read again for their empty 备注).
pub(super) fn check(p: &Package, notes: bool, out: &mut Out) {
    let year = p.department.year;
    for (key, text) in &p.texts {
        // 主要职责 and 机构设置 tell the department's history: earlier years are right there.
        let history = matches!(key, TextKey::Duties | TextKey::Organization);
        for m in problems(text, year) {
            if history && m.starts_with("写的是") {
                continue;
            }
            out.push(Rule::TextLint, Location::Text(*key), m);
        }
    }
    for (id, text) in &p.narrative_overrides {
        for m in problems(text, year) {
            out.push(Rule::TextLint, Location::Narrative(id.clone()), m);
        }
    }
    let perf = &p.performance;
    let perf_texts = std::iter::once(&perf.goal)
        .chain(perf.tasks.iter().map(|t| &t.content))
        .chain(perf.indicators.iter().map(|i| &i.note));
    for text in perf_texts {
        for m in problems(text, year) {
            out.push(Rule::TextLint, Location::Performance, m);
        }
    }
    if notes {
        for (i, line) in p.basic_lines.iter().enumerate() {
            for m in problems(&line.note, year) {
                out.push(Rule::TextLint, Location::BasicLine(i, Field::Note), m);
            }
        }
    }
    for (i, project) in p.projects.iter().enumerate() {
        for ind in &project.indicators {
            for m in problems(&ind.note, year) {
                out.push(Rule::TextLint, Location::ProjectIndicators(i), m);
            }
        }
    }
    for m in problems(&p.assets.other_vehicles_note, year) {
        out.push(Rule::TextLint, Location::Asset("other".into()), m);
    }
    // 文字设置: the department's titles, no-data sentences and 名词解释
    // (as printed: placeholders filled), at the paragraph they belong to.
    for (id, text) in wording_texts(&p.wording, &p.department.name, year, "3.1") {
        for m in problems(&text, year) {
            out.push(Rule::TextLint, Location::Narrative(id.clone()), m);
        }
    }
}

/// The officer-typed texts of the wording, filled in, by paragraph id
/// (the 名词解释 entries under `glossary_id`).
fn wording_texts(w: &yusuan_model::Wording, name: &str, year: i32, glossary_id: &str) -> Vec<(String, String)> {
    use yusuan_model::Wording;
    let name = name.trim();
    w.titles
        .iter()
        .chain(w.no_data.iter())
        .map(|(id, t)| (id.clone(), Wording::fill(t, name, year)))
        .chain(w.glossary.iter().map(|t| (glossary_id.to_string(), t.clone())))
        // The 预算's 绩效目标 sentence (empty unless the officer wrote one).
        .chain(
            Some(w.performance_sentence.trim())
                .filter(|t| !t.is_empty())
                .map(|t| ("2.10.3".to_string(), Wording::fill(t, name, year))),
        )
        .collect()
}

/// 警告 L1 of a 决算 package: every officer-typed text, as [`check`] reads a
/// 预算's; appended to the findings of [`crate::final_accounts::compute`].
pub fn final_findings(p: &FinalPackage) -> Vec<FinalFinding> {
    let year = p.department.year;
    let mut texts: Vec<(String, &str, bool)> = Vec::new();
    for (key, text) in &p.dept_texts {
        // 部门职责 and 机构设置 tell the department's history.
        texts.push((format!("说明（{}）", key.label()), text, true));
    }
    for (key, text) in &p.texts {
        texts.push((format!("说明（{}）", key.label()), text, false));
    }
    for (func, text) in &p.reasons_by_func {
        texts.push((format!("差异原因（功能科目{func}）"), text, false));
    }
    for (id, text) in &p.narrative_overrides {
        texts.push((format!("情况说明（{id}）"), text, false));
    }
    let dept = &p.dept_eval;
    texts.push(("整体自评（年度目标实际完成情况）".into(), &dept.goal_actual, false));
    for (i, t) in dept.task_results.iter().enumerate() {
        texts.push((format!("整体自评（任务{}完成情况）", i + 1), t, false));
    }
    for (i, r) in dept.results.iter().enumerate() {
        for t in [&r.actual, &r.deviation, &r.remedy] {
            texts.push((format!("整体自评（指标第{}行）", i + 1), t, false));
        }
    }
    for e in &p.project_evals {
        let place = format!("项目自评（{}）", e.project);
        for t in [&e.goal_planned, &e.goal_actual] {
            texts.push((place.clone(), t, false));
        }
        for f in &e.fund_mgmt {
            for t in [&f.note, &f.issue] {
                texts.push((place.clone(), t, false));
            }
        }
        for (ind, r) in &e.indicators {
            for t in [&ind.note, &r.actual, &r.deviation, &r.remedy] {
                texts.push((place.clone(), t, false));
            }
        }
    }
    let wording = wording_texts(&p.wording, &p.department.name, year, "p4");
    for (id, text) in &wording {
        texts.push((format!("文字设置（段落{id}）"), text, false));
    }
    let mut out = Vec::new();
    for (place, text, history) in texts {
        for m in final_problems(text, year) {
            if history && m.starts_with("写的是") {
                continue;
            }
            out.push(FinalFinding {
                id: "L1",
                level: FinalLevel::Warning,
                place: place.clone(),
                message: m,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{final_problems, problems};

    #[test]
    fn the_wording_texts_are_read() {
        let mut p = yusuan_model::Package::default();
        p.department.name = "甲局".into();
        p.department.year = 2024;
        p.wording.titles.insert("2.4".into(), "财政拨款收支XXX情况".into());
        p.wording
            .no_data
            .insert("2.9".into(), "{部门}{年度}年无政府性基金支出。".into());
        p.wording.glossary.push("基本支出：指指用于用于机构运转的支出。".into());
        let mut out = super::Out { v: Vec::new() };
        super::check(&p, false, &mut out);
        let found: Vec<String> = out
            .v
            .iter()
            .map(|f| format!("{:?} {}", f.location, f.message))
            .collect();
        assert!(
            found.iter().any(|f| f.contains("\"2.4\"") && f.contains("XXX")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("\"3.1\"") && f.contains("用于")),
            "{found:?}"
        );
        // {年度} is filled in before it is read: no year problem, no ASCII brace.
        assert!(!found.iter().any(|f| f.contains("\"2.9\"")), "{found:?}");
    }

    fn one(text: &str, words: &[&str]) {
        let p = problems(text, 2024);
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        for w in words {
            assert!(p[0].contains(w), "{text}: {p:?} lacks {w}");
        }
    }

    #[test]
    fn each_kind_is_found() {
        one("本部门XXX年收入增加。", &["占位符", "XXX"]);
        one("某某单位承担。", &["某某"]);
        one("2021年部门收支总预算为100万元。", &["2021年", "2024年"]);
        one("收入增加,主要原因是项目增加。", &["半角", "，"]);
        one("收入增加，，主要原因是项目增加。", &["标点", "重复"]);
        one("主要是的的原因。", &["的的"]);
        one("做好工作安排工作安排。", &["工作安排", "两次"]);
        // The seeds' typos (spec/final/narrative.md §5).
        one("主要用于用于设备购置。", &["用于", "两次"]);
        one("保障机关运行方面方面的支出。", &["方面", "两次"]);
        one("反映反映行政单位的基本支出。", &["反映", "两次"]);
        one("2026年继续开展。", &["2026年", "2024年"]);
    }

    #[test]
    fn years_of_ranges_and_of_a_final_are_not_flagged() {
        for t in [
            "落实2021-2025年发展规划。",
            "落实2021—2025年发展规划，2021年至2025年共五年。",
            "2023年决算与2022年相比，2024年9月公开。",
        ] {
            let y = if t.contains("决算") { 2023 } else { 2024 };
            let p = if y == 2023 {
                final_problems(t, y)
            } else {
                problems(t, y)
            };
            assert!(p.is_empty(), "{t}: {p:?}");
        }
        // A fund's name that begins with its year; not a clause that ends in 万元.
        assert!(final_problems("工作经费，2021年市企业技术改造贷款贴息专项资金，去世职工抚恤金。", 2023).is_empty());
        assert_eq!(final_problems("工作经费，2021年部门支出为100万元。", 2023).len(), 1);
        // The year after is the 决算's publication, not the 预算's.
        assert_eq!(problems("2025年继续开展。", 2024).len(), 1);
        assert!(final_problems("2025年继续开展。", 2024).is_empty());
        assert_eq!(final_problems("2021年继续开展。", 2023).len(), 1);
        // A lone year before a dash that is no range is still a year.
        assert_eq!(problems("2019年-收入", 2024).len(), 1);
    }

    #[test]
    fn overlapping_two_character_words_are_not_doubled() {
        for t in ["建立中小企业创业创新示范基地。", "加强研究研究生培养。"] {
            assert!(problems(t, 2024).is_empty(), "{t}: {:?}", problems(t, 2024));
        }
        assert_eq!(problems("项目支出支出增加。", 2024).len(), 1);
    }

    #[test]
    fn good_text_has_none() {
        for t in [
            "2024年部门收支总预算1,959.63万元，比2023年增加12.5%。",
            "（一）一般公共预算支出……",
            "人人参与，常抓不懈；年度目标：保障运转。",
            "建立中小企业创业创新示范基地。",
            "资金细化率=(已细化到具体项目的资金/分配资金总数)×100%。",
            "English words, ASCII punctuation and numbers (1,234.56) are fine.",
        ] {
            assert!(problems(t, 2024).is_empty(), "{t}: {:?}", problems(t, 2024));
        }
    }
}
