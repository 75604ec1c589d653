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
    Tables {
        title: String,
        tables: Vec<Table>,
        divider: bool,
    },
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
