"""Microsoft's Azure CLI with its azure-devops extension (az devops, az boards) against the emulator.

Debian's python3-azext-devops is that extension (on Microsoft's Python client) and pulls in
python3-azure-cli; the commands run in this one process (the CLI's first command loads its
command table, a few seconds), exactly as `az ... --org URL` runs them. PythonClientCompatTest
runs it; by hand, against a running emulator:

    AZDO_ORG_URL=http://127.0.0.1:8080/demo AZURE_DEVOPS_EXT_PAT=emulator-pat \
        /usr/bin/python3 -m unittest -v az_boards_compat

AZURE_CONFIG_DIR and AZURE_DEVOPS_CACHE_DIR should name empty folders.
"""

import contextlib
import io
import json
import logging
import os
import unittest
import uuid

os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "false"
from azure.cli.core import get_default_cli  # noqa: E402  (after the telemetry switch)

ORG_URL = os.environ["AZDO_ORG_URL"]
PROJECT = os.environ.get("AZDO_PROJECT", "Demo")
TEAM = PROJECT + " Team"
RUN = uuid.uuid4().hex[:8]


def az(*args):
    """Runs one az command; returns its exit code, its JSON output (or None) and its errors."""
    out, err = io.StringIO(), io.StringIO()
    # The CLI logs its errors to handlers bound to stderr on its first command; a handler of our
    # own on its logger ("cli") catches them on every command.
    caught = logging.StreamHandler(err)
    caught.setLevel(logging.ERROR)
    caught.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    cli_logger = logging.getLogger("cli")
    cli_logger.addHandler(caught)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            rc = get_default_cli().invoke(
                list(args) + ["--org", ORG_URL, "-o", "json"], out_file=out
            )
    finally:
        cli_logger.removeHandler(caught)
    text = out.getvalue().strip()
    return rc, json.loads(text) if text else None, err.getvalue()


def ok(*args):
    rc, result, err = az(*args)
    if rc != 0:
        raise AssertionError("az %s failed (%d): %s" % (" ".join(args), rc, err))
    return result


class AzBoardsCompat(unittest.TestCase):
    def test_project_and_team_are_shown(self):
        project = ok("devops", "project", "show", "--project", PROJECT)
        self.assertEqual(PROJECT, project["name"])
        self.assertEqual("wellFormed", project["state"])
        teams = ok("devops", "team", "list", "--project", PROJECT)
        self.assertIn(TEAM, [t["name"] for t in teams])

    def test_work_item_is_created_updated_linked_and_queried(self):
        title = "az task " + RUN
        child = ok("boards", "work-item", "create", "--project", PROJECT, "--type", "Task",
                   "--title", title, "--fields", "Microsoft.VSTS.Common.Priority=1")
        self.assertEqual(1, child["fields"]["Microsoft.VSTS.Common.Priority"])
        parent = ok("boards", "work-item", "create", "--project", PROJECT,
                    "--type", "User Story", "--title", "az story " + RUN)
        updated = ok("boards", "work-item", "update", "--id", str(child["id"]),
                     "--state", "Active", "--discussion", "started from az")
        self.assertEqual("Active", updated["fields"]["System.State"])
        self.assertEqual("started from az", updated["fields"]["System.History"])
        linked = ok("boards", "work-item", "relation", "add", "--id", str(child["id"]),
                    "--relation-type", "parent", "--target-id", str(parent["id"]))
        self.assertEqual(parent["id"], linked["fields"]["System.Parent"])
        self.assertEqual(["Parent"], [r["rel"] for r in linked["relations"]])
        found = ok("boards", "query", "--project", PROJECT, "--wiql",
                   "SELECT [System.Id], [System.Title] FROM WorkItems"
                   " WHERE [System.Title] = '%s'" % title)
        self.assertEqual([(child["id"], title)],
                         [(w["id"], w["fields"]["System.Title"]) for w in found])

    def test_unknown_work_item_fails_with_the_service_message(self):
        rc, result, err = az("boards", "work-item", "show", "--id", "2000000000")
        self.assertEqual(1, rc)
        self.assertIsNone(result)
        self.assertIn("ERROR: TF401232: Work item 2000000000 does not exist", err)

    def test_team_area_is_added_and_removed(self):
        name = "az area " + RUN
        ok("boards", "area", "project", "create", "--project", PROJECT, "--name", name)
        path = "\\%s\\%s" % (PROJECT, name)
        ok("boards", "area", "team", "add", "--project", PROJECT, "--team", TEAM,
           "--path", path, "--include-sub-areas", "true")
        areas = ok("boards", "area", "team", "list", "--project", PROJECT, "--team", TEAM)
        self.assertIn({"value": PROJECT + "\\" + name, "includeChildren": True}, areas["values"])
        self.assertEqual(PROJECT, areas["defaultValue"])
        ok("boards", "area", "team", "remove", "--project", PROJECT, "--team", TEAM,
           "--path", path)
        areas = ok("boards", "area", "team", "list", "--project", PROJECT, "--team", TEAM)
        self.assertNotIn(PROJECT + "\\" + name, [v["value"] for v in areas["values"]])

    def test_team_default_iteration_is_set_and_shown(self):
        sprints = ok("boards", "iteration", "team", "list", "--project", PROJECT, "--team", TEAM)
        last = sprints[-1]
        ok("boards", "iteration", "team", "set-default-iteration", "--project", PROJECT,
           "--team", TEAM, "--id", last["id"])
        shown = ok("boards", "iteration", "team", "show-default-iteration", "--project", PROJECT,
                   "--team", TEAM)
        self.assertEqual(last["id"], shown["defaultIteration"]["id"])
        self.assertEqual(last["path"], shown["defaultIteration"]["path"])
        back = ok("boards", "iteration", "team", "set-default-iteration", "--project", PROJECT,
                  "--team", TEAM, "--default-iteration-macro", "@CurrentIteration")
        self.assertEqual("@currentIteration", back["defaultIterationMacro"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
