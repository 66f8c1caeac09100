//! The state of one session: the open project, its undo history, what is selected, the
//! dialog that is up, the background jobs. The UI draws this and calls its methods; nothing here
//! draws. `annotate.rs` holds the annotation actions, `files.rs` opening and saving.

pub mod agreement;
pub mod annotate;
pub mod autosave;
pub mod clock;
pub mod command;
pub mod crash;
pub mod datasets;
pub mod events;
pub mod files;
pub mod find;
pub mod jobs;
pub mod merge;
pub mod on_disk;
pub mod problems;
pub mod recovery;
pub mod review;
pub mod review_meta;
pub mod schema_draft;
pub mod settings;
pub mod suggest;

pub use command::Command;

use crate::formats::project::Loaded;
use crate::model::{AnnId, Document, Edit, History, Problem, Project};
use jobs::{JobOutput, Jobs};
use settings::Settings;
use std::ops::Range;
use std::path::PathBuf;

/// A text selection in the current document, in code points. `anchor` is where it started,
/// `head` where it ends now (shift+click and the keyboard move the head).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub anchor: usize,
    pub head: usize,
}

impl TextSelection {
    pub fn new(anchor: usize, head: usize) -> Self {
        Self { anchor, head }
    }

    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

/// What a path dialog is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    NewFromFiles,
    NewFromFolder,
    MergeProjects,
    /// A gazetteer (CSV) for actor suggestions.
    Gazetteer,
}

/// Where keyboard input goes beyond plain annotating: building an event step by step.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    /// Choosing the type of a new event on span `trigger` (type-ahead, digits, arrows).
    PickType { trigger: AnnId, filter: String, cursor: usize },
    /// An event is open in the card; role keys fill its slots, Tab moves between them.
    EditEvent { event: AnnId, slot: usize },
    /// Choosing what fills `role` of `event` (type-ahead, digits, arrows, or a click).
    PickArgument { event: AnnId, role: String, filter: String, cursor: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Asks for a path (typed, or picked with the system dialog).
    Path {
        purpose: PathPurpose,
        text: String,
    },
    /// Unsaved changes: save, discard or cancel before running `then`.
    ConfirmDiscard {
        then: Command,
    },
    /// Deleting takes other annotations with it: `summary` says which; `edit` does it.
    ConfirmDelete {
        summary: String,
        edit: Box<Edit>,
    },
    Error {
        title: String,
        message: String,
    },
    /// File → Export: format, destination and options.
    Export(Box<datasets::ExportDraft>),
    /// File → Import: format, inputs and the annotator to stamp.
    Import(Box<datasets::ImportDraft>),
    /// The agreement between the project's annotators, computed when the window opened, with
    /// the window's breakdown and filter.
    Agreement(Box<agreement::AgreementWindow>),
    /// Who is annotating: asked at first start (`first`), changeable from the Project menu.
    Annotator {
        name: String,
        first: bool,
    },
    /// The schema editor, with the draft being edited.
    SchemaEditor(Box<schema_draft::SchemaDraft>),
    /// A save failed (read-only folder, full disk, vanished path): the work is still here.
    SaveFailed {
        path: PathBuf,
        message: String,
    },
    /// The project file changed on disk since it was opened: reload, merge, save as or
    /// overwrite. `theirs` is what the file holds now (`None`: it does not open).
    ChangedOnDisk {
        path: PathBuf,
        theirs: Option<std::sync::Arc<Project>>,
    },
    /// Annotate all: the matches to tag, each of which can be unticked.
    AnnotateAll(Box<find::AnnotateAll>),
    /// Unsaved work from a session that ended, offered for restore.
    Recover {
        recovery: Box<recovery::Recovery>,
        summary: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct AppState {
    pub project: Project,
    /// Where the project is saved; `None` until it has been saved somewhere.
    pub path: Option<PathBuf>,
    pub history: History,
    /// Index of the document shown.
    pub current: usize,
    pub selection: Option<TextSelection>,
    pub selected: Option<AnnId>,
    pub mode: Mode,
    /// A position in the current document the text view should scroll into view.
    pub reveal: Option<usize>,
    /// Problems of the open project, kept current for the validation panel.
    problems: problems::ProblemCache,
    pub status: Option<Message>,
    pub dialog: Option<Dialog>,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    pub jobs: Jobs,
    /// The import or export in flight, with its progress.
    task: Option<datasets::Task>,
    saving: bool,
    save_again: bool,
    loading: bool,
    /// A command to run once the save in flight has succeeded (from "Save" in the
    /// unsaved-changes dialog).
    after_save: Option<Command>,
    /// The user confirmed quitting; the window may close.
    pub quit_confirmed: bool,
    /// Review mode (building the gold layer), when on.
    pub review: Option<review::ReviewState>,
    /// The project file as this session last read or wrote it, to notice others' changes.
    pub on_disk: Option<on_disk::OnDisk>,
    /// Autosave to the recovery folder, and recoveries waiting to be offered.
    pub autosave: autosave::Autosave,
    /// The find bar, when open.
    pub find: Option<find::FindState>,
    /// The Statistics window is open.
    pub show_stats: bool,
    /// The Timeline window is open.
    pub show_timeline: bool,
    /// Suggestions shown in the text, and the one Enter and Backspace act on.
    pub suggest: suggest::SuggestState,
}

impl AppState {
    /// A session with an empty project. `settings_path: None` keeps settings in memory only
    /// (tests, benchmarks).
    pub fn new(settings: Settings, settings_path: Option<PathBuf>) -> Self {
        let mut history = History::new();
        history.mark_saved(0);
        Self {
            project: Project::default(),
            path: None,
            history,
            current: 0,
            selection: None,
            selected: None,
            mode: Mode::Normal,
            reveal: None,
            problems: Default::default(),
            status: None,
            dialog: None,
            settings,
            settings_path,
            jobs: Jobs::default(),
            task: None,
            saving: false,
            save_again: false,
            loading: false,
            after_save: None,
            quit_confirmed: false,
            review: None,
            on_disk: None,
            autosave: autosave::Autosave::default(),
            find: None,
            show_stats: false,
            show_timeline: false,
            suggest: Default::default(),
        }
    }

    /// A session on an already loaded project (tests, the embedded sample).
    pub fn with_project(project: Project, path: Option<PathBuf>, settings: Settings) -> Self {
        let mut state = Self::new(settings, None);
        state.replace_project(project, path);
        state
    }

    /// Every problem of the open project (schema, then documents), up to date.
    pub fn problems(&mut self) -> &[Problem] {
        if let Some(job) = self.problems.refresh(&self.project) {
            self.jobs.spawn("checking", move || JobOutput::Checked {
                index: job.index,
                key: job.key,
                problems: job.run(),
            });
        }
        self.problems.all()
    }

    /// The problems as of the last `problems()` call, without rechecking.
    pub fn known_problems(&self) -> &[Problem] {
        self.problems.all()
    }

    /// The document shown, if the project has any.
    pub fn doc(&self) -> Option<&Document> {
        self.project.doc(self.current)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// A project is being opened or imported and will replace the one shown.
    pub fn is_loading(&self) -> bool {
        self.loading
    }

    /// What is running in the background, for the status bar.
    pub fn busy(&self) -> Option<&'static str> {
        if self.loading {
            Some("Opening…")
        } else if self.saving {
            Some("Saving…")
        } else if self.jobs.running() > 0 {
            Some("Working…")
        } else {
            None
        }
    }

    /// The window title: file name, a `*` when there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{} (not saved)", self.project.name));
        let dirty = if self.is_dirty() { "*" } else { "" };
        format!("{name}{dirty} — Acta")
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Message { text: text.into(), is_error: false });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Message { text: text.into(), is_error: true });
    }

    /// Asks for the annotator's name: at first start (no name in the settings yet), or from
    /// Project → Annotator name….
    pub fn ask_annotator(&mut self, first: bool) {
        let name = self.settings.annotator_name();
        self.dialog = Some(Dialog::Annotator { name, first });
    }

    /// Keeps the name in the settings; annotations made from now on carry it (earlier ones keep
    /// theirs: they are someone's layer).
    pub fn set_annotator(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return self.error("The annotator name cannot be empty");
        }
        self.settings.annotator = Some(name.to_string());
        self.save_settings();
        self.info(format!("Annotating as {name}"));
    }

    fn save_settings(&mut self) {
        if let Some(path) = &self.settings_path
            && let Err(e) = self.settings.save(path)
        {
            self.error(e);
        }
    }

    /// Runs a command from a menu or a shortcut.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::NewProject
            | Command::Open
            | Command::NewFromFiles
            | Command::NewFromFolder
            | Command::Quit => self.guard_unsaved(command),
            Command::Save => self.save(),
            Command::SaveAs => self.ask_path(PathPurpose::SaveAs),
            Command::Export => self.ask_export(),
            Command::Import => self.ask_import(),
            Command::MergeProjects => self.ask_path(PathPurpose::MergeProjects),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::DeleteAnnotation => self.delete_selected(),
            Command::ClearSelection => {
                let in_find = self.find.as_ref().map(|f| f.typing);
                if in_find == Some(true) {
                    self.close_find();
                } else if self.mode != Mode::Normal {
                    self.leave_mode();
                } else if self.selection.is_none() && self.selected.is_none() && in_find.is_some() {
                    // Nothing left to clear: Escape closes the find bar.
                    self.close_find();
                } else {
                    self.selection = None;
                    self.selected = None;
                }
            }
            Command::ToggleSnap => {
                self.settings.snap_to_words = !self.settings.snap_to_words;
                self.save_settings();
            }
            Command::EditSchema => self.open_schema_editor(),
            Command::SetAnnotator => self.ask_annotator(false),
            Command::ToggleReview => self.toggle_review(),
            Command::ShowAgreement => {
                let report = crate::review::agreement::agreement(&self.project);
                let window = agreement::AgreementWindow::new(report);
                self.dialog = Some(Dialog::Agreement(Box::new(window)));
            }
            Command::ShowStatistics => self.show_stats = !self.show_stats,
            Command::ShowTimeline => self.show_timeline = !self.show_timeline,
            Command::ToggleSuggestions => self.toggle_suggestions(),
            Command::LoadGazetteer => self.ask_path(PathPurpose::Gazetteer),
            Command::Find => self.open_find(),
            Command::FindNext => self.find_next(true),
            Command::FindPrevious => self.find_next(false),
            Command::NextDocument => self.set_document(self.current.saturating_add(1)),
            Command::PreviousDocument => self.set_document(self.current.saturating_sub(1)),
        }
    }

    /// Commands that would drop unsaved work ask first.
    fn guard_unsaved(&mut self, command: Command) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::ConfirmDiscard { then: command });
        } else {
            self.proceed(command);
        }
    }

    /// Runs a command that replaces or closes the project, once unsaved work is dealt with.
    pub fn proceed(&mut self, command: Command) {
        match command {
            Command::NewProject => {
                self.replace_project(Project::default(), None);
                self.info("New project: add documents with File → New from text files");
            }
            Command::Open => self.ask_path(PathPurpose::Open),
            Command::NewFromFiles => self.ask_path(PathPurpose::NewFromFiles),
            Command::NewFromFolder => self.ask_path(PathPurpose::NewFromFolder),
            Command::Quit => {
                // Saved, or "Don't save": either way the recovery copy is not wanted.
                self.drop_own_recovery();
                self.quit_confirmed = true;
            }
            other => self.run(other),
        }
    }

    /// The unsaved-changes dialog: "Save" saves, then runs `then` if the save succeeds.
    pub fn save_then(&mut self, then: Command) {
        // Without a path, Save asks for one first; `after_save` runs when that save lands.
        self.after_save = Some(then);
        self.save();
    }

    fn ask_path(&mut self, purpose: PathPurpose) {
        let text = match purpose {
            PathPurpose::SaveAs | PathPurpose::Open => {
                self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
            }
            PathPurpose::Gazetteer => self
                .settings
                .gazetteer
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            PathPurpose::NewFromFiles | PathPurpose::NewFromFolder | PathPurpose::MergeProjects => {
                String::new()
            }
        };
        self.dialog = Some(Dialog::Path { purpose, text });
    }

    /// Replaces the whole project (open, new, import): fresh history, nothing selected.
    /// A project as the loader gave it: its problems, already found, fill the problem list.
    pub fn replace_loaded(&mut self, loaded: Loaded, path: Option<PathBuf>) {
        self.replace_project(loaded.project, path);
        self.problems.seed(&self.project, loaded.warnings);
    }

    pub fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        // The work it held was saved or knowingly dropped: its recovery copy goes.
        self.drop_own_recovery();
        self.on_disk = None;
        self.project = project;
        self.path = path;
        self.history = History::new();
        self.current = 0;
        self.selection = None;
        self.selected = None;
        self.mode = Mode::Normal;
        self.reveal = None;
        if let Some(review) = self.review.as_mut() {
            review.forget();
        }
    }
}
