//! Keeping and sharing the current article (issue 17): `Y` copies it as Markdown, `E` writes it
//! to a file. The model only decides and renders the Markdown (pure); the app writes the file and
//! the terminal loop the clipboard sequence.

use super::{Effect, Model, Screen, nav};
use crate::action::Action;
use crate::export;
use crate::model::digest::Article;
use crate::model::undo::Change;

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

    /// `*` in the reader: stars or unstars the selected article (kept with the read marks).
    pub(super) fn toggle_star(&mut self, now_ms: u64) -> Vec<Effect> {
        let Some(r) = &self.reader else {
            return vec![];
        };
        let Some(i) = r.selected() else {
            return vec![];
        };
        // In the river each article belongs to its own digest: star it there.
        let (key, id) = (r.key_of(i), &r.digest.entries[i].id);
        let starred = !self.read.is_starred(key, id);
        self.read.set_star(key, id, starred, now_ms);
        self.history.record_star(Change {
            digest: key.clone(),
            id: id.clone(),
            before: !starred,
            after: starred,
        });
        self.notice = Some(if starred { "Starred" } else { "Unstarred" }.into());
        vec![Effect::SaveState]
    }

    /// `Y`: the current article as Markdown to the clipboard, unless the user turned that off.
    pub(super) fn copy_article(&mut self) -> Vec<Effect> {
        match self.current_article().map(export::md::article) {
            Ok(md) => {
                // The same way as `y`, so the clipboard setting governs both.
                let effects = self.copy(md);
                if !effects.is_empty() {
                    self.notice = Some("Copied the article as Markdown".into());
                }
                effects
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
            a if let Some(d) = nav::delta(a, h.max(1)) => view.move_by(d, h),
            Action::Open => match view.open() {
                Ok(effects) => return effects,
                Err(why) => self.notice = why,
            },
            Action::ToggleStar => return self.toggle_star_row(now_ms),
            Action::Undo | Action::Redo => {
                let effects = self.undo(action, now_ms);
                // The rows stay listed; their stars show what undo or redo left.
                for row in &mut self.starred.rows {
                    row.starred = self.read.is_starred(&row.key, &row.id);
                }
                return effects;
            }
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
    fn toggle_star_row(&mut self, now_ms: u64) -> Vec<Effect> {
        let Some(row) = self.starred.rows.get_mut(self.starred.cursor) else {
            return vec![];
        };
        row.starred = !self.read.is_starred(&row.key, &row.id);
        self.read.set_star(&row.key, &row.id, row.starred, now_ms);
        self.history.record_star(Change {
            digest: row.key.clone(),
            id: row.id.clone(),
            before: !row.starred,
            after: row.starred,
        });
        self.notice = Some(if row.starred { "Starred" } else { "Unstarred" }.into());
        vec![Effect::SaveState]
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;
    use crate::format;
    use crate::model::pane::Pane;
    use crate::model::read_state::ReadState;
    use crate::model::{Library, Source};

    fn model() -> Model {
        let json = r#"{"title":"T","articles":[
            {"id":"a","headline":"Alpha","summary":"first"},
            {"id":"b","headline":"Beta","summary":"second"},
            {"id":"c","headline":"Gamma","summary":"third"}]}"#;
        let area = Rect::new(0, 0, 120, 40);
        let mut m = Model::new(Library::default(), ReadState::default(), area);
        m.show_digest(
            format::parse(json.as_bytes(), "t").unwrap(),
            Source::Bundled,
        );
        m
    }

    fn headline(m: &Model) -> String {
        let r = m.reader.as_ref().unwrap();
        r.digest.entries[r.selected().unwrap()]
            .headline()
            .to_string()
    }

    #[test]
    fn open_article_selects_opens_and_marks_it_read_even_under_a_filter() {
        let mut m = model();
        // A filter that hides the article: opening it by id shows every article again.
        m.update(Action::StartFilter, 1);
        for c in "alp".chars() {
            m.update(Action::FilterChar(c), 1);
        }
        m.update(Action::FilterAccept, 1);
        assert_eq!(m.reader.as_ref().unwrap().shown.len(), 1);
        assert_eq!(m.open_article("c", 5), vec![Effect::SaveState]);
        let r = m.reader.as_ref().unwrap();
        assert_eq!(headline(&m), "Gamma");
        assert_eq!(r.focus, Pane::Article);
        assert!(r.filter.is_empty());
        assert_eq!(r.unread, 2, "opening marks read and the count follows");
        assert_eq!(m.notice, None);
    }

    #[test]
    fn open_article_with_an_unknown_id_says_so_and_stays() {
        let mut m = model();
        assert!(m.open_article("zz\x1b[2J", 5).is_empty());
        assert_eq!(headline(&m), "Alpha");
        let notice = m.notice.clone().unwrap();
        assert!(notice.starts_with("No article \"zz"), "{notice}");
        assert!(!notice.contains('\x1b'), "the id is sanitised: {notice:?}");
    }

    #[test]
    fn copy_and_export_render_the_selected_article() {
        let mut m = model();
        m.update(Action::Down, 1);
        let effects = m.update(Action::CopyArticle, 1);
        let [Effect::Copy(md)] = effects.as_slice() else {
            panic!("expected a copy, got {effects:?}");
        };
        let md = md.clone();
        assert!(md.starts_with("# Beta\n"), "{md}");
        let effects = m.update(Action::ExportArticle, 1);
        assert_eq!(
            effects,
            vec![Effect::Export {
                stem: "beta".into(),
                content: md
            }]
        );
        m.settings.clipboard = false;
        assert!(m.update(Action::CopyArticle, 1).is_empty());
        assert!(m.notice.clone().unwrap().contains("off"));
    }
}

#[cfg(test)]
mod star_tests {
    use ratatui::layout::Rect;

    use super::*;
    use crate::format;
    use crate::model::read_state::ReadState;
    use crate::model::{Library, Source};

    #[test]
    fn star_toggles_and_undo_redo_walk_it_back_and_forth() {
        let json = r#"{"id":"d","articles":[{"id":"a","headline":"A"},{"id":"b","headline":"B"}]}"#;
        let mut m = Model::new(
            Library::default(),
            ReadState::default(),
            Rect::new(0, 0, 100, 30),
        );
        m.show_digest(
            format::parse(json.as_bytes(), "t").unwrap(),
            Source::Bundled,
        );
        let key = m.reader.as_ref().unwrap().digest.key.clone();
        let a = crate::model::digest::ArticleId("a".into());
        assert_eq!(m.update(Action::ToggleStar, 10), vec![Effect::SaveState]);
        assert!(m.read.is_starred(&key, &a));
        assert_eq!(m.notice.as_deref(), Some("Starred"));
        assert!(!m.read.is_read(&key, &a), "a star is not a read mark");
        m.update(Action::Undo, 20);
        assert!(!m.read.is_starred(&key, &a));
        assert!(
            m.notice.clone().unwrap().contains("starred 1 article"),
            "{:?}",
            m.notice
        );
        m.update(Action::Redo, 30);
        assert!(m.read.is_starred(&key, &a));
        // Unstarring is a step of its own.
        m.update(Action::ToggleStar, 40);
        assert!(!m.read.is_starred(&key, &a));
        m.update(Action::Undo, 50);
        assert!(m.read.is_starred(&key, &a));
    }
}
