//! The whole document as printed: cover, 目录, then its sections in order —
//! narrative parts and blocks of tables. Everything here is text and tables
//! already computed; a renderer decides only where it goes on the page.
//!
//! The 预算 is cover, the narrative's three parts, and the tables as 附件;
//! the 决算 is cover, 第一部分, 第二部分 (the tables), 第三部分, 第四部分 and
//! 第五部分 (the 自评 tables).

use crate::table::Table;
use crate::text::Part;

#[derive(Clone, Debug, PartialEq)]
pub struct Publication {
    /// The document's title (PDF metadata): `2024年义马市…部门预算公开`.
    pub title: String,
    /// Who publishes it (PDF author, the cover's issuer): the department's name.
    pub issuer: String,
    /// The cover's big line: `2024年部门预算公开`; lines split by `\n`.
    pub cover_title: String,
    /// Whether the cover prints the issuer on a line of its own (the 预算;
    /// the 决算's cover title names the department already).
    pub cover_issuer: bool,
    /// The cover's date line: `二〇二四年`.
    pub cover_date: String,
    pub sections: Vec<Section>,
}

/// One section of the document, after the cover and the 目录.
#[derive(Clone, Debug, PartialEq)]
pub enum Section {
    /// A part of the narrative, from a new page. `toc`: its first-level
    /// headings (`一、…`, not `（一）…`) are listed in the 目录 under its title.
    Part { part: Part, toc: bool },
    /// Tables under a title, each in the 目录. `divider`: the title is printed
    /// on a page of its own before them (决算 第二部分, 第五部分); without, the
    /// title is a 目录 entry only, pointing at the first table (预算 附件).
    /// `numbered`: the 目录 lists the tables as `一、收入支出决算总表` (002)
    /// rather than `公开01表 收入支出决算总表`; the pages keep their labels.
    /// `entries`: the 目录 entries of the tables, one per table, when they
    /// are neither (决算 第五部分: the title alone, with the project's name
    /// when several forms share it — `项目支出绩效自评表（工业发展资金）`);
    /// empty: by label or numbered.
    Tables {
        title: String,
        tables: Vec<Table>,
        divider: bool,
        numbered: bool,
        entries: Vec<String>,
    },
}

impl Section {
    /// The 目录 entries (and bookmarks) of a section's tables, in order; none
    /// for a narrative part.
    pub fn table_entries(&self) -> Vec<String> {
        match self {
            Section::Part { .. } => Vec::new(),
            Section::Tables {
                tables,
                numbered,
                entries,
                ..
            } => tables
                .iter()
                .enumerate()
                .map(|(i, t)| match entries.get(i) {
                    Some(e) => e.clone(),
                    None => toc_entry(t, numbered.then_some(i + 1)),
                })
                .collect(),
        }
    }
}

/// A table's line in the 目录: `公开01表 收入支出决算总表`, or numbered
/// (`number` 1 → `一、收入支出决算总表`, as 002 lists them).
pub fn toc_entry(t: &Table, number: Option<usize>) -> String {
    match number {
        Some(n) => format!("{}、{}", chinese_number(n), t.title),
        None => format!("{} {}", t.label, t.title),
    }
}

/// `n` in Chinese numerals as headings number (1–99): 一, 十, 十一, 二十三.
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".to_string(),
        1..=9 => D[n - 1].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 11]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10 - 1]),
        20..=99 => format!("{}十{}", D[n / 10 - 1], D[n % 10 - 1]),
        _ => n.to_string(),
    }
}

impl Publication {
    /// The narrative parts, in order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.sections.iter().filter_map(|s| match s {
            Section::Part { part, .. } => Some(part),
            Section::Tables { .. } => None,
        })
    }

    /// Every table of every section, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| match s {
            Section::Part { .. } => [].iter(),
            Section::Tables { tables, .. } => tables.iter(),
        })
    }

    /// The text of the narrative parts: titles, headings and paragraphs, one a line.
    pub fn plain_text(&self) -> String {
        crate::text::Narrative {
            parts: self.parts().cloned().collect(),
        }
        .plain_text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_headings_print_them() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 34, 99].map(chinese_number).into();
        assert_eq!(got, ["一", "九", "十", "十一", "十九", "二十", "三十四", "九十九"]);
    }

    #[test]
    fn table_entries_by_label_or_numbered() {
        let t = |label: &str, title: &str| Table {
            number: 0,
            label: label.into(),
            title: title.into(),
            department: String::new(),
            unit_line: String::new(),
            header: Vec::new(),
            header_rows: 0,
            columns: Vec::new(),
            rows: Vec::new(),
            merges: Vec::new(),
            note: None,
            decimals: 2,
            style: crate::table::AmountStyle::BUDGET,
        };
        let tables = vec![t("公开01表", "收入支出决算总表"), t("公开02表", "收入决算表")];
        let s = |numbered| Section::Tables {
            title: "第二部分 2023年度部门决算表".into(),
            tables: tables.clone(),
            divider: true,
            numbered,
            entries: Vec::new(),
        };
        assert_eq!(
            s(false).table_entries(),
            ["公开01表 收入支出决算总表", "公开02表 收入决算表"]
        );
        assert_eq!(s(true).table_entries(), ["一、收入支出决算总表", "二、收入决算表"]);
        // Entries given: as given.
        let given = Section::Tables {
            title: "第五部分 附件".into(),
            tables: vec![
                t("项目自评表1", "项目支出绩效自评表"),
                t("项目自评表2", "项目支出绩效自评表"),
            ],
            divider: true,
            numbered: false,
            entries: vec!["项目支出绩效自评表（甲）".into(), "项目支出绩效自评表（乙）".into()],
        };
        assert_eq!(
            given.table_entries(),
            ["项目支出绩效自评表（甲）", "项目支出绩效自评表（乙）"]
        );
    }
}
