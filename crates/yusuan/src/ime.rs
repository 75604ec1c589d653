//! Chinese input on Linux (issue 9; measurements in docs/ime.md):
//!
//! - [`env_fix`]: the environment an X input method needs — `XMODIFIERS`
//!   when the desktop names fcitx or ibus only for GTK/Qt, and a UTF-8
//!   `LC_CTYPE` (with a warning) when the locale is not UTF-8;
//! - [`KeepInputMethod`]: one input context for the whole session, so that
//!   the input method's mode (中/英) survives moving between fields.

use eframe::egui;
use egui::output::IMEOutput;

/// Changes to make to the environment before the window opens.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EnvFix {
    /// Variables to set (name, value).
    pub set: Vec<(&'static str, String)>,
    /// Lines for stderr.
    pub warnings: Vec<String>,
}

/// Where desktops name the input method for other toolkits; the first that
/// names fcitx or ibus gives `XMODIFIERS`.
const IM_HINTS: [&str; 4] = ["GTK_IM_MODULE", "QT_IM_MODULE", "SDL_IM_MODULE", "INPUT_METHOD"];

/// What to change in an environment (`get` reads a variable). Pure: the
/// caller applies it. winit reads `XMODIFIERS` to find the X input method
/// (XIM); without it, it opens the local one and typing gives Latin letters.
pub fn env_fix(get: impl Fn(&str) -> Option<String>) -> EnvFix {
    let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
    let mut fix = EnvFix::default();
    if get("XMODIFIERS").is_none()
        && let Some(server) = IM_HINTS.iter().find_map(|name| xim_server(&get(name)?))
    {
        fix.set.push(("XMODIFIERS", format!("@im={server}")));
    }
    // The locale's character set is LC_ALL, else LC_CTYPE, else LANG (POSIX).
    // Xlib takes the input method's text in it; in "C" nothing arrives.
    // LC_CTYPE=C.UTF-8 (in glibc, Debian and Ubuntu) changes only this
    // process's character set; under LC_ALL it would not count.
    let lc_all = get("LC_ALL");
    let ctype = lc_all.clone().or_else(|| get("LC_CTYPE")).or_else(|| get("LANG"));
    if !ctype.as_deref().is_some_and(is_utf8) {
        let shown = ctype.as_deref().unwrap_or("C");
        if lc_all.is_none() {
            fix.set.push(("LC_CTYPE", "C.UTF-8".to_string()));
            fix.warnings.push(format!(
                "警告：区域设置（locale）为 {shown}，不是 UTF-8；本程序改用 LC_CTYPE=C.UTF-8 接收输入法的输入。请将系统区域设置改为 zh_CN.UTF-8（见 /usr/share/doc/yusuan/ime.md）。"
            ));
        } else {
            fix.warnings.push(format!(
                "警告：区域设置（locale）LC_ALL={shown}，不是 UTF-8，中文输入法可能无法输入。请使用 zh_CN.UTF-8（见 /usr/share/doc/yusuan/ime.md）。"
            ));
        }
    }
    fix
}

/// The XIM server name for an input method named in `GTK_IM_MODULE` etc.
/// fcitx 5 registers as `fcitx` too.
fn xim_server(module: &str) -> Option<&'static str> {
    let m = module.trim().to_ascii_lowercase();
    if m.starts_with("fcitx") {
        Some("fcitx")
    } else if m.starts_with("ibus") {
        Some("ibus")
    } else {
        None
    }
}

/// `zh_CN.UTF-8`, `C.utf8`, `en_US.UTF-8@euro` …
fn is_utf8(locale: &str) -> bool {
    let codeset = locale.split_once('.').map_or("", |(_, rest)| rest);
    let codeset = codeset.split('@').next().unwrap_or("").to_ascii_lowercase();
    codeset == "utf-8" || codeset == "utf8"
}

/// Applies [`env_fix`] to this process and prints its warnings.
///
/// # Safety
/// Changes the process environment: call before any other thread exists
/// (at the start of `main`).
pub unsafe fn prepare_environment() {
    let fix = env_fix(|name| std::env::var(name).ok());
    for (name, value) in &fix.set {
        // SAFETY: the caller guarantees that no other thread runs yet.
        unsafe { std::env::set_var(name, value) };
    }
    for w in &fix.warnings {
        eprintln!("{w}");
    }
}

/// Keeps one input context for the whole session.
///
/// egui asks for the input method only while a text field has the focus, and
/// asks to interrupt the composition whenever a widget takes the focus;
/// egui-winit answers both with `set_ime_allowed(false)`, and winit's X11
/// backend then destroys its XIM input context and makes a new one. fcitx (by
/// default) keeps the 中/英 mode per input context, so it fell back to
/// English after every combo box or button. This hook keeps the input method
/// allowed once a text field has had the focus (at the last cursor place) and
/// drops the interruption; a GTK program keeps its context likewise.
///
/// It also moves the spot winit gives the input method (the top-left of the
/// text cursor) to the cursor's bottom: fcitx and ibus put the candidate
/// window below the spot, which covered the line being typed.
///
/// For X11 only (XIM): on Wayland winit keeps its text-input object and the
/// cursor rectangle is passed whole.
#[derive(Default)]
pub struct KeepInputMethod {
    last: Option<IMEOutput>,
}

impl egui::Plugin for KeepInputMethod {
    fn debug_name(&self) -> &'static str {
        "yusuan::KeepInputMethod"
    }
    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut egui::FullOutput) {
        keep(&mut self.last, &mut output.platform_output.ime);
    }
}

/// The rule of [`KeepInputMethod`] for one pass's `ime` output.
fn keep(last: &mut Option<IMEOutput>, ime: &mut Option<IMEOutput>) {
    match ime {
        Some(now) => {
            now.should_interrupt_composition = false;
            let h = now.cursor_rect.height();
            now.cursor_rect = now.cursor_rect.translate(egui::vec2(0.0, h));
            *last = Some(*now);
        }
        None => *ime = *last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn fix(vars: &[(&str, &str)]) -> EnvFix {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        env_fix(|n| vars.get(n).cloned())
    }

    #[test]
    fn xmodifiers_from_the_toolkit_variables() {
        let utf8 = ("LANG", "zh_CN.UTF-8");
        assert_eq!(
            fix(&[utf8, ("GTK_IM_MODULE", "fcitx")]).set,
            vec![("XMODIFIERS", "@im=fcitx".to_string())]
        );
        assert_eq!(
            fix(&[utf8, ("QT_IM_MODULE", "fcitx5")]).set,
            vec![("XMODIFIERS", "@im=fcitx".to_string())]
        );
        assert_eq!(
            fix(&[utf8, ("GTK_IM_MODULE", "ibus"), ("QT_IM_MODULE", "ibus")]).set,
            vec![("XMODIFIERS", "@im=ibus".to_string())]
        );
        // GTK on Wayland says "wayland"; Qt still names the input method.
        assert_eq!(
            fix(&[utf8, ("GTK_IM_MODULE", "wayland"), ("QT_IM_MODULE", "fcitx")]).set,
            vec![("XMODIFIERS", "@im=fcitx".to_string())]
        );
        assert_eq!(
            fix(&[utf8, ("INPUT_METHOD", "fcitx")]).set,
            vec![("XMODIFIERS", "@im=fcitx".to_string())]
        );
        // An empty XMODIFIERS counts as missing.
        assert_eq!(
            fix(&[utf8, ("XMODIFIERS", ""), ("GTK_IM_MODULE", "ibus")]).set,
            vec![("XMODIFIERS", "@im=ibus".to_string())]
        );
    }

    #[test]
    fn a_given_xmodifiers_or_no_input_method_changes_nothing() {
        let utf8 = ("LANG", "zh_CN.UTF-8");
        assert_eq!(
            fix(&[utf8, ("XMODIFIERS", "@im=ibus"), ("GTK_IM_MODULE", "fcitx")]),
            EnvFix::default()
        );
        assert_eq!(fix(&[utf8]), EnvFix::default());
        assert_eq!(fix(&[utf8, ("GTK_IM_MODULE", "xim")]), EnvFix::default());
        assert_eq!(
            fix(&[utf8, ("GTK_IM_MODULE", "gtk-im-context-simple")]),
            EnvFix::default()
        );
    }

    #[test]
    fn a_locale_that_is_not_utf8_gets_a_utf8_ctype_and_a_warning() {
        for ok in [
            vec![("LANG", "zh_CN.UTF-8")],
            vec![("LANG", "C.utf8")],
            vec![("LANG", "C"), ("LC_CTYPE", "zh_CN.utf8")],
            vec![("LANG", "zh_CN.GBK"), ("LC_ALL", "en_US.UTF-8@euro")],
            vec![("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")],
        ] {
            assert_eq!(fix(&ok), EnvFix::default(), "{ok:?}");
        }
        for bad in [
            vec![],
            vec![("LANG", "C")],
            vec![("LANG", "POSIX")],
            vec![("LANG", "zh_CN")],
            vec![("LANG", "zh_CN.GB18030")],
            vec![("LANG", "zh_CN.UTF-8"), ("LC_CTYPE", "zh_CN.GBK")],
        ] {
            let f = fix(&bad);
            assert_eq!(f.set, vec![("LC_CTYPE", "C.UTF-8".to_string())], "{bad:?}");
            assert_eq!(f.warnings.len(), 1, "{bad:?}");
            assert!(f.warnings[0].contains("不是 UTF-8"), "{f:?}");
        }
        assert!(fix(&[("LANG", "zh_CN.GBK")]).warnings[0].contains("为 zh_CN.GBK，"));
        assert!(fix(&[]).warnings[0].contains("为 C，"));
        // LC_ALL overrides LC_CTYPE: only the warning.
        let f = fix(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]);
        assert!(f.set.is_empty());
        assert!(f.warnings[0].contains("LC_ALL=C"), "{f:?}");
        // Both fixes at once.
        let f = fix(&[("LANG", "C"), ("GTK_IM_MODULE", "fcitx")]);
        assert_eq!(
            f.set,
            vec![
                ("XMODIFIERS", "@im=fcitx".to_string()),
                ("LC_CTYPE", "C.UTF-8".to_string())
            ]
        );
    }

    fn out(y: f32, interrupt: bool) -> IMEOutput {
        IMEOutput {
            purpose: egui::IMEPurpose::Normal,
            rect: egui::Rect::from_min_size(egui::pos2(10.0, y), egui::vec2(200.0, 20.0)),
            cursor_rect: egui::Rect::from_min_size(egui::pos2(50.0, y + 2.0), egui::vec2(1.0, 16.0)),
            should_interrupt_composition: interrupt,
        }
    }

    #[test]
    fn keeps_the_input_method_once_a_field_had_the_focus() {
        let mut last = None;
        // No field yet: nothing asked for.
        let mut ime = None;
        keep(&mut last, &mut ime);
        assert_eq!(ime, None);
        // A field: the spot moves below the cursor, no interruption.
        let mut ime = Some(out(100.0, true));
        keep(&mut last, &mut ime);
        let shown = ime.unwrap();
        assert!(!shown.should_interrupt_composition);
        assert_eq!(shown.cursor_rect.min.y, 118.0);
        assert_eq!(shown.cursor_rect.height(), 16.0);
        // A button has the focus: the same context stays allowed, not moved again.
        let mut ime = None;
        keep(&mut last, &mut ime);
        assert_eq!(ime, Some(shown));
        let mut ime = None;
        keep(&mut last, &mut ime);
        assert_eq!(ime, Some(shown));
    }
}
