//! Cell widgets shared by the grids: amounts in 元 or 万元, code pickers.

use egui::{self, Id, RichText, Stroke};
use rust_decimal::Decimal;
use yusuan_model::Yuan;
use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_report::table::format_number;

use super::app::ERROR_RED;

/// How amounts are entered and shown in the grids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EntryUnit {
    #[default]
    Yuan,
    Wan,
}

impl EntryUnit {
    pub fn label(self) -> &'static str {
        match self {
            EntryUnit::Yuan => "元",
            EntryUnit::Wan => "万元",
        }
    }
}

thread_local! {
    /// The places every 万元 figure is shown with (see [`wan_decimals`]).
    static WAN_DECIMALS: std::cell::Cell<u32> = const { std::cell::Cell::new(2) };
}

/// The places that show every amount exactly in 万元, the same for all, so
/// that a column's decimal points line up: 2, 4 (whole 元) or 6 (分).
pub fn wan_decimals(amounts: impl Iterator<Item = Yuan>) -> u32 {
    let mut places = 2;
    for a in amounts {
        let need = (a / Decimal::from(10_000)).normalize().scale().clamp(2, 6);
        if need > places {
            places = if need > 4 { 6 } else { 4 };
            if places == 6 {
                break;
            }
        }
    }
    places
}

/// Sets the places of 万元 figures for this frame (the editor's package).
pub fn set_wan_decimals(places: u32) {
    WAN_DECIMALS.with(|c| c.set(places));
}

/// An amount as the grid shows it: `1,959,630.00` 元 or `195.9630` 万元
/// (every 万元 figure with the same places, [`set_wan_decimals`]).
pub fn format_amount(y: Yuan, unit: EntryUnit) -> String {
    match unit {
        EntryUnit::Yuan => format_number(y, 2),
        EntryUnit::Wan => format_number(y / Decimal::from(10_000), WAN_DECIMALS.with(|c| c.get())),
    }
}

/// Parses what the user typed into an amount cell; the error says why not.
pub fn parse_amount(text: &str, unit: EntryUnit) -> Result<Yuan, String> {
    match unit {
        EntryUnit::Yuan => yusuan_model::amount::parse_yuan(text),
        EntryUnit::Wan => yusuan_model::amount::parse_wan(text),
    }
}

/// Set for one frame when Esc cancelled a cell's edit (see [`cell_habits`]).
fn cell_cancelled_id() -> Id {
    Id::unique("yusuan_cell_cancelled")
}

/// Whether Esc cancelled a cell's edit this frame (read once): the app then
/// drops the undo step the cancelled typing opened.
pub fn take_cell_cancelled(ctx: &egui::Context) -> bool {
    ctx.data_mut(|d| d.remove_temp::<bool>(cell_cancelled_id())) == Some(true)
}

/// The most characters a text field takes (`yusuan_model::limits`), and the
/// field's name for the message when a typed or pasted text is longer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub what: &'static str,
    pub max: usize,
}

impl Limit {
    pub const fn new(what: &'static str, max: usize) -> Self {
        Limit { what, max }
    }
}

fn limit_notice_id() -> Id {
    Id::unique("yusuan_limit_notice")
}

/// Whether `text` fits `limit`. When it does not, the field keeps its value
/// and the status bar says why (read with [`take_limit_notice`]): a text is
/// never cut silently.
pub fn fits(ui: &egui::Ui, limit: Limit, text: &str) -> bool {
    match yusuan_model::limits::fits(limit.what, text, limit.max) {
        Ok(()) => true,
        Err(message) => {
            ui.data_mut(|d| d.insert_temp(limit_notice_id(), message));
            false
        }
    }
}

/// The message of a text refused this frame for its length (read once).
pub fn take_limit_notice(ctx: &egui::Context) -> Option<String> {
    ctx.data_mut(|d| d.remove_temp::<String>(limit_notice_id()))
}

fn landing_id() -> Id {
    Id::unique("yusuan_jump_landing")
}

/// A jump (审核, 查找) to a field outside a grid (a 自评 text, a 概况
/// field): the field drawn with `id` takes the keyboard and scrolls into view
/// when it is next drawn ([`land`]). Dropped when no such field is drawn
/// within a few frames ([`age_landing`]).
pub fn jump_to_field(ctx: &egui::Context, id: Id, excerpt: Option<String>) {
    ctx.data_mut(|d| {
        d.insert_temp(landing_id(), (id, 4u8));
        match excerpt {
            Some(e) => {
                d.insert_temp(landing_excerpt_id(), e);
            }
            None => d.remove::<String>(landing_excerpt_id()),
        }
    });
}

fn landing_excerpt_id() -> Id {
    Id::unique("yusuan_jump_landing_excerpt")
}

/// The piece of text a finding quotes: the proof-reading's messages give
/// the words around the problem in 「（“…”）」 (「中文中用了半角标点“(”（“组织实施。
/// (十五)组织开展”）：应为全角“（”」).
pub fn quoted_excerpt(message: &str) -> Option<String> {
    let start = message.rfind("（“")? + "（“".len();
    let len = message[start..].find("”）")?;
    let e = &message[start..start + len];
    (!e.trim().is_empty()).then(|| e.to_string())
}

/// Where in `text` the problem quoted by `excerpt` is, in characters: the
/// quote holds up to six characters before the problem (fewer at the
/// text's start) and its spaces stand for any run of white space, so the
/// longest piece between spaces is looked for when the whole is not there.
pub fn excerpt_char(text: &str, excerpt: &str) -> Option<usize> {
    let chars = |b: usize| text[..b].chars().count();
    if let Some(b) = text.find(excerpt) {
        let start = chars(b);
        return Some(if start == 0 { 0 } else { start + 6 });
    }
    let piece = excerpt.split_whitespace().max_by_key(|p| p.chars().count())?;
    text.find(piece).map(chars)
}

/// [`land`] for a multi-line text: when the jump quotes the problem (a
/// proof-reading finding), the caret goes to it and the view scrolls to
/// its line, not to the middle of a text taller than the screen.
pub fn land_text(ui: &egui::Ui, out: &egui::text_edit::TextEditOutput, text: &str) {
    let r = &out.response.response;
    let Some(excerpt) = take_landing(ui, r.id) else { return };
    r.request_focus();
    match excerpt.and_then(|e| excerpt_char(text, &e)) {
        Some(c) => {
            let caret = egui::text::CCursor::new(c.min(text.chars().count()));
            let mut state = out.state.clone();
            state.cursor.set_char_range(Some(egui::text::CCursorRange::one(caret)));
            state.store(ui.ctx(), r.id);
            let rect = out.galley.pos_from_cursor(caret).translate(out.galley_pos.to_vec2());
            ui.scroll_to_rect(rect, Some(egui::Align::Center));
        }
        None => r.scroll_to_me(Some(egui::Align::Center)),
    }
}

/// Call after drawing a field outside a grid: when a jump is for it, it
/// takes the keyboard (its focus outline is the highlight, as a grid cell
/// reached by a jump) and scrolls to the middle of the view.
pub fn land(ui: &egui::Ui, r: &egui::Response) {
    if take_landing(ui, r.id).is_some() {
        r.request_focus();
        r.scroll_to_me(Some(egui::Align::Center));
    }
}

/// When the pending jump is for the field `id`: ends it, with the words it
/// quotes if any.
fn take_landing(ui: &egui::Ui, id: Id) -> Option<Option<String>> {
    ui.data_mut(|d| {
        let (target, _) = d.get_temp::<(Id, u8)>(landing_id())?;
        if target != id {
            return None;
        }
        d.remove::<(Id, u8)>(landing_id());
        let excerpt = d.get_temp::<String>(landing_excerpt_id());
        d.remove::<String>(landing_excerpt_id());
        Some(excerpt)
    })
}

/// Once a frame, after the screens: a jump whose field was not drawn for a
/// few frames is dropped (it must not take the keyboard later).
pub fn age_landing(ctx: &egui::Context) {
    ctx.data_mut(|d| match d.get_temp::<(Id, u8)>(landing_id()) {
        Some((id, n)) if n > 1 => {
            d.insert_temp(landing_id(), (id, n - 1));
        }
        Some(_) => {
            d.remove::<(Id, u8)>(landing_id());
        }
        None => {}
    });
}

fn values_replaced_id() -> Id {
    Id::unique("yusuan_values_replaced")
}

/// Undo, redo or another document put new values under the cells during this
/// frame (until [`end_values_replaced`]): the focused cell starts again as if
/// just reached, instead of keeping a selection made in the old text.
pub fn values_replaced(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(values_replaced_id(), true));
}

pub fn end_values_replaced(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove_temp::<bool>(values_replaced_id()));
}

/// Spreadsheet habits of every one-line cell, in one place (Excel/WPS):
/// - a cell that gets the focus (click, Tab, Enter, arrows) has its whole
///   content selected, so typing replaces it;
/// - F2 or a double-click puts the caret at the end, to edit in place;
/// - Esc puts back what the cell held when it got the focus.
///
/// Call right after showing the cell's `TextEdit`. `shown` is the text the
/// field holds now; `original` is what the cell holds when it gets the focus
/// (what Esc restores; asked for only then). Returns the text Esc restored
/// when it differs from `shown` (the caller applies it like a typed value).
pub fn cell_habits(
    ui: &egui::Ui,
    id: Id,
    state: egui::text_edit::TextEditState,
    r: &egui::Response,
    shown: &str,
    original: impl FnOnce() -> String,
) -> Option<String> {
    habits(ui, id, state, r, shown, original, true)
}

fn habits(
    ui: &egui::Ui,
    id: Id,
    mut state: egui::text_edit::TextEditState,
    r: &egui::Response,
    shown: &str,
    original: impl FnOnce() -> String,
    select_on_click: bool,
) -> Option<String> {
    use egui::text::{CCursor, CCursorRange};
    let original_id = id.with("cell_original");
    let fresh_id = id.with("cell_fresh");
    let mut caret = None;
    let replaced = r.has_focus() && ui.data(|d| d.get_temp::<bool>(values_replaced_id())).unwrap_or(false);
    // The cell the keyboard came to, however it came (a click, Tab, a jump,
    // focus given back after Esc or a dialog): egui's `gained_focus` misses
    // focus that leaves and returns within one frame.
    let owner_id = Id::unique("yusuan_cell_focus_owner");
    let arrived = r.has_focus() && ui.data(|d| d.get_temp::<Id>(owner_id)) != Some(id);
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(owner_id, id));
    }
    if r.gained_focus() || arrived || replaced {
        let o = original();
        let by_pointer = r.hovered() && ui.input(|i| i.pointer.any_down() || i.pointer.any_released());
        if select_on_click || !by_pointer || replaced {
            caret = Some(CCursorRange::two(CCursor::new(0), CCursor::new(o.chars().count())));
        }
        ui.data_mut(|d| {
            d.insert_temp(original_id, o);
            d.insert_temp(fresh_id, select_on_click);
        });
    } else if r.has_focus() {
        let fresh = ui.data(|d| d.get_temp::<bool>(fresh_id)).unwrap_or(false);
        let end = CCursorRange::one(CCursor::new(shown.chars().count()));
        if r.double_clicked() || ui.input(|i| i.key_pressed(egui::Key::F2)) {
            caret = Some(end);
            ui.data_mut(|d| d.insert_temp(fresh_id, false));
        } else if fresh && r.clicked() {
            // The click that gave the focus: keep the whole content selected.
            caret = Some(CCursorRange::two(CCursor::new(0), CCursor::new(shown.chars().count())));
            ui.data_mut(|d| d.insert_temp(fresh_id, false));
        } else if fresh && r.changed() {
            ui.data_mut(|d| d.insert_temp(fresh_id, false));
        }
    }
    if let Some(range) = caret {
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), id);
    }
    if r.lost_focus() {
        let original: Option<String> = ui.data_mut(|d| {
            if d.get_temp::<Id>(owner_id) == Some(id) {
                d.remove::<Id>(owner_id);
            }
            d.remove_temp::<bool>(fresh_id);
            d.remove_temp::<String>(original_id)
        });
        if ui.input(|i| i.key_pressed(egui::Key::Escape))
            && let Some(o) = original
        {
            ui.data_mut(|d| d.insert_temp(cell_cancelled_id(), true));
            // The cell stays the keyboard's (egui lets go of a field on Esc):
            // typing replaces it again and the arrows move on, as in Excel.
            r.request_focus();
            return (o != shown).then_some(o);
        }
    }
    None
}

/// A single-line text cell of a grid. Returns the new text when it changed.
pub fn text_cell(
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    width: f32,
    error: Option<&str>,
    limit: Limit,
) -> (egui::Response, Option<String>) {
    text_edit(ui, id, value, width, error, limit, true)
}

/// A single-line form field (部门名称, 项目名称): the habits of a cell
/// ([`cell_habits`]), except that a click puts the caret where it lands (Tab
/// still selects the whole content, as in any Windows dialog). Returns the new
/// text when it changed.
pub fn text_field(
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    width: f32,
    error: Option<&str>,
    limit: Limit,
) -> (egui::Response, Option<String>) {
    text_edit(ui, id, value, width, error, limit, false)
}

fn text_edit(
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    width: f32,
    error: Option<&str>,
    limit: Limit,
    grid: bool,
) -> (egui::Response, Option<String>) {
    if is_read_only(ui) {
        return (read_only_text(ui, value, width, false, false, error), None);
    }
    let mut s = value.to_string();
    let mut te = egui::TextEdit::singleline(&mut s)
        .id(id)
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0));
    if error.is_some() {
        te = te.text_color(ERROR_RED);
    }
    let out = te.show(ui);
    let cut = out.galley.size().x + 8.0 > out.response.response.rect.width();
    let mut r = out.response.response;
    // A text wider than its cell (a long 说明, a project's name) reads whole on hover.
    if cut && error.is_none() && !r.has_focus() {
        r = r.on_hover_text(value);
    }
    let restored = habits(ui, id, out.state, &r, &s, || value.to_string(), grid);
    land(ui, &r);
    let r = mark_error(ui, r, error);
    let changed = restored
        .or_else(|| r.changed().then_some(s))
        .filter(|t| fits(ui, limit, t));
    (r, changed)
}

/// Outlines a cell in red and explains why on hover. The outline lies inside
/// the cell: drawn outside it, the next cell and the next row (drawn later)
/// covered all but its top and left sides.
pub fn mark_error(ui: &mut egui::Ui, r: egui::Response, error: Option<&str>) -> egui::Response {
    match error {
        Some(e) => {
            ui.painter()
                .rect_stroke(r.rect, 2.0, Stroke::new(2.0, ERROR_RED), egui::StrokeKind::Inside);
            r.on_hover_text(RichText::new(e).color(ERROR_RED))
        }
        None => r,
    }
}

/// What a typed cell produced: a valid value, or text that is not one (kept
/// in the package as a `rejected` entry, red, until corrected or cleared).
#[derive(Clone, Debug, PartialEq)]
pub enum Entry<T> {
    Value(T),
    Rejected(String),
}

impl<T> Entry<T> {
    /// The same entry with its value changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Entry<U> {
        match self {
            Entry::Value(v) => Entry::Value(f(v)),
            Entry::Rejected(t) => Entry::Rejected(t),
        }
    }

    /// Puts the entry into the package: a value replaces the field's value
    /// and drops its rejected entry; rejected text is kept beside the value.
    pub fn apply(self, value: &mut T, rejected: &mut yusuan_model::Rejected, field: yusuan_model::EntryField) {
        match self {
            Entry::Value(v) => {
                *value = v;
                rejected.remove(&field);
            }
            Entry::Rejected(t) => {
                rejected.insert(field, t);
            }
        }
    }
}

/// How an entry cell shows and reads its value.
pub struct EntryFormat<'a, T> {
    /// The value as shown when the cell is not being edited.
    pub shown: String,
    /// The value as edited: without separators.
    pub plain: String,
    pub parse: &'a dyn Fn(&str) -> Result<T, String>,
    pub hint: Option<&'a str>,
}

/// A right-aligned cell for a value typed as text (an amount, a count):
/// `buffer` holds the text while the cell is edited; `rejected` is the
/// package's kept entry for this cell, shown (red, with the reason) instead
/// of the value. Returns the response and what changed: a new valid value
/// (also when it replaces a rejected entry), or new text that is not valid.
#[allow(clippy::too_many_arguments)]
pub fn entry_cell<T: PartialEq>(
    ui: &mut egui::Ui,
    id: Id,
    value: &T,
    rejected: Option<&str>,
    format: EntryFormat<'_, T>,
    buffer: &mut Option<String>,
    width: f32,
    finding: Option<&str>,
) -> (egui::Response, Option<Entry<T>>) {
    if is_read_only(ui) {
        let shown = rejected.map(str::to_string).unwrap_or(format.shown);
        return (read_only_text(ui, &shown, width, false, true, finding), None);
    }
    let held = buffer.clone().or_else(|| rejected.map(str::to_string));
    let mut text = held.clone().unwrap_or_else(|| format.shown.clone());
    let parse_error = held.as_ref().and_then(|b| (format.parse)(b).err());
    let error = parse_error.as_deref().or(finding);
    let mut te = egui::TextEdit::singleline(&mut text)
        .id(id)
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0))
        .align(egui::Align2::RIGHT_CENTER);
    if let Some(h) = format.hint {
        te = te.hint_text(h);
    }
    if error.is_some() {
        te = te.text_color(ERROR_RED);
    }
    let out = te.show(ui);
    let r = out.response.response;
    let restored = cell_habits(ui, id, out.state, &r, &text, || {
        held.clone().unwrap_or(format.plain.clone())
    });
    land(ui, &r);
    let mut changed = None;
    let typed = restored
        .or_else(|| r.changed().then(|| text.clone()))
        .filter(|t| fits(ui, Limit::new("这一格", yusuan_model::limits::MAX_NOTE), t));
    if let Some(t) = typed {
        changed = match (format.parse)(&t) {
            Ok(v) if v != *value || rejected.is_some() => Some(Entry::Value(v)),
            Ok(_) => None,
            Err(_) if rejected != Some(t.as_str()) => Some(Entry::Rejected(t.clone())),
            Err(_) => None,
        };
        *buffer = Some(t);
    } else if r.has_focus() && buffer.is_none() {
        // Edit the plain value, without separators (also after an undo
        // cleared the buffer under the caret).
        *buffer = Some(held.unwrap_or(format.plain));
    }
    if !r.has_focus() {
        // What was typed is in the package now (a value or a rejected entry).
        *buffer = None;
    }
    let r = mark_error(ui, r, error);
    (r, changed)
}

/// An amount cell (see [`entry_cell`]).
#[allow(clippy::too_many_arguments)]
pub fn amount_cell(
    ui: &mut egui::Ui,
    id: Id,
    amount: Yuan,
    rejected: Option<&str>,
    unit: EntryUnit,
    buffer: &mut Option<String>,
    width: f32,
    finding: Option<&str>,
) -> (egui::Response, Option<Entry<Yuan>>) {
    let parse = |t: &str| parse_amount(t, unit);
    let format = EntryFormat {
        shown: format_amount(amount, unit),
        plain: plain_amount(amount, unit),
        parse: &parse,
        hint: None,
    };
    entry_cell(ui, id, &amount, rejected, format, buffer, width, finding)
}

/// The amount without separators, for editing (empty for zero).
pub fn plain_amount(y: Yuan, unit: EntryUnit) -> String {
    if y.is_zero() {
        return String::new();
    }
    match unit {
        EntryUnit::Yuan => y.normalize().to_string(),
        EntryUnit::Wan => (y / Decimal::from(10_000)).normalize().to_string(),
    }
}

/// A code cell with a searchable list (type `30101` or `基本工资`): Enter
/// takes the first match. Returns the response and the new code when it changed.
#[allow(clippy::too_many_arguments)]
pub fn code_cell(
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    kind: CodeKind,
    catalog: &Catalog,
    hint: Option<&str>,
    width: f32,
    error: Option<&str>,
) -> (egui::Response, Option<String>) {
    if is_read_only(ui) {
        let shown = if value.trim().is_empty() {
            hint.unwrap_or("")
        } else {
            value
        };
        return (read_only_text(ui, shown, width, false, false, error), None);
    }
    let mut s = value.to_string();
    let mut te = egui::TextEdit::singleline(&mut s)
        .id(id)
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0));
    if let Some(h) = hint {
        te = te.hint_text(RichText::new(h).color(ui.visuals().weak_text_color()));
    }
    if error.is_some() {
        te = te.text_color(ERROR_RED);
    }
    let out = te.show(ui);
    let r = out.response.response;
    let restored = cell_habits(ui, id, out.state, &r, &s, || value.to_string());
    if let Some(o) = &restored {
        s = o.clone();
    }
    let mut result = restored
        .or_else(|| r.changed().then(|| s.clone()))
        .filter(|t| fits(ui, Limit::new("编码", yusuan_model::limits::MAX_CODE), t));
    let known = catalog.contains(kind, s.trim());
    let popup_rect_id = id.with("popup_rect");
    let last_rect: Option<egui::Rect> = ui.data(|d| d.get_temp(popup_rect_id));
    // Once the cell lets go of the keyboard the list stays only for a click
    // under way in it (the press took the focus, the release picks): not for
    // a mouse merely resting there after Tab or Enter.
    let clicking_popup = last_rect.is_some_and(|rect| {
        ui.input(|i| {
            i.pointer.hover_pos().is_some_and(|p| rect.contains(p))
                && (i.pointer.any_down() || i.pointer.any_released())
        })
    });
    // Esc dismisses the list; typing brings it back.
    let dismissed_id = id.with("popup_dismissed");
    if r.changed() || !r.has_focus() {
        ui.data_mut(|d| d.remove::<bool>(dismissed_id));
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) && (r.has_focus() || r.lost_focus()) {
        ui.data_mut(|d| d.insert_temp(dismissed_id, true));
    }
    let dismissed = ui.data(|d| d.get_temp::<bool>(dismissed_id)).unwrap_or(false);
    let show_popup = !s.trim().is_empty() && !known && !dismissed && (r.has_focus() || clicking_popup);
    if r.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && !known
        && !s.trim().is_empty()
        && let Some((code, _)) = catalog.search(kind, s.trim(), 1).first()
    {
        result = Some(code.to_string());
    }
    if show_popup {
        // Each match with its 类 and 款, so that six “行政运行” can be told apart.
        let matches: Vec<(String, String, String)> = catalog
            .search(kind, s.trim(), 12)
            .into_iter()
            .map(|(c, n)| {
                let parents = catalog
                    .parents(kind, c)
                    .into_iter()
                    .map(|(p, name)| format!("{p} {}", name.unwrap_or("")).trim_end().to_string())
                    .collect::<Vec<_>>()
                    .join(" / ");
                (c.to_string(), n.to_string(), parents)
            })
            .collect();
        let area = egui::Area::new(id.with("popup"))
            .order(egui::Order::Foreground)
            .fixed_pos(r.rect.left_bottom())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(360.0);
                    if matches.is_empty() {
                        ui.label(RichText::new(format!("没有匹配的{}", kind.label())).color(ERROR_RED));
                    }
                    for (code, name, parents) in &matches {
                        let mut text = egui::text::LayoutJob::default();
                        let body = ui.style().text_styles[&egui::TextStyle::Body].clone();
                        let small = ui.style().text_styles[&egui::TextStyle::Small].clone();
                        text.append(
                            &format!("{code}  {name}"),
                            0.0,
                            egui::TextFormat::simple(body, ui.visuals().text_color()),
                        );
                        if !parents.is_empty() {
                            text.append(
                                &format!("\n{parents}"),
                                0.0,
                                egui::TextFormat::simple(small, ui.visuals().weak_text_color()),
                            );
                        }
                        if ui
                            .selectable_label(false, text)
                            .on_hover_text(catalog.path(kind, code))
                            .clicked()
                        {
                            result = Some(code.clone());
                        }
                    }
                    ui.label(
                        RichText::new("回车选第一项")
                            .small()
                            .color(ui.visuals().weak_text_color()),
                    );
                });
            });
        ui.data_mut(|d| d.insert_temp(popup_rect_id, area.response.rect));
    } else {
        ui.data_mut(|d| d.remove::<egui::Rect>(popup_rect_id));
    }
    let r = mark_error(ui, r, error);
    if known && !s.trim().is_empty() {
        let name = catalog.name(kind, s.trim()).unwrap_or("");
        let r2 = r.clone().on_hover_text(format!("{} {}", s.trim(), name));
        return (r2, result);
    }
    (r, result)
}

/// The name of a code, clipped to the width, weak colour.
pub fn name_label(ui: &mut egui::Ui, name: &str) {
    ui.add(egui::Label::new(RichText::new(name).color(ui.visuals().weak_text_color())).truncate());
}

/// A code cell ([`code_cell`], `code_width` wide) with the code's name
/// beside it, read-only and cut to the room left: the grids of the 预算
/// (基本支出, project lines) and of the 决算 show codes this way.
pub fn code_with_name(
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    kind: CodeKind,
    catalog: &Catalog,
    code_width: f32,
    error: Option<&str>,
) -> (egui::Response, Option<String>) {
    let out = code_cell(ui, id, value, kind, catalog, None, code_width, error);
    name_label(ui, catalog.name(kind, value.trim()).unwrap_or(""));
    out
}

/// An amount that may be "not given" (empty; see [`entry_cell`]).
#[allow(clippy::too_many_arguments)]
pub fn optional_amount_cell(
    ui: &mut egui::Ui,
    id: Id,
    value: Option<Yuan>,
    rejected: Option<&str>,
    unit: EntryUnit,
    buffer: &mut Option<String>,
    width: f32,
    finding: Option<&str>,
) -> (egui::Response, Option<Entry<Option<Yuan>>>) {
    let parse = |t: &str| -> Result<Option<Yuan>, String> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            parse_amount(t, unit).map(Some)
        }
    };
    let format = EntryFormat {
        shown: value.map(|v| format_amount(v, unit)).unwrap_or_else(|| {
            if is_read_only(ui) {
                "未填".into()
            } else {
                String::new()
            }
        }),
        plain: value
            .map(|v| {
                if v.is_zero() {
                    "0".to_string()
                } else {
                    plain_amount(v, unit)
                }
            })
            .unwrap_or_default(),
        parse: &parse,
        hint: Some("未填"),
    };
    entry_cell(ui, id, &value, rejected, format, buffer, width, finding)
}

/// Findings shown under a field: errors red, warnings orange, wrapped.
pub fn finding_labels(ui: &mut egui::Ui, findings: &[(bool, String)]) {
    for (is_error, text) in findings {
        ui.label(RichText::new(text).color(if *is_error { ERROR_RED } else { super::app::WARN_ORANGE }));
    }
}

/// The 元/万元 switch; true when it changed.
pub fn unit_switch(ui: &mut egui::Ui, unit: &mut EntryUnit) -> bool {
    let mut changed = false;
    ui.label("金额单位：");
    for u in [EntryUnit::Yuan, EntryUnit::Wan] {
        if ui.selectable_label(*unit == u, u.label()).clicked() && *unit != u {
            *unit = u;
            changed = true;
        }
    }
    changed
}

fn read_only_flag() -> Id {
    Id::unique("yusuan_read_only")
}

/// Tells the widgets whether the package is open read-only (reviewer mode);
/// set by the app every frame.
pub fn set_read_only(ctx: &egui::Context, read_only: bool) {
    ctx.data_mut(|d| d.insert_temp(read_only_flag(), read_only));
}

/// Reviewer mode: fields draw as read-only text.
pub fn is_read_only(ui: &egui::Ui) -> bool {
    ui.data(|d| d.get_temp::<bool>(read_only_flag())).unwrap_or(false)
}

/// A field's text in reviewer mode: dark, selectable (Ctrl+C copies), not
/// editable, framed like a field of `width` (0 = as wide as the text).
pub fn read_only_text(
    ui: &mut egui::Ui,
    text: &str,
    width: f32,
    multiline: bool,
    right: bool,
    error: Option<&str>,
) -> egui::Response {
    let color = if error.is_some() {
        ERROR_RED
    } else {
        ui.visuals().strong_text_color()
    };
    let mut label = egui::Label::new(RichText::new(text).color(color)).selectable(true);
    label = if multiline { label.wrap() } else { label.truncate() };
    let inner = egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(2.0)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .show(ui, |ui| {
            if width > 0.0 {
                ui.set_width(width - 8.0);
            }
            if right {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.add(label))
                    .inner
            } else {
                ui.add(label)
            }
        });
    mark_error(ui, inner.inner, error)
}

/// The border of an unticked checkbox: egui's light theme draws the box as a
/// grey 230 square on the grey 248 panel without a border (contrast 1.2:1),
/// barely visible; this grey is 4.1:1 against the panel (WCAG asks 3:1 for
/// the outline of a control), about the border egui itself draws on hover.
pub const CHECKBOX_BORDER: egui::Color32 = egui::Color32::from_gray(120);

/// A checkbox whose box stays visible when unticked (see [`CHECKBOX_BORDER`]),
/// disabled when `enabled` is false (reviewer mode).
pub fn checkbox<'a>(
    ui: &mut egui::Ui,
    enabled: bool,
    checked: &'a mut bool,
    text: impl egui::IntoAtoms<'a>,
) -> egui::Response {
    // The border is set for this one widget and put back after it (not in a
    // `ui.scope`: a scope in a `horizontal_wrapped` row takes the rest of
    // the row, so a long label wrapped letter by letter there instead of
    // moving to the next row).
    let saved = (
        ui.visuals().widgets.inactive.bg_stroke,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    visible_checkbox_border(ui.visuals_mut());
    let r = ui.add_enabled(enabled, egui::Checkbox::new(checked, text));
    let v = ui.visuals_mut();
    (v.widgets.inactive.bg_stroke, v.widgets.noninteractive.bg_stroke) = saved;
    r
}

/// Gives the resting (and disabled) checkbox a border.
pub fn visible_checkbox_border(visuals: &mut egui::Visuals) {
    let border = Stroke::new(1.0, CHECKBOX_BORDER);
    visuals.widgets.inactive.bg_stroke = border;
    visuals.widgets.noninteractive.bg_stroke = border;
}

/// A question before something goes (a project with its lines): 「确定删除」
/// answers `Some(true)`, 「取消」 or Esc `Some(false)`, nothing yet `None`.
pub fn confirm_delete(ctx: &egui::Context, id: Id, heading: &str, question: String) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(id).show(ctx, |ui| {
        ui.heading(heading);
        ui.label(question);
        ui.horizontal(|ui| {
            if ui.button("确定删除").clicked() {
                choice = Some(true);
            }
            if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                choice = Some(false);
            }
        });
    });
    choice
}

#[cfg(test)]
mod checkbox_tests {
    use super::*;

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: egui::Color32, b: egui::Color32) -> f64 {
        let lum = |c: egui::Color32| {
            let ch = |v: u8| {
                let s = f64::from(v) / 255.0;
                if s <= 0.03928 {
                    s / 12.92
                } else {
                    ((s + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn an_unticked_box_stands_out_from_the_panel() {
        let light = egui::Visuals::light();
        // egui's own box: a fill barely darker than the panel, no border.
        let resting = light.widgets.inactive;
        assert!(contrast(resting.bg_fill, light.panel_fill) < 1.5);
        assert_eq!(resting.bg_stroke.width, 0.0);
        // Ours: a border at least 3:1 against the panel and the box.
        let mut v = light.clone();
        visible_checkbox_border(&mut v);
        for w in [v.widgets.inactive, v.widgets.noninteractive] {
            assert!(w.bg_stroke.width >= 1.0);
            assert!(contrast(w.bg_stroke.color, v.panel_fill) >= 3.0);
            assert!(contrast(w.bg_stroke.color, resting.bg_fill) >= 3.0);
        }
    }
}
