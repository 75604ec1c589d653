//! `diff`: what changed between two versions of a package. The cells a change
//! must move are listed by hand from the fixture's published tables
//! (`fixtures/yima-2024/expected/`), not from the code under test.

use std::collections::BTreeSet;
use std::path::Path;
use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_engine::diff::{ChangeKind, PackageDiff, RowStatus, diff, report};
use yusuan_engine::rules::Location;
use yusuan_model::*;

fn yima() -> Package {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/yima-2024/import");
    yusuan_workbook::import::import_path(&dir).expect("the fixture imports")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn run(a: &Package, b: &Package) -> PackageDiff {
    diff(a, b, "old", "new")
}

#[test]
fn a_package_against_itself_is_empty() {
    let p = yima();
    let x = diff(&p, &p, "f", "f");
    assert!(x.is_empty(), "{x:#?}");
    assert_eq!(report(&x), "两个版本相同\n");
    // Yima prints 30102 and 30103 twice each: two lines share a key.
    assert!(
        x.shared_keys.iter().any(|k| k.contains("经济30103")),
        "{:?}",
        x.shared_keys
    );
}

/// 基本工资 of 行政运行 (2150501 × 30101, 一般公共预算-财政拨款, 912,300 元) up
/// by 100,000 元. The cells that must move, read off the published tables:
/// 01 the 215 class, 本年支出合计, 支出总计 (支出 side only: income is not
/// touched); 03 and 05 the 合计, unit and 2150501 rows in 合计, 基本支出 小计
/// and 人员经费/工资福利支出; 04 一、本年支出, （十五）, 支出合计 in 合计 and the two
/// 一般公共预算 columns; 06 合计 and 30101/50101 in 合计 and 人员经费; 07 合计,
/// unit and 30101/50101 in 总计 and the two 一般公共预算 columns. Not 02 (income),
/// 11 (预算11表.csv) 部门预算总额, 政府预算资金 and 基本支出 but not 项目支出. Not 02
/// (income), 08 (not "三公"), 14 (机构运行经费 is 公用经费 only), 10 and 12
/// (projects).
#[test]
fn one_line_amount_moves_exactly_the_cells_that_depend_on_it() {
    let a = yima();
    let mut b = a.clone();
    let i = b
        .basic_lines
        .iter()
        .position(|l| l.func == "2150501" && l.econ == "30101")
        .unwrap();
    assert_eq!(b.basic_lines[i].amount, d("912300.00"));
    b.basic_lines[i].amount += d("100000");
    let x = run(&a, &b);

    assert_eq!(x.inputs.len(), 1, "{:#?}", x.inputs);
    let c = &x.inputs[0];
    assert_eq!(
        (c.section, c.field.as_str(), c.kind),
        ("基本支出", "金额", ChangeKind::Changed)
    );
    assert_eq!(c.item, "单位021001 功能2150501 经济30101 一般公共预算-财政拨款");
    assert_eq!((c.old.as_str(), c.new.as_str()), ("912,300.00 元", "1,012,300.00 元"));
    assert_eq!(c.delta, Some(d("100000")));
    assert_eq!(c.location, Some(Location::BasicLine(i, yusuan_engine::Field::Amount)));

    let unit = "021 义马市工业信息化和科技局";
    let mut want: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut add = |t: &str, rows: &[&str], cols: &[&str]| {
        for r in rows {
            for c in cols {
                want.insert((t.to_string(), r.to_string(), c.to_string()));
            }
        }
    };
    add(
        "预算01表",
        &["十五、资源勘探信息等", "本年支出合计", "支出总计"],
        &["支出/金额"],
    );
    for t in ["预算03表", "预算05表"] {
        add(
            t,
            &["合计", unit, "2150501 行政运行"],
            &["合计", "基本支出/小计", "基本支出/人员经费/工资福利支出"],
        );
    }
    add(
        "预算04表",
        &["一、本年支出", "（十五）资源勘探信息等支出", "支出合计"],
        &[
            "支出/合计",
            "支出/一般公共预算/小计",
            "支出/一般公共预算/其中：财政拨款",
        ],
    );
    add(
        "预算06表",
        &["合计", "30101 基本工资 50101 工资奖金津补贴"],
        &["本年一般公共预算基本支出/合计", "本年一般公共预算基本支出/人员经费"],
    );
    add(
        "预算07表",
        &["合计", unit, "30101 基本工资 50101 工资奖金津补贴"],
        &["总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款"],
    );
    // 预算11表 has no column header: its columns are named by position.
    add(
        "预算11表",
        &[
            "预算情况 部门预算总额（万元）",
            "1、资金来源： （1）政府预算资金",
            "2、资金结构： （1）基本支出",
        ],
        &["第4列"],
    );
    assert_eq!(want.len(), 46);
    let got: BTreeSet<(String, String, String)> = x
        .cells
        .iter()
        .map(|c| (c.table.clone(), c.row.clone(), c.column.clone()))
        .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    assert!(x.rows.is_empty());
    for c in &x.cells {
        assert_eq!(c.status, RowStatus::Both);
        assert_eq!(c.delta(), d("100000"), "{c:?}");
    }
    // The published figures: 215 from 518.62 to 528.62 万元 (01 and 04).
    let class = x.cells.iter().find(|c| c.row == "十五、资源勘探信息等").unwrap();
    assert_eq!(
        (class.old_shown.as_str(), class.new_shown.as_str()),
        ("518.62", "528.62")
    );
    let total = x
        .cells
        .iter()
        .find(|c| c.table == "预算03表" && c.row == "合计" && c.column == "合计")
        .unwrap();
    assert_eq!(
        (total.old_shown.as_str(), total.new_shown.as_str()),
        ("1,959.63", "1,969.63")
    );

    // Income no longer matches: 收支平衡 and 资金来源平衡 errors appear.
    let appeared: Vec<_> = x.findings.iter().filter(|f| f.kind == ChangeKind::Added).collect();
    assert!(appeared.iter().any(|f| f.rule == "错误1"), "{appeared:#?}");
    assert!(appeared.iter().any(|f| f.rule == "错误2"), "{appeared:#?}");
    let text = report(&x);
    assert!(text.contains("一、输入的变化（1处）"), "{text}");
    assert!(text.contains("二、公开表的变化（46个单元格"), "{text}");
    assert!(text.contains("三、审核结果的变化"), "{text}");
    assert!(
        text.contains("十五、资源勘探信息等 · 支出/金额：518.62 → 528.62（+100,000.00 元）"),
        "{text}"
    );
}

#[test]
fn reordering_lines_projects_and_units_changes_nothing() {
    let a = yima();
    let mut b = a.clone();
    b.basic_lines.reverse();
    b.projects.reverse();
    for p in &mut b.projects {
        p.lines.reverse();
        p.indicators.reverse();
    }
    b.income.reverse();
    let x = run(&a, &b);
    assert!(x.is_empty(), "{:#?}", (&x.inputs, &x.cells, &x.rows, &x.findings));
    assert_eq!(report(&x), "两个版本相同（只有行的顺序不同）\n");
}

#[test]
fn removing_a_project_lists_it_and_its_cells() {
    let a = yima();
    let mut b = a.clone();
    // 创新型中小企业奖励资金, 40.00 万元 (预算10表), 2060299.
    let gone = b.projects.remove(0);
    assert_eq!(gone.name, "创新型中小企业奖励资金");
    let x = run(&a, &b);
    let removed: Vec<_> = x.inputs.iter().filter(|c| c.kind == ChangeKind::Removed).collect();
    assert_eq!(removed.len(), 1, "{:#?}", x.inputs);
    assert_eq!(removed[0].section, "项目");
    assert!(removed[0].item.contains("创新型中小企业奖励资金"));
    // Nothing else of the inputs: its lines and targets go with it.
    assert_eq!(x.inputs.len(), 1, "{:#?}", x.inputs);
    // Its row of 预算10表 is gone, with its 40.00.
    assert!(
        x.rows.iter().any(|r| r.table == "预算10表"
            && r.kind == ChangeKind::Removed
            && r.row.contains("创新型中小企业奖励资金"))
    );
    let cell = x
        .cells
        .iter()
        .find(|c| c.table == "预算10表" && c.row.contains("创新型中小企业奖励资金") && c.column == "合计")
        .expect("its 合计 cell");
    assert_eq!(
        (cell.status, cell.old_shown.as_str(), cell.new),
        (RowStatus::Removed, "40.00", None)
    );
    // 2060299 其他基础研究支出 had only this project (40.00): its row leaves 03.
    assert!(
        x.rows
            .iter()
            .any(|r| r.table == "预算03表" && r.row == "2060299 其他基础研究支出")
    );
    // The department's 项目支出 falls by 40 万元.
    let t = x
        .cells
        .iter()
        .find(|c| c.table == "预算03表" && c.row == "合计" && c.column == "项目支出/小计")
        .unwrap();
    assert_eq!((t.old_shown.as_str(), t.new_shown.as_str()), ("1,773.50", "1,733.50"));
}

#[test]
fn adding_a_project_lists_it_and_its_new_rows() {
    let a = yima();
    let mut b = a.clone();
    b.projects.push(Project {
        code: "411281240000000009999".into(),
        name: "新增测试项目".into(),
        unit: "021001".into(),
        kind: ProjectKind::SpecificTarget,
        lines: vec![ProjectLine {
            func: "2150899".into(),
            econ: "31299".into(),
            amount: d("123400"),
            ..Default::default()
        }],
        ..Default::default()
    });
    b.income[0].amount += d("123400");
    let x = run(&a, &b);
    let added: Vec<_> = x.inputs.iter().filter(|c| c.kind == ChangeKind::Added).collect();
    assert_eq!(added.len(), 1, "{:#?}", x.inputs);
    assert_eq!(added[0].section, "项目");
    assert_eq!(
        added[0].location,
        Some(Location::Project(a.projects.len(), yusuan_engine::Field::Name))
    );
    // The income row changed too: two input changes in all.
    assert_eq!(x.inputs.len(), 2, "{:#?}", x.inputs);
    let cell = x
        .cells
        .iter()
        .find(|c| c.table == "预算10表" && c.row.contains("新增测试项目") && c.column == "合计")
        .expect("its row of 预算10表");
    assert_eq!(
        (cell.status, cell.new_shown.as_str(), cell.old),
        (RowStatus::Added, "12.34", None)
    );
    // 2150899 had 287.60 万元: now 299.94.
    let row = x
        .cells
        .iter()
        .find(|c| c.table == "预算03表" && c.row == "2150899 其他支持中小企业发展和管理支出" && c.column == "合计")
        .unwrap();
    assert_eq!((row.old_shown.as_str(), row.new_shown.as_str()), ("287.60", "299.94"));
    // No targets: 错误6 appears for the new project.
    assert!(
        x.findings
            .iter()
            .any(|f| f.kind == ChangeKind::Added && f.rule == "错误6"),
        "{:#?}",
        x.findings
    );
}

#[test]
fn texts_targets_last_year_and_department_fields_are_listed() {
    let a = yima();
    let mut b = a.clone();
    b.department.name.push_str("（修订）");
    b.texts.insert(TextKey::Duties, "新的主要职责。".into());
    b.last_year.0.insert(LastYearItem::Reception, d("40000"));
    b.projects[1].indicators[0].value = "99%".into();
    b.performance.goal = "新的目标。".into();
    b.assets.vehicles_total = Some(9);
    b.narrative_overrides.insert("1.1".into(), "改写的段落。".into());
    let x = run(&a, &b);
    let sections: BTreeSet<&str> = x.inputs.iter().map(|c| c.section).collect();
    for s in [
        "概况",
        "说明",
        "上年数",
        "项目绩效目标",
        "整体绩效",
        "资产",
        "情况说明改写",
    ] {
        assert!(sections.contains(s), "{s} missing from {sections:?}");
    }
    let target = x.inputs.iter().find(|c| c.section == "项目绩效目标").unwrap();
    assert_eq!(target.new, "99%");
    assert_eq!(target.location, Some(Location::ProjectIndicators(1)));
    // The department's name is in every table's head, not in a cell; the
    // rewritten paragraph shows in 情况说明.
    assert!(
        x.paragraphs.iter().any(|p| p.id == "1.1" && p.new == "改写的段落。"),
        "{:#?}",
        x.paragraphs
    );
}

#[test]
fn another_year_is_said_in_the_head() {
    let a = yima();
    let mut b = a.clone();
    b.department.year += 1;
    let text = report(&run(&a, &b));
    assert!(
        text.contains("注意：两个版本的预算年度不同（原2024年，新2025年）"),
        "{text}"
    );
    assert!(
        text.contains("原版本指纹：old") && text.contains("新版本指纹：new"),
        "{text}"
    );
}

/// Whether any published cell differs, compared position by position (rows
/// and cells in order) without the diff's keys.
fn any_cell_differs(a: &Package, b: &Package) -> bool {
    let (ta, tb) = (yusuan_engine::compute(a).tables, yusuan_engine::compute(b).tables);
    ta.iter().zip(&tb).any(|(x, y)| {
        x.rows.len() != y.rows.len()
            || x.rows.iter().zip(&y.rows).any(|(r, s)| {
                r.cells
                    .iter()
                    .zip(&s.cells)
                    .any(|(c, e)| x.display(c) != y.display(e) || c != e)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random packages (generate.rs) and a random edit: the diff of a package
    /// with itself is empty; an edit that moves a published cell shows in
    /// the diff's cells; any edit shows in its inputs.
    #[test]
    fn diff_of_random_packages(
        units in 1usize..4,
        projects in 1usize..5,
        lines in 4usize..60,
        which in 0usize..6,
        pick in 0usize..1000,
        cents in -5_000_000i64..5_000_000,
    ) {
        let a = generate::department(units, projects, lines);
        let empty = diff(&a, &a, "f", "f");
        prop_assert!(empty.is_empty());
        let mut b = a.clone();
        let delta = Decimal::new(cents, 2);
        match which {
            0 => { let n = b.basic_lines.len(); b.basic_lines[pick % n].amount += delta; }
            1 => { let n = b.basic_lines.len(); b.basic_lines[pick % n].func = "2080505".into(); }
            2 => { let n = b.projects.len(); let p = &mut b.projects[pick % n]; if !p.lines.is_empty() { let m = p.lines.len(); p.lines[pick % m].amount += delta; } else { p.name.push('新'); } }
            3 => { let n = b.projects.len(); b.projects.remove(pick % n); }
            4 => { let n = b.income.len(); b.income[pick % n].amount += delta; }
            _ => { let n = b.basic_lines.len(); b.basic_lines.remove(pick % n); }
        }
        let x = diff(&a, &b, "a", "b");
        if a != b {
            prop_assert!(!x.inputs.is_empty(), "an edit shows in the inputs");
        } else {
            prop_assert!(x.is_empty());
        }
        if any_cell_differs(&a, &b) {
            prop_assert!(!x.cells.is_empty() || !x.rows.is_empty(), "a moved cell shows");
        } else {
            prop_assert!(x.cells.is_empty() && x.rows.is_empty(), "{:#?}", x.cells);
        }
    }
}

#[test]
fn a_renamed_project_is_one_input_change_and_keeps_its_coded_rows() {
    let a = yima();
    let mut b = a.clone();
    b.projects[0].name = "创新型中小企业奖励资金（更名）".into();
    let x = run(&a, &b);
    assert_eq!(x.inputs.len(), 1, "{:#?}", x.inputs);
    assert_eq!(
        (x.inputs[0].field.as_str(), x.inputs[0].old.as_str()),
        ("名称", "创新型中小企业奖励资金")
    );
    // 预算12表 names the project by its code: the same row, renamed.
    let renamed: Vec<_> = x.rows.iter().filter(|r| r.table == "预算12表").collect();
    assert_eq!(renamed.len(), 1, "{renamed:#?}");
    assert_eq!(renamed[0].kind, ChangeKind::Changed);
    assert!(
        renamed[0]
            .row
            .contains("创新型中小企业奖励资金 → 411281240000000003742 创新型中小企业奖励资金（更名）")
    );
    assert!(!x.cells.iter().any(|c| c.table == "预算12表"), "{:#?}", x.cells);
    // 预算10表 has no code column: there the row is named by its name.
    assert!(
        x.rows
            .iter()
            .any(|r| r.table == "预算10表" && r.kind == ChangeKind::Added)
    );
}
