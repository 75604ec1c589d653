//! Amounts as people write them: `1959630.00`, `1,959,630`, `１２３４．５`,
//! `195.963` 万元. One parser for the import workbook, the editor's cells and
//! the audit message of an entry that did not parse.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::Yuan;
use crate::limits::max_amount;

/// Full-width digits and punctuation (as a Chinese input method types them)
/// to ASCII.
pub fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '，' => ',',
        '．' | '。' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        _ => c,
    }
}

/// At most 40 characters of what was written, for a message.
/// Line breaks and other control characters are shown as spaces, so that a
/// message stays on one line.
pub fn clip(s: &str) -> String {
    const MAX: usize = 40;
    let shown = |c: char| if c.is_control() { ' ' } else { c };
    let mut out: String = s.chars().take(MAX).map(shown).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// The message for an amount written as `shown` that is not accepted.
pub fn amount_expected(shown: &str) -> String {
    format!("应为金额（元，最多两位小数），实际为“{}”", clip(shown))
}

/// The message for an amount written as `shown` that is not accepted.
pub fn too_large(shown: &str) -> String {
    format!(
        "金额过大（应小于10000000000000元，即10万亿元），实际为“{}”",
        clip(shown)
    )
}

/// The message for an amount written as `shown` that is not accepted.
pub fn too_precise(shown: &str) -> String {
    format!("金额最多两位小数（元以下到分），实际为“{}”", clip(shown))
}

/// The message for an amount written as `shown` that is not accepted.
pub fn negative(shown: &str) -> String {
    format!("金额不能为负数，实际为“{}”", clip(shown))
}

/// Parses an amount in 元 written as text: `1959630.00`, `1,959,630`,
/// `１２３４．５`, ` 12.30 `; empty is zero. Scientific notation (`1e5`) is
/// rejected. The result has scale 2. The error is the message (in Chinese)
/// saying what was expected.
pub fn parse_yuan(text: &str) -> Result<Yuan, String> {
    let shown = text.trim();
    let s: String = text.chars().filter(|c| !c.is_whitespace()).map(half_width).collect();
    if s.is_empty() {
        return Ok(Decimal::new(0, 2));
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    if body.contains(['e', 'E'])
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return Err(format!(
            "{}（不接受科学计数法，请写成普通数字）",
            amount_expected(shown)
        ));
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    let frac_ok = frac.bytes().all(|b| b.is_ascii_digit());
    let int_ok = int.bytes().all(|b| b.is_ascii_digit() || b == b',');
    if !frac_ok || !int_ok || (int.is_empty() && frac.is_empty()) || (body.contains('.') && frac.is_empty()) {
        return Err(amount_expected(shown));
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !ok {
            return Err(format!("{}（千分位逗号的位置不对）", amount_expected(shown)));
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let digits = digits.trim_start_matches('0');
    let is_zero = digits.is_empty() && frac.bytes().all(|b| b == b'0');
    if neg && !is_zero {
        return Err(negative(shown));
    }
    if frac.len() > 2 && frac[2..].bytes().any(|b| b != b'0') {
        return Err(too_precise(shown));
    }
    if digits.len() > 13 {
        return Err(too_large(shown));
    }
    let cents: String = frac.chars().chain("00".chars()).take(2).collect();
    let int_part = if digits.is_empty() { "0" } else { digits };
    let value: i64 = format!("{int_part}{cents}")
        .parse()
        .map_err(|_| amount_expected(shown))?;
    let value = Decimal::new(value, 2);
    if value >= max_amount() {
        return Err(too_large(shown));
    }
    Ok(value)
}

/// Parses an amount written in 万元 (`195.963`, up to six decimals, so that
/// it is a whole number of 分); empty is zero. The result is in 元.
pub fn parse_wan(text: &str) -> Result<Yuan, String> {
    let s: String = text
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if s.is_empty() {
        return Ok(Decimal::new(0, 2));
    }
    let w = Decimal::from_str(&s).map_err(|_| format!("“{}”不是金额，请输入数字（单位：万元）", clip(text.trim())))?;
    if w.is_sign_negative() && !w.is_zero() {
        return Err(negative(text.trim()));
    }
    let y = (w * Decimal::from(10_000)).normalize();
    if y.scale() > 2 {
        return Err(format!(
            "“{}”万元换算为元后超过两位小数（万元最多六位小数）",
            clip(text.trim())
        ));
    }
    parse_yuan(&y.to_string())
}

/// Why `text`, kept as an entry that did not parse, is not an amount: the
/// reason in 元 or, when it is a valid 元 amount (it was typed in the 万元
/// view), in 万元.
pub fn entry_problem(text: &str) -> String {
    match parse_yuan(text) {
        Err(e) => e,
        Ok(_) => parse_wan(text).err().unwrap_or_else(|| amount_expected(text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wan_is_converted_to_whole_fen() {
        assert_eq!(parse_wan("195.963"), Ok(Decimal::new(195_963_000, 2)));
        assert_eq!(parse_wan("１２．５"), Ok(Decimal::new(12_500_000, 2)));
        assert!(parse_wan("0.0000001").unwrap_err().contains("超过两位小数"));
        assert!(parse_wan("abc").unwrap_err().contains("不是金额"));
        assert!(parse_wan("-1").unwrap_err().contains("负数"));
    }

    #[test]
    fn entry_problem_names_the_reason() {
        assert!(entry_problem("abc").contains("应为金额"));
        assert!(entry_problem("-5").contains("负数"));
        assert!(entry_problem("1.234").contains("两位小数"));
    }
}
