//! The 预算 publication as one document: cover, the narrative's three parts,
//! and 预算01–14 as 附件. The PDF writer prints it; it decides nothing.

use yusuan_model::Package;
use yusuan_report::Publication;

use crate::Computed;

/// The document of `p`'s 部门预算公开, from what `compute` derived.
pub fn publication(p: &Package, c: &Computed) -> Publication {
    let name = p.department.name.trim().to_string();
    let year = p.department.year;
    Publication {
        title: format!("{year}年{name}部门预算公开"),
        cover_title: format!("{year}年部门预算公开"),
        cover_date: chinese_year(year),
        annex_title: format!("附件：{name}{year}年度部门预算表"),
        issuer: name,
        narrative: c.narrative(p).clone(),
        tables: c.tables.clone(),
    }
}

/// 2024 → 二〇二四年 (the date line of the cover).
pub fn chinese_year(year: i32) -> String {
    let digits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let mut s: String = year
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).map(|d| digits[d as usize]).unwrap_or(c))
        .collect();
    s.push('年');
    s
}
