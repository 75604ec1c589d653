//! Excel in and out.
//!
//! - [`import`]: the import workbook (预算填报模板) — an `.xlsx` or a folder of
//!   CSV files — into a package, all or nothing, every problem with its sheet,
//!   row and column; and the template itself, empty or filled;
//! - [`import_final`]: the same for a 决算 package ([`sheets_final`]), and
//!   `import_document`, which reads either kind;
//! - [`codes`]: the year's classification codes (导入当年科目表) from a CSV or
//!   xlsx code list;
//! - [`xlsx`]: the published tables as one workbook, one sheet per table,
//!   drawn from the shared table model;
//! - [`lists`]: plain lists (a diff's changed cells and inputs) as a workbook;
//! - [`verify`]: an exported workbook read back and its coded tables re-added
//!   within their 尾差 (`yusuan verify`).

pub mod codes;
mod guard;
pub mod import;
pub mod import_final;
pub mod lists;
pub mod sheets;
pub mod sheets_final;
pub mod verify;
pub mod wording;
pub mod xlsx;
