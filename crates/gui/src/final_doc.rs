//! The 决算 document in the editor: a [`FinalPackage`], what the 决算 engine
//! computed from it, its undo history of typed [`FinalEdit`]s, and the state
//! of its screens. The [`App`] holds either a 预算 package (its own fields) or
//! this; the file handling, autosave and recovery, the grid and its cell
//! habits, the preview and the audit panel are the same for both.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use yusuan_engine::final_accounts::{self, FinalComputed, checks::Level};
use yusuan_model::catalog::Catalog;
use yusuan_model::edit::History;
use yusuan_model::final_edit::{FinalEdit, FinalPart};
use yusuan_model::{CatalogOverrides, FinalPackage};
use yusuan_report::text::Narrative;

use super::app::App;
use super::final_grid::GridState;
use super::narrative::NarrativeState;

/// The screens of the left navigation while a 决算 is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalScreen {
    Overview,
    Units,
    Income,
    Basic,
    Projects,
    Other,
    Balances,
    Plan,
    Facts,
    Texts,
    Narrative,
    Eval,
    Targets,
    Preview,
    Audit,
}

impl FinalScreen {
    pub const ALL: [FinalScreen; 15] = [
        FinalScreen::Overview,
        FinalScreen::Units,
        FinalScreen::Income,
        FinalScreen::Basic,
        FinalScreen::Projects,
        FinalScreen::Other,
        FinalScreen::Balances,
        FinalScreen::Plan,
        FinalScreen::Facts,
        FinalScreen::Texts,
        FinalScreen::Narrative,
        FinalScreen::Eval,
        FinalScreen::Targets,
        FinalScreen::Preview,
        FinalScreen::Audit,
    ];
    pub fn label(self) -> &'static str {
        match self {
            FinalScreen::Overview => "概况",
            FinalScreen::Units => "单位",
            FinalScreen::Income => "收入",
            FinalScreen::Basic => "基本支出",
            FinalScreen::Projects => "项目支出",
            FinalScreen::Other => "其他支出",
            FinalScreen::Balances => "结转结余",
            FinalScreen::Plan => "预算数",
            FinalScreen::Facts => "三公采购资产",
            FinalScreen::Texts => "说明",
            FinalScreen::Narrative => "情况说明",
            FinalScreen::Eval => "绩效自评",
            FinalScreen::Targets => "绩效指标",
            FinalScreen::Preview => "预览",
            FinalScreen::Audit => "审核",
        }
    }
}

/// An open 决算 package and everything the editor keeps about it.
pub struct FinalDoc {
    pub package: FinalPackage,
    pub computed: FinalComputed,
    /// The package's catalog (built-in plus its overrides), for the code cells.
    pub catalog: Catalog,
    catalog_source: CatalogOverrides,
    /// What is on disk (or was opened): dirtiness after undo compares with it.
    pub(crate) saved: FinalPackage,
    pub(crate) history: History<FinalEdit>,
    pub screen: FinalScreen,
    /// Cursor and typed text of each grid, by the grid's id.
    pub grids: BTreeMap<String, GridState>,
    /// Text typed into the value fields outside the grids, by field id.
    pub fields: BTreeMap<String, String>,
    /// Rows waiting for the answer to “删除…？”: the grid, the rows, the question.
    pub removal: Option<(String, std::ops::Range<usize>, String)>,
    /// The targets shown on 绩效指标: 0 the department's (A1), `k + 1` those
    /// of project evaluation `k` (A2).
    pub targets: usize,
    /// The project shown on 项目支出 and 绩效自评.
    pub project: usize,
    /// A project waiting for the officer to confirm its deletion.
    pub confirm_delete_project: Option<usize>,
    /// The project evaluation (绩效自评) a jump opens.
    pub open_eval: Option<usize>,
    /// The 情况说明 screen: the paragraphs being rewritten, the one to scroll to.
    pub narrative: NarrativeState,
    /// The table shown in 预览: 0–8 公开01–09, then the attachments.
    pub preview: usize,
    /// How long the last recompute took.
    pub last_recompute: Duration,
    /// The 情况说明 as generated (without, then with the rewrites), made when
    /// the screen first needs it after a recompute.
    narrative_text: Option<Rc<(Narrative, Narrative)>>,
}

impl FinalDoc {
    pub fn new(package: FinalPackage) -> FinalDoc {
        let started = Instant::now();
        let computed = final_accounts::compute(&package);
        let last_recompute = started.elapsed();
        FinalDoc {
            catalog: Catalog::with_overrides(&package.catalog),
            catalog_source: package.catalog.clone(),
            saved: package.clone(),
            package,
            computed,
            history: History::default(),
            screen: FinalScreen::Overview,
            grids: BTreeMap::new(),
            fields: BTreeMap::new(),
            removal: None,
            targets: 0,
            project: 0,
            confirm_delete_project: None,
            open_eval: None,
            narrative: NarrativeState::default(),
            preview: 0,
            last_recompute,
            narrative_text: None,
        }
    }

    /// Recomputes the 决算 from the package (after every change).
    pub fn recompute(&mut self) {
        let started = Instant::now();
        self.computed = final_accounts::compute(&self.package);
        self.last_recompute = started.elapsed();
        self.narrative_text = None;
        if self.package.catalog != self.catalog_source {
            self.catalog = Catalog::with_overrides(&self.package.catalog);
            self.catalog_source = self.package.catalog.clone();
        }
    }

    /// The 情况说明: generated, and with the officer's rewrites.
    pub fn narrative_text(&mut self) -> Rc<(Narrative, Narrative)> {
        self.narrative_text
            .get_or_insert_with(|| {
                let plain = final_accounts::narrative::generate(&self.package, &self.computed);
                let n = final_accounts::narrative::with_overrides(&self.package, &plain);
                Rc::new((plain, n))
            })
            .clone()
    }

    pub fn error_count(&self) -> usize {
        self.computed
            .findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count()
    }
    pub fn warning_count(&self) -> usize {
        self.computed.findings.len() - self.error_count()
    }

    /// The findings whose place is `place` (`基本支出第3行`), or that place
    /// with a detail after it (`…第3行（使用结余）`).
    pub fn findings_at(&self, place: &str) -> Vec<String> {
        self.computed
            .findings
            .iter()
            .filter(|f| f.place == place || f.place.strip_prefix(place).is_some_and(|r| r.starts_with('（')))
            .map(|f| f.to_string())
            .collect()
    }

    /// Drops the text being typed in every grid (the values under it changed).
    pub fn clear_buffers(&mut self) {
        for g in self.grids.values_mut() {
            g.buffers.clear();
        }
        self.fields.clear();
    }
}

impl App {
    /// Whether a 决算 is open (else a 预算).
    pub fn is_final(&self) -> bool {
        self.fin.is_some()
    }

    /// The kind of the open document, as the window and status bar say it.
    pub fn kind_label(&self) -> &'static str {
        if self.is_final() { "决算" } else { "预算" }
    }

    /// Opens a 决算 package in the editor. `keep_undo`: an import (over an
    /// open 决算: undoable); otherwise a file, and the history starts afresh.
    pub fn open_final(&mut self, package: FinalPackage, path: Option<PathBuf>, keep_undo: bool) {
        match self.fin.as_mut() {
            Some(doc) if keep_undo => {
                let old = std::mem::replace(&mut doc.package, package);
                doc.history.record("", FinalEdit::Whole(Box::new(old)));
                doc.history.end_run();
                doc.clear_buffers();
                doc.recompute();
            }
            _ => {
                let mut doc = FinalDoc::new(package);
                if let Some(old) = &self.fin {
                    doc.screen = old.screen;
                }
                if keep_undo {
                    // Imported: nothing of it is on disk yet, whatever undo does.
                    doc.saved = FinalPackage::default();
                }
                self.fin = Some(Box::new(doc));
            }
        }
        self.path = path;
        self.fingerprint = self.doc_fingerprint();
        self.document_replaced();
        self.dirty = self.fin.as_ref().is_some_and(|d| d.package != d.saved);
    }

    /// Applies a 决算 edit: `f` changes the package within `part`; the
    /// history keeps the edit that goes back, one step per `key` run; then
    /// the 决算 engine recomputes. Refused (false) in reviewer mode or when
    /// no 决算 is open.
    pub fn edit_final(&mut self, key: &str, part: FinalPart, f: impl FnOnce(&mut FinalPackage)) -> bool {
        if self.read_only {
            self.message = Some(("审核模式为只读，不能修改".into(), true));
            return false;
        }
        let Some(doc) = self.fin.as_mut() else { return false };
        if doc.history.continues(key) {
            f(&mut doc.package);
        } else {
            #[cfg(test)]
            let before = doc.package.clone();
            let captured = part.capture(&doc.package);
            f(&mut doc.package);
            let inverse = captured.inverse(&doc.package);
            #[cfg(test)]
            {
                let mut back = doc.package.clone();
                inverse.clone().apply(&mut back);
                assert!(back == before, "edit “{key}” changed more than {part:?}");
            }
            doc.history.record(key, inverse);
        }
        doc.recompute();
        self.changed(false);
        true
    }

    /// One step back or forward through the 决算's history.
    pub(crate) fn final_travel(&mut self, back: bool) -> bool {
        let Some(doc) = self.fin.as_mut() else { return false };
        let moved = if back {
            doc.history.undo(&mut doc.package)
        } else {
            doc.history.redo(&mut doc.package)
        };
        if moved {
            doc.clear_buffers();
            doc.recompute();
        }
        moved
    }

    /// The 决算 package as the recovery file gets it, and whether a number
    /// being typed was left out: while the typing goes on (`idle` false) the
    /// file gets the value before the typing run, as on the 预算 side; once
    /// the typing has paused, the number as it stands.
    pub(crate) fn final_snapshot(&self, idle: bool) -> Option<(FinalPackage, bool)> {
        let doc = self.fin.as_ref()?;
        let mut snapshot = doc.package.clone();
        let mut partial = false;
        if let Some(step @ FinalEdit::Splice { .. }) = doc.history.open_run()
            && !idle
        {
            step.clone().apply(&mut snapshot);
            partial = true;
        }
        Some((snapshot, partial))
    }
}
