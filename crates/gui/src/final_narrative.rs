//! 情况说明 of a 决算: the narrative the 决算 engine generates, part by part
//! and paragraph by paragraph, with the officer's rewrites
//! (`FinalPackage.narrative_overrides`, by paragraph id) and beside each
//! paragraph the findings (N0–N16) whose place names it
//! (`情况说明 十三、…（段落f13.2）`). The widgets are the 预算 screen's
//! ([`narrative::paragraphs`]); the edits are typed [`FinalField::NarrativeOverrides`].

use yusuan_engine::final_accounts::checks::Level;
use yusuan_model::final_edit::FinalField;

use super::app::{App, WARN_ORANGE};
use super::narrative::{self, Action, Look};

/// The paragraph id a finding's place names (`…（段落f13.2）` → `f13.2`).
pub fn paragraph_of(place: &str) -> Option<&str> {
    let rest = place.strip_prefix("情况说明")?;
    let id = rest.rsplit_once("（段落")?.1.strip_suffix('）')?;
    (!id.is_empty()).then_some(id)
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    let Some(doc) = app.fin.as_deref_mut() else { return };
    let text = doc.narrative_text();
    if narrative::header(ui, &text.1, doc.package.narrative_overrides.len()) {
        app.message = Some(("情况说明全文已复制".into(), false));
    }
    narrative::hint(
        ui,
        "文字由决算数据自动生成，随数据变化。点“改写”可修改某一段；改写段落中的“万元”和“%”数字必须与决算表一致（审核N15）。清空改写内容或点“恢复生成的文字”即恢复自动生成。",
    );
    // 文字设置 before the paragraphs: a change shows below in the same frame.
    let Some(doc) = app.fin.as_deref_mut() else { return };
    let out = super::wording::panel(
        ui,
        &doc.package.wording,
        &text.0,
        false,
        &yusuan_engine::final_accounts::narrative::GLOSSARY,
    );
    if let Some(c) = out.change {
        app.edit_final(&c.key, FinalField::Wording.into(), |p| p.wording = c.wording);
    }
    if out.end_run {
        app.end_edit_run();
    }
    // 名词解释 per 功能 项: the descriptions its entries quote.
    let Some(doc) = app.fin.as_deref_mut() else { return };
    if doc.package.wording.glossary_funcs {
        let items = super::final_glossary::items(&doc.computed, &doc.catalog);
        let out = super::final_glossary::panel(ui, &items);
        if let Some(c) = out.change {
            app.edit_final(&c.key, FinalField::Catalog.into(), |p| match c.desc {
                Some(desc) => {
                    p.catalog.func_desc.insert(c.code, desc);
                }
                None => {
                    p.catalog.func_desc.remove(&c.code);
                }
            });
        }
        if out.end_run {
            app.end_edit_run();
        }
    }
    let Some(doc) = app.fin.as_deref_mut() else { return };
    let text = doc.narrative_text();
    let (plain, n) = (&text.0, &text.1);
    // Rewrites of paragraphs the generated text no longer has (N15 警告):
    // listed with their finding, to be taken out.
    let orphans: Vec<String> = doc
        .package
        .narrative_overrides
        .keys()
        .filter(|id| !plain.paragraphs().any(|x| &x.id == *id))
        .cloned()
        .collect();
    let mut drop = None;
    for id in &orphans {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!("段落{id}的改写不会出现在公开文件中：生成的说明中没有这一段。"))
                    .color(WARN_ORANGE),
            );
            if ui
                .add_enabled(writable, egui::Button::new(format!("删除段落{id}的改写")))
                .clicked()
            {
                drop = Some(id.clone());
            }
        });
    }
    let computed = &doc.computed;
    let findings = |id: &str| -> Vec<(bool, String)> {
        computed
            .findings
            .iter()
            .filter(|f| paragraph_of(&f.place) == Some(id))
            .map(|f| (f.level == Level::Error, f.to_string()))
            .collect()
    };
    let look = Look {
        writable,
        restore: "恢复生成的文字",
        findings: &findings,
    };
    let actions = narrative::paragraphs(ui, &mut doc.narrative, n, plain, &look);
    let actions = actions.into_iter().chain(drop.map(|id| Action::Set {
        key: String::new(),
        id,
        text: None,
    }));
    for action in actions {
        match action {
            Action::Set { key, id, text } => {
                app.edit_final(&key, FinalField::NarrativeOverrides.into(), |p| {
                    narrative::set_override(&mut p.narrative_overrides, id, text)
                });
            }
            Action::Cancel => app.cancel_edit_run(),
            Action::EndRun => app.end_edit_run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::paragraph_of;

    #[test]
    fn the_paragraph_of_a_place() {
        assert_eq!(
            paragraph_of("情况说明 五、一般公共预算财政拨款支出决算情况说明（三）具体情况（段落f5.3）"),
            Some("f5.3")
        );
        assert_eq!(paragraph_of("情况说明（段落f13.2）"), Some("f13.2"));
        assert_eq!(paragraph_of("基本支出第3行"), None);
        assert_eq!(paragraph_of("情况说明 一、部门职责"), None);
    }
}
