//! The application state: the package, what the engine computed from it,
//! the file, undo/redo, and the frame: title, navigation, status bar.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{self, Color32, Key, KeyboardShortcut, Modifiers, RichText};
use yusuan_engine::{self as engine, Computed, Field, Location};
use yusuan_model::catalog::Catalog;
use yusuan_model::edit::{Edit, History, Part};
use yusuan_model::{CatalogOverrides, Document, Package, TextKey};
use yusuan_report::table::format_wan;

use super::{
    Screen, assets, audit, basic, files, final_doc, final_screens, find, income, last_year, narrative, overview,
    performance, preview, projects, three_public, units, widgets,
};

/// While edits keep coming, the recovery file is written this often.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(2);
/// A pause in editing this long writes it too: a crash or a kill loses at
/// most the last two seconds of typing.
const AUTOSAVE_IDLE: Duration = Duration::from_secs(1);

pub const ERROR_RED: Color32 = Color32::from_rgb(200, 30, 30);
pub const WARN_ORANGE: Color32 = Color32::from_rgb(170, 95, 0);

/// The status bar's message, on one line so the bar never grows over the
/// grid. One too long for the line (an export's path and self-check, a
/// fill from last year's package) is cut, and a 「详情」 button before it
/// opens the whole text in a window — a hover alone hid the export's check.
///
/// `links` (an export's 「打开文件」「打开所在文件夹」) are drawn after the
/// 「详情」 button and before the message, so that neither is pushed off the
/// right edge by the other.
pub(crate) fn status_message(
    ui: &mut egui::Ui,
    msg: &str,
    is_error: bool,
    links: Option<&mut dyn FnMut(&mut egui::Ui)>,
) {
    let color = if is_error { ERROR_RED } else { ui.visuals().text_color() };
    let text = RichText::new(msg).color(color);
    let width = egui::WidgetText::from(text.clone())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x;
    let open_id = egui::Id::unique("status_message_window");
    // The window shows the message it was opened for; a new message closes it.
    let mut open = ui.data(|d| d.get_temp::<String>(open_id)).is_some_and(|m| m == msg);
    // Room the links take (two small buttons).
    let reserve = if links.is_some() { 200.0 } else { 0.0 };
    if width + reserve > ui.available_width() && ui.small_button("详情").on_hover_text("显示完整的消息").clicked()
    {
        open = true;
    }
    if let Some(links) = links {
        links(ui);
    }
    ui.add(egui::Label::new(text.clone()).truncate());
    if open {
        egui::Window::new("消息")
            .id(open_id)
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
            .show(ui.ctx(), |ui| {
                ui.add(egui::Label::new(text).wrap().selectable(true));
            });
    }
    ui.data_mut(|d| {
        if open {
            d.insert_temp(open_id, msg.to_string());
        } else {
            d.remove::<String>(open_id);
        }
    });
}

/// The status bar's 「错误 N」「警告 N」 (red/orange when there are any,
/// green when none), for a 预算 and a 决算 alike; true when either is clicked
/// (the caller opens the 审核 panel).
pub(crate) fn finding_counts(ui: &mut egui::Ui, errors: usize, warnings: usize) -> bool {
    let count = |label: &str, n: usize, color: Color32| {
        let color = if n > 0 { color } else { Color32::DARK_GREEN };
        egui::Label::new(RichText::new(format!("{label} {n}")).strong().color(color)).sense(egui::Sense::click())
    };
    let e = ui.add(count("错误", errors, ERROR_RED));
    let w = ui.add(count("警告", warnings, WARN_ORANGE));
    e.clicked() || w.clicked()
}

pub struct App {
    pub package: Package,
    pub computed: Computed,
    /// The package's catalog (built-in plus the package's overrides).
    pub catalog: Catalog,
    catalog_source: CatalogOverrides,
    pub path: Option<PathBuf>,
    pub dirty: bool,
    saved: Package,
    /// Undo and redo, as typed edits; consecutive edits with the same key
    /// (typing in one cell) make one step.
    pub(crate) history: History,
    /// Undo, redo or another document changed the values under the cells
    /// (the focused cell starts again, see `widgets::values_replaced`).
    values_replaced: bool,
    pub read_only: bool,
    pub fingerprint: String,
    pub screen: Screen,
    pub basic: basic::BasicState,
    pub units: units::UnitsState,
    pub income: income::IncomeState,
    pub projects: projects::ProjectsState,
    pub preview: preview::PreviewState,
    pub performance: performance::PerformanceState,
    pub last_year: last_year::LastYearState,
    /// Last year's package opened in this session (打开上年预算包).
    pub last_year_fill: super::last_year_fill::LastYearSession,
    pub assets: assets::AssetsState,
    pub find: find::FindState,
    /// The places of 万元 figures in the grids (`widgets::wan_decimals`).
    wan_decimals: u32,
    /// A typing run ended: the recovery file is written at the next frame.
    commit_due: bool,
    pub narrative: narrative::NarrativeState,
    pub three_public: three_public::ThreePublicState,
    pub files: files::FilesState,
    /// Bumped on every change of the package: screens cache derived views by it.
    pub generation: u64,
    /// A message for the status bar: (text, is_error).
    pub message: Option<(String, bool)>,
    title: String,
    /// The close-with-unsaved-changes question is showing.
    close_question: bool,
    allow_close: bool,
    recovery: Option<PathBuf>,
    last_autosave: Instant,
    last_change: Instant,
    autosaved: bool,
    /// The user chose to close without saving: no recovery file on exit.
    discarded: bool,
    /// `YUSUAN_FRAME_LOG=FILE`: per frame, the time to build it (ms), the
    /// characters typed in it, the time since the previous frame began (ms)
    /// and when it began (ms since 1970, to match keys sent by a script),
    /// and why it was built ([`frame_cause`]).
    pub frame_log: Option<(std::fs::File, Instant)>,
    /// The frame being built: when, characters typed, why, each pass's
    /// build time in ms (`6.1+0.9+0.8`, the log's last column).
    frame_begun: Option<(Instant, usize, String, String)>,
    /// A recovery file found on start, offered for restoring.
    pub recovery_offer: Option<(Document, Option<PathBuf>)>,
    /// The open 决算, when a 决算 is open (the 预算 fields above are then
    /// not shown): see [`final_doc`].
    pub fin: Option<Box<final_doc::FinalDoc>>,
    /// 比较版本: an older version and its diff against this package.
    pub compare: Option<Box<crate::compare::CompareState>>,
    /// The field outside a grid a jump goes to (handed to
    /// [`widgets::jump_to_field`] when the next frame begins).
    pub(crate) landing: Option<egui::Id>,
    /// The words a finding jumped to quotes (the caret goes there).
    pub(crate) landing_excerpt: Option<String>,
}

impl App {
    pub fn new(package: Package, path: Option<PathBuf>, read_only: bool) -> App {
        let computed = engine::compute(&package);
        let wan_decimals = wan_decimals_of(&package);
        let catalog = Catalog::with_overrides(&package.catalog);
        let fingerprint = yusuan_model::file::fingerprint(&package);
        App {
            catalog_source: package.catalog.clone(),
            saved: package.clone(),
            package,
            computed,
            catalog,
            path,
            dirty: false,
            history: History::default(),
            values_replaced: false,
            read_only,
            fingerprint,
            screen: Screen::Overview,
            basic: Default::default(),
            units: Default::default(),
            income: Default::default(),
            projects: Default::default(),
            preview: Default::default(),
            performance: Default::default(),
            last_year: Default::default(),
            last_year_fill: Default::default(),
            assets: Default::default(),
            find: Default::default(),
            wan_decimals,
            commit_due: false,
            narrative: Default::default(),
            three_public: Default::default(),
            files: files::FilesState::new(),
            generation: 0,
            message: None,
            title: String::new(),
            close_question: false,
            allow_close: false,
            recovery: None,
            last_autosave: Instant::now(),
            last_change: Instant::now(),
            autosaved: true,
            discarded: false,
            frame_log: None,
            frame_begun: None,
            recovery_offer: None,
            fin: None,
            compare: None,
            landing: None,
            landing_excerpt: None,
        }
    }

    /// The editor on a document of either kind.
    pub fn with_document(document: Document, path: Option<PathBuf>, read_only: bool) -> App {
        match document {
            Document::Budget(p) => App::new(p, path, read_only),
            Document::Final(f) => {
                let mut app = App::new(Package::default(), None, read_only);
                app.open_final(f, path, false);
                app.values_replaced = false;
                app
            }
        }
    }

    /// Sets the autosave file, and offers to restore it when one is there.
    pub fn set_recovery(&mut self, recovery: Option<PathBuf>) {
        if let Some(path) = &recovery
            && let Some(found) = files::read_recovery(path)
        {
            self.recovery_offer = Some(found);
        }
        self.recovery = recovery;
    }

    /// Applies an edit: `f` changes the package within `part` (what it may
    /// touch); the history keeps the edit that goes back, one step per `key`
    /// run; then the engine recomputes. Refused (false) in reviewer mode.
    pub fn edit(&mut self, key: &str, part: Part, f: impl FnOnce(&mut Package)) -> bool {
        if self.read_only {
            self.message = Some(("审核模式为只读，不能修改".into(), true));
            return false;
        }
        if self.history.continues(key) {
            f(&mut self.package);
        } else {
            #[cfg(test)]
            let before = self.package.clone();
            let captured = part.capture(&self.package);
            f(&mut self.package);
            let inverse = captured.inverse(&self.package);
            #[cfg(test)]
            {
                // The part named must cover what `f` changed: going back
                // restores the package exactly.
                let mut back = self.package.clone();
                inverse.clone().apply(&mut back);
                assert!(back == before, "edit “{key}” changed more than {part:?}");
            }
            self.history.record(key, inverse);
        }
        self.after_change_with(false);
        true
    }

    /// The bytes the undo history keeps, roughly (`History::heap_size`).
    pub fn history_heap_size(&self) -> usize {
        self.history.heap_size()
    }

    /// Applies a typed edit as one undo step (reordering rows, replacing the
    /// document); refused (false) in reviewer mode.
    pub fn apply_edit(&mut self, edit: Edit) -> bool {
        if self.read_only {
            self.message = Some(("审核模式为只读，不能修改".into(), true));
            return false;
        }
        let inverse = edit.apply(&mut self.package);
        self.history.record("", inverse);
        self.after_change_with(false);
        true
    }

    /// Moves the last edit and the last autosave `by` into the past (tests
    /// of the autosave, without waiting).
    #[cfg(test)]
    pub(crate) fn age_edits(&mut self, by: Duration) {
        self.last_change -= by;
        self.last_autosave -= by;
    }

    /// Test support: the last recovery write `by` earlier, the last edit not
    /// (the periodic write while the keys still come).
    #[cfg(test)]
    pub(crate) fn age_autosave(&mut self, by: Duration) {
        self.last_autosave -= by;
    }

    /// Ends the current typing run: the next edit starts a new undo step.
    pub fn end_edit_run(&mut self) {
        let ended = match self.fin.as_mut() {
            Some(doc) => doc.history.end_run(),
            None => self.history.end_run(),
        };
        if ended {
            // A finished entry reaches the recovery file at once.
            self.commit_due = true;
        }
    }

    /// Esc cancelled a cell's typing and put its value back: the undo step the
    /// typing opened changes nothing any more, so it goes.
    pub fn cancel_edit_run(&mut self) {
        if let Some(doc) = self.fin.as_mut() {
            if doc.history.drop_noop(&doc.package) {
                self.dirty = doc.package != doc.saved;
            }
        } else if self.history.drop_noop(&self.package) {
            self.dirty = self.package != self.saved;
        }
    }

    /// Recomputes after a change. `compare` decides dirtiness by comparing
    /// with the saved package (undo, redo, open); an edit just marks it dirty,
    /// so typing does no whole-package work besides the engine.
    pub(crate) fn after_change_with(&mut self, compare: bool) {
        self.computed = engine::compute(&self.package);
        self.wan_decimals = wan_decimals_of(&self.package);
        if self.package.catalog != self.catalog_source {
            self.catalog = Catalog::with_overrides(&self.package.catalog);
            self.catalog_source = self.package.catalog.clone();
        }
        self.changed(compare);
    }

    /// What follows any change of the open document, of either kind (its
    /// engine has recomputed): dirtiness (`compare`: by comparing with what
    /// is saved; else simply dirty), the autosave clock, the fingerprint.
    pub(crate) fn changed(&mut self, compare: bool) {
        self.generation += 1;
        self.dirty = if !compare {
            true
        } else if let Some(doc) = &self.fin {
            doc.package != doc.saved
        } else {
            self.package != self.saved
        };
        self.autosaved = false;
        self.last_change = Instant::now();
        if self.read_only {
            self.fingerprint = self.doc_fingerprint();
        }
    }

    /// The SHA-256 fingerprint of the open document.
    pub(crate) fn doc_fingerprint(&self) -> String {
        match &self.fin {
            Some(doc) => yusuan_model::file::fingerprint(&doc.package),
            None => yusuan_model::file::fingerprint(&self.package),
        }
    }

    /// After another document came in (opened, imported, restored): no
    /// typing run, no typed text, the focused cell starts again.
    pub(crate) fn document_replaced(&mut self) {
        self.history.end_run();
        self.clear_buffers();
        self.values_replaced = true;
        self.basic = Default::default();
        self.projects = Default::default();
        self.changed(true);
    }

    fn after_change(&mut self) {
        self.after_change_with(true);
    }

    /// The first finding at `loc`, as `rule：message`.
    pub fn finding(&self, loc: &Location) -> Option<String> {
        self.computed.findings_at(loc).next().map(|f| f.to_string())
    }

    /// Every finding at `loc`.
    pub fn findings_at(&self, loc: &Location) -> Vec<(bool, String)> {
        self.computed
            .findings_at(loc)
            .map(|f| (f.is_error(), f.to_string()))
            .collect()
    }

    pub fn can_undo(&self) -> bool {
        let can = match &self.fin {
            Some(doc) => doc.history.can_undo(),
            None => self.history.can_undo(),
        };
        can && !self.read_only
    }
    pub fn can_redo(&self) -> bool {
        let can = match &self.fin {
            Some(doc) => doc.history.can_redo(),
            None => self.history.can_redo(),
        };
        can && !self.read_only
    }

    pub fn undo(&mut self) {
        if self.can_undo() {
            self.travel(true);
        }
    }

    pub fn redo(&mut self) {
        if self.can_redo() {
            self.travel(false);
        }
    }

    /// Drops the text being typed in every screen's cells: the values under
    /// them changed (undo, redo, another document).
    fn clear_buffers(&mut self) {
        self.basic.clear_buffers();
        self.income.buffers.clear();
        self.projects.clear_buffers();
        self.last_year.buffers.clear();
        self.assets.clear_buffers();
    }

    /// One step back (undo) or forward (redo) through the history.
    fn travel(&mut self, back: bool) {
        if self.is_final() {
            if self.final_travel(back) {
                self.values_replaced = true;
                self.changed(true);
                self.message = Some((if back { "已撤销" } else { "已重做" }.into(), false));
            }
            return;
        }
        let moved = if back {
            self.history.undo(&mut self.package)
        } else {
            self.history.redo(&mut self.package)
        };
        if moved {
            self.clear_buffers();
            self.values_replaced = true;
            self.after_change();
            self.message = Some((if back { "已撤销" } else { "已重做" }.into(), false));
        }
    }

    /// Replaces the whole document (open, import): undo history starts afresh
    /// for an opened file; an import stays undoable.
    pub fn replace_package(&mut self, package: Package, path: Option<PathBuf>, keep_undo: bool) {
        // A 预算 replaces an open 决算: its history does not go back across kinds.
        let was_final = self.fin.take().is_some();
        let keep_undo = keep_undo && !was_final;
        if keep_undo {
            let old = std::mem::replace(&mut self.package, package);
            self.history.record("", Edit::Whole(Box::new(old)));
        } else {
            self.package = package;
            self.history.clear();
            self.saved = self.package.clone();
        }
        self.path = path;
        self.history.end_run();
        self.clear_buffers();
        self.values_replaced = true;
        self.basic = Default::default();
        self.projects = Default::default();
        self.fingerprint = yusuan_model::file::fingerprint(&self.package);
        self.after_change();
    }

    /// Marks the current package as what is on disk.
    pub fn mark_saved(&mut self, path: PathBuf) {
        match self.fin.as_mut() {
            Some(doc) => doc.saved = doc.package.clone(),
            None => self.saved = self.package.clone(),
        }
        self.path = Some(path);
        self.dirty = false;
        self.fingerprint = self.doc_fingerprint();
        if let Some(r) = &self.recovery {
            files::remove_recovery(r);
        }
    }

    pub fn file_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!("未保存的{}包", self.kind_label()),
        }
    }

    /// The open document's department (either kind).
    pub fn department(&self) -> &yusuan_model::Department {
        match &self.fin {
            Some(doc) => &doc.package.department,
            None => &self.package.department,
        }
    }

    pub fn window_title(&self) -> String {
        let d = self.department();
        let name = if d.name.trim().is_empty() {
            "（未填部门名称）"
        } else {
            d.name.trim()
        };
        format!(
            "{} {}年部门{} — {}{}{}",
            name,
            d.year,
            self.kind_label(),
            self.file_name(),
            if self.dirty { " *" } else { "" },
            if self.read_only {
                "（审核模式·只读）"
            } else {
                ""
            }
        )
    }

    /// Switches screen and points at what a finding concerns.
    pub fn go_to(&mut self, location: &yusuan_engine::Location) {
        use yusuan_engine::Location as L;
        match location {
            L::Department(f) => {
                self.screen = Screen::Overview;
                self.landing = match f {
                    Field::Name => Some(egui::Id::unique("dept_name")),
                    Field::Code => Some(egui::Id::unique("dept_code")),
                    _ => None,
                };
            }
            L::Text(k) => {
                self.screen = match k {
                    TextKey::Duties | TextKey::Organization => Screen::Overview,
                    _ => Screen::LastYear,
                };
                self.landing = Some(last_year::text_id(*k));
            }
            L::LastYear(item) => {
                self.screen = Screen::LastYear;
                self.last_year.target = Some(last_year::Target::Item(*item));
            }
            L::Performance => {
                self.screen = Screen::Performance;
                self.landing = Some(performance::finding_field(&self.package));
            }
            L::Asset(tag) => {
                self.screen = Screen::Assets;
                self.landing = Some(egui::Id::unique(("asset", tag.as_str())));
            }
            L::Narrative(id) => {
                self.screen = Screen::Narrative;
                self.narrative.target = Some(id.clone());
            }
            L::Unit(i, f) => {
                self.screen = Screen::Units;
                self.units.selected = Some(*i);
                self.units.grid.select(*i, usize::from(*f != Field::Code));
            }
            L::UnitIncome(..) | L::Income(..) => {
                self.screen = Screen::Income;
                if let L::Income(i, f) = location {
                    self.income.selected = Some(*i);
                    let col = match f {
                        Field::Unit => 0,
                        Field::Source => 1,
                        _ => 2,
                    };
                    self.income.grid.select(*i, col);
                }
            }
            L::BasicLine(i, f) => {
                self.screen = Screen::Basic;
                self.basic.select_field(*i, *f);
            }
            L::Project(i, f) => {
                self.screen = Screen::Projects;
                self.projects.selected = Some(*i);
                self.projects.selected_line = None;
                self.landing = match f {
                    Field::Code => Some(egui::Id::unique(("pcode", *i))),
                    Field::Name => Some(egui::Id::unique(("pname", *i))),
                    _ => None,
                };
            }
            L::ProjectIndicators(i) => {
                self.screen = Screen::Projects;
                self.projects.selected = Some(*i);
                self.projects.selected_line = None;
                self.projects.scroll_to_indicators = true;
            }
            L::ProjectLine(i, l, _) => {
                self.screen = Screen::Projects;
                self.projects.selected = Some(*i);
                self.projects.selected_line = Some(*l);
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let redo2 = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let goto = KeyboardShortcut::new(Modifiers::COMMAND, Key::G);
        let (u, r, s, o) = ctx.input_mut(|i| {
            let r = i.consume_shortcut(&redo2) || i.consume_shortcut(&redo);
            (
                i.consume_shortcut(&undo),
                r,
                i.consume_shortcut(&save),
                i.consume_shortcut(&open),
            )
        });
        if ctx.input_mut(|i| i.consume_shortcut(&find)) {
            find::open(self);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&goto)) {
            self.find.goto = Some(String::new());
        }
        if u {
            self.undo();
        }
        if r {
            self.redo();
        }
        if s {
            files::save(self);
        }
        if o {
            files::start(self, files::Action::Open);
        }
    }

    fn file_menu(&mut self, ui: &mut egui::Ui) {
        let writable = !self.read_only;
        ui.menu_button(RichText::new("文件").strong(), |ui| {
            if ui.add_enabled(writable, egui::Button::new("新建")).clicked() {
                self.new_asking(files::Fresh::Empty);
            }
            if ui.button("打开…").clicked() {
                files::start(self, files::Action::Open);
            }
            if ui
                .add_enabled(writable, egui::Button::new("打开示例（义马2024）"))
                .on_hover_text("内置的示例预算包，可随意修改、试用")
                .clicked()
            {
                self.new_asking(files::Fresh::Sample);
            }
            if ui
                .button("以审核模式打开…")
                .on_hover_text("只读打开预算包，显示指纹，可预览、审核和导出")
                .clicked()
            {
                files::start(self, files::Action::OpenReview);
            }
            if ui
                .button("比较版本…")
                .on_hover_text("选择同一预算包或决算包较早的版本，列出输入、公开表和审核结果的变化")
                .clicked()
            {
                crate::compare::start(self);
            }
            if ui
                .add_enabled(writable && !self.is_final(), egui::Button::new("新建决算…"))
                .on_hover_text("从当前预算包新建本年度的决算包：复制部门、单位、项目（明细清空）、绩效目标和年初预算数，并记录预算包的指纹；预算包本身不变")
                .clicked()
            {
                files::start_new_final(self);
            }
            let last_year = super::last_year_fill::label(self);
            if ui
                .button(last_year)
                .on_hover_text("从同一部门上年的包取出全部上年数（按其公开的数字），记录其指纹；可撤销。预览中可对照上年数")
                .clicked()
            {
                super::last_year_fill::start(self);
            }
            ui.menu_button("最近打开", |ui| {
                if self.files.recent.is_empty() {
                    ui.label(RichText::new("（没有）").color(ui.visuals().weak_text_color()));
                }
                let mut chosen = None;
                for p in &self.files.recent {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    // The folder too: two packages of the same name in different folders.
                    let folder = p.parent().map(|d| d.display().to_string()).unwrap_or_default();
                    let mut job = egui::text::LayoutJob::default();
                    job.append(
                        &name,
                        0.0,
                        egui::TextFormat::simple(egui::TextStyle::Body.resolve(ui.style()), ui.visuals().text_color()),
                    );
                    job.append(
                        &format!("  {folder}"),
                        0.0,
                        egui::TextFormat::simple(
                            egui::TextStyle::Small.resolve(ui.style()),
                            ui.visuals().weak_text_color(),
                        ),
                    );
                    if ui.button(job).on_hover_text(p.display().to_string()).clicked() {
                        chosen = Some(p.clone());
                    }
                }
                if let Some(p) = chosen {
                    self.open_asking(p);
                }
            });
            ui.separator();
            if ui.add_enabled(writable, egui::Button::new("保存    Ctrl+S")).clicked() {
                files::save(self);
            }
            if ui.add_enabled(writable, egui::Button::new("另存为…")).clicked() {
                files::start(self, files::Action::SaveAs);
            }
            ui.separator();
            if ui.add_enabled(writable, egui::Button::new("导入模板…")).clicked() {
                files::start(self, files::Action::Import);
            }
            if ui
                .add_enabled(writable, egui::Button::new("导入当年科目表…"))
                .on_hover_text("从 .csv 或 .xlsx 科目表（“编码”“名称”两列，可有“说明”列）导入当年的功能分类和经济分类科目及功能科目的说明（决算名词解释用）；保存在预算包或决算包中，新建预算包时也使用")
                .clicked()
            {
                files::start(self, files::Action::ImportCatalog);
            }
            if ui.button("导出Excel…").clicked() {
                files::export(self, files::Action::ExportXlsx);
            }
            if ui.button("导出PDF…").clicked() {
                files::export(self, files::Action::ExportPdf);
            }
        });
    }

    /// 新建 or 打开示例: asks first when there are unsaved changes.
    pub fn new_asking(&mut self, fresh: files::Fresh) {
        if self.dirty && !self.read_only {
            self.files.new_pending = Some(fresh);
        } else {
            files::new_package(self, fresh);
        }
    }

    /// Opens `path`, asking first when there are unsaved changes.
    pub fn open_asking(&mut self, path: PathBuf) {
        if self.dirty && !self.read_only {
            self.files.dropped = Some(path);
        } else {
            files::open_path(self, path, false);
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let writable = !self.read_only;
            self.file_menu(ui);
            ui.separator();
            if ui.add_enabled(writable, egui::Button::new("新建")).clicked() {
                self.new_asking(files::Fresh::Empty);
            }
            if ui.button("打开…").clicked() {
                files::start(self, files::Action::Open);
            }
            if ui
                .add_enabled(writable, egui::Button::new("保存"))
                .on_hover_text("Ctrl+S")
                .clicked()
            {
                files::save(self);
            }
            if ui.add_enabled(writable, egui::Button::new("另存为…")).clicked() {
                files::start(self, files::Action::SaveAs);
            }
            ui.separator();
            if ui.add_enabled(writable, egui::Button::new("导入模板…")).clicked() {
                files::start(self, files::Action::Import);
            }
            if ui
                .button("导出Excel…")
                .on_hover_text("公开用的预算表（有审核错误时不能导出）")
                .clicked()
            {
                files::export(self, files::Action::ExportXlsx);
            }
            if ui
                .button("导出PDF…")
                .on_hover_text("公开用的预算表和情况说明（有审核错误时不能导出）")
                .clicked()
            {
                files::export(self, files::Action::ExportPdf);
            }
            ui.separator();
            if ui
                .add_enabled(self.can_undo(), egui::Button::new("撤销"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                self.undo();
            }
            if ui
                .add_enabled(self.can_redo(), egui::Button::new("重做"))
                .on_hover_text("Ctrl+Y")
                .clicked()
            {
                self.redo();
            }
            ui.separator();
            if ui
                .add(egui::Button::new("查找"))
                .on_hover_text("Ctrl+F：在编码、名称、金额、备注和说明中查找；Ctrl+G：转到行")
                .clicked()
            {
                find::open(self);
            }
            if self.read_only {
                ui.separator();
                ui.label(RichText::new("审核模式（只读）").strong().color(WARN_ORANGE));
                let short = &self.fingerprint[..16.min(self.fingerprint.len())];
                ui.label("指纹：");
                let r = ui
                    .add(egui::Label::new(RichText::new(short).monospace()).sense(egui::Sense::click()))
                    .on_hover_text(format!("SHA-256：{}\n点击复制完整指纹", self.fingerprint));
                if r.clicked() || ui.small_button("复制").clicked() {
                    ui.ctx().copy_text(self.fingerprint.clone());
                    self.message = Some(("指纹已复制到剪贴板".into(), false));
                }
            }
            if let Some(busy) = &self.files.busy {
                ui.separator();
                ui.spinner();
                ui.label(busy.as_str());
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        if self.is_final() {
            final_screens::status_bar(self, ui);
            return;
        }
        let t = &self.computed.totals;
        let wan = |y| {
            let s = format_wan(y, 2);
            if s.is_empty() { "0.00".to_string() } else { s }
        };
        let diff = t.income_total - t.expense_total;
        let figures = [
            ("收入总计", wan(t.income_total)),
            ("支出总计", wan(t.expense_total)),
            ("基本支出", wan(t.basic)),
            ("项目支出", wan(t.project)),
            ("\"三公\"经费", wan(t.three_public.total())),
        ];
        // One line: a long message is cut (the whole of it on hover), so the
        // status bar never grows over the grid's last row.
        ui.horizontal(|ui| {
            ui.label(RichText::new("预算").strong());
            ui.separator();
            let item = |ui: &mut egui::Ui, label: &str, value: String, color: Option<Color32>| {
                ui.label(RichText::new(label).color(ui.visuals().weak_text_color()));
                let mut text = RichText::new(value).strong();
                if let Some(c) = color {
                    text = text.color(c);
                }
                ui.label(text);
            };
            let [income, expense, basic, project, three] = figures;
            item(ui, income.0, income.1, None);
            item(ui, expense.0, expense.1, None);
            let diff_color = if diff.is_zero() { None } else { Some(ERROR_RED) };
            let diff_text = diff_wan(diff);
            item(ui, "差额", diff_text, diff_color);
            item(ui, basic.0, basic.1, None);
            item(ui, project.0, project.1, None);
            item(ui, three.0, three.1, None);
            ui.label(RichText::new("（万元）").color(ui.visuals().weak_text_color()));
            ui.separator();
            let errors = self.computed.error_count();
            let warnings = self.computed.warning_count();
            if finding_counts(ui, errors, warnings) {
                self.screen = Screen::Audit;
            }
            if let Some((msg, is_error)) = self.message.clone() {
                ui.separator();
                let mut links = |ui: &mut egui::Ui| files::exported_links(self, ui);
                let links: Option<&mut dyn FnMut(&mut egui::Ui)> = if msg.starts_with("已导出") {
                    Some(&mut links)
                } else {
                    None
                };
                status_message(ui, &msg, is_error, links);
            }
        });
    }

    fn navigation(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        if self.is_final() {
            final_screens::navigation(self, ui);
            return;
        }
        for s in Screen::ALL {
            let mut label = RichText::new(s.label()).size(16.0);
            if s == Screen::Audit && self.computed.error_count() > 0 {
                label = RichText::new(format!("审核（{}）", self.computed.error_count()))
                    .size(16.0)
                    .color(ERROR_RED);
            }
            let r = ui.add_sized(
                [ui.available_width(), 30.0],
                egui::Button::selectable(self.screen == s, label),
            );
            if r.clicked() && self.screen != s {
                // A unit's code typed and left by another screen is committed.
                units::commit_code(self);
                self.screen = s;
                self.clear_passing_message();
            }
        }
    }

    /// Another screen: a message about what was done on the last one
    /// (「已撤销」, a Ctrl+G hint) goes; an export's message, with its links
    /// to the file, stays until the next message.
    pub(crate) fn clear_passing_message(&mut self) {
        if self.message.as_ref().is_some_and(|(m, _)| !m.starts_with("已导出")) {
            self.message = None;
        }
    }

    /// Draws the whole window into `ui` (used by eframe and by the tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        widgets::set_wan_decimals(self.wan_decimals);
        widgets::set_read_only(&ctx, self.read_only);
        self.shortcuts(&ctx);
        find::before_frame(self);
        if let Some(id) = self.landing.take() {
            widgets::jump_to_field(&ctx, id, self.landing_excerpt.take());
        }
        files::poll(self, &ctx);
        self.autosave();

        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(3.0);
            self.toolbar(ui);
            ui.add_space(1.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.add_space(3.0);
            self.status_bar(ui);
            ui.add_space(1.0);
        });
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(132.0)
            .show(ui, |ui| {
                self.navigation(ui);
            });
        if std::mem::take(&mut self.values_replaced) {
            widgets::values_replaced(&ctx);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.read_only {
                // Disabled fields stay readable in reviewer mode.
                ui.style_mut().visuals.disabled_alpha = 0.8;
            }
            self.screen_ui(ui)
        });
        if widgets::take_cell_cancelled(&ctx) {
            self.cancel_edit_run();
        }
        if let Some(notice) = widgets::take_limit_notice(&ctx) {
            self.message = Some((notice, true));
        }
        widgets::end_values_replaced(&ctx);
        widgets::age_landing(&ctx);
        files::dialogs(self, &ctx);
        files::refused_dialog(self, &ctx);
        find::window(self, &ctx);
        crate::compare::window(self, &ctx);
        self.dropped_files(&ctx);
        self.replace_questions(&ctx);
        self.recovery_dialog(&ctx);
        self.close_dialog(&ctx);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.files.busy.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if self.recovery.is_some() && self.commit_due {
            // A finished entry: written at the next frame.
            ctx.request_repaint();
        } else if self.recovery.is_some() && !self.autosaved {
            // Wake up to write the recovery file; once written, nothing is due
            // until the next edit.
            ctx.request_repaint_after(AUTOSAVE_IDLE);
        }
    }

    /// A `.yusuan` file dropped on the window opens (asking first when unsaved).
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yusuan")) {
                self.open_asking(path);
            } else {
                self.message = Some((format!("只能拖入预算包或决算包（.yusuan）：{}", path.display()), true));
            }
        }
    }

    /// The unsaved-changes questions before the document is replaced: by a
    /// package to open (dropped, picked, recent), or by 新建 / 打开示例.
    fn replace_questions(&mut self, ctx: &egui::Context) {
        if let Some(fresh) = self.files.new_pending {
            let question = format!("{}之前，要保存“{}”的修改吗？", fresh.label(), self.file_name());
            if let Some(go_on) = self.ask_before_replacing(ctx, "new_unsaved", &question, fresh.label()) {
                self.files.new_pending = None;
                if go_on {
                    files::new_package(self, fresh);
                }
            }
        }
        if let Some(path) = self.files.dropped.clone() {
            let question = format!(
                "打开“{}”之前，要保存“{}”的修改吗？",
                path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                self.file_name()
            );
            if let Some(go_on) = self.ask_before_replacing(ctx, "open_unsaved", &question, "打开") {
                self.files.dropped = None;
                if go_on {
                    files::open_path(self, path, false);
                }
            }
        }
    }

    /// Asks `question`: save first (`保存后{verb}`, only for a package with a
    /// file), go on without saving, or cancel. `None` until answered; then
    /// whether to go on (after a save, only when it worked).
    fn ask_before_replacing(&mut self, ctx: &egui::Context, id: &str, question: &str, verb: &str) -> Option<bool> {
        let choice = unsaved_question(
            ctx,
            id,
            question,
            (&format!("保存后{verb}"), self.path.is_some()),
            &format!("不保存，直接{verb}"),
        )?;
        Some(match choice {
            0 => {
                files::save(self);
                !self.dirty
            }
            1 => true,
            _ => false,
        })
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui) {
        if self.is_final() {
            final_screens::show(self, ui);
            return;
        }
        match self.screen {
            Screen::Overview => overview::show(self, ui),
            Screen::Units => units::show(self, ui),
            Screen::Income => income::show(self, ui),
            Screen::Basic => basic::show(self, ui),
            Screen::Projects => projects::show(self, ui),
            Screen::ThreePublic => three_public::show(self, ui),
            Screen::Performance => performance::show(self, ui),
            Screen::LastYear => last_year::show(self, ui),
            Screen::Assets => assets::show(self, ui),
            Screen::Narrative => narrative::show(self, ui),
            Screen::Preview => preview::show(self, ui),
            Screen::Audit => audit::show(self, ui),
        }
    }

    fn autosave(&mut self) {
        let Some(path) = &self.recovery else { return };
        let due = self.last_autosave.elapsed() >= AUTOSAVE_EVERY || self.last_change.elapsed() >= AUTOSAVE_IDLE;
        if self.read_only || !(self.commit_due || (!self.autosaved && due)) {
            return;
        }
        self.last_autosave = Instant::now();
        self.commit_due = false;
        // A number being typed is not written half-typed ("4" of "4321")
        // while the keys still come: the file gets the value the cell had
        // before the typing began. Once the typing has paused for
        // AUTOSAVE_IDLE, or is committed (Tab, Enter, another cell), the
        // number as it stands is written: a crash loses at most the last
        // seconds of typing, never a number left in its cell. Text (names,
        // 说明) is written as it stands.
        let idle = self.last_change.elapsed() >= AUTOSAVE_IDLE;
        let mut partial = false;
        if self.dirty
            && let Some((snapshot, left_out)) = self.final_snapshot(idle)
        {
            partial = left_out;
            files::write_recovery(path.clone(), Document::Final(snapshot), self.path.clone());
        } else if self.dirty {
            let mut snapshot = self.package.clone();
            let typing_a_value = self
                .history
                .open_run()
                .filter(|e| matches!(e, Edit::Splice(_) | Edit::LastYear(_) | Edit::Assets(_)));
            if let Some(step) = typing_a_value
                && !idle
            {
                step.clone().apply(&mut snapshot);
                partial = true;
            }
            files::write_recovery(path.clone(), Document::Budget(snapshot), self.path.clone());
        }
        // A write without the number being typed is followed by one with it
        // once the typing pauses.
        self.autosaved = !partial;
    }

    fn recovery_dialog(&mut self, ctx: &egui::Context) {
        if self.recovery_offer.is_none() {
            return;
        }
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.heading("发现上次未保存的工作");
            let (doc, orig) = self.recovery_offer.as_ref().expect("checked above");
            let kind = match doc {
                Document::Budget(_) => "预算",
                Document::Final(_) => "决算",
            };
            ui.label(format!(
                "程序上次没有正常关闭。自动保存的{kind}包：{}（{}年）{}",
                doc.department().name,
                doc.department().year,
                orig.as_ref()
                    .map(|p| format!("，原文件 {}", p.display()))
                    .unwrap_or_default()
            ));
            ui.horizontal(|ui| {
                if ui.button("恢复").clicked() {
                    choice = Some(true);
                }
                if ui.button("丢弃").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                let (doc, orig) = self.recovery_offer.take().expect("checked above");
                match doc {
                    Document::Budget(pkg) => {
                        self.replace_package(pkg, orig, false);
                        // The restored work is not on disk yet.
                        self.saved = Package::default();
                    }
                    Document::Final(f) => {
                        self.open_final(f, orig, false);
                        if let Some(doc) = self.fin.as_mut() {
                            doc.saved = Default::default();
                        }
                    }
                }
                self.dirty = true;
                self.message = Some(("已恢复自动保存的内容，请及时保存".into(), false));
            }
            Some(false) => {
                self.recovery_offer = None;
                if let Some(r) = &self.recovery {
                    files::remove_recovery(r);
                }
            }
            None => {}
        }
    }

    fn close_dialog(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.dirty && !self.allow_close && !self.read_only {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.close_question = true;
            } else if let Some(r) = &self.recovery
                && !self.dirty
            {
                files::remove_recovery(r);
            }
        }
        if !self.close_question {
            return;
        }
        let question = format!("“{}”有未保存的修改。关闭前要保存吗？", self.file_name());
        let choice = unsaved_question(ctx, "close", &question, ("保存并关闭", true), "不保存");
        match choice {
            Some(0) => {
                self.close_question = false;
                if self.path.is_some() {
                    files::save(self);
                    if !self.dirty {
                        self.allow_close = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                } else {
                    files::start(self, files::Action::SaveAs);
                    self.files.close_after_save = true;
                }
            }
            Some(1) => {
                self.close_question = false;
                self.allow_close = true;
                self.discarded = true;
                if let Some(r) = &self.recovery {
                    files::remove_recovery(r);
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(_) => self.close_question = false,
            None => {}
        }
    }

    pub fn close_now(&mut self, ctx: &egui::Context) {
        self.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

impl App {
    /// One frame of the window, with the frame-time log when it is on (the
    /// desktop runner calls this; the tests call [`App::show`]).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let now = Instant::now();
        if self.frame_log.is_some() && ui.ctx().output(|o| o.num_completed_passes) == 0 {
            let typed = ui.input(|i| i.events.iter().filter(|e| matches!(e, egui::Event::Text(_))).count());
            self.frame_begun = Some((now, typed, frame_cause(ui.ctx()), String::new()));
        }
        self.show(ui);
        let more = crate::settle::end_pass(ui.ctx());
        if let Some((_, _, _, passes)) = &mut self.frame_begun {
            if !passes.is_empty() {
                passes.push('+');
            }
            passes.push_str(&format!("{:.1}", now.elapsed().as_secs_f64() * 1e3));
        }
        if more {
            return; // another pass of this frame follows
        }
        // A frame's passes are one line: its build time is all of them.
        if let Some((log, last)) = &mut self.frame_log
            && let Some((start, typed, why, passes)) = self.frame_begun.take()
        {
            use std::io::Write;
            let since_epoch = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs_f64() * 1e3 - start.elapsed().as_secs_f64() * 1e3)
                .unwrap_or_default();
            let _ = writeln!(
                log,
                "{:.3}\t{typed}\t{:.3}\t{since_epoch:.1}\t{why}\t{passes}",
                start.elapsed().as_secs_f64() * 1e3,
                start.duration_since(*last).as_secs_f64() * 1e3,
            );
            *last = start;
        }
    }

    /// The window is closing: unsaved work goes to the recovery file (written
    /// here, not on a thread: the process is about to end).
    pub fn on_exit(&mut self) {
        if let Some(path) = &self.recovery
            && self.dirty
            && !self.read_only
            && !self.discarded
        {
            match &self.fin {
                Some(doc) => files::write_recovery_now(path, &doc.package, self.path.as_deref()),
                None => files::write_recovery_now(path, &self.package, self.path.as_deref()),
            }
        }
    }
}

/// Why a frame is being built, for the frame log's last column: its input
/// events (`K+Tab` a key pressed, `K-Tab` released, `T` text, `M`
/// modifiers, `P` pointer, `I` IME, `F` focus, `O` other) and the repaints
/// the previous frame requested (`file:line`), `|` between the two.
fn frame_cause(ctx: &egui::Context) -> String {
    let mut out = ctx.input(|i| {
        i.events
            .iter()
            .map(|e| match e {
                egui::Event::Key { key, pressed, .. } => format!("K{}{key:?}", if *pressed { '+' } else { '-' }),
                egui::Event::Text(_) => "T".into(),
                egui::Event::ModifiersChanged(_) => "M".into(),
                egui::Event::PointerMoved(_) | egui::Event::PointerButton { .. } | egui::Event::PointerGone => {
                    "P".into()
                }
                egui::Event::Ime(_) => "I".into(),
                egui::Event::WindowFocused(_) => "F".into(),
                _ => "O".into(),
            })
            .collect::<Vec<_>>()
            .join(",")
    });
    out.push('|');
    let causes: Vec<String> = ctx
        .repaint_causes()
        .iter()
        .map(|c| format!("{}:{}", c.file.rsplit('/').next().unwrap_or(c.file), c.line))
        .collect();
    out.push_str(&causes.join(","));
    out
}

/// The modal "有未保存的修改" with three answers: `Some(0)` the first (save …),
/// `Some(1)` the second (don't save), `Some(2)` 取消; `None` while unanswered.
fn unsaved_question(
    ctx: &egui::Context,
    id: &str,
    question: &str,
    (first, first_enabled): (&str, bool),
    second: &str,
) -> Option<u8> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.heading("有未保存的修改");
        ui.label(question);
        ui.horizontal(|ui| {
            if ui.add_enabled(first_enabled, egui::Button::new(first)).clicked() {
                choice = Some(0);
            }
            if ui.button(second).clicked() {
                choice = Some(1);
            }
            if ui.button("取消").clicked() {
                choice = Some(2);
            }
        });
    });
    choice
}

/// The places every 万元 figure of the package's grids needs.
fn wan_decimals_of(p: &Package) -> u32 {
    widgets::wan_decimals(
        p.basic_lines
            .iter()
            .map(|l| l.amount)
            .chain(p.income.iter().map(|e| e.amount))
            .chain(p.projects.iter().flat_map(|x| x.lines.iter().map(|l| l.amount)))
            .chain(p.last_year.0.values().copied()),
    )
}

/// The status bar's 差额 (收入总计 − 支出总计, in 元) in 万元, exact: as many
/// places as it needs, at least two. Rounded to two places a difference of
/// 198 元 read -0.02 between totals shown as 1,959.63 and 1,959.64.
pub fn diff_wan(diff: rust_decimal::Decimal) -> String {
    if diff.is_zero() {
        return "0.00".to_string();
    }
    let wan = (diff / rust_decimal::Decimal::from(10_000)).normalize();
    yusuan_report::table::format_number(wan, wan.scale().max(2))
}
