package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlValues.*;

import dev.azdo.emulator.model.Directory;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.wiql.WiqlEngine.Groups;
import dev.azdo.emulator.wiql.WiqlEngine.Options;
import dev.azdo.emulator.wiql.WiqlQuery.Macro;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What WIQL's macros (@Me, @project, @Today, @StartOf*, @CurrentIteration) and identities mean in
 * one run.
 */
final class WiqlMacros {
  private static final Pattern MACRO_OFFSET =
      Pattern.compile("\\s*([+-]?)\\s*(\\d{1,6})\\s*([dwmyDWMY])\\s*");

  private final Options o;
  private final boolean dayPrecision;
  private final Directory directory;
  private final Groups groups;

  WiqlMacros(Options o, boolean dayPrecision, Directory directory, Groups groups) {
    this.o = o;
    this.dayPrecision = dayPrecision;
    this.directory = directory;
    this.groups = groups;
  }

  /** The value a macro stands for, compared as a field of kind k (reference name ref). */
  Object macro(Kind k, String ref, Macro m) {
    String name = m.name().toLowerCase(Locale.ROOT);
    switch (name) {
      case "me":
        Identity me = o.me();
        if (me == null) {
          throw WiqlException.causedBy(
              "The @Me macro needs a signed-in user.", m.position(), m.written());
        }
        return k == Kind.IDENTITY
            ? identity(me.combinedName())
            : me.displayName().toLowerCase(Locale.ROOT);
      case "project":
        if (o.project() == null) {
          // Without a project in the route the service has nothing to put for @project.
          throw WiqlException.causedBy(
              "The @project macro requires a project context; call the project-scoped URL.",
              m.position(),
              m.written());
        }
        return o.project().toLowerCase(Locale.ROOT);
      case "today", "startofday", "startofweek", "startofmonth", "startofyear":
        if (k != Kind.DATE) {
          throw WiqlException.causedBy(
              "The macro can only be compared with a date field.", m.position(), m.written());
        }
        LocalDate today = LocalDate.ofInstant(o.now(), ZoneOffset.UTC);
        LocalDate day =
            switch (name) {
              case "startofweek" ->
                  today
                      .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
                      .plusWeeks(m.offset());
              case "startofmonth" -> today.withDayOfMonth(1).plusMonths(m.offset());
              case "startofyear" -> today.withDayOfYear(1).plusYears(m.offset());
              default -> today.plusDays(m.offset());
            };
        if (m.argument() != null) {
          if (name.equals("today")) {
            throw WiqlException.causedBy("The macro takes no argument.", m.position(), m.written());
          }
          day = shifted(day, m);
        }
        return dayPrecision ? day : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      case "currentiteration":
        if (k != Kind.PATH || !ref.equalsIgnoreCase("System.IterationPath")) {
          throw WiqlException.causedBy(
              "The @CurrentIteration macro can only be used with the Iteration Path field.",
              m.position(),
              m.written());
        }
        if (groups == null || (o.project() == null && m.argument() == null)) {
          throw WiqlException.causedBy(
              "The @CurrentIteration macro requires a team context; call the project-scoped URL"
                  + " or name the team: @CurrentIteration('[Project]\\Team').",
              m.position(),
              m.written());
        }
        String current;
        try {
          current =
              groups.currentIteration(
                  o.project(),
                  m.argument() == null ? o.team() : m.argument(),
                  LocalDate.ofInstant(o.now(), ZoneOffset.UTC),
                  m.offset());
        } catch (IllegalArgumentException unknownTeam) {
          throw WiqlException.causedBy(unknownTeam.getMessage(), m.position(), m.written());
        }
        // A team without an iteration today matches nothing (a path cannot contain a tab).
        return current == null ? "\t" : current.toLowerCase(Locale.ROOT);
      default:
        throw WiqlException.causedBy(
            "The macro is not supported by this emulator.", m.position(), m.written());
    }
  }

  // @StartOfDay('-3d'), @StartOfWeek('+1w'), @StartOfMonth('-2M'), @StartOfYear('+1y').
  private LocalDate shifted(LocalDate day, Macro m) {
    java.util.regex.Matcher a = MACRO_OFFSET.matcher(m.argument());
    if (!a.matches()) {
      throw WiqlException.causedBy(
          "Expecting an offset such as '-3d', '+1w', '-2M' or '+1y'.", m.position(), m.written());
    }
    long n = Long.parseLong(a.group(2)) * (a.group(1).equals("-") ? -1 : 1);
    return switch (Character.toLowerCase(a.group(3).charAt(0))) {
      case 'w' -> day.plusWeeks(n);
      case 'm' -> day.plusMonths(n);
      case 'y' -> day.plusYears(n);
      default -> day.plusDays(n);
    };
  }

  /** Every form an identity operand matches: as written, and the directory's names for it. */
  IdentityMatch identity(String text) {
    Set<String> forms = new LinkedHashSet<>(identityForms(text.toLowerCase(Locale.ROOT)));
    Identity who = directory == null ? null : directory.resolve(text);
    if (who != null) {
      forms.add(who.displayName().toLowerCase(Locale.ROOT));
      forms.add(who.uniqueName().toLowerCase(Locale.ROOT));
      forms.add(who.combinedName().toLowerCase(Locale.ROOT));
    }
    return new IdentityMatch(forms);
  }
}
