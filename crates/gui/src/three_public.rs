//! "三公"经费: the four items as the engine derives them from the lines
//! (一般公共预算 lines with 部门 codes 30212, 30217, 31013, 30231), the lines
//! they come from, last year's figures and the reasons the narrative quotes.

use egui::{self, RichText};
use yusuan_engine::{Field, Location};
use yusuan_engine::{LineRef, ThreePublicItem};
use yusuan_model::{LastYearItem, TextKey, Yuan};
use yusuan_report::table::{format_number, to_wan};

use super::app::App;
use super::last_year;
use super::widgets::{self, EntryUnit};

/// The four items with their 上年数 item and reason key.
pub const ITEMS: [(ThreePublicItem, LastYearItem, TextKey); 4] = [
    (
        ThreePublicItem::Overseas,
        LastYearItem::Overseas,
        TextKey::ReasonOverseas,
    ),
    (
        ThreePublicItem::Reception,
        LastYearItem::Reception,
        TextKey::ReasonReception,
    ),
    (
        ThreePublicItem::VehiclePurchase,
        LastYearItem::VehiclePurchase,
        TextKey::ReasonVehiclePurchase,
    ),
    (
        ThreePublicItem::VehicleOperation,
        LastYearItem::VehicleOperation,
        TextKey::ReasonVehicleOperation,
    ),
];

/// A line that counts as "三公"经费.
#[derive(Clone)]
pub struct SourceLine {
    pub item: usize,
    pub location: Location,
    pub place: String,
    pub unit: String,
    pub func: String,
    pub amount: Yuan,
}

/// Lines listed per item (the rest are counted).
const SHOWN: usize = 200;

pub struct ThreePublicState {
    pub unit: EntryUnit,
    /// The lines, cached by the package's generation.
    cache: Option<(u64, Vec<SourceLine>)>,
}

impl Default for ThreePublicState {
    fn default() -> Self {
        ThreePublicState {
            unit: EntryUnit::Wan,
            cache: None,
        }
    }
}

/// The lines the engine counted as "三公"经费, with where they are.
fn collect(app: &App) -> Vec<SourceLine> {
    let p = &app.package;
    let mut out = Vec::new();
    for r in &app.computed.lines {
        let Some(item) = r.three_public else { continue };
        let item = ITEMS.iter().position(|(i, ..)| *i == item).unwrap_or(0);
        let line = match r.origin {
            LineRef::Basic(i) => p.basic_lines.get(i).map(|l| {
                (
                    Location::BasicLine(i, Field::Amount),
                    format!("基本支出第{}行", i + 1),
                    l.unit.clone(),
                    l.func.clone(),
                    l.amount,
                )
            }),
            LineRef::Project(pi, li) => p.projects.get(pi).and_then(|proj| {
                proj.lines.get(li).map(|l| {
                    (
                        Location::ProjectLine(pi, li, Field::Amount),
                        format!("项目“{}”明细第{}行", proj.name.trim(), li + 1),
                        proj.unit.clone(),
                        l.func.clone(),
                        l.amount,
                    )
                })
            }),
        };
        if let Some((location, place, unit, func, amount)) = line {
            out.push(SourceLine {
                item,
                location,
                place,
                unit,
                func,
                amount,
            });
        }
    }
    out
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let generation = app.generation;
    if app.three_public.cache.as_ref().is_none_or(|(g, _)| *g != generation) {
        app.three_public.cache = Some((generation, collect(app)));
    }
    let lines = app
        .three_public
        .cache
        .as_ref()
        .map(|(_, l)| l.clone())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        ui.heading("\"三公\"经费");
        ui.separator();
        let mut unit = app.three_public.unit;
        if widgets::unit_switch(ui, &mut unit) {
            app.three_public.unit = unit;
            app.last_year.buffers.clear();
        }
    });
    ui.label(
        RichText::new(
            "本年数由预算明细自动汇总（一般公共预算资金、经济科目30212/30217/31013/30231的基本支出和项目支出），不能直接修改；要改请修改对应的明细行。",
        )
        .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(4.0);
    let t = app.computed.totals.three_public.clone();
    let decimals = app.package.department.decimals;
    let unit = app.three_public.unit;
    let wan = |y: Yuan| format_number(to_wan(y, decimals), decimals);
    let current = ITEMS.map(|(item, ..)| t.get(item));
    let mut go = None;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("three_public_screen_scroll")
        .show(ui, |ui| {
            egui::Grid::new("three_public_grid")
                .striped(true)
                .num_columns(4)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("项目").strong());
                    ui.label(RichText::new("本年数（万元）").strong());
                    ui.label(RichText::new(format!("上年数（{}）", unit.label())).strong());
                    ui.label(RichText::new("明细行数").strong());
                    ui.end_row();
                    ui.label(RichText::new("合计").strong());
                    right(ui, RichText::new(wan(t.total())).strong());
                    // Reviewer mode: the cells draw as selectable text themselves.
                    last_year::item_cell(app, ui, LastYearItem::ThreePublicTotal, unit, 150.0);
                    ui.label(format!("{}", lines.len()));
                    ui.end_row();
                    for (k, (tp, item, _)) in ITEMS.iter().enumerate() {
                        ui.label(format!("{}（{}）", tp.label(), tp.code()));
                        right(ui, RichText::new(wan(current[k])));
                        last_year::item_cell(app, ui, *item, unit, 150.0);
                        ui.label(format!("{}", lines.iter().filter(|l| l.item == k).count()));
                        ui.end_row();
                    }
                });
            for f in app.findings_at(&Location::LastYear(LastYearItem::ThreePublicTotal)) {
                widgets::finding_labels(ui, &[f]);
            }
            ui.add_space(10.0);
            for (k, (tp, _, reason)) in ITEMS.iter().enumerate() {
                let of_item: Vec<&SourceLine> = lines.iter().filter(|l| l.item == k).collect();
                let (name, code) = (tp.label(), tp.code());
                egui::CollapsingHeader::new(
                    RichText::new(format!("{name}（{code}）：{} 万元", wan(current[k]))).strong(),
                )
                .id_salt(("tp_item", k))
                .default_open(true)
                .show(ui, |ui| {
                    if of_item.is_empty() {
                        ui.label(RichText::new("没有来自一般公共预算的明细行。").color(ui.visuals().weak_text_color()));
                    } else {
                        egui::Grid::new(("tp_lines", k))
                            .striped(true)
                            .num_columns(4)
                            .spacing([16.0, 4.0])
                            .show(ui, |ui| {
                                for h in ["来源（点击转到）", "单位", "功能科目", "金额（元）"] {
                                    ui.label(RichText::new(h).strong());
                                }
                                ui.end_row();
                                for l in of_item.iter().take(SHOWN) {
                                    if ui.link(&l.place).on_hover_text("转到这一行").clicked() {
                                        go = Some(l.location.clone());
                                    }
                                    let unit_name = app
                                        .package
                                        .unit(&l.unit)
                                        .map(|u| format!("{} {}", u.code, u.name))
                                        .unwrap_or_else(|| l.unit.clone());
                                    ui.label(unit_name);
                                    let fname = app
                                        .catalog
                                        .name(yusuan_model::catalog::CodeKind::Func, l.func.trim())
                                        .unwrap_or("");
                                    ui.label(format!("{} {}", l.func, fname));
                                    right(ui, RichText::new(widgets::format_amount(l.amount, EntryUnit::Yuan)));
                                    ui.end_row();
                                }
                            });
                    }
                    if of_item.len() > SHOWN {
                        ui.label(format!("……另有{}行未列出", of_item.len() - SHOWN));
                    }
                    ui.add_space(4.0);
                    ui.label(RichText::new("增减原因（用于情况说明）").color(ui.visuals().weak_text_color()));
                    last_year::text_field(app, ui, *reason, 2, Some(last_year::NOT_WRITTEN));
                });
                ui.add_space(6.0);
            }
        });
    if let Some(loc) = go {
        app.go_to(&loc);
    }
}

/// A right-aligned figure in a cell of fixed width.
pub fn right(ui: &mut egui::Ui, text: RichText) {
    ui.allocate_ui_with_layout(
        egui::vec2(110.0, 20.0),
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            ui.set_min_width(110.0);
            ui.label(text);
        },
    );
}
