//! 文件 › 比较版本… (egui_kittest, headless).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;
use yusuan_model::edit::{List, Part};

use super::{App, Screen, fonts};

use super::tests::harness;

fn has_label(h: &Harness<'static, App>, text: &str) -> bool {
    h.query_all_by_label(text).next().is_some()
}

fn has_label_containing(h: &Harness<'static, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Steps until the file loader is done (it reads on another thread).
fn settle(h: &mut Harness<'static, App>) {
    super::tests::wait_for_files(h, 30);
    h.run();
}

/// The sample saved as the older version; the open package has line 2's
/// amount raised by 100,000 元.
fn older_and_newer() -> (tempfile::TempDir, std::path::PathBuf, yusuan_model::Package) {
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("送审稿.yusuan");
    let old = yusuan_model::sample_package();
    yusuan_model::file::save(&old_path, &old).unwrap();
    let mut new = old.clone();
    new.basic_lines[2].amount += Decimal::new(100_000, 0);
    (dir, old_path, new)
}

#[test]
fn the_menu_compares_with_an_older_file_and_jumps_to_the_changed_line() {
    let (_dir, old_path, new) = older_and_newer();
    let line = new.basic_lines[2].clone();
    let mut h = harness(App::new(new, None, false));
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("比较版本…").click();
    settle(&mut h);
    // No system dialog here: the path field asks.
    assert!(has_label(&h, "比较版本：选择较早的版本（与打开的同为预算包或决算包）"));
    let prompt = h.state_mut().files.prompt.as_mut().expect("the path field");
    assert_eq!(prompt.0, super::files::Action::Compare);
    prompt.1 = old_path.display().to_string();
    h.run();
    h.get_by_label("确定").click();
    settle(&mut h);
    settle(&mut h);
    let d = &h.state().compare.as_ref().expect("compared").diff;
    assert_eq!(d.inputs.len(), 1, "{:#?}", d.inputs);
    assert!(!d.cells.is_empty());
    let item = format!(
        "单位{} 功能{} 经济{} {}",
        line.unit,
        line.func,
        line.econ,
        line.source.label()
    );
    assert!(has_label_containing(&h, "输入变化1处（新增0、删除0、修改1）"));
    assert!(has_label_containing(&h, &item), "the changed line is listed");
    assert!(has_label_containing(&h, "原版本：送审稿.yusuan"));
    assert!(has_label_containing(&h, "+100,000.00 元"));
    // 转到 (the first is the changed line's) opens it in 基本支出.
    h.get_all_by_label("转到").next().unwrap().click();
    h.run();
    assert_eq!(h.state().screen, Screen::Basic);
    assert_eq!(
        h.state().basic.block().map(|(a, _)| a.0),
        Some(2),
        "the line's row is selected"
    );
    // The window folds so that it does not cover the cell (walk-through at
    // 1366×768: it hid the amount jumped to); 「展开比较版本」 opens it.
    settle(&mut h);
    assert!(has_label(&h, "展开比较版本"), "the folded window's button");
    assert!(!has_label_containing(&h, "原版本：送审稿.yusuan"), "folded");
    h.get_by_label("展开比较版本").click();
    settle(&mut h);
    assert!(has_label_containing(&h, "原版本：送审稿.yusuan"));
    assert!(!has_label(&h, "展开比较版本"));

    // An edit in the editor: the comparison follows it.
    h.state_mut().edit("", Part::row(List::Basic, 2), |p| {
        p.basic_lines[2].amount -= Decimal::new(100_000, 0)
    });
    h.run();
    h.run();
    let d = &h.state().compare.as_ref().unwrap().diff;
    assert!(d.is_empty(), "{:#?}", d.inputs);
    assert!(has_label(&h, "两个版本相同"));
}

#[test]
fn a_reviewer_opens_the_revised_package_read_only_and_compares_in_one_step() {
    // `yusuan --review NEW --compare OLD` does this: open read-only, compare.
    let (_dir, old_path, new) = older_and_newer();
    let mut app = App::new(new, None, true);
    super::files::compare_with(&mut app, old_path);
    let mut h = harness(app);
    settle(&mut h);
    settle(&mut h);
    assert!(h.state().read_only);
    assert!(has_label_containing(&h, "原版本指纹："));
    assert!(has_label_containing(
        &h,
        &format!("新版本指纹：{}", h.state().fingerprint)
    ));
    assert!(has_label_containing(&h, "输入的变化（1处）"));
    assert!(has_label_containing(&h, "公开表的变化"));
    assert!(has_label_containing(&h, "审核结果的变化"));
    // A table's 预览 button shows it.
    h.get_all_by_label("预览").next().unwrap().click();
    h.run();
    assert_eq!(h.state().screen, Screen::Preview);
}

/// The 平顶山 2023 决算 as imported from the fixture.
fn pingdingshan() -> yusuan_model::FinalPackage {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import");
    yusuan_workbook::import_final::import_final(&dir).expect("the fixture imports")
}

#[test]
fn a_final_package_is_compared_with_its_older_version_and_jumps_to_its_rows() {
    use super::final_doc::FinalScreen;
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("决算送审稿.yusuan");
    let old = pingdingshan();
    yusuan_model::file::save(&old_path, &old).unwrap();
    // The revised version: the first 收入 row moved to the end (no change by
    // key), the third raised by 100,000 元 — it is the second row now.
    let mut new = old.clone();
    let first = new.income.remove(0);
    new.income.push(first);
    new.income[1].amount += Decimal::new(100_000, 0);
    let changed = new.income[1].clone();
    let mut h = harness(App::with_document(yusuan_model::Document::Final(new), None, false));
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("比较版本…").click();
    settle(&mut h);
    let prompt = h.state_mut().files.prompt.as_mut().expect("the path field");
    assert_eq!(prompt.0, super::files::Action::Compare);
    prompt.1 = old_path.display().to_string();
    h.run();
    h.get_by_label("确定").click();
    settle(&mut h);
    settle(&mut h);
    let d = &h.state().compare.as_ref().expect("compared").diff;
    assert!(d.is_final);
    assert_eq!(d.inputs.len(), 1, "{:#?}", d.inputs);
    assert_eq!(d.inputs[0].section, "收入");
    assert!(!d.cells.is_empty(), "the 收入 change moves 公开 cells");
    assert!(has_label_containing(&h, "原版本：决算送审稿.yusuan"));
    assert!(has_label_containing(&h, "新版本：当前打开的决算包"));
    assert!(has_label_containing(&h, "输入的变化（1处）"));
    assert!(has_label_containing(&h, "+100,000.00 元"));
    assert!(has_label_containing(
        &h,
        &format!("单位{} {} 功能{}", changed.unit, changed.source.label(), changed.func)
    ));
    assert!(has_label_containing(&h, "公开01表"), "公开01 收入 moves");
    // 转到: the 收入 screen, the changed row (the second) selected.
    h.get_all_by_label("转到").next().unwrap().click();
    h.run();
    let doc = h.state().fin.as_deref().unwrap();
    assert_eq!(doc.screen, FinalScreen::Income);
    assert_eq!(doc.grids["fin_income"].cursor.cursor.map(|c| c.0), Some(1));
    // A table's 预览 button shows that 公开 table.
    settle(&mut h);
    h.get_by_label("展开比较版本").click();
    settle(&mut h);
    let first_table = h.state().compare.as_ref().unwrap().diff.cells[0].table.clone();
    h.get_all_by_label("预览").next().unwrap().click();
    h.run();
    let doc = h.state().fin.as_deref().unwrap();
    assert_eq!(doc.screen, FinalScreen::Preview);
    let shown = doc
        .computed
        .tables
        .iter()
        .chain(&doc.computed.attachments)
        .nth(doc.preview)
        .unwrap();
    assert_eq!(shown.label, first_table);

    // The edit undone in the editor: the comparison follows it.
    let amount = old.income[2].amount;
    h.state_mut().edit_final(
        "",
        yusuan_model::final_edit::FinalPart::row(yusuan_model::final_edit::FinalList::Income, 1),
        |p| p.income[1].amount = amount,
    );
    h.run();
    h.run();
    assert!(h.state().compare.as_ref().unwrap().diff.is_empty());
}

#[test]
fn a_budget_is_not_compared_with_a_final_package() {
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("预算.yusuan");
    yusuan_model::file::save(&old_path, &yusuan_model::sample_package()).unwrap();
    let mut app = App::with_document(yusuan_model::Document::Final(pingdingshan()), None, false);
    super::files::compare_with(&mut app, old_path);
    let mut h = harness(app);
    settle(&mut h);
    settle(&mut h);
    assert!(h.state().compare.is_none());
    let (message, error) = h.state().message.clone().expect("a message");
    assert!(error);
    assert!(message.contains("是预算包，打开的是决算包"), "{message}");
}

/// Folded, the comparison covers nothing at 1366×768: egui's folded title
/// bar (680 px, below the toolbar) hid the right half of the grid's help
/// line; the button sits at the right end of the toolbar row instead.
#[test]
fn the_folded_comparison_covers_nothing_at_1366x768() {
    let (_dir, old_path, new) = older_and_newer();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(fonts::install)
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::new(new, None, false));
    h.run();
    h.state_mut().screen = Screen::Basic;
    super::files::compare_with(h.state_mut(), old_path);
    settle(&mut h);
    settle(&mut h);
    assert!(has_label_containing(&h, "原版本：送审稿.yusuan"), "the window is open");
    h.get_by_label("折叠").click();
    h.run();
    assert!(!has_label_containing(&h, "原版本：送审稿.yusuan"), "folded");
    let folded = h.get_by_label("展开比较版本").rect();
    // Everything else drawn stays clear of it: the toolbar, the help line,
    // the screen's controls.
    let help = h.get_by_label_contains("直接输入即替换").rect();
    assert!(!folded.intersects(help), "{folded:?} covers the help line {help:?}");
    assert!(folded.bottom() <= help.top(), "in the toolbar row, above the help line");
    for label in ["文件", "查找", "导出PDF…", "增加一行", "基本支出"] {
        for node in h.query_all_by_label(label) {
            let r = node.rect();
            assert!(!folded.intersects(r), "{folded:?} covers {label} {r:?}");
        }
    }
    assert!(folded.right() <= 1366.0 && folded.top() >= 0.0);
}
