//! The whole document as printed: cover, 目录, the narrative's parts, then the
//! tables as 附件. Everything here is text and tables already computed; a
//! renderer decides only where it goes on the page.

use crate::table::Table;
use crate::text::Narrative;

#[derive(Clone, Debug, PartialEq)]
pub struct Publication {
    /// The document's title (PDF metadata): `2024年义马市…部门预算公开`.
    pub title: String,
    /// Who publishes it (PDF author, the cover's issuer): the department's name.
    pub issuer: String,
    /// The cover's big line: `2024年部门预算公开`.
    pub cover_title: String,
    /// The cover's date line: `二〇二四年`.
    pub cover_date: String,
    /// The 目录 line above the tables: `附件：…2024年度部门预算表`.
    pub annex_title: String,
    pub narrative: Narrative,
    pub tables: Vec<Table>,
}
