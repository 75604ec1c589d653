//! 查找 (Ctrl+F) and 转到行 (Ctrl+G). Find searches codes, names, amounts,
//! notes and texts across every screen and lists the places; a click (or
//! Enter, again for the next one) goes to the cell, as an audit finding does.
//! In a 决算 the same window searches the 决算's rows ([`search_final`]) and
//! names each place as its audit does, so that the audit's jump serves both.

use egui::{self, Id, Key, RichText};
use yusuan_engine::{Field, Location};
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::{FinalPackage, FinalTextKey, Package, TextKey, Yuan, final_source_label};
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
    /// The hits in an open 决算, by the place as its audit names it.
    pub final_hits: Vec<Hit<String>>,
    /// How many places matched (more than `hits` when cut at [`MAX_HITS`]).
    pub total: usize,
    /// The hit Enter went to last.
    pub current: Option<usize>,
    focus_query: bool,
    /// 转到行: the dialog is open, with the row number typed.
    pub goto: Option<String>,
    /// Frames after a jump during which the window moves off the cell it
    /// went to (the grid scrolls to it over the next frames).
    avoid: u8,
    /// The jump came from Enter in the query: once the window has moved
    /// off the cell, the keyboard goes back to the query, so that the next
    /// Enter goes to the next place (as Excel's 查找下一个), not to the grid.
    back_to_query: bool,
    /// The query had the keyboard at the end of the last frame (egui takes
    /// it away from a field as soon as Esc is pressed).
    in_query: bool,
    /// A drop-down or suggestion list was open at the end of the last
    /// frame: this frame's Esc closes it, not the window.
    popup_open: bool,
    /// Closed with Esc from the query: the place to put the keyboard in
    /// (gone to in a frame without the Esc: a cell focused while the Esc is
    /// in the input would see it and let go).
    land: Option<usize>,
    /// The window's place on screen, last frame.
    pub rect: Option<egui::Rect>,
    /// When the frame began: whether a cell's typing was under way, and the
    /// document's generation (an Esc that put the typed value back changed it).
    editing: Option<u64>,
}

/// One place that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<L = Location> {
    pub location: L,
    /// The value found there, as shown.
    pub text: String,
}

/// The hits of a search: at most [`MAX_HITS`], and how many there were.
struct Hits<L> {
    hits: Vec<Hit<L>>,
    total: usize,
}

impl<L> Hits<L> {
    fn new() -> Hits<L> {
        Hits {
            hits: Vec::new(),
            total: 0,
        }
    }
    fn add(&mut self, location: L, text: String) {
        self.total += 1;
        if self.hits.len() < MAX_HITS {
            self.hits.push(Hit { location, text });
        }
    }
}

/// The query without thousands separators and spaces (to match amounts).
fn plain_query(q: &str) -> String {
    q.chars().filter(|c| *c != ',' && !c.is_whitespace()).collect()
}

/// A code with its catalog name, as the grids show it.
fn code_text(catalog: &Catalog, kind: CodeKind, code: &str) -> String {
    match catalog.name(kind, code.trim()) {
        Some(n) => format!("{} {n}", code.trim()),
        None => code.trim().to_string(),
    }
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
pub fn search(p: &Package, catalog: &Catalog, computed: &yusuan_engine::Computed, query: &str) -> (Vec<Hit>, usize) {
    let q = query.trim();
    let mut found = Hits::new();
    if q.is_empty() {
        return (found.hits, 0);
    }
    let plain_q = plain_query(q);
    let mut hit = |location: Location, text: String| found.add(location, text);
    let code_text = |kind: CodeKind, code: &str| code_text(catalog, kind, code);
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
        // The 政府经济科目 as the grid shows it: the typed one, else the
        // default the engine derived from the 经济科目 (shown greyed).
        let gov = match l.gov.as_deref() {
            Some(g) => g,
            None => computed
                .line(yusuan_engine::LineRef::Basic(i))
                .map_or("", |r| computed.default_gov(r)),
        };
        for (field, kind, code) in [
            (Field::Func, CodeKind::Func, l.func.as_str()),
            (Field::Econ, CodeKind::DeptEcon, l.econ.as_str()),
            (Field::Gov, CodeKind::GovEcon, gov),
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
    (found.hits, found.total)
}

/// Every place of a 决算 package whose value contains `query` (codes,
/// names, amounts, notes, targets, texts, kept entries), in screen order,
/// named as the 决算 audit names places (`基本支出第3行`); at most
/// [`MAX_HITS`], and the total.
pub fn search_final(p: &FinalPackage, catalog: &Catalog, query: &str) -> (Vec<Hit<String>>, usize) {
    let q = query.trim();
    let mut found: Hits<String> = Hits::new();
    if q.is_empty() {
        return (found.hits, 0);
    }
    let plain_q = plain_query(q);
    let f = &mut found;
    let text = |f: &mut Hits<String>, place: &dyn Fn() -> String, t: &str| {
        if t.contains(q) {
            f.add(place(), t.to_string());
        }
    };
    let code = |f: &mut Hits<String>, place: &dyn Fn() -> String, kind: CodeKind, c: &str| {
        let shown = code_text(catalog, kind, c);
        if !c.trim().is_empty() && shown.contains(q) {
            f.add(place(), shown);
        }
    };
    let amount = |f: &mut Hits<String>, place: &dyn Fn() -> String, a: Yuan| {
        if amount_matches(a, q, &plain_q) {
            f.add(place(), format_number(a, 2));
        }
    };
    let unit = |f: &mut Hits<String>, place: &dyn Fn() -> String, code: &str| {
        let shown = match p.unit(code) {
            Some(u) => format!("{} {}", u.code, u.name),
            None => code.to_string(),
        };
        if !code.is_empty() && shown.contains(q) {
            f.add(place(), shown);
        }
    };
    let kept = |f: &mut Hits<String>, place: &dyn Fn() -> String, r: &yusuan_model::Rejected| {
        for t in r.values() {
            text(f, place, t);
        }
    };
    text(f, &|| "概况".into(), &p.department.name);
    text(f, &|| "概况".into(), &p.department.code);
    for (i, u) in p.units.iter().enumerate() {
        let place = || format!("单位表第{}行", i + 1);
        text(f, &place, &u.code);
        text(f, &place, &u.name);
    }
    for (i, x) in p.income.iter().enumerate() {
        let place = || format!("收入第{}行", i + 1);
        unit(f, &place, &x.unit);
        text(f, &place, final_source_label(x.source));
        code(f, &place, CodeKind::Func, &x.func);
        amount(f, &place, x.amount);
        kept(f, &place, &x.rejected);
    }
    for (i, l) in p.basic_lines.iter().enumerate() {
        let place = || format!("基本支出第{}行", i + 1);
        unit(f, &place, &l.unit);
        code(f, &place, CodeKind::Func, &l.func);
        code(f, &place, CodeKind::DeptEcon, &l.econ);
        amount(f, &place, l.amount);
        text(f, &place, &l.note);
        kept(f, &place, &l.rejected);
    }
    for pr in &p.projects {
        let place = || format!("项目“{}”", pr.code.trim());
        text(f, &place, &pr.code);
        text(f, &place, &pr.name);
        for (j, l) in pr.lines.iter().enumerate() {
            let place = || format!("项目“{}”明细第{}行", pr.code.trim(), j + 1);
            code(f, &place, CodeKind::Func, &l.func);
            code(f, &place, CodeKind::DeptEcon, &l.econ);
            amount(f, &place, l.amount);
            kept(f, &place, &l.rejected);
        }
    }
    for (i, l) in p.other_lines.iter().enumerate() {
        let place = || format!("其他支出第{}行", i + 1);
        unit(f, &place, &l.unit);
        code(f, &place, CodeKind::Func, &l.func);
        code(f, &place, CodeKind::DeptEcon, &l.econ);
        amount(f, &place, l.amount);
        kept(f, &place, &l.rejected);
    }
    for (i, x) in p.opening.iter().enumerate() {
        let place = || format!("结转结余第{}行", i + 1);
        unit(f, &place, &x.unit);
        code(f, &place, CodeKind::Func, &x.func);
        amount(f, &place, x.amount);
        kept(f, &place, &x.rejected);
    }
    for (i, x) in p.surplus.iter().enumerate() {
        let place = || format!("非财政拨款结余第{}行", i + 1);
        unit(f, &place, &x.unit);
        amount(f, &place, x.used);
        amount(f, &place, x.distributed);
        kept(f, &place, &x.rejected);
    }
    for (i, x) in p.plan.initial.iter().enumerate() {
        let place = || format!("年初预算第{}行", i + 1);
        code(f, &place, CodeKind::Func, &x.func);
        amount(f, &place, x.amount);
        kept(f, &place, &x.rejected);
    }
    let e = &p.dept_eval;
    // A target's place names its column (`整体自评 第8个指标（偏差原因分析）`):
    // the jump goes to that cell, not the row's first.
    for (i, t) in e.targets.indicators.iter().enumerate() {
        let r = e.results.get(i).cloned().unwrap_or_default();
        for (column, s) in [
            ("一级指标", &t.level1),
            ("二级指标", &t.level2),
            ("三级指标", &t.level3),
            ("年度指标值", &t.value),
            ("实际完成值", &r.actual),
            ("偏差原因分析", &r.deviation),
            ("改进措施", &r.remedy),
        ] {
            text(f, &|| format!("整体自评 第{}个指标（{column}）", i + 1), s);
        }
    }
    for pe in &p.project_evals {
        let name = yusuan_engine::final_accounts::eval_checks::project_place(p, &pe.project);
        for (i, (t, r)) in pe.indicators.iter().enumerate() {
            for (column, s) in [
                ("二级指标", &t.level2),
                ("三级指标", &t.level3),
                ("年度指标值", &t.value),
                ("实际完成值", &r.actual),
                ("偏差原因分析", &r.deviation),
                ("改进措施", &r.remedy),
            ] {
                text(f, &|| format!("{name} 第{}个指标（{column}）", i + 1), s);
            }
        }
    }
    for key in [TextKey::Duties, TextKey::Organization] {
        if let Some(t) = p.dept_texts.get(&key)
            && let Some(at) = t.find(q)
        {
            f.add("概况".into(), excerpt(t, at, q.len()));
        }
    }
    for key in FinalTextKey::ALL {
        let t = p.text(key);
        if let Some(at) = t.find(q) {
            f.add(format!("说明：{}", key.label()), excerpt(t, at, q.len()));
        }
    }
    for k in p.rejected.values() {
        text(f, &|| k.place.clone(), &k.text);
    }
    for (func, t) in &p.reasons_by_func {
        if let Some(at) = t.find(q) {
            f.add(format!("说明：{func}差异原因"), excerpt(t, at, q.len()));
        }
    }
    (found.hits, found.total)
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

/// Called when a frame begins, before the screens draw: whether a cell is
/// being typed into (the history has a typing run open), and the document's
/// generation then.
pub fn before_frame(app: &mut App) {
    let typing = match app.fin.as_deref() {
        Some(d) => d.history.open_run().is_some(),
        None => app.history.open_run().is_some(),
    };
    app.find.editing = typing.then_some(app.generation);
}

/// Where the window of `size` goes so as not to cover `cell`: beside it
/// (left, then right), else below or above it, within `screen`; `from` is
/// where it is now (its height is kept when it moves sideways).
fn beside(from: egui::Rect, cell: egui::Rect, screen: egui::Rect) -> egui::Pos2 {
    let size = from.size();
    let gap = 12.0;
    let y = from
        .top()
        .clamp(screen.top(), (screen.bottom() - size.y).max(screen.top()));
    let x = from
        .left()
        .clamp(screen.left(), (screen.right() - size.x).max(screen.left()));
    let candidates = [
        egui::pos2(cell.left() - gap - size.x, y),
        egui::pos2(cell.right() + gap, y),
        egui::pos2(x, cell.bottom() + gap),
        egui::pos2(x, cell.top() - gap - size.y),
    ];
    candidates
        .into_iter()
        .find(|p| {
            let r = egui::Rect::from_min_size(*p, size);
            screen.contains_rect(r) && !r.intersects(cell)
        })
        // Nowhere whole: on the side with more room, kept on the screen.
        .unwrap_or_else(|| {
            let y = if screen.bottom() - cell.bottom() >= cell.top() - screen.top() {
                cell.bottom() + gap
            } else {
                cell.top() - gap - size.y
            };
            egui::pos2(x, y.clamp(screen.top(), (screen.bottom() - size.y).max(screen.top())))
        })
}

/// The cell a jump put the keyboard in, when it is not in this window (a
/// cell wholly under the window is still the cell: the window's layer
/// tells, not the rectangles).
fn jumped_cell(ctx: &egui::Context) -> Option<egui::Rect> {
    let id = ctx.memory(|m| m.focused())?;
    let r = ctx.read_response(id)?;
    (r.layer_id.id != Id::unique("find_window")).then_some(r.rect)
}

/// Goes to a hit.
fn go(app: &mut App, i: usize) {
    if app.is_final() {
        if let Some(h) = app.find.final_hits.get(i).cloned() {
            app.find.current = Some(i);
            super::final_screens::go_to_place(app, &h.location, "");
        }
    } else if let Some(h) = app.find.hits.get(i).cloned() {
        app.find.current = Some(i);
        app.go_to(&h.location);
    }
}

/// The find window (when open) and the go-to-row dialog.
pub fn window(app: &mut App, ctx: &egui::Context) {
    if let Some(i) = app.find.land
        && !ctx.input(|inp| inp.key_pressed(Key::Escape))
    {
        app.find.land = None;
        go(app, i);
        ctx.request_repaint();
    }
    let asking_row = app.find.goto.is_some();
    goto_dialog(app, ctx);
    if !app.find.open {
        return;
    }
    let generation = app.generation;
    let stale = app.find.searched.as_ref() != Some(&(app.find.query.clone(), generation));
    if stale {
        let total = match app.fin.as_deref() {
            Some(d) => {
                let (hits, total) = search_final(&d.package, &d.catalog, &app.find.query);
                app.find.final_hits = hits;
                total
            }
            None => {
                let (hits, total) = search(&app.package, &app.catalog, &app.computed, &app.find.query);
                app.find.hits = hits;
                total
            }
        };
        app.find.total = total;
        app.find.searched = Some((app.find.query.clone(), generation));
        app.find.current = None;
    }
    let in_query = std::mem::take(&mut app.find.in_query);
    let popup_was_open = std::mem::replace(&mut app.find.popup_open, egui::Popup::is_any_open(ctx));
    let mut open = true;
    let mut jump = None;
    // The window moves off the cell a jump went to (it stood over the
    // right-hand columns, where 金额 and 备注 are).
    let mut moved_to = None;
    if app.find.avoid > 0 {
        app.find.avoid -= 1;
        if app.find.avoid == 0 && std::mem::take(&mut app.find.back_to_query) {
            app.find.focus_query = true;
        }
        let screen = ctx.content_rect();
        // A 决算 hit names a row (`基本支出第2行`), the value found is
        // somewhere in it: the window keeps off the whole row.
        let row = |cell: egui::Rect| egui::Rect::from_x_y_ranges(screen.x_range(), cell.y_range());
        if let Some(window) = app.find.rect
            && let Some(cell) = jumped_cell(ctx).map(|c| if app.is_final() { row(c) } else { c })
            && window.intersects(cell)
        {
            moved_to = Some(beside(window, cell, screen));
        }
    }
    let mut w = egui::Window::new("查找")
        .id(Id::unique("find_window"))
        .open(&mut open)
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-460.0, 80.0))
        .default_width(420.0)
        .resizable(true);
    if let Some(p) = moved_to {
        // Through the area's state as well: a window that can be dragged by
        // its title bar puts back the position it had before the frame.
        let id = Id::unique("find_window");
        if let Some(mut state) = egui::AreaState::load(ctx, id) {
            state.set_left_top_pos(p);
            ctx.memory_mut(|m| {
                m.areas_mut()
                    .set_state(egui::LayerId::new(egui::Order::Middle, id), state)
            });
        }
        w = w.current_pos(p);
    }
    let shown = w.show(ctx, |ui| {
        let r = ui.add(
            egui::TextEdit::singleline(&mut app.find.query)
                .id(query_id())
                .desired_width(f32::INFINITY)
                .hint_text("编码、名称、金额、备注或说明中的文字"),
        );
        if std::mem::take(&mut app.find.focus_query) {
            r.request_focus();
        }
        app.find.in_query = r.has_focus();
        if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let n = listed(app).len();
            if n > 0 {
                jump = Some(app.find.current.map_or(0, |c| (c + 1) % n));
                app.find.back_to_query = true;
            } else {
                r.request_focus();
            }
        }
        let q = app.find.query.trim();
        if !q.is_empty() {
            let shown = listed(app).len();
            ui.label(if app.find.total == 0 {
                RichText::new("没有找到").color(ERROR_RED)
            } else if app.find.total > shown {
                RichText::new(format!("找到{}处，列出前{shown}处", app.find.total))
            } else {
                RichText::new(format!("找到{}处（回车转到下一处）", app.find.total))
            });
        }
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (i, label) in listed(app).into_iter().enumerate() {
                if ui.selectable_label(app.find.current == Some(i), label).clicked() {
                    jump = Some(i);
                    app.find.back_to_query = false;
                }
            }
        });
    });
    app.find.rect = shown.map(|s| s.response.rect);
    if let Some(i) = jump {
        go(app, i);
        app.find.avoid = 4;
    }
    // Esc closes the window wherever the keyboard is, except when it put a
    // cell's typed value back (as in Excel: the next Esc closes), closed
    // 转到行's dialog or an open drop-down.
    let cancelled_typing = app.find.editing.is_some_and(|g| g != app.generation);
    let escape = ctx.input(|i| i.key_pressed(Key::Escape))
        && !asking_row
        && !popup_was_open
        && (ctx.memory(|m| m.has_focus(query_id())) || !cancelled_typing);
    if !open || escape {
        app.find.open = false;
        // Closed from the query after going to a place: the keyboard goes
        // to the place found, as Excel leaves the found cell active.
        if escape
            && in_query
            && let Some(i) = app.find.current
        {
            app.find.land = Some(i);
            ctx.request_repaint();
        }
    }
}

/// The hits as listed: the place, then the value found there.
fn listed(app: &App) -> Vec<String> {
    if app.is_final() {
        app.find
            .final_hits
            .iter()
            .map(|h| format!("{}　{}", h.location, h.text))
            .collect()
    } else {
        app.find
            .hits
            .iter()
            .map(|h| format!("{}　{}", h.location.describe(&app.package), h.text))
            .collect()
    }
}

/// The grid on screen that 转到行 can go into: its name and row count.
fn goto_grid(app: &App) -> Option<(&'static str, usize)> {
    if let Some(d) = app.fin.as_deref() {
        use super::final_doc::FinalScreen;
        let p = &d.package;
        return match d.screen {
            FinalScreen::Units => Some(("单位表", p.units.len())),
            FinalScreen::Income => Some(("收入", p.income.len())),
            FinalScreen::Basic => Some(("基本支出", p.basic_lines.len())),
            FinalScreen::Other => Some(("其他支出", p.other_lines.len())),
            FinalScreen::Balances => Some(("结转结余", p.opening.len())),
            _ => None,
        };
    }
    match app.screen {
        Screen::Basic => Some(("基本支出", app.package.basic_lines.len())),
        Screen::Income => Some(("收入", app.package.income.len())),
        Screen::Units => Some(("单位", app.package.units.len())),
        _ => None,
    }
}

/// 转到行 (Ctrl+G): a row number of the grid on screen (基本支出, 收入, 单位;
/// in a 决算 also 其他支出 and 结转结余).
fn goto_dialog(app: &mut App, ctx: &egui::Context) {
    let Some(mut text) = app.find.goto.take() else { return };
    let Some((what, rows)) = goto_grid(app) else {
        let grids = if app.is_final() {
            "“单位”“收入”“基本支出”“其他支出”或“结转结余”"
        } else {
            "“基本支出”“收入”或“单位”"
        };
        app.message = Some((format!("转到行：请先打开{grids}表格"), true));
        return;
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
        // A 决算's row, named as the audit names it (`收入第3行`).
        Some(row) if app.is_final() => super::final_screens::go_to_place(app, &format!("{what}第{row}行"), ""),
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
