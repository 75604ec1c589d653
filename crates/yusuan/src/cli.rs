//! The command line: `yusuan export|check|verify|import|template|diff`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use yusuan_engine::final_accounts::{self, FinalComputed, checks::Level as FinalLevel};
use yusuan_engine::{self as engine, Computed};
use yusuan_model::{Document, FinalPackage, Package};

/// `0.1.0 (commit abc123)`, for `--version`.
pub const VERSION_LINE: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("YUSUAN_COMMIT"), ")");

#[derive(Parser, Debug)]
#[command(
    name = "yusuan",
    version = VERSION_LINE,
    about = "部门预算、决算编制与公开：编制、审核并输出公开表格和公开文件",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 以只读（审核）方式打开预算包或决算包
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// 要打开的预算包或决算包（.yusuan），或导入模板 .xlsx、CSV 文件夹
    pub file: Option<PathBuf>,
    /// 打开后立即与较早的版本（同类的预算包或决算包）比较，如 --review 修订稿.yusuan --compare 送审稿.yusuan
    #[arg(long, value_name = "OLD")]
    pub compare: Option<PathBuf>,
    /// 当年官方科目表所在的文件夹（功能分类.csv、部门经济分类.csv、政府经济分类.csv、经济分类对照.csv），覆盖内置科目表
    #[arg(long, global = true, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 导出公开表格和公开文件：INPUT 为 .yusuan 预算包或决算包、导入模板 .xlsx 或 CSV 文件夹
    Export {
        /// .yusuan 预算包或决算包、导入模板 .xlsx 或 CSV 文件夹
        input: PathBuf,
        /// 输出 14 张表的 Excel 文件
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// 输出完整的部门预算公开文件（封面、目录、情况说明和 14 张表）PDF
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// 有审核错误时拒绝导出
        #[arg(long)]
        strict: bool,
    },
    /// 审核：逐条列出错误和警告（无错误退出码0，有错误1，无法读取2）
    Check {
        /// .yusuan 预算包或决算包、导入模板 .xlsx 或 CSV 文件夹
        input: PathBuf,
    },
    /// 自检导出的文件：Excel 读回单元格，按科目编码重新加总（类=各款之和、款=各项之和、合计=各类之和，允许尾差）；PDF 读回文字和表格线，核对页码、目录页码、每张表续页的表头，并重新加总按科目编码分级的表；无问题退出码0，有问题1，无法读取2
    Verify {
        /// 导出的 .xlsx 或 .pdf 文件
        file: PathBuf,
    },
    /// 把导入模板（.xlsx 或 CSV 文件夹）转换为预算包或决算包（封面有“决算年度”即为决算）
    Import {
        /// 导入模板 .xlsx 或存放导入 CSV 文件的文件夹
        input: PathBuf,
        /// 保存的预算包或决算包（.yusuan）
        #[arg(short, long, value_name = "PACKAGE.yusuan")]
        output: PathBuf,
    },
    /// 生成空白的导入模板（带下拉选项）
    Template {
        /// 生成的导入模板（.xlsx）
        #[arg(short, long, value_name = "FILE.xlsx")]
        output: PathBuf,
        /// 生成决算导入模板（默认为预算导入模板）
        #[arg(long = "final")]
        final_: bool,
    },
    /// 比较两个版本的预算包或决算包：输入的变化、公开表的变化、审核结果的变化（相同退出码0，不同1，无法读取2）
    Diff {
        /// 原版本（.yusuan 预算包、导入模板 .xlsx 或 CSV 文件夹）
        old: PathBuf,
        /// 新版本
        new: PathBuf,
        /// 另存为 Excel：变化的单元格、输入的变化和审核结果的变化各一张表
        #[arg(long, value_name = "FILE.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// 追溯一个公布数的来源：列出构成该格的各输入行（单位、科目、资金来源、金额），其精确合计（元）和公布数（万元）
    Explain {
        /// .yusuan 预算包或决算包、导入模板 .xlsx 或 CSV 文件夹
        input: PathBuf,
        /// 表名：预算01表…预算14表，或 公开01表…公开09表
        table: String,
        /// 行：科目编码（如 2150501）或表中印出的项目名称
        row: String,
        /// 栏：表头文字（如 合计、基本支出 小计）或栏次；不给则列出该行每一栏
        column: Option<String>,
    },
    /// 新建决算：从当年的预算包取出单位、项目、绩效目标和年初预算数，生成决算包（预算包不变）
    NewFinal {
        /// 当年的预算包（.yusuan）
        budget: PathBuf,
        /// 新建的决算包（不会覆盖已有文件）
        #[arg(short, long, value_name = "决算.yusuan")]
        output: PathBuf,
    },
    /// 从上年的预算包（或决算包）取上年数：INPUT 的上年数（上年决算数）按 LAST 公开的数字填写，记录其指纹，另存为 OUT，并列出每项的变化
    FillLastYear {
        /// 本年的预算包或决算包
        input: PathBuf,
        /// 上年同一部门的预算包或决算包（.yusuan）
        last: PathBuf,
        /// 填好上年数后保存的包（可以就是 INPUT）
        #[arg(long, value_name = "OUT.yusuan")]
        out: PathBuf,
    },
    /// 汇总多个预算包、决算包（文件或文件夹中的 .yusuan）：每包一行（部门、年度、类型、收支总计、基本/项目支出、三公、错误和警告数、指纹），无法读取的文件列在第二张表
    Summary {
        /// 预算包、决算包（.yusuan），或存放它们的文件夹
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 汇总表（Excel）
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
}

/// Reads a 预算 or 决算 package from a `.yusuan` file, an import workbook or
/// an import folder (a workbook whose 封面 has 决算年度 is a 决算).
pub fn load_document(path: &Path) -> Result<Document, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "yusuan" {
        yusuan_model::file::open_document(path).map_err(|e| e.to_string())
    } else if path.is_dir() || ext == "xlsx" {
        yusuan_workbook::import_final::import_document(path).map_err(|e| e.to_string())
    } else if !path.exists() {
        Err(format!("找不到“{}”", path.display()))
    } else {
        Err(format!(
            "无法识别“{}”：请给出 .yusuan 预算包或决算包、导入模板 .xlsx 文件，或存放导入 CSV 文件的文件夹",
            path.display()
        ))
    }
}

/// What `check` says of a 决算 package: what it holds, then the findings of
/// the 决算 audit (`final_accounts::checks`), one a line.
pub fn print_final_check(f: &FinalPackage, c: &FinalComputed) {
    let d = &f.department;
    let lines: usize = f.projects.iter().map(|p| p.lines.len()).sum();
    println!(
        "决算包：{}（{}）{}年度决算，{}个单位、{}条收入、{}笔基本支出、{}个项目（{}笔项目支出）",
        d.name,
        d.code,
        d.year,
        f.units.len(),
        f.income.len(),
        f.basic_lines.len(),
        f.projects.len(),
        lines
    );
    println!("文件检查通过：格式、编码、必填项和长度限制均无问题");
    for x in &c.findings {
        let level = match x.level {
            FinalLevel::Error => "错误",
            FinalLevel::Warning => "警告",
        };
        println!("{level}\t{}\t{}\t{}", x.id, x.place, x.message);
    }
    let errors = final_errors(c);
    println!("共{}个错误，{}个警告", errors, c.findings.len() - errors);
    println!(
        "说明：公开01–09表、决算情况说明和绩效自评附件由同一份数据生成，表内、表间关系和说明中的数字自动成立；已审核录入的数据（单位、科目、金额、年末结转和结余、三公与资产、政府采购）、说明引用的文字（原因、用途是否填写，改写段落中的数字，N0–N16）和自评得分与附件（P1–P8；W1–W6为合理性提示）"
    );
}

/// P1 and W5 against the 预算 file the 决算 was started from (`new-final`),
/// when it is found beside the 决算 under the name recorded: its 收入总计
/// against the A1 年初预算数, its fingerprint against the one recorded.
pub(crate) fn budget_findings(input: &Path, f: &FinalPackage) -> Vec<final_accounts::checks::FinalFinding> {
    let Some(r) = f.budget_ref.as_ref().filter(|r| !r.file_name.is_empty()) else {
        return Vec::new();
    };
    let path = input.parent().unwrap_or(Path::new(".")).join(&r.file_name);
    let Ok(budget) = yusuan_model::file::open(&path) else {
        return Vec::new();
    };
    let t = engine::compute(&budget).totals;
    let total = t.government_funds + t.fiscal_special_funds + t.unit_funds;
    let eval = final_accounts::eval_checks::budget_changed(f, &yusuan_model::file::fingerprint(&budget));
    eval.into_iter()
        .chain(final_accounts::eval_checks::initial_against_budget(f, total))
        .collect()
}

/// The number of errors among a 决算's findings.
fn final_errors(c: &FinalComputed) -> usize {
    c.findings.iter().filter(|x| x.level == FinalLevel::Error).count()
}

/// Prints the findings, one a line: level, rule, place, message.
pub fn print_findings(package: &Package, computed: &Computed) {
    for f in &computed.findings {
        println!(
            "{}\t{}\t{}\t{}",
            f.level.label(),
            f.rule,
            f.location.describe(package),
            f.message
        );
    }
    println!("共{}个错误，{}个警告", computed.error_count(), computed.warning_count());
}

/// [`load`] for other modules (`diff`).
pub fn load_with_catalog(cli: &Cli, path: &Path) -> Result<Document, String> {
    load(cli, path)
}

/// Reads the input and, with `--catalog DIR`, loads the official catalog into it.
fn load(cli: &Cli, path: &Path) -> Result<Document, String> {
    let mut doc = load_document(path)?;
    if let Some(dir) = &cli.catalog {
        let catalog = match &mut doc {
            Document::Budget(p) => &mut p.catalog,
            Document::Final(f) => &mut f.catalog,
        };
        yusuan_model::catalog::Catalog::load_official_dir(dir, catalog).map_err(|e| e.to_string())?;
    }
    Ok(doc)
}

/// Runs a subcommand; `None` when the GUI should open instead.
pub fn run(cli: &Cli) -> Option<ExitCode> {
    let command = cli.command.as_ref()?;
    Some(match command {
        Command::Check { input } => match load(cli, input) {
            Err(e) => fail(&e),
            Ok(Document::Final(f)) => {
                let mut c = final_accounts::compute(&f);
                c.findings.extend(budget_findings(input, &f));
                print_final_check(&f, &c);
                if final_errors(&c) > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Ok(Document::Budget(p)) => {
                let c = engine::compute(&p);
                print_findings(&p, &c);
                if c.error_count() > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
        },
        Command::Export {
            input,
            xlsx,
            pdf,
            strict,
        } => {
            if xlsx.is_none() && pdf.is_none() {
                return Some(fail("请用 --xlsx FILE 或 --pdf FILE 指定要导出的文件"));
            }
            let p = match load(cli, input) {
                Ok(Document::Budget(p)) => p,
                Ok(Document::Final(f)) => {
                    return Some(export_final(&f, xlsx.as_deref(), pdf.as_deref(), *strict));
                }
                Err(e) => return Some(fail(&e)),
            };
            let c = engine::compute(&p);
            if c.error_count() > 0 {
                eprintln!(
                    "注意：预算包有{}个审核错误，导出的表格不宜公开（用 yusuan check 查看）",
                    c.error_count()
                );
                if *strict {
                    return Some(ExitCode::from(1));
                }
            }
            // Exported with errors: the files themselves say they are drafts.
            let draft = (c.error_count() > 0).then_some(yusuan_report::DRAFT_MARK);
            let mut status = ExitCode::SUCCESS;
            let done = |path: &PathBuf| {
                if draft.is_some() {
                    eprintln!("已导出 {}（标注“{}”）", path.display(), yusuan_report::DRAFT_MARK);
                } else {
                    eprintln!("已导出 {}", path.display());
                }
            };
            if let Some(path) = xlsx {
                if let Err(e) = yusuan_workbook::xlsx::export_with(&c.tables, &p.department.name, path, draft) {
                    return Some(fail(&e.to_string()));
                }
                done(path);
                if !self_check(path) {
                    status = ExitCode::from(1);
                }
            }
            if let Some(path) = pdf {
                let publication = engine::publication(&p, &c);
                if let Err(e) = write_pdf(path, &publication, draft) {
                    return Some(fail(&e));
                }
                done(path);
                if !self_check_pdf(path, &publication) {
                    status = ExitCode::from(1);
                }
            }
            status
        }
        Command::Verify { file } => verify(file),
        Command::FillLastYear { input, last, out } => crate::many::fill_last_year_command(input, last, out),
        Command::Summary { inputs, out } => crate::many::summary_command(inputs, out),
        Command::Diff { old, new, xlsx } => crate::diff_cli::run(cli, old, new, xlsx.as_deref()),
        Command::Explain {
            input,
            table,
            row,
            column,
        } => match load(cli, input) {
            Err(e) => fail(&e),
            Ok(doc) => crate::explain::run(&doc, table, row, column.as_deref()),
        },
        Command::Import { input, output } => match load(cli, input) {
            Err(e) => fail(&e),
            Ok(Document::Final(f)) => match yusuan_model::file::save(output, &f) {
                Err(e) => fail(&e.to_string()),
                Ok(()) => {
                    let c = final_accounts::compute(&f);
                    let errors = final_errors(&c);
                    eprintln!(
                        "已保存决算包 {}（{}个错误，{}个警告）",
                        output.display(),
                        errors,
                        c.findings.len() - errors
                    );
                    ExitCode::SUCCESS
                }
            },
            Ok(Document::Budget(p)) => match yusuan_model::file::save(output, &p) {
                Err(e) => fail(&e.to_string()),
                Ok(()) => {
                    let c = engine::compute(&p);
                    eprintln!(
                        "已保存 {}（{}个错误，{}个警告）",
                        output.display(),
                        c.error_count(),
                        c.warning_count()
                    );
                    ExitCode::SUCCESS
                }
            },
        },
        Command::NewFinal { budget, output } => {
            let p = match yusuan_model::file::open(budget) {
                Ok(p) => p,
                Err(e) => return Some(fail(&e.to_string())),
            };
            if output.exists() {
                return Some(fail(&format!(
                    "“{}”已存在：新建决算不会覆盖已有文件，请换一个文件名",
                    output.display()
                )));
            }
            let r = yusuan_model::BudgetRef {
                file_name: budget
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                fingerprint: yusuan_model::file::fingerprint(&p),
                taken_at: String::new(),
            };
            let f = final_accounts::from_budget(&p, r);
            match yusuan_model::file::save(output, &f) {
                Err(e) => fail(&e.to_string()),
                Ok(()) => {
                    eprintln!(
                        "已新建{}年度决算包 {}：{}个单位、{}个项目及其绩效目标、{}条年初预算数取自预算包；请导入决算数据（收入、支出、结转结余等）",
                        f.department.year,
                        output.display(),
                        f.units.len(),
                        f.projects.len(),
                        f.plan.initial.len()
                    );
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Template { output, final_ } => {
            let (written, what) = if *final_ {
                (
                    yusuan_workbook::import_final::write_template_final(output, None),
                    "决算导入模板",
                )
            } else {
                (yusuan_workbook::import::write_template(output, None), "导入模板")
            };
            match written {
                Err(e) => fail(&e.to_string()),
                Ok(()) => {
                    eprintln!("已生成{what} {}", output.display());
                    ExitCode::SUCCESS
                }
            }
        }
    })
}

/// An error in Chinese on stderr; exit code 2 (unreadable input).
pub(crate) fn fail(message: &str) -> ExitCode {
    eprintln!("错误：{message}");
    ExitCode::from(2)
}

/// `export` of a 决算: the tables 公开01–09 and the 绩效自评 附件 as xlsx, the
/// whole publication (cover, 目录, 第一–五部分 with the 情况说明) as PDF.
fn export_final(f: &FinalPackage, xlsx: Option<&Path>, pdf: Option<&Path>, strict: bool) -> ExitCode {
    let c = final_accounts::compute(f);
    let errors = final_errors(&c);
    if errors > 0 {
        eprintln!("注意：决算包有{errors}个审核错误，导出的表格不宜公开（用 yusuan check 查看）");
        if strict {
            return ExitCode::from(1);
        }
    }
    let draft = (errors > 0).then_some(yusuan_report::DRAFT_MARK);
    let mut status = ExitCode::SUCCESS;
    if let Some(path) = xlsx {
        if let Err(e) = yusuan_workbook::xlsx::export_with(&c.published(), &f.department.name, path, draft) {
            return fail(&e.to_string());
        }
        match draft {
            Some(mark) => eprintln!("已导出 {}（标注“{mark}”）", path.display()),
            None => eprintln!("已导出 {}", path.display()),
        }
        if !self_check(path) {
            status = ExitCode::from(1);
        }
    }
    if let Some(path) = pdf {
        let publication = final_accounts::publication(f, &c);
        if let Err(e) = write_pdf(path, &publication, draft) {
            return fail(&e);
        }
        match draft {
            Some(mark) => eprintln!("已导出 {}（标注“{mark}”）", path.display()),
            None => eprintln!("已导出 {}", path.display()),
        }
        if !self_check_pdf(path, &publication) {
            status = ExitCode::from(1);
        }
    }
    status
}

/// The publication as PDF, written atomically.
fn write_pdf(path: &Path, publication: &yusuan_report::Publication, draft: Option<&str>) -> Result<(), String> {
    let bytes = yusuan_pdf::publication_pdf_with(publication, draft).map_err(|e| e.to_string())?;
    yusuan_model::file::write_atomic(path, &bytes)
        .map_err(|e| format!("无法写入“{}”：{}", path.display(), yusuan_model::file::describe_io(&e)))
}

/// `verify FILE`: an exported workbook read back and re-added
/// ([`yusuan_workbook::verify`]), or an exported PDF read back
/// ([`yusuan_pdf::verify`]); exit 0 clean, 1 with findings, 2 unreadable.
fn verify(file: &Path) -> ExitCode {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "xlsx" && ext != "pdf" {
        return fail(&format!(
            "无法识别“{}”：请给出导出的 .xlsx 或 .pdf 文件",
            file.display()
        ));
    }
    if let Err(e) = std::fs::metadata(file) {
        return fail(&format!(
            "无法读取“{}”：{}",
            file.display(),
            yusuan_model::file::describe_io(&e)
        ));
    }
    let findings = if ext == "pdf" {
        read_pdf(file, None).map(|r| {
            for p in &r.problems {
                println!("{}", p.message);
            }
            println!("{}", r.summary());
            r.problems.len()
        })
    } else {
        // Any file may be given: it is looked at in bounded memory first.
        yusuan_workbook::verify::verify_file(file).map(|r| {
            for f in &r.findings {
                println!("{f}");
            }
            println!("{}", r.summary());
            r.findings.len()
        })
    };
    match findings {
        Err(e) => fail(&format!("“{}”：{e}", file.display())),
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
    }
}

/// A PDF read back within the checker's size bound (the size is looked at
/// before anything is read).
/// After a PDF export: the written file read back, and its text against
/// the publication it was made from; findings go to stderr.
fn self_check_pdf(path: &Path, publication: &yusuan_report::Publication) -> bool {
    match read_pdf(path, Some(publication)) {
        Err(e) => {
            eprintln!("自检：无法读回 {}：{e}", path.display());
            false
        }
        Ok(r) => {
            for p in &r.problems {
                eprintln!("自检：{}", p.message);
            }
            eprintln!("{}", r.summary());
            r.problems.is_empty()
        }
    }
}

fn read_pdf(
    file: &Path,
    publication: Option<&yusuan_report::Publication>,
) -> Result<yusuan_pdf::verify::PdfCheck, String> {
    let len = std::fs::metadata(file)
        .map_err(|e| yusuan_model::file::describe_io(&e))?
        .len();
    if len > yusuan_pdf::verify::MAX_PDF_BYTES as u64 {
        return Err(format!(
            "文件有{}MB，超过公开文件的上限{}MB，没有检查",
            len >> 20,
            yusuan_pdf::verify::MAX_PDF_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| yusuan_model::file::describe_io(&e))?;
    let readd = &yusuan_workbook::verify::readd_grid;
    match publication {
        Some(p) => yusuan_pdf::verify::verify_publication(&bytes, p, readd),
        None => yusuan_pdf::verify::verify_pdf_with(&bytes, readd),
    }
}

/// After an export: the written file read back (an xlsx re-added, a PDF's
/// pages, 目录 and table headers read); findings go to stderr (a writer bug shows up here, not in print). `false` when the
/// file does not verify.
fn self_check(path: &Path) -> bool {
    let r = std::fs::read(path)
        .map_err(|e| yusuan_model::file::describe_io(&e))
        .and_then(|b| yusuan_workbook::verify::verify_xlsx(&b));
    match r {
        Err(e) => {
            eprintln!("自检：无法读回 {}：{e}", path.display());
            false
        }
        Ok(r) => {
            for f in &r.findings {
                eprintln!("自检：{f}");
            }
            eprintln!("{}", r.summary());
            r.findings.is_empty()
        }
    }
}
