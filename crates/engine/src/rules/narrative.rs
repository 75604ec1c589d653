//! 错误7: a figure of a rewritten paragraph must be a figure of the tables or
//! of the generated narrative. (Checking by label — 「公务接待费X万元」 against
//! the 公务接待费 figure — is issue 11's.)

use std::collections::HashSet;

use rust_decimal::Decimal;
use yusuan_model::Package;
use yusuan_report::table::{Cell, Table, to_wan};
use yusuan_report::text::Narrative;

use super::{Finding, Location, Rule};

/// The numbers of a text that are followed by 万元 or %: (as written, value, is_percent).
pub fn figures(text: &str) -> Vec<(String, Decimal, bool)> {
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
                    out.push((written, v.normalize(), pct));
                }
            }
        } else {
            i += 1;
        }
    }
    out
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
    let mut out = Vec::new();
    for part in &generated.parts {
        for para in &part.paragraphs {
            let Some(text) = p.narrative_overrides.get(&para.id) else {
                continue;
            };
            for (written, v, pct) in figures(text) {
                if !known.contains(&(v, pct)) {
                    let unit = if pct { "%" } else { "万元" };
                    out.push(Finding::new(
                        Rule::NarrativeFigures,
                        Location::Narrative(para.id.clone()),
                        format!(
                            "改写的段落“{}”中的数字“{written}{unit}”与预算表和生成的说明中的任何数字都不一致，请核对后修改",
                            if para.heading.is_empty() { para.id.as_str() } else { para.heading.as_str() }
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
}
