//! Keeping and sharing the current article (issue 17): `Y` copies it as Markdown, `E` writes it
//! to a file. The model only decides and renders the Markdown (pure); the app writes the file and
//! the terminal loop the clipboard sequence.

use super::{Effect, Model};
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
