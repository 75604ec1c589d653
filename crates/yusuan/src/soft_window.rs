//! The desktop window painted on the CPU (issue 9, docs/gui-speed.md
//! "Painting on the CPU"): egui's output is rasterised by the vendored
//! `egui_software_backend` into a tiled canvas that keeps each clipped
//! primitive's pixels, and only the tiles that changed are composed and sent
//! to the X server (softbuffer over MIT-SHM, `present_with_damage`). Without
//! a GPU, llvmpipe shades, clears and copies the whole window for every frame
//! (≈ 20 ms here); typing a digit changes a few tiles.
//!
//! The runner does what eframe does for the editor: the window from the same
//! [`egui::ViewportBuilder`], egui-winit's input, clipboard, IME, links and
//! cursor, the viewport commands (title, close, cancel close, copy/paste
//! requests), asking before closing with unsaved work, `App::on_exit`,
//! repaints when egui or another thread asks (the repaint callback, with
//! eframe's rule for outdated requests), resize and the scale factor, the
//! accessibility adapter (AccessKit; the window is hidden until its first
//! frame, as eframe does). egui's passes of one frame (`request_discard`) run
//! inside [`egui::Context::run_ui`]. Without a compositor the X server does
//! not keep a window's pixels: an Expose (the window mapped, or a part
//! uncovered) sends the whole frame again.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{ViewportId, ViewportInfo};
use egui_software_backend::{BufferMutRef, ColorFieldOrder, EguiSoftwareRender};
use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop, EventLoopProxy};
use winit::window::{Window, WindowId};

/// Which painter draws the window (`YUSUAN_RENDERER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// egui's output rasterised on the CPU, only the changed tiles presented.
    Cpu,
    /// eframe with OpenGL (glow): llvmpipe without a GPU.
    Gl,
}

impl Renderer {
    /// The painter named by `YUSUAN_RENDERER` (`cpu` or `gl`, any case).
    /// Unset or empty: the CPU painter under X11 (measured faster than
    /// llvmpipe and fine with a GPU, docs/gui-speed.md), OpenGL under
    /// Wayland (`wayland`: `WAYLAND_DISPLAY` is set; not measured there). An
    /// unknown name: the default and a message saying what is accepted.
    pub fn choose(value: Option<&str>, wayland: bool) -> (Self, Option<String>) {
        let default = if wayland { Self::Gl } else { Self::Cpu };
        let value = value.map(str::trim).unwrap_or_default();
        match value.to_ascii_lowercase().as_str() {
            "" => (default, None),
            "cpu" => (Self::Cpu, None),
            "gl" | "glow" | "opengl" => (Self::Gl, None),
            _ => (
                default,
                Some(format!(
                    "警告：环境变量 YUSUAN_RENDERER={value} 无法识别，应为 cpu（CPU 绘制）或 gl（OpenGL）；已按默认方式绘制。"
                )),
            ),
        }
    }
}

/// A rectangle of the window, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Damage {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// The rectangles to present for the dirty tiles (`mask`, row by row,
/// `tiles_x` across, squares of `tile` pixels) of a `width` × `height`
/// window: each run of dirty tiles in a row is one rectangle, joined with the
/// one of the row above when it spans the same columns; cut at the window's
/// edges.
pub fn damage_rects(mask: &[bool], tiles_x: usize, tile: usize, width: usize, height: usize) -> Vec<Damage> {
    let mut rects: Vec<Damage> = Vec::new();
    if tiles_x == 0 || tile == 0 {
        return rects;
    }
    // The rectangles that reach the bottom of the previous row of tiles.
    let mut open: Vec<usize> = Vec::new();
    for (row, tiles) in mask.chunks(tiles_x).enumerate() {
        let y = row * tile;
        if y >= height {
            break;
        }
        let h = tile.min(height - y);
        let mut next_open = Vec::new();
        let mut col = 0;
        while col < tiles.len() {
            if !tiles[col] {
                col += 1;
                continue;
            }
            let first = col;
            while col < tiles.len() && tiles[col] {
                col += 1;
            }
            let x = first * tile;
            if x >= width {
                break;
            }
            let w = (col * tile).min(width) - x;
            match open
                .iter()
                .copied()
                .find(|&i| rects[i].x == x && rects[i].width == w && rects[i].y + rects[i].height == y)
            {
                Some(i) => {
                    rects[i].height += h;
                    next_open.push(i);
                }
                None => {
                    rects.push(Damage {
                        x,
                        y,
                        width: w,
                        height: h,
                    });
                    next_open.push(rects.len() - 1);
                }
            }
        }
        open = next_open;
    }
    rects
}

/// When to paint for a repaint asked for `delay` after `now`; `None` for
/// never (egui asks for `Duration::MAX` when nothing is pending).
pub fn wake_time(now: Instant, delay: Duration) -> Option<Instant> {
    now.checked_add(delay)
}

/// When the window is next to be repainted: the earliest time asked for
/// since the last frame began. A frame forgets what was asked before it (it
/// paints that; what it still needs it asks again while it runs): kept,
/// the first key's "in one second" woke the editor 1 s after the first key
/// of a word, not after the last, and the recovery file (written after a
/// second without typing) waited for the next wake, ≈ 1.8 s.
#[derive(Default)]
struct Wake(Option<Instant>);

impl Wake {
    fn asked(&mut self, when: Instant) {
        self.0 = Some(self.0.map_or(when, |at| at.min(when)));
    }
    /// A frame begins.
    fn painting(&mut self) {
        self.0 = None;
    }
    /// Whether the wake is due at `now` (then it is taken).
    fn due(&mut self, now: Instant) -> bool {
        let due = self.0.is_some_and(|at| at <= now);
        if due {
            self.0 = None;
        }
        due
    }
    fn control_flow(&self) -> ControlFlow {
        match self.0 {
            Some(at) => ControlFlow::WaitUntil(at),
            None => ControlFlow::Wait,
        }
    }
}

/// Whether a repaint asked for during pass `asked_in` still counts when the
/// context has completed `current` passes: eframe's rule, which
/// `yusuan_gui::settle` relies on — a request made in this pass or the one
/// before is kept; an older one was already painted.
pub fn repaint_is_current(current: u64, asked_in: u64) -> bool {
    current == asked_in || current == asked_in + 1
}

/// Sends the frame's damaged rectangles (the whole frame when `whole` or when
/// the window's buffer does not hold the last frame); returns the pixels sent.
fn present(
    surface: &mut softbuffer::Surface<Arc<Window>, Arc<Window>>,
    frame: &[u32],
    width: usize,
    rects: &[Damage],
    whole: bool,
) -> Result<usize, softbuffer::SoftBufferError> {
    let mut buffer = surface.buffer_mut()?;
    // Age 1: the buffer is the frame presented last (X11 with MIT-SHM); only
    // the damage is copied and sent. Otherwise, or when the window system
    // lost the window's pixels (`whole`), the whole frame.
    if whole {
        buffer.copy_from_slice(frame);
        buffer.present()?;
        Ok(frame.len())
    } else if buffer.age() == 1 && !rects.is_empty() {
        let mut sent = 0;
        let mut damage = Vec::with_capacity(rects.len());
        for r in rects {
            for y in r.y..r.y + r.height {
                let row = y * width;
                buffer[row + r.x..row + r.x + r.width].copy_from_slice(&frame[row + r.x..row + r.x + r.width]);
            }
            sent += r.width * r.height;
            damage.push(softbuffer::Rect {
                x: r.x as u32,
                y: r.y as u32,
                width: NonZeroU32::new(r.width as u32).unwrap_or(NonZeroU32::MIN),
                height: NonZeroU32::new(r.height as u32).unwrap_or(NonZeroU32::MIN),
            });
        }
        buffer.present_with_damage(&damage)?;
        Ok(sent)
    } else if buffer.age() == 1 {
        Ok(0) // nothing changed: nothing to send
    } else {
        buffer.copy_from_slice(frame);
        buffer.present()?;
        Ok(frame.len())
    }
}

/// The X server's word that part of the window lost its pixels (uncovered,
/// or mapped after a frame was sent while it was hidden): a connection of
/// its own that selects Expose events on the window (every client may). winit
/// turns Expose into a redraw request too, merged with the runner's own.
struct Exposures {
    conn: x11rb::rust_connection::RustConnection,
}

impl Exposures {
    /// For an X11 window; `None` under Wayland or when the server says no.
    fn watch(window: &Window) -> Option<Self> {
        use raw_window_handle::{HasWindowHandle, RawWindowHandle};
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{ChangeWindowAttributesAux, ConnectionExt, EventMask};
        let id = match window.window_handle().ok()?.as_raw() {
            RawWindowHandle::Xlib(h) => u32::try_from(h.window).ok()?,
            RawWindowHandle::Xcb(h) => h.window.get(),
            _ => return None,
        };
        let (conn, _) = x11rb::connect(None).ok()?;
        conn.change_window_attributes(id, &ChangeWindowAttributesAux::new().event_mask(EventMask::EXPOSURE))
            .ok()?
            .check()
            .ok()?;
        conn.flush().ok()?;
        Some(Self { conn })
    }

    /// Whether an Expose came since the last call.
    fn any(&self) -> bool {
        use x11rb::connection::Connection;
        let mut exposed = false;
        while let Ok(Some(event)) = self.conn.poll_for_event() {
            exposed |= matches!(event, x11rb::protocol::Event::Expose(_));
        }
        exposed
    }
}

/// The thread's CPU time (Linux: `CLOCK_THREAD_CPUTIME_ID`), for the paint log.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec we pass and nothing else.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// A wake-up from egui (another thread or a delayed repaint), or from the
/// accessibility adapter (a screen reader).
#[derive(Debug)]
enum UserEvent {
    Repaint { when: Instant, pass: u64 },
    AccessKit(egui_winit::accesskit_winit::Event),
}

impl From<egui_winit::accesskit_winit::Event> for UserEvent {
    fn from(event: egui_winit::accesskit_winit::Event) -> Self {
        Self::AccessKit(event)
    }
}

/// What the runner needs from the desktop module: the editor's setup once
/// the window is there, and its clear colour.
pub trait Editor {
    /// One frame of the editor.
    fn ui(&mut self, ui: &mut egui::Ui);
    /// The window closes.
    fn on_exit(&mut self);
    /// The colour under the (transparent) panels, opaque.
    fn background(&self, visuals: &egui::Visuals) -> egui::Color32;
}

type Setup<'a> = Box<dyn FnOnce(&egui::Context, &Window) -> Box<dyn Editor> + 'a>;

struct Running {
    // Dropped in this order (egui-winit's clipboard before the window, as
    // egui_software_backend's runner keeps them for Wayland).
    surface: softbuffer::Surface<Arc<Window>, Arc<Window>>,
    egui_winit: egui_winit::State,
    window: Arc<Window>,
    editor: Box<dyn Editor>,
    renderer: EguiSoftwareRender,
    /// The window's pixels as last composed (0RGB, the X server's format).
    frame: Vec<u32>,
    frame_size: [usize; 2],
    info: ViewportInfo,
    actions: Vec<egui_winit::ActionRequested>,
    /// The window was made visible (after its first frame).
    shown: bool,
    /// Expose events from the X server (X11): the whole frame is sent again.
    exposures: Option<Exposures>,
    /// An Expose was seen between frames.
    exposed: bool,
}

impl Running {
    fn redraw(&mut self) {
        self.window.request_redraw();
    }
}

struct SoftApp<'a> {
    ctx: egui::Context,
    viewport: egui::ViewportBuilder,
    proxy: EventLoopProxy<UserEvent>,
    setup: Option<Setup<'a>>,
    running: Option<Running>,
    /// When the next repaint is due (from egui's repaint callback).
    repaint_at: Wake,
    /// The window failed to open: the message (the caller falls back to gl).
    failed: Option<String>,
    closing: bool,
    paint_log: Option<std::fs::File>,
}

impl SoftApp<'_> {
    fn open(&mut self, event_loop: &ActiveEventLoop) -> Result<Running, String> {
        // Hidden until its first frame is presented (as eframe: no white
        // flash, and the accessibility adapter is set up before it shows).
        let hidden = self.viewport.clone().with_visible(false);
        let window = egui_winit::create_window(&self.ctx, event_loop, &hidden)
            .map(Arc::new)
            .map_err(|e| format!("无法创建窗口：{e}"))?;
        let context = softbuffer::Context::new(window.clone()).map_err(|e| format!("无法使用 CPU 绘制：{e}"))?;
        let surface =
            softbuffer::Surface::new(&context, window.clone()).map_err(|e| format!("无法使用 CPU 绘制：{e}"))?;
        let mut egui_winit = egui_winit::State::new(
            self.ctx.clone(),
            ViewportId::ROOT,
            &window,
            Some(window.scale_factor() as f32),
            window.theme(),
            None,
        );
        egui_winit.init_accesskit(event_loop, &window, self.proxy.clone());
        let setup = self.setup.take().ok_or("窗口已打开过")?;
        let editor = setup(&self.ctx, &window);
        let mut info = ViewportInfo::default();
        egui_winit::update_viewport_info(&mut info, &self.ctx, &window, true);
        let exposures = Exposures::watch(&window);
        Ok(Running {
            surface,
            egui_winit,
            window,
            editor,
            renderer: EguiSoftwareRender::new(ColorFieldOrder::Bgra),
            frame: Vec::new(),
            frame_size: [0, 0],
            info,
            actions: Vec::new(),
            shown: false,
            exposures,
            exposed: false,
        })
    }

    /// One frame: the editor's passes, its output handled, the changed tiles
    /// painted and presented. Returns whether the window is to close.
    fn frame(&mut self, event_loop: &ActiveEventLoop) -> bool {
        let Some(r) = self.running.as_mut() else {
            return false;
        };
        let started = Instant::now();
        self.repaint_at.painting();
        // The thread's CPU time only for the paint log (a system call).
        let cpu_start = self.paint_log.is_some().then(thread_cpu);
        let exposed = std::mem::take(&mut r.exposed) | r.exposures.as_ref().is_some_and(Exposures::any);
        let size = r.window.inner_size();
        let (width, height) = (size.width.max(1) as usize, size.height.max(1) as usize);
        egui_winit::update_viewport_info(&mut r.info, &self.ctx, &r.window, false);
        let mut raw_input = r.egui_winit.take_egui_input(&r.window);
        raw_input.viewports = std::iter::once((ViewportId::ROOT, r.info.clone())).collect();
        let typed = raw_input
            .events
            .iter()
            .filter(|e| matches!(e, egui::Event::Text(_)))
            .count();
        let close_requested = raw_input.viewport().close_requested();
        let editor = &mut r.editor;
        let output = self.ctx.run_ui(raw_input, |ui| editor.ui(ui));
        r.info.events.clear(); // given to this frame
        let built = started.elapsed();

        let commands = output
            .viewport_output
            .get(&ViewportId::ROOT)
            .map(|v| v.commands.clone())
            .unwrap_or_default();
        let close = close_requested && !commands.contains(&egui::ViewportCommand::CancelClose);
        r.egui_winit
            .handle_platform_output_with_event_loop(&r.window, event_loop, output.platform_output);
        egui_winit::process_viewport_commands(&self.ctx, &mut r.info, commands, &r.window, &mut r.actions);
        if r.info.events.iter().any(|e| matches!(e, egui::ViewportEvent::Close)) {
            // The editor asked to close (after its question): the next frame
            // sees the request, as under eframe.
            r.redraw();
        }

        // Paint.
        let paint_start = Instant::now();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let mut textures = output.textures_delta;
        r.renderer
            .render_to_canvas(width, height, &primitives, &textures, output.pixels_per_point);
        textures.clear(); // applied (egui checks that none is dropped unapplied)
        if r.frame_size != [width, height] {
            r.frame = vec![0; width * height];
            r.frame_size = [width, height];
            if let (Some(w), Some(h)) = (NonZeroU32::new(width as u32), NonZeroU32::new(height as u32))
                && let Err(e) = r.surface.resize(w, h)
            {
                eprintln!("错误：CPU 绘制无法改变窗口大小：{e}");
            }
        }
        let bg = r.editor.background(&self.ctx.global_style().visuals);
        let pixels: &mut [[u8; 4]] = bytemuck_cast(&mut r.frame);
        let mut target = BufferMutRef::new(pixels, width, height);
        // BGRA in memory is the X server's 0xAARRGGBB.
        r.renderer
            .blit_dirty_tiles_over(&mut target, [bg.b(), bg.g(), bg.r(), 255]);
        let [tiles_x, _] = r.renderer.tiles_dim();
        let rects = damage_rects(
            &r.renderer.dirty_tile_mask(),
            tiles_x,
            EguiSoftwareRender::TILE_SIZE,
            width,
            height,
        );
        let sent = match present(&mut r.surface, &r.frame, width, &rects, exposed) {
            Ok(sent) => sent,
            Err(e) => {
                eprintln!("错误：CPU 绘制无法显示画面：{e}");
                0
            }
        };
        let painted = paint_start.elapsed();
        if !r.shown {
            r.shown = true;
            r.window.set_visible(true);
        }

        // Cut, copy and paste asked for by the editor, as eframe does.
        for action in r.actions.drain(..) {
            match action {
                egui_winit::ActionRequested::Cut => r.egui_winit.egui_input_mut().events.push(egui::Event::Cut),
                egui_winit::ActionRequested::Copy => r.egui_winit.egui_input_mut().events.push(egui::Event::Copy),
                egui_winit::ActionRequested::Paste => {
                    if let Some(text) = r.egui_winit.clipboard_text() {
                        let text = text.replace("\r\n", "\n");
                        if !text.is_empty() {
                            r.egui_winit.egui_input_mut().events.push(egui::Event::Paste(text));
                        }
                    }
                }
                _ => {} // screenshots: not used by the editor
            }
        }

        if let Some(log) = &mut self.paint_log {
            use std::io::Write;
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let _ = writeln!(
                log,
                "{:.3}\t{typed}\t{:.3}\t{:.3}\t{:.3}\t{sent}\t{}",
                ms(thread_cpu().saturating_sub(cpu_start.unwrap_or_default())),
                ms(started.elapsed()),
                ms(built),
                ms(painted),
                rects.len(),
            );
        }
        close
    }

    /// Asks for a frame when the repaint is due (or part of the window was
    /// exposed); otherwise sleeps until it.
    fn schedule(&mut self, event_loop: &ActiveEventLoop) {
        if let Some(r) = &mut self.running
            && r.exposures.as_ref().is_some_and(Exposures::any)
        {
            r.exposed = true;
            r.redraw();
        }
        if self.repaint_at.due(Instant::now())
            && let Some(r) = &mut self.running
        {
            r.redraw();
        }
        event_loop.set_control_flow(self.repaint_at.control_flow());
    }

    fn exit(&mut self, event_loop: &ActiveEventLoop) {
        if !self.closing {
            self.closing = true;
            if let Some(r) = &mut self.running {
                r.editor.on_exit();
                r.window.set_visible(false);
            }
        }
        event_loop.exit();
    }
}

/// `&mut [u32]` as `&mut [[u8; 4]]` (same size and alignment 1 ≤ 4).
fn bytemuck_cast(pixels: &mut [u32]) -> &mut [[u8; 4]] {
    // SAFETY: [u8; 4] has the size of u32 and a smaller alignment; every bit
    // pattern is valid for both; the length is the same number of pixels.
    unsafe { std::slice::from_raw_parts_mut(pixels.as_mut_ptr().cast::<[u8; 4]>(), pixels.len()) }
}

impl ApplicationHandler<UserEvent> for SoftApp<'_> {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.running.is_some() || self.failed.is_some() {
            return;
        }
        match self.open(event_loop) {
            Ok(mut running) => {
                running.redraw();
                self.running = Some(running);
            }
            Err(e) => {
                self.failed = Some(e);
                event_loop.exit();
            }
        }
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, event: UserEvent) {
        match event {
            UserEvent::Repaint { when, pass } => {
                if repaint_is_current(self.ctx.cumulative_pass_nr_for(ViewportId::ROOT), pass) {
                    self.repaint_at.asked(when);
                }
            }
            // As eframe (native/winit_integration.rs, on_accesskit_window_event).
            UserEvent::AccessKit(event) => {
                use egui_winit::accesskit_winit::WindowEvent as A;
                if let Some(r) = &mut self.running {
                    match event.window_event {
                        A::InitialTreeRequested => {
                            self.ctx.enable_accesskit();
                            r.redraw();
                        }
                        A::ActionRequested(request) => {
                            r.egui_winit.on_accesskit_action_request(request);
                            r.redraw();
                        }
                        A::AccessibilityDeactivated => self.ctx.disable_accesskit(),
                    }
                }
            }
        }
        self.schedule(event_loop);
    }

    fn new_events(&mut self, event_loop: &ActiveEventLoop, _cause: winit::event::StartCause) {
        self.schedule(event_loop);
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        self.schedule(event_loop);
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        if self.closing {
            return;
        }
        match &event {
            WindowEvent::RedrawRequested => {
                if self.frame(event_loop) {
                    self.exit(event_loop);
                }
                return;
            }
            WindowEvent::CloseRequested => {
                // The editor is asked (unsaved work: it cancels and shows its
                // question), as eframe does.
                if let Some(r) = &mut self.running {
                    r.info.events.push(egui::ViewportEvent::Close);
                    r.redraw();
                }
                return;
            }
            WindowEvent::Destroyed => {
                self.exit(event_loop);
                return;
            }
            _ => {}
        }
        if let Some(r) = &mut self.running {
            let response = r.egui_winit.on_window_event(&r.window, &event);
            if response.repaint {
                r.redraw();
            }
        }
    }
}

/// Opens the window and runs the editor until it closes. `Err` (with the
/// reason) when the window or its CPU painter could not be set up, before
/// the editor was made: the caller opens the OpenGL window instead (in a new
/// process: winit allows one event loop per process).
pub fn run(
    ctx: egui::Context,
    viewport: egui::ViewportBuilder,
    paint_log: Option<std::fs::File>,
    setup: impl FnOnce(&egui::Context, &Window) -> Box<dyn Editor>,
) -> Result<(), String> {
    let event_loop = EventLoop::<UserEvent>::with_user_event()
        .build()
        .map_err(|e| format!("无法连接图形界面：{e}"))?;
    // Other viewports (the editor opens none) drawn inside this window: the
    // runner has one. (egui's default of 2 passes a frame is eframe's too.)
    ctx.set_embed_viewports(true);
    let proxy: EventLoopProxy<UserEvent> = event_loop.create_proxy();
    let accesskit_proxy = proxy.clone();
    ctx.set_request_repaint_callback(move |info| {
        if let Some(when) = wake_time(Instant::now(), info.delay) {
            let _ = proxy.send_event(UserEvent::Repaint {
                when,
                pass: info.current_cumulative_pass_nr,
            });
        }
    });
    let mut app = SoftApp {
        ctx,
        viewport,
        proxy: accesskit_proxy,
        setup: Some(Box::new(setup)),
        running: None,
        repaint_at: Wake::default(),
        failed: None,
        closing: false,
        paint_log,
    };
    let result = event_loop.run_app(&mut app);
    if let Some(e) = app.failed {
        return Err(e);
    }
    if app.running.is_none() {
        return Err(match result {
            Err(e) => format!("窗口未能打开：{e}"),
            Ok(()) => "窗口未能打开".to_string(),
        });
    }
    if let Err(e) = result {
        eprintln!("错误：窗口的事件循环出错：{e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn renderer_from_the_environment() {
        // X11: the CPU painter unless gl is asked for.
        assert_eq!(Renderer::choose(None, false), (Renderer::Cpu, None));
        assert_eq!(Renderer::choose(Some(""), false), (Renderer::Cpu, None));
        assert_eq!(Renderer::choose(Some("cpu"), false), (Renderer::Cpu, None));
        assert_eq!(Renderer::choose(Some(" GL "), false), (Renderer::Gl, None));
        assert_eq!(Renderer::choose(Some("glow"), false), (Renderer::Gl, None));
        // Wayland: OpenGL unless cpu is asked for.
        assert_eq!(Renderer::choose(None, true), (Renderer::Gl, None));
        assert_eq!(Renderer::choose(Some("cpu"), true), (Renderer::Cpu, None));
        let (r, msg) = Renderer::choose(Some("vulkan"), false);
        assert_eq!(r, Renderer::Cpu);
        let msg = msg.expect("an unknown name is reported");
        assert!(
            msg.contains("YUSUAN_RENDERER=vulkan") && msg.contains("cpu") && msg.contains("gl"),
            "{msg}"
        );
        assert_eq!(Renderer::choose(Some("vulkan"), true).0, Renderer::Gl);
    }

    const T: usize = 64;

    #[test]
    fn no_dirty_tile_no_damage() {
        assert!(damage_rects(&[false; 6], 3, T, 150, 100).is_empty());
        assert!(damage_rects(&[], 3, T, 150, 100).is_empty());
    }

    #[test]
    fn runs_of_dirty_tiles_are_one_rectangle_cut_at_the_window_edge() {
        // 3 × 2 tiles over a 150 × 100 window: the last column is 22 px wide,
        // the last row 36 px high.
        #[rustfmt::skip]
        let mask = [
            false, true, true,
            true, false, false,
        ];
        assert_eq!(
            damage_rects(&mask, 3, T, 150, 100),
            vec![
                Damage {
                    x: 64,
                    y: 0,
                    width: 86,
                    height: 64
                },
                Damage {
                    x: 0,
                    y: 64,
                    width: 64,
                    height: 36
                },
            ]
        );
    }

    #[test]
    fn the_same_columns_in_consecutive_rows_are_one_rectangle() {
        #[rustfmt::skip]
        let mask = [
            true, true, false, true,
            true, true, false, false,
            false, false, false, true,
        ];
        assert_eq!(
            damage_rects(&mask, 4, T, 256, 192),
            vec![
                Damage {
                    x: 0,
                    y: 0,
                    width: 128,
                    height: 128
                },
                Damage {
                    x: 192,
                    y: 0,
                    width: 64,
                    height: 64
                },
                Damage {
                    x: 192,
                    y: 128,
                    width: 64,
                    height: 64
                },
            ]
        );
        // A whole window dirty: one rectangle of its size.
        assert_eq!(
            damage_rects(&[true; 6], 3, T, 150, 100),
            vec![Damage {
                x: 0,
                y: 0,
                width: 150,
                height: 100
            }]
        );
    }

    /// The editor in a test harness, painted as the desktop paints it
    /// (transparent panels, no feathering), 1340 × 690 like the window.
    fn editor() -> egui_kittest::Harness<'static, yusuan_gui::App> {
        let app = yusuan_gui::App::new(yusuan_model::sample_package(), None, false);
        let h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1340.0, 690.0))
            .with_context_setup(yusuan_gui::fonts::install)
            .with_accessibility_check(false)
            .build_ui_state(|ui, app: &mut yusuan_gui::App| app.frame(ui), app);
        h.ctx
            .all_styles_mut(|s| s.visuals.panel_fill = egui::Color32::TRANSPARENT);
        h.ctx.tessellation_options_mut(|t| t.feathering = false);
        h
    }

    /// [`editor`] on the 基本支出 grid, row 3's amount focused.
    fn editor_on_row_3s_amount() -> egui_kittest::Harness<'static, yusuan_gui::App> {
        let mut h = editor();
        h.run();
        h.state_mut().screen = yusuan_gui::Screen::Basic;
        h.state_mut().basic.select_field(2, yusuan_engine::Field::Amount);
        h.run();
        h.run();
        h
    }

    /// The CPU painter's state between frames, as in the window.
    struct Painter {
        renderer: EguiSoftwareRender,
        frame: Vec<[u8; 4]>,
        atlas_sent: bool,
    }

    const W: usize = 1340;
    const H: usize = 690;

    impl Painter {
        fn new() -> Self {
            Self {
                renderer: EguiSoftwareRender::new(ColorFieldOrder::Bgra),
                frame: vec![[0; 4]; W * H],
                atlas_sent: false,
            }
        }

        /// Paints the harness's last frame; returns the dirty tiles. The
        /// harness runs several frames per `run` and only the last output is
        /// kept, so the whole font atlas is given each time (a patch at 0,0
        /// after the first: the same pixels, no invalidation).
        fn paint(&mut self, h: &egui_kittest::Harness<'static, yusuan_gui::App>) -> Vec<bool> {
            let out = h.output();
            let atlas = h.ctx.fonts(|f| f.image());
            let options = egui::epaint::TextureAtlas::texture_options();
            let mut delta = egui::TexturesDelta::default();
            delta.push(
                egui::TextureId::default(),
                if self.atlas_sent {
                    egui::epaint::ImageDelta::partial([0, 0], atlas, options)
                } else {
                    egui::epaint::ImageDelta::full(atlas, options)
                },
            );
            self.atlas_sent = true;
            let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
            self.renderer
                .render_to_canvas(W, H, &prims, &delta, out.pixels_per_point);
            delta.clear();
            let bg = h.ctx.global_style().visuals.panel_fill;
            let bg = if bg.a() == 0 {
                if h.ctx.global_style().visuals.dark_mode {
                    egui::Visuals::dark().panel_fill
                } else {
                    egui::Visuals::light().panel_fill
                }
            } else {
                bg
            };
            let mut target = BufferMutRef::new(&mut self.frame, W, H);
            self.renderer
                .blit_dirty_tiles_over(&mut target, [bg.b(), bg.g(), bg.r(), 255]);
            self.renderer.dirty_tile_mask()
        }
    }

    fn panel_bgra(h: &egui_kittest::Harness<'static, yusuan_gui::App>) -> [u8; 4] {
        let c = if h.ctx.global_style().visuals.dark_mode {
            egui::Visuals::dark().panel_fill
        } else {
            egui::Visuals::light().panel_fill
        };
        [c.b(), c.g(), c.r(), 255]
    }

    fn count(frame: &[[u8; 4]], rect: egui::Rect, f: impl Fn([u8; 4]) -> bool) -> usize {
        let (x0, y0) = (rect.min.x.max(0.0) as usize, rect.min.y.max(0.0) as usize);
        let (x1, y1) = ((rect.max.x as usize).min(W), (rect.max.y as usize).min(H));
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| f(frame[y * W + x]))
            .count()
    }

    fn distance(a: [u8; 4], b: [u8; 4]) -> u32 {
        (0..3).map(|i| a[i].abs_diff(b[i]) as u32).sum()
    }

    /// The 基本支出 grid of the sample, row 3's amount focused, through the
    /// CPU painter: its text is drawn in the text colour over the panel
    /// colour, the selected row's blue is there in the window's channel
    /// order (BGRA) and not swapped, and the empty part of the window is the
    /// panel colour.
    #[test]
    fn the_cpu_painter_draws_the_editor_in_the_right_colours() {
        let h = editor_on_row_3s_amount();
        let mut p = Painter::new();
        let dirty = p.paint(&h);
        assert!(dirty.iter().all(|&d| d), "the first frame is painted whole");
        let bg = panel_bgra(&h);
        let visuals = h.ctx.global_style().visuals.clone();

        // Text: the navigation's 基本支出, dark (light theme) pixels of the
        // text colour's darkness over the panel colour.
        // The navigation's entry (the leftmost; the screen's title says it too).
        let nav = h
            .query_all_by_label("基本支出")
            .map(|n| n.rect())
            .min_by(|a, b| a.min.x.total_cmp(&b.min.x))
            .expect("基本支出 is shown");
        let text = visuals.text_color();
        let text_bgra = [text.b(), text.g(), text.r(), 255];
        let inked = count(&p.frame, nav, |px| {
            distance(px, text_bgra) < distance(px, bg) && distance(px, bg) > 150
        });
        assert!(
            inked > 40,
            "基本支出 is drawn: {inked} pixels of text colour in {nav:?}"
        );

        // The selected row's colour, in BGRA order; swapped (RGBA) it is not there.
        let sel = visuals.selection.bg_fill;
        assert_ne!(sel.r(), sel.b(), "a colour whose swap is another colour");
        let whole = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(W as f32, H as f32));
        let selected = count(&p.frame, whole, |px| px == [sel.b(), sel.g(), sel.r(), 255]);
        let swapped = count(&p.frame, whole, |px| px == [sel.r(), sel.g(), sel.b(), 255]);
        assert!(selected > 200, "the selected row is painted: {selected} pixels");
        assert!(swapped < selected / 20, "no swapped channels: {swapped} vs {selected}");

        // Most of the window is the panel colour (the cleared background).
        let panel = count(&p.frame, whole, |px| px == bg);
        assert!(panel > W * H / 4, "panel colour on {panel} of {} pixels", W * H);
        assert!(
            panel < W * H * 19 / 20,
            "and something on the rest: {panel} of {}",
            W * H
        );
    }

    /// Painting again with nothing changed changes no tile (no damage to
    /// present); typing a digit changes a few, and the window then is pixel
    /// for pixel what painting the frame from scratch gives (no stale tile).
    #[test]
    fn only_what_changed_is_painted_and_it_is_the_whole_picture() {
        let mut h = editor_on_row_3s_amount();
        let mut p = Painter::new();
        p.paint(&h);
        let again = p.paint(&h);
        assert!(
            !again.iter().any(|&d| d),
            "a frame with nothing changed has no dirty tile"
        );
        let [tx, _] = p.renderer.tiles_dim();
        assert!(damage_rects(&again, tx, EguiSoftwareRender::TILE_SIZE, W, H).is_empty());

        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        h.event(egui::Event::Text("7".into()));
        h.run();
        let typed = p.paint(&h);
        let changed = typed.iter().filter(|&&d| d).count();
        assert!(changed > 0, "the typed digit is painted");
        assert!(
            changed < typed.len() / 4,
            "a digit changes a few tiles, not the window: {changed} of {}",
            typed.len()
        );
        let mut fresh = Painter::new();
        fresh.paint(&h);
        let differ = p.frame.iter().zip(&fresh.frame).filter(|(a, b)| a != b).count();
        assert_eq!(differ, 0, "the partly repainted window equals a whole repaint");
    }

    #[test]
    fn repaint_times_and_outdated_requests() {
        let now = Instant::now();
        assert_eq!(wake_time(now, Duration::ZERO), Some(now));
        assert_eq!(
            wake_time(now, Duration::from_millis(500)),
            Some(now + Duration::from_millis(500))
        );
        assert_eq!(wake_time(now, Duration::MAX), None, "egui's 'no repaint' is never");
        assert!(repaint_is_current(7, 7));
        assert!(repaint_is_current(8, 7), "asked in the pass before: still to paint");
        assert!(!repaint_is_current(9, 7), "two passes ago: painted already");
        assert!(!repaint_is_current(6, 7));
    }

    #[test]
    fn a_frame_forgets_the_wakes_asked_for_before_it() {
        let t0 = Instant::now();
        let second = Duration::from_secs(1);
        let mut wake = Wake::default();
        // The first key's frame asks for "in one second" ...
        wake.asked(t0 + second);
        // ... the last key's frame, 0.2 s later, begins and asks again.
        wake.painting();
        wake.asked(t0 + Duration::from_millis(200) + second);
        assert!(!wake.due(t0 + second), "not 1 s after the first key");
        assert!(wake.due(t0 + Duration::from_millis(1200)), "1 s after the last");
        assert!(!wake.due(t0 + Duration::from_secs(5)), "taken once");
        // Within one frame the earliest request counts.
        wake.asked(t0 + second);
        wake.asked(t0 + Duration::from_millis(100));
        assert!(wake.due(t0 + Duration::from_millis(100)));
    }
}
