//! The command line of `cargo xtask`: the table of tasks, the help made from it, and the
//! reading of each task's arguments.
//!
//! Arguments are read with lexopt, a small parser without dependencies: it builds in half
//! a second, where clap 4.6 with its derive takes 7.5 s on its own (measured cold on two
//! cores), time every maintainer waits on the first `cargo xtask`, for help texts that are
//! written here either way.
//!
//! Every task reads its arguments through [`Args`], which answers `-h` and `--help` with
//! the task's usage (exit 0) and an unknown, missing or malformed argument with a usage
//! error naming it (exit 2), before the task does anything.
//!
//! A new task is one entry in `main.rs`'s table: its name, usage, help, and a function
//! `fn(&mut Args, &Workspace) -> Outcome` that reads its arguments with [`Args`] and runs.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

pub use lexopt::Arg;

/// The exit status of a usage error, as most command-line tools have it.
pub const USAGE_ERROR: u8 = 2;

/// A task of `cargo xtask`.
#[derive(Debug)]
pub struct Task {
    /// Its name, one word or two: `codegen`, `docs draft`.
    pub name: &'static str,
    /// Its arguments as its usage shows them: `PAGE [--service NAME] [--out DIR]`.
    pub args: &'static str,
    /// One line for the list of tasks.
    pub summary: &'static str,
    /// What it does and what its options mean, for its `--help`.
    pub help: &'static str,
    /// Reads the task's arguments and runs it.
    pub run: fn(&mut Args, &Workspace) -> Outcome,
    /// Left out of the list of tasks: a child process another task starts.
    pub hidden: bool,
}

impl Task {
    fn usage(&self) -> String {
        let mut usage = format!("usage: cargo xtask {}", self.name);
        if !self.args.is_empty() {
            usage.push(' ');
            usage.push_str(self.args);
        }
        format!("{usage}\n\n{}\n", self.help)
    }
}

/// What a task's run ends with: its exit status, or why it did not run.
pub type Outcome = Result<ExitCode, Error>;

/// Why a task did not run.
#[derive(Debug)]
pub enum Error {
    /// `-h` or `--help`: show the task's usage.
    Help,
    /// The arguments are not what the task takes: what is wrong with them.
    Usage(String),
    /// The task cannot run here (no workspace found): why.
    Failed(String),
}

impl From<lexopt::Error> for Error {
    fn from(error: lexopt::Error) -> Self {
        Error::Usage(error.to_string())
    }
}

/// A task's arguments, read one at a time with lexopt; `-h` and `--help` end the reading
/// with [`Error::Help`].
#[derive(Debug)]
pub struct Args {
    parser: lexopt::Parser,
}

impl Args {
    /// The arguments after the program's name.
    pub fn from_env() -> Self {
        Self {
            parser: lexopt::Parser::from_env(),
        }
    }

    /// Arguments from a list (the program's name not included), for tests.
    #[cfg(test)]
    pub fn from_list<I: IntoIterator>(args: I) -> Self
    where
        I::Item: Into<OsString>,
    {
        Self {
            parser: lexopt::Parser::from_args(args),
        }
    }

    /// The next option or value; `None` after the last.
    pub fn next(&mut self) -> Result<Option<Arg<'_>>, Error> {
        match self.parser.next()? {
            Some(Arg::Short('h') | Arg::Long("help")) => Err(Error::Help),
            arg => Ok(arg),
        }
    }

    /// The value of the option just read (`--out DIR` or `--out=DIR`).
    pub fn value(&mut self) -> Result<OsString, Error> {
        Ok(self.parser.value()?)
    }

    /// The value of the option just read, as a path.
    pub fn path(&mut self) -> Result<PathBuf, Error> {
        self.value().map(PathBuf::from)
    }

    /// The value of the option just read, as UTF-8 text.
    pub fn string(&mut self) -> Result<String, Error> {
        use lexopt::ValueExt as _;
        Ok(self.value()?.string()?)
    }

    /// The value of the option just read, parsed (`--operations 250`).
    pub fn parse<T: FromStr>(&mut self) -> Result<T, Error>
    where
        T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    {
        use lexopt::ValueExt as _;
        Ok(self.value()?.parse()?)
    }

    /// Ends a task that takes no (more) arguments: an error names the first one left.
    pub fn finish(&mut self) -> Result<(), Error> {
        match self.next()? {
            None => Ok(()),
            Some(arg) => Err(arg.unexpected().into()),
        }
    }
}

/// Where the task works: `--root DIR`, or the workspace around the current directory,
/// looked up only when the task asks (so `--help` works anywhere).
#[derive(Debug, Default)]
pub struct Workspace {
    root: Option<PathBuf>,
}

impl Workspace {
    /// The workspace's root folder, absolute.
    pub fn root(&self) -> Result<PathBuf, Error> {
        crate::workspace::resolve_root(self.root.as_deref()).map_err(Error::Failed)
    }
}

/// The usage of `cargo xtask` as a whole: its options and the list of tasks.
pub fn usage(tasks: &[Task]) -> String {
    let listed: Vec<&Task> = tasks.iter().filter(|t| !t.hidden).collect();
    let width = listed.iter().map(|t| t.name.len()).max().unwrap_or(0) + 2;
    let mut text = "usage: cargo xtask [--root DIR] <task> [options]\n\n\
                    The maintainers' tasks; `cargo xtask <task> --help` or \
                    `cargo xtask help <task>` tells more of one.\n\ntasks:\n"
        .to_owned();
    for task in listed {
        let _ = writeln!(text, "  {:<width$}{}", task.name, task.summary);
    }
    text.push_str(
        "\noptions:\n  --root DIR  the workspace to work on; by default the one the current \
         directory is in\n              (the nearest folder up with a Cargo.toml that has \
         [workspace] and an xtask/ folder)\n  -h, --help  this help\n",
    );
    text
}

/// Runs the task the command line names, or prints the help it asks for.
pub fn main(tasks: &[Task]) -> ExitCode {
    let mut args = Args::from_env();
    match dispatch(tasks, &mut args) {
        Ok(code) => code,
        Err((topic, error)) => report(tasks, topic, error),
    }
}

/// Whose usage a help or a usage error shows.
#[derive(Debug, Clone, Copy)]
enum Topic<'t> {
    /// `cargo xtask` as a whole.
    All,
    /// A group of tasks, such as `docs`.
    Group(&'t str),
    /// One task.
    Task(&'t Task),
}

/// A failure, and whose usage it concerns.
type Failure<'t> = (Topic<'t>, Error);

/// What a failed dispatch prints: the usage on stdout for help (exit 0); for a usage error
/// (exit 2), the error on stderr with the usage lines, or with the list of tasks when no
/// task was named.
fn report(tasks: &[Task], topic: Topic<'_>, error: Error) -> ExitCode {
    let (usage, name) = match topic {
        Topic::All => (usage(tasks), String::new()),
        Topic::Group(group) => (
            tasks
                .iter()
                .filter(|t| in_group(t, group))
                .map(Task::usage)
                .collect::<Vec<_>>()
                .join("\n"),
            format!(" {group}"),
        ),
        Topic::Task(task) => (task.usage(), format!(" {}", task.name)),
    };
    match error {
        Error::Help => {
            print!("{usage}");
            ExitCode::SUCCESS
        }
        Error::Usage(message) => {
            eprintln!("error: {message}\n");
            match topic {
                Topic::All => eprint!("{usage}"),
                _ => {
                    for line in usage.lines().filter(|l| l.starts_with("usage: ")) {
                        eprintln!("{line}");
                    }
                    eprintln!("\n`cargo xtask{name} --help` says more");
                }
            }
            ExitCode::from(USAGE_ERROR)
        }
        Error::Failed(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn in_group(task: &Task, group: &str) -> bool {
    !task.hidden
        && task
            .name
            .strip_prefix(group)
            .is_some_and(|rest| rest.starts_with(' '))
}

fn dispatch<'t>(tasks: &'t [Task], args: &mut Args) -> Result<ExitCode, Failure<'t>> {
    let all = |e| (Topic::All, e);
    let mut workspace = Workspace::default();
    // Options of `cargo xtask` itself, up to the task's name.
    let first = loop {
        match args.next().map_err(all)? {
            Some(Arg::Long("root")) => workspace.root = Some(args.path().map_err(all)?),
            Some(Arg::Value(word)) => break word.to_string_lossy().into_owned(),
            Some(arg) => return Err(all(arg.unexpected().into())),
            None => return Err(all(Error::Usage("no task given".to_owned()))),
        }
    };
    if first == "help" {
        // `cargo xtask help [TASK]`: the rest of the line names the topic.
        let mut words = Vec::new();
        while let Some(arg) = args.next().map_err(all)? {
            match arg {
                Arg::Value(word) => words.push(word.to_string_lossy().into_owned()),
                arg => return Err(all(arg.unexpected().into())),
            }
        }
        let topic = match words.as_slice() {
            [] => Topic::All,
            _ => find(tasks, &words.join(" ")).map_err(all)?.into(),
        };
        return Err((topic, Error::Help));
    }
    let task = match find(tasks, &first).map_err(all)? {
        Named::Task(task) => task,
        // A group's task is named by the next word.
        Named::Group(group) => {
            let in_group = |e| (Topic::Group(group), e);
            let second = match args.next().map_err(in_group)? {
                Some(Arg::Value(word)) => word.to_string_lossy().into_owned(),
                Some(arg) => return Err(in_group(arg.unexpected().into())),
                None => return Err(in_group(Error::Usage(format!("`{group}` needs a task")))),
            };
            match find(tasks, &format!("{group} {second}")) {
                Ok(Named::Task(task)) => task,
                Ok(Named::Group(_)) | Err(_) => {
                    let message = format!("unknown task `{group} {second}`");
                    return Err(in_group(Error::Usage(message)));
                }
            }
        }
    };
    (task.run)(args, &workspace).map_err(|e| (Topic::Task(task), e))
}

/// What a name on the command line names.
enum Named<'t> {
    Task(&'t Task),
    /// The first word of tasks such as `docs check` and `docs draft`.
    Group(&'t str),
}

impl<'t> From<Named<'t>> for Topic<'t> {
    fn from(named: Named<'t>) -> Self {
        match named {
            Named::Task(task) => Topic::Task(task),
            Named::Group(group) => Topic::Group(group),
        }
    }
}

/// The task or group of this name, or a usage error.
fn find<'t>(tasks: &'t [Task], name: &str) -> Result<Named<'t>, Error> {
    // Hidden tasks run when named, but are never listed.
    if let Some(task) = tasks.iter().find(|t| t.name == name) {
        return Ok(Named::Task(task));
    }
    if let Some(task) = tasks.iter().find(|t| in_group(t, name)) {
        return Ok(Named::Group(&task.name[..name.len()]));
    }
    Err(Error::Usage(format!("unknown task `{name}`")))
}
