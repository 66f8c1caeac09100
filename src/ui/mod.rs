//! The window: menus on top, documents on the left, the text in the middle, the annotation
//! panel on the right, a status line at the bottom. Panels only read `AppState` and call its
//! methods; `acta_ui` is one frame of the whole window, which the tests drive headless.

pub mod agreement_view;
pub mod annotation_panel;
pub mod attributes;
pub mod dataset_dialogs;
pub mod dialogs;
pub mod documents;
pub mod event_keys;
pub mod event_panel;
pub mod find_bar;
pub mod fonts;
pub mod menus;
pub mod review_keys;
pub mod review_meta;
pub mod review_panel;
pub mod safety_dialogs;
pub mod schema_editor;
pub mod shortcuts;
pub mod stats_window;
pub mod status;
pub mod text_view;
pub mod timeline_window;
pub mod toolbar;

use crate::app::AppState;
use crate::app::settings::{self, Settings};
use eframe::egui::{self, Ui, ViewportCommand};
pub use fonts::setup_context;
use std::path::PathBuf;
use text_view::TextViewState;

/// The whole app: session state plus what the view remembers between frames.
pub struct Acta {
    pub state: AppState,
    pub text_view: TextViewState,
    pub panels: annotation_panel::PanelState,
    stats: stats_window::StatsCache,
    timeline: timeline_window::TimelineCache,
    title: String,
    close_sent: bool,
    /// Whether the window had the focus last frame (losing it autosaves).
    focused: bool,
}

impl Acta {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            text_view: TextViewState::default(),
            panels: Default::default(),
            stats: Default::default(),
            timeline: Default::default(),
            title: String::new(),
            close_sent: false,
            focused: true,
        }
    }
}

impl eframe::App for Acta {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        // A panic anywhere in a frame writes the work to the recovery folder before the
        // process ends, and says where.
        let frame = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| acta_ui(ui, self)));
        if let Err(payload) = frame {
            crate::app::crash::after_panic(&mut self.state, payload);
        }
    }
}

impl Drop for Acta {
    /// A panic outside our frame (eframe's painting, winit) unwinds through here: the work
    /// not yet copied goes to the recovery folder before the process ends.
    fn drop(&mut self) {
        crate::app::crash::while_unwinding(&mut self.state);
    }
}

/// Opens the window on `project` (else the last project, else the sample).
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    crate::app::crash::install_panic_hook();
    let settings_path = settings::default_path();
    let (settings, settings_problem) =
        settings_path.as_deref().map(Settings::load).unwrap_or_default();
    let mut state = AppState::new(settings, settings_path);
    state.autosave.dir = Some(crate::app::recovery::default_dir());
    state.autosave.interval =
        std::time::Duration::from_secs(u64::from(state.settings.autosave_seconds.max(5)));
    if let Some(problem) = settings_problem {
        state.error(problem);
    }
    if let Some(gazetteer) = state.settings.gazetteer.clone() {
        state.load_gazetteer(gazetteer);
    }
    state.open_at_start(project);
    if state.settings.annotator.is_none() {
        state.ask_annotator(true);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Acta")
            .with_app_id("acta")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Acta",
        options,
        Box::new(move |cc| {
            fonts::setup_context(&cc.egui_ctx);
            let ctx = cc.egui_ctx.clone();
            state.jobs.set_waker(move || ctx.request_repaint());
            Ok(Box::new(Acta::new(state)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// One frame of the whole window.
pub fn acta_ui(ui: &mut Ui, app: &mut Acta) {
    let ctx = ui.ctx().clone();
    app.state.poll_jobs();
    app.state.refresh_suggestions();
    if let Some(wait) = app.state.autosave_tick(std::time::Instant::now()) {
        ctx.request_repaint_after(wait);
    }
    let focused = ctx.input(|i| i.viewport().focused).unwrap_or(true);
    if app.focused && !focused {
        app.state.autosave_now();
    }
    app.focused = focused;
    guard_window_close(&ctx, &mut app.state);
    event_keys::handle(&ctx, &mut app.state);
    review_keys::handle(&ctx, &mut app.state);
    review_keys::boundary_keys(&ctx, &mut app.state);
    shortcuts::suggestion_keys(&ctx, &mut app.state);
    shortcuts::handle(&ctx, &mut app.state);

    egui::Panel::top("menu").show(ui, |ui| menus::menu_bar_ui(ui, &mut app.state));
    let cancel = egui::Panel::bottom("status").show(ui, |ui| status::status_bar_ui(ui, &app.state));
    if cancel.inner {
        app.state.cancel_task();
    }
    egui::Panel::left("documents")
        .resizable(true)
        .default_size(250.0)
        .show(ui, |ui| documents::documents_ui(ui, &mut app.state));
    egui::Panel::right("annotations")
        .resizable(true)
        .default_size(340.0)
        .size_range(260.0..=520.0)
        .show(ui, |ui| annotation_panel::annotation_panel_ui(ui, &mut app.state, &mut app.panels));
    egui::CentralPanel::default().show(ui, |ui| {
        find_bar::find_bar_ui(ui, &mut app.state);
        toolbar::toolbar_ui(ui, &mut app.state);
        text_view::text_view_ui(ui, &mut app.state, &mut app.text_view);
    });
    stats_window::stats_window(&ctx, &mut app.state, &mut app.stats);
    timeline_window::timeline_window(&ctx, &mut app.state, &mut app.timeline);
    dialogs::dialogs_ui(&ctx, &mut app.state);

    let title = app.state.title();
    if title != app.title {
        ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
        app.title = title;
    }
    if app.state.quit_confirmed && !app.close_sent {
        ctx.send_viewport_cmd(ViewportCommand::Close);
        app.close_sent = true;
    }
}

/// Closing the window with unsaved changes asks first.
fn guard_window_close(ctx: &egui::Context, state: &mut AppState) {
    if ctx.input(|i| i.viewport().close_requested()) && state.is_dirty() && !state.quit_confirmed {
        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        state.run(crate::app::Command::Quit);
    }
}
