package dev.azdo.pipeline.endpoint;

import static dev.azdo.pipeline.endpoint.AzdoWriters.orNull;

import dev.azdo.client.Process;
import dev.azdo.client.Project;
import dev.azdo.client.Team;
import dev.azdo.pipeline.endpoint.AzdoWriters.Context;
import java.util.List;
import java.util.Locale;

/** The writers of the create-, update- and delete-project and -team endpoints. */
final class ProjectTeamWriters {
  private ProjectTeamWriters() {}

  /** create-project: a project with the row's (or the default) process. */
  static final class CreateProject implements EndpointWriter {
    private final Context c;
    private volatile List<Process> processes;

    CreateProject(Context c) {
      this.c = c;
    }

    private Process process(EndpointRow row) {
      if (processes == null) {
        processes = c.client().listProcesses();
      }
      String wanted = row.get("Process") != null ? row.get("Process") : c.defaultProcess();
      for (Process p : processes) {
        if (wanted == null
            ? p.isDefault()
            : wanted.equalsIgnoreCase(p.name()) || wanted.equalsIgnoreCase(p.id())) {
          return p;
        }
      }
      throw new RowRejected(
          "Process",
          (wanted == null
                  ? "the organization has no default process"
                  : "process \"" + wanted + "\" does not exist")
              + " (processes: "
              + String.join(", ", processes.stream().map(Process::name).toList())
              + ")");
    }

    @Override
    public String write(EndpointRow row) {
      String visibility = row.get("Visibility");
      if (visibility != null
          && !visibility.equalsIgnoreCase("private")
          && !visibility.equalsIgnoreCase("public")) {
        throw new RowRejected(
            "Visibility", "\"" + visibility + "\" is not a visibility (use private or public)");
      }
      Process process = process(row);
      Project p =
          c.client()
              .createProject(
                  row.get("Name"),
                  row.get("Description"),
                  process.id(),
                  visibility == null ? null : visibility.toLowerCase(Locale.ROOT));
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      Project p = orNull(() -> c.client().getProject(row.get("Name")));
      return p == null ? null : p.id();
    }
  }

  private static Project project(Context c, EndpointRow row) {
    Project p = orNull(() -> c.client().getProject(row.get("Name")));
    if (p == null) {
      throw new RowRejected("Name", "project \"" + row.get("Name") + "\" does not exist");
    }
    return p;
  }

  /** update-project: renames a project or changes its description. */
  static final class UpdateProject implements EndpointWriter {
    private final Context c;

    UpdateProject(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      if (row.get("NewName") == null && row.get("Description") == null) {
        throw new RowRejected(null, "nothing to change: NewName and Description are empty");
      }
      Project p = project(c, row);
      c.client().updateProject(p.id(), row.get("NewName"), row.get("Description"));
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      if (row.get("NewName") == null) {
        return null;
      }
      // A rename whose answer was lost is done when the new name exists and the old one not.
      Project renamed = orNull(() -> c.client().getProject(row.get("NewName")));
      Project old = orNull(() -> c.client().getProject(row.get("Name")));
      return renamed != null && old == null ? renamed.id() : null;
    }
  }

  /** delete-project: deletes the project the row names. */
  static final class DeleteProject implements EndpointWriter {
    private final Context c;

    DeleteProject(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      Project p = project(c, row);
      c.client().deleteProject(p.id());
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      return orNull(() -> c.client().getProject(row.get("Name"))) == null ? row.get("Name") : null;
    }
  }

  private static Team team(Context c, String name) {
    for (Team t : c.client().listTeams(c.project())) {
      if (name.equalsIgnoreCase(t.name()) || name.equalsIgnoreCase(t.id())) {
        return t;
      }
    }
    return null;
  }

  /** create-team: a team in the job's project. */
  static final class CreateTeam implements EndpointWriter {
    private final Context c;

    CreateTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      return c.client().createTeam(c.project(), row.get("Name"), row.get("Description")).id();
    }

    @Override
    public String findDone(EndpointRow row) {
      Team t = team(c, row.get("Name"));
      return t == null ? null : t.id();
    }
  }

  /** update-team: renames a team or changes its description. */
  static final class UpdateTeam implements EndpointWriter {
    private final Context c;

    UpdateTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      if (row.get("NewName") == null && row.get("Description") == null) {
        throw new RowRejected(null, "nothing to change: NewName and Description are empty");
      }
      Team t = team(c, row.get("Name"));
      if (t == null) {
        throw new RowRejected(
            "Name", "team \"" + row.get("Name") + "\" does not exist in project " + c.project());
      }
      return c.client()
          .updateTeam(c.project(), t.id(), row.get("NewName"), row.get("Description"))
          .id();
    }

    @Override
    public String findDone(EndpointRow row) {
      if (row.get("NewName") == null) {
        return null;
      }
      Team renamed = team(c, row.get("NewName"));
      return renamed != null && team(c, row.get("Name")) == null ? renamed.id() : null;
    }
  }

  /** delete-team: deletes the team the row names. */
  static final class DeleteTeam implements EndpointWriter {
    private final Context c;

    DeleteTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      Team t = team(c, row.get("Name"));
      if (t == null) {
        throw new RowRejected(
            "Name", "team \"" + row.get("Name") + "\" does not exist in project " + c.project());
      }
      c.client().deleteTeam(c.project(), t.id());
      return t.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      return team(c, row.get("Name")) == null ? row.get("Name") : null;
    }
  }
}
