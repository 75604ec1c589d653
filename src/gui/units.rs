//! 单位: the units and their 性质.

use eframe::egui::{self, Id, RichText};
use yusuan::model::{Unit, UnitKind};
use yusuan::validate::{Field, Location};

use super::app::App;
use super::widgets;

#[derive(Default)]
pub struct UnitsState {
    pub selected: Option<usize>,
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("单位");
        ui.label(format!("共{}个", app.package.units.len()));
        if ui.add_enabled(writable, egui::Button::new("增加单位")).clicked() {
            app.edit("", |p| p.units.push(Unit::default()));
            app.units.selected = Some(app.package.units.len() - 1);
        }
        if ui
            .add_enabled(
                writable && app.units.selected.is_some(),
                egui::Button::new("删除所选单位"),
            )
            .clicked()
            && let Some(i) = app.units.selected.take()
            && i < app.package.units.len()
        {
            app.edit("", |p| {
                p.units.remove(i);
            });
        }
    });
    ui.add_space(4.0);
    let finding = |app: &App, i: usize, f: Field| {
        app.computed
            .findings
            .iter()
            .find(|x| x.location == Location::Unit(i, f))
            .map(|x| format!("{}：{}", x.rule, x.message))
    };
    let mut sort = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_enabled_ui(writable, |ui| {
            egui::Grid::new("units_grid")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label("");
                    for (k, h) in ["单位代码", "单位名称", "单位性质"].into_iter().enumerate() {
                        if ui
                            .add(egui::Button::new(RichText::new(h).strong()).frame(false))
                            .on_hover_text("点击按此列排序（可撤销）")
                            .clicked()
                        {
                            sort = Some(k);
                        }
                    }
                    ui.end_row();
                    for i in 0..app.package.units.len() {
                        let u = app.package.units[i].clone();
                        let selected = app.units.selected == Some(i);
                        if ui.selectable_label(selected, format!("{}", i + 1)).clicked() {
                            app.units.selected = Some(i);
                        }
                        let (r1, c) = widgets::text_cell(
                            ui,
                            Id::unique(("unit_code", i)),
                            &u.code,
                            110.0,
                            finding(app, i, Field::Code).as_deref(),
                        );
                        if let Some(t) = c {
                            app.edit(&format!("unit:{i}:code"), |p| p.units[i].code = t.trim().to_string());
                        }
                        let (r2, c) = widgets::text_cell(
                            ui,
                            Id::unique(("unit_name", i)),
                            &u.name,
                            360.0,
                            finding(app, i, Field::Name).as_deref(),
                        );
                        if let Some(t) = c {
                            app.edit(&format!("unit:{i}:name"), |p| p.units[i].name = t);
                        }
                        if r1.gained_focus() || r2.gained_focus() {
                            app.units.selected = Some(i);
                        }
                        let mut chosen = None;
                        egui::ComboBox::from_id_salt(("unit_kind", i))
                            .width(220.0)
                            .selected_text(u.kind.label())
                            .show_ui(ui, |ui| {
                                for k in UnitKind::ALL {
                                    if ui.selectable_label(u.kind == k, k.label()).clicked() {
                                        chosen = Some(k);
                                    }
                                }
                            });
                        if let Some(k) = chosen {
                            app.edit("", |p| p.units[i].kind = k);
                        }
                        ui.end_row();
                    }
                });
        });
    });
    if let Some(k) = sort {
        let label = ["单位代码", "单位名称", "单位性质"][k];
        if app.edit("", |p| match k {
            0 => p.units.sort_by(|a, b| a.code.cmp(&b.code)),
            1 => p.units.sort_by(|a, b| a.name.cmp(&b.name)),
            _ => p
                .units
                .sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.code.cmp(&b.code))),
        }) {
            app.units.selected = None;
            app.message = Some((format!("已按“{label}”排序（可撤销）"), false));
        }
    }
}
