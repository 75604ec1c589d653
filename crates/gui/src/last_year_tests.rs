//! 打开上年预算包… / 打开上年决算包… in the editor (egui_kittest, headless):
//! the file comes through the program's `Dialogs`, the 上年数 are filled in
//! one undo step, refusals change nothing, and the preview can show last
//! year's figures. Expected figures: the sample (义马 2024) as published in
//! `fixtures/yima-2024/expected` and its typed 上年数 (`import/上年数.csv`).

use std::path::PathBuf;

use egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;
use yusuan_model::{Document, LastYearFinalItem, LastYearItem};

use super::final_doc::FinalScreen;
use super::{App, Screen, files};

use super::tests::harness;

/// A dialog that answers every request with one path.
struct Picks(PathBuf);

impl files::Dialogs for Picks {
    fn pick(&self, _: &files::DialogRequest) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

fn wait(h: &mut Harness<'static, App>) {
    super::tests::wait_for_files(h, 60);
    h.run_steps(8);
}

fn message(h: &Harness<'static, App>) -> String {
    h.state().message.clone().map(|m| m.0).unwrap_or_default()
}

/// A 万元 figure as published.
fn wan(s: &str) -> Option<Decimal> {
    Some(s.parse::<Decimal>().unwrap())
}

/// A filled value (元) as the tables print it: 万元, 2 places, half-up.
fn printed(y: Option<Decimal>) -> Option<Decimal> {
    y.map(|y| yusuan_report::table::to_wan(y, 2))
}

/// The sample saved as last year's file, and this year's app (the sample a year later).
fn budget_setup(dir: &std::path::Path, year_offset: i32) -> (App, PathBuf) {
    let last = yusuan_model::sample_package();
    let path = dir.join("义马2024.yusuan");
    yusuan_model::file::save(&path, &last).unwrap();
    let mut this = last;
    this.department.year += year_offset;
    let mut app = App::new(this, None, false);
    app.files.dialogs = std::sync::Arc::new(Picks(path.clone()));
    (app, path)
}

#[test]
fn the_button_fills_every_item_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = budget_setup(dir.path(), 1);
    let typed = app.package.last_year.clone();
    let mut h = harness(app);
    h.state_mut().screen = Screen::LastYear;
    h.run();
    h.get_by_label("打开上年预算包…").click();
    wait(&mut h);
    let p = &h.state().package;
    // 义马 2024 as published: 预算01 收入总计 1,959.63; 预算08 7.00 / 3.00 / 4.00; 预算14 17.05.
    assert_eq!(printed(p.last_year.get(LastYearItem::IncomeTotal)), wan("1959.63"));
    assert_eq!(printed(p.last_year.get(LastYearItem::ThreePublicTotal)), wan("7"));
    assert_eq!(printed(p.last_year.get(LastYearItem::Reception)), wan("3"));
    assert_eq!(printed(p.last_year.get(LastYearItem::VehicleOperation)), wan("4"));
    assert_eq!(printed(p.last_year.get(LastYearItem::OperatingCost)), wan("17.05"));
    let source = p.last_year_source.clone().expect("the source is recorded");
    assert_eq!(source.file_name, "义马2024.yusuan");
    assert!(message(&h).contains("填入11项上年数"), "{}", message(&h));
    // The screen says where they came from and what changed (typed 1,981.65 before).
    h.run();
    assert!(
        h.query_all_by_label_contains("上年数取自“义马2024.yusuan”")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("收入总计 1,981.65 → 1,959.63")
            .next()
            .is_some(),
        "the fill is listed"
    );
    assert!(h.state().dirty);

    // One Ctrl+Z restores the typed values and no source.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().package.last_year, typed);
    assert_eq!(h.state().package.last_year_source, None);
}

#[test]
fn the_previews_can_show_last_years_column() {
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = budget_setup(dir.path(), 1);
    let mut h = harness(app);
    h.state_mut().screen = Screen::Preview;
    h.run();
    assert!(h.query_all_by_label_contains("对照上年").next().is_none(), "not before");
    files::perform(h.state_mut(), files::Action::OpenLastYear, path);
    wait(&mut h);
    assert!(h.query_all_by_label_contains("对照上年（2024年）").next().is_some());
    let t = h.state().computed.table(3).clone();
    let shown = super::last_year_fill::compared(h.state(), t.clone());
    assert_eq!(shown.columns.len(), t.columns.len() + 2);
    // The same lines a year later: the 合计 of 预算03 beside itself, change zero.
    let col = yusuan_report::compare::compared_column(&t).unwrap();
    let last_cells = &shown.rows[0].cells[t.columns.len()..];
    assert_eq!(last_cells[0], t.rows[0].cells[col]);
    assert_eq!(last_cells[1], yusuan_report::table::Cell::Amount(Decimal::ZERO));
    // Switched off, the engine's table as it is.
    h.state_mut().last_year_fill.show = false;
    assert_eq!(super::last_year_fill::compared(h.state(), t.clone()), t);
    // Every table still draws with the columns added.
    h.state_mut().last_year_fill.show = true;
    for n in 1..=14u8 {
        h.state_mut().preview.number = n;
        h.run_steps(4);
    }
}

#[test]
fn another_year_or_kind_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    // The same year: not last year's.
    let (app, _) = budget_setup(dir.path(), 0);
    let before = app.package.clone();
    let mut h = harness(app);
    h.state_mut().screen = Screen::LastYear;
    h.run();
    h.get_by_label("打开上年预算包…").click();
    wait(&mut h);
    assert_eq!(h.state().package, before);
    assert!(message(&h).contains("只能取自2023年度的预算包"), "{}", message(&h));
    assert!(!h.state().can_undo());
    assert!(h.state().last_year_fill.tables.is_empty());

    // A 决算 open, a 预算 picked.
    let mut fin = yusuan_model::FinalPackage {
        department: yusuan_model::sample_package().department,
        ..Default::default()
    };
    fin.department.year = 2025;
    let mut app = App::with_document(Document::Final(fin.clone()), None, false);
    app.files.dialogs = std::sync::Arc::new(Picks(dir.path().join("义马2024.yusuan")));
    let mut h = harness(app);
    h.run();
    super::last_year_fill::start(h.state_mut());
    wait(&mut h);
    assert!(message(&h).contains("是预算包"), "{}", message(&h));
    assert_eq!(h.state().fin.as_ref().unwrap().package, fin);
}

#[test]
fn a_final_is_filled_from_last_years_final_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import");
    let last = yusuan_workbook::import_final::import_final(&root).unwrap();
    let path = dir.path().join("平顶山2023决算.yusuan");
    yusuan_model::file::save(&path, &last).unwrap();
    let mut this = last.clone();
    this.department.year = 2024;
    let before = this.clone();
    let mut app = App::with_document(Document::Final(this), None, false);
    app.files.dialogs = std::sync::Arc::new(Picks(path));
    let mut h = harness(app);
    h.state_mut().fin.as_mut().unwrap().screen = FinalScreen::Plan;
    h.run();
    h.get_by_label("打开上年决算包…").click();
    wait(&mut h);
    let f = &h.state().fin.as_ref().unwrap().package;
    // 公开01 总计 2,175.87; 公开09 决算数 29.59 (fixture expected/).
    assert_eq!(
        f.last_year
            .get(LastYearFinalItem::Total)
            .map(|y| (y / Decimal::from(10_000)).round_dp(2)),
        Some("2175.87".parse().unwrap())
    );
    assert_eq!(
        f.last_year
            .get(LastYearFinalItem::ThreePublicTotal)
            .map(|y| (y / Decimal::from(10_000)).round_dp(2)),
        Some("29.59".parse().unwrap())
    );
    assert_eq!(f.last_year_source.as_ref().unwrap().year, 2023);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().fin.as_ref().unwrap().package, before);
}

fn combo(value: &str) -> egui_kittest::kittest::By<'_> {
    egui_kittest::kittest::by()
        .role(egui::accesskit::Role::ComboBox)
        .value(value)
}

/// 对照列 chooses the amount column compared: one 基本支出 line raised by
/// 100,000 元 this year moves 预算03's 合计 row by that much in 合计 and in
/// 基本支出, and not at all in 项目支出.
#[test]
fn the_compared_column_is_chosen_in_the_preview() {
    use yusuan_model::edit::{List, Part};
    use yusuan_report::table::Cell;
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = budget_setup(dir.path(), 1);
    let mut h = harness(app);
    h.state_mut().edit("", Part::row(List::Basic, 2), |p| {
        p.basic_lines[2].amount += Decimal::new(100_000, 0)
    });
    h.state_mut().screen = Screen::Preview;
    h.state_mut().preview.number = 3;
    h.run();
    files::perform(h.state_mut(), files::Action::OpenLastYear, path);
    wait(&mut h);
    // Opening last year's package turns 对照上年 on.
    assert!(h.query_all_by_label("对照上年（2024年）").next().is_some());
    assert!(h.state().last_year_fill.show);
    assert!(h.query_all_by_label("对照列").next().is_some(), "the selector is shown");
    let t = h.state().computed.table(3).clone();
    let n = t.columns.len();
    let total_row = t
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.as_text().is_some_and(|s| s.contains("合计"))))
        .expect("预算03 has a 合计 row");
    let change = |h: &Harness<'static, App>| {
        let shown = super::last_year_fill::compared(h.state(), t.clone());
        assert_eq!(shown.columns.len(), n + 2);
        shown.rows[total_row].cells[n + 1].clone()
    };
    let hundred_thousand = Cell::Amount(Decimal::new(100_000, 0));
    // By default the first column, 合计.
    assert_eq!(change(&h), hundred_thousand);
    // The selector lists the columns by their headers: pick 项目支出's first.
    let paths: Vec<String> = yusuan_report::compare::amount_columns(&t)
        .into_iter()
        .map(|c| c.1)
        .collect();
    let first = paths[0].clone();
    let project = paths.iter().find(|p| p.starts_with("项目支出")).unwrap().clone();
    let basic = paths.iter().find(|p| p.starts_with("基本支出")).unwrap().clone();
    h.get(combo(&first)).click();
    h.run();
    h.get_by_label(&project).click();
    h.run();
    assert_eq!(h.state().last_year_fill.column, project);
    assert_eq!(change(&h), Cell::Amount(Decimal::ZERO));
    h.get(combo(&project)).click();
    h.run();
    h.get_by_label(&basic).click();
    h.run();
    assert_eq!(change(&h), hundred_thousand);
    // A table without that column (预算01) compares its first.
    h.state_mut().preview.number = 1;
    h.run_steps(3);
}
