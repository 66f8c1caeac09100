//! Event arguments drawn in the text: a curve from the trigger's box to each argument's box with
//! the role name on it, and an arrow to the edge of the view for arguments scrolled out of sight.

use eframe::egui::epaint::CubicBezierShape;
use eframe::egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Where an argument is relative to the drawn text.
pub enum Target {
    Visible(Rect),
    Above,
    Below,
}

fn label(painter: &Painter, at: Pos2, text: &str, color: Color32) {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(11.0), color);
    let rect = Align2::CENTER_CENTER.anchor_size(at, galley.size()).expand2(vec2(3.0, 1.0));
    painter.rect_filled(rect, 3.0, Color32::from_white_alpha(235));
    painter.rect_stroke(rect, 3.0, Stroke::new(1.0, color), eframe::egui::StrokeKind::Inside);
    painter.galley(rect.min + vec2(3.0, 1.0), galley, color);
}

fn bezier(p: [Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    pos2(
        w[0] * p[0].x + w[1] * p[1].x + w[2] * p[2].x + w[3] * p[3].x,
        w[0] * p[0].y + w[1] * p[1].y + w[2] * p[2].y + w[3] * p[3].y,
    )
}

/// The `nth` argument link from `from` (the trigger's box) with its role name. Later links
/// arch higher so several arguments on one line stay apart; the role name sits near the
/// argument, where names of different arguments do not collide.
pub fn draw(painter: &Painter, from: Rect, to: Target, role: &str, color: Color32, nth: usize) {
    let stroke = Stroke::new(1.6, color);
    let start = from.center_top();
    match to {
        Target::Visible(to) => {
            let end = to.center_top();
            let lift = 14.0
                + 5.0 * nth.min(6) as f32
                + (start.x - end.x).abs().min(400.0) * 0.03
                + (start.y - end.y).abs().min(300.0) * 0.1;
            let top = start.y.min(end.y) - lift;
            let (c1, c2) = (pos2(start.x, top), pos2(end.x, top));
            let points = [start, c1, c2, end];
            painter.add(CubicBezierShape::from_points_stroke(
                points,
                false,
                Color32::TRANSPARENT,
                stroke,
            ));
            // Arrowhead pointing down into the argument's box.
            let tip = end;
            painter.add(Shape::convex_polygon(
                vec![tip, tip + vec2(-4.0, -7.0), tip + vec2(4.0, -7.0)],
                color,
                Stroke::NONE,
            ));
            label(painter, bezier(points, 0.8), role, color);
        }
        Target::Above | Target::Below => {
            let up = matches!(to, Target::Above);
            let end =
                if up { start - vec2(0.0, 22.0) } else { from.center_bottom() + vec2(0.0, 22.0) };
            let from_point = if up { start } else { from.center_bottom() };
            painter.line_segment([from_point, end], stroke);
            let arrow = if up { format!("{role} ↑") } else { format!("{role} ↓") };
            label(painter, end, &arrow, color);
        }
    }
}
