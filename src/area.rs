//! The largest screen newsdeck draws: a terminal reporting a bigger size gets this much, and the
//! rest stays blank, so a hostile or broken size (20000x20000) cannot make it allocate gigabytes.

use ratatui::layout::Rect;

/// The most columns and rows newsdeck lays out and draws.
pub const MAX_SIDE: u16 = 1000;

/// `area` cut down to at most [`MAX_SIDE`] x [`MAX_SIDE`], from its top-left corner.
pub fn clamp(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y,
        area.width.min(MAX_SIDE),
        area.height.min(MAX_SIDE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_sizes_are_cut_and_small_ones_kept() {
        assert_eq!(
            clamp(Rect::new(0, 0, 20000, 20000)),
            Rect::new(0, 0, 1000, 1000)
        );
        assert_eq!(clamp(Rect::new(0, 0, 80, 24)), Rect::new(0, 0, 80, 24));
        assert_eq!(clamp(Rect::new(0, 0, 65535, 3)), Rect::new(0, 0, 1000, 3));
    }

    #[test]
    fn a_huge_terminal_lays_out_a_bounded_model() {
        // Before the clamp, this model laid out (and a terminal allocated) 20000x20000 cells.
        let d = crate::format::parse(crate::SAMPLE_DIGEST.as_bytes(), "s").unwrap();
        let app = crate::app::App::reading(d, Rect::new(0, 0, 20000, 20000));
        assert_eq!(app.model.area, Rect::new(0, 0, 1000, 1000));
    }
}
