"""Microsoft's Python client for Azure DevOps, unchanged, against the emulator.

Debian's python3-azext-devops vendors Microsoft's client (the azure-devops package on PyPI) as
azext_devops.devops_sdk; this script drives it exactly as a user's script drives
https://dev.azure.com/ORG. PythonClientCompatTest (JUnit) starts the emulator and runs it with
/usr/bin/python3; by hand, against a running emulator:

    AZDO_ORG_URL=http://127.0.0.1:8080/demo AZDO_PAT=emulator-pat AZDO_PROJECT=Demo \
        /usr/bin/python3 -m unittest -v devops_sdk_compat

AZURE_DEVOPS_CACHE_DIR should name an empty folder: the client caches each server's resource areas
and locations on disk for 12 hours.
"""

import io
import os
import unittest
import uuid

from azext_devops.devops_sdk.connection import Connection
from azext_devops.devops_sdk.exceptions import (
    AzureDevOpsAuthenticationError,
    AzureDevOpsServiceError,
)
from azext_devops.devops_sdk.v6_0.work.models import TeamContext
from msrest.authentication import BasicAuthentication

ORG_URL = os.environ["AZDO_ORG_URL"]
PAT = os.environ["AZDO_PAT"]
PROJECT = os.environ.get("AZDO_PROJECT", "Demo")
# Names unique per run, so the script also runs against a persisted (--data) emulator.
RUN = uuid.uuid4().hex[:8]

SDK = "azext_devops.devops_sdk.v6_0."
CORE = SDK + "core.core_client.CoreClient"
WIT = SDK + "work_item_tracking.work_item_tracking_client.WorkItemTrackingClient"
IDENTITY = SDK + "identity.identity_client.IdentityClient"
LOCATION = SDK + "location.location_client.LocationClient"
WORK = SDK + "work.work_client.WorkClient"


def connect(pat):
    return Connection(base_url=ORG_URL, creds=BasicAuthentication("", pat))


def op(path, value, kind="add"):
    # A plain dict is what users pass; the client serializes it as a JsonPatchOperation.
    return {"op": kind, "path": path, "value": value}


class PythonClientCompat(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.connection = connect(PAT)
        cls.core = cls.connection.get_client(CORE)
        cls.wit = cls.connection.get_client(WIT)

    def create_task(self, title, *more):
        return self.wit.create_work_item(
            [op("/fields/System.Title", title), *more], PROJECT, "Task"
        )

    def test_core_client_lists_the_seeded_project(self):
        projects = self.core.get_projects()
        by_name = {p.name: p for p in projects}
        self.assertIn(PROJECT, by_name, [p.name for p in projects])
        project = by_name[PROJECT]
        self.assertEqual("wellFormed", project.state)
        self.assertEqual(str(uuid.UUID(project.id)), project.id.lower())
        self.assertEqual(project.id, self.core.get_project(PROJECT).id)

    def test_project_properties_are_read_and_set(self):
        project = self.core.get_project(PROJECT)
        props = {p.name: p.value for p in self.core.get_project_properties(project.id)}
        self.assertEqual(project.default_team.id, props["System.Microsoft.TeamFoundation.Team.Default"])
        process = props["System.ProcessTemplateType"]
        self.assertIn(process, [p.id for p in self.core.get_processes()])
        alias = "Alias" + RUN
        self.core.set_project_properties(project.id, [op("/" + alias, "py")])
        got = self.core.get_project_properties(project.id, keys=[alias, "System.Process?Template"])
        self.assertEqual(
            {alias: "py", "System.Process Template": props["System.Process Template"]},
            {p.name: p.value for p in got},
        )
        self.core.set_project_properties(project.id, [{"op": "remove", "path": "/" + alias}])
        self.assertEqual([], self.core.get_project_properties(project.id, keys=[alias]))

    def test_connection_data_names_the_signed_in_user(self):
        data = self.connection.get_client(LOCATION).get_connection_data()
        self.assertEqual("hosted", data.deployment_type)
        user = data.authenticated_user
        self.assertTrue(user.is_active)
        self.assertEqual(user.id, data.authorized_user.id)
        self.assertEqual(str(uuid.UUID(user.id)), user.id.lower())

    def test_identity_client_finds_a_user_by_name(self):
        # The identity client is routed by the IMS area's id in _apis/resourceAreas: an unknown id
        # sends it to app.vssps.visualstudio.com instead.
        me = self.connection.get_client(LOCATION).get_connection_data().authenticated_user
        identities = self.connection.get_client(IDENTITY).read_identities(
            search_filter="General", filter_value=me.provider_display_name
        )
        self.assertEqual([me.id], [i.id for i in identities])
        self.assertEqual(me.provider_display_name, identities[0].provider_display_name)

    def test_work_item_is_created_and_read_back(self):
        title = "Python task " + RUN
        created = self.create_task(
            title, op("/fields/System.Description", "<p>from Python</p>")
        )
        self.assertGreater(created.id, 0)
        self.assertEqual(1, created.rev)
        self.assertEqual("Task", created.fields["System.WorkItemType"])
        self.assertEqual("New", created.fields["System.State"])
        read = self.wit.get_work_item(created.id, PROJECT)
        self.assertEqual(created.id, read.id)
        self.assertEqual(title, read.fields["System.Title"])
        self.assertEqual("<p>from Python</p>", read.fields["System.Description"])
        self.assertEqual(PROJECT, read.fields["System.TeamProject"])
        updated = self.wit.update_work_item(
            [op("/fields/System.State", "Active")], created.id, PROJECT
        )
        self.assertEqual(2, updated.rev)
        self.assertEqual("Active", updated.fields["System.State"])

    def test_comment_is_added_updated_and_its_versions_listed(self):
        item = self.create_task("Commented " + RUN)
        comment = self.wit.add_comment({"text": "first words"}, PROJECT, item.id)
        self.assertEqual("first words", comment.text)
        self.assertEqual(item.id, comment.work_item_id)
        self.assertEqual(1, comment.version)
        listed = self.wit.get_comments(PROJECT, item.id)
        self.assertEqual(1, listed.total_count)
        self.assertEqual([comment.id], [c.id for c in listed.comments])
        edited = self.wit.update_comment(
            {"text": "second words"}, PROJECT, item.id, comment.id
        )
        self.assertEqual(2, edited.version)
        self.assertEqual("second words", edited.text)
        versions = self.wit.get_comment_versions(PROJECT, item.id, comment.id)
        self.assertEqual(
            [(1, "first words"), (2, "second words")],
            [(v.version, v.text) for v in versions],
        )
        first = self.wit.get_comment_version(PROJECT, item.id, comment.id, 1)
        self.assertEqual("first words", first.text)

    def test_comment_reactions_are_added_listed_and_withdrawn(self):
        item = self.create_task("Reacted " + RUN)
        comment = self.wit.add_comment({"text": "ship it"}, PROJECT, item.id)
        liked = self.wit.create_comment_reaction(PROJECT, item.id, comment.id, "like")
        self.assertEqual((comment.id, "like", 1, True),
                         (liked.comment_id, liked.type, liked.count, liked.is_current_user_engaged))
        self.wit.create_comment_reaction(PROJECT, item.id, comment.id, "heart")
        listed = self.wit.get_comment_reactions(PROJECT, item.id, comment.id)
        self.assertEqual([("like", 1), ("heart", 1)], [(r.type, r.count) for r in listed])
        users = self.wit.get_engaged_users(PROJECT, item.id, comment.id, "like")
        me = self.connection.get_client(LOCATION).get_connection_data().authenticated_user
        self.assertEqual([me.id], [u.id for u in users])
        gone = self.wit.delete_comment_reaction(PROJECT, item.id, comment.id, "heart")
        self.assertEqual((0, False), (gone.count, gone.is_current_user_engaged))
        expanded = self.wit.get_comment(PROJECT, item.id, comment.id, expand="reactions")
        self.assertEqual(["like"], [r.type for r in expanded.reactions])

    def test_team_settings_and_areas_change_as_az_boards_changes_them(self):
        # The calls of az boards iteration team set-default-iteration and area team add.
        work = self.connection.get_client(WORK)
        team = TeamContext(project=PROJECT, team=PROJECT + " Team")
        sprint = work.get_team_iterations(team)[0]
        fixed = work.update_team_settings({"defaultIteration": sprint.id}, team)
        self.assertEqual(sprint.id, fixed.default_iteration.id)
        self.assertIsNone(fixed.default_iteration_macro)
        back = work.update_team_settings({"defaultIterationMacro": "@CurrentIteration"}, team)
        self.assertEqual("@currentIteration", back.default_iteration_macro)
        areas = work.get_team_field_values(team)
        self.assertEqual(PROJECT, areas.default_value)
        patch = {
            "defaultValue": areas.default_value,
            "values": [{"value": v.value, "includeChildren": v.include_children} for v in areas.values]
            + [{"value": "\\" + PROJECT, "includeChildren": True}],
        }
        with self.assertRaises(AzureDevOpsServiceError) as twice:
            work.update_team_field_values(patch, team)
        self.assertIn("listed more than once", str(twice.exception))
        patch["values"] = [{"value": PROJECT, "includeChildren": False}]
        updated = work.update_team_field_values(patch, team)
        self.assertEqual([(PROJECT, False)], [(v.value, v.include_children) for v in updated.values])
        patch["values"] = [{"value": PROJECT, "includeChildren": True}]
        work.update_team_field_values(patch, team)

    def test_tags_of_work_items_are_listed(self):
        tag = "py-" + RUN
        self.create_task("Tagged " + RUN, op("/fields/System.Tags", tag + "; shared"))
        tags = {t.name: t for t in self.wit.get_tags(PROJECT)}
        self.assertIn(tag, tags)
        self.assertIn("shared", tags)
        self.assertEqual(str(uuid.UUID(tags[tag].id)), tags[tag].id.lower())
        self.assertEqual(tags[tag].id, self.wit.get_tag(PROJECT, tag).id)

    def test_attachment_is_linked_as_attached_file(self):
        data = ("attached from Python " + RUN).encode("utf-8")
        ref = self.wit.create_attachment(io.BytesIO(data), PROJECT, file_name="notes.txt")
        # As from the service: the attachment's URL with ?fileName=, which users link as it is.
        self.assertTrue(ref.url.endswith("/_apis/wit/attachments/" + ref.id + "?fileName=notes.txt"))
        bare = ref.url.split("?")[0]
        item = self.create_task("With attachment " + RUN)
        relation = {
            "rel": "AttachedFile",
            "url": ref.url,
            "attributes": {"comment": "spec"},
        }
        self.wit.update_work_item([op("/relations/-", relation)], item.id, PROJECT)
        read = self.wit.get_work_item(item.id, PROJECT, expand="Relations")
        self.assertEqual(1, len(read.relations), read.relations)
        attached = read.relations[0]
        self.assertEqual("AttachedFile", attached.rel)
        # The service keeps the attachment's own URL, without the ?fileName= the client sent.
        self.assertEqual(bare, attached.url)
        attrs = attached.attributes
        self.assertEqual(
            {
                "authorizedDate",
                "comment",
                "id",
                "name",
                "resourceCreatedDate",
                "resourceModifiedDate",
                "resourceSize",
                "revisedDate",
            },
            set(attrs),
        )
        self.assertEqual("notes.txt", attrs["name"])
        self.assertEqual("spec", attrs["comment"])
        self.assertEqual(len(data), attrs["resourceSize"])
        self.assertIsInstance(attrs["id"], int)
        self.assertEqual("9999-01-01T00:00:00Z", attrs["revisedDate"])
        content = b"".join(self.wit.get_attachment_content(ref.id, PROJECT))
        self.assertEqual(data, content)

    def test_the_client_keeps_its_session_id_across_calls(self):
        # The client sends X-TFS-Session and stores whatever comes back as its session; the
        # service echoes it, so one session spans all of a script's calls.
        from azext_devops.devops_sdk.client import Client

        key = Client._session_header_key
        sent = Client._session_data[key]
        self.core.get_projects()
        self.wit.get_work_item_types(PROJECT)
        self.assertEqual(sent, Client._session_data[key])

    def test_unknown_work_item_raises_the_service_error(self):
        with self.assertRaises(AzureDevOpsServiceError) as raised:
            self.wit.get_work_item(2000000000, PROJECT)
        self.assertIn("TF401232", str(raised.exception))

    def test_wrong_pat_raises_the_authentication_error(self):
        wrong = connect("not-the-" + RUN)
        with self.assertRaises(AzureDevOpsAuthenticationError) as raised:
            wrong.authenticate()
        self.assertIn("requires user authentication", str(raised.exception))
        with self.assertRaises(AzureDevOpsAuthenticationError):
            wrong.get_client(CORE).get_projects()


if __name__ == "__main__":
    unittest.main(verbosity=2)
