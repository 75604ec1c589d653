//! `fill-last-year` and `summary` as a user runs them, on the fixtures.
//! Expected figures are the fixtures' published cells (`expected/*.csv`,
//! README) and their typed 上年数 (`import/上年数.csv`), not the program's.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use yusuan_fixtures::fixture_dir;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `yusuan import` of a fixture into `dir/<file>`.
fn import(fixture: &str, dir: &Path, file: &str) -> PathBuf {
    let out = dir.join(file);
    let o = run(&["import", s(&fixture_dir(fixture).join("import")), "-o", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// A copy of a package file with another year.
fn with_year(src: &Path, year: i64, dst: &Path) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    v["package"]["department"]["year"] = year.into();
    std::fs::write(dst, serde_json::to_string(&v).unwrap()).unwrap();
    dst.to_path_buf()
}

#[test]
fn fill_last_year_prints_old_and_new_and_records_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let last = import("yima-2024", dir.path(), "义马2024.yusuan");
    let this = with_year(&last, 2025, &dir.path().join("义马2025.yusuan"));
    let out = dir.path().join("filled.yusuan");
    let o = run(&["fill-last-year", s(&this), s(&last), "--out", s(&out)]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Old: yima's typed 上年数 (import/上年数.csv: 19816500, 310000, 160000, 150000, 160600 元);
    // new: yima 2024's published 预算01 收入总计, 预算08, 预算14 合计.
    for line in [
        "收入总计\t1,981.65 → 1,959.63",
        "一般公共预算\t1,981.65 → 1,959.63",
        "三公经费合计\t31.00 → 7.00",
        "公务接待费\t16.00 → 3.00",
        "公务用车运行维护费\t15.00 → 4.00",
        "机构运行经费\t16.06 → 17.05",
        "因公出国（境）费\t0.00 → 0.00（不变）",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    let saved: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let src = &saved["package"]["last_year_source"];
    assert_eq!(src["file_name"], "义马2024.yusuan");
    assert_eq!(src["year"], 2024);
    assert_eq!(saved["package"]["last_year"]["IncomeTotal"], "19596298.00");
    // The input is left as it was.
    let input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&this).unwrap()).unwrap();
    assert!(input["package"].get("last_year_source").is_none());
}

#[test]
fn fill_last_year_refuses_another_year_department_or_kind() {
    let dir = tempfile::tempdir().unwrap();
    let yima = import("yima-2024", dir.path(), "yima.yusuan");
    let zhengzhou = import("zhengzhou-2024", dir.path(), "zhengzhou.yusuan");
    let final_ = import("pingdingshan-2023", dir.path(), "pds.yusuan");
    let yima_2026 = with_year(&yima, 2026, &dir.path().join("yima2026.yusuan"));
    let zz_2025 = with_year(&zhengzhou, 2025, &dir.path().join("zz2025.yusuan"));
    let out = dir.path().join("out.yusuan");
    for (this, last, words) in [
        (&yima_2026, &yima, vec!["2024年度的预算包", "2025年度", "未作任何修改"]),
        (
            &zz_2025,
            &yima,
            vec!["义马市工业信息化和科技局", "同一部门", "部门代码相同", "未作任何修改"],
        ),
        (&zz_2025, &final_, vec!["决算包", "未作任何修改"]),
    ] {
        let o = run(&["fill-last-year", s(this), s(last), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(2));
        let e = String::from_utf8_lossy(&o.stderr);
        for w in words {
            assert!(e.contains(w), "{w:?} not in {e}");
        }
        assert!(!out.exists(), "nothing is written");
    }
}

fn cell_str(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn summary_of_the_fixtures_matches_their_published_totals() {
    let dir = tempfile::tempdir().unwrap();
    let packages = dir.path().join("收到的包");
    std::fs::create_dir(&packages).unwrap();
    import("yima-2024", &packages, "义马.yusuan");
    // A sub-folder is read too.
    std::fs::create_dir(packages.join("2023决算")).unwrap();
    import("pingdingshan-2023", &packages.join("2023决算"), "平顶山决算.yusuan");
    std::fs::write(packages.join("坏的.yusuan"), "{ not json").unwrap();
    // Over the size limit: refused before it is read (sparse, no disk used).
    let big = std::fs::File::create(packages.join("太大.yusuan")).unwrap();
    big.set_len(yusuan_model::limits::MAX_FILE_SIZE + 1).unwrap();
    drop(big);
    std::fs::write(packages.join("说明.txt"), "not a package").unwrap();
    let out = dir.path().join("汇总.xlsx");
    // A folder of packages and an import folder given directly.
    let zz = fixture_dir("zhengzhou-2024").join("import");
    let o = run(&["summary", s(&packages), s(&zz), "--out", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), vec!["汇总".to_string(), "无法读取的文件".to_string()]);
    let rows: Vec<Vec<String>> = wb
        .worksheet_range("汇总")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(cell_str).collect())
        .collect();
    assert_eq!(
        rows[0][..9].join(","),
        "部门,部门代码,年度,类型,收入总计（万元）,支出总计（万元）,基本支出（万元）,项目支出（万元）,“三公”经费合计（万元）"
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    let find = |year: &str, kind: &str| {
        rows.iter()
            .find(|r| r[2] == year && r[3] == kind && !r[0].is_empty())
            .unwrap_or_else(|| panic!("{year} {kind} not in {rows:?}"))
            .clone()
    };
    // 收入总计, 支出总计 (预算01 / 公开01 总计), 基本支出, 项目支出 (预算03 / 公开05 合计), 三公 (预算08 / 公开09 决算数 合计).
    let yima = find("2024", "预算");
    assert_eq!(yima[0], "义马市工业信息化和科技局");
    assert_eq!(yima[4..9], ["1959.63", "1959.63", "186.13", "1773.5", "7"]);
    assert_eq!(yima[12], "义马.yusuan");
    let zz_row = rows.iter().find(|r| r[0] == "郑州市工业和信息化局").expect("zhengzhou");
    assert_eq!(zz_row[4..9], ["96262.5", "96262.5", "10512.4", "85750.2", "74.5"]);
    let pds = find("2023", "决算");
    assert_eq!(pds[4..9], ["2175.87", "2175.87", "1806.7", "369.17", "29.59"]);
    // Errors and warnings as `check` counts them.
    let check = run(&["check", s(&packages.join("义马.yusuan"))]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains(&format!("共{}个错误，{}个警告", yima[9], yima[10])),
        "{said}"
    );
    assert_eq!(yima[11].len(), 64, "a fingerprint");
    let check = run(&["check", s(&packages.join("2023决算/平顶山决算.yusuan"))]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains(&format!("共{}个错误，{}个警告", pds[9], pds[10])),
        "{said}"
    );

    let bad: Vec<Vec<String>> = wb
        .worksheet_range("无法读取的文件")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(cell_str).collect())
        .collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert!(
        bad.iter()
            .any(|r| r[0].ends_with("坏的.yusuan") && r[1].contains("损坏")),
        "{bad:?}"
    );
    assert!(
        bad.iter()
            .any(|r| r[0].ends_with("太大.yusuan") && r[1].contains("过大")),
        "{bad:?}"
    );
}
