//! 功能科目说明 of a 决算 (issue 12): when 名词解释 lists the 功能 项 of
//! 公开05 (seed 002 十九–三十四, [`yusuan_model::Wording::glossary_funcs`]),
//! each 项 with the description its entry quotes — the catalog's (built-in or
//! imported) or the one the officer typed. A 项 without one is marked: its
//! entry is left out and the audit warns (N16) until one is typed here. The
//! list draws and returns the change; the screen applies it as a typed edit
//! of the package's catalog (`FinalField::Catalog`), so undo and redo work as
//! everywhere.

use egui::{Id, RichText};
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::limits::MAX_NOTE;

use super::app::WARN_ORANGE;
use super::widgets::{self, Limit};

/// One 项 of 公开05.
pub struct Item {
    pub code: String,
    /// `一般公共服务支出 / 政府办公厅（室）及相关机构事务 / 专项业务及机关事务管理`.
    pub path: String,
    /// The description printed: the package's or the built-in one; empty: none.
    pub desc: String,
    /// The built-in catalog's description, if any.
    pub builtin: Option<String>,
}

/// The 项 of 公开05 in code order, from the engine's list.
pub fn items(computed: &yusuan_engine::final_accounts::FinalComputed, catalog: &Catalog) -> Vec<Item> {
    yusuan_engine::final_accounts::narrative::func_entries(computed, catalog)
        .into_iter()
        .map(|(code, _)| {
            let name = |c: &str| catalog.name(CodeKind::Func, c).unwrap_or(c).to_string();
            let path = [&code[..3], &code[..5], code.as_str()].map(name).join(" / ");
            Item {
                desc: catalog.func_desc.get(&code).cloned().unwrap_or_default(),
                builtin: Catalog::builtin().func_desc(&code).map(str::to_string),
                path,
                code,
            }
        })
        .collect()
}

/// A typed description: the history key (typing in one field is one undo
/// step), the code and its new text (`None`: back to the built-in one).
pub struct Change {
    pub key: String,
    pub code: String,
    pub desc: Option<String>,
}

#[derive(Default)]
pub struct Out {
    pub change: Option<Change>,
    /// A field lost the focus: its typing run ends.
    pub end_run: bool,
}

pub fn panel_id() -> Id {
    Id::unique("final_func_desc_panel")
}

/// The field of a 项's description (for tests and focus).
pub fn field_id(code: &str) -> Id {
    Id::unique(("final_func_desc", code))
}

/// The list, open while a 项 lacks its description.
pub fn panel(ui: &mut egui::Ui, items: &[Item]) -> Out {
    let mut out = Out::default();
    let missing = items.iter().filter(|i| i.desc.trim().is_empty()).count();
    let title = if missing > 0 {
        format!("功能科目说明（名词解释逐项列出；{missing}个科目缺少说明）")
    } else {
        format!("功能科目说明（名词解释逐项列出；{}个科目）", items.len())
    };
    egui::CollapsingHeader::new(title)
        .id_salt(panel_id())
        .default_open(missing > 0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "名词解释为公开05表的每个功能科目（项）列一条“某某支出（类）某某（款）某某（项）：反映……”。说明取自科目表，可在此填写或修改；没有说明的科目不列。",
                )
                .color(ui.visuals().weak_text_color()),
            );
            egui::Grid::new("final_func_desc_grid").striped(true).show(ui, |ui| {
                for item in items {
                    ui.label(&item.code);
                    ui.label(&item.path);
                    let (r, t) = widgets::text_field(
                        ui,
                        field_id(&item.code),
                        &item.desc,
                        420.0,
                        None,
                        Limit::new("功能科目说明", MAX_NOTE),
                    );
                    if let Some(t) = t {
                        let back = item.builtin.as_deref().is_some_and(|b| b == t.trim());
                        out.change = Some(Change {
                            key: format!("func_desc:{}", item.code),
                            code: item.code.clone(),
                            desc: (!back).then(|| t.clone()),
                        });
                    }
                    out.end_run |= r.lost_focus();
                    if item.desc.trim().is_empty() {
                        ui.label(RichText::new("缺少说明：名词解释中不列这一项").color(WARN_ORANGE));
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
        });
    out
}
