//! The 决算 publication as one document (narrative.md §1): the cover
//! (`{年度}年度` / `{部门名称}部门决算` / `{发布年月}`), 目录, 第一部分 概况,
//! 第二部分 the nine tables 公开01–09, 第三部分 情况说明, 第四部分 名词解释 and
//! 第五部分 附件 (the 绩效自评 tables A1/A2 of [`FinalComputed::attachments`]).
//! The 目录 lists 第二部分's tables by label (`公开01表 收入支出决算总表`) or,
//! with [`yusuan_model::Wording::toc_numbered`], numbered as 002's
//! (`一、收入支出决算总表`); 第五部分's by title alone (`部门整体支出绩效自评表`),
//! a 项目支出绩效自评表 with its project's name when there are several (003
//! prints six forms of one title, told apart by their 项目名称):
//! [`attachment_entries`].
//! The PDF writer prints it; it decides nothing.

use yusuan_model::final_package::FinalPackage;
use yusuan_report::{Publication, Section};

use super::FinalComputed;
use super::narrative::narrative;
use crate::publication::{chinese_digits, chinese_year};

/// The document of `p`'s 部门决算, from what [`super::compute`] derived.
pub fn publication(p: &FinalPackage, c: &FinalComputed) -> Publication {
    let name = p.department.name.trim().to_string();
    let year = p.department.year;
    let mut parts = narrative(p, c).parts.into_iter();
    let mut sections = Vec::new();
    let mut part = |toc: bool| parts.next().map(|part| Section::Part { part, toc });
    sections.extend(part(true)); // 第一部分
    sections.push(Section::Tables {
        title: format!("第二部分 {year}年度部门决算表"),
        tables: c.tables.clone(),
        divider: true,
        numbered: p.wording.toc_numbered,
        entries: Vec::new(),
    });
    sections.extend(part(true)); // 第三部分
    sections.extend(part(false)); // 第四部分
    sections.push(Section::Tables {
        title: "第五部分 附件".to_string(),
        tables: c.attachments.clone(),
        divider: true,
        numbered: false,
        entries: attachment_entries(c),
    });
    Publication {
        title: format!("{year}年度{name}部门决算"),
        cover_title: format!("{year}年度\n{name}部门决算"),
        cover_issuer: false,
        cover_date: cover_date(&p.publish_date),
        issuer: name,
        sections,
    }
}

/// The 目录 entries of 第五部分: each form's title once (not the label
/// before it: 「部门整体自评表 部门整体支出绩效自评表」 said it twice), and when
/// several forms share a title, the name in their first row (项目名称) in
/// brackets: 「项目支出绩效自评表（工业发展资金）」.
pub fn attachment_entries(c: &FinalComputed) -> Vec<String> {
    let a = &c.attachments;
    a.iter()
        .map(|t| {
            let shared = a.iter().filter(|u| u.title == t.title).count() > 1;
            let name = t.rows.first().and_then(|r| r.cells.get(1)).map(|x| t.display(x));
            match name.map(|n| n.trim().to_string()) {
                Some(n) if shared && !n.is_empty() => format!("{}（{n}）", t.title),
                _ => t.title.clone(),
            }
        })
        .collect()
}

/// The cover's date as published, in Chinese numerals: `二〇二四年九月` as
/// entered, `2024年9月` → `二〇二四年九月`, `2024年10月` → `二〇二四年十月`.
pub fn cover_date(entered: &str) -> String {
    let s = entered.trim();
    let Some((y, rest)) = s.split_once('年') else {
        return chinese_digits(s);
    };
    let Ok(year) = y.trim().parse::<i32>() else {
        return s.to_string();
    };
    let month = rest.trim().trim_end_matches('月').trim();
    match month.parse::<u32>() {
        Ok(m @ 1..=12) => {
            let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
            let m = match m {
                10 => "十".to_string(),
                11 | 12 => format!("十{}", digits[(m - 10) as usize]),
                _ => digits[m as usize].to_string(),
            };
            format!("{}{m}月", chinese_year(year))
        }
        _ => format!("{}{rest}", chinese_year(year)),
    }
}

#[cfg(test)]
mod tests {
    use super::cover_date;

    #[test]
    fn cover_dates_in_chinese_numerals() {
        assert_eq!(cover_date("二〇二四年九月"), "二〇二四年九月");
        assert_eq!(cover_date("2024年9月"), "二〇二四年九月");
        assert_eq!(cover_date("2024年10月"), "二〇二四年十月");
        assert_eq!(cover_date("2024年12月"), "二〇二四年十二月");
        assert_eq!(cover_date(""), "");
    }
}
