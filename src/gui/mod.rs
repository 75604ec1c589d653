//! The desktop editor (eframe). Every screen draws the live package and
//! writes edits back through `App::edit`, which recomputes the engine: the
//! GUI never computes a total itself.

mod app;
mod assets;
mod audit;
mod basic;
mod files;
mod fonts;
mod grid;
mod income;
mod last_year;
mod narrative;
mod overview;
mod performance;
mod preview;
mod projects;
mod three_public;
mod units;
mod widgets;

#[cfg(test)]
mod tests;

use std::process::ExitCode;

use eframe::egui;
use yusuan::cli::Cli;

pub use app::App;

/// The screens of the left navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Units,
    Income,
    Basic,
    Projects,
    ThreePublic,
    Performance,
    LastYear,
    Assets,
    Narrative,
    Preview,
    Audit,
}

impl Screen {
    pub const ALL: [Screen; 12] = [
        Screen::Overview,
        Screen::Units,
        Screen::Income,
        Screen::Basic,
        Screen::Projects,
        Screen::ThreePublic,
        Screen::Performance,
        Screen::LastYear,
        Screen::Assets,
        Screen::Narrative,
        Screen::Preview,
        Screen::Audit,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "概况",
            Screen::Units => "单位",
            Screen::Income => "收入",
            Screen::Basic => "基本支出",
            Screen::Projects => "项目",
            Screen::ThreePublic => "\"三公\"经费",
            Screen::Performance => "整体绩效",
            Screen::LastYear => "上年数与说明",
            Screen::Assets => "资产",
            Screen::Narrative => "情况说明",
            Screen::Preview => "预览",
            Screen::Audit => "审核",
        }
    }
}

/// Opens the editor: no argument → the embedded sample; a path → that
/// package; `--review FILE` → read-only.
pub fn run(cli: &Cli) -> ExitCode {
    let launched = std::time::Instant::now();
    let (package, path, read_only) = match cli.review.as_ref().or(cli.file.as_ref()) {
        Some(p) => match yusuan::cli::load_input(p) {
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
        None => (yusuan::sample_package(), None, false),
    };
    let recovery = if read_only { None } else { files::recovery_path() };
    // The same icon as the desktop entry (assets/icons, drawn for the program).
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1360.0, 860.0])
        .with_min_inner_size([900.0, 600.0])
        .with_title("预算编制")
        .with_app_id("yusuan");
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/hicolor/256x256/apps/yusuan.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "yusuan",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let mut app = App::new(package, path, read_only);
            app.set_recovery(recovery);
            app.frame_log = std::env::var_os("YUSUAN_FRAME_LOG")
                .and_then(|p| std::fs::File::create(p).ok())
                .map(|f| (f, launched));
            Ok(Box::new(app))
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
