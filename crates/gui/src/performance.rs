//! 整体绩效: 年度履职目标, 主要任务 and the indicator rows of table 11.

use egui::{self, Id, RichText};
use yusuan_engine::Location;
use yusuan_model::edit::Part;
use yusuan_model::{DeptIndicator, Task};

use super::app::App;
use super::widgets;

#[derive(Default)]
pub struct PerformanceState {
    pub selected_task: Option<usize>,
    pub selected_indicator: Option<usize>,
}

/// The field of the 年度履职目标.
pub fn goal_id() -> Id {
    Id::unique("perf_goal")
}

/// Where a jump to 整体绩效's findings (警告6, 警告7) lands: the first text
/// the proof-reading flags (履职目标, a task's content, an indicator's 说明),
/// else the 年度履职目标 (empty, or no task yet).
pub fn finding_field(p: &yusuan_model::Package) -> Id {
    use yusuan_engine::rules::lint::problems;
    let perf = &p.performance;
    let year = p.department.year;
    let flagged = |t: &str| !problems(t, year).is_empty();
    if perf.goal.trim().is_empty() || flagged(&perf.goal) {
        return goal_id();
    }
    if let Some(i) = perf.tasks.iter().position(|t| flagged(&t.content)) {
        return Id::unique(("task_content", i));
    }
    if let Some(i) = perf.indicators.iter().position(|x| flagged(&x.note)) {
        return Id::unique(("dind", i, "n"));
    }
    goal_id()
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.heading("整体绩效");
    ui.label(
        RichText::new("部门（单位）整体绩效目标（预算11表）。指标行的一级、二级指标留空表示与上一行相同。")
            .color(ui.visuals().weak_text_color()),
    );
    let findings = app.findings_at(&Location::Performance);
    widgets::finding_labels(ui, &findings);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("performance_screen_scroll")
        .show(ui, |ui| {
            // Reviewer mode keeps this enabled: the fields draw as selectable text.
            ui.scope(|ui| {
                ui.label(RichText::new("年度履职目标").strong());
                let mut goal = app.package.performance.goal.clone();
                let r = if writable {
                    ui.add(
                        egui::TextEdit::multiline(&mut goal)
                            .id(goal_id())
                            .desired_width(f32::INFINITY)
                            .desired_rows(3),
                    )
                } else {
                    widgets::read_only_text(ui, &goal, ui.available_width(), true, false, None)
                };
                widgets::land(ui, &r);
                if r.changed()
                    && widgets::fits(
                        ui,
                        widgets::Limit::new("年度履职目标", yusuan_model::limits::MAX_LONG_TEXT),
                        &goal,
                    )
                {
                    app.edit("perf:goal", Part::Performance, |p| p.performance.goal = goal);
                }
                ui.add_space(10.0);
                tasks(app, ui);
                ui.add_space(10.0);
                indicators(app, ui);
            });
        });
}

fn tasks(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.label(RichText::new("年度主要任务").strong());
        if ui.add_enabled(writable, egui::Button::new("增加任务")).clicked() {
            app.edit("", Part::Performance, |p| p.performance.tasks.push(Task::default()));
            app.performance.selected_task = Some(app.package.performance.tasks.len() - 1);
        }
        if ui
            .add_enabled(
                writable && app.performance.selected_task.is_some(),
                egui::Button::new("删除所选任务"),
            )
            .clicked()
            && let Some(i) = app.performance.selected_task.take()
            && i < app.package.performance.tasks.len()
        {
            app.edit("", Part::Performance, |p| {
                p.performance.tasks.remove(i);
            });
        }
    });
    let avail = ui.available_width();
    ui.horizontal(|ui| {
        ui.add_space(36.0);
        ui.add_sized([260.0, 20.0], egui::Label::new(RichText::new("任务名称").strong()));
        ui.label(RichText::new("主要内容").strong());
    });
    for i in 0..app.package.performance.tasks.len() {
        let t = app.package.performance.tasks[i].clone();
        ui.horizontal(|ui| {
            let sel = ui.add_sized(
                [28.0, 20.0],
                egui::Button::selectable(app.performance.selected_task == Some(i), format!("{}", i + 1)),
            );
            if sel.clicked() {
                app.performance.selected_task = Some(i);
            }
            let mut name = t.name.clone();
            if !writable {
                let w = (avail - 320.0).max(300.0);
                widgets::read_only_text(ui, &name, 260.0, true, false, None);
                widgets::read_only_text(ui, &t.content, w, true, false, None);
                return;
            }
            let r1 = ui.add(
                egui::TextEdit::multiline(&mut name)
                    .id(Id::unique(("task_name", i)))
                    .desired_width(260.0)
                    .min_size(egui::vec2(260.0, 0.0))
                    .desired_rows(1),
            );
            if r1.changed()
                && widgets::fits(
                    ui,
                    widgets::Limit::new("任务名称", yusuan_model::limits::MAX_LABEL),
                    &name,
                )
            {
                app.edit(&format!("task:{i}:name"), Part::Performance, |p| {
                    p.performance.tasks[i].name = name
                });
            }
            let mut content = t.content.clone();
            let w = (avail - 320.0).max(300.0);
            let r2 = ui.add(
                egui::TextEdit::multiline(&mut content)
                    .id(Id::unique(("task_content", i)))
                    .desired_width(w)
                    .min_size(egui::vec2(w, 0.0))
                    .desired_rows(2),
            );
            widgets::land(ui, &r2);
            if r2.changed()
                && widgets::fits(
                    ui,
                    widgets::Limit::new("任务主要内容", yusuan_model::limits::MAX_LONG_TEXT),
                    &content,
                )
            {
                app.edit(&format!("task:{i}:content"), Part::Performance, |p| {
                    p.performance.tasks[i].content = content
                });
            }
            if r1.gained_focus() || r2.gained_focus() {
                app.performance.selected_task = Some(i);
            }
        });
    }
}

fn indicators(app: &mut App, ui: &mut egui::Ui) {
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.label(RichText::new("绩效指标").strong());
        if ui.add_enabled(writable, egui::Button::new("增加指标")).clicked() {
            app.edit("", Part::Performance, |p| {
                p.performance.indicators.push(DeptIndicator::default())
            });
            app.performance.selected_indicator = Some(app.package.performance.indicators.len() - 1);
        }
        if ui
            .add_enabled(
                writable && app.performance.selected_indicator.is_some(),
                egui::Button::new("删除所选指标"),
            )
            .clicked()
            && let Some(i) = app.performance.selected_indicator.take()
            && i < app.package.performance.indicators.len()
        {
            app.edit("", Part::Performance, |p| {
                p.performance.indicators.remove(i);
            });
        }
    });
    egui::Grid::new("perf_indicators")
        .striped(true)
        .num_columns(6)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for h in ["", "一级指标", "二级指标", "三级指标", "指标值", "指标值说明"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for i in 0..app.package.performance.indicators.len() {
                let x = app.package.performance.indicators[i].clone();
                if ui
                    .selectable_label(app.performance.selected_indicator == Some(i), format!("{}", i + 1))
                    .clicked()
                {
                    app.performance.selected_indicator = Some(i);
                }
                let fields: [(&str, &String, f32, widgets::Limit); 5] = [
                    (
                        "l1",
                        &x.level1,
                        110.0,
                        widgets::Limit::new("一级指标", yusuan_model::limits::MAX_LABEL),
                    ),
                    (
                        "l2",
                        &x.level2,
                        130.0,
                        widgets::Limit::new("二级指标", yusuan_model::limits::MAX_LABEL),
                    ),
                    (
                        "l3",
                        &x.level3,
                        180.0,
                        widgets::Limit::new("三级指标", yusuan_model::limits::MAX_LABEL),
                    ),
                    (
                        "v",
                        &x.value,
                        90.0,
                        widgets::Limit::new("指标值", yusuan_model::limits::MAX_VALUE),
                    ),
                    (
                        "n",
                        &x.note,
                        360.0,
                        widgets::Limit::new("指标值说明", yusuan_model::limits::MAX_NOTE),
                    ),
                ];
                for (tag, value, w, limit) in fields {
                    let (r, c) = widgets::text_cell(ui, Id::unique(("dind", i, tag)), value, w, None, limit);
                    if r.gained_focus() {
                        app.performance.selected_indicator = Some(i);
                    }
                    if let Some(t) = c {
                        app.edit(&format!("dind:{i}:{tag}"), Part::Performance, |p| {
                            let x = &mut p.performance.indicators[i];
                            match tag {
                                "l1" => x.level1 = t,
                                "l2" => x.level2 = t,
                                "l3" => x.level3 = t,
                                "v" => x.value = t,
                                _ => x.note = t,
                            }
                        });
                    }
                }
                ui.end_row();
            }
        });
}
