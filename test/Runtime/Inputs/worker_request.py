"""One cwm-worker request from a test's packing script: writes
OUT/NAME-request.json, runs the worker on it and exits with the status and
message of a result that is not ok."""
import json
import subprocess
import sys


def request(worker, task, out, name, body):
    body.update({"task_file": task, "result_file": f"{out}/{name}-result.json"})
    with open(f"{out}/{name}-request.json", "w") as f:
        json.dump(body, f)
    subprocess.run([worker, "--request", f"{out}/{name}-request.json"], check=True)
    result = json.load(open(f"{out}/{name}-result.json"))
    if result["status"] != "ok":
        sys.exit(f"{name}: {result['status']}: {result.get('message', '')}")
