//! Keys while an event is being built: type-ahead, digits, arrows and Enter in the pickers;
//! role keys, ↑ ↓ / Tab and Enter on the open event's slots. Runs before the general shortcuts
//! and takes the keys it uses, so a digit picks a candidate rather than tagging a label.

use crate::app::{AppState, Mode};
use eframe::egui::{self, Event, Key, Modifiers};

/// Keys pressed this frame without Ctrl/Alt/Cmd, and text typed.
fn plain_input(ctx: &egui::Context) -> (Vec<(Key, bool)>, String) {
    ctx.input(|i| {
        let mut keys = Vec::new();
        let mut typed = String::new();
        for e in &i.events {
            match e {
                Event::Key { key, pressed: true, modifiers, .. }
                    if !modifiers.command && !modifiers.alt =>
                {
                    keys.push((*key, modifiers.shift));
                }
                Event::Text(t) if !i.modifiers.command => typed.push_str(t),
                _ => {}
            }
        }
        (keys, typed)
    })
}

/// Removes the plain keys and text this frame so nothing else reacts to them.
fn swallow(ctx: &egui::Context) {
    ctx.input_mut(|i| {
        i.events.retain(|e| match e {
            Event::Key { modifiers, key, .. } => {
                modifiers.command || modifiers.alt || *key == Key::Escape
            }
            Event::Text(_) => false,
            _ => true,
        })
    });
    // Tab and arrows would otherwise move egui's keyboard focus between buttons.
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
}

pub fn handle(ctx: &egui::Context, state: &mut AppState) {
    if state.dialog.is_some() || ctx.text_edit_focused() {
        return;
    }
    match state.mode.clone() {
        Mode::Normal => {}
        Mode::PickType { .. } => picker(ctx, state, Picker::Type),
        Mode::PickArgument { .. } => picker(ctx, state, Picker::Argument),
        Mode::EditEvent { event, slot } => slots(ctx, state, event, slot),
    }
}

/// `Num1`..`Num9` as a list index 0..8.
fn digit(key: Key) -> Option<usize> {
    const KEYS: [Key; 9] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    KEYS.iter().position(|k| *k == key)
}

#[derive(Clone, Copy)]
enum Picker {
    Type,
    Argument,
}

fn picker(ctx: &egui::Context, state: &mut AppState, which: Picker) {
    let (keys, typed) = plain_input(ctx);
    if keys.is_empty() && typed.is_empty() {
        return;
    }
    swallow(ctx);
    let count = match which {
        Picker::Type => state.type_candidates().len(),
        Picker::Argument => state.argument_candidates().len(),
    };
    let mut choose: Option<usize> = None;
    let (filter, cursor) = match &mut state.mode {
        Mode::PickType { filter, cursor, .. } | Mode::PickArgument { filter, cursor, .. } => {
            (filter, cursor)
        }
        _ => return,
    };
    // A digit key picks from the list while nothing is typed; once a filter is being typed,
    // digits belong to it ("2014"). A real key press brings both a key and a text event.
    let filtering = !filter.is_empty();
    for c in typed.chars() {
        if c.is_control() || (!filtering && c.is_ascii_digit()) {
            continue;
        }
        filter.push(c);
        *cursor = 0;
    }
    for (key, _) in keys {
        match key {
            Key::ArrowDown | Key::Tab => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
            Key::ArrowUp => *cursor = cursor.saturating_sub(1),
            Key::Backspace => {
                filter.pop();
                *cursor = 0;
            }
            Key::Enter => choose = Some(*cursor),
            _ if !filtering => {
                if let Some(d) = digit(key) {
                    choose = Some(d);
                }
            }
            _ => {}
        }
    }
    let Some(k) = choose else { return };
    match which {
        Picker::Type => {
            if let Some(t) = state.type_candidates().get(k) {
                let name = t.name.clone();
                state.choose_type(&name);
            }
        }
        Picker::Argument => {
            if let Some(c) = state.argument_candidates().get(k) {
                state.choose_argument(c.id);
            }
        }
    }
}

fn slots(ctx: &egui::Context, state: &mut AppState, event: crate::model::AnnId, slot: usize) {
    let roles = state.open_roles();
    let (keys, _) = plain_input(ctx);
    let mut role_key = None;
    let mut new_slot = slot;
    let mut enter = false;
    for (key, shift) in &keys {
        match key {
            Key::Tab if *shift => {
                new_slot = new_slot.checked_sub(1).unwrap_or(roles.len().saturating_sub(1))
            }
            Key::Tab | Key::ArrowDown => new_slot = (new_slot + 1) % roles.len().max(1),
            Key::ArrowUp => {
                new_slot = new_slot.checked_sub(1).unwrap_or(roles.len().saturating_sub(1))
            }
            Key::Enter => enter = true,
            other => {
                if let Some(r) = roles
                    .iter()
                    .find(|r| r.hotkey.as_deref().and_then(Key::from_name) == Some(*other))
                {
                    role_key = Some(r.name.clone());
                }
            }
        }
    }
    let navigation = new_slot != slot || enter || role_key.is_some();
    if !navigation {
        return;
    }
    // Only the keys used here are taken; label keys and Delete still work on the open event.
    ctx.input_mut(|i| {
        for key in [Key::Tab, Key::ArrowDown, Key::ArrowUp, Key::Enter] {
            i.consume_key(Modifiers::NONE, key);
            i.consume_key(Modifiers::SHIFT, key);
        }
        for r in &roles {
            if let Some(k) = r.hotkey.as_deref().and_then(Key::from_name) {
                i.consume_key(Modifiers::NONE, k);
            }
        }
        i.events.retain(|e| !matches!(e, Event::Text(_)));
    });
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    if let Some(role) = role_key {
        state.fill_role(&role);
    } else if enter {
        if let Some(r) = roles.get(new_slot) {
            let name = r.name.clone();
            state.fill_role(&name);
        }
    } else {
        state.mode = Mode::EditEvent { event, slot: new_slot };
    }
}
