//! What an officer reads from the command line is Chinese: `--help` of the
//! program and of every subcommand carries none of clap's English scaffolding,
//! and a mistyped command line gets a Chinese message, the command's usage and
//! exit code 2.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every subcommand, as listed in the program's Chinese help (kept in sync
/// by `top_help_is_chinese`).
const SUBCOMMANDS: [&str; 10] = [
    "export",
    "check",
    "verify",
    "import",
    "template",
    "diff",
    "explain",
    "new-final",
    "fill-last-year",
    "summary",
];

/// The English words clap writes around our texts (clap 4.6's help and
/// error templates; `Print` is its `Print help`, `Print version` and the
/// `help` subcommand's `Print this message …`).
const CLAP_WORDS: [&str; 15] = [
    "Usage",
    "Commands",
    "Options",
    "Arguments",
    "OPTIONS",
    "COMMAND",
    "Print",
    "error",
    "tip",
    "For more information",
    "unexpected",
    "argument",
    "required",
    "found",
    "subcommand",
];

fn assert_no_clap_english(text: &str, what: &str) {
    for w in CLAP_WORDS {
        assert!(!text.contains(w), "{what}: “{w}” in\n{text}");
    }
}

#[test]
fn top_help_is_chinese() {
    for flag in ["--help", "-h"] {
        let o = run(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert_no_clap_english(&out, flag);
        for heading in [
            "用法：yusuan [选项] [FILE] [命令]",
            "命令:",
            "选项:",
            "参数:",
            "显示版本号",
        ] {
            assert!(out.contains(heading), "{heading} missing in\n{out}");
        }
        // Every subcommand is listed, and no other (no clap `help` subcommand).
        let listed: Vec<&str> = out
            .split("命令:\n")
            .nth(1)
            .unwrap()
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(listed, SUBCOMMANDS, "{out}");
    }
}

#[test]
fn every_subcommand_help_is_chinese() {
    for sub in SUBCOMMANDS {
        let o = run(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}: {}", stderr(&o));
        let out = stdout(&o);
        assert_no_clap_english(&out, sub);
        assert!(out.contains(&format!("用法：yusuan {sub} [选项]")), "{out}");
        assert!(out.contains("-h, --help") && out.contains("显示本命令的用法"), "{out}");
        // Every argument line says what it is in Chinese (no bare `<INPUT>`).
        for line in out.lines().filter(|l| l.starts_with("  ")) {
            assert!(
                line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{sub}: “{line}” has no Chinese help"
            );
        }
        // `yusuan help SUB` still shows the same help.
        let o = run(&["help", sub]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), out, "yusuan help {sub}");
    }
}

#[test]
fn unknown_flag_is_told_in_chinese() {
    let o = run(&["--foo"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_no_clap_english(&err, "--foo");
    assert!(err.starts_with("错误：不认识的参数“--foo”"), "{err}");
    assert!(err.contains("用法：yusuan [选项] [FILE] [命令]"), "{err}");
    assert!(err.contains("用 yusuan 子命令 --help 查看用法"), "{err}");

    let o = run(&["export", "in.yusuan", "--xlx", "out.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_no_clap_english(&err, "export --xlx");
    assert!(err.starts_with("错误：不认识的参数“--xlx”"), "{err}");
    assert!(err.contains("是不是要用“--xlsx”？"), "{err}");
    assert!(err.contains("用法：yusuan export [选项] <INPUT>"), "{err}");
    assert!(err.contains("用 yusuan export --help 查看用法"), "{err}");
}

#[test]
fn missing_and_bad_arguments_are_told_in_chinese() {
    // (arguments, what the message starts with, the usage shown)
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["diff"],
            "错误：缺少必须给出的参数“<OLD>”和“<NEW>”",
            "用法：yusuan diff [选项] <OLD> <NEW>",
        ),
        (
            &["export"],
            "错误：缺少必须给出的参数“<INPUT>”",
            "用法：yusuan export [选项] <INPUT>",
        ),
        (
            &["template", "-o"],
            "错误：参数“--output <FILE.xlsx>”后面缺少值",
            "用法：yusuan template [选项] --output <FILE.xlsx>",
        ),
        (
            &["import", "a"],
            "错误：缺少必须给出的参数“--output <PACKAGE.yusuan>”",
            "用法：yusuan import [选项] --output <PACKAGE.yusuan> <INPUT>",
        ),
        (
            &["check", "a", "b"],
            "错误：不认识的参数“b”",
            "用法：yusuan check [选项] <INPUT>",
        ),
        (&["a", "chek"], "错误：不认识的命令“chek”", "是不是要用“check”？"),
    ];
    for (args, message, usage) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_no_clap_english(&err, &args.join(" "));
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(err.contains(usage), "{args:?}: {err}");
        assert!(err.trim_end().ends_with("查看用法"), "{args:?}: {err}");
    }
}

#[test]
fn version_is_unchanged() {
    let o = run(&["-V"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("yusuan "), "{}", stdout(&o));
}
