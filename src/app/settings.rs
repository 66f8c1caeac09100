//! The user's settings: who they are (the annotator name stamped on their annotations), the last
//! project they opened, view preferences. A small RON file in the user's config folder, written
//! atomically; a broken one is reported and replaced by defaults, never fatal.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub annotator: Option<String>,
    pub last_project: Option<PathBuf>,
    pub snap_to_words: bool,
    /// Seconds between autosaves of unsaved work to the recovery folder (at least 5).
    pub autosave_seconds: u32,
    /// The gazetteer (CSV) actor suggestions use, loaded at start.
    pub gazetteer: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            annotator: None,
            last_project: None,
            snap_to_words: true,
            autosave_seconds: 30,
            gazetteer: None,
        }
    }
}

/// `$ACTA_CONFIG_DIR/settings.ron`, else the platform's config folder: `$XDG_CONFIG_HOME/acta`,
/// `~/.config/acta`, or `%APPDATA%\acta`.
pub fn default_path() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = env("ACTA_CONFIG_DIR")
        .or_else(|| env("XDG_CONFIG_HOME").map(|d| d.join("acta")))
        .or_else(|| env("APPDATA").map(|d| d.join("acta")))
        .or_else(|| env("HOME").map(|d| d.join(".config").join("acta")))?;
    Some(dir.join("settings.ron"))
}

impl Settings {
    /// Reads the settings; a missing file is the defaults, a broken one is the defaults plus a
    /// message saying what was wrong.
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match ron::from_str(&text) {
                Ok(s) => (s, None),
                Err(e) => {
                    (Settings::default(), Some(format!("settings {} ignored: {e}", path.display())))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (Settings::default(), Some(format!("cannot read {}: {e}", path.display()))),
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        crate::formats::atomic::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot save settings to {}: {e}", path.display()))
    }

    /// The name stamped on new annotations: the chosen one, else the login name.
    pub fn annotator_name(&self) -> String {
        self.annotator
            .clone()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "annotator".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_broken_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sub").join("settings.ron");
        assert_eq!(Settings::load(&path), (Settings::default(), None));
        let s = Settings {
            annotator: Some("Олена".into()),
            last_project: Some("/tmp/п.ron".into()),
            snap_to_words: false,
            autosave_seconds: 10,
            gazetteer: Some("/tmp/g.csv".into()),
        };
        s.save(&path)?;
        assert_eq!(Settings::load(&path), (s, None));
        std::fs::write(&path, "(annotator: ")?;
        let (loaded, msg) = Settings::load(&path);
        assert_eq!(loaded, Settings::default());
        assert!(msg.is_some_and(|m| m.contains("ignored")));
        Ok(())
    }
}
