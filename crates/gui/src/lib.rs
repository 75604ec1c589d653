//! The editor's screens, on egui alone. Every screen draws the live package
//! and what the engine computed from it, and writes edits back through
//! [`App::edit`], which recomputes the engine: a screen never computes a
//! total, a default or a narrative itself.
//!
//! No window, no event loop, no file dialog here: the `yusuan` binary runs
//! [`App`] in eframe and supplies the system's file dialogs through
//! [`Dialogs`]; the tests drive it headless with egui_kittest.

pub mod app;
mod assets;
mod audit;
mod basic;
pub mod compare;
pub mod files;
pub mod final_doc;
mod final_glossary;
mod final_grid;
mod final_narrative;
mod final_screens;
mod find;
pub mod fonts;
mod grid;
mod income;
mod last_year;
mod last_year_fill;
mod narrative;
mod overview;
pub mod paint;
mod performance;
mod preview;
mod projects;
pub mod settle;
mod three_public;
mod units;
mod widgets;
mod wording;

#[cfg(test)]
mod compare_tests;
#[cfg(test)]
mod explain_tests;
#[cfg(test)]
mod final_tests;
#[cfg(test)]
mod last_year_tests;
#[cfg(test)]
mod overdraw_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wording_tests;

pub use app::App;
pub use files::{DialogRequest, Dialogs, NoDialogs};

/// The screens of the left navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Units,
    Income,
    Basic,
    Projects,
    ThreePublic,
    Performance,
    LastYear,
    Assets,
    Narrative,
    Preview,
    Audit,
}

impl Screen {
    pub const ALL: [Screen; 12] = [
        Screen::Overview,
        Screen::Units,
        Screen::Income,
        Screen::Basic,
        Screen::Projects,
        Screen::ThreePublic,
        Screen::Performance,
        Screen::LastYear,
        Screen::Assets,
        Screen::Narrative,
        Screen::Preview,
        Screen::Audit,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "概况",
            Screen::Units => "单位",
            Screen::Income => "收入",
            Screen::Basic => "基本支出",
            Screen::Projects => "项目",
            Screen::ThreePublic => "\"三公\"经费",
            Screen::Performance => "整体绩效",
            Screen::LastYear => "上年数与说明",
            Screen::Assets => "资产",
            Screen::Narrative => "情况说明",
            Screen::Preview => "预览",
            Screen::Audit => "审核",
        }
    }
}
