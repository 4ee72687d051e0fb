//! Opens a link with the user's browser, never through a shell.
//!
//! The command is the `opener` setting, else `$BROWSER`, else the system opener (`xdg-open`,
//! `open` on macOS). It is split into words like a shell would (quotes, backslashes) by
//! `shell-words`, but no shell ever runs it, so nothing in a link can run as a command. A word
//! holding `%s` gets the link in its place; otherwise the link is the last argument. Terminal
//! browsers (w3m, lynx, ...) need the terminal, so they are run in the foreground by the caller.

use std::process::{Command, Stdio};

/// Browsers that draw in the terminal: newsdeck hands them the screen until they exit.
const TERMINAL_BROWSERS: &[&str] = &[
    "w3m", "lynx", "elinks", "links", "links2", "browsh", "carbonyl",
];

/// How to set the browser, for messages about a failed open.
pub const HOW_TO_SET: &str = "set $BROWSER, e.g. BROWSER='firefox %s'";

/// A command ready to open one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The program to run.
    pub program: String,
    /// Its arguments, the link among them.
    pub args: Vec<String>,
    /// Run it in the foreground on newsdeck's terminal (a terminal browser).
    pub in_terminal: bool,
}

/// The command that opens `url`: from `opener` (the setting), else `browser` (`$BROWSER`), else
/// the system opener. `in_terminal` forces the foreground, as the `open_in_terminal` setting does.
pub fn plan(
    url: &str,
    opener: Option<&str>,
    browser: Option<&str>,
    in_terminal: bool,
) -> Result<Plan, String> {
    let Some(url) = crate::url::web(url) else {
        return Err(crate::url::NOT_WEB.into());
    };
    let chosen = opener.or(browser).map(str::trim).filter(|c| !c.is_empty());
    let words: Vec<String> = match chosen {
        Some(c) => {
            // $BROWSER may list several commands separated by ':'; the first is used. A command
            // with quotes or `%s` is taken whole (its ':' may be part of an argument).
            let first = if c.contains(['\'', '"', '%']) {
                c
            } else {
                c.split(':').next().unwrap_or(c)
            };
            shell_words::split(first).map_err(|e| {
                format!("Cannot read the browser command \"{first}\": {e}; {HOW_TO_SET}")
            })?
        }
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    let Some((program, rest)) = words.split_first() else {
        return Err(format!(
            "The browser command names no program; {HOW_TO_SET}"
        ));
    };
    let mut args: Vec<String> = rest.iter().map(|w| w.replace("%s", &url)).collect();
    if !words.iter().any(|w| w.contains("%s")) {
        args.push(url);
    }
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    Ok(Plan {
        in_terminal: in_terminal || TERMINAL_BROWSERS.contains(&name),
        program: program.clone(),
        args,
    })
}

/// `$BROWSER`, if set.
pub fn browser_env() -> Option<String> {
    std::env::var("BROWSER").ok()
}

/// Starts a graphical browser in the background, detached from the terminal.
pub fn spawn(plan: &Plan) -> Result<(), String> {
    let mut child = Command::new(&plan.program)
        .args(&plan.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(plan, &e.to_string()))?;
    // Reap the opener in the background so it never lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Runs a terminal browser in the foreground on this terminal and waits for it to exit. The
/// caller leaves the alternate screen first and redraws after.
pub fn run_in_terminal(plan: &Plan) -> Result<(), String> {
    let status = Command::new(&plan.program)
        .args(&plan.args)
        .status()
        .map_err(|e| failed(plan, &e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(plan, &status.to_string()))
    }
}

fn failed(plan: &Plan, why: &str) -> String {
    format!(
        "Could not open the link with {}: {why}; {HOW_TO_SET}",
        plan.program
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_web_links() {
        for url in ["file:///etc/passwd", "javascript:alert(1)", "$(rm -rf ~)"] {
            assert!(plan(url, None, Some("firefox"), false).is_err(), "{url}");
        }
    }

    #[test]
    fn percent_s_is_replaced_and_quotes_split_like_a_shell() {
        let url = "https://x.org/a?b=1&c=$(id)";
        let p = plan(url, None, Some("my-browser --new-tab '%s' --flag"), false).unwrap();
        assert_eq!(p.program, "my-browser");
        assert_eq!(p.args, ["--new-tab", url, "--flag"]);
        assert!(!p.in_terminal);
        let p = plan(url, None, Some("\"/opt/My Browser/run\" -x"), false).unwrap();
        assert_eq!(p.program, "/opt/My Browser/run");
        assert_eq!(p.args, ["-x", url]);
        // A list of commands: the first is used.
        let p = plan(url, None, Some("firefox:lynx"), false).unwrap();
        assert_eq!(p.program, "firefox");
        // The setting wins over $BROWSER; terminal browsers are recognised by name.
        let p = plan(url, Some("/usr/bin/w3m"), Some("firefox"), false).unwrap();
        assert!(p.in_terminal);
        assert!(plan(url, None, Some("firefox"), true).unwrap().in_terminal);
        assert!(plan(url, None, Some("'unclosed"), false).is_err());
        assert!(plan(" HTTPS://x.org ", None, Some("b"), false).is_ok());
    }

    #[test]
    fn a_missing_program_names_itself_and_how_to_fix_it() {
        let p = plan("https://x.org", None, Some("/nonexistent/browser"), false).unwrap();
        let e = spawn(&p).unwrap_err();
        assert!(
            e.contains("/nonexistent/browser") && e.contains("BROWSER"),
            "{e}"
        );
    }
}
