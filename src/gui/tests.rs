//! Editor tests (egui_kittest, headless: no display, no GPU).

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;
use yusuan::table::{Cell, format_wan};
use yusuan::validate::{Field, Location};

use super::basic::Col;
use super::{App, Screen, files, fonts};

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(fonts::install)
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn sample(read_only: bool) -> App {
    App::new(yusuan::sample_package(), None, read_only)
}

/// The 合计 of 预算03表 (first amount of its first row).
fn table03_total(app: &App) -> Decimal {
    let t = app.computed.table(3);
    t.rows[0]
        .cells
        .iter()
        .find_map(|c| if let Cell::Amount(a) = c { Some(*a) } else { None })
        .expect("预算03表 has a 合计 amount")
}

fn focus_cell(h: &mut Harness<'static, App>, row: usize, field: Field) {
    h.state_mut().screen = Screen::Basic;
    h.state_mut().basic.select_field(row, field);
    h.run();
    h.run();
}

fn type_into_focused(h: &mut Harness<'static, App>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.to_string()));
    h.run();
}

fn has_label(h: &Harness<'static, App>, text: &str) -> bool {
    h.query_all_by_label(text).next().is_some()
}

#[test]
fn typing_an_amount_updates_table_03_and_status_bar() {
    let mut h = harness(sample(false));
    h.run();
    let before_total = h.state().computed.totals.expense_total;
    let before_03 = table03_total(h.state());
    let old = h.state().package.basic_lines[0].amount;
    focus_cell(&mut h, 0, Field::Amount);
    type_into_focused(&mut h, "12345678");
    let app = h.state();
    let new_amount = Decimal::new(1_234_567_800, 2);
    assert_eq!(app.package.basic_lines[0].amount, new_amount);
    let expected = before_total - old + new_amount;
    assert_eq!(app.computed.totals.expense_total, expected);
    assert_eq!(table03_total(app), before_03 - old + new_amount);
    assert!(app.dirty);
    // The status bar shows the new 支出总计 in 万元.
    let shown = format_wan(expected, 2);
    assert!(has_label(&h, &shown), "status bar shows {shown}");
}

#[test]
fn undo_restores_and_redo_reapplies() {
    let mut h = harness(sample(false));
    h.run();
    let original = h.state().package.clone();
    focus_cell(&mut h, 1, Field::Amount);
    type_into_focused(&mut h, "1000");
    h.event(egui::Event::Text("5".into()));
    h.run();
    assert_eq!(h.state().package.basic_lines[1].amount, Decimal::new(1_000_500, 2));
    // Typing in one cell is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().package, original);
    assert!(!h.state().dirty);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().package.basic_lines[1].amount, Decimal::new(1_000_500, 2));
}

#[test]
fn pasting_a_3x4_block_grows_and_validates() {
    let mut h = harness(sample(false));
    h.run();
    let n = h.state().package.basic_lines.len();
    focus_cell(&mut h, n - 1, Field::Kind);
    let before_total = h.state().computed.totals.expense_total;
    let block = "人员经费\t一般公共预算-财政拨款\t1,000.50\t甲\n公用经费\t事业收入\t2000\t乙\n公用经费\t一般公共预算-财政拨款\tabc\t丙\n";
    h.event(egui::Event::Paste(block.to_string()));
    h.run();
    let app = h.state();
    assert_eq!(app.package.basic_lines.len(), n + 2, "two rows added");
    let last = &app.package.basic_lines[n - 1];
    assert_eq!(last.amount, Decimal::new(100_050, 2));
    assert_eq!(last.note, "甲");
    let second = &app.package.basic_lines[n];
    assert_eq!(second.source, yusuan::model::FundSource::BusinessIncome);
    assert_eq!(second.amount, Decimal::new(2000, 0));
    // The invalid amount is kept in its cell, not dropped.
    assert_eq!(
        app.basic
            .buffers
            .get(&(n + 1, Col::ALL.iter().position(|c| *c == Col::Amount).unwrap()))
            .map(String::as_str),
        Some("abc")
    );
    assert!(app.message.as_ref().is_some_and(|(m, err)| *err && m.contains("无效")));
    assert_ne!(app.computed.totals.expense_total, before_total);
    // One undo step takes the whole paste back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().package.basic_lines.len(), n);
}

#[test]
fn a_wrong_code_shows_its_message_and_the_audit_click_lands_on_it() {
    let mut h = harness(sample(false));
    h.run();
    focus_cell(&mut h, 0, Field::Econ);
    type_into_focused(&mut h, "3010");
    let finding = h
        .state()
        .computed
        .findings
        .iter()
        .find(|f| f.location == Location::BasicLine(0, Field::Econ))
        .cloned()
        .expect("a finding on the economic code");
    h.state_mut().screen = Screen::Audit;
    h.run();
    assert!(
        h.query_all_by_label_contains(&finding.message).next().is_some(),
        "the message is listed"
    );
    h.state_mut().screen = Screen::Overview;
    h.state_mut().basic.cursor = None;
    h.state_mut().screen = Screen::Audit;
    h.run();
    h.get_by_label("基本支出第1行（经济科目）").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Basic);
    assert_eq!(h.state().basic.cursor, Some((0, 2)));
}

#[test]
fn reviewer_mode_refuses_edits() {
    let mut h = harness(sample(true));
    h.run();
    let original = h.state().package.clone();
    focus_cell(&mut h, 0, Field::Amount);
    type_into_focused(&mut h, "999");
    h.event(egui::Event::Paste("1\t2\n3\t4".into()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().package, original);
    assert!(!h.state_mut().edit("", |p| p.department.name = "改".into()));
    assert_eq!(h.state().package, original);
    // The fingerprint is shown.
    let short = h.state().fingerprint[..16].to_string();
    assert!(has_label(&h, &short));
}

#[test]
fn save_and_reopen_gives_the_same_package() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("测试.yusuan");
    let mut h = harness(sample(false));
    h.run();
    focus_cell(&mut h, 2, Field::Amount);
    type_into_focused(&mut h, "777");
    files::save_to(h.state_mut(), path.clone());
    assert!(!h.state().dirty);
    let reopened = yusuan::file::open(&path).unwrap();
    assert_eq!(reopened, h.state().package);
    assert!(h.state().window_title().contains("测试.yusuan"));
    assert!(!h.state().window_title().contains('*'));
}
