//! 警告7: the officer's own text, read as a proof-reader would before it goes
//! on the website: placeholders left in (XXX, ＿＿, 某某), a year that is
//! neither the budget year nor the one before, ASCII punctuation inside
//! Chinese, the same punctuation twice, a word typed twice.

use yusuan_model::{Package, TextKey};

use super::{Location, Out, Rule};

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

/// The problems of one text, each a message.
pub fn problems(text: &str, year: i32) -> Vec<String> {
    let mut out = Vec::new();
    for p in ["XXX", "xxx", "ＸＸＸ", "×××", "＿＿", "__", "某某", "……（略）"] {
        if let Some(at) = text.find(p) {
            out.push(format!("有占位符“{p}”（“{}”）：请换成实际内容", around(text, at)));
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Years: four digits followed by 年.
    let mut i = 0;
    while i + 4 < chars.len() {
        let digits: String = chars[i..i + 4].iter().map(|(_, c)| *c).collect();
        let starts = i == 0 || !chars[i - 1].1.is_ascii_digit();
        if starts && digits.bytes().all(|b| b.is_ascii_digit()) && chars[i + 4].1 == '年' {
            let y: i32 = digits.parse().unwrap_or(0);
            if y != year && y != year - 1 {
                out.push(format!(
                    "写的是{y}年（“{}”），预算年度是{year}年：请核对是否沿用了往年的文字",
                    around(text, chars[i].0)
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
        if matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')')
            && (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk))
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
    // A word typed twice: 的的, 工作安排工作安排 (three or four characters,
    // or a one-character function word; two-character repeats are too often
    // words that overlap, as 企业创业创新).
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !is_cjk(c) {
            continue;
        }
        if matches!(c, '的' | '了' | '和' | '及' | '在' | '是' | '对') && chars.get(k + 1).map(|x| x.1) == Some(c)
        {
            out.push(format!("“{c}{c}”重复（“{}”）", around(text, at)));
            continue;
        }
        for n in 3..=4 {
            if k + 2 * n > chars.len() {
                break;
            }
            let a = &chars[k..k + n];
            let b = &chars[k + n..k + 2 * n];
            if a.iter().all(|x| is_cjk(x.1)) && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1)) {
                let word: String = a.iter().map(|x| x.1).collect();
                out.push(format!("“{word}”连写了两次（“{}”）", around(text, at)));
                break;
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

pub(super) fn check(p: &Package, out: &mut Out) {
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
    for text in std::iter::once(&perf.goal).chain(perf.tasks.iter().map(|t| &t.content)) {
        for m in problems(text, year) {
            out.push(Rule::TextLint, Location::Performance, m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problems;

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
    }

    #[test]
    fn good_text_has_none() {
        for t in [
            "2024年部门收支总预算1,959.63万元，比2023年增加12.5%。",
            "（一）一般公共预算支出……",
            "人人参与，常抓不懈；年度目标：保障运转。",
            "建立中小企业创业创新示范基地。",
            "English words, ASCII punctuation and numbers (1,234.56) are fine.",
        ] {
            assert!(problems(t, 2024).is_empty(), "{t}: {:?}", problems(t, 2024));
        }
    }
}
