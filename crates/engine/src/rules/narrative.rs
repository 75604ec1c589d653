//! 错误7: a figure of a rewritten paragraph must be a figure of the tables or
//! of the generated narrative; and a figure with a label the generated
//! narrative gives one figure (「公务接待费X万元」) must be that figure, not
//! merely some figure of the tables.

use std::collections::HashSet;

use rust_decimal::Decimal;
use yusuan_model::Package;
use yusuan_report::table::{Cell, Table, to_wan};
use yusuan_report::text::Narrative;

use super::{Finding, Location, Rule};

/// The numbers of a text that are followed by 万元 or %: (as written, value, is_percent).
pub fn figures(text: &str) -> Vec<(String, Decimal, bool)> {
    labelled_figures(text)
        .into_iter()
        .map(|f| (f.written, f.value, f.percent))
        .collect()
}

/// A 万元 or % figure of a text with the words just before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    /// The Chinese words before the figure, without a joining word (为, 是,
    /// 共, 安排 …): `公务接待费`, `基本支出`; empty when there are none.
    pub label: String,
    pub written: String,
    pub value: Decimal,
    pub percent: bool,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The label before position `start`: at most 12 Chinese characters, the
/// joining words at its end dropped.
fn label_before(chars: &[char], start: usize) -> String {
    let mut end = start;
    while end > 0 && chars[end - 1] == ' ' {
        end -= 1;
    }
    let mut begin = end;
    while begin > 0 && is_cjk(chars[begin - 1]) && end - begin < 12 {
        begin -= 1;
    }
    let mut label: String = chars[begin..end].iter().collect();
    const JOINING: [&str; 12] = [
        "合计", "总计", "共计", "安排", "预算", "为", "是", "共", "约", "达", "计", "数",
    ];
    while let Some(j) = JOINING.iter().find(|j| label.ends_with(**j) && label.len() > j.len()) {
        label.truncate(label.len() - j.len());
    }
    label
}

/// The 万元 and % figures of a text, with their labels.
pub fn labelled_figures(text: &str) -> Vec<Labelled> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
                i += 1;
            }
            let raw: String = chars[start..i].iter().collect();
            let written = raw.trim_end_matches(['.', ',']).to_string();
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let rest: String = chars[j..].iter().take(2).collect();
            let pct = rest.starts_with('%') || rest.starts_with('％');
            if pct || rest.starts_with("万元") {
                let clean: String = written.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
                if let Ok(v) = clean.parse::<Decimal>() {
                    out.push(Labelled {
                        label: label_before(&chars, start),
                        written,
                        value: v.normalize(),
                        percent: pct,
                    });
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Two labels name the same figure when one ends with the other and the
/// shorter has three characters or more (「其中：公务接待费」, 「公务接待费」).
/// Also the 决算's ([`crate::final_accounts::narrative_checks`]).
pub(crate) fn same_label(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short.chars().count() >= 3 && long.ends_with(short)
}

/// Validation rule 7: every 万元/% figure of an overridden paragraph must be a
/// figure of the generated narrative or of the tables.
pub fn check(p: &Package, generated: &Narrative, tables: &[Table]) -> Vec<Finding> {
    if p.narrative_overrides.is_empty() {
        return Vec::new();
    }
    let mut known: HashSet<(Decimal, bool)> = HashSet::new();
    for (_, v, pct) in figures(&generated.plain_text()) {
        known.insert((v, pct));
    }
    for t in tables {
        for row in &t.rows {
            for cell in &row.cells {
                if let Cell::Amount(y) = cell {
                    known.insert((to_wan(*y, t.decimals).normalize(), false));
                }
            }
        }
    }
    // The labelled figures of the generated narrative.
    let generated_figures = labelled_figures(&generated.plain_text());
    let mut out = Vec::new();
    for part in &generated.parts {
        for para in &part.paragraphs {
            let Some(text) = p.narrative_overrides.get(&para.id) else {
                continue;
            };
            let heading = if para.heading.is_empty() {
                para.id.as_str()
            } else {
                para.heading.as_str()
            };
            for f in labelled_figures(text) {
                let (written, v, pct) = (f.written.clone(), f.value, f.percent);
                // The figure the generated text gives this label, when it gives one.
                let named: Vec<Decimal> = generated_figures
                    .iter()
                    .filter(|g| g.percent == pct && same_label(&g.label, &f.label))
                    .map(|g| g.value)
                    .collect();
                let unit = if pct { "%" } else { "万元" };
                if let Some(&expected) = named.first()
                    && named.iter().all(|x| *x == expected)
                    && v != expected
                {
                    out.push(Finding::new(
                        Rule::NarrativeFigures,
                        Location::Narrative(para.id.clone()),
                        format!(
                            "改写的段落“{heading}”中的“{}{written}{unit}”与{}的数字{}{unit}不一致，请核对后修改",
                            f.label, f.label, expected
                        ),
                    ));
                    continue;
                }
                if !known.contains(&(v, pct)) {
                    out.push(Finding::new(
                        Rule::NarrativeFigures,
                        Location::Narrative(para.id.clone()),
                        format!(
                            "改写的段落“{heading}”中的数字“{written}{unit}”与预算表和生成的说明中的任何数字都不一致，请核对后修改"
                        ),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_found() {
        let v = figures("收入1,959.63万元，增长1.11%，共15个，100万元");
        let w: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(w, ["1,959.63", "1.11", "100"]);
    }

    #[test]
    fn labels_are_the_words_before_a_figure() {
        let v = labelled_figures("其中：公务接待费为0.90万元，基本支出安排186.13万元，占9.50%");
        let l: Vec<&str> = v.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(l, ["公务接待费", "基本支出", "占"]);
        assert!(same_label("其中公务接待费", "公务接待费"));
        assert!(!same_label("支出", "基本支出"), "too short to say");
    }
}
