//! Files: open, save, save as, import, export, and the recovery file. File
//! dialogs and slow work run on background threads; the frame polls a channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;
use yusuan::model::Package;

use super::app::{App, ERROR_RED};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Open,
    SaveAs,
    Import,
    ExportXlsx,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::Open => "打开预算包",
            Action::SaveAs => "另存为",
            Action::Import => "导入模板（.xlsx 或 CSV 文件夹）",
            Action::ExportXlsx => "导出Excel",
        }
    }
}

enum Msg {
    Picked(Action, Option<PathBuf>),
    Loaded(Action, PathBuf, Result<Package, String>),
    Exported(PathBuf, Result<(), String>),
}

pub struct FilesState {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// Long work under way (shown with a spinner).
    pub busy: Option<String>,
    /// The path field shown when no dialog is available (or was cancelled).
    pub prompt: Option<(Action, String)>,
    pub close_after_save: bool,
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
        }
    }
}

/// Shows the file dialog on a background thread.
pub fn start(app: &mut App, action: Action) {
    if app.files.busy.is_some() {
        return;
    }
    if app.read_only && matches!(action, Action::SaveAs | Action::Import) {
        return;
    }
    app.files.busy = Some(format!("{}：请在对话框中选择文件…", action.label()));
    let tx = app.files.tx.clone();
    let name = app.file_name();
    let dir = app.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
    let dept = app.package.department.name.clone();
    std::thread::spawn(move || {
        let mut d = rfd::FileDialog::new().set_title(action.label());
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        let picked = match action {
            Action::Open => d.add_filter("预算包", &["yusuan"]).pick_file(),
            Action::SaveAs => d
                .add_filter("预算包", &["yusuan"])
                .set_file_name(if name.ends_with(".yusuan") {
                    name
                } else {
                    format!("{dept}.yusuan")
                })
                .save_file(),
            Action::Import => d.add_filter("导入模板", &["xlsx"]).pick_file(),
            Action::ExportXlsx => d
                .add_filter("Excel", &["xlsx"])
                .set_file_name(format!("{dept}部门预算公开表.xlsx"))
                .save_file(),
        };
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
        Action::Open | Action::Import => {
            app.files.busy = Some(format!("正在读取 {}…", path.display()));
            let tx = app.files.tx.clone();
            std::thread::spawn(move || {
                let result = if action == Action::Open {
                    yusuan::file::open(&path).map_err(|e| e.to_string())
                } else {
                    yusuan::import::import_path(&path).map_err(|e| e.to_string())
                };
                let _ = tx.send(Msg::Loaded(action, path, result));
            });
        }
        Action::ExportXlsx => {
            let path = if path.extension().is_none() {
                path.with_extension("xlsx")
            } else {
                path
            };
            app.files.busy = Some(format!("正在导出 {}…", path.display()));
            let tables = app.computed.tables.clone();
            let author = app.package.department.name.clone();
            let tx = app.files.tx.clone();
            if app.computed.error_count() > 0 {
                app.message = Some((
                    format!("注意：有{}个审核错误，导出的表格不宜公开", app.computed.error_count()),
                    true,
                ));
            }
            std::thread::spawn(move || {
                let r = yusuan::xlsx::export(&tables, &author, &path);
                let _ = tx.send(Msg::Exported(path, r));
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
                    _ => String::new(),
                };
                app.files.prompt = Some((action, initial));
            }
            Msg::Loaded(action, path, Ok(pkg)) => {
                if action == Action::Open {
                    app.replace_package(pkg, Some(path.clone()), false);
                    app.message = Some((format!("已打开 {}", path.display()), false));
                } else {
                    app.replace_package(pkg, None, true);
                    app.dirty = true;
                    app.message = Some((format!("已导入 {}（可撤销）", path.display()), false));
                }
            }
            Msg::Loaded(_, path, Err(e)) => {
                app.message = Some((format!("无法读取 {}：{}", path.display(), first_line(&e)), true));
            }
            Msg::Exported(path, Ok(())) => app.message = Some((format!("已导出 {}", path.display()), false)),
            Msg::Exported(path, Err(e)) => {
                app.message = Some((format!("导出 {} 失败：{}", path.display(), first_line(&e)), true))
            }
        }
        ctx.request_repaint();
    }
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
    match yusuan::file::save(&path, &app.package) {
        Ok(()) => {
            app.mark_saved(path.clone());
            app.message = Some((format!("已保存 {}", path.display()), false));
        }
        Err(e) => app.message = Some((format!("保存失败：{e}"), true)),
    }
}

pub fn new_package(app: &mut App) {
    let mut p = Package::default();
    p.department.name = "新部门".into();
    app.replace_package(p, None, true);
    app.message = Some(("已新建空白预算包（可撤销）".into(), false));
}

/// The path field shown when the dialog gave nothing.
pub fn dialogs(app: &mut App, ctx: &egui::Context) {
    let Some((action, mut text)) = app.files.prompt.take() else {
        return;
    };
    let mut done = None;
    egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
        ui.heading(action.label());
        ui.label("没有选择文件（或系统文件对话框不可用）。也可以直接输入文件路径：");
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(520.0)
                .hint_text("/home/用户/文档/部门预算.yusuan"),
        );
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if text.trim().is_empty() {
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

/// Writes the recovery file (and the original file's path beside it) on a background thread.
pub fn write_recovery(path: PathBuf, package: Package, original: Option<PathBuf>) {
    std::thread::spawn(move || {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if yusuan::file::save(&path, &package).is_ok() {
            let origin = original.map(|p| p.display().to_string()).unwrap_or_default();
            let _ = std::fs::write(origin_path(&path), origin);
        }
    });
}

pub fn read_recovery(path: &Path) -> Option<(Package, Option<PathBuf>)> {
    if !path.exists() {
        return None;
    }
    let pkg = yusuan::file::open(path).ok()?;
    let origin = std::fs::read_to_string(origin_path(path))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(PathBuf::from);
    Some((pkg, origin))
}

pub fn remove_recovery(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(yusuan::file::backup_path(path));
    let _ = std::fs::remove_file(origin_path(path));
}
