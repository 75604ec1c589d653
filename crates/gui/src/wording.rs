//! 文字设置: the department's own wording ([`Wording`]) at the top of the
//! 情况说明 screen of both kinds — the presets (a preset fills every setting
//! once, it does not stay linked), how the department names itself, the
//! 财政 level of 名词解释, section titles and which sections print, what a
//! section without data says, the 名词解释 entries and, for the 预算, the
//! number style of the text. The panel draws the settings and returns the
//! change; the screen applies it as a typed edit of its own package
//! (`Part::Wording` / `FinalField::Wording`), so undo, redo and Esc work as
//! everywhere, and the paragraphs below show the new text in the same frame.

use std::collections::BTreeMap;

use egui::{self, Id, RichText};
use yusuan_model::limits::MAX_LONG_TEXT;
use yusuan_model::{FiscalLevel, Preset, SelfName, Wording};
use yusuan_report::text::Narrative;

use super::widgets::{self, Limit};

/// A change to the settings: the history key (typing in one field is one
/// undo step) and the new settings.
pub struct Change {
    pub key: String,
    pub wording: Wording,
}

/// What the panel did this frame.
#[derive(Default)]
pub struct Out {
    pub change: Option<Change>,
    /// A text field lost the focus: its typing run ends.
    pub end_run: bool,
}

/// The sections whose no-data sentence is a setting: (paragraph id, what).
const BUDGET_NO_DATA: [(&str, &str); 6] = [
    ("2.5", "无一般公共预算支出时"),
    ("2.6", "无一般公共预算基本支出时"),
    ("2.9", "无政府性基金预算支出时"),
    ("2.9s", "无国有资本经营预算支出时（单列时）"),
    ("2.10.3", "无重点评价项目时"),
    ("2.10.5", "无专项转移支付项目时"),
];
/// The 预算's on/off sentence shapes: (history key, label, read, write).
pub(crate) type Flag = (&'static str, &'static str, fn(&Wording) -> bool, fn(&mut Wording, bool));
pub(crate) const SENTENCE_FLAGS: [Flag; 10] = [
    (
        "income_semicolons",
        "收入一节各项收入以“；”分隔",
        |x| x.income_semicolons,
        |x, b| x.income_semicolons = b,
    ),
    (
        "general_classes",
        "一般公共预算支出一节列出“主要用于以下方面”",
        |x| x.general_classes,
        |x, b| x.general_classes = b,
    ),
    (
        "classes_by_size",
        "功能分类按金额从大到小排列",
        |x| x.classes_by_size,
        |x, b| x.classes_by_size = b,
    ),
    (
        "basic_items",
        "基本支出一节列出“主要包括”",
        |x| x.basic_items,
        |x, b| x.basic_items = b,
    ),
    (
        "three_public_rate",
        "“三公”增减写增减率",
        |x| x.three_public_rate,
        |x, b| x.three_public_rate = b,
    ),
    (
        "three_public_reason_apart",
        "“三公”（一）（二）的原因另起一段",
        |x| x.three_public_reason_apart,
        |x, b| x.three_public_reason_apart = b,
    ),
    (
        "vehicle_changes_apart",
        "公务用车先列金额，再逐项与上年比较",
        |x| x.vehicle_changes_apart,
        |x, b| x.vehicle_changes_apart = b,
    ),
    (
        "three_public_spending",
        "写“三公”经费支出预算为",
        |x| x.three_public_spending,
        |x, b| x.three_public_spending = b,
    ),
    (
        "equipment",
        "设备写“单位价值50万元以上”",
        |x| x.equipment_unit_value,
        |x, b| x.equipment_unit_value = b,
    ),
    (
        "performance_totals",
        "写纳入预算绩效管理的支出总额",
        |x| x.performance_totals,
        |x, b| x.performance_totals = b,
    ),
];

/// The tables whose note under the table is a setting: (label, what).
const BUDGET_NOTES: [(&str, &str); 4] = [
    ("预算05表", "一般公共预算支出情况表"),
    ("预算08表", "“三公”经费支出情况表"),
    ("预算09表", "政府性基金预算支出情况表（无数据时）"),
    ("预算13表", "国有资本经营支出预算表（无数据时）"),
];
const FINAL_NOTES: [(&str, &str); 3] = [
    ("公开07表", "政府性基金预算财政拨款收入支出决算表（无数据时）"),
    ("公开08表", "国有资本经营预算财政拨款支出决算表（无数据时）"),
    ("公开09表", "财政拨款“三公”经费支出决算表"),
];

const FINAL_NO_DATA: [(&str, &str); 4] = [
    ("f7", "无政府性基金预算财政拨款收支时"),
    ("f8", "无国有资本经营预算财政拨款收支时"),
    ("f10", "无行政单位、参公单位（无机关运行经费）时"),
    ("f13.3", "无重点绩效评价结果时"),
];

pub fn panel_id(budget: bool) -> Id {
    Id::unique(("wording_panel", budget))
}

/// The panel, collapsed until opened. `narrative` is the text as generated
/// (its headings list the sections); `builtin_glossary` the built-in 名词解释.
pub fn panel(ui: &mut egui::Ui, w: &Wording, narrative: &Narrative, budget: bool, builtin_glossary: &[&str]) -> Out {
    let mut out = Out::default();
    egui::CollapsingHeader::new("文字设置（自称、章节、名词解释）")
        .id_salt(panel_id(budget))
        .show(ui, |ui| {
            // The settings are taller than a 1366×768 screen: they scroll in
            // their own area, and the paragraphs below keep the rest of the
            // height (they were pushed off the screen, and the wheel moved
            // nothing).
            let max = (ui.available_height() * 0.6).max(160.0);
            egui::ScrollArea::vertical()
                .id_salt(("wording_scroll", budget))
                .max_height(max)
                .auto_shrink([false, true])
                .show(ui, |ui| body(ui, w, narrative, budget, builtin_glossary, &mut out));
        });
    ui.add_space(4.0);
    out
}

fn body(ui: &mut egui::Ui, w: &Wording, n: &Narrative, budget: bool, builtin_glossary: &[&str], out: &mut Out) {
    let writable = !widgets::is_read_only(ui);
    // What the 预算's sentence controls did (drawn by [`sentences`]).
    let mut more = Out::default();
    let mut set = |key: &str, f: &dyn Fn(&mut Wording)| {
        let mut x = w.clone();
        f(&mut x);
        if x != *w {
            out.change = Some(Change {
                key: format!("wording:{key}"),
                wording: x,
            });
        }
    };
    let weak = ui.visuals().weak_text_color();
    ui.label(
        RichText::new("本单位在情况说明中的措辞。样式按已公开的文件一次填入各项，之后可逐项修改；改动即时反映在下方文字和导出的PDF中。")
            .color(weak),
    );
    ui.add_enabled_ui(writable, |ui| {
        ui.horizontal(|ui| {
            ui.label("按样式填入：");
            let presets: &[Preset] = if budget { &Preset::BUDGET } else { &Preset::FINAL };
            for p in presets {
                if ui.button(p.label()).clicked() {
                    set("preset", &|x| *x = p.wording());
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("自称：");
            egui::ComboBox::from_id_salt(("wording_self", budget))
                .selected_text(w.self_name.label())
                .show_ui(ui, |ui| {
                    for s in SelfName::ALL {
                        if ui.selectable_label(w.self_name == s, s.label()).clicked() {
                            set("self", &|x| x.self_name = s);
                        }
                    }
                });
            ui.label("名词解释的财政级次：");
            egui::ComboBox::from_id_salt(("wording_level", budget))
                .selected_text(w.fiscal_level.label())
                .show_ui(ui, |ui| {
                    for l in FiscalLevel::ALL {
                        if ui.selectable_label(w.fiscal_level == l, l.label()).clicked() {
                            set("level", &|x| x.fiscal_level = l);
                        }
                    }
                });
        });
        if !budget {
            ui.horizontal(|ui| {
                ui.label("自评的预算项目级次（十三）：");
                egui::ComboBox::from_id_salt("wording_project_level")
                    .selected_text(w.project_level.word("（不写）"))
                    .show_ui(ui, |ui| {
                        for l in FiscalLevel::ALL {
                            if ui.selectable_label(w.project_level == l, l.word("（不写）")).clicked() {
                                set("project_level", &|x| x.project_level = l);
                            }
                        }
                    });
            });
            // 002's 目录 and 名词解释 十九ff (issue 12).
            ui.horizontal_wrapped(|ui| {
                let mut b = w.toc_numbered;
                if crate::widgets::checkbox(ui, true, &mut b, "目录中的决算表写作“一、收入支出决算总表”").changed()
                {
                    set("toc_numbered", &|x| x.toc_numbered = b);
                }
                let mut b = w.glossary_funcs;
                if crate::widgets::checkbox(ui, true, &mut b, "名词解释逐项列出公开05表的功能科目").changed()
                {
                    set("glossary_funcs", &|x| x.glossary_funcs = b);
                }
            });
            // 002 and 003 differ here (issue 11/12).
            ui.horizontal_wrapped(|ui| {
                ui.label("项目支出绩效自评表的主管部门：");
                egui::ComboBox::from_id_salt("wording_project_department")
                    .selected_text(w.project_department.label())
                    .show_ui(ui, |ui| {
                        for d in yusuan_model::ProjectDepartment::ALL {
                            if ui.selectable_label(w.project_department == d, d.label()).clicked() {
                                set("project_department", &|x| x.project_department = d);
                            }
                        }
                    });
                let mut b = w.class_marker;
                if crate::widgets::checkbox(ui, true, &mut b, "功能分类的类写作“科学技术（类）支出”").changed()
                {
                    set("class_marker", &|x| x.class_marker = b);
                }
                let mut b = w.zero_counts;
                if crate::widgets::checkbox(ui, true, &mut b, "“三公”的团组、人次、车辆数为零时照写").changed()
                {
                    set("zero_counts", &|x| x.zero_counts = b);
                }
            });
        }
        if budget {
            ui.horizontal_wrapped(|ui| {
                let mut b = w.thousands;
                if crate::widgets::checkbox(ui, true, &mut b, "金额加千分位").changed() {
                    set("thousands", &|x| x.thousands = b);
                }
                let mut b = w.skip_zero_items;
                if crate::widgets::checkbox(ui, true, &mut b, "列举时省略为零的项目").changed() {
                    set("skip_zero", &|x| x.skip_zero_items = b);
                }
                let mut b = w.unit_list;
                if crate::widgets::checkbox(ui, true, &mut b, "所属单位逐个编号").changed() {
                    set("unit_list", &|x| x.unit_list = b);
                }
                let mut b = w.state_capital_section;
                if crate::widgets::checkbox(ui, true, &mut b, "国有资本经营预算单列一节").changed() {
                    set("state_capital", &|x| x.state_capital_section = b);
                }
                ui.label("百分比小数位：");
                let mut d = w.percent_decimals;
                if ui.add(egui::DragValue::new(&mut d).range(0..=4)).changed() {
                    set("percent", &|x| x.percent_decimals = d);
                }
                ui.label("原因引语：");
                let (r, t) = widgets::text_field(
                    ui,
                    Id::unique("wording_reason"),
                    &w.reason_intro,
                    120.0,
                    None,
                    Limit::new("原因引语", MAX_LONG_TEXT),
                );
                if let Some(t) = t {
                    set("reason", &|x| x.reason_intro = t.clone());
                }
                out.end_run |= r.lost_focus();
            });
            more = sentences(ui, w);
        }

        ui.add_space(4.0);
        ui.label(RichText::new("章节（取消勾选即不印该节，其后各节自动重新编号；标题留空用生成的标题）").strong());
        for id in &w.omitted {
            ui.horizontal(|ui| {
                ui.label(format!("已不印：段落{id}"));
                if ui.button(format!("恢复段落{id}")).clicked() {
                    set(&format!("omit:{id}"), &|x| {
                        x.omitted.remove(id);
                    });
                }
            });
        }

        egui::Grid::new(("wording_sections", budget))
            .striped(true)
            .show(ui, |ui| {
                for part in &n.parts {
                    // A part's title, whole (「第二部分 …」: parts are not renumbered).
                    if let Some(id) = part_id(&part.title) {
                        ui.label("");
                        ui.label(RichText::new(&part.title).strong());
                        let current = w.titles.get(&id).cloned().unwrap_or_default();
                        let (r, t) = widgets::text_field(
                            ui,
                            Id::unique(("wording_title", id.as_str())),
                            &current,
                            320.0,
                            None,
                            Limit::new("章节标题", MAX_LONG_TEXT),
                        );
                        if let Some(t) = t {
                            set(&format!("title:{id}"), &|x| {
                                if t.trim().is_empty() {
                                    x.titles.remove(&id);
                                } else {
                                    x.titles.insert(id.clone(), t.clone());
                                }
                            });
                        }
                        out.end_run |= r.lost_focus();
                        ui.end_row();
                    }
                    for p in part.paragraphs.iter().filter(|p| !p.heading.is_empty()) {
                        let mut on = true;
                        if crate::widgets::checkbox(ui, true, &mut on, "").changed() {
                            let id = p.id.clone();
                            set(&format!("omit:{id}"), &|x| {
                                x.omitted.insert(id.clone());
                            });
                        }
                        ui.label(&p.heading);
                        let current = w.titles.get(&p.id).cloned().unwrap_or_default();
                        let (r, t) = widgets::text_field(
                            ui,
                            Id::unique(("wording_title", p.id.as_str())),
                            &current,
                            320.0,
                            None,
                            Limit::new("章节标题", MAX_LONG_TEXT),
                        );
                        if let Some(t) = t {
                            let id = p.id.clone();
                            set(&format!("title:{id}"), &|x| {
                                if t.trim().is_empty() {
                                    x.titles.remove(&id);
                                } else {
                                    x.titles.insert(id.clone(), t.clone());
                                }
                            });
                        }
                        out.end_run |= r.lost_focus();
                        ui.end_row();
                    }
                }
            });
        ui.add_space(4.0);
        ui.label(
            RichText::new("无数据时的说明（不勾选：用生成的句子；勾选后留空：不写这一句，该节别无内容时整节不印）")
                .strong(),
        );
        ui.label(RichText::new("可用 {部门}、{年度}、{上年}").color(weak));
        let list: &[(&str, &str)] = if budget { &BUDGET_NO_DATA } else { &FINAL_NO_DATA };
        let rows: Vec<(&str, String)> = list.iter().map(|(id, what)| (*id, what.to_string())).collect();
        out.end_run |= optional_texts(
            ui,
            ("wording_no_data", budget),
            &rows,
            &w.no_data,
            "无数据时的说明",
            no_data_of,
            &mut set,
        );

        ui.add_space(4.0);
        ui.label(RichText::new("表下说明（不勾选：用内置的说明；勾选后留空：不印）").strong());
        let notes: &[(&str, &str)] = if budget { &BUDGET_NOTES } else { &FINAL_NOTES };
        let rows: Vec<(&str, String)> = notes.iter().map(|(t, what)| (*t, format!("{t} {what}"))).collect();
        out.end_run |= optional_texts(
            ui,
            ("wording_table_note", budget),
            &rows,
            &w.table_notes,
            "表下说明",
            table_notes_of,
            &mut set,
        );

        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("名词解释（每行一条，不写序号；全部清空即用内置条目）").strong());
            if w.glossary.is_empty() && ui.button("把内置条目填入修改").clicked() {
                set("glossary", &|x| {
                    x.glossary = builtin_glossary.iter().map(|e| without_number(e).to_string()).collect();
                });
            }
        });
        let mut text = w.glossary.join("\n");
        let r = ui.add(
            egui::TextEdit::multiline(&mut text)
                .id(Id::unique(("wording_glossary", budget)))
                .desired_width(f32::INFINITY)
                .desired_rows(4)
                .hint_text("（内置条目）"),
        );
        if r.changed() && widgets::fits(ui, Limit::new("名词解释", MAX_LONG_TEXT), &text) {
            set("glossary", &|x| {
                x.glossary = if text.trim().is_empty() {
                    Vec::new()
                } else {
                    text.split('\n').map(String::from).collect()
                };
            });
        }
        out.end_run |= r.lost_focus();
    });
    if more.change.is_some() {
        out.change = more.change;
    }
    out.end_run |= more.end_run;
}

/// The 预算's words section by section (004 against 001): 一's reason intro,
/// 二's 「；」, 五's classes, 六's 「主要包括」, “三公”'s 「较/比」, rates, reasons
/// apart and 公务用车 changes apart, 十（四）'s 「单位价值」,
/// 「本级预算」, 十（三）'s sentence and totals, 十（一）'s 「机构运行经费」.
/// The panel's way of changing the settings: (history key, change).
type Set<'a> = dyn FnMut(&str, &dyn Fn(&mut Wording)) + 'a;

fn no_data_of(w: &mut Wording) -> &mut BTreeMap<String, String> {
    &mut w.no_data
}

fn table_notes_of(w: &mut Wording) -> &mut BTreeMap<String, String> {
    &mut w.table_notes
}

/// Texts the department may give in place of built-in ones (no-data
/// sentences by paragraph, notes by table): per row a checkbox (unticked:
/// the built-in text; ticked: the officer's, empty = none) and, when ticked,
/// the field. `rows`: (key, checkbox label); `of`: the settings' map.
/// True when a field lost the focus (its typing run ends).
fn optional_texts(
    ui: &mut egui::Ui,
    grid: (&str, bool),
    rows: &[(&str, String)],
    map: &BTreeMap<String, String>,
    what: &'static str,
    of: fn(&mut Wording) -> &mut BTreeMap<String, String>,
    set: &mut Set<'_>,
) -> bool {
    let mut end_run = false;
    egui::Grid::new(grid).show(ui, |ui| {
        for (key, label) in rows {
            let own = map.get(*key);
            let mut on = own.is_some();
            if widgets::checkbox(ui, true, &mut on, label.as_str()).changed() {
                set(&format!("{}_on:{key}", grid.0), &|x| {
                    if on {
                        of(x).insert(key.to_string(), String::new());
                    } else {
                        of(x).remove(*key);
                    }
                });
            }
            if let Some(text) = own {
                let (r, t) = widgets::text_field(
                    ui,
                    Id::unique((grid.0, *key)),
                    text,
                    420.0,
                    None,
                    Limit::new(what, MAX_LONG_TEXT),
                );
                if let Some(t) = t {
                    set(&format!("{}:{key}", grid.0), &|x| {
                        of(x).insert(key.to_string(), t.clone());
                    });
                }
                end_run |= r.lost_focus();
            }
            ui.end_row();
        }
    });
    end_run
}

fn sentences(ui: &mut egui::Ui, w: &Wording) -> Out {
    let mut change = None;
    let mut end_run = false;
    let mut set = |key: &str, f: &dyn Fn(&mut Wording)| {
        let mut x = w.clone();
        f(&mut x);
        if x != *w {
            change = Some(Change {
                key: format!("wording:{key}"),
                wording: x,
            });
        }
    };
    let mut field = |ui: &mut egui::Ui, key: &str, label: &str, value: &str, width: f32, hint: &'static str| {
        ui.label(label);
        let (r, t) = widgets::text_field(
            ui,
            Id::unique(("wording_field", key)),
            value,
            width,
            None,
            Limit::new(hint, MAX_LONG_TEXT),
        );
        end_run |= r.lost_focus();
        t
    };
    ui.horizontal_wrapped(|ui| {
        for (key, label, get, put) in SENTENCE_FLAGS {
            let mut b = get(w);
            if widgets::checkbox(ui, true, &mut b, label).changed() {
                set(key, &|x| put(x, b));
            }
        }
        ui.label("“三公”与上年比较：");
        egui::ComboBox::from_id_salt("wording_compare")
            .selected_text(w.compare_word())
            .show_ui(ui, |ui| {
                for c in ["较", "比"] {
                    if ui.selectable_label(w.compare_word() == c, c).clicked() {
                        set("compare", &|x| x.compare_word = c.to_string());
                    }
                }
            });
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(t) = field(
            ui,
            "total_reason",
            "第一节原因引语（空：同原因引语）：",
            &w.total_reason_intro,
            120.0,
            "第一节原因引语",
        ) {
            set("total_reason", &|x| x.total_reason_intro = t.clone());
        }
        if let Some(t) = field(ui, "own_budget", "本级预算称谓：", &w.own_budget, 140.0, "本级预算称谓") {
            set("own_budget", &|x| x.own_budget = t.clone());
        }
        if let Some(t) = field(
            ui,
            "operating",
            "运行经费称谓：",
            &w.operating_word,
            140.0,
            "运行经费称谓",
        ) {
            set("operating", &|x| x.operating_word = t.clone());
        }
    });
    ui.horizontal(|ui| {
        if let Some(t) = field(
            ui,
            "performance",
            "绩效目标一句（接在“某年”之后；空：按表样）：",
            &w.performance_sentence,
            560.0,
            "绩效目标说明",
        ) {
            set("performance", &|x| x.performance_sentence = t.clone());
        }
    });
    Out { change, end_run }
}

/// The id of a part's title in [`Wording::titles`]: 「第二部分 …」 → `part2`.
fn part_id(title: &str) -> Option<String> {
    let rest = title.strip_prefix('第')?;
    let first = rest.chars().next()?;
    let n = "一二三四五六七八九".chars().position(|c| c == first)? + 1;
    rest[first.len_utf8()..].starts_with("部分").then(|| format!("part{n}"))
}

/// `一、财政拨款收入：…` → `财政拨款收入：…`.
fn without_number(e: &str) -> &str {
    match e.split_once('、') {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) => rest,
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn part_ids() {
        assert_eq!(super::part_id("第二部分 义马…说明").as_deref(), Some("part2"));
        assert_eq!(super::part_id("第四部分 名词解释").as_deref(), Some("part4"));
        assert_eq!(super::part_id("附件"), None);
        assert_eq!(super::without_number("十、机构运行经费：…"), "机构运行经费：…");
        assert_eq!(
            super::without_number("财政拨款收入：是指…、…"),
            "财政拨款收入：是指…、…"
        );
    }
}
