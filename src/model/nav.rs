//! Cursor and scroll arithmetic for a viewport of a given height; pure and saturating.

use crate::action::Action;

/// Moves `cursor` by `delta` within `0..len` (clamped; 0 when the list is empty).
pub fn step(cursor: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    cursor.saturating_add_signed(delta).min(len - 1)
}

/// The first visible row that keeps `cursor` inside a viewport of `height` rows starting at `top`.
pub fn keep_visible(top: usize, cursor: usize, height: usize) -> usize {
    if height == 0 || cursor < top {
        cursor
    } else if cursor >= top + height {
        cursor + 1 - height
    } else {
        top
    }
}

/// Clamps a scroll offset so a viewport of `height` lines over `len` lines never runs past the end.
pub fn clamp_scroll(scroll: usize, len: usize, height: usize) -> usize {
    scroll.min(len.saturating_sub(height))
}

/// Half of a viewport, at least one line.
pub fn half(height: usize) -> usize {
    (height / 2).max(1)
}

/// How far a moving key moves a cursor or a scroll in a view `page` rows high (`None`: `action`
/// is not a moving key). Top and bottom are the extremes, for [`step`] to clamp.
pub fn delta(action: Action, page: usize) -> Option<isize> {
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page as isize,
        Action::PageUp => -(page as isize),
        Action::HalfPageDown => half(page) as isize,
        Action::HalfPageUp => -(half(page) as isize),
        Action::Top => isize::MIN,
        Action::Bottom => isize::MAX,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_clamps() {
        assert_eq!(step(0, 0, 5), 0);
        assert_eq!(step(0, 3, -1), 0);
        assert_eq!(step(1, 3, 10), 2);
        assert_eq!(step(2, 3, isize::MIN), 0);
    }

    #[test]
    fn keep_visible_scrolls_minimally() {
        assert_eq!(keep_visible(0, 3, 5), 0);
        assert_eq!(keep_visible(0, 5, 5), 1);
        assert_eq!(keep_visible(4, 2, 5), 2);
        assert_eq!(keep_visible(9, 2, 0), 2);
    }

    #[test]
    fn scroll_never_passes_the_end() {
        assert_eq!(clamp_scroll(50, 10, 4), 6);
        assert_eq!(clamp_scroll(3, 2, 4), 0);
        assert_eq!(half(1), 1);
    }
}
