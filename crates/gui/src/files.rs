//! Files: open, save, save as, import, export, and the recovery file. File
//! dialogs and slow work run on background threads; the frame polls a channel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use yusuan_model::edit::Part;
use yusuan_model::file::Contents;
use yusuan_model::{CatalogOverrides, Document, Package};
use yusuan_workbook::codes::Counts;

use super::app::{App, ERROR_RED};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Open,
    SaveAs,
    Import,
    ExportXlsx,
    ExportPdf,
    /// Open a package read-only (审核模式).
    OpenReview,
    /// 导入当年科目表: codes and names from a CSV or xlsx code list.
    ImportCatalog,
    /// 新建决算: where to save the 决算 package made from the open 预算.
    NewFinal,
    /// 打开上年预算包 / 打开上年决算包: the 上年数 from it (`last_year_fill`).
    OpenLastYear,
    /// 比较版本: the older version of the open 预算 package.
    Compare,
}

impl Action {
    /// An example path for the path field, with the file type this action takes.
    fn example_path(self) -> &'static str {
        match self {
            Action::Open | Action::SaveAs | Action::OpenReview | Action::Compare => "/home/用户/文档/部门预算.yusuan",
            Action::OpenLastYear => "/home/用户/文档/上年部门预算.yusuan",
            Action::NewFinal => "/home/用户/文档/部门决算.yusuan",
            Action::Import => "/home/用户/文档/预算填报模板.xlsx（或CSV文件夹）",
            Action::ImportCatalog => "/home/用户/文档/2025年科目表.xlsx（或.csv）",
            Action::ExportXlsx => "/home/用户/文档/部门预算公开表.xlsx",
            Action::ExportPdf => "/home/用户/文档/部门预算.pdf",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Action::Open => "打开预算包或决算包",
            Action::NewFinal => "新建决算：保存决算包",
            Action::OpenLastYear => "打开上年的预算包或决算包（取上年数）",
            Action::SaveAs => "另存为",
            Action::Import => "导入模板（预算或决算，.xlsx 或 CSV 文件夹）",
            Action::ExportXlsx => "导出Excel",
            Action::ExportPdf => "导出PDF",
            Action::OpenReview => "以审核模式打开",
            Action::Compare => "比较版本：选择较早的版本（与打开的同为预算包或决算包）",
            Action::ImportCatalog => "导入当年科目表（.csv 或 .xlsx，含“编码”“名称”两列）",
        }
    }
}

/// What a file dialog is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogRequest {
    pub title: String,
    /// The folder to start in.
    pub directory: Option<PathBuf>,
    /// The filter: its name and the extensions it shows (`("预算包", ["yusuan"])`).
    pub filter: (String, Vec<String>),
    /// `Some(name)`: a save dialog proposing `name`; `None`: an open dialog.
    pub save_as: Option<String>,
}

/// File dialogs, supplied by the program that runs the editor: the desktop
/// binary shows the system's (rfd); tests and machines without a dialog
/// service have none, and the editor then asks for a path in a text field.
/// Called on a background thread, never on the frame.
pub trait Dialogs: Send + Sync {
    /// The chosen path; `None` when cancelled or when no dialog can be shown.
    fn pick(&self, request: &DialogRequest) -> Option<PathBuf>;
    /// Opens a file or a folder with the system's program for it (after an
    /// export: the PDF, or the folder it is in); false when it could not.
    fn open_with_system(&self, _path: &Path) -> bool {
        false
    }
}

/// No dialog: every request is answered by the path field.
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn pick(&self, _: &DialogRequest) -> Option<PathBuf> {
        None
    }
}

enum Msg {
    Picked(Action, Option<PathBuf>),
    Loaded(Action, PathBuf, Result<Box<Document>, String>),
    /// The path, the result (the written file read back: its check), and
    /// whether it was a draft.
    Exported(PathBuf, Result<SelfCheck, String>, bool),
    Catalog(PathBuf, Result<(CatalogOverrides, Counts), String>),
}

/// An exported file read back ([`yusuan_workbook::verify`],
/// [`yusuan_pdf::verify`]): its one-line summary, and the first problem.
#[derive(Debug)]
pub struct SelfCheck {
    pub summary: String,
    pub first_problem: Option<String>,
}

fn check_xlsx(path: &Path) -> SelfCheck {
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| yusuan_workbook::verify::verify_xlsx(&b))
    {
        Ok(r) => SelfCheck {
            summary: r.summary(),
            first_problem: r.findings.first().map(|f| f.to_string()),
        },
        Err(e) => SelfCheck {
            summary: "自检：无法读回导出的文件".to_string(),
            first_problem: Some(e),
        },
    }
}

/// The written PDF read back, and its text against the publication.
fn check_pdf(path: &Path, publication: &yusuan_report::Publication) -> SelfCheck {
    let readd = &yusuan_workbook::verify::readd_grid;
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| yusuan_pdf::verify::verify_publication(&b, publication, readd))
    {
        Ok(r) => SelfCheck {
            summary: r.summary(),
            first_problem: r.problems.first().map(|p| p.message.clone()),
        },
        Err(e) => SelfCheck {
            summary: "自检：无法读回导出的文件".to_string(),
            first_problem: Some(e),
        },
    }
}

pub struct FilesState {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// Long work under way (shown with a spinner).
    pub busy: Option<String>,
    /// The path field shown when no dialog is available (or was cancelled).
    pub prompt: Option<(Action, String)>,
    pub close_after_save: bool,
    /// An export for publication refused because of 错误 (the dialog is showing).
    pub refused: Option<Action>,
    /// The export under way is a draft (exported despite 错误).
    pub draft: bool,
    /// Recently opened or saved packages, newest first.
    pub recent: Vec<PathBuf>,
    /// A package to open (dropped on the window, picked in the open dialog or
    /// in 最近打开), waiting for the unsaved-changes answer.
    pub dropped: Option<PathBuf>,
    /// 新建 or 打开示例, waiting for the unsaved-changes answer.
    pub new_pending: Option<Fresh>,
    /// The file exported last (the status bar offers to open it or its folder).
    pub exported: Option<PathBuf>,
    pub dialogs: Arc<dyn Dialogs>,
}

impl Default for FilesState {
    fn default() -> FilesState {
        FilesState::new()
    }
}

impl FilesState {
    pub fn new() -> FilesState {
        let (tx, rx) = channel();
        FilesState {
            tx,
            rx,
            busy: None,
            prompt: None,
            close_after_save: false,
            refused: None,
            draft: false,
            recent: read_recent(),
            dropped: None,
            new_pending: None,
            exported: None,
            dialogs: Arc::new(NoDialogs),
        }
    }
}

/// Shows the file dialog on a background thread.
pub fn start(app: &mut App, action: Action) {
    if app.files.busy.is_some() {
        return;
    }
    if app.read_only && matches!(action, Action::SaveAs | Action::Import | Action::ImportCatalog) {
        return;
    }
    app.files.busy = Some(format!("{}：请在对话框中选择文件…", action.label()));
    let tx = app.files.tx.clone();
    let name = app.file_name();
    let dir = app.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
    let dept = app.department().name.clone();
    let year = app.department().year;
    let kind = app.kind_label();
    let draft = if app.files.draft { "（草稿）" } else { "" };
    let filter = |name: &str, ext: &str| (name.to_string(), vec![ext.to_string()]);
    let (filter, save_as) = match action {
        Action::Open | Action::OpenReview | Action::OpenLastYear => (filter("预算包或决算包", "yusuan"), None),
        Action::Compare => (filter("预算包或决算包", "yusuan"), None),
        Action::NewFinal => (
            filter("决算包", "yusuan"),
            Some(format!("{dept}{year}年部门决算.yusuan")),
        ),
        Action::SaveAs => (
            filter(&format!("{kind}包"), "yusuan"),
            Some(if name.ends_with(".yusuan") {
                name
            } else {
                format!("{dept}.yusuan")
            }),
        ),
        Action::Import => (filter("导入模板", "xlsx"), None),
        Action::ImportCatalog => (("科目表".to_string(), vec!["csv".into(), "xlsx".into()]), None),
        Action::ExportXlsx => (
            filter("Excel", "xlsx"),
            Some(format!("{dept}部门{kind}公开表{draft}.xlsx")),
        ),
        Action::ExportPdf => (filter("PDF", "pdf"), Some(format!("{dept}部门{kind}{draft}.pdf"))),
    };
    let request = DialogRequest {
        title: action.label().to_string(),
        directory: dir,
        filter,
        save_as,
    };
    let dialogs = app.files.dialogs.clone();
    std::thread::spawn(move || {
        let picked = dialogs.pick(&request);
        let _ = tx.send(Msg::Picked(action, picked));
    });
}

/// Runs an action on a path (from the dialog or the path field).
pub fn perform(app: &mut App, action: Action, path: PathBuf) {
    match action {
        Action::SaveAs => {
            let path = if path.extension().is_none() {
                path.with_extension("yusuan")
            } else {
                path
            };
            save_to(app, path);
        }
        Action::NewFinal => new_final_to(app, path),
        // Opening over unsaved work asks first (the answer opens through `open_path`).
        Action::Open if app.dirty && !app.read_only => app.files.dropped = Some(path),
        Action::Open | Action::Import | Action::OpenReview | Action::OpenLastYear | Action::Compare => {
            load(app, action, path)
        }
        Action::ImportCatalog => {
            app.files.busy = Some(format!("正在读取科目表 {}…", path.display()));
            let tx = app.files.tx.clone();
            std::thread::spawn(move || {
                let r = yusuan_workbook::codes::read_code_list(&path).map_err(|e| e.to_string());
                let _ = tx.send(Msg::Catalog(path, r));
            });
        }
        Action::ExportXlsx => {
            let path = if path.extension().is_none() {
                path.with_extension("xlsx")
            } else {
                path
            };
            app.files.busy = Some(format!("正在导出 {}…", path.display()));
            // A 决算's workbook: 公开01–09, then the 绩效自评 附件.
            let tables = match &app.fin {
                Some(doc) => doc.computed.published(),
                None => app.computed.tables.clone(),
            };
            let author = app.department().name.clone();
            let tx = app.files.tx.clone();
            let draft = std::mem::take(&mut app.files.draft);
            std::thread::spawn(move || {
                // A draft carries the mark in the file itself, not only in its name.
                let mark = draft.then_some(yusuan_report::DRAFT_MARK);
                let r = yusuan_workbook::xlsx::export_with(&tables, &author, &path, mark)
                    .map_err(|e| e.to_string())
                    .map(|()| check_xlsx(&path));
                let _ = tx.send(Msg::Exported(path, r, draft));
            });
        }
        Action::ExportPdf => {
            let path = if path.extension().is_none() {
                path.with_extension("pdf")
            } else {
                path
            };
            app.files.busy = Some(format!("正在生成PDF {}…", path.display()));
            let publication = match &app.fin {
                Some(doc) => yusuan_engine::final_accounts::publication(&doc.package, &doc.computed),
                None => yusuan_engine::publication(&app.package, &app.computed),
            };
            let tx = app.files.tx.clone();
            let draft = std::mem::take(&mut app.files.draft);
            std::thread::spawn(move || {
                let mark = draft.then_some(yusuan_report::DRAFT_MARK);
                let pdf = yusuan_pdf::publication_pdf_with(&publication, mark).map_err(|e| e.to_string());
                let r = pdf.and_then(|bytes| {
                    yusuan_model::file::write_atomic(&path, &bytes)
                        .map_err(|e| format!("无法写入“{}”：{e}", path.display()))
                });
                let r = r.map(|()| check_pdf(&path, &publication));
                let _ = tx.send(Msg::Exported(path, r, draft));
            });
        }
    }
}

/// Polls the background work.
pub fn poll(app: &mut App, ctx: &egui::Context) {
    while let Ok(msg) = app.files.rx.try_recv() {
        app.files.busy = None;
        match msg {
            Msg::Picked(action, Some(path)) => perform(app, action, path),
            Msg::Picked(action, None) => {
                let initial = match (action, &app.path) {
                    (Action::SaveAs, Some(p)) => p.display().to_string(),
                    // Beside the 预算 it is made from.
                    (Action::NewFinal, Some(p)) => {
                        let d = app.department();
                        p.with_file_name(format!("{}{}年部门决算.yusuan", d.name.trim(), d.year))
                            .display()
                            .to_string()
                    }
                    _ => String::new(),
                };
                app.files.prompt = Some((action, initial));
            }
            Msg::Loaded(Action::OpenLastYear, path, Ok(doc)) => super::last_year_fill::take(app, &path, *doc),
            Msg::Loaded(Action::Compare, path, Ok(doc)) => super::compare::take_old(app, path, *doc),
            Msg::Loaded(action, path, Ok(doc)) => {
                if action == Action::Open || action == Action::OpenReview {
                    if action == Action::OpenReview {
                        app.read_only = true;
                        app.files.prompt = None;
                    }
                    match *doc {
                        Document::Budget(pkg) => app.replace_package(pkg, Some(path.clone()), false),
                        Document::Final(f) => app.open_final(f, Some(path.clone()), false),
                    }
                    add_recent(app, &path);
                    app.message = Some((
                        format!(
                            "已{}打开{}包 {}",
                            if app.read_only {
                                "以审核模式（只读）"
                            } else {
                                ""
                            },
                            app.kind_label(),
                            path.display()
                        ),
                        false,
                    ));
                } else if app.dirty && matches!(*doc, Document::Final(_)) != app.is_final() {
                    // The other kind replaces the document for good: not over unsaved work.
                    let what = if app.is_final() { "预算" } else { "决算" };
                    app.message = Some((
                        format!(
                            "“{}”是{what}数据，导入后将替换当前的{}包，而它有未保存的修改：请先保存，再导入",
                            path.display(),
                            app.kind_label()
                        ),
                        true,
                    ));
                } else {
                    let undoable = match *doc {
                        Document::Budget(pkg) => {
                            let undoable = !app.is_final();
                            app.replace_package(pkg, None, true);
                            undoable
                        }
                        Document::Final(f) => {
                            let undoable = app.is_final();
                            app.open_final(f, None, true);
                            undoable
                        }
                    };
                    app.dirty = true;
                    app.message = Some((
                        format!(
                            "已导入{}数据 {}{}",
                            app.kind_label(),
                            path.display(),
                            if undoable { "（可撤销）" } else { "，请保存" }
                        ),
                        false,
                    ));
                }
            }
            Msg::Loaded(_, path, Err(e)) => {
                app.message = Some((format!("无法读取 {}：{}", path.display(), first_line(&e)), true));
            }
            Msg::Exported(path, Ok(check), draft) => {
                app.files.exported = Some(path.clone());
                let problem = check
                    .first_problem
                    .as_deref()
                    .map(|p| format!("：{p}"))
                    .unwrap_or_default();
                app.message = Some((
                    format!(
                        "已导出{} {}。{}{problem}",
                        if draft { yusuan_report::DRAFT_MARK } else { "" },
                        path.display(),
                        check.summary
                    ),
                    draft || check.first_problem.is_some(),
                ))
            }
            Msg::Catalog(path, Ok((rows, counts))) => take_catalog(app, &path, rows, counts),
            Msg::Catalog(path, Err(e)) => {
                app.message = Some((format!("无法导入科目表 {}：{}", path.display(), first_line(&e)), true));
            }
            Msg::Exported(path, Err(e), _) => {
                app.message = Some((format!("导出 {} 失败：{}", path.display(), first_line(&e)), true))
            }
        }
        ctx.request_repaint();
    }
}

/// Puts an imported code list into the package (its rows win over the
/// built-in ones; one undo step) and keeps it as the default catalog of
/// packages made with 新建.
pub fn take_catalog(app: &mut App, path: &Path, rows: CatalogOverrides, counts: Counts) {
    let take = |c: &mut CatalogOverrides, rows: CatalogOverrides| {
        c.func.extend(rows.func);
        c.dept_econ.extend(rows.dept_econ);
        c.gov_econ.extend(rows.gov_econ);
        c.func_desc.extend(rows.func_desc);
    };
    if app.is_final() {
        // A 决算 keeps the rows (and the 功能 descriptions its 名词解释
        // quotes) in its own package; 新建 makes 预算 packages only.
        let descriptions = rows.func_desc.len();
        if app.edit_final("", yusuan_model::final_edit::FinalField::Catalog.into(), |p| {
            take(&mut p.catalog, rows)
        }) {
            app.message = Some((
                format!(
                    "已导入科目表 {}：{counts}，功能科目说明{descriptions}条（可撤销）",
                    path.display()
                ),
                false,
            ));
        }
        return;
    }
    let kept = rows.clone();
    let taken = app.edit("", Part::Catalog, |p| take(&mut p.catalog, rows));
    if taken {
        let remembered = write_default_catalog(&kept);
        app.message = Some((
            format!(
                "已导入科目表 {}：{counts}（可撤销）{}",
                path.display(),
                if remembered {
                    "；新建预算包时也将使用此科目表"
                } else {
                    ""
                }
            ),
            false,
        ));
    }
}

/// `$XDG_DATA_HOME/yusuan/catalog.json`: the code list imported last,
/// the catalog of packages made with 新建.
fn default_catalog_path() -> Option<PathBuf> {
    recovery_path().map(|p| p.with_file_name("catalog.json"))
}

fn write_default_catalog(rows: &CatalogOverrides) -> bool {
    // Tests must not write the user's settings.
    if cfg!(test) {
        return true;
    }
    let Some(file) = default_catalog_path() else {
        return false;
    };
    let Ok(json) = serde_json::to_vec_pretty(rows) else {
        return false;
    };
    file.parent().is_some_and(|d| std::fs::create_dir_all(d).is_ok())
        && yusuan_model::file::write_atomic(&file, &json).is_ok()
}

/// The code list imported last (for 新建), empty when there is none.
fn default_catalog() -> CatalogOverrides {
    if cfg!(test) {
        return CatalogOverrides::default();
    }
    default_catalog_path()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn first_line(s: &str) -> String {
    let n = s.lines().count();
    let first = s.lines().next().unwrap_or("").to_string();
    if n > 1 {
        format!("{first}（另有{}处问题）", n - 1)
    } else {
        first
    }
}

/// Saves to the current path, or asks for one.
pub fn save(app: &mut App) {
    if app.read_only {
        return;
    }
    match app.path.clone() {
        Some(p) => save_to(app, p),
        None => start(app, Action::SaveAs),
    }
}

pub fn save_to(app: &mut App, path: PathBuf) {
    let saved = match &app.fin {
        Some(doc) => yusuan_model::file::save(&path, &doc.package),
        None => yusuan_model::file::save(&path, &app.package),
    };
    match saved {
        Ok(()) => {
            app.mark_saved(path.clone());
            add_recent(app, &path);
            app.message = Some((format!("已保存 {}", path.display()), false));
        }
        Err(e) => app.message = Some((format!("保存失败：{e}"), true)),
    }
}

/// After an export: buttons that open the file or the folder it is in.
pub fn exported_links(app: &mut App, ui: &mut egui::Ui) {
    let Some(path) = app.files.exported.clone() else { return };
    if ui
        .small_button("打开文件")
        .on_hover_text(path.display().to_string())
        .clicked()
        && !app.files.dialogs.open_with_system(&path)
    {
        app.message = Some((format!("无法打开 {}，请在文件管理器中打开", path.display()), true));
    }
    if let Some(dir) = path.parent()
        && ui
            .small_button("打开所在文件夹")
            .on_hover_text(dir.display().to_string())
            .clicked()
        && !app.files.dialogs.open_with_system(dir)
    {
        app.message = Some((format!("无法打开文件夹 {}", dir.display()), true));
    }
}

/// A package that starts without a file: empty (新建) or the embedded sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fresh {
    Empty,
    Sample,
}

impl Fresh {
    pub fn label(self) -> &'static str {
        match self {
            Fresh::Empty => "新建",
            Fresh::Sample => "打开示例",
        }
    }
}

/// Replaces the package by an empty one or the sample (undoable).
pub fn new_package(app: &mut App, fresh: Fresh) {
    let message = match fresh {
        Fresh::Empty => {
            let mut p = Package::default();
            p.department.name = "新部门".into();
            p.catalog = default_catalog();
            app.replace_package(p, None, true);
            "已新建空白预算包（可撤销）"
        }
        Fresh::Sample => {
            app.replace_package(yusuan_model::sample_package(), None, true);
            "已打开示例预算包（义马2024，可撤销）"
        }
    };
    app.message = Some((message.into(), false));
}

/// The package opened last, when it is still there (the editor starts on it).
pub fn last_opened() -> Option<PathBuf> {
    read_recent().into_iter().find(|p| p.is_file())
}

/// The path field shown when the dialog gave nothing.
pub fn dialogs(app: &mut App, ctx: &egui::Context) {
    let Some((action, mut text)) = app.files.prompt.take() else {
        return;
    };
    let example = match action {
        Action::SaveAs if app.is_final() => "/home/用户/文档/部门决算.yusuan",
        Action::ExportXlsx if app.is_final() => "/home/用户/文档/部门决算公开表.xlsx",
        Action::ExportPdf if app.is_final() => "/home/用户/文档/部门决算.pdf",
        Action::Import => "/home/用户/文档/导入模板.xlsx（或存放CSV文件的文件夹）",
        other => other.example_path(),
    };
    let mut done = None;
    egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
        ui.heading(action.label());
        ui.label("没有选择文件（或系统文件对话框不可用）。也可以直接输入文件路径：");
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(520.0)
                .hint_text(example),
        );
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && text.trim().is_empty() {
            ui.label(egui::RichText::new("请输入路径").color(ERROR_RED));
        }
        ui.horizontal(|ui| {
            if (ui.button("确定").clicked() || enter) && !text.trim().is_empty() {
                done = Some(true);
            }
            if ui.button("取消").clicked() {
                done = Some(false);
            }
        });
    });
    match done {
        Some(true) => {
            let path = PathBuf::from(expand_home(text.trim()));
            perform(app, action, path);
            if action == Action::SaveAs && app.files.close_after_save && !app.dirty {
                app.close_now(ctx);
            }
        }
        Some(false) => app.files.close_after_save = false,
        None => app.files.prompt = Some((action, text)),
    }
}

fn expand_home(s: &str) -> String {
    match (s.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => s.to_string(),
    }
}

/// `~/.local/share/yusuan/recovery.yusuan` (or under `$XDG_DATA_HOME`).
pub fn recovery_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".local/share"),
    };
    Some(base.join("yusuan").join("recovery.yusuan"))
}

fn origin_path(recovery: &Path) -> PathBuf {
    recovery.with_extension("path")
}

/// Writes the recovery file (and the original file's path beside it) on a
/// background thread. Writes never overlap, and one that was overtaken by a
/// newer one is dropped, so the file never goes back to an older state.
pub fn write_recovery(path: PathBuf, document: Document, original: Option<PathBuf>) {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};
    static ISSUED: AtomicU64 = AtomicU64::new(0);
    static WRITTEN: Mutex<u64> = Mutex::new(0);
    let seq = ISSUED.fetch_add(1, Ordering::SeqCst) + 1;
    std::thread::spawn(move || {
        let mut written = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
        if seq > *written {
            match &document {
                Document::Budget(p) => write_recovery_now(&path, p, original.as_deref()),
                Document::Final(f) => write_recovery_now(&path, f, original.as_deref()),
            }
            *written = seq;
        }
    });
}

/// Writes the recovery file now (on exit).
pub fn write_recovery_now<T: Contents>(path: &Path, package: &T, original: Option<&Path>) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if yusuan_model::file::save(path, package).is_ok() {
        let origin = original.map(|p| p.display().to_string()).unwrap_or_default();
        let _ = std::fs::write(origin_path(path), origin);
    }
}

pub fn read_recovery(path: &Path) -> Option<(Document, Option<PathBuf>)> {
    if !path.exists() {
        return None;
    }
    let pkg = yusuan_model::file::open_document(path).ok()?;
    let origin = std::fs::read_to_string(origin_path(path))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(PathBuf::from);
    Some((pkg, origin))
}

pub fn remove_recovery(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(yusuan_model::file::backup_path(path));
    let _ = std::fs::remove_file(origin_path(path));
}

/// Exports for publication: refused (with the list of 错误) while errors exist.
pub fn export(app: &mut App, action: Action) {
    let errors = match &app.fin {
        Some(doc) => doc.error_count(),
        None => app.computed.error_count(),
    };
    if errors > 0 {
        app.files.refused = Some(action);
    } else {
        app.files.draft = false;
        start(app, action);
    }
}

/// The refusal: the errors, each a link to its place; optionally a draft.
pub fn refused_dialog(app: &mut App, ctx: &egui::Context) {
    let Some(action) = app.files.refused else { return };
    if app.is_final() {
        super::final_screens::refused_dialog(app, ctx, action);
        return;
    }
    let mut choice = None;
    let mut go = None;
    egui::Modal::new(egui::Id::unique("export_refused")).show(ctx, |ui| {
        ui.set_max_width(720.0);
        ui.heading(format!("不能{}公开版本", action.label()));
        ui.label(
            egui::RichText::new(format!(
                "预算包有{}个审核错误。公开的表格必须没有错误，请先改正以下问题：",
                app.computed.error_count()
            ))
            .color(ERROR_RED),
        );
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (i, f) in app.computed.findings.iter().enumerate().filter(|(_, f)| f.is_error()) {
                ui.horizontal_wrapped(|ui| {
                    if ui.link(f.location.describe(&app.package)).clicked() {
                        go = Some(i);
                    }
                    ui.label(f.to_string());
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
    if let Some(i) = go {
        let loc = app.computed.findings[i].location.clone();
        app.files.refused = None;
        app.go_to(&loc);
        return;
    }
    match choice {
        Some(true) => {
            app.files.refused = None;
            app.files.draft = true;
            start(app, action);
        }
        Some(false) => app.files.refused = None,
        None => {}
    }
}

/// `$XDG_DATA_HOME/yusuan/recent.json` (or `~/.local/share/yusuan/recent.json`).
pub fn recent_path() -> Option<PathBuf> {
    recovery_path().map(|p| p.with_file_name("recent.json"))
}

/// How many recent files are kept.
pub const RECENT_LIMIT: usize = 8;

fn read_recent() -> Vec<PathBuf> {
    // Tests must not read or write the user's list.
    if cfg!(test) {
        return Vec::new();
    }
    recent_path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| serde_json::from_str::<Vec<PathBuf>>(&s).ok())
        .unwrap_or_default()
}

/// Puts `path` first in the recent list (and writes the list).
pub fn add_recent(app: &mut App, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let list = &mut app.files.recent;
    list.retain(|p| p != &path);
    list.insert(0, path);
    list.truncate(RECENT_LIMIT);
    if cfg!(test) {
        return;
    }
    if let Some(file) = recent_path() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(json) = serde_json::to_string_pretty(&*list) {
            let _ = std::fs::write(file, json);
        }
    }
}

/// Opens a package from a known path (recent list, drop) on a background thread.
pub fn open_path(app: &mut App, path: PathBuf, review: bool) {
    if app.files.busy.is_some() {
        return;
    }
    load(app, if review { Action::OpenReview } else { Action::Open }, path);
}

/// 比较版本 with a known older version (`yusuan --review NEW --compare OLD`):
/// read on a background thread, then compared with the open package.
pub fn compare_with(app: &mut App, path: PathBuf) {
    load(app, Action::Compare, path);
}

/// Reads a package or an import workbook on a background thread (the answer
/// arrives in [`poll`]).
fn load(app: &mut App, action: Action, path: PathBuf) {
    app.files.busy = Some(format!("正在读取 {}…", path.display()));
    let tx = app.files.tx.clone();
    std::thread::spawn(move || {
        let result = if action != Action::Import {
            yusuan_model::file::open_document(&path).map_err(|e| e.to_string())
        } else {
            yusuan_workbook::import_final::import_document(&path).map_err(|e| e.to_string())
        };
        let _ = tx.send(Msg::Loaded(action, path, result.map(Box::new)));
    });
}

/// 文件 › 新建决算…: asks where to save the 决算 package made from the open
/// 预算 package. The 预算 must be saved first: the 决算 records the
/// fingerprint of the file it was taken from.
pub fn start_new_final(app: &mut App) {
    if app.is_final() || app.read_only {
        return;
    }
    if app.path.is_none() || app.dirty {
        app.message = Some((
            "新建决算前请先保存预算包：决算包记录所依据的预算包文件及其指纹".into(),
            true,
        ));
        return;
    }
    start(app, Action::NewFinal);
}

/// Makes the 决算 package of the open 预算 (`from_budget`), saves it at
/// `path` and opens it. Never writes over the 预算 or any existing file, and
/// never changes the 预算 package.
pub fn new_final_to(app: &mut App, path: PathBuf) {
    let path = if path.extension().is_none() {
        path.with_extension("yusuan")
    } else {
        path
    };
    let Some(budget_path) = app.path.clone() else {
        app.message = Some(("新建决算前请先保存预算包".into(), true));
        return;
    };
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(&path, &budget_path) {
        app.message = Some((
            format!("“{}”是预算包本身：决算包请另存为一个新文件", path.display()),
            true,
        ));
        return;
    }
    if path.exists() {
        app.message = Some((
            format!("“{}”已存在：新建决算不会覆盖已有文件，请换一个文件名", path.display()),
            true,
        ));
        return;
    }
    let budget_ref = yusuan_model::BudgetRef {
        file_name: budget_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fingerprint: yusuan_model::file::fingerprint(&app.package),
        taken_at: String::new(),
    };
    let f = yusuan_engine::final_accounts::from_budget(&app.package, budget_ref);
    if let Err(e) = yusuan_model::file::save(&path, &f) {
        app.message = Some((format!("新建决算失败：{e}"), true));
        return;
    }
    let (units, projects, initial) = (f.units.len(), f.projects.len(), f.plan.initial.len());
    let year = f.department.year;
    app.open_final(f, Some(path.clone()), false);
    add_recent(app, &path);
    app.message = Some((
        format!(
            "已新建{year}年度决算包 {}：{units}个单位、{projects}个项目及其绩效目标、{initial}条年初预算数取自预算包；请录入或导入决算数据",
            path.display()
        ),
        false,
    ));
}
