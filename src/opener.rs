//! Opens a link with the system opener, never through a shell.

use std::process::{Command, Stdio};

/// Opens an http(s) `url` with `$BROWSER`, else `xdg-open` (or `open` on macOS).
pub fn open(url: &str) -> Result<(), String> {
    if !crate::url::is_web(url) {
        return Err(crate::url::NOT_WEB.into());
    }
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    // $BROWSER may list several commands separated by ':'; the first is used, split into words.
    let command: Vec<String> = match &browser {
        Some(b) => b
            .split(':')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect(),
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    let Some((program, args)) = command.split_first() else {
        return Err("BROWSER is set but names no command".into());
    };
    // The url is one argument: no shell ever sees it, so nothing in it can run as a command.
    let mut child = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Could not start {program}: {e}"))?;
    // Reap the opener in the background so it never lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_web_links() {
        assert!(open("file:///etc/passwd").is_err());
        assert!(open("javascript:alert(1)").is_err());
        assert!(open("$(rm -rf ~)").is_err());
    }
}
