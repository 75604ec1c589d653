//! The `.yusuan` package file: round trip, atomic save under interruption,
//! refusal of bad files with a Chinese message, fingerprint.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan_model::file::{
    FORMAT_VERSION, FileError, FileErrorKind, IoAction, MAX_FILE_SIZE, SaveStep, backup_path, fingerprint, from_json,
    open, save, save_with_hook, to_json,
};
use yusuan_model::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A package with something in every part of the model.
fn sample() -> Package {
    let mut texts = BTreeMap::new();
    texts.insert(
        TextKey::Duties,
        "负责全市财政预算编制。\n第二段：“引号”与\\反斜杠".to_string(),
    );
    texts.insert(TextKey::Organization, "内设科室5个".to_string());
    texts.insert(TextKey::ReasonOverseas, "无出国计划".to_string());

    let mut last_year = BTreeMap::new();
    last_year.insert(LastYearItem::IncomeTotal, d("1234567.80"));
    last_year.insert(LastYearItem::Reception, d("0.50"));
    last_year.insert(LastYearItem::OperatingCost, d("100"));

    let mut narrative_overrides = BTreeMap::new();
    narrative_overrides.insert("income.summary".to_string(), "收入总计改写后的段落。".to_string());
    narrative_overrides.insert("三公".to_string(), String::new());

    let mut catalog = CatalogOverrides::default();
    catalog.func.insert(
        "2010199".to_string(),
        "其他政府办公厅（室）及相关机构事务支出".to_string(),
    );
    catalog
        .dept_econ
        .insert("30299".to_string(), "其他商品和服务支出".to_string());
    catalog
        .gov_econ
        .insert("50299".to_string(), "其他商品和服务支出".to_string());
    catalog
        .mapping
        .insert("30299".to_string(), ("50299".to_string(), "50502".to_string()));

    Package {
        department: Department {
            name: "某市财政局".to_string(),
            code: "101001".to_string(),
            year: 2025,
            amount_unit: AmountUnit::Yuan,
            decimals: 1,
        },
        units: vec![
            Unit {
                code: "101001".to_string(),
                name: "某市财政局（本级）".to_string(),
                kind: UnitKind::Administrative,
            },
            Unit {
                code: "101002".to_string(),
                name: "某市财政信息中心".to_string(),
                kind: UnitKind::Institution,
            },
        ],
        income: vec![
            IncomeEntry {
                unit: "101001".to_string(),
                source: FundSource::GeneralAppropriation,
                amount: d("151700.00"),
                rejected: Default::default(),
            },
            IncomeEntry {
                unit: "101002".to_string(),
                source: FundSource::CarryUnitFunds,
                amount: d("-3.5"),
                rejected: [
                    (EntryField::Amount, "abc".to_string()),
                    (EntryField::Unit, "本级".to_string()),
                ]
                .into(),
            },
        ],
        basic_lines: vec![
            BasicLine {
                unit: "101001".to_string(),
                func: "2010601".to_string(),
                econ: "30101".to_string(),
                gov: None,
                kind: None,
                source: FundSource::GeneralAppropriation,
                amount: d("100000.00"),
                note: String::new(),
                procurement: None,
                rejected: [(EntryField::Kind, "人员".to_string())].into(),
            },
            BasicLine {
                unit: "101002".to_string(),
                func: "2010650".to_string(),
                econ: "30201".to_string(),
                gov: Some("50502".to_string()),
                kind: Some(CostKind::Personnel),
                source: FundSource::BusinessIncome,
                amount: d("51700"),
                note: "办公用品".to_string(),
                procurement: Some(Procurement::Goods),
                rejected: Default::default(),
            },
        ],
        projects: vec![Project {
            code: "P2025001".to_string(),
            name: "预算管理一体化系统运维".to_string(),
            unit: "101002".to_string(),
            kind: ProjectKind::SpecificTarget,
            secret: true,
            lines: vec![
                ProjectLine {
                    func: "2010650".to_string(),
                    econ: "30227".to_string(),
                    gov: None,
                    source: FundSource::GovFund,
                    amount: d("80000.01"),
                    procurement: Some(Procurement::Services),
                    rejected: [(EntryField::Amount, "8万".to_string())].into(),
                },
                ProjectLine {
                    func: "2010650".to_string(),
                    econ: "31002".to_string(),
                    gov: Some("50306".to_string()),
                    source: FundSource::GeneralAppropriation,
                    amount: d("0.10"),
                    procurement: None,
                    rejected: Default::default(),
                },
            ],
            indicators: vec![
                Indicator {
                    kind: IndicatorKind::Output,
                    level2: "数量指标".to_string(),
                    level3: "系统运行天数".to_string(),
                    value: "≥365天".to_string(),
                    note: String::new(),
                },
                Indicator {
                    kind: IndicatorKind::Satisfaction,
                    level2: "服务对象满意度指标".to_string(),
                    level3: "用户满意度".to_string(),
                    value: "≥90%".to_string(),
                    note: "问卷".to_string(),
                },
            ],
        }],
        performance: DeptPerformance {
            goal: "保障预算编制工作顺利开展".to_string(),
            tasks: vec![Task {
                name: "预算编制".to_string(),
                content: "按时完成部门预算编制".to_string(),
            }],
            indicators: vec![DeptIndicator {
                level1: "产出指标".to_string(),
                level2: "时效指标".to_string(),
                level3: "按时完成率".to_string(),
                value: "100%".to_string(),
                note: String::new(),
            }],
        },
        last_year: LastYear(last_year),
        texts,
        assets: Assets {
            vehicles_total: Some(3),
            official_vehicles: Some(0),
            enforcement_vehicles: Some(2),
            special_vehicles: None,
            other_vehicles: Some(1),
            other_vehicles_note: "应急保障用车".to_string(),
            general_equipment_over_50: Some(1),
            special_equipment_over_100: None,
        },
        narrative_overrides,
        catalog,
        rejected: FixedRejected {
            last_year: [(LastYearItem::ALL[0], "十二万".to_string())].into(),
            assets: [("vehicles_total".to_string(), "3.5".to_string())].into(),
        },
        last_year_source: None,
        // The 郑州式 wording: every kind of setting, so round trips carry them.
        wording: yusuan_model::Preset::Zhengzhou.wording(),
    }
}

/// `sample()` with one amount changed: what the officer saves next.
fn edited() -> Package {
    let mut p = sample();
    p.income[0].amount = d("151800.00");
    p.units[1].name = "某市财政信息中心（改）".to_string();
    p
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn open_err(path: &Path) -> FileError {
    match open(path) {
        Ok(_) => panic!("{} should not open", path.display()),
        Err(e) => e,
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

// ---------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------

#[test]
fn round_trip_through_a_file() {
    let t = dir();
    let path = t.path().join("某市财政局2025.yusuan");
    let p = sample();
    save(&path, &p).unwrap();
    let back = open(&path).unwrap();
    assert_eq!(back, p);
    // Decimal equality ignores the scale: check it separately.
    assert_eq!(back.income[0].amount.to_string(), "151700.00");
    assert_eq!(back.income[0].amount.scale(), 2);
    assert_eq!(back.income[1].amount.to_string(), "-3.5");
    assert_eq!(back.basic_lines[1].amount.scale(), 0);
    assert_eq!(back.projects[0].lines[1].amount.to_string(), "0.10");
    assert_eq!(back.last_year.get(LastYearItem::Reception).unwrap().to_string(), "0.50");
    assert_eq!(
        back.last_year.get(LastYearItem::OperatingCost).unwrap().to_string(),
        "100"
    );
    // Saved once: nothing else in the folder.
    assert_eq!(names(t.path()), vec!["某市财政局2025.yusuan".to_string()]);
}

#[test]
fn json_is_pretty_with_header_and_amounts_as_strings() {
    let text = to_json(&sample());
    assert!(text.starts_with("{\n  \"format\": \"yusuan\",\n  \"version\": 1,\n  \"package\": {\n"));
    assert!(text.ends_with("}\n"));
    assert!(text.contains("\"amount\": \"151700.00\""), "{text}");
    assert!(text.contains("\"amount\": \"0.10\""));
    assert!(text.contains("\"IncomeTotal\": \"1234567.80\""));
    assert!(text.contains("某市财政局"), "Chinese is written as is, not escaped");

    // Every amount anywhere is a JSON string.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "yusuan");
    assert_eq!(v["version"], FORMAT_VERSION);
    fn check(v: &serde_json::Value, count: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k == "rejected" {
                        // Typed text kept as typed, not an amount.
                        continue;
                    }
                    if k == "amount" {
                        assert!(x.is_string(), "amount {x} is not a string");
                        *count += 1;
                    }
                    check(x, count);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| check(x, count)),
            _ => {}
        }
    }
    let mut count = 0;
    check(&v, &mut count);
    assert_eq!(count, 6);
    for x in v["package"]["last_year"].as_object().unwrap().values() {
        assert!(x.is_string());
    }

    assert_eq!(from_json(&text).unwrap(), sample());
}

/// Default wording is not written: a file without settings saves as before.
#[test]
fn default_wording_is_not_written() {
    let mut p = sample();
    assert!(to_json(&p).contains("\"wording\""));
    p.wording = Default::default();
    assert!(!to_json(&p).contains("\"wording\""));
    assert_eq!(from_json(&to_json(&p)).unwrap(), p);
}

#[test]
fn byte_order_mark_and_minimal_package_are_accepted() {
    let text = format!("\u{feff}{}", to_json(&sample()));
    assert_eq!(from_json(&text).unwrap(), sample());
    // Every part of a package may be left out but the year.
    let p = from_json(r#"{"format":"yusuan","version":1,"package":{"department":{"year":2025}}}"#).unwrap();
    assert_eq!(p, Package::default());
}

#[test]
fn a_missing_year_is_refused_never_guessed() {
    for text in [
        r#"{"format":"yusuan","version":1,"package":{}}"#,
        r#"{"format":"yusuan","version":1,"package":{"department":{"name":"某局"}}}"#,
        r#"{"format":"yusuan","version":1,"package":{"department":{"year":null}}}"#,
    ] {
        let err = from_json(text).unwrap_err();
        assert!(matches!(err.kind, FileErrorKind::MissingYear), "{text}: {err:?}");
        assert!(err.to_string().contains("缺少预算年度"), "{err}");
    }
    // Removing the year from a saved file.
    let text = to_json(&sample()).replacen("\"year\": 2025,", "", 1);
    assert!(matches!(from_json(&text).unwrap_err().kind, FileErrorKind::MissingYear));
}

#[test]
fn a_duplicated_key_is_refused_with_key_and_line() {
    let good = to_json(&sample());
    // A map key (说明 texts) and a struct field, each given twice.
    let text = good.replacen("\"Duties\":", "\"Organization\": \"x\",\n      \"Duties\":", 1);
    let text = text.replacen(
        "\"Organization\": \"x\"",
        "\"Organization\": \"x\", \"Organization\": \"y\"",
        1,
    );
    let err = from_json(&text).unwrap_err();
    match &err.kind {
        FileErrorKind::DuplicateKey { key, line, path, .. } => {
            assert_eq!(key, "Organization");
            assert_eq!(path.as_deref(), Some("package.texts"));
            let want = text
                .lines()
                .position(|l| l.contains("\"Organization\": \"y\""))
                .unwrap()
                + 1;
            assert_eq!(*line, want);
        }
        other => panic!("{other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.contains("键“Organization”重复出现") && shown.contains("第"),
        "{shown}"
    );
    let text = good.replacen(
        "\"name\": \"某市财政局\",",
        "\"name\": \"某市财政局\", \"name\": \"乙\",",
        1,
    );
    let err = from_json(&text).unwrap_err();
    assert!(err.to_string().contains("“name”"), "{err}");
}

#[test]
fn texts_over_their_limit_are_refused_on_open_and_on_save() {
    use yusuan_model::limits::{self, MAX_NAME, MAX_PROJECT_NAME};
    let mut p = sample();
    p.department.name = "局".repeat(MAX_NAME);
    assert!(limits::check(&p).is_ok());
    p.department.name.push('局');
    p.projects[0].name = "A".repeat(MAX_PROJECT_NAME + 5);
    let errs = limits::check(&p).unwrap_err();
    assert_eq!(errs.len(), 2);
    assert_eq!(
        errs[0].to_string(),
        format!("部门名称过长：有{}个字符，最多{}个字符", MAX_NAME + 1, MAX_NAME)
    );
    assert!(errs[1].to_string().starts_with("项目“"), "{}", errs[1]);
    let err = from_json(&to_json(&p)).unwrap_err();
    assert!(matches!(err.kind, FileErrorKind::OverLimit(_)));
    assert!(err.to_string().contains("部门名称过长"), "{err}");
    let t = dir();
    let path = t.path().join("a.yusuan");
    let err = save(&path, &p).unwrap_err();
    assert!(err.to_string().contains("部门名称过长"), "{err}");
    assert!(names(t.path()).is_empty());
}

// ---------------------------------------------------------------------------
// Atomic save
// ---------------------------------------------------------------------------

#[test]
fn successful_saves_keep_the_previous_version_as_bak() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    let bak = backup_path(&path);
    assert_eq!(bak, t.path().join("a.yusuan.bak"));

    save(&path, &sample()).unwrap();
    assert!(!bak.exists(), "no backup of nothing");
    save(&path, &edited()).unwrap();
    assert_eq!(open(&path).unwrap(), edited());
    assert_eq!(open(&bak).unwrap(), sample());

    let mut third = edited();
    third.department.year = 2026;
    save(&path, &third).unwrap();
    assert_eq!(open(&path).unwrap(), third);
    assert_eq!(open(&bak).unwrap(), edited());
    assert_eq!(names(t.path()), vec!["a.yusuan", "a.yusuan.bak"]);
}

/// At each step, the hook checks that `path` holds a complete old or new
/// file, then (at `fail_at`) fails as a crash there would.
fn interrupted_save(fail_at: SaveStep, with_old: bool) {
    let t = dir();
    let path = t.path().join("预算.yusuan");
    let old = sample();
    let new = edited();
    if with_old {
        save(&path, &old).unwrap();
        save(&path, &old).unwrap(); // so that a .bak exists too
    }

    let mut seen = Vec::new();
    let mut hook = |step: SaveStep| -> io::Result<()> {
        seen.push(step);
        // What is at `path` right now, at this instant of the save.
        let current = if with_old {
            Some(open(&path).expect("path always holds a complete file"))
        } else {
            assert!(step == SaveStep::SyncDir || !path.exists());
            path.exists().then(|| open(&path).unwrap())
        };
        if step == SaveStep::SyncDir {
            assert_eq!(current.as_ref(), Some(&new));
        } else {
            assert_eq!(current, with_old.then(|| old.clone()));
        }
        if step == SaveStep::WriteTempHalfway {
            // The temporary file is half written: a crash now leaves a
            // damaged temporary file, and the package file untouched.
            let tmp: Vec<PathBuf> = fs::read_dir(t.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp-"))
                .collect();
            assert_eq!(tmp.len(), 1);
            let name = tmp[0].file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(".预算.yusuan.tmp-"), "{name}");
            assert!(matches!(
                open(&tmp[0]).unwrap_err().kind,
                FileErrorKind::Truncated { .. }
            ));
        }
        if step == fail_at {
            Err(io::Error::other("模拟中断"))
        } else {
            Ok(())
        }
    };
    let err = save_with_hook(&path, &new, &mut hook).unwrap_err();
    assert_eq!(seen.last(), Some(&fail_at));
    assert!(
        matches!(
            err.kind,
            FileErrorKind::Io {
                action: IoAction::Save,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("保存文件“{}”时出错（详细信息：模拟中断）", shown(&path))
    );

    // Afterwards: the old file before the rename, the new one after.
    let expected = if fail_at == SaveStep::SyncDir {
        Some(new)
    } else {
        with_old.then_some(old.clone())
    };
    match expected {
        Some(p) => assert_eq!(open(&path).unwrap(), p),
        None => assert!(!path.exists()),
    }
    // No temporary file is left behind.
    let mut want = Vec::new();
    if with_old || fail_at == SaveStep::SyncDir {
        want.push("预算.yusuan".to_string());
    }
    if with_old {
        want.push("预算.yusuan.bak".to_string());
        assert_eq!(open(&backup_path(&path)).unwrap(), old);
    }
    assert_eq!(names(t.path()), want, "after a failure at {fail_at:?}");
}

#[test]
fn save_interrupted_at_every_step_leaves_old_or_new_file() {
    for step in SaveStep::ALL {
        interrupted_save(step, true);
    }
}

#[test]
fn first_save_interrupted_at_every_step_leaves_nothing_or_new_file() {
    for step in SaveStep::ALL {
        interrupted_save(step, false);
    }
}

#[test]
fn steps_come_in_order() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    save(&path, &sample()).unwrap();
    let mut seen = Vec::new();
    save_with_hook(&path, &edited(), &mut |s| {
        seen.push(s);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, SaveStep::ALL.to_vec());
    assert_eq!(open(&path).unwrap(), edited());
}

#[test]
fn leftovers_of_a_crashed_save_do_not_matter() {
    // A process killed mid-save leaves its half-written temporary file.
    let t = dir();
    let path = t.path().join("a.yusuan");
    save(&path, &sample()).unwrap();
    let text = to_json(&edited());
    let half = &text.as_bytes()[..text.len() / 2];
    let pid = std::process::id();
    for n in 0..20 {
        write(t.path(), &format!(".a.yusuan.tmp-{pid}-{n}"), half);
    }
    assert_eq!(open(&path).unwrap(), sample());
    save(&path, &edited()).unwrap();
    assert_eq!(open(&path).unwrap(), edited());
    // The leftovers of this (running) process are not touched, and nothing else is added.
    assert_eq!(names(t.path()).len(), 2 + 20);
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_ended_processes_are_removed_by_the_next_save_or_open() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    save(&path, &sample()).unwrap();
    let dead = dead_pid();
    let half = &b"{\"format\": \"yu"[..];
    for n in 0..5 {
        write(t.path(), &format!(".a.yusuan.tmp-{dead}-{n}"), half);
    }
    // Not ours: another package's temporary file, and a look-alike.
    write(t.path(), &format!(".b.yusuan.tmp-{dead}-0"), half);
    write(t.path(), &format!(".a.yusuan.tmp-{dead}-x"), half);
    assert_eq!(names(t.path()).len(), 1 + 5 + 2);
    save(&path, &edited()).unwrap();
    assert_eq!(names(t.path()).len(), 2 + 2, "{:?}", names(t.path()));
    for n in 0..3 {
        write(t.path(), &format!(".a.yusuan.tmp-{dead}-{n}"), half);
    }
    assert_eq!(open(&path).unwrap(), edited());
    assert_eq!(names(t.path()).len(), 2 + 2, "{:?}", names(t.path()));
}

#[test]
fn save_refuses_a_read_only_file_and_leaves_it() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    save(&path, &sample()).unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();

    let err = save(&path, &edited()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "没有权限保存文件“{}”（文件可能是只读的，或没有权限写入所在文件夹）",
            shown(&path)
        )
    );
    assert_eq!(open(&path).unwrap(), sample());
    assert_eq!(names(t.path()), vec!["a.yusuan"]);
}

#[test]
fn save_into_a_missing_folder_or_over_a_folder_fails() {
    let t = dir();
    let path = t.path().join("没有这个文件夹").join("a.yusuan");
    let err = save(&path, &sample()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("无法保存文件“{}”：所在文件夹不存在", shown(&path))
    );

    let sub = t.path().join("sub.yusuan");
    fs::create_dir(&sub).unwrap();
    let err = save(&sub, &sample()).unwrap_err();
    assert!(matches!(err.kind, FileErrorKind::IsDirectory));
    assert_eq!(names(t.path()), vec!["sub.yusuan"]);
}

#[test]
fn backup_failure_aborts_the_save() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    save(&path, &sample()).unwrap();
    // A folder where the backup goes: it can be neither removed nor replaced.
    fs::create_dir(backup_path(&path)).unwrap();
    fs::write(backup_path(&path).join("x"), "x").unwrap();
    let err = save(&path, &edited()).unwrap_err();
    assert!(
        matches!(
            err.kind,
            FileErrorKind::Io {
                action: IoAction::Backup,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("保留上一版本"), "{err}");
    assert_eq!(open(&path).unwrap(), sample());
    assert_eq!(names(t.path()), vec!["a.yusuan", "a.yusuan.bak"]);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_updates_the_file_it_names() {
    let t = dir();
    let real = t.path().join("real.yusuan");
    let link = t.path().join("link.yusuan");
    save(&real, &sample()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save(&link, &edited()).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(open(&real).unwrap(), edited());
    assert_eq!(open(&link).unwrap(), edited());
    assert_eq!(open(&backup_path(&real)).unwrap(), sample());
}

// ---------------------------------------------------------------------------
// Bad files
// ---------------------------------------------------------------------------

#[test]
fn missing_file_and_folder() {
    let t = dir();
    let path = t.path().join("没有.yusuan");
    let err = open_err(&path);
    assert!(matches!(
        err.kind,
        FileErrorKind::Io {
            action: IoAction::Open,
            ..
        }
    ));
    assert_eq!(err.to_string(), format!("找不到文件“{}”", shown(&path)));
    assert!(std::error::Error::source(&err).is_some());

    let err = open_err(t.path());
    assert!(matches!(err.kind, FileErrorKind::IsDirectory));
    assert_eq!(
        err.to_string(),
        format!("“{}”是一个文件夹，不是预算包文件", shown(t.path()))
    );
}

#[test]
fn permission_denied_message() {
    // Tests may run as root, who reads anything: check the message alone.
    let path = Path::new("x.yusuan");
    let err = FileError {
        path: Some(path.to_path_buf()),
        kind: FileErrorKind::Io {
            action: IoAction::Open,
            error: io::ErrorKind::PermissionDenied.into(),
        },
    };
    assert_eq!(err.to_string(), "没有权限读取文件“x.yusuan”");
}

#[test]
fn empty_files() {
    let t = dir();
    for (name, bytes) in [("a.yusuan", &b""[..]), ("b.yusuan", b" \n\t\r\n")] {
        let path = write(t.path(), name, bytes);
        let err = open_err(&path);
        assert!(matches!(err.kind, FileErrorKind::Empty));
        assert_eq!(err.to_string(), format!("文件“{}”是空的，没有任何内容", shown(&path)));
    }
}

#[test]
fn truncated_at_every_offset() {
    let text = to_json(&sample());
    let end = text.trim_end().len();
    for cut in 0..end {
        if !text.is_char_boundary(cut) {
            continue;
        }
        let err = from_json(&text[..cut]).unwrap_err();
        if text[..cut].trim().is_empty() {
            assert!(matches!(err.kind, FileErrorKind::Empty));
            continue;
        }
        assert!(
            matches!(err.kind, FileErrorKind::Truncated { .. }),
            "cut at {cut}: {err:?}"
        );
        assert!(err.to_string().contains("文件不完整（可能在保存时被中断）"), "{err}");
    }
}

#[test]
fn truncated_files_including_mid_character() {
    let t = dir();
    let text = to_json(&sample());
    let bytes = text.as_bytes();
    let path = t.path().join("cut.yusuan");
    // Every 5th byte: many cuts fall inside a Chinese character.
    let mut mid_char = 0;
    for cut in (1..text.trim_end().len()).step_by(5) {
        fs::write(&path, &bytes[..cut]).unwrap();
        let err = open_err(&path);
        mid_char += usize::from(!text.is_char_boundary(cut));
        match err.kind {
            FileErrorKind::Truncated { line, col } => assert_eq!(
                err.to_string(),
                format!(
                    "文件“{}”已损坏：第{line}行第{col}列：文件不完整（可能在保存时被中断）",
                    shown(&path)
                )
            ),
            _ => panic!("cut at {cut}: {err:?}"),
        }
    }
    assert!(mid_char > 0);
}

#[test]
fn malformed_json_reports_line_and_column() {
    let t = dir();
    let good = to_json(&sample());
    assert!(good.contains("\n      \"year\": 2025,\n"));

    let cases = [
        // Line 8 is `      "year": 2025,`.
        ("\"year\": 2025,", "\"year\" 2025,", 8, 14, "此处应为冒号“:”"),
        ("\"year\": 2025,", "\"year\": 2025,,", 8, 20, "对象的键必须是字符串"),
        ("\"year\": 2025,", "\"year\": 20x25,", 8, 17, "此处应为逗号“,”或“}”"),
        (
            "\"year\": 2025,",
            "\"year\": tru,",
            8,
            18,
            "无法识别的内容（应为 true、false 或 null）",
        ),
    ];
    for (from, to, line, col, msg) in cases {
        let path = write(t.path(), "bad.yusuan", good.replacen(from, to, 1).as_bytes());
        let err = open_err(&path);
        assert!(matches!(err.kind, FileErrorKind::Syntax { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("文件“{}”已损坏：第{line}行第{col}列：{msg}", shown(&path)),
            "{to}"
        );
    }

    let err = from_json("{\"format\": \"yusuan\",}").unwrap_err();
    assert_eq!(err.to_string(), "文件已损坏：第1行第21列：多余的逗号");
    let err = from_json("{\"format\": \"yusuan\"} x").unwrap_err();
    assert_eq!(err.to_string(), "文件已损坏：第1行第22列：内容结束后还有多余的字符");
}

#[test]
fn wrong_types_name_the_field() {
    let t = dir();
    let good = to_json(&sample());
    let cases = [
        (
            "\"year\": 2025",
            "\"year\": \"abc\"",
            "第8行第19列：字段“package.department.year”类型错误：应为整数，实际为文本“abc”",
        ),
        (
            "\"amount\": \"151700.00\"",
            "\"amount\": {\"元\": 1}",
            "第28行第19列：字段“package.income[0].amount”类型错误：应为金额（如 \"151700.00\"），实际为对象",
        ),
        (
            "\"amount\": \"151700.00\"",
            "\"amount\": \"十五万\"",
            "第28行第23列：字段“package.income[0].amount”取值无效：应为金额（如 \"151700.00\"），实际为文本“十五万”",
        ),
        (
            "\"source\": \"GovFund\"",
            "\"source\": \"政府性基金\"",
            "第79行第29列：字段“package.projects[0].lines[0].source”未知的取值“政府性基金”，应为以下之一：GeneralAppropriation、GeneralOther、GovFund、StateCapital、FiscalSpecial、BusinessIncome、OperatingIncome、SuperiorSubsidy、AffiliateRemit、OtherIncome、CarryGeneral、CarryGovFund、CarryStateCapital、CarryFiscalSpecial、CarryUnitFunds",
        ),
        (
            "\"kind\": \"Institution\"",
            "\"kind\": 3",
            "第21行第17列：字段“package.units[1].kind”取值类型不正确（此处应为带引号的选项名称）",
        ),
        (
            "\"vehicles_total\": 3",
            "\"vehicles_total\": -3",
            "第142行第26列：字段“package.assets.vehicles_total”取值无效：应为非负整数，实际为整数 -3",
        ),
        (
            "\"decimals\": 1",
            "\"decimals\": null",
            "第10行第22列：字段“package.department.decimals”类型错误：应为非负整数，实际为空值 null",
        ),
        (
            "\"code\": \"101001\",\n        \"name\": \"某市财政局（本级）\",",
            "",
            "第16行第7列：“package.units[0]”缺少字段“code”",
        ),
        (
            "\"version\": 1",
            "\"version\": \"1\"",
            "第3行第16列：字段“version”类型错误：应为非负整数，实际为文本“1”",
        ),
    ];
    for (from, to, msg) in cases {
        assert!(good.contains(from), "{from}");
        let path = write(t.path(), "bad.yusuan", good.replacen(from, to, 1).as_bytes());
        let err = open_err(&path);
        assert!(matches!(err.kind, FileErrorKind::WrongType { .. }), "{err:?}");
        assert_eq!(err.to_string(), format!("文件“{}”已损坏：{msg}", shown(&path)));
    }
}

#[test]
fn foreign_json_is_not_a_package() {
    let t = dir();
    for text in [
        "{\"a\":1}",
        "[1, 2]",
        "\"yusuan\"",
        "42",
        "null",
        "{\"format\": \"xlsx\", \"version\": 1, \"package\": {}}",
        "{\"format\": 1}",
        "{\"package\": {}}",
    ] {
        let path = write(t.path(), "x.yusuan", text.as_bytes());
        let err = open_err(&path);
        assert!(matches!(err.kind, FileErrorKind::Foreign), "{text}: {err:?}");
        assert_eq!(err.to_string(), format!("文件“{}”不是预算包文件", shown(&path)));
    }
    let err = from_json("{\"a\":1}").unwrap_err();
    assert_eq!(err.to_string(), "文件不是预算包文件");
}

#[test]
fn newer_format_is_refused() {
    let t = dir();
    let text = to_json(&sample()).replacen("\"version\": 1", "\"version\": 2", 1);
    let path = write(t.path(), "new.yusuan", text.as_bytes());
    let err = open_err(&path);
    assert!(matches!(err.kind, FileErrorKind::TooNew { version: 2 }));
    assert_eq!(
        err.to_string(),
        format!(
            "无法打开文件“{}”：此文件由较新版本的程序保存（格式版本2），请升级程序后再打开",
            shown(&path)
        )
    );
    // Whatever a newer package looks like, the version is what is reported.
    let err = from_json(r#"{"format":"yusuan","version":99999999999,"package":{"units":"?"}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "此文件由较新版本的程序保存（格式版本99999999999），请升级程序后再打开"
    );
}

#[test]
fn non_utf8_bytes() {
    let t = dir();
    let path = write(t.path(), "bin.yusuan", &[0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    let err = open_err(&path);
    assert!(matches!(err.kind, FileErrorKind::NotUtf8 { offset: 4 }));
    assert_eq!(
        err.to_string(),
        format!(
            "文件“{}”不是 UTF-8 文本（第5字节处编码无效），不是预算包文件或已损坏",
            shown(&path)
        )
    );

    // A character in GBK: "财" is 0xB2 0xC6.
    let text = to_json(&sample());
    let at = text.find("财").unwrap();
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(&[0xb2, 0xc6]);
    bytes.extend_from_slice(&text.as_bytes()[at + "财".len()..]);
    let path = write(t.path(), "gbk.yusuan", &bytes);
    assert!(matches!(
        open_err(&path).kind,
        FileErrorKind::NotUtf8 { offset } if offset == at
    ));
}

#[test]
fn size_limit() {
    let t = dir();
    let path = t.path().join("huge.yusuan");
    let f = fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_SIZE + 1).unwrap(); // sparse: nothing is written
    drop(f);
    let err = open_err(&path);
    assert!(matches!(err.kind, FileErrorKind::TooLarge { size } if size == MAX_FILE_SIZE + 1));
    assert_eq!(
        err.to_string(),
        format!(
            "文件“{}”过大（100.0 MB），超过 100 MB 的上限，不是预算包文件",
            shown(&path)
        )
    );

    // Exactly at the limit the file is read (and found not to be JSON).
    let f = fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(MAX_FILE_SIZE).unwrap();
    drop(f);
    let err = open_err(&path);
    assert!(
        matches!(err.kind, FileErrorKind::Syntax { line: 1, col: 1, .. }),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------

#[test]
fn fingerprint_is_stable_and_sensitive() {
    let t = dir();
    let path = t.path().join("a.yusuan");
    let p = sample();
    let f = fingerprint(&p);
    assert_eq!(f.len(), 64);
    assert!(f.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(fingerprint(&p.clone()), f);

    save(&path, &p).unwrap();
    assert_eq!(fingerprint(&open(&path).unwrap()), f);

    let mut q = p.clone();
    q.basic_lines[0].amount = d("100000.01");
    assert_ne!(fingerprint(&q), f);
    // The scale is content too: 100000.00 and 100000 print differently.
    let mut q = p.clone();
    q.basic_lines[0].amount = d("100000");
    assert_ne!(fingerprint(&q), f);
    let mut q = p.clone();
    q.texts.insert(TextKey::Organization, "内设科室6个".to_string());
    assert_ne!(fingerprint(&q), f);

    // The content counts, not how the file is laid out.
    let compact = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&to_json(&p)).unwrap()).unwrap();
    assert_eq!(fingerprint(&from_json(&compact).unwrap()), f);
    assert_ne!(fingerprint(&Package::default()), f);
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

fn amount() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000i64, 0u32..=2).prop_map(|(n, s)| Decimal::new(n, s))
}

fn source() -> impl Strategy<Value = FundSource> {
    prop::sample::select(FundSource::ALL.to_vec())
}

fn package() -> impl Strategy<Value = Package> {
    let income = prop::collection::vec(
        ("[0-9]{0,6}", source(), amount()).prop_map(|(unit, source, amount)| IncomeEntry {
            unit,
            source,
            amount,
            ..Default::default()
        }),
        0..4,
    );
    let lines = prop::collection::vec(
        (
            "\\PC{0,8}",
            "[0-9]{7}",
            prop::option::of("[0-9]{5}"),
            prop::option::of(prop::sample::select(vec![CostKind::Personnel, CostKind::Public])),
            source(),
            amount(),
            prop::option::of(prop::sample::select(Procurement::ALL.to_vec())),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    EntryField::Unit,
                    EntryField::Kind,
                    EntryField::Source,
                    EntryField::Amount,
                ]),
                "\\PC{0,8}",
                0..3,
            ),
        )
            .prop_map(
                |(note, func, gov, kind, source, amount, procurement, rejected)| BasicLine {
                    unit: "101001".to_string(),
                    func,
                    econ: "30201".to_string(),
                    gov,
                    kind,
                    source,
                    amount,
                    note,
                    procurement,
                    rejected,
                },
            ),
        0..4,
    );
    let last_year = prop::collection::btree_map(prop::sample::select(LastYearItem::ALL.to_vec()), amount(), 0..4);
    let texts = prop::collection::btree_map(prop::sample::select(TextKey::ALL.to_vec()), "\\PC{0,20}", 0..3);
    (
        "\\PC{0,10}",
        1990i32..2100,
        income,
        lines,
        last_year,
        texts,
        prop::option::of(0u32..100),
    )
        .prop_map(|(name, year, income, basic_lines, last_year, texts, vehicles)| {
            let mut p = Package::default();
            p.department.name = name;
            p.department.year = year;
            p.income = income;
            p.basic_lines = basic_lines;
            p.last_year = LastYear(last_year);
            p.texts = texts;
            p.assets.vehicles_total = vehicles;
            p
        })
}

/// All amounts as text, to compare scales too.
fn amounts(p: &Package) -> Vec<String> {
    p.income
        .iter()
        .map(|e| e.amount)
        .chain(p.basic_lines.iter().map(|l| l.amount))
        .chain(p.last_year.0.values().copied())
        .map(|a| a.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_packages_round_trip(p in package()) {
        let text = to_json(&p);
        let back = from_json(&text).unwrap();
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(amounts(&back), amounts(&p));
        prop_assert_eq!(fingerprint(&back), fingerprint(&p));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let t = dir();
        let path = write(t.path(), "r.yusuan", &bytes);
        let result = open(&path);
        if let Err(e) = &result {
            prop_assert!(!e.to_string().is_empty());
        }
        let _ = from_json(&String::from_utf8_lossy(&bytes));
    }

    /// Damage to a real file: bytes replaced, removed or inserted.
    #[test]
    fn damaged_files_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)
    ) {
        let mut bytes = to_json(&sample()).into_bytes();
        for (at, b, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b),
            }
        }
        let t = dir();
        let path = write(t.path(), "d.yusuan", &bytes);
        match open(&path) {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// Structurally valid JSON with values swapped for other kinds of value.
    #[test]
    fn wrong_values_never_panic(
        which in any::<prop::sample::Index>(),
        replacement in prop::sample::select(vec![
            "null", "0", "-1", "1.5", "1e400", "true", "\"\"", "\"x\"", "[]", "{}", "[1,2,3]",
            "{\"a\":null}", "\"99999999999999999999999999999999\"", "18446744073709551616",
        ]),
    ) {
        let text = to_json(&sample());
        // Replace one scalar value (after a `": `) with `replacement`.
        let starts: Vec<usize> = text.match_indices("\": ").map(|(i, _)| i + 3).collect();
        let start = starts[which.index(starts.len())];
        let rest = &text[start..];
        let len = if let Some(inner) = rest.strip_prefix('"') {
            1 + inner.find('"').unwrap() + 1
        } else {
            rest.find([',', '\n']).unwrap()
        };
        if rest.starts_with('{') || rest.starts_with('[') {
            return Ok(());
        }
        let damaged = format!("{}{}{}", &text[..start], replacement, &text[start + len..]);
        match from_json(&damaged) {
            Ok(_) => {}
            Err(e) => {
                let msg = e.to_string();
                // Errors of the file as a whole, or of one field named by its path.
                let header = matches!(
                    e.kind,
                    FileErrorKind::Foreign | FileErrorKind::TooNew { .. } | FileErrorKind::MissingYear
                );
                prop_assert!(header || msg.contains("行第"), "{}", msg);
            }
        }
    }
}

#[test]
fn a_final_package_says_its_kind_and_opens_only_as_a_final() {
    use yusuan_model::file::{Kind, document_from_json, from_json_as, to_json};
    use yusuan_model::{Document, FinalIncome, FinalPackage, FundSource};
    let mut f = FinalPackage::default();
    f.department.name = "测试局".into();
    f.department.year = 2023;
    f.income.push(FinalIncome {
        unit: "001".into(),
        source: FundSource::GeneralAppropriation,
        func: "2010301".into(),
        amount: rust_decimal::Decimal::new(12_345, 2),
        rejected: Default::default(),
    });
    let text = to_json(&f);
    assert!(text.contains("\"kind\": \"final\""), "{text}");
    assert_eq!(from_json_as::<FinalPackage>(&text).unwrap(), f);
    assert_eq!(document_from_json(&text).unwrap(), Document::Final(f.clone()));
    // Asked for as a 预算: refused, named.
    let e = from_json(&text).unwrap_err();
    assert!(matches!(
        e.kind,
        FileErrorKind::WrongKind {
            expected: Kind::Budget,
            found: Kind::Final
        }
    ));
    assert!(e.to_string().contains("部门决算包"), "{e}");
    // A 预算 file (no kind) stays a 预算, and writes no kind.
    let budget = yusuan_model::sample_package();
    let text = to_json(&budget);
    let top: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(top.get("kind").is_none());
    assert!(matches!(document_from_json(&text).unwrap(), Document::Budget(_)));
    assert!(matches!(
        from_json_as::<FinalPackage>(&text).unwrap_err().kind,
        FileErrorKind::WrongKind {
            found: Kind::Budget,
            ..
        }
    ));
    // A kind this program does not know.
    let odd = text.replacen("\"version\": 1,", "\"version\": 1,\n  \"kind\": \"quarterly\",", 1);
    let e = document_from_json(&odd).unwrap_err();
    assert!(matches!(e.kind, FileErrorKind::UnknownKind { .. }));
    assert!(
        e.to_string().contains("quarterly") && e.to_string().contains("无法识别"),
        "{e}"
    );
}

#[test]
fn a_final_package_over_a_limit_is_refused_on_open_and_save() {
    use yusuan_model::FinalPackage;
    use yusuan_model::file::{from_json_as, save, to_json};
    let mut f = FinalPackage::default();
    f.department.year = 2023;
    f.reasons_by_func
        .insert("2010301".into(), "因".repeat(yusuan_model::limits::MAX_LONG_TEXT + 1));
    let e = from_json_as::<FinalPackage>(&to_json(&f)).unwrap_err();
    assert!(matches!(e.kind, FileErrorKind::OverLimit(_)));
    assert!(e.to_string().contains("2010301"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    assert!(save(&dir.path().join("f.yusuan"), &f).is_err());
    assert!(!dir.path().join("f.yusuan").exists());
}

/// A 决算 row keeps text that is not a valid value (as a 预算 row does): it is
/// written under `rejected` and read back; a file written before rows had
/// the field (no `rejected` key) opens with none.
#[test]
fn a_final_keeps_rejected_entries_and_older_files_open() {
    use yusuan_model::file::{from_json_as, to_json};
    use yusuan_model::{EntryField, FinalIncome, FinalPackage, NonFiscalSurplus};
    let mut f = FinalPackage::default();
    f.department.year = 2023;
    f.income.push(FinalIncome {
        unit: "001".into(),
        func: "2010301".into(),
        rejected: [(EntryField::Amount, "abc".to_string())].into(),
        ..Default::default()
    });
    f.surplus.push(NonFiscalSurplus {
        unit: "001".into(),
        rejected: [(EntryField::Distributed, "1.234".to_string())].into(),
        ..Default::default()
    });
    let text = to_json(&f);
    let top: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(top["package"]["income"][0]["rejected"]["amount"], "abc", "{text}");
    assert_eq!(
        top["package"]["surplus"][0]["rejected"]["distributed"], "1.234",
        "{text}"
    );
    assert_eq!(from_json_as::<FinalPackage>(&text).unwrap(), f);
    // No kept entry: no key, as before.
    f.income[0].rejected.clear();
    f.surplus[0].rejected.clear();
    let text = to_json(&f);
    assert!(!text.contains("rejected"), "{text}");
    assert_eq!(from_json_as::<FinalPackage>(&text).unwrap(), f);
}
