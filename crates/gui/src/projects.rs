//! 项目: the project list and, for the selected project, its lines and indicators.

use std::collections::HashMap;
use yusuan_model::edit::{List, Part};

use egui::{self, Id, RichText};
use yusuan_engine::{Field, LineRef, Location};
use yusuan_model::catalog::CodeKind;
use yusuan_model::{EntryField, FundSource, Indicator, IndicatorKind, Project, ProjectKind, ProjectLine};

use super::app::App;
use super::widgets::{self, EntryUnit};

/// Common project indicators of the seeds, inserted with one click:
/// (一级指标, 二级指标, 三级指标, 指标值).
pub const LIBRARY: [(IndicatorKind, &str, &str, &str); 6] = [
    (IndicatorKind::Cost, "经济成本指标", "经费支出标准", "据实"),
    (IndicatorKind::Output, "质量指标", "经费支出合规性", "合规"),
    (IndicatorKind::Output, "时效指标", "经费支出时效性", "及时"),
    (IndicatorKind::Output, "数量指标", "资金拨付率", "100%"),
    (IndicatorKind::Benefit, "社会效益指标", "保障工作正常开展", "正常"),
    (
        IndicatorKind::Satisfaction,
        "服务对象满意度指标",
        "服务对象满意度",
        "≥95%",
    ),
];

#[derive(Default)]
pub struct ProjectsState {
    pub selected: Option<usize>,
    pub selected_line: Option<usize>,
    /// Scroll to the performance targets (from the audit panel).
    pub scroll_to_indicators: bool,
    buffers: HashMap<(usize, usize), String>,
    /// A project waiting for the officer to confirm its deletion.
    pub confirm_delete: Option<usize>,
}

impl ProjectsState {
    pub fn clear_buffers(&mut self) {
        self.buffers.clear();
    }
}

fn finding(app: &App, loc: Location) -> Option<String> {
    app.computed
        .findings
        .iter()
        .find(|f| f.location == loc)
        .map(|f| f.to_string())
}

/// Asks before a project goes: it takes its lines and targets with it.
fn confirm_delete(app: &mut App, ctx: &egui::Context) {
    let Some(i) = app.projects.confirm_delete.filter(|i| *i < app.package.projects.len()) else {
        app.projects.confirm_delete = None;
        return;
    };
    let proj = &app.package.projects[i];
    let question = format!(
        "删除项目“{} {}”？它的{}条支出明细和{}条绩效指标也一并删除（可撤销）。",
        proj.code.trim(),
        proj.name.trim(),
        proj.lines.len(),
        proj.indicators.len()
    );
    let choice = widgets::confirm_delete(ctx, Id::unique("confirm_delete_project"), "删除项目", question);
    match choice {
        Some(true) => {
            app.projects.confirm_delete = None;
            app.projects.selected = None;
            app.edit("", Part::row(List::Projects, i), |p| {
                p.projects.remove(i);
            });
            app.projects.buffers.clear();
        }
        Some(false) => app.projects.confirm_delete = None,
        None => {}
    }
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("项目");
        ui.label(format!("共{}个", app.package.projects.len()));
        if ui.add_enabled(writable, egui::Button::new("增加项目")).clicked() {
            let unit = app.package.units.first().map(|u| u.code.clone()).unwrap_or_default();
            app.edit("", Part::append(List::Projects, &app.package), |p| {
                p.projects.push(Project {
                    unit,
                    name: "新项目".into(),
                    ..Default::default()
                })
            });
            app.projects.selected = Some(app.package.projects.len() - 1);
        }
        if ui
            .add_enabled(
                writable && app.projects.selected.is_some(),
                egui::Button::new("删除所选项目"),
            )
            .clicked()
            && let Some(i) = app.projects.selected
            && i < app.package.projects.len()
        {
            app.projects.confirm_delete = Some(i);
        }
    });
    confirm_delete(app, ui.ctx());
    egui::Panel::left("project_list")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("plist").show(ui, |ui| {
                for (i, p) in app.package.projects.iter().enumerate() {
                    let text = format!("{}  {}{}", p.code, p.name, if p.secret { "（涉密）" } else { "" });
                    if ui.selectable_label(app.projects.selected == Some(i), text).clicked() {
                        app.projects.selected = Some(i);
                        app.projects.selected_line = None;
                    }
                }
            });
        });
    if app.projects.selected.is_none() && !app.package.projects.is_empty() {
        app.projects.selected = Some(0);
    }
    let Some(pi) = app.projects.selected.filter(|i| *i < app.package.projects.len()) else {
        ui.label("在左侧选择一个项目。");
        return;
    };
    let proj = app.package.projects[pi].clone();
    egui::ScrollArea::both().id_salt("pdetail").show(ui, |ui| {
        // Reviewer mode keeps this enabled: the fields draw as selectable text
        // and the buttons, drop-downs and checkboxes are disabled one by one.
        ui.scope(|ui| {
            egui::Grid::new("proj_head")
                .num_columns(4)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("项目编码");
                    let (_, c) = widgets::text_field(
                        ui,
                        Id::unique(("pcode", pi)),
                        &proj.code,
                        200.0,
                        finding(app, Location::Project(pi, Field::Code)).as_deref(),
                        widgets::Limit::new("项目编码", yusuan_model::limits::MAX_CODE),
                    );
                    if let Some(t) = c {
                        app.edit(&format!("p{pi}:code"), Part::row(List::Projects, pi), |p| {
                            p.projects[pi].code = t.trim().to_string()
                        });
                    }
                    ui.label("项目名称");
                    let (_, c) = widgets::text_field(
                        ui,
                        Id::unique(("pname", pi)),
                        &proj.name,
                        320.0,
                        finding(app, Location::Project(pi, Field::Name)).as_deref(),
                        widgets::Limit::new("项目名称", yusuan_model::limits::MAX_PROJECT_NAME),
                    );
                    if let Some(t) = c {
                        app.edit(&format!("p{pi}:name"), Part::row(List::Projects, pi), |p| {
                            p.projects[pi].name = t
                        });
                    }
                    ui.end_row();
                    ui.label("单位");
                    let current = app
                        .package
                        .unit(&proj.unit)
                        .map(|u| format!("{} {}", u.code, u.name))
                        .unwrap_or_else(|| proj.unit.clone());
                    let mut chosen = None;
                    if writable {
                        egui::ComboBox::from_id_salt(("punit", pi))
                            .width(200.0)
                            .selected_text(current)
                            .truncate()
                            .show_ui(ui, |ui| {
                                for u in &app.package.units {
                                    if ui
                                        .selectable_label(u.code == proj.unit, format!("{} {}", u.code, u.name))
                                        .clicked()
                                    {
                                        chosen = Some(u.code.clone());
                                    }
                                }
                            });
                    } else {
                        widgets::read_only_text(ui, &current, 220.0, false, false, None);
                    }
                    if let Some(u) = chosen {
                        app.edit("", Part::row(List::Projects, pi), |p| p.projects[pi].unit = u);
                    }
                    ui.label("项目类型");
                    ui.horizontal(|ui| {
                        for k in [ProjectKind::Operating, ProjectKind::SpecificTarget] {
                            if ui
                                .add_enabled(writable, egui::Button::selectable(proj.kind == k, k.label()))
                                .clicked()
                                && proj.kind != k
                            {
                                app.edit("", Part::row(List::Projects, pi), |p| p.projects[pi].kind = k);
                            }
                        }
                        let mut secret = proj.secret;
                        if crate::widgets::checkbox(ui, writable, &mut secret, "涉密").changed() {
                            app.edit("", Part::row(List::Projects, pi), |p| p.projects[pi].secret = secret);
                        }
                    });
                    ui.end_row();
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("项目明细（金额：元）").strong());
                if ui.add_enabled(writable, egui::Button::new("增加明细")).clicked() {
                    app.edit("", Part::row(List::Projects, pi), |p| {
                        p.projects[pi].lines.push(ProjectLine::default())
                    });
                }
                if ui
                    .add_enabled(
                        writable && app.projects.selected_line.is_some(),
                        egui::Button::new("删除所选明细"),
                    )
                    .clicked()
                    && let Some(li) = app.projects.selected_line.take()
                    && li < proj.lines.len()
                {
                    app.edit("", Part::row(List::Projects, pi), |p| {
                        p.projects[pi].lines.remove(li);
                    });
                    app.projects.buffers.clear();
                }
            });
            egui::Grid::new(("proj_lines", pi))
                .striped(true)
                .num_columns(6)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for h in ["", "功能科目", "经济科目", "政府经济科目", "资金来源", "金额（元）"]
                    {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (li, l) in proj.lines.iter().enumerate() {
                        if ui
                            .selectable_label(app.projects.selected_line == Some(li), format!("{}", li + 1))
                            .clicked()
                        {
                            app.projects.selected_line = Some(li);
                        }
                        for (field, kind) in [(Field::Func, CodeKind::Func), (Field::Econ, CodeKind::DeptEcon)] {
                            let value = if field == Field::Func { &l.func } else { &l.econ };
                            ui.horizontal(|ui| {
                                ui.set_width(200.0);
                                let err = finding(app, Location::ProjectLine(pi, li, field));
                                let (_, c) = widgets::code_with_name(
                                    ui,
                                    Id::unique(("pl", pi, li, field.label())),
                                    value,
                                    kind,
                                    &app.catalog,
                                    if field == Field::Func { 82.0 } else { 66.0 },
                                    err.as_deref(),
                                );
                                if let Some(t) = c {
                                    app.edit(
                                        &format!("p{pi}:{li}:{}", field.label()),
                                        Part::row(List::Projects, pi),
                                        |p| {
                                            let line = &mut p.projects[pi].lines[li];
                                            if field == Field::Func {
                                                line.func = t.trim().to_string()
                                            } else {
                                                line.econ = t.trim().to_string()
                                            }
                                        },
                                    );
                                }
                            });
                        }
                        let def = app
                            .computed
                            .line(LineRef::Project(pi, li))
                            .map(|r| app.computed.default_gov(r).to_string());
                        let (_, c) = widgets::code_cell(
                            ui,
                            Id::unique(("pl_gov", pi, li)),
                            l.gov.as_deref().unwrap_or(""),
                            CodeKind::GovEcon,
                            &app.catalog,
                            def.as_deref(),
                            90.0,
                            finding(app, Location::ProjectLine(pi, li, Field::Gov)).as_deref(),
                        );
                        if let Some(t) = c {
                            app.edit(&format!("p{pi}:{li}:gov"), Part::row(List::Projects, pi), |p| {
                                p.projects[pi].lines[li].gov = if t.trim().is_empty() {
                                    None
                                } else {
                                    Some(t.trim().to_string())
                                }
                            });
                        }
                        let mut src = None;
                        if writable {
                            egui::ComboBox::from_id_salt(("pl_src", pi, li))
                                .width(170.0)
                                .selected_text(l.source.label())
                                .truncate()
                                .show_ui(ui, |ui| {
                                    for s in FundSource::ALL {
                                        if ui.selectable_label(l.source == s, s.label()).clicked() {
                                            src = Some(s);
                                        }
                                    }
                                });
                        } else {
                            widgets::read_only_text(ui, l.source.label(), 190.0, false, false, None);
                        }
                        if let Some(s) = src {
                            app.edit("", Part::row(List::Projects, pi), |p| {
                                p.projects[pi].lines[li].source = s
                            });
                        }
                        let mut buffer = app.projects.buffers.get(&(pi, li)).cloned();
                        let err = finding(app, Location::ProjectLine(pi, li, Field::Amount));
                        let (r, new) = widgets::amount_cell(
                            ui,
                            Id::unique(("pl_amt", pi, li)),
                            l.amount,
                            l.rejected.get(&EntryField::Amount).map(String::as_str),
                            EntryUnit::Yuan,
                            &mut buffer,
                            150.0,
                            err.as_deref(),
                        );
                        match buffer {
                            Some(b) => app.projects.buffers.insert((pi, li), b),
                            None => app.projects.buffers.remove(&(pi, li)),
                        };
                        if r.lost_focus() {
                            app.end_edit_run();
                        }
                        if let Some(entry) = new {
                            app.edit(&format!("p{pi}:{li}:amt"), Part::row(List::Projects, pi), |p| {
                                let l = &mut p.projects[pi].lines[li];
                                entry.apply(&mut l.amount, &mut l.rejected, EntryField::Amount)
                            });
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
            let r = ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("绩效目标").strong());
                if ui.add_enabled(writable, egui::Button::new("增加指标")).clicked() {
                    app.edit("", Part::row(List::Projects, pi), |p| {
                        p.projects[pi].indicators.push(Indicator::default())
                    });
                }
                ui.label("常用指标：");
                for (kind, l2, l3, v) in LIBRARY.iter() {
                    let present = proj.indicators.iter().any(|x| x.level3 == *l3);
                    if ui
                        .add_enabled(
                            writable && !present,
                            egui::Button::new(format!("＋{l3}（{v}）")).small(),
                        )
                        .on_hover_text(format!("插入：{} / {l2} / {l3} / {v}", kind.label()))
                        .clicked()
                    {
                        let ind = Indicator {
                            kind: *kind,
                            level2: l2.to_string(),
                            level3: l3.to_string(),
                            value: v.to_string(),
                            note: String::new(),
                        };
                        app.edit("", Part::row(List::Projects, pi), |p| {
                            let list = &mut p.projects[pi].indicators;
                            // Keep the 一级指标 grouped: after the last row of the same kind.
                            let at = list
                                .iter()
                                .rposition(|x| x.kind == ind.kind)
                                .map(|i| i + 1)
                                .unwrap_or_else(|| list.iter().take_while(|x| x.kind < ind.kind).count());
                            list.insert(at, ind);
                        });
                    }
                }
            });
            if let Some(e) = finding(app, Location::ProjectIndicators(pi)) {
                ui.label(RichText::new(e).color(super::app::ERROR_RED));
            }
            if std::mem::take(&mut app.projects.scroll_to_indicators) {
                r.response.scroll_to_me(Some(egui::Align::TOP));
            }
            egui::Grid::new(("proj_ind", pi))
                .striped(true)
                .num_columns(6)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for h in ["一级指标", "二级指标", "三级指标", "指标值", "说明", ""] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (ii, ind) in proj.indicators.iter().enumerate() {
                        let mut kind = None;
                        if writable {
                            egui::ComboBox::from_id_salt(("ind_kind", pi, ii))
                                .width(110.0)
                                .selected_text(ind.kind.label())
                                .show_ui(ui, |ui| {
                                    for k in IndicatorKind::ALL {
                                        if ui.selectable_label(ind.kind == k, k.label()).clicked() {
                                            kind = Some(k);
                                        }
                                    }
                                });
                        } else {
                            widgets::read_only_text(ui, ind.kind.label(), 130.0, false, false, None);
                        }
                        if let Some(k) = kind {
                            app.edit("", Part::row(List::Projects, pi), |p| {
                                p.projects[pi].indicators[ii].kind = k
                            });
                        }
                        let fields: [(&str, &String, f32, widgets::Limit); 4] = [
                            (
                                "l2",
                                &ind.level2,
                                140.0,
                                widgets::Limit::new("二级指标", yusuan_model::limits::MAX_LABEL),
                            ),
                            (
                                "l3",
                                &ind.level3,
                                200.0,
                                widgets::Limit::new("三级指标", yusuan_model::limits::MAX_LABEL),
                            ),
                            (
                                "v",
                                &ind.value,
                                120.0,
                                widgets::Limit::new("指标值", yusuan_model::limits::MAX_VALUE),
                            ),
                            (
                                "n",
                                &ind.note,
                                220.0,
                                widgets::Limit::new("指标值说明", yusuan_model::limits::MAX_NOTE),
                            ),
                        ];
                        for (tag, value, w, limit) in fields {
                            let (_, c) =
                                widgets::text_cell(ui, Id::unique(("ind", pi, ii, tag)), value, w, None, limit);
                            if let Some(t) = c {
                                app.edit(&format!("ind:{pi}:{ii}:{tag}"), Part::row(List::Projects, pi), |p| {
                                    let x = &mut p.projects[pi].indicators[ii];
                                    match tag {
                                        "l2" => x.level2 = t,
                                        "l3" => x.level3 = t,
                                        "v" => x.value = t,
                                        _ => x.note = t,
                                    }
                                });
                            }
                        }
                        if ui.add_enabled(writable, egui::Button::new("删除").small()).clicked() {
                            app.edit("", Part::row(List::Projects, pi), |p| {
                                p.projects[pi].indicators.remove(ii);
                            });
                        }
                        ui.end_row();
                    }
                });
        });
    });
}
