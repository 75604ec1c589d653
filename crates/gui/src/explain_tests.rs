//! 来源 in the preview (issue 13): clicking an amount cell of a published
//! table lists the lines that make it up, and each line jumps to its row.

use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;
use yusuan_engine::explain::{Input, column_label, row_label};
use yusuan_engine::resolve::LineRef;
use yusuan_report::table::Cell;

use super::basic::Col;
use super::{App, Screen};

use super::tests::harness;

/// The entered amount of an input, read from the package.
fn amount(app: &App, i: Input) -> Decimal {
    let p = &app.package;
    match i {
        Input::Line(LineRef::Basic(i)) => p.basic_lines[i].amount,
        Input::Line(LineRef::Project(a, b)) => p.projects[a].lines[b].amount,
        Input::Income(i) => p.income[i].amount,
        Input::LastYear(k) => p.last_year.get(k).unwrap(),
    }
}

#[test]
fn clicking_a_cell_of_table_01_lists_its_lines_and_a_line_goes_to_its_row() {
    let mut h = harness(App::new(yusuan_model::sample_package(), None, false));
    h.state_mut().screen = Screen::Preview;
    h.state_mut().preview.number = 1;
    h.run();
    // 预算01表, 支出 side: the first 功能 类 with spending (column 3).
    let t = h.state().computed.table(1).clone();
    let (row, cell) = (t.rows.iter().enumerate())
        .find_map(|(r, row)| match row.cells[3] {
            Cell::Amount(a) if !a.is_zero() => Some((r, a)),
            _ => None,
        })
        .expect("预算01表 lists spending by 类");
    let name = format!("{} {} / {}", t.label, row_label(&t, row), column_label(&t, 3));
    h.get_by_label(&name).click();
    h.run();
    h.run();
    assert_eq!(h.state().preview.explained, Some((1, row, 3)));
    // The panel lists the lines: the same as the engine's, and they add up.
    let e = yusuan_engine::explain::explain(&h.state().package, 1, row, 3).expect("an amount cell");
    assert!(!e.lines.is_empty());
    let sum: Decimal = e
        .lines
        .iter()
        .map(|l| Decimal::from(l.times) * amount(h.state(), l.input))
        .sum();
    assert_eq!(sum, cell, "{name}");
    let places: Vec<String> = e
        .lines
        .iter()
        .map(|l| l.input.location().describe(&h.state().package))
        .collect();
    for p in &places {
        assert!(h.query_by_label(p).is_some(), "{p} is listed");
    }
    // Every line of the first kind found is a link to its row.
    let first = e.lines[0].input;
    h.get_by_label(&places[0]).click();
    h.run();
    match first {
        Input::Line(LineRef::Basic(i)) => {
            assert_eq!(h.state().screen, Screen::Basic);
            let col = Col::ALL.iter().position(|c| *c == Col::Amount).unwrap();
            assert_eq!(h.state().basic.grid.cursor, Some((i, col)));
        }
        Input::Line(LineRef::Project(p, l)) => {
            assert_eq!(h.state().screen, Screen::Projects);
            assert_eq!(h.state().projects.selected, Some(p));
            assert_eq!(h.state().projects.selected_line, Some(l));
        }
        other => panic!("预算01 支出 lists spending lines, not {other:?}"),
    }
}

#[test]
fn closing_the_panel_and_a_cell_of_another_table() {
    let mut h = harness(App::new(yusuan_model::sample_package(), None, false));
    h.state_mut().screen = Screen::Preview;
    h.state_mut().preview.number = 5;
    h.run();
    let t = h.state().computed.table(5).clone();
    // The 合计 row, 合计 column.
    let name = format!("{} {} / {}", t.label, row_label(&t, 0), column_label(&t, 5));
    h.get_by_label(&name).click();
    h.run();
    h.run();
    assert_eq!(h.state().preview.explained, Some((5, 0, 5)));
    assert!(h.query_by_label_contains("合计（元）：").is_some());
    h.get_by_label("关闭来源").click();
    h.run();
    assert_eq!(h.state().preview.explained, None);
}

/// The 决算 preview: a cell of 公开05表 (一般公共预算财政拨款支出) lists its
/// lines, and a line goes to its row in its grid.
#[test]
fn clicking_a_cell_of_a_final_table_lists_its_lines_and_goes_to_one() {
    use super::final_doc::FinalScreen;
    use yusuan_engine::final_accounts::explain::{FinalInput, explain};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import");
    let Ok(doc) = yusuan_workbook::import_final::import_document(&dir) else {
        panic!("the fixture imports")
    };
    let mut h = harness(App::with_document(doc, None, false));
    h.state_mut().fin.as_mut().unwrap().screen = FinalScreen::Preview;
    h.state_mut().fin.as_mut().unwrap().preview = 4;
    h.run();
    let t = h.state().fin.as_ref().unwrap().computed.table(5).clone();
    // The first 项 row (a 7-digit code) with a figure, 基本支出 column (3).
    let row = (t.rows.iter())
        .position(|r| {
            matches!(&r.cells[0], Cell::Code(c) if c.len() == 7)
                && matches!(r.cells[3], Cell::Amount(a) if !a.is_zero())
        })
        .expect("公开05表 has 项 rows");
    let name = format!("{} {} / {}", t.label, row_label(&t, row), column_label(&t, 3));
    h.get_by_label(&name).click();
    h.run();
    h.run();
    assert_eq!(h.state().preview.final_explained, Some((5, row, 3)));
    let package = h.state().fin.as_ref().unwrap().package.clone();
    let e = explain(&package, 5, row, 3).expect("an amount cell");
    let Cell::Amount(cell) = t.rows[row].cells[3] else {
        unreachable!()
    };
    let sum: Decimal = (e.lines.iter())
        .map(|l| match l.input {
            FinalInput::Basic(i) => Decimal::from(l.times) * package.basic_lines[i].amount,
            other => panic!("基本支出 lists basic lines, not {other:?}"),
        })
        .sum();
    assert_eq!(sum, cell);
    let FinalInput::Basic(first) = e.lines[0].input else {
        unreachable!()
    };
    let place = format!("基本支出第{}行", first + 1);
    h.get_by_label(&place).click();
    // The grid scrolls to the row over a few frames.
    h.run_steps(8);
    let doc = h.state().fin.as_ref().unwrap();
    assert_eq!(doc.screen, FinalScreen::Basic);
    assert_eq!(doc.grids["fin_basic"].cursor.cursor.map(|c| c.0), Some(first));
}

/// A package of more than 4,000 inputs is explained on a thread: the panel
/// says so, the window stays live, and the lines come when it is done.
#[test]
fn a_large_package_is_explained_beside_a_live_window() {
    let p = yusuan_model::generate::department(20, 100, 4_100);
    let mut h = harness(App::new(p, None, false));
    h.state_mut().screen = Screen::Preview;
    h.state_mut().preview.number = 5;
    h.run();
    let t = h.state().computed.table(5).clone();
    let name = format!("{} {} / {}", t.label, row_label(&t, 0), column_label(&t, 5));
    h.get_by_label(&name).click();
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("正在逐行追溯").is_some(),
        "the panel says it is working"
    );
    let start = std::time::Instant::now();
    while h.query_by_label_contains("合计（元）：").is_none() {
        assert!(start.elapsed().as_secs() < 120, "explained in time");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    let Cell::Amount(cell) = t.rows[0].cells[5] else {
        unreachable!()
    };
    let shown = format!(
        "合计（元）：{}",
        yusuan_report::table::format_number_with(cell, 2, true)
    );
    assert!(h.query_by_label(&shown).is_some(), "{shown}");
}
