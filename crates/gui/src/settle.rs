//! One input, one painted frame.
//!
//! egui repaints twice more after every frame that had input (a key press, a
//! key release, a click, a mouse move): "to give things time to settle"
//! (`Context::request_repaint` makes two repaints, and a frame with input
//! requests one). Each of those frames is drawn whole, and without a GPU
//! (llvmpipe, 云桌面) drawing the window is most of a frame's CPU, so one typed
//! digit (press, release) cost four to six painted frames that all looked the
//! same (the frame log of `scripts/frame-timing.sh`, docs/gui-speed.md).
//!
//! Here a frame with input settles inside itself instead: it runs three ui
//! passes (egui's `request_discard`; more when a later pass asks for an
//! immediate repaint again, up to [`MAX_PASSES`]) and paints only the last. The second
//! pass is the one egui would have painted next (what was drawn before the
//! edit in the first pass, the status bar and the totals above a cell, shows
//! the edit); the third is egui's second settling repaint. The repaints egui
//! asked for during the first two passes are then outdated for the runner
//! (eframe drops a request made two passes ago), so nothing is painted again
//! unless the last pass asks for it (a scroll, a tooltip's delay, an
//! animation: they ask in every pass). What the first two passes asked for
//! and the last did not repeat, a later repaint (a delay, a background
//! thread's wake-up), is asked for again in the last pass, through the
//! context's repaint observer.
//!
//! A frame without input settles the same way when its first pass asked for
//! an immediate repaint (a widget shown for the first time, e.g. the rows a
//! jump brought on screen, is styled right only in the next pass).
//!
//! In debug builds egui writes a "PERF WARNING" in the corner after three
//! frames of several passes in a row (fast typing, dragging); release builds
//! have no such text.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The most passes of one frame: egui answers an immediate repaint asked
/// for in a pass with two more, so an input frame takes three (the input's,
/// egui's repaint, egui's second), and more when a later pass asks again (a
/// jump to a row off screen scrolls in a later pass, and the rows it brings
/// are styled in the one after).
pub const MAX_PASSES: usize = 6;

/// A repaint asked for during a pass (seen by the context's observer).
struct Asked {
    pass_nr: u64,
    delay: Duration,
    at: Instant,
    other_thread: bool,
}

#[derive(Default)]
struct State {
    /// The pass number of the current frame's first pass, while it settles.
    settling_from: Option<u64>,
    /// The last pass of the frame (0, 1, …) that asked for an immediate repaint.
    last_asked: usize,
    asked: Vec<Asked>,
}

#[derive(Clone)]
struct Shared(Arc<Mutex<State>>);

impl Shared {
    fn new() -> Self {
        Shared(Arc::new(Mutex::new(State::default())))
    }

    /// The state; never held while calling into the context (the observer
    /// runs with the context locked, possibly on another thread).
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Lets frames with input settle in one painted frame (called once per
/// context, by [`crate::fonts::install`]).
pub fn install(ctx: &egui::Context) {
    let passes = std::num::NonZeroUsize::new(MAX_PASSES).expect("MAX_PASSES > 0");
    ctx.options_mut(|o| o.max_passes = o.max_passes.max(passes));
    let state = Shared::new();
    let seen = state.clone();
    let ui_thread = std::thread::current().id();
    ctx.set_repaint_observer(move |info| {
        if info.viewport_id == egui::ViewportId::ROOT {
            seen.lock().asked.push(Asked {
                pass_nr: info.current_cumulative_pass_nr,
                delay: info.delay,
                at: Instant::now(),
                other_thread: std::thread::current().id() != ui_thread,
            });
        }
    });
    ctx.data_mut(|d| d.insert_temp(egui::Id::NULL, state));
    ctx.add_plugin(OneInstant);
}

/// The passes of a frame are one instant: a later pass without a time of its
/// own (eframe gives every pass the frame's time; a test harness may give
/// none, and egui then adds a frame's duration per pass) keeps the first's.
struct OneInstant;

impl egui::Plugin for OneInstant {
    fn debug_name(&self) -> &'static str {
        "OneInstant"
    }

    fn input_hook(&mut self, ctx: &egui::Context, input: &mut egui::RawInput) {
        if input.time.is_none() && ctx.output(|o| o.num_completed_passes) > 0 {
            input.time = Some(ctx.input(|i| i.time));
        }
    }
}

/// Whether this pass had input, which makes egui repaint after it.
fn had_input(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        !i.events.is_empty()
            || i.pointer.delta() != egui::Vec2::ZERO
            || !i.raw.hovered_files.is_empty()
            || !i.raw.dropped_files.is_empty()
    })
}

/// Called at the end of each ui pass of the root viewport: asks for the
/// next pass of a frame that settles, or carries what the discarded passes
/// asked for into the last one. True when another pass of this frame follows.
pub fn end_pass(ctx: &egui::Context) -> bool {
    let Some(state) = ctx.data(|d| d.get_temp::<Shared>(egui::Id::NULL)) else {
        return false;
    };
    let pass = ctx.output(|o| o.num_completed_passes);
    let pass_nr = ctx.cumulative_pass_nr();
    let input = pass == 0 && had_input(ctx);
    let (more, carried): (bool, Vec<Duration>) = {
        let mut s = state.lock();
        // An immediate repaint asked for in this pass (a widget shown for the
        // first time is styled right only in the next one, a scroll).
        let asked_now = s
            .asked
            .iter()
            .any(|a| a.pass_nr == pass_nr && a.delay.is_zero() && !a.other_thread);
        if pass == 0 {
            s.settling_from = (input || asked_now).then_some(pass_nr);
            s.last_asked = 0;
        }
        let Some(first) = s.settling_from else {
            s.asked.clear();
            return false;
        };
        if asked_now {
            s.last_asked = pass;
        }
        if pass < s.last_asked + 2 && pass + 1 < MAX_PASSES {
            (true, Vec::new())
        } else {
            // The last pass: what the discarded passes asked for, a later
            // repaint or another thread's wake-up, this one asks for again.
            s.settling_from = None;
            let carried = s
                .asked
                .drain(..)
                .filter(|a| a.pass_nr >= first && a.pass_nr < pass_nr)
                .filter(|a| !a.delay.is_zero() || a.other_thread)
                .map(|a| a.delay.saturating_sub(a.at.elapsed()))
                .collect();
            (false, carried)
        }
    };
    if more {
        ctx.request_discard("settling the input in one frame");
        return ctx.will_discard();
    }
    if let Some(left) = carried.into_iter().min() {
        ctx.request_repaint_after(left);
    }
    false
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use egui::{Key, Modifiers};
    use yusuan_engine::Field;

    use rust_decimal::Decimal;
    use yusuan_report::table::format_wan;

    use crate::basic::Col;
    use crate::tests::{focus_cell, harness, harness_sized, has_label, sample};

    /// The events of one typed digit as the window delivers them when the
    /// key is released before the frame begins: press, text, release.
    fn digit(h: &mut egui_kittest::Harness<'static, crate::App>, key: Key, text: &str, release: bool) {
        let ev = |pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        let events = &mut h.input_mut().events;
        events.push(ev(true));
        events.push(egui::Event::Text(text.into()));
        if release {
            events.push(ev(false));
        }
    }

    /// What the window's runner is asked for, as eframe keeps it: each
    /// request with the pass it was made in; eframe drops, once a frame is
    /// painted, a request made more than one pass before the current one.
    #[derive(Clone, Default)]
    struct Runner(Arc<Mutex<Vec<(Duration, u64)>>>);

    impl Runner {
        fn watch(ctx: &egui::Context) -> Runner {
            let r = Runner::default();
            let seen = r.0.clone();
            ctx.set_request_repaint_callback(move |info| {
                seen.lock().unwrap().push((info.delay, info.current_cumulative_pass_nr));
            });
            r
        }
        /// The repaints still due after the frame just painted (and forgets
        /// them, as the runner does once it has scheduled them).
        fn due(&self, ctx: &egui::Context) -> Vec<Duration> {
            let now = ctx.cumulative_pass_nr();
            let mut seen = self.0.lock().unwrap();
            let due = seen
                .iter()
                .filter(|(_, nr)| now == *nr || now == nr + 1)
                .map(|(d, _)| *d)
                .collect();
            seen.clear();
            due
        }
        /// Frames painted until nothing asks for another (at most 30).
        fn frames(&self, h: &mut egui_kittest::Harness<'static, crate::App>) -> usize {
            (1..=30)
                .find(|_| {
                    h.step();
                    self.settled(&h.ctx)
                })
                .unwrap_or(31)
        }
        /// No repaint soon: the last frame is what stays on screen.
        fn settled(&self, ctx: &egui::Context) -> bool {
            let due = self.due(ctx);
            let settled = due.iter().all(|d| *d > Duration::from_millis(100));
            if !settled {
                eprintln!("due: {due:?}, causes {:?}", ctx.repaint_causes());
            }
            settled
        }
    }

    #[test]
    fn a_typed_digit_is_painted_in_one_frame_that_shows_the_new_totals() {
        let mut h = harness(sample(false));
        h.run();
        let before_total = h.state().computed.totals.expense_total;
        let old = h.state().package.basic_lines[0].amount;
        focus_cell(&mut h, 0, Field::Amount);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run();
        let runner = Runner::watch(&h.ctx);
        digit(&mut h, Key::Num7, "7", false);
        h.step();
        assert_eq!(h.state().package.basic_lines[0].amount, Decimal::from(7));
        // The status bar is drawn before the grid: the frame that took the
        // digit shows the 支出总计 it made, not the one before.
        let shown = format_wan(before_total - old + Decimal::from(7), 2);
        assert!(has_label(&h, &shown), "status bar shows {shown} in the key's frame");
        let passes = h.output().platform_output.num_completed_passes;
        assert!((3..=super::MAX_PASSES).contains(&passes), "{passes} passes");
        assert!(
            runner.settled(&h.ctx),
            "no frame after the key's (egui alone paints two more)"
        );
        // The key's release: one frame, nothing after it.
        h.input_mut().events.push(egui::Event::Key {
            key: Key::Num7,
            physical_key: None,
            pressed: false,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
        assert!(runner.settled(&h.ctx), "no frame after the release's");
        // Press, text and release in one batch: one frame.
        digit(&mut h, Key::Num8, "8", true);
        h.step();
        assert!(runner.settled(&h.ctx));
        assert_eq!(h.state().package.basic_lines[0].amount, Decimal::from(78));
        let amount = Col::ALL.iter().position(|c| *c == Col::Amount).unwrap();
        assert_eq!(
            h.state().basic.grid.cursor,
            Some((0, amount)),
            "the cell keeps the focus"
        );
    }

    #[test]
    fn tab_to_a_cell_below_the_screen_jumps_in_one_frame() {
        let mut h = harness_sized(sample(false), egui::vec2(1366.0, 420.0));
        h.run();
        let rows = h.state().package.basic_lines.len();
        assert!(rows > 10, "the sample has rows below the screen ({rows})");
        focus_cell(&mut h, rows - 1, Field::Amount);
        focus_cell(&mut h, 0, Field::Amount);
        let runner = Runner::watch(&h.ctx);
        h.input_mut().events.push(egui::Event::Key {
            key: Key::ArrowDown,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        });
        // Ctrl+↓ goes to the last row: without the scrolling animation the
        // grid is there at once (egui's default animates over ~15 frames).
        let frames = runner.frames(&mut h);
        let amount = Col::ALL.iter().position(|c| *c == Col::Amount).unwrap();
        assert_eq!(h.state().basic.grid.cursor, Some((rows - 1, amount)));
        assert_eq!(frames, 1, "frames for one jump");
    }

    /// A later repaint asked for only in the first pass (a delay) is still
    /// asked for when the frame ends: the passes that settled it do not
    /// swallow it.
    #[test]
    fn a_delayed_repaint_asked_in_the_first_pass_survives_the_settling() {
        let ctx = egui::Context::default();
        super::install(&ctx);
        let runner = Runner::watch(&ctx);
        let run = |events: Vec<egui::Event>| {
            let input = egui::RawInput {
                events,
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                if ui.input(|i| !i.events.is_empty()) {
                    ui.ctx().request_repaint_after(Duration::from_secs(5));
                }
                super::end_pass(ui.ctx());
            });
            out.textures_delta.clear();
            out.platform_output.num_completed_passes
        };
        run(Vec::new());
        runner.due(&ctx);
        assert_eq!(run(vec![egui::Event::Text("1".into())]), 3);
        let due = runner.due(&ctx);
        assert_eq!(due.len(), 1, "{due:?}");
        assert!(
            due[0] > Duration::from_secs(4) && due[0] <= Duration::from_secs(5),
            "{due:?}"
        );
        // Without input: one pass, nothing asked.
        assert_eq!(run(Vec::new()), 1);
        assert_eq!(runner.due(&ctx), Vec::<Duration>::new());
    }
}
