//! The command line as a user runs it: every bad input gets a clear Chinese
//! message and exit code 2, never a panic; `check` exits 0/1; an import killed
//! at any moment leaves the old package file intact.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use yusuan_fixtures::fixture_dir;

fn yusuan(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    yusuan(&args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of a fixture's import folder with one file edited.
fn edited_import(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let import = dir.path().join("import");
    std::fs::create_dir(&import).unwrap();
    for e in std::fs::read_dir(fixture_dir(name).join("import")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), import.join(e.file_name())).unwrap();
    }
    let path = import.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let edited = edit(text);
    if edited.is_empty() {
        std::fs::remove_file(&path).unwrap();
    } else {
        std::fs::write(&path, edited).unwrap();
    }
    (dir, import)
}

use yusuan_fixtures::assert_refused as assert_bad;

fn check_import(import: &Path, words: &[&str]) {
    for cmd in ["check", "export"] {
        let o = if cmd == "export" {
            let out = import.parent().unwrap().join("out.xlsx");
            run(&[cmd, import.to_str().unwrap(), "--xlsx", out.to_str().unwrap()])
        } else {
            run(&[cmd, import.to_str().unwrap()])
        };
        assert_bad(&o, words);
    }
}

#[test]
fn fixtures_check_clean_and_export() {
    for name in yusuan_fixtures::FIXTURES {
        let import = fixture_dir(name).join("import");
        let o = run(&["check", import.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
        assert!(String::from_utf8_lossy(&o.stdout).contains("共0个错误"));
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.xlsx");
        let o = run(&["export", import.to_str().unwrap(), "--xlsx", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(std::fs::metadata(&out).unwrap().len() > 5000);
    }
}

#[test]
fn check_exits_1_on_errors() {
    // 收入 one 元 short: the department and its unit no longer balance.
    let (_d, import) = edited_import("yima-2024", "收入.csv", |t| t.replace("19596298.00", "19596297.00"));
    let o = run(&["check", import.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("错误\t错误1") && out.contains("收支不平衡"), "{out}");
}

#[test]
fn export_with_errors_marks_a_draft_and_strict_refuses() {
    use calamine::{Reader, Xlsx, open_workbook};
    let (d, import) = edited_import("yima-2024", "收入.csv", |t| t.replace("19596298.00", "19596297.00"));
    let out = d.path().join("out.xlsx");
    let o = run(&["export", import.to_str().unwrap(), "--xlsx", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(yusuan_report::DRAFT_MARK), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        let first = range.get_value((0, 0)).map(|d| d.to_string()).unwrap_or_default();
        assert!(first.starts_with(yusuan_report::DRAFT_MARK), "{name}: {first}");
    }
    let strict = d.path().join("strict.xlsx");
    let o = run(&[
        "export",
        import.to_str().unwrap(),
        "--xlsx",
        strict.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!strict.exists());
}

/// A file of the import folder, how to spoil it, and the words the message must contain.
type BadInput = (&'static str, Box<dyn FnOnce(String) -> String>, Vec<&'static str>);

#[test]
fn bad_import_inputs_get_exit_2_and_a_specific_message() {
    let cases: Vec<BadInput> = vec![
        (
            "基本支出.csv",
            Box::new(|t: String| t.replace("151700.00", "-151700.00")),
            vec!["基本支出", "第2行", "金额", "负"],
        ),
        (
            "基本支出.csv",
            Box::new(|t: String| t.replace("151700.00", "151700.005")),
            vec!["基本支出", "第2行", "金额", "两位小数"],
        ),
        (
            "基本支出.csv",
            Box::new(|t: String| t.replace("151700.00", "十五万")),
            vec!["基本支出", "第2行", "金额", "十五万"],
        ),
        (
            "基本支出.csv",
            Box::new(|t: String| t.replacen("021001,2080505", "029999,2080505", 1)),
            vec!["基本支出", "第2行", "单位代码", "029999"],
        ),
        ("基本支出.csv", Box::new(|_| String::new()), vec!["基本支出"]),
        (
            "基本支出.csv",
            Box::new(|t: String| t.replacen("经济科目编码", "经济科目", 1)),
            vec!["基本支出", "经济科目编码"],
        ),
        (
            "项目.csv",
            Box::new(|t: String| t.replace("41128124000000004805,", "411281240000000003742,")),
            vec!["项目", "411281240000000003742", "重复"],
        ),
    ];
    for (file, edit, words) in cases {
        let (_d, import) = edited_import("yima-2024", file, edit);
        check_import(&import, &words);
    }
}

#[test]
fn bad_package_files_get_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yusuan");
    let o = run(&[
        "import",
        fixture_dir("yima-2024").join("import").to_str().unwrap(),
        "-o",
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&good).unwrap();
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "malformed",
            text.replacen("\"units\": [", "\"units\": [[", 1),
            vec!["第", "行", "列"],
        ),
        ("truncated", text[..text.len() / 2].to_string(), vec!["不完整"]),
        (
            "wrongtype",
            text.replacen("\"year\": 2024", "\"year\": \"二〇二四\"", 1),
            vec!["year"],
        ),
        ("foreign", "{\"a\": 1}".to_string(), vec!["不是"]),
        ("empty", String::new(), vec!["空"]),
        (
            "newer",
            text.replacen("\"version\": 1", "\"version\": 9", 1),
            vec!["较新版本"],
        ),
    ];
    for (name, content, words) in cases {
        let path = dir.path().join(format!("{name}.yusuan"));
        std::fs::write(&path, content).unwrap();
        for cmd in [
            &["check", path.to_str().unwrap()][..],
            &["export", path.to_str().unwrap(), "--xlsx", "/dev/null"][..],
        ] {
            let o = run(cmd);
            assert_bad(&o, &words);
        }
    }
    let o = run(&["check", dir.path().join("missing.yusuan").to_str().unwrap()]);
    assert_bad(&o, &["找不到"]);
    let o = run(&["check", "/etc/hostname"]);
    assert_bad(&o, &["无法识别"]);
}

#[test]
fn version_names_the_commit() {
    let o = run(&["--version"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("yusuan ") && out.contains("commit"), "{out}");
}

#[test]
fn official_catalog_option_loads_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("功能分类.csv"),
        "编码,名称,级次,来源\n2150501,行政运行（官方名称）,项,official\n",
    )
    .unwrap();
    let pkg = dir.path().join("p.yusuan");
    let import = fixture_dir("yima-2024").join("import");
    let o = run(&[
        "import",
        import.to_str().unwrap(),
        "-o",
        pkg.to_str().unwrap(),
        "--catalog",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = yusuan_model::file::open(&pkg).unwrap();
    assert_eq!(
        p.catalog.func.get("2150501").map(String::as_str),
        Some("行政运行（官方名称）")
    );
    let o = run(&[
        "check",
        import.to_str().unwrap(),
        "--catalog",
        dir.path().join("nowhere").to_str().unwrap(),
    ]);
    assert_bad(&o, &["科目表"]);
}

/// `kill -9` at any moment of `yusuan import … -o existing.yusuan` leaves a
/// file that opens (the old or the new package). The issue asks for 1,000 runs:
/// `YUSUAN_KILL_RUNS=1000 cargo test --test cli kill` does that; CI runs 60.
#[test]
fn killed_imports_never_damage_the_package() {
    let runs: u64 = std::env::var("YUSUAN_KILL_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("existing.yusuan");
    let import = fixture_dir("zhengzhou-2024").join("import");
    let o = run(&["import", import.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let expected = yusuan_model::file::open(&target).unwrap();
    for i in 0..runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args([
                std::ffi::OsStr::new("import"),
                import.as_os_str(),
                std::ffi::OsStr::new("-o"),
                target.as_os_str(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros((i * 7919) % 40_000));
        let _ = child.kill(); // SIGKILL on unix
        let _ = child.wait();
        // Each save removes the temporary files of saves that were killed:
        // at most the one of the run just killed is left.
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".existing.yusuan.tmp-"))
            .count();
        assert!(temps <= 1, "run {i}: {temps} temporary files");
        // Opening removes them too; every other run leaves that to the next save.
        if i % 2 == 1 {
            continue;
        }
        let p = yusuan_model::file::open(&target).unwrap_or_else(|e| panic!("run {i}: {e}"));
        assert_eq!(p, expected, "run {i}");
    }
}

// ---------------------------------------------------------------------------
// 决算

#[test]
fn final_import_saves_a_final_package_that_check_opens() {
    let import = fixture_dir("pingdingshan-2023").join("import");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("决算.yusuan");
    let o = run(&["import", import.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已保存决算包"), "{}", stderr(&o));
    match yusuan_model::file::open_document(&out).unwrap() {
        yusuan_model::Document::Final(f) => {
            assert_eq!(f.department.name, "平顶山市工业和信息化局");
            assert_eq!(f.department.year, 2023);
            assert_eq!(f.basic_lines.len(), 45);
        }
        yusuan_model::Document::Budget(_) => panic!("saved as a 预算"),
    }
    for input in [&out, &import] {
        let o = run(&["check", input.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&o.stdout);
        // The seed's own 自评 scoring contradictions (checks.md §6 #2, #5) are
        // the only errors: check says so and exits 1.
        assert_eq!(o.status.code(), Some(1), "{stdout}{}", stderr(&o));
        assert!(stdout.contains("决算包"), "{stdout}");
        assert!(stdout.contains("3个单位"), "{stdout}");
        assert!(stdout.contains("共3个错误"), "{stdout}");
        assert_eq!(stdout.matches("错误\tP4\t").count(), 3, "{stdout}");
        assert!(stdout.contains("“三公经费”控制率"), "{stdout}");
        assert!(stdout.contains("P1–P8"), "{stdout}");
    }
}

#[test]
fn final_export_prints_every_published_cell_of_pingdingshan() {
    let fixture = fixture_dir("pingdingshan-2023");
    let import = fixture.join("import");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("out.xlsx");
    // The fixture's 自评 carries the seed's scoring errors (P4): the export
    // is written, marked as a draft.
    let o = run(&["export", import.to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3个审核错误"), "{}", stderr(&o));
    // Read back as the 预算 fixtures are: every expected row of 公开01–09
    // (KEY cells, then the VALUE cells as printed) in some row of its sheet.
    let sheets = yusuan_fixtures::read_sheets(&std::fs::read(&xlsx).unwrap(), 2);
    let expected = fixture.join("expected");
    let (rows, failures) = yusuan_fixtures::check_fixture(&sheets, &expected);
    assert!(failures.is_empty(), "{failures:#?}");
    // The fixture's README: all 831 published amount cells.
    let cells: usize = (1..=9)
        .map(|n| yusuan_fixtures::read_expected(&expected.join(format!("公开{n:02}表.csv"))))
        .map(|e| e.iter().map(|x| x.values.len()).sum::<usize>())
        .sum();
    assert_eq!(cells, 831);
    assert!(rows > 100, "{rows} rows checked");
    // The 绩效自评 附件 follow 公开09表.
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[8..], ["公开09表", "部门整体自评表", "项目自评表1"]);
}

#[test]
fn final_pdf_is_the_whole_publication() {
    let import = fixture_dir("pingdingshan-2023").join("import");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    let o = run(&["export", import.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已导出"), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // The text and the tables (crates/fixtures/tests/final_publication.rs
    // reads the text back).
    assert!(bytes.len() > 100_000, "{} bytes", bytes.len());
    // Read back after the export, and again by `verify`: 公开01–09 and the
    // two 自评 tables, every page of each.
    assert!(stderr(&o).contains("自检通过："), "{}", stderr(&o));
    assert!(stderr(&o).contains("11张表的每一页"), "{}", stderr(&o));
    let o = run(&["verify", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("自检通过："));
    // Not a PDF under a .pdf name: exit 2 with the reason.
    std::fs::write(&pdf, b"<html>").unwrap();
    let o = run(&["verify", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是PDF文件"), "{}", stderr(&o));
}

#[test]
fn final_check_reports_the_narrative_findings() {
    // 三公 预算 no longer equal to the 决算 and no reason: N10 warns.
    let (_d, import) = edited_import("pingdingshan-2023", "三公预算.csv", |t| {
        t.replace("6566.00", "10000.00")
    });
    let o = run(&["check", import.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    // The only errors are the seed's own 自评 scores (P4, as in
    // final_import_saves_a_final_package_that_check_opens).
    assert!(
        stdout
            .lines()
            .filter(|l| l.starts_with("错误"))
            .all(|l| l.contains("\tP4\t")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("警告\tN10") && l.contains("公务接待费") && l.contains("差异原因")),
        "{stdout}"
    );
}

#[test]
fn template_final_writes_the_final_workbook() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算模板.xlsx");
    let o = run(&["template", "--final", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert!(wb.sheet_names().iter().any(|s| s == "上年决算数"));
    // Empty: it is a 决算 workbook whose 决算年度 is not filled in.
    let out = dir.path().join("x.yusuan");
    let o = run(&["import", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_bad(&o, &["封面", "决算年度"]);
    // Without --final: the 预算 template, as before.
    let budget = dir.path().join("预算模板.xlsx");
    let o = run(&["template", "-o", budget.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&budget).unwrap();
    assert!(wb.sheet_names().iter().any(|s| s == "上年数"));
    assert!(!wb.sheet_names().iter().any(|s| s == "上年决算数"));
}

#[test]
fn new_final_starts_a_final_package_from_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let budget_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample.yusuan");
    let budget = yusuan_model::file::open(&budget_path).unwrap();
    let out = dir.path().join("决算.yusuan");
    let o = run(&["new-final", budget_path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已新建2024年度决算包"), "{}", stderr(&o));
    let f: yusuan_model::FinalPackage = yusuan_model::file::open_as(&out).unwrap();
    assert_eq!(f.department.name, budget.department.name);
    assert_eq!(f.projects.len(), budget.projects.len());
    let r = f.budget_ref.expect("the 预算 it came from");
    assert_eq!(r.file_name, "sample.yusuan");
    assert_eq!(r.fingerprint, yusuan_model::file::fingerprint(&budget));
    // The budget is untouched, and an existing file is not overwritten.
    assert_eq!(yusuan_model::file::open(&budget_path).unwrap(), budget);
    let o = run(&["new-final", budget_path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_bad(&o, &["已存在", "不会覆盖"]);
}

/// The 平顶山 fixture as `shared/fixtures` has it — the tables' data and the
/// 整体自评 figures, without the scored indicators the repository's copy adds
/// from the seed's 附件 — checks clean: 0 错误, exit 0. (With the seed's
/// indicators, the three P4 errors above are the seed's own mistakes.)
#[test]
fn final_check_of_pingdingshan_without_the_seed_scores_is_clean() {
    let import = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import");
    let dir = tempfile::tempdir().unwrap();
    let scored = [
        "整体自评任务.csv",
        "整体自评指标.csv",
        "项目自评.csv",
        "项目自评指标.csv",
        "项目资金管理.csv",
    ];
    let mut copied = 0;
    for e in std::fs::read_dir(&import).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if !scored.contains(&name.as_str()) {
            std::fs::copy(e.path(), dir.path().join(&name)).unwrap();
            copied += 1;
        }
    }
    assert_eq!(copied, 16);
    let o = run(&["check", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}{}", stderr(&o));
    assert!(stdout.contains("共0个错误"), "{stdout}");
}

/// `check` of a 决算 finds the 预算 it was started from beside it: quiet
/// while the budget is as it was, W5 (and P1 when its total moved) once it
/// changed.
#[test]
fn final_check_compares_with_its_budget() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample.yusuan");
    let budget_path = dir.path().join("sample.yusuan");
    std::fs::copy(&sample, &budget_path).unwrap();
    let out = dir.path().join("决算.yusuan");
    let o = run(&["new-final", budget_path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let check = || String::from_utf8_lossy(&run(&["check", out.to_str().unwrap()]).stdout).into_owned();
    let stdout = check();
    assert!(!stdout.contains("\tW5\t") && !stdout.contains("\tP1\t"), "{stdout}");
    let mut budget = yusuan_model::file::open(&budget_path).unwrap();
    let a = budget.basic_lines[0].amount;
    budget.basic_lines[0].amount = a + a;
    yusuan_model::file::save(&budget_path, &budget).unwrap();
    let stdout = check();
    assert!(
        stdout.contains("警告\tW5\t年初预算\t年初预算数取自预算文件“sample.yusuan”"),
        "{stdout}"
    );
    assert!(
        stdout.contains("警告\tP1\t整体自评 预算执行情况\t年初预算数"),
        "{stdout}"
    );
}

/// The workbook with the value of `cell` on sheet `n` (sheetN.xml) replaced,
/// by editing the sheet's XML inside the zip.
fn with_cell_changed(bytes: &[u8], n: usize, cell: &str, value: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{n}.xml");
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == target {
            let xml = String::from_utf8(data).unwrap();
            let at = xml.find(&format!("<c r=\"{cell}\"")).expect("the cell is in the sheet");
            let v = at + xml[at..].find("<v>").unwrap() + 3;
            let end = v + xml[v..].find("</v>").unwrap();
            data = format!("{}{value}{}", &xml[..v], &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn export_checks_itself_and_verify_finds_a_changed_figure() {
    let dir = tempfile::tempdir().unwrap();
    let import = fixture_dir("yima-2024").join("import");
    let out = dir.path().join("yima.xlsx");
    let o = run(&["export", import.to_str().unwrap(), "--xlsx", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("自检通过：预算03表、预算05表"), "{}", stderr(&o));
    let o = run(&["verify", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("自检通过"));

    // 预算05表 is the fifth sheet; F9 its first 项 row's 合计 (40 万元 in the seed).
    let changed = dir.path().join("changed.xlsx");
    std::fs::write(
        &changed,
        with_cell_changed(&std::fs::read(&out).unwrap(), 5, "F9", "41"),
    )
    .unwrap();
    let o = run(&["verify", changed.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("预算05表第8行F列：本行合计为1959.63"), "{stdout}");
    assert!(stdout.contains("预算05表第7行F列：合计为1959.63"), "{stdout}");
    assert!(stdout.contains("自检发现2处合计与明细不符"), "{stdout}");

    // Not a workbook; a PDF that is not there: exit 2 with the reason.
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"not a workbook").unwrap();
    let o = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是 Excel 工作簿"), "{}", stderr(&o));
    let o = run(&["verify", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无法读取"), "{}", stderr(&o));
}

#[test]
fn final_export_checks_itself() {
    let dir = tempfile::tempdir().unwrap();
    let import = fixture_dir("pingdingshan-2023").join("import");
    let out = dir.path().join("pds.xlsx");
    let o = run(&["export", import.to_str().unwrap(), "--xlsx", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("自检通过：公开02表、公开03表、公开05表、公开06表"),
        "{}",
        stderr(&o)
    );
}
