//! 文件 › 打开上年预算包… (打开上年决算包… in a 决算): every 上年数 taken from
//! last year's package (`yusuan_engine::last_year`), one undo step, with its
//! source recorded; and, for the rest of the session, the previews can show
//! last year's figure and the change beside this year's
//! (`yusuan_report::compare`).

use std::path::Path;

use egui::RichText;
use yusuan_engine::last_year::{self, Fill, ItemChange};
use yusuan_model::edit::Part;
use yusuan_model::{Document, LastYearSource};
use yusuan_report::compare::{amount_columns, with_last_year_in};
use yusuan_report::table::{Table, format_number, to_wan};

use super::app::App;
use super::files;

/// Last year's package opened in this session.
#[derive(Default)]
pub struct LastYearSession {
    /// Last year's published tables (预算01–14 or 公开01–09 and 附件).
    pub tables: Vec<Table>,
    /// Whose they are: name and year, so that they are shown only beside
    /// the same department's next year.
    pub department: String,
    pub year: i32,
    pub file_name: String,
    /// The previews show 上年数 and 增减 columns.
    pub show: bool,
    /// The amount column compared, by its header path (`基本支出/人员经费`);
    /// empty, or not in the table shown: its first amount column.
    pub column: String,
    /// What the last fill did, item by item, in 万元 (shown on the screens).
    pub filled: Vec<String>,
}

/// Asks for last year's package (the same dialog as 打开, through the
/// program's `Dialogs`).
pub fn start(app: &mut App) {
    files::start(app, files::Action::OpenLastYear);
}

/// The menu and button label for the open kind.
pub fn label(app: &App) -> &'static str {
    if app.is_final() {
        "打开上年决算包…"
    } else {
        "打开上年预算包…"
    }
}

fn describe(c: &ItemChange, decimals: u32) -> String {
    let wan = |v| format_number(to_wan(v, decimals), decimals);
    match c.old {
        Some(old) if old == c.new => format!("{} {}（不变）", c.label, wan(c.new)),
        Some(old) => format!("{} {} → {}", c.label, wan(old), wan(c.new)),
        None => format!("{} （未填）→ {}", c.label, wan(c.new)),
    }
}

/// A fill that fits, with last year's tables.
enum Ready {
    Budget(Fill<yusuan_model::edit::Edit>, Vec<Table>),
    Final(Fill<yusuan_model::final_edit::FinalEdit>, Vec<Table>),
}

/// Last year's package came in: fills the 上年数 (one undo step) and keeps
/// its tables for the previews. Refused with a message, nothing changed,
/// when it is not the same department's year − 1 or not of the same kind.
/// In reviewer mode nothing is filled; the tables are kept for comparing.
pub fn take(app: &mut App, path: &Path, doc: Document) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let decimals = app.department().decimals;
    let kind = app.kind_label();
    let ready = match (&doc, app.fin.as_ref()) {
        (Document::Budget(last), None) => last_year::fill_last_year(&app.package, last, &name)
            .map(|fill| Ready::Budget(fill, yusuan_engine::compute(last).tables)),
        (Document::Final(last), Some(d)) => last_year::fill_last_year_final(&d.package, last, &name).map(|fill| {
            let c = yusuan_engine::final_accounts::compute(last);
            Ready::Final(fill, c.tables.iter().chain(&c.attachments).cloned().collect())
        }),
        (Document::Final(_), None) => Err(format!(
            "“{name}”是决算包：预算的上年数请取自上年的预算包，未作任何修改"
        )),
        (Document::Budget(_), Some(_)) => Err(format!(
            "“{name}”是预算包：决算的上年决算数请取自上年的决算包，未作任何修改"
        )),
    };
    let (result, tables) = match ready {
        Err(e) => (Err(e), Vec::new()),
        Ok(Ready::Budget(fill, tables)) => (apply_budget(app, fill), tables),
        Ok(Ready::Final(fill, tables)) => (apply_final(app, fill), tables),
    };
    match result {
        Err(e) => app.message = Some((e, true)),
        Ok(changes) => {
            let d = doc.department();
            app.last_year_fill.tables = tables;
            app.last_year_fill.department = d.name.trim().to_string();
            app.last_year_fill.year = d.year;
            app.last_year_fill.file_name = name.clone();
            app.last_year_fill.show = true;
            app.last_year_fill.filled = changes.iter().map(|c| describe(c, decimals)).collect();
            app.message = Some(if app.read_only {
                (
                    format!("已打开上年{kind}包“{name}”：审核模式不修改上年数，预览中可对照上年数"),
                    false,
                )
            } else {
                let changed = changes.iter().filter(|c| c.changed()).count();
                (
                    format!(
                        "已从“{name}”（{}年度）填入{}项上年数，其中{changed}项有变化（可撤销）；预览中可对照上年数",
                        d.year,
                        changes.len()
                    ),
                    false,
                )
            });
        }
    }
}

fn apply_budget(app: &mut App, fill: Fill<yusuan_model::edit::Edit>) -> Result<Vec<ItemChange>, String> {
    if !app.read_only {
        app.end_edit_run();
        let edit = fill.edit;
        app.edit("", Part::LastYear, move |p| {
            edit.apply(p);
        });
        app.end_edit_run();
        app.last_year.buffers.clear();
    }
    Ok(fill.changes)
}

fn apply_final(app: &mut App, fill: Fill<yusuan_model::final_edit::FinalEdit>) -> Result<Vec<ItemChange>, String> {
    if !app.read_only
        && let Some(doc) = app.fin.as_mut()
    {
        doc.history.end_run();
        let back = fill.edit.apply(&mut doc.package);
        doc.history.record("", back);
        doc.history.end_run();
        doc.clear_buffers();
        doc.recompute();
        app.changed(false);
    }
    Ok(fill.changes)
}

/// The recorded source of the 上年数, as the screens say it.
fn source_line(s: &LastYearSource) -> String {
    let short: String = s.fingerprint.chars().take(12).collect();
    format!("上年数取自“{}”（{}年度，指纹 {short}…）", s.file_name, s.year)
}

/// The bar above the 上年数 fields: the button, where the figures came
/// from, and what the last fill changed.
pub fn screen_bar(app: &mut App, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if ui
            .button(label(app))
            .on_hover_text("从同一部门上年的包取出上年数（按其公开的数字），并记录其指纹；可撤销")
            .clicked()
        {
            start(app);
        }
        let source = match &app.fin {
            Some(d) => d.package.last_year_source.clone(),
            None => app.package.last_year_source.clone(),
        };
        let weak = ui.visuals().weak_text_color();
        match source {
            Some(s) => ui.label(RichText::new(source_line(&s)).color(weak)),
            None => ui.label(RichText::new("上年数为手工填写").color(weak)),
        };
    });
    if !app.last_year_fill.filled.is_empty() {
        let text = app.last_year_fill.filled.join("；");
        ui.label(RichText::new(format!("本次填入（万元）：{text}")).small());
    }
}

/// Whether last year's tables fit the open document (same department, year − 1).
fn fits(app: &App) -> bool {
    let s = &app.last_year_fill;
    let d = app.department();
    !s.tables.is_empty() && s.department == d.name.trim() && s.year == d.year - 1
}

/// The 对照上年 toggle of a preview, when last year's package was opened,
/// and once on, the 对照列 selector of the amount column compared
/// (`columns`: the shown table's amount columns with their header paths).
/// One column at a time: 上年数 and 增减 beside each of 14 columns would
/// make a preview three times as wide.
pub fn compare_toggle(app: &mut App, ui: &mut egui::Ui, columns: &[(usize, String)]) {
    if fits(app) {
        let year = app.last_year_fill.year;
        crate::widgets::checkbox(ui, true, &mut app.last_year_fill.show, format!("对照上年（{year}年）"))
            .on_hover_text(format!(
                "在表的右侧显示所选金额列在“{}”中同一行（按编码和名称对应）的上年数和增减",
                app.last_year_fill.file_name
            ));
        if app.last_year_fill.show && columns.len() > 1 {
            let chosen = chosen_path(&app.last_year_fill.column, columns).to_string();
            ui.label("对照列");
            egui::ComboBox::from_id_salt("last_year_column")
                .width(180.0)
                .selected_text(chosen.as_str())
                .show_ui(ui, |ui| {
                    for (_, path) in columns {
                        if ui.selectable_label(*path == chosen, path).clicked() {
                            app.last_year_fill.column = path.clone();
                        }
                    }
                });
        }
    }
}

/// The header path compared in a table of `columns`: the chosen one when
/// the table has it, else its first amount column's.
fn chosen_path<'a>(chosen: &str, columns: &'a [(usize, String)]) -> &'a str {
    columns
        .iter()
        .find(|(_, p)| p == chosen)
        .or(columns.first())
        .map_or("", |(_, p)| p.as_str())
}

/// The table as the preview shows it: with 上年数 and 增减 when asked.
pub fn compared(app: &App, table: Table) -> Table {
    if !(fits(app) && app.last_year_fill.show) {
        return table;
    }
    match app.last_year_fill.tables.iter().find(|t| t.label == table.label) {
        Some(last) => {
            let columns = amount_columns(&table);
            let path = chosen_path(&app.last_year_fill.column, &columns);
            match columns.iter().find(|(_, p)| p == path) {
                Some(&(col, _)) => with_last_year_in(&table, last, col),
                None => table,
            }
        }
        None => table,
    }
}
