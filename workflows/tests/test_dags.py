"""Tests of the Airflow DAG factory (workflows/dags/opslake_dags.py) with real Airflow.

- the pure functions, without Airflow;
- the DagBag imports with no errors, and every DAG's tasks, edges, arguments, retries, timeouts,
  schedule and outlets equal ``bin/opslake workflow plan <dag> --json`` (the Java planner);
- ``airflow dags test nightly`` for both days of the committed sample, submitting the runtime jar
  with the venv's spark-submit in local mode, leaves the same warehouse as
  ``bin/opslake workflow run nightly`` (row counts per table and partition, the set of event ids).

Needs the runtime jar (``mvn package``) and runs in the venv ``bin/python-env`` builds;
``bin/test`` does both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "workflows" / "dags"
JOBS = REPO / "workflows" / "jobs"
SAMPLE = REPO / "sample-data" / "sample"
JAR = REPO / "jobs" / "target" / "opslake-runtime.jar"
VENV_BIN = Path(sys.executable).parent
DATES = ["2026-10-01", "2026-10-02"]

sys.path.insert(0, str(DAGS))
import opslake_dags  # noqa: E402


def opslake(*args: str, env=None) -> subprocess.CompletedProcess:
    """Runs bin/opslake and fails the test with its stderr when it exits non-zero."""
    assert JAR.is_file(), f"{JAR} is missing: run mvn -DskipTests package (bin/test does)"
    run = subprocess.run([str(REPO / "bin" / "opslake"), *args], capture_output=True, text=True, env=env, cwd=REPO)
    assert run.returncode == 0, f"bin/opslake {' '.join(args)} exited {run.returncode}:\n{run.stderr[-4000:]}"
    return run


@pytest.fixture(scope="session")
def descriptors():
    return opslake_dags.load_descriptors(JOBS)


@pytest.fixture(scope="session")
def java_plans(descriptors):
    return {
        dag_id: json.loads(opslake("workflow", "plan", dag_id, "--json", "--dir", str(JOBS)).stdout)
        for dag_id in opslake_dags.dag_ids(descriptors)
    }


# ------------------------------------------------------------------ pure functions


def test_durations_parse_like_the_java_runner():
    assert opslake_dags.parse_duration("0s") == dt.timedelta(0)
    assert opslake_dags.parse_duration("1h30m") == dt.timedelta(minutes=90)
    assert opslake_dags.parse_duration("1d2h") == dt.timedelta(hours=26)
    with pytest.raises(ValueError, match="bad duration '5 minutes'"):
        opslake_dags.parse_duration("5 minutes")


def test_the_python_plan_equals_the_java_plan_for_every_dag(descriptors, java_plans):
    assert sorted(java_plans) == ["events", "nightly"]
    for dag_id, java_plan in java_plans.items():
        assert opslake_dags.plan(descriptors, dag_id) == java_plan, dag_id


def test_asset_triggered_runs_take_the_latest_upstream_date():
    class Event:
        def __init__(self, extra):
            self.extra = extra

    events = {"opslake://warehouse/raw_events": [Event({"ds": "2026-10-01"}), Event({"ds": "2026-10-02"}), Event({})]}
    assert opslake_dags.run_date(events, None) == "2026-10-02"
    assert opslake_dags.run_date({}, "2026-10-05") == "2026-10-05"
    with pytest.raises(ValueError, match="no run date"):
        opslake_dags.run_date(None, None)


def test_only_triggered_dags_rewrite_the_run_date(descriptors):
    ingest = next(job for job in descriptors if job["id"] == "ingest")
    assert opslake_dags.application_args(ingest, triggered=False) == [
        "ingest", "--input", "{{ landing }}/dt={{ ds }}", "--warehouse", "{{ warehouse }}"]
    reclassify = next(job for job in descriptors if job["id"] == "reclassify")
    args = opslake_dags.application_args(reclassify, triggered=True)
    assert args[2] == opslake_dags.RUN_DATE_EXPRESSION and args[-1] == "{{ warehouse }}"


# ------------------------------------------------------------------ Airflow DAGs


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow-home")
    config = home / "opslake.yaml"
    config.write_text(f"landing: {SAMPLE}\nwarehouse: {home / 'airflow-warehouse'}\n")
    env = dict(os.environ)
    for name in ("OPSLAKE_WAREHOUSE", "OPSLAKE_LANDING", "OPSLAKE_WORKFLOWS_DIR"):
        env.pop(name, None)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "local[2]"}),
        "OPSLAKE_CONFIG": str(config),
        "OPSLAKE_JAR": str(JAR),
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        "SPARK_LOCAL_IP": "127.0.0.1",
    })
    os.environ.update({k: env[k] for k in ("AIRFLOW_HOME", "AIRFLOW__CORE__LOAD_EXAMPLES", "AIRFLOW__CORE__DAGS_FOLDER",
                                           "OPSLAKE_CONFIG", "OPSLAKE_JAR")})
    return home, env


@pytest.fixture(scope="session")
def dagbag(airflow_home):
    try:
        from airflow.dag_processing.dagbag import DagBag  # Airflow 3.1+
    except ImportError:
        from airflow.models.dagbag import DagBag
    return DagBag(dag_folder=str(DAGS))


def test_the_dagbag_imports_without_errors(dagbag, descriptors):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == opslake_dags.dag_ids(descriptors)


def _schedule(dag) -> dict:
    """The DAG's schedule, the same on Airflow 2 and 3: a cron expression or the triggering asset URIs."""
    timetable = dag.timetable
    condition = getattr(timetable, "asset_condition", None) or getattr(timetable, "dataset_condition", None)
    if condition is not None and hasattr(condition, "objects"):
        return {"assets": sorted(obj.uri for obj in condition.objects)}
    # Airflow 3's SDK timetable names it expression; Airflow 2's summary is the expression.
    return {"cron": getattr(timetable, "expression", None) or timetable.summary}


def test_every_dag_equals_the_java_plan(dagbag, java_plans):
    crons = {"@daily": "0 0 * * *", "@hourly": "0 * * * *"}
    for dag_id, plan in java_plans.items():
        dag = dagbag.dags[dag_id]
        assert sorted(dag.task_ids) == sorted(t["task_id"] for t in plan["tasks"])
        edges = sorted([up, task.task_id] for task in dag.tasks for up in task.upstream_task_ids)
        assert edges == plan["edges"], dag_id
        if plan["triggered_by"]:
            assert _schedule(dag) == {"assets": [opslake_dags.asset_uri(t) for t in plan["triggered_by"]]}
        else:
            expression = plan["airflow_schedule"]
            assert _schedule(dag) == {"cron": crons.get(expression, expression)}
        for planned in plan["tasks"]:
            task = dag.get_task(planned["task_id"])
            assert task.application == str(JAR)
            assert task.application_args[0] == planned["command"]
            if not plan["triggered_by"]:
                assert task.application_args[1:] == planned["args"]
            assert task.retries == planned["retries"]
            assert task.retry_delay.total_seconds() == planned["retry_delay_seconds"]
            assert task.execution_timeout.total_seconds() == planned["timeout_seconds"]
            assert task.owner == planned["owner"]
            assert sorted(outlet.uri for outlet in task.outlets) == sorted(
                opslake_dags.asset_uri(table) for table in planned["writes"])
            assert task._conn_id == "spark_default"


# ------------------------------------------------------------------ end to end


def _warehouse_digest(warehouse: Path, env) -> dict:
    """Row counts per table and partition (quarantine and ingest_runs per table: their partition
    is the ingest date, not the data's), and the sorted event ids of raw_events."""
    counts_sql = (
        "SELECT 'raw_events' AS t, CAST(dt AS STRING) AS p, count(*) AS n FROM raw_events GROUP BY 2 "
        "UNION ALL SELECT 'raw_metrics', CAST(dt AS STRING), count(*) FROM raw_metrics GROUP BY 2 "
        "UNION ALL SELECT 'quarantine', '*', count(*) FROM quarantine "
        "UNION ALL SELECT 'ingest_runs', status, count(*) FROM ingest_runs GROUP BY 2 ORDER BY 1, 2")
    counts = opslake("query", "--warehouse", str(warehouse), "--format", "csv", "-e", counts_sql, env=env).stdout
    ids_file = warehouse.parent / f"{warehouse.name}-event-ids.csv"
    opslake("query", "--warehouse", str(warehouse), "--format", "csv", "--out", str(ids_file), "-e",
            "SELECT event_id FROM raw_events ORDER BY event_id", env=env)
    ids = [row["event_id"] for row in csv.DictReader(ids_file.open())]
    return {"counts": list(csv.reader(io.StringIO(counts)))[1:], "event_ids": ids}


def test_airflow_dags_test_runs_the_nightly_like_the_local_runner(airflow_home):
    home, env = airflow_home
    airflow = str(VENV_BIN / "airflow")
    migrate = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True, text=True)
    assert migrate.returncode == 0, migrate.stderr[-4000:]
    for date in DATES:
        run = subprocess.run([airflow, "dags", "test", "nightly", date], env=env, capture_output=True, text=True)
        output = run.stdout + run.stderr
        assert run.returncode == 0, output[-6000:]
        assert "spark-submit --master local[2]" in output, output[-6000:]
        assert f"--input {SAMPLE}/dt={date} --warehouse {home / 'airflow-warehouse'}" in output

    local_warehouse = home / "local-warehouse"
    local = opslake("workflow", "run", "nightly", "--from", DATES[0], "--to", DATES[1], "--config",
                    str(home / "opslake.yaml"), "--warehouse", str(local_warehouse), env=env)
    assert "workflow nightly: 2 succeeded, 0 already done, 0 failed" in local.stdout

    from_airflow = _warehouse_digest(home / "airflow-warehouse", env)
    from_runner = _warehouse_digest(local_warehouse, env)
    assert from_airflow["counts"] == from_runner["counts"]
    assert ["ingest_runs", "succeeded", "2"] in from_airflow["counts"]
    assert ["raw_events", "2026-10-01", "21090"] in from_airflow["counts"]
    assert len(from_airflow["event_ids"]) == len(set(from_airflow["event_ids"])) > 40000
    assert from_airflow["event_ids"] == from_runner["event_ids"]
