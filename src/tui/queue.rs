//! One thread that runs jobs one after another, in the order they were given, and sends each
//! result to the loop: for file work whose order matters (a delete, then the `U` that restores
//! it), which a thread per job would not keep.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::Msg;

/// A job for the queue: it does its work and says how it went as a message for the loop.
pub(super) type Job = Box<dyn FnOnce() -> Msg + Send>;

/// The queue's thread, started with the first job.
pub(super) struct Queue {
    tx: Sender<Msg>,
    /// Where jobs go, and the channel that closes when the thread has run them all.
    worker: Option<(Sender<Job>, Receiver<()>)>,
}

impl Queue {
    /// A queue whose results go to `tx`; no thread runs until the first job.
    pub(super) fn new(tx: Sender<Msg>) -> Queue {
        Queue { tx, worker: None }
    }

    /// Runs `job` after every job given before it.
    pub(super) fn push(&mut self, job: Job) {
        let (jobs, _) = self.worker.get_or_insert_with(|| spawn(self.tx.clone()));
        // Fails only if the thread died (a job panicked): the job is then dropped, not run.
        let _ = jobs.send(job);
    }

    /// Waits up to `wait` for the jobs given so far to finish (before the process ends: a file
    /// half written or moved is not left behind by quitting).
    pub(super) fn finish(self, wait: Duration) {
        if let Some((jobs, done)) = self.worker {
            drop(jobs);
            let _ = done.recv_timeout(wait);
        }
    }
}

fn spawn(tx: Sender<Msg>) -> (Sender<Job>, Receiver<()>) {
    let (jobs, queued) = mpsc::channel::<Job>();
    let (finished, done) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        for job in queued {
            // The loop is gone: the remaining jobs still run (a file move asked for is made).
            let _ = tx.send(job());
        }
        drop(finished);
    });
    (jobs, done)
}
