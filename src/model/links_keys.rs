//! The link list overlay (`L`): opening it on the article's links, and its keys.

use super::{Effect, Model, Overlay, links, nav};
use crate::action::Action;

impl Model {
    pub(super) fn open_link_list(&mut self) -> Vec<Effect> {
        let links = self
            .reader
            .as_ref()
            .and_then(|r| r.opened.as_ref().filter(|o| Some(o.index) == r.selected()))
            .and_then(|o| o.article.as_ref().ok())
            .map(links::article_links)
            .unwrap_or_default();
        if links.is_empty() {
            self.notice = Some("This article has no links".into());
        } else {
            self.overlay = Some(Overlay::Links { links, selected: 0 });
        }
        vec![]
    }

    /// A key or click while the link list is open: choose, open or copy a link, or close.
    pub(super) fn update_links(
        &mut self,
        action: Action,
        links: Vec<String>,
        selected: usize,
        now_ms: u64,
    ) -> Vec<Effect> {
        let pick = match action {
            Action::Down | Action::Up | Action::Top | Action::Bottom => {
                let delta = nav::delta(action, 1).unwrap_or(0);
                let selected = nav::step(selected, links.len(), delta);
                self.overlay = Some(Overlay::Links { links, selected });
                return vec![];
            }
            Action::Open => selected,
            Action::PickLink(n) => usize::from(n).saturating_sub(1),
            Action::Click(x, y) | Action::DoubleClick(x, y) => {
                match links::hit(self.area, &links, selected, x, y) {
                    Some(i) => i,
                    None => return vec![],
                }
            }
            Action::CopyLink => {
                let url = links.get(selected).cloned().unwrap_or_default();
                return self.copy(url);
            }
            Action::Wheel(..) | Action::ToggleMouse => {
                self.overlay = Some(Overlay::Links { links, selected });
                return vec![];
            }
            _ => return vec![],
        };
        let Some(url) = links.get(pick).cloned() else {
            self.notice = Some(format!("There is no link {}", pick + 1));
            return vec![];
        };
        self.with_reader(now_ms, |r, ctx| r.open_link(&url, ctx))
    }
}
