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

/// The package files a summary reads: each file given, each import folder
/// given (one with 封面.csv), and the `.yusuan` files directly in each other
/// folder given (by name).
fn summary_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for p in paths {
        if p.is_dir() && !p.join("封面.csv").is_file() {
            match std::fs::read_dir(p) {
                Err(e) => unreadable.push((
                    p.display().to_string(),
                    format!("无法读取文件夹：{}", yusuan_model::file::describe_io(&e)),
                )),
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|f| {
                            f.is_file()
                                && f.extension()
                                    .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("yusuan"))
                        })
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        unreadable.push((
                            p.display().to_string(),
                            "文件夹中没有 .yusuan 预算包或决算包".to_string(),
                        ));
                    }
                    files.extend(found);
                }
            }
        } else {
            files.push(p.clone());
        }
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
