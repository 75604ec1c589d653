//! The 预算 publication as one document: cover, the narrative's three parts
//! (the first with its sections in the 目录), and 预算01–14 as 附件. The PDF writer prints it; it decides nothing.

use yusuan_model::Package;
use yusuan_model::wording::SelfName;
use yusuan_report::{Publication, Section};

use crate::Computed;

/// The document of `p`'s 部门预算公开, from what `compute` derived.
pub fn publication(p: &Package, c: &Computed) -> Publication {
    let name = p.department.name.trim().to_string();
    let year = p.department.year;
    let mut sections: Vec<Section> = c
        .narrative(p)
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| Section::Part {
            part: part.clone(),
            toc: i == 0,
        })
        .collect();
    sections.push(Section::Tables {
        title: format!("附件：{name}{year}年度部门预算表"),
        tables: c.tables.clone(),
        divider: false,
        numbered: false,
        entries: Vec::new(),
    });
    // As both seeds title their covers: 「2024年义马市…局部门（单位）预算公开」
    // (001), 「2024 年郑州市工业和信息化局 部门预算公开」 (004); the name
    // on the first line, the rest on the second.
    let word = match p.wording.self_name {
        SelfName::DepartmentUnit => "部门（单位）",
        _ => "部门",
    };
    Publication {
        title: format!("{year}年{name}{word}预算公开"),
        cover_title: format!("{year}年{name}\n{word}预算公开"),
        cover_issuer: false,
        cover_date: chinese_year(year),
        issuer: name,
        sections,
    }
}

/// 2024 → 二〇二四年 (the date line of the cover).
pub fn chinese_year(year: i32) -> String {
    let mut s = chinese_digits(&year.to_string());
    s.push('年');
    s
}

/// Each ASCII digit as its Chinese numeral (`2024` → `二〇二四`), the rest as is.
pub fn chinese_digits(s: &str) -> String {
    let digits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    s.chars()
        .map(|c| c.to_digit(10).map(|d| digits[d as usize]).unwrap_or(c))
        .collect()
}
