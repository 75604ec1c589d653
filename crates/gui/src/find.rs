//! 查找 (Ctrl+F) and 转到行 (Ctrl+G). Find searches codes, names, amounts,
//! notes and texts across every screen and lists the places; a click (or
//! Enter, again for the next one) goes to the cell, as an audit finding does.

use egui::{self, Id, Key, RichText};
use yusuan_engine::{Field, Location};
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::{Package, TextKey, Yuan};
use yusuan_report::table::format_number;

use super::Screen;
use super::app::{App, ERROR_RED};

/// The most places listed (the count says how many there are).
pub const MAX_HITS: usize = 500;

#[derive(Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    /// The query and package generation the hits are for.
    searched: Option<(String, u64)>,
    pub hits: Vec<Hit>,
    /// How many places matched (more than `hits` when cut at [`MAX_HITS`]).
    pub total: usize,
    /// The hit Enter went to last.
    pub current: Option<usize>,
    focus_query: bool,
    /// 转到行: the dialog is open, with the row number typed.
    pub goto: Option<String>,
}

/// One place that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub location: Location,
    /// The value found there, as shown.
    pub text: String,
}

/// An amount matches when the query, without thousands separators, is part
/// of it written plain (`1959630.00`) or as shown (`1,959,630.00`).
fn amount_matches(a: Yuan, q: &str, plain_q: &str) -> bool {
    !plain_q.is_empty()
        && plain_q.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && (format!("{:.2}", a).contains(plain_q) || format_number(a, 2).contains(q))
}

/// Every place of the package whose value contains `query` (codes, names,
/// amounts, notes, 说明 texts), in screen order; at most [`MAX_HITS`], and
/// the total.
pub fn search(p: &Package, catalog: &Catalog, query: &str) -> (Vec<Hit>, usize) {
    let q = query.trim();
    let mut hits = Vec::new();
    let mut total = 0;
    if q.is_empty() {
        return (hits, 0);
    }
    let plain_q: String = q.chars().filter(|c| *c != ',' && !c.is_whitespace()).collect();
    let mut hit = |location: Location, text: String| {
        total += 1;
        if hits.len() < MAX_HITS {
            hits.push(Hit { location, text });
        }
    };
    let code_text = |kind: CodeKind, code: &str| match catalog.name(kind, code.trim()) {
        Some(n) => format!("{} {n}", code.trim()),
        None => code.trim().to_string(),
    };
    if p.department.name.contains(q) {
        hit(Location::Department(Field::Name), p.department.name.clone());
    }
    if p.department.code.contains(q) {
        hit(Location::Department(Field::Code), p.department.code.clone());
    }
    for (i, u) in p.units.iter().enumerate() {
        if u.code.contains(q) {
            hit(Location::Unit(i, Field::Code), u.code.clone());
        }
        if u.name.contains(q) {
            hit(Location::Unit(i, Field::Name), u.name.clone());
        }
    }
    let unit_text = |code: &str| match p.unit(code) {
        Some(u) => format!("{} {}", u.code, u.name),
        None => code.to_string(),
    };
    for (i, e) in p.income.iter().enumerate() {
        if unit_text(&e.unit).contains(q) {
            hit(Location::Income(i, Field::Unit), unit_text(&e.unit));
        }
        if e.source.label().contains(q) {
            hit(Location::Income(i, Field::Source), e.source.label().to_string());
        }
        if amount_matches(e.amount, q, &plain_q) {
            hit(Location::Income(i, Field::Amount), format_number(e.amount, 2));
        }
    }
    for (i, l) in p.basic_lines.iter().enumerate() {
        if l.unit.contains(q) || p.unit(&l.unit).is_some_and(|u| u.name.contains(q)) {
            hit(Location::BasicLine(i, Field::Unit), unit_text(&l.unit));
        }
        for (field, kind, code) in [
            (Field::Func, CodeKind::Func, l.func.as_str()),
            (Field::Econ, CodeKind::DeptEcon, l.econ.as_str()),
            (Field::Gov, CodeKind::GovEcon, l.gov.as_deref().unwrap_or("")),
        ] {
            let text = code_text(kind, code);
            if !code.is_empty() && text.contains(q) {
                hit(Location::BasicLine(i, field), text);
            }
        }
        if amount_matches(l.amount, q, &plain_q) {
            hit(Location::BasicLine(i, Field::Amount), format_number(l.amount, 2));
        }
        if l.note.contains(q) {
            hit(Location::BasicLine(i, Field::Note), l.note.clone());
        }
        for text in l.rejected.values() {
            if text.contains(q) {
                hit(Location::BasicLine(i, Field::Amount), text.clone());
            }
        }
    }
    for (i, project) in p.projects.iter().enumerate() {
        if project.code.contains(q) {
            hit(Location::Project(i, Field::Code), project.code.clone());
        }
        if project.name.contains(q) {
            hit(Location::Project(i, Field::Name), project.name.clone());
        }
        for (j, l) in project.lines.iter().enumerate() {
            for (field, kind, code) in [
                (Field::Func, CodeKind::Func, l.func.as_str()),
                (Field::Econ, CodeKind::DeptEcon, l.econ.as_str()),
            ] {
                let text = code_text(kind, code);
                if !code.is_empty() && text.contains(q) {
                    hit(Location::ProjectLine(i, j, field), format!("{}：{text}", project.name));
                }
            }
            if amount_matches(l.amount, q, &plain_q) {
                hit(
                    Location::ProjectLine(i, j, Field::Amount),
                    format!("{}：{}", project.name, format_number(l.amount, 2)),
                );
            }
        }
    }
    for key in TextKey::ALL {
        let t = p.text(key);
        if let Some(at) = t.find(q) {
            hit(Location::Text(key), excerpt(t, at, q.len()));
        }
    }
    (hits, total)
}

/// Up to 20 characters on each side of a match in a long text.
fn excerpt(t: &str, at: usize, len: usize) -> String {
    let before: String = t[..at]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = t[at + len..].chars().take(20).collect();
    format!(
        "{}{}{}{}{}",
        if before.chars().count() == 20 { "…" } else { "" },
        before,
        &t[at..at + len],
        after,
        if after.chars().count() == 20 { "…" } else { "" }
    )
}

fn query_id() -> Id {
    Id::unique("find_query")
}

/// Opens the find window with the cursor in the query.
pub fn open(app: &mut App) {
    app.find.open = true;
    app.find.focus_query = true;
}

/// Goes to a hit.
fn go(app: &mut App, i: usize) {
    if let Some(h) = app.find.hits.get(i).cloned() {
        app.find.current = Some(i);
        app.go_to(&h.location);
    }
}

/// The find window (when open) and the go-to-row dialog.
pub fn window(app: &mut App, ctx: &egui::Context) {
    goto_dialog(app, ctx);
    if !app.find.open {
        return;
    }
    let generation = app.generation;
    let stale = app.find.searched.as_ref() != Some(&(app.find.query.clone(), generation));
    if stale {
        let (hits, total) = search(&app.package, &app.catalog, &app.find.query);
        app.find.hits = hits;
        app.find.total = total;
        app.find.searched = Some((app.find.query.clone(), generation));
        app.find.current = None;
    }
    let mut open = true;
    let mut jump = None;
    egui::Window::new("查找")
        .id(Id::unique("find_window"))
        .open(&mut open)
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-460.0, 80.0))
        .default_width(420.0)
        .resizable(true)
        .show(ctx, |ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut app.find.query)
                    .id(query_id())
                    .desired_width(f32::INFINITY)
                    .hint_text("编码、名称、金额、备注或说明中的文字"),
            );
            if std::mem::take(&mut app.find.focus_query) {
                r.request_focus();
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let n = app.find.hits.len();
                if n > 0 {
                    jump = Some(app.find.current.map_or(0, |c| (c + 1) % n));
                }
                r.request_focus();
            }
            let q = app.find.query.trim();
            if !q.is_empty() {
                let shown = app.find.hits.len();
                ui.label(if app.find.total == 0 {
                    RichText::new("没有找到").color(ERROR_RED)
                } else if app.find.total > shown {
                    RichText::new(format!("找到{}处，列出前{shown}处", app.find.total))
                } else {
                    RichText::new(format!("找到{}处（回车转到下一处）", app.find.total))
                });
            }
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for (i, h) in app.find.hits.iter().enumerate() {
                    let place = h.location.describe(&app.package);
                    let label = format!("{place}　{}", h.text);
                    if ui.selectable_label(app.find.current == Some(i), label).clicked() {
                        jump = Some(i);
                    }
                }
            });
        });
    if let Some(i) = jump {
        go(app, i);
    }
    if !open || ctx.input(|i| i.key_pressed(Key::Escape)) && ctx.memory(|m| m.has_focus(query_id())) {
        app.find.open = false;
    }
}

/// 转到行 (Ctrl+G): a row number of the grid on screen (基本支出, 收入, 单位).
fn goto_dialog(app: &mut App, ctx: &egui::Context) {
    let Some(mut text) = app.find.goto.take() else { return };
    let (what, rows) = match app.screen {
        Screen::Basic => ("基本支出", app.package.basic_lines.len()),
        Screen::Income => ("收入", app.package.income.len()),
        Screen::Units => ("单位", app.package.units.len()),
        _ => {
            app.message = Some(("转到行：请先打开“基本支出”“收入”或“单位”表格".into(), true));
            return;
        }
    };
    let mut done = None;
    let id = Id::unique("goto_row");
    egui::Modal::new(id).show(ctx, |ui| {
        ui.heading(format!("转到{what}的行"));
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id.with("field"))
                .desired_width(160.0)
                .hint_text(format!("1–{rows}")),
        );
        if !r.has_focus() && !r.lost_focus() {
            r.request_focus();
        }
        let parsed = text.trim().parse::<usize>().ok().filter(|n| (1..=rows).contains(n));
        if !text.trim().is_empty() && parsed.is_none() {
            ui.label(RichText::new(format!("请输入1到{rows}之间的行号")).color(ERROR_RED));
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if (ui.button("转到").clicked() || enter) && parsed.is_some() {
                done = parsed;
            }
            if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                done = Some(0);
            }
        });
    });
    match done {
        Some(0) => {}
        Some(row) => {
            let loc = match app.screen {
                Screen::Basic => Location::BasicLine(row - 1, Field::Func),
                Screen::Income => Location::Income(row - 1, Field::Amount),
                _ => Location::Unit(row - 1, Field::Code),
            };
            app.go_to(&loc);
        }
        None => app.find.goto = Some(text),
    }
}
