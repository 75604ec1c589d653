//! 收入: the income entries (unit × source × amount), with each unit's balance.

use std::collections::BTreeMap;

use eframe::egui::{self, Id, RichText};
use yusuan::model::{FundSource, IncomeEntry};
use yusuan::validate::{Field, Location};

use super::app::{App, ERROR_RED};
use super::widgets::{self, EntryUnit};

#[derive(Default)]
pub struct IncomeState {
    pub selected: Option<usize>,
    buffers: BTreeMap<usize, String>,
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("收入");
        ui.label(format!("共{}条（以收定支，金额单位：元）", app.package.income.len()));
        if ui.add_enabled(writable, egui::Button::new("增加一条")).clicked() {
            let unit = app.package.units.first().map(|u| u.code.clone()).unwrap_or_default();
            app.edit("", |p| {
                p.income.push(IncomeEntry {
                    unit,
                    ..Default::default()
                })
            });
        }
        if ui
            .add_enabled(writable && app.income.selected.is_some(), egui::Button::new("删除所选"))
            .clicked()
            && let Some(i) = app.income.selected.take()
            && i < app.package.income.len()
        {
            app.edit("", |p| {
                p.income.remove(i);
            });
            app.income.buffers.clear();
        }
    });
    // Per-unit balance as the engine audits it (以收定支); the GUI sums nothing itself.
    let unbalanced: Vec<String> = app
        .computed
        .findings
        .iter()
        .filter(|f| matches!(f.location, Location::UnitIncome(..)))
        .map(|f| format!("{}：{}", f.rule, f.message))
        .collect();
    if unbalanced.is_empty() {
        ui.label(RichText::new("各单位收支平衡").color(egui::Color32::DARK_GREEN));
    } else {
        for m in unbalanced {
            ui.label(RichText::new(m).color(ERROR_RED));
        }
    }
    ui.add_space(4.0);
    let mut sort = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_enabled_ui(writable, |ui| {
            egui::Grid::new("income_grid")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label("");
                    for (k, h) in ["单位", "收入类型", "金额（元）"].into_iter().enumerate() {
                        if ui
                            .add(egui::Button::new(RichText::new(h).strong()).frame(false))
                            .on_hover_text("点击按此列排序（可撤销）")
                            .clicked()
                        {
                            sort = Some(k);
                        }
                    }
                    ui.end_row();
                    for i in 0..app.package.income.len() {
                        let e = app.package.income[i].clone();
                        if ui
                            .selectable_label(app.income.selected == Some(i), format!("{}", i + 1))
                            .clicked()
                        {
                            app.income.selected = Some(i);
                        }
                        let mut unit_choice = None;
                        let current = app
                            .package
                            .unit(&e.unit)
                            .map(|u| format!("{} {}", u.code, u.name))
                            .unwrap_or_else(|| e.unit.clone());
                        egui::ComboBox::from_id_salt(("inc_unit", i))
                            .width(240.0)
                            .selected_text(current)
                            .show_ui(ui, |ui| {
                                for u in &app.package.units {
                                    if ui
                                        .selectable_label(u.code == e.unit, format!("{} {}", u.code, u.name))
                                        .clicked()
                                    {
                                        unit_choice = Some(u.code.clone());
                                    }
                                }
                            });
                        if let Some(u) = unit_choice {
                            app.edit("", |p| p.income[i].unit = u);
                        }
                        let mut src = None;
                        egui::ComboBox::from_id_salt(("inc_src", i))
                            .width(240.0)
                            .selected_text(e.source.label())
                            .show_ui(ui, |ui| {
                                for s in FundSource::ALL {
                                    if ui.selectable_label(e.source == s, s.label()).clicked() {
                                        src = Some(s);
                                    }
                                }
                            });
                        if let Some(s) = src {
                            app.edit("", |p| p.income[i].source = s);
                        }
                        let finding = app
                            .computed
                            .findings
                            .iter()
                            .find(|f| f.location == Location::Income(i, Field::Amount))
                            .map(|f| format!("{}：{}", f.rule, f.message));
                        let mut buffer = app.income.buffers.get(&i).cloned();
                        let (r, new) = widgets::amount_cell(
                            ui,
                            Id::unique(("inc_amt", i)),
                            e.amount,
                            EntryUnit::Yuan,
                            &mut buffer,
                            160.0,
                            finding.as_deref(),
                        );
                        match buffer {
                            Some(b) => app.income.buffers.insert(i, b),
                            None => app.income.buffers.remove(&i),
                        };
                        if r.gained_focus() {
                            app.income.selected = Some(i);
                        }
                        if r.lost_focus() {
                            app.end_edit_run();
                        }
                        if let Some(v) = new {
                            app.edit(&format!("income:{i}"), |p| p.income[i].amount = v);
                        }
                        ui.end_row();
                    }
                });
        });
    });
    if let Some(k) = sort {
        let label = ["单位", "收入类型", "金额"][k];
        if app.edit("", |p| match k {
            0 => p
                .income
                .sort_by(|a, b| a.unit.cmp(&b.unit).then_with(|| a.source.cmp(&b.source))),
            1 => p
                .income
                .sort_by(|a, b| a.source.cmp(&b.source).then_with(|| a.unit.cmp(&b.unit))),
            _ => p.income.sort_by_key(|e| std::cmp::Reverse(e.amount)),
        }) {
            app.income.selected = None;
            app.income.buffers.clear();
            app.message = Some((format!("已按“{label}”排序（可撤销）"), false));
        }
    }
}
