//! `yusuan diff OLD NEW [--xlsx OUT.xlsx]`: what changed between two versions
//! of a 预算 or a 决算 package ([`yusuan_engine::diff`]) as a Chinese report on stdout and,
//! with `--xlsx`, a workbook of the changed cells and the changed inputs.
//! Exit 0 when equal, 1 when different, 2 on error.

use crate::cli::fail;
use std::path::Path;
use std::process::ExitCode;

use yusuan_engine::diff::{ChangeKind, PackageDiff, RowStatus, diff, diff_final, headline, report};
use yusuan_model::Document;
use yusuan_workbook::lists::{ListCell, ListSheet, export_lists};

/// Reads one side: a message naming the file when it cannot be read.
fn read(cli: &crate::cli::Cli, path: &Path, which: &str) -> Result<Document, String> {
    crate::cli::load_with_catalog(cli, path).map_err(|e| format!("无法读取{which}“{}”：{e}", path.display()))
}

pub fn run(cli: &crate::cli::Cli, old: &Path, new: &Path, xlsx: Option<&Path>) -> ExitCode {
    let (a, b) = match (read(cli, old, "原版本"), read(cli, new, "新版本")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let d = match (&a, &b) {
        (Document::Budget(a), Document::Budget(b)) => diff(
            a,
            b,
            &yusuan_model::file::fingerprint(a),
            &yusuan_model::file::fingerprint(b),
        ),
        (Document::Final(a), Document::Final(b)) => diff_final(
            a,
            b,
            &yusuan_model::file::fingerprint(a),
            &yusuan_model::file::fingerprint(b),
        ),
        _ => {
            let kind = |d: &Document| match d {
                Document::Budget(_) => "预算包",
                Document::Final(_) => "决算包",
            };
            return fail(&format!(
                "“{}”是{}，“{}”是{}：只能比较同一种包（两个预算包或两个决算包）",
                old.display(),
                kind(&a),
                new.display(),
                kind(&b)
            ));
        }
    };
    // A closed pipe (`| head`) ends the listing, not the program.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report(&d).as_bytes());
    if let Some(path) = xlsx {
        if let Err(e) = export_lists(&sheets(&d), "两个版本的比较", path) {
            return fail(&e.to_string());
        }
        eprintln!("已导出 {}", path.display());
    }
    if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn amount(v: Option<yusuan_model::Yuan>) -> ListCell {
    v.map(|v| ListCell::Amount(v, 2)).unwrap_or(ListCell::Empty)
}

/// The workbook: 公开表的变化 (one row per changed cell), 输入的变化,
/// 审核结果的变化, and 概况 (the versions, fingerprints and counts).
pub fn sheets(d: &PackageDiff) -> Vec<ListSheet> {
    let header = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cells = d
        .cells
        .iter()
        .map(|c| {
            let figures = c.old.is_some() || c.new.is_some();
            vec![
                ListCell::text(&c.table),
                ListCell::text(&c.row),
                ListCell::text(&c.column),
                if figures {
                    amount(c.old)
                } else {
                    ListCell::text(&c.old_shown)
                },
                if figures {
                    amount(c.new)
                } else {
                    ListCell::text(&c.new_shown)
                },
                if figures {
                    ListCell::Amount(c.delta(), 2)
                } else {
                    ListCell::Empty
                },
                ListCell::text(&c.old_shown),
                ListCell::text(&c.new_shown),
                ListCell::text(match c.status {
                    RowStatus::Both => "",
                    RowStatus::Added => "新增行",
                    RowStatus::Removed => "减少行",
                }),
            ]
        })
        .collect();
    let inputs = d
        .inputs
        .iter()
        .map(|c| {
            vec![
                ListCell::text(c.kind.label()),
                ListCell::text(c.section),
                ListCell::text(&c.item),
                ListCell::text(&c.field),
                ListCell::text(&c.old),
                ListCell::text(&c.new),
                amount(c.delta),
                ListCell::text(&c.where_shown),
            ]
        })
        .collect();
    let findings = d
        .findings
        .iter()
        .map(|f| {
            vec![
                ListCell::text(if f.kind == ChangeKind::Added {
                    "新出现"
                } else {
                    "已消失"
                }),
                ListCell::text(f.level.label()),
                ListCell::text(&f.rule),
                ListCell::text(&f.place),
                ListCell::text(&f.message),
            ]
        })
        .collect();
    let mut about = vec![
        vec![ListCell::text("原版本"), ListCell::text(&d.old_name)],
        vec![ListCell::text("新版本"), ListCell::text(&d.new_name)],
        vec![ListCell::text("原版本年度"), ListCell::text(d.old_year.to_string())],
        vec![ListCell::text("新版本年度"), ListCell::text(d.new_year.to_string())],
        vec![ListCell::text("原版本指纹"), ListCell::text(&d.old_fingerprint)],
        vec![ListCell::text("新版本指纹"), ListCell::text(&d.new_fingerprint)],
        vec![ListCell::text("变化"), ListCell::text(headline(d))],
    ];
    about.extend(
        d.shared_keys
            .iter()
            .map(|k| vec![ListCell::text("说明"), ListCell::text(k)]),
    );
    vec![
        ListSheet {
            name: "公开表的变化".into(),
            header: header(&[
                "表",
                "行",
                "列",
                "原数（元）",
                "新数（元）",
                "差额（元）",
                "原数（公开，万元）",
                "新数（公开，万元）",
                "行的变化",
            ]),
            rows: cells,
        },
        ListSheet {
            name: "输入的变化".into(),
            header: header(&["变化", "部分", "项目", "字段", "原值", "新值", "差额（元）", "位置"]),
            rows: inputs,
        },
        ListSheet {
            name: "审核结果的变化".into(),
            header: header(&["变化", "级别", "规则", "位置", "内容"]),
            rows: findings,
        },
        ListSheet {
            name: "概况".into(),
            header: header(&["项目", "内容"]),
            rows: about,
        },
    ]
}
