//! The command line on the held-out 决算 department, 焦作市城乡一体化示范区
//! 工业和信息化局 2022 (`fixtures/jiaozuo-2022`, seed 003): `yusuan check` of
//! its import folder, then `yusuan export --xlsx`, read back as a user sees
//! it — every expected cell of 公开01–09 in some row of its sheet, amounts
//! shown without thousands separators (its 封面 says `千分位 否`) and zero as
//! `0.00`.

use std::io::Read;
use std::process::{Command, Output};

use yusuan_fixtures::fixture_dir;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

#[test]
fn final_check_of_jiaozuo_finds_no_error() {
    let import = fixture_dir("jiaozuo-2022").join("import");
    let o = run(&["check", import.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("焦作市城乡一体化示范区工业和信息化局"), "{stdout}");
    assert!(stdout.contains("2022年度决算"), "{stdout}");
    assert!(stdout.contains("1个单位"), "{stdout}");
    assert!(stdout.contains("共0个错误"), "{stdout}");
}

#[test]
fn final_export_prints_every_published_cell_of_jiaozuo() {
    let fixture = fixture_dir("jiaozuo-2022");
    let import = fixture.join("import");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("out.xlsx");
    let o = run(&["export", import.to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&xlsx).unwrap();

    // The amounts' number format: two decimals, no thousands separator.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    assert!(!styles.contains("#,##0"), "{styles}");

    // Every expected row (KEY cells, then the VALUE cells as displayed) in
    // some row of its sheet.
    let sheets = yusuan_fixtures::read_sheets_with(&bytes, 2, false);
    let expected = fixture.join("expected");
    let (rows, failures) = yusuan_fixtures::check_fixture(&sheets, &expected);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(rows, 235, "expected rows checked");
    // The fixture's README: 642 published amount cells.
    let cells: usize = (1..=9)
        .map(|n| yusuan_fixtures::read_expected(&expected.join(format!("公开{n:02}表.csv"))))
        .map(|e| e.iter().map(|x| x.values.len()).sum::<usize>())
        .sum();
    assert_eq!(cells, 642);
    // The 2022 表样: 08 in its six-column 收支 form.
    let (_, t08) = sheets.iter().find(|(n, _)| n == "公开08表").unwrap();
    assert!(
        t08.iter()
            .any(|r| r.iter().any(|c| c == "国有资本经营预算财政拨款收入支出决算表"))
    );
    assert!(t08.iter().any(|r| r.iter().filter(|c| *c == "0.00").count() == 6));
}
