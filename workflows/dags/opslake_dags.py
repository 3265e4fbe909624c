"""Airflow DAGs from opslake's job descriptors (workflows/jobs/*.yaml).

One DAG per descriptor ``dag:``; one ``SparkSubmitOperator`` per job on the ``spark_default``
connection, submitting ``jobs/target/opslake-runtime.jar`` with the job's CLI command and arguments.
Jobs scheduled ``on_update: <table>`` run when an upstream task updates that table (Assets on
Airflow 3, Datasets on Airflow 2.10+). The same descriptors drive ``bin/opslake workflow run``;
``bin/opslake workflow plan <dag> --json`` prints the structure ``plan()`` below builds, and the
tests in workflows/tests compare the two.

The top half is plain Python (no Airflow import) so it can be unit-tested anywhere; the bottom
half is the Airflow glue, with a small shim for the Airflow 2/3 differences.

Settings, read when the scheduler parses this file (environment variables):
  OPSLAKE_WORKFLOWS_DIR  descriptor folder (default: ../jobs next to this file)
  OPSLAKE_JAR            runtime jar (default: <repo>/jobs/target/opslake-runtime.jar)
  OPSLAKE_CONFIG         opslake.yaml with warehouse: and landing: (default: <repo>/opslake.yaml)
  OPSLAKE_WAREHOUSE, OPSLAKE_LANDING  override the config file's values
  OPSLAKE_START_DATE     first logical date of every DAG (default 2026-01-01)
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TEMPLATE_VARIABLES = ("ds", "landing", "warehouse")
_DURATION = re.compile(r"^([0-9]+[dhms])+$")
_DURATION_PART = re.compile(r"([0-9]+)([dhms])")
_TEMPLATE = re.compile(r"\{\{\s*([^}\s]*)\s*}}")
DEFAULT_RETRY_DELAY = "5m"
DEFAULT_TIMEOUT = "2h"


# ---------------------------------------------------------------- pure functions (no Airflow)


def parse_duration(text: str) -> _dt.timedelta:
    """'0s', '90s', '5m', '2h', '1h30m', '1d' as a timedelta (the Java runner's Durations)."""
    if not isinstance(text, str) or not _DURATION.match(text):
        raise ValueError(f"bad duration {text!r}: use e.g. 30s, 5m, 2h or 1h30m")
    units = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    total = _dt.timedelta()
    for amount, unit in _DURATION_PART.findall(text):
        total += _dt.timedelta(**{units[unit]: int(amount)})
    return total


def load_descriptors(folder: Path | str) -> list[dict]:
    """Every *.yaml/*.yml descriptor of ``folder`` in file-name order, with defaults applied.

    Validation (unknown keys, cycles, schedules) is ``bin/opslake workflow validate``'s job; this
    reader only fails loudly on what would make a DAG impossible to build.
    """
    folder = Path(folder)
    descriptors = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".yaml", ".yml"):
            continue
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: a job descriptor is a YAML mapping of keys to values")
        job = {
            "id": raw["id"],
            "dag": raw["dag"],
            "description": raw.get("description", ""),
            "command": raw["command"],
            "args": [str(arg) for arg in raw.get("args", [])],
            "depends_on": list(raw.get("depends_on", [])),
            "schedule": raw["schedule"],
            "retries": int(raw.get("retries", 0)),
            "retry_delay": parse_duration(raw.get("retry_delay", DEFAULT_RETRY_DELAY)),
            "timeout": parse_duration(raw.get("timeout", DEFAULT_TIMEOUT)),
            "spark": dict(raw.get("spark", {})),
            "owner": raw["owner"],
            "tags": list(raw.get("tags", [])),
            "reads": list(raw.get("reads", [])),
            "writes": list(raw.get("writes", [])),
            "file": str(path),
        }
        descriptors.append(job)
    return descriptors


def describe_schedule(schedule) -> str:
    """How plans spell a schedule: '@nightly', '@hourly', the cron text, or 'on_update: <table>'."""
    if isinstance(schedule, dict):
        return f"on_update: {schedule['on_update']}"
    return str(schedule).strip()


def airflow_schedule(schedule) -> str | None:
    """Airflow's schedule string for time-based schedules; None for on_update (asset-triggered)."""
    if isinstance(schedule, dict):
        return None
    text = str(schedule).strip()
    return {"@nightly": "@daily", "@hourly": "@hourly"}.get(text, text)


def dag_ids(descriptors: list[dict]) -> list[str]:
    return sorted({job["dag"] for job in descriptors})


def plan(descriptors: list[dict], dag_id: str) -> dict:
    """The plan of one DAG, key for key what ``bin/opslake workflow plan <dag> --json`` prints:
    tasks in dependency order (ties by id) and edges sorted by (upstream, downstream)."""
    jobs = [job for job in descriptors if job["dag"] == dag_id]
    if not jobs:
        raise ValueError(f"no dag {dag_id!r}")
    by_id = {job["id"]: job for job in jobs}
    edges = sorted((upstream, job["id"]) for job in jobs for upstream in job["depends_on"])
    waiting = {job["id"]: len(job["depends_on"]) for job in jobs}
    ready = sorted(task for task, count in waiting.items() if count == 0)
    ordered = []
    while ready:
        current = ready.pop(0)
        ordered.append(by_id[current])
        for upstream, downstream in edges:
            if upstream == current:
                waiting[downstream] -= 1
                if waiting[downstream] == 0:
                    ready = sorted(ready + [downstream])
    if len(ordered) != len(jobs):
        raise ValueError(f"dag {dag_id!r} has a dependency cycle")
    schedule = jobs[0]["schedule"]
    return {
        "dag_id": dag_id,
        "schedule": describe_schedule(schedule),
        "airflow_schedule": airflow_schedule(schedule),
        "triggered_by": [schedule["on_update"]] if isinstance(schedule, dict) else [],
        "outlets": sorted({table for job in jobs for table in job["writes"]}),
        "tasks": [
            {
                "task_id": job["id"],
                "command": job["command"],
                "args": job["args"],
                "depends_on": sorted(job["depends_on"]),
                "retries": job["retries"],
                "retry_delay_seconds": int(job["retry_delay"].total_seconds()),
                "timeout_seconds": int(job["timeout"].total_seconds()),
                "owner": job["owner"],
                "tags": job["tags"],
                "reads": job["reads"],
                "writes": job["writes"],
                "spark": job["spark"],
            }
            for job in ordered
        ],
        "edges": [list(edge) for edge in edges],
    }


# The run date of an asset-triggered run: Airflow 3 gives such runs no logical date, so the
# upstream task records its ds in the asset event's extra and the downstream arguments read it.
RUN_DATE_EXPRESSION = (
    "{{ opslake_run_date("
    "triggering_asset_events if triggering_asset_events is defined "
    "else (triggering_dataset_events if triggering_dataset_events is defined else none), "
    "ds if ds is defined else none) }}"
)


def application_args(job: dict, triggered: bool) -> list[str]:
    """The job's spark-submit application arguments as Jinja templates: the command, then its
    args; on asset-triggered DAGs {{ ds }} becomes the upstream run's date."""
    args = [job["command"]] + list(job["args"])
    if triggered:
        args = [_TEMPLATE.sub(lambda m: RUN_DATE_EXPRESSION if m.group(1) == "ds" else m.group(0), a) for a in args]
    return args


def run_date(events=None, logical_ds=None) -> str:
    """The latest ``ds`` recorded in the triggering asset events, else the run's own logical date.

    ``events`` maps an asset (Airflow 3) or dataset URI (Airflow 2) to its events, each with an
    ``extra`` dict. When several upstream runs queued before this run started, the latest date
    wins; the earlier dates are caught up with a backfill (see docs/workflows.md).
    """
    dates = set()
    for queued in (events or {}).values():
        for event in queued or []:
            extra = getattr(event, "extra", None) or {}
            if extra.get("ds"):
                dates.add(str(extra["ds"]))
    if dates:
        return max(dates)
    if logical_ds:
        return str(logical_ds)
    raise ValueError("no run date: the run has no logical date and no upstream event carries one")


def asset_uri(table: str) -> str:
    """The asset (dataset) standing for an opslake table; one per table name."""
    return f"opslake://warehouse/{table}"


def settings(environ=None) -> dict:
    """warehouse, landing, jar and start date: environment, then opslake.yaml, then defaults."""
    environ = os.environ if environ is None else environ
    config_path = Path(environ.get("OPSLAKE_CONFIG") or REPO / "opslake.yaml")
    config = {}
    if config_path.is_file():
        with config_path.open(encoding="utf-8") as handle:
            config = yaml.safe_load(handle) or {}

    def resolve(value):
        if value is None or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+:", value):
            return value
        return str((config_path.parent / value).resolve())

    return {
        "warehouse": environ.get("OPSLAKE_WAREHOUSE") or resolve(config.get("warehouse")) or str(REPO / "warehouse"),
        "landing": environ.get("OPSLAKE_LANDING") or resolve(config.get("landing")) or str(REPO / "landing"),
        "jar": environ.get("OPSLAKE_JAR") or str(REPO / "jobs" / "target" / "opslake-runtime.jar"),
        "jobs_dir": environ.get("OPSLAKE_WORKFLOWS_DIR") or str(HERE.parent / "jobs"),
        "start_date": environ.get("OPSLAKE_START_DATE") or "2026-01-01",
    }


# ---------------------------------------------------------------- Airflow glue

try:  # Airflow 3
    from airflow.sdk import DAG, Asset
except ImportError:
    try:  # Airflow 2.10+
        from airflow import DAG
        from airflow.datasets import Dataset as Asset
    except ImportError:  # no Airflow: only the pure functions above are usable
        DAG = Asset = None

if DAG is not None:
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
else:
    SparkSubmitOperator = object


class OpslakeSubmitOperator(SparkSubmitOperator):
    """spark-submit of one opslake command; on success, tags the events of the tables it wrote
    with the run date so asset-triggered DAGs downstream process the same date."""

    def execute(self, context):
        super().execute(context)
        outlet_events = context.get("outlet_events")
        run_ds = context.get("ds")
        if outlet_events is None or run_ds is None:
            return
        for outlet in self.outlets:
            outlet_events[outlet].extra = {"ds": run_ds}


def build_dag(descriptors: list[dict], dag_id: str, config: dict):
    """The Airflow DAG of ``dag_id``: tasks, edges, schedule and outlets from ``plan()``."""
    planned = plan(descriptors, dag_id)
    triggered = bool(planned["triggered_by"])
    by_id = {job["id"]: job for job in descriptors}
    start = _dt.datetime.fromisoformat(config["start_date"]).replace(tzinfo=_dt.timezone.utc)
    schedule = [Asset(uri=asset_uri(t)) for t in planned["triggered_by"]] if triggered else planned["airflow_schedule"]
    dag = DAG(
        dag_id=dag_id,
        schedule=schedule,
        start_date=start,
        catchup=False,
        # One run at a time: ingest must be the only writer of a warehouse.
        max_active_runs=1,
        tags=["opslake"] + sorted({tag for task in planned["tasks"] for tag in task["tags"]}),
        user_defined_macros={
            "landing": config["landing"].rstrip("/"),
            "warehouse": config["warehouse"],
            "opslake_run_date": run_date,
        },
        doc_md=f"opslake `{dag_id}` ({planned['schedule']}), from workflows/jobs/*.yaml.",
    )
    tasks = {}
    for task in planned["tasks"]:
        job = by_id[task["task_id"]]
        spark = job["spark"]
        tasks[task["task_id"]] = OpslakeSubmitOperator(
            task_id=task["task_id"],
            dag=dag,
            conn_id="spark_default",
            application=config["jar"],
            java_class="io.opslake.cli.OpslakeCli",
            name=f"opslake-{dag_id}-{task['task_id']}",
            application_args=application_args(job, triggered),
            driver_memory=spark.get("driver_memory"),
            executor_memory=spark.get("executor_memory"),
            executor_cores=spark.get("executor_cores"),
            num_executors=spark.get("num_executors"),
            conf={"spark.sql.session.timeZone": "UTC"},
            retries=job["retries"],
            retry_delay=job["retry_delay"],
            execution_timeout=job["timeout"],
            owner=job["owner"],
            doc_md=job["description"] or None,
            outlets=[Asset(uri=asset_uri(table)) for table in job["writes"]],
        )
    for upstream, downstream in planned["edges"]:
        tasks[upstream] >> tasks[downstream]
    return dag


def build_all(environ=None) -> dict:
    config = settings(environ)
    descriptors = load_descriptors(config["jobs_dir"])
    return {dag_id: build_dag(descriptors, dag_id, config) for dag_id in dag_ids(descriptors)}


# The DAG processor picks up module-level DAG objects.
if DAG is not None:
    for _dag_id, _dag in build_all().items():
        globals()[f"dag_{_dag_id}"] = _dag
