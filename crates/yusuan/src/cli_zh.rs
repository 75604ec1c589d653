//! The command line in Chinese: clap's English scaffolding (the `Usage`,
//! `Commands`, `Arguments`, `Options` headings, `[OPTIONS]`, `[COMMAND]`, the
//! `Print help` / `Print version` flags and the `help` subcommand) replaced on
//! the command built from [`Cli`], and clap's parse errors told in Chinese
//! with the command's usage, exit code 2.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// Heading of the positional arguments in `--help`.
const ARGUMENTS: &str = "参数";
/// Heading of the options in `--help`.
const OPTIONS: &str = "选项";
/// The `[OPTIONS]` placeholder in a usage line.
const OPTIONS_TAG: &str = "[选项]";

/// Every command's help: about, usage, then the headed arguments.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line of [`Cli`] with every heading, flag and usage line in
/// Chinese (built, so the usage lines include the global `--catalog`).
pub fn command() -> clap::Command {
    let mut cmd = localize(Cli::command(), true)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .subcommand_value_name("命令")
        .subcommand_help_heading("命令")
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading(OPTIONS),
        );
    cmd.build();
    chinese_usage(&mut cmd);
    cmd
}

/// Parses the process's arguments; on `--help`/`--version` or an error the
/// text is printed and the exit code returned instead.
pub fn parse() -> Result<Cli, ExitCode> {
    parse_from(std::env::args_os())
}

/// [`parse`] over given arguments (the first is the program name).
/// `yusuan help [命令]` still works as `yusuan [命令] --help`.
pub fn parse_from<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    if args.get(1).is_some_and(|a| a == "help") && args.len() <= 3 {
        args.remove(1);
        args.push("--help".into());
    }
    let mut cmd = command();
    let parsed = cmd
        .try_get_matches_from_mut(args.clone())
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // The help of our Chinese command, or `yusuan 0.1.0 (commit …)`.
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            // The subcommand the error is in: the first argument naming one.
            let sub = args
                .iter()
                .skip(1)
                .take_while(|a| *a != "--")
                .find_map(|a| cmd.find_subcommand(a).cloned());
            eprintln!("{}", message(&e, sub.as_ref()));
            Err(ExitCode::from(2))
        }
    }
}

/// Chinese headings, help flag and template on `cmd` and all its subcommands.
fn localize(cmd: clap::Command, root: bool) -> clap::Command {
    let cmd = cmd
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(if root {
                    "显示本帮助；yusuan 子命令 --help 显示该命令的用法"
                } else {
                    "显示本命令的用法"
                }),
        )
        .mut_args({
            // Under a heading of ours clap sorts arguments by display order,
            // then by name: the positionals keep the order they are given in.
            let mut position = 0;
            move |a| {
                if a.is_positional() {
                    position += 1;
                    a.help_heading(ARGUMENTS).display_order(position)
                } else {
                    a.help_heading(OPTIONS)
                }
            }
        });
    cmd.mut_subcommands(|sub| localize(sub, false))
}

/// Each command's usage as clap writes it, with `[OPTIONS]` in Chinese, as
/// its fixed usage line (so `--help` and the errors show it).
fn chinese_usage(cmd: &mut clap::Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
    let usage = usage.replace("[OPTIONS]", OPTIONS_TAG);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        chinese_usage(sub);
    }
}

/// A clap parse error in Chinese: what is wrong, clap's suggestion if any, the
/// usage of the command it is in (`sub`, else the top) and where to read more.
pub fn message(e: &clap::Error, sub: Option<&clap::Command>) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join("”或“")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let quoted = |s: Option<String>| s.map(|s| format!("“{s}”")).unwrap_or_default();
    // Several missing arguments are all needed: “<OLD>”和“<NEW>”.
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(v)) if v.len() > 1 => format!("“{}”", v.join("”和“")),
        _ => quoted(text(ContextKind::InvalidArg)),
    };
    let value = text(ContextKind::InvalidValue);
    let mut out = String::from("错误：");
    out += &match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数{arg}"),
        ErrorKind::InvalidSubcommand => format!("不认识的命令{}", quoted(text(ContextKind::InvalidSubcommand))),
        ErrorKind::MissingRequiredArgument => format!("缺少必须给出的参数{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidValue => match value.as_deref() {
            None | Some("") => format!("参数{arg}后面缺少值"),
            Some(v) => match text(ContextKind::ValidValue) {
                Some(valid) => format!("“{v}”不是参数{arg}可以取的值（可以取：“{valid}”）"),
                None => format!("“{v}”不是参数{arg}可以取的值"),
            },
        },
        ErrorKind::ValueValidation => match value {
            Some(v) => format!("参数{arg}的值“{v}”无效"),
            None => format!("参数{arg}的值无效"),
        },
        ErrorKind::NoEquals => format!(
            "参数{arg}的值要用等号给出，如 {}=…",
            text(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => match value {
            Some(v) => format!("多余的值“{v}”（参数{arg}不再需要值）"),
            None => format!("参数{arg}的值太多"),
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("参数{arg}的值个数不对"),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) => format!("参数{arg}不能与“{prior}”同时使用"),
            None => format!("参数{arg}不能与其他参数同时使用"),
        },
        ErrorKind::InvalidUtf8 => "命令行参数中有无法识别的字符（不是有效的 UTF-8 文本）".to_string(),
        _ => "无法理解命令行参数".to_string(),
    };
    let suggested = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .filter(|s| !s.is_empty());
    if let Some(s) = suggested {
        out += &format!("\n  是不是要用“{s}”？");
    }
    // clap's other tips are English sentences: told again from their quoted part.
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips.iter().map(|t| t.to_string()) {
            let quoted: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
            if tip.contains("as a value") {
                out += &format!(
                    "\n  如果{arg}是要给出的值而不是参数，请写成“{}”",
                    quoted.last().unwrap_or(&"")
                );
            } else if tip.contains("remove the") {
                out += &format!(
                    "\n  有“{}”这个命令，用它时请去掉前面的“--”",
                    quoted.first().unwrap_or(&"")
                );
            } else if tip.ends_with("exists") {
                out += &format!("\n  “{}”才有这个参数", quoted.first().unwrap_or(&""));
            }
        }
    }
    let usage = match (text(ContextKind::Usage), sub) {
        (Some(u), _) => Some(u),
        (None, Some(sub)) => Some(sub.clone().render_usage().to_string()),
        (None, None) => None,
    };
    if let Some(u) = &usage {
        let u = u.strip_prefix("Usage:").unwrap_or(u).trim();
        out += &format!("\n\n用法：{u}");
    }
    out += &match sub {
        Some(sub) => format!("\n\n用 yusuan {} --help 查看用法", sub.get_name()),
        None => "\n\n用 yusuan --help 查看所有命令，用 yusuan 子命令 --help 查看用法".to_string(),
    };
    out
}
