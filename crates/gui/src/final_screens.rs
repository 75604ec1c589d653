//! The 决算 screens: navigation, status bar, the input screens (收入, 基本支出,
//! 项目支出, 其他支出, 结转结余, 预算数, 三公·采购·资产, 说明, 绩效自评), the
//! preview of 公开01–09 and the attachments, and the audit panel. Every
//! figure shown is the 决算 engine's; every change is a typed [`FinalEdit`]
//! through [`App::edit_final`].
//!
//! [`FinalEdit`]: yusuan_model::final_edit::FinalEdit

use egui::{self, Color32, RichText};
use rust_decimal::Decimal;
use yusuan_engine::final_accounts::checks::Level;
use yusuan_engine::final_accounts::eval_checks::project_place;
use yusuan_engine::final_accounts::scores;
use yusuan_model::final_edit::{FinalField, FinalPart};
use yusuan_model::limits::{MAX_LONG_TEXT, MAX_NAME, MAX_PROJECT_NAME};
use yusuan_model::{FinalPackage, FinalTextKey, FundsSplit, TextKey, ThreePublicAmounts, VehicleKind, Yuan};
use yusuan_report::table::format_wan;

use super::app::{App, ERROR_RED, WARN_ORANGE};
use super::final_doc::{FinalDoc, FinalScreen};
use super::final_grid::{
    self, BasicRows, DeptTargets, IncomeRows, OpeningRows, OtherRows, PlanRows, ProjectLines, ProjectTargets,
    SurplusRows, UnitRows, parse_score,
};
use super::widgets::{self, EntryFormat, EntryUnit, Limit};
use super::{files, preview};

/// The open 决算 (the screens are drawn only while one is).
fn doc(app: &App) -> &FinalDoc {
    app.fin.as_deref().expect("a 决算 is open")
}

fn doc_mut(app: &mut App) -> &mut FinalDoc {
    app.fin.as_deref_mut().expect("a 决算 is open")
}

pub fn navigation(app: &mut App, ui: &mut egui::Ui) {
    let errors = doc(app).error_count();
    let current = doc(app).screen;
    for s in FinalScreen::ALL {
        let mut label = RichText::new(s.label()).size(16.0);
        if s == FinalScreen::Audit && errors > 0 {
            label = RichText::new(format!("审核（{errors}）")).size(16.0).color(ERROR_RED);
        }
        if ui
            .add_sized(
                [ui.available_width(), 30.0],
                egui::Button::selectable(current == s, label),
            )
            .clicked()
            && current != s
        {
            // A unit's code typed and left by another screen is committed.
            super::final_grid::commit_unit_code(app);
            doc_mut(app).screen = s;
            app.clear_passing_message();
        }
    }
}

pub fn status_bar(app: &mut App, ui: &mut egui::Ui) {
    let d = doc(app);
    let t = &d.computed.totals;
    let wan = |y| {
        let s = format_wan(y, 2);
        if s.is_empty() { "0.00".to_string() } else { s }
    };
    let figures = [
        ("本年收入", wan(t.income_total)),
        ("本年支出", wan(t.expense_total)),
        ("收支总计", wan(t.grand_total())),
        ("\"三公\"经费", wan(t.three_public_actual.total())),
    ];
    let (errors, warnings) = (d.error_count(), d.warning_count());
    let mut go_audit = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("决算").strong().color(Color32::from_rgb(20, 90, 160)));
        ui.separator();
        for (label, value) in figures {
            ui.label(RichText::new(label).color(ui.visuals().weak_text_color()));
            ui.label(RichText::new(value).strong());
        }
        ui.label(RichText::new("（万元）").color(ui.visuals().weak_text_color()));
        ui.separator();
        go_audit = super::app::finding_counts(ui, errors, warnings);
        if let Some((msg, is_error)) = app.message.clone() {
            ui.separator();
            let mut links = |ui: &mut egui::Ui| files::exported_links(app, ui);
            let links: Option<&mut dyn FnMut(&mut egui::Ui)> = if msg.starts_with("已导出") {
                Some(&mut links)
            } else {
                None
            };
            super::app::status_message(ui, &msg, is_error, links);
        }
    });
    if go_audit {
        doc_mut(app).screen = FinalScreen::Audit;
    }
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    match doc(app).screen {
        FinalScreen::Overview => overview(app, ui),
        FinalScreen::Units => grid_screen(app, ui, "单位", HELP_UNITS, &UnitRows),
        FinalScreen::Income => grid_screen(app, ui, "收入", HELP_INCOME, &IncomeRows),
        FinalScreen::Basic => grid_screen(app, ui, "基本支出", HELP_BASIC, &BasicRows),
        FinalScreen::Projects => projects(app, ui),
        FinalScreen::Other => grid_screen(app, ui, "其他支出", HELP_OTHER, &OtherRows),
        FinalScreen::Balances => balances(app, ui),
        FinalScreen::Plan => plan(app, ui),
        FinalScreen::Facts => facts(app, ui),
        FinalScreen::Texts => texts(app, ui),
        FinalScreen::Narrative => super::final_narrative::show(app, ui),
        FinalScreen::Eval => eval(app, ui),
        FinalScreen::Targets => targets(app, ui),
        FinalScreen::Preview => preview_screen(app, ui),
        FinalScreen::Audit => audit(app, ui),
    }
}

const HELP_GRID: &str = "直接输入即替换内容，F2或双击在末尾修改，Esc恢复原值；Tab、←→在单元格间移动，回车/↑↓在行间移动；从Excel/WPS复制一块后选中起始单元格按Ctrl+V粘贴。";
const HELP_UNITS: &str = "决算的单位：单位代码、名称和单位性质（行政单位、参公单位的公用经费计入机关运行经费）。删除仍有数据行的单位前会询问。";
const HELP_INCOME: &str = "本年收入：按单位、收入来源和功能科目（项）填列实际收到的金额（公开02表）。";
const HELP_BASIC: &str = "基本支出决算数：按单位、功能科目、经济科目和资金来源填列实际支出（公开03、05、06表）。";
const HELP_OTHER: &str = "上缴上级支出、经营支出、对附属单位补助支出（公开03表第4–6列），只能用非财政拨款资金。";

fn help(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).size(13.0).color(Color32::from_gray(70)));
}

fn grid_screen<R: final_grid::Rows>(app: &mut App, ui: &mut egui::Ui, title: &str, about: &str, rows: &R) {
    ui.horizontal(|ui| {
        ui.heading(title);
        final_grid::toolbar(app, ui, rows);
    });
    help(ui, about);
    if !app.read_only {
        help(ui, HELP_GRID);
    }
    ui.add_space(4.0);
    let h = ui.available_height();
    final_grid::show(app, ui, rows, h);
}

// ---------------------------------------------------------------------------
// Fields outside the grids
// ---------------------------------------------------------------------------

/// A one-line text field of the package.
fn line_text(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: &str,
    (width, limit): (f32, Limit),
    part: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, String),
) {
    let part = part.into();
    let (r, new) = widgets::text_field(ui, egui::Id::unique(("fin_field", id)), value, width, None, limit);
    if let Some(t) = new {
        app.edit_final(&format!("fin:{id}"), part, |p| set(p, t));
    }
    if r.lost_focus() {
        app.end_edit_run();
    }
}

/// A multi-line text of the package (a reason, a note, a 自评 text).
fn long_text(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: &str,
    part: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, String),
) {
    if widgets::is_read_only(ui) {
        widgets::read_only_text(ui, value, ui.available_width(), true, false, None);
        return;
    }
    let mut text = value.to_string();
    let out = egui::TextEdit::multiline(&mut text)
        .id(egui::Id::unique(("fin_text", id)))
        .desired_width(f32::INFINITY)
        .desired_rows(2)
        .hint_text("（未填写）")
        .show(ui);
    widgets::land_text(ui, &out, &text);
    let r = out.response.response;
    if r.changed() && widgets::fits(ui, Limit::new("说明", MAX_LONG_TEXT), &text) {
        app.edit_final(&format!("fin:{id}"), part.into(), |p| set(p, text));
    }
    if r.lost_focus() {
        app.end_edit_run();
    }
}

/// Where the audit names a value field of `part` (its section).
fn field_place(p: &FinalPackage, part: &FinalPart) -> String {
    use yusuan_model::final_edit::FinalList;
    match part {
        FinalPart::Field(FinalField::Plan) => "预算数".into(),
        FinalPart::Field(FinalField::LastYear) => "预算数 上年决算数".into(),
        FinalPart::Field(FinalField::ThreePublic) => "三公统计".into(),
        FinalPart::Field(FinalField::Procurement) => "政府采购".into(),
        FinalPart::Field(FinalField::Assets) => "资产".into(),
        FinalPart::Field(FinalField::DeptEval) => "整体自评".into(),
        FinalPart::Rows(FinalList::ProjectEvals, r) => p
            .project_evals
            .get(r.start)
            .map(|e| project_place(p, &e.project))
            .unwrap_or_else(|| "项目自评".into()),
        _ => "概况".into(),
    }
}

/// A value typed as text outside a grid (an amount, a count, a score): text
/// that is not a valid value is kept in the package (red, an audit error
/// at the field's section) until corrected, as a grid cell keeps it.
#[allow(clippy::too_many_arguments)]
fn value_field<T: PartialEq + Clone>(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: &T,
    format: EntryFormat<'_, T>,
    width: f32,
    field: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, T),
) {
    let part = field.into();
    let mut buffer = doc(app).fields.get(id).cloned();
    let kept = doc(app).package.rejected.get(id).map(|k| k.text.clone());
    let (r, new) = widgets::entry_cell(
        ui,
        egui::Id::unique(("fin_value", id)),
        value,
        kept.as_deref(),
        format,
        &mut buffer,
        width,
        None,
    );
    match buffer {
        Some(b) => doc_mut(app).fields.insert(id.to_string(), b),
        None => doc_mut(app).fields.remove(id),
    };
    match new {
        // A valid value over a kept entry changes two parts: one step of its own.
        Some(widgets::Entry::Value(v)) if kept.is_some() => {
            app.edit_final(&format!("fin:{id}:fix"), FinalPart::Whole, |p| {
                set(p, v);
                p.rejected.remove(id);
            });
        }
        Some(widgets::Entry::Value(v)) => {
            app.edit_final(&format!("fin:{id}"), part, |p| set(p, v));
        }
        Some(widgets::Entry::Rejected(t)) => {
            let place = field_place(&doc(app).package, &part);
            app.edit_final(&format!("fin:{id}:kept"), FinalField::Rejected.into(), |p| {
                let k = p.rejected.entry(id.to_string()).or_default();
                k.place = place;
                k.text = t;
            });
        }
        None => {}
    }
    if r.lost_focus() {
        app.end_edit_run();
    }
}

fn amount_field(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: Yuan,
    field: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, Yuan),
) {
    let parse = |t: &str| widgets::parse_amount(t, EntryUnit::Yuan);
    let format = EntryFormat {
        shown: widgets::format_amount(value, EntryUnit::Yuan),
        plain: widgets::plain_amount(value, EntryUnit::Yuan),
        parse: &parse,
        hint: None,
    };
    value_field(app, ui, id, &value, format, 150.0, field, set);
}

/// An amount that may be not given (empty).
fn optional_amount_field(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: Option<Yuan>,
    field: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, Option<Yuan>),
) {
    let parse = |t: &str| -> Result<Option<Yuan>, String> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            widgets::parse_amount(t, EntryUnit::Yuan).map(Some)
        }
    };
    let format = EntryFormat {
        shown: value
            .map(|v| widgets::format_amount(v, EntryUnit::Yuan))
            .unwrap_or_default(),
        plain: value
            .map(|v| {
                if v.is_zero() {
                    "0".into()
                } else {
                    widgets::plain_amount(v, EntryUnit::Yuan)
                }
            })
            .unwrap_or_default(),
        parse: &parse,
        hint: Some("未填"),
    };
    value_field(app, ui, id, &value, format, 150.0, field, set);
}

fn parse_count(t: &str) -> Result<Option<u32>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("“{t}”不是数量：请填写0或正整数"))
}

/// A count; `optional`: empty means not given (`None`), else empty is 0.
fn count_field(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: Option<u32>,
    field: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, Option<u32>),
) {
    let format = EntryFormat {
        shown: value.map(|v| v.to_string()).unwrap_or_default(),
        plain: value.map(|v| v.to_string()).unwrap_or_default(),
        parse: &parse_count,
        hint: Some("未填"),
    };
    value_field(app, ui, id, &value, format, 80.0, field, set);
}

fn score_field(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: Decimal,
    field: impl Into<FinalPart>,
    set: impl FnOnce(&mut FinalPackage, Decimal),
) {
    let format = EntryFormat {
        shown: value.normalize().to_string(),
        plain: if value.is_zero() {
            String::new()
        } else {
            value.normalize().to_string()
        },
        parse: &parse_score,
        hint: None,
    };
    value_field(app, ui, id, &value, format, 60.0, field, set);
}

// ---------------------------------------------------------------------------
// Screens
// ---------------------------------------------------------------------------

fn overview(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("概况（部门决算）");
    let p = doc(app).package.clone();
    egui::Grid::new("fin_overview")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("部门名称");
            line_text(
                app,
                ui,
                "dept_name",
                &p.department.name,
                (360.0, Limit::new("部门名称", MAX_NAME)),
                FinalField::Department,
                |p, t| p.department.name = t,
            );
            ui.end_row();
            ui.label("部门代码");
            line_text(
                app,
                ui,
                "dept_code",
                &p.department.code,
                (160.0, Limit::new("部门代码", yusuan_model::limits::MAX_CODE)),
                FinalField::Department,
                |p, t| p.department.code = t,
            );
            ui.end_row();
            ui.label("决算年度");
            ui.label(RichText::new(format!("{}年", p.department.year)).strong());
            ui.end_row();
            ui.label("封面日期");
            line_text(
                app,
                ui,
                "publish_date",
                &p.publish_date,
                (200.0, Limit::new("封面日期", MAX_NAME)),
                FinalField::PublishDate,
                |p, t| p.publish_date = t,
            );
            ui.end_row();
            ui.label("单位");
            ui.vertical(|ui| {
                for u in &p.units {
                    ui.label(format!("{} {}（{}）", u.code, u.name, u.kind.label()));
                }
            });
            ui.end_row();
            ui.label("公开表格式");
            let layout = p.layout.clone();
            ui.horizontal(|ui| {
                let mut zero_blank = layout.zero_blank;
                if crate::widgets::checkbox(ui, !app.read_only, &mut zero_blank, "金额为零时留空").changed() {
                    app.edit_final("", FinalField::Layout.into(), |p| p.layout.zero_blank = zero_blank);
                }
                let mut thousands = layout.thousands;
                if crate::widgets::checkbox(ui, !app.read_only, &mut thousands, "千分位分隔").changed() {
                    app.edit_final("", FinalField::Layout.into(), |p| p.layout.thousands = thousands);
                }
                ui.label(format!("表样年度 {}", layout.form_year(p.department.year)));
            });
            ui.end_row();
            ui.label("");
            ui.horizontal(|ui| {
                // The presentation choices of seed 003 (焦作).
                for (label, on, set) in [
                    (
                        "“金额单位：万元”",
                        layout.unit_line_long,
                        (|l, b| l.unit_line_long = b) as fn(&mut yusuan_model::FinalLayout, bool),
                    ),
                    ("公开01列名“金额”", layout.table01_amount_header, |l, b| {
                        l.table01_amount_header = b
                    }),
                    (
                        "公开06题为“…基本支出决算表”",
                        layout.table06_short_title,
                        |l, b| l.table06_short_title = b,
                    ),
                ] {
                    let mut b = on;
                    if crate::widgets::checkbox(ui, !app.read_only, &mut b, label).changed() {
                        app.edit_final("", FinalField::Layout.into(), |p| set(&mut p.layout, b));
                    }
                }
            });
            ui.end_row();
            ui.label("");
            ui.horizontal(|ui| {
                // 003 mixes blank and 0.00 zeros: these tables print them the other way.
                ui.label("零值另样的表：");
                for n in 1..=9u8 {
                    let mut b = layout.zero_other_tables.contains(&n);
                    if crate::widgets::checkbox(ui, !app.read_only, &mut b, format!("{n:02}")).changed() {
                        app.edit_final("", FinalField::Layout.into(), |p| {
                            if b {
                                p.layout.zero_other_tables.insert(n);
                            } else {
                                p.layout.zero_other_tables.remove(&n);
                            }
                        });
                    }
                }
            });
            ui.end_row();
            ui.label("年初数取自");
            match &p.budget_ref {
                Some(r) => {
                    ui.label(format!(
                        "预算包 {}（指纹 {}…）",
                        r.file_name,
                        &r.fingerprint[..16.min(r.fingerprint.len())]
                    ));
                }
                None => {
                    ui.label(RichText::new("（导入的决算，未关联预算包）").color(ui.visuals().weak_text_color()));
                }
            }
            ui.end_row();
        });
    ui.add_space(8.0);
    let d = doc(app);
    let t = &d.computed.totals;
    ui.label(format!(
        "本年收入 {} 万元，本年支出 {} 万元，收支总计 {} 万元；基本支出{}行，项目{}个，收入{}行。",
        format_wan(t.income_total, 2),
        format_wan(t.expense_total, 2),
        format_wan(t.grand_total(), 2),
        d.package.basic_lines.len(),
        d.package.projects.len(),
        d.package.income.len()
    ))
    // For whoever measures, not in the officer's way.
    .on_hover_text(format!(
        "上次重新计算用时 {:.2} 毫秒",
        d.last_recompute.as_secs_f64() * 1e3
    ));
}

/// Asks before a project of the 决算 goes (with its lines and amounts).
fn confirm_delete_project(app: &mut App, ctx: &egui::Context) {
    use yusuan_model::final_edit::FinalList;
    let n = doc(app).package.projects.len();
    let Some(i) = doc(app).confirm_delete_project.filter(|i| *i < n) else {
        doc_mut(app).confirm_delete_project = None;
        return;
    };
    let proj = &doc(app).package.projects[i];
    let name = proj.name.trim().to_string();
    let question = format!(
        "删除项目“{} {}”？它的{}条支出明细也一并删除（可撤销）。",
        proj.code.trim(),
        name,
        proj.lines.len()
    );
    let choice = super::widgets::confirm_delete(
        ctx,
        egui::Id::unique("confirm_delete_final_project"),
        "删除项目",
        question,
    );
    match choice {
        Some(true) => {
            doc_mut(app).confirm_delete_project = None;
            if app.edit_final("", FinalPart::row(FinalList::Projects, i), |p| {
                p.projects.remove(i);
            }) {
                doc_mut(app).project = i.saturating_sub(1);
                doc_mut(app).grids.retain(|k, _| !k.starts_with("fin_project_lines_"));
                app.message = Some((format!("已删除项目“{name}”（可撤销）"), false));
            }
        }
        Some(false) => doc_mut(app).confirm_delete_project = None,
        None => {}
    }
}

fn projects(app: &mut App, ui: &mut egui::Ui) {
    use yusuan_model::final_edit::FinalList;
    let n = doc(app).package.projects.len();
    let writable = !app.read_only;
    ui.horizontal(|ui| {
        ui.heading("项目支出");
        if ui
            .add_enabled(writable, egui::Button::new("增加项目"))
            .on_hover_text("年中新增的项目；预算中已有的项目在新建决算时已带入")
            .clicked()
        {
            let unit = doc(app)
                .package
                .units
                .first()
                .map(|u| u.code.clone())
                .unwrap_or_default();
            let added = app.edit_final("", FinalPart::append(FinalList::Projects, &doc(app).package), |p| {
                p.projects.push(yusuan_model::Project {
                    code: format!("P{}", n + 1),
                    name: "新项目".into(),
                    unit,
                    ..Default::default()
                })
            });
            if added {
                doc_mut(app).project = n;
            }
        }
        let selected = doc(app).project;
        if n > 0
            && ui
                .add_enabled(writable, egui::Button::new("删除此项目"))
                .on_hover_text("连同其明细一并删除；可撤销")
                .clicked()
        {
            // Asked first, as on the 预算 side: the project takes its lines with it.
            doc_mut(app).confirm_delete_project = Some(selected.min(n - 1));
        }
    });
    confirm_delete_project(app, ui.ctx());
    let n = doc(app).package.projects.len();
    if n == 0 {
        ui.label("没有项目。项目来自新建决算时的预算包、决算导入模板的“项目”表，或“增加项目”。");
        return;
    }
    if doc(app).project >= n {
        doc_mut(app).project = 0;
    }
    let selected = doc(app).project;
    ui.horizontal(|ui| {
        ui.label("项目：");
        let names: Vec<String> = doc(app)
            .package
            .projects
            .iter()
            .map(|p| format!("{} {}", p.code, p.name))
            .collect();
        egui::ComboBox::from_id_salt("fin_project")
            .width(520.0)
            .selected_text(names[selected].clone())
            .show_ui(ui, |ui| {
                for (i, name) in names.iter().enumerate() {
                    if ui.selectable_label(i == selected, name).clicked() {
                        doc_mut(app).project = i;
                    }
                }
            });
        ui.label(format!("（共{n}个）"));
    });
    let pr = doc(app).package.projects[selected].clone();
    ui.horizontal(|ui| {
        ui.label("项目名称");
        line_text(
            app,
            ui,
            &format!("project_name_{selected}"),
            &pr.name,
            (680.0, Limit::new("项目名称", MAX_PROJECT_NAME)),
            FinalPart::row(yusuan_model::final_edit::FinalList::Projects, selected),
            move |p, t| p.projects[selected].name = t,
        );
    });
    let part = FinalPart::row(FinalList::Projects, selected);
    ui.horizontal(|ui| {
        ui.label("项目编码");
        line_text(
            app,
            ui,
            &format!("project_code_{selected}"),
            &pr.code,
            (120.0, Limit::new("项目编码", yusuan_model::limits::MAX_CODE)),
            part.clone(),
            move |p, t| p.projects[selected].code = t,
        );
        ui.label("单位");
        let units: Vec<(String, String)> = doc(app)
            .package
            .units
            .iter()
            .map(|u| (u.code.clone(), format!("{} {}", u.code, u.name)))
            .collect();
        let current = units
            .iter()
            .find(|(c, _)| *c == pr.unit)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| pr.unit.clone());
        if writable {
            let mut chosen = None;
            egui::ComboBox::from_id_salt(("fin_project_unit", selected))
                .width(260.0)
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (code, label) in &units {
                        if ui.selectable_label(*code == pr.unit, label).clicked() {
                            chosen = Some(code.clone());
                        }
                    }
                });
            if let Some(u) = chosen {
                app.edit_final("", part.clone(), |p| p.projects[selected].unit = u);
            }
            let mut kind = None;
            egui::ComboBox::from_id_salt(("fin_project_kind", selected))
                .selected_text(pr.kind.label())
                .show_ui(ui, |ui| {
                    for k in [
                        yusuan_model::ProjectKind::Operating,
                        yusuan_model::ProjectKind::SpecificTarget,
                    ] {
                        if ui.selectable_label(k == pr.kind, k.label()).clicked() {
                            kind = Some(k);
                        }
                    }
                });
            if let Some(k) = kind {
                app.edit_final("", part.clone(), |p| p.projects[selected].kind = k);
            }
        } else {
            ui.label(format!("{current}，{}", pr.kind.label()));
        }
    });
    let findings: Vec<String> = doc(app).findings_at(&format!("项目“{}”", pr.name.trim()));
    for f in findings {
        ui.label(RichText::new(f).color(ERROR_RED));
    }
    let rows = ProjectLines(selected);
    ui.horizontal(|ui| {
        ui.label(RichText::new("明细（决算数）").strong());
        final_grid::toolbar(app, ui, &rows);
    });
    if !app.read_only {
        help(ui, HELP_GRID);
    }
    let h = ui.available_height();
    final_grid::show(app, ui, &rows, h);
}

fn balances(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("年初结转和结余");
        final_grid::toolbar(app, ui, &OpeningRows);
    });
    help(
        ui,
        "上年决算的年末结转和结余，按单位、资金性质和功能科目填列；年末结转和结余由引擎算出（公开01、04、07表）。",
    );
    let h = (ui.available_height() * 0.55).max(120.0);
    final_grid::show(app, ui, &OpeningRows, h);
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("非财政拨款结余");
        final_grid::toolbar(app, ui, &SurplusRows);
    });
    help(
        ui,
        "每个单位的使用非财政拨款结余和专用结余（公开01表行次28）及结余分配（行次59）。",
    );
    let h = ui.available_height();
    final_grid::show(app, ui, &SurplusRows, h);
}

fn split_fields(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: FundsSplit,
    set: fn(&mut FinalPackage) -> &mut FundsSplit,
) {
    ui.label("政府预算资金");
    amount_field(
        app,
        ui,
        &format!("{id}_gov"),
        value.government,
        FinalField::Plan,
        move |p, v| set(p).government = v,
    );
    ui.label("财政专户");
    amount_field(
        app,
        ui,
        &format!("{id}_special"),
        value.fiscal_special,
        FinalField::Plan,
        move |p, v| set(p).fiscal_special = v,
    );
    ui.label("单位资金");
    amount_field(
        app,
        ui,
        &format!("{id}_unit"),
        value.unit_funds,
        FinalField::Plan,
        move |p, v| set(p).unit_funds = v,
    );
}

fn three_fields(
    app: &mut App,
    ui: &mut egui::Ui,
    id: &str,
    value: ThreePublicAmounts,
    set: fn(&mut FinalPackage) -> &mut ThreePublicAmounts,
) {
    type Item = fn(&mut ThreePublicAmounts) -> &mut Yuan;
    let items: [(&str, Yuan, Item); 4] = [
        ("因公出国（境）费", value.overseas, |t| &mut t.overseas),
        ("公务用车购置费", value.vehicle_purchase, |t| {
            &mut t.vehicle_purchase
        }),
        ("公务用车运行维护费", value.vehicle_operation, |t| {
            &mut t.vehicle_operation
        }),
        ("公务接待费", value.reception, |t| &mut t.reception),
    ];
    for (k, (label, v, field)) in items.into_iter().enumerate() {
        ui.label(label);
        amount_field(app, ui, &format!("{id}_{k}"), v, FinalField::Plan, move |p, x| {
            *field(set(p)) = x
        });
    }
}

fn plan(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("预算数");
    help(
        ui,
        "年初预算数取自预算包（新建决算时冻结）；全年预算数为调整后的预算，由财务人员填写。金额单位：元。",
    );
    let plan = doc(app).package.plan.clone();
    egui::ScrollArea::vertical().id_salt("fin_plan_scroll").show(ui, |ui| {
        egui::CollapsingHeader::new(RichText::new("部门预算总额（整体自评）").strong())
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("fin_plan_dept")
                    .num_columns(7)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("年初预算数");
                        split_fields(app, ui, "dept_initial", plan.dept_initial, |p| &mut p.plan.dept_initial);
                        ui.end_row();
                        ui.label("全年预算数");
                        split_fields(app, ui, "dept_adjusted", plan.dept_adjusted, |p| {
                            &mut p.plan.dept_adjusted
                        });
                        ui.end_row();
                    });
            });
        egui::CollapsingHeader::new(RichText::new("“三公”经费预算").strong())
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("fin_plan_three")
                    .num_columns(9)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("年初预算数");
                        three_fields(app, ui, "three_initial", plan.three_public_initial, |p| {
                            &mut p.plan.three_public_initial
                        });
                        ui.end_row();
                        ui.label("全年预算数");
                        three_fields(app, ui, "three_adjusted", plan.three_public_adjusted, |p| {
                            &mut p.plan.three_public_adjusted
                        });
                        ui.end_row();
                    });
            });
        ui.horizontal(|ui| {
            ui.label("政府采购预算（元）");
            amount_field(
                app,
                ui,
                "procurement_budget",
                plan.procurement_budget.unwrap_or_default(),
                FinalField::Plan,
                |p, v| p.plan.procurement_budget = Some(v),
            );
        });
        egui::CollapsingHeader::new(RichText::new("上年决算数（情况说明中比较用）").strong())
            .default_open(true)
            .show(ui, |ui| {
                super::last_year_fill::screen_bar(app, ui);
                let last = doc(app).package.last_year.clone();
                egui::Grid::new("fin_last_year")
                    .num_columns(4)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        for (k, item) in yusuan_model::LastYearFinalItem::ALL.into_iter().enumerate() {
                            ui.label(item.label());
                            optional_amount_field(
                                app,
                                ui,
                                &format!("last_year_{k}"),
                                last.get(item),
                                FinalField::LastYear,
                                move |p, v| match v {
                                    Some(v) => {
                                        p.last_year.0.insert(item, v);
                                    }
                                    None => {
                                        p.last_year.0.remove(&item);
                                    }
                                },
                            );
                            if k % 2 == 1 {
                                ui.end_row();
                            }
                        }
                    });
            });
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new("财政拨款年初预算数（按功能科目）").strong());
            final_grid::toolbar(app, ui, &PlanRows);
        });
        final_grid::show(app, ui, &PlanRows, 360.0);
    });
}

fn facts(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("“三公”统计、政府采购、资产");
    let p = doc(app).package.clone();
    let tp = p.three_public.clone();
    egui::ScrollArea::vertical().id_salt("fin_facts_scroll").show(ui, |ui| {
        ui.label(RichText::new("“三公”经费统计").strong());
        egui::Grid::new("fin_three_facts")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                type Count = fn(&mut yusuan_model::ThreePublicFacts) -> &mut u32;
                let counts: [(&str, &str, u32, Count); 8] = [
                    (
                        "overseas_groups",
                        "因公出国（境）团组数",
                        tp.overseas_groups,
                        |t| &mut t.overseas_groups,
                    ),
                    (
                        "overseas_persons",
                        "因公出国（境）人次",
                        tp.overseas_persons,
                        |t| &mut t.overseas_persons,
                    ),
                    (
                        "vehicles_bought",
                        "公务用车购置数量（辆）",
                        tp.vehicles_bought,
                        |t| &mut t.vehicles_bought,
                    ),
                    (
                        "vehicles_held",
                        "公务用车保有量（辆）",
                        tp.vehicles_held,
                        |t| &mut t.vehicles_held,
                    ),
                    ("foreign_groups", "外宾接待团组数", tp.foreign_groups, |t| {
                        &mut t.foreign_groups
                    }),
                    ("foreign_persons", "外宾接待人次", tp.foreign_persons, |t| {
                        &mut t.foreign_persons
                    }),
                    (
                        "domestic_groups",
                        "国内公务接待团组数",
                        tp.domestic_groups,
                        |t| &mut t.domestic_groups,
                    ),
                    (
                        "domestic_persons",
                        "国内公务接待人次",
                        tp.domestic_persons,
                        |t| &mut t.domestic_persons,
                    ),
                ];
                for (k, (id, label, v, field)) in counts.into_iter().enumerate() {
                    ui.label(label);
                    count_field(app, ui, id, Some(v), FinalField::ThreePublic, move |p, x| {
                        *field(&mut p.three_public) = x.unwrap_or(0)
                    });
                    if k % 2 == 1 {
                        ui.end_row();
                    }
                }
                ui.label("外宾接待费（元）");
                amount_field(
                    app,
                    ui,
                    "foreign_reception",
                    tp.foreign_reception,
                    FinalField::ThreePublic,
                    |p, v| p.three_public.foreign_reception = v,
                );
                ui.end_row();
            });
        ui.separator();
        ui.label(RichText::new("政府采购").strong());
        egui::Grid::new("fin_procurement")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label("授予中小企业合同金额（元）");
                amount_field(
                    app,
                    ui,
                    "sme_contracts",
                    p.procurement.sme_contracts,
                    FinalField::Procurement,
                    |p, v| p.procurement.sme_contracts = v,
                );
                ui.label("其中：授予小微企业合同金额（元）");
                amount_field(
                    app,
                    ui,
                    "small_micro",
                    p.procurement.small_micro_contracts,
                    FinalField::Procurement,
                    |p, v| p.procurement.small_micro_contracts = v,
                );
                ui.end_row();
            });
        ui.separator();
        ui.label(RichText::new("国有资产占用（车辆、设备）").strong());
        egui::Grid::new("fin_assets")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label("车辆合计（空=各类之和）");
                count_field(
                    app,
                    ui,
                    "vehicles_total",
                    p.assets.vehicles_total,
                    FinalField::Assets,
                    |p, v| p.assets.vehicles_total = v,
                );
                ui.label("单价100万元以上设备（台）");
                count_field(
                    app,
                    ui,
                    "equipment",
                    p.assets.equipment_over_1m,
                    FinalField::Assets,
                    |p, v| p.assets.equipment_over_1m = v,
                );
                ui.end_row();
                for (k, kind) in VehicleKind::ALL.into_iter().enumerate() {
                    ui.label(kind.label());
                    count_field(
                        app,
                        ui,
                        &format!("vehicle_{k}"),
                        p.assets.vehicles.get(&kind).copied(),
                        FinalField::Assets,
                        move |p, v| match v {
                            Some(n) => {
                                p.assets.vehicles.insert(kind, n);
                            }
                            None => {
                                p.assets.vehicles.remove(&kind);
                            }
                        },
                    );
                    if k % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        let findings: Vec<String> = doc(app)
            .computed
            .findings
            .iter()
            .filter(|f| matches!(f.place.as_str(), "资产" | "三公统计" | "政府采购"))
            .map(|f| f.to_string())
            .collect();
        for f in findings {
            ui.label(RichText::new(f).color(ERROR_RED));
        }
    });
}

fn texts(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("说明");
    help(
        ui,
        "情况说明引用的文字：部门职责、机构设置、各项变动原因和用途，以及决算数与年初预算数差异较大的功能科目的原因。",
    );
    let p = doc(app).package.clone();
    egui::ScrollArea::vertical().id_salt("fin_texts_scroll").show(ui, |ui| {
        for key in [TextKey::Duties, TextKey::Organization] {
            ui.label(RichText::new(key.label()).strong());
            let v = p.dept_texts.get(&key).cloned().unwrap_or_default();
            long_text(
                app,
                ui,
                &format!("dept_{}", key.label()),
                &v,
                FinalField::DeptTexts,
                move |p, t| {
                    if t.trim().is_empty() {
                        p.dept_texts.remove(&key);
                    } else {
                        p.dept_texts.insert(key, t);
                    }
                },
            );
        }
        for key in FinalTextKey::ALL {
            ui.label(RichText::new(key.label()).strong());
            long_text(app, ui, key.label(), p.text(key), FinalField::Texts, move |p, t| {
                if t.trim().is_empty() {
                    p.texts.remove(&key);
                } else {
                    p.texts.insert(key, t);
                }
            });
        }
        ui.separator();
        ui.label(RichText::new("决算数与年初预算数差异原因（按功能科目）").strong());
        let funcs: std::collections::BTreeSet<String> = doc(app)
            .computed
            .totals
            .spend_by_func
            .keys()
            .cloned()
            .chain(p.plan.initial.iter().map(|l| l.func.trim().to_string()))
            .chain(p.reasons_by_func.keys().cloned())
            .filter(|f| !f.is_empty())
            .collect();
        for func in funcs {
            let name = doc(app)
                .catalog
                .name(yusuan_model::catalog::CodeKind::Func, &func)
                .unwrap_or("")
                .to_string();
            ui.label(format!("{func} {name}"));
            let v = p.reasons_by_func.get(&func).cloned().unwrap_or_default();
            let key = func.clone();
            long_text(
                app,
                ui,
                &format!("reason_{func}"),
                &v,
                FinalField::Reasons,
                move |p, t| {
                    if t.trim().is_empty() {
                        p.reasons_by_func.remove(&key);
                    } else {
                        p.reasons_by_func.insert(key, t);
                    }
                },
            );
        }
    });
}

fn eval(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("绩效自评");
    let p = doc(app).package.clone();
    let e = p.dept_eval.clone();
    egui::ScrollArea::vertical().id_salt("fin_eval_scroll").show(ui, |ui| {
        egui::CollapsingHeader::new(RichText::new("部门整体支出绩效自评（附件A1）").strong())
            .default_open(true)
            .show(ui, |ui| {
                ui.label("年度履职目标");
                ui.label(RichText::new(&e.targets.goal).color(ui.visuals().weak_text_color()));
                ui.label("实际完成情况");
                long_text(app, ui, "goal_actual", &e.goal_actual, FinalField::DeptEval, |p, t| {
                    p.dept_eval.goal_actual = t
                });
                for (k, task) in e.targets.tasks.iter().enumerate() {
                    ui.label(format!("任务{}：{}", k + 1, task.name));
                    let v = e.task_results.get(k).cloned().unwrap_or_default();
                    long_text(app, ui, &format!("task_{k}"), &v, FinalField::DeptEval, move |p, t| {
                        let r = &mut p.dept_eval.task_results;
                        if r.len() <= k {
                            r.resize(k + 1, String::new());
                        }
                        r[k] = t;
                    });
                }
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("绩效指标{}个", e.targets.indicators.len())).strong());
                    if ui.button("填写指标、实际完成值和得分 →").clicked() {
                        doc_mut(app).targets = 0;
                        doc_mut(app).screen = FinalScreen::Targets;
                    }
                });
                egui::Grid::new("fin_dept_results")
                    .num_columns(3)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        for h in ["", "分值", "得分"] {
                            ui.label(RichText::new(h).strong());
                        }
                        ui.end_row();
                        ui.label("预算执行率");
                        score_field(app, ui, "exec_weight", e.exec_weight, FinalField::DeptEval, |p, v| {
                            p.dept_eval.exec_weight = v
                        });
                        let parse = |t: &str| -> Result<Option<Decimal>, String> {
                            if t.trim().is_empty() {
                                Ok(None)
                            } else {
                                parse_score(t).map(Some)
                            }
                        };
                        let shown = e.exec_score.map(|s| s.normalize().to_string()).unwrap_or_default();
                        let format = EntryFormat {
                            shown: shown.clone(),
                            plain: shown,
                            parse: &parse,
                            hint: Some("按执行率计算"),
                        };
                        value_field(
                            app,
                            ui,
                            "exec_score",
                            &e.exec_score,
                            format,
                            110.0,
                            FinalField::DeptEval,
                            |p, v| p.dept_eval.exec_score = v,
                        );
                        ui.end_row();
                    });
                if p.project_evals.is_empty() {
                    ui.label(RichText::new("项目自评结果（没有逐个项目的自评表时填写个数）").strong());
                    let g = e.project_grades.unwrap_or_default();
                    ui.horizontal(|ui| {
                        type Grade = fn(&mut yusuan_model::GradeCounts) -> &mut u32;
                        let grades: [(&str, u32, Grade); 4] = [
                            ("优", g.excellent, |g| &mut g.excellent),
                            ("良", g.good, |g| &mut g.good),
                            ("中", g.fair, |g| &mut g.fair),
                            ("差", g.poor, |g| &mut g.poor),
                        ];
                        for (label, v, field) in grades {
                            ui.label(label);
                            count_field(
                                app,
                                ui,
                                &format!("grade_{label}"),
                                Some(v),
                                FinalField::DeptEval,
                                move |p, x| {
                                    let counts = p.dept_eval.project_grades.get_or_insert_with(Default::default);
                                    *field(counts) = x.unwrap_or(0);
                                },
                            );
                        }
                    });
                }
                ui.horizontal(|ui| {
                    ui.label("填报人及联系方式");
                    line_text(
                        app,
                        ui,
                        "filled_by",
                        &e.filled_by,
                        (260.0, Limit::new("填报人", MAX_NAME)),
                        FinalField::DeptEval,
                        |p, t| p.dept_eval.filled_by = t,
                    );
                    ui.label("填报日期");
                    line_text(
                        app,
                        ui,
                        "eval_date",
                        &e.date,
                        (140.0, Limit::new("填报日期", MAX_NAME)),
                        FinalField::DeptEval,
                        |p, t| p.dept_eval.date = t,
                    );
                });
            });
        egui::CollapsingHeader::new(
            RichText::new(format!("项目支出绩效自评（附件A2，{}个）", p.project_evals.len())).strong(),
        )
        .default_open(true)
        .show(ui, |ui| {
            if p.project_evals.is_empty() {
                ui.label("没有项目自评。新建决算时每个项目带来一份（目标和年初预算数）。");
            }
            for (k, pe) in p.project_evals.iter().enumerate() {
                let name = p
                    .projects
                    .iter()
                    .find(|x| x.code == pe.project)
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                // A jump into this evaluation opens it.
                let open = (doc(app).open_eval == Some(k)).then_some(true);
                if open.is_some() {
                    doc_mut(app).open_eval = None;
                }
                egui::CollapsingHeader::new(format!("{} {}", pe.project, name))
                    .id_salt(("fin_pe", k))
                    .open(open)
                    .show(ui, |ui| project_eval(app, ui, k, pe));
            }
        });
    });
}

/// 绩效指标: the targets of the department (A1) or of one project (A2)
/// with their 实际完成值, 分值 and 得分, in the grid every list has; the
/// table's 总分 as the 决算 engine computes it (also in 预览).
fn targets(app: &mut App, ui: &mut egui::Ui) {
    let d = doc(app);
    let p = &d.package;
    let names: Vec<String> = std::iter::once("部门整体支出绩效自评（附件A1）".to_string())
        .chain(p.project_evals.iter().map(|e| {
            let name = p
                .projects
                .iter()
                .find(|x| x.code == e.project)
                .map_or("", |x| x.name.as_str());
            format!("项目自评 {} {name}（附件A2）", e.project)
        }))
        .collect();
    let mut at = d.targets.min(names.len() - 1);
    let (total, full) = if at == 0 {
        let s = scores::dept(p, &d.computed.totals);
        (s.total, s.full)
    } else {
        let s = scores::project(p, &p.project_evals[at - 1]);
        (s.total, s.full)
    };
    ui.horizontal(|ui| {
        ui.heading("绩效指标");
        egui::ComboBox::from_id_salt("fin_targets_of")
            .width(420.0)
            .selected_text(names[at].clone())
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    if ui.selectable_label(i == at, n).clicked() {
                        at = i;
                    }
                }
            });
        ui.label(
            RichText::new(format!(
                "总分 {}（分值合计 {}）",
                scores::show_score(total),
                scores::show_score(full)
            ))
            .strong(),
        );
    });
    doc_mut(app).targets = at;
    help(
        ui,
        "一级至三级指标和年度指标值取自预算；填写实际完成值、分值和得分，偏差原因和改进措施。总分、审核（P、W类）和预览中的自评表随输入更新。",
    );
    if at == 0 {
        ui.horizontal(|ui| final_grid::toolbar(app, ui, &DeptTargets));
        let h = ui.available_height();
        final_grid::show(app, ui, &DeptTargets, h);
    } else {
        let rows = ProjectTargets(at - 1);
        ui.horizontal(|ui| final_grid::toolbar(app, ui, &rows));
        let h = ui.available_height();
        final_grid::show(app, ui, &rows, h);
    }
}

fn project_eval(app: &mut App, ui: &mut egui::Ui, k: usize, pe: &yusuan_model::ProjectEval) {
    use yusuan_model::final_edit::FinalList;
    let part = FinalPart::row(FinalList::ProjectEvals, k);
    // The texts and scores of one evaluation: one row of the list.
    let set_text =
        |app: &mut App, ui: &mut egui::Ui, id: String, value: &str, f: fn(&mut yusuan_model::ProjectEval, String)| {
            if widgets::is_read_only(ui) {
                widgets::read_only_text(ui, value, ui.available_width(), true, false, None);
                return;
            }
            let mut text = value.to_string();
            let out = egui::TextEdit::multiline(&mut text)
                .id(egui::Id::unique(("fin_text", &id)))
                .desired_width(f32::INFINITY)
                .desired_rows(2)
                .show(ui);
            widgets::land_text(ui, &out, &text);
            let r = out.response.response;
            if r.changed() && widgets::fits(ui, Limit::new("说明", MAX_LONG_TEXT), &text) {
                app.edit_final(&format!("fin:{id}"), part.clone(), |p| f(&mut p.project_evals[k], text));
            }
            if r.lost_focus() {
                app.end_edit_run();
            }
        };
    ui.horizontal(|ui| {
        ui.label("全年预算数：政府预算资金");
        amount_field(
            app,
            ui,
            &format!("pe_adj_gov_{k}"),
            pe.adjusted.government,
            part.clone(),
            move |p, v| p.project_evals[k].adjusted.government = v,
        );
        ui.label("财政专户");
        amount_field(
            app,
            ui,
            &format!("pe_adj_special_{k}"),
            pe.adjusted.fiscal_special,
            part.clone(),
            move |p, v| p.project_evals[k].adjusted.fiscal_special = v,
        );
        ui.label("单位资金");
        amount_field(
            app,
            ui,
            &format!("pe_adj_unit_{k}"),
            pe.adjusted.unit_funds,
            part.clone(),
            move |p, v| p.project_evals[k].adjusted.unit_funds = v,
        );
    });
    ui.label(format!(
        "年初预算数 {} 元（取自预算包）",
        widgets::format_amount(pe.initial.total(), EntryUnit::Yuan)
    ));
    ui.label("年度目标");
    set_text(app, ui, format!("pe_goal_{k}"), &pe.goal_planned, |e, t| {
        e.goal_planned = t
    });
    ui.label("实际完成情况");
    set_text(app, ui, format!("pe_actual_{k}"), &pe.goal_actual, |e, t| {
        e.goal_actual = t
    });
    ui.horizontal(|ui| {
        ui.label(format!("绩效指标{}个", pe.indicators.len()));
        if ui.button("填写指标、实际完成值和得分 →").clicked() {
            doc_mut(app).targets = k + 1;
            doc_mut(app).screen = FinalScreen::Targets;
        }
    });
}

fn preview_screen(app: &mut App, ui: &mut egui::Ui) {
    let d = doc(app);
    let count = d.computed.tables.len() + d.computed.attachments.len();
    // As the 目录 lists them: by label, or 第二部分's numbered (002).
    let numbered = d.package.wording.toc_numbered;
    let names: Vec<String> = d
        .computed
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| match numbered {
            true => yusuan_report::publication::toc_entry(t, Some(i + 1)),
            false => format!("{}  {}", t.label, t.title),
        })
        .chain(
            d.computed
                .attachments
                .iter()
                .map(|t| format!("{}  {}", t.label, t.title)),
        )
        .collect();
    let mut at = d.preview.min(count.saturating_sub(1));
    ui.horizontal(|ui| {
        ui.heading("预览");
        egui::ComboBox::from_id_salt("fin_preview_table")
            .width(460.0)
            .height(600.0)
            .selected_text(names.get(at).cloned().unwrap_or_default())
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    if ui.selectable_label(i == at, n).clicked() {
                        at = i;
                    }
                }
            });
        if ui.add_enabled(at > 0, egui::Button::new("← 上一张")).clicked() {
            at -= 1;
        }
        if ui.add_enabled(at + 1 < count, egui::Button::new("下一张 →")).clicked() {
            at += 1;
        }
        let d = doc(app);
        let columns = d
            .computed
            .tables
            .iter()
            .chain(&d.computed.attachments)
            .nth(at)
            .map(yusuan_report::compare::amount_columns)
            .unwrap_or_default();
        super::last_year_fill::compare_toggle(app, ui, &columns);
    });
    doc_mut(app).preview = at;
    let d = doc(app);
    let Some(table) = d.computed.tables.iter().chain(&d.computed.attachments).nth(at).cloned() else {
        return;
    };
    // 来源 of a clicked cell (issue 13): its lines, each a link to its row.
    let package = &app.fin.as_deref().expect("a 决算 is open").package;
    let go = preview::final_explain_panel(&mut app.preview, ui, package, table.number);
    if let Some(input) = go {
        let place = input.place(&doc(app).package);
        go_to_place(app, &place, "");
        if place.starts_with("“三公”") {
            doc_mut(app).screen = FinalScreen::Plan;
        }
    }
    // 对照上年 adds its columns at the right: they are not the table's.
    let columns = table.columns.len();
    let table = super::last_year_fill::compared(app, table);
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let clicked = egui::ScrollArea::both()
        .id_salt(("fin_preview_scroll", at))
        .auto_shrink(false)
        .show(ui, |ui| preview::draw_table(ui, &table))
        .inner;
    let clicked = clicked.filter(|&(_, c)| at < 9 && c < columns);
    preview::final_clicked(&mut app.preview, table.number, clicked);
}

fn audit(app: &mut App, ui: &mut egui::Ui) {
    let d = doc(app);
    let (errors, warnings) = (d.error_count(), d.warning_count());
    ui.horizontal(|ui| {
        ui.heading("审核");
        ui.label(format!("错误 {errors} 个，警告 {warnings} 个"));
    });
    if errors > 0 {
        ui.label(RichText::new("有审核错误时，导出的表格不宜公开。点击一条可跳到相应位置。").color(ERROR_RED));
    } else if d.computed.findings.is_empty() {
        ui.label(RichText::new("没有发现问题。").color(Color32::DARK_GREEN));
    }
    ui.add_space(4.0);
    let findings = d.computed.findings.clone();
    let mut go = None;
    egui::ScrollArea::vertical().id_salt("fin_audit").show(ui, |ui| {
        for f in &findings {
            let (label, color) = match f.level {
                Level::Error => ("错误", ERROR_RED),
                Level::Warning => ("警告", WARN_ORANGE),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("【{label}】")).strong().color(color));
                let r = ui
                    .add(egui::Button::new(RichText::new(&f.place).underline()).frame(false))
                    .on_hover_text("转到此处");
                ui.label(&f.message);
                ui.label(RichText::new(f.id).small().color(ui.visuals().weak_text_color()));
                if r.clicked() {
                    go = Some((f.place.clone(), f.message.clone()));
                }
            });
            ui.separator();
        }
    });
    if let Some((place, message)) = go {
        go_to_place(app, &place, &message);
    }
}

/// The row number in `…第N行…` (`…第N个指标`), a detail in brackets after it
/// left out.
fn row_of(place: &str) -> Option<usize> {
    let place = place.split('（').next().unwrap_or(place);
    let after = place.rsplit('第').next()?;
    let n: String = after.chars().take_while(char::is_ascii_digit).collect();
    n.parse::<usize>().ok().filter(|&n| n > 0).map(|n| n - 1)
}

/// The field outside the grids that an audit place names (a 自评 text, a
/// 说明): the jump focuses it. A place inside a project's evaluation also
/// opens that evaluation.
fn field_of_place(app: &mut App, place: &str) -> Option<egui::Id> {
    let text = |id: &str| Some(egui::Id::unique(("fin_text", id)));
    let value = |id: &str| Some(egui::Id::unique(("fin_value", id)));
    if let Some(rest) = place.strip_prefix("说明：") {
        return match rest.strip_suffix("差异原因") {
            Some(func) => text(&format!("reason_{func}")),
            None => text(rest),
        };
    }
    // The proof-reading's places (L1): `说明（部门职责）`, `差异原因（功能科目…）`,
    // `整体自评（任务2完成情况）`, `项目自评（P1）`.
    if let Some(label) = place.strip_prefix("说明（").and_then(|r| r.strip_suffix('）')) {
        let dept = [TextKey::Duties, TextKey::Organization]
            .iter()
            .any(|k| k.label() == label);
        return if dept {
            text(&format!("dept_{label}"))
        } else {
            text(label)
        };
    }
    if let Some(func) = place
        .strip_prefix("差异原因（功能科目")
        .and_then(|r| r.strip_suffix('）'))
    {
        return text(&format!("reason_{func}"));
    }
    if let Some(n) = place
        .strip_prefix("整体自评（任务")
        .and_then(|r| r.strip_suffix("完成情况）"))
        .and_then(|n| n.parse::<usize>().ok())
    {
        return text(&format!("task_{}", n.saturating_sub(1)));
    }
    if let Some(code) = place.strip_prefix("项目自评（").and_then(|r| r.strip_suffix('）')) {
        let p = &doc(app).package;
        let k = p.project_evals.iter().position(|e| e.project == code)?;
        let e = &p.project_evals[k];
        let year = p.department.year;
        let flagged = |t: &str| !yusuan_engine::rules::lint::final_problems(t, year).is_empty();
        let field = if flagged(&e.goal_planned) {
            text(&format!("pe_goal_{k}"))
        } else if flagged(&e.goal_actual) {
            text(&format!("pe_actual_{k}"))
        } else {
            None
        };
        doc_mut(app).open_eval = Some(k);
        return field;
    }
    match place {
        "整体自评" | "整体自评（年度目标实际完成情况）" => return text("goal_actual"),
        "整体自评 预算执行情况" => return value("exec_score"),
        "整体自评 项目自评等级" => return value("grade_优"),
        _ => {}
    }
    let p = &doc(app).package;
    let k = p
        .project_evals
        .iter()
        .position(|e| place.starts_with(&project_place(p, &e.project)))?;
    if place.contains("个指标") {
        return None;
    }
    doc_mut(app).open_eval = Some(k);
    if place.ends_with("（预期目标）") {
        text(&format!("pe_goal_{k}"))
    } else if place.ends_with("（全年实际完成情况）") {
        text(&format!("pe_actual_{k}"))
    } else {
        value(&format!("pe_adj_gov_{k}"))
    }
}

/// Goes to the screen, and the row where it can, that a finding's place
/// names (`基本支出第3行`, `项目“P1”明细第2行`, `资产` …). A unit's 结转结余
/// below zero (`单位509001`, `功能科目2080505`) goes to that unit's income
/// of that 功能 项, where there is one.
pub fn go_to_place(app: &mut App, place: &str, message: &str) {
    let mut row = row_of(place);
    // The proof-reading's `整体自评（指标第3行）`: that row of the targets.
    let indicator_row = place
        .strip_prefix("整体自评（指标第")
        .and_then(|r| r.strip_suffix("行）"))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .map(|n| n - 1);
    if indicator_row.is_some() {
        row = indicator_row;
    }
    if let Some(unit) = place.strip_prefix("单位").filter(|_| !place.starts_with("单位表第")) {
        let func: String = message
            .split("功能科目")
            .nth(1)
            .map(|r| r.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        let found = doc(app)
            .package
            .income
            .iter()
            .position(|x| x.unit.trim() == unit.trim() && x.func.trim() == func);
        if let Some(i) = found {
            doc_mut(app).screen = FinalScreen::Income;
            final_grid::select(app, "fin_income", i, 2);
            return;
        }
        row = None;
    }
    let grid = |prefix: &str| place.starts_with(prefix);
    let target_of = (place.contains("个指标") || indicator_row.is_some())
        .then(|| {
            let d = doc(app);
            if place.starts_with("整体自评") {
                return Some(0);
            }
            d.package
                .project_evals
                .iter()
                .position(|e| place.starts_with(&project_place(&d.package, &e.project)))
                .map(|k| k + 1)
        })
        .flatten();
    let (screen, target): (FinalScreen, Option<String>) = if let Some(t) = target_of {
        doc_mut(app).targets = t;
        let id = if t == 0 {
            final_grid::Rows::id(&DeptTargets)
        } else {
            final_grid::Rows::id(&ProjectTargets(t - 1))
        };
        (FinalScreen::Targets, Some(id))
    } else if grid("单位表第") {
        (FinalScreen::Units, Some("fin_units".into()))
    } else if grid("收入第") {
        (FinalScreen::Income, Some("fin_income".into()))
    } else if grid("基本支出第") {
        (FinalScreen::Basic, Some("fin_basic".into()))
    } else if grid("其他支出第") {
        (FinalScreen::Other, Some("fin_other".into()))
    } else if grid("结转结余第") {
        (FinalScreen::Balances, Some("fin_opening".into()))
    } else if grid("非财政拨款结余第") {
        (FinalScreen::Balances, Some("fin_surplus".into()))
    } else if grid("年初预算第") {
        (FinalScreen::Plan, Some("fin_plan".into()))
    } else if let Some(rest) = place.strip_prefix("项目“") {
        let name = rest.split('”').next().unwrap_or("");
        let d = doc(app);
        let found = d
            .package
            .projects
            .iter()
            .position(|p| p.code.trim() == name || p.name.trim() == name);
        if let Some(i) = found {
            doc_mut(app).project = i;
        }
        let lines = place.contains("明细").then(|| ProjectLines(found.unwrap_or(0)));
        (FinalScreen::Projects, lines.map(|l| final_grid::Rows::id(&l)))
    } else if grid("单位") {
        (FinalScreen::Balances, None)
    } else if grid("资产") || grid("三公") || grid("政府采购") {
        (FinalScreen::Facts, None)
    } else if grid("预算数") {
        (FinalScreen::Plan, None)
    } else if grid("概况") {
        (FinalScreen::Overview, None)
    } else if grid("说明：") || grid("说明（") || grid("差异原因（") {
        (FinalScreen::Texts, None)
    } else if place.starts_with("情况说明") {
        doc_mut(app).narrative.target = super::final_narrative::paragraph_of(place).map(str::to_string);
        (FinalScreen::Narrative, None)
    } else if place.contains("自评") {
        (FinalScreen::Eval, None)
    } else {
        (FinalScreen::Audit, None)
    };
    doc_mut(app).screen = screen;
    app.landing = field_of_place(app, place);
    app.landing_excerpt = widgets::quoted_excerpt(message);
    // 实际完成值 (column 4) for the proof-reading's indicator row: its texts.
    let column = target_of
        .and_then(|_| final_grid::target_column(place).or_else(|| final_grid::target_column_of_message(message)))
        .unwrap_or(if indicator_row.is_some() { 4 } else { 0 });
    if let (Some(id), Some(r)) = (target, row) {
        final_grid::select(app, &id, r, column);
    }
}

/// The refusal of an export for publication while the 决算 has 错误.
pub fn refused_dialog(app: &mut App, ctx: &egui::Context, action: files::Action) {
    let errors: Vec<(String, String)> = doc(app)
        .computed
        .findings
        .iter()
        .filter(|f| f.level == Level::Error)
        .map(|f| (f.place.clone(), f.message.clone()))
        .collect();
    let mut choice = None;
    let mut go: Option<(String, String)> = None;
    egui::Modal::new(egui::Id::unique("fin_export_refused")).show(ctx, |ui| {
        ui.set_max_width(720.0);
        ui.heading("不能导出公开版本");
        ui.label(
            RichText::new(format!(
                "决算包有{}个审核错误。公开的表格必须没有错误，请先改正：",
                errors.len()
            ))
            .color(ERROR_RED),
        );
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (place, text) in &errors {
                ui.horizontal_wrapped(|ui| {
                    if ui.link(place).clicked() {
                        go = Some((place.clone(), text.clone()));
                    }
                    ui.label(text);
                });
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("关闭").clicked() {
                choice = Some(false);
            }
            if ui
                .button("仍然导出草稿…")
                .on_hover_text("文件名和文件内容标注“草稿”，仅供内部核对，不可公开")
                .clicked()
            {
                choice = Some(true);
            }
        });
    });
    if let Some((place, message)) = go {
        app.files.refused = None;
        go_to_place(app, &place, &message);
        return;
    }
    match choice {
        Some(true) => {
            app.files.refused = None;
            app.files.draft = true;
            files::start(app, action);
        }
        Some(false) => app.files.refused = None,
        None => {}
    }
}
