//! 预览: a published table (预算01–14) drawn from the engine's table model —
//! the same model the xlsx and PDF writers draw.

use egui::{self, Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Vec2};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table};

use yusuan_engine::explain::{Explanation, Input};
use yusuan_engine::final_accounts::explain::FinalInput;
use yusuan_model::FinalPackage;

use super::app::App;
use super::fonts;

pub struct PreviewState {
    pub number: u8,
    /// The amount cell whose 来源 shows beside the table (table, row,
    /// column), with its explanation and the package generation it is of.
    pub explained: Option<(u8, usize, usize)>,
    explanation: Option<(u64, Job<Input>)>,
    /// The same in the 决算 preview (公开 table number), with the package the
    /// explanation is of.
    pub final_explained: Option<(u8, usize, usize)>,
    final_explanation: Option<(FinalPackage, Job<FinalInput>)>,
}

impl Default for PreviewState {
    fn default() -> Self {
        PreviewState {
            number: 1,
            explained: None,
            explanation: None,
            final_explained: None,
            final_explanation: None,
        }
    }
}

/// Packages with more inputs than this are explained on a thread of their
/// own, the panel saying so meanwhile (2,000 lines take 20 ms, 20,000 lines
/// 2.7 s: docs/benchmarks.md).
const INPUTS_EXPLAINED_AT_ONCE: usize = 4_000;

/// An explanation, made or being made.
enum Job<I> {
    Done(Box<Option<Explanation<I>>>),
    Running(std::sync::mpsc::Receiver<Option<Explanation<I>>>),
}

impl<I: Send + 'static> Job<I> {
    /// `explain` now, or on a thread when there are more than
    /// [`INPUTS_EXPLAINED_AT_ONCE`] inputs (the window is repainted when it
    /// is done).
    fn start(
        ctx: &egui::Context,
        inputs: usize,
        explain: impl FnOnce() -> Option<Explanation<I>> + Send + 'static,
    ) -> Job<I> {
        if inputs <= INPUTS_EXPLAINED_AT_ONCE {
            return Job::Done(Box::new(explain()));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(explain());
            ctx.request_repaint();
        });
        Job::Running(rx)
    }
    /// The explanation once made (`Some(None)`: the cell holds no amount).
    fn result(&mut self) -> Option<&Option<Explanation<I>>> {
        if let Job::Running(rx) = self
            && let Ok(e) = rx.try_recv()
        {
            *self = Job::Done(Box::new(e));
        }
        match self {
            Job::Done(e) => Some(e),
            Job::Running(_) => None,
        }
    }
}

/// The panel while the explanation is being made.
fn waiting(ui: &mut egui::Ui) -> bool {
    let mut close = false;
    ui.horizontal(|ui| {
        ui.heading("来源");
        if ui.button("关闭来源").clicked() {
            close = true;
        }
    });
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label("正在逐行追溯这个数的来源…");
    });
    close
}

/// What the reader did in a 来源 panel.
enum PanelAction<I> {
    None,
    Close,
    Go(I),
}

const BODY_SIZE: f32 = 14.0;
const PAD: f32 = 6.0;

fn col_widths(t: &Table) -> Vec<f32> {
    t.columns
        .iter()
        .map(|c| {
            let w = c.width * BODY_SIZE * 0.95 + 2.0 * PAD;
            match c.kind {
                ColumnKind::Amount => w.max(100.0),
                ColumnKind::Code => w.max(56.0),
                ColumnKind::Text => w.max(90.0),
                ColumnKind::LongText => w.max(220.0),
            }
        })
        .collect()
}

/// The narrowest a wrapping column gets when a table is fitted to the screen:
/// a name keeps 8 characters a line, a long text 14 (narrower read worse than
/// scrolling: 预算05 with its 上年 columns put 4 characters on a line).
const TEXT_FLOOR: f32 = 120.0;
const LONG_TEXT_FLOOR: f32 = 200.0;

/// Column widths fitted to `avail` (the width on screen): a table wider than
/// that (预算11 at 1366 px) takes the excess from its text columns, which
/// wrap, in proportion to what each has above its floor; amounts and codes
/// keep their width. A table that would not fit even at its floors (预算12,
/// 18 columns) keeps its widths and scrolls sideways, readable.
fn fit_widths(columns: &[yusuan_report::table::Column], mut widths: Vec<f32>, avail: f32) -> Vec<f32> {
    let excess = widths.iter().sum::<f32>() - avail;
    if excess <= 0.0 {
        return widths;
    }
    let slack: Vec<f32> = columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| match c.kind {
            ColumnKind::Text => (w - TEXT_FLOOR).max(0.0),
            ColumnKind::LongText => (w - LONG_TEXT_FLOOR).max(0.0),
            ColumnKind::Amount | ColumnKind::Code => 0.0,
        })
        .collect();
    let total: f32 = slack.iter().sum();
    if total <= 0.0 {
        return widths;
    }
    if total < excess {
        return widths;
    }
    let share = excess / total;
    for (w, s) in widths.iter_mut().zip(slack) {
        *w = (*w - s * share).floor();
    }
    widths
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("预览");
        let current = app.computed.table(app.preview.number);
        egui::ComboBox::from_id_salt("preview_table")
            .width(420.0)
            .height(600.0)
            .selected_text(format!("{}  {}", current.label, current.title))
            .show_ui(ui, |ui| {
                for t in &app.computed.tables {
                    if ui
                        .selectable_label(t.number == app.preview.number, format!("{}  {}", t.label, t.title))
                        .clicked()
                    {
                        app.preview.number = t.number;
                    }
                }
            });
        if ui
            .add_enabled(app.preview.number > 1, egui::Button::new("← 上一张"))
            .clicked()
        {
            app.preview.number -= 1;
        }
        if ui
            .add_enabled(
                usize::from(app.preview.number) < app.computed.tables.len(),
                egui::Button::new("下一张 →"),
            )
            .clicked()
        {
            app.preview.number += 1;
        }
        let columns = yusuan_report::compare::amount_columns(app.computed.table(app.preview.number));
        super::last_year_fill::compare_toggle(app, ui, &columns);
    });
    let table = app.computed.table(app.preview.number).clone();
    if app.preview.explained.is_some_and(|(n, ..)| n == table.number) {
        egui::Panel::right("preview_explain")
            .default_size(460.0)
            .resizable(true)
            .show(ui, |ui| explain_panel(app, ui));
    }
    // 对照上年 adds its columns at the right: they are not the table's.
    let columns = table.columns.len();
    let table = super::last_year_fill::compared(app, table);
    // A solid scroll bar: a table wider than the window (预算12) shows that
    // there is more to the right without hovering.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let clicked = egui::ScrollArea::both()
        .id_salt(("preview_scroll", table.number))
        .auto_shrink(false)
        .show(ui, |ui| draw_table(ui, &table))
        .inner;
    if let Some((row, col)) = clicked.filter(|&(_, c)| c < columns) {
        app.preview.explained = Some((table.number, row, col));
        app.preview.explanation = None;
    }
}

/// 来源 of the clicked cell: the lines that make it up, each a link to its
/// row in its screen, their exact sum and the published figure.
fn explain_panel(app: &mut App, ui: &mut egui::Ui) {
    let Some((number, row, col)) = app.preview.explained else {
        return;
    };
    let fresh = matches!(&app.preview.explanation, Some((g, _)) if *g == app.generation);
    if !fresh {
        let p = app.package.clone();
        let inputs = yusuan_engine::explain::inputs(&p).0.len();
        let job = Job::start(ui.ctx(), inputs, move || {
            yusuan_engine::explain::explain(&p, number, row, col)
        });
        app.preview.explanation = Some((app.generation, job));
    }
    let Some((_, job)) = &mut app.preview.explanation else {
        return;
    };
    let Some(e) = job.result() else {
        if waiting(ui) {
            app.preview.explained = None;
        }
        return;
    };
    let Some(e) = e else {
        app.preview.explained = None;
        return;
    };
    let package = &app.package;
    match lines_panel(ui, e, |i| i.location().describe(package)) {
        PanelAction::None => {}
        PanelAction::Close => app.preview.explained = None,
        PanelAction::Go(i) => app.go_to(&i.location()),
    }
}

/// The 决算 preview's 来源 panel for 公开`number`表, when a cell of it was
/// clicked (see [`final_clicked`]): the input whose link the reader
/// followed, to go to with its [`FinalInput::place`].
pub fn final_explain_panel(
    state: &mut PreviewState,
    ui: &mut egui::Ui,
    package: &FinalPackage,
    number: u8,
) -> Option<FinalInput> {
    let (n, row, col) = state.final_explained?;
    if n != number {
        return None;
    }
    let fresh = matches!(&state.final_explanation, Some((p, _)) if p == package);
    if !fresh {
        let p = package.clone();
        let inputs = yusuan_engine::final_accounts::explain::inputs(&p).0.len();
        let job = Job::start(ui.ctx(), inputs, move || {
            yusuan_engine::final_accounts::explain::explain(&p, number, row, col)
        });
        state.final_explanation = Some((package.clone(), job));
    }
    let (_, job) = state.final_explanation.as_mut()?;
    let mut go = None;
    let mut close = false;
    egui::Panel::right("final_preview_explain")
        .default_size(460.0)
        .resizable(true)
        .show(ui, |ui| match job.result() {
            None => close = waiting(ui),
            Some(None) => close = true,
            Some(Some(e)) => match lines_panel(ui, e, |i| i.place(package)) {
                PanelAction::None => {}
                PanelAction::Close => close = true,
                PanelAction::Go(i) => go = Some(i),
            },
        });
    if close {
        state.final_explained = None;
    }
    go
}

/// A click on an amount cell of 公开`number`表 (1..=9; the 附件 are not
/// sums of lines) opens its 来源.
pub fn final_clicked(state: &mut PreviewState, number: u8, clicked: Option<(usize, usize)>) {
    if let Some((row, col)) = clicked
        && (1..=9).contains(&number)
    {
        state.final_explained = Some((number, row, col));
        state.final_explanation = None;
    }
}

/// The panel's body: heading, what the figure is, one link per line (named
/// by `place`), the exact sum and the published figure.
fn lines_panel<I: Copy>(ui: &mut egui::Ui, e: &Explanation<I>, place: impl Fn(I) -> String) -> PanelAction<I> {
    let mut action = PanelAction::None;
    ui.horizontal(|ui| {
        ui.heading("来源");
        if ui.button("关闭来源").clicked() {
            action = PanelAction::Close;
        }
    });
    ui.label(format!("{} {}", e.table, e.row_label));
    ui.label(format!("栏：{}", e.column_label));
    ui.label(RichText::new(e.summary()).strong());
    if let Some(parts) = e.parts_text(yuan) {
        ui.label(format!("按类：{parts}"));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("preview_explain_lines")
        .max_height(ui.available_height() - 70.0)
        .show(ui, |ui| {
            for l in &e.lines {
                let sign = if l.times == -1 { "−" } else { "" };
                ui.horizontal_wrapped(|ui| {
                    if ui.link(place(l.input)).on_hover_text("转到这一行").clicked() {
                        action = PanelAction::Go(l.input);
                    }
                    ui.label(format!("{sign}{} 元", yuan(l.amount)));
                });
                let i = &l.info;
                let details: Vec<String> = [
                    ("", &i.kind),
                    ("项目", &i.project),
                    ("单位", &i.unit),
                    ("功能", &i.func),
                    ("经济", &i.econ),
                    ("政府经济", &i.gov),
                    ("来源", &i.source),
                ]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| {
                    if k.is_empty() {
                        v.to_string()
                    } else {
                        format!("{k} {v}")
                    }
                })
                .collect();
                ui.label(RichText::new(details.join("，")).weak());
            }
        });
    ui.separator();
    ui.label(format!("合计（元）：{}", yuan(e.sum + e.other)));
    let published = if e.published.is_empty() {
        "空白（0）"
    } else {
        &e.published
    };
    ui.label(format!("公布数（万元）：{published}"));
    action
}

/// 元 with thousands separators and at least two decimals, every one kept.
fn yuan(v: yusuan_model::Yuan) -> String {
    yusuan_report::table::format_number_with(v, v.scale().max(2), true)
}

/// The cells inside a merge other than its first.
fn covered_cells(t: &Table) -> std::collections::HashSet<(usize, usize)> {
    let mut covered = std::collections::HashSet::new();
    for m in &t.merges {
        for rr in m.row..m.row + m.rows {
            for cc in m.col..m.col + m.cols {
                if (rr, cc) != (m.row, m.col) {
                    covered.insert((rr, cc));
                }
            }
        }
    }
    covered
}

/// The columns and rows a body cell spans (1, 1 unless merged).
fn merge_at(t: &Table, row: usize, col: usize) -> (usize, usize) {
    t.merges
        .iter()
        .find(|m| m.row == row && m.col == col)
        .map(|m| (m.cols, m.rows))
        .unwrap_or((1, 1))
}

/// Draws a table: title block, grouped header with merged cells, body.
/// Every amount cell is clickable: the (row, column) clicked, if any.
pub fn draw_table(ui: &mut egui::Ui, t: &Table) -> Option<(usize, usize)> {
    let mut clicked = None;
    let serif = |size: f32| FontId::new(size, fonts::serif());
    let text_color = Color32::from_gray(20);
    let line = Stroke::new(1.0, Color32::from_gray(120));
    let widths = fit_widths(&t.columns, col_widths(t), ui.available_width());
    let total_w: f32 = widths.iter().sum::<f32>().max(500.0);
    let mut xs = vec![0.0];
    for w in &widths {
        xs.push(xs.last().copied().unwrap_or(0.0) + w);
    }
    let header_row_h = 30.0;
    let covered = covered_cells(t);
    // Body row heights: every text cell wraps at its width (merged cells at
    // theirs), and its row (or the last row it spans) grows to hold it, so
    // that no text runs over a grid line.
    let mut heights = vec![26.0f32; t.rows.len()];
    let mut spans = Vec::new();
    for (ri, r) in t.rows.iter().enumerate() {
        for (ci, cell) in r.cells.iter().enumerate().take(widths.len()) {
            if covered.contains(&(ri, ci)) || matches!(cell, Cell::Amount(_) | Cell::Masked(_)) {
                continue;
            }
            let s = t.display(cell);
            if s.is_empty() {
                continue;
            }
            let (cols, rows) = merge_at(t, ri, ci);
            let w = xs[(ci + cols).min(widths.len())] - xs[ci];
            let g = ui.painter().layout(s, serif(BODY_SIZE), text_color, w - 2.0 * PAD);
            let need = g.size().y + 8.0;
            if rows == 1 {
                heights[ri] = heights[ri].max(need);
            } else {
                spans.push((ri, rows, need));
            }
        }
    }
    for (ri, rows, need) in spans {
        let end = (ri + rows).min(heights.len());
        let have: f32 = heights[ri..end].iter().sum();
        if have < need {
            heights[end - 1] += need - have;
        }
    }
    // Header rows grow to hold their wrapped titles (「对个人和家庭的补助」).
    let mut header_hs = vec![header_row_h; t.header_rows];
    for h in &t.header {
        let w = xs[(h.col + h.cols).min(widths.len())] - xs[h.col];
        let g = ui
            .painter()
            .layout(h.text.clone(), serif(13.5), text_color, w - 2.0 * PAD);
        let need = g.size().y + 8.0;
        let end = (h.row + h.rows).min(header_hs.len());
        if h.row >= end {
            continue;
        }
        let have: f32 = header_hs[h.row..end].iter().sum();
        if have < need {
            header_hs[end - 1] += need - have;
        }
    }
    let mut header_ys = vec![0.0f32];
    for hh in &header_hs {
        header_ys.push(header_ys.last().copied().unwrap_or(0.0) + hh);
    }
    let title_h = 70.0;
    let header_h: f32 = header_hs.iter().sum();
    let body_h: f32 = heights.iter().sum();
    let note_h = if t.note.is_some() { 60.0 } else { 0.0 };
    let (rect, _) = ui.allocate_exact_size(
        Vec2::new(total_w + 2.0, title_h + header_h + body_h + note_h + 10.0),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect.expand(2.0));
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let o = rect.min + Vec2::new(1.0, 0.0);
    // The title block over the part of the table in view: a table wider than
    // the window (预算12) has its title centred in what shows, not off to the
    // right over the whole width (the PDF centres it over the table).
    let view = ui.clip_rect();
    let (left, right) = (o.x.max(view.left()), (o.x + total_w).min(view.right()));
    let (left, right) = if right - left > 100.0 {
        (left, right)
    } else {
        (o.x, o.x + total_w)
    };
    painter.text(
        Pos2::new(right, o.y + 4.0),
        Align2::RIGHT_TOP,
        &t.label,
        serif(13.0),
        text_color,
    );
    // A label (not painted text) as wide as its text: read by screen readers
    // and the tests. Wider than what shows, it starts at the left.
    let title_w = painter
        .layout_no_wrap(t.title.clone(), serif(19.0), text_color)
        .size()
        .x
        + 4.0;
    let title_left = ((left + right - title_w) / 2.0).max(left);
    ui.put(
        Rect::from_min_size(Pos2::new(title_left, o.y + 10.0), Vec2::new(title_w, 28.0)),
        egui::Label::new(RichText::new(&t.title).font(serif(19.0)).color(text_color))
            .wrap_mode(egui::TextWrapMode::Extend)
            .selectable(false),
    );
    painter.text(
        Pos2::new(left, o.y + title_h - 8.0),
        Align2::LEFT_BOTTOM,
        &t.department,
        serif(13.0),
        text_color,
    );
    painter.text(
        Pos2::new(right, o.y + title_h - 8.0),
        Align2::RIGHT_BOTTOM,
        &t.unit_line,
        serif(13.0),
        text_color,
    );

    let top = o.y + title_h;
    for h in &t.header {
        let r = Rect::from_min_max(
            Pos2::new(o.x + xs[h.col], top + header_ys[h.row.min(header_hs.len())]),
            Pos2::new(
                o.x + xs[(h.col + h.cols).min(widths.len())],
                top + header_ys[(h.row + h.rows).min(header_hs.len())],
            ),
        );
        painter.rect_filled(r, 0.0, Color32::from_rgb(234, 239, 247));
        painter.rect_stroke(r, 0.0, line, StrokeKind::Inside);
        let g = painter.layout(h.text.clone(), serif(13.5), text_color, r.width() - 2.0 * PAD);
        painter.galley(r.center() - g.size() / 2.0, g, text_color);
    }
    let body_top = top + header_h;
    let clip = ui.clip_rect();
    let mut ys = Vec::with_capacity(heights.len() + 1);
    ys.push(body_top);
    for h in &heights {
        ys.push(ys.last().copied().unwrap_or(body_top) + h);
    }
    for (ri, row) in t.rows.iter().enumerate() {
        let (y0, y1) = (ys[ri], ys[ri + 1]);
        if y1 < clip.top() - 200.0 || y0 > clip.bottom() + 200.0 {
            continue;
        }
        let fill = match row.role {
            RowRole::Total => Some(Color32::from_rgb(255, 247, 222)),
            RowRole::Subtotal => Some(Color32::from_rgb(246, 246, 246)),
            RowRole::Heading => Some(Color32::from_rgb(234, 239, 247)),
            RowRole::Item => None,
        };
        for (ci, cell) in row.cells.iter().enumerate().take(widths.len()) {
            if covered.contains(&(ri, ci)) {
                continue;
            }
            let (cols, rows) = merge_at(t, ri, ci);
            let r = Rect::from_min_max(
                Pos2::new(o.x + xs[ci], y0),
                Pos2::new(
                    o.x + xs[(ci + cols).min(widths.len())],
                    ys[(ri + rows).min(heights.len())],
                ),
            );
            if let Some(f) = fill {
                painter.rect_filled(r, 0.0, f);
            }
            let amount = matches!(cell, Cell::Amount(_) | Cell::Masked(_));
            if amount && let Some(at) = amount_cell(ui, t, ri, ci, r) {
                if at.hovered() {
                    painter.rect_filled(r, 0.0, Color32::from_rgba_unmultiplied(90, 140, 220, 40));
                }
                if at.clicked() {
                    clicked = Some((ri, ci));
                }
            }
            painter.rect_stroke(r, 0.0, line, StrokeKind::Inside);
            let s = t.display(cell);
            if s.is_empty() {
                continue;
            }
            let kind = t.columns[ci].kind;
            let wrap = if amount { f32::INFINITY } else { r.width() - 2.0 * PAD };
            let g = painter.layout(s, serif(BODY_SIZE), text_color, wrap);
            let pos = if amount {
                Pos2::new(r.right() - PAD - g.size().x, r.center().y - g.size().y / 2.0)
            } else if kind == ColumnKind::LongText || rows > 1 || g.rows.len() > 1 {
                Pos2::new(r.left() + PAD, r.top() + 4.0)
            } else {
                Pos2::new(r.left() + PAD, r.center().y - g.size().y / 2.0)
            };
            painter
                .with_clip_rect(r.intersect(painter.clip_rect()))
                .galley(pos, g, text_color);
        }
    }
    if let Some(note) = &t.note {
        let g = painter.layout(note.clone(), serif(13.0), text_color, total_w);
        painter.galley(Pos2::new(o.x, body_top + body_h + 8.0), g, text_color);
    }
    if t.rows.is_empty() {
        ui.label(RichText::new("（本表无数据）").color(ui.visuals().weak_text_color()));
    }
    clicked
}

/// An amount cell as a widget: clicked, it shows where its figure comes
/// from; its accessible name is `预算05表 <row> / <column>`.
fn amount_cell(ui: &mut egui::Ui, t: &Table, row: usize, col: usize, rect: Rect) -> Option<egui::Response> {
    if !ui.is_rect_visible(rect) {
        return None;
    }
    let id = ui.scope_id().with(("amount_cell", &t.label, row, col));
    let r = ui
        .interact(rect, id, Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    r.widget_info(|| {
        let name = format!(
            "{} {} / {}",
            t.label,
            yusuan_engine::explain::row_label(t, row),
            yusuan_engine::explain::column_label(t, col)
        );
        egui::WidgetInfo::labeled(egui::Role::Button, true, name)
    });
    Some(r)
}

#[cfg(test)]
mod fit_tests {
    use super::*;
    use yusuan_report::table::Column;

    fn col(kind: ColumnKind) -> Column {
        Column { kind, width: 1.0 }
    }

    #[test]
    fn a_table_that_fits_keeps_its_widths() {
        let cols = [col(ColumnKind::Text), col(ColumnKind::Amount)];
        assert_eq!(fit_widths(&cols, vec![300.0, 100.0], 400.0), vec![300.0, 100.0]);
    }

    #[test]
    fn a_wide_table_takes_the_excess_from_its_text_columns() {
        // 预算11's shape: a name, a long text, an amount. 1,500 px on 1,100:
        // 400 px to take from slacks of 300 − 120 = 180 and 1,000 − 200 = 800
        // (980): 180 × 400/980 = 73.5 and 800 × 400/980 = 326.5.
        let cols = [
            col(ColumnKind::Text),
            col(ColumnKind::LongText),
            col(ColumnKind::Amount),
        ];
        let w = fit_widths(&cols, vec![300.0, 1000.0, 200.0], 1100.0);
        assert_eq!(w, vec![226.0, 673.0, 200.0]);
        assert!(w.iter().sum::<f32>() <= 1100.0);
    }

    #[test]
    fn a_table_too_wide_even_at_its_floors_keeps_its_widths_and_scrolls() {
        // Floors 120 + 200 + 500 = 820 > 800: nothing gained by squeezing.
        let cols = [
            col(ColumnKind::Text),
            col(ColumnKind::LongText),
            col(ColumnKind::Amount),
        ];
        assert_eq!(
            fit_widths(&cols, vec![150.0, 400.0, 500.0], 800.0),
            vec![150.0, 400.0, 500.0]
        );
        // At 820 it just fits, every text column at its floor.
        assert_eq!(
            fit_widths(&cols, vec![150.0, 400.0, 500.0], 820.0),
            vec![120.0, 200.0, 500.0]
        );
    }
}
