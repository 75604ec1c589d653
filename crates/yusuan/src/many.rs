//! Commands over more than one package: `fill-last-year` (上年数 from last
//! year's package) and `summary` (one line per package, as a workbook).

use crate::cli::fail;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yusuan_engine::final_accounts::checks::Level as FinalLevel;
use yusuan_engine::last_year::{ItemChange, fill_last_year, fill_last_year_final};
use yusuan_engine::summary::{SummaryRow, summary_row};
use yusuan_model::Document;
use yusuan_report::table::{format_number, to_wan};
use yusuan_workbook::lists::{ListCell, ListSheet, list_workbook_bytes};

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `old → new` of one item in 万元 at the package's decimals.
fn change_line(c: &ItemChange, decimals: u32) -> String {
    let wan = |v| format_number(to_wan(v, decimals), decimals);
    let old = c.old.map(wan).unwrap_or_else(|| "（未填）".to_string());
    let mark = if c.changed() { "" } else { "（不变）" };
    format!("{}\t{old} → {}{mark}", c.label, wan(c.new))
}

/// `fill-last-year INPUT LAST --out OUT`: every 上年数 of INPUT (预算) or
/// 上年决算数 (决算) taken from LAST, saved as OUT; prints each item's old
/// and new value (万元). Nothing is written when LAST does not fit.
pub fn fill_last_year_command(input: &Path, last: &Path, out: &Path) -> ExitCode {
    let this = match crate::cli::load_document(input) {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let last_doc = match yusuan_model::file::open_document(last) {
        Ok(d) => d,
        Err(e) => return fail(&e.to_string()),
    };
    let name = file_name(last);
    let decimals = this.department().decimals;
    let (changes, source, saved) = match (this, last_doc) {
        (Document::Budget(mut p), Document::Budget(l)) => match fill_last_year(&p, &l, &name) {
            Err(e) => return fail(&e),
            Ok(fill) => {
                fill.edit.apply(&mut p);
                (fill.changes, fill.source, yusuan_model::file::save(out, &p))
            }
        },
        (Document::Final(mut f), Document::Final(l)) => match fill_last_year_final(&f, &l, &name) {
            Err(e) => return fail(&e),
            Ok(fill) => {
                fill.edit.apply(&mut f);
                (fill.changes, fill.source, yusuan_model::file::save(out, &f))
            }
        },
        (Document::Budget(_), Document::Final(_)) => {
            return fail(&format!(
                "“{name}”是决算包：预算的上年数请取自上年的预算包（.yusuan），未作任何修改"
            ));
        }
        (Document::Final(_), Document::Budget(_)) => {
            return fail(&format!(
                "“{name}”是预算包：决算的上年决算数请取自上年的决算包（.yusuan），未作任何修改"
            ));
        }
    };
    if let Err(e) = saved {
        return fail(&e.to_string());
    }
    println!(
        "上年数取自“{}”（{}年度，指纹 {}）：",
        source.file_name, source.year, source.fingerprint
    );
    for c in &changes {
        println!("{}", change_line(c, decimals));
    }
    let changed = changes.iter().filter(|c| c.changed()).count();
    eprintln!(
        "已保存 {}：{}项上年数中{}项有变化（万元）",
        out.display(),
        changes.len(),
        changed
    );
    ExitCode::SUCCESS
}

/// How deep `summary` looks below a folder it is given (the folder itself is
/// level 0): a bureau files packages by year and district, never this deep.
pub const SUMMARY_MAX_DEPTH: usize = 8;
/// How many package files one `summary` run reads at most.
pub const SUMMARY_MAX_FILES: usize = 2000;

/// The package files a summary reads: each file given, each import folder
/// given (one with 封面.csv), and in each other folder given the `.yusuan`
/// files (by name) and import folders found in it and its sub-folders, down
/// to [`SUMMARY_MAX_DEPTH`] levels and at most [`SUMMARY_MAX_FILES`] in all.
/// Every folder and file is visited once by its real path, so a symbolic
/// link to a folder above it (a loop) or a second link to the same package
/// cannot make the walk repeat itself. A folder too deep, or the files past
/// the limit, are listed with a Chinese reason instead of being read.
fn summary_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    summary_inputs_limited(paths, SUMMARY_MAX_DEPTH, SUMMARY_MAX_FILES)
}

fn is_import_folder(p: &Path) -> bool {
    p.join("封面.csv").is_file()
}

fn summary_inputs_limited(
    paths: &[PathBuf],
    max_depth: usize,
    max_files: usize,
) -> (Vec<PathBuf>, Vec<(String, String)>) {
    use std::collections::HashSet;
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut over_limit = false;
    // The real path when it can be found (a dangling link has none: kept as given).
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    for p in paths {
        if !p.is_dir() || is_import_folder(p) {
            if files.len() >= max_files {
                over_limit = true;
                break;
            }
            if seen.insert(real(p)) {
                files.push(p.clone());
            }
            continue;
        }
        let before = files.len();
        // Depth-first, each folder's entries in name order.
        let mut stack: Vec<(PathBuf, usize)> = vec![(p.clone(), 0)];
        while let Some((dir, depth)) = stack.pop() {
            if over_limit {
                break;
            }
            if !seen.insert(real(&dir)) {
                continue;
            }
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    unreadable.push((
                        dir.display().to_string(),
                        format!("无法读取文件夹：{}", yusuan_model::file::describe_io(&e)),
                    ));
                    continue;
                }
            };
            let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            entries.sort();
            let mut sub = Vec::new();
            for e in entries {
                let package = if e.is_dir() {
                    if !is_import_folder(&e) {
                        sub.push(e);
                        continue;
                    }
                    true
                } else {
                    e.is_file()
                        && e.extension()
                            .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("yusuan"))
                };
                if !package {
                    continue;
                }
                if files.len() >= max_files {
                    over_limit = true;
                    break;
                }
                if seen.insert(real(&e)) {
                    files.push(e);
                }
            }
            if over_limit {
                break;
            }
            if depth >= max_depth {
                if !sub.is_empty() {
                    unreadable.push((
                        dir.display().to_string(),
                        format!(
                            "文件夹层级过深：只读取“{}”以下{max_depth}层，其中的{}个子文件夹未读取",
                            p.display(),
                            sub.len()
                        ),
                    ));
                }
                continue;
            }
            stack.extend(sub.into_iter().rev().map(|d| (d, depth + 1)));
        }
        if over_limit {
            break;
        }
        if files.len() == before {
            unreadable.push((
                p.display().to_string(),
                "文件夹及其子文件夹中没有 .yusuan 预算包或决算包".to_string(),
            ));
        }
    }
    if over_limit {
        unreadable.push((
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、"),
            format!("预算包和决算包超过{max_files}个：只汇总了前{max_files}个，其余未读取，请分批汇总"),
        ));
    }
    (files, unreadable)
}

const SUMMARY_HEADERS: [&str; 14] = [
    "部门",
    "部门代码",
    "年度",
    "类型",
    "收入总计（万元）",
    "支出总计（万元）",
    "基本支出（万元）",
    "项目支出（万元）",
    "“三公”经费合计（万元）",
    "错误",
    "警告",
    "指纹",
    "文件名",
    "路径",
];

fn summary_cells(r: &SummaryRow, path: &Path) -> Vec<ListCell> {
    let wan = |v| ListCell::Amount(to_wan(v, r.decimals), r.decimals);
    vec![
        ListCell::Text(r.department.clone()),
        ListCell::Text(r.code.clone()),
        ListCell::Count(r.year.max(0) as usize),
        ListCell::Text(r.kind.to_string()),
        wan(r.income_total),
        wan(r.expense_total),
        wan(r.basic),
        wan(r.project),
        wan(r.three_public),
        ListCell::Count(r.errors),
        ListCell::Count(r.warnings),
        ListCell::Text(r.fingerprint.clone()),
        ListCell::Text(r.file_name.clone()),
        ListCell::Text(path.display().to_string()),
    ]
}

/// `summary DIR|FILE… --out FILE.xlsx`: one row per package, and a second
/// sheet listing every file that could not be read with the reason; a bad
/// file never stops the run. Each file is read as `check` reads it (the
/// same size and import guards) and dropped before the next.
pub fn summary_command(inputs: &[PathBuf], out: &Path) -> ExitCode {
    if inputs.is_empty() {
        return fail("请给出要汇总的预算包、决算包或存放它们的文件夹");
    }
    let (files, mut unreadable) = summary_inputs(inputs);
    let mut rows = Vec::new();
    for f in &files {
        match crate::cli::load_document(f) {
            Ok(doc) => {
                let mut r = summary_row(&doc, &file_name(f));
                // As `check` counts: a 决算 also against the 预算 file it was started from.
                if let Document::Final(fin) = &doc {
                    for x in crate::cli::budget_findings(f, fin) {
                        match x.level {
                            FinalLevel::Error => r.errors += 1,
                            FinalLevel::Warning => r.warnings += 1,
                        }
                    }
                }
                rows.push(summary_cells(&r, f));
                eprintln!("已汇总 {}：{}{}年度{}", f.display(), r.department, r.year, r.kind);
            }
            Err(e) => {
                eprintln!("无法读取 {}：{e}", f.display());
                unreadable.push((f.display().to_string(), e));
            }
        }
    }
    let sheets = [
        ListSheet {
            name: "汇总".into(),
            header: SUMMARY_HEADERS.iter().map(|h| h.to_string()).collect(),
            rows,
        },
        ListSheet {
            name: "无法读取的文件".into(),
            header: vec!["文件".into(), "原因".into()],
            rows: unreadable
                .iter()
                .map(|(f, e)| vec![ListCell::Text(f.clone()), ListCell::Text(e.clone())])
                .collect(),
        },
    ];
    let n = sheets[0].rows.len();
    let written = list_workbook_bytes(&sheets, "部门预算决算汇总")
        .map_err(|e| format!("无法生成汇总表：{e}"))
        .and_then(|bytes| {
            yusuan_model::file::write_atomic(out, &bytes)
                .map_err(|e| format!("无法写入“{}”：{}", out.display(), yusuan_model::file::describe_io(&e)))
        });
    if let Err(e) = written {
        return fail(&e);
    }
    eprintln!(
        "已生成汇总表 {}：{n}个包，{}个文件无法读取",
        out.display(),
        unreadable.len()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[PathBuf], root: &Path) -> Vec<String> {
        files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect()
    }

    #[test]
    fn summary_reads_sub_folders_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2024/义马")).unwrap();
        std::fs::create_dir_all(root.join("2023")).unwrap();
        std::fs::create_dir_all(root.join("导入/郑州")).unwrap();
        std::fs::write(root.join("2024/义马/a.yusuan"), "").unwrap();
        std::fs::write(root.join("2024/b.YUSUAN"), "").unwrap();
        std::fs::write(root.join("2023/c.yusuan"), "").unwrap();
        std::fs::write(root.join("2023/说明.txt"), "").unwrap();
        std::fs::write(root.join("导入/郑州/封面.csv"), "").unwrap();
        std::fs::write(root.join("导入/郑州/不读.yusuan"), "").unwrap();
        std::fs::write(root.join("top.yusuan"), "").unwrap();
        let (files, unreadable) = summary_inputs(&[root.to_path_buf()]);
        assert_eq!(
            names(&files, root),
            [
                "top.yusuan",
                "2023/c.yusuan",
                "2024/b.YUSUAN",
                "2024/义马/a.yusuan",
                "导入/郑州"
            ]
        );
        assert!(unreadable.is_empty(), "{unreadable:?}");
    }

    #[test]
    fn summary_stops_at_the_depth_limit_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut d = root.to_path_buf();
        for i in 0..4 {
            d = d.join(format!("层{i}"));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(format!("{i}.yusuan")), "").unwrap();
        }
        // 层0 is at depth 1, 层1 at 2: with a limit of 2, 层2 and below are not read.
        let (files, unreadable) = summary_inputs_limited(&[root.to_path_buf()], 2, 100);
        assert_eq!(names(&files, root), ["层0/0.yusuan", "层0/层1/1.yusuan"]);
        assert_eq!(unreadable.len(), 1, "{unreadable:?}");
        assert!(unreadable[0].0.ends_with("层1"), "{unreadable:?}");
        assert!(unreadable[0].1.contains("文件夹层级过深") && unreadable[0].1.contains("2层"));
    }

    #[test]
    fn summary_stops_at_the_file_limit_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for i in 0..5 {
            std::fs::write(root.join(format!("{i}.yusuan")), "").unwrap();
        }
        let (files, unreadable) = summary_inputs_limited(&[root.to_path_buf()], 8, 3);
        assert_eq!(names(&files, root), ["0.yusuan", "1.yusuan", "2.yusuan"]);
        assert_eq!(unreadable.len(), 1, "{unreadable:?}");
        assert!(unreadable[0].1.contains("超过3个") && unreadable[0].1.contains("分批"));
    }

    #[test]
    fn an_empty_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("空")).unwrap();
        let (files, unreadable) = summary_inputs(&[dir.path().to_path_buf()]);
        assert!(files.is_empty());
        assert_eq!(unreadable.len(), 1);
        assert!(unreadable[0].1.contains("没有 .yusuan"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_second_links_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/x.yusuan"), "").unwrap();
        // b/up → a (a loop), root/again → a, and a second name for x.
        std::os::unix::fs::symlink(root.join("a"), root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        std::os::unix::fs::symlink(root.join("a/b/x.yusuan"), root.join("a/y.yusuan")).unwrap();
        let (files, unreadable) = summary_inputs(&[root.to_path_buf()]);
        // `a` is read first (name order) and its files before its sub-folders:
        // y is taken, x is the same file, `again` and `up` lead nowhere new.
        assert_eq!(names(&files, root), ["a/y.yusuan"]);
        assert!(unreadable.is_empty(), "{unreadable:?}");
    }
}
