//! The desktop window: runs the editor ([`yusuan_gui::App`]) in eframe and
//! gives it the system's file dialogs (rfd).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use eframe::egui;
use yusuan_gui::{App, DialogRequest, Dialogs};
use yusuan_model::Document;

use crate::cli::Cli;

/// glow on Linux, wgpu on Windows (the reasons are in Cargo.toml).
#[cfg(not(windows))]
const RENDERER: eframe::Renderer = eframe::Renderer::Glow;
#[cfg(windows)]
const RENDERER: eframe::Renderer = eframe::Renderer::Wgpu;

/// Whether the window is an X11 one (not Wayland): the input method is then
/// reached through XIM (see [`crate::ime::KeepInputMethod`]).
#[cfg(target_os = "linux")]
fn is_x11(window: &impl raw_window_handle::HasWindowHandle) -> bool {
    use raw_window_handle::RawWindowHandle;
    window
        .window_handle()
        .is_ok_and(|h| matches!(h.as_raw(), RawWindowHandle::Xlib(_) | RawWindowHandle::Xcb(_)))
}

/// How the window is painted without a GPU (llvmpipe, 云桌面): measured in
/// docs/benchmarks.md ("Frame time under software rendering"), where almost
/// all of a frame's CPU is the rasteriser shading pixels, not egui's layout.
/// `YUSUAN_RENDER_OLD` (a comma-separated list of `dithering`, `panel_fill`,
/// `feathering`, `vsync`, `overdraw`) brings back egui's default for each, to
/// measure.
#[derive(Clone, Copy)]
struct Painting {
    /// Dithering in the fragment shader: costs every pixel of every frame;
    /// the window has no gradients for it to smooth.
    dithering: bool,
    /// The panels' background drawn as triangles over the whole window. Off:
    /// the panels are transparent and the window is cleared to their colour
    /// (a memset in the rasteriser instead of shading ~1 million pixels).
    panel_fill: bool,
    /// Anti-aliased (feathered) shape edges: twice the triangles per shape.
    feathering: bool,
    vsync: bool,
    /// Row stripes painted whole under the fields, invisible shapes sent to
    /// the rasteriser (`yusuan_gui::paint`).
    overdraw: bool,
}

impl Painting {
    fn from_env() -> Self {
        Self::keeping(&std::env::var("YUSUAN_RENDER_OLD").unwrap_or_default())
    }

    /// The settings with egui's default back for each name in `old`.
    fn keeping(old: &str) -> Self {
        let keep = |name: &str| old.split(',').any(|w| w.trim() == name);
        Self {
            dithering: keep("dithering"),
            panel_fill: keep("panel_fill"),
            feathering: keep("feathering"),
            vsync: keep("vsync"),
            overdraw: keep("overdraw"),
        }
    }
}

/// The editor in an eframe window or the CPU-painted one.
struct Window(App, Painting);

impl Window {
    /// The colour under the panels: theirs when they are transparent (see
    /// [`Painting`]), eframe's default otherwise.
    fn background(&self, visuals: &egui::Visuals) -> egui::Color32 {
        if self.1.panel_fill {
            return egui::Color32::from_rgba_unmultiplied(12, 12, 12, 180);
        }
        if visuals.dark_mode {
            egui::Visuals::dark().panel_fill
        } else {
            egui::Visuals::light().panel_fill
        }
    }
}

#[cfg(target_os = "linux")]
impl crate::soft_window::Editor for Window {
    fn ui(&mut self, ui: &mut egui::Ui) {
        self.0.frame(ui);
    }
    fn on_exit(&mut self) {
        self.0.on_exit();
    }
    fn background(&self, visuals: &egui::Visuals) -> egui::Color32 {
        Window::background(self, visuals)
    }
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.frame(ui);
    }
    /// The panels' colour when they are drawn transparent (see [`Painting`]).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.background(visuals).to_normalized_gamma_f32()
    }
    // With the glow renderer eframe passes its GL context; with wgpu nothing.
    #[cfg(not(windows))]
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.0.on_exit();
    }
    #[cfg(windows)]
    fn on_exit(&mut self) {
        self.0.on_exit();
    }
}

/// The system's file dialogs through the desktop portal (rfd). Where there is
/// no portal, rfd answers `None` at once and the editor asks for a path.
struct SystemDialogs;

impl Dialogs for SystemDialogs {
    fn pick(&self, r: &DialogRequest) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new().set_title(&r.title);
        if let Some(dir) = &r.directory {
            d = d.set_directory(dir);
        }
        d = d.add_filter(&r.filter.0, &r.filter.1);
        match &r.save_as {
            Some(name) => d.set_file_name(name).save_file(),
            None => d.pick_file(),
        }
    }

    fn open_with_system(&self, path: &std::path::Path) -> bool {
        #[cfg(windows)]
        let mut cmd = std::process::Command::new("explorer");
        #[cfg(target_os = "macos")]
        let mut cmd = std::process::Command::new("open");
        #[cfg(all(unix, not(target_os = "macos")))]
        let mut cmd = std::process::Command::new("xdg-open");
        cmd.arg(path).spawn().is_ok()
    }
}

/// Opens the editor: no argument → the package opened last (the embedded
/// sample on the first run, or when that file is gone or unreadable); a path →
/// that package, 预算 or 决算 (a `.yusuan` file, an import workbook or folder);
/// `--review FILE` → read-only; `--compare OLD` → compared with an older version.
pub fn run(cli: &Cli) -> ExitCode {
    let launched = std::time::Instant::now();
    let mut start_message = None;
    let (document, path, read_only) = match cli.review.as_ref().or(cli.file.as_ref()) {
        Some(p) => match crate::cli::load_document(p) {
            Ok(pkg) => {
                let is_package = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("yusuan"));
                (
                    pkg,
                    if is_package { Some(p.clone()) } else { None },
                    cli.review.is_some(),
                )
            }
            Err(e) => {
                eprintln!("错误：{e}");
                return ExitCode::from(2);
            }
        },
        None => match yusuan_gui::files::last_opened() {
            Some(last) => match yusuan_model::file::open_document(&last) {
                Ok(doc) => (doc, Some(last), false),
                Err(e) => {
                    start_message = Some((format!("上次打开的文件无法打开，已打开示例：{e}"), true));
                    (Document::Budget(yusuan_model::sample_package()), None, false)
                }
            },
            None => (Document::Budget(yusuan_model::sample_package()), None, false),
        },
    };
    let recovery = if read_only {
        None
    } else {
        yusuan_gui::files::recovery_path()
    };
    // The same icon as the desktop entry (assets/icons, drawn for the program).
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1340.0, 690.0]) // fits a 1366×768 screen with its taskbar and title bar
        .with_min_inner_size([900.0, 600.0])
        .with_title("预算编制")
        .with_app_id("yusuan");
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../../assets/icons/hicolor/256x256/apps/yusuan.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let painting = Painting::from_env();
    let mut options = eframe::NativeOptions {
        viewport,
        renderer: RENDERER,
        dithering: painting.dithering,
        ..Default::default()
    };
    #[cfg(not(windows))]
    {
        options.glow_options.vsync = painting.vsync;
    }
    let compare = cli.compare.clone();
    // The editor, once its window is there (`x11`: an X11 window).
    #[cfg_attr(not(target_os = "linux"), allow(unused_variables))]
    let make = move |ctx: &egui::Context, x11: bool| -> Window {
        {
            yusuan_gui::fonts::install(ctx);
            if !painting.panel_fill {
                ctx.all_styles_mut(|s| s.visuals.panel_fill = egui::Color32::TRANSPARENT);
            }
            if !painting.feathering {
                ctx.tessellation_options_mut(|t| t.feathering = false);
            }
            if painting.overdraw {
                yusuan_gui::paint::keep_overdraw(ctx);
            }
            #[cfg(target_os = "linux")]
            if x11 && std::env::var_os("YUSUAN_IME_RESET").is_none() {
                ctx.add_plugin(crate::ime::KeepInputMethod::default());
            }
            let mut app = App::with_document(document, path, read_only);
            app.set_recovery(recovery);
            // A package opened from the command line (a double-click in the
            // file manager) is the one to start on next time too.
            if let Some(p) = app.path.clone()
                && !read_only
            {
                yusuan_gui::files::add_recent(&mut app, &p);
            }
            if start_message.is_some() {
                app.message = start_message;
            }
            app.files.dialogs = Arc::new(SystemDialogs);
            // `--compare OLD`: the comparison window opens with the package.
            if let Some(old) = compare {
                yusuan_gui::files::compare_with(&mut app, old);
            }
            app.frame_log = std::env::var_os("YUSUAN_FRAME_LOG")
                .and_then(|p| std::fs::File::create(p).ok())
                .map(|f| (f, launched));
            Window(app, painting)
        }
    };
    // On Linux/X11 the CPU painter unless YUSUAN_RENDERER=gl (docs/gui-speed.md).
    #[cfg(target_os = "linux")]
    {
        use crate::soft_window::{self, Renderer};
        let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty());
        let (renderer, warning) = Renderer::choose(std::env::var("YUSUAN_RENDERER").ok().as_deref(), wayland);
        if let Some(w) = warning {
            eprintln!("{w}");
        }
        if renderer == Renderer::Cpu {
            // YUSUAN_PAINT_LOG=FILE: one line per painted frame (the frame's
            // CPU time, typed characters, wall time, build, paint, pixels
            // sent, rectangles; see scripts/frame-timing.sh).
            let paint_log = std::env::var_os("YUSUAN_PAINT_LOG").and_then(|p| std::fs::File::create(p).ok());
            let opened = soft_window::run(
                egui::Context::default(),
                options.viewport.clone(),
                paint_log,
                |ctx, window| Box::new(make(ctx, is_x11(window))),
            );
            return match opened {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => open_with_gl(&e),
            };
        }
    }
    let result = eframe::run_native(
        "yusuan",
        options,
        Box::new(move |cc| {
            #[cfg(target_os = "linux")]
            let x11 = is_x11(cc);
            #[cfg(not(target_os = "linux"))]
            let x11 = false;
            Ok(Box::new(make(&cc.egui_ctx, x11)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "错误：无法打开窗口：{e}\n（没有图形界面时，可用命令行：yusuan check、yusuan export，见 yusuan --help）"
            );
            ExitCode::from(1)
        }
    }
}

/// The CPU-painted window could not open (`why`): the same command again in
/// a new process with the OpenGL painter (winit allows one event loop per
/// process, and the CPU runner has made it).
#[cfg(target_os = "linux")]
fn open_with_gl(why: &str) -> ExitCode {
    use std::os::unix::process::CommandExt;
    eprintln!("警告：{why}；改用 OpenGL 绘制窗口（YUSUAN_RENDERER=gl）。");
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("错误：找不到本程序的路径，无法改用 OpenGL 绘制。");
        return ExitCode::from(1);
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("YUSUAN_RENDERER", "gl")
        .exec();
    eprintln!("错误：无法重新启动本程序：{err}");
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::Painting;

    #[test]
    fn software_painting_by_default_and_egui_defaults_by_name() {
        let new = Painting::keeping("");
        assert!(!new.dithering && !new.panel_fill && !new.feathering && !new.vsync && !new.overdraw);
        let some = Painting::keeping("dithering, vsync");
        assert!(some.dithering && some.vsync && !some.panel_fill && !some.feathering && !some.overdraw);
        let all = Painting::keeping("dithering,panel_fill,feathering,vsync,overdraw");
        assert!(all.dithering && all.panel_fill && all.feathering && all.vsync && all.overdraw);
        // An unknown name changes nothing.
        let other = Painting::keeping("msaa");
        assert!(!other.dithering && !other.panel_fill && !other.feathering && !other.vsync && !other.overdraw);
    }
}
