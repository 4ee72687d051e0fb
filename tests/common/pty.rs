//! A newsdeck (or a shell) in an 80x24 pseudo-terminal, read through a vt100 parser. Tests wait
//! for what they expect (polling with a generous deadline), never for a fixed time; every child
//! gets HOME and the XDG folders in a temporary folder.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Long, because several engineers share two cores; a passing run waits only as long as it needs.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// The prompt of [`Session::shell`], so a test can tell when the shell is reading again.
pub const PROMPT: &str = "newsdeck-test$ ";

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The temporary home, when this session made its own.
    _home: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts newsdeck with `args` in an 80x24 pseudo-terminal, with a temporary home of its own.
    pub fn spawn(args: &[&str]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::spawn_in(home.path(), args);
        s._home = Some(home);
        s
    }

    /// Starts newsdeck with `args` and `home` as HOME (XDG folders inside it), so several
    /// sessions can share read state.
    pub fn spawn_in(home: &Path, args: &[&str]) -> Session {
        Session::spawn_program(env!("CARGO_BIN_EXE_newsdeck"), home, args)
    }

    /// Starts `program` (newsdeck, or a shell to run it under job control) in the terminal.
    pub fn spawn_program(program: &str, home: &Path, args: &[&str]) -> Session {
        Session::spawn_with_env(program, home, args, &[])
    }

    /// Starts an interactive bash (no rc files, prompt [`PROMPT`]) to run newsdeck under job
    /// control.
    pub fn shell(home: &Path) -> Session {
        // Job control needs a shell in the terminal; bash is on every machine this project targets.
        assert!(
            Path::new("/bin/bash").exists(),
            "this test runs newsdeck under /bin/bash"
        );
        let args = ["--norc", "--noprofile", "-i"];
        Session::spawn_with_env("/bin/bash", home, &args, &[("PS1", PROMPT)])
    }

    /// Waits until newsdeck has left the alternate screen for the last time and the shell has
    /// printed its prompt after that: only then does typing reach the shell, not newsdeck.
    pub fn wait_for_prompt(&self) -> String {
        self.wait("the shell's prompt after newsdeck", |_, b| {
            let enter = find_last(b, ENTER_ALT);
            let leave = find_last(b, LEAVE_ALT);
            let prompt = find_last(b, PROMPT.as_bytes());
            matches!((leave, prompt), (Some(l), Some(p)) if enter.is_none_or(|e| e < l) && l < p)
        })
    }

    /// Starts newsdeck with `args` and extra environment variables, `home` as HOME.
    pub fn newsdeck(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::spawn_with_env(env!("CARGO_BIN_EXE_newsdeck"), home, args, env)
    }

    /// [`Session::spawn_program`] with extra environment variables.
    pub fn spawn_with_env(
        program: &str,
        home: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("HOME", home);
        for (var, sub) in [
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            let dir = home.join(sub);
            std::fs::create_dir_all(&dir).unwrap();
            cmd.env(var, dir);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child holds the slave now, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            // Keep the master open for as long as the reader runs.
            let _master = pair.master;
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            output,
            _home: None,
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The terminal as a vt100 parser that has seen everything written so far.
    pub fn parser(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        );
        p.process(&self.bytes());
        p
    }

    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen when the deadline passes.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen and the raw bytes written so far satisfy `ok`.
    pub fn wait(&self, what: &str, ok: impl Fn(&str, &[u8]) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (screen, bytes) = (self.screen(), self.bytes());
            if ok(&screen, &bytes) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A left click at zero-based (`x`, `y`), as an SGR mouse report (press and release).
    pub fn click(&mut self, x: u16, y: u16) {
        self.press(&format!(
            "\x1b[<0;{};{}M\x1b[<0;{};{}m",
            x + 1,
            y + 1,
            x + 1,
            y + 1
        ));
    }

    /// Presses `q` and waits for newsdeck to exit.
    pub fn quit(&mut self) {
        self.press("q");
        self.wait_exit();
    }

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "newsdeck did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("child has a pid");
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    /// Asserts the terminal was handed back: after the last switch to the alternate screen,
    /// newsdeck left it and showed the cursor again, and the emulated terminal agrees.
    pub fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes after the exit.
        let start = Instant::now();
        loop {
            let bytes = self.bytes();
            let last_enter = find_last(&bytes, ENTER_ALT).expect("newsdeck entered the alt screen");
            let tail = &bytes[last_enter..];
            if find_last(tail, LEAVE_ALT).is_some() && find_last(tail, SHOW_CURSOR).is_some() {
                let p = self.parser();
                assert!(!p.screen().alternate_screen(), "still on the alt screen");
                assert!(!p.screen().hide_cursor(), "cursor still hidden");
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no restore sequences after the last ESC[?1049h; tail: {:?}",
                String::from_utf8_lossy(tail)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave a newsdeck behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Where `needle` last occurs in `hay`.
pub fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
