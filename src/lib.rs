//! Yusuan (预算): prepares, checks and prints a department's annual budget
//! package (部门预算公开).
//!
//! The engine (`engine::compute`) is a pure function from a `model::Package`
//! to every published table (`table::Table`), the narrative's totals and the
//! audit findings. The GUI, the CLI and the tests all call it; the xlsx
//! writer only draws its tables.

pub mod catalog;
pub mod cli;
pub mod engine;
pub mod file;
pub mod generate;
pub mod import;
pub mod model;
pub mod narrative;
pub mod pdf;
pub mod table;
pub mod tables;
pub mod util;
pub mod validate;
pub mod xlsx;

/// `0.1.0 (commit abc123)`, for `--version`.
pub const VERSION_LINE: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("YUSUAN_COMMIT"), ")");

/// The mark printed on exports made while audit errors exist: in each sheet's
/// label line of the xlsx and on every page of the PDF.
pub const DRAFT_MARK: &str = "草稿（存在审核错误，不得公开）";

/// The sample package (义马 2024) embedded in the program.
pub const SAMPLE_PACKAGE: &str = include_str!("../assets/sample.yusuan");

/// The sample package, parsed.
pub fn sample_package() -> model::Package {
    // The embedded sample is checked by the tests; failing to parse it is a build defect.
    file::from_json(SAMPLE_PACKAGE).expect("embedded sample package")
}
