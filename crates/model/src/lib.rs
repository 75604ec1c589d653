//! The package: everything a finance officer enters for a department's year,
//! and nothing derived; the classification catalog its codes come from; and
//! the `.yusuan` file it is saved in.
//!
//! This is the vocabulary every other crate shares. The engine
//! (`yusuan-engine`) derives the published tables from a [`Package`]; the
//! workbook crate reads one from Excel; the editor edits one.

pub mod amount;
pub mod catalog;
pub mod edit;
pub mod file;
pub mod final_edit;
pub mod final_package;
pub mod generate;
pub mod limits;
pub mod package;
pub mod wording;

pub use final_package::*;
pub use package::*;
pub use wording::{FiscalLevel, Preset, ProjectDepartment, SelfName, Wording};

/// The sample package (义马 2024) embedded in the program.
pub const SAMPLE_PACKAGE: &str = include_str!("../../../assets/sample.yusuan");

/// The sample package, parsed.
pub fn sample_package() -> Package {
    // The embedded sample is checked by the tests; failing to parse it is a build defect.
    file::from_json(SAMPLE_PACKAGE).expect("embedded sample package")
}
