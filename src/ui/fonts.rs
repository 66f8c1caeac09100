//! Fonts and look: egui's default fonts cover Latin and Cyrillic (Ukrainian і ї є ґ included)
//! but no arrows, dingbats, Greek, Hebrew, Arabic, Armenian or Georgian; DejaVu Sans, bundled
//! in `assets/fonts`, is added after them as a fallback so news text and our own UI symbols
//! never show as empty boxes.

use eframe::egui::{self, FontData, FontFamily, FontInsert, InsertFontFamily};

const DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Sets up a context for Acta: the light theme and the fallback font.
pub fn setup_context(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new("DejaVuSans", FontData::from_static(DEJAVU), families));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_other_scripts_have_glyphs() {
        let ctx = egui::Context::default();
        setup_context(&ctx);
        let mut output = ctx.run_ui(Default::default(), |ui| {
            let font = egui::FontId::proportional(14.0);
            for c in "→↑↓✕⚠✓•«»–—€Ωשלוםمرحباაბვ".chars() {
                assert!(ui.fonts_mut(|f| f.has_glyph(&font, c)), "no glyph for {c}");
            }
        });
        output.textures_delta.clear();
    }
}
