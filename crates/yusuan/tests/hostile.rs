//! The reproducers of issue 10 (`shared/reliability/repro`), made small and
//! generated here: every hostile or broken input ends in a correct result or
//! a Chinese message naming the place (exit 2), quickly and in bounded
//! memory — never a panic, abort, hang or silent default.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use yusuan_fixtures::fixture_dir;

/// Runs the program with at most 1 GB of address space and 10 s.
fn run(args: &[&std::ffi::OsStr]) -> (Output, Duration) {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        // The bound is on address space: glibc reserves 64 MB of it for each
        // malloc arena a new thread gets (the xlsx writer's threads), which
        // made the same input pass or fail by scheduling (seed 20260101
        // case 112: ~750 MB with arenas, ~450 MB without). Two arenas keep
        // the bound on what the program allocates.
        c.env("MALLOC_ARENA_MAX", "2");
        c.args(["--as=1073741824", "--core=0", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?}: over 20 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    (out, start.elapsed())
}

fn yusuan(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run(&args).0
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

use yusuan_fixtures::assert_refused;

fn sample_json() -> serde_json::Value {
    serde_json::from_str(yusuan_model::SAMPLE_PACKAGE).unwrap()
}

fn write_json(dir: &Path, name: &str, v: &serde_json::Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

// ---------------------------------------------------------------------------
// PDF: long texts

#[test]
fn long_names_are_refused_with_the_field_named() {
    let t = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("/package/department/name", "局".repeat(1500), "部门名称过长"),
        ("/package/department/name", "A".repeat(1500), "部门名称过长"),
        ("/package/units/0/name", "A".repeat(3000), "单位名称过长"),
        ("/package/projects/0/name", "A".repeat(3000), "项目名称过长"),
        ("/package/projects/0/indicators/0/value", "A".repeat(3000), "指标值过长"),
        (
            "/package/units/0/name",
            format!("a{}", "\u{301}".repeat(1000)),
            "单位名称过长",
        ),
    ];
    for (at, value, words) in cases {
        let mut v = sample_json();
        *v.pointer_mut(at).unwrap_or_else(|| panic!("{at}")) = serde_json::Value::String(value);
        let f = write_json(t.path(), "long.yusuan", &v);
        let out = t.path().join("out.pdf");
        for o in [yusuan(&[&"check", &f]), yusuan(&[&"export", &f, &"--pdf", &out])] {
            assert_refused(&o, &[words, "最多"]);
        }
    }
}

#[test]
fn long_texts_within_the_limits_export_quickly() {
    use yusuan_model::limits::{MAX_LABEL, MAX_LONG_TEXT, MAX_NAME, MAX_NOTE, MAX_PROJECT_NAME, MAX_VALUE};
    let t = tempfile::tempdir().unwrap();
    let mut v = sample_json();
    let set = |v: &mut serde_json::Value, at: &str, s: String| {
        *v.pointer_mut(at).unwrap_or_else(|| panic!("{at}")) = serde_json::Value::String(s);
    };
    set(&mut v, "/package/department/name", "局".repeat(MAX_NAME));
    set(&mut v, "/package/units/0/name", "W".repeat(MAX_NAME));
    set(&mut v, "/package/projects/0/name", "A".repeat(MAX_PROJECT_NAME));
    set(&mut v, "/package/projects/0/indicators/0/value", "A".repeat(MAX_VALUE));
    set(
        &mut v,
        "/package/projects/0/indicators/0/level3",
        "指".repeat(MAX_LABEL),
    );
    set(&mut v, "/package/performance/indicators/0/note", "说".repeat(MAX_NOTE));
    // A letter with a thousand combining marks, and a whole long text of them.
    set(
        &mut v,
        "/package/performance/tasks/0/name",
        format!("a{}", "\u{301}".repeat(MAX_LABEL - 1)),
    );
    set(
        &mut v,
        "/package/performance/goal",
        format!("a{}", "\u{301}".repeat(1000)),
    );
    set(&mut v, "/package/texts/Duties", "职".repeat(MAX_LONG_TEXT));
    let f = write_json(t.path(), "long.yusuan", &v);
    let out = t.path().join("out.pdf");
    let xlsx = t.path().join("out.xlsx");
    let args: Vec<&std::ffi::OsStr> = vec![
        "export".as_ref(),
        f.as_os_str(),
        "--pdf".as_ref(),
        out.as_os_str(),
        "--xlsx".as_ref(),
        xlsx.as_os_str(),
    ];
    let (o, took) = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::metadata(&out).unwrap().len() > 10_000);
    // A debug build on a busy machine: the point is no hang (it was endless).
    assert!(took < Duration::from_secs(15), "{took:?}");
}

// ---------------------------------------------------------------------------
// .yusuan: silent values

#[test]
fn a_package_without_a_year_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let mut v = sample_json();
    v.pointer_mut("/package/department")
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove("year");
    let f = write_json(t.path(), "noyear.yusuan", &v);
    assert_refused(&yusuan(&[&"check", &f]), &["缺少预算年度", "year"]);
}

#[test]
fn a_duplicated_json_key_is_refused_with_key_and_line() {
    let t = tempfile::tempdir().unwrap();
    let text = yusuan_model::SAMPLE_PACKAGE.replacen("\"Duties\":", "\"Organization\": \"甲\",\n      \"Duties\":", 1);
    assert_ne!(text, yusuan_model::SAMPLE_PACKAGE);
    let f = t.path().join("dup.yusuan");
    std::fs::write(&f, &text).unwrap();
    let o = yusuan(&[&"check", &f]);
    assert_refused(&o, &["“Organization”重复出现", "package.texts", "行"]);
}

// ---------------------------------------------------------------------------
// CSV folders

fn copy_import(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let import = dir.path().join("import");
    std::fs::create_dir(&import).unwrap();
    for e in std::fs::read_dir(fixture_dir(name).join("import")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), import.join(e.file_name())).unwrap();
    }
    (dir, import)
}

#[test]
fn a_duplicated_csv_header_is_refused_with_sheet_and_header() {
    let (d, import) = copy_import("yima-2024");
    std::fs::write(
        import.join("收入.csv"),
        "单位代码,收入类型,金额,金额\n021001,一般公共预算-财政拨款,19596298.00,1.00\n",
    )
    .unwrap();
    let out = d.path().join("out.yusuan");
    assert_refused(
        &yusuan(&[&"import", &import, &"-o", &out]),
        &["收入", "表头“金额”出现了两次"],
    );
    assert!(!out.exists());
}

#[test]
fn a_csv_import_never_writes_a_package_that_cannot_be_opened() {
    let (d, import) = copy_import("yima-2024");
    // 250,000 rows: more than a sheet may have.
    let mut big = String::from("单位代码,功能科目编码,经济科目编码,政府经济科目编码,经费类型,资金来源,金额,备注\n");
    for _ in 0..250_000 {
        big.push_str("021001,2150501,30201,,,,1.00,\n");
    }
    std::fs::write(import.join("基本支出.csv"), big).unwrap();
    let out = d.path().join("big.yusuan");
    let (o, took) = run(&["import".as_ref(), import.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_refused(&o, &["基本支出", "第200001行", "行数过多"]);
    assert!(!out.exists());
    assert!(took < Duration::from_secs(15), "{took:?}");
}

// ---------------------------------------------------------------------------
// xlsx workbooks, made from the sample and edited part by part

/// The parts of a workbook: name and bytes.
type Parts = Vec<(String, Vec<u8>)>;

fn template_parts() -> Parts {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("t.xlsx");
    yusuan_workbook::import::write_template(&p, Some(&yusuan_model::sample_package())).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().map(|n| n.into_owned()).unwrap_or_default(), b)
        })
        .collect()
}

fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, b) in parts {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap();
}

/// The part of the sheet named `sheet` (from workbook.xml and its rels).
fn sheet_part(parts: &[(String, Vec<u8>)], sheet: &str) -> usize {
    let get = |n: &str| String::from_utf8_lossy(&parts.iter().find(|p| p.0 == n).unwrap().1).into_owned();
    let wb = get("xl/workbook.xml");
    let at = wb.find(&format!("name=\"{sheet}\"")).unwrap();
    let tag = &wb[at..at + wb[at..].find("/>").unwrap()];
    let id = tag.split("r:id=\"").nth(1).unwrap().split('"').next().unwrap();
    let rels = get("xl/_rels/workbook.xml.rels");
    let at = rels.find(&format!("Id=\"{id}\"")).unwrap();
    let start = rels[..at].rfind('<').unwrap();
    let tag = &rels[start..start + rels[start..].find("/>").unwrap()];
    let target = tag.split("Target=\"").nth(1).unwrap().split('"').next().unwrap();
    let target = target.trim_start_matches('/').trim_start_matches("xl/");
    parts.iter().position(|p| p.0 == format!("xl/{target}")).unwrap()
}

/// Edits the XML of sheet `sheet` of the sample's workbook, imports it.
fn import_edited(sheet: &str, edit: impl FnOnce(String) -> String) -> (Output, Duration) {
    let mut parts = template_parts();
    let i = sheet_part(&parts, sheet);
    let xml = String::from_utf8(parts[i].1.clone()).unwrap();
    let edited = edit(xml.clone());
    assert_ne!(edited, xml, "the edit changed nothing");
    parts[i].1 = edited.into_bytes();
    import_parts(&parts)
}

fn import_parts(parts: &[(String, Vec<u8>)]) -> (Output, Duration) {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("import.xlsx");
    write_zip(&f, parts);
    let out = t.path().join("out.yusuan");
    let r = run(&["import".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    if r.0.status.code() == Some(0) {
        // What is imported opens.
        let (o, _) = run(&["check".as_ref(), out.as_os_str()]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    }
    r
}

/// Adds a cell before `</sheetData>`.
fn with_cell(xml: String, cell: &str) -> String {
    xml.replacen("</sheetData>", &format!("{cell}</sheetData>"), 1)
}

#[test]
fn far_away_cells_are_refused_by_address_in_bounded_memory() {
    for (cell, row, addr) in [
        ("<c r=\"XFD1048576\"><v>5</v></c>", "1048576", "XFD1048576"),
        ("<c r=\"CZ1048576\"><v>5</v></c>", "1048576", "CZ1048576"),
        ("<c r=\"BM2\"><v>5</v></c>", "2", "BM2"),
        (
            "<c r=\"A4294967295\" t=\"inlineStr\"><is><t>x</t></is></c>",
            "4294967295",
            "A4294967295",
        ),
        ("<c r=\"B200001\"><v>5</v></c>", "200001", "B200001"),
    ] {
        let (o, took) = import_edited("基本支出", |x| {
            with_cell(x, &format!("<row r=\"{row}\">{cell}</row>"))
        });
        // A row number of more than 9 digits is not an address at all.
        let want = if row.len() > 9 {
            format!("{row}”无效")
        } else {
            format!("单元格{addr}超出导入范围")
        };
        assert_refused(&o, &["基本支出", &want]);
        assert!(took < Duration::from_secs(10), "{addr}: {took:?}");
    }
    // An empty, formatted cell far away is nothing.
    let (o, _) = import_edited("基本支出", |x| {
        with_cell(x, "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"1\"/></row>")
    });
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_huge_declared_dimension_costs_nothing() {
    let (o, took) = import_edited("基本支出", |x| {
        let at = x.find("<dimension ref=\"").unwrap() + 16;
        let end = at + x[at..].find('"').unwrap();
        format!("{}A1:XFD1048576{}", &x[..at], &x[end..])
    });
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_formula_without_its_value_is_refused_by_cell() {
    // The first amount of 基本支出 (G2) as a formula never calculated.
    let (o, _) = import_edited("基本支出", |x| {
        let at = x.find("<c r=\"G2\"").unwrap();
        let end = at + x[at..].find("</c>").unwrap() + 4;
        format!("{}<c r=\"G2\"><f>100000+51700</f></c>{}", &x[..at], &x[end..])
    });
    assert_refused(
        &o,
        &["基本支出", "单元格G2", "公式没有计算结果，请先在Excel/WPS中打开并保存"],
    );
    // With a computed value the formula's value is taken.
    let (o, _) = import_edited("基本支出", |x| {
        let at = x.find("<c r=\"G2\"").unwrap();
        let end = at + x[at..].find("</c>").unwrap() + 4;
        format!(
            "{}<c r=\"G2\"><f>100000+51700</f><v>151700</v></c>{}",
            &x[..at],
            &x[end..]
        )
    });
    assert!(matches!(o.status.code(), Some(0)), "{}", stderr(&o));
}

#[test]
fn an_empty_or_nan_number_is_refused_by_cell() {
    for value in ["<v/>", "<v></v>"] {
        let (o, _) = import_edited("基本支出", |x| {
            let at = x.find("<c r=\"G2\"").unwrap();
            let end = at + x[at..].find("</c>").unwrap() + 4;
            format!("{}<c r=\"G2\" t=\"n\">{value}</c>{}", &x[..at], &x[end..])
        });
        assert_refused(&o, &["基本支出", "单元格G2"]);
    }
    let (o, _) = import_edited("基本支出", |x| {
        let at = x.find("<c r=\"G2\"").unwrap();
        let end = at + x[at..].find("</c>").unwrap() + 4;
        format!("{}<c r=\"G2\"><v>NaN</v></c>{}", &x[..at], &x[end..])
    });
    assert_refused(&o, &["基本支出", "第2行", "金额", "NaN"]);
}

#[test]
fn zip_bombs_and_huge_tables_are_refused_quickly() {
    let base = template_parts();
    let sst = base.iter().position(|p| p.0 == "xl/sharedStrings.xml").unwrap();
    let with_sst = |edit: &dyn Fn(String) -> String| {
        let mut parts = base.clone();
        parts[sst].1 = edit(String::from_utf8(parts[sst].1.clone()).unwrap()).into_bytes();
        parts
    };
    let cases: Vec<(Parts, &str)> = vec![
        // One shared string of 200 MB (compressed to a few hundred KB).
        (
            with_sst(&|x| x.replacen("</sst>", &format!("<si><t>{}</t></si></sst>", "A".repeat(200 << 20)), 1)),
            "sharedStrings.xml",
        ),
        // 1.2 million empty shared strings.
        (
            with_sst(&|x| x.replacen("</sst>", &format!("{}</sst>", "<si/>".repeat(1_200_000)), 1)),
            "共享字符串表",
        ),
        // A declared count calamine would reserve room for.
        (
            with_sst(&|x| x.replacen("uniqueCount=\"", "uniqueCount=\"4294967295", 1)),
            "共享字符串表",
        ),
    ];
    for (parts, words) in cases {
        let (o, took) = import_parts(&parts);
        assert_refused(&o, &[words]);
        assert!(took < Duration::from_secs(10), "{words}: {took:?}");
    }
}

#[test]
fn a_broken_zip_gets_a_chinese_message_first() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("broken.xlsx");
    std::fs::write(&f, b"PK\x03\x04 not really a zip").unwrap();
    let o = yusuan(&[&"import", &f, &"-o", &t.path().join("o.yusuan")]);
    assert_refused(&o, &["无法读取工作簿", "详细信息"]);
    let err = stderr(&o);
    let first_english = err
        .find(|c: char| c.is_ascii_alphabetic() && c != 'x')
        .unwrap_or(err.len());
    assert!(err.find("无法读取").unwrap() < first_english, "{err}");
}

/// `verify` takes any file: a workbook with a cell beyond the range a
/// publication can have, or a shared strings table that declares more than
/// it may, is refused by the same first look as an import (bounded memory,
/// a Chinese message, exit 2), before calamine would reserve room for it.
#[test]
fn verify_looks_at_a_hostile_workbook_first() {
    for (edit, want) in [
        (
            Box::new(|x: String| with_cell(x, "<row r=\"200001\"><c r=\"B200001\"><v>5</v></c></row>"))
                as Box<dyn FnOnce(String) -> String>,
            "B200001",
        ),
        (
            Box::new(|x: String| with_cell(x, "<row r=\"2\"><c r=\"BM2\"><v>5</v></c></row>")),
            "BM2",
        ),
    ] {
        let mut parts = template_parts();
        let i = sheet_part(&parts, "基本支出");
        let xml = String::from_utf8(parts[i].1.clone()).unwrap();
        parts[i].1 = edit(xml).into_bytes();
        let t = tempfile::tempdir().unwrap();
        let f = t.path().join("out.xlsx");
        write_zip(&f, &parts);
        let (o, took) = run(&["verify".as_ref(), f.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
        assert!(took < Duration::from_secs(10), "{took:?}");
    }
}
