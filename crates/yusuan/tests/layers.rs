//! The workspace's layering (docs/architecture.md), checked on every test run:
//! no crate below the editor pulls in the window, the renderer or the file
//! dialogs, no crate names a crate above it, and the engine touches no file,
//! clock or environment.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `cargo tree -p CRATE -e normal` (this platform, no dev or build dependencies).
fn tree(krate: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .current_dir(root())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-p",
            krate,
        ])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree -p {krate}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The names of the packages in a tree.
fn names(tree: &str) -> Vec<String> {
    tree.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

const GUI_STACK: [&str; 8] = [
    "eframe",
    "winit",
    "wgpu",
    "glow",
    "glutin",
    "rfd",
    "egui-winit",
    "egui_glow",
];

#[test]
fn no_gui_stack_below_the_editor() {
    for krate in [
        "yusuan-model",
        "yusuan-report",
        "yusuan-engine",
        "yusuan-workbook",
        "yusuan-pdf",
        "yusuan-fixtures",
    ] {
        let names = names(&tree(krate));
        assert!(names.len() > 1 || krate == "yusuan-report", "{krate}: {names:?}");
        for bad in GUI_STACK.iter().chain(["egui", "egui_extras"].iter()) {
            assert!(!names.iter().any(|n| n == bad), "{krate} depends on {bad}");
        }
    }
    // The editor's library has egui, but no window, renderer or dialog.
    let names = names(&tree("yusuan-gui"));
    assert!(names.iter().any(|n| n == "egui"));
    for bad in GUI_STACK {
        assert!(!names.iter().any(|n| n == bad), "yusuan-gui depends on {bad}");
    }
}

#[test]
fn dependencies_point_down() {
    // Each crate and the workspace crates it may use.
    let allowed: [(&str, &[&str]); 6] = [
        ("yusuan-model", &[]),
        ("yusuan-report", &[]),
        ("yusuan-engine", &["yusuan-model", "yusuan-report"]),
        ("yusuan-workbook", &["yusuan-model", "yusuan-report"]),
        ("yusuan-pdf", &["yusuan-report"]),
        (
            "yusuan-gui",
            &[
                "yusuan-model",
                "yusuan-report",
                "yusuan-engine",
                "yusuan-workbook",
                "yusuan-pdf",
            ],
        ),
    ];
    for (krate, ok) in allowed {
        for n in names(&tree(krate)) {
            if n.starts_with("yusuan") && n != krate {
                assert!(ok.contains(&n.as_str()), "{krate} depends on {n}");
            }
        }
    }
}

/// Every `.rs` file under a folder.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_engine_is_pure() {
    let files = sources(&root().join("crates/engine/src"));
    assert!(files.len() > 15, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for bad in [
            "std::fs",
            "std::io",
            "std::env",
            "std::time",
            "std::net",
            "std::process",
            "std::thread",
            "File::",
            "Instant",
            "SystemTime",
            "include_str!",
            "include_bytes!",
        ] {
            assert!(!text.contains(bad), "{} uses {bad}", f.display());
        }
    }
}
