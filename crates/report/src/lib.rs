//! What a publication is made of, independent of how it is computed and of
//! how it is drawn: the table model ([`table`]), the narrative's parts and
//! paragraphs ([`text`]) and the whole document ([`Publication`]).
//!
//! The engine builds these; the xlsx writer, the PDF writer and the editor's
//! preview only draw them. A second publication (the 部门决算) builds the
//! same types and gets every renderer for free.

pub mod compare;
pub mod publication;
pub mod table;
pub mod text;

pub use publication::{Publication, Section};

/// The mark printed on exports made while audit errors exist: in each sheet's
/// label line of the xlsx and on every page of the PDF.
pub const DRAFT_MARK: &str = "草稿（存在审核错误，不得公开）";
